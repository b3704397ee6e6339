"""The reports' Trends and Calibration sections, on a hand-worked survey of two rounds.

Round R1 is tests/helpers/reports.py's survey. In R2 Ann's planning goes 2 -> 3 and Bob's
budgeting 1 -> 2, the rest is unchanged, and managers rate Ann (2, 2, 3) and Bob (1, 1, 1).

Trends R1 -> R2 (everyone rated in both): Strategy has 7 rated pairs (Evil's budgeting is
N/A): R1 2+2+3+1+4+3+1 = 16, mean 16/7; R2 18/7, a change of 2/7. At target 3/7 -> 5/7: two
gaps closed (Ann planning, Bob budgeting), none opened. Analytics: 4, 2, 3, 5 in both, mean 3.5.

Calibration in R2, team Growth (Ann and Bob, 6 skills): own 3+2+4+3+2+2 = 16, mean 16/6; the
managers' 2+2+3+1+1+1 = 10, mean 10/6; difference 1.0. Bob's own ratings are on average
4/3 levels above his manager's; Ann's 2/3.
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.reports import build_report
from analytics.views import report as rv
from analytics.views.report import ReportView, report_view
from analytics.views.selection import Filters, apply_filters
from tests.helpers.reports import (
    FRAMEWORK,
    PEOPLE,
    REAL_NAMES,
    WHEN,
    no_pdf_charts,
    pdf_text,
    ratings,
    upload,
)


def _survey() -> pd.DataFrame:
    later = tuple(
        (pid, name, team, role, {"Ann Lee": (3, 2, 4), "Bob Ray": (3, 2, 2)}.get(name, values))
        for pid, name, team, role, values in PEOPLE
    )
    managers = ratings(
        tuple(
            (pid, name, team, role, values)
            for pid, name, team, role, values in (
                ("ann@example.com", "Ann Lee", "Growth", "specialist", (2, 2, 3)),
                ("bob@example.com", "Bob Ray", "Growth", "specialist", (1, 1, 1)),
            )
        ),
        "R2",
    ).assign(**{c.RATER: c.MANAGER})
    return pd.concat([ratings(), ratings(later, "R2"), managers], ignore_index=True)


def _report(round_: str = "R2", **options: object) -> ReportView:
    table = _survey()
    every_round = gaps.rating_pairs(table, FRAMEWORK)
    pairs = apply_filters(every_round, Filters(round=round_))
    return report_view(
        FRAMEWORK,
        gaps.GapResult(pairs, c.SELF),
        upload(table),
        (("Round", round_),),
        generated_at=WHEN,
        history=every_round,
        ratings=table,
        **options,  # type: ignore[arg-type]
    )


def _sheet(data: bytes, name: str) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book[name].iter_rows(values_only=True)]


def _rows(sheet: list[list[object]]) -> dict[object, dict[object, object]]:
    """A sheet's table (headings on its fourth row) as {first cell: {heading: value}}."""
    headings = sheet[3]
    return {row[0]: dict(zip(headings, row, strict=True)) for row in sheet[4:] if row[0] is not None}


def test_the_excel_report_gains_trends_and_calibration_sheets() -> None:
    data = build_report("xlsx", _report())
    sheets = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert sheets[-8:] == [
        rv.TRENDS,
        rv.TRENDS_BY_ROUND,
        rv.TRENDS_PER_PERSON,
        rv.CALIBRATION,
        rv.CALIBRATION_BY_TEAM,
        rv.CALIBRATION_BY_AREA,
        rv.CALIBRATION_PER_PERSON,
        "Validation",
    ]
    trends = _rows(_sheet(data, rv.TRENDS))
    strategy = trends["Strategy"]
    assert strategy["Rating R1"] == pytest.approx(16 / 7)
    assert strategy["Rating R2"] == pytest.approx(18 / 7)
    assert strategy["Change"] == pytest.approx(2 / 7)
    assert (strategy["At target R1"], strategy["At target R2"]) == (
        pytest.approx(3 / 7),
        pytest.approx(5 / 7),
    )
    assert (strategy["Closed"], strategy["Opened"]) == (2, 0)
    assert trends["Analytics"]["Change"] == pytest.approx(0)
    growth = _rows(_sheet(data, rv.CALIBRATION_BY_TEAM))["Growth"]
    assert growth["Own rating"] == pytest.approx(16 / 6)
    assert growth["Manager's rating"] == pytest.approx(10 / 6)
    assert growth["Difference"] == pytest.approx(1.0)
    assert growth["People compared"] == 2
    people = _rows(_sheet(data, rv.CALIBRATION_PER_PERSON))
    assert people["Bob Ray"]["Difference"] == pytest.approx(4 / 3)
    assert people["Ann Lee"]["Difference"] == pytest.approx(2 / 3)


