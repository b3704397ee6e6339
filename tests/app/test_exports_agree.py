"""What the screen shows is what the export says: the headline figures and the training plan's
hours of a filtered view, read off the pages in AppTest and out of every exported file.

The view is filtered (one team) and the planner chose a plan of three skills on the
Priorities page, so a figure that ignored the filters or the choice would show.
"""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pandas as pd
import pytest

from analytics import columns as c
from analytics.reports.pdf import pdf_available
from analytics.views import fields as f
from analytics.views.formats import format_number
from tests.helpers.app import Deferred, download, metrics, open_page, table, with_sample
from tests.helpers.reports import pdf_text

TEAM = "Growth"
PLAN_SKILLS = 3
# Overview metric label -> the headline figure's kind, to format an exported number as the page does.
HEADLINE = {
    "People": f.COUNT,
    "Skills rated": f.COUNT,
    "Team readiness": f.PERCENT,
    "Weakest area": f.TEXT,
    "Single points of failure": f.COUNT,
}
PLAN_HOURS = "Learning hours in the training plan"


@pytest.fixture(scope="module")
def screen() -> dict[str, Any]:
    """The page figures and the AppTest left on the Reports page with the same choices."""
    at = with_sample()
    at.multiselect(key="filter_teams").set_value([TEAM]).run()
    shown = dict(metrics(open_page(at, "overview")))
    open_page(at, "priorities")
    at.number_input(key="prio_top").set_value(PLAN_SKILLS).run()
    plan = metrics(at)
    shown[PLAN_HOURS] = plan["Total hours"]
    shown["Learning actions"] = plan["Learning actions"]
    open_page(at, "overview")  # leaving the page keeps the planner's choice
    open_page(at, "reports")
    return {"figures": shown, "app": at}


def exported(screen: dict[str, Any], deferred: Deferred, fmt: str) -> bytes:
    at = screen["app"]
    at.radio(key="report_format").set_value(fmt).run()
    if fmt == "pdf":
        at.button(key="report_prepare").click().run()
        assert not at.exception, [e.message for e in at.exception]
        # A prepared PDF is served as bytes; read it back through the report builder the page used.
        from ui import analysis

        view = at.session_state["view"]
        return analysis.report_bytes(
            view.survey, view.framework, view.options, view.source, view.filters, view.choices,
            "pdf", False, 3, "", f"Skills-gap report: {view.survey.name}", None, "en",
        )  # fmt: skip
    data, _, _ = download(at, deferred)
    return data


def test_the_planners_choice_reached_the_reports_page(screen: dict[str, Any]) -> None:
    view = screen["app"].session_state["view"]
    assert view.choices.top == PLAN_SKILLS
    assert screen["figures"]["Learning actions"] == str(PLAN_SKILLS)
    assert f"top {PLAN_SKILLS} priorities" in " ".join(cap.value for cap in screen["app"].caption)


def test_excel_report_says_what_the_pages_say(screen: dict[str, Any], deferred: Deferred) -> None:
    book = openpyxl.load_workbook(io.BytesIO(exported(screen, deferred, "xlsx")))
    rows: dict[str, Any] = {}
    for row in book["Summary"].iter_rows(values_only=True):
        if row and row[0]:
            rows.setdefault(row[0], row[1])  # the headline rows come first; a table title may repeat a label
    for label, kind in HEADLINE.items():
        value = rows[label]
        assert (value if kind == f.TEXT else format_number(float(value), kind)) == screen["figures"][label], (
            label
        )
    assert format_number(float(rows[PLAN_HOURS]), f.HOURS) == screen["figures"][PLAN_HOURS]
    plan = list(book["Training plan"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(plan) if row and row[0] == "Rank")
    body = [row for row in plan[header + 1 :] if row and row[0] is not None]
    total = plan[header].index("Total hours")
    assert len(body) == PLAN_SKILLS
    assert format_number(sum(row[total] for row in body), f.HOURS) == screen["figures"][PLAN_HOURS]


def test_html_report_says_what_the_pages_say(screen: dict[str, Any], deferred: Deferred) -> None:
    page = exported(screen, deferred, "html").decode("utf-8")
    cards = {
        label: value
        for value, label in re.findall(r'<div class="value">(.*?)</div><div class="label">(.*?)</div>', page)
    }
    for label in [*HEADLINE, PLAN_HOURS]:
        assert cards[label] == screen["figures"][label], label


@pytest.mark.skipif(pdf_available() is not None, reason=f"no PDF here: {pdf_available()}")
def test_pdf_report_says_what_the_pages_say(screen: dict[str, Any], deferred: Deferred) -> None:
    first = pdf_text(exported(screen, deferred, "pdf"))[0]
    shown = screen["figures"]
    for label in HEADLINE:
        assert shown[label] in first, label
    assert f"{shown['People']} people" in first
    hours = shown[PLAN_HOURS]
    assert hours in first and f"{hours}.0" not in first  # whole hours print without a stray ".0"
    everything = " ".join(pdf_text(exported(screen, deferred, "pdf")))
    assert f"Total: {hours} learning hours over {PLAN_SKILLS} skills." in everything


def test_csv_report_holds_the_pairs_the_pages_count(screen: dict[str, Any], deferred: Deferred) -> None:
    table = pd.read_csv(io.BytesIO(exported(screen, deferred, "csv")), encoding="utf-8-sig", dtype=str)
    assert set(table[c.TEAM]) == {TEAM}
    assert format_number(table[c.RESPONDENT_ID].nunique(), f.COUNT) == screen["figures"]["People"]
    assert format_number(len(table), f.COUNT) == screen["figures"]["Skills rated"]


def test_the_excel_reports_trends_and_calibration_say_what_those_pages_say(deferred: Deferred) -> None:
    """The sample's latest round against the one before, for one team, on the pages and in the file."""
    at = with_sample()
    at.multiselect(key="filter_teams").set_value([TEAM]).run()
    changes = table(open_page(at, "trends"), "trend_changes").value
    by_area = table(open_page(at, "calibration"), "cal_area").value
    data, _, _ = download(open_page(at, "reports"), deferred)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)

    def sheet(name: str) -> pd.DataFrame:
        rows = list(book[name].iter_rows(values_only=True))
        return pd.DataFrame(rows[4:], columns=rows[3]).dropna(how="all")

    trends = sheet("Trends")
    assert list(trends.iloc[:, 0]) == list(changes.iloc[:, 0])
    assert trends["Change"].to_numpy() == pytest.approx(changes["rating_change"].to_numpy())
    # Percentage points on both, as whole points (the page's "+10 points", Excel's number format).
    assert trends["Change at target"].to_numpy() == pytest.approx(changes["readiness_change"].to_numpy())
    assert changes["readiness_change"].abs().max() > 1  # points, not the fraction behind them
    calibration = sheet("Calibration by area")
    assert list(calibration["Area"]) == list(by_area["area"])
    assert calibration["Difference"].to_numpy() == pytest.approx(by_area["mean_difference"].to_numpy())
