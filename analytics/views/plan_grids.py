"""The training plan's editors: the plan's rows and a cohort's people as grids in, the planner's choices out.

The Priorities page lays these grids out in ``st.data_editor`` and hands the edited grids
back here, so what an edit means (another framework action brings its format and hours, a
blank mentor goes back to the suggestion) is decided in one place, with no Streamlit, and
every edit passes the checks of :mod:`analytics.views.plan`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import plans
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.formats import format_column
from analytics.views.plan import (
    COST,
    IN_PLAN,
    LEARNER,
    MENTOR,
    MENTOR_LEVEL,
    OWNER,
    START,
    ActionChoice,
    PlanChoices,
    TrainingPlan,
    checked_action,
    number_or_none,
    rows_of_skills,
)

OWN_TITLE: Final = "own_title"
TAKES_PART: Final = "takes_part"
# A mentor the plan chooses; shown in the session's language (translate with _() where it is shown).
SUGGESTED: Final = N_("(suggested)")
PLAN_GRID: Final = (
    c.SKILL_ID,
    f.SKILL,
    IN_PLAN,
    plans.TITLE,
    OWN_TITLE,
    plans.FORMAT,
    plans.HOURS,
    COST,
    START,
    OWNER,
)
COHORT_GRID: Final = (c.RESPONDENT_ID, TAKES_PART, LEARNER, c.TEAM, c.RATING, c.TARGET, MENTOR)


def action_titles(plan: TrainingPlan, framework: Framework) -> list[str]:
    """The framework's action titles for the planned skills, in the session's language: the choices of
    the grid's Action column."""
    skill_ids = plan.table.frame[c.SKILL_ID].astype(str)
    return list(dict.fromkeys(a.shown_title for s in skill_ids for a in framework.actions_for(s)))


def plan_grid(plan: TrainingPlan, framework: Framework) -> pd.DataFrame:
    """The plan's rows as the page's editor shows them: a framework action in Action, the planner's
    own in "Your own action"; the start as a date."""
    frame = plan.table.frame
    titles = frame[plans.TITLE].astype(str)
    known = [
        any(a.titled(title) for a in framework.actions_for(str(s)))
        for s, title in zip(frame[c.SKILL_ID], titles, strict=True)
    ]
    return pd.DataFrame(
        {
            c.SKILL_ID: frame[c.SKILL_ID].astype(str).to_numpy(),
            f.SKILL: frame[f.SKILL].to_numpy(dtype=object),
            IN_PLAN: frame[IN_PLAN].to_numpy(dtype=float),
            plans.TITLE: titles.where(known, None).to_numpy(dtype=object),
            OWN_TITLE: titles.where([not k for k in known], "").to_numpy(dtype=object),
            plans.FORMAT: frame[plans.FORMAT_KEY].to_numpy(dtype=object),
            plans.HOURS: frame[plans.HOURS].to_numpy(dtype=float),
            COST: frame[COST].to_numpy(dtype=float),
            START: pd.to_datetime(frame[START].replace("", None)).dt.date.to_numpy(dtype=object),
            OWNER: frame[OWNER].to_numpy(dtype=object),
        }
    )


def edited_plan(
    choices: PlanChoices, before: pd.DataFrame, after: pd.DataFrame, framework: Framework, today: date
) -> tuple[PlanChoices, list[str]]:
    """The planner's edits of :func:`plan_grid` as choices, each checked by :func:`checked_action`.

    Choosing another of the framework's actions brings its format and hours, unless those
    were changed in the same edit; the framework's own first action is kept as "the
    suggestion", so a framework edited later still reaches the plan. A framework action is kept by
    its English title, whichever language the grid showed it in.
    """
    problems: list[str] = []
    columns = list(PLAN_GRID[3:])
    for at in range(min(len(before), len(after))):  # a loop over the planned skills
        old, new = before.iloc[at], after.iloc[at]
        if all(_same(old[k], new[k]) for k in columns):
            continue
        skill_id = str(old[c.SKILL_ID])
        known = framework.actions_for(skill_id)
        title = _text(new[OWN_TITLE]) or _text(new[plans.TITLE])
        picked = next((a for a in known if a.titled(title)), None)
        retitled = title != (_text(old[OWN_TITLE]) or _text(old[plans.TITLE]))
        fmt, hours = _text(new[plans.FORMAT]) or None, number_or_none(new[plans.HOURS])
        if retitled and picked is not None:
            fmt = fmt if not _same(old[plans.FORMAT], new[plans.FORMAT]) else None
            hours = hours if not _same(old[plans.HOURS], new[plans.HOURS]) else None
        current = choices.action(skill_id)
        wanted = ActionChoice(
            skill_id,
            title=None if known and known[0].titled(title) else (picked.title if picked else title or None),
            format=fmt if not (picked and fmt == picked.format) else None,
            hours=hours if not (picked and hours == picked.hours) else None,
            cost=number_or_none(new[COST]),
            start=_date_or_none(new[START]),
            owner=_text(new[OWNER]),
        )
        kept, found = checked_action(current, wanted, today)
        problems.extend(f"{old[f.SKILL]}: {p}" for p in found)
        choices = choices.with_action(kept)
    return choices, problems


