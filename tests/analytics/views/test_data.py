"""The Data page's tables: the validation report, the column and role mappings and their corrections."""

from __future__ import annotations

import pandas as pd

from analytics import columns as c
from analytics.framework import Framework
from analytics.views import data as dv
from analytics.views import fields as f
from tests.helpers.tidy import BU, MGR, SPEC, WA


def issues_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "severity": ["error", "info"],
            "sheet": ["Q1", ""],
            "row": pd.array([4, None], dtype="Int64"),
            "column": ["Rate [X]", ""],
            "message": ["Bad answer from 'Ayu Lestari'", "Blank answers"],
            "action": ["Fix it", "Nothing"],
            "count": [2, 5],
        }
    )


def test_validation_table_says_what_where_and_todo() -> None:
    table = dv.validation_table(issues_frame(), dv.PAGE_COLUMNS)
    assert [table.heading(name) for name in table.columns] == [
        "Severity",
        "What was found",
        "Where",
        "What to do",
        "Count",
    ]
    assert list(table.frame[dv.WHERE]) == ["sheet Q1, row 4, column 'Rate [X]'", "whole file"]
    assert list(table.frame[dv.SEVERITY]) == ["Error", "Note"]
    report = dv.validation_table(issues_frame())
    assert report.columns == dv.REPORT_COLUMNS and report.kind(dv.ROW) == f.COUNT


def test_validation_table_redacts_names_for_anonymised_reports() -> None:
    table = dv.validation_table(issues_frame(), redact=pd.Index(["Ayu Lestari"]))
    assert "Ayu" not in " ".join(table.frame[dv.MESSAGE]) and "[hidden]" in table.frame[dv.MESSAGE].iloc[0]
    # Sheet names (a csv's is its file's) are given by number.
    assert list(table.frame[dv.SHEET]) == ["1", ""]
    assert list(table.frame[dv.WHERE]) == ["sheet 1, row 4, column 'Rate [X]'", "whole file"]


def test_column_and_role_overrides(small_framework: Framework) -> None:
    columns = pd.DataFrame(
        [
            ("S", "Name", "name", "", ""),
            ("S", "Rate [Budgeting]", "skill", BU, ""),
            ("S", "Mystery", "unmatched", "", ""),
        ],
        columns=["sheet", "column", "kind", c.SKILL_ID, c.RATER],
    )
    shown = dv.column_mapping(columns, small_framework)
    assert dv.identity_columns(columns) == "Name: 'Name'"
    # A column table without confidence (a round stored before it was kept) reads as matched;
    # what the reader did not recognise comes first.
    assert list(shown["column"]) == ["Mystery", "Rate [Budgeting]"]
    assert list(shown["found"]) == ["not recognised", "matched"]
    assert list(shown[f.SKILL]) == [dv.NOT_A_SKILL, "Budgeting and KPIs"]
    edited = shown.copy()
    edited.loc[0, f.SKILL] = "Web analytics"
    edited.loc[1, f.SKILL] = dv.NOT_A_SKILL
    assert dv.column_overrides(shown, edited, small_framework) == {"Mystery": WA, "Rate [Budgeting]": ""}
    edited.loc[0, f.SKILL] = "No such skill"
    assert dv.column_overrides(shown, edited, small_framework) == {"Rate [Budgeting]": ""}

    roles = pd.DataFrame({c.ROLE: ["Astronaut", "Digital Marketer"], c.ROLE_ID: ["", SPEC], "people": [1, 2]})
    shown_roles = dv.role_mapping(roles, small_framework)
    assert list(shown_roles["framework role"]) == [dv.NO_ROLE, "Digital Marketing Specialist"]
    edited_roles = shown_roles.copy()
    edited_roles.loc[0, "framework role"] = "Digital Marketing Manager"
    assert dv.role_overrides(shown_roles, edited_roles, small_framework) == {"Astronaut": MGR}
    assert dv.known_overrides({"a": MGR, "b": "gone", "c": ""}, [MGR]) == {"a": MGR, "c": ""}
