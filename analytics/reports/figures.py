"""Plotly figures of a report: ``ReportData`` tables in, ``go.Figure`` objects out.

Small builders for the HTML and PDF reports (the dashboard's charts are in
:mod:`analytics.charts`). They share the dashboard's palette, so below target, at target,
the target and the shortfall scale look the same on the pages and in the reports. Every
label that came from the upload (team and person names) or the framework goes through
:func:`analytics.charts.escaped`, because Plotly renders a few HTML tags in labels: a team
called ``<b>x`` shows as written instead of in bold, and no markup from the upload reaches the page.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import plotly.graph_objects as go

from analytics.charts import AT, BELOW, SHORTFALL_SCALE, SHORTFALL_ZMAX, TARGET, escaped
from analytics.reports import content as ct

__all__ = ["area_chart", "escaped", "heatmap_chart", "priority_chart"]

_LAYOUT: Final = {"template": "plotly_white", "margin": {"l": 10, "r": 10, "t": 60, "b": 10}}


def area_chart(data: ct.ReportData) -> go.Figure:
    """Mean rating and mean target per area, side by side on the framework's scale.

    Rating bars are coloured as on the dashboard: :data:`BELOW` under the target, :data:`AT` otherwise.
    """
    frame = data.areas.frame
    rating = frame["Mean rating"].to_numpy(dtype=float)
    below = rating < frame["Mean target"].to_numpy(dtype=float)
    fig = go.Figure()
    rating_colours = np.where(below, BELOW, AT).tolist()
    for column, colour in (("Mean rating", rating_colours), ("Mean target", TARGET)):
        fig.add_bar(
            x=escaped(frame["Area"]),
            y=frame[column].to_numpy(dtype=float),
            name=column,
            marker_color=colour,
            text=[f"{v:.1f}" if np.isfinite(v) else "" for v in frame[column].to_numpy(dtype=float)],
            textposition="outside",
        )
    fig.update_layout(
        **_LAYOUT,
        title="Mean rating against target per area",
        barmode="group",
        yaxis={"range": [0, data.scale[1] + 0.5], "title": "Level"},
        legend={"orientation": "h", "y": -0.15},
        height=420,
    )
    return fig


def heatmap_chart(data: ct.ReportData) -> go.Figure:
    """Mean shortfall per team (or person) and skill; pale is at target, darkest two levels short."""
    heat = data.heatmap
    values = heat.values.to_numpy(dtype=float)
    rows = escaped(heat.values.index)
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=escaped(heat.values.columns),
            y=rows,
            zmin=0,
            zmax=SHORTFALL_ZMAX,
            colorscale=[list(stop) for stop in SHORTFALL_SCALE],
            colorbar={"title": "Shortfall"},
            hovertemplate="%{y}<br>%{x}<br>mean shortfall %{z:.2f}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        **_LAYOUT,
        title=f"Mean shortfall per {heat.by.lower()} and skill",
        height=max(320, 140 + 26 * len(rows)),
        xaxis={"tickangle": -45},
        yaxis={"autorange": "reversed"},
    )
    return fig


def priority_chart(data: ct.ReportData) -> go.Figure:
    """The top priorities as horizontal bars, the highest at the top."""
    frame = data.priorities.frame
    fig = go.Figure(
        go.Bar(
            x=frame["Priority"].to_numpy(dtype=float),
            y=escaped(frame["Skill"]),
            orientation="h",
            marker_color=BELOW,
            customdata=frame["People below target"].to_numpy(dtype=float),
            hovertemplate="%{y}<br>priority %{x:.2f}<br>%{customdata:.0f} people below target<extra></extra>",
        )
    )
    fig.update_layout(
        **_LAYOUT,
        title="Top priorities (mean importance x shortfall)",
        height=max(300, 120 + 30 * len(frame)),
        yaxis={"autorange": "reversed"},
        xaxis={"title": "Priority"},
    )
    return fig
