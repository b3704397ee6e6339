"""Excel gap report: a ``ReportView`` in, the bytes of a formatted .xlsx workbook out.

Sheets: Summary (what, when, the headline figures, the area table with a native Excel
chart, top priorities, single points of failure: the Overview page), Heatmap (group x skill
mean shortfall with a colour scale and frozen headings), Gaps (an Excel table with
filters), Priorities (every skill ranked), Training plan, Plan per team and Mentors (every
person of every cohort with their mentor: the Priorities page),
Development plans (the People page, for everyone) and Validation (the Data page). Columns
are found by their names in the view's tables; headings and number formats come with them.

The workbook is written with XlsxWriter, which keeps text as text (``strings_to_formulas``
off and ``write_string`` only) and makes native charts, tables and conditional formats.
Large table bodies do not go through XlsxWriter cell by cell: :class:`_BulkSheet` pastes
their ``<row>`` XML, built column-wise with vectorised string operations on the distinct
values, into the sheet where XlsxWriter writes its rows. That is what lets a 20,000-person
report take less time than pandas writing the bare rating matrix. Every text cell is an
inline string, never a formula; upload text that starts like a formula also gets Excel's
quote prefix, so editing the cell cannot turn it into one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_range
from xlsxwriter.worksheet import Worksheet

from analytics import columns as c
from analytics import gaps as g
from analytics import plans
from analytics.charts import AT, BELOW, SHORTFALL_SCALE, SHORTFALL_ZMAX, TARGET
from analytics.i18n import N_, _
from analytics.safety import formula_like, is_formula_like
from analytics.views import data as dv
from analytics.views import fields as f
from analytics.views.formats import excel_format, numbers_for_format
from analytics.views.report import ReportView

# The sheets by their English names; each is named in the report's language (see sheet_names).
SHEETS: Final = (
    N_("Summary"),
    N_("Heatmap"),
    N_("Gaps"),
    N_("Priorities"),
    N_("Training plan"),
    N_("Plan per team"),
    N_("Mentors"),
    N_("Development plans"),
    N_("Validation"),
)
NOTHING: Final = N_("Nothing to show.")
WIDE_COLUMNS: Final = {
    f.NAMES: 60,
    plans.ALTERNATIVES: 60,
    dv.MESSAGE: 70,
    dv.ACTION: 50,
    plans.TITLE: 40,
    plans.LEARNER: 24,
    plans.MENTOR: 24,
    plans.PAIRED: 22,
    plans.OWNER: 20,
    f.TEAMS: 30,
    c.NAME: 24,
    c.RESPONDENT_ID: 28,
    c.TEAM: 20,
    f.ROLE_NAME: 26,
    f.SKILL: 28,
    f.AREA: 20,
    g.COVERED_BY: 24,
}
WRAPPED: Final = frozenset({f.NAMES, plans.ALTERNATIVES, dv.MESSAGE, dv.ACTION, f.TEAMS})
_XML_ILLEGAL: Final = r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_TABLE_STYLE: Final = "Table Style Light 9"
# What Excel does not allow in a sheet's name (which holds at most 31 characters).
_SHEET_ILLEGAL: Final = re.compile(r"[\[\]:*?/\\]")
_SHEET_LENGTH: Final = 31


class _BulkSheet(Worksheet):
    """A worksheet that appends pre-built ``<row>`` XML after the rows XlsxWriter wrote itself.

    Uses two XlsxWriter internals (``_write_rows`` and ``_check_dimensions``); the tests
    read every workbook back, so a change there shows up as a failing test, not a bad file.
    """

    def __init__(self) -> None:
        super().__init__()
        self._bulk: list[str] = []
        self._bulk_first: int | None = None

    def add_rows_xml(self, xml: str, first_row: int, last_row: int, last_col: int) -> None:
        """Append rows ``first_row`` to ``last_row`` (0-based), which no written cell may overlap."""
        if any(row >= first_row for row in self.table if self.table[row]):
            raise ValueError("bulk rows must come below every cell written through XlsxWriter")
        if self._bulk_first is None:
            self._bulk_first = first_row
        self._bulk.append(xml)
        self._check_dimensions(last_row, last_col)

    def add_long_table(self, first_row: int, last_row: int, last_col: int, options: dict[str, Any]) -> None:
        """``add_table`` over rows ``first_row`` (headings) to ``last_row`` from column A.

        XlsxWriter's ``add_table`` records every cell of the range to check overlaps, about a
        microsecond a cell; the table is made over its first data row and then widened.
        """
        self.add_table(first_row, 0, min(first_row + 1, last_row), last_col, options)
        table: dict[str, Any] = self.__dict__["tables"][-1]
        full = xl_range(first_row, 0, last_row, last_col)
        table["range"] = table["a_range"] = full
        if table.get("autofilter"):
            table["autofilter"] = full

    def _write_rows(self) -> None:
        if self._bulk_first is None:
            super()._write_rows()
            return
        # XlsxWriter walks every row up to dim_rowmax; let it walk only up to its own rows.
        # Through vars(): XlsxWriter's dim_* attributes are untyped (None until the first cell).
        state: dict[str, Any] = self.__dict__
        bulk_rowmax = state["dim_rowmax"]
        own_rowmax = self._bulk_first - 1
        state["dim_rowmax"] = own_rowmax
        if state["dim_rowmin"] is not None and state["dim_rowmin"] <= own_rowmax:
            super()._write_rows()
        state["dim_rowmax"] = bulk_rowmax
        for xml in self._bulk:
            self.fh.write(xml)


class _Styles:
    """The workbook's formats, created once each; number formats on first use, by their Excel code."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.font = {"font_name": "Calibri", "font_size": 11}
        font = self.font
        self.title = book.add_format({**font, "bold": True, "font_size": 16, "font_color": "#1F3864"})
        self.subtitle = book.add_format({**font, "bold": True, "font_size": 12, "font_color": "#1F3864"})
        self.note = book.add_format({**font, "italic": True, "font_color": "#595959"})
        self.label = book.add_format({**font, "bold": True})
        self.header = book.add_format(
            {**font, "bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.area_header = book.add_format(
            {**font, "bold": True, "bg_color": "#BDD7EE", "align": "center", "border": 1}
        )
        self.text = book.add_format({**font})
        self.quoted = book.add_format({**font, "quote_prefix": True})
        self.wrapped = book.add_format({**font, "text_wrap": True, "valign": "top"})
        self.wrapped_quoted = book.add_format(
            {**font, "text_wrap": True, "valign": "top", "quote_prefix": True}
        )
        self.big_text = book.add_format({**font, "bold": True, "font_size": 13})
        self._numbers: dict[tuple[str, bool], Format] = {}
        # The names of the workbook's Excel tables so far (lower case), which must all differ.
        self.tables: set[str] = set()

    def number(self, code: str, big: bool = False) -> Format:
        """The format of numbers shown with Excel's ``code``, in headline size when ``big``."""
        if (code, big) not in self._numbers:
            extra = {"bold": True, "font_size": 13, "align": "left"} if big else {}
            self._numbers[code, big] = self.book.add_format({**self.font, "num_format": code, **extra})
        return self._numbers[code, big]

    @staticmethod
    def index(fmt: Format) -> int:
        # Assigning the XF index now is what XlsxWriter does on a format's first use.
        return int(fmt._get_xf_index())


def write_xlsx(data: ReportView) -> bytes:
    """The report as an .xlsx workbook (see the module docstring for its sheets)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": False,
        },
    )
    book.set_properties(
        {
            "title": data.title,
            "subject": _("Team skills-gap report"),
            "comments": _("Framework: {framework}. Generated {when}.").format(
                framework=data.framework_name, when=data.generated
            ),
        }
    )
    styles = _Styles(book)
    # The Trends and Calibration sheets, where the data has them, come before Validation.
    history = (*data.trend_tables, *data.calibration_tables)
    keys = (*SHEETS[:-1], *(sheet for sheet, _table in history), SHEETS[-1])
    # Sheets are found by their English names and named in the report's language.
    sheets: dict[str, _BulkSheet] = {
        key: book.add_worksheet(name, worksheet_class=_BulkSheet)
        for key, name in zip(keys, sheet_names(keys), strict=True)
    }
    _summary(book, sheets["Summary"], data, styles)
    _heatmap(sheets["Heatmap"], data, styles)
    # The wide Gaps table ends with one shortfall column per skill.
    first_skill = len(data.gaps.columns) - len(data.names.skill_order)
    _table_sheet(sheets["Gaps"], data.gaps, styles, colour_from=first_skill if data.gaps_wide else None)
    _table_sheet(sheets["Priorities"], data.priorities.ranked, styles, hidden=_hidden(data))
    plan = data.priorities.plan
    _table_sheet(sheets["Training plan"], plan.table, styles, hidden=_hidden(data), totals=plan.totals)
    _table_sheet(sheets["Plan per team"], plan.by_team, styles, hidden=_hidden(data))
    _table_sheet(sheets["Mentors"], plan.members, styles)
    _table_sheet(sheets["Development plans"], data.development, styles)
    for sheet, table in history:
        _table_sheet(sheets[sheet], table, styles, hidden=_hidden(data))
    _table_sheet(sheets["Validation"], data.validation, styles)
    sheets["Summary"].activate()
    book.close()
    return buffer.getvalue()


def sheet_names(keys: Sequence[str]) -> list[str]:
    """Each sheet's name in the session's language, as Excel allows it: at most 31 characters,
    none of ``[]:*?/\\``, no quote at either end, every name different whatever its case (a
    translation that cannot be made so keeps the English name)."""
    names: list[str] = []
    for key in keys:
        name = _SHEET_ILLEGAL.sub(" ", _(key)).strip().strip("'").strip()[:_SHEET_LENGTH].strip()
        if not name or name.lower() in {n.lower() for n in names}:
            name = key
        names.append(name)
    return names


def _hidden(data: ReportView) -> str:
    return data.hidden_note if data.anonymised else ""


def _put_text(
    ws: Worksheet, row: int, col: int, value: object, styles: _Styles, fmt: Format | None = None
) -> None:
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    if is_formula_like(text):
        fmt = styles.wrapped_quoted if fmt is styles.wrapped else styles.quoted
    ws.write_string(row, col, text, fmt or styles.text)


def _small_table(
    ws: Worksheet,
    row: int,
    table: f.Table,
    styles: _Styles,
    hidden: str = "",
    empty: str | None = None,
) -> int:
    """Title, note, header and rows through XlsxWriter; returns the next free row.

    ``empty`` (in the session's language) stands in for the rows of an empty table."""
    ws.write_string(row, 0, table.title, styles.subtitle)
    row += 1
    if table.note:
        ws.write_string(row, 0, table.note, styles.note)
        row += 1
    for col, name in enumerate(table.columns):
        ws.write_string(row, col, table.heading(name), styles.header)
    row += 1
    if not len(table):
        ws.write_string(row, 0, _(NOTHING) if empty is None else empty, styles.note)
        return row + 2
    for col, name in enumerate(table.columns):
        kind, values = table.kind(name), table.frame[name]
        number = styles.number(excel_format(kind, values))
        stored = (
            numbers_for_format(values.to_numpy(dtype=float, na_value=np.nan), kind)
            if kind != f.TEXT
            else values
        )
        for at, value in enumerate(stored.tolist()):
            if kind == f.TEXT:
                _put_text(ws, row + at, col, value, styles)
            elif value is None or pd.isna(value):
                if hidden:
                    ws.write_string(row + at, col, hidden, styles.note)
            else:
                ws.write_number(row + at, col, float(value), number)
    return row + len(table) + 1


def _summary(book: xlsxwriter.Workbook, ws: _BulkSheet, data: ReportView, styles: _Styles) -> None:
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 22)
    ws.set_column(3, 8, 14)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, data.title, styles.title)
    ws.write_string(1, 0, _("Generated {when}").format(when=data.generated), styles.note)
    row = 3
    for label, value in data.about:
        ws.write_string(row, 0, label, styles.label)
        _put_text(ws, row, 1, value, styles)
        row += 1
    row += 1
    ws.write_string(row, 0, _("Headline figures"), styles.subtitle)
    row += 1
    for figure in data.figures:
        ws.write_string(row, 0, figure.label, styles.label)
        if figure.value is None:
            ws.write_string(row, 1, data.missing_figure, styles.note)
        elif figure.kind == f.TEXT:
            _put_text(ws, row, 1, figure.value, styles, styles.big_text)
        else:
            code = excel_format(figure.kind, pd.Series([figure.value]))
            stored = float(numbers_for_format(np.array([figure.value]), figure.kind)[0])
            ws.write_number(row, 1, stored, styles.number(code, big=True))
        if figure.help:
            ws.write_string(row, 2, figure.help, styles.note)
        row += 1
    row += 1
    area_top = row
    row = _small_table(ws, row, data.overview.areas, styles, _hidden(data))
    _area_chart(book, ws, data, area_top)
    row = max(row, area_top + 22)
    row = _small_table(
        ws,
        row,
        data.overview.top_priorities,
        styles,
        _hidden(data),
        _("Nobody is below target: there is nothing to prioritise."),
    )
    _small_table(ws, row, data.overview.single_points, styles, empty=_("No single points of failure."))


