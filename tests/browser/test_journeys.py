"""Journeys in a real browser: the running app in headless Chromium, as a manager uses it.

Figures on screen are checked against the analytics results computed here, and every
wait is on the app's own state, never a fixed sleep.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.ingest import read_survey
from tests.browser.conftest import wait_for_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent.parent
SAMPLE = ROOT / "sample_data" / "digital_marketing_survey.xlsx"
PAGES = {
    "data": "Your data",
    "competencies": "Competencies",
    "people": "People",
    "priorities": "Priorities",
    "framework": "Framework",
}
MESSY_CSV = (
    "Name;Email;Team;Role;Rate your skills [Campaign planning];Rate your skills [Social listening];Shoe size\n"
    "Ana;ana@example.com;Growth;Digital Marketing Specialist;3,5;Mahir;38\n"
    "Budi;budi@example.com;Growth;Astronaut;9;2;44\n"
    ";;;;;;\n"
    "Citra;citra@example.com;Care;Social Customer Care;great;N/A;39\n"
)


def latest_pairs() -> object:
    framework = default_framework()
    pairs = gaps.compute_gaps(read_survey(SAMPLE.read_bytes(), framework).ratings, framework).pairs
    return pairs[pairs[c.ROUND] == "2026-Q3"]


def metric_value(tab: object, label: str) -> object:
    box = tab.get_by_test_id("stMetric").filter(has_text=label).first  # type: ignore[attr-defined]
    return box.get_by_test_id("stMetricValue")


def metric(tab: object, label: str) -> str:
    return str(metric_value(tab, label).inner_text()).strip()  # type: ignore[attr-defined]


def open_with_team(tab: object, app_url: str, team: str) -> object:
    """Open the app and choose one team in the sidebar, as a manager would; returns the sidebar."""
    tab.goto(app_url)  # type: ignore[attr-defined]
    wait_for_app(tab)
    sidebar = tab.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Teams").first.click()
    tab.get_by_role("option", name=team, exact=True).click()  # type: ignore[attr-defined]
    tab.keyboard.press("Escape")  # type: ignore[attr-defined]
    wait_for_app(tab)
    return sidebar


def no_exception(tab: object) -> None:
    assert tab.get_by_test_id("stException").count() == 0  # type: ignore[attr-defined]


def test_first_visit_shows_sample_headline_figures_and_charts(page: object, app_url: str) -> None:
    page.goto(app_url)  # type: ignore[attr-defined]
    wait_for_app(page)
    no_exception(page)
    latest = latest_pairs()
    assert metric(page, "People") == str(latest[c.RESPONDENT_ID].nunique())  # type: ignore[index]
    assert metric(page, "Team readiness") == f"{latest[c.AT_TARGET].mean():.0%}"  # type: ignore[index]
    assert page.locator(".js-plotly-plot").count() >= 2  # type: ignore[attr-defined]


def test_a_link_to_a_page_on_a_servers_first_visit_opens_that_page(
    browser: object, fresh_app_url: str
) -> None:
    # With a pages/ folder beside dashboard.py, a server's first session ran in Streamlit's older
    # multipage mode: "Page not found" for /people, and the folder's files listed in the sidebar.
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto(f"{fresh_app_url}/people")
    wait_for_app(tab)
    expect(tab.get_by_test_id("stMain").locator("h1").first).to_have_text("People")
    no_exception(tab)
    assert not tab.get_by_text("Page not found").count()
    nav = tab.get_by_test_id("stSidebarNav")
    assert not nav.get_by_role("link", name="people page", exact=True).count()
    expect(nav.get_by_role("link", name="People", exact=True)).to_be_visible()
    context.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_renders_without_error(page: object, app_url: str, path: str) -> None:
    page.goto(f"{app_url}/{path}")  # type: ignore[attr-defined]
    wait_for_app(page)
    no_exception(page)
    heading = page.locator("h1").first.inner_text()  # type: ignore[attr-defined]
    assert PAGES[path].lower() in heading.lower()


def test_team_filter_changes_the_headline_figures(page: object, app_url: str) -> None:
    open_with_team(page, app_url, "Customer Care")
    latest = latest_pairs()
    care = latest[latest[c.TEAM] == "Customer Care"]  # type: ignore[index]
    # expect() retries: the rerun the filter starts may not have begun when the page is first idle.
    expect(metric_value(page, "People")).to_have_text(str(care[c.RESPONDENT_ID].nunique()))
    expect(metric_value(page, "Team readiness")).to_have_text(f"{care[c.AT_TARGET].mean():.0%}")


def test_messy_upload_shows_the_validation_report(page: object, app_url: str, tmp_path: Path) -> None:
    path = tmp_path / "messy.csv"
    path.write_text(MESSY_CSV, encoding="utf-8")
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))  # type: ignore[attr-defined]
    # Worked out by hand: Budi's 9 is out of range and Citra's "great" unreadable (2 errors);
    # the Shoe size column and the role Astronaut are warnings. expect() retries until the
    # rerun that reads the upload has drawn its report.
    errors = page.get_by_test_id("stMetric").filter(has_text="Errors").get_by_test_id("stMetricValue")  # type: ignore[attr-defined]
    expect(errors).to_have_text("2")
    wait_for_app(page)
    no_exception(page)
    # The report and mapping tables are drawn on a canvas; their counts are in the metrics.
    assert metric(page, "Warnings") == "2"
    assert metric(page, "Notes") == "1"  # Citra's N/A


def test_a_large_upload_shows_a_bar_with_its_steps_then_the_data(
    page: object, app_url: str, tmp_path: Path
) -> None:
    # 20,000 people take seconds to read: a bar names the step, then leaves the data on screen.
    from sample_data.make_sample import make_wide_survey

    path = tmp_path / "everyone.csv"
    make_wide_survey(20_000, default_framework()).to_csv(path, index=False)
    # Every text a bar shows is noted as it appears: a bar up for a second can fall between two
    # looks of expect(), whose checks grow a second apart.
    page.add_init_script(  # type: ignore[attr-defined]
        """window.barSteps = [];
        new MutationObserver(() => {
          for (const bar of document.querySelectorAll("[data-testid='stProgress']")) {
            const text = bar.innerText.trim();
            if (text && !window.barSteps.includes(text)) window.barSteps.push(text);
          }
        }).observe(document, {subtree: true, childList: true, characterData: true});"""
    )
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))  # type: ignore[attr-defined]
    expect(page.get_by_text("everyone.csv (not saved as a round yet)").first).to_be_visible(timeout=90_000)  # type: ignore[attr-defined]
    expect(page.get_by_test_id("stAlert").filter(has_text="20,000 people")).to_be_visible()  # type: ignore[attr-defined]
    expect(page.get_by_test_id("stProgress")).to_have_count(0)  # type: ignore[attr-defined]
    steps = page.evaluate("window.barSteps")  # type: ignore[attr-defined]
    assert "Reading the file..." in steps, steps
    assert set(steps) <= {
        "Reading the file...",
        "Matching the questions to the framework's skills...",
        "Checking names, teams and roles...",
        "Checking the ratings...",
    }, steps
    no_exception(page)


def test_blank_template_downloads_as_a_workbook(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download a blank template").click()  # type: ignore[attr-defined]
    download = download_info.value
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert "Survey" in book.sheetnames
    headers = [cell.value for cell in book["Survey"][1]]
    assert f"Rate your skills [{default_framework().skills[0].name}]" in headers


def test_a_teams_development_plans_are_written_then_downloaded_as_a_zip(page: object, app_url: str) -> None:
    sidebar = open_with_team(page, app_url, "Community")
    sidebar.get_by_role("link", name="People").click()
    wait_for_app(page)
    main = page.get_by_test_id("stMain")  # type: ignore[attr-defined]
    main.get_by_role("button", name="Plans for team Community").click()
    with page.expect_download(timeout=120_000) as download_info:  # type: ignore[attr-defined]
        main.get_by_role("button", name="Download the zip").click()
    with zipfile.ZipFile(Path(download_info.value.path())) as archive:
        names = archive.namelist()
        assert names and all(n.startswith("development-plan-") and n.endswith(".pdf") for n in names)
        assert all(archive.read(n).startswith(b"%PDF") for n in names)
    assert download_info.value.suggested_filename == "development-plans-community.zip"


def test_excel_report_downloads_for_the_chosen_team(page: object, app_url: str) -> None:
    sidebar = open_with_team(page, app_url, "Community")
    sidebar.get_by_role("link", name="Reports").click()
    wait_for_app(page)
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download the Excel report").click()  # type: ignore[attr-defined]
    book = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = list(book["Gaps"].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if "Team" in row)
    teams = {row[rows[at].index("Team")] for row in rows[at + 1 :] if any(row)}
    assert teams == {"Community"}


HOSTILE_CSV = (
    "Name,Email,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web and social analytics]\n"
    '"**Bold Name**",bold@example.com,_Slanted_ team,Digital Marketing Specialist,2,3\n'
    '"[Click me](javascript:alert(1))",link@example.com,_Slanted_ team,Digital Marketing Specialist,1,4\n'
    '"<img src=x onerror=alert(1)>",image@example.com,Growth,Digital Marketing Manager,3,2\n'
)
NAV_LINKS = (
    "Overview",
    "Data",
    "Competencies",
    "People",
    "Priorities & training plan",
    "Reports",
    "Framework",
)


def assert_nothing_rendered_from_the_upload(tab: object, where: str) -> None:
    for selector in (
        'strong:text-is("Bold Name")',
        'em:text-is("Slanted")',
        "img[src='x']",
        "a[href^='javascript']",
    ):
        assert tab.locator(selector).count() == 0, f"{where}: {selector} was rendered from the upload"  # type: ignore[attr-defined]


def test_names_and_teams_from_an_upload_show_literally_on_every_page(
    page: object, app_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.csv"
    path.write_text(HOSTILE_CSV, encoding="utf-8")
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))  # type: ignore[attr-defined]
    expect(page.get_by_text("hostile.csv").first).to_be_visible()  # type: ignore[attr-defined]
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    for link in NAV_LINKS:
        sidebar.get_by_role("link", name=link, exact=True).click()
        wait_for_app(page)
        no_exception(page)
        assert_nothing_rendered_from_the_upload(page, link)
    # The People page names each person as written, in its header line too.
    sidebar.get_by_role("link", name="People", exact=True).click()
    wait_for_app(page)
    for name in ("**Bold Name**", "[Click me](javascript:alert(1))", "<img src=x onerror=alert(1)>"):
        page.get_by_test_id("stSelectbox").filter(has_text="Person").first.click()  # type: ignore[attr-defined]
        page.get_by_role("option", name=name, exact=False).first.click()  # type: ignore[attr-defined]
        wait_for_app(page)
        expect(page.get_by_test_id("stMarkdown").filter(has_text=name).first).to_be_visible()  # type: ignore[attr-defined]
        assert_nothing_rendered_from_the_upload(page, f"people page of {name}")
        if not name.startswith("<img"):  # the first two are in the team "_Slanted_ team"
            expect(page.get_by_text("team _Slanted_ team").first).to_be_visible()  # type: ignore[attr-defined]


def test_several_files_uploaded_together_are_one_survey_on_every_page(
    page: object, app_url: str, tmp_path: Path
) -> None:
    headers = (
        "Name,Email,Team,Role,Rate your skills [Campaign planning],Rate your skills [Social listening]\n"
    )
    growth, care = tmp_path / "team_growth.csv", tmp_path / "team_care.csv"
    growth.write_text(
        headers + "Ana,ana@example.com,Growth,Digital Marketing Specialist,2,4\n"
        "Budi,budi@example.com,Growth,Digital Marketing Specialist,3,3\n",
        encoding="utf-8",
    )
    care.write_text(headers + "Citra,citra@example.com,Care,Social Customer Care,4,5\n", encoding="utf-8")
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files([str(growth), str(care)])  # type: ignore[attr-defined]
    banner = page.get_by_test_id("stAlertContentSuccess").filter(has_text="On screen")  # type: ignore[attr-defined]
    expect(banner).to_contain_text("team_care.csv, team_growth.csv")
    expect(banner).to_contain_text("3 people, 6 ratings")
    wait_for_app(page)
    no_exception(page)
    assert metric(page, "Errors") == "0"
    # A reload keeps the files on screen (this server holds unsaved uploads while it runs).
    page.reload()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(banner).to_contain_text("3 people, 6 ratings")
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    sidebar.get_by_role("link", name="Overview", exact=True).click()
    wait_for_app(page)
    no_exception(page)
    expect(metric_value(page, "People")).to_have_text("3")
    # The next upload replaces these files; it does not join them.
    sidebar.get_by_role("link", name="Data", exact=True).click()
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(care))  # type: ignore[attr-defined]
    alone = page.get_by_test_id("stAlertContentSuccess").filter(has_text="On screen")  # type: ignore[attr-defined]
    expect(alone).to_contain_text("1 person, 2 ratings")
    expect(alone).not_to_contain_text("team_growth.csv")


OWN_WORDS_CSV = (
    "Nama,Email,Seberapa mahir Anda menyusun kalender konten bulanan?,Campaign planning\n"
    "Ana,ana@example.com,3,4\n"
    "Budi,budi@example.com,2,3\n"
)


def test_matches_to_check_are_confirmed_and_kept_as_aliases_in_one_click_each(
    page: object, app_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "own_words.csv"
    path.write_text(OWN_WORDS_CSV, encoding="utf-8")
    page.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))  # type: ignore[attr-defined]
    confirm = page.get_by_role("button", name="Confirm all 1 match(es) to check")  # type: ignore[attr-defined]
    expect(confirm).to_be_visible()
    wait_for_app(page)
    confirm.click()
    add = page.get_by_role("button", name="Add 1 confirmed wording(s) to the framework as aliases")  # type: ignore[attr-defined]
    expect(add).to_be_visible()
    expect(confirm).to_have_count(0)
    wait_for_app(page)
    add.click()
    expect(add).to_have_count(0)
    wait_for_app(page)
    no_exception(page)
    # The wording is now the framework's: the Framework page's download carries it.
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    sidebar.get_by_role("link", name="Framework", exact=True).click()
    wait_for_app(page)
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download framework (YAML)").click()  # type: ignore[attr-defined]
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "Seberapa mahir Anda menyusun kalender konten bulanan?" in text


def test_a_planner_sets_a_budget_and_downloads_a_development_plan(page: object, app_url: str) -> None:
    page.goto(f"{app_url}/priorities")  # type: ignore[attr-defined]
    wait_for_app(page)
    budget = page.get_by_role("spinbutton", name="Budget (optional)")  # type: ignore[attr-defined]
    budget.fill("0")
    budget.press("Enter")
    expect(page.get_by_text("A budget of 0 leaves nothing to spend").first).to_be_visible()  # type: ignore[attr-defined]
    wait_for_app(page)
    budget = page.get_by_role("spinbutton", name="Budget (optional)")  # type: ignore[attr-defined]
    budget.fill("50000000")
    budget.press("Enter")
    # No costs are set yet, so the whole budget is left.
    expect(metric_value(page, "Budget left")).to_have_text("50,000,000")
    wait_for_app(page)
    no_exception(page)
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    sidebar.get_by_role("link", name="People", exact=True).click()
    wait_for_app(page)
    with page.expect_download() as download_info:  # type: ignore[attr-defined]
        page.get_by_role("button", name="Download this plan (PDF)").click()  # type: ignore[attr-defined]
    pdf = Path(download_info.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    no_exception(page)
