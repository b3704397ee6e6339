"""In headless Chromium: the language chosen in the sidebar or by link, kept for the browser; every
page at a phone's width without sideways scrolling; a console without errors and no request to
another host; the HTML report readable on a phone.

Expected Indonesian words are the catalogue's (analytics/locales/id/LC_MESSAGES/messages.po).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, wait_for_app

pytestmark = pytest.mark.browser

PAGES = ("", "data", "competencies", "people", "priorities", "trends", "calibration", "reports", "framework")
# Titles of each page in Indonesian, as the catalogue has them.
TITLES_ID = {
    "": "Ringkasan",
    "data": "Data Anda",
    "people": "Orang",
    "priorities": "Prioritas & rencana pelatihan",
    "reports": "Laporan",
}
PHONE = {"width": 390, "height": 844}
# Streamlit's own start on a page's address: before it knows the app's base path it asks
# /<page>/_stcore/health and /<page>/_stcore/host-config, which answer 404, then the right ones.
_BASE_PATH_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")


class Watched:
    """What a tab's console said, which requests failed, and what it asked of other hosts."""

    def __init__(self, tab: object, app_url: str) -> None:
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        tab.on("console", self._console)  # type: ignore[attr-defined]
        tab.on("response", self._response)  # type: ignore[attr-defined]
        tab.route(lambda url: not url.startswith(app_url), self._refuse)  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        where = str((message.location or {}).get("url", ""))  # type: ignore[attr-defined]
        if message.type == "error" and not _BASE_PATH_PROBE.search(where):  # type: ignore[attr-defined]
            self.errors.append(f"{message.text} ({where})")  # type: ignore[attr-defined]

    def _response(self, response: object) -> None:
        url = str(response.url)  # type: ignore[attr-defined]
        if response.status >= 400 and not _BASE_PATH_PROBE.search(url):  # type: ignore[attr-defined]
            self.errors.append(f"{response.status} {url}")  # type: ignore[attr-defined]

    def _refuse(self, route: object) -> None:
        self.elsewhere.append(str(route.request.url))  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]


@pytest.fixture
def phone(browser: object, warmed_app: str) -> Iterator[object]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def title(tab: object) -> object:
    """The page's heading, for expect(): a click's rerun may start a moment after the click."""
    return tab.get_by_test_id("stMain").locator("h1").first  # type: ignore[attr-defined]


