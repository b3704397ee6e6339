"""Printable PDF report: a ``ReportView`` in, the bytes of an A4 portrait PDF out.

A manager prints it or attaches it to an e-mail: the summary (what, when, headline figures,
top priorities), the charts as images, the training plan and the single points of failure,
with page numbers in the footer. Tables break across pages and repeat their headings; their
columns are found by name in the view's tables. The dashboard's own charts, in their print
variants (:func:`analytics.charts.report_charts`), are drawn as PNG by kaleido
in a headless Chromium: one browser per report, started in a thread of its own with its
own event loop (so concurrent reports never share or stop each other's browser), closed
when the last chart is drawn. Nothing is fetched from the network: plotly.js comes from
the installed plotly package and MathJax is off.

Where no Chromium can be found, :func:`pdf_available` says so in one sentence and
:func:`write_pdf` raises :class:`ReportUnavailable` with that sentence; a chart that fails
to render raises the same error. Text is set in DejaVu Sans (Debian's fonts-dejavu-core)
so Indonesian and European names print as written; without it the PDF falls back to a
core font and replaces the characters that font cannot show. Text from the upload is only
ever drawn as plain text: no markdown, no HTML, no page-number alias it could trigger.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from analytics import charts, plans
from analytics import columns as c
from analytics import gaps as g
from analytics.i18n import N_, _
from analytics.progress import Progress
from analytics.reports import ReportUnavailable
from analytics.views import fields as f
from analytics.views import report as rv
from analytics.views.formats import DASH, format_column, format_number, format_value
from analytics.views.report import ReportView

CHROMIUM_NAMES: Final = ("chromium", "chromium-browser")
FONT_DIR: Final = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES: Final = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
CORE_FONT: Final = "helvetica"
# Chart images: CSS pixels across the page width (fonts print at about 8 pt), drawn at 2x.
CHART_WIDTH_PX: Final = 800
CHART_SCALE: Final = 2
CHART_TIMEOUT_S: Final = 60
REPORT_TIMEOUT_S: Final = 180
# Browsers drawing charts at once in this process; each one takes a few hundred MB.
MAX_BROWSERS: Final = 2
SPOF_ROW_LIMIT: Final = 200

# Why no PDF can be made, in English here (pdf_available and render_charts say it in the
# session's language).
NO_KALEIDO: Final = N_(
    "PDF needs the kaleido package: install the requirements (pip install -r requirements.txt)."
)
NO_CHROMIUM: Final = N_(
    "PDF needs Chromium to draw its charts: install Debian's chromium package (scripts/setup does this)."
)
BAD_BROWSER_PATH: Final = N_(
    "PDF needs Chromium, but BROWSER_PATH points to {path}, which is not a program: "
    "point it at Debian's chromium (/usr/bin/chromium) or unset it."
)
RENDER_FAILED: Final = N_(
    "PDF charts could not be drawn with the Chromium at {path} ({reason}): check that Debian's "
    "chromium package runs (scripts/setup installs it), or export the HTML report instead."
)
NOTHING: Final = N_("Nothing to show.")

# Stands for the page count until the PDF is closed. Control characters, which plain_text
# removes from every text, so nothing from the upload can turn into the page count; they
# encode in every font, and their width is reserved as two digits.
PAGES_ALIAS: Final = "\x01\x01"
_MARGIN: Final = 15.0
_DARK: Final = (31, 56, 100)
_GREY: Final = (89, 89, 89)
_HEAD_FILL: Final = (221, 235, 247)
_CARD_FILL: Final = (242, 246, 252)
_BROWSER_SLOTS = threading.BoundedSemaphore(MAX_BROWSERS)


def chromium_path() -> str | None:
    """The Chromium kaleido should drive: ``BROWSER_PATH`` when set, else Debian's chromium on PATH."""
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured:
        return configured if _is_program(configured) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_available() -> str | None:
    """None when a PDF can be made here, otherwise one plain sentence (in the session's language)
    saying why not and what to do."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return _(NO_KALEIDO)
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured and not _is_program(configured):
        return _(BAD_BROWSER_PATH).format(path=configured)
    return None if chromium_path() else _(NO_CHROMIUM)


def _is_program(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def chart_figures(data: ReportView) -> list[go.Figure]:
    """The report's charts in page order, print variants; a chart with nothing to show is left out."""
    overview = data.overview
    drawn = charts.report_charts(
        overview.areas.frame, data.priorities.ranked.frame, overview.grid, data.scale, printed=True
    )
    return list(drawn.values())


