"""Plotly figure builders: the tables of :mod:`analytics.views` in, ``go.Figure`` out.

One chart per concept, drawn the same on the pages and in the HTML and PDF reports; where
paper needs another layout, the concept has a print variant (``printed=True``). Pure
functions with no Streamlit inside, so every chart can be unit-tested. Every chart has a
title, axis titles, hover text with the n behind each figure and the same colour meaning
everywhere (the Excel report's native chart and colour scale use this palette too):
:data:`BELOW` for below target, :data:`AT` for at or above target, :data:`TARGET` for the
target itself, :data:`SHORTFALL_SCALE` up to :data:`SHORTFALL_ZMAX` for heatmaps. Rating
axes carry the scale's level names. Every label that came from an upload or a framework
file goes through :func:`escaped`, because Plotly renders a few HTML tags in labels.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import columns as c
from analytics import gaps
from analytics.framework import IMPORTANCE_NAMES, Scale
from analytics.i18n import N_, _, localise_number, number_separators
from analytics.views import fields as vw
from analytics.views.calibration import levels
from analytics.views.formats import counted_each, format_number
from analytics.views.overview import ShortfallGrid
from analytics.views.priorities import top_priorities

# Colour-blind-safe pair (Okabe-Ito vermillion and blue), kept the same on every page.
BELOW: Final = "#D55E00"
AT: Final = "#0072B2"
TARGET: Final = "#222222"
SELF_TRACE: Final = "#0072B2"
MANAGER_TRACE: Final = "#CC79A7"
BELOW_NAME: Final = N_("Below target")
AT_NAME: Final = N_("At or above target")
# A quarter of a level below target is already a clear peach, so a team half a level short never
# looks like one at target (the old middle stop at 0.35 left values near 1 washed out).
SHORTFALL_SCALE: Final = ((0.0, "#F4F8FB"), (0.25, "#F3B58A"), (1.0, BELOW))
# Heatmaps are darkest from two levels below target on: a larger gap needs no finer shade.
SHORTFALL_ZMAX: Final = 2.0
AREA_TITLE: Final = N_("Mean rating against target, by area")
PRIORITY_TITLE: Final = N_("What to train first: importance against shortfall")
REPORT_TEMPLATE: Final = "plotly_white"
# Keys of the charts a report shows (report_charts), in the order it shows them.
AREAS_CHART: Final = "areas"
PRIORITIES_CHART: Final = "priorities"
TREND_CHART: Final = "trend"
CALIBRATION_CHART: Final = "calibration"
HEATMAP_CHART: Final = "heatmap"
# Printed heatmaps with at most this many cells show each cell's value.
PRINTED_VALUES_LIMIT: Final = 400
# Heatmap cells nobody rated show this plot background, between gaps of the same grey.
NOT_RATED: Final = "#C9CDD2"
NOT_RATED_TEXT: Final = N_("Not rated: nobody here has a rating and target for this skill")
FONT: Final = {"size": 13}
# Legend symbols at one readable size, never the size of the smallest bubble.
# The legend sits at the foot of the chart: above the plot, its rows wrap over the title on a phone.
LEGEND: Final = {
    "orientation": "h",
    "yref": "container",
    "yanchor": "bottom",
    "y": 0.0,
    "x": 0,
    "itemsizing": "constant",
}
# Titles wrap at about this many characters, so a long one (a person's name, a role) is not cut off.
TITLE_CHARACTERS: Final = 48
NARROW_TITLE_CHARACTERS: Final = 32


def escaped(values: object) -> list[str]:
    """Labels as text Plotly shows as written: ``<b>Eve</b>`` stays literal, never bold or a link.

    Plotly renders ``<b>``, ``<i>``, ``<a href>``, ``<br>`` ... in labels and hover text, so
    any text from an upload (team, person, role names) or a framework file is escaped first.
    """
    # quote=False: plotly.js decodes &amp; &lt; &gt; but shows &quot; as written.
    return [html.escape(str(v), quote=False) for v in np.asarray(values, dtype=object)]


def level_ticks(scale: Scale) -> tuple[list[int], list[str]]:
    """Tick positions and labels such as "3 Intermediate" ("3 Menengah") for a rating axis."""
    return [lv.value for lv in scale.levels], escaped([f"{lv.value} {lv.shown_name}" for lv in scale.levels])


def _n_hover(field: int) -> str:
    """The n behind a figure in a hover, from one customdata field such as "3 people, 6 rated skills"."""
    return _("n = {n}").format(n="%{customdata[" + str(field) + "]}")


def _n_text(people: pd.Series, pairs: pd.Series) -> pd.Series:
    """ "1 person, 3 rated skills" per row: the n behind each figure, in words."""
    rated = counted_each(pairs, N_("rated skill"), N_("rated skills"))
    return (counted_each(people, N_("person"), N_("people")) + ", " + rated).astype(object)


def _layout(
    fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 420, narrow: bool = False
) -> go.Figure:
    """``narrow`` (a phone) wraps the title and the x axis's shorter: a desktop's line ran off the screen."""
    wrapped = textwrap.wrap(_(title), NARROW_TITLE_CHARACTERS if narrow else TITLE_CHARACTERS)
    fig.update_layout(
        # Titles name people and teams from the upload: escaped like every other label. A title
        # or axis given as a catalogue's English text is shown in the session's language.
        title={"text": "<br>".join(escaped(wrapped) or [""])},
        xaxis_title=_wrapped(_(x_title), NARROW_TITLE_CHARACTERS) if narrow else _(x_title),
        yaxis_title=_(y_title),
        # Plotly's own number formats (hover, ticks) with the language's separators: "3,5" in Indonesian.
        separators=number_separators(),
        height=height,
        font=FONT,
        legend=LEGEND,
        margin={"t": 50 + 22 * len(wrapped), "l": 10, "r": 10, "b": 70},
        hoverlabel={"align": "left"},
    )
    return fig


def _wrapped(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` characters, keeping the line breaks it has."""
    return "<br>".join(line for part in text.split("<br>") for line in textwrap.wrap(part, width) or [""])


def _scale_axis(message: str, scale: Scale) -> str:
    """An axis title naming the scale's ends, for a phone whose ticks are the levels' numbers."""
    low, high = scale.levels[0], scale.levels[-1]
    low_name, high_name = escaped([low.shown_name, high.shown_name])
    return _(message).format(low=low.value, low_name=low_name, high=high.value, high_name=high_name)


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
    """:meth:`Scale.level_name` of each value in the session's language ("" when missing), looked up
    once per distinct value."""
    distinct = pd.unique(values.dropna().to_numpy(dtype=float))
    names = {value: escaped([scale.level_name(value)])[0] for value in distinct}
    return values.astype(float).map(names).fillna("")


