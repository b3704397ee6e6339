"""Standalone HTML report: a ``ReportView`` in, one self-contained UTF-8 page out.

The page carries plotly.js once, inline, so its interactive charts (the dashboard's own,
from :func:`analytics.charts.report_charts`) work offline and without a server, followed by
the same sections as the Excel report. Every piece of text that came from the upload is
escaped with :func:`html.escape`; table cells are formatted and escaped once per distinct
value. Long tables are cut at :data:`ROW_LIMIT` rows with a note that points to the Excel
or csv export.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from analytics import charts, i18n
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.formats import DASH, format_column, format_number, format_value
from analytics.views.report import ReportView

ROW_LIMIT: Final = 2_000
_CSS: Final = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{color:#1F3864;margin-bottom:4px}h2{color:#1F3864;border-bottom:2px solid #DDEBF7;padding-bottom:4px;margin-top:40px}
.muted{color:#595959}.note{color:#595959;font-style:italic;margin:4px 0 12px}.total{font-weight:600;margin:4px 0}
dl.about{display:grid;grid-template-columns:max-content auto;gap:4px 16px}dl.about dt{font-weight:600}dl.about dd{margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:12px}
.card .value{font-size:1.5em;font-weight:700;color:#1F3864}.card .label{color:#444}.card .hint{color:#777;font-size:.85em}
.scroll{overflow-x:auto;max-height:640px;overflow-y:auto;border:1px solid #ddd;background:#fff}
table{border-collapse:collapse;font-size:.9em;width:100%}
th{background:#DDEBF7;text-align:left;position:sticky;top:0;padding:6px;vertical-align:bottom}
td{padding:4px 6px;border-top:1px solid #eee;vertical-align:top}td.num{text-align:right;white-space:nowrap}
nav{display:flex;flex-wrap:wrap;gap:4px 12px}
.chart{max-width:100%;overflow:hidden;position:relative}.chart.narrow{display:none}
@media (max-width:640px){main{padding:12px}dl.about{grid-template-columns:1fr}dl.about dd{margin-bottom:6px}
h1{font-size:1.5em}.cards{grid-template-columns:1fr 1fr}.chart.wide{display:none}.chart.narrow{display:block}}
h1,h2,dd,.note{overflow-wrap:anywhere}
"""
_SECTIONS: Final = (
    ("summary", N_("Summary")),
    ("heatmap", N_("Heatmap")),
    ("gaps", N_("Gaps")),
    ("priorities", N_("Priorities")),
    ("training", N_("Training plan")),
    ("development", N_("Development plans")),
    ("validation", N_("Validation")),
)
_HISTORY: Final = (("trends", N_("Trends")), ("calibration", N_("Calibration")))
NOTHING: Final = N_("Nothing to show.")


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def write_html(data: ReportView) -> bytes:
    """The report as one HTML page with interactive Plotly charts, plotly.js inline once."""
    hidden = data.hidden_note if data.anonymised else DASH
    overview = data.overview
    area_chart, priority_chart, heatmap = _charts(data)
    titles = dict((*_SECTIONS, *_HISTORY))

    def section(key: str) -> str:
        return f'<h2 id="{key}">{e(_(titles[key]))}</h2>'

    nobody_in_plan = _("Nobody is in the plan.")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(i18n.current())}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(data.title)}</title>",
        f"<style>{_CSS}</style>",
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
        "</head><body><main>",
        f"<h1>{e(data.title)}</h1>",
        '<p class="muted">' + e(_("Generated {when}").format(when=data.generated)) + "</p>",
        "<nav>" + "".join(f'<a href="#{key}">{e(_(name))}</a>' for key, name in _sections(data)) + "</nav>",
        section("summary"),
        _about(data),
        _cards(data),
        area_chart,
        table_html(overview.areas, hidden),
        table_html(
            overview.top_priorities, hidden, _("Nobody is below target: there is nothing to prioritise.")
        ),
        table_html(overview.single_points, hidden, _("No single points of failure.")),
        section("heatmap"),
        f'<p class="note">{e(overview.grid.note)}</p>',
        heatmap or f"<p>{e(_(NOTHING))}</p>",
        section("gaps"),
        table_html(data.gaps, hidden, limit=ROW_LIMIT),
        section("priorities"),
        priority_chart,
        table_html(data.priorities.ranked, hidden),
        section("training"),
        *(f'<p class="total">{e(line)}</p>' for line in data.priorities.plan.totals),
        table_html(data.priorities.plan.table, hidden, _("Nobody is below target: no training is needed.")),
        table_html(data.priorities.plan.by_team, hidden, nobody_in_plan),
        table_html(data.priorities.plan.members, hidden, nobody_in_plan, limit=ROW_LIMIT),
        section("development"),
        table_html(data.development, hidden, _("Nobody is below target."), limit=ROW_LIMIT),
        *_history(data, hidden),
        section("validation"),
        table_html(data.validation, hidden, _("Nothing to report.")),
        "</main></body></html>",
    ]
    return "\n".join(parts).encode("utf-8")


