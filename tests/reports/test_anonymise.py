"""Pseudonyms and group hiding: stable, unique, keyed, and nothing of a real name left over."""

from __future__ import annotations

import html
import io
import json
import math
import re

import pandas as pd
import plotly.offline
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from analytics import columns as c
from analytics import gaps
from analytics import plans as p
from analytics import privacy as anon
from analytics.reports import pdf
from analytics.reports.csv import write_csv
from analytics.reports.html import write_html
from analytics.reports.pdf import write_pdf
from analytics.reports.xlsx import write_xlsx
from analytics.views import fields as f
from tests.helpers.reports import (
    PEOPLE,
    REAL_IDS,
    REAL_NAMES,
    no_pdf_charts,
    pdf_text,
    ratings,
    report_data,
    xlsx_text,
)


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
    assert one.gaps.frame[c.NAME].tolist() == two.gaps.frame[c.NAME].tolist()
    person = one.gaps.frame[c.NAME].iloc[0]
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
    view = report_data(anonymise=True, pseudonym_key="k", min_group_size=4)
    ranked = view.priorities.ranked.frame.set_index(f.SKILL)
    assert "Budgeting" not in ranked.index or math.isnan(ranked.loc["Budgeting", gaps.PRIORITY])
    assert "Budgeting" not in set(view.overview.top_priorities.frame[f.SKILL])
    assert view.overview.areas.frame[gaps.MEAN_RATING].notna().all()
    training = view.priorities.plan.table.frame.set_index(f.SKILL)
    assert math.isnan(training.loc["Budgeting", gaps.PRIORITY])
    # Every team is under 4 people, so all merge into one group of 4 and the heatmap shows it:
    # planning shortfalls 1, 0, 0, 2 -> 3/4; reporting 0, 2, 0, 0 -> 2/4; budgeting is rated by
    # 3 people only, so its cell is hidden.
    grid = view.overview.grid
    assert grid.rows == (anon.small_teams_label(4),)
    assert grid.people == (4,)
    values = grid.wide().iloc[0]
    assert [values["Planning"], values["Reporting"]] == pytest.approx([0.75, 0.5])
    assert math.isnan(values["Budgeting"])


def test_whole_report_hidden_when_the_group_is_too_small() -> None:
    view = report_data(anonymise=True, pseudonym_key="k", min_group_size=10)
    shown = {figure.label: figure.value for figure in view.figures}
    # Counts of the whole selection stay; every figure over its 4 people is hidden.
    assert (shown["People"], shown["Skills rated"]) == (4, 11)
    for label in (
        "Team readiness",
        "Mean shortfall below target",
        "People below target on at least one skill",
        "Weakest area",
        "Single points of failure",
        "Learning hours in the training plan",
    ):
        assert shown[label] is None, label
    assert view.overview.areas.frame[gaps.MEAN_RATING].isna().all()
    assert view.overview.grid.wide().isna().all().all()
    assert len(view.overview.top_priorities) == 0


def test_validation_messages_are_redacted() -> None:
    messages = report_data(anonymise=True, pseudonym_key="k").validation.frame["message"].tolist()
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
GROWTH_PEOPLE = PEOPLE[:3]


