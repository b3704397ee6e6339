"""Sign-in end to end: a local OpenID Connect provider (oidc-provider-mock), the app with an
``[auth]`` secret and an access file, and headless Chromium signing in as each role.

The access file: Ayu is an admin, Citra manages Growth, everyone else at contoh.co.id is an
L&D planner; lain.co.id is not listed. On the sample data (Growth is one of four teams), each
role's pages and every export (csv, Excel, HTML, PDF) are checked for the real names they may
and may not show.
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from analytics import columns as c
from analytics.framework import default_framework
from analytics.ingest import read_survey
from analytics.store import Store
from tests.browser.conftest import free_port, running_app, wait_for_app
from tests.helpers.app import SAMPLE
from tests.helpers.reports import pdf_text, xlsx_text

ACCESS = """\
[users."ayu@contoh.co.id"]
role = "admin"

[users."citra@contoh.co.id"]
role = "manager"
teams = ["Growth"]

[domains."contoh.co.id"]
role = "planner"
"""


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    """The sample's people: id, name and team, as the survey says (a person in one team)."""
    ratings = read_survey(SAMPLE.read_bytes(), default_framework(), SAMPLE.name).ratings
    return ratings[[c.RESPONDENT_ID, c.NAME, c.TEAM]].astype(str).drop_duplicates(c.RESPONDENT_ID)


@pytest.fixture(scope="module")
def signed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app with sign-in on, its identity provider running; yields its URL and its access file."""
    provider = pytest.importorskip("oidc_provider_mock")
    folder = tmp_path_factory.mktemp("sign-in")
    access = folder / "access.toml"
    access.write_text(ACCESS, encoding="utf-8")
    with provider.run_server_in_thread(port=0) as server:
        port = free_port()
        secrets = folder / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a cookie secret for the sign-in tests only, long enough"\n'
            'client_id = "skills-dashboard"\n'
            'client_secret = "not-a-real-secret"\n'
            f'server_metadata_url = "http://localhost:{server.server_port}/.well-known/openid-configuration"\n',
            encoding="utf-8",
        )
        env = {"SKILLS_ACCESS_FILE": str(access), "SKILLS_DATA_DIR": str(folder / "data")}
        with running_app(env, ("--secrets.files", str(secrets)), port) as url:
            yield url, access


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)  # type: ignore[attr-defined]
    opened = context.new_page()
    opened.set_default_timeout(30_000)
    yield opened
    context.close()


def sign_in(tab: object, url: str, email: str) -> None:
    tab.goto(url)  # type: ignore[attr-defined]
    wait_for_app(tab)
    tab.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    tab.locator("input[name=sub]").fill(email)  # type: ignore[attr-defined]
    tab.get_by_role("button", name="Authorize").click()  # type: ignore[attr-defined]
    tab.wait_for_url(f"{url}/**")  # type: ignore[attr-defined]
    wait_for_app(tab)


def page_text(tab: object, url: str, path: str) -> str:
    tab.goto(f"{url}/{path}")  # type: ignore[attr-defined]
    wait_for_app(tab)
    return str(tab.content())  # type: ignore[attr-defined]


def people_options(tab: object, url: str) -> list[str]:
    """The first people of the People page's list, as its selectbox shows them (it draws only
    those in view)."""
    page_text(tab, url, "people")
    tab.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.click()  # type: ignore[attr-defined]
    options = tab.get_by_role("option").all_inner_texts()  # type: ignore[attr-defined]
    tab.keyboard.press("Escape")  # type: ignore[attr-defined]
    return [str(o) for o in options]


EXPORTS = {"csv": "csv", "xlsx": "Excel", "html": "HTML", "pdf": "PDF"}


def export(tab: object, url: str, fmt: str) -> bytes:
    """The Reports page's file in one format, downloaded as the signed-in user would."""
    page_text(tab, url, "reports")
    tab.get_by_test_id("stMain").get_by_text(EXPORTS[fmt], exact=True).click()  # type: ignore[attr-defined]
    wait_for_app(tab)
    if fmt == "pdf":
        tab.get_by_role("button", name="Prepare the PDF").click()  # type: ignore[attr-defined]
        wait_for_app(tab)
    with tab.expect_download(timeout=90_000) as download:  # type: ignore[attr-defined]
        tab.get_by_role("button", name=f"Download the {EXPORTS[fmt]} report").click()  # type: ignore[attr-defined]
    return Path(download.value.path()).read_bytes()


def csv_export(tab: object, url: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(export(tab, url, "csv")))


def exports_text(tab: object, url: str) -> dict[str, str]:
    """The text of the Excel, HTML and PDF reports, by format, to search for names."""
    readers = {
        "xlsx": lambda data: html.unescape(xlsx_text(data)),
        "html": lambda data: html.unescape(data.decode("utf-8")),
        "pdf": lambda data: "\n".join(pdf_text(data)),
    }
    return {fmt: read(export(tab, url, fmt)) for fmt, read in readers.items()}


