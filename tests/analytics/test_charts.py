"""Figure builders of analytics.charts: titles, axis titles, level names, hover n and the colour meaning."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import charts, gaps, i18n
from analytics import columns as c
from analytics.framework import Framework, default_framework
from analytics.views import fields as vw
from analytics.views.competencies import distribution, role_targets, scope_pairs, skill_coverage
from analytics.views.overview import overview_view, shortfall_grid
from analytics.views.people import person_view
from analytics.views.priorities import ranked_priorities

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


def profile_of(ratings: pd.DataFrame, pairs: pd.DataFrame, person: str, framework: Framework) -> pd.DataFrame:
    shown = person_view(ratings, pairs, person, framework)
    assert shown is not None
    return shown.profile


def _titles(fig: go.Figure) -> tuple[str, str, str]:
    layout = fig.layout
    return layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text


def _colours(fig: go.Figure) -> dict[str, Any]:
    return {trace.name: trace.marker.color for trace in fig.data}


def test_area_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    summary = overview_view(pairs, small_framework).areas.frame
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
    assert "n = %{customdata[5]}" in below.hovertemplate
    # Strategy's level name (2.5 rounds up to 3), then the mean target, readiness, people and pairs.
    level, mean_target, ready, people, rated, n_text = below.customdata[0]
    assert (level, people, rated) == ("Intermediate", 3, 6)
    assert n_text == "3 people, 6 rated skills"
    # Bars start at the scale's lowest level, not at 0 (a rating of 0 does not exist).
    assert list(fig.layout.xaxis.range) == [1, 5.2]
    assert target.cliponaxis is False
    # At target: ann budgeting, bob and cat campaign planning: 3 of 6.
    assert mean_target == pytest.approx(18.5 / 6) and ready == pytest.approx(3 / 6)
    assert list(target.x) == pytest.approx(list(summary[gaps.MEAN_TARGET]))


def test_area_chart_on_a_phone_names_the_levels_once(pairs: pd.DataFrame, small_framework: Framework) -> None:
    # "2 Developing" at every tick does not fit 390 pixels: numbers, and the ends in the title.
    summary = overview_view(pairs, small_framework).areas.frame
    fig = charts.area_chart(summary, small_framework.scale, narrow=True)
    assert list(fig.layout.xaxis.ticktext) == ["1", "2", "3", "4", "5"]
    assert fig.layout.xaxis.title.text == "Mean rating<br>(1 Beginner to 5 Expert)"
    assert list(fig.layout.xaxis.range) == [1, 5.2]
    with i18n.language("id"):  # the default framework's levels have Indonesian names
        fig = charts.area_chart(summary, default_framework().scale, narrow=True)
    assert fig.layout.xaxis.title.text == "Rata-rata nilai<br>(1 Pemula sampai 5 Ahli)"


def test_the_phones_heatmap_has_no_colour_bar(pairs: pd.DataFrame, small_framework: Framework) -> None:
    # Beside long skill names the cells are a strip too narrow for a bar and its title.
    grid = shortfall_grid(pairs, small_framework)
    assert charts.shortfall_heatmap(grid, "t", narrow=True).data[0].showscale is False
    assert charts.shortfall_heatmap(grid, "t").data[0].showscale is not False


def test_shortfall_heatmap(pairs: pd.DataFrame, small_framework: Framework) -> None:
    grid = shortfall_grid(pairs, small_framework)
    fig = charts.shortfall_heatmap(grid, "Mean shortfall by person and skill")
    assert _titles(fig) == ("Mean shortfall by person and skill", "Skill", "Person")
    heat = fig.data[0]
    assert list(heat.y) == ["Ann", "Bob", "Cat"]
    assert list(heat.x) == [s.name for s in small_framework.skills]
    # cat web analytics: target 4, rating 2 -> 2.
    assert heat.z[2][2] == pytest.approx(2.0)
    assert heat.colorscale[-1][1] == charts.BELOW
    assert "n = %{customdata[4]}" in heat.hovertemplate
    assert heat.customdata[2][2][3] == "Mean shortfall 2.00 levels<br>At target 0%"
    assert heat.customdata[2][2][4] == "1 person, 1 rated skill"


def test_distribution_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    scope = scope_pairs(pairs, "strategy", "budgeting")
    fig = charts.distribution_chart(
        distribution(scope, small_framework),
        role_targets(scope, small_framework),
        small_framework.scale,
        "T",
    )
    assert _titles(fig) == ("T", "Role", "Rating")
    assert _colours(fig)[charts.BELOW_NAME] == charts.BELOW
    assert _colours(fig)[charts.AT_NAME] == charts.AT
    assert "5 Expert" in fig.layout.yaxis.ticktext
    below = next(t for t in fig.data if t.name == charts.BELOW_NAME)
    assert sorted(below.y) == [1.0, 3.0]
    assert "%{customdata[4]} from %{customdata[5]}" in below.hovertemplate
    assert [list(row[1:3]) for row in below.customdata] == [[1, 1], [1, 1]]
    assert [list(row[4:6]) for row in below.customdata] == [["1 rating", "1 person"]] * 2
    # The level once, as on the axis: "Rating 1 Beginner", never "Rating 1 Beginner (Beginner)".
    assert "Rating %{customdata[0]}<br>" in below.hovertemplate and "%{y}" not in below.hovertemplate
    assert {row[0] for row in below.customdata} == {"1 Beginner", "3 Intermediate"}


def test_coverage_chart(pairs: pd.DataFrame, small_framework: Framework) -> None:
    coverage = skill_coverage(pairs, small_framework)
    fig = charts.coverage_chart(coverage, "Coverage")
    assert _titles(fig) == ("Coverage", "People", "Skill")
    at, below, bench = fig.data
    assert at.marker.color == charts.AT and below.marker.color == charts.BELOW
    assert list(at.x + below.x) == list(coverage[gaps.N_PEOPLE])
    assert list(bench.x) == list(coverage[gaps.N_BENCH])
    assert "Strong backups: %{customdata[0]} rated 4 or more" in bench.hovertemplate
    assert bench.name == "Strong backups (rated 4 or more)"
    # One person is "1 person": campaign planning has bob (manager, 4) on the bench.
    assert list(bench.customdata[0]) == ["1 person", "3 people rated"]
    assert "%{customdata[0]} at target" in at.hovertemplate


def test_coverage_chart_names_the_bench_level_from_gaps(
    pairs: pd.DataFrame, small_framework: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gaps, "BENCH_LEVEL", 5)
    bench = charts.coverage_chart(skill_coverage(pairs, small_framework), "Coverage").data[2]
    assert "rated 5 or more" in bench.hovertemplate
    assert bench.name == "Strong backups (rated 5 or more)"


def test_radar_chart_with_and_without_manager(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    profile = profile_of(ratings, pairs, "ann", small_framework)
    fig = charts.radar_chart(profile, small_framework.scale, "Ann")
    assert fig.layout.title.text == "Ann"
    assert [t.name for t in fig.data] == ["Role target", "Self rating", "Manager rating", charts.BELOW_NAME]
    self_trace, manager, rings = fig.data[1:]
    # Each rating trace has one colour in its line, its markers and so in its legend entry.
    assert self_trace.marker.color == self_trace.line.color == charts.SELF_TRACE
    assert manager.marker.color == manager.line.color == charts.MANAGER_TRACE
    # ann: 2 < 3 below, 2 >= 2 at, 4 >= 4 at; the loop is closed with the first point again.
    assert list(self_trace.customdata) == [
        "below target",
        "at or above target",
        "at or above target",
        "below target",
    ]
    # Rings mark what is below target: ann's self rating of campaign planning (her manager's 3 is at it).
    assert list(rings.theta) == ["Campaign planning"] and list(rings.r) == [2.0]
    assert rings.marker.color == charts.BELOW
    assert list(rings.customdata) == ["Self rating 2, target 3"]
    assert fig.layout.polar.radialaxis.ticktext[0] == "1 Beginner"
    bob = profile_of(ratings, pairs, "bob", small_framework)
    assert [t.name for t in charts.radar_chart(bob, small_framework.scale, "Bob").data] == [
        "Role target",
        "Self rating",
        charts.BELOW_NAME,
    ]


def test_priority_bubbles(pairs: pd.DataFrame, small_framework: Framework) -> None:
    ranked = ranked_priorities(pairs, small_framework)
    fig = charts.priority_bubbles(ranked, "P")
    assert _titles(fig) == ("P", "Mean shortfall below target (levels)", "Mean importance")
    assert list(fig.layout.yaxis.ticktext) == ["1 Nice to have", "2 Important", "3 Critical"]
    affected = fig.data[0]
    assert affected.marker.color == charts.BELOW
    assert sorted(affected.marker.size) == sorted(
        ranked.loc[ranked[gaps.PEOPLE_AFFECTED] > 0, gaps.PEOPLE_AFFECTED]
    )
    assert "n = %{customdata[7]}" in affected.hovertemplate
    first = ranked[ranked[gaps.PEOPLE_AFFECTED] > 0].iloc[0]
    assert list(affected.customdata[0][[0, 3, 4, 5]]) == [
        first[vw.SKILL],
        first[gaps.PEOPLE_AFFECTED],
        first[gaps.N_PEOPLE],
        first[gaps.N_PAIRS],
    ]


def _bubble_priorities(small_framework: Framework) -> pd.DataFrame:
    """Priorities like the sample's: names crowded at the right edge, a bubble at 0, a priority 0."""
    rows = [
        ("s1", "Customer journey mapping", 2.0, 0.71, 26),
        ("s2", "Audience and market research", 2.0, 0.72, 28),
        ("s3", "Campaign planning", 2.3, 0.59, 26),
        ("s4", "Project and workflow management", 1.8, 0.59, 25),
        ("s5", "Digital marketing strategy", 1.8, 0.585, 24),
        ("s6", "Paid media planning and buying", 1.7, 0.48, 20),
        ("s7", "Social listening", 1.0, 0.0, 0),
    ]
    frame = pd.DataFrame(rows, columns=[c.SKILL_ID, vw.SKILL, c.IMPORTANCE, gaps.MEAN_SHORTFALL, "affected"])
    return pd.DataFrame(
        {
            c.SKILL_ID: frame[c.SKILL_ID],
            c.AREA_ID: "strategy",
            c.IMPORTANCE: frame[c.IMPORTANCE],
            gaps.MEAN_SHORTFALL: frame[gaps.MEAN_SHORTFALL],
            gaps.PRIORITY: frame[c.IMPORTANCE] * frame[gaps.MEAN_SHORTFALL],
            gaps.PEOPLE_AFFECTED: frame["affected"],
            gaps.N_PEOPLE: 46,
            gaps.N_PAIRS: 46,
            vw.SKILL: frame[vw.SKILL],
            vw.AREA: "Strategy",
        }
    ).sort_values(gaps.PRIORITY, ascending=False, kind="stable")