def cohort_grid(pairs: pd.DataFrame, plan: TrainingPlan, choices: PlanChoices, skill_id: str) -> pd.DataFrame:
    """Everyone below target on a planned skill, whether they take part, and their mentor's name
    (:data:`SUGGESTED`, translated, where the plan's own pairing stands)."""
    suggested = _(SUGGESTED)
    rated = rows_of_skills(pairs, [skill_id])
    below = rated[(rated[c.SHORTFALL] > 0).to_numpy(dtype=bool)]
    below = below.sort_values([c.WEIGHTED_SHORTFALL, c.NAME], ascending=[False, True], kind="stable")
    ids = below[c.RESPONDENT_ID].astype(object)
    out = {p for s, p in choices.left_out if s == skill_id}
    picked = {p: m for s, p, m in choices.mentors if s == skill_id}
    members = plan.members.frame
    mine = members[(members[c.SKILL_ID].astype(object) == skill_id).to_numpy(dtype=bool)]
    # The plan's mentor of each learner; a pick the plan could not follow shows as the suggestion.
    mentor = (
        mine.set_index(c.RESPONDENT_ID)[MENTOR]
        .reindex(ids)
        .fillna("")
        .replace("", suggested)
        .to_numpy(dtype=object)
    )
    if picked:  # a picked mentor is shown by name, as the grid offers them
        names = rated.set_index(c.RESPONDENT_ID)[c.NAME].astype(object)
        for place, person in enumerate(ids):  # a loop over one cohort's few picks
            if person in picked and person not in out and picked[person] in names.index:
                mentor[place] = str(names[picked[person]]) or suggested
    mentor[ids.isin(out).to_numpy()] = ""
    return pd.DataFrame(
        {
            c.RESPONDENT_ID: ids.to_numpy(),
            TAKES_PART: ~ids.isin(out).to_numpy(),
            LEARNER: below[c.NAME].astype(object).to_numpy(),
            c.TEAM: below[c.TEAM].astype(object).to_numpy(),
            # Read-only, so shown as text in the session's language ("2,5"): a grid's number
            # columns follow the browser's locale instead.
            c.RATING: format_column(below[c.RATING], f.LEVEL),
            c.TARGET: format_column(below[c.TARGET], f.LEVEL),
            MENTOR: mentor,
        }
    )


def mentor_options(pairs: pd.DataFrame, skill_id: str, framework: Framework) -> dict[str, str]:
    """Who may be picked as a mentor on a skill, name to id: everyone rated at mentor level or more
    and not below target on it (a name shared by two people is told apart by their id)."""
    rated = rows_of_skills(pairs, [skill_id])
    level = min(MENTOR_LEVEL, framework.scale.max)
    able = rated[
        (rated[c.RATING] >= level).to_numpy(dtype=bool) & ~(rated[c.SHORTFALL] > 0).to_numpy(dtype=bool)
    ].sort_values(c.NAME)
    names = able[c.NAME].astype(str)
    ids = able[c.RESPONDENT_ID].astype(str)
    shared = names.duplicated(keep=False)
    shown = names.where(~shared, names + " (" + ids + ")")
    return dict(zip(shown, ids, strict=True))


def edited_cohort(
    choices: PlanChoices, skill_id: str, before: pd.DataFrame, after: pd.DataFrame, mentors: Mapping[str, str]
) -> PlanChoices:
    """The planner's edits of :func:`cohort_grid`: who takes part, and mentors picked by name."""
    left_out = {x for x in choices.left_out if x[0] != skill_id}
    picks = {(s, p): m for s, p, m in choices.mentors}
    n = min(len(before), len(after))
    old, new = before.iloc[:n], after.iloc[:n]
    people = old[c.RESPONDENT_ID].astype(str).to_numpy(dtype=object)
    takes_part = new[TAKES_PART].astype(object).fillna(False).astype(bool).to_numpy()
    left_out.update((skill_id, person) for person in people[~takes_part])
    # Only the rows whose mentor the planner changed: a cohort can hold thousands, edits are few.
    was, now = old[MENTOR].astype(object), new[MENTOR].astype(object)
    missing_was, missing_now = _missing_values(was), _missing_values(now)
    same = (missing_was & missing_now) | (~missing_was & ~missing_now & (was.to_numpy() == now.to_numpy()))
    for at in np.flatnonzero(~same):  # a loop over the edited rows only
        chosen = mentors.get(_text(now.iloc[at]))
        if chosen is None:
            picks.pop((skill_id, people[at]), None)
        else:
            picks[(skill_id, people[at])] = chosen
    return dataclasses.replace(
        choices,
        left_out=tuple(sorted(left_out)),
        mentors=tuple(sorted((s, p, m) for (s, p), m in picks.items())),
    )


def _missing_values(values: pd.Series) -> np.ndarray:
    """:func:`_missing` of each value."""
    text = values.astype(str).to_numpy()
    return values.isna().to_numpy() | (text == "")


def _same(a: object, b: object) -> bool:
    missing_a, missing_b = _missing(a), _missing(b)
    return (missing_a and missing_b) or (not missing_a and not missing_b and a == b)


def _missing(value: object) -> bool:
    return value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)) or value == ""


def _text(value: object) -> str:
    return "" if _missing(value) else " ".join(str(value).split())


def _date_or_none(value: object) -> date | None:
    if _missing(value):
        return None
    if isinstance(value, date):
        return value if not isinstance(value, pd.Timestamp) else value.date()
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
