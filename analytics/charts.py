"""Plotly figure builders: the small tables of :mod:`analytics.views` in, ``go.Figure`` out.

Pure functions with no Streamlit inside, so every chart can be unit-tested. Every chart
has a title, axis titles, hover text with the n behind each figure and the same colour
meaning on every page and in every report (:mod:`analytics.reports.figures` imports this
palette): :data:`BELOW` for below target, :data:`AT` for at or above target, :data:`TARGET`
for the target itself, :data:`SHORTFALL_SCALE` up to :data:`SHORTFALL_ZMAX` for heatmaps.
Rating axes carry the scale's level names. Every label that came from an upload or a
framework file goes through :func:`escaped`, because Plotly renders a few HTML tags in labels.
"""

from __future__ import annotations

import html
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import columns as c
from analytics import gaps
from analytics import views as vw
from analytics.framework import IMPORTANCE_NAMES, Scale

# Colour-blind-safe pair (Okabe-Ito vermillion and blue), kept the same on every page.
BELOW: Final = "#D55E00"
AT: Final = "#0072B2"
TARGET: Final = "#222222"
MANAGER_TRACE: Final = "#CC79A7"
BELOW_NAME: Final = "Below target"
AT_NAME: Final = "At or above target"
SHORTFALL_SCALE: Final = ((0.0, "#F4F8FB"), (0.35, "#F6C9A8"), (1.0, BELOW))
# Heatmaps are darkest from two levels below target on: a larger gap needs no finer shade.
SHORTFALL_ZMAX: Final = 2.0
FONT: Final = {"size": 13}
# The n behind a figure, from two customdata fields (people, rated pairs).
N_HOVER: Final = "n = %{{customdata[{}]}} people, %{{customdata[{}]}} rated skills"


def escaped(values: object) -> list[str]:
    """Labels as text Plotly shows as written: ``<b>Eve</b>`` stays literal, never bold or a link.

    Plotly renders ``<b>``, ``<i>``, ``<a href>``, ``<br>`` ... in labels and hover text, so
    any text from an upload (team, person, role names) or a framework file is escaped first.
    """
    return [html.escape(str(v)) for v in np.asarray(values, dtype=object)]


def level_ticks(scale: Scale) -> tuple[list[int], list[str]]:
    """Tick positions and labels such as "3 Intermediate" for a rating axis."""
    return [lv.value for lv in scale.levels], [f"{lv.value} {lv.name}" for lv in scale.levels]


def _layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title},
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=height,
        font=FONT,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"t": 90, "l": 10, "r": 10, "b": 10},
        hoverlabel={"align": "left"},
    )
    return fig


def _custom(*columns: pd.Series) -> np.ndarray:
    """Columns side by side as Plotly ``customdata``, for one hover template per trace.

    One template with placeholders is much cheaper to build than a text per point, and
    the numbers stay numbers (formatted by Plotly in the browser).
    """
    return (
        np.column_stack([np.asarray(col, dtype=object) for col in columns])
        if len(columns[0])
        else np.empty((0, len(columns)))
    )


def _level_text(values: pd.Series, scale: Scale) -> pd.Series:
    """:meth:`Scale.level_name` of each value ("" when missing), looked up once per distinct value."""
    distinct = pd.unique(values.dropna().to_numpy(dtype=float))
    names = {value: html.escape(scale.level_name(value)) for value in distinct}
    return values.astype(float).map(names).fillna("")


