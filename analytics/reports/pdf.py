"""Printable PDF report: ``ReportData`` in, the bytes of an A4 portrait PDF out.

A manager prints it or attaches it to an e-mail: the summary (what, when, headline figures,
top priorities), the charts as images, the training plan per skill and the single points
of failure, with page numbers in the footer. Tables break across pages and repeat their
headings. The Plotly charts of :mod:`analytics.reports.figures` are drawn as PNG by kaleido
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
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from analytics.reports import content as ct
from analytics.reports import figures
from analytics.reports.html import format_number

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
# Heatmaps with at most this many cells print each cell's value.
HEATMAP_VALUES_LIMIT: Final = 400

NO_KALEIDO: Final = (
    "PDF needs the kaleido package: install the requirements (pip install -r requirements.txt)."
)
NO_CHROMIUM: Final = (
    "PDF needs Chromium to draw its charts: install Debian's chromium package (scripts/setup does this)."
)
BAD_BROWSER_PATH: Final = (
    "PDF needs Chromium, but BROWSER_PATH points to {path}, which is not a program: "
    "point it at Debian's chromium (/usr/bin/chromium) or unset it."
)
RENDER_FAILED: Final = (
    "PDF charts could not be drawn with the Chromium at {path} ({reason}): check that Debian's "
    "chromium package runs (scripts/setup installs it), or export the HTML report instead."
)

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


class ReportUnavailable(RuntimeError):
    """A report that cannot be made here; ``str(error)`` is one sentence saying why and what to do."""


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
    """None when a PDF can be made here, otherwise one plain sentence saying why not and what to do."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return NO_KALEIDO
    configured = os.environ.get("BROWSER_PATH", "").strip()
    if configured and not _is_program(configured):
        return BAD_BROWSER_PATH.format(path=configured)
    return None if chromium_path() else NO_CHROMIUM


