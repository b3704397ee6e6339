"""Survey ingest on real files built in the test: every format, every kind of bad input.

Files are written with openpyxl (xlsx) or encoded by hand (csv) and go through the public
entry point ``read_survey`` exactly as an upload would. The framework is the small one of
``conftest.py`` (skills campaign_planning, budgeting, web_analytics; roles specialist,
dm_manager; levels Beginner/Pemula=1 ... Expert/Ahli=5), so each expected rating can be
read off the answer in the cell and the level list.
"""

from __future__ import annotations

import io
import math
import random
import re
import struct
import zipfile
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analytics import columns as c
from analytics.files import MAX_FILE_BYTES, SurveyError
from analytics.framework import Framework, default_framework
from analytics.ingest import IngestOptions, IngestResult, read_survey, tidy_survey
from sample_data.make_sample import SURVEY_PATH

MakeXlsx = Callable[[dict[str, Sequence[Sequence[Any]]]], bytes]
NAN = math.nan

CP = "Rate your skills [Campaign planning]"
BUDGET = "Rate your skills [Budgeting and KPIs]"
WEB = "Rate your skills [Web analytics]"
GOOGLE_HEADERS = ["Timestamp", "Email address", "Name", "Team", "Role", CP, BUDGET, WEB]


# --- helpers ---------------------------------------------------------------------------


def tidy(ratings: pd.DataFrame) -> pd.DataFrame:
    """The ratings as plain objects in a fixed order, for comparison with a hand-written table."""
    assert list(ratings.columns) == list(c.TIDY_COLUMNS)
    out = ratings.astype({col: object for col in ratings.columns if col != c.RATING})
    out[c.RATING] = out[c.RATING].astype(float)
    return out.sort_values([c.RESPONDENT_ID, c.ROUND, c.RATER, c.SKILL_ID]).reset_index(drop=True)


