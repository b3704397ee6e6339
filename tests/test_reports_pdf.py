"""The printable PDF report, opened with pypdf: A4 pages, text, chart images, safety, the unavailable path.

Tests that draw charts need Chromium (Debian's chromium, or BROWSER_PATH) and are skipped
without it; the unavailable and layout tests run everywhere.
"""

from __future__ import annotations

import dataclasses
import io
import re
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pypdf import PdfReader

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.gaps import compute_gaps
from analytics.ingest import read_survey
from analytics.reports import (
    FORMATS,
    MEDIA_TYPES,
    ReportData,
    ReportUnavailable,
    build_report,
    build_report_data,
    content,
    pdf,
    pdf_available,
    report_format,
    write_pdf,
)
from analytics.reports.html import format_number
from tests.test_reports_helpers import (
    EVIL_NAME,
    EVIL_TEAM,
    FRAMEWORK,
    PEOPLE,
    REAL_IDS,
    REAL_NAMES,
    WHEN,
    ratings,
    report_data,
)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "digital_marketing_survey.xlsx"
A4_POINTS = (595.28, 841.89)
# Ann Lee renamed: same ratings, so every hand-worked figure stays, and a name that needs Unicode.
UNICODE_NAME = "Zoë Łukasiewicz-Ñúñez"
UNICODE_PEOPLE = ((PEOPLE[0][0], UNICODE_NAME, *PEOPLE[0][2:]), *PEOPLE[1:])

needs_chromium = pytest.mark.skipif(pdf_available() is not None, reason=f"no PDF here: {pdf_available()}")


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (table cells wrap names onto two lines)."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def image_count(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def assert_a4(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


@pytest.fixture(scope="module")
def small_data() -> ReportData:
    return report_data(ratings=ratings(UNICODE_PEOPLE))


@pytest.fixture(scope="module")
def small_pdf(small_data: ReportData) -> bytes:
    if pdf_available():
        pytest.skip(f"no PDF here: {pdf_available()}")
    return write_pdf(small_data)


@pytest.fixture(scope="module")
def sample_data() -> ReportData:
    framework = default_framework()
    ingest = read_survey(SAMPLE.read_bytes(), framework, SAMPLE.name)
    return build_report_data(
        framework,
        compute_gaps(ingest.ratings, framework),
        ingest,
        {"Round": "all"},
        generated_at=datetime(2026, 11, 22, 9, 30, tzinfo=UTC),
    )


@pytest.fixture(scope="module")
def sample_pdf(sample_data: ReportData) -> bytes:
    if pdf_available():
        pytest.skip(f"no PDF here: {pdf_available()}")
    return build_report("pdf", sample_data)


def test_pdf_is_a_registered_format() -> None:
    assert "pdf" in FORMATS
    assert report_format("x.pdf") == "pdf"
    assert report_format(".PDF") == "pdf"
    assert MEDIA_TYPES["pdf"] == "application/pdf"


@needs_chromium
def test_small_report_pages_and_text(small_pdf: bytes) -> None:
    assert small_pdf.startswith(b"%PDF-")
    assert_a4(small_pdf)
    pages = pdf_text(small_pdf)
    assert len(pages) >= 3
    first = pages[0]
    assert "Skills-gap report" in first
    assert "Generated 2026-11-22 09:30 UTC" in first
    assert "Test framework (version 1)" in first
    assert "Filter: Team All teams" in first
    # Headline figures worked out by hand: 6 of 11 ratings at target, shortfall 7/11, 34 hours.
    # Weakest area: strategy's shortfalls 1, 0, 0, 1, 0, 1, 2 -> 5/7 = 0.71 (analytics 2/4 = 0.50).
    for shown in ("55%", "0.64", "34.0", "Strategy (mean shortfall 0.71)"):
        assert shown in first
    # Top priorities in rank order.
    assert re.search(
        r"1 Planning Strategy 1\.50 .*2 Reporting Analytics 1\.50 .*3 Budgeting Strategy 1\.33", first
    )
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


