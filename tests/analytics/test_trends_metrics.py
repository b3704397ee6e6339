"""Trend metrics of analytics.gaps on the three rounds of :func:`tests.helpers.tidy.three_rounds`.

Every expected number is worked out by hand in the comments from the table in that helper's
docstring and the small framework's targets (:mod:`tests.helpers.tidy`):

    role         campaign_planning   budgeting   web_analytics
    specialist   3                   2           4
    dm_manager   4                   4.5         3
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analytics import columns as c
from analytics import gaps as g
from analytics.framework import Framework
from tests.helpers.tidy import BU, CP, MGR, SPEC, WA, row, three_rounds, tidy

NAN = math.nan


@pytest.fixture
def pairs(small_framework: Framework) -> pd.DataFrame:
    return g.rating_pairs(three_rounds(), small_framework)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals as plain text, so expected frames can be written with plain lists."""
    out = frame.reset_index(drop=True).copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object)
    return out


def assert_same(result: pd.DataFrame, expected: dict[str, list[Any]]) -> None:
    assert_frame_equal(plain(result), pd.DataFrame(expected), check_dtype=False)


def keys_of(frame: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(
        zip(
            frame[c.RESPONDENT_ID].astype(str),
            frame[c.SKILL_ID].astype(str),
            frame[c.ROUND].astype(str),
            strict=True,
        )
    )


# --- same people ---------------------------------------------------------------------------


def test_same_pairs_of_two_rounds_are_the_pairs_rated_in_both(pairs: pd.DataFrame) -> None:
    both = g.same_pairs(pairs, ["R1", "R3"])
    # ann CP BU WA, bob CP BU, cat CP WA in R1 and R3; dan joined in R2.
    expected = {
        (who, skill)
        for who, skill in [
            ("ann", CP),
            ("ann", BU),
            ("ann", WA),
            ("bob", CP),
            ("bob", BU),
            ("cat", CP),
            ("cat", WA),
        ]
    }
    assert keys_of(both) == {(who, skill, r) for who, skill in expected for r in ("R1", "R3")}


def test_same_pairs_of_three_rounds_need_every_round(pairs: pd.DataFrame) -> None:
    every = g.same_pairs(pairs, ["R1", "R2", "R3"])
    # Bob's budgeting was not applicable in R2: it drops out of all three rounds.
    assert len(every) == 6 * 3
    assert ("bob", BU, "R1") not in keys_of(every)
    assert ("bob", CP, "R2") in keys_of(every)


def test_rounds_named_twice_are_refused(pairs: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="repeat"):
        g.trend(pairs, ["R1", "R1"])


# --- trend ---------------------------------------------------------------------------------


def test_trend_per_area_over_the_same_people(pairs: pd.DataFrame) -> None:
    result = g.trend(pairs, ["R1", "R3"], by=[c.AREA_ID])
    # R1 strategy: ann CP 2, BU 2, bob CP 4, BU 3, cat CP 1 -> 12/5; at target ann BU, bob CP.
    # R1 analytics: ann WA 3 (below), cat WA 4 (at). R3 strategy: 4, 2, 5, 4, 3 -> 18/5; only
    # bob's budgeting (4 < 4.5) is below. R3 analytics: ann 4 (at), cat 3 (below).
    assert_same(
        result,
        {
            c.ROUND: ["R1", "R1", "R3", "R3"],
            c.AREA_ID: ["strategy", "analytics", "strategy", "analytics"],
            g.N_PEOPLE: [3, 2, 3, 2],
            g.N_PAIRS: [5, 2, 5, 2],
            g.MEAN_RATING: [12 / 5, 3.5, 18 / 5, 3.5],
            g.READINESS: [2 / 5, 0.5, 4 / 5, 0.5],
        },
    )


def test_trend_over_three_rounds_keeps_the_pairs_rated_in_all(pairs: pd.DataFrame) -> None:
    result = g.trend(pairs, ["R1", "R2", "R3"])
    # Without bob's budgeting: R1 2+2+3+4+1+4 = 16, R2 3+1+3+4+2+4 = 17, R3 4+2+4+5+3+3 = 21.
    # At target: R1 ann BU, bob CP, cat WA; R2 ann CP, bob CP, cat WA; R3 all but cat WA.
    assert_same(
        result,
        {
            c.ROUND: ["R1", "R2", "R3"],
            g.N_PEOPLE: [3, 3, 3],
            g.N_PAIRS: [6, 6, 6],
            g.MEAN_RATING: [16 / 6, 17 / 6, 21 / 6],
            g.READINESS: [3 / 6, 3 / 6, 5 / 6],
        },
    )


def test_trend_of_everyone_rated_in_each_round(pairs: pd.DataFrame) -> None:
    result = g.trend(pairs, ["R1", "R2", "R3"], same_people=False)
    # R1: 19 over 7 ratings of 3 people; R2 adds dan and loses bob BU: 20 / 7 of 4 people;
    # R3: 28 / 8. At target: R1 3, R2 4 (ann CP, bob CP, cat WA, dan CP), R3 6.
    assert_same(
        result,
        {
            c.ROUND: ["R1", "R2", "R3"],
            g.N_PEOPLE: [3, 4, 4],
            g.N_PAIRS: [7, 7, 8],
            g.MEAN_RATING: [19 / 7, 20 / 7, 3.5],
            g.READINESS: [3 / 7, 4 / 7, 6 / 8],
        },
    )


def test_trend_rows_follow_the_order_of_the_rounds_given(pairs: pd.DataFrame) -> None:
    result = g.trend(pairs, ["R3", "R1"], same_people=False)
    assert list(result[c.ROUND].astype(str)) == ["R3", "R1"]


def test_trend_puts_the_same_people_in_their_latest_team(pairs: pd.DataFrame) -> None:
    same = g.trend(pairs, ["R1", "R3"], by=[c.TEAM])
    # Cat moved from Care to Growth in R3, so her R1 ratings count in Growth too:
    # R1 Care bob 4, 3; Growth ann 2, 2, 3 and cat 1, 4. R3 Care bob 5, 4; Growth 4, 2, 4, 3, 3.
    assert_same(
        same,
        {
            c.ROUND: ["R1", "R1", "R3", "R3"],
            c.TEAM: ["Care", "Growth", "Care", "Growth"],
            g.N_PEOPLE: [1, 2, 1, 2],
            g.N_PAIRS: [2, 5, 2, 5],
            g.MEAN_RATING: [3.5, 12 / 5, 4.5, 16 / 5],
            g.READINESS: [0.5, 2 / 5, 0.5, 4 / 5],
        },
    )
    everyone = g.trend(pairs, ["R1"], by=[c.TEAM], same_people=False)
    # Everyone in their own round's team: R1 Care holds bob and cat (4 + 3 + 1 + 4) / 4.
    assert everyone[g.MEAN_RATING].tolist() == [3.0, 7 / 3]
    assert everyone[g.N_PEOPLE].tolist() == [2, 1]


# --- changes -------------------------------------------------------------------------------


def test_pair_changes_say_which_gaps_closed_and_opened(pairs: pd.DataFrame) -> None:
    changed = g.pair_changes(pairs, "R1", "R3")
    assert list(changed.columns) == list(g.PAIR_CHANGE_COLUMNS)
    by_key = {
        (str(w), str(s)): r
        for w, s, r in zip(changed[c.RESPONDENT_ID], changed[c.SKILL_ID], changed.itertuples(), strict=True)
    }
    assert set(by_key) == {
        ("ann", CP),
        ("ann", BU),
        ("ann", WA),
        ("bob", CP),
        ("bob", BU),
        ("cat", CP),
        ("cat", WA),
    }
    closed = {key for key, r in by_key.items() if getattr(r, g.CLOSED)}
    opened = {key for key, r in by_key.items() if getattr(r, g.OPENED)}
    # ann CP 2 -> 4 and WA 3 -> 4, cat CP 1 -> 3 reached target; cat WA 4 -> 3 fell below.
    assert closed == {("ann", CP), ("ann", WA), ("cat", CP)}
    assert opened == {("cat", WA)}
    assert getattr(by_key[("bob", BU)], g.RATING_CHANGE) == 1.0  # 3 -> 4, still below 4.5
    assert getattr(by_key[("cat", WA)], c.TEAM) == "Growth"  # where cat is in R3


def test_change_summary_per_area(pairs: pd.DataFrame) -> None:
    result = g.change_summary(g.pair_changes(pairs, "R1", "R3"), [c.AREA_ID])
    # Strategy: 12/5 -> 18/5; below then ann CP, bob BU, cat CP; closed ann CP and cat CP.
    # Analytics: 3.5 -> 3.5; ann WA closed, cat WA opened.
    assert_same(
        result,
        {
            c.AREA_ID: ["strategy", "analytics"],
            g.N_PEOPLE: [3, 2],
            g.N_PAIRS: [5, 2],
            g.MEAN_RATING_FROM: [12 / 5, 3.5],
            g.MEAN_RATING_TO: [18 / 5, 3.5],
            g.RATING_CHANGE: [6 / 5, 0.0],
            g.READINESS_FROM: [2 / 5, 0.5],
            g.READINESS_TO: [4 / 5, 0.5],
            g.READINESS_CHANGE: [2 / 5, 0.0],
            g.N_BELOW_FROM: [3, 1],
            g.N_CLOSED: [2, 1],
            g.N_OPENED: [0, 1],
            g.N_BELOW_TO: [1, 1],
        },
    )


def test_person_changes(pairs: pd.DataFrame) -> None:
    result = g.person_changes(g.pair_changes(pairs, "R1", "R3"))
    # ann (2+2+3)/3 -> (4+2+4)/3; bob (4+3)/2 -> (5+4)/2; cat (1+4)/2 -> (3+3)/2; dan not in R1.
    got = plain(result)[[c.RESPONDENT_ID, g.N_PAIRS, g.RATING_CHANGE, g.N_CLOSED, g.N_OPENED]]
    assert got.values.tolist() == [["ann", 3, 1.0, 2, 0], ["bob", 2, 1.0, 0, 0], ["cat", 2, 0.5, 1, 1]]
    assert result[g.MEAN_RATING_FROM].tolist() == pytest.approx([7 / 3, 3.5, 2.5])


def test_changes_match_raters_when_every_rater_is_kept(small_framework: Framework) -> None:
    ratings = tidy(
        row("ann", CP, 2),
        row("ann", CP, 3, rater=c.MANAGER),
        row("ann", CP, 4, round="R2"),
        row("ann", CP, 1, rater=c.PEER, round="R2"),  # no peer rating in R1
    )
    changed = g.pair_changes(g.rating_pairs(ratings, small_framework, g.ALL), "R1", "R2")
    # Only the self rating is in both rounds: 2 -> 4; the manager's 3 is never compared with the peer's 1.
    assert changed[c.RATER].astype(str).tolist() == [c.SELF]
    assert changed[g.RATING_CHANGE].tolist() == [2.0]


def test_changes_of_a_round_nobody_was_rated_in_are_empty(pairs: pd.DataFrame) -> None:
    changed = g.pair_changes(pairs, "R1", "R9")
    assert changed.empty and list(changed.columns) == list(g.PAIR_CHANGE_COLUMNS)
    summary = g.change_summary(changed, [c.TEAM])
    assert summary.empty and list(summary.columns) == [c.TEAM, *g.CHANGE_COLUMNS]
    assert g.trend(pairs.iloc[0:0], ["R1", "R2"], [c.AREA_ID]).empty


# --- training effect -----------------------------------------------------------------------

COHORTS = pd.DataFrame(
    [
        (CP, "ann", "R1"),
        (CP, "cat", "R1"),
        (CP, "zed", "R1"),  # never rated: counts on neither side
        (BU, "bob", "R1"),
        (WA, "ann", "R1"),
        (CP, "bob", "R2"),  # a plan made from R2 does not count from R1
    ],
    columns=[c.SKILL_ID, c.RESPONDENT_ID, c.ROUND],
)


def test_training_effect_compares_each_cohort_with_the_others(pairs: pd.DataFrame) -> None:
    result = g.training_effect(pairs, "R1", "R3", COHORTS)
    # Changes R1 -> R3: CP ann +2, bob +1, cat +2; BU ann 0, bob +1; WA ann +1, cat -1.
    assert_same(
        result,
        {
            c.SKILL_ID: [CP, BU, WA],
            c.AREA_ID: ["strategy", "strategy", "analytics"],
            g.COHORT_PEOPLE: [2, 1, 1],
            g.COHORT_CHANGE: [2.0, 1.0, 1.0],
            g.OTHERS_PEOPLE: [1, 1, 1],
            g.OTHERS_CHANGE: [1.0, 0.0, -1.0],
            g.CHANGE_DIFFERENCE: [1.0, 1.0, 2.0],
        },
    )


def test_training_effect_takes_the_plans_made_from_the_earlier_round(pairs: pd.DataFrame) -> None:
    result = g.training_effect(pairs, "R2", "R3", COHORTS)
    # Only the R2 plan (bob, CP) counts. R2 -> R3 on CP: ann +1, bob +1, cat +1, dan 0.
    assert plain(result)[c.SKILL_ID].tolist() == [CP]
    assert result[[g.COHORT_PEOPLE, g.OTHERS_PEOPLE]].values.tolist() == [[1, 3]]
    assert result[g.OTHERS_CHANGE].tolist() == pytest.approx([2 / 3])
    assert result[g.CHANGE_DIFFERENCE].tolist() == pytest.approx([1 / 3])


def test_training_effect_without_anyone_to_compare_with_is_missing(pairs: pd.DataFrame) -> None:
    everyone = pd.DataFrame({c.SKILL_ID: [WA, WA], c.RESPONDENT_ID: ["ann", "cat"]})  # no round: all apply
    result = g.training_effect(pairs, "R1", "R3", everyone)
    # ann +1 and cat -1 are both in the cohort: mean 0, and nobody else to compare with.
    assert result[[g.COHORT_PEOPLE, g.COHORT_CHANGE, g.OTHERS_PEOPLE]].values.tolist() == [[2, 0.0, 0]]
    assert np.isnan(result[g.OTHERS_CHANGE].iloc[0]) and np.isnan(result[g.CHANGE_DIFFERENCE].iloc[0])


def test_training_effect_of_an_empty_plan_is_empty(pairs: pd.DataFrame) -> None:
    result = g.training_effect(pairs, "R1", "R3", COHORTS.iloc[0:0])
    assert result.empty and list(result.columns) == [c.SKILL_ID, c.AREA_ID, *g.TRAINING_COLUMNS]


# --- properties ----------------------------------------------------------------------------

PEOPLE = ("ann", "bob", "cat", "dan")
rounds_strategy = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from((CP, BU, WA)),
        st.sampled_from(("R1", "R2")),
        st.sampled_from((SPEC, MGR)),
        st.sampled_from(("Growth", "Care")),
        st.one_of(st.none(), st.integers(1, 5)),
    ),
    max_size=40,
    unique_by=lambda r: (r[0], r[1], r[2]),
)


