"""Invariants of the gap metrics on arbitrary small surveys (hypothesis).

These check how the figures fit together rather than restating their definitions:
group figures recombine to the whole, counts stay within their bounds, a combined
rating lies between the two it combines, and progress only counts pairs both rounds hold.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework

SKILLS = ("campaign_planning", "budgeting", "web_analytics")
ROLES = ("specialist", "dm_manager")
TEAMS = ("Growth", "Care", "Content")
RATINGS = st.sampled_from([math.nan, 1.0, 1.5, 2.0, 3.0, 3.5, 4.0, 5.0])

answers = st.lists(
    st.tuples(
        st.integers(0, 5),  # person; team and role follow from it
        st.sampled_from(SKILLS),
        st.sampled_from([c.SELF, c.MANAGER]),
        st.sampled_from(["R1", "R2"]),
        RATINGS,
    ),
    min_size=1,
    max_size=40,
)


def survey(rows: list[tuple[int, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (f"p{p}", f"P{p}", f"p{p}@x.id", TEAMS[p % 3], ROLES[p % 2], ROLES[p % 2], s, r, v, rnd)
            for p, s, r, rnd, v in rows
        ],
        columns=list(c.TIDY_COLUMNS),
    )


SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(rows=answers, key=st.sampled_from([c.TEAM, c.AREA_ID, c.SKILL_ID, c.ROLE_ID, c.ROUND]))
def test_group_figures_recombine_to_the_whole(small_framework: Framework, rows: list, key: str) -> None:
    pairs = gaps.rating_pairs(survey(rows), small_framework)
    whole, parts = gaps.summarise(pairs), gaps.summarise(pairs, [key])
    if pairs.empty:
        assert whole.empty
        return
    n = parts[gaps.N_PAIRS]
    assert n.sum() == whole[gaps.N_PAIRS].iloc[0] == len(pairs)
    for measure in (gaps.MEAN_RATING, gaps.MEAN_SHORTFALL, gaps.READINESS):
        assert (parts[measure] * n).sum() / n.sum() == pytest.approx(whole[measure].iloc[0])
    assert (parts[gaps.PEOPLE_BELOW] <= parts[gaps.N_PEOPLE]).all()
    assert parts[gaps.N_PEOPLE].max() <= whole[gaps.N_PEOPLE].iloc[0] <= parts[gaps.N_PEOPLE].sum()


@SETTINGS
@given(rows=answers)
def test_combined_rating_lies_between_self_and_manager(small_framework: Framework, rows: list) -> None:
    ratings = survey(rows)
    combined = gaps.rating_pairs(ratings, small_framework, gaps.COMBINED)
    # A later answer replaces an earlier one, even when it says "not applicable".
    last = ratings.drop_duplicates([c.RESPONDENT_ID, c.SKILL_ID, c.RATER, c.ROUND], keep="last").dropna(
        subset=[c.RATING]
    )
    bounds = last.groupby([c.RESPONDENT_ID, c.SKILL_ID, c.ROUND])[c.RATING].agg(["min", "max"])
    keyed = combined.astype(dict.fromkeys((c.RESPONDENT_ID, c.SKILL_ID, c.ROUND), object)).set_index(
        [c.RESPONDENT_ID, c.SKILL_ID, c.ROUND]
    )
    assert len(keyed) == len(bounds)
    joined = keyed.join(bounds)
    assert (joined["min"] <= joined[c.RATING]).all()
    assert (joined[c.RATING] <= joined["max"]).all()


@SETTINGS
@given(rows=answers)
def test_progress_counts_only_pairs_both_rounds_hold(small_framework: Framework, rows: list) -> None:
    pairs = gaps.rating_pairs(survey(rows), small_framework)
    change = gaps.progress(pairs, "R1", "R2")
    per_round = pairs[c.ROUND].astype(object).value_counts()
    if change.empty:
        return
    assert change[gaps.N_PAIRS].iloc[0] <= min(per_round.get("R1", 0), per_round.get("R2", 0))
    assert change[gaps.RATING_CHANGE].iloc[0] == pytest.approx(
        change[gaps.MEAN_RATING_TO].iloc[0] - change[gaps.MEAN_RATING_FROM].iloc[0]
    )
    assert np.isfinite(change[gaps.READINESS_CHANGE]).all()
