"""Saved rounds on the Data page, and a browser's workspace after a reload (AppTest, real SQLite store).

A reload is a new session of the same browser: a new AppTest given the first one's
workspace token, which the browser would send in its cookie.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps as g
from analytics.framework import default_framework, framework_from_dict
from analytics.ingest import read_survey
from analytics.store import Store
from tests.helpers.app import SAMPLE, new_app, open_page, table, upload, with_sample
from ui import analysis, workspace
from ui.state import SAMPLE_OFFERED

TEAM_CSV = (
    b"Name,Team,Role,Campaign planning,Web analytics\n"
    b"Ayu,Growth,Digital Marketer,2,3\n"
    b"Budi,Growth,Digital Marketer,4,1\n"
    b"Citra,Care,Digital Marketer,3,3\n"
)
LATER_CSV = TEAM_CSV.replace(b"Ayu,Growth,Digital Marketer,2,3", b"Ayu,Growth,Digital Marketer,4,4")


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at


def _save(at: AppTest, name: str) -> AppTest:
    at.text_input(key="data_save_name").set_value(name).run()
    return _ok(at.button(key="data_save").click().run())


def _texts(elements: Any) -> str:
    return " | ".join(str(e.value) for e in elements)


def _reload(at: AppTest) -> AppTest:
    """The same browser opening the app again: a new session that sends the workspace cookie."""
    again = new_app()
    again.session_state[workspace.TOKEN] = at.session_state[workspace.TOKEN]
    return _ok(again.run())


def test_an_upload_is_saved_as_a_round_and_listed(fresh_store: Path) -> None:
    at = upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV)
    assert "team.csv (not saved as a round yet)" in _texts(at.success)
    # A file with one round suggests that round's label as the name.
    assert at.text_input(key="data_save_name").value == "Round 1"
    at = _save(at, "March 2026")
    assert "Saved as round **March 2026**: 3 people, 6 ratings" in _texts(at.info)
    assert "Stored round\\: March 2026" in at.sidebar.markdown[0].value
    stored = Store.open(f"sqlite:///{fresh_store / 'skills.db'}").rounds()
    assert [(r.name, r.n_people, r.n_ratings, r.source_name) for r in stored] == [
        ("March 2026", 3, 6, "team.csv")
    ]
    assert at.multiselect(key="data_open_rounds").value == [stored[0].id]
    # The round on screen is named as stored, and the sidebar's round filter offers it.
    assert at.sidebar.selectbox(key="filter_round").value == "March 2026"


def test_the_same_file_twice_is_asked_and_a_taken_name_refused(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March 2026")
    at = _save(upload(at, "team (copy).csv", TEAM_CSV), "Copy")
    assert "This file was saved before, as 'March 2026'" in _texts(at.warning)
    at = _ok(at.button(key="data_save_again").click().run())
    assert "Saved as round **Copy**" in _texts(at.info)
    at = _save(upload(at, "later.csv", LATER_CSV), "March 2026")
    assert "A round named 'March 2026' is already stored" in _texts(at.warning)
    names = [r.name for r in Store.open(f"sqlite:///{fresh_store / 'skills.db'}").rounds()]
    assert names == ["March 2026", "Copy"]


def test_two_stored_rounds_open_together(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "march.csv", TEAM_CSV), "2026-03")
    at = _save(upload(at, "june.csv", LATER_CSV), "2026-06")
    ids = at.multiselect(key="data_open_rounds").options
    at.multiselect(key="data_open_rounds").set_value(["2026-03", "2026-06"]).run()
    at = _ok(at.button(key="data_open").click().run())
    assert len(ids) == 2
    assert at.sidebar.selectbox(key="filter_round").options == ["2026-03", "2026-06"]
    assert "Stored rounds\\: 2026-03, 2026-06" in at.sidebar.markdown[0].value
    # Ayu's campaign planning went from 2 to 4 between the rounds (the files above).
    ratings = at.session_state["view"].ratings
    ayu = ratings[(ratings[c.NAME] == "Ayu") & (ratings[c.SKILL_ID] == "campaign_planning")]
    assert dict(zip(ayu[c.ROUND], ayu[c.RATING], strict=True)) == {"2026-03": 2.0, "2026-06": 4.0}


def test_rename_and_delete_with_confirmation(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    at.text_input(key="data_rename_to").set_value("Maret 2026").run()
    at = _ok(at.button(key="data_rename").click().run())
    assert at.sidebar.selectbox(key="filter_round").value == "Maret 2026"
    at = _ok(at.button(key="data_delete").click().run())
    assert "Delete round **Maret 2026**" in _texts(at.warning)
    at = _ok(at.button(key="data_delete_no").click().run())
    assert Store.open(f"sqlite:///{fresh_store / 'skills.db'}").rounds()
    at = _ok(at.button(key="data_delete").click().run())
    at = _ok(at.button(key="data_delete_yes").click().run())
    assert Store.open(f"sqlite:///{fresh_store / 'skills.db'}").rounds() == []
    assert "Deleted round **Maret 2026**" in _texts(at.info)
    assert "none loaded yet" in at.sidebar.markdown[0].value


def test_the_sample_cannot_be_saved(fresh_store: Path) -> None:
    at = open_page(with_sample(), "data")
    assert "The sample data is a demo: it is never saved into your rounds." in _texts(at.caption)
    assert not [b for b in at.button if b.key == "data_save"]


def test_a_reload_comes_back_to_the_upload_its_corrections_and_filters(fresh_store: Path) -> None:
    at = upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV)
    at.session_state["column_fixes"] = {"Web analytics": ""}
    at.sidebar.multiselect(key="filter_teams").set_value(["Growth"]).run()
    at = _ok(at)
    again = _reload(at)
    assert "team.csv (not saved as a round yet)" in again.sidebar.markdown[0].value
    assert again.session_state["column_fixes"] == {"Web analytics": ""}
    assert again.sidebar.multiselect(key="filter_teams").value == ["Growth"]
    # Only campaign planning is a skill now: 3 people's ratings, not 6.
    assert int(again.session_state["view"].ratings[c.RATING].notna().sum()) == 3


def test_after_a_server_restart_an_unsaved_upload_is_explained(fresh_store: Path) -> None:
    at = upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV)
    analysis._shelf().clear()  # what a restart of the server does to its memory
    again = open_page(_reload(at), "data")
    assert "Your upload **team.csv** was not saved as a round" in _texts(again.info)
    assert "none loaded yet" in again.sidebar.markdown[0].value


def test_a_reload_comes_back_to_stored_rounds(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    analysis._shelf().clear()
    again = _reload(at)
    assert "Stored round\\: March" in again.sidebar.markdown[0].value
    assert again.sidebar.selectbox(key="filter_round").value == "March"


def test_a_form_seen_before_maps_itself(fresh_store: Path) -> None:
    headers = ["Name", "Team", "Role", "Campaign planning", "Web analytics"]
    store = Store.open(f"sqlite:///{fresh_store / 'skills.db'}")
    store.remember_mapping(headers, {"Web analytics": ""}, {}, "someone")
    at = upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV)
    assert "This form was seen before: 1 correction" in _texts(at.info)
    assert at.session_state["column_fixes"] == {"Web analytics": ""}
    assert int(at.session_state["view"].ratings[c.RATING].notna().sum()) == 3


def test_a_store_that_is_down_leaves_the_app_working(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://skills@127.0.0.1:9/skills")
    at = open_page(with_sample(), "data")
    assert "did not answer" in _texts(at.warning)
    assert "Sample data" in at.sidebar.markdown[0].value
    at = upload(at, "team.csv", TEAM_CSV)
    assert "team.csv (not saved as a round yet)" in _texts(at.success)


def test_a_round_is_shown_against_its_own_framework_and_can_be_rescored(fresh_store: Path) -> None:
    data = default_framework().to_dict()
    for target in data["roles"][0]["targets"].values():
        target["target"] = 5
    edited = framework_from_dict(data, origin="edited")
    result = read_survey(SAMPLE.read_bytes(), edited, SAMPLE.name)
    store = Store.open(f"sqlite:///{fresh_store / 'skills.db'}")
    info = store.save_round("Old targets", result, edited, "s.xlsx", "digest", "someone")
    at = new_app(empty=True)
    at = open_page(_ok(at.run()), "data")
    at.multiselect(key="data_open_rounds").set_value([info.id]).run()
    at = _ok(at.button(key="data_open").click().run())
    assert at.session_state["framework"].digest == edited.digest
    assert "Shown against the framework saved with the round" in _texts(at.info)
    at = _ok(at.button(key="data_rescore").click().run())
    assert at.session_state["framework"].digest == default_framework().digest


def test_the_empty_app_offers_stored_rounds(fresh_store: Path) -> None:
    _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    fresh = new_app()
    fresh.session_state[SAMPLE_OFFERED] = True
    fresh = open_page(_ok(fresh.run()), "data")
    assert fresh.multiselect(key="data_open_rounds").options == ["March"]


def test_a_training_plan_is_saved_with_its_round_and_comes_back(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    at = open_page(at, "priorities")
    at = _ok(at.button(key="prio_save_plan").click().run())
    plans = Store.open(f"sqlite:///{fresh_store / 'skills.db'}").plans()
    # Targets are 4: campaign planning is below for Ayu (2) and Citra (3), web analytics for all
    # three (3, 1, 3): two skills, three people, five places in cohorts.
    assert [(p.name, p.skills, p.n_people) for p in plans] == [
        (
            "Plan for March",
            ("web_analytics", "campaign_planning"),
            3,
        )  # the plan's order: highest priority first
    ]
    cohorts = at.session_state["view"].cohorts
    assert len(cohorts) == 5
    # Digital Marketer targets (default framework) decide who is below; the plan's cohorts are
    # exactly the people below target on its skills in this round.
    pairs = at.session_state["view"].pairs
    planned = set(cohorts[c.SKILL_ID])
    below = pairs[(pairs["shortfall"] > 0) & pairs[c.SKILL_ID].isin(planned)]
    assert set(zip(cohorts[c.SKILL_ID], cohorts[c.RESPONDENT_ID], strict=True)) == set(
        zip(below[c.SKILL_ID].astype(str), below[c.RESPONDENT_ID].astype(str), strict=True)
    )
    assert set(cohorts[c.ROUND]) == {"March"}
    again = _reload(at)
    assert again.session_state["view"].cohorts is not None
    assert len(again.session_state["view"].cohorts) == len(cohorts)


def test_a_plan_needs_a_stored_round(fresh_store: Path) -> None:
    at = open_page(with_sample(), "priorities")
    assert not [b for b in at.button if b.key == "prio_save_plan"]
    assert "Save a plan with a stored round" in _texts(at.caption)


def test_framework_versions_are_saved_and_used_again(fresh_store: Path) -> None:
    at = open_page(with_sample(), "framework")
    at.text_input(key="fw_version_name").set_value("Default, December").run()
    at = _ok(at.button(key="fw_save_version").click().run())
    at = _ok(at.button(key="fw_save_version").click().run())
    assert "Give the framework version a name" in _texts(at.warning)
    data = default_framework().to_dict()
    data["name"] = "Another framework"
    at.session_state["framework"] = framework_from_dict(data, origin="test")
    at = _ok(at.run())
    (listed,) = at.selectbox(key="fw_version").options
    assert listed.startswith("Default, December (saved ")
    at = _ok(at.button(key="fw_open_version").click().run())
    assert at.session_state["framework"].digest == default_framework().digest


def test_did_the_training_work_with_a_plan_saved_with_the_earlier_round(fresh_store: Path) -> None:
    """Worked by hand: every Digital Marketer's target is 4 on both skills. In March, campaign
    planning is below target for Ayu (2) and Citra (3), web analytics for all three (3, 1, 3),
    so those are the plan's cohorts. By June only Ayu moved: campaign planning 2 -> 4 (+2), web
    analytics 3 -> 4 (+1). Campaign planning: cohort (Ayu, Citra) +1.0, the other (Budi) 0, a
    difference of +1.0. Web analytics: all three were in the cohort (+1/3), nobody to compare."""
    at = _save(upload(open_page(with_sample(), "data"), "march.csv", TEAM_CSV), "2026-03")
    at = _ok(open_page(at, "priorities").button(key="prio_save_plan").click().run())
    at = _save(upload(open_page(at, "data"), "june.csv", LATER_CSV), "2026-06")
    at.multiselect(key="data_open_rounds").set_value(["2026-03", "2026-06"]).run()
    at = open_page(_ok(at.button(key="data_open").click().run()), "trends")
    assert "not proof" in _texts(at.warning)
    training = at.session_state["view"].cohorts
    assert set(training[c.ROUND]) == {"2026-03"}
    rows = {row["skill"]: row for row in table(at, "trend_training").value.to_dict("records")}
    assert set(rows) == {"Campaign planning", "Web and social analytics"}
    campaign, web = rows["Campaign planning"], rows["Web and social analytics"]
    assert (campaign[g.COHORT_PEOPLE], campaign[g.COHORT_CHANGE]) == (2, 1.0)
    assert (campaign[g.OTHERS_PEOPLE], campaign[g.OTHERS_CHANGE], campaign[g.CHANGE_DIFFERENCE]) == (
        1,
        0.0,
        1.0,
    )
    assert web[g.COHORT_PEOPLE] == 3
    assert web[g.COHORT_CHANGE] == pytest.approx(1 / 3)
    assert web[g.OTHERS_PEOPLE] == 0
    assert pd.isna(web[g.CHANGE_DIFFERENCE])


def test_a_store_outage_during_a_reload_leaves_the_workspace_as_it_was(fresh_store: Path) -> None:
    import time

    from analytics.store import StoreUnavailable
    from ui.rounds import store_url

    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    url = store_url()
    analysis._stores()[url] = (time.monotonic(), StoreUnavailable("The store is down (test)."))
    during = _reload(at)
    assert "Sample data" in during.sidebar.markdown[0].value
    during.sidebar.radio(key="rater_source").set_value("manager").run()  # a change that would be written
    analysis.forget_store(url)
    after = _reload(at)
    assert "Stored round\\: March" in after.sidebar.markdown[0].value


def test_a_question_about_one_file_is_not_asked_of_the_next(fresh_store: Path) -> None:
    at = _save(upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV), "March")
    at = _save(upload(at, "team.csv", TEAM_CSV), "Copy")
    assert "saved before" in _texts(at.warning)
    at = upload(at, "later.csv", LATER_CSV)
    assert "saved before" not in _texts(at.warning)
    at = _save(at, "June")
    names = [r.name for r in Store.open(f"sqlite:///{fresh_store / 'skills.db'}").rounds()]
    assert names == ["March", "June"]


def test_renaming_the_round_on_screen_keeps_a_rescore(fresh_store: Path) -> None:
    data = default_framework().to_dict()
    data["name"] = "Edited targets"
    edited = framework_from_dict(data, origin="edited")
    store = Store.open(f"sqlite:///{fresh_store / 'skills.db'}")
    info = store.save_round("Old", read_survey(TEAM_CSV, edited, "t.csv"), edited, "t.csv", "d", "someone")
    at = open_page(_ok(new_app(empty=True).run()), "data")
    at.multiselect(key="data_open_rounds").set_value([info.id]).run()
    at = _ok(at.button(key="data_open").click().run())
    at = _ok(at.button(key="data_rescore").click().run())
    at.text_input(key="data_rename_to").set_value("Older").run()
    at = _ok(at.button(key="data_rename").click().run())
    assert at.sidebar.selectbox(key="filter_round").value == "Older"
    assert at.session_state["framework"].digest == default_framework().digest


def test_two_tabs_of_one_browser_keep_their_uploads(fresh_store: Path) -> None:
    first = upload(open_page(with_sample(), "data"), "team.csv", TEAM_CSV)
    second = new_app()
    second.session_state[workspace.TOKEN] = first.session_state[workspace.TOKEN]
    upload(open_page(_ok(second.run()), "data"), "later.csv", LATER_CSV)
    # The first tab is used last, so a reload comes back to its upload.
    first.sidebar.radio(key="rater_source").set_value("manager").run()
    again = _reload(first)
    assert "team.csv (not saved as a round yet)" in again.sidebar.markdown[0].value