def test_anonymised_report_shows_nothing_of_a_two_person_team(monkeypatch: pytest.MonkeyPatch) -> None:
    """Growth (3 people) and a team of 2: the small team's name, people, counts and hours appear nowhere.

    Every skill is rated by all 5 people, so skill figures stay; the 2-person team merges into a
    group of 2, still under 3, so it has no team and no team figure describes it. Growth's
    figures by hand: planning shortfalls 1, 0, 0 -> 1/3 (Ann below); budgeting 0, 1, 1 -> 2/3
    (Bob, Cat below); reporting 0, 2, 0 -> 2/3 (Bob below).
    """
    view = report_data(ratings=ratings(GROWTH_PEOPLE + TINY_PEOPLE), anonymise=True, pseudonym_key="k")
    grid = view.overview.grid
    assert grid.rows == ("Growth",)
    assert grid.wide().loc["Growth"].tolist() == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert grid.people == (3,)
    # Training plan: each skill's cohort counts only Growth among teams, e.g. planning: Ann and both
    # Tiny people (1 vs 3) are below, 3 people in all, and the team list names Growth (1) alone.
    training = view.priorities.plan.table.frame.set_index(f.SKILL)
    assert training.loc["Planning", gaps.PEOPLE_AFFECTED] == 3
    assert training.loc["Planning", f.TEAMS] == "Growth (1)"
    assert training.loc["Budgeting", f.TEAMS] == "Growth (2)"
    assert training.loc["Reporting", f.TEAMS] == "Growth (1)"
    assert set(view.overview.single_points.frame[c.TEAM]) <= {"Growth"}
    texts = {
        "xlsx": xlsx_text(write_xlsx(view)),
        "html": write_html(view).decode("utf-8"),
        "csv": write_csv(view).decode("utf-8-sig"),
    }
    no_pdf_charts(monkeypatch)
    texts["pdf"] = " ".join(pdf_text(write_pdf(view)))
    charts = [fig.to_json() for fig in pdf.chart_figures(view)]
    for fmt, text in {**texts, "charts": " ".join(charts)}.items():
        for secret in (TINY_TEAM, "Kestrel", "Other teams", "dani@", "evi@", *REAL_NAMES[:3]):
            assert secret not in text, (fmt, secret)


def test_anonymised_exports_have_no_real_name_or_email_in_any_format(monkeypatch: pytest.MonkeyPatch) -> None:
    view = report_data(anonymise=True, pseudonym_key="secret")
    no_pdf_charts(monkeypatch)
    document = write_pdf(view)
    texts = {
        "xlsx": xlsx_text(write_xlsx(view)),
        # The inline plotly.js bundle is the same in every page (and holds words like "Annotation").
        "html": write_html(view).decode("utf-8").replace(plotly.offline.get_plotlyjs(), ""),
        "csv": write_csv(view).decode("utf-8-sig"),
        "pdf": " ".join(pdf_text(document)) + " " + str(PdfReader(io.BytesIO(document)).metadata),
        "charts": " ".join(fig.to_json() for fig in pdf.chart_figures(view)),
    }
    for fmt, text in texts.items():
        for real in (*REAL_NAMES, *REAL_IDS, "Ann", "Evil", "Astronaut"):
            # As written, and as XML, HTML or JSON would escape it.
            for form in {real, html.escape(real), real.replace('"', "&quot;"), json.dumps(real)[1:-1]}:
                assert form not in text, (fmt, real)
    # Pseudonyms stand in for people; the charts of an anonymised report show teams, never people.
    for fmt in ("xlsx", "html", "csv", "pdf"):
        assert "Person " in texts[fmt], fmt
    assert "Person " not in texts["charts"]


def test_anonymised_tables_hide_every_figure_of_a_small_group() -> None:
    # With a minimum of 4, budgeting (rated by 3 people: the evil row is N/A) is a small group:
    # its priority, counts, hours, teams and names are all hidden in the training plan.
    view = report_data(anonymise=True, pseudonym_key="k", min_group_size=4)
    budgeting = view.priorities.plan.table.frame.set_index(f.SKILL).loc["Budgeting"]
    for column in (gaps.PRIORITY, gaps.PEOPLE_AFFECTED, gaps.N_PEOPLE, f.TOTAL_HOURS):
        assert math.isnan(budgeting[column]), column
    assert budgeting[f.TEAMS] == "" and budgeting[f.NAMES] == ""
    assert budgeting[p.HOURS] == 4  # the framework's hours are no group figure
    assert "Budgeting" not in set(view.overview.top_priorities.frame[f.SKILL])
    # The plan's total leaves the hidden skill out: planning 2 x 8 + reporting 1 x 10 = 26.
    assert view.priorities.plan.total_hours == pytest.approx(26.0)
