"""The training plan as a planner shapes it, on the three people of tests/helpers/tidy.py.

Round R1, self ratings, small framework targets (specialist CP 3, BU 2, WA 4; manager CP 4,
BU 4.5, WA 3):

    ann  Growth specialist  CP 2 (below by 1)  BU 2 (at)          WA 4 (at)
    bob  Care   manager     CP 4 (at)          BU 3 (below 1.5)   WA 3 (at)
    cat  Care   specialist  CP 3 (at)          BU 1 (below 1)     WA 2 (below 2)

Plan of the top 3: WA (cat), BU (bob, cat), CP (ann). Suggested actions: WA GA4 course 8 h,
BU Budget basics 4 h, CP Campaign workshop 6 h. Mentors need 4 or more and must not be
learning the skill: WA ann (4); CP bob (4); BU nobody.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps, i18n, plans
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views import plan as pl
from analytics.views.priorities import priorities_view
from analytics.views.selection import Filters, apply_filters
from tests.helpers.tidy import BU, CP, MGR, WA, row, three_people, tidy

TODAY = date(2026, 12, 2)


def plan_of(pairs: pd.DataFrame, framework: Framework, **choices: object) -> pl.TrainingPlan:
    return priorities_view(pairs, framework, pl.PlanChoices(top=3, **choices)).plan  # type: ignore[arg-type]


def by_skill(plan: pl.TrainingPlan) -> pd.DataFrame:
    return plan.table.frame.set_index(c.SKILL_ID)


def mentors(plan: pl.TrainingPlan) -> dict[tuple[str, str], tuple[str, str]]:
    frame = plan.members.frame
    return {
        (s, who): (m, how)
        for s, who, m, how in zip(
            frame[c.SKILL_ID], frame[plans.LEARNER], frame[plans.MENTOR], frame[plans.PAIRED], strict=True
        )
    }


def test_mentors_come_from_the_same_team_then_the_same_role_then_anyone(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    plan = plan_of(pairs, small_framework)
    assert mentors(plan) == {
        (WA, "Cat"): ("Ann", pl.SAME_ROLE),  # Ann is in Growth, Cat in Care; both specialists
        (BU, "Bob"): ("", "nobody free at level 4 or more"),
        (BU, "Cat"): ("", "nobody free at level 4 or more"),
        (CP, "Ann"): ("Bob", pl.ANY_TEAM),  # Bob: Care, manager
    }
    # Bob (weighted 3 x 1.5 = 4.5) before Cat (1 x 1) on budgeting.
    frame = plan.members.frame
    assert list(frame.loc[frame[c.SKILL_ID] == BU, plans.LEARNER]) == ["Bob", "Cat"]


def test_a_mentor_of_the_same_team_comes_first(small_framework: Framework) -> None:
    dan = row("dan", WA, 5, role=MGR, team="Care")
    pairs = _pairs(tidy(*three_people().to_dict("records"), dan), small_framework)
    assert mentors(plan_of(pairs, small_framework))[(WA, "Cat")] == ("Dan", pl.SAME_TEAM)


def test_no_mentor_takes_more_than_three_learners(small_framework: Framework) -> None:
    learners = [row(f"l{i}", WA, 1, name=f"L{i}") for i in range(4)]
    pairs = _pairs(tidy(row("max", WA, 5, name="Max"), *learners), small_framework)
    got = mentors(priorities_view(pairs, small_framework, pl.PlanChoices(top=1)).plan)
    assert [got[(WA, f"L{i}")][0] for i in range(4)] == ["Max", "Max", "Max", ""]


def test_costs_hours_and_budget_add_up(pairs: pd.DataFrame, small_framework: Framework) -> None:
    choices = (pl.ActionChoice(WA, cost=500_000), pl.ActionChoice(BU, cost=250_000))
    plan = plan_of(pairs, small_framework, actions=choices, budget=900_000.0)
    frame = by_skill(plan)
    assert frame.loc[WA, plans.TOTAL_COST] == 500_000  # 1 person
    assert frame.loc[BU, plans.TOTAL_COST] == 500_000  # bob and cat
    assert pd.isna(frame.loc[CP, plans.TOTAL_COST])  # no cost given
    assert plan.total_cost == 1_000_000
    assert plan.left_over == -100_000
    assert plan.total_hours == 8 + 4 * 2 + 6
    teams = plan.by_team.frame.set_index(c.TEAM)
    # Care: cat (WA 8, BU 4) and bob (BU 4); Growth: ann (CP 6).
    assert teams.loc["Care", f.PEOPLE] == 2 and teams.loc["Care", f.TOTAL_HOURS] == 16
    assert teams.loc["Care", plans.TOTAL_COST] == 1_000_000
    assert teams.loc["Growth", f.TOTAL_HOURS] == 6 and pd.isna(teams.loc["Growth", plans.TOTAL_COST])
    assert plan.table.heading(plans.COST) == "Cost each (IDR)"
    # A budget before any cost is set is all left.
    assert plan_of(pairs, small_framework, budget=900_000.0).left_over == 900_000


def test_a_rupiah_cost_typed_with_dots_is_flagged(pairs: pd.DataFrame, small_framework: Framework) -> None:
    # "1.500.000" typed the Indonesian way reaches the plan as 1.5 rupiah: a note says how to type it.
    slip = plan_of(pairs, small_framework, actions=(pl.ActionChoice(WA, cost=1.5),))
    assert any("looks like a typing slip" in note for note in slip.notes)
    right = plan_of(pairs, small_framework, actions=(pl.ActionChoice(WA, cost=1_500_000),))
    assert not any("typing slip" in note for note in right.notes)
    # In dollars a cost of 1.5 is a cost of 1.5.
    dollars = plan_of(pairs, small_framework, actions=(pl.ActionChoice(WA, cost=1.5),), currency="USD")
    assert not any("typing slip" in note for note in dollars.notes)


def test_people_left_out_leave_their_cohort(pairs: pd.DataFrame, small_framework: Framework) -> None:
    plan = plan_of(pairs, small_framework, left_out=((BU, "cat"),))
    frame = by_skill(plan)
    assert frame.loc[BU, plans.IN_PLAN] == 1 and frame.loc[BU, gaps.PEOPLE_AFFECTED] == 2
    assert frame.loc[BU, f.TOTAL_HOURS] == 4
    assert frame.loc[BU, f.NAMES] == "Bob"
    assert (BU, "Cat") not in mentors(plan)
    assert list(pl.plan_members(plan).query("skill_id == @BU")[c.RESPONDENT_ID]) == ["bob"]


def test_another_framework_action_or_one_of_the_planners_own(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    start = date(2027, 1, 11)
    choices = (
        pl.ActionChoice(WA, title="Traffic audit", start=start, owner="Rina"),
        pl.ActionChoice(CP, title="Campaign bootcamp", format="workshop", hours=20),
    )
    frame = by_skill(plan_of(pairs, small_framework, actions=choices))
    assert frame.loc[WA, [plans.TITLE, plans.FORMAT, plans.HOURS]].tolist() == [
        "Traffic audit",
        "project",
        12.5,
    ]
    assert frame.loc[WA, plans.ALTERNATIVES] == "GA4 course (course, 8 h)"
    assert frame.loc[WA, [plans.START, plans.OWNER]].tolist() == ["2027-01-11", "Rina"]
    assert frame.loc[CP, [plans.TITLE, plans.FORMAT, plans.HOURS]].tolist() == [
        "Campaign bootcamp",
        "workshop",
        20,
    ]
    assert frame.loc[CP, plans.ALTERNATIVES] == "Campaign workshop (workshop, 6 h)"


def test_a_chosen_mentor_is_kept_and_one_who_left_the_data_is_said(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    plan = plan_of(pairs, small_framework, mentors=((CP, "ann", "cat"), (WA, "cat", "zed")))
    got = mentors(plan)
    assert got[(CP, "Ann")] == ("Cat", pl.CHOSEN)
    assert got[(WA, "Cat")] == ("Ann", pl.SAME_ROLE)  # zed is not in the data: suggested afresh
    (note,) = plan.notes
    assert "Cat on Web analytics is not in this data" in note


def test_bad_edits_are_refused_with_a_message() -> None:
    before = pl.ActionChoice(WA, hours=8, cost=100, start=date(2026, 11, 1))
    kept, problems = pl.checked_action(
        before, pl.ActionChoice(WA, hours=-2, cost=-5, start=date(2026, 11, 1)), TODAY
    )
    assert (kept.hours, kept.cost, kept.start) == (8, 100, date(2026, 11, 1))  # an old date may stay
    assert problems == [
        "Hours cannot be negative (-2); it was left at its earlier value.",
        "A cost cannot be negative (-5); it was left at its earlier value.",
    ]
    kept, problems = pl.checked_action(before, pl.ActionChoice(WA, hours=8, start=date(2026, 12, 1)), TODAY)
    assert kept.start == date(2026, 11, 1)
    assert problems == [
        "The start date 2026-12-01 is already past; choose today or a later date for a new action."
    ]
    kept, problems = pl.checked_action(
        before, pl.ActionChoice(WA, start=TODAY, owner="  Rina   Putri "), TODAY
    )
    assert (kept.start, kept.owner, problems) == (TODAY, "Rina Putri", [])


@pytest.mark.parametrize(
    ("given", "kept", "says"),
    [
        (None, None, ""),
        (1_500_000.0, 1_500_000.0, ""),
        (0.0, None, "A budget of 0"),
        (-1.0, None, "cannot be negative"),
    ],
)
def test_a_budget_is_positive_or_none(given: float | None, kept: float | None, says: str) -> None:
    budget, message = pl.checked_budget(given)
    assert budget == kept and (says in message if says else message == "")


def test_choices_come_back_from_their_json() -> None:
    choices = pl.PlanChoices(
        top=4,
        actions=(pl.ActionChoice(WA, title="Traffic audit", cost=1.5, start=date(2027, 2, 1), owner="Rina"),),
        left_out=((BU, "cat"),),
        mentors=((CP, "ann", "bob"),),
        budget=2_000_000.0,
        currency="USD",
    )
    assert pl.PlanChoices.from_dict(choices.to_dict()) == choices
    # A damaged workspace loses what cannot be read, not the reload.
    broken = {
        "top": "3",
        "actions": [{"skill_id": WA, "start": "not a date"}, "junk"],
        "budget": 0,
        "currency": "XYZ",
    }
    assert pl.PlanChoices.from_dict(broken) == pl.PlanChoices(top=3)


def _pairs(ratings: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    return apply_filters(gaps.rating_pairs(ratings, framework), Filters(round="R1"))


def test_cohort_edits_read_only_what_changed(pairs: pd.DataFrame, small_framework: Framework) -> None:
    """Budgeting's cohort is Bob then Cat. Untick Cat; pick Ann as Bob's mentor; a second edit clears it."""
    from analytics.views import plan_grids as grids

    choices = pl.PlanChoices(top=3)
    plan = priorities_view(pairs, small_framework, choices).plan
    before = grids.cohort_grid(pairs, plan, choices, BU)
    assert list(before[plans.LEARNER]) == ["Bob", "Cat"]
    assert list(before[plans.MENTOR]) == [grids.SUGGESTED, grids.SUGGESTED]
    # Read-only figures as text in the session's language: Bob 3 of 4.5, Cat 1 of 2.
    assert (list(before[c.RATING]), list(before[c.TARGET])) == (["3.0", "1.0"], ["4.5", "2.0"])
    with i18n.language("id"):
        assert list(grids.cohort_grid(pairs, plan, choices, BU)[c.TARGET]) == ["4,5", "2,0"]
    after = before.copy()
    after.loc[1, grids.TAKES_PART] = False
    after.loc[0, plans.MENTOR] = "Ann"
    edited = grids.edited_cohort(choices, BU, before, after, {"Ann": "ann"})
    assert edited.left_out == ((BU, "cat"),)
    assert edited.mentors == ((BU, "bob", "ann"),)
    # The grid as it then shows: Ann by name for Bob, nobody for Cat, who is out.
    shown = grids.cohort_grid(pairs, priorities_view(pairs, small_framework, edited).plan, edited, BU)
    assert list(shown[plans.MENTOR]) == ["Ann", ""]
    assert list(shown[grids.TAKES_PART]) == [True, False]
    cleared = shown.copy()
    cleared.loc[0, plans.MENTOR] = None
    again = grids.edited_cohort(edited, BU, shown, cleared, {"Ann": "ann"})
    assert again.mentors == () and again.left_out == ((BU, "cat"),)
    assert grids.edited_cohort(edited, BU, shown, shown.copy(), {"Ann": "ann"}) == edited