def area_chart(
    summary: pd.DataFrame, scale: Scale, title: str = "Mean rating against target, by area"
) -> go.Figure:
    """Horizontal bars of mean rating per area, coloured below/at target, with a target mark.

    ``summary`` has the columns of :func:`analytics.views.area_summary`.
    """
    fig = go.Figure()
    below = summary[gaps.MEAN_RATING] < summary[gaps.MEAN_TARGET]
    custom = _custom(
        _level_text(summary[gaps.MEAN_RATING], scale),
        summary[gaps.MEAN_TARGET],
        summary[gaps.READINESS],
        summary[gaps.N_PEOPLE],
        summary[gaps.N_PAIRS],
    )
    hover = (
        "<b>%{y}</b><br>Mean rating %{x:.2f} (%{customdata[0]})<br>Mean target %{customdata[1]:.2f}"
        "<br>Readiness %{customdata[2]:.0%}<br>" + N_HOVER.format(3, 4) + "<extra></extra>"
    )
    areas = np.array(escaped(summary[vw.AREA]), dtype=object)
    for mask, name, colour in ((below, BELOW_NAME, BELOW), (~below, AT_NAME, AT)):
        fig.add_trace(
            go.Bar(
                x=summary.loc[mask, gaps.MEAN_RATING],
                y=areas[mask.to_numpy()],
                orientation="h",
                name=name,
                marker_color=colour,
                customdata=custom[mask.to_numpy()],
                hovertemplate=hover,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=summary[gaps.MEAN_TARGET],
            y=areas,
            mode="markers",
            name="Target (mean over the group's roles)",
            marker={
                "symbol": "line-ns-open",
                "size": 30,
                "color": TARGET,
                "line": {"width": 4, "color": TARGET},
            },
            hovertemplate="Mean target %{x:.2f}<extra></extra>",
        )
    )
    ticks, labels = level_ticks(scale)
    fig.update_xaxes(range=[0, scale.max + 0.2], tickvals=ticks, ticktext=labels)
    fig.update_yaxes(categoryorder="array", categoryarray=list(areas)[::-1])
    fig.update_layout(barmode="overlay", showlegend=True)
    return _layout(fig, title, "Mean rating", "Area", height=120 + 60 * max(len(summary), 1))


def shortfall_heatmap(shortfall: vw.ShortfallGrid, title: str) -> go.Figure:
    """Mean shortfall per (row, skill) as a heatmap: pale is at target, dark is far below.

    ``shortfall`` comes from :func:`analytics.views.shortfall_grid`; its rows are people or teams.
    """
    grid = shortfall.table
    rows = list(dict.fromkeys(grid[vw.ROW_LABEL]))
    skills = list(dict.fromkeys(grid[vw.SKILL]))
    z = grid.pivot(index=vw.ROW_LABEL, columns=vw.SKILL, values=gaps.MEAN_SHORTFALL).reindex(
        index=rows, columns=skills
    )
    people = grid.pivot(index=vw.ROW_LABEL, columns=vw.SKILL, values=gaps.N_PEOPLE).reindex(
        index=rows, columns=skills
    )
    pairs = grid.pivot(index=vw.ROW_LABEL, columns=vw.SKILL, values=gaps.N_PAIRS).reindex(
        index=rows, columns=skills
    )
    ready = grid.pivot(index=vw.ROW_LABEL, columns=vw.SKILL, values=gaps.READINESS).reindex(
        index=rows, columns=skills
    )
    custom = np.dstack(
        [people.to_numpy(dtype=float), pairs.to_numpy(dtype=float), ready.to_numpy(dtype=float)]
    )
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy(dtype=float),
            x=escaped(skills),
            y=escaped(rows),
            customdata=custom,
            colorscale=[list(stop) for stop in SHORTFALL_SCALE],
            zmin=0,
            zmax=SHORTFALL_ZMAX,
            colorbar={"title": {"text": "Levels below<br>target"}, "len": 1.0, "thickness": 14},
            hoverongaps=False,
            hovertemplate=(
                "<b>%{y}</b> - %{x}<br>Mean shortfall %{z:.2f} levels<br>Readiness %{customdata[2]:.0%}"
                "<br>n = %{customdata[0]} people, %{customdata[1]} rated skills<extra></extra>"
            ),
        )
    )
    fig.update_xaxes(tickangle=-40)
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, "Skill", shortfall.row_title, height=max(460, 300 + 26 * len(rows)))