@settings(max_examples=40, deadline=None)
@given(rows=rounds_strategy)
def test_changes_and_trends_agree_with_progress(
    rows: list[tuple[Any, ...]], small_framework: Framework
) -> None:
    ratings = tidy(*(row(w, s, v, round=r, role=role, team=team) for w, s, r, role, team, v in rows))
    pairs = g.rating_pairs(ratings, small_framework)
    changed = g.pair_changes(pairs, "R1", "R2")
    for by in ([], [c.TEAM], [c.AREA_ID]):
        expected = g.progress(pairs, "R1", "R2", by)
        summary = g.change_summary(changed, by)
        assert_frame_equal(plain(summary[[*by, *g.PROGRESS_COLUMNS]]), plain(expected), check_dtype=False)
        assert (
            summary[g.N_BELOW_TO] == summary[g.N_BELOW_FROM] - summary[g.N_CLOSED] + summary[g.N_OPENED]
        ).all()
        # The same people's trend starts and ends where progress does, group by group.
        trend = g.trend(pairs, ["R1", "R2"], by)
        first = plain(trend[trend[c.ROUND] == "R1"]).drop(columns=[c.ROUND])
        assert_frame_equal(
            first[[*by, g.N_PEOPLE, g.N_PAIRS, g.MEAN_RATING, g.READINESS]],
            plain(expected)[[*by, g.N_PEOPLE, g.N_PAIRS, g.MEAN_RATING_FROM, g.READINESS_FROM]].set_axis(
                [*by, g.N_PEOPLE, g.N_PAIRS, g.MEAN_RATING, g.READINESS], axis=1
            ),
            check_dtype=False,
        )
