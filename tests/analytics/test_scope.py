"""A survey as a manager, a planner and an admin may see it: who keeps their name, what the
validation report may still say, and pseudonyms that stay the same everywhere."""

from __future__ import annotations

import dataclasses

import pandas as pd

from analytics import columns as c
from analytics.ingest import IngestResult, Issue
from analytics.privacy import pseudonyms, small_teams_label
from analytics.scope import EVERYONE, Scope, scoped_result, shown_ids

KEY = "server key"


def _ratings() -> pd.DataFrame:
    rows = [
        # Ana is in Growth; Budi moved from Care (Q1) to Growth (Q3); Citra is in Care only.
        ("ana@x.id", "Ana Putri", "ana@x.id", "Growth", "2026-Q3"),
        ("budi@x.id", "Budi Santoso", "budi@x.id", "Care", "2026-Q1"),
        ("budi@x.id", "Budi Santoso", "budi@x.id", "Growth", "2026-Q3"),
        ("citra@x.id", "Citra Dewi", "citra@x.id", "Care", "2026-Q3"),
    ]
    frame = pd.DataFrame(rows, columns=[c.RESPONDENT_ID, c.NAME, c.EMAIL, c.TEAM, c.ROUND])
    frame[c.ROLE], frame[c.ROLE_ID], frame[c.SKILL_ID] = "Specialist", "specialist", "campaign_planning"
    frame[c.RATER], frame[c.RATING] = c.SELF, 3.0
    return frame[list(c.TIDY_COLUMNS)].astype(dict.fromkeys((c.RESPONDENT_ID, c.NAME, c.TEAM), "category"))


def _result() -> IngestResult:
    issues = (
        Issue(
            "warning", "Citra Dewi answered twice (rows 3, 9).", "Remove one.", sheet="care team.csv", row=3
        ),
        Issue(
            "warning",
            "The role 'Boss of Ana Putri' is not in the framework.",
            "Map it.",
            sheet="care team.csv",
        ),
        Issue("info", "2 answers were marked not applicable.", "", sheet="growth.csv"),
    )
    return IngestResult(
        _ratings(),
        issues,
        pd.DataFrame(),
        pd.DataFrame(),
        "wide",
        sheets=("care team.csv", "growth.csv"),
        files=("care team.csv", "growth.csv"),
    )


def _people(result: IngestResult) -> set[tuple[str, str, object]]:
    r = result.ratings
    emails = [None if pd.isna(e) else e for e in r[c.EMAIL]]
    return set(zip(r[c.RESPONDENT_ID].astype(str), r[c.NAME].astype(str), emails, strict=True))


def test_a_manager_sees_their_teams_people_by_name_and_everyone_else_under_a_pseudonym() -> None:
    seen = scoped_result(_result(), Scope(("growth",), 0, KEY))  # any case
    (citra,) = pseudonyms(["citra@x.id"], KEY)
    assert _people(seen) == {
        ("ana@x.id", "Ana Putri", "ana@x.id"),
        # Budi is in Growth now: his Care history keeps his name too.
        ("budi@x.id", "Budi Santoso", "budi@x.id"),
        (citra, citra, None),
    }
    messages = [i.message for i in seen.issues]
    assert "Citra" not in " ".join(messages)
    assert messages[0] == "[hidden] answered twice (rows 3, 9)."
    # Quoted upload text goes (a name can hide in a role), the rest stays.
    assert messages[1] == "The role '[hidden]' is not in the framework."
    assert messages[2] == "2 answers were marked not applicable."
    # Files are often named after a person: a manager sees them numbered, as a planner does.
    assert seen.files == ("file 1", "file 2") and {i.sheet for i in seen.issues} == {"file 1", "file 2"}


def test_a_planner_sees_nobody_by_name_nor_the_files_names() -> None:
    seen = scoped_result(_result(), Scope((), 3, KEY))
    ids = pseudonyms(["ana@x.id", "budi@x.id", "citra@x.id"], KEY)
    assert _people(seen) == {(p, p, None) for p in ids}
    assert seen.files == ("file 1", "file 2") and seen.sheets == ("file 1", "file 2")
    assert {i.sheet for i in seen.issues} == {"file 1", "file 2"}
    text = " ".join(i.message for i in seen.issues)
    for secret in ("Ana", "Budi", "Citra", "@x.id", "care team", "growth"):
        assert secret not in text
    # The ratings are untouched; Growth (Ana, Budi) and Care (Budi, Citra) each have fewer than 3
    # people, so they are one group of three, as in an anonymised report.
    assert seen.ratings[c.RATING].tolist() == _ratings()[c.RATING].tolist()
    assert set(seen.ratings[c.TEAM].astype(str)) == {small_teams_label(3)}
    assert scoped_result(_result(), Scope((), 2, KEY)).ratings[c.TEAM].astype(str).tolist() == [
        "Growth",
        "Care",
        "Growth",
        "Care",
    ]


def test_pseudonyms_are_the_same_in_every_scope_and_call_and_say_who_is_who() -> None:
    first = scoped_result(_result(), Scope((), 3, KEY)).ratings[c.RESPONDENT_ID].astype(str).tolist()
    again = scoped_result(_result(), Scope((), 0, KEY)).ratings[c.RESPONDENT_ID].astype(str).tolist()
    assert first == again
    other_key = scoped_result(_result(), Scope((), 3, "another key")).ratings[c.RESPONDENT_ID].astype(str)
    assert set(other_key).isdisjoint(first)
    mapping = shown_ids(_ratings(), Scope(("Growth",), 0, KEY))
    manager = scoped_result(_result(), Scope(("Growth",), 0, KEY))
    assert [mapping[x] for x in _ratings()[c.RESPONDENT_ID].astype(str)] == manager.ratings[
        c.RESPONDENT_ID
    ].astype(str).tolist()


def test_an_admin_sees_the_survey_as_it_is() -> None:
    result = _result()
    assert scoped_result(result, EVERYONE) is result
    assert shown_ids(result.ratings, EVERYONE) == {p: p for p in ("ana@x.id", "budi@x.id", "citra@x.id")}
    assert dataclasses.replace(result) == result


def test_files_and_rounds_named_after_people_are_replaced_but_round_names_stay() -> None:
    """One sheet per person, the round taken from each sheet's name: the rounds lose the names
    too. Sheets named like rounds keep their names, as rounds do."""
    result = _result()
    ratings = result.ratings.assign(**{c.ROUND: ["Budi Santoso", "2026-Q1", "Budi 2026-Q1", "Q3 2026"]})
    sheets = ("Budi Santoso", "2026-Q1", "Budi 2026-Q1", "Q3 2026")
    columns = pd.DataFrame({"column": ["Name"], "sheet": ["Budi Santoso, 2026-Q1"], "kind": ["name"]})
    issues = (Issue("warning", "Sheet Budi Santoso has no team; 's' is fine.", "", sheet="Budi Santoso"),)
    named = dataclasses.replace(
        result, ratings=ratings, sheets=sheets, files=(), issues=issues, columns=columns
    )
    seen = scoped_result(named, Scope(("Growth",), 0, KEY))
    assert seen.sheets == ("sheet 1", "2026-Q1", "sheet 2", "Q3 2026")
    assert seen.ratings[c.ROUND].astype(str).tolist() == ["sheet 1", "2026-Q1", "sheet 2", "Q3 2026"]
    assert seen.issues[0].sheet == "sheet 1"
    assert seen.issues[0].message == "Sheet sheet 1 has no team; '[hidden]' is fine."
    assert "Budi" not in " ".join(seen.columns["sheet"].astype(str))
