"""Reading survey questions in people's own words: words, scores, one-to-one, and what ingest reports."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

import pytest

from analytics import columns as c
from analytics import vocabulary as v
from analytics.framework import FrameworkError, default_framework, framework_from_dict
from analytics.ingest import LONG_NAME, IngestOptions, read_survey
from analytics.matching import CHOSEN, Matcher
from analytics.meaning import HIGH, MEDIUM
from analytics.words import content_words, forms

XlsxMaker = Callable[[dict[str, Sequence[Sequence[Any]]]], bytes]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("mengelola", "kelola"),
        ("pengelolaan", "kelola"),
        ("perencanaan", "rencana"),
        ("merencanakan", "rencana"),
        ("menangani", "tangani"),
        ("penganggaran", "anggaran"),
        ("penjadwalan", "jadwal"),
        ("analysing", "analyse"),
        ("campaigns", "campaign"),
    ],
)
def test_word_forms_of_one_word_meet(one: str, other: str) -> None:
    assert forms(one) & forms(other)


def test_unrelated_words_do_not_meet() -> None:
    assert not forms("kampanye") & forms("komunitas")
    assert not forms("budget") & forms("brand")


def test_survey_filler_numbers_and_hints_are_dropped() -> None:
    assert content_words("Q7. How would you rate yourself? [A/B testing] (1 = beginner, 5 = expert)") == [
        "ab",
        "testing",
    ]
    assert content_words("Seberapa mahir Anda dalam mengelola iklan berbayar?") == [
        "mengelola",
        "iklan",
        "berbayar",
    ]


def _matches(headers: list[str], overrides: dict[str, str] | None = None) -> list[Any]:
    return Matcher(default_framework()).classify_headers(headers, overrides or {})


def test_questions_in_own_words_find_their_skill_in_both_languages() -> None:
    got = _matches(
        [
            "Email",
            "Social media strategy",
            "Setting goals and KPIs",
            "Data analysis and measurement",
            "Seberapa mahir Anda menyusun kalender konten bulanan?",
            "Saya mampu menangani keluhan pelanggan yang marah",
        ]
    )
    assert got[0].kind == c.EMAIL
    assert [g.skill_id for g in got[1:]] == [
        "marketing_strategy",
        "budget_kpis",
        "web_analytics",
        "content_planning",
        "complaint_handling",
    ]
    assert all(g.confidence in (HIGH, MEDIUM) for g in got[1:])


def test_a_question_whose_skill_went_to_a_nearer_one_is_not_pushed_to_a_far_skill() -> None:
    got = _matches(["Name", "Handling customer complaints on social media", "Menangani keluhan pelanggan"])
    skills = [g.skill_id for g in got[1:]]
    assert skills.count("complaint_handling") == 1
    assert None in skills


def test_columns_that_rate_no_skill_stay_out() -> None:
    got = _matches(
        [
            "Nama lengkap",
            "Years of experience in marketing",
            "Any comments?",
            "Kantor cabang",
            "Employee ID",
            "Budget yang tersedia untuk pelatihan tahun ini",
            "Which training would you like next?",
        ]
    )
    assert [g.kind for g in got[1:]].count(v.SKILL) == 0


def test_each_skill_goes_to_one_column_and_the_nearer_wording_wins() -> None:
    got = _matches(["Name", "Content calendar planning", "Planning what we post each week"])
    assert got[1].skill_id == "content_planning" and got[1].confidence == HIGH
    assert got[2].skill_id != "content_planning"


def test_two_equally_likely_columns_are_both_flagged_and_reported(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx(
        {"Form": [["Name", "Kalender konten", "Kalender Konten!"], ["Ayu", 3, 4], ["Budi", 2, 5]]}
    )
    result = read_survey(data, default_framework(), "form.xlsx")
    rows = result.columns.set_index("column")
    assert set(rows.loc[["Kalender konten", "Kalender Konten!"], "skill_id"]) == {"content_planning"}
    messages = " ".join(i.message for i in result.issues)
    assert "Kalender Konten!" in messages and "only 'Kalender konten' was used" in messages


def test_the_users_choice_wins_and_keeps_its_skill_from_the_guesses() -> None:
    got = _matches(
        ["Name", "Content calendar planning", "Our posting plan"], {"Our posting plan": "content_planning"}
    )
    assert got[2].skill_id == "content_planning" and got[2].confidence == CHOSEN
    assert got[1].skill_id != "content_planning"


def test_a_match_made_from_wording_is_reported_for_a_check(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx(
        {"Form": [["Name", "Seberapa mahir Anda menyusun kalender konten bulanan?"], ["Ayu", 3]]}
    )
    result = read_survey(data, default_framework(), "form.xlsx")
    (row,) = result.columns[result.columns["kind"] == v.SKILL].itertuples()
    assert row.skill_id == "content_planning" and row.confidence == MEDIUM and row.answers == 1
    assert any("need a check" in i.message for i in result.issues)


def test_empty_and_numbers_only_headers_are_reported(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx({"Form": [["Name", "SEO budget", None, "2024"], ["Ayu", 3, 4, 5], ["Budi", 2, 3, 1]]})
    result = read_survey(data, default_framework(), "form.xlsx")
    messages = [i.message for i in result.issues]
    assert any("Column 3 has no header; its 2 answer(s) were not used" in m for m in messages)
    assert any("Column '2024' has only a number as its header" in m for m in messages)


def test_a_long_sheet_of_own_words_is_read_and_its_names_listed(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx(
        {
            "Long": [
                ["Name", "Skill", "Rating"],
                ["Ayu", "Budget planning", 3],
                ["Ayu", "Handling customer complaints on social media", 4],
                ["Ayu", "Perencanaan kampanye", 2],
                ["Budi", "Budget planning", 5],
            ]
        }
    )
    result = read_survey(data, default_framework(), "long.xlsx")
    names = result.columns[result.columns["kind"] == LONG_NAME].set_index("column")
    assert names.loc["Budget planning", "skill_id"] == "budget_kpis"
    assert names.loc["Budget planning", "answers"] == 2
    assert names.loc["Perencanaan kampanye", "skill_id"] == "campaign_planning"
    assert len(result.ratings) == 4


def test_a_long_sheet_whose_skill_column_holds_numbers_says_so(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx({"Long": [["Name", "Skill", "Rating"], ["Ayu", 3, 3], ["Ayu", "Campaign planning", 4]]})
    result = read_survey(data, default_framework(), "long.xlsx")
    assert any("hold numbers where the skill's name should be" in i.message for i in result.issues)
    assert len(result.ratings) == 1


def test_a_long_sheets_name_can_be_corrected(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx({"Long": [["Name", "Skill", "Rating"], ["Ayu", "Bikin konten lucu", 3]]})
    options = IngestOptions.build(columns={"Bikin konten lucu": "content_planning"})
    result = read_survey(data, default_framework(), "long.xlsx", options)
    assert list(result.ratings["skill_id"].astype(str)) == ["content_planning"]


def test_a_confirmed_mapping_to_a_skill_gone_from_the_framework_is_reported(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx({"Form": [["Name", "Campaign planning", "Old skill"], ["Ayu", 3, 4]]})
    options = IngestOptions.build(columns={"Old skill": "seo_writing"})
    result = read_survey(data, default_framework(), "form.xlsx", options)
    assert any("no longer has" in i.message and i.column == "Old skill" for i in result.issues)


def test_the_framework_keeps_keywords_levels_and_not_required(small_framework_data: dict[str, Any]) -> None:
    data = copy.deepcopy(small_framework_data)
    skill = data["areas"][0]["skills"][0]
    skill["keywords"] = ["kata kunci", "keyword one"]
    skill["levels"] = {1: "Starts", 5: "Leads"}
    skill["levels_id"] = {1: "Mulai"}
    role = data["roles"][0]
    role["targets"][skill["id"]] = "not required"
    framework = framework_from_dict(data)
    read = framework.skill(skill["id"])
    assert read.keywords == ("kata kunci", "keyword one")
    assert read.level_description(5) == "Leads" and read.level_description(1, "id") == "Mulai"
    assert skill["id"] in framework.role(role["id"]).not_required
    targets = framework.targets_frame()
    assert not ((targets["role_id"] == role["id"]) & (targets["skill_id"] == skill["id"])).any()
    assert framework_from_dict(framework.to_dict()) == framework


def test_the_framework_refuses_bad_levels_and_shared_keywords(small_framework_data: dict[str, Any]) -> None:
    data = copy.deepcopy(small_framework_data)
    first, second = data["areas"][0]["skills"][:2]
    first["keywords"] = ["shared words"]
    second["keywords"] = ["Shared words"]
    first["levels"] = {9: "Too high", 2: ""}
    data["roles"][0]["targets"][first["id"]] = "maybe"
    with pytest.raises(FrameworkError) as raised:
        framework_from_dict(data)
    text = "\n".join(raised.value.problems)
    assert "skill name, alias or keyword 'shared words'" in text
    assert "9 is outside the allowed range" in text
    assert "a level description must be non-empty text" in text
    assert "'maybe' is not a target" in text


def test_every_default_skill_has_keywords_and_levels_in_both_languages() -> None:
    framework = default_framework()
    for skill in framework.skills:
        assert len(skill.keywords) >= 8, skill.id
        assert [lv for lv, _ in skill.levels] == [1, 2, 3, 4, 5], skill.id
        assert [lv for lv, _ in skill.levels_id] == [1, 2, 3, 4, 5], skill.id


def test_an_emptied_grid_cell_makes_a_skill_not_required_and_out_of_its_gaps(small_framework: Any) -> None:
    table = small_framework.targets_frame()
    role, skill = table.iloc[0]["role_id"], table.iloc[0]["skill_id"]
    table.loc[0, "target"] = float("nan")
    edited = small_framework.with_targets(table)
    assert skill in edited.role(role).not_required
    assert edited.role(role).target_for(skill) is None
    out_of_range = small_framework.targets_frame()
    out_of_range.loc[0, "target"] = 9
    with pytest.raises(FrameworkError, match="9 is outside the allowed range"):
        small_framework.with_targets(out_of_range)


def test_a_column_matched_by_wording_whose_answers_are_not_ratings_is_left_out(make_xlsx: XlsxMaker) -> None:
    data = make_xlsx(
        {
            "Form": [
                ["Name", "Campaign planning", "Shoe size"],
                ["Ayu", 3, 38],
                ["Budi", 4, 44],
                ["Citra", 2, 39],
            ]
        }
    )
    result = read_survey(data, default_framework(), "form.xlsx")
    assert set(result.ratings["skill_id"].astype(str)) == {"campaign_planning"}
    assert not any("outside the scale" in i.message for i in result.issues)
