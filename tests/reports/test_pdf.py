"""The printable PDF report, opened with pypdf: A4 pages, text, chart images, safety, the unavailable path.

Tests that draw charts need Chromium (Debian's chromium, or BROWSER_PATH) and are skipped
without it; the unavailable and layout tests run everywhere.
"""

from __future__ import annotations

import io
import re
import stat
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pypdf import PdfReader

from analytics import charts, gaps
from analytics import columns as c
from analytics.framework import default_framework
from analytics.ingest import IngestResult
from analytics.reports import FORMATS, MEDIA_TYPES, ReportUnavailable, build_report, pdf, report_format
from analytics.reports.pdf import pdf_available, write_pdf
from analytics.views import fields as f
from analytics.views import overview
from analytics.views.formats import format_number
from analytics.views.plan import PlanChoices
from analytics.views.report import ReportView, report_view
from tests.helpers.app import LATEST
from tests.helpers.reports import (
    EVIL_NAME,
    EVIL_TEAM,
    FRAMEWORK,
    PEOPLE,
    REAL_IDS,
    REAL_NAMES,
    WHEN,
    no_pdf_charts,
    pdf_text,
    ratings,
    report_data,
)

A4_POINTS = (595.28, 841.89)
# Ann Lee renamed: same ratings, so every hand-worked figure stays, and a name that needs Unicode.
UNICODE_NAME = "Zoë Łukasiewicz-Ñúñez"
UNICODE_PEOPLE = ((PEOPLE[0][0], UNICODE_NAME, *PEOPLE[0][2:]), *PEOPLE[1:])

needs_chromium = pytest.mark.skipif(pdf_available() is not None, reason=f"no PDF here: {pdf_available()}")


def image_count(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def assert_a4(data: bytes) -> None:
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


@pytest.fixture(scope="module")
def small_data() -> ReportView:
    return report_data(ratings=ratings(UNICODE_PEOPLE))


@pytest.fixture(scope="module")
def small_pdf(small_data: ReportView) -> bytes:
    if pdf_available():
        pytest.skip(f"no PDF here: {pdf_available()}")
    return write_pdf(small_data)


@pytest.fixture(scope="module")
def sample_data(sample_result: IngestResult, sample_latest: pd.DataFrame) -> ReportView:
    # A report covers one round: the sample's latest, as the dashboard opens on it.
    return report_view(
        default_framework(),
        gaps.GapResult(sample_latest, c.SELF),
        sample_result,
        (("Round", LATEST),),
        generated_at=WHEN,
    )


@pytest.fixture(scope="module")
def sample_pdf(sample_data: ReportView) -> bytes:
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
    assert "Teams All teams" in first
    # Headline figures worked out by hand, as cards of four: 4 people, 11 rated pairs, 6 of 11
    # at target, shortfall 7/11; 4 people below target, the weakest area (strategy's shortfalls
    # 1, 0, 0, 1, 0, 1, 2 -> 5/7, analytics 2/4), 2 single points, 16 + 10 + 8 = 34 hours
    # (whole hours: no ".0"). The weakest area's value is now its name alone.
    # Each row of cards: values, labels, then what each figure is (the weakest area's shortfall).
    assert "4 11 55% 0.64 People Skills rated Team readiness Mean shortfall below target" in first
    assert (
        "4 Strategy 2 34 People below target on at least one skill Weakest area "
        "Single points of failure Learning hours in the training plan"
    ) in first
    assert "Largest mean shortfall below target (0.71 levels)" in first
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
    # Whole hours print without ".0" (they printed "8.0 16.0").
    assert "Total: 34 learning hours over 3 skills." in text
    assert "1 Planning 1.50 2 of 4 Planning course (course) 8 16" in text  # 2 below of 4 rated, x 8 h
    assert "2 Reporting 1.50 1 of 4 Reporting course (course) 10 10" in text
    assert "3 Budgeting 1.33 2 of 3 Budget workshop (workshop) 4 8" in text
    # Cohorts: the largest weighted shortfall first, then name.
    assert "Who: Cat Kim; Bob Ray" in text
    assert "Single points of failure" in text
    assert "Team Skill Area Only person at target People rated" in text
    assert f"Growth Budgeting Strategy {UNICODE_NAME} 3" in text  # Ann, renamed, covers budgeting


@needs_chromium
def test_one_image_per_chart(small_pdf: bytes, small_data: ReportView) -> None:
    drawn = pdf.chart_figures(small_data)
    # The dashboard's charts: area bars with target marks, the priority bubbles, the heatmap.
    assert [fig.data[0].type for fig in drawn] == ["bar", "scatter", "heatmap"]
    assert image_count(small_pdf) == len(drawn) == 3


def test_pdf_takes_the_print_variant_of_the_heatmap(small_data: ReportView) -> None:
    heat = pdf.chart_figures(small_data)[2]
    grid = small_data.overview.grid
    page = charts.shortfall_heatmap(grid, charts.heatmap_title(grid))
    printed = charts.shortfall_heatmap(grid, charts.heatmap_title(grid), printed=True)
    printed.update_layout(template=charts.REPORT_TEMPLATE)  # every report chart is on white
    assert heat.to_json() == printed.to_json()
    assert heat.to_json() != page.to_json()
    # 4 people x 3 skills: few enough cells to print each value.
    assert heat.data[0].texttemplate == "%{z:.1f}"


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
def test_sample_workbook_report(sample_pdf: bytes, sample_data: ReportView) -> None:
    assert_a4(sample_pdf)
    pages = pdf_text(sample_pdf)
    assert len(pages) >= 4
    first = pages[0]
    for figure in sample_data.figures:
        assert figure.value is not None, figure.label
        shown = (
            str(figure.value) if figure.kind == f.TEXT else format_number(float(figure.value), figure.kind)
        )
        assert shown in first, figure.label
    top = sample_data.overview.top_priorities.frame[f.SKILL]
    assert len(top) == 5  # the Overview's top priorities: at most 5
    for skill in top:
        assert skill in first
    assert f"Round {LATEST}" in first  # the round the report covers
    assert image_count(sample_pdf) == len(pdf.chart_figures(sample_data)) == 3
    text = " ".join(pages)
    plan = sample_data.priorities.plan
    assert len(plan.table) == 5  # the default plan: the top 5 priorities
    for skill in plan.table.frame[f.SKILL]:
        assert skill in text
    assert f"Total: {format_number(plan.total_hours, f.HOURS)} learning hours over 5 skills." in text


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
def test_one_browser_per_report(monkeypatch: pytest.MonkeyPatch, small_data: ReportView) -> None:
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


def test_core_font_fallback_never_crashes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_pdf_charts(monkeypatch)
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path)  # no DejaVu here
    people = ((PEOPLE[0][0], "Zoë Łukasiewicz 陈 Nguyễn", *PEOPLE[0][2:]), *PEOPLE[1:])
    document = write_pdf(report_data(ratings=ratings(people)))
    text = " ".join(pdf_text(document))
    assert "Zoë ?ukasiewicz ? Nguyen" in text  # accents kept where Latin-1 has them, else dropped
    assert b"/Helvetica" in document
    assert b"DejaVu" not in document