def _area_chart(book: xlsxwriter.Workbook, ws: Worksheet, data: ReportView, area_top: int) -> None:
    table = data.overview.areas
    n = len(table)
    if not n:
        return
    header = area_top + (2 if table.note else 1)
    first, last = header + 1, header + n
    columns = list(table.columns)
    chart = book.add_chart({"type": "column"})
    sheet = ws.name  # the Summary sheet, by its name in the report's language
    categories = [sheet, first, 0, last, 0]
    below = table.frame[g.MEAN_RATING].to_numpy(dtype=float) < table.frame[g.MEAN_TARGET].to_numpy(
        dtype=float
    )
    # The dashboard's palette: each area's rating bar below or at target, the target bar as the target mark.
    rating_points = [{"fill": {"color": BELOW if b else AT}} for b in below]
    for name, colour, points in ((g.MEAN_RATING, AT, rating_points), (g.MEAN_TARGET, TARGET, None)):
        col = columns.index(name)
        series: dict[str, object] = {
            "name": [sheet, header, col],
            "categories": categories,
            "values": [sheet, first, col, last, col],
            "fill": {"color": colour},
            "data_labels": {"value": True, "num_format": "0.0"},
        }
        if points:
            series["points"] = points
        chart.add_series(series)
    chart.set_title({"name": table.title})
    chart.set_y_axis(
        {
            "min": data.scale.min - 1 if data.scale.min > 0 else 0,
            "max": data.scale.max,
            "major_gridlines": {"visible": True},
        }
    )
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 340})
    ws.insert_chart(area_top, 10, chart)


