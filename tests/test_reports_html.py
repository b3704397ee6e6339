"""The standalone HTML report: sections, charts with plotly.js inline once, everything escaped."""

from __future__ import annotations

import base64
import html
import json
import re

import numpy as np
import plotly.offline
import pytest

from analytics.reports import write_html
from tests.test_reports_helpers import EVIL_NAME, EVIL_TEAM, REAL_IDS, REAL_NAMES, report_data

SECTIONS = ("Summary", "Heatmap", "Gaps", "Training plan", "Development plans", "Validation")


@pytest.fixture(scope="module")
def page() -> str:
    return write_html(report_data()).decode("utf-8")


def figures(page: str) -> list[dict]:
    """The figure specs passed to Plotly.newPlot, as JSON."""
    found = re.findall(
        r'Plotly\.newPlot\(\s*"[^"]+",\s*(\[.*?\]),\s*(\{.*?\}),\s*\{"displaylogo"', page, re.S
    )
    return [{"data": json.loads(data), "layout": json.loads(layout)} for data, layout in found]


def numbers(values: object) -> list[float]:
    """Plotly JSON holds numeric arrays as base64 typed arrays; plain lists pass through."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)  # type: ignore[call-overload]


def test_page_has_every_section_and_figures(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    for section in SECTIONS:
        assert f">{section}</h2>" in page
    assert "Test framework (version 1)" in page
    assert "Generated 2026-11-22 09:30 UTC" in page
    assert ">55%</div>" in page  # ratings at target, 6 of 11


def test_plotly_is_inline_once_and_charts_are_embedded(page: str) -> None:
    bundle = plotly.offline.get_plotlyjs()
    assert page.count(bundle[:2000]) == 1
    assert "<script src" not in page.replace(" ", "")  # nothing to fetch: works offline
    specs = figures(page)
    assert [spec["data"][0]["type"] for spec in specs] == ["bar", "bar", "heatmap"]
    area = specs[0]
    assert area["data"][0]["name"] == "Mean rating"
    assert numbers(area["data"][0]["y"]) == pytest.approx([16 / 7, 3.5])
    heat = specs[2]["data"][0]
    assert heat["x"] == ["Planning", "Budgeting", "Reporting"]


def test_user_markup_is_escaped_everywhere(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert html.escape(EVIL_TEAM) in page  # shown as text in tables
    assert html.escape(EVIL_NAME) in page
    assert EVIL_NAME not in page  # quotes are escaped too
    # In the chart data the label is escaped before Plotly sees it, so Plotly shows it as text.
    heat = figures(page)[2]["data"][0]
    assert html.escape(EVIL_NAME) in heat["y"]  # four people: one row per person


def test_tables_show_hand_checked_rows(page: str) -> None:
    row = re.search(r"<tr><td>Bob Ray</td><td>bob@example.com</td><td>Growth</td>.*?</tr>", page)
    assert row is not None
    assert "<td>Reporting course</td>" in page
    assert '<td class="num">16.0</td>' in page  # planning: 2 people x 8 hours


def test_anonymised_page_has_no_real_name() -> None:
    page = write_html(report_data(anonymise=True, pseudonym_key="secret")).decode("utf-8")
    for real in (*REAL_NAMES, *REAL_IDS):
        assert real not in page and html.escape(real) not in page
    assert "Person " in page
    # The one-person team is a merged group still under 3 people: no team label at all.
    assert "Other teams" not in page and html.escape(EVIL_TEAM) not in page
    assert "group figures over fewer than 3 people are hidden" in page
