"""One person's development plan: their People view and the team's training plan in, a page for their 1:1 out.

What the People page shows of one person (their ratings against the role's targets, their
gaps by need, what the levels look like) with, for each gap, the action they will take: the
training plan's, with its start date and their mentor, where the plan has them in its cohort;
otherwise the framework's suggestion. The PDF writer (:mod:`analytics.reports.development`)
lays this out and computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import plans
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.people import PersonView, person_view
from analytics.views.plan import TrainingPlan

IN_TEAM_PLAN = "in_team_plan"


@dataclass(frozen=True)
class DevelopmentPlan:
    person: PersonView
    actions: f.Table
    hours: float
    round: str | None
    framework_name: str
    generated_at: datetime
    source_label: str = ""

    @property
    def title(self) -> str:
        return _("Development plan: {name}").format(name=self.person.name)


def with_plan(rows: pd.DataFrame, plan: TrainingPlan) -> pd.DataFrame:
    """``rows`` (a person's skills, or everyone's) with the action each person takes.

    ``rows`` has one row per person and skill below target, with the framework's suggestion
    (``respondent_id``, ``skill_id``, ``title``, ``format``, ``hours``). Where the training plan
    has the person in the skill's cohort, its action, format and hours replace the suggestion
    and its start date and mentor are added; ``in_team_plan`` says which rows it is.
    """
    cohort = plan.cohort_rows
    key = pd.MultiIndex.from_arrays(
        [cohort[c.RESPONDENT_ID].astype(str), cohort[c.SKILL_ID].astype(str)]
    ).drop_duplicates()
    at = key.get_indexer(
        pd.MultiIndex.from_arrays([rows[c.RESPONDENT_ID].astype(str), rows[c.SKILL_ID].astype(str)])
    )
    in_plan = at >= 0
    taken = cohort.set_index([cohort[c.RESPONDENT_ID].astype(str), cohort[c.SKILL_ID].astype(str)])
    taken = taken[~taken.index.duplicated()].reindex(key)
    planned = plan.table.frame.set_index(plan.table.frame[c.SKILL_ID].astype(str))
    skill_ids = rows[c.SKILL_ID].astype(str)

    def chosen(column: str) -> np.ndarray:
        from_plan = planned[column].reindex(skill_ids).to_numpy(dtype=object)
        return np.where(in_plan, from_plan, rows[column].to_numpy(dtype=object))

    def of_cohort(column: str) -> np.ndarray:
        values = taken[column].to_numpy(dtype=object)
        return np.where(in_plan, values[np.where(in_plan, at, 0)] if len(values) else "", "")

    return rows.assign(
        **{
            plans.TITLE: chosen(plans.TITLE),
            plans.FORMAT: chosen(plans.FORMAT),
            plans.HOURS: chosen(plans.HOURS).astype(float),
            plans.START: of_cohort(plans.START),
            plans.MENTOR: of_cohort(plans.MENTOR),
            IN_TEAM_PLAN: np.where(in_plan, _("yes"), ""),
        }
    )


def development_plan(
    person: PersonView,
    plan: TrainingPlan,
    framework: Framework,
    round_label: str | None,
    generated_at: datetime,
    source_label: str = "",
) -> DevelopmentPlan:
    """The person's gaps by need, each with the action they take (see the module's docstring)."""
    own = person.plan.frame
    frame = with_plan(
        pd.DataFrame(
            {
                c.RESPONDENT_ID: person.person,
                c.SKILL_ID: own[c.SKILL_ID].astype(object).to_numpy(),
                f.SKILL: own[f.SKILL].to_numpy(dtype=object),
                c.RATING: own[c.RATING].to_numpy(dtype=float),
                c.TARGET: own[c.TARGET].to_numpy(dtype=float),
                plans.TITLE: own[plans.TITLE].to_numpy(dtype=object),
                plans.FORMAT: own[plans.FORMAT].to_numpy(dtype=object),
                plans.HOURS: own[plans.HOURS].to_numpy(dtype=float),
            }
        ),
        plan,
    )
    table = f.Table(
        _("What to work on"),
        frame,
        (
            f.SKILL,
            c.RATING,
            c.TARGET,
            plans.TITLE,
            plans.FORMAT,
            plans.HOURS,
            plans.START,
            plans.MENTOR,
            IN_TEAM_PLAN,
        ),
        _(
            "Each skill below the role's target, the most important gap first. Where the team's training plan "
            "has the person in its cohort, its action, start and mentor; otherwise the framework's suggestion."
        ),
        {
            c.RATING: f.Field(N_("Now"), f.LEVEL),
            plans.TITLE: f.Field(N_("Action")),
            plans.HOURS: f.Field(N_("Hours"), f.HOURS),
            IN_TEAM_PLAN: f.Field(N_("In plan"), f.TEXT, N_("In the team's training plan")),
        },
    )
    return DevelopmentPlan(
        person=person,
        actions=table,
        hours=float(np.nansum(frame[plans.HOURS].to_numpy(dtype=float))),
        round=round_label,
        framework_name=framework.shown_name,
        generated_at=generated_at,
        source_label=source_label,
    )


def development_plans_of(
    ratings: pd.DataFrame,
    pairs: pd.DataFrame,
    people: Sequence[str],
    plan: TrainingPlan,
    framework: Framework,
    round_label: str | None,
    source_label: str,
    generated_at: datetime,
) -> list[DevelopmentPlan]:
    """The plans of ``people`` (respondent ids) in the pairs, in the order given; absent ids are skipped."""
    out = []
    for person in people:  # one page per person asked for
        view = person_view(ratings, pairs, person, framework, round_label, source_label)
        if view is not None:
            out.append(development_plan(view, plan, framework, round_label, generated_at, source_label))
    return out