def _label_boxes(fig: go.Figure) -> list[tuple[float, float, float, float]]:
    """Each annotation's text box in the pixels the label placement assumes."""
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    width, height = charts._PLOT_PX
    boxes = []
    for note in fig.layout.annotations:
        cx = (note.x - x0) / (x1 - x0) * width + note.ax
        cy = (y1 - note.y) / (y1 - y0) * height + note.ay
        half_w = (len(note.text) * charts._LABEL_CHAR_PX + 8) / 2
        half_h = charts._LABEL_HEIGHT_PX / 2
        boxes.append((cx - half_w, cy - half_h, cx + half_w, cy + half_h))
    return boxes


def test_priority_bubbles_name_the_top_skills_without_overlap(small_framework: Framework) -> None:
    ranked = _bubble_priorities(small_framework)
    fig = charts.priority_bubbles(ranked, "P", label_top=5)
    named = [note.text for note in fig.layout.annotations]
    # The five highest priorities that someone falls short on, in rank order; never priority 0.
    assert named == list(ranked[vw.SKILL].head(5))
    assert "Social listening" not in named
    boxes = _label_boxes(fig)
    width, height = charts._PLOT_PX
    for i, box in enumerate(boxes):
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, named[i]
        for other in boxes[i + 1 :]:
            assert charts._box_overlap(box, other) == 0
    # The axes leave room around the bubbles: one at 0 and the largest shortfall sit inside.
    x0, x1 = fig.layout.xaxis.range
    assert x0 < 0 < 0.72 < x1
    assert all(trace.cliponaxis is False for trace in fig.data)
    assert fig.layout.showlegend is True


