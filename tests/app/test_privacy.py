"""Privacy on every page: with names hidden, no real name or e-mail reaches the browser on any
page, in a table, a chart, a tooltip or an export; figures of small groups say why they are gone."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics.ingest import IngestResult
from analytics.privacy import NOT_SHOWN
from analytics.store import Store
from tests.helpers.app import Deferred, download, metrics, open_page, page_source, upload, with_sample
from ui.access import ANONYMISE_WIDGET

PAGES = (
    "overview",
    "data",
    "competencies",
    "people",
    "priorities",
    "trends",
    "calibration",
    "reports",
    "framework",
)


def secrets_of(result: IngestResult) -> set[str]:
    """Every real name and e-mail of the sample survey."""
    ratings = result.ratings
    return {str(x) for col in (c.NAME, c.EMAIL, c.RESPONDENT_ID) for x in ratings[col].dropna().unique()}


@pytest.fixture(scope="module")
def anonymised() -> AppTest:
    at = with_sample()
    at.toggle(key=ANONYMISE_WIDGET).set_value(True).run()
    assert not at.exception
    return at


def test_the_sample_names_are_on_the_pages_without_the_switch(sample_result: IngestResult) -> None:
    """The check below can fail: with names shown, the People page sends them."""
    at = open_page(with_sample(), "people")
    source = page_source(at)
    assert any(secret in source for secret in secrets_of(sample_result))


@pytest.mark.parametrize("page", PAGES)
def test_no_real_name_or_email_on_any_page(
    anonymised: AppTest, page: str, sample_result: IngestResult
) -> None:
    at = open_page(anonymised, page)
    source = page_source(at)
    leaked = sorted(secret for secret in secrets_of(sample_result) if secret in source)
    assert not leaked, f"{page} shows {leaked[:5]}"


def test_the_people_page_lists_pseudonyms(anonymised: AppTest) -> None:
    at = open_page(anonymised, "people")
    options = at.selectbox(key="people_person").options
    assert options and all(str(o).startswith("Person ") for o in options)


def test_exports_of_an_anonymised_view_are_anonymised(
    anonymised: AppTest, deferred: Deferred, sample_result: IngestResult
) -> None:
    at = open_page(anonymised, "reports")
    assert at.toggle(key="report_anonymise_forced").value is True
    for fmt in ("csv", "xlsx", "html"):
        at.radio(key="report_format").set_value(fmt).run()
        data, _, name = download(at, deferred)
        assert str(name).endswith(f"-anonymised.{fmt}")
        text = data.decode("utf-8", errors="ignore") if fmt != "xlsx" else _xlsx_text(data)
        leaked = sorted(secret for secret in secrets_of(sample_result) if secret in text)
        assert not leaked, f"{fmt} holds {leaked[:5]}"
    # The export's pseudonyms are the pages'.
    at.radio(key="report_format").set_value("csv").run()
    data, _, _ = download(at, deferred)
    people = set(open_page(anonymised, "people").selectbox(key="people_person").options)
    exported = set(pd.read_csv(io.BytesIO(data))[c.NAME])
    assert exported and all(any(option.startswith(name) for option in people) for name in exported)


def test_a_selection_under_three_people_shows_the_reason_instead_of_figures(
    anonymised: AppTest, sample_latest: pd.DataFrame
) -> None:
    """A team and role that fewer than three people share: no page draws their figures."""
    counts = sample_latest.groupby([c.TEAM, c.ROLE_ID], observed=True)[c.RESPONDENT_ID].nunique()
    (team, role), _ = next((k, n) for k, n in counts.items() if 0 < n < 3)
    at = open_page(anonymised, "overview")
    at.multiselect(key="filter_teams").set_value([team]).run()
    at.multiselect(key="filter_roles").set_value([role]).run()
    for page in ("overview", "competencies", "people", "priorities", "trends", "calibration", "reports"):
        open_page(at, page)
        assert any("so nobody can be singled out" in str(i.value) for i in at.info), page
        assert not at.get("plotly_chart") and not at.metric, page
    at.multiselect(key="filter_roles").set_value([]).run()
    open_page(at, "overview")
    assert at.metric and not any("so nobody can be singled out" in str(i.value) for i in at.info)
    at.multiselect(key="filter_teams").set_value([]).run()


def test_within_a_larger_selection_small_groups_say_why_they_are_hidden(anonymised: AppTest) -> None:
    """The whole sample, names hidden: a role of the area held by fewer than three is left out
    of the Competencies spread with the reason, or every role has three or more."""
    at = open_page(anonymised, "competencies")
    view = at.session_state["view"]
    pairs = view.pairs[view.pairs[c.AREA_ID] == at.selectbox(key="comp_area").value]
    small = int((pairs.groupby(c.ROLE_ID, observed=True)[c.RESPONDENT_ID].nunique() < 3).sum())
    captions = " ".join(str(x.value) for x in at.caption)
    assert ("not shown, so nobody can be singled out" in captions) == bool(small)
    assert NOT_SHOWN.format(n=3) not in metrics(at).values()


def _xlsx_text(data: bytes) -> str:
    from tests.helpers.reports import xlsx_text

    return xlsx_text(data)


def test_hiding_names_keeps_who_the_planner_left_out() -> None:
    """A person left out of a cohort stays out with names hidden and after, under either id."""
    from tests.app.test_plan_page import edit, editor, plan_of

    at = open_page(with_sample(), "priorities")
    skill_id = str(editor(at, "prio_plan_edit").value["skill_id"].iloc[0])
    people = int(plan_of(at).table.frame.iloc[0]["in_plan"])
    at = edit(at, f"prio_cohort_{skill_id}", {0: {"takes_part": False}})
    assert int(plan_of(at).table.frame.iloc[0]["in_plan"]) == people - 1
    at.toggle(key=ANONYMISE_WIDGET).set_value(True).run()
    view = at.session_state["view"]
    assert all(p.startswith("Person ") for _, p in view.choices.left_out)
    assert int(plan_of(at).table.frame.iloc[0]["in_plan"]) == people - 1
    at.toggle(key=ANONYMISE_WIDGET).set_value(False).run()
    assert int(plan_of(at).table.frame.iloc[0]["in_plan"]) == people - 1
    assert not any(p.startswith("Person ") for _, p in at.session_state["view"].choices.left_out)


def test_an_admin_with_names_hidden_saves_the_round_as_it_is(fresh_store: Path) -> None:
    """The switch hides names on screen; the round saved keeps them, for everyone who opens it."""
    data = (
        b"Name,Email,Team,Role,Rate your skills [Campaign planning]\n"
        b"Ayu Lestari,ayu@contoh.co.id,Growth,Digital Marketing Specialist,2\n"
        b"Budi Santoso,budi@contoh.co.id,Growth,Digital Marketing Specialist,4\n"
    )
    at = upload(open_page(with_sample(), "data"), "Budi Santoso.csv", data)
    at.toggle(key=ANONYMISE_WIDGET).set_value(True).run()
    assert "Budi" not in page_source(at)  # the file's name is hidden too
    at.text_input(key="data_save_name").set_value("March 2026").run()
    at.button(key="data_save").click().run()
    assert not at.exception
    store = Store.open(f"sqlite:///{fresh_store / 'skills.db'}")
    try:
        (saved,) = store.rounds()
        ratings = store.open_round(saved.id).result.ratings
    finally:
        store.close()
    assert set(ratings[c.NAME].astype(str)) == {"Ayu Lestari", "Budi Santoso"}
    assert saved.source_name == "Budi Santoso.csv"