@needs_chromium
def test_small_report_has_the_training_plan_and_single_points(small_pdf: bytes) -> None:
    text = " ".join(pdf_text(small_pdf))
    assert "Training plan" in text
    assert "Planning course (course) 8.0 16.0" in text  # 2 people below target x 8 hours
    assert "2 of 4" in text  # planning: cohort of 2 among 4 rated
    assert "Budget workshop (workshop) 4.0 8.0" in text
    assert "Single points of failure" in text
    assert "Covered by" in text


@needs_chromium
def test_one_image_per_chart(small_pdf: bytes, small_data: ReportData) -> None:
    charts = pdf.chart_figures(small_data)
    assert [fig.data[0].type for fig in charts] == ["bar", "bar", "heatmap"]
    assert image_count(small_pdf) == len(charts)


@needs_chromium
def test_non_ascii_name_renders(small_pdf: bytes) -> None:
    text = " ".join(pdf_text(small_pdf))
    assert UNICODE_NAME in text


@needs_chromium
def test_upload_text_is_drawn_as_text(small_pdf: bytes) -> None:
    text = " ".join(pdf_text(small_pdf))
    assert EVIL_NAME.replace(" ", "") in text.replace(" ", "")  # shown as written (maybe wrapped)
    assert "<script>" in text  # EVIL_TEAM, as text
    reader = PdfReader(io.BytesIO(small_pdf))
    assert all("/Annots" not in page for page in reader.pages)  # no links
    assert b"/JavaScript" not in small_pdf
    assert b"/URI" not in small_pdf


@needs_chromium
def test_sample_workbook_report(sample_pdf: bytes, sample_data: ReportData) -> None:
    assert_a4(sample_pdf)
    pages = pdf_text(sample_pdf)
    assert len(pages) >= 4
    first = pages[0]
    for figure in sample_data.headline:
        if figure.kind != content.TEXT and figure.value is not None:
            assert format_number(float(figure.value), figure.kind) in first, figure.label
    for skill in sample_data.priorities.frame["Skill"].head(5):
        assert skill in first
    assert "2026-Q3" in first  # the note on rounds
    assert image_count(sample_pdf) == len(pdf.chart_figures(sample_data)) == 3
    text = " ".join(pages)
    for skill in sample_data.training.frame["Skill"]:
        assert skill in text


@needs_chromium
def test_anonymised_report_has_no_real_name() -> None:
    data = report_data(ratings=ratings(UNICODE_PEOPLE), anonymise=True, pseudonym_key="secret")
    assert data.anonymised
    document = write_pdf(data)
    reader = PdfReader(io.BytesIO(document))
    text = " ".join(pdf_text(document)) + " " + str(reader.metadata)
    for real in (*REAL_NAMES[1:], UNICODE_NAME, *REAL_IDS, EVIL_TEAM):
        assert real not in text
    assert "Person " in text
    assert "Other teams" not in text  # the merged group is still under 3 people: no team
    assert "anonymised" in pdf_text(document)[0]


@needs_chromium
def test_one_browser_per_report(monkeypatch: pytest.MonkeyPatch, small_data: ReportData) -> None:
    import kaleido

    started: list[int] = []
    drawn: list[int] = []

    class Counted(kaleido.Kaleido):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

        async def calc_fig(self, *args: Any, **kwargs: Any) -> bytes:
            drawn.append(1)
            return await super().calc_fig(*args, **kwargs)

    monkeypatch.setattr(kaleido, "Kaleido", Counted)
    write_pdf(small_data)
    assert len(started) == 1
    assert len(drawn) == 3


def test_missing_browser_path_gives_the_clear_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "no-chromium"
    monkeypatch.setenv("BROWSER_PATH", str(missing))
    message = pdf_available()
    assert message is not None
    assert "BROWSER_PATH" in message and str(missing) in message
    with pytest.raises(ReportUnavailable) as raised:
        build_report("pdf", report_data())
    assert str(raised.value) == message
    assert isinstance(raised.value, RuntimeError)