def _heatmap(ws: _BulkSheet, data: ReportView, styles: _Styles) -> None:
    grid = data.overview.grid
    title = (
        _("Mean shortfall per person and skill") if grid.by_person else _("Mean shortfall per team and skill")
    )
    ws.write_string(0, 0, title, styles.title)
    ws.write_string(1, 0, grid.note, styles.note)
    top = 3
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 9)
    ws.set_column(2, 1 + max(len(grid.skills), 1), 12)
    ws.set_row(top + 1, 60)
    ws.write_string(top, 0, "", styles.area_header)
    ws.write_string(top, 1, "", styles.area_header)
    start = 0
    areas = list(grid.areas)
    while start < len(areas):
        end = start
        while end + 1 < len(areas) and areas[end + 1] == areas[start]:
            end += 1
        if end > start:
            ws.merge_range(top, 2 + start, top, 2 + end, areas[start], styles.area_header)
        else:
            ws.write_string(top, 2 + start, areas[start], styles.area_header)
        start = end + 1
    ws.write_string(top + 1, 0, grid.row_title, styles.header)
    ws.write_string(top + 1, 1, _("People"), styles.header)
    for col, skill in enumerate(grid.skills):
        ws.write_string(top + 1, 2 + col, skill, styles.header)
    ws.freeze_panes(top + 2, 2)
    if not grid.rows:
        ws.write_string(top + 2, 0, _("Nothing to show: no rated skills."), styles.note)
        return
    values = grid.wide().to_numpy(dtype=float)
    score = styles.number(excel_format(f.SCORE))
    count = styles.number(excel_format(f.COUNT))
    for i, (group, people) in enumerate(zip(grid.rows, grid.people, strict=True)):
        row = top + 2 + i
        _put_text(ws, row, 0, group, styles)
        ws.write_number(row, 1, float(people), count)
        for j in np.flatnonzero(~np.isnan(values[i])):
            ws.write_number(row, 2 + int(j), float(values[i, j]), score)
    last_row, last_col = top + 1 + len(values), 1 + values.shape[1]
    _colour_scale(ws, top + 2, 2, last_row, last_col)


