"""The Excel report, opened with openpyxl and as raw XML: sheets, cells, chart, formats, safety."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from analytics import columns as c
from analytics.framework import default_framework
from analytics.gaps import GapResult, compute_gaps
from analytics.ingest import IngestResult, read_survey
from analytics.reports.xlsx import SHEETS, write_xlsx
from analytics.safety import FORMULA_STARTS, formula_like, is_formula_like
from analytics.views import report
from analytics.views.plan import PlanChoices
from analytics.views.report import report_view
from sample_data.make_sample import make_wide_survey
from tests.helpers.app import LATEST
from tests.helpers.reports import EVIL_NAME, EVIL_TEAM, REAL_IDS, REAL_NAMES, report_data, xlsx_text


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


def find_below(ws: Worksheet, text: str, below: int) -> tuple[int, int]:
    """Row and column (1-based) of the first cell holding ``text`` under row ``below``."""
    for row in ws.iter_rows(min_row=below + 1):
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not found on {ws.title} below row {below}")


def table_rows(ws: Worksheet) -> list[dict[str, Any]]:
    """The sheet's Excel table as dicts keyed by heading."""
    (table,) = ws.tables.values()
    cells = list(ws[table.ref])
    headings = [cell.value for cell in cells[0]]
    return [dict(zip(headings, (cell.value for cell in row), strict=True)) for row in cells[1:]]


def test_sheets_in_order(book: openpyxl.Workbook) -> None:
    # The Priorities sheet is new; the training plan sheet keeps its name.
    assert list(SHEETS) == [
        "Summary",
        "Heatmap",
        "Gaps",
        "Priorities",
        "Training plan",
        "Plan per team",
        "Mentors",
        "Development plans",
        "Validation",
    ]
    assert book.sheetnames == list(SHEETS)
    assert book.active.title == "Summary"


def test_summary_says_what_when_and_headline_figures(book: openpyxl.Workbook) -> None:
    ws = book["Summary"]
    assert ws["A1"].value == "Skills-gap report"
    assert ws["A2"].value == "Generated 2026-11-22 09:30 UTC"
    row, col = find(ws, "Framework")
    assert ws.cell(row, col + 1).value == "Test framework (version 1)"
    row, col = find(ws, "Teams")
    assert ws.cell(row, col + 1).value == "All teams"
    # The dashboard's labels for the headline figures, worked out by hand.
    row, col = find(ws, "Team readiness")
    value = ws.cell(row, col + 1)
    assert value.value == pytest.approx(6 / 11)
    assert value.number_format == "0%"
    row, col = find(ws, "People")
    assert ws.cell(row, col + 1).value == 4
    row, col = find(ws, "Skills rated")
    assert ws.cell(row, col + 1).value == 11
    row, col = find(ws, "Mean shortfall below target")
    assert ws.cell(row, col + 1).value == pytest.approx(7 / 11)
    assert ws.cell(row, col + 1).number_format == "0.00"
    row, col = find(ws, "Weakest area")
    assert ws.cell(row, col + 1).value == "Strategy"  # its mean shortfall, 5/7, is in the help
    assert ws.cell(row, col + 2).value == "Largest mean shortfall below target (0.71 levels)"
    row, col = find(ws, "Single points of failure")
    assert ws.cell(row, col + 1).value == 2
    # 16 + 10 + 8 hours, whole hours shown without decimals.
    row, col = find(ws, "Learning hours in the training plan")
    assert ws.cell(row, col + 1).value == 34
    assert ws.cell(row, col + 1).number_format == "#,##0"
    row, col = find(ws, "Top priorities")
    first_priority = [ws.cell(row + 3, col + k).value for k in range(4)]
    assert first_priority[:3] == [1, "Planning", "Strategy"]
    assert first_priority[3] == pytest.approx(1.5)
    assert ws.cell(row + 3, col + 3).number_format == "0.00"
    # Three skills have someone below target: three rows (the list holds at most 5).
    assert [ws.cell(row + 3 + k, col + 1).value for k in range(4)] == [
        "Planning",
        "Reporting",
        "Budgeting",
        None,
    ]


