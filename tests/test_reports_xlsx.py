"""The Excel report, opened with openpyxl and as raw XML: sheets, cells, chart, formats, safety."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from analytics import columns as c
from analytics.framework import default_framework
from analytics.gaps import compute_gaps
from analytics.ingest import read_survey
from analytics.reports import build_report_data, content, write_xlsx
from analytics.reports.xlsx import SHEETS
from analytics.safety import FORMULA_STARTS, formula_like, is_formula_like
from sample_data.make_sample import make_wide_survey
from tests.test_reports_helpers import EVIL_NAME, EVIL_TEAM, REAL_IDS, REAL_NAMES, report_data, xlsx_text

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "digital_marketing_survey.xlsx"


@pytest.fixture(scope="module")
def xlsx() -> bytes:
    return write_xlsx(report_data())


@pytest.fixture(scope="module")
def book(xlsx: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(xlsx))


def find(ws: Worksheet, text: str) -> tuple[int, int]:
    """Row and column (1-based) of the first cell holding ``text``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not found on {ws.title}")


def table_rows(ws: Worksheet) -> list[dict[str, Any]]:
    """The sheet's Excel table as dicts keyed by heading."""
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    headings = [cell.value for cell in cells[0]]
    return [dict(zip(headings, (cell.value for cell in row), strict=True)) for row in cells[1:]]


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == list(SHEETS)
    assert book.active.title == "Summary"


def test_summary_says_what_when_and_headline_figures(book: openpyxl.Workbook) -> None:
    ws = book["Summary"]
    assert ws["A1"].value == "Skills-gap report"
    assert ws["A2"].value == "Generated 2026-11-22 09:30 UTC"
    row, col = find(ws, "Framework")
    assert ws.cell(row, col + 1).value == "Test framework (version 1)"
    row, col = find(ws, "Filter: Team")
    assert ws.cell(row, col + 1).value == "All teams"
    row, col = find(ws, "Ratings at or above target")
    value = ws.cell(row, col + 1)
    assert value.value == pytest.approx(6 / 11)
    assert value.number_format == "0%"
    row, col = find(ws, "People in the report")
    assert ws.cell(row, col + 1).value == 4
    row, col = find(ws, "Top priorities")
    first_priority = [ws.cell(row + 3, col + k).value for k in range(4)]
    assert first_priority[:3] == [1, "Planning", "Strategy"]
    assert first_priority[3] == pytest.approx(1.5)
    assert ws.cell(row + 3, col + 3).number_format == "0.00"


def test_summary_has_a_native_column_chart_of_rating_against_target(
    xlsx: bytes, book: openpyxl.Workbook
) -> None:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        names = archive.namelist()
        charts = [n for n in names if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = archive.read(charts[0]).decode()
        sheet_rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "drawing" in sheet_rels
    assert "<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
    # Two series, named by the area table's headings, categories are the area names.
    ws = book["Summary"]
    row, _ = find(ws, "Mean rating against target per area")
    header = row + 2  # title, note, header
    assert ws.cell(header, 1).value == "Area"
    assert [ws.cell(header + 1, 1).value, ws.cell(header + 2, 1).value] == ["Strategy", "Analytics"]
    assert ws.cell(header + 1, 4).value == pytest.approx(16 / 7)
    assert f"Summary!$D${header}" in chart  # series name: Mean rating
    assert f"Summary!$E${header}" in chart  # series name: Mean target
    assert f"Summary!$A${header + 1}:$A${header + 2}" in chart


def test_heatmap_has_colour_scale_and_frozen_headings(book: openpyxl.Workbook) -> None:
    ws = book["Heatmap"]
    assert ws.freeze_panes == "C6"
    assert [ws["C4"].value, ws["E4"].value] == ["Strategy", "Analytics"]
    assert "C4:D4" in {str(r) for r in ws.merged_cells.ranges}
    # Four people (at most views.PERSON_LIMIT), so one row per person as on the Overview page.
    assert ws["A5"].value == "Person"
    row, _ = find(ws, "Bob Ray")
    assert [ws.cell(row, k).value for k in (2, 3, 4, 5)] == pytest.approx([1, 0, 1, 2])
    assert ws.cell(row, 3).number_format == "0.00"
    rules = [(str(rng.sqref), rule.type) for rng in ws.conditional_formatting for rule in rng.rules]
    assert rules == [("C6:E9", "colorScale")]


def test_gaps_is_an_excel_table_with_filters_and_hand_checked_cells(book: openpyxl.Workbook) -> None:
    ws = book["Gaps"]
    (table,) = ws.tables.values()
    assert table.ref == "A4:M15"  # heading row + 11 pairs
    assert table.autoFilter is not None
    assert ws.freeze_panes == "B5"
    rows = table_rows(ws)
    bob_reporting = next(r for r in rows if r["Person"] == "Bob Ray" and r["Skill"] == "Reporting")
    assert bob_reporting == {
        "Person": "Bob Ray",
        "ID": "bob@example.com",
        "Team": "Growth",
        "Role": "Specialist",
        "Round": "R1",
        "Area": "Analytics",
        "Skill": "Reporting",
        "Rating": 2,
        "Target": 4,
        "Gap": 2,
        "Shortfall": 2,
        "Importance": 3,
        "Weighted shortfall": 6,
    }
    assert ws["H5"].number_format == "0.00"
    assert ws["L5"].number_format == "#,##0"
    assert ws.column_dimensions["A"].width > 20


def test_training_plan_and_development_plans(book: openpyxl.Workbook) -> None:
    plan = {r["Skill"]: r for r in table_rows(book["Training plan"])}
    assert plan["Planning"]["Rank"] == 1
    assert plan["Planning"]["Total hours"] == 16
    assert plan["Budgeting"]["People below target"] == 2
    assert book["Training plan"]["L5"].number_format == "#,##0.0"
    people = table_rows(book["Development plans"])
    assert [(r["Person"], r["Skill"]) for r in people if r["Person"] == "Bob Ray"] == [
        ("Bob Ray", "Reporting"),
        ("Bob Ray", "Budgeting"),
    ]


def test_validation_sheet_lists_what_ingest_reported(book: openpyxl.Workbook) -> None:
    rows = table_rows(book["Validation"])
    assert [r["Severity"] for r in rows] == ["warning", "error"]
    assert rows[0]["Row"] == 3
    assert rows[1]["What was found"].startswith("Role 'Astronaut'")


def test_no_user_text_becomes_a_formula(xlsx: bytes, book: openpyxl.Workbook) -> None:
    text = xlsx_text(xlsx)
    assert "<f>" not in text and "<f " not in text
    evil_cells = [cell for ws in book for row in ws.iter_rows() for cell in row if cell.value == EVIL_NAME]
    assert len(evil_cells) >= 3  # Gaps, Development plans, Summary (single point of failure)
    for cell in evil_cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert any(cell.value == EVIL_TEAM for row in book["Gaps"].iter_rows() for cell in row)


def test_wide_gaps_sheet_for_large_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "LONG_TABLE_LIMIT", 3)
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(report_data())))
    rows = table_rows(book["Gaps"])
    assert len(rows) == 4
    bob = next(r for r in rows if r["Person"] == "Bob Ray")
    assert [bob["Planning"], bob["Budgeting"], bob["Reporting"]] == [0, 1, 2]
    ws = book["Gaps"]
    assert [str(rng.sqref) for rng in ws.conditional_formatting] == ["I5:K8"]


