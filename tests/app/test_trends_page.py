"""The Trends page in Streamlit's AppTest: the sample's two rounds, a hand-worked upload, one round, a stored plan.

On the sample data the figures on screen are checked against pandas computed here from the
same file (not against the view the page draws); the small upload's figures are worked out
by hand in comments.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics.framework import default_framework
from analytics.views.formats import format_number
from tests.helpers.app import (
    LATEST,
    chart,
    infos,
    markdown_texts,
    metrics,
    new_app,
    open_page,
    table,
    upload,
    values,
    with_sample,
)
from ui import state
from ui.widgets import safe

PAGE = "trends"
EARLIER = "2026-Q1"
BOLD = "**Bold Name**"
TEAM = "_Slanted_ team"
Q1, Q2 = "*Q1*", "[Q2](http://evil.example)"
# Two rounds in a Round column; everyone a Digital Marketing Specialist (targets 4 and 4).
#   Bold: campaign planning 3 -> 4 (gap closed), web and social analytics 4 -> 3 (opened).
#   Cy:   campaign planning 2 -> 3, web and social analytics 2 -> 4 (closed).
#   Di:   joins in the later round, 5 and 5.
# Same people (Bold, Cy): mean 11/4 = 2.75 -> 14/4 = 3.50, +0.75; at target 1/4 -> 2/4.
TWO_ROUNDS = (
    "Name,Email,Team,Role,Round,Rate your skills [Campaign planning],Rate your skills [Web and social analytics]\n"
    f'"{BOLD}",bold@example.com,{TEAM},Digital Marketing Specialist,{Q1},3,4\n'
    f"Cy,cy@example.com,{TEAM},Digital Marketing Specialist,{Q1},2,2\n"
    f'"{BOLD}",bold@example.com,{TEAM},Digital Marketing Specialist,"{Q2}",4,3\n'
    f'Cy,cy@example.com,{TEAM},Digital Marketing Specialist,"{Q2}",3,4\n'
    f'Di,di@example.com,{TEAM},Digital Marketing Specialist,"{Q2}",5,5\n'
).encode()
ONE_ROUND = (
    b"Name,Email,Team,Role,Rate your skills [Campaign planning]\n"
    b"Ana,ana@example.com,Growth,Digital Marketing Specialist,3\n"
    b"Budi,budi@example.com,Growth,Digital Marketing Manager,2\n"
)


@pytest.fixture
def both(sample_pairs: pd.DataFrame) -> pd.DataFrame:
    """The sample's self-rating pairs of people rated on the same skill in both rounds, worked out with pandas."""
    key = [c.RESPONDENT_ID, c.SKILL_ID]
    before = sample_pairs[sample_pairs[c.ROUND] == EARLIER].astype({c.RESPONDENT_ID: str, c.SKILL_ID: str})
    after = sample_pairs[sample_pairs[c.ROUND] == LATEST].astype({c.RESPONDENT_ID: str, c.SKILL_ID: str})
    return after.merge(before, on=key, suffixes=("", "_before"))


def test_without_data_the_page_says_why() -> None:
    at = open_page(new_app(empty=True).run(), PAGE)
    assert "No survey is loaded yet" in infos(at)
    assert not at.get("plotly_chart")


def test_the_sample_compares_the_same_people_in_both_rounds(both: pd.DataFrame) -> None:
    at = open_page(with_sample(), PAGE)
    shown = metrics(at)
    assert shown["People compared"] == f"{both[c.RESPONDENT_ID].nunique():,}"
    assert shown["Mean rating (1 to 5)"] == format_number(both[c.RATING].mean(), "score")
    assert shown["At target"] == f"{both[c.AT_TARGET].mean():.0%}"
    closed = (~both[f"{c.AT_TARGET}_before"] & both[c.AT_TARGET]).sum()
    opened = (both[f"{c.AT_TARGET}_before"] & ~both[c.AT_TARGET]).sum()
    assert (shown["Gaps closed"], shown["Gaps opened"]) == (f"{closed:,}", f"{opened:,}")
    rise = both[c.RATING].mean() - both[f"{c.RATING}_before"].mean()
    delta = next(m for m in at.metric if m.label == "Mean rating (1 to 5)").proto.delta
    assert delta == f"{rise:+.2f}"
    lines = chart(at, "trend_chart")["data"]
    assert [line["name"] for line in lines] == [a.name for a in default_framework().areas]
    assert all(values(line["x"]) == [EARLIER, LATEST] for line in lines)
    changes = table(at, "trend_changes").value
    assert len(changes) == len(default_framework().areas)
    assert changes.columns.tolist()[2:4] == ["mean_rating_from", "mean_rating_to"]


def test_turning_off_same_people_counts_everyone_in_the_later_round(sample_pairs: pd.DataFrame) -> None:
    at = open_page(with_sample(), PAGE)
    at.toggle(key="trend_same").set_value(False).run()
    assert not at.exception
    latest = sample_pairs[sample_pairs[c.ROUND] == LATEST]
    assert metrics(at)["People rated (later round)"] == f"{latest[c.RESPONDENT_ID].nunique():,}"
    assert metrics(at)["Mean rating (1 to 5)"] == format_number(latest[c.RATING].mean(), "score")