def _formatted(values: pd.Series, spec: str) -> pd.Series:
    """Each number formatted with ``spec`` (e.g. ".2f") as text, missing stays missing, even when empty."""
    return values.astype(float).map(lambda v: format(v, spec), na_action="ignore").astype("string")


def _level_label(values: pd.Series, scale: Scale) -> pd.Series:
    """ "4 Advanced" for a rating of 4: the number as given and its level's name, as on the axis."""
    return (
        (_formatted(values, "g") + " " + _level_text(values, scale).astype("string"))
        .fillna("")
        .astype(object)
    )


def area_chart(
    summary: pd.DataFrame, scale: Scale, title: str = AREA_TITLE, narrow: bool = False
) -> go.Figure:
    """Horizontal bars of mean rating per area, coloured below/at target, with a target mark.

    ``summary`` has the columns of :func:`analytics.views.area_summary`. ``narrow`` is for a
    phone: the ticks are the levels' numbers and the axis title names the ends of the scale,
    since "2 Berkembang" at every tick would be turned on its side and cut off.
    """
    fig = go.Figure()
    below = summary[gaps.MEAN_RATING] < summary[gaps.MEAN_TARGET]
    custom = _custom(
        _level_text(summary[gaps.MEAN_RATING], scale),
        summary[gaps.MEAN_TARGET],
        summary[gaps.READINESS],
        summary[gaps.N_PEOPLE],
        summary[gaps.N_PAIRS],
        _n_text(summary[gaps.N_PEOPLE], summary[gaps.N_PAIRS]),
    )
    hover = (
        "<b>%{y}</b><br>"
        + _("Mean rating")
        + " %{x:.2f} (%{customdata[0]})<br>"
        + _("Mean target")
        + " %{customdata[1]:.2f}<br>"
        + _("At target")
        + " %{customdata[2]:.0%}<br>"
        + _n_hover(5)
        + "<extra></extra>"
    )
    areas = np.array(escaped(summary[vw.AREA]), dtype=object)
    for mask, name, colour in ((below, BELOW_NAME, BELOW), (~below, AT_NAME, AT)):
        fig.add_trace(
            go.Bar(
                x=summary.loc[mask, gaps.MEAN_RATING],
                y=areas[mask.to_numpy()],
                orientation="h",
                name=_(name),
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
            name=_("Target (mean over the group's roles)"),
            marker={
                "symbol": "line-ns-open",
                "size": 30,
                "color": TARGET,
                "line": {"width": 4, "color": TARGET},
            },
            cliponaxis=False,
            hovertemplate=_("Mean target") + " %{x:.2f}<extra></extra>",
        )
    )
    ticks, labels = level_ticks(scale)
    axis = _("Mean rating")
    if narrow:
        labels = [str(t) for t in ticks]
        axis = _scale_axis(N_("Mean rating<br>({low} {low_name} to {high} {high_name})"), scale)
    # The axis starts at the scale's lowest level, where a bar of the lowest mean begins.
    fig.update_xaxes(range=[scale.min, scale.max + 0.2], tickvals=ticks, ticktext=labels)
    fig.update_yaxes(categoryorder="array", categoryarray=list(areas)[::-1])
    fig.update_layout(barmode="overlay", showlegend=True)
    fig = _layout(fig, title, axis, N_("Area"), height=120 + 60 * max(len(summary), 1), narrow=narrow)
    return fig.update_layout(margin={"b": 90}) if narrow else fig


def shortfall_heatmap(
    shortfall: ShortfallGrid, title: str, printed: bool = False, narrow: bool = False
) -> go.Figure:
    """Mean shortfall per (row, skill) as a heatmap: pale is at target, dark is far below.

    ``shortfall`` comes from :func:`analytics.views.overview.shortfall_grid`; its rows are
    people or teams. A cell nobody in its row rated is left empty, so the grey plot
    background (:data:`NOT_RATED`) shows through it and its hover says "not rated": a zero
    shortfall is pale, never grey. ``printed`` lays it out for a portrait page: skills down
    the side when there are fewer rows than skills (no long rotated labels), and each
    cell's value printed where there is room. ``narrow`` is for a phone: skills down the side
    too (25 skills across would be slivers), and no colour bar.
    """
    grid = shortfall.table
    rows, skills = list(shortfall.rows), list(shortfall.skills)
    shortfall_words, ready_words = _("Mean shortfall {levels} levels"), _("At target {share}")
    levels_of = _formatted(grid[gaps.MEAN_SHORTFALL], ".2f").map(
        lambda v: shortfall_words.format(levels=localise_number(v)), na_action="ignore"
    )
    ready = _formatted(grid[gaps.READINESS], ".0%").map(
        lambda v: ready_words.format(share=v), na_action="ignore"
    )
    detail = (levels_of.astype("string") + "<br>" + ready.astype("string")).astype(object)
    cells = grid.assign(_detail=detail, _n=_n_text(grid[gaps.N_PEOPLE], grid[gaps.N_PAIRS]))
    # Every cell's figures as rows x skills in the order shown, from one pivot: one pivot per
    # figure cost about 8 ms a heatmap, and a page draws two (wide and phone).
    shown_as = [gaps.MEAN_SHORTFALL, gaps.N_PEOPLE, gaps.N_PAIRS, gaps.READINESS, "_detail", "_n"]
    wide = cells.pivot(index=vw.ROW_LABEL, columns=vw.SKILL, values=shown_as).reindex(
        index=rows, columns=pd.MultiIndex.from_product([shown_as, skills])
    )

    def cell_grid(column: str, dtype: type) -> np.ndarray:
        return wide[column].to_numpy(dtype=dtype)

    values = cell_grid(gaps.MEAN_SHORTFALL, float)
    rated = ~np.isnan(values)
    custom = np.dstack(
        [
            cell_grid(gaps.N_PEOPLE, float),
            cell_grid(gaps.N_PAIRS, float),
            cell_grid(gaps.READINESS, float),
            np.where(rated, cell_grid("_detail", object), _(NOT_RATED_TEXT)),
            np.where(rated, cell_grid("_n", object), _("no ratings")),
        ]
    ).astype(object)
    x, y = escaped(skills), escaped(rows)
    across, down = _("Skill"), shortfall.row_title
    turned = (printed or narrow) and len(rows) < len(skills)
    if turned:
        values, x, y, custom = values.T, y, x, custom.transpose(1, 0, 2)
        across, down = down, across
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=x,
            y=y,
            customdata=custom,
            colorscale=[list(stop) for stop in SHORTFALL_SCALE],
            zmin=0,
            zmax=SHORTFALL_ZMAX,
            xgap=2,
            ygap=2,
            # The title above the bar and ticks in whole and half levels, the top one "2+" (darker
            # cannot get), so no tick runs into the title.
            colorbar={
                "title": {"text": _("Levels below<br>target"), "side": "top"},
                "tickvals": [0, 0.5, 1, 1.5, SHORTFALL_ZMAX],
                "ticktext": [localise_number(t) for t in ("0", "0.5", "1", "1.5", f"{SHORTFALL_ZMAX:g}+")],
                "len": 0.9,
                "thickness": 14,
            },
            hoverongaps=True,
            hovertemplate=("<b>%{y}</b> - %{x}<br>%{customdata[3]}<br>" + _n_hover(4) + "<extra></extra>"),
        )
    )
    n_down, n_across = values.shape
    # Ranges to the cells' outer edges, so the grey shows only in gaps and unrated cells.
    fig.update_xaxes(showgrid=False, zeroline=False, range=[-0.5, n_across - 0.5])
    fig.update_yaxes(showgrid=False, zeroline=False, range=[n_down - 0.5, -0.5])
    fig.update_layout(plot_bgcolor=NOT_RATED)
    fig = _layout(fig, title, across, down, height=max(460, 300 + 26 * n_down), narrow=narrow)
    fig.update_xaxes(tickangle=-40)
    if narrow:
        fig.update_xaxes(tickangle=-60 if n_across > 2 else 0, side="bottom")
        # No colour bar: beside long skill names the cells are a narrow strip, and a bar under
        # them cut its own title off at the screen's edge. The page's caption says what the shades mean.
        fig.update_traces(showscale=False)
        fig.update_layout(height=max(420, 300 + 26 * n_down), margin={"b": 120})
    if printed:
        if turned:
            fig.update_xaxes(tickangle=-30 if n_across > 6 else 0, side="top")
        if values.size <= PRINTED_VALUES_LIMIT:
            fig.update_traces(texttemplate="%{z:.1f}", textfont={"size": 10})
        fig.update_layout(height=max(320, 170 + 22 * n_down), margin={"t": 130 if n_across > 6 else 90})
    return fig