def _colour_scale(ws: Worksheet, r1: int, c1: int, r2: int, c2: int) -> None:
    """The dashboard's shortfall scale (:data:`analytics.charts.SHORTFALL_SCALE` up to
    :data:`analytics.charts.SHORTFALL_ZMAX`), so colours mean the same on the pages and in every report."""
    (_, low), (mid_at, mid), (_, high) = SHORTFALL_SCALE
    ws.conditional_format(
        r1,
        c1,
        r2,
        c2,
        {
            "type": "3_color_scale",
            "min_type": "num",
            "min_value": 0,
            "min_color": low,
            "mid_type": "num",
            "mid_value": mid_at * SHORTFALL_ZMAX,
            "mid_color": mid,
            "max_type": "num",
            "max_value": SHORTFALL_ZMAX,
            "max_color": high,
        },
    )


def _table_sheet(
    ws: _BulkSheet,
    table: f.Table,
    styles: _Styles,
    colour_from: int | None = None,
    hidden: str = "",
    totals: Sequence[str] = (),
) -> None:
    """Title, note and an Excel table with filters whose body is pasted in as bulk XML; ``totals``
    (a plan's, in words) follow the note."""
    ws.write_string(0, 0, table.title, styles.title)
    note = " ".join(
        [table.note, *([_("Blank figures are {hidden}.").format(hidden=hidden)] if hidden else []), *totals]
    ).strip()
    if note:
        ws.write_string(1, 0, note, styles.note)
    header = 3
    frame = table.shown
    n_rows, n_cols = frame.shape
    for col, name in enumerate(table.columns):
        width = WIDE_COLUMNS.get(name, 12 if table.kind(name) != f.TEXT else 18)
        if colour_from is not None and col >= colour_from:
            width = 14
        ws.set_column(col, col, width, styles.wrapped if name in WRAPPED else None)
    ws.set_row(header, 45 if colour_from is not None else 30)
    ws.freeze_panes(header + 1, 1)
    headings = _distinct([table.heading(name) for name in table.columns])
    if not n_rows:
        for col, heading in enumerate(headings):
            ws.write_string(header, col, heading, styles.header)
        ws.write_string(header + 1, 0, _(NOTHING), styles.note)
        return
    ws.add_long_table(
        header,
        header + n_rows,
        n_cols - 1,
        {
            "name": _table_name(table.title, styles.tables),
            "style": _TABLE_STYLE,
            "autofilter": True,
            "columns": [{"header": heading, "header_format": styles.header} for heading in headings],
        },
    )
    column_styles = []
    for name in table.columns:
        kind = table.kind(name)
        if kind == f.TEXT:
            plain, quoted = (
                (styles.wrapped, styles.wrapped_quoted) if name in WRAPPED else (styles.text, styles.quoted)
            )
            column_styles.append((_Styles.index(plain), _Styles.index(quoted)))
        else:
            number = _Styles.index(styles.number(excel_format(kind, frame[name])))
            column_styles.append((number, number))
    xml = rows_xml(frame, table.kinds, header + 1, column_styles)
    ws.add_rows_xml(xml, header + 1, header + n_rows, n_cols - 1)
    if colour_from is not None and n_cols > colour_from:
        _colour_scale(ws, header + 1, colour_from, header + n_rows, n_cols - 1)


