"""Gap reports for L&D planners: a ``ReportView`` in, xlsx, html, csv, pdf or the plan's calendar (ics) out.

Build the view once with :func:`analytics.views.report.report_view`, then write it in any
format::

    view = report_view(framework, compute_gaps(ratings, framework), result, filters)
    Path("gaps.xlsx").write_bytes(build_report("xlsx", view))

The writers are imported when a report is written, not with this package, so a command
that only reads surveys never loads Plotly, XlsxWriter or the PDF code.
"""

from __future__ import annotations

import importlib
from typing import IO, TYPE_CHECKING, Final

from analytics.i18n import _
from analytics.progress import Progress

if TYPE_CHECKING:
    from analytics.views.report import ReportView

FORMATS: Final = ("xlsx", "html", "csv", "pdf", "ics")
MEDIA_TYPES: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "ics": "text/calendar; charset=utf-8",
}
_ALIASES: Final = {"htm": "html", "xlsm": "xlsx"}


class ReportUnavailable(RuntimeError):
    """A report that cannot be made here; ``str(error)`` is one sentence saying why and what to do."""


def report_format(fmt_or_suffix: str) -> str:
    """``"xlsx"``, ``".HTML"``, ``"htm"`` or a file name like ``"gaps.csv"`` -> one of :data:`FORMATS`."""
    text = fmt_or_suffix.strip().lower()
    suffix = text.rsplit(".", 1)[-1] if "." in text else text
    fmt = _ALIASES.get(suffix, suffix)
    if fmt not in FORMATS:
        raise ValueError(
            _("Unknown report format {name}: choose one of {formats}.").format(
                name=repr(fmt_or_suffix), formats=", ".join(FORMATS)
            )
        )
    return fmt


def build_report(fmt_or_suffix: str, data: ReportView, progress: Progress | None = None) -> bytes:
    """The report in the format a name or suffix asks for (see :func:`report_format`).

    ``progress`` hears the steps of the PDF, the one format that takes seconds (its charts are
    drawn in a browser); it is called on the caller's own thread.
    """
    fmt = report_format(fmt_or_suffix)
    writer = importlib.import_module(f"analytics.reports.{fmt}")
    if fmt == "pdf":
        pdf: bytes = writer.write_pdf(data, progress)
        return pdf
    content: bytes = getattr(writer, f"write_{fmt}")(data)
    return content


def write_report(fmt_or_suffix: str, data: ReportView, stream: IO[bytes]) -> None:
    """The report written into an open binary stream; the csv goes row chunk by chunk."""
    if report_format(fmt_or_suffix) == "csv":
        from analytics.reports.csv import write_csv_to

        write_csv_to(stream, data)
    else:
        stream.write(build_report(fmt_or_suffix, data))