def history_figures(data: ReportView) -> dict[str, go.Figure]:
    """The Trends and Calibration charts (print variants), drawn on their own pages."""
    trends = data.trends
    drawn = charts.history_charts(
        data.trend_lines,
        trends.rounds if trends is not None else (),
        data.calibration_points,
        data.scale,
        printed=True,
    )
    return drawn


def render_charts(
    charts: Sequence[go.Figure], progress: Callable[[int, int], None] | None = None
) -> list[bytes]:
    """Each figure as PNG bytes, all drawn in one headless Chromium that is closed afterwards.

    ``progress`` hears (charts drawn, charts) on this thread as the drawing goes on. Raises
    :class:`ReportUnavailable` when there is no Chromium or it fails to draw.
    """
    if not charts:
        return []
    problem = pdf_available()
    if problem:
        raise ReportUnavailable(problem)
    path = chromium_path()
    specs = [_print_spec(fig) for fig in charts]
    try:
        with _BROWSER_SLOTS, ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-charts") as pool:
            # A thread of its own, so an event loop already running in the caller does not matter;
            # it counts the charts drawn, and this thread passes the count on (a page's progress
            # bar can only be moved from the page's own thread).
            drawn = [0]
            future = pool.submit(asyncio.run, _render(specs, str(path), drawn))
            while progress is not None and not future.done():
                progress(drawn[0], len(specs))
                wait([future], timeout=0.25)
            return future.result()
    except (Exception, asyncio.CancelledError) as exc:
        reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
        raise ReportUnavailable(_(RENDER_FAILED).format(path=path, reason=reason)) from exc


def _print_spec(fig: go.Figure) -> tuple[go.Figure, dict[str, Any]]:
    height = fig.layout.height or 420
    return fig, {"format": "png", "width": CHART_WIDTH_PX, "height": int(height), "scale": CHART_SCALE}


async def _render(
    specs: Sequence[tuple[go.Figure, dict[str, Any]]], path: str, drawn: list[int]
) -> list[bytes]:
    import kaleido

    async def draw_all() -> list[bytes]:
        # Sandbox off and GPU off are choreographer's defaults (we may run as root in a container);
        # it also passes --headless and --disable-dev-shm-usage. Said here so a new default cannot
        # silently change them. mathjax=False: kaleido would otherwise load MathJax from a CDN.
        async with kaleido.Kaleido(
            path=path,
            mathjax=False,
            timeout=CHART_TIMEOUT_S,
            headless=True,
            enable_sandbox=False,
            enable_gpu=False,
        ) as browser:
            images = []
            for fig, opts in specs:
                images.append(bytes(await browser.calc_fig(fig, opts=opts)))
                drawn[0] = len(images)
            return images

    return await asyncio.wait_for(draw_all(), REPORT_TIMEOUT_S)


class Document(FPDF):
    """A4 portrait pages with the report title on top of every page after the first and page numbers."""

    def __init__(self, title: str, footer: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.report_title = title
        self.footer_text = footer
        self.unicode = _add_fonts(self)
        self.font_name = "DejaVu" if self.unicode else CORE_FONT
        self.alias_nb_pages(PAGES_ALIAS)
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(auto=True, margin=_MARGIN + 3)
        self.set_title(self.plain(title))
        self.set_creator("Team Skills-Gap Dashboard")

    def plain(self, value: object) -> str:
        return plain_text(value, self.unicode)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(self.font_name, "", 8)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.plain(self.report_title), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-(_MARGIN - 2))
        self.set_font(self.font_name, "", 8)
        self.set_text_color(*_GREY)
        self.cell(0, 5, self.plain(self.footer_text), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, _("Page {page} of {pages}").format(page=self.page_no(), pages=PAGES_ALIAS), align="R")