def _distinct(headings: Sequence[str]) -> list[str]:
    """The headings of an Excel table, which must all differ whatever their case: a heading that
    repeats one before it (two translations can be the same words) gets " (2)", " (3)"..."""
    seen: set[str] = set()
    out = []
    for heading in headings:
        shown, n = heading, 1
        while shown.lower() in seen:
            n += 1
            shown = f"{heading} ({n})"
        seen.add(shown.lower())
        out.append(shown)
    return out


def _table_name(title: str, taken: set[str]) -> str:
    """The Excel table's name from its title: letters and digits only, starting with a letter,
    different from every name in ``taken`` (lower case; the new name is added to it)."""
    base = "".join(ch for ch in title.title() if ch.isalnum())
    if not base or not (base[0].isascii() and base[0].isalpha()):
        base = "Table" + base
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}{n}"
    taken.add(name.lower())
    return name


def rows_xml(
    frame: pd.DataFrame, kinds: Sequence[str], first_row: int, styles: Sequence[tuple[int, int]]
) -> str:
    """SpreadsheetML ``<row>`` elements for ``frame`` starting at 0-based ``first_row``.

    Built column by column: each column's distinct values are formatted once, then
    spread to the rows with a take, and the cells of a row are joined by vectorised
    concatenation. Text becomes inline strings (never formulas); formula-like text uses
    the second style of its column (with Excel's quote prefix); missing values and
    empty text leave the cell out.
    """
    n = len(frame)
    numbers = (np.arange(first_row, first_row + n) + 1).astype(str).astype(object)
    rows: Any = '<row r="' + numbers + '">'
    for col, (name, kind, (style, quoted)) in enumerate(zip(frame.columns, kinds, styles, strict=True)):
        codes, uniques = pd.factorize(frame[name], use_na_sentinel=True)
        tails = _tails(pd.Index(uniques), kind, style, quoted)
        tail = np.append(tails, "")[codes]
        head = np.where(tail != "", f'<c r="{xl_col_to_name(col)}' + numbers, "")
        rows = rows + head + tail
    rows = rows + "</row>"
    return "".join(rows.tolist())


