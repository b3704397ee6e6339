"""The Overview view on three hand-built people: headline, areas, single points, heatmap, top priorities."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views import overview as ov
from tests.helpers.tidy import BU, CP, MGR, WA, row, tidy


def test_headline(pairs: pd.DataFrame, small_framework: Framework) -> None:
    top = ov.overview_view(pairs, small_framework).headline
    # 9 pairs, at target: ann BU, WA; bob CP, WA; cat CP -> 5 of 9.
    assert (top.people, top.pairs) == (3, 9)
    assert top.readiness == pytest.approx(5 / 9)
    # Shortfalls 1, 0, 0 | 0, 1.5, 0 | 0, 1, 2 -> 5.5 / 9; everybody falls short somewhere.
    assert top.mean_shortfall == pytest.approx(5.5 / 9)
    assert top.people_below == 3
    # strategy shortfalls: 1, 0, 0, 1.5, 0, 1 -> 3.5/6; analytics: 0, 0, 2 -> 2/3. Analytics is weaker.
    assert (top.weakest_area_id, top.weakest_area) == ("analytics", "Analytics")
    assert top.weakest_shortfall == pytest.approx(2 / 3)
    assert ov.overview_view(pairs.iloc[0:0], small_framework).headline.people == 0


def test_headline_figures_say_what_each_is(pairs: pd.DataFrame, small_framework: Framework) -> None:
    figures = {fig.key: fig for fig in ov.headline_figures(ov.overview_view(pairs, small_framework).headline)}
    assert figures[ov.PEOPLE_FIGURE].value == 3 and figures[ov.PEOPLE_FIGURE].label == "People"
    assert figures[ov.READINESS_FIGURE].kind == f.PERCENT
    assert figures[ov.WEAKEST_FIGURE].value == "Analytics"
    assert "0.67 levels" in figures[ov.WEAKEST_FIGURE].help
    assert ov.PLAN_HOURS_FIGURE not in figures  # only with a plan


def test_headline_weakest_area_is_the_largest_mean_shortfall(small_framework: Framework) -> None:
    # Strategy: ann CP 2 (target 3) short 1, BU 1 (target 2) short 1; bob CP 4 (target 4) 0,
    # BU 4 (target 4.5) short 0.5 -> mean shortfall 2.5/4 = 0.625, at target 1 of 4 = 25%.
    # Analytics: ann WA 1 (target 4) short 3; bob WA 3 (target 3) 0 -> mean 1.5, 1 of 2 = 50%.
    # "Lowest share at target" would say Strategy; the largest mean shortfall is Analytics.
    table = tidy(
        row("ann", CP, 2),
        row("ann", BU, 1),
        row("ann", WA, 1),
        row("bob", CP, 4, role=MGR),
        row("bob", BU, 4, role=MGR),
        row("bob", WA, 3, role=MGR),
    )
    top = ov.overview_view(gaps.rating_pairs(table, small_framework), small_framework).headline
    assert top.weakest_area == "Analytics"
    assert top.weakest_shortfall == pytest.approx(1.5)
    assert top.readiness == pytest.approx(2 / 6)


def test_headline_of_a_group_under_the_minimum_is_hidden(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    top = ov.overview_view(pairs, small_framework, min_group=4).headline
    assert (top.people, top.pairs) == (3, 9)
    assert top.readiness is None and top.weakest_area_id is None and top.single_points is None


def test_areas_pool_every_pair(pairs: pd.DataFrame, small_framework: Framework) -> None:
    areas = ov.overview_view(pairs, small_framework).areas
    frame = areas.frame.set_index(c.AREA_ID)
    # Strategy: ratings 2, 2, 4, 3, 3, 1 -> 15/6; targets 3, 2, 4, 4.5, 3, 2 -> 18.5/6.
    assert frame.loc["strategy", gaps.MEAN_RATING] == pytest.approx(15 / 6)
    assert frame.loc["strategy", gaps.MEAN_TARGET] == pytest.approx(18.5 / 6)
    assert areas.columns[0] == f.AREA and areas.heading(gaps.N_PEOPLE) == "People"


def test_single_points(pairs: pd.DataFrame, small_framework: Framework) -> None:
    table = ov.overview_view(pairs, small_framework).single_points
    # Growth (ann only): web analytics (importance 3 for a specialist) has ann at target ->
    # covered by Ann. Care: budgeting (3 for bob) has nobody at target.
    got = {
        (t, s): who for t, s, who in table.frame[[c.TEAM, c.SKILL_ID, gaps.COVERED_BY]].astype(object).values
    }
    assert got[("Growth", WA)] == "Ann"
    assert got[("Care", BU)] == ov.NOBODY
    assert table.heading(gaps.COVERED_BY) == "Only person at target"


def test_shortfall_grid_people_then_teams(pairs: pd.DataFrame, small_framework: Framework) -> None:
    grid = ov.shortfall_grid(pairs, small_framework, person_limit=5)
    assert grid.by_person and grid.row_title == "Person" and grid.limit == 5
    assert grid.rows == ("Ann", "Bob", "Cat") and grid.people == (1, 1, 1)
    assert grid.wide().loc["Bob", "Budgeting and KPIs"] == pytest.approx(1.5)
    by_team = ov.shortfall_grid(pairs, small_framework, person_limit=2)
    assert not by_team.by_person and by_team.row_title == "Team"
    assert by_team.rows == ("Care", "Growth") and by_team.people == (2, 1)
    teams = by_team.table
    care_bu = teams[(teams[f.ROW_LABEL] == "Care") & (teams[c.SKILL_ID] == BU)]
    # bob 1.5 and cat 1 -> 1.25 over 2 people.
    assert care_bu[gaps.MEAN_SHORTFALL].item() == pytest.approx(1.25)
    assert care_bu[gaps.N_PEOPLE].item() == 2
    assert care_bu[f.SKILL].item() == "Budgeting and KPIs"
    assert by_team.skills == ("Campaign planning", "Budgeting and KPIs", "Web analytics")


def test_shortfall_grid_hides_small_groups(pairs: pd.DataFrame, small_framework: Framework) -> None:
    grid = ov.shortfall_grid(pairs, small_framework, min_group=2)
    # Always teams when hiding; Growth (1 person) is left out, Care (2) stays.
    assert not grid.by_person and grid.rows == ("Care",)
    assert grid.wide().loc["Care", "Web analytics"] == pytest.approx(1.0)  # bob 0, cat 2


def test_shortfall_grid_keeps_two_people_who_share_a_name_apart(small_framework: Framework) -> None:
    table = tidy(row("a1", CP, 3, name="Ana"), row("a2", CP, 1, name="Ana"), row("b", CP, 3, name="Budi"))
    grid = ov.shortfall_grid(gaps.rating_pairs(table, small_framework), small_framework)
    assert grid.rows == ("Ana (a1)", "Ana (a2)", "Budi")
    assert grid.wide()["Campaign planning"].tolist() == [0.0, 2.0, 0.0]