def _is_program(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def chart_figures(data: ct.ReportData) -> list[go.Figure]:
    """The report's charts, in page order; a chart with nothing to show (or everything hidden) is left out."""
    charts = []
    if data.areas.frame["Mean rating"].notna().any():
        charts.append(figures.area_chart(data))
    if len(data.priorities.frame):
        charts.append(figures.priority_chart(data))
    if data.heatmap.values.notna().to_numpy().any():
        charts.append(print_heatmap(figures.heatmap_chart(data)))
    return charts


def print_heatmap(fig: go.Figure) -> go.Figure:
    """The heatmap laid out for a portrait page: skills down the side when there are fewer groups
    than skills (no long rotated labels), and each cell's value printed where there is room."""
    trace = fig.data[0]
    z = np.asarray(trace.z, dtype=float)
    rows, cols = z.shape
    if rows < cols:
        fig.update_traces(x=trace.y, y=trace.x, z=z.T)
        fig.update_layout(xaxis={"tickangle": -30 if rows > 6 else 0, "side": "top"})
        rows, cols = cols, rows
    if rows * cols <= HEATMAP_VALUES_LIMIT:
        fig.update_traces(texttemplate="%{z:.1f}", textfont={"size": 10})
    fig.update_layout(height=max(320, 170 + 22 * rows), margin={"t": 130 if cols > 6 else 90})
    return fig


def render_charts(charts: Sequence[go.Figure]) -> list[bytes]:
    """Each figure as PNG bytes, all drawn in one headless Chromium that is closed afterwards.

    Raises :class:`ReportUnavailable` when there is no Chromium or it fails to draw.
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
            # A thread of its own, so an event loop already running in the caller does not matter.
            return pool.submit(asyncio.run, _render(specs, str(path))).result()
    except (Exception, asyncio.CancelledError) as exc:
        reason = "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__
        raise ReportUnavailable(RENDER_FAILED.format(path=path, reason=reason)) from exc


def _print_spec(fig: go.Figure) -> tuple[go.Figure, dict[str, Any]]:
    height = fig.layout.height or 420
    return fig, {"format": "png", "width": CHART_WIDTH_PX, "height": int(height), "scale": CHART_SCALE}


async def _render(specs: Sequence[tuple[go.Figure, dict[str, Any]]], path: str) -> list[bytes]:
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
            return [bytes(await browser.calc_fig(fig, opts=opts)) for fig, opts in specs]

    return await asyncio.wait_for(draw_all(), REPORT_TIMEOUT_S)


@dataclass(frozen=True)
class _Column:
    heading: str
    width: float
    kind: str
    source: str = ""  # the column of the content table, when its heading is too long for a page

    @property
    def column(self) -> str:
        return self.source or self.heading


class _Document(FPDF):
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
        self.cell(0, 5, f"Page {self.page_no()} of {PAGES_ALIAS}", align="R")


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


def write_pdf(data: ct.ReportData) -> bytes:
    """The report as A4 portrait PDF bytes; raises :class:`ReportUnavailable` when it cannot be made."""
    problem = pdf_available()
    if problem:
        raise ReportUnavailable(problem)
    images = render_charts(chart_figures(data))
    generated = data.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()
    footer = f"{data.title} · {generated}"
    if data.anonymised:
        footer += " · anonymised"
    pdf = _Document(data.title, footer)
    pdf.add_page()
    _title(pdf, data, generated)
    _about(pdf, data)
    _headline(pdf, data)
    # Table cells are narrow: "hidden" there, explained once under the title.
    missing = "hidden" if data.anonymised else "–"
    _section(pdf, "Top priorities")
    no_priorities = "Nobody is below target: nothing to prioritise."
    if data.anonymised:
        no_priorities = (
            f"Nothing to show: nobody is below target, or each skill's group has fewer than "
            f"{data.min_group_size} people and is hidden."
        )
    _table(pdf, data.priorities, _PRIORITY_COLUMNS, missing, no_priorities)
    if images:
        pdf.add_page()
        _section(pdf, "Charts")
        for image in images:
            _image(pdf, image)
    pdf.add_page()
    _section(pdf, "Training plan")
    _training(pdf, data.training, missing)
    _section(pdf, "Single points of failure")
    _table(
        pdf,
        data.single_points,
        _SPOF_COLUMNS,
        missing,
        "No single points of failure.",
        limit=SPOF_ROW_LIMIT,
    )
    _section(pdf, "Mean rating against target per area")
    _table(pdf, data.areas, _AREA_COLUMNS, missing, "Nothing to show.")
    return bytes(pdf.output())


def _title(pdf: _Document, data: ct.ReportData, generated: str) -> None:
    pdf.set_font(pdf.font_name, "B", 20)
    pdf.set_text_color(*_DARK)
    pdf.multi_cell(0, 9, pdf.plain(data.title), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 9)
    pdf.set_text_color(*_GREY)
    pdf.cell(0, 6, f"Generated {generated}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _about(pdf: _Document, data: ct.ReportData) -> None:
    items = [("Framework", data.framework_name), ("Ratings used", data.source_label)]
    items += [(f"Filter: {k}", v) for k, v in data.filters] or [("Filters", "None: everybody")]
    items.append(
        ("People, rated skills", f"{data.n_people:,} people, {data.n_pairs:,} rated (person, skill) pairs")
    )
    if data.anonymised:
        items.append(
            (
                "Anonymised",
                f"Yes: names are pseudonyms; teams under {data.min_group_size} people are merged and "
                f"group figures over fewer than {data.min_group_size} people are hidden.",
            )
        )
    if data.round_note:
        items.append(("Rounds", data.round_note))
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


def _headline(pdf: _Document, data: ct.ReportData) -> None:
    _section(pdf, "Headline figures")
    cards = [(_figure_value(f, data), f.label) for f in data.headline]
    per_row = 4
    value_style = FontFace(emphasis="BOLD", size_pt=12, color=_DARK, fill_color=_CARD_FILL)
    label_style = FontFace(size_pt=8, color=_GREY, fill_color=_CARD_FILL)
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
            chunk += [("", "")] * (per_row - len(chunk))
            values = table.row(style=value_style)
            for value, _ in chunk:
                values.cell(pdf.plain(value))
            labels = table.row(style=label_style)
            for _, text in chunk:
                labels.cell(pdf.plain(text), padding=(0.2, 2, 2, 2))
            if start + per_row < len(cards):
                table.row(min_height=2)  # a gap between the two rows of cards
    pdf.ln(2)


def _figure_value(figure: ct.Figure, data: ct.ReportData) -> str:
    if figure.value is None:
        return data.hidden_note if data.anonymised else "not available"
    if figure.kind == ct.TEXT:
        return str(figure.value)
    return format_number(float(figure.value), figure.kind)


def _section(pdf: _Document, title: str) -> None:
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


def _note(pdf: _Document, text: str) -> None:
    pdf.set_font(pdf.font_name, "I", 8)
    pdf.set_text_color(*_GREY)
    pdf.multi_cell(0, 4, pdf.plain(text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


_PRIORITY_COLUMNS: Final = (
    _Column("Rank", 11, ct.COUNT),
    _Column("Skill", 43, ct.TEXT),
    _Column("Area", 31, ct.TEXT),
    _Column("Priority", 16, ct.SCORE),
    _Column("Importance", 22, ct.SCORE, "Mean importance"),
    _Column("Mean shortfall", 19, ct.SCORE),
    _Column("People below target", 19, ct.COUNT),
    _Column("People rated", 19, ct.COUNT),
)
_SPOF_COLUMNS: Final = (
    _Column("Team", 34, ct.TEXT),
    _Column("Skill", 42, ct.TEXT),
    _Column("Area", 30, ct.TEXT),
    _Column("People rated", 18, ct.COUNT),
    _Column("People at target", 18, ct.COUNT),
    _Column("Covered by", 38, ct.TEXT),
)
_AREA_COLUMNS: Final = (
    _Column("Area", 38, ct.TEXT),
    _Column("People", 17, ct.COUNT),
    _Column("Rated skills", 19, ct.COUNT),
    _Column("Mean rating", 19, ct.SCORE),
    _Column("Mean target", 19, ct.SCORE),
    _Column("Mean shortfall", 22, ct.SCORE),
    _Column("At target", 22, ct.PERCENT),
    _Column("People below target", 24, ct.COUNT),
)


def _cells(values: pd.Series, kind: str, missing: str, unicode: bool) -> list[str]:
    """Cell text of one column, formatted once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if kind == ct.TEXT:
        shown = [plain_text(u, unicode) for u in uniques]
        blank = ""
    else:
        shown = [format_number(float(u), kind) for u in uniques]
        blank = plain_text(missing, unicode)
    return list(np.array([*shown, blank], dtype=object)[codes])


def _table(
    pdf: _Document,
    table: ct.Table,
    columns: Sequence[_Column],
    missing: str,
    empty: str,
    limit: int | None = None,
) -> None:
    """A table with the given columns of ``table``; breaks across pages with its headings repeated."""
    frame = table.frame
    if table.note:
        _note(pdf, table.note)
    pdf.set_text_color(0, 0, 0)
    if frame.empty:
        pdf.set_font(pdf.font_name, "", 9)
        pdf.multi_cell(0, 5, empty, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        return
    if limit is not None and len(frame) > limit:
        _note(pdf, f"Showing the first {limit:,} of {len(frame):,} rows; the Excel report has them all.")
        frame = frame.head(limit)
    body = [_cells(frame[col.column], col.kind, missing, pdf.unicode) for col in columns]
    _draw(
        pdf,
        [col.heading for col in columns],
        [col.width for col in columns],
        [col.kind for col in columns],
        body,
    )


def _draw(
    pdf: _Document,
    headings: Sequence[str],
    widths: Sequence[float],
    kinds: Sequence[str],
    body: Sequence[Sequence[str]],
    details: Sequence[str] | None = None,
) -> None:
    """Draw columns of text; ``details`` adds a full-width line under each row."""
    align = tuple("LEFT" if kind == ct.TEXT else "RIGHT" for kind in kinds)
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
    ) as table:
        head = table.row()
        for heading, text_align in zip(headings, align, strict=True):
            head.cell(heading, align=text_align, v_align="BOTTOM")
        for i in range(len(body[0])):
            row = table.row()
            detail = details[i] if details is not None else ""
            # The first cell spans the detail line too, which keeps the two on one page.
            row.cell(body[0][i], rowspan=2 if detail else 1)
            for column in body[1:]:
                row.cell(column[i])
            if detail:
                table.row(style=detail_style).cell(detail, colspan=len(headings) - 1, align="LEFT")
    pdf.ln(3)


_TRAINING_COLUMNS: Final = (
    _Column("Rank", 11, ct.COUNT),
    _Column("Skill", 36, ct.TEXT),
    _Column("Priority", 15, ct.SCORE),
    _Column("Cohort (below target)", 22, ct.TEXT),
    _Column("Suggested action", 61, ct.TEXT),
    _Column("Hours each", 17, ct.HOURS, "Hours per person"),
    _Column("Total hours", 18, ct.HOURS),
)


def _training(pdf: _Document, table: ct.Table, missing: str) -> None:
    """One row per skill (cohort size, action, hours, priority) and a line saying who is in the cohort."""
    frame = table.frame
    if table.note:
        _note(pdf, table.note)
    if frame.empty:
        pdf.set_font(pdf.font_name, "", 9)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(0, 5, "Nobody is below target: no training is needed.", new_x="LMARGIN", new_y="NEXT")
        return
    total = frame["Total hours"].sum(min_count=1)
    if pd.notna(total):
        _note(pdf, f"Total: {format_number(float(total), ct.HOURS)} learning hours over {len(frame)} skills.")
    below = frame["People below target"].map(lambda n: f"{n:,.0f}")
    rated = frame["People rated"].map(lambda n: f"{n:,.0f}")
    fmt = frame["Format"].fillna("").astype(str)
    action = frame["Suggested action"].astype(str) + np.where(fmt != "", " (" + fmt + ")", "")
    shown = frame.assign(**{"Cohort (below target)": below + " of " + rated, "Suggested action": action})
    unicode = pdf.unicode
    body = [_cells(shown[col.column], col.kind, missing, unicode) for col in _TRAINING_COLUMNS]
    details = []
    for teams, who, others in zip(frame["Teams"], frame["Who"], frame["Other options"], strict=True):
        parts = [
            f"Teams: {teams}" if teams else "",
            f"Who: {who}" if who else "",
            f"Other options: {others}" if others else "",
        ]
        details.append(plain_text(" · ".join(p for p in parts if p), unicode))
    _draw(
        pdf,
        [col.heading for col in _TRAINING_COLUMNS],
        [col.width for col in _TRAINING_COLUMNS],
        [col.kind for col in _TRAINING_COLUMNS],
        body,
        details,
    )


def _image(pdf: _Document, png: bytes) -> None:
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
