"""The interface's language in Streamlit's AppTest: by link, in the sidebar, in figures and exports.

Expected Indonesian words are the catalogue's own (analytics/locales/id/LC_MESSAGES/messages.po);
the numbers are the sample's, counted here from the file with pandas and written the Indonesian way.
"""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps, i18n
from analytics.views import overview as ov
from analytics.views.formats import format_number
from tests.helpers.app import (
    Deferred,
    chart_titles,
    download,
    metrics,
    new_app,
    open_page,
    page_source,
    table,
)
from tests.helpers.reports import xlsx_text
from ui import language

# The Overview's own texts, which must all be Indonesian with ?lang=id (texts of the framework, its
# skill and area names, are the framework's to translate and are left out).
OVERVIEW_TEXTS = (
    "Overview",
    "People",
    "Skills rated",
    "Team readiness",
    "Weakest area",
    "Single points of failure",
    "Mean rating against target, by area",
    "Mean shortfall by team and skill",
    "Top priorities",
    "Rating source",
    "Self ratings",
    "See every priority and the training plan",
)


def in_indonesian() -> AppTest:
    at = new_app()
    at.query_params["lang"] = "id"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def english_left(at: AppTest, texts: object) -> list[str]:
    """The catalogue's English texts (those that read differently in Indonesian) still on the page."""
    source = page_source(at)
    indonesian = i18n.catalogue(i18n.INDONESIAN)
    return [
        text
        for text in texts  # type: ignore[attr-defined]
        if indonesian[text] != text and re.search(rf"(?<![\w-]){re.escape(text)}(?![\w-])", source)
    ]


def test_a_link_with_lang_id_shows_the_overview_in_indonesian(sample_latest: pd.DataFrame) -> None:
    at = in_indonesian()
    assert at.title[0].value == "Ringkasan"
    figures = metrics(at)
    # 1,126 rated pairs in the sample's latest round, written with Indonesian thousands marks.
    pairs = len(sample_latest.dropna(subset=[c.RATING, c.TARGET]))
    assert figures["Keterampilan dinilai"] == f"{pairs:,}".replace(",", ".")
    assert figures["Orang"] == str(sample_latest[c.RESPONDENT_ID].nunique())
    assert {"Kesiapan tim", "Bidang terlemah", "Hanya dikuasai 1 orang"} <= set(figures)
    assert chart_titles(at) == [
        "Rata-rata nilai dibandingkan target, per bidang",
        "Rata-rata kekurangan per tim dan keterampilan",
    ]
    assert "Anda sedang melihat **data contoh**" in " ".join(i.value for i in at.info)
    assert not english_left(at, OVERVIEW_TEXTS)
    # Table numbers with a decimal comma, as the Overview's own view has them.
    shown = at.session_state["view"]
    top = table(at, "overview_priorities").value
    expected = ov.overview_view(shown.pairs, shown.framework).top_priorities.frame[gaps.PRIORITY]
    with i18n.language("id"):
        assert list(top[gaps.PRIORITY]) == [format_number(v, "score") for v in expected]
    assert all("," in v and "." not in v for v in top[gaps.PRIORITY])


TITLES = {
    "overview": "Overview",
    "data": "Your data",
    "competencies": "Competencies",
    "people": "People",
    "priorities": "Priorities & training plan",
    "trends": "Trends",
    "calibration": "Calibration",
    "reports": "Reports",
    "framework": "Competency framework",
}


@pytest.mark.parametrize("page", list(TITLES))
def test_no_english_interface_text_is_left_on_any_page(page: str) -> None:
    """Every catalogue text of more than one word, wherever the code uses it, is gone from the page."""
    at = in_indonesian()
    if page != "overview":
        open_page(at, page)
    assert at.title[0].value == i18n.catalogue(i18n.INDONESIAN)[TITLES[page]]
    several_words = [text for text in i18n.catalogue(i18n.INDONESIAN) if " " in text and "{" not in text]
    assert not english_left(at, several_words)


def test_the_sidebar_switches_the_language_and_back() -> None:
    at = new_app().run()
    assert at.title[0].value == "Overview"
    assert at.sidebar.radio(key=language.WIDGET).options == ["English", "Bahasa Indonesia"]
    at.sidebar.radio(key=language.WIDGET).set_value("id").run()
    assert at.title[0].value == "Ringkasan"
    assert "Keterampilan dinilai" in metrics(at)
    at.sidebar.radio(key=language.WIDGET).set_value("en").run()
    assert at.title[0].value == "Overview"
    assert "Skills rated" in metrics(at)


def test_the_sidebar_wins_over_the_link_after_it_was_applied() -> None:
    at = in_indonesian()
    at.sidebar.radio(key=language.WIDGET).set_value("en").run()
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] == "en"  # the address says what the page shows


def test_an_unknown_language_in_the_link_keeps_english() -> None:
    at = new_app()
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Overview"


def test_the_excel_report_is_in_the_language_of_the_page(deferred: Deferred) -> None:
    at = open_page(in_indonesian(), "reports")
    at.radio(key="report_format").set_value("xlsx").run()
    data, _, _ = download(at, deferred)
    text = xlsx_text(data)
    assert "Bidang terlemah" in text and "Kesiapan tim" in text
    assert "Weakest area" not in text
    # The sample is named in the page's language in the report's title.
    assert "Laporan kesenjangan keterampilan: Data contoh (digital_marketing_survey.xlsx)" in text
    assert "Sample data" not in text
    # Numbers stay numbers in Excel (Excel shows them in the reader's own locale).
    book = openpyxl.load_workbook(io.BytesIO(data))
    numbers = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row if isinstance(v, int)]
    assert numbers
