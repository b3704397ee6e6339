"""Pseudonyms and group hiding: stable, unique, keyed, and nothing of a real name left over."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.reports import anonymise as anon
from analytics.reports import write_csv, write_html, write_xlsx
from tests.test_reports_helpers import REAL_IDS, REAL_NAMES, report_data, xlsx_text


def test_pseudonyms_are_stable_for_a_key_and_differ_between_keys() -> None:
    ids = ["ann@example.com", "bob@example.com"]
    first = anon.pseudonyms(ids, "k1")
    assert list(first) == list(anon.pseudonyms(ids, "k1"))
    assert list(first) != list(anon.pseudonyms(ids, "k2"))
    assert all(re.fullmatch(r"Person [0-9a-f]{10}", p) for p in first)
    # A person's pseudonym does not depend on who else is in the survey.
    assert anon.pseudonyms(ids[1:], "k1")[0] == first[1]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=40, unique=True))
def test_pseudonyms_are_unique(ids: list[str]) -> None:
    assert anon.pseudonyms(ids, "key").is_unique


def test_same_key_gives_the_same_pseudonyms_in_every_format() -> None:
    one = report_data(anonymise=True, pseudonym_key="shared")
    two = report_data(anonymise=True, pseudonym_key="shared")
    assert one.gaps.frame["Person"].tolist() == two.gaps.frame["Person"].tolist()
    person = one.gaps.frame["Person"].iloc[0]
    assert person in write_csv(one).decode("utf-8-sig")
    assert person in write_html(one).decode("utf-8")
    assert person in xlsx_text(write_xlsx(one))


def test_small_teams_are_merged() -> None:
    teams = pd.Series(["A", "A", "A", "B", "C", None])
    people = pd.Series(["p1", "p2", "p3", "p4", "p5", "p6"])
    merged = anon.merge_small_teams(teams, people, 3)
    label = anon.small_teams_label(3)
    assert merged.astype(object).tolist()[:5] == ["A", "A", "A", label, label]
    assert pd.isna(merged.iloc[5])


def test_group_figures_under_the_minimum_are_hidden() -> None:
    # With a minimum of 4, budgeting (rated by 3 people) loses its priority; areas (4 people) keep theirs.
    data = report_data(anonymise=True, pseudonym_key="k", min_group_size=4)
    priorities = data.priorities.frame.set_index("Skill")
    assert "Budgeting" not in priorities.index or math.isnan(priorities.loc["Budgeting", "Priority"])
    assert data.areas.frame["Mean rating"].notna().all()
    training = data.training.frame.set_index("Skill")
    assert math.isnan(training.loc["Budgeting", "Priority"])
    # Every team is under 4 people, so all merge into one group of 4 and the heatmap shows it.
    assert list(data.heatmap.values.index) == [anon.small_teams_label(4)]


def test_whole_report_hidden_when_the_group_is_too_small() -> None:
    data = report_data(anonymise=True, pseudonym_key="k", min_group_size=10)
    shown = {f.label: f.value for f in data.headline}
    assert shown["Ratings at or above target"] is None
    assert data.areas.frame["Mean rating"].isna().all()
    assert data.heatmap.values.isna().all().all()


def test_validation_messages_are_redacted() -> None:
    messages = report_data(anonymise=True, pseudonym_key="k").validation.frame["What was found"].tolist()
    assert messages[0].startswith(anon.HIDDEN + " answered more than once")
    assert "'[hidden]'" in messages[1]
    for real in (*REAL_NAMES, *REAL_IDS):
        assert all(real not in m for m in messages)


def test_min_group_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="min_group_size"):
        report_data(anonymise=True, min_group_size=0)