def test_sections_are_there_only_when_the_data_has_them() -> None:
    first = _report("R1")
    # R1 is the first round (nothing to compare) and has no manager ratings.
    assert first.trend_tables == ()
    assert first.calibration_tables == ()
    sheets = openpyxl.load_workbook(io.BytesIO(build_report("xlsx", first)), read_only=True).sheetnames
    assert rv.TRENDS not in sheets
    assert rv.CALIBRATION not in sheets
    plain = report_view(FRAMEWORK, gaps.compute_gaps(ratings(), FRAMEWORK), generated_at=WHEN)
    assert plain.trend_tables == plain.calibration_tables == ()


def test_an_anonymised_report_keeps_group_tables_and_hides_small_groups() -> None:
    data = build_report("xlsx", _report(anonymise=True, min_group_size=3))
    sheets = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    assert rv.TRENDS_PER_PERSON not in sheets
    assert rv.CALIBRATION_PER_PERSON not in sheets
    # Growth's calibration covers two people, under the minimum of three.
    growth = _rows(_sheet(data, rv.CALIBRATION_BY_TEAM))["Growth"]
    assert growth["Difference"] is None
    assert growth["Own rating"] is None
    # Four people compared per area: shown.
    assert _rows(_sheet(data, rv.TRENDS))["Strategy"]["Change"] == pytest.approx(2 / 7)
    for sheet in (
        rv.TRENDS,
        rv.TRENDS_BY_ROUND,
        rv.CALIBRATION,
        rv.CALIBRATION_BY_TEAM,
        rv.CALIBRATION_BY_AREA,
    ):
        text = repr(_sheet(data, sheet))
        assert not any(name in text for name in REAL_NAMES)


def test_the_html_report_has_both_sections_and_their_charts() -> None:
    html = build_report("html", _report()).decode("utf-8")
    assert '<a href="#trends">Trends</a>' in html
    assert '<h2 id="calibration">Calibration</h2>' in html
    assert "Mean rating by area" in html
    assert "Own rating against the manager" in html
    assert html.index('id="trends"') < html.index('id="calibration"') < html.index('id="validation"')


def test_the_pdf_report_has_trends_and_calibration_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    no_pdf_charts(monkeypatch)
    pages = pdf_text(build_report("pdf", _report()))
    trends = next(p for p in pages if "Trends: Change from R1 to R2" in p)
    assert "Strategy 4 2.29 2.57 +0.29" in trends  # a change, with its sign
    calibration = next(p for p in pages if "Calibration: own rating against the manager" in p)
    assert "Growth 2 6 2.67 1.67 1.00" in calibration


def test_anonymised_charts_draw_only_what_the_tables_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every group of the hand-worked survey has fewer than ten people: an anonymised report with a
    minimum of ten hides every trend and calibration figure, in its charts as in its tables."""
    from analytics.reports import pdf

    view = _report(anonymise=True, min_group_size=10)
    assert view.trend_lines is not None
    assert view.trend_lines[gaps.MEAN_RATING].isna().all()
    assert view.calibration_points is not None
    assert view.calibration_points.empty
    assert pdf.history_figures(view) == {}
    html = build_report("html", view).decode("utf-8")
    assert "Mean rating by area" not in html
    assert "Own rating against the manager's, per skill" not in html


def test_a_change_at_target_reads_in_percentage_points_in_every_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Strategy goes from 3/7 to 5/7 at target: a change of 2/7, 28.6 percentage points ("+29
    points"), never "29%", which would read as a share."""
    data = build_report("xlsx", _report())
    strategy = _rows(_sheet(data, rv.TRENDS))["Strategy"]
    assert strategy["Change at target"] == pytest.approx(100 * 2 / 7)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book[rv.TRENDS]
    headings = [cell.value for cell in sheet[4]]
    cell = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == "Strategy")[
        headings.index("Change at target")
    ]
    assert cell.number_format == '+0" points";-0" points";0" points"'
    change = next(row for row in sheet.iter_rows(min_row=5) if row[0].value == "Strategy")[
        headings.index("Change")
    ]
    assert change.number_format == "+0.00;-0.00;0.00"  # a change in mean rating shows its sign too
    html = build_report("html", _report()).decode("utf-8")
    assert ">+29 points<" in html
    no_pdf_charts(monkeypatch)
    trends = next(p for p in pdf_text(build_report("pdf", _report())) if "Trends: Change from R1 to R2" in p)
    assert "43% 71% +29 points" in trends
