"""The standalone HTML report: sections, the dashboard's charts with plotly.js inline once, everything escaped."""

from __future__ import annotations

import base64
import html
import json
import re

import numpy as np
import plotly.offline
import pytest

from analytics.reports.html import write_html
from analytics.views.plan import PlanChoices
from tests.helpers.reports import EVIL_NAME, EVIL_TEAM, REAL_IDS, REAL_NAMES, report_data

SECTIONS = ("Summary", "Heatmap", "Gaps", "Priorities", "Training plan", "Development plans", "Validation")


@pytest.fixture(scope="module")
def page() -> str:
    return write_html(report_data()).decode("utf-8")


def figures(page: str, phone: bool = False) -> list[dict]:
    """The figure specs passed to Plotly.newPlot, as JSON, in page order: those a wider screen
    shows, or with ``phone`` those a phone shows (the charts that have a phone's variant)."""
    found = re.findall(
        r'<div class="chart ?(\w*)">.*?Plotly\.newPlot\(\s*"[^"]+",\s*(\[.*?\]),\s*(\{.*?\}),\s*\{"displaylogo"',
        page,
        re.S,
    )
    return [
        {"data": json.loads(data), "layout": json.loads(layout)}
        for width, data, layout in found
        if (width == "narrow") == phone
    ]