def test_no_chromium_anywhere_gives_the_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", "")
    assert pdf_available() == pdf.NO_CHROMIUM
    assert "install Debian's chromium package" in pdf.NO_CHROMIUM
    with pytest.raises(ReportUnavailable, match="PDF needs Chromium"):
        write_pdf(report_data())


def test_browser_that_fails_gives_the_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER_PATH", str(broken))
    assert pdf_available() is None  # it looks like a program ...
    with pytest.raises(ReportUnavailable) as raised:  # ... but cannot draw: one clear error
        write_pdf(report_data())
    assert str(raised.value).startswith("PDF charts could not be drawn with the Chromium at")
    assert str(broken) in str(raised.value)


def test_missing_kaleido_gives_the_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "kaleido", None)  # import kaleido now raises ImportError
    assert pdf_available() == pdf.NO_KALEIDO


def no_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay out the pages without drawing charts, so layout tests need no Chromium."""
    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "render_charts", lambda charts: [])


def test_core_font_fallback_never_crashes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_charts(monkeypatch)
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path)  # no DejaVu here
    people = ((PEOPLE[0][0], "Zoë Łukasiewicz 陈 Nguyễn", *PEOPLE[0][2:]), *PEOPLE[1:])
    document = write_pdf(report_data(ratings=ratings(people)))
    text = " ".join(pdf_text(document))
    assert "Zoë ?ukasiewicz ? Nguyen" in text  # accents kept where Latin-1 has them, else dropped
    assert b"/Helvetica" in document
    assert b"DejaVu" not in document


def test_long_tables_break_across_pages_with_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    no_charts(monkeypatch)
    data = report_data()
    rows = 150
    spof = pd.DataFrame(
        {
            "Team": [f"Team {i:03d}" for i in range(rows)],
            "Skill": "Planning",
            "Area": "Strategy",
            "People rated": 3,
            "People at target": 1,
            "Covered by": "Ann Lee",
        }
    )
    data = dataclasses.replace(data, single_points=content.Table("SPOF", spof, data.single_points.kinds))
    pages = pdf_text(write_pdf(data))
    holding = [p for p in pages if "Team 0" in p or "Team 1" in p]
    assert len(holding) >= 2
    for page in holding:
        assert "Team Skill Area People rated People at target Covered by" in page
    assert any("Team 149" in p for p in pages)


def test_plain_text_keeps_upload_text_inert() -> None:
    assert pdf.plain_text("a\x00b\tcñ") == "a b cñ"
    assert pdf.PAGES_ALIAS not in pdf.plain_text(f"x{pdf.PAGES_ALIAS}y")  # cannot become the page count
    assert pdf.plain_text("Łódź – ok", unicode=False) == "?ódz - ok"
    assert pdf.plain_text(None) == ""
    assert pdf.plain_text(float("nan")) == ""


def test_hidden_groups_leave_out_empty_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    data = report_data(anonymise=True, min_group_size=10)
    assert pdf.chart_figures(data) == []  # every figure is over fewer than 10 people
    no_charts(monkeypatch)
    document = write_pdf(data)
    text = " ".join(pdf_text(document))
    assert image_count(document) == 0
    assert "hidden (fewer than 10 people)" in text  # headline figures
    assert "Nothing to show: nobody is below target, or each skill's group" in text
    assert "Charts" not in text


def test_empty_report_still_makes_a_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = gaps.GapResult(pairs=gaps.rating_pairs(ratings().iloc[0:0], FRAMEWORK), source=c.SELF)
    data = build_report_data(FRAMEWORK, empty, generated_at=WHEN)
    assert pdf.chart_figures(data) == []
    no_charts(monkeypatch)
    document = write_pdf(data)
    assert_a4(document)
    assert "Nobody is below target: no training is needed." in " ".join(pdf_text(document))
