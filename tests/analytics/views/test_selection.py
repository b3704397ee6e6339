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
    assert options == FilterOptions(("R0", "R1"), ("Care", "Growth"), (SPEC, MGR), (c.SELF, c.MANAGER))
    all_pairs = gaps.rating_pairs(ratings, small_framework)
    care = apply_filters(all_pairs, Filters(round="R1", teams=("Care",)))
    assert set(care[c.RESPONDENT_ID]) == {"bob", "cat"}
    managers = apply_filters(all_pairs, Filters(round="R1", roles=(MGR,)))
    assert set(managers[c.RESPONDENT_ID]) == {"bob"}
    assert len(apply_filters(all_pairs, Filters(round="R0"))) == 1
    assert apply_filters(all_pairs, Filters()) is all_pairs  # nothing filtered: no copy


def test_empty_reasons(pairs: pd.DataFrame, small_framework: Framework) -> None:
    none = pairs.iloc[0:0]
    fw = small_framework
    assert empty_reason(True, c.SELF, pairs, pairs, Filters(), fw) is None
    no_data = empty_reason(False, c.SELF, none, none, Filters(), fw)
    assert no_data is not None and "No survey" in no_data.why
    manager = empty_reason(True, c.MANAGER, none, none, Filters(), fw, raters=(c.SELF,))
    assert manager is not None and "no manager ratings" in manager.why and "'Self ratings'" in manager.todo
    filtered = empty_reason(
        True, c.SELF, pairs, none, Filters(round="R1", teams=("Nobody",), roles=(MGR,)), fw
    )
    assert filtered is not None and "team Nobody" in filtered.why and "sidebar" in filtered.todo
    assert "role Digital Marketing Manager" in filtered.why  # the role by name, not its id


def test_a_manager_only_survey_says_there_are_no_self_ratings(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    none = pairs.iloc[0:0]
    reason = empty_reason(True, c.SELF, none, none, Filters(), small_framework, raters=(c.MANAGER,))
    assert reason is not None and "no self ratings" in reason.why
    assert "'Manager ratings' or 'Combined'" in reason.todo
    # With self ratings that all miss a target, the reason is the roles or the answers.
    unmeasured = empty_reason(True, c.SELF, none, none, Filters(), small_framework, raters=(c.SELF,))
    assert unmeasured is not None and "could be measured" in unmeasured.why


def test_filter_options_name_the_raters_who_rated(ratings: pd.DataFrame, small_framework: Framework) -> None:
    assert filter_options(ratings, small_framework).raters == (c.SELF, c.MANAGER)
    self_only = ratings[ratings[c.RATER] == c.SELF]
    assert filter_options(self_only, small_framework).raters == (c.SELF,)


def test_described_names_the_round_teams_and_roles(small_framework: Framework) -> None:
    assert described(Filters(), small_framework) == (
        ("Round", "all rounds"),
        ("Teams", "all teams"),
        ("Roles", "all roles"),
    )
    chosen = described(Filters("R1", ("Care", "Growth"), (MGR,)), small_framework)
    assert chosen == (("Round", "R1"), ("Teams", "Care, Growth"), ("Roles", "Digital Marketing Manager"))
