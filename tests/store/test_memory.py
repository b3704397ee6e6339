"""What the store remembers besides rounds: mappings, framework versions, plans, workspaces."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text

from analytics.framework import default_framework, framework_from_dict
from analytics.ingest import IngestResult
from analytics.store import NameTaken, NotFound, Store, StoreError


def test_a_mapping_is_found_again_by_the_forms_headers(store: Store) -> None:
    headers = ["Timestamp", "Name", "Social media strategy", "Setting goals and KPIs"]
    store.remember_mapping(
        headers,
        {"Social media strategy": "marketing_strategy"},
        {"Sosmed lead": "social_media_manager"},
        "me",
    )
    again = store.mapping_for(["setting goals and KPIs", "name", "Social  media strategy", "TIMESTAMP"])
    assert again is not None
    assert again.columns == {"Social media strategy": "marketing_strategy"}
    assert again.roles == {"Sosmed lead": "social_media_manager"}
    assert store.mapping_for([*headers, "Office"]) is None
    store.remember_mapping(headers, {}, {}, "me")
    assert store.mapping_for(headers).columns == {}  # type: ignore[union-attr]


def test_framework_versions(store: Store) -> None:
    data = default_framework().to_dict()
    data["name"] = "Our framework"
    ours = framework_from_dict(data, origin="test")
    first = store.save_framework("Growth team 2026", ours, "me")
    with pytest.raises(NameTaken, match="Growth team 2026"):
        store.save_framework("Growth team 2026", default_framework(), "me")
    assert [v.name for v in store.frameworks()] == ["Growth team 2026"]
    assert store.open_framework(first.id).digest == ours.digest
    with pytest.raises(NotFound):
        store.open_framework(first.id + 100)


def test_plans_go_with_their_round(store: Store, sample_result: IngestResult) -> None:
    info = store.save_round("R", sample_result, default_framework(), "s.xlsx", "d", "me")
    members = pd.DataFrame(
        {
            "skill_id": ["reporting", "reporting", "web_analytics"],
            "respondent_id": ["a@x", "b@x", "a@x"],
            "action": ["Course"] * 3,
        }
    )
    plan = store.save_plan(info.id, "Q3 plan", members, "me")
    assert plan.skills == ("reporting", "web_analytics")
    assert plan.n_people == 2
    pd.testing.assert_frame_equal(store.plan_members(plan.id), members, check_dtype=False)
    # Saving under the same name replaces the plan.
    store.save_plan(info.id, "Q3 plan", members.iloc[:1], "me")
    assert [p.n_people for p in store.plans([info.id])] == [1]
    store.delete_round("R")
    assert store.plans() == []
    with pytest.raises(NotFound):
        store.save_plan(info.id, "Late", members, "me")


def test_a_failing_plan_save_keeps_the_plan_before(store: Store, sample_result: IngestResult) -> None:
    info = store.save_round("R", sample_result, default_framework(), "s.xlsx", "d", "me")
    members = pd.DataFrame({"skill_id": ["reporting"], "respondent_id": ["a@x"], "action": ["Course"]})
    store.save_plan(info.id, "Plan", members, "me")
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "CREATE FUNCTION no_plans() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER no_plans BEFORE INSERT ON plans FOR EACH ROW EXECUTE FUNCTION no_plans()"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE TRIGGER no_plans BEFORE INSERT ON plans BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
    with pytest.raises(StoreError, match="disk full"):
        store.save_plan(info.id, "Plan", pd.concat([members] * 3), "me")
    assert [p.n_people for p in store.plans()] == [1]


def test_workspaces(store: Store) -> None:
    assert store.workspace("abc") is None
    store.save_workspace("abc", {"data": {"kind": "sample"}, "teams": ["Growth"]})
    store.save_workspace("abc", {"data": {"kind": "stored", "rounds": [1, 2]}})
    assert store.workspace("abc") == {"data": {"kind": "stored", "rounds": [1, 2]}}