def _tails(uniques: pd.Index, kind: str, style: int, quoted: int) -> np.ndarray:
    """The part of a cell after its reference, once per distinct value."""
    if not len(uniques):
        return np.empty(0, dtype=object)
    if kind == f.TEXT:
        text = pd.Series(uniques.astype(str), dtype=object)
        danger = formula_like(text).to_numpy()
        text = text.str.replace(_XML_ILLEGAL, "", regex=True)
        text = text.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False)
        text = text.str.replace(">", "&gt;", regex=False)
        s = np.where(danger, str(quoted), str(style)).astype(object)
        tails = (
            '" s="'
            + s
            + '" t="inlineStr"><is><t xml:space="preserve">'
            + text.to_numpy(dtype=object)
            + "</t></is></c>"
        )
        return np.where(text.to_numpy(dtype=object) == "", "", tails).astype(object)
    values = numbers_for_format(np.asarray(uniques, dtype=float), kind)
    values = np.where(np.isfinite(values), values, np.nan)
    # Whole numbers without ".0", so counts read back as integers.
    shown = np.array(
        [str(int(v)) if v.is_integer() else repr(float(v)) for v in values.tolist()], dtype=object
    )
    ok = np.isfinite(values)
    return np.where(ok, f'" s="{style}"><v>' + shown + "</v></c>", "").astype(object)
