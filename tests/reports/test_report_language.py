"""The exported reports speak the language they are built in: sheet names, section titles, notes, headers.

A report is built inside ``i18n.language(...)`` (as ``ui.analysis.report_bytes`` builds it), so
every text the writers add, and the csv's column headers, are in that language; the numbers of
the Excel and csv reports stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest

from analytics import i18n
from analytics.reports import build_report
from analytics.reports import csv as csv_report
from analytics.reports import xlsx as xlsx_report
from analytics.reports.pdf import write_pdf
from analytics.reports.xlsx import SHEETS, sheet_names
from tests.helpers.reports import no_pdf_charts, pdf_text, report_data, xlsx_text

INDONESIAN_SHEETS = [
    "Ringkasan",
    "Peta kesenjangan",
    "Kesenjangan",
    "Prioritas",
    "Rencana pelatihan",
    "Rencana per tim",
    "Mentor",
    "Rencana pengembangan",
    "Validasi",
]


def built(code: str, build: Callable[[Any], bytes]) -> bytes:
    """A report of the hand-worked survey, its view and its file both made in the language ``code``."""
    with i18n.language(code):
        return build(report_data())


def cells(data: bytes) -> dict[str, list[Any]]:
    """Every sheet's cell values, by sheet name."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {ws.title: [cell.value for row in ws.iter_rows() for cell in row] for ws in book.worksheets}


def csv_header(data: bytes) -> list[str]:
    return data.decode("utf-8-sig").split("\r\n", 1)[0].split(",")


def test_the_excel_report_names_its_sheets_and_headings_in_indonesian() -> None:
    data = built("id", lambda view: build_report("xlsx", view))
    sheets = cells(data)
    assert list(sheets) == INDONESIAN_SHEETS
    summary = sheets["Ringkasan"]
    assert "Laporan kesenjangan keterampilan" in summary  # the default title
    assert "Angka utama" in summary
    assert "Kerangka uji (versi 1)" in summary  # the framework, by its own name
    assert "Kesenjangan per orang dan keterampilan" in sheets["Kesenjangan"]
    assert "Rata-rata kekurangan per orang dan keterampilan" in sheets["Peta kesenjangan"]
    # The area chart reads its figures from the Summary sheet by its Indonesian name.
    assert "Ringkasan!$" in xlsx_text(data)
    assert "Summary!$" not in xlsx_text(data)


def test_the_excel_report_is_english_in_english() -> None:
    data = built("en", lambda view: build_report("xlsx", view))
    sheets = cells(data)
    assert list(sheets) == list(SHEETS)
    assert "Skills-gap report" in sheets["Summary"]
    assert "Headline figures" in sheets["Summary"]
    assert "Gaps per person and skill" in sheets["Gaps"]
    assert "Summary!$" in xlsx_text(data)


def test_the_html_report_says_its_language_and_titles_its_sections_in_it() -> None:
    page = built("id", lambda view: build_report("html", view)).decode("utf-8")
    assert '<html lang="id">' in page
    assert '<h2 id="summary">Ringkasan</h2>' in page
    assert '<h2 id="training">Rencana pelatihan</h2>' in page
    assert "Dibuat 2026-11-22 09:30 UTC" in page
    assert "Laporan kesenjangan keterampilan" in page


def test_the_html_report_is_english_in_english() -> None:
    page = built("en", lambda view: build_report("html", view)).decode("utf-8")
    assert '<html lang="en">' in page
    assert '<h2 id="summary">Summary</h2>' in page
    assert '<h2 id="training">Training plan</h2>' in page
    assert "Generated 2026-11-22 09:30 UTC" in page


def test_the_csv_headers_are_indonesian_and_its_numbers_stay_machine_readable() -> None:
    data = built("id", lambda view: build_report("csv", view))
    header = csv_header(data)
    assert header[:6] == ["id_responden", "nama", "tim", "id_peran", "peran", "putaran"]
    assert "skor_prioritas" in header and "kegiatan_rencana" in header
    text = data.decode("utf-8-sig")
    # Values are as in English: numbers with a decimal point, raters and booleans untranslated.
    assert ",self," in text and "2.0" in text and "True" in text
    assert (
        text.split("\r\n", 1)[1]
        == built("en", lambda view: build_report("csv", view)).decode("utf-8-sig").split("\r\n", 1)[1]
    )


def test_the_csv_headers_are_the_column_names_in_english() -> None:
    data = built("en", lambda view: build_report("csv", view))
    assert csv_header(data) == list(csv_report.tidy_table(report_data()).columns)
    # Each marked header is the column's own name, so the English csv never changes.
    assert all(column == header for column, header in csv_report.HEADERS.items())


def test_the_pdf_report_is_laid_out_in_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    no_pdf_charts(monkeypatch)  # text and layout only: no Chromium needed
    pages = pdf_text(built("id", write_pdf))
    assert "Angka utama" in pages[0]
    assert "Halaman 1 dari" in pages[0]
    assert "Kelompok (di bawah target)" in " ".join(pages)
    with i18n.language("en"):
        english = pdf_text(write_pdf(report_data()))
    assert "Headline figures" in english[0] and "Page 1 of" in english[0]


def test_sheet_names_keep_to_what_excel_allows(monkeypatch: pytest.MonkeyPatch) -> None:
    translated = {
        "Summary": "A very long sheet name that Excel would refuse",
        "Gaps": "Gaps: [all]?",
        "Heatmap": "gaps: [ALL]?",
    }
    monkeypatch.setattr(xlsx_report, "_", lambda text: translated.get(text, text))
    names = sheet_names(("Summary", "Gaps", "Heatmap", "Priorities"))
    assert names[0] == "A very long sheet name that Exc"
    assert names[1] == "Gaps   all"
    assert names[2] == "Heatmap"  # the same name as another but for case: kept in English
    assert names[3] == "Priorities"
    assert all(len(name) <= 31 for name in names)
