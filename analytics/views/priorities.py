"""Priorities and the training plan: filtered gap pairs and the planner's choices in, what to train first out.

The Priorities & training plan page shows a :class:`PrioritiesView`; the Overview lists its
top priorities; every report lays out its plan (made by :mod:`analytics.views.plan` from the
planner's choices, which travel with the view, so an export says exactly what the page says). In anonymised views (``min_group`` > 0) every figure of a skill
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
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.privacy import hide_small
from analytics.views import fields as f
from analytics.views.formats import format_number
from analytics.views.names import framework_names, with_names
from analytics.views.plan import (
    COHORT_NAMES,
    DEFAULT_CHOICES,
    NAME_SEPARATOR,
    PlanChoices,
    TrainingPlan,
    training_plan,
)

# How many priorities the Overview (and the reports' summary) lists.
TOP_PRIORITIES: Final = 5

PRIORITY_NOTE: Final = N_(
    "Priority is the mean of importance (1 to 3) x shortfall over everyone rated on the skill: "
    "a critical skill where many fall short ranks first."
)
_FIGURES: Final = (g.PRIORITY, c.IMPORTANCE, g.MEAN_SHORTFALL, g.PEOPLE_AFFECTED, g.N_PAIRS, g.N_PEOPLE)
_MEAN_IMPORTANCE: Final = {
    c.IMPORTANCE: f.Field(N_("Mean importance"), f.SCORE, N_("1 nice to have, 2 important, 3 critical"))
}


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
        _("Ranked priorities"),
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
        _(PRIORITY_NOTE),
        _MEAN_IMPORTANCE,
    )
    cohort_table = f.Table(
        _("Cohorts: people who share a gap"),
        cohort,
        (f.SKILL, f.AREA, f.PEOPLE, f.TEAMS, g.MEAN_SHORTFALL, f.NAMES),
        _(
            "Everyone below their role's target on a skill, so one training serves them all; the largest "
            "cohort first. Up to {n} names are listed, the largest weighted shortfall first."
        ).format(n=COHORT_NAMES),
        {f.PEOPLE: f.Field(N_("People below target"), f.COUNT)},
    )
    return PrioritiesView(
        ranked, cohort_table, training_plan(pairs, raw, cohort, framework, choices, min_group)
    )


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
        _("Top priorities"),
        shown,
        (f.RANK, f.SKILL, f.AREA, g.PRIORITY, c.IMPORTANCE, g.MEAN_SHORTFALL, g.PEOPLE_AFFECTED, g.N_PEOPLE),
        _("Up to {n} skills with the highest priority that someone falls short on.").format(n=top)
        + " "
        + _(PRIORITY_NOTE),
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
    names = framework_names(framework)
    short = pairs[(pairs[c.SHORTFALL] > 0).to_numpy(dtype=bool)]
    skill, skills = k.factorize(short[c.SKILL_ID])
    person, people = k.factorize(short[c.RESPONDENT_ID])
    sizes = (len(skills), len(people))
    first = ~k.duplicated(k.mixed_key((skill, sizes[0]), (person, sizes[1])), k.key_space(*sizes))
    short, skill = short[first], skill[first].astype(np.intp)
    name, name_labels = _alphabetical(short[c.NAME])
    team, team_labels = _alphabetical(short[c.TEAM])
    weighted, shortfall = short[c.WEIGHTED_SHORTFALL].to_numpy(float), short[c.SHORTFALL].to_numpy(float)
    # Per skill, the largest weighted shortfall first, then by name: integer keys sort fast.
    order = np.lexsort((name, -weighted, skill))
    skill, name, team = skill[order], name[order], team[order]
    means = k.GroupMeans(skill, len(skills))
    present = np.flatnonzero(means.counts)
    starts = np.searchsorted(skill, present)
    # A person of no team (an anonymised group under the minimum) counts in no team.
    n_teams = k.DistinctCounts(skill, team, len(skills)).count(team >= 0)
    # People below target per (skill, team), on the kernels' keys (a person of no team counts in none).
    shape = (len(skills) + 1, len(team_labels) + 1)
    key = k.mixed_key((skill, len(skills)), (team, len(team_labels)), wide=True)
    per_team = np.bincount(key, minlength=shape[0] * shape[1]).reshape(shape)[:-1, :-1]
    if min_group:
        rated_skill = k.codes_in(pairs[c.SKILL_ID], pd.Index(skills))
        rated_team = k.codes_in(pairs[c.TEAM].astype(object), pd.Index(team_labels))
        rated_person = k.factorize(pairs[c.RESPONDENT_ID])[0]
        by_skill = k.DistinctCounts(
            k.mixed_key((rated_skill, len(skills)), wide=True), rated_person, shape[0]
        )
        rated = by_skill.count()[:-1]
        both = k.mixed_key((rated_skill, len(skills)), (rated_team, len(team_labels)), wide=True)
        by_team = k.DistinctCounts(both, rated_person, shape[0] * shape[1]).count().reshape(shape)[:-1, :-1]
        per_team = np.where(by_team >= min_group, per_team, 0)
    listed, teams = [], []
    and_more = _("and {n} more")
    for at, start in zip(present, starts, strict=True):  # a loop over skills, never over people
        count = int(means.counts[at])
        shown = NAME_SEPARATOR.join(name_labels[name[start : start + min(count, COHORT_NAMES)]])
        more = count - COHORT_NAMES
        listed.append(
            shown + (NAME_SEPARATOR + and_more.format(n=format_number(more, f.COUNT)) if more > 0 else "")
        )
        # Most people first; teams with as many in alphabetical order.
        found = np.flatnonzero(per_team[at])
        by_team = found[np.lexsort((found, -per_team[at, found]))]
        teams.append(
            ", ".join(f"{team_labels[t]} ({format_number(per_team[at, t], f.COUNT)})" for t in by_team)
        )
    skill_ids = pd.Index(skills, dtype=object)[present].astype(object)
    out = pd.DataFrame(
        {
            c.SKILL_ID: skill_ids,
            c.AREA_ID: skill_ids.map(names.area_of),
            f.PEOPLE: means.counts[present],
            f.N_TEAMS: n_teams[present],
            g.MEAN_SHORTFALL: means.sums(shortfall[order])[present] / means.counts[present],
            f.NAMES: pd.Series(listed, dtype=object),
            f.TEAMS: pd.Series(teams, dtype=object),
        }
    )
    out = g.ranked_rows(out, [f.PEOPLE, g.MEAN_SHORTFALL], ascending=False).reset_index(drop=True)
    if min_group:
        out["_rated"] = (
            pd.Series(rated, index=pd.Index(skills, dtype=object)).reindex(out[c.SKILL_ID]).to_numpy()
        )
        small = (out["_rated"] < min_group).to_numpy()
        out.loc[small, [f.TEAMS, f.NAMES]] = ""
        out = hide_small(out, "_rated", [f.PEOPLE, f.N_TEAMS, g.MEAN_SHORTFALL], min_group).drop(
            columns="_rated"
        )
    return with_names(out, framework)


def _alphabetical(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Codes that sort as the labels do, and the labels (as text) in that order."""
    codes, labels = k.factorize(values, sort=False)
    text = np.asarray(labels.astype(str), dtype=object)
    order = np.argsort(text, kind="stable")
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return np.take(np.append(rank, -1), codes), text[order]
