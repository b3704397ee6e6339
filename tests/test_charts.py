"""Figure builders of analytics.charts: titles, axis titles, level names, hover n and the colour meaning."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import charts, gaps
from analytics import columns as c
from analytics import views as vw
from analytics.framework import Framework

SPEC, MGR = "specialist", "dm_manager"


def _ratings(framework: Framework) -> pd.DataFrame:
    rows = []
    values = {
        ("ann", SPEC): (2, 2, 4),
        ("bob", MGR): (4, 3, 3),
        ("cat", SPEC): (3, 1, 2),
    }
    for (who, role), ratings in values.items():
        for skill, value in zip([s.id for s in framework.skills], ratings, strict=True):
            rows.append(
                (who, who.title(), f"{who}@x.org", "Team A", role, role, skill, c.SELF, float(value), "R1")
            )
    rows.append(("ann", "Ann", "ann@x.org", "Team A", SPEC, SPEC, "campaign_planning", c.MANAGER, 3.0, "R1"))
    return pd.DataFrame(rows, columns=list(c.TIDY_COLUMNS))


@pytest.fixture
def ratings(small_framework: Framework) -> pd.DataFrame:
    return _ratings(small_framework)


@pytest.fixture
def pairs(ratings: pd.DataFrame, small_framework: Framework) -> pd.DataFrame:
    return gaps.rating_pairs(ratings, small_framework)


def _titles(fig: go.Figure) -> tuple[str, str, str]:
    layout = fig.layout
    return layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text


def _colours(fig: go.Figure) -> dict[str, Any]:
    return {trace.name: trace.marker.color for trace in fig.data}


def test_area_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    summary = vw.area_summary(pairs, small_framework)
    fig = charts.area_chart(summary, small_framework.scale)
    assert _titles(fig) == ("Mean rating against target, by area", "Mean rating", "Area")
    assert list(fig.layout.xaxis.ticktext) == [
        "1 Beginner",
        "2 Developing",
        "3 Intermediate",
        "4 Advanced",
        "5 Expert",
    ]
    below, at, target = fig.data
    assert (below.name, below.marker.color) == (charts.BELOW_NAME, charts.BELOW)
    assert (at.name, at.marker.color) == (charts.AT_NAME, charts.AT)
    # Strategy: ratings 2,2,4,3,3,1 -> mean 2.5 vs targets 3,2,4,4.5,3,2 -> 3.083: below.
    # Analytics: ratings 4,3,2 -> 3 vs targets 4,3,4 -> 3.67: below too, so no bar is at target.
    assert list(below.y) == ["Strategy", "Analytics"] and below.x[0] == pytest.approx(2.5)
    assert len(at.y) == 0
    assert "n = %{customdata[3]} people, %{customdata[4]} rated skills" in below.hovertemplate
    # Strategy's level name (2.5 rounds up to 3), then the mean target, readiness, people and pairs.
    level, mean_target, ready, people, rated = below.customdata[0]
    assert (level, people, rated) == ("Intermediate", 3, 6)
    # At target: ann budgeting, bob and cat campaign planning: 3 of 6.
    assert mean_target == pytest.approx(18.5 / 6) and ready == pytest.approx(3 / 6)
    assert list(target.x) == pytest.approx(list(summary[gaps.MEAN_TARGET]))


def test_shortfall_heatmap(pairs: pd.DataFrame, small_framework: Framework) -> None:
    grid = vw.shortfall_grid(pairs, small_framework)
    fig = charts.shortfall_heatmap(grid, "Mean shortfall by person and skill")
    assert _titles(fig) == ("Mean shortfall by person and skill", "Skill", "Person")
    heat = fig.data[0]
    assert list(heat.y) == ["Ann", "Bob", "Cat"]
    assert list(heat.x) == [s.name for s in small_framework.skills]
    # cat web analytics: target 4, rating 2 -> 2.
    assert heat.z[2][2] == pytest.approx(2.0)
    assert heat.colorscale[-1][1] == charts.BELOW
    assert "customdata[0]} people" in heat.hovertemplate


def test_distribution_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    scope = vw.scope_pairs(pairs, "strategy", "budgeting")
    fig = charts.distribution_chart(
        vw.distribution(scope, small_framework),
        vw.role_targets(scope, small_framework),
        small_framework.scale,
        "T",
    )
    assert _titles(fig) == ("T", "Role", "Rating")
    assert _colours(fig)[charts.BELOW_NAME] == charts.BELOW
    assert _colours(fig)[charts.AT_NAME] == charts.AT
    assert "5 Expert" in fig.layout.yaxis.ticktext
    below = next(t for t in fig.data if t.name == charts.BELOW_NAME)
    assert sorted(below.y) == [1.0, 3.0]
    assert "%{customdata[1]} rating(s) from %{customdata[2]} people" in below.hovertemplate
    assert [list(row[1:]) for row in below.customdata] == [[1, 1], [1, 1]]
    assert {row[0] for row in below.customdata} == {"Beginner", "Intermediate"}


def test_coverage_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    coverage = vw.skill_coverage(pairs, small_framework)
    fig = charts.coverage_chart(coverage, "Coverage")
    assert _titles(fig) == ("Coverage", "People", "Skill")
    at, below, bench = fig.data
    assert at.marker.color == charts.AT and below.marker.color == charts.BELOW
    assert list(at.x + below.x) == list(coverage[gaps.N_PEOPLE])
    assert list(bench.x) == list(coverage[gaps.N_BENCH])
    assert all("people rated 4 or more" in text for text in bench.hovertemplate)
    assert bench.name == "Bench (rated 4 or more)"


def test_coverage_chart_names_the_bench_level_from_gaps(
    pairs: pd.DataFrame, small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gaps, "BENCH_LEVEL", 5)
    bench = charts.coverage_chart(vw.skill_coverage(pairs, small_framework), "Coverage").data[2]
    assert all("people rated 5 or more" in text for text in bench.hovertemplate)
    assert bench.name == "Bench (rated 5 or more)"


def test_radar_chart_with_and_without_manager(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    profile = vw.person_profile(ratings, pairs, "ann", small_framework)
    fig = charts.radar_chart(profile, small_framework.scale, "Ann")
    assert fig.layout.title.text == "Ann"
    assert [t.name for t in fig.data] == ["Role target", "Self rating", "Manager rating"]
    self_trace = fig.data[1]
    # ann: 2 < 3 below, 2 >= 2 at, 4 >= 4 at; the loop is closed with the first point again.
    assert list(self_trace.marker.color) == [charts.BELOW, charts.AT, charts.AT, charts.BELOW]
    assert fig.layout.polar.radialaxis.ticktext[0] == "1 Beginner"
    bob = vw.person_profile(ratings, pairs, "bob", small_framework)
    assert [t.name for t in charts.radar_chart(bob, small_framework.scale, "Bob").data] == [
        "Role target",
        "Self rating",
    ]


def test_priority_bubbles(pairs: pd.DataFrame, small_framework: Framework) -> None:
    ranked = vw.priority_table(pairs, small_framework)
    fig = charts.priority_bubbles(ranked, "P")
    assert _titles(fig) == ("P", "Mean shortfall below target (levels)", "Mean importance")
    assert list(fig.layout.yaxis.ticktext) == ["1 Nice to have", "2 Important", "3 Critical"]
    affected = fig.data[0]
    assert affected.marker.color == charts.BELOW
    assert sorted(affected.marker.size) == sorted(
        ranked.loc[ranked[gaps.PEOPLE_AFFECTED] > 0, gaps.PEOPLE_AFFECTED]
    )
    assert "rated skills" in affected.hovertemplate
    first = ranked[ranked[gaps.PEOPLE_AFFECTED] > 0].iloc[0]
    assert list(affected.customdata[0][[0, 3, 4, 5]]) == [
        first[vw.SKILL],
        first[gaps.PEOPLE_AFFECTED],
        first[gaps.N_PEOPLE],
        first[gaps.N_PAIRS],
    ]


def test_level_ticks_cover_the_scale(small_framework: Framework) -> None:
    values, labels = charts.level_ticks(small_framework.scale)
    assert values == [1, 2, 3, 4, 5]
    assert labels[2] == "3 Intermediate"
    assert not math.isnan(values[0])


def test_user_markup_in_names_is_escaped(small_framework: Framework) -> None:
    ratings = _ratings(small_framework)
    ratings[c.NAME] = ratings[c.NAME].replace({"Ann": "<b>Eve</b>", "Bob": '<a href="x">Bo</a>'})
    ratings[c.TEAM] = "<i>Team</i>"
    pairs = gaps.rating_pairs(ratings, small_framework)
    people = charts.shortfall_heatmap(vw.shortfall_grid(pairs, small_framework), "T").data[0]
    assert list(people.y) == ["&lt;b&gt;Eve&lt;/b&gt;", "&lt;a href=&quot;x&quot;&gt;Bo&lt;/a&gt;", "Cat"]
    teams = charts.shortfall_heatmap(vw.shortfall_grid(pairs, small_framework, person_limit=1), "T").data[0]
    assert list(teams.y) == ["&lt;i&gt;Team&lt;/i&gt;"]
    assert not any("<b>Eve" in str(label) for label in people.y)


def test_framework_text_in_labels_and_hover_is_escaped(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    ranked = vw.priority_table(pairs, small_framework)
    ranked[vw.SKILL] = "<b>Skill</b>"
    ranked[vw.AREA] = "A & B"
    fig = charts.priority_bubbles(ranked, "P")
    labelled = fig.data[0]
    assert labelled.customdata[0][0] == "&lt;b&gt;Skill&lt;/b&gt;"
    assert labelled.customdata[0][1] == "A &amp; B"
    assert "&lt;b&gt;Skill&lt;/b&gt;" in list(labelled.text)
    coverage = vw.skill_coverage(pairs, small_framework).assign(**{vw.SKILL: "<b>S</b>"})
    assert set(charts.coverage_chart(coverage, "C").data[0].y) == {"&lt;b&gt;S&lt;/b&gt;"}
    assert charts.escaped(["a<b", 3]) == ["a&lt;b", "3"]


def test_level_text_uses_the_scales_level_names(small_framework: Framework) -> None:
    # Halves round up (2.5 -> 3 Intermediate), outside the scale clamps, missing stays blank.
    values = pd.Series([2.5, 0.2, 9.0, math.nan, 3.49])
    got = charts._level_text(values, small_framework.scale)
    assert list(got) == ["Intermediate", "Beginner", "Expert", "", "Intermediate"]


def test_reports_use_the_dashboard_palette() -> None:
    from analytics.reports import figures

    assert figures.SHORTFALL_SCALE is charts.SHORTFALL_SCALE
    assert figures.SHORTFALL_ZMAX == charts.SHORTFALL_ZMAX
    assert (figures.BELOW, figures.AT, figures.TARGET) == (charts.BELOW, charts.AT, charts.TARGET)
    assert figures.escaped is charts.escaped
