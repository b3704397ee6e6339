"""Priorities and the training plan: filtered gap pairs and the planner's choices in, what to train first out.

The Priorities & training plan page shows a :class:`PrioritiesView`; the Overview lists its
top priorities; every report lays out its plan. The planner's choices (:class:`PlanChoices`,
for now how many top priorities the plan covers) travel with the view, so an export says
exactly what the page says. In anonymised views (``min_group`` > 0) every figure of a skill
rated by fewer people is hidden, and so are its cohort's teams and names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics import plans
from analytics.framework import Framework
from analytics.privacy import hide_small
from analytics.views import fields as f
from analytics.views.names import framework_names, label, with_names

# How many priorities the Overview (and the reports' summary) lists.
TOP_PRIORITIES: Final = 5
# How many top priorities the training plan covers unless the planner chooses otherwise.
DEFAULT_PLAN_SKILLS: Final = 5
# Names listed per cohort, the people with the largest weighted shortfall first.
COHORT_NAMES: Final = 25
NAME_SEPARATOR: Final = "; "

PRIORITY_NOTE: Final = (
    "Priority is the mean of importance (1 to 3) x shortfall over everyone rated on the skill: "
    "a critical skill where many fall short ranks first."
)
_FIGURES: Final = (g.PRIORITY, c.IMPORTANCE, g.MEAN_SHORTFALL, g.PEOPLE_AFFECTED, g.N_PAIRS, g.N_PEOPLE)
_MEAN_IMPORTANCE: Final = {
    c.IMPORTANCE: f.Field("Mean importance", f.SCORE, "1 nice to have, 2 important, 3 critical")
}


@dataclass(frozen=True)
class PlanChoices:
    """What the planner chose on the Priorities page: how many top priorities the plan covers."""

    top: int = DEFAULT_PLAN_SKILLS


DEFAULT_CHOICES: Final = PlanChoices()


@dataclass(frozen=True)
class TrainingPlan:
    """The suggested learning action for each planned skill, its cohort and its hours.

    ``top`` is how many top priorities were asked for (fewer rows when fewer skills have
    anyone below target); ``hours_each`` adds the suggested actions' hours for one person;
    ``total_hours`` is each action taken once by everyone below target (None when hidden).
    """

    table: f.Table
    top: int
    hours_each: float
    total_hours: float | None

    @property
    def actions(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class PrioritiesView:
    """What the Priorities & training plan page shows: every skill ranked, cohorts and the plan."""

    ranked: f.Table
    cohorts: f.Table
    plan: TrainingPlan


def priorities_view(
    pairs: pd.DataFrame, framework: Framework, choices: PlanChoices = DEFAULT_CHOICES, min_group: int = 0
) -> PrioritiesView:
    raw = ranked_priorities(pairs, framework)
    cohort = cohorts(pairs, framework, min_group)
    shown = hide_small(raw, g.N_PEOPLE, _FIGURES, min_group)
    ranked = f.Table(
        "Ranked priorities",
        shown,
        (
            f.RANK,
            f.SKILL,
            f.AREA,
            g.PRIORITY,
            c.IMPORTANCE,
            g.MEAN_SHORTFALL,
            g.PEOPLE_AFFECTED,
            g.N_PEOPLE,
            g.N_PAIRS,
        ),
        PRIORITY_NOTE,
        _MEAN_IMPORTANCE,
    )
    cohort_table = f.Table(
        "Cohorts: people who share a gap",
        cohort,
        (f.SKILL, f.AREA, f.PEOPLE, f.TEAMS, g.MEAN_SHORTFALL, f.NAMES),
        "Everyone below their role's target on a skill, so one training serves them all; the largest "
        f"cohort first. Up to {COHORT_NAMES} names are listed, the largest weighted shortfall first.",
        {f.PEOPLE: f.Field("People below target", f.COUNT)},
    )
    return PrioritiesView(ranked, cohort_table, training_plan(raw, cohort, framework, choices, min_group))


def ranked_priorities(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Skills ranked by priority (see :func:`analytics.gaps.priorities`) with names and a rank."""
    ranked = with_names(g.priorities(pairs), framework)
    ranked.insert(0, f.RANK, np.arange(1, len(ranked) + 1))
    return ranked


def top_priorities(ranked: pd.DataFrame, top: int = TOP_PRIORITIES) -> pd.DataFrame:
    """The ``top`` highest of the ranked rows that someone falls short on.

    A skill nobody is below target on has priority 0: there is nothing to train, so it is
    left out rather than padding the list (the result may hold fewer than ``top`` rows). A
    skill whose figures are hidden is left out too.
    """
    keep = (ranked[g.PEOPLE_AFFECTED].fillna(0) > 0) & (ranked[g.PRIORITY].fillna(0) > 0)
    return ranked[keep.to_numpy(dtype=bool)].head(top).reset_index(drop=True)


