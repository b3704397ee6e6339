"""The Trends view on the three rounds of :func:`tests.helpers.tidy.three_rounds`, every number worked out by hand.

Comparing R1 with R3 takes in R2 as well, so by default the same people are those rated in
all three rounds: bob's budgeting (not applicable in R2) drops out. What is left, per round:

    strategy   R1 ann CP 2, BU 2, bob CP 4, cat CP 1   R2 3, 1, 4, 2   R3 4, 2, 5, 3
    analytics  R1 ann WA 3, cat WA 4                   R2 3, 4         R3 4, 3
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps as g
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views import trends as tv
from analytics.views.formats import format_change
from tests.helpers.tidy import BU, CP, WA, row, three_rounds, tidy

COHORTS = pd.DataFrame(
    [(CP, "ann", "R1"), (CP, "cat", "R1"), (BU, "bob", "R1"), (WA, "ann", "R1")],
    columns=[c.SKILL_ID, c.RESPONDENT_ID, c.ROUND],
)


@pytest.fixture
def pairs(small_framework: Framework) -> pd.DataFrame:
    return g.rating_pairs(three_rounds(), small_framework)


def view_of(pairs: pd.DataFrame, framework: Framework, *args: object, **kwargs: object) -> tv.TrendsView:
    shown = tv.trends_view(pairs, framework, *args, **kwargs)  # type: ignore[arg-type]
    assert shown is not None
    return shown


def value(shown: tv.TrendsView, key: str) -> object:
    return shown.figure(key).value


def test_available_rounds_come_in_time_order(small_framework: Framework) -> None:
    ratings = tidy(
        row("ann", CP, 2, round="Round 10"), row("ann", CP, 3, round="Round 9"), row("bob", CP, None)
    )
    # Bob's only rating is not applicable: his round R1 has nobody rated in it.
    assert tv.available_rounds(g.rating_pairs(ratings, small_framework)) == ("Round 9", "Round 10")


def test_headline_figures_cover_the_people_rated_in_every_round(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = view_of(pairs, small_framework)
    assert (shown.rounds, shown.round_from, shown.round_to, shown.same_people) == (
        ("R1", "R2", "R3"),
        "R1",
        "R3",
        True,
    )
    assert value(shown, tv.PEOPLE_FIGURE) == 3
    # Mean rating: R1 (2+2+3+4+1+4)/6 = 16/6, R3 (4+2+4+5+3+3)/6 = 21/6.
    assert value(shown, tv.RATING_FIGURE) == pytest.approx(21 / 6)
    assert value(shown, tv.RATING_CHANGE_FIGURE) == pytest.approx(5 / 6)
    # At target: R1 ann BU, bob CP, cat WA = 3/6; R3 all but cat WA = 5/6.
    assert value(shown, tv.READINESS_FIGURE) == pytest.approx(5 / 6)
    assert value(shown, tv.READINESS_CHANGE_FIGURE) == pytest.approx(2 / 6)
    # Closed: ann CP, ann WA, cat CP; opened: cat WA.
    assert (value(shown, tv.CLOSED_FIGURE), value(shown, tv.OPENED_FIGURE)) == (3, 1)
    assert (shown.n_closed, shown.n_opened) == (3, 1)
    assert shown.figure(tv.RATING_FIGURE).label == "Mean rating (1 to 5)"
    assert "all 3 rounds" in shown.coverage and "R2: 3 people, 6 ratings" in shown.coverage


def test_the_trend_table_goes_area_by_area_and_round_by_round(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = view_of(pairs, small_framework)
    table = shown.trend.frame
    assert shown.line_title == "Area" and shown.trend.heading(f.ROW_LABEL) == "Area"
    assert list(zip(table[f.ROW_LABEL], table[c.ROUND].astype(str), strict=True)) == [
        ("Strategy", "R1"),
        ("Strategy", "R2"),
        ("Strategy", "R3"),
        ("Analytics", "R1"),
        ("Analytics", "R2"),
        ("Analytics", "R3"),
    ]
    # Strategy 9/4, 10/4, 14/4 (at target 2, 2, 4 of 4); analytics 3.5 throughout (1 of 2).
    assert table[g.MEAN_RATING].tolist() == pytest.approx([9 / 4, 10 / 4, 14 / 4, 3.5, 3.5, 3.5])
    assert table[g.READINESS].tolist() == pytest.approx([0.5, 0.5, 1.0, 0.5, 0.5, 0.5])
    assert table[g.N_PEOPLE].tolist() == [3, 3, 3, 2, 2, 2]


def test_the_changes_table_names_both_rounds(pairs: pd.DataFrame, small_framework: Framework) -> None:
    changes = view_of(pairs, small_framework).changes
    assert changes.title == "Change from R1 to R3"
    assert (changes.heading(g.MEAN_RATING_FROM), changes.heading(g.READINESS_TO)) == (
        "Rating R1",
        "At target R3",
    )
    frame = changes.frame
    assert frame[f.ROW_LABEL].tolist() == ["Strategy", "Analytics"]
    assert frame[g.RATING_CHANGE].tolist() == pytest.approx([14 / 4 - 9 / 4, 0.0])
    assert frame[[g.N_CLOSED, g.N_OPENED, g.N_PEOPLE]].values.tolist() == [[2, 0, 3], [1, 1, 2]]


def test_people_are_listed_largest_rise_first(pairs: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(pairs, small_framework)
    people = shown.people.frame
    # ann (2+2+3)/3 -> (4+2+4)/3 = +1; bob CP only 4 -> 5 = +1 (tie: by name); cat 2.5 -> 3 = +0.5.
    assert people[c.NAME].tolist() == ["Ann", "Bob", "Cat"]
    assert people[g.RATING_CHANGE].tolist() == pytest.approx([1.0, 1.0, 0.5])
    assert people[[g.N_PAIRS, g.N_CLOSED, g.N_OPENED]].values.tolist() == [[3, 2, 0], [1, 0, 0], [2, 1, 1]]
    assert people[c.TEAM].tolist() == ["Growth", "Care", "Growth"]  # cat's team of R3
    assert people[f.ROLE_NAME].tolist()[1] == "Digital Marketing Manager"
    assert shown.n_people == 3


def test_closed_and_opened_gaps_are_listed_skill_by_skill(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = view_of(pairs, small_framework)
    closed, opened = shown.closed.frame, shown.opened.frame
    assert list(zip(closed[c.NAME], closed[f.SKILL], strict=True)) == [
        ("Ann", "Campaign planning"),
        ("Cat", "Campaign planning"),
        ("Ann", "Web analytics"),
    ]
    assert closed[[g.RATING_FROM, g.RATING_TO, c.TARGET]].values.tolist() == [[2, 4, 3], [1, 3, 3], [3, 4, 4]]
    assert list(zip(opened[c.NAME], opened[f.SKILL], opened[g.RATING_TO], strict=True)) == [
        ("Cat", "Web analytics", 3.0)
    ]
    assert shown.closed.heading(c.TARGET) == "Target R3"


def test_two_rounds_compare_the_people_rated_in_both(pairs: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(pairs, small_framework, "R2", "R3")
    assert shown.rounds == ("R2", "R3")
    # ann 3 skills, bob CP, cat 2, dan CP: rated in R2 and in R3.
    assert value(shown, tv.PEOPLE_FIGURE) == 4
    # R2 3+1+3+4+2+4+3 = 20, R3 4+2+4+5+3+3+3 = 24, over 7 pairs each.
    assert value(shown, tv.RATING_CHANGE_FIGURE) == pytest.approx(4 / 7)
    assert "both rounds" in shown.coverage


def test_without_the_same_people_each_round_counts_everyone(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = view_of(pairs, small_framework, same_people=False)
    assert shown.figure(tv.PEOPLE_FIGURE).label == "People rated (later round)"
    assert value(shown, tv.PEOPLE_FIGURE) == 4
    # R1 19 / 7 ratings, R3 28 / 8; at target 3 / 7 and 6 / 8.
    assert value(shown, tv.RATING_CHANGE_FIGURE) == pytest.approx(3.5 - 19 / 7)
    assert value(shown, tv.READINESS_CHANGE_FIGURE) == pytest.approx(6 / 8 - 3 / 7)
    # Gaps still compare pairs rated in both R1 and R3: bob's budgeting stays below (3 -> 4 < 4.5).
    assert (shown.n_closed, shown.n_opened) == (3, 1)
    # Strategy: ann, bob, cat in R1; dan joins in R2. Analytics: ann and cat throughout.
    assert shown.trend.frame[g.N_PEOPLE].tolist() == [3, 4, 4, 2, 2, 2]
    assert "Everyone rated in each round" in shown.coverage


def test_one_area_shows_its_skills(pairs: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(pairs, small_framework, area_id="analytics")
    assert (shown.what, shown.line_title) == ("Analytics", "Skill")
    assert set(shown.trend.frame[f.ROW_LABEL]) == {"Web analytics"}
    assert value(shown, tv.PEOPLE_FIGURE) == 2
    one = view_of(pairs, small_framework, area_id="strategy", skill_id=BU)
    # Budgeting rated in all three rounds: ann only (2, 1, 2).
    assert one.what == "Budgeting and KPIs"
    assert one.trend.frame[g.MEAN_RATING].tolist() == [2.0, 1.0, 2.0]


def test_nothing_to_compare_gives_none(pairs: pd.DataFrame, small_framework: Framework) -> None:
    assert tv.trends_view(pairs[pairs[c.ROUND] == "R1"], small_framework) is None
    no_r2_budgeting = pairs[~((pairs[c.SKILL_ID] == BU) & (pairs[c.ROUND] == "R2"))].reset_index(drop=True)
    assert tv.trends_view(no_r2_budgeting, small_framework, area_id="strategy", skill_id=BU) is None
    everyone = view_of(no_r2_budgeting, small_framework, area_id="strategy", skill_id=BU, same_people=False)
    # Nobody was rated on budgeting in R2: the trend skips it.
    assert everyone.trend.frame[c.ROUND].astype(str).tolist() == ["R1", "R3"]


def test_rounds_out_of_order_or_unknown_are_refused(pairs: pd.DataFrame, small_framework: Framework) -> None:
    with pytest.raises(ValueError, match="does not come before"):
        tv.trends_view(pairs, small_framework, "R3", "R1")
    with pytest.raises(ValueError, match="R9"):
        tv.trends_view(pairs, small_framework, "R1", "R9")


def test_training_check_needs_a_stored_plan(pairs: pd.DataFrame, small_framework: Framework) -> None:
    assert view_of(pairs, small_framework).training is None
    training = view_of(pairs, small_framework, cohorts=COHORTS).training
    assert training is not None and training.table is not None
    table = training.table.frame
    assert table[f.SKILL].tolist() == ["Campaign planning", "Budgeting and KPIs", "Web analytics"]
    # CP: ann +2, cat +2 against bob +1. BU: bob's budgeting is not in all three rounds, so
    # the cohort has nobody; ann 0 is the others. WA: ann +1 against cat -1.
    assert table[g.COHORT_PEOPLE].tolist() == [2, 0, 1]
    assert table[g.OTHERS_PEOPLE].tolist() == [1, 1, 1]
    assert table[g.CHANGE_DIFFERENCE].tolist()[0] == pytest.approx(1.0)
    assert np.isnan(table[g.CHANGE_DIFFERENCE].tolist()[1])
    assert table[g.CHANGE_DIFFERENCE].tolist()[2] == pytest.approx(2.0)
    assert "not proof" in training.caution
    analytics = view_of(pairs, small_framework, area_id="analytics", cohorts=COHORTS).training
    assert analytics is not None and analytics.table is not None
    assert analytics.table.frame[f.SKILL].tolist() == ["Web analytics"]


def test_a_plan_of_another_round_says_which_round_it_was_made_from(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    training = view_of(pairs, small_framework, "R2", "R3", cohorts=COHORTS).training
    assert training is not None
    assert training.table is None and training.plan_rounds == ("R1",)


@pytest.mark.parametrize(
    ("change", "kind", "shown"),
    [
        (0.347, f.SCORE, "+0.35"),
        (-0.25, f.SCORE, "-0.25"),
        (0.004, f.SCORE, "0.00"),  # rounds to no change: no sign, never a rise
        (-0.004, f.SCORE, "0.00"),
        (0.1, f.PERCENT, "+10 points"),  # percentage points, not a tenth more
        (-0.254, f.PERCENT, "-25 points"),
        (0.004, f.PERCENT, "0 points"),
    ],
)
def test_changes_show_their_sign(change: float, kind: str, shown: str) -> None:
    assert format_change(change, kind) == shown