def _add_fonts(pdf: FPDF) -> bool:
    """Register DejaVu Sans (True) or keep to the core fonts when it is missing or unreadable (False)."""
    regular = FONT_DIR / FONT_FILES[""]
    if not regular.is_file():
        return False
    try:
        for style, name in FONT_FILES.items():
            file = FONT_DIR / name
            pdf.add_font("DejaVu", style, str(file if file.is_file() else regular))
    except Exception:  # a broken font file must not stop the report
        return False
    return True


def plain_text(value: object, unicode: bool = True) -> str:
    """Text as it will be drawn: control characters become spaces; for core fonts, non-Latin-1
    letters lose their accents (``ł`` stays unreadable and becomes ``?``) instead of failing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = str(value)
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    if unicode or text.isascii():
        return text
    out = []
    for ch in text:
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b))
        out.append(base if base and all(ord(b) < 256 for b in base) else _CORE_SUBSTITUTES.get(ch, "?"))
    return "".join(out)


_CORE_SUBSTITUTES: Final = {"–": "-", "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "…": "...", "•": "*"}


def write_pdf(data: ReportView, progress: Progress | None = None) -> bytes:
    """The report as A4 portrait PDF bytes; raises :class:`ReportUnavailable` when it cannot be made.

    ``progress`` hears its steps (a share done and what is being done), on this thread.
    """
    step = progress or (lambda share, text: None)
    problem = pdf_available()
    if problem:
        raise ReportUnavailable(problem)
    step(0.05, _("Working out the figures"))
    # One Chromium draws every chart: the summary's, then the Trends and Calibration ones.
    main, extra = chart_figures(data), history_figures(data)
    drawing = _("Drawing chart {done} of {charts}")
    drawn = render_charts(
        [*main, *extra.values()],
        lambda done, charts: step(
            0.1 + 0.75 * done / charts, drawing.format(done=min(done + 1, charts), charts=charts)
        ),
    )
    step(0.9, _("Laying out the pages"))
    images, history_images = drawn[: len(main)], dict(zip(extra, drawn[len(main) :], strict=False))
    generated = data.generated
    footer = f"{data.title} · {generated}"
    if data.anonymised:
        footer += " · " + _("anonymised")
    pdf = Document(data.title, footer)
    pdf.add_page()
    _title(pdf, data, generated)
    _about(pdf, data)
    _headline(pdf, data)
    # Table cells are narrow: "hidden" there, explained once under the title.
    missing = _("hidden") if data.anonymised else DASH
    overview = data.overview
    section_heading(pdf, overview.top_priorities.title)
    no_priorities = _("Nobody is below target: nothing to prioritise.")
    if data.anonymised:
        no_priorities = _(
            "Nothing to show: nobody is below target, or each skill's group has fewer than "
            "{n} people and is hidden."
        ).format(n=data.min_group_size)
    _table(pdf, overview.top_priorities, _PRIORITY_COLUMNS, missing, no_priorities)
    if images:
        pdf.add_page()
        section_heading(pdf, _("Charts"))
        for image in images:
            _image(pdf, image)
    pdf.add_page()
    section_heading(pdf, data.priorities.plan.table.title)
    _training(pdf, data, missing)
    plan = data.priorities.plan
    if len(plan.table.frame):
        section_heading(pdf, plan.by_team.title)
        _table(pdf, plan.by_team, _TEAM_PLAN_COLUMNS, missing, _("Nobody is in the plan."))
        section_heading(pdf, plan.members.title)
        _table(pdf, plan.members, _MENTOR_COLUMNS, missing, "", limit=MENTOR_ROWS)
    section_heading(pdf, overview.single_points.title)
    _table(
        pdf,
        overview.single_points,
        _SPOF_COLUMNS,
        missing,
        _("No single points of failure."),
        limit=SPOF_ROW_LIMIT,
    )
    section_heading(pdf, overview.areas.title)
    _table(pdf, overview.areas, _AREA_COLUMNS, missing, _(NOTHING))
    _history(pdf, data, missing, history_images)
    return bytes(pdf.output())


def _history(pdf: Document, data: ReportView, missing: str, images: Mapping[str, bytes]) -> None:
    """The Trends and Calibration pages, where the data has them: group tables and their charts."""
    trends = data.trends
    if data.trend_tables and trends is not None:
        pdf.add_page()
        section_heading(pdf, _("Trends: {title}").format(title=trends.changes.title))
        changes = dict(data.trend_tables)[rv.TRENDS]
        _table(pdf, changes, _changes_columns(changes), missing, _(NOTHING))
        training = dict(data.trend_tables).get(rv.TRAINING_CHECK)
        if training is not None and trends.training is not None:
            section_heading(pdf, training.title)
            _table(pdf, training, _TRAINING_CHECK_COLUMNS, missing, _("No stored plan for these rounds."))
            note_line(pdf, trends.training.caution)
        if charts.TREND_CHART in images:
            _image(pdf, images[charts.TREND_CHART])
    if data.calibration_tables:
        pdf.add_page()
        tables = dict(data.calibration_tables)
        section_heading(pdf, _("Calibration: own rating against the manager's"))
        for sheet, first in ((rv.CALIBRATION_BY_AREA, f.AREA), (rv.CALIBRATION_BY_TEAM, c.TEAM)):
            table = tables[sheet]
            section_heading(pdf, table.title)
            _table(pdf, table, (_Column(first, 46), *_CALIBRATION_COLUMNS), missing, _(NOTHING))
        if charts.CALIBRATION_CHART in images:
            _image(pdf, images[charts.CALIBRATION_CHART])


def _changes_columns(table: f.Table) -> tuple[_Column, ...]:
    """The change table's columns: its row name, then nine narrow figures."""
    first, *figures = table.columns
    return (_Column(first, 36), *(_Column(name, 16) for name in figures))


