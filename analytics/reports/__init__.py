"""Gap reports for L&D planners: filtered gap pairs in, xlsx, html, csv or pdf bytes out.

Build the shared content once with :func:`build_report_data`, then render it with
:func:`build_report` (or one of ``write_xlsx``, ``write_html``, ``write_csv``)::

    data = build_report_data(framework, compute_gaps(ingest.ratings, framework), ingest,
                             filters={"Team": "Growth"}, anonymise=False)
    Path("gaps.xlsx").write_bytes(build_report("xlsx", data))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from analytics.reports.content import LONG_TABLE_LIMIT, ReportData, build_report_data
from analytics.reports.csv import write_csv
from analytics.reports.html import write_html
from analytics.reports.pdf import ReportUnavailable, pdf_available, write_pdf
from analytics.reports.xlsx import write_xlsx

__all__ = [
    "FORMATS",
    "LONG_TABLE_LIMIT",
    "MEDIA_TYPES",
    "ReportData",
    "ReportUnavailable",
    "build_report",
    "build_report_data",
    "pdf_available",
    "report_format",
    "write_csv",
    "write_html",
    "write_pdf",
    "write_xlsx",
]

FORMATS: Final = ("xlsx", "html", "csv", "pdf")
MEDIA_TYPES: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
}
_WRITERS: Final[dict[str, Callable[[ReportData], bytes]]] = {
    "xlsx": write_xlsx,
    "html": write_html,
    "csv": write_csv,
    "pdf": write_pdf,
}
_ALIASES: Final = {"htm": "html", "xlsm": "xlsx"}


def report_format(fmt_or_suffix: str) -> str:
    """``"xlsx"``, ``".HTML"``, ``"htm"`` or a file name like ``"gaps.csv"`` -> one of :data:`FORMATS`."""
    text = fmt_or_suffix.strip().lower()
    suffix = text.rsplit(".", 1)[-1] if "." in text else text
    fmt = _ALIASES.get(suffix, suffix)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown report format {fmt_or_suffix!r}: choose one of {', '.join(FORMATS)}.")
    return fmt


def build_report(fmt_or_suffix: str, data: ReportData) -> bytes:
    """The report in the format a name or suffix asks for (see :func:`report_format`)."""
    return _WRITERS[report_format(fmt_or_suffix)](data)