def test_priority_bubbles_without_anyone_below_target_name_nothing(small_framework: Framework) -> None:
    ranked = _bubble_priorities(small_framework).assign(**{gaps.PEOPLE_AFFECTED: 0, gaps.PRIORITY: 0.0})
    fig = charts.priority_bubbles(ranked, "P")
    assert not fig.layout.annotations
    assert len(fig.data[1].x) == len(ranked)


def test_legend_markers_have_one_readable_size(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    scope = scope_pairs(pairs, "strategy")
    figures = [
        charts.area_chart(overview_view(pairs, small_framework).areas.frame, small_framework.scale),
        charts.shortfall_heatmap(shortfall_grid(pairs, small_framework), "T"),
        charts.distribution_chart(
            distribution(scope, small_framework),
            role_targets(scope, small_framework),
            small_framework.scale,
            "T",
        ),
        charts.coverage_chart(skill_coverage(pairs, small_framework), "T"),
        charts.radar_chart(profile_of(ratings, pairs, "ann", small_framework), small_framework.scale, "T"),
        charts.priority_bubbles(ranked_priorities(pairs, small_framework), "T"),
    ]
    # Bubbles sized by count would otherwise give their legend entries a dot of their mean size.
    assert all(fig.layout.legend.itemsizing == "constant" for fig in figures)


def test_shortfall_heatmap_greys_cells_nobody_rated(small_framework: Framework) -> None:
    ratings = _ratings(small_framework)
    # Cat leaves budgeting unrated: her cell is empty, not a zero shortfall.
    ratings = ratings[~((ratings[c.RESPONDENT_ID] == "cat") & (ratings[c.SKILL_ID] == "budgeting"))]
    pairs = gaps.rating_pairs(ratings.reset_index(drop=True), small_framework)
    heat_fig = charts.shortfall_heatmap(shortfall_grid(pairs, small_framework), "T")
    heat = heat_fig.data[0]
    assert math.isnan(heat.z[2][1])
    assert heat.z[1][2] == pytest.approx(0.0)  # bob web analytics: at target, rated
    assert heat.customdata[2][1][3] == charts.NOT_RATED_TEXT
    assert heat.customdata[2][1][4] == "no ratings"
    assert heat.customdata[1][2][3].startswith("Mean shortfall 0.00 levels")
    # The empty cell shows the grey background, which no shortfall colour uses.
    assert heat_fig.layout.plot_bgcolor == charts.NOT_RATED
    assert charts.NOT_RATED not in {colour for _, colour in charts.SHORTFALL_SCALE}
    assert heat.hoverongaps is True and heat.xgap > 0 and heat.ygap > 0


def test_distribution_puts_a_level_below_and_at_target_side_by_side(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    # Over all strategy skills, ann (specialist) rated 2 twice: campaign planning (target 3,
    # below) and budgeting (target 2, at). Cat rated campaign planning 3 (at) and budgeting 1.
    scope = scope_pairs(pairs, "strategy")
    dist = distribution(scope, small_framework)
    fig = charts.distribution_chart(dist, role_targets(scope, small_framework), small_framework.scale, "T")
    below, at, target = fig.data
    spec_below = {y: x for x, y in zip(below.x, below.y, strict=True) if x < 0.5}
    spec_at = {y: x for x, y in zip(at.x, at.y, strict=True) if x < 0.5}
    # Level 2 has one of each for the specialist: the two bubbles sit either side of the role.
    assert spec_below[2.0] == pytest.approx(-charts._SIDE_BY_SIDE)
    assert spec_at[2.0] == pytest.approx(charts._SIDE_BY_SIDE)
    # A level with one colour only stays on the role.
    assert spec_below[1.0] == pytest.approx(0.0) and spec_at[3.0] == pytest.approx(0.0)
    row = next(r for r, y, x in zip(below.customdata, below.y, below.x, strict=True) if y == 2.0 and x < 0.5)
    assert row[6] == "<br>1 of 2 ratings at this level are below target: targets differ by skill"
    assert list(fig.layout.xaxis.ticktext) == [r.name for r in small_framework.roles]
    assert list(target.x) == [0.0, 1.0]


def test_distribution_on_a_phone_lists_the_roles_down_the_side(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    # The same bubbles as on a desktop, turned: each role a row, the rating across.
    scope = scope_pairs(pairs, "strategy")
    dist, targets = distribution(scope, small_framework), role_targets(scope, small_framework)
    wide = charts.distribution_chart(dist, targets, small_framework.scale, "T")
    fig = charts.distribution_chart(dist, targets, small_framework.scale, "T", narrow=True)
    for turned, upright in zip(fig.data, wide.data, strict=True):
        assert list(turned.x) == list(upright.y) and list(turned.y) == list(upright.x)
    assert list(fig.layout.yaxis.ticktext) == [r.name for r in small_framework.roles]
    assert list(fig.layout.yaxis.range) == [1.5, -0.5]  # the first role on top
    assert list(fig.layout.xaxis.ticktext) == ["1", "2", "3", "4", "5"]
    assert fig.layout.xaxis.title.text == "Rating<br>(1 Beginner to 5 Expert)"
    target = fig.data[-1]
    assert target.marker.symbol == "line-ns-open" and "%{x:.2f}" in target.hovertemplate


def test_radar_level_labels_keep_clear_of_the_first_skill(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    profile = profile_of(ratings, pairs, "ann", small_framework)
    polar = charts.radar_chart(profile, small_framework.scale, "Ann").layout.polar
    # The first skill sits at the top (90 degrees); the level labels run half a step away,
    # between the first and the last skill, and the top level stays inside the circle.
    assert polar.angularaxis.rotation == 90 and polar.angularaxis.direction == "clockwise"
    assert polar.radialaxis.angle == pytest.approx(90 + 360 / len(profile) / 2)
    assert polar.radialaxis.range[1] > small_framework.scale.max


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
    people = charts.shortfall_heatmap(shortfall_grid(pairs, small_framework), "T").data[0]
    # Rows in name order: "<a ..." sorts before "<b>".
    # Quotes stay as typed: plotly.js shows &quot; literally, and a quote alone starts no markup.
    assert list(people.y) == ['&lt;a href="x"&gt;Bo&lt;/a&gt;', "&lt;b&gt;Eve&lt;/b&gt;", "Cat"]
    teams = charts.shortfall_heatmap(shortfall_grid(pairs, small_framework, person_limit=1), "T").data[0]
    assert list(teams.y) == ["&lt;i&gt;Team&lt;/i&gt;"]
    assert not any("<b>Eve" in str(label) for label in people.y)


def test_framework_text_in_labels_and_hover_is_escaped(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    ranked = ranked_priorities(pairs, small_framework)
    ranked[vw.SKILL] = "<b>Skill</b>"
    ranked[vw.AREA] = "A & B"
    fig = charts.priority_bubbles(ranked, "P")
    labelled = fig.data[0]
    assert labelled.customdata[0][0] == "&lt;b&gt;Skill&lt;/b&gt;"
    assert labelled.customdata[0][1] == "A &amp; B"
    assert "&lt;b&gt;Skill&lt;/b&gt;" in [note.text for note in fig.layout.annotations]
    coverage = skill_coverage(pairs, small_framework).assign(**{vw.SKILL: "<b>S</b>"})
    assert set(charts.coverage_chart(coverage, "C").data[0].y) == {"&lt;b&gt;S&lt;/b&gt;"}
    assert charts.escaped(["a<b", 3]) == ["a&lt;b", "3"]


def test_level_text_uses_the_scales_level_names(small_framework: Framework) -> None:
    # Halves round up (2.5 -> 3 Intermediate), outside the scale clamps, missing stays blank.
    values = pd.Series([2.5, 0.2, 9.0, math.nan, 3.49])
    got = charts._level_text(values, small_framework.scale)
    assert list(got) == ["Intermediate", "Beginner", "Expert", "", "Intermediate"]


def test_reports_draw_the_dashboards_own_charts(pairs: pd.DataFrame, small_framework: Framework) -> None:
    """One chart per concept: a report's charts are the pages' charts, the heatmap in its print variant."""
    shown = overview_view(pairs, small_framework)
    ranked = ranked_priorities(pairs, small_framework)
    drawn = charts.report_charts(shown.areas.frame, ranked, shown.grid, small_framework.scale)
    assert list(drawn) == [charts.AREAS_CHART, charts.PRIORITIES_CHART, charts.HEATMAP_CHART]

    def on_paper(fig: go.Figure) -> go.Figure:
        return fig.update_layout(template=charts.REPORT_TEMPLATE)

    assert drawn[charts.AREAS_CHART] == on_paper(charts.area_chart(shown.areas.frame, small_framework.scale))
    assert drawn[charts.PRIORITIES_CHART] == on_paper(charts.priority_bubbles(ranked, charts.PRIORITY_TITLE))
    page_heatmap = charts.shortfall_heatmap(shown.grid, charts.heatmap_title(shown.grid))
    assert drawn[charts.HEATMAP_CHART] == on_paper(go.Figure(page_heatmap))
    printed = charts.report_charts(shown.areas.frame, ranked, shown.grid, small_framework.scale, printed=True)
    heat = printed[charts.HEATMAP_CHART].data[0]
    # Three people and three skills: not turned, each cell's value printed.
    assert heat.texttemplate == "%{z:.1f}" and list(heat.y) == list(page_heatmap.data[0].y)


def test_printed_heatmap_puts_skills_down_the_side_when_rows_are_fewer(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    grid = shortfall_grid(pairs, small_framework, person_limit=1)  # rows are the one team
    page = charts.shortfall_heatmap(grid, "T").data[0]
    printed = charts.shortfall_heatmap(grid, "T", printed=True).data[0]
    assert list(printed.y) == list(page.x) and list(printed.x) == list(page.y)


def test_report_charts_leave_out_what_has_nothing_to_show(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    at_target = pairs[pairs[c.AT_TARGET].to_numpy(dtype=bool)].reset_index(drop=True)
    shown = overview_view(at_target, small_framework)
    drawn = charts.report_charts(
        shown.areas.frame, ranked_priorities(at_target, small_framework), shown.grid, small_framework.scale
    )
    assert charts.PRIORITIES_CHART not in drawn and charts.AREAS_CHART in drawn


def test_chart_titles_with_names_from_the_upload_are_escaped(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    fig = charts.radar_chart(
        profile_of(ratings, pairs, "ann", small_framework), small_framework.scale, "<b>Ann</b>"
    )
    assert fig.layout.title.text == "&lt;b&gt;Ann&lt;/b&gt;"


# --- calibration ------------------------------------------------------------------------


def _points(rows: list[tuple[str, str, float, float, int, int, str]]) -> pd.DataFrame:
    """Scatter points as the Calibration view makes them: label, detail, manager, self, people, pairs, side."""
    frame = pd.DataFrame(
        rows,
        columns=[
            vw.ROW_LABEL,
            vw.POINT_DETAIL,
            gaps.MEAN_MANAGER,
            gaps.MEAN_SELF,
            gaps.N_PEOPLE,
            gaps.N_PAIRS,
            gaps.CALIBRATION_SIDE,
        ],
    )
    return frame.assign(**{gaps.MEAN_DIFFERENCE: frame[gaps.MEAN_SELF] - frame[gaps.MEAN_MANAGER]})


CALIBRATION_POINTS = [
    ("<b>Eve</b>", "Growth", 2.0, 3.5, 1, 25, gaps.SELF_HIGHER),
    ("Cat", "Care & Co", 3.0, 3.1, 1, 24, gaps.IN_LINE),
    ("Bob", "Care", 4.0, 2.5, 1, 20, gaps.SELF_LOWER),
]


def _trace(fig: go.Figure, name_starts: str) -> Any:
    return next(t for t in fig.data if t.name and t.name.startswith(name_starts))


def test_calibration_scatter_draws_the_diagonal_and_the_bands(small_framework: Framework) -> None:
    fig = charts.calibration_scatter(_points(CALIBRATION_POINTS), small_framework.scale, "Self vs manager")
    assert _titles(fig) == ("Self vs manager", "Manager's rating (mean)", "Own rating (mean)")
    # The scale runs 1 to 5; the axes leave 0.3 either side: 0.7 to 5.3, the same on both.
    diagonal = _trace(fig, "Same rating")
    assert list(diagonal.x) == pytest.approx([0.7, 5.3]) and list(diagonal.y) == pytest.approx([0.7, 5.3])
    upper, lower = (t for t in fig.data if t.name == "1 level apart")
    # y = x + 1 from x 0.7 to 4.3, and y = x - 1 from x 1.7 to 5.3.
    assert list(upper.x) == pytest.approx([0.7, 4.3]) and list(upper.y) == pytest.approx([1.7, 5.3])
    assert list(lower.x) == pytest.approx([1.7, 5.3]) and list(lower.y) == pytest.approx([0.7, 4.3])
    assert upper.showlegend and not lower.showlegend
    assert list(fig.layout.xaxis.range) == list(fig.layout.yaxis.range) == pytest.approx([0.7, 5.3])
    assert fig.layout.yaxis.ticktext[0] == "1 Beginner"


def test_calibration_scatter_colours_each_side_and_names_the_n(small_framework: Framework) -> None:
    fig = charts.calibration_scatter(_points(CALIBRATION_POINTS), small_framework.scale, "t")
    higher = _trace(fig, "Own rating 1 level or more higher")
    in_line = _trace(fig, "Within 1 level")
    lower = _trace(fig, "Own rating 1 level or more lower")
    assert (higher.marker.color, in_line.marker.color, lower.marker.color) == (
        charts.SELF_HIGHER_COLOUR,
        charts.IN_LINE_COLOUR,
        charts.SELF_LOWER_COLOUR,
    )
    # Across is the manager's mean, up the person's own.
    assert (list(higher.x), list(higher.y)) == ([2.0], [3.5])
    # Names from the upload are escaped; the n is in the hover.
    assert higher.customdata[0][0] == "&lt;b&gt;Eve&lt;/b&gt;"
    assert in_line.customdata[0][1] == "Care &amp; Co"
    assert higher.customdata[0][3] == "1 person, 25 rated skills compared"
    assert "n = %{customdata[3]}" in higher.hovertemplate
    assert higher.marker.size == 10  # one person each: one size


def test_calibration_scatter_sizes_bubbles_of_several_people_by_how_many(small_framework: Framework) -> None:
    points = _points(
        [
            ("40 people", "Close to the manager's", 3.0, 3.0, 40, 900, gaps.IN_LINE),
            ("2 people", "Own rating higher", 2.0, 3.5, 2, 50, gaps.SELF_HIGHER),
        ]
    )
    fig = charts.calibration_scatter(points, small_framework.scale, "t")
    in_line = _trace(fig, "Within")
    assert list(in_line.marker.size) == [40] and in_line.marker.sizemode == "area"
    # The biggest bubble (40 people) is 44 px across: sizeref = 2 x 40 / 44 squared.
    assert in_line.marker.sizeref == pytest.approx(2 * 40 / 44**2)


def test_printed_calibration_scatter_names_the_points_furthest_off(small_framework: Framework) -> None:
    fig = charts.calibration_scatter(_points(CALIBRATION_POINTS), small_framework.scale, "t", printed=True)
    assert fig.layout.width == 700 and fig.layout.template.layout.paper_bgcolor == "white"
    assert list(_trace(fig, "Own rating 1 level or more higher").text) == ["&lt;b&gt;Eve&lt;/b&gt;"]
    assert list(_trace(fig, "Within").text) == [""]  # close to the manager's view: not named
    assert (
        charts.calibration_scatter(_points(CALIBRATION_POINTS), small_framework.scale, "t").data[3].text
        is None
    )


def test_zoomed_calibration_scatter_spans_only_the_points(small_framework: Framework) -> None:
    points = _points(
        [
            ("Campaign planning", "Planning", 2.0, 2.4, 30, 30, gaps.IN_LINE),
            ("Budgeting", "Strategy", 3.1, 3.4, 20, 20, gaps.IN_LINE),
        ]
    )
    fig = charts.calibration_scatter(points, small_framework.scale, "t", zoom=True)
    # Means from 2.0 to 3.4, a quarter level either side, out to half levels: 1.5 to 4.0.
    assert list(fig.layout.xaxis.range) == list(fig.layout.yaxis.range) == pytest.approx([1.5, 4.0])
    assert list(_trace(fig, "Same rating").x) == pytest.approx([1.5, 4.0])
    # Smaller bubbles: the 30 people of the biggest are 26 px across.
    assert _trace(fig, "Within").marker.sizeref == pytest.approx(2 * 30 / 26**2)