def test_summary_lists_single_points_of_failure(book: openpyxl.Workbook) -> None:
    ws = book["Summary"]
    row, col = find(ws, "Single points of failure")
    row, col = find_below(ws, "Single points of failure", row)
    header = row + 2  # title, note, header
    assert [ws.cell(header, col + k).value for k in range(5)] == [
        "Team",
        "Skill",
        "Area",
        "Only person at target",
        "People rated",
    ]
    rows = {tuple(ws.cell(header + r, col + k).value for k in range(5)) for r in (1, 2)}
    assert rows == {
        ("Growth", "Budgeting", "Strategy", "Ann Lee", 3),
        (EVIL_TEAM, "Reporting", "Analytics", EVIL_NAME, 1),
    }


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
    # Rows in name order ("=" before every letter), the rated skills as columns.
    assert [ws.cell(r, 1).value for r in range(6, 10)] == [EVIL_NAME, "Ann Lee", "Bob Ray", "Cat Kim"]
    assert [ws.cell(5, k).value for k in (3, 4, 5)] == ["Planning", "Budgeting", "Reporting"]
    assert ws.cell(6, 4).value is None  # Evil's budgeting: not applicable
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
    # One person's rating, target, gap and shortfall are levels: one decimal (they had two).
    for column in "HIJKM":
        assert ws[f"{column}5"].number_format == "0.0", column
    assert ws["L5"].number_format == "#,##0"
    evil_reporting = next(r for r in rows if r["ID"] == "evil@example.com" and r["Skill"] == "Reporting")
    assert evil_reporting["Gap"] == -1  # 4 - 5: above target
    assert ws.column_dimensions["A"].width > 20


def test_priorities_sheet_ranks_every_skill(book: openpyxl.Workbook) -> None:
    ws = book["Priorities"]
    assert ws["A1"].value == "Ranked priorities"
    rows = table_rows(ws)
    assert [r["Skill"] for r in rows] == ["Planning", "Reporting", "Budgeting"]
    assert [r["Rank"] for r in rows] == [1, 2, 3]
    # Planning: weighted 2, 0, 0, 4 over 4 -> 1.5; importance 2, 2, 3, 2 -> 2.25; shortfall 1, 0, 0, 2 -> 0.75.
    # Reporting: weighted 0, 6, 0, 0 -> 1.5; importance 3, 3, 2, 3 -> 2.75; shortfall 0, 2, 0, 0 -> 0.5.
    # Budgeting (Evil N/A): weighted 0, 1, 3 -> 4/3; importance 1, 1, 3 -> 5/3; shortfall 0, 1, 1 -> 2/3.
    expected = {
        "Planning": (1.5, 2.25, 0.75, 2, 4, 4),
        "Reporting": (1.5, 2.75, 0.5, 1, 4, 4),
        "Budgeting": (4 / 3, 5 / 3, 2 / 3, 2, 3, 3),
    }
    columns = (
        "Priority",
        "Mean importance",
        "Mean shortfall",
        "People below target",
        "People rated",
        "Rated skills",
    )
    for r in rows:
        assert tuple(r[k] for k in columns) == pytest.approx(expected[r["Skill"]]), r["Skill"]
    for column in "DEF":  # means: two decimals
        assert ws[f"{column}5"].number_format == "0.00"
    assert ws["G5"].number_format == "#,##0"
    assert ws.freeze_panes == "B5"


def test_training_plan_and_development_plans(book: openpyxl.Workbook) -> None:
    rows = table_rows(book["Training plan"])
    plan = {r["Skill"]: r for r in rows}
    assert [r["Skill"] for r in rows] == ["Planning", "Reporting", "Budgeting"]
    assert plan["Planning"]["Rank"] == 1
    assert plan["Planning"]["Hours each"] == 8
    assert plan["Planning"]["Total hours"] == 16
    assert plan["Planning"]["Who"] == f"{EVIL_NAME}; Ann Lee"  # weighted 4 before 2
    assert plan["Planning"]["Other options (instead)"] == "Plan a campaign (project, 6 h)"
    assert plan["Budgeting"]["People below target"] == 2
    assert plan["Budgeting"]["Teams"] == "Growth (2)"
    # Whole hours: no decimals (it was "#,##0.0").
    assert book["Training plan"]["L4"].value == "Total hours"
    assert book["Training plan"]["L5"].number_format == "#,##0"
    people = table_rows(book["Development plans"])
    assert [(r["Person"], r["Skill"]) for r in people if r["Person"] == "Bob Ray"] == [
        ("Bob Ray", "Reporting"),
        ("Bob Ray", "Budgeting"),
    ]