def _title(pdf: Document, data: ReportView, generated: str) -> None:
    pdf.set_font(pdf.font_name, "B", 20)
    pdf.set_text_color(*_DARK)
    pdf.multi_cell(0, 9, pdf.plain(data.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 9)
    pdf.set_text_color(*_GREY)
    pdf.cell(0, 6, _("Generated {when}").format(when=generated), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _about(pdf: Document, data: ReportView) -> None:
    items = list(data.about)
    items.insert(
        2 + len(data.filters),
        (
            _("People, rated skills"),
            _("{people} people, {pairs} ratings (one per person and skill)").format(
                people=format_number(data.n_people, f.COUNT), pairs=format_number(data.n_pairs, f.COUNT)
            ),
        ),
    )
    pdf.set_font(pdf.font_name, "", 9)
    pdf.set_text_color(0, 0, 0)
    with pdf.table(
        col_widths=(40, 140),
        width=180,
        first_row_as_headings=False,
        borders_layout="NONE",
        text_align="LEFT",
        line_height=4.6,
        padding=(0.6, 1, 0.6, 0),
    ) as table:
        for key, value in items:
            row = table.row()
            row.cell(pdf.plain(key), style=FontFace(emphasis="BOLD"))
            row.cell(pdf.plain(value))
    pdf.ln(3)


def _headline(pdf: Document, data: ReportView) -> None:
    section_heading(pdf, _("Headline figures"))
    cards = [(_figure_value(figure, data), figure.label, figure.help) for figure in data.figures]
    per_row = 4
    value_style = FontFace(emphasis="BOLD", size_pt=12, color=_DARK, fill_color=_CARD_FILL)
    label_style = FontFace(size_pt=8, color=_GREY, fill_color=_CARD_FILL)
    help_style = FontFace(size_pt=6.5, color=_GREY, fill_color=_CARD_FILL)
    pdf.set_font(pdf.font_name, "", 9)
    with pdf.table(
        width=180,
        first_row_as_headings=False,
        borders_layout="NONE",
        text_align="LEFT",
        v_align="TOP",
        gutter_width=2,
        line_height=5,
        padding=(1.2, 2, 0.4, 2),
    ) as table:
        for start in range(0, len(cards), per_row):
            chunk = cards[start : start + per_row]
            chunk += [("", "", "")] * (per_row - len(chunk))
            values = table.row(style=value_style)
            for value, _label, _hint in chunk:
                values.cell(pdf.plain(value))
            labels = table.row(style=label_style)
            for _value, text, _hint in chunk:
                labels.cell(pdf.plain(text), padding=(0.2, 2, 0.4, 2))
            # What each figure is, in the words of the dashboard's help (the weakest area's shortfall).
            helps = table.row(style=help_style)
            for _value, _label, hint in chunk:
                helps.cell(pdf.plain(hint), padding=(0.2, 2, 2, 2))
            if start + per_row < len(cards):
                table.row(min_height=2)  # a gap between the two rows of cards
    pdf.ln(2)


def _figure_value(figure: f.Figure, data: ReportView) -> str:
    return format_value(figure.value, figure.kind, data.missing_figure)


def section_heading(pdf: Document, title: str) -> None:
    if pdf.will_page_break(25):
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(pdf.font_name, "B", 13)
    pdf.set_text_color(*_DARK)
    pdf.cell(0, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*_HEAD_FILL)
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(2)


def note_line(pdf: Document, text: str) -> None:
    pdf.set_font(pdf.font_name, "I", 8)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 4, pdf.plain(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


@dataclass(frozen=True)
class _Column:
    """A column of a printed table: which column of the view's table, how wide, and a shorter heading
    (in English, marked with ``N_``: translated where the table is drawn)."""

    name: str
    width: float
    heading: str = ""


_PRIORITY_COLUMNS: Final = (
    _Column(f.RANK, 11),
    _Column(f.SKILL, 43),
    _Column(f.AREA, 31),
    _Column(g.PRIORITY, 16),
    _Column(c.IMPORTANCE, 22),
    _Column(g.MEAN_SHORTFALL, 19),
    _Column(g.PEOPLE_AFFECTED, 19),
    _Column(g.N_PEOPLE, 19),
)
_SPOF_COLUMNS: Final = (
    _Column(c.TEAM, 40),
    _Column(f.SKILL, 44),
    _Column(f.AREA, 34),
    _Column(g.COVERED_BY, 44),
    _Column(g.N_PEOPLE, 18),
)
_TEAM_PLAN_COLUMNS: Final = (
    _Column(c.TEAM, 60),
    _Column(f.PEOPLE, 36),
    _Column(f.TOTAL_HOURS, 36),
    _Column(plans.TOTAL_COST, 48),
)
_MENTOR_COLUMNS: Final = (
    _Column(f.SKILL, 38),
    _Column(plans.LEARNER, 34),
    _Column(c.TEAM, 26),
    _Column(c.RATING, 14),
    _Column(plans.MENTOR, 34),
    _Column(plans.PAIRED, 34),
)
# Learners listed in the PDF; the Excel report and the csv list every one.
MENTOR_ROWS: Final = 2_000
_TRAINING_CHECK_COLUMNS: Final = (
    _Column(f.SKILL, 50),
    _Column(g.COHORT_PEOPLE, 24),
    _Column(g.COHORT_CHANGE, 26),
    _Column(g.OTHERS_PEOPLE, 24),
    _Column(g.OTHERS_CHANGE, 26),
    _Column(g.CHANGE_DIFFERENCE, 26),
)
_CALIBRATION_COLUMNS: Final = (
    _Column(g.N_PEOPLE, 22),
    _Column(g.N_PAIRS, 22),
    _Column(g.MEAN_SELF, 24),
    _Column(g.MEAN_MANAGER, 26),
    _Column(g.MEAN_DIFFERENCE, 26),
)
_AREA_COLUMNS: Final = (
    _Column(f.AREA, 38),
    _Column(g.N_PEOPLE, 17),
    _Column(g.N_PAIRS, 19),
    _Column(g.MEAN_RATING, 19),
    _Column(g.MEAN_TARGET, 19),
    _Column(g.MEAN_SHORTFALL, 22),
    _Column(g.READINESS, 22),
    _Column(g.PEOPLE_BELOW, 24),
)


def _cells(values: pd.Series, kind: str, missing: str, unicode: bool) -> list[str]:
    """Cell text of one column, formatted once per distinct value."""
    text = format_column(values, kind, "" if kind == f.TEXT else missing)
    codes, uniques = pd.factorize(text)
    return list(np.array([plain_text(u, unicode) for u in uniques], dtype=object)[codes])


def _table(
    pdf: Document,
    table: f.Table,
    columns: Sequence[_Column],
    missing: str,
    empty: str,
    limit: int | None = None,
) -> None:
    """A table with the given columns of ``table``; breaks across pages with its headings repeated."""
    frame = table.frame
    if table.note:
        note_line(pdf, table.note)
    pdf.set_text_color(0, 0, 0)
    if frame.empty:
        pdf.set_font(pdf.font_name, "", 9)
        pdf.multi_cell(0, 5, empty, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    if limit is not None and len(frame) > limit:
        note_line(
            pdf,
            _("Showing the first {shown} of {rows} rows; the Excel report has them all.").format(
                shown=format_number(limit, f.COUNT), rows=format_number(len(frame), f.COUNT)
            ),
        )
        frame = frame.head(limit)
    kinds = [table.kind(col.name) for col in columns]
    body = [
        _cells(frame[col.name], kind, missing, pdf.unicode) for col, kind in zip(columns, kinds, strict=True)
    ]
    draw_rows(
        pdf,
        [_heading(col, table) for col in columns],
        [col.width for col in columns],
        kinds,
        body,
    )


def _heading(column: _Column, table: f.Table) -> str:
    """A printed column's heading in the session's language: its own shorter one, else the table's."""
    return _(column.heading) if column.heading else table.heading(column.name)


def draw_rows(
    pdf: Document,
    headings: Sequence[str],
    widths: Sequence[float],
    kinds: Sequence[str],
    body: Sequence[Sequence[str]],
    details: Sequence[str] | None = None,
) -> None:
    """Draw columns of text; ``details`` adds a full-width line under each row."""
    align = tuple("LEFT" if kind == f.TEXT else "RIGHT" for kind in kinds)
    pdf.set_font(pdf.font_name, "", 8)
    heading_style = FontFace(emphasis="BOLD", size_pt=8, fill_color=_HEAD_FILL)
    detail_style = FontFace(size_pt=7, color=_GREY)
    with pdf.table(
        col_widths=tuple(widths),
        width=sum(widths),
        align="LEFT",
        text_align=align,
        v_align="TOP",
        headings_style=heading_style,
        borders_layout="HORIZONTAL_LINES",
        line_height=3.8,
        padding=(1, 1.2),
        repeat_headings=1,
    ) as drawn:
        head = drawn.row()
        for heading, text_align in zip(headings, align, strict=True):
            head.cell(heading, align=text_align, v_align="BOTTOM")
        for i in range(len(body[0])):
            row = drawn.row()
            detail = details[i] if details is not None else ""
            # The first cell spans the detail line too, which keeps the two on one page.
            row.cell(body[0][i], rowspan=2 if detail else 1)
            for column in body[1:]:
                row.cell(column[i])
            if detail:
                drawn.row(style=detail_style).cell(detail, colspan=len(headings) - 1, align="LEFT")
    pdf.ln(3)


_COHORT: Final = "cohort"
_ACTION: Final = "action"
_TRAINING_COLUMNS: Final = (
    (_Column(f.RANK, 11), f.COUNT),
    (_Column(f.SKILL, 36), f.TEXT),
    (_Column(g.PRIORITY, 15), f.SCORE),
    (_Column(_COHORT, 22, N_("Cohort (below target)")), f.TEXT),
    (_Column(_ACTION, 61, N_("Action")), f.TEXT),
    (_Column(plans.HOURS, 17), f.HOURS),
    (_Column(f.TOTAL_HOURS, 18), f.HOURS),
)


def _training(pdf: Document, data: ReportView, missing: str) -> None:
    """One row per planned skill (cohort size, action, hours, priority) and a line saying who is in the cohort."""
    plan = data.priorities.plan
    table, frame = plan.table, plan.table.frame
    if table.note:
        note_line(pdf, table.note)
    if frame.empty:
        pdf.set_font(pdf.font_name, "", 9)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(
            0, 5, _("Nobody is below target: no training is needed."), new_x="LMARGIN", new_y="NEXT"
        )
        return
    for line in plan.totals:
        note_line(pdf, line)
    below = frame[g.PEOPLE_AFFECTED].map(lambda n: format_value(n, f.COUNT, missing))
    rated = frame[g.N_PEOPLE].map(lambda n: format_value(n, f.COUNT, missing))
    fmt = frame[plans.FORMAT].fillna("").astype(str)
    action = frame[plans.TITLE].astype(str) + np.where(fmt != "", " (" + fmt + ")", "")
    cohort_of = _("{below} of {rated}")
    cohort = [cohort_of.format(below=b, rated=r) for b, r in zip(below, rated, strict=True)]
    shown = frame.assign(**{_COHORT: pd.Series(cohort, index=frame.index, dtype=object), _ACTION: action})
    unicode = pdf.unicode
    body = [_cells(shown[col.name], kind, missing, unicode) for col, kind in _TRAINING_COLUMNS]
    # The detail line's parts, translated once.
    teams_part, who_part, starts_part = _("Teams: {teams}"), _("Who: {who}"), _("Starts {start}")
    owner_part, cost_part, others_part = (
        _("Owner: {owner}"),
        _("Cost each: {cost} {currency}"),
        _("Other options: {others}"),
    )
    details = []
    for teams, who, start, owner, cost, others in zip(
        frame[f.TEAMS],
        frame[f.NAMES],
        frame[plans.START],
        frame[plans.OWNER],
        frame[plans.COST],
        frame[plans.ALTERNATIVES],
        strict=True,
    ):
        parts = [
            teams_part.format(teams=teams) if teams else "",
            who_part.format(who=who) if who else "",
            starts_part.format(start=start) if start else "",
            owner_part.format(owner=owner) if owner else "",
            cost_part.format(cost=format_number(cost, f.MONEY), currency=plan.currency)
            if pd.notna(cost)
            else "",
            others_part.format(others=others) if others else "",
        ]
        details.append(plain_text(" · ".join(p for p in parts if p), unicode))
    draw_rows(
        pdf,
        [_heading(col, table) for col, _kind in _TRAINING_COLUMNS],
        [col.width for col, _kind in _TRAINING_COLUMNS],
        [kind for _col, kind in _TRAINING_COLUMNS],
        body,
        details,
    )


def _image(pdf: Document, png: bytes) -> None:
    """A chart across the text width, on a new page when it does not fit in what is left of this one."""
    with Image.open(io.BytesIO(png)) as image:
        width_px, height_px = image.size
    width = pdf.w - pdf.l_margin - pdf.r_margin
    height = width * height_px / width_px
    room = pdf.h - pdf.b_margin - pdf.t_margin - 10
    if height > room:  # a tall heatmap: shrink to one page
        width, height = width * room / height, room
    if pdf.will_page_break(height + 4):
        pdf.add_page()
    x = pdf.l_margin + (pdf.w - pdf.l_margin - pdf.r_margin - width) / 2
    pdf.image(io.BytesIO(png), x=x, y=pdf.get_y(), w=width, h=height)
    pdf.set_y(pdf.get_y() + height + 4)