def expected(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Rows in TIDY_COLUMNS order: respondent_id, name, email, team, role, role_id, skill_id, rater,
    rating, round."""
    frame = pd.DataFrame(rows, columns=list(c.TIDY_COLUMNS), dtype=object)
    frame[c.RATING] = frame[c.RATING].astype(float)
    return frame.sort_values([c.RESPONDENT_ID, c.ROUND, c.RATER, c.SKILL_ID]).reset_index(drop=True)


def person(
    rid: str, name: str, email: str, team: str, role: str, role_id: Any, rater: str, rnd: str
) -> Callable[[str, float], tuple[Any, ...]]:
    return lambda skill, rating: (rid, name, email, team, role, role_id, skill, rater, rating, rnd)


def issues_where(result: IngestResult, severity: str, fragment: str) -> list[Any]:
    return [i for i in result.issues if i.severity == severity and fragment in i.message]


def one_issue(result: IngestResult, severity: str, fragment: str) -> Any:
    found = issues_where(result, severity, fragment)
    assert len(found) == 1, [(i.severity, i.message) for i in result.issues]
    return found[0]


def zip_bytes(members: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# --- each format -----------------------------------------------------------------------


def test_google_forms_wide_xlsx(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "Form Responses 1": [
                GOOGLE_HEADERS,
                [datetime(2026, 2, 3, 9, 15), "Ana.Silva@Example.com", "Ana Silva", "Growth",
                 "Digital Marketing Specialist", "4 - Advanced", "Menengah", "N/A"],
                [datetime(2026, 2, 4, 10, 0), "budi@example.com", "Budi Santoso", "Growth",
                 "Head of Digital Marketing", 5, "2 - Developing", 3],
                [datetime(2026, 2, 5, 16, 30), "citra@example.com", "Citra Dewi", "Content",
                 "digital marketer", "Expert", None, "1"],
            ]
        }
    )  # fmt: skip
    result = read_survey(data, small_framework, "responses.xlsx")

    # "4 - Advanced" -> 4, Menengah -> 3, N/A -> NaN; Expert -> 5, blank -> NaN, "1" -> 1.
    # No round in the file and the sheet name is not round-like: the middle timestamp,
    # 4 Feb 2026, is in 2026's first quarter.
    ana = person(
        "ana.silva@example.com",
        "Ana Silva",
        "ana.silva@example.com",
        "Growth",
        "Digital Marketing Specialist",
        "specialist",
        "self",
        "2026-Q1",
    )
    budi = person(
        "budi@example.com",
        "Budi Santoso",
        "budi@example.com",
        "Growth",
        "Head of Digital Marketing",
        "dm_manager",
        "self",
        "2026-Q1",
    )
    citra = person("citra@example.com", "Citra Dewi", "citra@example.com", "Content",
                   "digital marketer", "specialist", "self", "2026-Q1")  # fmt: skip
    want = expected(
        [
            ana("campaign_planning", 4), ana("budgeting", 3), ana("web_analytics", NAN),
            budi("campaign_planning", 5), budi("budgeting", 2), budi("web_analytics", 3),
            citra("campaign_planning", 5), citra("budgeting", NAN), citra("web_analytics", 1),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    assert result.layout == "wide"
    assert result.sheets == ("Form Responses 1",)
    assert result.respondents == 3
    assert result.mapping == {CP: "campaign_planning", BUDGET: "budgeting", WEB: "web_analytics"}
    assert result.unmatched_columns == []
    assert result.issue_counts() == {"error": 0, "warning": 0, "info": 2}
    assert one_issue(result, "info", "not applicable").count == 1
    assert one_issue(result, "info", "left blank").count == 1


def test_microsoft_forms_wide_xlsx(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Team", "Your job title",
               "Campaign planning", "Budgeting and KPIs", "Web analytics"]  # fmt: skip
    data = make_xlsx(
        {
            "Sheet1": [
                headers,
                [1, datetime(2026, 8, 10, 9, 0), datetime(2026, 8, 10, 9, 6), "dewi@contoso.com",
                 "Dewi Lestari", "Content", "Digital Marketing Manager", "Advanced", "Intermediate", "Expert"],
                [2, datetime(2026, 8, 11, 14, 0), datetime(2026, 8, 11, 14, 3), "Eko@Contoso.com",
                 "Eko Prasetyo", "Growth", "Spesialis Pemasaran Digital", 2, 3, 4],
            ]
        }
    )  # fmt: skip
    result = read_survey(data, small_framework, "Skills survey(1-2).xlsx")

    # Advanced 4, Intermediate 3, Expert 5; round from the completion times in August 2026.
    dewi = person(
        "dewi@contoso.com",
        "Dewi Lestari",
        "dewi@contoso.com",
        "Content",
        "Digital Marketing Manager",
        "dm_manager",
        "self",
        "2026-Q3",
    )
    eko = person("eko@contoso.com", "Eko Prasetyo", "eko@contoso.com", "Growth",
                 "Spesialis Pemasaran Digital", "specialist", "self", "2026-Q3")  # fmt: skip
    want = expected(
        [
            dewi("campaign_planning", 4), dewi("budgeting", 3), dewi("web_analytics", 5),
            eko("campaign_planning", 2), eko("budgeting", 3), eko("web_analytics", 4),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    assert result.mapping == {
        "Campaign planning": "campaign_planning",
        "Budgeting and KPIs": "budgeting",
        "Web analytics": "web_analytics",
    }
    kinds = dict(zip(result.columns["column"], result.columns["kind"], strict=True))
    assert kinds["ID"] == "ignored"
    assert kinds["Start time"] == "ignored"
    assert kinds["Completion time"] == "timestamp"
    assert kinds["Your job title"] == c.ROLE
    assert result.unmatched_columns == []
    assert result.issues == ()


def test_indonesian_google_forms_xlsx(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    headers = ["Cap waktu", "Alamat email", "Nama", "Tim/Divisi", "Jabatan",
               "Nilai kemampuan Anda [Perencanaan kampanye]", "Nilai kemampuan Anda [Penganggaran]",
               "Nilai kemampuan Anda [Analitik web]"]  # fmt: skip
    data = make_xlsx(
        {
            "Tanggapan Formulir 1": [
                headers,
                [datetime(2026, 3, 2, 8, 0), "fajar@contoh.co.id", "Fajar Nugroho", "Pemasaran",
                 "Spesialis Pemasaran Digital", "Pemula", "Mahir", "Tidak berlaku"],
                [datetime(2026, 3, 3, 8, 0), "gita@contoh.co.id", "Gita Permata", "Pemasaran",
                 "Manajer Pemasaran Digital", "Ahli", "Menengah", "Berkembang"],
            ]
        }
    )  # fmt: skip
    result = read_survey(data, small_framework, "survei.xlsx")

    # Pemula 1, Mahir 4, Tidak berlaku NaN; Ahli 5, Menengah 3, Berkembang 2. March = Q1.
    fajar = person(
        "fajar@contoh.co.id",
        "Fajar Nugroho",
        "fajar@contoh.co.id",
        "Pemasaran",
        "Spesialis Pemasaran Digital",
        "specialist",
        "self",
        "2026-Q1",
    )
    gita = person("gita@contoh.co.id", "Gita Permata", "gita@contoh.co.id", "Pemasaran",
                  "Manajer Pemasaran Digital", "dm_manager", "self", "2026-Q1")  # fmt: skip
    want = expected(
        [
            fajar("campaign_planning", 1), fajar("budgeting", 4), fajar("web_analytics", NAN),
            gita("campaign_planning", 5), gita("budgeting", 3), gita("web_analytics", 2),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    kinds = dict(zip(result.columns["column"], result.columns["kind"], strict=True))
    assert [kinds[h] for h in headers[:5]] == ["timestamp", c.EMAIL, c.NAME, c.TEAM, c.ROLE]
    assert result.issue_counts() == {"error": 0, "warning": 0, "info": 1}
    assert one_issue(result, "info", "not applicable").count == 1


def test_long_sheet(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "Ratings": [
                ["Name", "Team", "Role", "Skill", "Rating"],
                ["Hana Putri", "Growth", "Digital Marketer", "Campaign planning", 4],  # row 2
                ["Hana Putri", "Growth", "Digital Marketer", "Penganggaran", "Menengah"],
                ["Hana Putri", "Growth", "Digital Marketer", "web_analytics", "N/A"],
                ["Irfan Hakim", "Care", "Digital Marketing Manager", "Campaign management", "5 - Expert"],
                ["Irfan Hakim", "Care", "Digital Marketing Manager", "SEO", 3],  # row 6: not a skill
                ["Irfan Hakim", "Care", "Digital Marketing Manager", "Budgeting", 2],
            ]
        }
    )
    result = read_survey(data, small_framework, "long.xlsx")

    # No e-mail: the id is the folded name. No round anywhere: the default label.
    hana = person(
        "hana putri", "Hana Putri", "", "Growth", "Digital Marketer", "specialist", "self", c.DEFAULT_ROUND
    )
    irfan = person("irfan hakim", "Irfan Hakim", "", "Care", "Digital Marketing Manager", "dm_manager",
                   "self", c.DEFAULT_ROUND)  # fmt: skip
    want = expected(
        [
            hana("campaign_planning", 4), hana("budgeting", 3), hana("web_analytics", NAN),
            irfan("campaign_planning", 5), irfan("budgeting", 2),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    assert result.layout == "long"
    unknown = one_issue(result, "error", "SEO")
    assert (unknown.row, unknown.column, unknown.count) == (6, "Skill", 1)
    kinds = dict(zip(result.columns["column"], result.columns["kind"], strict=True))
    assert (kinds["Skill"], kinds["Rating"]) == ("long skill", "long rating")


CSV_TEXT = (
    "Name{d}Email{d}Team{d}Role{d}Campaign planning{d}Budgeting\n"
    "José Núñez{d}Jose@Example.com{d}Growth{d}Digital Marketer{d}{half}{d}4\n"
    "Zoë Çelik{d}{d}Growth{d}Digital Marketing Manager{d}2{d}N/A\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_encodings_delimiters_and_decimal_commas(
    small_framework: Framework, encoding: str, delimiter: str
) -> None:
    # A decimal comma must be quoted when the comma is also the delimiter.
    half = '"3,5"' if delimiter == "," else "3,5"
    data = CSV_TEXT.format(d=delimiter, half=half).encode(encoding)
    if encoding == "cp1252":
        assert "José".encode("cp1252") in data and b"\xc3" not in data  # really single-byte accents
    result = read_survey(data, small_framework, "team survey.csv")

    # "3,5" -> 3.5; Zoë has no e-mail, so her id is her folded name "zoe celik".
    jose = person(
        "jose@example.com",
        "José Núñez",
        "jose@example.com",
        "Growth",
        "Digital Marketer",
        "specialist",
        "self",
        c.DEFAULT_ROUND,
    )
    zoe = person("zoe celik", "Zoë Çelik", "", "Growth", "Digital Marketing Manager", "dm_manager",
                 "self", c.DEFAULT_ROUND)  # fmt: skip
    want = expected(
        [
            jose("campaign_planning", 3.5),
            jose("budgeting", 4),
            zoe("campaign_planning", 2),
            zoe("budgeting", NAN),
        ]
    )
    assert_frame_equal(tidy(result.ratings), want)
    assert result.sheets == ("team survey",)
    assert result.issue_counts() == {"error": 0, "warning": 0, "info": 1}


def test_csv_keeps_na_as_text_not_applicable(small_framework: Framework) -> None:
    # pandas would read "NA" as missing by default; here it is a not-applicable answer.
    data = b"Name,Budgeting,Web analytics\nAna,NA,3\nBudi,,-\n"
    result = read_survey(data, small_framework, "s.csv")
    assert one_issue(result, "info", "not applicable").count == 2  # "NA" and "-"
    assert one_issue(result, "info", "left blank").count == 1
    assert result.ratings[c.RATING].isna().sum() == 3


def test_decimal_comma_in_xlsx_text(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx({"S": [["Name", "Budgeting"], ["Ana", "3,5"], ["Budi", " 2.5 "], ["Citra", 4.25]]})
    ratings = tidy(read_survey(data, small_framework).ratings)
    assert dict(zip(ratings[c.NAME], ratings[c.RATING], strict=True)) == {
        "Ana": 3.5,
        "Budi": 2.5,
        "Citra": 4.25,
    }


def test_header_below_a_title_row_keeps_spreadsheet_row_numbers(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "Survey": [
                ["Team skills survey - March 2026"],  # row 1
                [],  # row 2
                ["Name", "Email", "Team", "Role", BUDGET],  # row 3
                ["Ana", "ana@x.com", "Growth", "Growth Hacker", 3],  # row 4: unknown role
                ["Budi", "budi@x.com", "Growth", "Digital Marketer", 7],  # row 5: out of range
            ]
        }
    )
    result = read_survey(data, small_framework, "survey.xlsx")
    bad = one_issue(result, "error", "outside the scale")
    assert (bad.sheet, bad.row, bad.column, bad.count) == ("Survey", 5, BUDGET, 1)
    role = one_issue(result, "warning", "Growth Hacker")
    assert role.row == 4
    ratings = tidy(result.ratings)
    assert list(ratings[c.NAME]) == ["Ana"] and list(ratings[c.RATING]) == [3.0]


def test_sheet_starting_below_empty_rows_keeps_row_numbers(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    # Nothing in rows 1-2 or columns A-B: the header is C3, the bad answer is in row 5.
    data = make_xlsx(
        {
            "S": [
                [],
                [],
                [None, None, "Name", "Team", "Role", BUDGET],
                [None, None, "Ana", "Growth", "Digital Marketer", 3],
                [None, None, "Budi", "Growth", "Digital Marketer", "great"],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    bad = one_issue(result, "error", "not ratings")
    assert (bad.row, bad.column) == (5, BUDGET)


def test_csv_blank_line_keeps_row_numbers(small_framework: Framework) -> None:
    # Line 1 title, line 2 empty, line 3 header, line 4 Ana, line 5 Budi (7 is out of range).
    data = b"Team skills survey,,,\n\nName,Email,Role,Budgeting\nAna,ana@x.com,Digital Marketer,3\nBudi,budi@x.com,Digital Marketer,7\n"
    result = read_survey(data, small_framework, "s.csv")
    assert one_issue(result, "error", "outside the scale").row == 5


def test_csv_title_line_above_header(small_framework: Framework) -> None:
    data = b"Team skills survey 2026\nName,Email,Role,Budgeting\nAna,ana@x.com,Digital Marketer,3\nBudi,budi@x.com,Digital Marketer,7\n"
    result = read_survey(data, small_framework, "s.csv")
    assert list(tidy(result.ratings)[c.RATING]) == [3.0]
    assert one_issue(result, "error", "outside the scale").row == 4


def test_rater_and_round_columns(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    headers = ["Timestamp", "Email address", "Name", "Team", "Role", "Who is filling in this form?",
               "Survey round", CP, BUDGET]  # fmt: skip
    base = ["ana@x.com", "Ana", "Growth", "Digital Marketer"]
    data = make_xlsx(
        {
            "Responses": [
                headers,
                [datetime(2026, 2, 2), *base, "Myself (self-assessment)", "2026-Q1", 3, 2],
                [datetime(2026, 2, 20), *base, "Line manager", "2026-Q1", 2, 2],
                [datetime(2026, 8, 3), *base, "Diri sendiri", "2026-Q3", 4, 3],
                [datetime(2026, 8, 20), *base, "Atasan", "2026-Q3", 3, 3],
                [datetime(2026, 8, 21), *base, "Rekan kerja", "2026-Q3", 4, 4],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")

    def ana(rater: str, rnd: str) -> Callable[[str, float], tuple[Any, ...]]:
        return person("ana@x.com", "Ana", "ana@x.com", "Growth", "Digital Marketer", "specialist", rater, rnd)

    want = expected(
        [
            ana("self", "2026-Q1")("campaign_planning", 3), ana("self", "2026-Q1")("budgeting", 2),
            ana("manager", "2026-Q1")("campaign_planning", 2), ana("manager", "2026-Q1")("budgeting", 2),
            ana("self", "2026-Q3")("campaign_planning", 4), ana("self", "2026-Q3")("budgeting", 3),
            ana("manager", "2026-Q3")("campaign_planning", 3), ana("manager", "2026-Q3")("budgeting", 3),
            ana("peer", "2026-Q3")("campaign_planning", 4), ana("peer", "2026-Q3")("budgeting", 4),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    assert result.respondents == 1
    # Different rater or round is not a repeated submission.
    assert result.issues == ()


def test_unknown_rater_answer_is_an_error_and_left_out(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", "Rater", BUDGET],
                ["Ana", "Growth", "Digital Marketer", "Self", 3],
                ["Ana", "Growth", "Digital Marketer", "My cat", 5],  # row 3
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    issue = one_issue(result, "error", "My cat")
    assert (issue.row, issue.count) == (3, 1)
    assert list(tidy(result.ratings)[c.RATING]) == [3.0]


def test_several_sheets_rounds_and_raters_from_sheet_names(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    headers = ["Email address", "Name", "Team", "Role", CP, WEB]
    ana = ["ana@x.com", "Ana", "Growth", "Digital Marketer"]
    budi = ["budi@x.com", "Budi", "Growth", "Head of Digital Marketing"]
    data = make_xlsx(
        {
            "Instructions": [["How to fill in this survey"], ["Rate each skill from 1 to 5."]],
            "2026-Q1": [headers, [*ana, 2, 3], [*budi, 3, 3]],
            "2026-Q3": [headers, [*ana, 3, 4], [*budi, 4, 4]],
            "2026-Q1 manager": [headers, [*ana, 2, 2]],
        }
    )
    result = read_survey(data, small_framework, "rounds.xlsx")

    def row(who: list[str], role_id: str, rater: str, rnd: str, skill: str, rating: float) -> tuple[Any, ...]:
        email, name, team, role = who
        return (email, name, email, team, role, role_id, skill, rater, rating, rnd)

    want = expected(
        [
            row(ana, "specialist", "self", "2026-Q1", "campaign_planning", 2),
            row(ana, "specialist", "self", "2026-Q1", "web_analytics", 3),
            row(budi, "dm_manager", "self", "2026-Q1", "campaign_planning", 3),
            row(budi, "dm_manager", "self", "2026-Q1", "web_analytics", 3),
            row(ana, "specialist", "self", "2026-Q3", "campaign_planning", 3),
            row(ana, "specialist", "self", "2026-Q3", "web_analytics", 4),
            row(budi, "dm_manager", "self", "2026-Q3", "campaign_planning", 4),
            row(budi, "dm_manager", "self", "2026-Q3", "web_analytics", 4),
            row(ana, "specialist", "manager", "2026-Q1", "campaign_planning", 2),
            row(ana, "specialist", "manager", "2026-Q1", "web_analytics", 2),
        ]
    )
    assert_frame_equal(tidy(result.ratings), want)
    assert result.sheets == ("2026-Q1", "2026-Q3", "2026-Q1 manager")
    skipped = one_issue(result, "info", "Instructions")
    assert skipped.sheet == "Instructions"
    assert result.issue_counts() == {"error": 0, "warning": 0, "info": 1}


@pytest.mark.parametrize(
    ("self_sheet", "manager_sheet"),
    [
        ("2026-Q1 Diri sendiri", "2026-Q1 Atasan"),
        ("2026-Q1 (self assessment)", "2026-Q1 Line manager"),
        ("Self-assessment 2026-Q1", "Team lead 2026-Q1"),
    ],
)
def test_rater_phrases_of_several_words_leave_sheet_names_as_one_round(
    small_framework: Framework, make_xlsx: MakeXlsx, self_sheet: str, manager_sheet: str
) -> None:
    headers = ["Email address", "Name", "Team", "Role", CP]
    ana = ["ana@x.com", "Ana", "Growth", "Digital Marketer"]
    data = make_xlsx({self_sheet: [headers, [*ana, 2]], manager_sheet: [headers, [*ana, 4]]})
    ratings = read_survey(data, small_framework, "rounds.xlsx").ratings
    by_rater = dict(zip(ratings[c.RATER].astype(str), ratings[c.ROUND].astype(str), strict=True))
    assert by_rater == {"self": "2026-Q1", "manager": "2026-Q1"}


def test_empty_sheet_next_to_a_survey_sheet_does_not_get_in_the_way(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {"Empty": [], "Data": [["Name", "Team", "Role", BUDGET], ["Ana", "G", "Digital Marketer", 4]]}
    )
    result = read_survey(data, small_framework, "s.xlsx")
    assert "Data" in result.sheets and "Empty" not in result.sheets
    assert list(result.ratings[c.RATING]) == [4.0]


def test_wide_sheet_with_self_and_manager_columns(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    mcp, mweb = "Manager rating [Campaign planning]", "Manager rating [Web analytics]"
    data = make_xlsx(
        {
            "S": [
                ["Email", "Name", "Team", "Role", CP, mcp, WEB, mweb],
                ["ana@x.com", "Ana", "Growth", "Digital Marketer", 3, 2, 4, 3],
                ["budi@x.com", "Budi", "Growth", "Digital Marketer", 5, 4, 2, "N/A"],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    a = person(
        "ana@x.com", "Ana", "ana@x.com", "Growth", "Digital Marketer", "specialist", "self", c.DEFAULT_ROUND
    )
    am = person(
        "ana@x.com",
        "Ana",
        "ana@x.com",
        "Growth",
        "Digital Marketer",
        "specialist",
        "manager",
        c.DEFAULT_ROUND,
    )
    b = person(
        "budi@x.com",
        "Budi",
        "budi@x.com",
        "Growth",
        "Digital Marketer",
        "specialist",
        "self",
        c.DEFAULT_ROUND,
    )
    bm = person("budi@x.com", "Budi", "budi@x.com", "Growth", "Digital Marketer", "specialist", "manager",
                c.DEFAULT_ROUND)  # fmt: skip
    want = expected(
        [
            a("campaign_planning", 3), am("campaign_planning", 2), a("web_analytics", 4), am("web_analytics", 3),
            b("campaign_planning", 5), bm("campaign_planning", 4), b("web_analytics", 2), bm("web_analytics", NAN),
        ]
    )  # fmt: skip
    assert_frame_equal(tidy(result.ratings), want)
    assert result.mapping == {CP: "campaign_planning", mcp: "campaign_planning", WEB: "web_analytics",
                              mweb: "web_analytics"}  # fmt: skip
    raters = dict(zip(result.columns["column"], result.columns[c.RATER], strict=True))
    assert raters[mcp] == "manager" and raters[mweb] == "manager"
    assert not issues_where(result, "warning", "")


def test_round_and_rater_options_fill_in_what_the_file_does_not_say(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx({"S": [["Name", "Team", "Role", BUDGET], ["Ana", "Growth", "Digital Marketer", 2]]})
    result = read_survey(
        data, small_framework, "s.xlsx", IngestOptions.build(round_label="Pilot", rater="manager")
    )
    ratings = tidy(result.ratings)
    assert (ratings[c.ROUND].iloc[0], ratings[c.RATER].iloc[0]) == ("Pilot", "manager")


@pytest.mark.parametrize("make", [IngestOptions, IngestOptions.build])
def test_a_rater_option_outside_the_raters_is_refused_however_the_options_are_made(
    make: Callable[..., IngestOptions],
) -> None:
    with pytest.raises(ValueError, match="rater must be one of self, manager, peer, not 'Manager'"):
        make(rater="Manager")


def test_the_committed_sample_workbook(sample_bytes: bytes, sample_sheets: dict[str, pd.DataFrame]) -> None:
    framework = default_framework()
    result = read_survey(sample_bytes, framework, "digital_marketing_survey.xlsx")

    # Expected figures from the workbook itself, read with pandas (no ingest code involved).
    total_rows = sum(len(frame) for frame in sample_sheets.values())
    emails = set().union(*(set(f["Email address"].str.lower()) for f in sample_sheets.values()))
    question_columns = [
        col for col in next(iter(sample_sheets.values())).columns if col.startswith("Rate your")
    ]
    numeric_answers = sum(
        int(f[question_columns].stack().astype(str).str.match(r"^\d - ").sum())
        for f in sample_sheets.values()
    )
    assert len(question_columns) == 25
    ratings = result.ratings
    assert len(ratings) == total_rows * 25  # every cell becomes a row; N/A and blank as NaN
    assert int(ratings[c.RATING].notna().sum()) == numeric_answers
    assert result.respondents == len(emails)
    assert set(ratings[c.ROUND]) == set(sample_sheets)
    assert set(ratings[c.RATER]) == {"self", "manager"}
    assert ratings[c.ROLE_ID].notna().all()  # every role in the sample is a framework role or alias
    assert set(result.mapping.values()) == {s.id for s in framework.skills}
    assert result.unmatched_columns == []
    assert result.issue_counts()["error"] == 0
    # Rows per round and rater match the "Who is filling in this form?" column.
    for label, frame in sample_sheets.items():
        managers = int((frame["Who is filling in this form?"] == "Line manager").sum())
        got = ratings[(ratings[c.ROUND] == label) & (ratings[c.RATER] == "manager")]
        assert len(got) == managers * 25, label


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return SURVEY_PATH.read_bytes()


@pytest.fixture(scope="module")
def sample_sheets(sample_bytes: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(sample_bytes), sheet_name=None, engine="openpyxl")


# --- the tidy table contract -----------------------------------------------------------


def test_tidy_table_contract(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Email address", "Name", "Team", "Role", CP, BUDGET, WEB],
                ["  Mixed.Case@Example.COM ", "Ana", "Growth", "manajer pemasaran digital", 1, "5", "-"],
                [None, "  Ñoño  Pérez ", "Growth", "SPESIALIS PEMASARAN DIGITAL", 2.5, None, "Ahli"],
            ]
        }
    )
    ratings = read_survey(data, small_framework, "s.xlsx").ratings
    assert list(ratings.columns) == list(c.TIDY_COLUMNS)
    assert ratings[c.RATING].dtype == np.float64
    assert ratings[c.RATING].dropna().between(1, 5).all()
    assert list(ratings[c.SKILL_ID].cat.categories) == ["campaign_planning", "budgeting", "web_analytics"]
    assert set(ratings[c.RATER]) <= {"self", "manager", "peer"}
    by_id = tidy(ratings).groupby(c.RESPONDENT_ID)
    # The e-mail, trimmed and lower-cased; otherwise the name folded to ASCII words.
    assert set(by_id.groups) == {"mixed.case@example.com", "nono perez"}
    first = by_id.get_group("mixed.case@example.com")
    assert set(first[c.EMAIL]) == {"mixed.case@example.com"}
    assert set(first[c.ROLE_ID]) == {"dm_manager"}  # Indonesian alias, other case
    second = by_id.get_group("nono perez")
    assert set(second[c.NAME]) == {"Ñoño  Pérez"}  # as given, only trimmed
    assert set(second[c.ROLE_ID]) == {"specialist"}
    assert dict(zip(second[c.SKILL_ID], second[c.RATING], strict=True)) == pytest.approx(
        {"campaign_planning": 2.5, "budgeting": NAN, "web_analytics": 5.0}, nan_ok=True
    )


def test_issues_frame_columns_and_types(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", BUDGET],
                ["Ana", "Growth", "Nobody", 9],
                ["Budi", "G", "Digital Marketer", "N/A"],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    frame = result.issues_frame()
    assert list(frame.columns) == ["severity", "sheet", "row", "column", "message", "action", "count"]
    assert str(frame["row"].dtype) == "Int64"
    assert len(frame) == len(result.issues) == 3  # out of range, unknown role, not applicable
    # Errors first, then warnings, then info.
    assert list(frame["severity"]) == ["error", "warning", "info"]
    assert frame.loc[0, "row"] == 2 and frame.loc[0, "column"] == BUDGET
    assert pd.isna(frame.loc[2, "row"])
    assert all(frame["action"].str.len() > 0)


# --- bad files ---------------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _random_bytes() -> bytes:
    data = random.Random(20260101).randbytes(4096)
    assert b"\x00" in data
    return b"\x01" + data  # no known signature at the start


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(20), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"\x1f\x8b\x08\x00" + bytes(20), "gzip"),
        (_random_bytes(), "not a spreadsheet"),
        (
            zip_bytes({"notes.txt": b"hello", "photo.jpg": b"\xff\xd8\xff"}),
            "zip archive, not an Excel workbook",
        ),
        (_OLE + bytes(504), ".xls"),
        (b"PK\x03\x04" + b"this is not really a zip" * 10, "damaged"),
        (
            zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"not xml at all"}),
            "could not be read",
        ),
        (b"\n\n\n", "no rows"),
    ],
    ids=[
        "empty",
        "pdf",
        "png",
        "jpeg",
        "gzip",
        "random",
        "plain-zip",
        "xls",
        "broken-zip",
        "junk-xlsx",
        "blank-csv",
    ],
)
def test_files_that_are_not_surveys_raise_survey_error(
    small_framework: Framework, data: bytes, fragment: str
) -> None:
    with pytest.raises(SurveyError) as raised:
        read_survey(data, small_framework, "upload.xlsx")
    assert fragment in str(raised.value)


def test_zip_bomb_by_compression_ratio_is_refused(small_framework: Framework) -> None:
    # 50 MB of zeros deflate to about 50 KB: a ratio near 1000, far above any real workbook.
    bomb = zip_bytes(
        {"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": bytes(50 * 1024 * 1024)}
    )
    assert len(bomb) < 1_000_000
    with pytest.raises(SurveyError) as raised:
        read_survey(bomb, small_framework, "bomb.xlsx")
    message = str(raised.value)
    assert "expands" in message and "zip bomb" in message


def test_zip_bomb_by_declared_size_is_refused(small_framework: Framework) -> None:
    archive = zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"<sheet/>" * 10})
    # Rewrite the central directory's uncompressed size of the sheet (offset 24 of its
    # record) to 3,000,000,000 bytes: 3e9 / 2**20 = 2,861 MB, over the 400 MB limit.
    records = [i for i in range(len(archive)) if archive.startswith(b"PK\x01\x02", i)]
    assert len(records) == 2  # one central directory record per member, in write order
    sheet = records[1]
    patched = archive[: sheet + 24] + struct.pack("<I", 3_000_000_000) + archive[sheet + 28 :]
    assert zipfile.ZipFile(io.BytesIO(patched)).getinfo("xl/worksheets/sheet1.xml").file_size == 3_000_000_000
    with pytest.raises(SurveyError) as raised:
        read_survey(patched, small_framework, "bomb.xlsx")
    message = str(raised.value)
    assert "expand" in message and "2,861 MB" in message


def test_zip_with_too_many_parts_is_refused(small_framework: Framework) -> None:
    archive = zip_bytes({f"xl/part{i}.xml": b"" for i in range(5001)}, level=1)
    with pytest.raises(SurveyError, match="5,001 parts"):
        read_survey(archive, small_framework, "many.xlsx")


def test_file_over_the_size_limit_is_refused(small_framework: Framework) -> None:
    with pytest.raises(SurveyError, match="the limit is 50 MB"):
        read_survey(b"a" * (MAX_FILE_BYTES + 1), small_framework, "huge.csv")


@pytest.mark.parametrize("data", [b"\xff\xfeN\x00a", b"\xff\xfe\x00\xd8a\x00", b"\xfe\xff\x00N\x00"])
def test_broken_utf16_text_gives_survey_error(small_framework: Framework, data: bytes) -> None:
    with pytest.raises(SurveyError):
        read_survey(data, small_framework, "s.csv")


# --- bad content -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        [[CP, BUDGET], [3, 4]],
        [["Team", "Role", CP], ["Growth", "Digital Marketer", 3]],
    ],
)
def test_no_name_or_email_column_raises(
    small_framework: Framework, make_xlsx: MakeXlsx, rows: list[list[Any]]
) -> None:
    with pytest.raises(SurveyError) as raised:
        read_survey(make_xlsx({"S": rows}), small_framework, "s.xlsx")
    assert "No column with people's names or e-mail" in str(raised.value)


def test_no_skill_column_raises(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx({"S": [["Name", "Team", "Favourite colour"], ["Ana", "Growth", "blue"]]})
    with pytest.raises(SurveyError) as raised:
        read_survey(data, small_framework, "s.xlsx")
    assert "No column matched a skill of the framework 'Small test framework'" in str(raised.value)
    with pytest.raises(SurveyError, match="No column matched a skill"):
        read_survey(b"Name;Team;Favourite colour\nAna;Growth;blue\n", small_framework, "s.csv")


def test_workbook_with_only_empty_sheets(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    with pytest.raises(SurveyError, match="empty"):
        read_survey(make_xlsx({"Sheet1": [], "Sheet2": []}), small_framework, "s.xlsx")


def test_headers_without_any_response_are_reported(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx({"S": [["Name", "Email", "Team", "Role", CP]]})
    try:
        result = read_survey(data, small_framework, "s.xlsx")
    except SurveyError:
        return
    assert result.issues, "an upload with no responses at all must say so"


def test_unmatched_columns_are_listed_and_warned_with_answer_count(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    speaking, tool = "Rate your skills [Public speaking]", "Favourite tool"
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", CP, speaking, "Comments", tool],
                ["Ana", "Growth", "Digital Marketer", 3, 4, "fine", "Excel"],
                ["Budi", "Growth", "Digital Marketer", 3, None, None, "Sheets"],
                ["Citra", "Growth", "Digital Marketer", 3, "3", None, "Excel"],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    assert result.unmatched_columns == [speaking, tool]
    assert one_issue(result, "warning", speaking).count == 2  # 4 and "3"; Budi left it blank
    assert one_issue(result, "warning", tool).count == 3
    assert "2 answer(s)" in one_issue(result, "warning", speaking).message
    assert not issues_where(result, "warning", "Comments")  # a known, ignored column
    assert result.mapping == {CP: "campaign_planning"}
    assert set(result.ratings[c.SKILL_ID]) == {"campaign_planning"}

    # The user maps one column to a skill and ignores the other.
    fixed = read_survey(
        data, small_framework, "s.xlsx", IngestOptions.build(columns={speaking: "web_analytics", tool: ""})
    )
    assert fixed.unmatched_columns == []
    assert fixed.mapping == {CP: "campaign_planning", speaking: "web_analytics"}
    assert not issues_where(fixed, "warning", "")
    web = tidy(fixed.ratings).query("skill_id == 'web_analytics'")
    assert dict(zip(web[c.NAME], web[c.RATING], strict=True)) == pytest.approx(
        {"Ana": 4.0, "Budi": NAN, "Citra": 3.0}, nan_ok=True
    )


def test_column_override_can_ignore_a_recognised_skill_column(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx({"S": [["Name", "Team", "Role", CP, WEB], ["Ana", "G", "Digital Marketer", 3, 4]]})
    result = read_survey(data, small_framework, "s.xlsx", IngestOptions.build(columns={WEB: ""}))
    assert result.mapping == {CP: "campaign_planning"}
    assert list(result.ratings[c.SKILL_ID]) == ["campaign_planning"]


def test_column_override_to_unknown_skill_is_not_a_crash(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx({"S": [["Name", "Team", "Role", CP, "Fav"], ["Ana", "G", "Digital Marketer", 3, 4]]})
    try:
        result = read_survey(data, small_framework, "s.xlsx", IngestOptions.build(columns={"Fav": "seo"}))
    except SurveyError:
        return
    assert set(result.ratings[c.SKILL_ID]) <= {"campaign_planning", "budgeting", "web_analytics"}


def test_unknown_role_is_warned_and_fixed_by_role_mapping(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Email", "Name", "Team", "Role", CP],
                ["ana@x.com", "Ana", "Growth", "Growth Hacker", 3],
                ["budi@x.com", "Budi", "Growth", "Growth Hacker", 2],
                ["citra@x.com", "Citra", "Growth", "Digital Marketer", 4],
                ["dewi@x.com", "Dewi", "Growth", None, 4],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    hacker = one_issue(result, "warning", "Growth Hacker")
    assert "2 person(s)" in hacker.message
    assert (hacker.count, hacker.row, hacker.column) == (2, 2, "Role")  # the header as the sheet writes it
    no_role = one_issue(result, "warning", "have no role")
    assert (no_role.count, no_role.row) == (1, 5)
    roles = tidy(result.ratings).set_index(c.NAME)[c.ROLE_ID]
    assert pd.isna(roles["Ana"]) and pd.isna(roles["Budi"]) and pd.isna(roles["Dewi"])
    assert roles["Citra"] == "specialist"
    assert_frame_equal(
        result.roles,
        pd.DataFrame(
            {
                c.ROLE: ["", "Digital Marketer", "Growth Hacker"],
                c.ROLE_ID: ["", "specialist", ""],
                "people": [1, 1, 2],
            }
        ),
        check_dtype=False,
    )

    fixed = read_survey(
        data, small_framework, "s.xlsx", IngestOptions.build(roles={"Growth Hacker": "specialist"})
    )
    assert not issues_where(fixed, "warning", "Growth Hacker")
    roles = tidy(fixed.ratings).set_index(c.NAME)[c.ROLE_ID]
    assert roles["Ana"] == roles["Budi"] == "specialist"


def test_out_of_range_and_unreadable_ratings(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", CP, WEB],
                ["Ana", "G", "Digital Marketer", 7, 3],  # row 2
                ["Budi", "G", "Digital Marketer", 0, "great"],  # row 3
                ["Citra", "G", "Digital Marketer", -1, True],  # row 4
                ["Dewi", "G", "Digital Marketer", 4, "4 - Advanced"],  # row 5
                ["Eko", "G", "Digital Marketer", 3, "TRUE"],  # row 6
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    out = one_issue(result, "error", "outside the scale 1 to 5")
    assert (out.count, out.row, out.column, out.sheet) == (3, 2, CP, "S")  # 7, 0, -1
    assert "rows 2, 3, 4" in out.message
    unreadable = one_issue(result, "error", "not ratings the reader understands")
    assert (unreadable.count, unreadable.row, unreadable.column) == (3, 3, WEB)  # great, TRUE, "TRUE"
    assert "'great'" in unreadable.message
    assert result.issue_counts()["error"] == 2
    # Only the good answers remain: CP from Dewi 4 and Eko 3; web from Ana 3 and Dewi 4.
    got = tidy(result.ratings)[[c.NAME, c.SKILL_ID, c.RATING]]
    want = pd.DataFrame(
        {
            c.NAME: ["Ana", "Dewi", "Dewi", "Eko"],
            c.SKILL_ID: ["web_analytics", "campaign_planning", "web_analytics", "campaign_planning"],
            c.RATING: [3.0, 4.0, 4.0, 3.0],
        }
    )
    assert_frame_equal(got.sort_values([c.NAME, c.SKILL_ID]).reset_index(drop=True), want, check_dtype=False)


def test_rows_without_name_or_email_are_errors_and_left_out(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Email", "Team", "Role", CP, BUDGET],
                ["Ana", "ana@x.com", "G", "Digital Marketer", 3, 4],
                [None, None, "G", "Digital Marketer", 3, 4],  # row 3
                [None, "  ", None, None, 2, None],  # row 4: a blank e-mail is no e-mail
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    issue = one_issue(result, "error", "no name or e-mail")
    assert (issue.count, issue.row) == (2, 3)
    assert "rows 3, 4" in issue.message
    assert set(result.ratings[c.RESPONDENT_ID]) == {"ana@x.com"}
    assert len(result.ratings) == 2


def test_fully_empty_rows_are_skipped_silently(small_framework: Framework, make_xlsx: MakeXlsx) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", CP, BUDGET],
                ["Ana", "G", "Digital Marketer", 3, 4],
                [None, None, None, None, None],
                ["Budi", "G", "Digital Marketer", 2, 2],
                [None, None, None, None, None],
                ["Citra", "G", "Head of Digital Marketing", 5, 5],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    assert result.issues == ()
    assert len(result.ratings) == 6  # 3 people x 2 skills, nothing for the empty rows
    assert result.respondents == 3


def test_repeated_submission_keeps_the_latest_by_timestamp(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Timestamp", "Email address", "Name", "Team", "Role", CP, WEB],
                [datetime(2026, 2, 10, 12, 0), "Ana@Example.com", "Ana", "G", "Digital Marketer", 4, 5],
                [datetime(2026, 2, 5, 9, 0), "ana@example.com", "Ana S.", "G", "Digital Marketer", 2, 1],
                [datetime(2026, 2, 6, 9, 0), "budi@example.com", "Budi", "G", "Digital Marketer", 3, 3],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    # Row 2 is dated 10 Feb, row 3 5 Feb: row 2 is the latest although it is higher up.
    got = tidy(result.ratings)
    ana = got[got[c.RESPONDENT_ID] == "ana@example.com"]
    assert dict(zip(ana[c.SKILL_ID], ana[c.RATING], strict=True)) == {
        "campaign_planning": 4.0,
        "web_analytics": 5.0,
    }
    assert set(ana[c.NAME]) == {"Ana"}
    assert len(got) == 4  # 2 people x 2 skills
    assert result.respondents == 2
    warning = one_issue(result, "warning", "more than once")
    assert (warning.row, warning.count) == (2, 2)
    assert "rows 2, 3" in warning.message


def test_repeated_submission_without_timestamps_keeps_the_bottom_row(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    # Forms append: without timestamps the row further down is the later submission.
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", CP],
                ["Ana", "G", "Digital Marketer", 2],
                ["ana", "G", "Digital Marketer", 4],  # same person: names fold to "ana"
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    assert list(result.ratings[c.RATING]) == [4.0]
    assert one_issue(result, "warning", "more than once").count == 2


def test_not_applicable_and_blank_are_nan_and_counted(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "S": [
                ["Name", "Team", "Role", CP, BUDGET, WEB],
                ["Ana", "G", "Digital Marketer", "N/A", "Tidak berlaku", None],
                ["Budi", "G", "Digital Marketer", "-", "   ", 3],
            ]
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    assert len(result.ratings) == 6  # kept as rows, with NaN ratings
    assert int(result.ratings[c.RATING].isna().sum()) == 5
    assert one_issue(result, "info", "not applicable").count == 3  # N/A, Tidak berlaku, -
    assert one_issue(result, "info", "left blank").count == 2  # empty cell and spaces
    assert result.issue_counts() == {"error": 0, "warning": 0, "info": 2}


# --- timestamps in text (csv) ------------------------------------------------------------


@pytest.mark.parametrize(
    "stamps",
    [
        ("2026-03-20T10:00:00+01:00", "2026-03-30T10:00:00+01:00"),
        ("2026-03-20T10:00:00+01:00", "2026-03-30T10:00:00+02:00"),  # across a DST change
    ],
)
def test_timestamps_with_utc_offsets(small_framework: Framework, stamps: tuple[str, str]) -> None:
    data = f"Timestamp,Name,Budgeting\n{stamps[0]},Ana,3\n{stamps[1]},Budi,4\n".encode()
    result = read_survey(data, small_framework, "s.csv")
    assert set(result.ratings[c.ROUND]) == {"2026-Q1"}


def test_day_first_timestamps_give_the_right_round(small_framework: Framework) -> None:
    # 3, 5 and 20 August 2026 as an Indonesian Google Sheet writes them; 20/08 can only be
    # day-first, so the column is. All in August: 2026-Q3.
    data = (
        b"Cap waktu,Nama,Penganggaran\n03/08/2026 10:00:00,Ani,3\n05/08/2026 10:00:00,Budi,3\n"
        b"20/08/2026 10:00:00,Citra,3\n"
    )
    result = read_survey(data, small_framework, "survei.csv")
    assert set(result.ratings[c.ROUND]) == {"2026-Q3"}


def test_google_forms_text_timestamps_with_timezone_suffix(small_framework: Framework) -> None:
    data = (
        b"Timestamp,Name,Budgeting\n2026/08/02 11:09:42 AM GMT+7,Ana,3\n2026/08/03 1:09:42 PM GMT+7,Budi,3\n"
        b"2026/07/30 9:00:00 AM GMT+7,Citra,2\n"
    )
    result = read_survey(data, small_framework, "s.csv")
    assert set(result.ratings[c.ROUND]) == {"2026-Q3"}  # late July / early August


# --- properties ----------------------------------------------------------------------------

PROPERTY_HEADERS = [
    "Name",
    "Email",
    "Team",
    "Role",
    "Rater",
    CP,
    "Budgeting",
    "Manager rating [Web analytics]",
]

_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),  # huge Python ints: see the xfail test below
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["=1+1", "=HYPERLINK(\"x\")", "N/A", "4 - Advanced", "Menengah", "3,5", " ", "-", "1e400",
                     "Level 2", "ana@x.com", "Ana", "Digital Marketer"]),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.times(),
)  # fmt: skip


def _grid(rows: list[list[Any]]) -> np.ndarray:
    grid = np.empty((len(rows) + 1, len(PROPERTY_HEADERS)), dtype=object)
    grid[0] = PROPERTY_HEADERS
    for i, row in enumerate(rows, start=1):
        grid[i, :] = row
    return grid


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(_CELLS, min_size=8, max_size=8), min_size=0, max_size=6))
@example(rows=[["Ana", None, None, None, None, float("inf"), float("nan"), "=1+1"]])
@example(rows=[[True, False, 1.5, None, "Line manager", 10**18, -0.0, datetime(2026, 1, 1)]])
@example(rows=[["Ana", "a@x.com", "G", "Digital Marketer", "Self", 3, 4, 5]] * 2)
def test_any_cells_give_a_result_or_survey_error(small_framework: Framework, rows: list[list[Any]]) -> None:
    try:
        result = tidy_survey({"Sheet1": _grid(rows)}, small_framework)
    except SurveyError:
        return
    _check_result(result, rows)


def _check_result(result: IngestResult, rows: list[list[Any]]) -> None:
    ratings = result.ratings
    assert list(ratings.columns) == list(c.TIDY_COLUMNS)
    values = ratings[c.RATING].to_numpy(dtype=float)
    assert np.all(np.isnan(values) | ((values >= 1) & (values <= 5)))
    assert ratings[c.SKILL_ID].notna().all()
    assert ratings[c.RATER].isin(["self", "manager", "peer"]).all()
    assert (ratings[c.RESPONDENT_ID] != "").all()
    assert len(ratings) <= len(rows) * 3  # at most one rating per row and skill column
    assert result.issues_frame()["severity"].isin(["error", "warning", "info"]).all()


@settings(max_examples=50, deadline=None)
@given(stamps=st.lists(_CELLS, min_size=1, max_size=5))
@example(stamps=[-1])
@example(stamps=["3026-02-02"])
@example(stamps=[datetime(2300, 1, 1)])
def test_any_timestamp_cells_give_a_result_or_survey_error(
    small_framework: Framework, stamps: list[Any]
) -> None:
    # Same property with a Timestamp column; the examples above are typos a real sheet can hold.
    grid = np.empty((len(stamps) + 1, 3), dtype=object)
    grid[0] = ["Timestamp", "Name", "Budgeting"]
    for i, stamp in enumerate(stamps, start=1):
        grid[i] = [stamp, "Ana", 3]
    try:
        result = tidy_survey({"Sheet1": grid}, small_framework)
    except SurveyError:
        return
    assert list(result.ratings[c.RATING]) == [3.0]  # one person, the repeats collapse to one answer


def test_huge_integer_cell_is_out_of_range_not_a_crash(small_framework: Framework) -> None:
    grid = np.array([["Name", "Budgeting"], ["Ana", 10**400]], dtype=object)
    result = tidy_survey({"Sheet1": grid}, small_framework)
    assert one_issue(result, "error", "outside the scale").count == 1


_PREFIXES = st.sampled_from(
    [
        b"",
        b"PK\x03\x04",
        _OLE,
        b"%PDF",
        b"\xef\xbb\xbf",
        b"Name,Budgeting\n",
        b"Name;Email;Budgeting\nAna;",
        b'"',
    ]
)


@settings(max_examples=100, deadline=None)
@given(prefix=_PREFIXES, body=st.binary(max_size=300), filename=st.sampled_from(["", "s.csv", "s.xlsx", "x"]))
@example(prefix=b"Name,Budgeting\n", body=b'Ana,"3\nBudi', filename="s.csv")
def test_any_bytes_give_a_result_or_survey_error(
    small_framework: Framework, prefix: bytes, body: bytes, filename: str
) -> None:
    data = prefix + body
    # UTF-16 text is covered (and currently failing) in test_broken_utf16_text_gives_survey_error.
    assume(not data.startswith((b"\xff\xfe", b"\xfe\xff")))
    message = ""
    try:
        result = read_survey(data, small_framework, filename)
    except SurveyError as error:
        message = str(error)
    else:
        values = result.ratings[c.RATING].to_numpy(dtype=float)
        assert np.all(np.isnan(values) | ((values >= 1) & (values <= 5)))
        return
    assert message  # a refusal always says why


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(
        st.sampled_from(["1", "2", "5", "3,5", "N/A", "Pemula", "Ahli", "", "7", "x", "4 - Advanced"]),
        min_size=1,
        max_size=12,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_every_answer_is_kept_or_reported(
    small_framework: Framework, answers: list[str], delimiter: str
) -> None:
    # Nothing dropped silently: ratings + reported bad answers = every answer given.
    def cell(a: str) -> str:
        return f'"{a}"' if delimiter in a else a

    lines = [f"Name{delimiter}Team{delimiter}Role{delimiter}Budgeting"]
    lines += [
        f"P{i}{delimiter}G{delimiter}Digital Marketer{delimiter}{cell(a)}" for i, a in enumerate(answers)
    ]
    result = read_survey("\n".join(lines).encode(), small_framework, "s.csv")
    bad = sum(i.count for i in result.issues if i.severity == "error")
    assert len(result.ratings) + bad == len(answers)
    # Worked out per answer: 7 is out of range and x unreadable; the rest are ratings or NaN.
    assert bad == sum(a in ("7", "x") for a in answers)
    numbers = {"1": 1, "2": 2, "5": 5, "3,5": 3.5, "Pemula": 1, "Ahli": 5, "4 - Advanced": 4}
    want = sorted(numbers[a] for a in answers if a in numbers)
    assert sorted(result.ratings[c.RATING].dropna()) == want


def test_sheet_cells_of_many_python_types_in_identity_columns(small_framework: Framework) -> None:
    grid = np.array(
        [
            ["Name", "Team", "Role", "Budgeting"],
            [datetime(2026, 1, 1), 42, 3.5, 3],
            [True, date(2026, 1, 2), time(9, 30), 4],
        ],
        dtype=object,
    )
    result = tidy_survey({"Sheet1": grid}, small_framework)
    # Names are whatever text the cell shows: str() of the value.
    assert set(result.ratings[c.NAME]) == {"2026-01-01 00:00:00", "True"}
    assert sorted(result.ratings[c.RATING]) == [3.0, 4.0]


def test_manager_sheet_naming_people_only_takes_their_email_team_and_role(
    small_framework: Framework, make_xlsx: MakeXlsx
) -> None:
    data = make_xlsx(
        {
            "2026-Q1": [
                ["Email", "Name", "Team", "Role", "Budgeting"],
                ["siti@x.id", "Siti Rahma", "Growth", "Digital Marketer", 2],
            ],
            "2026-Q1 manager": [["Name", "Budgeting"], ["siti rahma", 3]],
        }
    )
    result = read_survey(data, small_framework, "s.xlsx")
    ratings = result.ratings.astype(object)
    # One person, rated by herself (2) and her manager (3), both as a specialist in Growth.
    assert result.respondents == 1
    manager = ratings[ratings[c.RATER] == "manager"].iloc[0]
    assert manager[c.RESPONDENT_ID] == "siti@x.id"
    assert (manager[c.TEAM], manager[c.ROLE_ID], manager[c.RATING]) == ("Growth", "specialist", 3.0)
    assert one_issue(result, "info", "had no team").count == 1
    assert one_issue(result, "info", "had no role").count == 1


def test_blank_round_cells_are_reported(small_framework: Framework) -> None:
    data = b"Name,Round,Role,Budgeting\nAna,2026-Q1,Digital Marketer,3\nBudi,,Digital Marketer,4\n"
    result = read_survey(data, small_framework, "s.csv")
    issue = one_issue(result, "warning", "no survey round")
    assert (issue.row, issue.count) == (3, 1)


@pytest.mark.parametrize("keep_dimension", [True, False])
def test_sheet_with_a_far_away_cell_is_refused_before_parsing(keep_dimension: bool) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "Name"
    book.active["XFD1048576"] = "x"  # a 5 KB file whose used area is 17 billion cells
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if not keep_dimension:
        source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    content = re.sub(rb"<dimension[^>]*/>", b"", content)
                target.writestr(item, content)
        data = out.getvalue()
    with pytest.raises(SurveyError, match="used area"):
        read_survey(data, default_framework(), "far.xlsx")
