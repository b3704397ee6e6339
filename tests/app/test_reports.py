"""The Reports page in Streamlit's AppTest: formats, filters, anonymisation, PDF fallbacks, empty state.

The download button gets a callable that builds the report on click. AppTest does not
run it, so these tests record the callable Streamlit registers and run it themselves:
the bytes checked are the ones a click would download. Their content is checked against
the analytics pairs computed here from the same file, never against the screen.
"""

from __future__ import annotations

import html
import io
from typing import Any

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps, reports
from analytics.framework import default_framework
from analytics.reports import pdf
from analytics.views.report import report_view
from analytics.views.selection import described
from tests.helpers.app import (
    DOWNLOAD,
    LATEST,
    ROOT,
    Deferred,
    download,
    filtered_to_nobody,
    infos,
    new_app,
    open_page,
    with_sample,
)
from ui import analysis, state

KEY = DOWNLOAD


@pytest.fixture
def ratings(sample_result: Any) -> pd.DataFrame:
    return sample_result.ratings


@pytest.fixture
def latest(sample_latest: pd.DataFrame) -> pd.DataFrame:
    return sample_latest


def reports_page(team: str | None = None) -> AppTest:
    at = with_sample()
    if team is not None:
        at.multiselect(key="filter_teams").set_value([team]).run()
    return open_page(at, "reports")


def gaps_sheet(data: bytes) -> pd.DataFrame:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["Gaps"]
    (table,) = ws.tables.values()
    rows = [[cell.value for cell in row] for row in ws[table.ref]]
    return pd.DataFrame(rows[1:], columns=rows[0])


def summary_text(data: bytes) -> list[str]:
    ws = openpyxl.load_workbook(io.BytesIO(data))["Summary"]
    return [str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None]


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)


def test_page_renders_on_sample_data_with_every_format(latest: pd.DataFrame, deferred: Deferred) -> None:
    at = reports_page()
    assert at.title[0].value == "Reports"
    assert "Self ratings" in at.caption[0].value
    assert f"{latest[c.RESPONDENT_ID].nunique()} people" in at.caption[1].value
    assert "top 5 priorities" in at.caption[1].value
    expected = ["Excel", "HTML", "csv"] + ([] if pdf.pdf_available() else ["PDF"]) + ["Calendar"]
    assert at.radio(key="report_format").options == expected
    assert at.radio(key="report_format").value == "xlsx"
    assert not at.toggle(key="report_anonymise").value
    assert not at.number_input  # the minimum group size is asked only when anonymising
    assert at.download_button(key=KEY).proto.deferred_file_id in deferred


@pytest.mark.parametrize("fmt", ["xlsx", "html", "csv"])
def test_each_format_downloads_the_filtered_report(
    fmt: str, latest: pd.DataFrame, deferred: Deferred
) -> None:
    team = sorted(latest[c.TEAM].astype(str).unique())[0]
    in_team = latest[latest[c.TEAM] == team]
    at = reports_page(team)
    at.radio(key="report_format").set_value(fmt).run()
    assert not at.exception
    data, mime, name = download(at, deferred)
    assert mime == reports.MEDIA_TYPES[fmt]
    assert name == f"skills-gap-report-{LATEST}.{fmt}"
    if fmt == "xlsx":
        table = gaps_sheet(data)
        assert set(table["Team"]) == {team}
        assert len(table) == len(in_team)
        assert set(table["Person"]) == set(in_team[c.NAME].astype(str))
        summary = summary_text(data)
        assert "Teams" in summary and team in summary
    elif fmt == "html":
        page = data.decode("utf-8")
        assert page.lstrip().lower().startswith("<!doctype html>")
        assert "<dt>Teams</dt>" in page and team in page
        # A small team's heatmap and development plans name each of its people.
        assert all(html.escape(n) in page for n in in_team[c.NAME].astype(str).unique())
    else:
        table = read_csv(data)
        assert set(table[c.TEAM]) == {team}
        assert len(table) == len(in_team)
        assert set(table[c.RESPONDENT_ID]) == set(in_team[c.RESPONDENT_ID].astype(str))


def test_report_follows_round_role_and_rating_source(
    ratings: pd.DataFrame, latest: pd.DataFrame, deferred: Deferred
) -> None:
    at = reports_page()
    at.selectbox(key="filter_round").set_value("2026-Q1").run()
    at.multiselect(key="filter_roles").set_value(["dm_specialist"]).run()
    at.radio(key="rater_source").set_value(c.MANAGER).run()
    at.radio(key="report_format").set_value("csv").run()
    data, _, name = download(at, deferred)
    managers = gaps.rating_pairs(ratings, default_framework(), c.MANAGER)
    chosen = managers[(managers[c.ROUND] == "2026-Q1") & (managers[c.ROLE_ID] == "dm_specialist")]
    table = read_csv(data)
    assert len(table) == len(chosen)
    assert set(table[c.RATER]) == {c.MANAGER}
    assert set(table[c.ROLE_ID]) == {"dm_specialist"}
    assert name == "skills-gap-report-2026-Q1.csv"