def test_validation_sheet_lists_what_ingest_reported(book: openpyxl.Workbook) -> None:
    rows = table_rows(book["Validation"])
    assert [r["Severity"] for r in rows] == ["Warning", "Error"]  # capitalised, as on the Data page
    assert rows[0]["Row"] == 3
    assert rows[1]["What was found"].startswith("Role 'Astronaut'")


def test_no_user_text_becomes_a_formula(xlsx: bytes, book: openpyxl.Workbook) -> None:
    text = xlsx_text(xlsx)
    assert "<f>" not in text and "<f " not in text
    evil_cells = [cell for ws in book for row in ws.iter_rows() for cell in row if cell.value == EVIL_NAME]
    # Summary (single point of failure), Heatmap (a row per person), Gaps, Mentors (a learner),
    # Development plans.
    assert {cell.parent.title for cell in evil_cells} == {
        "Summary",
        "Heatmap",
        "Gaps",
        "Mentors",
        "Development plans",
    }
    # Text that only starts with the formula (the training plan's cohort) is quoted as well.
    cohort = [
        cell
        for row in book["Training plan"].iter_rows()
        for cell in row
        if cell.value == f"{EVIL_NAME}; Ann Lee"
    ]
    assert len(cohort) == 1
    team_cells = [cell for ws in book for row in ws.iter_rows() for cell in row if cell.value == EVIL_TEAM]
    assert {cell.parent.title for cell in team_cells} >= {"Summary", "Gaps", "Development plans"}
    for cell in (*evil_cells, *cohort, *team_cells):
        assert cell.data_type == "s"
        assert cell.quotePrefix, (cell.parent.title, cell.coordinate)


def test_wide_gaps_sheet_for_large_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "LONG_TABLE_LIMIT", 3)
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
    assert sheets["Priorities"].shape == (7, 9)  # title, note, blank, heading row + 3 skills


def test_report_of_the_sample_survey(sample_result: IngestResult, sample_latest: pd.DataFrame) -> None:
    # A report covers one round: the sample's latest, as the dashboard opens on it.
    framework = default_framework()
    view = report_view(framework, GapResult(sample_latest, c.SELF), sample_result, (("Round", LATEST),))
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(view)))
    assert book.sheetnames == list(SHEETS)
    validation = table_rows(book["Validation"])
    assert any("not applicable" in r["What was found"] for r in validation)
    assert len(table_rows(book["Gaps"])) == len(sample_latest)
    assert {r["Round"] for r in table_rows(book["Gaps"])} == {LATEST}
    row, col = find(book["Summary"], "Round")
    assert book["Summary"].cell(row, col + 1).value == LATEST
    ranked = table_rows(book["Priorities"])
    assert len(ranked) == len(framework.skills)  # every skill is rated in the sample
    # The training plan is the top 5 priorities, in the ranking's order.
    plan = table_rows(book["Training plan"])
    assert [r["Skill"] for r in plan] == [r["Skill"] for r in ranked if r["People below target"]][:5]


