"""Ingest under fire: arbitrary bytes, and surveys whose cells hold anything at all (hypothesis,
2,400 examples in all). Whatever comes in, ingest returns a result or raises its own
SurveyError, with a message; nothing else escapes, and every rating it keeps is on the scale."""

from __future__ import annotations

import csv
import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import columns as c
from analytics.files import SurveyError
from analytics.framework import default_framework
from analytics.ingest import IngestResult, read_survey

FRAMEWORK = default_framework()
HEADERS = [
    "Name",
    "Email",
    "Team",
    "Role",
    "Timestamp",
    "Rate your skills [Campaign planning]",
    "Rate your skills [Web and social analytics]",
    "Kemampuan [Manajemen komunitas]",
    "Self rating - SEO",
]
SUFFIXES = st.sampled_from([".csv", ".xlsx", ".xlsm", ".txt", ""])
# Cells as people and tools write them, and as an attacker would.
CELLS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "3", "4.5", "N/A", "tidak ada", "=1+1", "@SUM(A1)", "-2", "99", "Expert", "1e308"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
FUZZ = settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(data: bytes, name: str) -> None:
    refusal = ""
    try:
        result = read_survey(data, FRAMEWORK, name)
    except SurveyError as exc:
        refusal = str(exc).strip() or "(no message)"
    if refusal:
        assert refusal != "(no message)", "a refusal says why"
        return
    assert isinstance(result, IngestResult)
    ratings = result.ratings[c.RATING].dropna()
    assert ratings.between(FRAMEWORK.scale.min, FRAMEWORK.scale.max).all()
    assert all(issue.message for issue in result.issues)


@FUZZ
@given(data=st.binary(max_size=4000), suffix=SUFFIXES)
def test_arbitrary_bytes_are_read_or_refused_by_ingest_alone(data: bytes, suffix: str) -> None:
    _read(data, f"upload{suffix}")


@FUZZ
@given(
    headers=st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=30)), min_size=0, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_csv_cells_of_any_content(headers: list[str], rows: list[list[str]], delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    _read(out.getvalue().encode("utf-8"), "survey.csv")


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    headers=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=7),
    rows=st.lists(
        st.lists(
            st.one_of(CELLS, st.integers(-5, 10), st.floats(allow_nan=False, allow_infinity=False)),
            max_size=7,
        ),
        max_size=8,
    ),
    sheets=st.integers(1, 2),
)
def test_workbook_cells_of_any_content(headers: list[str], rows: list[list[object]], sheets: int) -> None:
    book = openpyxl.Workbook()
    for number in range(sheets):
        sheet = book.active if number == 0 else book.create_sheet(f"Sheet {number + 1}")
        sheet.append(headers)  # type: ignore[union-attr]
        for row in rows:
            # openpyxl refuses control characters in cells; a real export cannot hold them either.
            sheet.append([_cell(v) for v in row])  # type: ignore[union-attr]
    buffer = io.BytesIO()
    book.save(buffer)
    _read(buffer.getvalue(), "survey.xlsx")


def _cell(value: object) -> object:
    if isinstance(value, str):
        return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
    return value