# Where a role has ratings at one level both below and at target (targets differ by skill),
# the two bubbles sit this far either side of the role, in role widths.
_SIDE_BY_SIDE: Final = 0.2


def distribution_chart(
    dist: pd.DataFrame, targets: pd.DataFrame, scale: Scale, title: str, narrow: bool = False
) -> go.Figure:
    """Ratings per role as dots sized by count, coloured below/at target, with each role's target.

    ``dist`` has the columns of :func:`analytics.views.distribution`, ``targets`` those of
    :func:`analytics.views.role_targets`. Over several skills one role can have ratings at a
    level both below target and at it; the two bubbles then sit side by side, never on top
    of each other, and their hover says how the level's ratings split. ``narrow`` is for a
    phone: roles down the side and ratings across, since five role names side by side in
    390 pixels were turned on their side and some left out.
    """

    def placed(role: object, rating: object) -> dict[str, object]:
        return {"x": rating, "y": role} if narrow else {"x": role, "y": rating}

    fig = go.Figure()
    biggest = float(dist[gaps.N_PAIRS].max()) if len(dist) else 1.0
    roles = escaped(targets[vw.ROLE_NAME])
    position = pd.Series(np.arange(len(targets), dtype=float), index=targets[c.ROLE_ID].astype(object))
    for at, name, colour, side in ((False, BELOW_NAME, BELOW, -1.0), (True, AT_NAME, AT, 1.0)):
        part = dist[dist[c.AT_TARGET] == at]
        mixed = (part[gaps.N_PAIRS] < part[vw.LEVEL_PAIRS]).to_numpy(dtype=bool)
        along = (
            part[c.ROLE_ID].astype(object).map(position).to_numpy(dtype=float) + side * _SIDE_BY_SIDE * mixed
        )
        words = (
            _("{n} of {total} at this level are not below target: targets differ by skill")
            if at
            else _("{n} of {total} at this level are below target: targets differ by skill")
        )
        numbers = part[gaps.N_PAIRS].map(lambda n: format_number(n, vw.COUNT), na_action="ignore")
        totals = counted_each(part[vw.LEVEL_PAIRS], N_("rating"), N_("ratings"))
        split = pd.Series(
            ["<br>" + words.format(n=n, total=t) for n, t in zip(numbers, totals, strict=True)],
            index=part.index,
            dtype=object,
        )
        custom = _custom(
            _level_label(part[c.RATING], scale),
            part[gaps.N_PAIRS],
            part[gaps.N_PEOPLE],
            pd.Series(escaped(part[vw.ROLE_NAME]), dtype=object),
            counted_each(part[gaps.N_PAIRS], N_("rating"), N_("ratings")),
            counted_each(part[gaps.N_PEOPLE], N_("person"), N_("people")),
            split.where(mixed, ""),
        )
        hover = (
            "<b>%{customdata[3]}</b><br>"
            + _("Rating {level}<br>{ratings} from {people}, {where}").format(
                level="%{customdata[0]}",
                ratings="%{customdata[4]}",
                people="%{customdata[5]}",
                where=_(name).lower(),
            )
            + "%{customdata[6]}<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                **placed(along, part[c.RATING]),
                mode="markers",
                name=_(name),
                marker={
                    "color": colour,
                    "size": part[gaps.N_PAIRS],
                    "sizemode": "area",
                    "sizeref": 2.0 * biggest / (32 if narrow else 45) ** 2,
                    "sizemin": 5,
                    "opacity": 0.85,
                },
                customdata=custom,
                hovertemplate=hover,
            )
        )
    fig.add_trace(
        go.Scatter(
            **placed(position.to_numpy(), targets[gaps.MEAN_TARGET]),
            mode="markers",
            name=_("Role target"),
            marker={
                "symbol": "line-ns-open" if narrow else "line-ew-open",
                "size": 44 if narrow else 60,
                "color": TARGET,
                "line": {"width": 3, "color": TARGET},
            },
            customdata=_custom(
                pd.Series(roles, dtype=object),
                counted_each(targets[gaps.N_PEOPLE], N_("person"), N_("people")),
            ),
            hovertemplate="<b>%{customdata[0]}</b><br>"
            + _("Target")
            + (" %{x:.2f}" if narrow else " %{y:.2f}")
            + "<br>"
            + _n_hover(1)
            + "<extra></extra>",
        )
    )
    ticks, labels = level_ticks(scale)
    rating_axis = {"range": [scale.min - 0.5, scale.max + 0.5], "tickvals": ticks, "ticktext": labels}
    role_axis = {
        "tickvals": list(position.to_numpy()),
        "ticktext": roles,
        "range": [-0.5, max(len(targets), 1) - 0.5],
        "showgrid": False,
        "zeroline": False,
    }
    if not narrow:
        fig.update_yaxes(**rating_axis).update_xaxes(**role_axis)
        return _layout(fig, title, N_("Role"), N_("Rating"))
    # Down the page the first role comes first; across, the levels' numbers (their names would not fit).
    rating_axis["ticktext"] = [str(t) for t in ticks]
    role_axis["range"] = role_axis["range"][::-1]  # type: ignore[index]
    fig.update_xaxes(**rating_axis).update_yaxes(**role_axis)
    axis = _scale_axis(N_("Rating<br>({low} {low_name} to {high} {high_name})"), scale)
    fig = _layout(fig, title, axis, N_("Role"), height=160 + 70 * max(len(targets), 1), narrow=True)
    return fig.update_layout(margin={"b": 90})