def top_priorities_table(ranked: pd.DataFrame, min_group: int = 0, top: int = TOP_PRIORITIES) -> f.Table:
    """:func:`top_priorities` of :func:`ranked_priorities`, figures of small groups hidden, numbered 1 to n."""
    shown = top_priorities(hide_small(ranked, g.N_PEOPLE, _FIGURES, min_group), top)
    shown[f.RANK] = np.arange(1, len(shown) + 1)
    return f.Table(
        "Top priorities",
        shown,
        (f.RANK, f.SKILL, f.AREA, g.PRIORITY, c.IMPORTANCE, g.MEAN_SHORTFALL, g.PEOPLE_AFFECTED, g.N_PEOPLE),
        f"Up to {top} skills with the highest priority that someone falls short on. {PRIORITY_NOTE}",
        _MEAN_IMPORTANCE,
    )


def cohorts(pairs: pd.DataFrame, framework: Framework, min_group: int = 0) -> pd.DataFrame:
    """People who share a gap: per skill, who is below target, so one training serves them.

    Columns: ``skill_id``, ``area_id``, ``skill``, ``area``, ``people`` (below target),
    ``n_teams``, ``teams`` ("Growth (3), Care (2)": people below target per team, most
    first), ``names`` (the first :data:`COHORT_NAMES` by weighted shortfall, then name,
    then "and N more") and ``mean_shortfall`` among them. Largest cohort first; skills
    nobody falls short on are left out. With ``min_group``, a skill rated by fewer people
    has its figures, teams and names hidden, and a team rated by fewer on the skill is left
    out of its teams.
    """
    short = pairs[(pairs[c.SHORTFALL] > 0).to_numpy(dtype=bool)]
    skill, skills = k.factorize(short[c.SKILL_ID])
    person, people = k.factorize(short[c.RESPONDENT_ID])
    sizes = (len(skills), len(people))
    first = ~k.duplicated(k.mixed_key((skill, sizes[0]), (person, sizes[1])), k.key_space(*sizes))
    short = short[first].astype({c.NAME: object, c.TEAM: object})
    short = short.sort_values(
        [c.SKILL_ID, c.WEIGHTED_SHORTFALL, c.NAME], ascending=[True, False, True], kind="stable"
    )
    grouped = short.groupby(c.SKILL_ID, observed=True, sort=True)
    out = grouped.agg(
        **{
            c.AREA_ID: (c.AREA_ID, "first"),
            f.PEOPLE: (c.RESPONDENT_ID, "size"),
            f.N_TEAMS: (c.TEAM, "nunique"),
            g.MEAN_SHORTFALL: (c.SHORTFALL, "mean"),
        }
    )
    listed = grouped.head(COHORT_NAMES).groupby(c.SKILL_ID, observed=True)[c.NAME].agg(NAME_SEPARATOR.join)
    more = out[f.PEOPLE] - COHORT_NAMES
    more_text = more.map("{:,}".format).astype(object)  # object even when empty: nobody below target
    suffix = np.where(more > 0, NAME_SEPARATOR + "and " + more_text + " more", "")
    out[f.NAMES] = listed.reindex(out.index).fillna("") + suffix
    out[f.TEAMS] = _team_counts(pairs, short, out.index, min_group)
    out = g.ranked_rows(out.reset_index(), [f.PEOPLE, g.MEAN_SHORTFALL], ascending=False).reset_index(
        drop=True
    )
    if min_group:
        rated = pairs.groupby(pairs[c.SKILL_ID].astype(object), observed=True)[c.RESPONDENT_ID].nunique()
        out["_rated"] = out[c.SKILL_ID].astype(object).map(rated).fillna(0).to_numpy()
        small = (out["_rated"] < min_group).to_numpy()
        out.loc[small, [f.TEAMS, f.NAMES]] = ""
        out = hide_small(out, "_rated", [f.PEOPLE, f.N_TEAMS, g.MEAN_SHORTFALL], min_group).drop(
            columns="_rated"
        )
    return with_names(out, framework)


