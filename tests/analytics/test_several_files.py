"""Several survey files read as one survey: one per team or one per person, xlsx and csv mixed.

Files are real bytes (openpyxl workbooks, csv text) read through ``read_files`` as an upload
of several files is. The framework is the small one of ``tests/conftest.py``: skills
campaign_planning "Campaign planning", budgeting "Budgeting and KPIs", web_analytics
"Web analytics"; levels Beginner/Pemula 1 ... Expert/Ahli 5; roles specialist
("Digital Marketer") and dm_manager ("Head of Digital Marketing").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import pytest

from analytics import columns as c
from analytics.files import MAX_FILES, SurveyError, SurveyFile, SurveyFiles, survey_upload
from analytics.framework import Framework
from analytics.ingest import ERROR, INFO, WARNING, IngestResult, read_files, read_survey

MakeXlsx = Callable[[dict[str, Sequence[Sequence[Any]]]], bytes]

CP = "Rate your skills [Campaign planning]"
BUDGET = "Rate your skills [Budgeting and KPIs]"
WEB = "Rate your skills [Web analytics]"


def csv_file(name: str, rows: Sequence[Sequence[Any]]) -> SurveyFile:
    text = "\n".join(",".join(str(x) for x in r) for r in rows) + "\n"
    return SurveyFile(name, text.encode("utf-8"))


def ratings_of(result: IngestResult) -> dict[tuple[str, str, str, str], float]:
    """(person, skill, rater, round) -> rating, NaN kept, for comparing with a hand-written dict."""
    r = result.ratings
    return {
        (str(p), str(s), str(w), str(n)): float(v)
        for p, s, w, n, v in zip(
            r[c.RESPONDENT_ID], r[c.SKILL_ID], r[c.RATER], r[c.ROUND], r[c.RATING], strict=True
        )
    }


def found(result: IngestResult, severity: str, fragment: str) -> list[Any]:
    return [i for i in result.issues if i.severity == severity and fragment in i.message]


def team_files(make_xlsx: MakeXlsx) -> list[SurveyFile]:
    """Team A as a Google Forms workbook (2 people), team B as a Microsoft Forms csv (1 person).

    Team A answered on 28 and 30 March, team B on 2 April: one survey sent out in late March.
    """
    team_a = make_xlsx(
        {
            "Form Responses 1": [
                ["Timestamp", "Email address", "Name", "Team", "Role", CP, BUDGET, WEB],
                [datetime(2026, 3, 28, 9), "ana@example.com", "Ana", "Growth", "Digital Marketer",
                 "4 - Advanced", "Menengah", "N/A"],
                [datetime(2026, 3, 30, 9), "budi@example.com", "Budi", "Growth", "Head of Digital Marketing",
                 "Expert", 2, 3],
            ]
        }
    )  # fmt: skip
    team_b = csv_file(
        "team_b.csv",
        [
            ["Completion time", "Email", "Name", "Team", "Role", CP, BUDGET, WEB],
            [
                "4/2/26 10:00:00",
                "citra@example.com",
                "Citra",
                "Care",
                "Digital Marketer",
                "Pemula",
                3,
                "Ahli",
            ],
        ],
    )
    return [SurveyFile("team_a.xlsx", team_a), team_b]


def test_team_files_are_one_survey_with_each_file_named(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    result = read_files(team_files(make_xlsx), small_framework)

    # Alone, team B's 2 April would be 2026-Q2; with team A's answers (28 and 30 March) the
    # middle submission is 30 March, so all three people are in 2026-Q1.
    q1 = "2026-Q1"
    assert ratings_of(result) == pytest.approx(
        {
            ("ana@example.com", "campaign_planning", "self", q1): 4.0,
            ("ana@example.com", "budgeting", "self", q1): 3.0,
            ("ana@example.com", "web_analytics", "self", q1): float("nan"),
            ("budi@example.com", "campaign_planning", "self", q1): 5.0,
            ("budi@example.com", "budgeting", "self", q1): 2.0,
            ("budi@example.com", "web_analytics", "self", q1): 3.0,
            ("citra@example.com", "campaign_planning", "self", q1): 1.0,
            ("citra@example.com", "budgeting", "self", q1): 3.0,
            ("citra@example.com", "web_analytics", "self", q1): 5.0,
        },
        nan_ok=True,
    )
    assert result.files == ("team_a.xlsx", "team_b.csv")
    # A workbook of one sheet and a csv are each named by the file alone.
    assert result.sheets == ("team_a.xlsx", "team_b.csv")
    assert set(result.columns["sheet"]) == {"team_a.xlsx", "team_b.csv"}
    summary = found(result, INFO, "2 files were read as one survey")
    assert len(summary) == 1
    assert "team_a.xlsx: 2 people, one row per person" in summary[0].message
    assert "team_b.csv: 1 person, one row per person" in summary[0].message
    assert not found(result, WARNING, "another form")
    assert result.usable and result.respondents == 3


def test_files_answered_months_apart_are_rounds_of_their_own(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    headers = ["Timestamp", "Email address", "Name", "Role", CP]
    january = make_xlsx(
        {"Sheet1": [headers, [datetime(2026, 1, 15), "ana@example.com", "Ana", "Digital Marketer", 2]]}
    )
    august = make_xlsx(
        {"Sheet1": [headers, [datetime(2026, 8, 10), "ana@example.com", "Ana", "Digital Marketer", 4]]}
    )
    result = read_files(
        [SurveyFile("january.xlsx", january), SurveyFile("august.xlsx", august)], small_framework
    )

    assert ratings_of(result) == {
        ("ana@example.com", "campaign_planning", "self", "2026-Q1"): 2.0,
        ("ana@example.com", "campaign_planning", "self", "2026-Q3"): 4.0,
    }
    assert not found(result, WARNING, "answered")  # two rounds, not one person answering twice


def test_a_file_that_cannot_be_read_is_reported_and_the_others_are_used(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    files = [*team_files(make_xlsx), SurveyFile("scan.xlsx", b"%PDF-1.7 not a sheet")]
    result = read_files(files, small_framework)

    assert result.respondents == 3
    assert result.files == ("team_a.xlsx", "team_b.csv", "scan.xlsx")
    assert result.files_left_out == ("scan.xlsx",)
    (error,) = found(result, ERROR, "scan.xlsx could not be read")
    assert "PDF" in error.message and error.sheet == "scan.xlsx"
    assert "2 files were read" in found(result, INFO, "files were read")[0].message
    assert result.files_left_out == ("scan.xlsx",)


def test_no_usable_file_names_each_one(small_framework: Framework) -> None:
    files = [
        SurveyFile("scan.csv", b"%PDF-1.7"),
        csv_file("notes.csv", [["Topic", "Owner"], ["Budget", "Ana"]]),
        csv_file("empty.csv", [["Name", "Email"], ["Ana", "ana@example.com"]]),
    ]
    with pytest.raises(SurveyError) as raised:
        read_files(files, small_framework)
    text = str(raised.value)
    assert text.startswith("None of the 3 files could be used (")
    assert text.endswith("then upload them together again.")
    assert "scan.csv: scan.csv is a PDF document" in text
    assert "notes.csv: no column with names or e-mail addresses" in text
    assert "empty.csv: no column matched a skill of the framework" in text


def test_a_file_without_survey_answers_is_a_warning_naming_it(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    files = [*team_files(make_xlsx), csv_file("budget_notes.csv", [["Topic", "Owner"], ["Budget", "Ana"]])]
    result = read_files(files, small_framework)

    (skipped,) = found(result, WARNING, "budget_notes.csv holds no survey answers")
    assert "no column with names or e-mail addresses" in skipped.message
    assert skipped.sheet == "budget_notes.csv"
    assert result.files_left_out == ("budget_notes.csv",)
    assert result.respondents == 3


def test_the_same_file_twice_is_read_once(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    team_a, team_b = team_files(make_xlsx)
    copy = SurveyFile("team_a (1).xlsx", team_a.data)
    result = read_files([team_a, copy, team_b], small_framework)

    assert len(result.ratings) == 9  # 3 people x 3 skills, none doubled
    (note,) = found(result, INFO, "is the same file as")
    assert note.message.startswith("team_a (1).xlsx is the same file as team_a.xlsx")
    assert not found(result, WARNING, "answered")
    assert result.files == ("team_a.xlsx", "team_b.csv")


def test_wide_and_long_files_together(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    team_a, _ = team_files(make_xlsx)
    long = csv_file(
        "dewi_long.csv",
        [
            ["Name", "Email", "Role", "Skill", "Rating"],
            ["Dewi", "dewi@example.com", "Digital Marketer", "Perencanaan kampanye", 2],
            ["Dewi", "dewi@example.com", "Digital Marketer", "Penganggaran", "Mahir"],
            ["Dewi", "dewi@example.com", "Digital Marketer", "Analitik web", 5],
        ],
    )
    result = read_files([team_a, long], small_framework)

    assert result.layout == "mixed"
    dewi = {k[1]: v for k, v in ratings_of(result).items() if k[0] == "dewi@example.com"}
    assert dewi == {"campaign_planning": 2.0, "budgeting": 4.0, "web_analytics": 5.0}
    (summary,) = found(result, INFO, "files were read as one survey")
    assert "dewi_long.csv: 1 person, one row per person and skill" in summary.message
    assert "different layouts" in summary.action


def test_a_file_asking_about_other_skills_is_flagged(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    team_a, _ = team_files(make_xlsx)
    other = csv_file(
        "other_form.csv",
        [
            ["Email", "Name", "Role", WEB],
            *([f"{n}@example.com", n, "Digital Marketer", 3] for n in ("Eka", "Fajar", "Gita")),
        ],
    )
    result = read_files([team_a, other], small_framework)

    # Team A asks about all three skills; the other form only about Web analytics: one skill in
    # common out of three, well under three quarters.
    (flag,) = found(result, WARNING, "another form or framework")
    assert flag.sheet == "other_form.csv"
    assert (
        "does not ask about 2 skill(s) most files do (Campaign planning, Budgeting and KPIs)" in flag.message
    )
    assert result.respondents == 5


def test_sheets_of_a_workbook_among_files_are_named_file_slash_sheet(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    headers = ["Email", "Name", "Role", CP]
    rounds = make_xlsx(
        {
            "2026-Q1": [headers, ["ana@example.com", "Ana", "Digital Marketer", 2]],
            "2026-Q3": [headers, ["ana@example.com", "Ana", "Digital Marketer", 3]],
        }
    )
    manager = csv_file(
        "manager_ratings.csv",
        [[*headers, "Round"], ["ana@example.com", "Ana", "Digital Marketer", 1, "2026-Q3"]],
    )
    result = read_files([SurveyFile("rounds.xlsx", rounds), manager], small_framework)

    assert result.sheets == ("rounds.xlsx / 2026-Q1", "rounds.xlsx / 2026-Q3", "manager_ratings.csv")
    # The workbook's sheet names are its rounds; the csv's file name says who rated.
    assert ratings_of(result) == {
        ("ana@example.com", "campaign_planning", "self", "2026-Q1"): 2.0,
        ("ana@example.com", "campaign_planning", "self", "2026-Q3"): 3.0,
        ("ana@example.com", "campaign_planning", "manager", "2026-Q3"): 1.0,
    }


def test_a_person_in_two_files_is_reported_with_both_files(small_framework: Framework) -> None:
    headers = ["Email", "Name", "Role", CP]
    files = [
        csv_file("growth.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 2]]),
        csv_file("care.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 4]]),
    ]
    result = read_files(files, small_framework)

    (twice,) = found(result, WARNING, "answered more than once")
    assert "(growth.csv row 2, care.csv row 2)" in twice.message
    assert "give each file or sheet its round" in twice.action
    # Without times, the file read last (care.csv) holds the answer kept.
    assert ratings_of(result) == {("ana@example.com", "campaign_planning", "self", "Round 1"): 4.0}


def test_one_file_reads_exactly_as_read_survey(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    team_a, _ = team_files(make_xlsx)
    alone = read_files([team_a], small_framework)
    direct = read_survey(team_a.data, small_framework, team_a.name)
    pd.testing.assert_frame_equal(alone.ratings, direct.ratings)
    assert alone.issues == direct.issues and alone.sheets == direct.sheets == ("Form Responses 1",)
    assert alone.files == ()


def test_files_chosen_in_another_order_are_the_same_upload() -> None:
    a, b = SurveyFile("b.csv", b"x"), SurveyFile("A.csv", b"y")
    first, second = SurveyFiles((a, b)), SurveyFiles((b, a))
    assert first.digest == second.digest
    assert [f.name for f in first.files] == ["A.csv", "b.csv"]
    assert first.name == "A.csv, b.csv" and first.size == 2
    assert SurveyFiles((a, SurveyFile("b.csv", b"z"))).digest != first.digest
    many = SurveyFiles(tuple(SurveyFile(f"p{i}.csv", b"") for i in range(5)))
    assert many.name == "p0.csv, p1.csv, p2.csv and 2 more files"
    four = SurveyFiles(tuple(SurveyFile(f"p{i}.csv", b"") for i in range(4)))
    assert four.name == "p0.csv, p1.csv, p2.csv and 1 more file"


def test_upload_limits() -> None:
    one = SurveyFile("a.csv", b"x")
    assert survey_upload([one]) is one
    with pytest.raises(SurveyError, match=f"at most {MAX_FILES:,}"):
        survey_upload([SurveyFile(f"p{i}.csv", b"x") for i in range(MAX_FILES + 1)])
    big = b"x" * (40 * 1024 * 1024)
    with pytest.raises(SurveyError, match="120 MB together; the limit is 100 MB"):
        survey_upload([SurveyFile(f"p{i}.csv", big) for i in range(3)])


def test_files_of_the_same_name_are_told_apart(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    headers = ["Timestamp", "Email address", "Name", "Role", CP]
    one = make_xlsx(
        {
            "Form responses 1": [
                headers,
                [datetime(2026, 3, 2), "ana@example.com", "Ana", "Digital Marketer", 2],
            ]
        }
    )
    two = make_xlsx(
        {
            "Form responses 1": [
                headers,
                [datetime(2026, 3, 9), "budi@example.com", "Budi", "Digital Marketer", 4],
            ]
        }
    )
    result = read_files(
        [SurveyFile("Skills survey.xlsx", one), SurveyFile("Skills survey.xlsx", two)], small_framework
    )
    assert result.files == ("Skills survey.xlsx", "Skills survey (2).xlsx")
    assert "Skills survey (2).xlsx: 1 person" in found(result, INFO, "2 files were read")[0].message
    assert set(result.ratings[c.ROUND]) == {"2026-Q1"}  # a sheet name shared by two files is no round


def test_a_file_without_times_joins_the_one_survey_and_months_apart_make_groups(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    headers = ["Timestamp", "Email address", "Name", "Role", CP]

    def dated(when: datetime, who: str) -> bytes:
        return make_xlsx({"Sheet1": [headers, [when, f"{who}@example.com", who, "Digital Marketer", 3]]})

    undated = csv_file(
        "brand.csv", [["Email", "Name", "Role", CP], ["dewi@example.com", "Dewi", "Digital Marketer", 2]]
    )
    one_survey = [
        SurveyFile("growth.xlsx", dated(datetime(2026, 3, 25), "ana")),
        SurveyFile("care.xlsx", dated(datetime(2026, 4, 8), "budi")),
        undated,
    ]
    first = read_files(one_survey, small_framework).ratings
    rounds = dict(zip(first[c.RESPONDENT_ID].astype(str), first[c.ROUND].astype(str), strict=True))
    # 25 March and 8 April are 14 days apart: one group. Its middle submission (of two, the
    # later, as for any even count) is 8 April, so the group is 2026-Q2, and Dewi joins it.
    assert rounds == {
        "ana@example.com": "2026-Q2",
        "budi@example.com": "2026-Q2",
        "dewi@example.com": "2026-Q2",
    }
    # Add September: two groups (Mar/Apr and Sep), and the undated file can join neither.
    later = [*one_survey, SurveyFile("sept.xlsx", dated(datetime(2026, 9, 15), "eka"))]
    result = read_files(later, small_framework)
    got = dict(
        zip(result.ratings[c.RESPONDENT_ID].astype(str), result.ratings[c.ROUND].astype(str), strict=True)
    )
    assert got == {
        "ana@example.com": "2026-Q2",
        "budi@example.com": "2026-Q2",
        "eka@example.com": "2026-Q3",
        "dewi@example.com": "Round 1",
    }


def test_csv_files_named_as_rounds_are_those_rounds(small_framework: Framework) -> None:
    headers = ["Email", "Name", "Role", CP]
    files = [
        csv_file("2025-Q4.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 2]]),
        csv_file("2026-Q2.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 4]]),
        csv_file("team_2026.csv", [headers, ["budi@example.com", "Budi", "Digital Marketer", 3]]),
    ]
    result = read_files(files, small_framework)
    assert ratings_of(result) == {
        ("ana@example.com", "campaign_planning", "self", "2025-Q4"): 2.0,
        ("ana@example.com", "campaign_planning", "self", "2026-Q2"): 4.0,
        # A year in a name is not a round: the team file takes the default round.
        ("budi@example.com", "campaign_planning", "self", "Round 1"): 3.0,
    }


def test_a_rater_is_read_from_a_file_name_only_when_it_clearly_says_so(small_framework: Framework) -> None:
    headers = ["Email", "Name", "Role", CP]
    files = [
        csv_file("Lead Generation.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 2]]),
        csv_file("Head Office.csv", [headers, ["budi@example.com", "Budi", "Digital Marketer", 3]]),
        csv_file("penilaian atasan.csv", [headers, ["ana@example.com", "Ana", "Digital Marketer", 1]]),
    ]
    result = read_files(files, small_framework)
    raters = {
        (str(p), str(r))
        for p, r in zip(result.ratings[c.RESPONDENT_ID], result.ratings[c.RATER], strict=True)
    }
    assert raters == {
        ("ana@example.com", "self"),
        ("budi@example.com", "self"),
        ("ana@example.com", "manager"),
    }
    (said,) = found(result, INFO, "were read as manager ratings")
    assert said.sheet == "penilaian atasan.csv"


def test_one_file_left_of_several_is_said_in_the_singular(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    team_a, _ = team_files(make_xlsx)
    result = read_files([team_a, SurveyFile("empty.csv", b"")], small_framework)
    assert found(result, INFO, "1 file was read as one survey")
    assert found(result, ERROR, "empty.csv could not be read")


def test_nothing_read_from_any_file_is_refused_even_beside_an_unreadable_one(
    small_framework: Framework,
) -> None:
    files = [
        SurveyFile("scan.csv", b"%PDF-1.7"),
        csv_file("only_header.csv", [["Email", "Name", "Role", CP]]),
    ]
    with pytest.raises(SurveyError, match="The files have column headers but no answers yet"):
        read_files(files, small_framework)


def test_files_of_one_or_two_people_are_not_compared_as_forms(small_framework: Framework) -> None:
    # One person per file, each rating only some skills: no "another form" warning for anyone.
    people = [("ana", CP), ("budi", WEB), ("citra", BUDGET)]
    files = [
        csv_file(
            f"{who}.csv",
            [["Email", "Name", "Role", skill], [f"{who}@example.com", who, "Digital Marketer", 3]],
        )
        for who, skill in people
    ]
    assert not found(read_files(files, small_framework), WARNING, "another form")


def test_reading_reports_its_steps_in_order_file_by_file(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    """The upload's progress bar follows these steps: each file by name, then the checks."""
    heard: list[tuple[float, str]] = []
    result = read_files(
        team_files(make_xlsx), small_framework, progress=lambda share, step: heard.append((share, step))
    )
    assert result.respondents == 3
    steps = [step for _, step in heard]
    assert steps == [
        "Reading file 1 of 2: team_a.xlsx...",
        "Reading file 2 of 2: team_b.csv...",
        "Matching the questions to the framework's skills...",
        "Checking names, teams and roles...",
        "Checking the ratings...",
    ]
    shares = [share for share, _ in heard]
    assert shares == sorted(shares) and shares[0] >= 0 and shares[-1] < 1


def test_one_file_reports_reading_then_the_checks(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    heard: list[str] = []
    read_survey(
        team_files(make_xlsx)[0].data, small_framework, "team_a.xlsx", progress=lambda _, s: heard.append(s)
    )
    assert heard[0] == "Reading the file..." and heard[-1] == "Checking the ratings..."
    assert len(heard) == 4