def test_long_tables_break_across_pages_with_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    no_pdf_charts(monkeypatch)
    rows = 150
    spof = pd.DataFrame(
        {
            c.TEAM: [f"Team {i:03d}" for i in range(rows)],
            c.SKILL_ID: "planning",
            c.AREA_ID: "strategy",
            f.SKILL: "Planning",
            f.AREA: "Strategy",
            gaps.N_PEOPLE: 3,
            gaps.N_AT_TARGET: 1,
            gaps.COVERED_BY: "Ann Lee",
        }
    )
    long = overview.single_points(gaps.compute_gaps(ratings(), FRAMEWORK).pairs, FRAMEWORK)
    table = f.Table(long.title, spof, long.columns, long.note, long.fields)
    monkeypatch.setattr(overview, "single_points", lambda pairs, framework, min_group=0: table)
    pages = pdf_text(write_pdf(report_data()))
    holding = [p for p in pages if "Team 0" in p or "Team 1" in p]
    assert len(holding) >= 2
    for page in holding:
        assert "Team Skill Area Only person at target People rated" in page
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
    no_pdf_charts(monkeypatch)
    document = write_pdf(data)
    text = " ".join(pdf_text(document))
    assert image_count(document) == 0
    assert "hidden (fewer than 10 people)" in text  # headline figures
    assert "Nothing to show: nobody is below target, or each skill's group" in text
    assert "Charts" not in text


def test_empty_report_still_makes_a_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    empty = gaps.GapResult(pairs=gaps.rating_pairs(ratings().iloc[0:0], FRAMEWORK), source=c.SELF)
    data = report_view(FRAMEWORK, empty, generated_at=WHEN)
    assert pdf.chart_figures(data) == []
    no_pdf_charts(monkeypatch)
    document = write_pdf(data)
    assert_a4(document)
    assert "Nobody is below target: no training is needed." in " ".join(pdf_text(document))


@needs_chromium
def test_training_plan_honours_the_planners_choice() -> None:
    text = " ".join(pdf_text(write_pdf(report_data(choices=PlanChoices(top=2)))))
    # The top two priorities: planning (2 below x 8 h = 16) and reporting (1 below x 10 h = 10).
    assert "The top 2 priorities that someone falls short on." in text
    assert "Total: 26 learning hours over 2 skills." in text
    assert "1 Planning 1.50 2 of 4 Planning course (course) 8 16" in text
    assert "2 Reporting 1.50 1 of 4 Reporting course (course) 10 10" in text
    assert "Budget workshop" not in text  # budgeting is third: not in the plan
    # The headline card: its value on the row of values above the labels.
    assert "4 Strategy 2 26 People below target on at least one skill" in text


def test_the_pdf_tells_its_steps_in_order_as_it_draws(
    monkeypatch: pytest.MonkeyPatch, small_data: ReportView
) -> None:
    """The Reports page's bar hears every step, from figures to charts to pages, each further on."""
    drawn: list[int] = []

    def render(charts: object, progress: object = None) -> list[bytes]:
        for done in range(len(charts)):  # type: ignore[arg-type]
            progress(done, len(charts))  # type: ignore[operator]
            drawn.append(done)
        return []

    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "render_charts", render)
    heard: list[tuple[float, str]] = []
    data = pdf.write_pdf(small_data, lambda share, text: heard.append((share, text)))
    assert data.startswith(b"%PDF")
    shares = [share for share, _ in heard]
    assert shares == sorted(shares) and shares[0] > 0 and shares[-1] < 1
    assert heard[0][1] == "Working out the figures" and heard[-1][1] == "Laying out the pages"
    assert drawn and [text for _, text in heard[1:-1]] == [
        f"Drawing chart {d + 1} of {len(drawn)}" for d in drawn
    ]