def coverage_chart(coverage: pd.DataFrame, title: str) -> go.Figure:
    """Per skill, people at target and below (stacked), with the bench (rated gaps.BENCH_LEVEL+) marked.

    ``coverage`` has the columns of :func:`analytics.views.skill_coverage`.
    """
    below = coverage[gaps.N_PEOPLE] - coverage[gaps.N_AT_TARGET]
    rated_words = _("{people} rated")
    rated = counted_each(coverage[gaps.N_PEOPLE], N_("person"), N_("people")).map(
        lambda people: rated_words.format(people=people)
    )
    skills = escaped(coverage[vw.SKILL])
    fig = go.Figure()
    for count, name, colour, what in (
        (coverage[gaps.N_AT_TARGET], AT_NAME, AT, _("at target")),
        (below, BELOW_NAME, BELOW, _("below target")),
    ):
        fig.add_trace(
            go.Bar(
                y=skills,
                x=count,
                orientation="h",
                name=_(name),
                marker_color=colour,
                customdata=_custom(counted_each(count, N_("person"), N_("people")), rated),
                hovertemplate="<b>%{y}</b><br>%{customdata[0]} "
                + what
                + "<br>"
                + _n_hover(1)
                + "<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=skills,
            x=coverage[gaps.N_BENCH],
            mode="markers",
            name=_("Strong backups (rated {level} or more)").format(level=gaps.BENCH_LEVEL),
            marker={"symbol": "diamond", "size": 12, "color": TARGET},
            customdata=_custom(counted_each(coverage[gaps.N_BENCH], N_("person"), N_("people")), rated),
            hovertemplate="<b>%{y}</b><br>"
            + _("Strong backups: {people} rated {level} or more").format(
                people="%{customdata[0]}", level=gaps.BENCH_LEVEL
            )
            + "<br>"
            + _n_hover(1)
            + "<extra></extra>",
        )
    )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, N_("People"), N_("Skill"), height=160 + 45 * max(len(coverage), 1))


def radar_chart(
    profile: pd.DataFrame, scale: Scale, title: str, rating_name: str = N_("Rating")
) -> go.Figure:
    """One person's self (and manager) ratings against their role target, per skill.

    ``profile`` has the columns of :func:`analytics.views.person_profile`. Each rating trace
    has one colour, in its line, its markers and its legend entry; a ring of :data:`BELOW`
    marks every rating below target. A manager trace appears when present. The first skill
    sits at the top and the level labels run between the first and the last skill, so they
    never cover a skill's name.
    """
    closed = pd.concat([profile, profile.head(1)], ignore_index=True)
    theta = escaped(closed[vw.SKILL])
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=closed[c.TARGET],
            theta=theta,
            name=_("Role target"),
            mode="lines",
            line={"color": TARGET, "dash": "dash", "width": 2},
            hovertemplate="%{theta}<br>" + _("Target") + " %{r}<extra></extra>",
        )
    )
    rings = []
    traces = [
        (c.SELF, _("Self rating"), SELF_TRACE, "circle"),
        (c.MANAGER, _("Manager rating"), MANAGER_TRACE, "diamond"),
    ]
    one_rating = _("n = 1 rating")
    below_words, at_words = _(BELOW_NAME).lower(), _(AT_NAME).lower()
    for column, name, colour, symbol in traces:
        values = closed[column]
        if not values.notna().any():
            continue
        below = (values < closed[c.TARGET]).to_numpy(dtype=bool)
        fig.add_trace(
            go.Scatterpolar(
                r=values,
                theta=theta,
                name=name,
                mode="lines+markers",
                line={"color": colour, "width": 2},
                marker={"color": colour, "size": 8, "symbol": symbol},
                connectgaps=True,
                customdata=np.where(below, below_words, at_words),
                hovertemplate="%{theta}<br>"
                + name
                + " %{r} (%{customdata})<br>"
                + one_rating
                + "<extra></extra>",
            )
        )
        ring = below[:-1]  # the closing point repeats the first
        points = closed.iloc[:-1][ring]
        rings.append(
            pd.DataFrame(
                {
                    "r": points[column],
                    "theta": np.asarray(theta[:-1], dtype=object)[ring],
                    "text": (
                        name
                        + " "
                        + _formatted(points[column], "g").map(localise_number, na_action="ignore")
                        + _(", target ")
                        + _formatted(points[c.TARGET], "g").map(localise_number, na_action="ignore")
                    ).astype(object),
                }
            )
        )
    ringed = pd.concat(rings, ignore_index=True) if rings else pd.DataFrame()
    if len(ringed):
        fig.add_trace(
            go.Scatterpolar(
                r=ringed["r"],
                theta=ringed["theta"],
                name=_(BELOW_NAME),
                mode="markers",
                marker={"symbol": "circle-open", "size": 17, "color": BELOW, "line": {"width": 2.5}},
                customdata=ringed["text"],
                hovertemplate="%{theta}<br>%{customdata}: "
                + _("below target")
                + "<br>"
                + one_rating
                + "<extra></extra>",
            )
        )
    ticks, labels = level_ticks(scale)
    step = 360.0 / max(len(profile), 1)
    fig.update_layout(
        polar={
            "radialaxis": {
                # Room beyond the top level, so its label stays inside the circle of skill names.
                "range": [scale.min - 1, scale.max + 0.6],
                "tickvals": ticks,
                "ticktext": labels,
                "title": {"text": _(rating_name), "font": {"size": 12}},
                "angle": 90 + step / 2,
                "tickfont": {"size": 12},
            },
            "angularaxis": {"direction": "clockwise", "rotation": 90, "tickfont": {"size": 12}},
        }
    )
    fig = _layout(fig, title, "", "", height=720)
    # Skill names sit outside the circle: leave them room on every side, and keep the legend
    # below the circle, clear of the names at its top.
    return fig.update_layout(
        margin={"t": 90, "b": 110, "l": 60, "r": 60},
        legend={**LEGEND, "yref": "paper", "y": -0.1, "yanchor": "top", "x": 0.5, "xanchor": "center"},
    )


