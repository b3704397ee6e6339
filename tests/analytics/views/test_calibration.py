"""The Calibration view on hand-built self and manager ratings: tables with n, people worth a conversation, points.

The ratings are :func:`tests.helpers.tidy.calibration_people` (its docstring lists every
rating and difference); round R1 unless a test says otherwise. The small framework's areas:
strategy = campaign planning (CP) and budgeting (BU); analytics = web analytics (WA).
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework
from analytics.views import calibration as cal
from analytics.views import fields as f
from analytics.views.selection import Filters
from tests.helpers.tidy import CP, calibration_people, row, tidy

R1 = Filters(round="R1")


@pytest.fixture
def both() -> pd.DataFrame:
    return calibration_people()


def view_of(
    ratings: pd.DataFrame, framework: Framework, filters: Filters = R1, **kw: int
) -> cal.CalibrationView:
    shown = cal.calibration_view(ratings, framework, filters, **kw)
    assert shown is not None
    return shown


def rows_by(table: f.Table, key: str) -> pd.DataFrame:
    frame = table.frame
    return frame.assign(**{key: frame[key].astype(str)}).set_index(key)


def test_headline_counts_and_pooled_means(both: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(both, small_framework)
    # 11 pairs: ann 3, eve 3, bob 2, cat 3; dan has nothing both rated, but rated himself.
    assert (shown.people, shown.pairs, shown.people_self_rated) == (4, 11, 5)
    # Self: Growth 20 + Care 10.5 = 30.5; manager 14 + 14 = 28; difference 6 - 3.5 = 2.5; over 11.
    assert shown.mean_self == pytest.approx(30.5 / 11)
    assert shown.mean_manager == pytest.approx(28 / 11)
    assert shown.mean_difference == pytest.approx(2.5 / 11)
    figures = {figure.key: figure.value for figure in shown.figures}
    assert figures[cal.PEOPLE_FIGURE] == 4 and figures[cal.PAIRS_FIGURE] == 11
    assert (figures[cal.HIGHER_FIGURE], figures[cal.LOWER_FIGURE]) == (2, 1)


def test_per_skill_team_and_area_with_n(both: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(both, small_framework)
    skills = shown.by_skill.frame
    # BU: +1 - 1 + 0.5 + 2 = 2.5 over 4; CP: +2 - 2 + 0 + 2 = 2 over 4; WA: 0 - 1 - 1 over 3.
    assert list(skills[f.SKILL]) == ["Budgeting and KPIs", "Campaign planning", "Web analytics"]
    assert skills[gaps.MEAN_DIFFERENCE].tolist() == pytest.approx([0.625, 0.5, -2 / 3])
    assert skills[gaps.N_PAIRS].tolist() == [4, 4, 3] and skills[gaps.N_PEOPLE].tolist() == [4, 4, 3]
    # BU self (3 + 2 + 2.5 + 4) / 4, manager (2 + 3 + 2 + 2) / 4.
    assert skills[gaps.MEAN_SELF].iloc[0] == pytest.approx(2.875)
    assert skills[gaps.MEAN_MANAGER].iloc[0] == pytest.approx(2.25)
    assert list(skills[f.AREA]) == ["Strategy", "Strategy", "Analytics"]

    teams = rows_by(shown.by_team, c.TEAM)
    assert teams.loc["Care", [gaps.N_PEOPLE, gaps.N_PAIRS]].tolist() == [2, 5]
    assert teams.loc["Care", gaps.MEAN_DIFFERENCE] == pytest.approx(-0.7)
    assert teams.loc["Growth", gaps.MEAN_DIFFERENCE] == pytest.approx(1.0)

    areas = rows_by(shown.by_area, f.AREA)
    assert list(areas.index) == ["Strategy", "Analytics"]  # framework order
    # Strategy: ann +3, bob -3, cat +0.5, eve +4 = 4.5 over 8 pairs of 4 people.
    assert areas.loc["Strategy", [gaps.N_PEOPLE, gaps.N_PAIRS]].tolist() == [4, 8]
    assert areas.loc["Strategy", gaps.MEAN_DIFFERENCE] == pytest.approx(0.5625)
    assert areas.loc["Strategy", gaps.MEAN_SELF] == pytest.approx(24.5 / 8)
    # Analytics: ann 0, cat -1, eve -1 over 3 (bob's manager said not applicable).
    assert areas.loc["Analytics", [gaps.N_PEOPLE, gaps.N_PAIRS]].tolist() == [3, 3]
    assert areas.loc["Analytics", gaps.MEAN_DIFFERENCE] == pytest.approx(-2 / 3)


def test_people_worth_a_conversation(both: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(both, small_framework)
    # Everyone, largest difference first: ann and eve +1 (name order on the tie), cat -1/6, bob -1.5.
    people = shown.by_person.frame
    assert list(people[c.NAME]) == ["Ann", "Eve", "Cat", "Bob"]
    assert list(people[f.CALIBRATION_READING]) == [
        "Own rating higher",
        "Own rating higher",
        "Close to the manager's",
        "Own rating lower",
    ]
    assert list(people[f.ROLE_NAME]) == [
        "Digital Marketing Specialist",
        "Digital Marketing Manager",
        "Digital Marketing Specialist",
        "Digital Marketing Manager",
    ]
    higher = shown.higher.frame
    assert (shown.n_higher, list(higher[c.NAME])) == (2, ["Ann", "Eve"])
    assert list(higher[f.WIDEST_SKILL_NAME]) == ["Campaign planning", "Campaign planning"]
    lower = shown.lower.frame
    assert (shown.n_lower, list(lower[c.NAME]), list(lower[c.TEAM])) == (1, ["Bob"], ["Care"])
    assert lower[gaps.WIDEST_DIFFERENCE].tolist() == [-2.0]
    # The wording starts a conversation; it does not hand down a verdict.
    for listed in (shown.higher, shown.lower):
        assert "conversation" in listed.note
    assert "not a verdict" in shown.higher.note
    assert shown.higher.heading(gaps.N_PAIRS) == "Skills compared"


def test_lists_are_cut_but_counted_in_full(both: pd.DataFrame, small_framework: Framework) -> None:
    shown = view_of(both, small_framework, listed=1)
    assert (len(shown.higher), shown.n_higher) == (1, 2)
    assert "at most 1 are listed" in shown.higher.note


def test_filters_apply_to_the_ratings(both: pd.DataFrame, small_framework: Framework) -> None:
    care = view_of(both, small_framework, Filters(round="R1", teams=("Care",)))
    assert (care.people, care.pairs) == (2, 5)
    assert care.mean_difference == pytest.approx(-0.7)
    managers = view_of(both, small_framework, Filters(round="R1", roles=("dm_manager",)))
    # eve +3 over 3 and bob -3 over 2: 0 over 5.
    assert (managers.people, managers.pairs) == (2, 5)
    assert managers.mean_difference == pytest.approx(0.0)
    # Round R0 holds ann's CP 1/5 alone.
    r0 = view_of(both, small_framework, Filters(round="R0"))
    assert (r0.people, r0.pairs, r0.mean_difference, r0.n_lower) == (1, 1, -4.0, 1)


def test_scatter_points_per_person_per_group_and_per_skill(
    both: pd.DataFrame, small_framework: Framework
) -> None:
    shown = view_of(both, small_framework)
    assert shown.points_are_people
    points = shown.person_points
    assert list(points.columns) == list(cal.POINT_COLUMNS)
    assert list(points[f.ROW_LABEL]) == ["Ann", "Eve", "Cat", "Bob"]
    assert list(points[f.POINT_DETAIL]) == ["Growth", "Growth", "Care", "Care"]
    assert points[gaps.N_PEOPLE].tolist() == [1, 1, 1, 1]

    grouped = view_of(both, small_framework, person_limit=3)
    assert not grouped.points_are_people
    # Means over POINT_STEP (0.25), rounded: cat manager 7/3 -> 9, self 6.5/3 -> 9; ann and eve
    # manager 7/3 -> 9, self 10/3 -> 13, both higher; bob manager 3.5 -> 14, self 2 -> 8.
    cells = grouped.person_points
    assert list(cells[f.ROW_LABEL]) == ["1 person", "2 people", "1 person"]
    assert list(cells[gaps.CALIBRATION_SIDE]) == [gaps.IN_LINE, gaps.SELF_HIGHER, gaps.SELF_LOWER]
    assert cells[gaps.N_PAIRS].tolist() == [3, 6, 2]
    # The pair of ann and eve sits at their pooled means: self 20 / 6, manager 14 / 6.
    assert cells[gaps.MEAN_SELF].iloc[1] == pytest.approx(20 / 6)
    assert cells[gaps.MEAN_MANAGER].iloc[1] == pytest.approx(14 / 6)

    skills = shown.skill_points
    assert list(skills[f.ROW_LABEL]) == ["Budgeting and KPIs", "Campaign planning", "Web analytics"]
    assert list(skills[f.POINT_DETAIL]) == ["Strategy", "Strategy", "Analytics"]
    assert (skills[gaps.CALIBRATION_SIDE] == gaps.IN_LINE).all()  # no skill is a level apart on average


def test_two_people_of_one_name_stay_apart(small_framework: Framework) -> None:
    ratings = tidy(
        row("ann1", CP, 4, name="Ann"),
        row("ann1", CP, 2, name="Ann", rater=c.MANAGER),
        row("ann2", CP, 3, name="Ann", team="Care"),
        row("ann2", CP, 3, name="Ann", team="Care", rater=c.MANAGER),
    )
    shown = view_of(ratings, small_framework)
    assert list(shown.by_person.frame[c.NAME]) == ["Ann (ann1)", "Ann (ann2)"]


def test_nothing_to_compare_says_why(both: pd.DataFrame, small_framework: Framework) -> None:
    self_only = tidy(row("ann", CP, 3), row("bob", CP, 2, team="Care"))
    assert cal.calibration_view(self_only, small_framework, R1) is None
    reason = cal.empty_reason(self_only, R1, small_framework)
    assert "no manager ratings" in reason.why
    for how in ("Who is filling in this form?", "Rater column", "Who filled in the form"):
        assert how in reason.todo

    brand = pd.concat([both, tidy(row("fay", CP, 3, team="Brand"))], ignore_index=True)
    only_brand = Filters(round="R1", teams=("Brand",))
    assert cal.calibration_view(brand, small_framework, only_brand) is None
    reason = cal.empty_reason(brand, only_brand, small_framework)
    assert reason.why == "Nobody in this selection (round R1; team Brand) has a manager rating."

    dan = both[both[c.RESPONDENT_ID] == "dan"]
    assert cal.calibration_view(dan, small_framework, R1) is None
    assert "same person also rated themselves" in cal.empty_reason(dan, R1, small_framework).why


def test_no_ratings_at_all(small_framework: Framework) -> None:
    empty = tidy()
    assert cal.calibration_view(empty, small_framework) is None
    assert "no manager ratings" in cal.empty_reason(empty, Filters(), small_framework).why


def test_threshold_in_words() -> None:
    assert cal.levels(1.0) == "1 level"
    assert cal.levels(1.5) == "1.5 levels"
