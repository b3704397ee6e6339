"""A framework in two languages: Indonesian names, descriptions and action titles beside the English.

A tiny framework written here carries the optional Indonesian fields (``name_id``,
``description_id`` on levels, areas, skills and roles; ``title_id``, ``description_id`` on
learning actions) on some items and not on others, so each expected value can be read off
the dict: what a page shows switches with the session's language and falls back to the
English where the framework has no Indonesian, while ``name`` stays the English source.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest

from analytics import gaps, i18n, plans
from analytics.framework import (
    Area,
    Framework,
    FrameworkError,
    Role,
    Skill,
    default_framework,
    framework_from_dict,
    parse_framework,
)
from analytics.ingest import read_survey
from analytics.matching import Matcher
from analytics.views import framework_tables as ft
from analytics.views import plan as pl
from analytics.views import plan_grids as grids
from analytics.views.names import framework_names
from analytics.views.priorities import priorities_view
from analytics.views.selection import Filters, apply_filters
from tests.helpers.tidy import WA, three_people


def _data() -> dict[str, Any]:
    return {
        "name": "Two languages",
        "name_id": "Dua bahasa",
        "version": "1",
        "scale": {
            "min": 1,
            "max": 3,
            "levels": [
                # Its Indonesian name is one of its aliases too: that is no clash.
                {"level": 1, "name": "Beginner", "name_id": "Pemula", "description": "Needs help",
                 "description_id": "Perlu dibantu", "aliases": ["Pemula", "Basic"]},
                {"level": 2, "name": "Intermediate", "name_id": "Menengah", "description": "On their own"},
                {"level": 3, "name": "Expert", "description": "Coaches others"},
            ],
            "not_applicable": ["N/A"],
        },
        "areas": [
            {
                "id": "planning",
                "name": "Planning",
                "name_id": "Perencanaan",
                "description": "Plans the work",
                "description_id": "Merencanakan pekerjaan",
                "skills": [
                    {
                        "id": "campaigns",
                        "name": "Campaign planning",
                        "name_id": "Perencanaan kampanye",
                        "description": "Brief to wrap-up",
                        "description_id": "Dari brief sampai evaluasi",
                        "aliases": ["Campaign management"],
                        "levels": {1: "Helps", 3: "Leads"},
                        "levels_id": {1: "Membantu", 3: "Memimpin"},
                    },
                    {"id": "budgets", "name": "Budgeting", "description": "Splits the budget"},
                ],
            },
        ],
        "roles": [
            {
                "id": "specialist",
                "name": "Digital Marketing Specialist",
                "name_id": "Spesialis Pemasaran Digital",
                "description": "Runs campaigns",
                "description_id": "Menjalankan campaign",
                "aliases": ["Digital Marketer"],
                "targets": {"campaigns": {"target": 3, "importance": 3}, "budgets": {"target": 2, "importance": 1}},
            },
            {
                "id": "manager",
                "name": "Digital Marketing Manager",
                "targets": {"campaigns": {"target": 3, "importance": 2}, "budgets": {"target": 3, "importance": 3}},
            },
        ],
        "learning": {
            "campaigns": [
                {"title": "Campaign course", "title_id": "Kursus perencanaan kampanye", "format": "course",
                 "hours": 6, "description": "Learn to plan", "description_id": "Belajar merencanakan"},
                {"title": "Plan a campaign", "format": "project", "hours": 4, "description": "Do it"},
            ],
        },
    }  # fmt: skip


@pytest.fixture
def framework() -> Framework:
    return framework_from_dict(_data())


def test_the_indonesian_fields_are_read_beside_the_english(framework: Framework) -> None:
    levels = framework.scale.levels
    assert [(lv.name, lv.name_id) for lv in levels] == [
        ("Beginner", "Pemula"),
        ("Intermediate", "Menengah"),
        ("Expert", ""),
    ]
    assert (levels[0].description_id, levels[1].description_id) == ("Perlu dibantu", "")
    area = framework.area("planning")
    assert (area.name, area.name_id, area.description_id) == (
        "Planning",
        "Perencanaan",
        "Merencanakan pekerjaan",
    )
    skill = framework.skill("campaigns")
    assert (skill.name, skill.name_id) == ("Campaign planning", "Perencanaan kampanye")
    assert skill.description_id == "Dari brief sampai evaluasi"
    assert framework.skill("budgets").name_id == framework.skill("budgets").description_id == ""
    role = framework.role("specialist")
    assert (role.name, role.name_id, role.description_id) == (
        "Digital Marketing Specialist",
        "Spesialis Pemasaran Digital",
        "Menjalankan campaign",
    )
    first, second = framework.actions_for("campaigns")
    assert (first.title, first.title_id, first.description_id) == (
        "Campaign course",
        "Kursus perencanaan kampanye",
        "Belajar merencanakan",
    )
    assert second.title_id == second.description_id == ""


def test_to_yaml_writes_the_indonesian_and_reads_back_the_same(framework: Framework) -> None:
    text = framework.to_yaml()
    for line in (
        "name_id: Dua bahasa",
        "name_id: Pemula",
        "description_id: Perlu dibantu",
        "name_id: Perencanaan",
        "name_id: Perencanaan kampanye",
        "name_id: Spesialis Pemasaran Digital",
        "title_id: Kursus perencanaan kampanye",
        "description_id: Belajar merencanakan",
    ):
        assert line in text
    assert parse_framework(text) == framework
    assert parse_framework(text).to_yaml() == text
    # An item without Indonesian gets no empty field.
    assert "name_id: ''" not in text and 'name_id: ""' not in text


def test_the_digest_covers_the_indonesian(framework: Framework) -> None:
    data = _data()
    data["areas"][0]["skills"][0]["name_id"] = "Perencanaan campaign"
    assert framework_from_dict(data).digest != framework.digest
    data = _data()
    data["learning"]["campaigns"][0]["description_id"] = "Lain"
    assert framework_from_dict(data).digest != framework.digest


def test_shown_texts_follow_the_language_and_fall_back_to_english(framework: Framework) -> None:
    skill, budgets = framework.skill("campaigns"), framework.skill("budgets")
    role, manager = framework.role("specialist"), framework.role("manager")
    action, other = framework.actions_for("campaigns")
    level, expert = framework.scale.levels[0], framework.scale.levels[2]
    assert skill.shown_name == "Campaign planning" and role.shown_name == "Digital Marketing Specialist"
    assert action.shown_title == "Campaign course" and level.shown_name == "Beginner"
    assert framework.shown_name == "Two languages"
    with i18n.language("id"):
        assert framework.shown_name == "Dua bahasa"
        assert (skill.shown_name, skill.shown_description) == (
            "Perencanaan kampanye",
            "Dari brief sampai evaluasi",
        )
        assert framework.area("planning").shown_name == "Perencanaan"
        assert (role.shown_name, role.shown_description) == (
            "Spesialis Pemasaran Digital",
            "Menjalankan campaign",
        )
        assert (action.shown_title, action.shown_description) == (
            "Kursus perencanaan kampanye",
            "Belajar merencanakan",
        )
        assert (level.shown_name, level.shown_description) == ("Pemula", "Perlu dibantu")
        # No Indonesian in the framework: the English is shown.
        assert (budgets.shown_name, budgets.shown_description) == ("Budgeting", "Splits the budget")
        assert manager.shown_name == "Digital Marketing Manager"
        assert (other.shown_title, other.shown_description) == ("Plan a campaign", "Do it")
        assert expert.shown_name == "Expert"
        assert framework.scale.levels[1].shown_description == "On their own"
        # The English stays the source.
        assert skill.name == "Campaign planning" and action.title == "Campaign course"
    assert skill.shown_name == "Campaign planning"


def test_level_names_and_descriptions_follow_the_language(framework: Framework) -> None:
    skill = framework.skill("campaigns")
    assert framework.scale.level_name(1.4) == "Beginner"
    assert skill.level_description(3) == "Leads"
    with i18n.language("id"):
        assert [framework.scale.level_name(x) for x in (1.4, 2.0, 2.6)] == ["Pemula", "Menengah", "Expert"]
        assert skill.level_description(3) == "Memimpin"
        assert skill.level_description(3, "en") == "Leads"
        assert framework.skill("budgets").level_description(1) == ""


def test_framework_names_are_kept_per_language(framework: Framework) -> None:
    assert framework_names(framework).skill["campaigns"] == "Campaign planning"
    with i18n.language("id"):
        names = framework_names(framework)
        assert names.skill == {"campaigns": "Perencanaan kampanye", "budgets": "Budgeting"}
        assert names.area == {"planning": "Perencanaan"}
        assert names.role["specialist"] == "Spesialis Pemasaran Digital"
    assert framework_names(framework).role["specialist"] == "Digital Marketing Specialist"


def test_an_indonesian_name_matches_as_an_alias_does(framework: Framework) -> None:
    matcher = Matcher(framework)
    assert matcher.role_for("Spesialis Pemasaran Digital") == "specialist"
    assert matcher.role_for("spesialis pemasaran digital") == "specialist"
    assert matcher.parse_rating("Menengah") == (2.0, 0)
    headers = ["Name", "Role", "Rate your skills [Perencanaan kampanye]", "Perencanaan kampanye (manager)"]
    matched = matcher.classify_headers(headers, {})
    assert [m.skill_id for m in matched[2:]] == ["campaigns", "campaigns"]
    assert matched[2].confidence == "high"


def test_a_survey_in_indonesian_names_reads_like_one_in_english(framework: Framework) -> None:
    def read(role: str, header: str, answer: str) -> tuple[str, str, float]:
        text = (
            f"Name,Email,Role,Rater,Rate your skills [{header}]\nAni,ani@example.com,{role},self,{answer}\n"
        )
        ratings = read_survey(text.encode(), framework, "survey.csv").ratings
        return ratings["role_id"].iloc[0], ratings["skill_id"].iloc[0], float(ratings["rating"].iloc[0])

    english = read("Digital Marketing Specialist", "Campaign planning", "Intermediate")
    assert english == ("specialist", "campaigns", 2.0)
    assert read("Spesialis Pemasaran Digital", "Perencanaan kampanye", "Menengah") == english


def test_an_indonesian_name_may_equal_its_own_alias_but_not_anothers() -> None:
    data = _data()
    data["areas"][0]["skills"][0]["aliases"].append("Perencanaan kampanye")
    data["roles"][0]["aliases"].append("Spesialis Pemasaran Digital")
    framework_from_dict(data)  # no problem
    data = _data()
    data["areas"][0]["skills"][1]["aliases"] = ["Perencanaan kampanye"]
    data["roles"][1]["aliases"] = ["Spesialis Pemasaran Digital"]
    data["scale"]["levels"][2]["aliases"] = ["Menengah"]
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data)
    problems = "\n".join(caught.value.problems)
    assert "skill name, alias or keyword 'perencanaan kampanye' is used more than once" in problems
    assert "role name or alias 'spesialis pemasaran digital' is used more than once" in problems
    assert "level label 'menengah' is used more than once" in problems


def test_indonesian_fields_are_checked_like_the_english() -> None:
    data = _data()
    data["areas"][0]["skills"][0]["name_id"] = ["not", "text"]
    data["learning"]["campaigns"][0]["title_id"] = {"a": 1}
    with pytest.raises(FrameworkError) as caught:
        framework_from_dict(data)
    assert [p for p in caught.value.problems if "name_id" in p or "title_id" in p] == [
        "areas[0].skills[0].name_id: expected text, found a list",
        "learning.campaigns[0].title_id: expected text, found a mapping",
    ]
    # Blank is the same as not given.
    data = _data()
    data["roles"][0]["name_id"] = "  "
    assert framework_from_dict(data).role("specialist").name_id == ""


def test_tables_grids_and_plans_show_the_session_language(framework: Framework) -> None:
    with i18n.language("id"):
        tables = ft.framework_tables(framework)
        assert list(tables["scale"]["name"]) == ["Pemula", "Menengah", "Expert"]
        # The English name is accepted too, and listed first among the words a survey may use.
        assert tables["scale"]["also accepted"][0] == "Beginner, Basic"
        assert list(tables["skills"]["skill"]) == ["Perencanaan kampanye", "Budgeting"]
        assert list(tables["learning"]["title"]) == ["Kursus perencanaan kampanye", "Plan a campaign"]
        targets, importance = ft.target_grids(framework)
        assert list(targets.columns) == ["Spesialis Pemasaran Digital", "Digital Marketing Manager"]
        assert targets.loc["Perencanaan kampanye", "Spesialis Pemasaran Digital"] == 3
        same = framework.with_targets(ft.targets_from_grids(framework, targets, importance))
        assert same == framework
        actions = plans.suggested_actions(framework)
        assert list(actions[plans.TITLE]) == ["Kursus perencanaan kampanye"]
        assert actions[plans.ALTERNATIVES][0].startswith("Plan a campaign (proyek, 4 ")
    tables = ft.framework_tables(framework)
    assert tables["scale"]["also accepted"][0] == "Pemula, Basic"
    assert list(tables["learning"]["title"]) == ["Campaign course", "Plan a campaign"]


def test_an_action_is_known_by_its_title_in_either_language(framework: Framework) -> None:
    action, other = framework.actions_for("campaigns")
    assert action.titled("Campaign course") and action.titled("Kursus perencanaan kampanye")
    assert not action.titled("") and not other.titled("") and not other.titled("Campaign course")


# --- the shipped framework -------------------------------------------------------------


def test_the_default_framework_names_everything_in_indonesian() -> None:
    framework = default_framework()
    assert framework.name_id == "Kerangka kompetensi pemasaran digital"
    for level in framework.scale.levels:
        assert level.name_id and level.description_id, level.value
    assert [lv.name_id for lv in framework.scale.levels] == [
        "Pemula",
        "Berkembang",
        "Menengah",
        "Mahir",
        "Ahli",
    ]
    items: list[Area | Skill | Role] = [*framework.areas, *framework.skills, *framework.roles]
    for item in items:
        assert item.name_id and item.description_id, item.id
    for action in framework.learning:
        assert action.title_id and action.description_id, (action.skill_id, action.title)


def test_the_default_frameworks_indonesian_names_read_back_as_their_items() -> None:
    framework = default_framework()
    matcher = Matcher(framework)
    for role in framework.roles:
        assert matcher.role_for(role.name_id) == role.id
    for level in framework.scale.levels:
        assert matcher.parse_rating(level.name_id) == (float(level.value), 0)
    headers = [f"Rate your skills [{s.name_id}]" for s in framework.skills]
    assert [m.skill_id for m in matcher.classify_headers(headers, {})] == [s.id for s in framework.skills]


def test_the_default_framework_in_english_is_unchanged_by_its_indonesian() -> None:
    framework = default_framework()
    data = copy.deepcopy(framework.to_dict())
    data.pop("name_id")
    for level in data["scale"]["levels"]:
        level.pop("name_id"), level.pop("description_id")
    for area in data["areas"]:
        area.pop("name_id"), area.pop("description_id")
        for skill in area["skills"]:
            skill.pop("name_id"), skill.pop("description_id")
    for role in data["roles"]:
        role.pop("name_id"), role.pop("description_id")
    english = framework_from_dict(data)
    assert framework_names(english) == framework_names(framework)
    assert ft.framework_tables(english)["skills"].equals(ft.framework_tables(framework)["skills"])


def test_a_training_plan_shows_actions_in_the_language_and_keeps_the_english(
    small_framework_data: dict[str, Any],
) -> None:
    data = copy.deepcopy(small_framework_data)
    first, second = data["learning"][WA]
    first.update(title_id="Kursus GA4", description_id="Laporan")
    second.update(title_id="Audit trafik")
    framework = framework_from_dict(data)
    pairs = apply_filters(gaps.rating_pairs(three_people(), framework), Filters(round="R1"))

    def planned(choices: pl.PlanChoices) -> Any:
        return priorities_view(pairs, framework, choices).plan

    choices = pl.PlanChoices(top=3)
    with i18n.language("id"):
        plan = planned(choices)
        row = plan.table.frame.set_index("skill_id").loc[WA]
        assert (row[plans.TITLE], row[plans.DESCRIPTION]) == ("Kursus GA4", "Laporan")
        assert row[plans.ALTERNATIVES].startswith("Audit trafik (proyek, ")
        assert {"Kursus GA4", "Audit trafik"} <= set(grids.action_titles(plan, framework))
        before = grids.plan_grid(plan, framework)
        at = list(before["skill_id"]).index(WA)
        assert (before.loc[at, plans.TITLE], before.loc[at, grids.OWN_TITLE]) == ("Kursus GA4", "")
        after = before.copy()
        after.loc[at, plans.TITLE] = "Audit trafik"
        edited, problems = grids.edited_plan(choices, before, after, framework, date(2026, 12, 2))
    assert problems == []
    # The plan keeps the framework's English title, whichever language the grid showed.
    assert edited.action(WA).title == "Traffic audit"
    english = planned(edited).table.frame.set_index("skill_id").loc[WA]
    assert (english[plans.TITLE], english[plans.HOURS]) == ("Traffic audit", 12.5)
    with i18n.language("id"):
        shown = planned(edited).table.frame.set_index("skill_id").loc[WA]
        assert (shown[plans.TITLE], shown[plans.HOURS]) == ("Audit trafik", 12.5)
        # Choosing the first action again in Indonesian goes back to the suggestion.
        grid = grids.plan_grid(planned(edited), framework)
        again = grid.copy()
        again.loc[at, plans.TITLE] = "Kursus GA4"
        back, _ = grids.edited_plan(edited, grid, again, framework, date(2026, 12, 2))
    assert back.action(WA).title is None