def distribution_chart(dist: pd.DataFrame, targets: pd.DataFrame, scale: Scale, title: str) -> go.Figure:
    """Ratings per role as dots sized by count, coloured below/at target, with each role's target.

    ``dist`` has the columns of :func:`analytics.views.distribution`, ``targets`` those of
    :func:`analytics.views.role_targets`.
    """
    fig = go.Figure()
    biggest = float(dist[gaps.N_PAIRS].max()) if len(dist) else 1.0
    for at, name, colour in ((False, BELOW_NAME, BELOW), (True, AT_NAME, AT)):
        part = dist[dist[c.AT_TARGET] == at]
        custom = _custom(_level_text(part[c.RATING], scale), part[gaps.N_PAIRS], part[gaps.N_PEOPLE])
        hover = (
            "<b>%{x}</b><br>Rating %{y} (%{customdata[0]})<br>%{customdata[1]} rating(s) from "
            "%{customdata[2]} people<br>" + name.lower() + "<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=escaped(part[vw.ROLE_NAME]),
                y=part[c.RATING],
                mode="markers",
                name=name,
                marker={
                    "color": colour,
                    "size": part[gaps.N_PAIRS],
                    "sizemode": "area",
                    "sizeref": 2.0 * biggest / 45**2,
                    "sizemin": 5,
                    "opacity": 0.85,
                },
                customdata=custom,
                hovertemplate=hover,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=escaped(targets[vw.ROLE_NAME]),
            y=targets[gaps.MEAN_TARGET],
            mode="markers",
            name="Role target",
            marker={
                "symbol": "line-ew-open",
                "size": 46,
                "color": TARGET,
                "line": {"width": 3, "color": TARGET},
            },
            customdata=targets[gaps.N_PEOPLE],
            hovertemplate="Target %{y:.2f}<br>n = %{customdata} people<extra></extra>",
        )
    )
    ticks, labels = level_ticks(scale)
    fig.update_yaxes(range=[scale.min - 0.5, scale.max + 0.5], tickvals=ticks, ticktext=labels)
    fig.update_xaxes(categoryorder="array", categoryarray=escaped(targets[vw.ROLE_NAME]))
    return _layout(fig, title, "Role", "Rating")


def coverage_chart(coverage: pd.DataFrame, title: str) -> go.Figure:
    """Per skill, people at target and below (stacked), with the bench (rated gaps.BENCH_LEVEL+) marked.

    ``coverage`` has the columns of :func:`analytics.views.skill_coverage`.
    """
    below = coverage[gaps.N_PEOPLE] - coverage[gaps.N_AT_TARGET]
    n = "<br>n = " + coverage[gaps.N_PEOPLE].astype(str) + " people rated"
    skills = escaped(coverage[vw.SKILL])
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=skills,
            x=coverage[gaps.N_AT_TARGET],
            orientation="h",
            name=AT_NAME,
            marker_color=AT,
            hovertemplate="<b>%{y}</b><br>%{x} people at target" + n + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Bar(
            y=skills,
            x=below,
            orientation="h",
            name=BELOW_NAME,
            marker_color=BELOW,
            hovertemplate="<b>%{y}</b><br>%{x} people below target" + n + "<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=skills,
            x=coverage[gaps.N_BENCH],
            mode="markers",
            name=f"Bench (rated {gaps.BENCH_LEVEL} or more)",
            marker={"symbol": "diamond", "size": 12, "color": TARGET},
            hovertemplate=f"<b>%{{y}}</b><br>Bench: %{{x}} people rated {gaps.BENCH_LEVEL} or more"
            + n
            + "<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, "People", "Skill", height=160 + 45 * max(len(coverage), 1))


def radar_chart(profile: pd.DataFrame, scale: Scale, title: str, rating_name: str = "Rating") -> go.Figure:
    """One person's self (and manager) ratings against their role target, per skill.

    ``profile`` has the columns of :func:`analytics.views.person_profile`. Markers on the
    self-rating trace are coloured below/at target; a manager trace appears when present.
    """
    closed = pd.concat([profile, profile.head(1)], ignore_index=True)
    theta = escaped(closed[vw.SKILL])
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=closed[c.TARGET],
            theta=theta,
            name="Role target",
            mode="lines",
            line={"color": TARGET, "dash": "dash", "width": 2},
            hovertemplate="%{theta}<br>Target %{r}<extra></extra>",
        )
    )
    traces = [(c.SELF, "Self rating", AT), (c.MANAGER, "Manager rating", MANAGER_TRACE)]
    for column, name, colour in traces:
        values = closed[column]
        if not values.notna().any():
            continue
        below = values < closed[c.TARGET]
        fig.add_trace(
            go.Scatterpolar(
                r=values,
                theta=theta,
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={
                    "color": np.where(below, BELOW, AT),
                    "size": 9,
                    "line": {"color": colour, "width": 1},
                },
                connectgaps=True,
                customdata=np.where(below, BELOW_NAME.lower(), AT_NAME.lower()),
                hovertemplate="%{theta}<br>" + name + " %{r} (%{customdata})<br>n = 1 rating<extra></extra>",
            )
        )
    ticks, labels = level_ticks(scale)
    fig.update_layout(
        polar={
            "radialaxis": {
                "range": [scale.min - 1, scale.max],
                "tickvals": ticks,
                "ticktext": labels,
                "title": {"text": rating_name},
            },
            "angularaxis": {"direction": "clockwise", "tickfont": {"size": 11}},
        }
    )
    fig.update_polars(radialaxis_angle=90, radialaxis_tickfont={"size": 10})
    fig = _layout(fig, title, "", "", height=680)
    # Skill names sit outside the circle: leave them room on every side.
    return fig.update_layout(margin={"t": 110, "b": 70, "l": 60, "r": 60})