def _team_counts(pairs: pd.DataFrame, short: pd.DataFrame, skills: pd.Index, min_group: int) -> pd.Series:
    """Per skill, "Growth (3), Care (2)": people below target per team, most first.

    With ``min_group``, only teams with at least that many people rated on the skill are listed.
    A loop over skills and their teams, never over people.
    """
    counts = short.groupby([short[c.SKILL_ID].astype(object), c.TEAM], observed=True, sort=True)[
        c.RESPONDENT_ID
    ].size()
    if min_group:
        rated = pairs.groupby(
            [pairs[c.SKILL_ID].astype(object), pairs[c.TEAM].astype(object)], observed=True
        )[c.RESPONDENT_ID].nunique()
        counts = counts[rated.reindex(counts.index).fillna(0).to_numpy() >= min_group]
    text = {}
    for skill_id, per_team in counts.groupby(level=0, sort=False):
        ordered = per_team.droplevel(0).sort_values(ascending=False, kind="stable")
        text[skill_id] = ", ".join(f"{team} ({n:,})" for team, n in ordered.items())
    return pd.Series([text.get(s, "") for s in skills.astype(object)], index=skills, dtype=object)


def training_plan(
    ranked: pd.DataFrame, cohort: pd.DataFrame, framework: Framework, choices: PlanChoices, min_group: int = 0
) -> TrainingPlan:
    """The suggested learning action for each of the chosen top priorities that anyone falls short on.

    ``ranked`` from :func:`ranked_priorities` (figures not yet hidden), ``cohort`` from
    :func:`cohorts`. A skill without a learning action in the framework stays in the plan, so
    the planner sees it needs one; it adds no hours.
    """
    top = max(int(choices.top), 1)
    planned = ranked[ranked[g.PEOPLE_AFFECTED] > 0].head(top).reset_index(drop=True)
    skill_ids = planned[c.SKILL_ID].astype(object)
    actions = plans.suggested_actions(framework).set_index(c.SKILL_ID).reindex(skill_ids)
    who = cohort.assign(**{c.SKILL_ID: cohort[c.SKILL_ID].astype(object)}).set_index(c.SKILL_ID)
    hidden = hide_small(planned, g.N_PEOPLE, [g.PRIORITY, g.PEOPLE_AFFECTED, g.N_PEOPLE], min_group)
    hours = actions[plans.HOURS].to_numpy(dtype=float)
    names = framework_names(framework)
    frame = pd.DataFrame(
        {
            f.RANK: np.arange(1, len(planned) + 1),
            c.SKILL_ID: skill_ids.to_numpy(),
            f.SKILL: label(skill_ids, names.skill).to_numpy(),
            f.AREA: label(planned[c.AREA_ID], names.area).to_numpy(),
            g.PRIORITY: hidden[g.PRIORITY].to_numpy(dtype=float),
            g.PEOPLE_AFFECTED: hidden[g.PEOPLE_AFFECTED].to_numpy(dtype=float),
            g.N_PEOPLE: hidden[g.N_PEOPLE].to_numpy(dtype=float),
            f.TEAMS: who[f.TEAMS].reindex(skill_ids).fillna("").to_numpy(dtype=object),
            f.NAMES: who[f.NAMES].reindex(skill_ids).fillna("").to_numpy(dtype=object),
            plans.TITLE: actions[plans.TITLE].fillna(plans.NO_ACTION).to_numpy(dtype=object),
            plans.FORMAT: actions[plans.FORMAT].fillna("").to_numpy(dtype=object),
            plans.HOURS: hours,
            f.TOTAL_HOURS: hours * hidden[g.PEOPLE_AFFECTED].to_numpy(dtype=float),
            plans.DESCRIPTION: actions[plans.DESCRIPTION].fillna("").to_numpy(dtype=object),
            plans.ALTERNATIVES: actions[plans.ALTERNATIVES].fillna("").to_numpy(dtype=object),
        }
    )
    note = (
        f"The top {top} priorities that someone falls short on. The cohort is everyone below their "
        "role's target on the skill; the suggested action is the first one the framework lists, the "
        "others are alternatives and add no hours."
    )
    if min_group:
        note += f" Figures, teams and names of skills rated by fewer than {min_group} people are hidden."
    # Nothing to train takes 0 hours; hours hidden on every planned skill are not known (None).
    total = pd.Series(frame[f.TOTAL_HOURS]).sum(min_count=1) if len(frame) else 0.0
    table = f.Table(
        "Training plan",
        frame,
        (
            f.RANK,
            f.SKILL,
            f.AREA,
            g.PRIORITY,
            g.PEOPLE_AFFECTED,
            g.N_PEOPLE,
            f.TEAMS,
            f.NAMES,
            plans.TITLE,
            plans.FORMAT,
            plans.HOURS,
            f.TOTAL_HOURS,
            plans.DESCRIPTION,
            plans.ALTERNATIVES,
        ),
        note,
    )
    return TrainingPlan(
        table=table,
        top=top,
        hours_each=float(np.nansum(hours)),
        total_hours=None if pd.isna(total) else float(total),
    )
