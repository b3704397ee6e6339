"""Saved rounds and workspaces in a real browser: a reload with the real cookie, two servers on one PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy.engine import URL

from analytics.store import Store
from tests.browser.conftest import running_app, wait_for_app

pytestmark = pytest.mark.browser

TEAM_CSV = (
    "Name,Team,Role,Campaign planning,Web analytics\n"
    "Ayu,Growth,Digital Marketer,2,3\n"
    "Budi,Growth,Digital Marketer,4,1\n"
    "Citra,Care,Digital Marketer,3,3\n"
)


def _sidebar_data(tab: object) -> object:
    return tab.get_by_test_id("stSidebar").get_by_test_id("stMarkdown").filter(has_text="On screen:").first  # type: ignore[attr-defined]


def _upload(tab: object, app_url: str, path: Path) -> None:
    tab.goto(f"{app_url}/data")  # type: ignore[attr-defined]
    wait_for_app(tab)
    tab.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))  # type: ignore[attr-defined]
    expect(_sidebar_data(tab)).to_contain_text(f"{path.name} (not saved as a round yet)")
    wait_for_app(tab)


def test_a_reload_keeps_the_upload_and_the_chosen_team(page: object, app_url: str, tmp_path: Path) -> None:
    path = tmp_path / "team.csv"
    path.write_text(TEAM_CSV, encoding="utf-8")
    _upload(page, app_url, path)
    sidebar = page.get_by_test_id("stSidebar")  # type: ignore[attr-defined]
    sidebar.get_by_test_id("stMultiSelect").filter(has_text="Teams").first.click()
    page.get_by_role("option", name="Care", exact=True).click()  # type: ignore[attr-defined]
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    wait_for_app(page)
    page.reload()  # type: ignore[attr-defined]
    wait_for_app(page)
    expect(_sidebar_data(page)).to_contain_text("team.csv (not saved as a round yet)")
    teams = sidebar.get_by_test_id("stMultiSelect").filter(has_text="Teams").first
    expect(teams).to_contain_text("Care")
    assert page.get_by_test_id("stException").count() == 0  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_a_round_saved_through_one_server_appears_in_the_other(
    browser: object, postgres_url: URL, tmp_path: Path
) -> None:
    env = {"DATABASE_URL": postgres_url.render_as_string(hide_password=False)}
    path = tmp_path / "team.csv"
    path.write_text(TEAM_CSV, encoding="utf-8")
    with running_app(env) as first, running_app(env) as second:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(first)
        wait_for_app(tab)
        _upload(tab, first, path)
        name_box = tab.get_by_role("textbox", name="Name of the round")
        name_box.fill("Shared March")
        name_box.press("Enter")
        wait_for_app(tab)
        tab.locator(".st-key-data_save button").click()
        expect(_sidebar_data(tab)).to_contain_text("Stored round: Shared March")
        context.close()
        # Another browser, on the other server: the round is listed there, and opens.
        other = browser.new_context(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        tab = other.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(second)
        wait_for_app(tab)
        tab.goto(f"{second}/data")
        wait_for_app(tab)
        tab.get_by_test_id("stMultiSelect").filter(has_text="Open rounds").first.click()
        tab.get_by_role("option", name="Shared March", exact=True).click()
        tab.keyboard.press("Escape")
        tab.locator(".st-key-data_open button").click()
        expect(_sidebar_data(tab)).to_contain_text("Stored round: Shared March")
        other.close()
    assert [r.name for r in Store.open(postgres_url).rounds()] == ["Shared March"]