def priority_bubbles(priorities: pd.DataFrame, title: str, label_top: int = 5) -> go.Figure:
    """Importance against mean shortfall per skill, bubble size = people affected.

    ``priorities`` has the columns of :func:`analytics.views.priority_table`; the ``label_top``
    highest priorities carry their skill name on the chart.
    """
    fig = go.Figure()
    biggest = float(priorities[gaps.PEOPLE_AFFECTED].max()) if len(priorities) else 1.0
    ranked = priorities.reset_index(drop=True)
    label = pd.Series(escaped(ranked[vw.SKILL]), index=ranked.index).where(ranked.index < label_top, "")
    affected = ranked[gaps.PEOPLE_AFFECTED] > 0
    for mask, name, colour in (
        (affected, "Someone below target", BELOW),
        (~affected, "Everyone at target", AT),
    ):
        part = ranked[mask]
        custom = _custom(
            pd.Series(escaped(part[vw.SKILL]), dtype=object),
            pd.Series(escaped(part[vw.AREA]), dtype=object),
            part[gaps.PRIORITY],
            part[gaps.PEOPLE_AFFECTED],
            part[gaps.N_PEOPLE],
            part[gaps.N_PAIRS],
        )
        hover = (
            "<b>%{customdata[0]}</b> (%{customdata[1]})<br>Mean shortfall %{x:.2f} levels"
            "<br>Mean importance %{y:.2f}<br>Priority %{customdata[2]:.2f}"
            "<br>%{customdata[3]} people below target<br>" + N_HOVER.format(4, 5) + "<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=part[gaps.MEAN_SHORTFALL],
                y=part[c.IMPORTANCE],
                mode="markers+text",
                text=label[mask],
                textposition="top center",
                name=name,
                marker={
                    "color": colour,
                    "size": part[gaps.PEOPLE_AFFECTED].clip(lower=1),
                    "sizemode": "area",
                    "sizeref": 2.0 * max(biggest, 1.0) / 50**2,
                    "sizemin": 6,
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 1},
                },
                customdata=custom,
                hovertemplate=hover,
            )
        )
    fig.update_yaxes(
        range=[0.5, 3.5],
        tickvals=list(IMPORTANCE_NAMES),
        ticktext=[f"{k} {name}" for k, name in IMPORTANCE_NAMES.items()],
    )
    fig.update_xaxes(rangemode="tozero")
    return _layout(fig, title, "Mean shortfall below target (levels)", "Mean importance", height=520)