def test_an_area_shows_its_skills_and_a_skill_one_line() -> None:
    at = open_page(with_sample(), PAGE)
    area = default_framework().areas[0]
    at.selectbox(key="trend_area").set_value(area.id).run()
    assert [line["name"] for line in chart(at, "trend_chart")["data"]] == [s.name for s in area.skills]
    at.selectbox(key="trend_skill").set_value(area.skills[1].id).run()
    assert [line["name"] for line in chart(at, "trend_chart")["data"]] == [area.skills[1].name]
    at.radio(key="trend_measure").set_value("readiness").run()
    assert chart(at, "trend_chart")["layout"]["yaxis"]["tickformat"] == ".0%"


def test_a_hand_worked_upload_with_hostile_rounds_and_names() -> None:
    at = open_page(upload(open_page(with_sample(), "data"), "two rounds.csv", TWO_ROUNDS), PAGE)
    shown = metrics(at)
    assert shown["People compared"] == "2"  # Bold and Cy; Di joined later
    assert shown["Mean rating (1 to 5)"] == "3.50"
    assert shown["At target"] == "50%"
    assert (shown["Gaps closed"], shown["Gaps opened"]) == ("2", "1")
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Mean rating (1 to 5)"] == "+0.75"
    assert deltas["At target"] == "+25 points"
    texts = markdown_texts(at)
    for hostile in (BOLD, TEAM, Q1, Q2):
        assert all(hostile not in text for text in texts), hostile
    assert any(safe(Q2) in text for text in texts), "the later round is named, escaped"
    closed = table(at, "trend_closed").value
    assert sorted(closed["name"]) == [BOLD, "Cy"]  # names show as written in the table
    at.toggle(key="trend_same").set_value(False).run()
    # Everyone in the later round: Bold, Cy and Di, (14 + 10) / 6 = 4.00; 4.00 - 2.75 = +1.25.
    assert metrics(at)["People rated (later round)"] == "3"
    assert {m.label: m.proto.delta for m in at.metric}["Mean rating (1 to 5)"] == "+1.25"


def test_one_round_says_so_and_how_to_add_another() -> None:
    at = open_page(upload(open_page(with_sample(), "data"), "one round.csv", ONE_ROUND), PAGE)
    assert "This survey has one round" in infos(at)
    assert "Round column" in infos(at)
    assert not at.get("plotly_chart")
    assert all(box.key != "trend_from" for box in at.selectbox)


def with_cohorts(monkeypatch: pytest.MonkeyPatch, cohorts: pd.DataFrame) -> AppTest:
    """The sample, with ``cohorts`` in the view as a stored training plan would put them there."""
    real = state.build_view

    def build(*args: Any, **kwargs: Any) -> state.View:
        return dataclasses.replace(real(*args, **kwargs), cohorts=cohorts)

    monkeypatch.setattr(state, "build_view", build)
    return open_page(with_sample(), PAGE)


def test_without_a_stored_plan_the_training_check_says_when_it_appears() -> None:
    at = open_page(with_sample(), PAGE)
    assert "once a training plan has been saved with an earlier round" in infos(at)


def test_a_stored_plan_compares_its_cohorts_with_everyone_else(
    monkeypatch: pytest.MonkeyPatch, sample_pairs: pd.DataFrame, both: pd.DataFrame
) -> None:
    before = sample_pairs[(sample_pairs[c.ROUND] == EARLIER) & ~sample_pairs[c.AT_TARGET]]
    skills = [s.id for s in default_framework().skills[:2]]
    planned = before[before[c.SKILL_ID].isin(skills)]
    cohorts = pd.DataFrame(
        {
            c.SKILL_ID: planned[c.SKILL_ID].astype(str).to_numpy(),
            c.RESPONDENT_ID: planned[c.RESPONDENT_ID].astype(str).to_numpy(),
            c.ROUND: EARLIER,
        }
    )
    at = with_cohorts(monkeypatch, cohorts)
    shown = table(at, "trend_training").value
    assert shown["skill"].tolist() == [s.name for s in default_framework().skills[:2]]
    # The first skill by hand: everyone below target on it in Q1 against everyone else.
    first = both[both[c.SKILL_ID] == skills[0]]
    member = first[c.RESPONDENT_ID].isin(set(cohorts[cohorts[c.SKILL_ID] == skills[0]][c.RESPONDENT_ID]))
    change = first[c.RATING] - first[f"{c.RATING}_before"]
    assert shown["cohort_people"].iloc[0] == member.sum()
    assert shown["others_people"].iloc[0] == (~member).sum()
    assert shown["change_difference"].iloc[0] == pytest.approx(change[member].mean() - change[~member].mean())
    assert any("not proof" in str(w.value) for w in at.warning)


def test_a_plan_made_from_another_round_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    cohorts = pd.DataFrame(
        {c.SKILL_ID: ["campaign_planning"], c.RESPONDENT_ID: ["x@example.com"], c.ROUND: [LATEST]}
    )
    at = with_cohorts(monkeypatch, cohorts)
    assert f"Plans were made from: {safe(LATEST)}" in infos(at)
