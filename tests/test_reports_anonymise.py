"""Pseudonyms and group hiding: stable, unique, keyed, and nothing of a real name left over."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.reports import anonymise as anon
from analytics.reports import pdf, write_csv, write_html, write_pdf, write_xlsx
from tests.test_reports_helpers import REAL_IDS, REAL_NAMES, ratings, report_data, xlsx_text


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
    teams = pd.Series(["A", "A", "A", "B", "C", "D", None])
    people = pd.Series(["p1", "p2", "p3", "p4", "p5", "p6", "p7"])
    merged = anon.merge_small_teams(teams, people, 3)
    label = anon.small_teams_label(3)
    # B, C and D have one person each: merged, they make a group of 3.
    assert merged.astype(object).tolist()[:6] == ["A", "A", "A", label, label, label]
    assert pd.isna(merged.iloc[6])


def test_merged_group_still_under_the_minimum_gets_no_team() -> None:
    # B and C (one person each) merge into a group of 2, still under 3: they get no team at all.
    teams = pd.Series(["A", "A", "A", "B", "C"])
    people = pd.Series(["p1", "p2", "p3", "p4", "p5"])
    merged = anon.merge_small_teams(teams, people, 3)
    assert merged.astype(object).tolist()[:3] == ["A", "A", "A"]
    assert merged.iloc[3:].isna().all()
    assert list(merged.cat.categories) == ["A"]


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


TINY_TEAM = "Kestrel Crew"
TINY_PEOPLE = (
    ("dani@kestrel.example", "Dani Kestrel", TINY_TEAM, "specialist", (1, 1, 1)),
    ("evi@kestrel.example", "Evi Kestrel", TINY_TEAM, "specialist", (1, 1, 1)),
)
GROWTH_PEOPLE = (
    ("ann@example.com", "Ann Lee", "Growth", "specialist", (2, 2, 4)),
    ("bob@example.com", "Bob Ray", "Growth", "specialist", (3, 1, 2)),
    ("cat@example.com", "Cat Kim", "Growth", "manager", (4, 3, 3)),
)


def test_anonymised_report_shows_nothing_of_a_two_person_team(monkeypatch: pytest.MonkeyPatch) -> None:
    """Growth (3 people) and a team of 2: the small team's name, people, counts and hours appear nowhere.

    Every skill is rated by all 5 people, so skill figures stay; the 2-person team merges into a
    group of 2, still under 3, so it has no team and no team figure describes it. Growth's
    figures by hand: planning shortfalls 1, 0, 0 -> 1/3 (Ann below); budgeting 0, 1, 1 -> 2/3
    (Bob, Cat below); reporting 0, 2, 0 -> 2/3 (Bob below).
    """
    data = report_data(ratings=ratings(GROWTH_PEOPLE + TINY_PEOPLE), anonymise=True, pseudonym_key="k")
    assert list(data.heatmap.values.index) == ["Growth"]
    assert data.heatmap.values.loc["Growth"].tolist() == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert data.heatmap.people.tolist() == [3]
    # Training plan: each skill's cohort counts only Growth among teams, e.g. planning: Ann and both
    # Tiny people (1 vs 3) are below, 3 people in all, and the team list names Growth (1) alone.
    training = data.training.frame.set_index("Skill")
    assert training.loc["Planning", "People below target"] == 3
    assert training.loc["Planning", "Teams"] == "Growth (1)"
    assert training.loc["Budgeting", "Teams"] == "Growth (2)"
    assert training.loc["Reporting", "Teams"] == "Growth (1)"
    assert set(data.single_points.frame["Team"]) <= {"Growth"}
    texts = {
        "xlsx": xlsx_text(write_xlsx(data)),
        "html": write_html(data).decode("utf-8"),
        "csv": write_csv(data).decode("utf-8-sig"),
    }
    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "render_charts", lambda charts: [])
    from tests.test_reports_pdf import pdf_text

    texts["pdf"] = " ".join(pdf_text(write_pdf(data)))
    charts = [fig.to_json() for fig in pdf.chart_figures(data)]
    for fmt, text in {**texts, "charts": " ".join(charts)}.items():
        for secret in (TINY_TEAM, "Kestrel", "Other teams", "dani@", "evi@", *REAL_NAMES[:3]):
            assert secret not in text, (fmt, secret)


def test_anonymised_tables_hide_every_figure_of_a_small_group() -> None:
    # With a minimum of 4, budgeting (rated by 3 people: the evil row is N/A) is a small group:
    # its priority, counts, hours, teams and names are all hidden in the training plan.
    data = report_data(anonymise=True, pseudonym_key="k", min_group_size=4)
    budgeting = data.training.frame.set_index("Skill").loc["Budgeting"]
    for column in ("Priority", "People below target", "People rated", "Total hours"):
        assert math.isnan(budgeting[column]), column
    assert budgeting["Teams"] == "" and budgeting["Who"] == ""
    assert budgeting["Hours per person"] == 4  # the framework's hours are no group figure
    assert "Budgeting" not in set(data.priorities.frame["Skill"])