def profile_bars(
    profile: pd.DataFrame, scale: Scale, title: str, rating_name: str = N_("Rating")
) -> go.Figure:
    """The radar's figures as a phone can read them: one bar per skill, in framework order.

    ``profile`` as for :func:`radar_chart`. The bar is the gap-source rating, coloured below or
    at target; the role target is a black tick and a manager rating a diamond, as on the radar.
    Twenty-five spokes on a 390 px screen leave no room for their names; bars keep every name.
    """
    rows = profile.reset_index(drop=True)
    # Skill names only: with the area beside them the bars had a sixth of a phone's width.
    label = pd.Series(escaped(rows[vw.SKILL]), dtype=object)
    shown = rows[c.RATING].where(rows[c.RATING].notna(), rows[c.SELF])
    below = (shown < rows[c.TARGET]).to_numpy(dtype=bool)
    fig = go.Figure()
    for mask, name, colour in ((below, BELOW_NAME, BELOW), (~below, AT_NAME, AT)):
        fig.add_trace(
            go.Bar(
                x=shown[mask],
                y=label[mask],
                orientation="h",
                name=_(name),
                marker_color=colour,
                hovertemplate="%{y}<br>"
                + _(rating_name)
                + " %{x}<br>"
                + _("n = 1 rating")
                + "<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=rows[c.TARGET],
            y=label,
            mode="markers",
            name=_("Role target"),
            marker={
                "symbol": "line-ns-open",
                "size": 22,
                "color": TARGET,
                "line": {"width": 3, "color": TARGET},
            },
            hovertemplate="%{y}<br>" + _("Target") + " %{x}<extra></extra>",
        )
    )
    if rows[c.MANAGER].notna().any():
        fig.add_trace(
            go.Scatter(
                x=rows[c.MANAGER],
                y=label,
                mode="markers",
                name=_("Manager rating"),
                marker={"symbol": "diamond", "size": 10, "color": MANAGER_TRACE},
                hovertemplate="%{y}<br>" + _("Manager rating") + " %{x}<extra></extra>",
            )
        )
    ticks, _labels = level_ticks(scale)
    fig.update_xaxes(
        range=[scale.min - 0.5, scale.max + 0.3], tickvals=ticks, ticktext=[str(t) for t in ticks]
    )
    fig.update_yaxes(categoryorder="array", categoryarray=list(label)[::-1], automargin=True)
    fig.update_layout(barmode="overlay", bargap=0.35)
    return _layout(fig, title, rating_name, "", height=200 + 24 * max(len(rows), 1), narrow=True)


# The chart's size as the label placement imagines it: a plot area a little narrower than
# the Priorities page gives it at 1400 px, so labels that clear each other here clear there.
_PLOT_PX: Final = (720.0, 360.0)
_LABEL_CHAR_PX: Final = 6.6
_LABEL_HEIGHT_PX: Final = 18.0
_BUBBLE_PX: Final = 25.0  # the largest bubble's radius
_X_PAD: Final = (0.08, 0.1)  # share of the x extent left free left of 0 and right of the largest shortfall


def _box_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Overlapping area of two boxes given as (left, top, right, bottom) in pixels."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(width, 0.0) * max(height, 0.0)


def _circle_overlap(box: tuple[float, float, float, float], x: float, y: float, r: float) -> float:
    """How deep a circle reaches into a box, in pixels (0 when they do not touch)."""
    near_x = min(max(x, box[0]), box[2])
    near_y = min(max(y, box[1]), box[3])
    return max(r - float(np.hypot(x - near_x, y - near_y)), 0.0)


def _label_offsets(
    px: np.ndarray, py: np.ndarray, radius: np.ndarray, labelled: np.ndarray, widths: np.ndarray
) -> list[tuple[float, float]]:
    """A pixel offset (from its bubble's centre to its text's centre) per labelled bubble.

    Greedy, in rank order: each label takes the first place around its bubble that stays
    inside the plot and covers no earlier label and no bubble, or else the place that
    covers least. A loop over the few labelled skills, never over people.
    """
    width, height = _PLOT_PX
    placed: list[tuple[float, float, float, float]] = []
    offsets = []
    for i, w in zip(labelled, widths, strict=True):
        gap = radius[i] + 6 + _LABEL_HEIGHT_PX / 2
        side = radius[i] + 8 + w / 2
        candidates = []
        for extra in (0.0, 22.0, 44.0):
            candidates += [
                (0.0, -(gap + extra)),
                (0.0, gap + extra),
                (side + extra, 0.0),
                (-(side + extra), 0.0),
                (side * 0.6 + extra, -(gap + extra)),
                (-(side * 0.6 + extra), -(gap + extra)),
                (side * 0.6 + extra, gap + extra),
                (-(side * 0.6 + extra), gap + extra),
            ]
        best, best_cost = candidates[0], float("inf")
        for dx, dy in candidates:
            cx, cy = px[i] + dx, py[i] + dy
            box = (cx - w / 2, cy - _LABEL_HEIGHT_PX / 2, cx + w / 2, cy + _LABEL_HEIGHT_PX / 2)
            outside = max(-box[0], 0) + max(box[2] - width, 0) + max(-box[1], 0) + max(box[3] - height, 0)
            covered = sum(_box_overlap(box, other) for other in placed)
            hidden = sum(_circle_overlap(box, px[j], py[j], radius[j]) for j in range(len(px)))
            cost = 1000.0 * outside + 10.0 * covered + 20.0 * hidden + abs(dx) * 0.01 + abs(dy) * 0.01
            if cost < best_cost:
                best, best_cost = (dx, dy), cost
            if outside == 0 and covered == 0 and hidden == 0:
                break
        cx, cy = px[i] + best[0], py[i] + best[1]
        placed.append((cx - w / 2, cy - _LABEL_HEIGHT_PX / 2, cx + w / 2, cy + _LABEL_HEIGHT_PX / 2))
        offsets.append(best)
    return offsets


