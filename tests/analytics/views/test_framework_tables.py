"""The Framework page's tables: the editable target and importance grids, the readable tables."""

from __future__ import annotations

from analytics import columns as c
from analytics.framework import Framework
from analytics.views import framework_tables as ft
from tests.helpers.tidy import SPEC, WA


def test_target_grids_round_trip(small_framework: Framework) -> None:
    targets, importance = ft.target_grids(small_framework)
    assert targets.loc["Budgeting and KPIs", "Digital Marketing Manager"] == 4.5
    assert importance.loc["Web analytics", "Digital Marketing Specialist"] == 3
    same = small_framework.with_targets(ft.targets_from_grids(small_framework, targets, importance))
    assert same.to_yaml() == small_framework.to_yaml()
    targets.loc["Web analytics", "Digital Marketing Specialist"] = 5
    edited = small_framework.with_targets(ft.targets_from_grids(small_framework, targets, importance))
    frame = edited.targets_frame().set_index([c.ROLE_ID, c.SKILL_ID])
    assert frame.loc[(SPEC, WA), c.TARGET] == 5


def test_framework_tables(small_framework: Framework) -> None:
    tables = ft.framework_tables(small_framework)
    assert list(tables["scale"]["name"]) == ["Beginner", "Developing", "Intermediate", "Advanced", "Expert"]
    assert len(tables["skills"]) == 3
    assert len(tables["learning"]) == len(small_framework.learning)
