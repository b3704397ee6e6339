"""The validation report and the refusals of a file speak the session's language.

A survey read inside ``i18n.language("id")`` reports its findings in Bahasa Indonesia, with
the row numbers, columns and values of the file filled in; a file that cannot be used is
refused in the language it was read in. English, outside, stays word for word as it was.
"""

from __future__ import annotations

import pytest

from analytics import i18n
from analytics.files import SurveyError, read_tables
from analytics.framework import Framework
from analytics.ingest import IngestResult, Issue, read_survey

# Row 1 header; Ana on row 2; Budi on row 3 answered 9 on the 1-5 scale; row 4 has no name.
SURVEY = (
    b"Name,Email,Role,Budgeting\n"
    b"Ana,ana@x.com,Digital Marketer,3\n"
    b"Budi,budi@x.com,Digital Marketer,9\n"
    b",,Digital Marketer,4\n"
)


def issue(result: IngestResult, severity: str, row: int) -> Issue:
    found = [i for i in result.issues if i.severity == severity and i.row == row]
    assert len(found) == 1, result.issues
    return found[0]


def test_report_in_indonesian_names_the_rows(small_framework: Framework) -> None:
    with i18n.language("id"):
        result = read_survey(SURVEY, small_framework, "survei.csv")
    off = issue(result, "error", 3)
    assert off.message == (
        "1 jawaban di 'Budgeting' berada di luar skala 1 sampai 5 ('9'; baris 3); jawaban itu tidak disertakan."
    )
    assert off.action == "Gunakan angka 1 sampai 5, nama level seperti Menengah atau Beginner, atau N/A."
    unnamed = issue(result, "error", 4)
    assert unnamed.message == (
        "1 baris berisi jawaban tetapi tanpa nama atau e-mail (baris 4); baris-baris itu tidak disertakan."
    )
    assert unnamed.action == "Isi nama atau e-mail di baris-baris itu, lalu unggah lagi file-nya."
    # The severities stay keys, whatever the language.
    assert {i.severity for i in result.issues} <= {"error", "warning", "info"}


def test_a_survey_without_dates_or_rounds_is_round_1_in_its_language(small_framework: Framework) -> None:
    # The csv names no round and has no answer dates: one round, named in the reader's language.
    with i18n.language("id"):
        indonesian = read_survey(SURVEY, small_framework, "survei.csv")
    with i18n.language("en"):
        english = read_survey(SURVEY, small_framework, "survei.csv")
    assert set(indonesian.ratings["round"]) == {"Putaran 1"}
    assert set(english.ratings["round"]) == {"Round 1"}


def test_report_in_english_is_unchanged(small_framework: Framework) -> None:
    with i18n.language("en"):
        result = read_survey(SURVEY, small_framework, "survey.csv")
    assert issue(result, "error", 3).message == (
        "1 answer(s) in 'Budgeting' are outside the scale 1 to 5 ('9'; rows 3); they were left out."
    )
    assert issue(result, "error", 4).message == (
        "1 row(s) have answers but no name or e-mail (rows 4); they were left out."
    )


@pytest.mark.parametrize(
    ("data", "name", "english", "indonesian"),
    [
        (
            b"",
            "survey.csv",
            "The file is empty. Export the survey responses again and upload that file.",
            "File ini kosong. Ekspor ulang respons survei, lalu unggah file tersebut.",
        ),
        (
            b"%PDF-1.7 not a survey",
            "notes.pdf",
            "notes.pdf is a PDF document, not a spreadsheet. Upload the survey responses as .xlsx, .xlsm or .csv.",
            "notes.pdf adalah dokumen PDF, bukan spreadsheet. Unggah respons survei dalam format .xlsx, .xlsm "
            "atau .csv.",
        ),
    ],
)
def test_refused_file_in_the_language_it_was_read_in(
    data: bytes, name: str, english: str, indonesian: str
) -> None:
    with i18n.language("id"), pytest.raises(SurveyError) as refused:
        read_tables(data, name)
    assert str(refused.value) == indonesian
    with i18n.language("en"), pytest.raises(SurveyError) as refused:
        read_tables(data, name)
    assert str(refused.value) == english


def test_unusable_sheet_is_explained_in_indonesian(small_framework: Framework) -> None:
    # The reader picks the error by comparing untranslated reasons: that still works in Indonesian.
    no_names = b"Team,Budgeting\nGrowth,3\n"
    with i18n.language("id"), pytest.raises(SurveyError) as refused:
        read_survey(no_names, small_framework, "survei.csv")
    assert str(refused.value).startswith("Tidak ditemukan kolom berisi nama atau alamat e-mail orang")
    with i18n.language("en"), pytest.raises(SurveyError) as refused:
        read_survey(no_names, small_framework, "survey.csv")
    assert str(refused.value).startswith("No column with people's names or e-mail addresses was found")