def test_file_names_are_in_the_pages_language(deferred: Deferred) -> None:
    at = reports_page()
    at.query_params["lang"] = "id"
    at.toggle(key="report_anonymise").set_value(True).run()
    at.radio(key="report_format").set_value("csv").run()
    assert download(at, deferred)[2] == f"laporan-kesenjangan-keterampilan-{LATEST}-nama-disamarkan.csv"


def test_anonymised_exports_hold_no_real_name_and_agree_on_pseudonyms(
    ratings: pd.DataFrame, latest: pd.DataFrame, deferred: Deferred
) -> None:
    at = reports_page()
    at.toggle(key="report_anonymise").set_value(True).run()
    assert at.number_input(key="report_min_group").value == 3
    at.radio(key="report_format").set_value("csv").run()
    data, _, name = download(at, deferred)
    assert name == f"skills-gap-report-{LATEST}-anonymised.csv"
    text = data.decode("utf-8-sig")
    real = {str(x) for col in (c.NAME, c.RESPONDENT_ID) for x in ratings[col].dropna().unique()}
    assert not [n for n in real if n in text]
    table = read_csv(data)
    assert table[c.NAME].str.startswith("Person ").all()
    assert table[c.NAME].nunique() == latest[c.RESPONDENT_ID].nunique()

    at.radio(key="report_format").set_value("xlsx").run()
    book, _, _ = download(at, deferred)
    assert set(gaps_sheet(book)["Person"]) == set(table[c.NAME])


def test_anonymised_report_hides_groups_under_the_minimum_size(
    latest: pd.DataFrame, deferred: Deferred
) -> None:
    people = latest[c.RESPONDENT_ID].nunique()
    at = reports_page()
    at.toggle(key="report_anonymise").set_value(True).run()
    at.number_input(key="report_min_group").set_value(people + 1).run()
    at.radio(key="report_format").set_value("html").run()
    hidden, _, _ = download(at, deferred)
    assert f"fewer than {people + 1} people" in hidden.decode("utf-8")

    at.number_input(key="report_min_group").set_value(1).run()
    shown, _, _ = download(at, deferred)
    assert f"fewer than {people + 1} people" not in shown.decode("utf-8")


def test_page_builds_what_the_shared_builder_builds(deferred: Deferred) -> None:
    at = reports_page()
    at.radio(key="report_format").set_value("csv").run()
    data, _, _ = download(at, deferred)
    view = at.session_state[state.VIEW]
    built = report_view(
        view.framework,
        gaps.GapResult(view.pairs, view.source),
        view.result,
        described(view.filters, view.framework),
        view.choices,
    )
    assert data == reports.build_report("csv", built)


def test_pdf_unavailable_says_why_and_offers_the_other_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(ROOT / "no-such-chromium"))
    reason = pdf.pdf_available()
    assert reason
    at = reports_page()
    assert reason in infos(at)
    assert at.radio(key="report_format").options == ["Excel", "HTML", "csv", "Calendar"]
    assert at.download_button(key=KEY)


def test_pdf_that_fails_while_building_shows_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(_data: object, _progress: object = None) -> bytes:
        raise reports.ReportUnavailable("Chromium stopped drawing the charts: try the HTML report.")

    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "write_pdf", cannot)
    analysis.report_bytes.clear()
    at = reports_page()
    at.radio(key="report_format").set_value("pdf").run()
    assert not at.download_button  # the PDF is prepared first
    at.button(key="report_prepare").click().run()
    assert not at.exception
    assert "Chromium stopped drawing the charts" in at.error[0].value
    assert not at.download_button


def test_pdf_is_prepared_then_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "write_pdf", lambda data, progress=None: b"%PDF-1.4 " + data.title.encode())
    analysis.report_bytes.clear()
    at = reports_page()
    at.radio(key="report_format").set_value("pdf").run()
    at.button(key="report_prepare").click().run()
    assert not at.exception
    button = at.download_button(key=KEY)
    assert button.proto.url  # bytes already built, served like any file
    assert button.label == "Download the PDF report"


def test_without_data_the_page_says_what_to_do() -> None:
    at = open_page(new_app(empty=True).run(), "reports")
    assert "No survey is loaded yet" in infos(at)
    assert "Upload your team's survey file on the Data page" in infos(at)
    assert at.button(key="empty_sample").label == "Try sample data"
    assert not at.download_button


def test_a_filter_that_leaves_nobody_offers_no_report(latest: pd.DataFrame) -> None:
    at = filtered_to_nobody(with_sample(), latest)
    open_page(at, "reports")
    assert "Nobody matches the filters" in infos(at)
    assert not at.download_button


def test_building_a_report_does_not_read_the_file_again(survey_reads: list[str], deferred: Deferred) -> None:
    at = reports_page("Growth")
    for fmt in ("xlsx", "html", "csv"):
        at.radio(key="report_format").set_value(fmt).run()
        download(at, deferred)
    at.toggle(key="report_anonymise").set_value(True).run()
    download(at, deferred)
    assert len(survey_reads) == 1
