"""The planner's choices reach every format alike: the xlsx, html and pdf show the same training plan."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from analytics.reports.html import write_html
from analytics.reports.pdf import write_pdf
from analytics.reports.xlsx import write_xlsx
from analytics.views.plan import PlanChoices
from analytics.views.report import ReportView
from tests.helpers.reports import no_pdf_charts, pdf_text, report_data

# PlanChoices(top=2): the top two priorities, planning (2 below target x 8 h = 16) and
# reporting (1 below x 10 h = 10), 26 hours in all; budgeting (third) is left out.
PLAN = [("Planning", 8, 16), ("Reporting", 10, 10)]
TOTAL = "26"


@pytest.fixture(scope="module")
def view() -> ReportView:
    return report_data(choices=PlanChoices(top=2))


def test_xlsx_plan(view: ReportView) -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(view)))
    rows = list(book["Training plan"].iter_rows(min_row=4, values_only=True))
    headings, body = rows[0], rows[1:]
    at = [headings.index(name) for name in ("Skill", "Hours each", "Total hours")]
    assert [tuple(row[k] for k in at) for row in body] == PLAN
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Learning hours in the training plan"] == int(TOTAL)


def test_html_plan(view: ReportView) -> None:
    page = write_html(view).decode("utf-8")
    # The plan's own table: the section opens with it, before the plan per team and the mentors.
    training = page[page.index('<h2 id="training">') : page.index("Plan per team")]
    assert re.findall(r'<tr><td class="num">\d</td><td>(\w+)</td>', training) == [
        skill for skill, _, _ in PLAN
    ]
    # Hours each and total hours, each row followed by its cost (none set: a dash).
    hours = re.findall(
        r'<td class="num">(\d+)</td><td class="num">(\d+)</td><td class="num">–</td>', training
    )
    assert hours == [(str(each), str(total)) for _, each, total in PLAN]
    card = f'<div class="value">{TOTAL}</div><div class="label">Learning hours in the training plan</div>'
    assert card in page


def test_pdf_plan(view: ReportView, monkeypatch: pytest.MonkeyPatch) -> None:
    no_pdf_charts(monkeypatch)
    text = " ".join(pdf_text(write_pdf(view)))
    assert f"Total: {TOTAL} learning hours over 2 skills." in text
    plan = text[text.index(f"Total: {TOTAL}") : text.index("Single points of failure Critical")]
    rows = re.findall(
        r"(\d) (Planning|Reporting|Budgeting) \d\.\d\d \d of \d .*? \((?:course|workshop)\) (\d+) (\d+)", plan
    )
    assert rows == [
        (str(rank), skill, str(each), str(total)) for rank, (skill, each, total) in enumerate(PLAN, 1)
    ]


def test_every_report_states_the_plans_cost_against_its_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planning costs 100,000 a person (2 people: 200,000), reporting 50,000 (1 person): 250,000
    of a 300,000 budget, 50,000 left. The page showed these; the reports did not."""
    from analytics.views.plan import ActionChoice

    costed = report_data(
        choices=PlanChoices(
            top=2,
            budget=300_000.0,
            actions=(ActionChoice("planning", cost=100_000), ActionChoice("reporting", cost=50_000)),
        )
    )
    cost_line = "Cost: 250,000 IDR, 50,000 within the budget of 300,000."
    assert costed.priorities.plan.totals == (f"Total: {TOTAL} learning hours over 2 skills.", cost_line)
    book = openpyxl.load_workbook(io.BytesIO(write_xlsx(costed)))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Total cost (IDR)"] == 250_000
    assert summary["Budget left"] == 50_000
    assert cost_line in str(book["Training plan"]["A2"].value)
    page = write_html(costed).decode("utf-8")
    assert f'<p class="total">{cost_line}</p>' in page
    assert '<div class="value">250,000</div><div class="label">Total cost (IDR)</div>' in page
    no_pdf_charts(monkeypatch)
    assert cost_line in " ".join(pdf_text(write_pdf(costed)))
    # Over the budget, the figure says so; a budget with no cost yet is all left.
    over = report_data(
        choices=PlanChoices(
            top=2,
            budget=200_000.0,
            actions=(ActionChoice("planning", cost=100_000), ActionChoice("reporting", cost=50_000)),
        )
    )
    assert "Cost: 250,000 IDR, 50,000 over the budget of 200,000." in over.priorities.plan.totals
    assert {x.label: x.value for x in over.figures}["Over budget"] == 50_000
    uncosted = report_data(choices=PlanChoices(top=2, budget=200_000.0))
    assert uncosted.priorities.plan.totals[-1] == "Budget: 200,000 IDR; no action has a cost yet."