def test_the_sidebar_switches_to_indonesian_and_the_browser_keeps_it(page: object, app_url: str) -> None:
    page.goto(app_url)  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(title(page)).to_have_text("Overview", timeout=30_000)
    page.get_by_test_id("stSidebar").get_by_text("Bahasa Indonesia", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(title(page)).to_have_text("Ringkasan", timeout=30_000)
    main = page.get_by_test_id("stMain")  # type: ignore[attr-defined]
    expect(main.get_by_text("Keterampilan dinilai", exact=True)).to_be_visible()
    expect(
        main.get_by_text("1.126", exact=True)
    ).to_be_visible()  # the sample's rated pairs, Indonesian marks
    expect(page.get_by_test_id("stSidebar").get_by_text("Sumber penilaian")).to_be_visible()  # type: ignore[attr-defined]
    # A new visit of the same browser (its cookie) comes back in Indonesian, on any page.
    page.goto(f"{app_url}/people")  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(title(page)).to_have_text("Orang", timeout=30_000)
    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(title(page)).to_have_text("People", timeout=30_000)


@pytest.mark.parametrize("path", list(TITLES_ID))
def test_a_link_with_lang_id_opens_the_page_in_indonesian(page: object, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}?lang=id")  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(title(page)).to_have_text(TITLES_ID[path], timeout=30_000)
    assert not page.get_by_test_id("stException").count()  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_page_fits_a_phone_with_a_clean_console(phone: object, app_url: str, lang: str) -> None:
    watched = Watched(phone, app_url)
    seen = set()
    for path in PAGES:
        phone.goto(f"{app_url}/{path}?lang={lang}")  # type: ignore[attr-defined]
        wait_for_app(phone)
        if path in ("", "people"):
            phone.locator(".js-plotly-plot").first.wait_for(state="attached")  # type: ignore[attr-defined]
        assert not phone.get_by_test_id("stException").count(), path  # type: ignore[attr-defined]
        wide = phone.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert wide <= PHONE["width"], f"/{path} is {wide} px wide on a {PHONE['width']} px phone"
        # Charts that have a phone variant show it, and only it.
        for chart in ("overview_heatmap", "people_radar", "prio_bubbles"):
            wide_box = phone.locator(f".st-key-wide-{chart}")  # type: ignore[attr-defined]
            if wide_box.count():
                seen.add(chart)
                assert not wide_box.is_visible(), f"the desktop {chart} shows on a phone"
                assert phone.locator(f".st-key-narrow-{chart}").is_visible()  # type: ignore[attr-defined]
    assert seen == {"overview_heatmap", "people_radar", "prio_bubbles"}
    assert not watched.errors, watched.errors
    assert not watched.elsewhere, f"asked other hosts: {watched.elsewhere}"


def test_a_tables_toolbar_covers_nothing_on_a_touch_screen(phone: object, app_url: str) -> None:
    # A touch screen shows a table's toolbar all the time: it sat over the heading above.
    phone.goto(f"{app_url}/competencies")  # type: ignore[attr-defined]
    wait_for_app(phone)
    heading = phone.get_by_role("heading", name="Mentors (rated 4 or more)")  # type: ignore[attr-defined]
    heading.scroll_into_view_if_needed()
    table = phone.locator(".stDataFrame").filter(has=phone.get_by_text("Rizky Ramadhan")).first  # type: ignore[attr-defined]
    toolbar = table.locator("[data-testid='stElementToolbar']")
    toolbar.wait_for(state="attached")
    above, bar = heading.bounding_box(), toolbar.bounding_box()
    assert above is not None and bar is not None
    assert bar["y"] >= above["y"] + above["height"] - 1
    # Nor does the table reach over what follows it (its box's height is Streamlit's): the
    # Framework page's grid covered the section under it.
    for path in ("competencies", "framework"):
        phone.goto(f"{app_url}/{path}?lang=id")  # type: ignore[attr-defined]
        wait_for_app(phone)
        phone.locator(".stDataFrame").first.wait_for()  # type: ignore[attr-defined]
        overflow = phone.evaluate(  # type: ignore[attr-defined]
            """() => [...document.querySelectorAll('.stDataFrame')].map(table => {
                const box = table.closest('[data-testid="stElementContainer"]').getBoundingClientRect();
                return table.getBoundingClientRect().bottom - box.bottom;
            })"""
        )
        assert max(overflow) <= 1, f"/{path}: a table reaches {max(overflow)} px over what follows it"


def test_the_desktop_shows_the_desktop_charts_only(page: object, app_url: str) -> None:
    page.goto(app_url)  # type: ignore[attr-defined]
    wait_for_app(page)
    page.locator(".st-key-wide-overview_heatmap .js-plotly-plot").wait_for()  # type: ignore[attr-defined]
    assert not page.locator(".st-key-narrow-overview_heatmap").is_visible()  # type: ignore[attr-defined]
    # No toolbar over the charts (Plotly's mode bar).
    assert not page.locator(".modebar-container .modebar").count()  # type: ignore[attr-defined]


def test_the_html_report_reads_on_a_phone(phone: object, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    survey = ROOT / "sample_data" / "digital_marketing_survey.xlsx"
    command = [sys.executable, "-m", "analytics", "report", str(survey), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    phone.goto(out.as_uri())  # type: ignore[attr-defined]
    phone.locator(".js-plotly-plot").first.wait_for(state="attached")  # type: ignore[attr-defined]
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]  # type: ignore[attr-defined]
    # The phone's variants of the three charts are shown, the desktop's are not.
    wide, narrow = (phone.locator(f".chart.{width}") for width in ("wide", "narrow"))  # type: ignore[attr-defined]
    assert wide.count() == narrow.count() == 3
    assert not any(wide.nth(i).is_visible() for i in range(3))
    assert all(narrow.nth(i).is_visible() for i in range(3))
    # Each shown chart lies within the screen: no title or label runs off its edge.
    for i in range(3):
        box = narrow.nth(i).locator(".main-svg").first.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_streamlits_upload_button_says_unggah_in_indonesian(page: object, app_url: str) -> None:
    # Streamlit draws the button's word itself, in English: the page's style shows ours instead.
    for lang, shown in (("id", '"Unggah"'), ("en", "none")):
        page.goto(f"{app_url}/data?lang={lang}")  # type: ignore[attr-defined]
        wait_for_app(page)
        word = page.get_by_test_id("stFileUploaderDropzone").first.locator("button p")  # type: ignore[attr-defined]
        style = word.evaluate("e => [getComputedStyle(e, '::after').content, getComputedStyle(e).fontSize]")
        assert style[0] == shown
        assert (style[1] == "0px") == (lang == "id")