def test_anonymised_workbook_has_no_real_name_and_hides_small_groups() -> None:
    data = report_data(anonymise=True, pseudonym_key="secret")
    xlsx = write_xlsx(data)
    text = xlsx_text(xlsx)
    for real in (*REAL_NAMES, *REAL_IDS, "Ann", "Astronaut", "Evil"):
        assert real.replace('"', "&quot;") not in text and real not in text
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    people = {r["Person"] for r in table_rows(book["Gaps"])}
    assert len(people) == 4 and all(re.fullmatch(r"Person [0-9a-f]{10}", p) for p in people)
    ws = book["Heatmap"]
    # The one-person team merges into a group of one, still under 3: it gets no team, so no
    # row, count or label; Growth (3 people) keeps its figures, worked out by hand:
    # planning 1, 0, 0 -> 1/3; budgeting 0, 1, 1 -> 2/3; reporting 0, 2, 0 -> 2/3.
    assert "Other teams" not in text and "(none)" not in text
    assert [ws.cell(r, 1).value for r in range(6, ws.max_row + 1)] == ["Growth"]
    assert [ws.cell(6, k).value for k in (2, 3, 4, 5)] == pytest.approx([3, 1 / 3, 2 / 3, 2 / 3])


def test_formula_like_starts() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert is_formula_like(text)
    assert not is_formula_like("Ann =1")
    assert FORMULA_STARTS == ("=", "+", "-", "@", "\t", "\r")
    column = pd.Series(["=1", "ok", None, "@x"], dtype=object)
    assert formula_like(column).tolist() == [True, False, False, True]


def test_calamine_reads_every_sheet(xlsx: bytes) -> None:
    sheets = pd.read_excel(io.BytesIO(xlsx), sheet_name=None, engine="calamine", header=None)
    assert list(sheets) == list(SHEETS)
    gaps_sheet = sheets["Gaps"]
    assert gaps_sheet.shape == (15, 13)
    assert gaps_sheet.iloc[3, 0] == "Person"


def test_report_of_the_sample_survey() -> None:
    framework = default_framework()
    ingest = read_survey(SAMPLE.read_bytes(), framework, SAMPLE.name)
    data = build_report_data(framework, compute_gaps(ingest.ratings, framework), ingest, {"Round": "all"})
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(data)))
    assert book.sheetnames == list(SHEETS)
    validation = table_rows(book["Validation"])
    assert any("not applicable" in r["What was found"] for r in validation)
    assert len(table_rows(book["Gaps"])) == len(data.tidy)
    assert "2026-Q3" in data.round_note


def test_large_survey_gets_one_row_per_person() -> None:
    framework = default_framework()
    survey = make_wide_survey(content.LONG_TABLE_LIMIT + 100, framework)
    ingest = read_survey(survey.to_csv(index=False).encode("utf-8"), framework, "survey.csv")
    data = build_report_data(framework, compute_gaps(ingest.ratings, framework), ingest)
    assert data.gaps_wide
    sheets = pd.read_excel(io.BytesIO(write_xlsx(data)), sheet_name=None, engine="calamine", header=3)
    gaps_sheet = sheets["Gaps"]
    assert len(gaps_sheet) == content.LONG_TABLE_LIMIT + 100
    assert list(gaps_sheet.columns[8:]) == [skill.name for skill in framework.skills]
    first = ingest.ratings[ingest.ratings[c.RESPONDENT_ID] == ingest.ratings[c.RESPONDENT_ID].iloc[0]]
    assert gaps_sheet["Person"].is_monotonic_increasing
    assert gaps_sheet["ID"].is_unique  # names repeat in a big company; the ID tells people apart
    assert sheets["Development plans"]["ID"].is_unique
    assert len(first) == len(framework.skills)