def numbers(values: object) -> list[float]:
    """Plotly JSON holds numeric arrays as base64 typed arrays; plain lists pass through."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)  # type: ignore[call-overload]


def section(page: str, key: str) -> str:
    """The HTML of one section, from its heading to the next."""
    start = page.index(f'<h2 id="{key}">')
    end = page.find("<h2 ", start + 1)
    return page[start : end if end >= 0 else len(page)]


def card(page: str, label: str) -> str:
    found = re.search(rf'<div class="value">([^<]*)</div><div class="label">{re.escape(label)}</div>', page)
    assert found is not None, label
    return found.group(1)


def test_page_has_every_section_and_figures(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    for name in SECTIONS:
        assert f">{name}</h2>" in page
    assert "Test framework (version 1)" in page
    assert "Generated 2026-11-22 09:30 UTC" in page
    assert "<dt>Teams</dt><dd>All teams</dd>" in page
    # The dashboard's labels, worked out by hand: 6 of 11 ratings at target, shortfall 7/11,
    # strategy the weakest area (5/7 = 0.71), 34 hours (16 + 10 + 8), printed without ".0".
    assert card(page, "People") == "4"
    assert card(page, "Skills rated") == "11"
    assert card(page, "Team readiness") == "55%"
    assert card(page, "Mean shortfall below target") == "0.64"
    assert card(page, "Weakest area") == "Strategy"
    assert "Largest mean shortfall below target (0.71 levels)" in page
    assert card(page, "Single points of failure") == "2"
    assert card(page, "Learning hours in the training plan") == "34"


def test_plotly_is_inline_once_and_the_dashboards_charts_are_embedded(page: str) -> None:
    bundle = plotly.offline.get_plotlyjs()
    assert page.count(bundle[:2000]) == 1
    assert "<script src" not in page.replace(" ", "")  # nothing to fetch: works offline
    # Each chart twice, for a wider screen and for a phone (whose area chart has numbers as ticks).
    specs, phone = figures(page), figures(page, phone=True)
    # In page order: the area bars (Summary), the heatmap (Heatmap), the priority bubbles (Priorities).
    assert [spec["data"][0]["type"] for spec in specs] == ["bar", "heatmap", "scatter"]
    assert [spec["data"][0]["type"] for spec in phone] == ["bar", "heatmap", "scatter"]
    assert phone[0]["layout"]["xaxis"]["ticktext"] == ["1", "2", "3", "4", "5"]
    assert phone[0]["data"][0]["x"] == specs[0]["data"][0]["x"]
    area = {trace["name"]: trace for trace in specs[0]["data"]}
    # Both areas are below target: strategy 16/7 against 3, analytics 3.5 against 15/4 = 3.75.
    below = area["Below target"]
    assert below["orientation"] == "h"
    assert below["y"] == ["Strategy", "Analytics"]
    assert numbers(below["x"]) == pytest.approx([16 / 7, 3.5])
    assert numbers(area["At or above target"]["x"]) == []
    (target,) = [trace for trace in specs[0]["data"] if trace["type"] == "scatter"]
    assert numbers(target["x"]) == pytest.approx([3.0, 3.75])
    heat = specs[1]["data"][0]
    assert heat["x"] == ["Planning", "Budgeting", "Reporting"]
    # Bubbles: mean shortfall against mean importance per skill, in rank order.
    # Planning 3/4 and (2+2+3+2)/4; reporting 2/4 and (3+3+2+3)/4; budgeting 2/3 and (1+1+3)/3.
    bubbles = specs[2]["data"][0]
    assert numbers(bubbles["x"]) == pytest.approx([0.75, 0.5, 2 / 3])
    assert numbers(bubbles["y"]) == pytest.approx([2.25, 2.75, 5 / 3])
    labels = [note["text"] for note in specs[2]["layout"]["annotations"]]
    assert labels == ["Planning", "Reporting", "Budgeting"]


def test_heatmap_rows_are_people_in_name_order(page: str) -> None:
    heat = figures(page)[1]["data"][0]
    # Four people (at most the Overview's limit), alphabetical: "=" sorts before every letter.
    # Chart labels keep quotes as they are (plotly.js would show &quot; as written).
    assert heat["y"] == [html.escape(EVIL_NAME, quote=False), "Ann Lee", "Bob Ray", "Cat Kim"]
    z = np.array(numbers(heat["z"]), dtype=float).reshape(4, 3)
    # Bob: planning 0, budgeting 1, reporting 2; Evil: planning 2, budgeting not rated, reporting 0.
    assert list(z[2]) == pytest.approx([0, 1, 2])
    assert z[0, 0] == 2 and np.isnan(z[0, 1]) and z[0, 2] == 0


def test_user_markup_is_escaped_everywhere(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert html.escape(EVIL_TEAM) in page  # shown as text in tables
    assert html.escape(EVIL_NAME) in page
    assert EVIL_NAME not in page  # quotes are escaped too
    # In the chart data the label is escaped before Plotly sees it, so Plotly shows it as text.
    heat = figures(page)[1]["data"][0]
    assert html.escape(EVIL_NAME, quote=False) in heat["y"]  # four people: one row per person
    # The training plan's cohort lists them as text too.
    training = section(page, "training")
    assert f"<td>{html.escape(EVIL_NAME)}; Ann Lee</td>" in training
    assert html.escape(EVIL_TEAM) in training


def test_tables_show_hand_checked_rows(page: str) -> None:
    row = re.search(r"<tr><td>Bob Ray</td><td>bob@example.com</td><td>Growth</td>.*?</tr>", page)
    assert row is not None
    # Per-person levels have one decimal: Bob's reporting 2 against 4, gap 2, weighted 3 x 2 = 6.
    reporting = re.search(
        r"<tr><td>Bob Ray</td><td>bob@example.com</td><td>Growth</td><td>Specialist</td><td>R1</td>"
        r"<td>Analytics</td><td>Reporting</td>(.*?)</tr>",
        page,
    )
    assert reporting is not None
    assert re.findall(r'<td class="num">([^<]*)</td>', reporting.group(1)) == [
        "2.0",
        "4.0",
        "2.0",
        "2.0",
        "3",
        "6.0",
    ]
    assert "<td>Reporting course</td>" in page
    # Planning: 2 people x 8 hours; whole hours print without ".0" (it was "16.0").
    assert '<td class="num">16</td>' in section(page, "training")
    assert '<td class="num">16.0</td>' not in page
    assert "-0.00" not in page


def test_priorities_section_ranks_every_skill(page: str) -> None:
    priorities = section(page, "priorities")
    assert "<h3>Ranked priorities</h3>" in priorities
    ranked = re.findall(
        r"<tr><td class=\"num\">(\d)</td><td>(\w+)</td><td>(\w+)</td><td class=\"num\">([^<]*)</td>",
        priorities,
    )
    # Means have two decimals: planning 6/4, reporting 6/4, budgeting 4/3.
    assert ranked == [
        ("1", "Planning", "Strategy", "1.50"),
        ("2", "Reporting", "Analytics", "1.50"),
        ("3", "Budgeting", "Strategy", "1.33"),
    ]


def test_summary_lists_single_points_with_who_covers_them(page: str) -> None:
    summary = section(page, "summary")
    assert "<th>Only person at target</th>" in summary
    assert "<tr><td>Growth</td><td>Budgeting</td><td>Strategy</td><td>Ann Lee</td>" in summary


def test_validation_severities_are_capitalised(page: str) -> None:
    validation = section(page, "validation")
    assert "<tr><td>Warning</td>" in validation
    assert "<tr><td>Error</td>" in validation


def test_training_plan_honours_the_planners_choice() -> None:
    page = write_html(report_data(choices=PlanChoices(top=2))).decode("utf-8")
    training = section(page, "training")
    # The top two priorities: planning (2 x 8 h = 16) and reporting (1 x 10 h = 10): 26 hours.
    assert re.findall(r'<tr><td class="num">\d</td><td>(\w+)</td>', training) == ["Planning", "Reporting"]
    assert "Budget workshop" not in training
    assert card(page, "Learning hours in the training plan") == "26"
    # The ranking still lists every skill.
    assert "<td>Budgeting</td>" in section(page, "priorities")


def test_anonymised_page_has_no_real_name() -> None:
    page = write_html(report_data(anonymise=True, pseudonym_key="secret")).decode("utf-8")
    for real in (*REAL_NAMES, *REAL_IDS):
        assert real not in page and html.escape(real) not in page
    assert "Person " in page
    # The one-person team is a merged group still under 3 people: no team label at all.
    assert "Other teams" not in page and html.escape(EVIL_TEAM) not in page
    assert "group figures over fewer than 3 people are hidden" in page
