"""The Framework page in AppTest: view, edit targets in the grid, download, upload with validation."""

from __future__ import annotations

import json

import yaml
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework, parse_framework
from analytics.ingest import read_survey
from tests.helpers.app import ROOT, SAMPLE
from ui.state import SAMPLE_OFFERED


def framework_page(with_sample: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if not with_sample:
        at.session_state[SAMPLE_OFFERED] = True  # start without the sample data
    at.run()
    at.switch_page("app_pages/framework_page.py").run()
    assert not at.exception
    return at


def readiness(at: AppTest) -> str:
    at.switch_page("app_pages/overview_page.py").run()
    assert not at.exception
    return {m.label: m.value for m in at.metric}["Team readiness"]


def upload(at: AppTest, name: str, text: str) -> AppTest:
    at.file_uploader(key="fw_upload").set_value((name, text.encode(), "application/x-yaml")).run()
    assert not at.exception
    return at


def test_framework_page_shows_the_framework_and_its_yaml() -> None:
    at = framework_page()
    framework = default_framework()
    targets, importance = (editor.value for editor in at.data_editor)
    assert list(targets.columns) == [r.name for r in framework.roles]
    assert len(targets) == len(framework.skills)
    frame = framework.targets_frame()
    first = frame[(frame[c.ROLE_ID] == framework.roles[0].id) & (frame[c.SKILL_ID] == framework.skills[0].id)]
    assert targets.iloc[0, 0] == first[c.TARGET].item()
    assert importance.iloc[0, 0] == first[c.IMPORTANCE].item()
    assert at.download_button(key="fw_download").label == "Download framework (YAML)"
    assert framework.name in at.caption[0].value


def test_editing_a_target_changes_the_analysis_at_once() -> None:
    at = framework_page(with_sample=True)
    framework = default_framework()
    before = readiness(at)
    at.switch_page("app_pages/framework_page.py").run()
    # Every role's target for the first skill goes to the top of the scale.
    key = at.data_editor[0].key
    top = float(framework.scale.max)
    at.session_state[key] = {
        "edited_rows": {0: {role.name: top for role in framework.roles}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    edited = at.session_state["framework"]
    frame = edited.targets_frame()
    assert set(frame.loc[frame[c.SKILL_ID] == framework.skills[0].id, c.TARGET]) == {top}
    pairs = gaps.rating_pairs(read_survey(SAMPLE.read_bytes(), edited, SAMPLE.name).ratings, edited)
    latest = pairs[pairs[c.ROUND] == "2026-Q3"]
    after = readiness(at)
    assert after == f"{latest[c.AT_TARGET].mean():.0%}"
    assert after != before
    # The edited framework downloads as YAML that reads back to the same targets.
    at.switch_page("app_pages/framework_page.py").run()
    assert parse_framework(edited.to_yaml()).targets_frame().equals(edited.targets_frame())


def test_uploading_a_broken_framework_lists_its_problems_and_keeps_the_old_one() -> None:
    at = upload(
        framework_page(), "broken.yaml", "name: Broken\nscale:\n  min: 1\n  max: 5\nareas: []\nroles: []\n"
    )
    assert at.error, "a broken framework must be reported"
    assert "was not used" in at.error[0].value
    assert "problem" in at.error[0].value
    assert at.session_state["framework"] == default_framework()


def test_uploading_a_valid_framework_uses_it_and_reset_goes_back() -> None:
    data = default_framework().to_dict()
    data["name"] = "Our own framework"
    data["roles"][0]["targets"][data["areas"][0]["skills"][0]["id"]]["target"] = 1
    at = upload(framework_page(with_sample=True), "ours.yaml", yaml.safe_dump(data, sort_keys=False))
    assert not at.error
    assert "Our own framework" in at.caption[0].value
    assert at.session_state["framework"].name == "Our own framework"
    at.button(key="fw_reset").click().run()
    assert at.session_state["framework"] == default_framework()


def test_target_grids_have_whole_role_names_and_a_pinned_skill_column() -> None:
    at = framework_page()
    framework = default_framework()
    names = [r.name for r in framework.roles]
    for editor in at.data_editor:
        config = json.loads(editor.proto.columns)
        # The first column is the skill, capitalised and pinned, wide enough for the longest name.
        skill = config["_index"]
        assert skill["label"] == "Skill" and skill["pinned"] is True
        assert skill["width"] >= 7 * max(len(s.name) for s in framework.skills)
        # Role columns carry the whole role name, never an abbreviation, and room for it.
        assert [config[name]["label"] for name in names] == names
        assert [config[name]["help"] for name in names] == names
        assert all(config[name]["width"] >= 7 * len(name) for name in names)
        # The edited values keep the full role names.
        assert list(editor.value.columns) == names