def priority_bubbles(
    priorities: pd.DataFrame, title: str, label_top: int = 5, narrow: bool = False
) -> go.Figure:
    """Importance against mean shortfall per skill, bubble size = people affected.

    ``priorities`` has the columns of :func:`analytics.views.priority_table`; the ``label_top``
    highest priorities that someone falls short on carry their skill name, as annotations
    placed around their bubbles so that no two names cover each other (the rest are named
    on hover). The axes leave room around the bubbles, so none is cut at the edge. ``narrow``
    is for a phone: half-size bubbles and no names beside them (they would run off the screen);
    the ranked table under the chart names every skill.
    """
    fig = go.Figure()
    biggest = max(float(priorities[gaps.PEOPLE_AFFECTED].max()) if len(priorities) else 1.0, 1.0)
    bubble_px = _BUBBLE_PX / 2 if narrow else _BUBBLE_PX
    sizeref = 2.0 * biggest / (2 * bubble_px) ** 2
    ranked = priorities.reset_index(drop=True)
    affected = ranked[gaps.PEOPLE_AFFECTED] > 0
    for mask, name, colour in (
        (affected, _("Someone below target"), BELOW),
        (~affected, _("Everyone at target"), AT),
    ):
        part = ranked[mask]
        custom = _custom(
            pd.Series(escaped(part[vw.SKILL]), dtype=object),
            pd.Series(escaped(part[vw.AREA]), dtype=object),
            part[gaps.PRIORITY],
            part[gaps.PEOPLE_AFFECTED],
            part[gaps.N_PEOPLE],
            part[gaps.N_PAIRS],
            counted_each(part[gaps.PEOPLE_AFFECTED], N_("person"), N_("people")),
            _n_text(part[gaps.N_PEOPLE], part[gaps.N_PAIRS]),
        )
        hover = (
            "<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
            + _("Mean shortfall {levels} levels").format(levels="%{x:.2f}")
            + "<br>"
            + _("Mean importance")
            + " %{y:.2f}<br>"
            + _("Priority")
            + " %{customdata[2]:.2f}<br>"
            + _("{people} below target").format(people="%{customdata[6]}")
            + "<br>"
            + _n_hover(7)
            + "<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=part[gaps.MEAN_SHORTFALL],
                y=part[c.IMPORTANCE],
                mode="markers",
                name=name,
                marker={
                    "color": colour,
                    "size": part[gaps.PEOPLE_AFFECTED].clip(lower=1),
                    "sizemode": "area",
                    "sizeref": sizeref,
                    "sizemin": 6,
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 1},
                },
                cliponaxis=False,
                customdata=custom,
                hovertemplate=hover,
            )
        )
    y_range = (0.5, 3.5)
    extent = max(float(ranked[gaps.MEAN_SHORTFALL].max()) if len(ranked) else 0.0, 0.1)
    x_range = (-_X_PAD[0] * extent, extent * (1 + _X_PAD[1]))
    shortfall = ranked[gaps.MEAN_SHORTFALL].to_numpy(dtype=float)
    importance = ranked[c.IMPORTANCE].to_numpy(dtype=float)
    px = (shortfall - x_range[0]) / (x_range[1] - x_range[0]) * _PLOT_PX[0]
    py = (y_range[1] - importance) / (y_range[1] - y_range[0]) * _PLOT_PX[1]
    # The bubble's radius in pixels, as Plotly draws it (sizemode "area", at least sizemin).
    size = ranked[gaps.PEOPLE_AFFECTED].clip(lower=1).to_numpy(dtype=float)
    radius = np.maximum(np.sqrt(size / 2 / sizeref), 6.0)
    top = top_priorities(ranked.assign(_row=np.arange(len(ranked))), 0 if narrow else label_top)
    labelled = top["_row"].to_numpy(dtype=int)
    names = escaped(top[vw.SKILL])
    widths = top[vw.SKILL].astype(str).str.len().to_numpy(dtype=float)
    offsets = _label_offsets(px, py, radius, labelled, widths * _LABEL_CHAR_PX + 8)
    for i, text, (dx, dy) in zip(labelled, names, offsets, strict=True):
        fig.add_annotation(
            x=shortfall[i],
            y=importance[i],
            text=text,
            ax=dx,
            ay=dy,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#8A8A8A",
            standoff=float(radius[i]),
            font={"size": 12, "color": "#31333F"},
            bgcolor="rgba(255, 255, 255, 0.85)",
            borderpad=1,
        )
    fig.update_yaxes(
        range=list(y_range),
        tickvals=list(IMPORTANCE_NAMES),
        ticktext=[f"{k} {_(name)}" for k, name in IMPORTANCE_NAMES.items()],
    )
    fig.update_xaxes(range=list(x_range))
    fig.update_layout(showlegend=True)
    x_title, y_title = N_("Mean shortfall below target (levels)"), N_("Mean importance")
    return _layout(fig, title, x_title, y_title, height=520, narrow=narrow)


def heatmap_title(grid: ShortfallGrid) -> str:
    return (
        _("Mean shortfall by person and skill") if grid.by_person else _("Mean shortfall by team and skill")
    )


def report_charts(
    areas: pd.DataFrame,
    ranked: pd.DataFrame,
    grid: ShortfallGrid,
    scale: Scale,
    printed: bool = False,
    narrow: bool = False,
) -> dict[str, go.Figure]:
    """The charts a report shows, as the pages draw them: areas (Overview), priorities, heatmap.

    ``areas`` and ``ranked`` are the frames of the Overview's area table and the Priorities
    page's ranking. Keyed by :data:`AREAS_CHART`, :data:`PRIORITIES_CHART` and
    :data:`HEATMAP_CHART`; a chart with nothing to show (or everything hidden) is left out.
    ``printed`` takes each chart's print variant, ``narrow`` the one a phone shows.
    """
    charts = {}
    if areas[gaps.MEAN_RATING].notna().any():
        charts[AREAS_CHART] = area_chart(areas, scale, narrow=narrow)
    shown = ranked[ranked[gaps.PRIORITY].notna()]
    if (shown[gaps.PEOPLE_AFFECTED] > 0).any():
        charts[PRIORITIES_CHART] = priority_bubbles(shown, PRIORITY_TITLE, narrow=narrow)
    if grid.table[gaps.MEAN_SHORTFALL].notna().any():
        charts[HEATMAP_CHART] = shortfall_heatmap(grid, heatmap_title(grid), printed=printed, narrow=narrow)
    # A report stands alone on white paper or a white page, not on the dashboard's theme.
    return {key: fig.update_layout(template=REPORT_TEMPLATE) for key, fig in charts.items()}


def history_charts(
    trend: pd.DataFrame | None,
    rounds: Sequence[str],
    skill_points: pd.DataFrame | None,
    scale: Scale,
    threshold: float = gaps.CALIBRATION_THRESHOLD,
    printed: bool = False,
) -> dict[str, go.Figure]:
    """The Trends and Calibration charts of a report, where the data has them.

    ``trend`` is a Trends view's round-by-round table (one line per area), ``skill_points``
    a Calibration view's points per skill: reports show groups, never one dot per person.
    Keyed by :data:`TREND_CHART` and :data:`CALIBRATION_CHART`.
    """
    drawn = {}
    if trend is not None and trend[gaps.MEAN_RATING].notna().any():
        drawn[TREND_CHART] = trend_chart(trend, rounds, scale, _("Mean rating by area"), printed=printed)
    if skill_points is not None and len(skill_points):
        drawn[CALIBRATION_CHART] = calibration_scatter(
            skill_points,
            scale,
            _("Own rating against the manager's, per skill"),
            threshold,
            printed,
            zoom=True,
        )
    return {key: fig.update_layout(template=REPORT_TEMPLATE) for key, fig in drawn.items()}


# --- Calibration -----------------------------------------------------------------------------

