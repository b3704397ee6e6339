"""Calibration metrics of analytics.gaps on hand-built ratings, every expected number worked out by hand.

The ratings are :func:`tests.helpers.tidy.calibration_people` (its docstring lists every
self and manager rating and each difference).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analytics import columns as c
from analytics import gaps
from tests.helpers.tidy import BU, CP, WA, calibration_people, row, tidy


@pytest.fixture
def ratings() -> pd.DataFrame:
    return calibration_people()


@pytest.fixture
def r1_pairs(ratings: pd.DataFrame) -> pd.DataFrame:
    return gaps.calibration_pairs(ratings[ratings[c.ROUND] == "R1"])


def by_id(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(**{c.RESPONDENT_ID: frame[c.RESPONDENT_ID].astype(str)}).set_index(c.RESPONDENT_ID)


def test_summary_pools_the_pairs_of_each_team(r1_pairs: pd.DataFrame) -> None:
    teams = gaps.calibration_summary(r1_pairs, [c.TEAM])
    teams = teams.assign(**{c.TEAM: teams[c.TEAM].astype(str)}).set_index(c.TEAM)
    # Care: bob CP 2/4, BU 2/3 (WA has no manager rating) and cat 3/3, 2.5/2, 1/2: 5 pairs.
    # Self (2 + 2 + 3 + 2.5 + 1) / 5 = 2.1, manager (4 + 3 + 3 + 2 + 2) / 5 = 2.8, difference -0.7.
    # Growth: ann 4/2, 3/2, 3/3 and eve 4/2, 4/2, 2/3: 6 pairs (dan has none that match).
    # Self 20 / 6, manager 14 / 6, difference (2 + 1 + 0 + 2 + 2 - 1) / 6 = 1.
    assert teams.loc["Care", [gaps.N_PEOPLE, gaps.N_PAIRS]].tolist() == [2, 5]
    assert teams.loc["Growth", [gaps.N_PEOPLE, gaps.N_PAIRS]].tolist() == [2, 6]
    assert teams.loc["Care", gaps.MEAN_SELF] == pytest.approx(2.1)
    assert teams.loc["Care", gaps.MEAN_MANAGER] == pytest.approx(2.8)
    assert teams.loc["Care", gaps.MEAN_DIFFERENCE] == pytest.approx(-0.7)
    assert teams.loc["Growth", gaps.MEAN_SELF] == pytest.approx(20 / 6)
    assert teams.loc["Growth", gaps.MEAN_MANAGER] == pytest.approx(14 / 6)
    assert teams.loc["Growth", gaps.MEAN_DIFFERENCE] == pytest.approx(1.0)


def test_calibration_of_ratings_is_the_summary_of_their_pairs(ratings: pd.DataFrame) -> None:
    expected = gaps.calibration_summary(gaps.calibration_pairs(ratings), [c.TEAM, c.SKILL_ID])
    assert_frame_equal(gaps.calibration(ratings, [c.TEAM, c.SKILL_ID]), expected)


@pytest.mark.parametrize(
    ("difference", "side"),
    [
        (1.0, gaps.SELF_HIGHER),  # exactly one level counts
        (1.5, gaps.SELF_HIGHER),
        (0.99, gaps.IN_LINE),
        (0.0, gaps.IN_LINE),
        (-0.99, gaps.IN_LINE),
        (-1.0, gaps.SELF_LOWER),
        (-2.0, gaps.SELF_LOWER),
        (3.3 - 2.3, gaps.SELF_HIGHER),  # 0.9999999999999996 in floating point: one level by hand
        (2.3 - 3.3, gaps.SELF_LOWER),
        (math.nan, gaps.IN_LINE),
    ],
)
def test_side_of_a_mean_difference(difference: float, side: str) -> None:
    assert gaps.calibration_side(np.array([difference])).tolist() == [side]


def test_side_takes_another_threshold() -> None:
    sides = gaps.calibration_side(pd.Series([0.5, 0.49, -0.5]), threshold=0.5)
    assert sides.tolist() == [gaps.SELF_HIGHER, gaps.IN_LINE, gaps.SELF_LOWER]


def test_person_calibration_means_sides_and_where_to_start(r1_pairs: pd.DataFrame) -> None:
    people = gaps.person_calibration(r1_pairs)
    assert list(people.columns) == list(gaps.PERSON_CALIBRATION_COLUMNS)
    people = by_id(people)
    assert sorted(people.index) == ["ann", "bob", "cat", "eve"]  # dan: no skill rated by both
    # ann: self 4 + 3 + 3 = 10, manager 2 + 2 + 3 = 7, over 3 skills; difference 3 / 3 = 1: higher.
    assert people.loc["ann", [gaps.N_PAIRS, gaps.CALIBRATION_SIDE]].tolist() == [3, gaps.SELF_HIGHER]
    assert people.loc["ann", gaps.MEAN_SELF] == pytest.approx(10 / 3)
    assert people.loc["ann", gaps.MEAN_MANAGER] == pytest.approx(7 / 3)
    assert people.loc["ann", gaps.MEAN_DIFFERENCE] == pytest.approx(1.0)
    # bob: CP -2, BU -1 (WA not compared): mean -1.5, lower; self 2, manager 3.5.
    assert people.loc["bob", [gaps.N_PAIRS, gaps.CALIBRATION_SIDE]].tolist() == [2, gaps.SELF_LOWER]
    assert people.loc["bob", [gaps.MEAN_SELF, gaps.MEAN_MANAGER, gaps.MEAN_DIFFERENCE]].tolist() == [
        2.0,
        3.5,
        -1.5,
    ]
    # cat: 0 + 0.5 - 1 = -0.5 over 3 skills: -1/6, close to the manager's view.
    assert people.loc["cat", gaps.MEAN_DIFFERENCE] == pytest.approx(-1 / 6)
    assert people.loc["cat", gaps.CALIBRATION_SIDE] == gaps.IN_LINE
    # eve: +2 + 2 - 1 = 3 over 3 skills: higher.
    assert people.loc["eve", gaps.CALIBRATION_SIDE] == gaps.SELF_HIGHER
    # Where to start: ann's largest difference is CP (+2); eve's CP and BU tie at +2 and CP
    # comes first in the framework; bob's most negative is CP (-2); cat is in line: none.
    assert people.loc["ann", [gaps.WIDEST_SKILL, gaps.WIDEST_DIFFERENCE]].tolist() == [CP, 2.0]
    assert people.loc["eve", [gaps.WIDEST_SKILL, gaps.WIDEST_DIFFERENCE]].tolist() == [CP, 2.0]
    assert people.loc["bob", [gaps.WIDEST_SKILL, gaps.WIDEST_DIFFERENCE]].tolist() == [CP, -2.0]
    assert pd.isna(people.loc["cat", gaps.WIDEST_SKILL]) and math.isnan(
        people.loc["cat", gaps.WIDEST_DIFFERENCE]
    )


def test_person_calibration_pools_every_round_it_is_given(ratings: pd.DataFrame) -> None:
    people = by_id(gaps.person_calibration(gaps.calibration_pairs(ratings)))
    # ann over R0 and R1: +2, +1, 0 and R0's CP 1/5 = -4: (2 + 1 + 0 - 4) / 4 = -0.25, in line.
    assert people.loc["ann", gaps.N_PAIRS] == 4
    assert people.loc["ann", gaps.MEAN_DIFFERENCE] == pytest.approx(-0.25)
    assert people.loc["ann", gaps.CALIBRATION_SIDE] == gaps.IN_LINE


def test_the_lowest_difference_is_where_to_start_for_someone_rating_lower() -> None:
    pairs = gaps.calibration_pairs(
        tidy(
            row("fay", CP, 2),
            row("fay", CP, 3, rater=c.MANAGER),  # -1
            row("fay", BU, 1),
            row("fay", BU, 4, rater=c.MANAGER),  # -3: the widest
            row("fay", WA, 4),
            row("fay", WA, 3, rater=c.MANAGER),  # +1
        )
    )
    fay = gaps.person_calibration(pairs).iloc[0]
    # (-1 - 3 + 1) / 3 = -1: lower, and the conversation starts at budgeting.
    assert fay[gaps.CALIBRATION_SIDE] == gaps.SELF_LOWER
    assert (fay[gaps.WIDEST_SKILL], fay[gaps.WIDEST_DIFFERENCE]) == (BU, -3.0)


def test_decimal_ratings_one_level_apart_count_as_one_level() -> None:
    pairs = gaps.calibration_pairs(tidy(row("gil", CP, 3.3), row("gil", CP, 2.3, rater=c.MANAGER)))
    assert gaps.person_calibration(pairs)[gaps.CALIBRATION_SIDE].tolist() == [gaps.SELF_HIGHER]


def test_person_calibration_without_pairs_is_empty_not_an_error() -> None:
    people = gaps.person_calibration(gaps.calibration_pairs(tidy(row("ann", CP, 3))))
    assert people.empty
    assert list(people.columns) == list(gaps.PERSON_CALIBRATION_COLUMNS)
