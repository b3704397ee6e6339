"""The csv export: the tidy gap table, formula-like upload text defused per OWASP."""

from __future__ import annotations

import csv
import io
import itertools

import pandas as pd

from analytics import columns as c
from analytics import gaps
from analytics.reports import build_report, write_report
from analytics.reports.csv import (
    CHUNK_ROWS,
    MENTOR,
    PLANNED_ACTION,
    csv_chunks,
    defuse,
    tidy_table,
    write_csv,
    write_csv_to,
)
from tests.helpers.reports import EVIL_NAME, EVIL_TEAM, REAL_IDS, REAL_NAMES, report_data


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_is_the_tidy_gap_table() -> None:
    table = rows(write_csv(report_data()))
    assert len(table) == 11
    assert list(table[0]) == [
        c.RESPONDENT_ID,
        c.NAME,
        c.TEAM,
        c.ROLE_ID,
        "role",
        c.ROUND,
        c.RATER,
        c.SKILL_ID,
        "skill",
        c.AREA_ID,
        "area",
        *gaps.PAIR_COLUMNS[8:],
        PLANNED_ACTION,
        MENTOR,
    ]
    bob = next(r for r in table if r[c.NAME] == "Bob Ray" and r[c.SKILL_ID] == "reporting")
    assert (bob[c.RATING], bob[c.TARGET], bob[c.GAP], bob[c.WEIGHTED_SHORTFALL]) == (
        "2.0",
        "4.0",
        "2.0",
        "6.0",
    )
    assert bob["skill"] == "Reporting" and bob["role"] == "Specialist"
    # Bob is below target on reporting, which the default plan covers; nobody else rates 4+ on it.
    assert bob[PLANNED_ACTION] == "Reporting course"
    at_target = [r for r in table if r[c.SHORTFALL] == "0.0"]
    assert at_target and all(r[PLANNED_ACTION] == "" and r[MENTOR] == "" for r in at_target)


def test_formula_like_text_gets_a_quote_and_numbers_stay_numbers() -> None:
    table = rows(write_csv(report_data()))
    evil = [r for r in table if r[c.RESPONDENT_ID] == "evil@example.com"]
    assert {r[c.NAME] for r in evil} == {"'" + EVIL_NAME}
    assert {r[c.TEAM] for r in evil} == {"'" + EVIL_TEAM}
    assert "-1.0" in {r[c.GAP] for r in evil}  # a negative gap is a number, not text


def test_defuse_covers_every_owasp_start() -> None:
    values = pd.Series(["=1", "+1", "-1", "@x", "\tx", "\rx", "ok", None, "'=1"])
    safe = defuse(values)
    assert safe[:7].tolist() == ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok"]
    assert pd.isna(safe[7])
    # A value that already had the quote and one that gets it are the same text, once.
    assert safe[8] == "'=1" and safe.cat.categories.tolist().count("'=1") == 1


def test_anonymised_csv_has_no_real_name_or_email() -> None:
    data = write_csv(report_data(anonymise=True, pseudonym_key="secret")).decode("utf-8-sig")
    for real in (*REAL_NAMES, *REAL_IDS, "Evil"):
        assert real not in data
    table = rows(data.encode())
    assert {r[c.NAME] == r[c.RESPONDENT_ID] for r in table} == {True}
    # Rows are in pseudonym order, so their order gives nobody away.
    names = [r[c.NAME] for r in table]
    assert names == sorted(names)


def test_fast_writer_matches_pandas() -> None:
    frame = pd.DataFrame(
        {
            "text": ["a,b", 'say "hi"', "line\nbreak", None, "plain"],
            "number": [1.0, -2.5, float("nan"), 0.1 + 0.2, 3.0],
            "count": [1, 2, 3, 4, 5],
            "flag": [True, False, True, True, False],
            "cat": pd.Categorical(["x", "y", None, "x", "y"]),
        }
    )
    expected = frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    assert b"".join(csv_chunks(frame)) == expected
    assert b"".join(csv_chunks(frame.iloc[0:0])) == frame.iloc[0:0].to_csv(
        index=False, lineterminator="\r\n"
    ).encode("utf-8-sig")


def test_fast_writer_with_segments_matches_pandas() -> None:
    frame = pd.DataFrame(
        {
            "who": ["a", "b", "a", None, "a,b"],
            "team": ["x", "y", "x", "y", 'q"t'],
            "skill": ["s1", "s1", "s2", "s2", "s1"],
            "rating": [1.0, float("nan"), 3.0, 1.0, 2.0],
        }
    )
    expected = frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    for split in ((), (2,), (1, 3), (1, 2, 3)):
        assert b"".join(csv_chunks(frame, split)) == expected


def test_report_csv_is_pandas_to_csv_of_the_tidy_table() -> None:
    view = report_data()
    expected = tidy_table(view).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    assert write_csv(view) == expected
    assert build_report("csv", view) == expected
    streamed = io.BytesIO()
    write_report("csv", view, streamed)
    assert streamed.getvalue() == expected
    assert expected.startswith(b"\xef\xbb\xbf" + c.RESPONDENT_ID.encode())


def test_anonymised_report_csv_is_pandas_to_csv_too() -> None:
    view = report_data(anonymise=True, pseudonym_key="secret")
    expected = tidy_table(view).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    stream = io.BytesIO()
    write_csv_to(stream, view)
    assert stream.getvalue() == expected


def test_csv_streams_in_chunks_of_rows() -> None:
    # 7 rows in chunks of 3: the BOM and header, then 3 + 3 + 1 rows.
    frame = pd.DataFrame({"who": list("abcdefg"), "rating": [1.0, 2.0, None, 4.0, 5.0, 1.5, 2.5]})
    chunks = list(csv_chunks(frame, (1,), chunk_rows=3))
    assert len(chunks) == 4
    assert chunks[0] == "\ufeffwho,rating\r\n".encode()
    assert [chunk.count(b"\r\n") for chunk in chunks[1:]] == [3, 3, 1]
    assert b"".join(chunks) == frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    assert CHUNK_ROWS >= 1_000


def test_csv_chunks_of_the_report_match_pandas_whatever_the_chunk_size() -> None:
    table = tidy_table(report_data())
    expected = table.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    for size in (1, 2, 5, 11, 50):
        chunks = list(csv_chunks(table, (table.columns.get_loc(c.ROLE_ID),), chunk_rows=size))
        assert len(chunks) == 1 + -(-11 // size)  # header, then ceil(11 / size) chunks
        assert b"".join(chunks) == expected
        assert all(not chunk.startswith(b"\xef\xbb\xbf") for chunk in itertools.islice(chunks, 1, None))