def _charts(data: ReportView) -> tuple[str, str, str]:
    """The area chart, priority chart and heatmap as HTML, "" for each with nothing to show."""
    overview = data.overview
    frames = (overview.areas.frame, data.priorities.ranked.frame, overview.grid, data.scale)
    drawn = charts.report_charts(*frames)
    # A phone is shown the pages' phone variants instead (see _CSS): level names as numbers, the
    # heatmap's skills down the side, titles wrapped to fit.
    phone = charts.report_charts(*frames, narrow=True)
    keys = (charts.AREAS_CHART, charts.PRIORITIES_CHART, charts.HEATMAP_CHART)
    area, priority, heatmap = (
        _chart(drawn[key], "wide") + _chart(phone[key], "narrow") if key in drawn else "" for key in keys
    )
    return area, priority, heatmap


def _sections(data: ReportView) -> list[tuple[str, str]]:
    """Each section's anchor and English title, in page order."""
    trends, calibration = _HISTORY
    extra = [trends] if data.trend_tables else []
    extra += [calibration] if data.calibration_tables else []
    return [*_SECTIONS[:-1], *extra, _SECTIONS[-1]]


def _history(data: ReportView, hidden: str) -> list[str]:
    """The Trends and Calibration sections, each with its chart, where the data has them."""
    trends = data.trends
    drawn = charts.history_charts(
        data.trend_lines,
        trends.rounds if trends is not None else (),
        data.calibration_points,
        data.scale,
    )
    parts = []
    if data.trend_tables and trends is not None:
        parts += [
            '<h2 id="trends">' + e(_("Trends")) + "</h2>",
            _chart(drawn[charts.TREND_CHART]) if charts.TREND_CHART in drawn else "",
        ]
        parts += [table_html(table, hidden, limit=ROW_LIMIT) for _sheet, table in data.trend_tables]
        if trends.training is not None and trends.training.table is not None:
            parts.append(f'<p class="note">{e(trends.training.caution)}</p>')
    if data.calibration_tables:
        parts += ['<h2 id="calibration">' + e(_("Calibration")) + "</h2>"]
        parts += [_chart(drawn[charts.CALIBRATION_CHART])] if charts.CALIBRATION_CHART in drawn else []
        parts += [table_html(table, hidden, limit=ROW_LIMIT) for _sheet, table in data.calibration_tables]
    return parts


def _about(data: ReportView) -> str:
    body = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in data.about)
    return f'<dl class="about">{body}</dl>'


def _cards(data: ReportView) -> str:
    cards = []
    for figure in data.figures:
        shown = format_value(figure.value, figure.kind, data.missing_figure)
        hint = f'<div class="hint">{e(figure.help)}</div>' if figure.help else ""
        cards.append(
            f'<div class="card"><div class="value">{e(shown)}</div><div class="label">{e(figure.label)}</div>{hint}</div>'
        )
    return '<div class="cards">' + "".join(cards) + "</div>"


def _chart(fig: go.Figure, width: str = "") -> str:
    """``width`` "wide" or "narrow" shows it on a screen wider than a phone or on a phone only."""
    # In a box of the page's width: on a phone a label placed beside a bubble cannot widen the page.
    drawn = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config={"displaylogo": False, "responsive": True, "displayModeBar": False},
    )
    return f'<div class="chart {width}">{drawn}</div>'


def _cells(values: pd.Series, kind: str, missing: str) -> np.ndarray:
    """Escaped ``<td>`` cells, formatted and escaped once per distinct value."""
    text = format_column(values, kind, "" if kind == f.TEXT else missing)
    codes, uniques = pd.factorize(text)
    td = "<td>" if kind == f.TEXT else '<td class="num">'
    return np.array([f"{td}{e(u)}</td>" for u in uniques], dtype=object)[codes]


def table_html(
    table: f.Table, missing: str = DASH, empty: str | None = None, limit: int | None = None
) -> str:
    """A titled, scrollable HTML table; with ``limit``, longer tables are cut with a note.

    ``empty`` (in the session's language) stands in for the rows of an empty table."""
    frame = table.shown
    parts = [f"<h3>{e(table.title)}</h3>"]
    if table.note:
        parts.append(f'<p class="note">{e(table.note)}</p>')
    if frame.empty:
        parts.append(f"<p>{e(_(NOTHING) if empty is None else empty)}</p>")
        return "\n".join(parts)
    if limit is not None and len(frame) > limit:
        cut = _(
            "Showing the first {shown} of {rows} rows; the Excel report and the csv export have them all."
        ).format(shown=format_number(limit, f.COUNT), rows=format_number(len(frame), f.COUNT))
        parts.append(f'<p class="note">{e(cut)}</p>')
        frame = frame.head(limit)
    head = "".join(f"<th>{e(table.heading(name))}</th>" for name in table.columns)
    rows = _rows(frame, table.kinds, missing)
    parts.append(
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'
    )
    return "\n".join(parts)


def _rows(frame: pd.DataFrame, kinds: Sequence[str], missing: str) -> str:
    body: np.ndarray = np.full(len(frame), "<tr>", dtype=object)
    for at, kind in enumerate(kinds):
        body = body + _cells(frame.iloc[:, at], kind, missing)
    return "".join((body + "</tr>").tolist())