# Okabe-Ito orange and sky blue: own rating above or below the manager's. Neither is a target
# colour, since calibration compares two views and measures nobody against a target.
SELF_HIGHER_COLOUR: Final = "#E69F00"
SELF_LOWER_COLOUR: Final = "#56B4E9"
IN_LINE_COLOUR: Final = "#8C959F"
CALIBRATION_TITLE: Final = N_("Own rating against the manager's rating")
# A printed scatter names at most this many points off the manager's view (paper has no hover).
PRINTED_CALIBRATION_LABELS: Final = 12
_CALIBRATION_SIDES: Final = (
    (gaps.SELF_HIGHER, SELF_HIGHER_COLOUR, N_("Own rating {apart} or more higher")),
    (gaps.IN_LINE, IN_LINE_COLOUR, N_("Within {apart}")),
    (gaps.SELF_LOWER, SELF_LOWER_COLOUR, N_("Own rating {apart} or more lower")),
)
_POINT_PX: Final = 10
_BIGGEST_POINT_PX: Final = 44  # the diameter of the bubble of the most people
_ZOOMED_POINT_PX: Final = 26
_ZOOM_PAD: Final = 0.25  # levels left free around the points of a zoomed chart


def calibration_scatter(
    points: pd.DataFrame,
    scale: Scale,
    title: str = CALIBRATION_TITLE,
    threshold: float = gaps.CALIBRATION_THRESHOLD,
    printed: bool = False,
    zoom: bool = False,
) -> go.Figure:
    """Mean own rating (up) against the mean manager's rating (across), with the diagonal of agreement.

    ``points`` has the columns of :data:`analytics.views.calibration.POINT_COLUMNS`: one point
    per person, per group of people with about the same means, or per skill. A point above
    the diagonal rates itself higher than the manager does; dotted lines mark ``threshold``
    levels apart, and points beyond them are coloured by their side. A point standing for
    several people is a bubble sized by how many (area), so a large survey shows where people
    are without drawing every one. Hover names the point and its n. ``printed`` is for paper,
    which has no hover: a square chart that names the points furthest from the diagonal.
    ``zoom`` is for a few points that are means over many people (skills): those sit close
    together, so both axes span only the points (padded, in half levels) and bubbles are smaller.
    """
    lo, hi = scale.min - 0.3, scale.max + 0.3
    if zoom and len(points):
        means = np.r_[
            points[gaps.MEAN_MANAGER].to_numpy(dtype=float), points[gaps.MEAN_SELF].to_numpy(dtype=float)
        ]
        lo = max(lo, np.floor((np.nanmin(means) - _ZOOM_PAD) * 2) / 2)
        hi = min(hi, np.ceil((np.nanmax(means) + _ZOOM_PAD) * 2) / 2)
    apart = levels(threshold)
    fig = go.Figure()
    for offset, shown in ((threshold, True), (-threshold, False)):
        fig.add_trace(
            go.Scatter(
                x=[max(lo, lo - offset), min(hi, hi - offset)],
                y=[max(lo, lo - offset) + offset, min(hi, hi - offset) + offset],
                mode="lines",
                name=_("{apart} apart").format(apart=apart),
                legendgroup="apart",
                showlegend=shown,
                line={"color": "#9AA0A6", "dash": "dot", "width": 1.5},
                hoverinfo="skip",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[lo, hi],
            y=[lo, hi],
            mode="lines",
            name=_("Same rating"),
            line={"color": TARGET, "dash": "dash", "width": 1.5},
            hoverinfo="skip",
        )
    )
    several = bool(len(points)) and bool((points[gaps.N_PEOPLE] > 1).any())
    biggest = max(float(points[gaps.N_PEOPLE].max()) if len(points) else 1.0, 1.0)
    sizeref = 2.0 * biggest / ((_ZOOMED_POINT_PX if zoom else _BIGGEST_POINT_PX) ** 2)
    compared_words = _("{skills} compared")
    compared = counted_each(points[gaps.N_PAIRS], N_("rated skill"), N_("rated skills")).map(
        lambda skills: compared_words.format(skills=skills)
    )
    n_text = (counted_each(points[gaps.N_PEOPLE], N_("person"), N_("people")) + ", " + compared).astype(
        object
    )
    named = _furthest(points, PRINTED_CALIBRATION_LABELS) if printed else pd.Index([])
    for side, colour, name in _CALIBRATION_SIDES:
        mask = (points[gaps.CALIBRATION_SIDE] == side).to_numpy(dtype=bool)
        part = points[mask]
        marker: dict[str, object] = {"color": colour, "opacity": 0.8, "line": {"color": "white", "width": 1}}
        if several:
            marker.update(
                size=part[gaps.N_PEOPLE], sizemode="area", sizeref=sizeref, sizemin=_POINT_PX / 2 + 1
            )
        else:
            marker["size"] = _POINT_PX
        labels = pd.Series(escaped(part[vw.ROW_LABEL]), index=part.index, dtype=object)
        fig.add_trace(
            go.Scatter(
                x=part[gaps.MEAN_MANAGER],
                y=part[gaps.MEAN_SELF],
                mode="markers+text" if printed else "markers",
                text=labels.where(part.index.isin(named), "") if printed else None,
                textposition="top center",
                textfont={"size": 11},
                name=_(name).format(apart=apart),
                marker=marker,
                cliponaxis=False,
                customdata=_custom(
                    labels,
                    pd.Series(escaped(part[vw.POINT_DETAIL]), index=part.index, dtype=object),
                    part[gaps.MEAN_DIFFERENCE],
                    n_text[mask],
                ),
                hovertemplate="<b>%{customdata[0]}</b> (%{customdata[1]})<br>"
                + _("Own rating {own}, manager's {manager}<br>Difference {difference} levels").format(
                    own="%{y:.2f}", manager="%{x:.2f}", difference="%{customdata[2]:+.2f}"
                )
                + "<br>"
                + _n_hover(3)
                + "<extra></extra>",
            )
        )
    # Both axes span the whole scale, so the diagonal runs corner to corner whatever the chart's
    # shape; the level names sit on the upright axis only, where they never crowd a phone's width.
    ticks, tick_labels = level_ticks(scale)
    fig.update_xaxes(range=[lo, hi], tickvals=ticks, ticktext=[str(t) for t in ticks])
    fig.update_yaxes(range=[lo, hi], tickvals=ticks, ticktext=tick_labels)
    for x, y, text, anchor in (
        (lo + 0.1, hi - 0.1, _("Rate themselves higher"), "left"),
        (hi - 0.1, lo + 0.1, _("Rate themselves lower"), "right"),
    ):
        fig.add_annotation(
            x=x, y=y, text=text, showarrow=False, xanchor=anchor, font={"size": 12, "color": "#5F6368"}
        )
    fig = _layout(fig, title, N_("Manager's rating (mean)"), N_("Own rating (mean)"), height=560)
    # The legend goes under the plot: above it, its five entries wrap over the title on a phone.
    fig.update_layout(
        legend={**LEGEND, "yref": "paper", "y": -0.16, "yanchor": "top"}, margin={"t": 60, "b": 10}
    )
    if printed:
        fig.update_layout(width=700, height=760, template=REPORT_TEMPLATE)
    return fig