def test_large_survey_gets_one_row_per_person() -> None:
    framework = default_framework()
    survey = make_wide_survey(report.LONG_TABLE_LIMIT + 100, framework)
    ingest = read_survey(survey.to_csv(index=False).encode("utf-8"), framework, "survey.csv")
    data = report_view(framework, compute_gaps(ingest.ratings, framework), ingest)
    assert data.gaps_wide
    sheets = pd.read_excel(io.BytesIO(write_xlsx(data)), sheet_name=None, engine="calamine", header=3)
    gaps_sheet = sheets["Gaps"]
    assert len(gaps_sheet) == report.LONG_TABLE_LIMIT + 100
    assert list(gaps_sheet.columns[8:]) == [skill.name for skill in framework.skills]
    first = ingest.ratings[ingest.ratings[c.RESPONDENT_ID] == ingest.ratings[c.RESPONDENT_ID].iloc[0]]
    assert gaps_sheet["Person"].is_monotonic_increasing
    assert gaps_sheet["ID"].is_unique  # names repeat in a big company; the ID tells people apart
    assert sheets["Development plans"]["ID"].is_unique
    assert len(first) == len(framework.skills)


def test_training_plan_honours_the_planners_choice() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(report_data(choices=PlanChoices(top=2)))))
    rows = table_rows(book["Training plan"])
    # The top two priorities: planning (2 below x 8 h = 16) and reporting (1 below x 10 h = 10).
    assert [(r["Skill"], r["Total hours"]) for r in rows] == [("Planning", 16), ("Reporting", 10)]
    assert book["Training plan"]["A2"].value.startswith("The top 2 priorities")
    ws = book["Summary"]
    row, col = find(ws, "Learning hours in the training plan")
    assert ws.cell(row, col + 1).value == 26
    # The Priorities sheet still ranks every skill.
    assert [r["Skill"] for r in table_rows(book["Priorities"])] == ["Planning", "Reporting", "Budgeting"]


def test_anonymised_priorities_sheet_hides_small_groups() -> None:
    # With a minimum of 4, budgeting (rated by 3 people) keeps its row but shows no figure.
    book = openpyxl.load_workbook(
        io.BytesIO(write_xlsx(report_data(anonymise=True, pseudonym_key="k", min_group_size=4)))
    )
    ws = book["Priorities"]
    budgeting = next(r for r in table_rows(ws) if r["Skill"] == "Budgeting")
    for column in ("Priority", "Mean importance", "Mean shortfall", "People below target", "People rated"):
        assert budgeting[column] is None, column
    assert "hidden (fewer than 4 people)" in ws["A2"].value
    planning = next(r for r in table_rows(ws) if r["Skill"] == "Planning")
    assert planning["Priority"] == pytest.approx(1.5)


def test_mentors_sheet_lists_every_learner_with_a_mentor(book: openpyxl.Workbook) -> None:
    # Planning: Evil (weighted 4) and Ann (2) below; Cat (4, at target) mentors both, Ann as
    # her team-mate, Evil from another team. Reporting: Bob below; Ann (4) and Evil (5) are
    # rated 4+, Ann shares his team. Budgeting: Cat (weighted 3) and Bob (1); nobody has 4+.
    rows = table_rows(book["Mentors"])
    assert [(r["Skill"], r["Learner"], r["Mentor"], r["How paired"]) for r in rows] == [
        ("Planning", EVIL_NAME, "Cat Kim", "another team"),
        ("Planning", "Ann Lee", "Cat Kim", "same team"),
        ("Reporting", "Bob Ray", "Ann Lee", "same team"),
        ("Budgeting", "Cat Kim", None, "nobody free at level 4 or more"),
        ("Budgeting", "Bob Ray", None, "nobody free at level 4 or more"),
    ]
    teams = {r["Team"]: r for r in table_rows(book["Plan per team"])}
    # Growth: Ann (planning 8 h), Bob (reporting 10 h, budgeting 4 h), Cat (budgeting 4 h).
    assert teams["Growth"]["People in the plan"] == 3 and teams["Growth"]["Total hours"] == 26


def test_anonymised_mentors_sheet_lists_nobody() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(report_data(anonymise=True, pseudonym_key="k"))))
    ws = book["Mentors"]
    texts = [cell.value for row in ws.iter_rows() for cell in row if cell.value]
    assert any("Anonymised: the cohorts' sizes are in the training plan" in str(t) for t in texts)
    assert not any(name in str(t) for t in texts for name in ("Ann Lee", "Bob Ray", "Cat Kim"))
