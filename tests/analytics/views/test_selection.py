"""What a view covers: filter options, the rows the filters keep, their words, empty reasons."""

from __future__ import annotations

import pandas as pd

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework
from analytics.views.selection import (
    FilterOptions,
    Filters,
    apply_filters,
    described,
    empty_reason,
    filter_options,
)
from tests.helpers.tidy import MGR, SPEC


def test_filter_options_and_filters(ratings: pd.DataFrame, small_framework: Framework) -> None:
    options = filter_options(ratings, small_framework)
    assert options == FilterOptions(("R0", "R1"), ("Care", "Growth"), (SPEC, MGR))
    all_pairs = gaps.rating_pairs(ratings, small_framework)
    care = apply_filters(all_pairs, Filters(round="R1", teams=("Care",)))
    assert set(care[c.RESPONDENT_ID]) == {"bob", "cat"}
    managers = apply_filters(all_pairs, Filters(round="R1", roles=(MGR,)))
    assert set(managers[c.RESPONDENT_ID]) == {"bob"}
    assert len(apply_filters(all_pairs, Filters(round="R0"))) == 1
    assert apply_filters(all_pairs, Filters()) is all_pairs  # nothing filtered: no copy


def test_empty_reasons(pairs: pd.DataFrame) -> None:
    none = pairs.iloc[0:0]
    assert empty_reason(True, c.SELF, pairs, pairs, Filters()) is None
    no_data = empty_reason(False, c.SELF, none, none, Filters())
    assert no_data is not None and "No survey" in no_data.why
    manager = empty_reason(True, c.MANAGER, none, none, Filters())
    assert manager is not None and "no manager ratings" in manager.why
    filtered = empty_reason(True, c.SELF, pairs, none, Filters(round="R1", teams=("Nobody",)))
    assert filtered is not None and "team Nobody" in filtered.why and "sidebar" in filtered.todo


def test_described_names_the_round_teams_and_roles(small_framework: Framework) -> None:
    assert described(Filters(), small_framework) == (
        ("Round", "all rounds"),
        ("Teams", "all teams"),
        ("Roles", "all roles"),
    )
    chosen = described(Filters("R1", ("Care", "Growth"), (MGR,)), small_framework)
    assert chosen == (("Round", "R1"), ("Teams", "Care, Growth"), ("Roles", "Digital Marketing Manager"))