def _furthest(points: pd.DataFrame, n: int) -> pd.Index:
    """The index of the ``n`` points off the manager's view furthest from the diagonal."""
    off = points[points[gaps.CALIBRATION_SIDE] != gaps.IN_LINE]
    return off[gaps.MEAN_DIFFERENCE].abs().sort_values(ascending=False, kind="stable").head(n).index


# --- Trends ----------------------------------------------------------------------------------

# Paul Tol's muted palette: colour-blind safe, and none of it is a target colour (BELOW, AT),
# since a line is an area or skill, not a verdict on it.
TREND_COLOURS: Final = (
    "#332288",
    "#44AA99",
    "#CC6677",
    "#DDCC77",
    "#88CCEE",
    "#117733",
    "#882255",
    "#999933",
    "#AA4499",
)
TREND_MEASURES: Final = {
    gaps.MEAN_RATING: N_("Mean rating"),
    gaps.READINESS: N_("Share of ratings at target"),
}
# Room above and below the means on a rating axis, in levels, so no line sits on an edge.
_TREND_PAD: Final = 0.3


def trend_chart(
    trend: pd.DataFrame,
    rounds: Sequence[str],
    scale: Scale,
    title: str,
    measure: str = gaps.MEAN_RATING,
    printed: bool = False,
) -> go.Figure:
    """Mean rating (or readiness) per line over the rounds: a slope chart for two rounds, a line chart for more.

    ``trend`` has the columns of :attr:`analytics.views.trends.TrendsView.trend`: ``row`` (the
    line's name: an area or a skill), ``round``, ``mean_rating``, ``readiness``, ``n_people``
    and ``n_pairs``; lines come in the order of their first row, rounds in ``rounds``' order
    (time order). A round a line has nobody in is left as a gap. The rating axis spans the
    means with a little room, within the scale, so a change of a tenth of a level shows;
    readiness runs from 0 to 100%. Hover gives both figures and the n behind them.
    ``printed`` writes each point's value beside it, since paper has no hover.
    """
    if measure not in TREND_MEASURES:
        raise ValueError(f"Unknown measure {measure!r}: choose one of {tuple(TREND_MEASURES)}.")
    x_labels = escaped(rounds)
    position = {str(r): i for i, r in enumerate(rounds)}
    lines = list(pd.unique(trend[vw.ROW_LABEL].astype(object)))
    rating = measure == gaps.MEAN_RATING
    other = gaps.READINESS if rating else gaps.MEAN_RATING
    hover = (
        "<b>%{customdata[0]}</b>, %{x}<br>"
        + (
            _("Mean rating") + " %{y:.2f}<br>" + _("At target") + " %{customdata[1]:.0%}"
            if rating
            else _("At target") + " %{y:.0%}<br>" + _("Mean rating") + " %{customdata[1]:.2f}"
        )
        + "<br>"
        + _n_hover(2)
        + "<extra></extra>"
    )
    fig = go.Figure()
    for i, line in enumerate(lines):
        part = trend[(trend[vw.ROW_LABEL] == line).to_numpy(dtype=bool)]
        found = part[c.ROUND].astype(str).map(position)
        part, at = part[found.notna().to_numpy()], found.dropna().to_numpy(dtype=int)
        # Every round gets a point (NaN where nobody was rated), so a missing round is a gap.
        values = np.full(len(rounds), np.nan)
        values[at] = part[measure].to_numpy(dtype=float)
        others = np.full(len(rounds), np.nan)
        others[at] = part[other].to_numpy(dtype=float)
        n_text = np.full(len(rounds), _("nobody rated"), dtype=object)
        n_text[at] = _n_text(part[gaps.N_PEOPLE], part[gaps.N_PAIRS]).to_numpy()
        name = escaped([line])[0]
        colour = TREND_COLOURS[i % len(TREND_COLOURS)]
        text = None
        if printed:
            shown = pd.Series(values)
            text = (
                _formatted(shown, ".2f" if rating else ".0%")
                .map(localise_number, na_action="ignore")
                .fillna("")
                .astype(object)
                .tolist()
            )
        fig.add_trace(
            go.Scatter(
                x=x_labels,
                y=values,
                mode="lines+markers+text" if printed else "lines+markers",
                name=name,
                line={"color": colour, "width": 3},
                marker={"color": colour, "size": 10},
                text=text,
                textposition=_value_positions(len(rounds)) if printed else None,
                textfont={"size": 11, "color": colour},
                cliponaxis=False,
                connectgaps=False,
                customdata=_custom(
                    pd.Series([name] * len(rounds), dtype=object), pd.Series(others), pd.Series(n_text)
                ),
                hovertemplate=hover,
            )
        )
    fig.update_xaxes(
        type="category", categoryorder="array", categoryarray=x_labels, showgrid=False, zeroline=False
    )
    if rating:
        shown = trend[gaps.MEAN_RATING].dropna()
        low = float(shown.min()) if len(shown) else float(scale.min)
        high = float(shown.max()) if len(shown) else float(scale.max)
        fig.update_yaxes(
            range=[max(scale.min, low - _TREND_PAD), min(scale.max, high + _TREND_PAD)], tickformat=".1f"
        )
        y_title = _("Mean rating ({low} to {high})").format(low=f"{scale.min:g}", high=f"{scale.max:g}")
    else:
        fig.update_yaxes(range=[0, 1.05], tickformat=".0%")
        y_title = _(TREND_MEASURES[gaps.READINESS])
    # A little room either side, so the first and last rounds' points and labels are not cut.
    fig.update_xaxes(range=[-0.15, len(rounds) - 0.85])
    fig.update_layout(showlegend=True, hovermode="closest")
    fig = _layout(fig, title, N_("Survey round"), y_title, height=500)
    # The legend goes below the plot: on a phone its rows wrap downwards, never over the title.
    fig.update_layout(
        legend={**LEGEND, "yref": "paper", "yanchor": "top", "y": -0.2}, margin={"t": 60, "b": 20}
    )
    if printed:
        # Values sit left of the first round and right of the last: room for them on paper.
        fig.update_xaxes(range=[-0.4, len(rounds) - 0.6])
        fig.update_layout(template=REPORT_TEMPLATE)
    return fig


def _value_positions(n_rounds: int) -> list[str]:
    """Where a printed value sits beside its point: left of the first round, right of the last, above between."""
    if n_rounds == 1:
        return ["top center"]
    return ["middle left", *(["top center"] * (n_rounds - 2)), "middle right"]