def test_signed_out_there_is_a_sign_in_button_and_no_data(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, _ = signed_app
    for path in ("", "people", "data"):
        html = page_text(tab, url, path)
        assert "Sign in with your work account" in html
        assert not [name for name in people[c.NAME] if name in html]
        assert "Mean rating against target" not in html
        # A link to a page, followed before signing in, leads to the sign-in screen and no notice.
        assert "Page not found" not in html


def test_an_admin_sees_everyone_by_name_and_the_audit_trail(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, access = signed_app
    sign_in(tab, url, "ayu@contoh.co.id")
    assert "Signed in as" in str(tab.content())  # type: ignore[attr-defined]
    options = people_options(tab, url)
    assert len(options) >= 5
    assert all(any(option.startswith(name) for name in people[c.NAME]) for option in options)
    export = csv_export(tab, url)
    assert set(export[c.NAME]) <= set(people[c.NAME]) and len(set(export[c.NAME])) > 10
    for fmt, text in exports_text(tab, url).items():
        named = [name for name in people[c.NAME] if name in text]
        assert len(named) > 10, f"the {fmt} report names only {named}"
    html = page_text(tab, url, "data")
    assert "Audit trail: who signed in" in html  # the admin's own section of the Data page
    store = Store.open(f"sqlite:///{access.parent / 'data' / 'skills.db'}")
    try:
        trail = store.audit()
    finally:
        store.close()
    mine = trail[trail["actor"] == "ayu@contoh.co.id"]
    assert {"signed in", "exported"} <= set(mine["action"])
    assert mine.loc[mine["action"] == "exported", "subject"].str.startswith("csv report of 2026-Q3").any()


def test_a_manager_sees_their_team_by_name_and_nobody_else(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, _ = signed_app
    sign_in(tab, url, "citra@contoh.co.id")
    growth = people[people[c.TEAM] == "Growth"]
    others = people[people[c.TEAM] != "Growth"]
    options = people_options(tab, url)
    assert len(options) >= 5
    for option in options:  # a Growth person by name, anyone else under a pseudonym
        assert option.startswith("Person ") or any(option.startswith(name) for name in growth[c.NAME]), option
    for path in ("overview", "people", "competencies", "priorities", "calibration", "data"):
        html = page_text(tab, url, path)
        leaked = [name for name in others[c.NAME] if name in html] + [
            e for e in others[c.RESPONDENT_ID] if e in html
        ]
        assert not leaked, f"{path} names {leaked[:3]}"
    export = csv_export(tab, url)
    assert set(growth[c.NAME]) <= set(export[c.NAME])
    assert not set(others[c.NAME]) & set(export[c.NAME])
    assert export.loc[export[c.TEAM] != "Growth", c.NAME].str.startswith("Person ").all()
    for fmt, text in exports_text(tab, url).items():
        assert [name for name in growth[c.NAME] if name in text], f"the {fmt} report names no one of Growth"
        leaked = [name for name in others[c.NAME] if name in text] + [
            e for e in others[c.RESPONDENT_ID] if e in text
        ]
        assert not leaked, f"the {fmt} report names {leaked[:3]}"
    assert "Rename or delete a round" not in page_text(tab, url, "data")


def test_a_planner_sees_pseudonyms_only_everywhere(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, _ = signed_app
    sign_in(tab, url, "dewi@contoh.co.id")
    secrets = [*people[c.NAME], *people[c.RESPONDENT_ID]]
    for path in (
        "overview",
        "people",
        "competencies",
        "priorities",
        "trends",
        "calibration",
        "reports",
        "data",
    ):
        html = page_text(tab, url, path)
        leaked = [s for s in secrets if s in html]
        assert not leaked, f"{path} shows {leaked[:3]}"
    options = people_options(tab, url)
    assert options and all(o.startswith("Person ") for o in options)
    export = csv_export(tab, url)
    assert export[c.NAME].str.startswith("Person ").all()
    assert not set(secrets) & set(export.astype(str).to_numpy().ravel())
    for fmt, text in exports_text(tab, url).items():
        if fmt != "pdf":  # the PDF's cohorts are counted, not named, when names are hidden
            assert "Person " in text, f"the {fmt} report has no pseudonyms"
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"the {fmt} report shows {leaked[:3]}"


def test_an_unlisted_address_is_turned_away_politely(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, _ = signed_app
    sign_in(tab, url, "eko@lain.co.id")
    html = str(tab.content())  # type: ignore[attr-defined]
    assert "has not been opened to you" in html and "eko@lain.co.id" in html
    assert not [name for name in people[c.NAME] if name in html]
    assert "Sign out" in html


def test_a_broken_access_file_lets_nobody_in(
    signed_app: tuple[str, Path], tab: object, people: pd.DataFrame
) -> None:
    url, access = signed_app
    try:
        access.write_text(ACCESS.replace('role = "planner"', 'role = "superuser"'), encoding="utf-8")
        html = page_text(tab, url, "")
        assert "its access file has a problem" in html and "line 8" in html and "superuser" in html
        assert str(access.parent) not in html  # anyone can reach this page: no folder of the server
        assert "Team Skills-Gap Dashboard" in html and "calibration page" not in html  # no page list
        assert "Sign in" not in tab.get_by_role("button").all_inner_texts()  # type: ignore[attr-defined]
    finally:
        access.write_text(ACCESS, encoding="utf-8")
