"""Numbers, headings and labels as readers see them."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views.formats import counted, counted_each, excel_format, format_number, format_value
from analytics.views.names import label, with_names
from analytics.views.summary import summary_table
from tests.helpers.tidy import BU, CP, MGR, WA


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (0.456, f.PERCENT, "46%"),
        (1126.0, f.COUNT, "1,126"),
        (1092.0, f.HOURS, "1,092"),
        (12.5, f.HOURS, "12.5"),
        (3.5, f.LEVEL, "3.5"),
        (2 / 3, f.SCORE, "0.67"),
        (-0.001, f.SCORE, "0.00"),  # never "-0.00"
        (-0.25, f.SCORE, "-0.25"),
    ],
)
def test_numbers_read_the_same_everywhere(value: float, kind: str, shown: str) -> None:
    assert format_number(value, kind) == shown


def test_missing_values_and_text() -> None:
    assert format_value(float("nan"), f.SCORE, "hidden") == "hidden"
    assert format_value(None, f.COUNT) == ""
    assert format_value("Growth", f.TEXT) == "Growth"


def test_excel_formats_match_the_kinds() -> None:
    assert excel_format(f.HOURS, pd.Series([6.0, 1092.0])) == "#,##0"
    assert excel_format(f.HOURS, pd.Series([6.0, 12.5, None])) == "#,##0.0"
    assert (
        excel_format(f.PERCENT) == "0%"
        and excel_format(f.LEVEL) == "0.0"
        and excel_format(f.TEXT) == "General"
    )


def test_counted_says_person_for_one_and_separates_thousands() -> None:
    assert counted(1, "person", "people") == "1 person"
    assert counted(0, "person", "people") == "0 people"
    assert counted(1126, "rated skill") == "1,126 rated skills"
    got = counted_each(pd.Series([1, 2, None, 1126]), "person", "people")
    assert list(got) == ["1 person", "2 people", "", "1,126 people"]
    assert list(counted_each(pd.Series([], dtype=float), "rating")) == []


def test_table_refuses_a_column_it_lacks_or_cannot_name() -> None:
    frame = pd.DataFrame({f.SKILL: ["A"], "mystery": [1]})
    with pytest.raises(ValueError, match="no column"):
        f.Table("T", frame, (f.SKILL, f.AREA))
    with pytest.raises(ValueError, match="no field"):
        f.Table("T", frame, (f.SKILL, "mystery"))
    table = f.Table("T", frame, (f.SKILL, "mystery"), fields={"mystery": f.Field("Mystery", f.COUNT)})
    assert (table.heading("mystery"), table.kind("mystery"), table.heading(f.SKILL)) == (
        "Mystery",
        f.COUNT,
        "Skill",
    )


def test_labels_map_ids_to_names_once_per_category(small_framework: Framework) -> None:
    ids = pd.Series([WA, CP, None, WA], dtype="category")
    names = {s.id: s.name for s in small_framework.skills}
    assert label(ids, names).tolist() == ["Web analytics", "Campaign planning", None, "Web analytics"]
    named = with_names(pd.DataFrame({c.SKILL_ID: [BU], c.ROLE_ID: [MGR]}), small_framework)
    assert named[[f.SKILL, f.ROLE_NAME]].values.tolist() == [
        ["Budgeting and KPIs", "Digital Marketing Manager"]
    ]


def test_summary_table_names_groups_and_keeps_ids_beside_them(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    table = summary_table(pairs, small_framework, ["area", "person"])
    frame = table.frame
    assert table.columns[:2] == ("area", "person")
    row = frame[(frame["area_id"] == "analytics") & (frame["person_id"] == "cat")].iloc[0]
    assert (row["area"], row["person"]) == ("Analytics", "Cat")
    # cat on web analytics: rating 2, target 4.
    assert (row[gaps.MEAN_RATING], row[gaps.MEAN_GAP]) == (2.0, 2.0)
    with pytest.raises(ValueError, match="unknown group key"):
        summary_table(pairs, small_framework, ["planet"])
