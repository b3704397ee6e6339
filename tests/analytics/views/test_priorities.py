"""Priorities, cohorts and the training plan on three hand-built people.

Priorities (mean weighted shortfall): WA (0 + 0 + 6)/3 = 2 (cat below); BU (0 + 4.5 + 1)/3
= 1.83 (bob, cat); CP (2 + 0 + 0)/3 = 0.67 (ann).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps, plans
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views import plan as pl
from analytics.views import priorities as pr
from analytics.views.selection import Filters, apply_filters
from tests.helpers.tidy import BU, CP, WA, row, tidy


def test_ranked_priorities_are_numbered_in_order(pairs: pd.DataFrame, small_framework: Framework) -> None:
    ranked = pr.ranked_priorities(pairs, small_framework)
    assert list(ranked[c.SKILL_ID]) == [WA, BU, CP]
    assert list(ranked[f.RANK]) == [1, 2, 3]
    assert ranked[gaps.PRIORITY].tolist() == pytest.approx([2.0, 5.5 / 3, 2 / 3])


def test_training_plan_takes_the_chosen_top_priorities(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    plan = pr.priorities_view(pairs, small_framework, pl.PlanChoices(top=1)).plan
    # WA: the suggested GA4 course, 8 h x 1 person; the 12.5 h audit is only an option.
    frame = plan.table.frame
    assert list(frame[c.SKILL_ID]) == [WA]
    assert list(frame[plans.HOURS]) == [8.0]
    assert list(frame[f.TOTAL_HOURS]) == [8.0]
    assert list(frame[plans.ALTERNATIVES]) == ["Traffic audit (project, 12.5 h)"]
    assert (plan.top, plan.actions, plan.hours_each, plan.total_hours) == (1, 1, 8.0, 8.0)
    everything = pr.priorities_view(pairs, small_framework, pl.PlanChoices(top=3)).plan
    frame = everything.table.frame
    assert list(frame[c.SKILL_ID]) == [WA, BU, CP]
    assert list(frame[gaps.PEOPLE_AFFECTED]) == [1, 2, 1]
    # 8 x 1 + 4 x 2 + 6 x 1 = 22 h; 8 + 4 + 6 = 18 h for one person taking each once.
    assert list(frame[f.TOTAL_HOURS]) == [8.0, 8.0, 6.0]
    assert (everything.total_hours, everything.hours_each) == (22.0, 18.0)
    assert list(frame[f.NAMES]) == ["Cat", "Bob; Cat", "Ann"]
    assert list(frame[f.TEAMS]) == ["Care (1)", "Care (2)", "Growth (1)"]


def test_a_plan_never_asks_for_more_skills_than_anyone_falls_short_on(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    plan = pr.priorities_view(pairs, small_framework, pl.PlanChoices(top=10)).plan
    assert plan.top == 10 and plan.actions == 3


def test_default_plan_covers_five_skills() -> None:
    assert pl.PlanChoices().top == pl.DEFAULT_PLAN_SKILLS == 5


def test_cohorts_list_the_largest_need_first(pairs: pd.DataFrame, small_framework: Framework) -> None:
    cohorts = pr.cohorts(pairs, small_framework).set_index(c.SKILL_ID)
    # budgeting: bob (weighted 4.5) and cat (1) below; campaign planning: ann; web analytics: cat.
    assert cohorts.loc[BU, f.PEOPLE] == 2
    assert cohorts.loc[BU, f.NAMES] == "Bob; Cat"
    assert cohorts.loc[BU, f.N_TEAMS] == 1
    assert cohorts.loc[BU, f.TEAMS] == "Care (2)"
    assert cohorts.loc[BU, gaps.MEAN_SHORTFALL] == pytest.approx(1.25)
    assert cohorts.loc[WA, f.NAMES] == "Cat"
    assert cohorts.index[0] == BU  # the largest cohort first


def test_cohort_names_stop_after_the_listed_number(small_framework: Framework) -> None:
    people = [row(f"p{i:02d}", CP, 1, name=f"Person {i:02d}") for i in range(pl.COHORT_NAMES + 2)]
    cohorts = pr.cohorts(gaps.rating_pairs(tidy(*people), small_framework), small_framework)
    names = cohorts[f.NAMES].iloc[0]
    assert names.startswith("Person 00; Person 01; ")
    assert names.endswith(f"Person {pl.COHORT_NAMES - 1:02d}; and 2 more")


def test_hidden_cohorts_keep_no_names_or_teams(pairs: pd.DataFrame, small_framework: Framework) -> None:
    cohorts = pr.cohorts(pairs, small_framework, min_group=4).set_index(c.SKILL_ID)
    assert set(cohorts[f.NAMES]) == {""} and set(cohorts[f.TEAMS]) == {""}
    assert cohorts[f.PEOPLE].isna().all()


def test_top_priorities_leave_out_skills_nobody_is_below_target_on(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    ranked = pr.ranked_priorities(pairs, small_framework)
    assert list(pr.top_priorities(ranked, 2)[c.SKILL_ID]) == [WA, BU]
    # Only ann and bob: ann is below on CP (priority 1), bob on BU (4.5 / 2); nobody on WA.
    two = apply_filters(pairs, Filters(teams=("Growth",)))
    ranked_two = pr.ranked_priorities(
        pd.concat([two, pairs[pairs[c.RESPONDENT_ID] == "bob"]]), small_framework
    )
    top = pr.top_priorities(ranked_two)
    assert WA not in set(top[c.SKILL_ID])
    assert (top[gaps.PRIORITY] > 0).all() and (top[gaps.PEOPLE_AFFECTED] > 0).all()
    assert len(ranked_two) == 3 and len(top) == 2
    at_target = pr.ranked_priorities(pairs[pairs[c.AT_TARGET].to_numpy(dtype=bool)], small_framework)
    assert pr.top_priorities(at_target).empty


def test_top_priorities_table_is_numbered_and_hides_small_groups(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    ranked = pr.ranked_priorities(pairs, small_framework)
    table = pr.top_priorities_table(ranked, top=2)
    assert list(table.frame[f.RANK]) == [1, 2]
    assert table.heading(c.IMPORTANCE) == "Mean importance"
    # Every skill is rated by 3 people: a minimum of 4 hides them all, so none is listed.
    assert not len(pr.top_priorities_table(ranked, min_group=4))
