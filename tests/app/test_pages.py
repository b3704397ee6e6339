"""Every page in Streamlit's AppTest: renders on the sample data, follows the filters, explains empty states.

Figures on screen are checked against the analytics core computed here from the same file,
never against numbers copied from the screen.
"""

from __future__ import annotations

import html
import json
import math
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.ingest import read_survey
from analytics.views import fields as f
from analytics.views.formats import format_number
from analytics.views.overview import NOBODY
from analytics.views.selection import apply_filters
from tests.helpers.app import (
    LATEST,
    SAMPLE,
    chart_titles,
    charts,
    filtered_to_nobody,
    infos,
    metrics,
    new_app,
    open_page,
    table,
    upload,
    values,
    with_sample,
)

ANALYSIS_PAGES = ("overview", "competencies", "people", "priorities")


@pytest.fixture
def latest(sample_latest: pd.DataFrame) -> pd.DataFrame:
    return sample_latest


@pytest.mark.parametrize("page", ANALYSIS_PAGES)
def test_pages_without_data_say_why_and_what_to_do(page: str) -> None:
    at = open_page(new_app(empty=True).run(), page)
    assert "No survey is loaded yet" in infos(at)
    assert "Upload your team's survey file on the Data page" in infos(at)
    assert at.button(key="empty_sample").label == "Try sample data"
    assert not charts(at)


def test_overview_headline_figures_match_analytics(latest: pd.DataFrame) -> None:
    at = with_sample()
    shown = metrics(at)
    framework = default_framework()
    assert shown["People"] == f"{latest[c.RESPONDENT_ID].nunique():,}"
    # Counts carry thousands separators, as everywhere else: "1,126", never "1126".
    assert shown["Skills rated"] == f"{len(latest):,}" and "," in shown["Skills rated"]
    assert shown["Team readiness"] == f"{latest[c.AT_TARGET].mean():.0%}"
    shortfall_by_area = latest.groupby(c.AREA_ID, observed=True)[c.SHORTFALL].mean()
    assert shown["Weakest area"] == framework.area(str(shortfall_by_area.idxmax())).name
    assert shown["Single points of failure"] == str(len(gaps.single_points_of_failure(latest)))
    assert chart_titles(at) == ["Mean rating against target, by area", "Mean shortfall by team and skill"]
    heatmap = charts(at)[1]["data"][0]
    # Labels are HTML-escaped for Plotly ("Content & Social" -> "Content &amp; Social"), shown as written.
    assert sorted(values(heatmap["y"])) == sorted(html.escape(t) for t in latest[c.TEAM].astype(str).unique())
    top = table(at, "overview_priorities").value
    ranked = gaps.priorities(latest)
    affected = ranked[(ranked[gaps.PEOPLE_AFFECTED] > 0) & (ranked[gaps.PRIORITY] > 0)]
    expected = [framework.skill(s).name for s in affected[c.SKILL_ID].head(5)]
    assert list(top["skill"]) == expected
    assert any("Grey cells are not rated" in cap.value for cap in at.caption)


def test_overview_follows_team_role_round_and_source_filters(
    sample_pairs: pd.DataFrame, latest: pd.DataFrame
) -> None:
    at = with_sample()
    team = sorted(latest[c.TEAM].astype(str).unique())[0]
    at.multiselect(key="filter_teams").set_value([team]).run()
    in_team = latest[latest[c.TEAM] == team]
    assert metrics(at)["People"] == str(in_team[c.RESPONDENT_ID].nunique())
    # A small group is drawn person by person.
    assert "person" in chart_titles(at)[1]
    assert sorted(values(charts(at)[1]["data"][0]["y"])) == sorted(in_team[c.NAME].astype(str).unique())

    at.multiselect(key="filter_teams").set_value([]).run()
    at.multiselect(key="filter_roles").set_value(["dm_specialist"]).run()
    specialists = latest[latest[c.ROLE_ID] == "dm_specialist"]
    assert metrics(at)["Team readiness"] == f"{specialists[c.AT_TARGET].mean():.0%}"

    at.multiselect(key="filter_roles").set_value([]).run()
    at.selectbox(key="filter_round").set_value("2026-Q1").run()
    first = sample_pairs[sample_pairs[c.ROUND] == "2026-Q1"]
    assert metrics(at)["People"] == str(first[c.RESPONDENT_ID].nunique())

    at.radio(key="rater_source").set_value(c.MANAGER).run()
    framework = default_framework()
    ratings = read_survey(SAMPLE.read_bytes(), framework, SAMPLE.name).ratings
    managers = gaps.rating_pairs(ratings, framework, c.MANAGER)
    managers = managers[managers[c.ROUND] == "2026-Q1"]
    assert metrics(at)["People"] == str(managers[c.RESPONDENT_ID].nunique())
    assert "Manager ratings" in at.caption[0].value


def test_a_filter_that_leaves_nobody_says_so_on_every_page(latest: pd.DataFrame) -> None:
    at = filtered_to_nobody(with_sample(), latest)
    for page in ANALYSIS_PAGES:
        open_page(at, page)
        assert "Nobody matches the filters" in infos(at)
        assert not charts(at)


def test_competencies_page_follows_area_and_skill(latest: pd.DataFrame) -> None:
    at = open_page(with_sample(), "competencies")
    framework = default_framework()
    assert chart_titles(at) == [
        "Ratings by role: Strategy",
        "Who can do it: at target, and strong backups: Strategy",
    ]
    strategy = latest[latest[c.AREA_ID] == "strategy"]
    shown = metrics(at)
    assert shown["People rated"] == str(strategy[c.RESPONDENT_ID].nunique())
    assert shown["Readiness"] == f"{strategy[c.AT_TARGET].mean():.0%}"
    per_person = strategy.groupby(c.RESPONDENT_ID, observed=True)[c.SHORTFALL].max()
    assert shown["People below target"] == str(int((per_person > 0).sum()))

    at.selectbox(key="comp_area").set_value("planning").run()
    at.selectbox(key="comp_skill").set_value("campaign_planning").run()
    name = framework.skill("campaign_planning").name
    assert chart_titles(at)[0] == f"Ratings by role: {name}"
    skill = latest[latest[c.SKILL_ID] == "campaign_planning"]
    assert metrics(at)["People rated"] == str(skill[c.RESPONDENT_ID].nunique())
    coverage = charts(at)[1]["data"]
    assert sum(values(coverage[0]["x"])) == int(skill[c.AT_TARGET].sum())
    mentors = at.dataframe[0].value
    strong = skill[skill[c.RATING] >= gaps.BENCH_LEVEL]
    assert sorted(mentors["name"]) == sorted(strong[c.NAME].astype(str))


def test_people_page_shows_radar_gaps_and_plan(latest: pd.DataFrame) -> None:
    at = open_page(with_sample(), "people")
    framework = default_framework()
    ratings = read_survey(SAMPLE.read_bytes(), framework, SAMPLE.name).ratings
    rated_by_manager = set(
        ratings.loc[(ratings[c.RATER] == c.MANAGER) & (ratings[c.ROUND] == LATEST), c.RESPONDENT_ID]
    )
    people = sorted(set(latest[c.RESPONDENT_ID].astype(str)))
    with_manager = next(p for p in people if p in rated_by_manager)
    without_manager = next(p for p in people if p not in rated_by_manager)

    at.selectbox(key="people_person").set_value(with_manager).run()
    mine = latest[latest[c.RESPONDENT_ID] == with_manager]
    shown = metrics(at)
    assert framework.role(str(mine[c.ROLE_ID].iloc[0])).name in at.main.markdown[0].value
    assert shown["Skills rated"] == str(len(mine))
    assert shown["Below target"] == str(int((mine[c.SHORTFALL] > 0).sum()))
    radar = charts(at)[0]
    names = [t["name"] for t in radar["data"]]
    assert names[:3] == ["Role target", "Self rating", "Manager rating"]
    assert names[3:] in ([], ["Below target"])
    # The manager trace is drawn, and listed in the legend, in one colour.
    manager = radar["data"][2]
    assert manager["marker"]["color"] == manager["line"]["color"]
    gap_table = at.dataframe[0].value
    assert list(gap_table["weighted_shortfall"]) == sorted(mine[c.WEIGHTED_SHORTFALL], reverse=True)
    below_skills = set(mine.loc[mine[c.SHORTFALL] > 0, c.SKILL_ID].astype(str))
    # One suggested action (the framework's first) per skill below target; alternatives add no hours.
    hours = sum(framework.actions_for(s)[0].hours for s in below_skills if framework.actions_for(s))
    if below_skills:
        assert shown["Total learning hours"] == format_number(hours, f.HOURS)
    # What the person's level and the target look like, in the framework's words, every word of
    # them (shown as escaped Markdown): the rating rounded half up to a level, the target up.
    texts = [re.sub(r"\\(.)", r"\1", m.value) for m in at.main.markdown]
    for skill_id in below_skills:
        skill = framework.skill(skill_id)
        rating, target = mine.loc[mine[c.SKILL_ID] == skill_id, [c.RATING, c.TARGET]].iloc[0]
        assert f"**{skill.name}**" in texts
        assert skill.level_description(math.ceil(target)) in texts
        assert skill.level_description(math.floor(rating + 0.5)) in texts

    at.selectbox(key="people_person").set_value(without_manager).run()
    assert [t["name"] for t in charts(at)[0]["data"]][:2] == ["Role target", "Self rating"]
    assert "Manager rating" not in [t["name"] for t in charts(at)[0]["data"]]
    assert any("No manager rating" in cap.value for cap in at.caption)


def test_priorities_page_ranking_cohorts_and_hours(latest: pd.DataFrame) -> None:
    at = open_page(with_sample(), "priorities")
    framework = default_framework()
    assert chart_titles(at) == ["What to train first: importance against shortfall"]
    ranked = gaps.priorities(latest)
    table = at.dataframe[0].value
    assert list(table["skill"]) == [framework.skill(s).name for s in ranked[c.SKILL_ID]]
    cohorts = at.dataframe[1].value
    below = latest[latest[c.SHORTFALL] > 0]
    sizes = below.groupby(c.SKILL_ID, observed=True)[c.RESPONDENT_ID].nunique()
    assert cohorts["people"].max() == sizes.max()
    top5 = ranked[ranked[gaps.PEOPLE_AFFECTED] > 0].head(5)
    # The suggested (first) action of each skill, once per person below target, as in the reports.
    hours = sum(
        framework.actions_for(str(skill))[0].hours * affected
        for skill, affected in zip(top5[c.SKILL_ID], top5[gaps.PEOPLE_AFFECTED], strict=True)
    )
    assert metrics(at)["Total hours"] == f"{hours:,.0f}"
    at.number_input(key="prio_top").set_value(1).run()
    assert metrics(at)["Learning actions"] == "1"  # one suggested action for the one skill


def test_manager_source_without_manager_ratings_says_what_to_do() -> None:
    data = b"Name,Team,Role,Rate your skills [Campaign planning]\nAna,Growth,Digital Marketing Specialist,3\n"
    at = upload(open_page(new_app().run(), "data"), "self_only.csv", data)
    at.radio(key="rater_source").set_value(c.MANAGER).run()
    for page in ANALYSIS_PAGES:
        open_page(at, page)
        assert "no manager ratings" in infos(at)
    at.radio(key="rater_source").set_value(c.SELF).run()
    open_page(at, "overview")
    assert metrics(at)["People"] == "1"


def test_view_is_filtered_from_cached_pairs(latest: pd.DataFrame) -> None:
    """The view every page reads is the analytics pairs filtered, not a re-read with other figures."""
    at = with_sample()
    at.multiselect(key="filter_teams").set_value([str(latest[c.TEAM].iloc[0])]).run()
    view = at.session_state["view"]
    expected = apply_filters(latest.reset_index(drop=True), view.filters)
    assert len(view.pairs) == len(expected)


def fingerprint(at: AppTest) -> str:
    """Everything a page shows in figures: metrics, chart data and table contents."""
    tables = [frame.value.to_json(date_format="iso") for frame in at.dataframe]
    return json.dumps(
        [metrics(at), [chart["data"] for chart in charts(at)], tables], sort_keys=True, default=str
    )


# widget key: (widget kind, value to set, pairs column it restricts, the one value left there)
FILTER_CHOICES = {
    "filter_teams": ("multiselect", ["Growth"], c.TEAM, "Growth"),
    "filter_roles": ("multiselect", ["dm_specialist"], c.ROLE_ID, "dm_specialist"),
    "filter_round": ("selectbox", "2026-Q1", c.ROUND, "2026-Q1"),
    "rater_source": ("radio", c.MANAGER, c.RATER, c.MANAGER),
}


@pytest.mark.parametrize("page", ANALYSIS_PAGES)
@pytest.mark.parametrize("widget", FILTER_CHOICES)
def test_every_filter_changes_what_every_page_shows(page: str, widget: str) -> None:
    at = open_page(with_sample(), page)
    before = fingerprint(at)
    assert charts(at), f"{page} shows no chart on the sample data"
    kind, value, column, left = FILTER_CHOICES[widget]
    getattr(at, kind)(key=widget).set_value(value).run()
    assert not at.exception
    assert fingerprint(at) != before
    assert set(at.session_state["view"].pairs[column].astype(str)) == {left}


@pytest.mark.parametrize("page", ANALYSIS_PAGES)
def test_every_chart_has_a_title_axis_titles_and_hover_n(page: str) -> None:
    at = open_page(with_sample(), page)
    for chart in charts(at):
        layout = chart["layout"]
        assert layout["title"]["text"]
        if "polar" in layout:
            assert layout["polar"]["radialaxis"]["title"]["text"]
        else:
            assert layout["xaxis"]["title"]["text"] and layout["yaxis"]["title"]["text"]
        hovers = " ".join(str(trace.get("hovertemplate", "")) for trace in chart["data"])
        assert "n = " in hovers or "people" in hovers


def test_a_skill_nobody_rated_says_so() -> None:
    data = b"Name,Team,Role,Rate your skills [Campaign planning]\nAna,Growth,Digital Marketing Specialist,3\n"
    at = upload(open_page(new_app().run(), "data"), "one_skill.csv", data)
    open_page(at, "competencies")
    assert "Nobody in this selection has a rating for Strategy" in infos(at)
    at.selectbox(key="comp_area").set_value("planning").run()
    assert not at.exception
    assert metrics(at)["People rated"] == "1"


def test_changing_filters_does_not_read_the_file_again(survey_reads: list[str]) -> None:
    at = with_sample()
    assert len(survey_reads) == 1
    at.multiselect(key="filter_teams").set_value(["Growth"]).run()
    at.radio(key="rater_source").set_value(c.MANAGER).run()
    at.selectbox(key="filter_round").set_value("2026-Q1").run()
    for page in ANALYSIS_PAGES:
        open_page(at, page)
    assert len(survey_reads) == 1


def one_person(rating: int) -> AppTest:
    """The app on a survey of one specialist who rated campaign planning (target 4) ``rating``."""
    data = (
        b"Name,Team,Role,Rate your skills [Campaign planning]\n"
        b"Ana,Growth,Digital Marketing Specialist," + str(rating).encode() + b"\n"
    )
    return upload(open_page(new_app().run(), "data"), "one.csv", data)


def test_overview_without_anyone_below_target_lists_no_priorities() -> None:
    at = open_page(one_person(5), "overview")
    assert metrics(at)["People"] == "1"
    assert not [frame for frame in at.dataframe if frame.key == "overview_priorities"]
    assert "Nobody in this selection is below target" in at.success[0].value


def test_one_person_is_counted_as_a_person() -> None:
    at = open_page(one_person(5), "competencies")
    at.selectbox(key="comp_area").set_value("planning").run()
    assert not at.exception
    captions = " ".join(cap.value for cap in at.caption)
    assert "1 person. By their mean rating over the area's skills" in captions
    assert "1 people" not in captions
    coverage = charts(at)[1]["data"]
    hovers = [str(row) for trace in coverage for row in values(trace.get("customdata", []))]
    assert any("1 person" in text for text in hovers) and not any("1 people" in text for text in hovers)


def test_competencies_tables_are_stacked_with_number_columns(latest: pd.DataFrame) -> None:
    at = open_page(with_sample(), "competencies")
    # Full width, one above the other: no table sits in a column of the page.
    assert len(at.dataframe) == 2
    assert all(not column.dataframe for column in at.columns)
    below = table(at, "comp_below")
    config = json.loads(below.proto.columns)
    assert config["skills_below"]["type_config"]["type"] == "number"
    assert config["mean_target"]["type_config"]["format"] == "%.2f"


def test_single_points_name_nobody_rather_than_none() -> None:
    # Ana is below target on campaign planning, a critical skill: her team has nobody at target.
    at = open_page(one_person(2), "overview")
    assert metrics(at)["Single points of failure"] == "1"
    fragile = table(at, "overview_fragile")
    # A missing "only person at target" reads "nobody", never "None".
    assert list(fragile.value["covered_by"]) == [NOBODY] == ["nobody"]


def test_the_planners_choice_outlives_a_filter_that_leaves_fewer_skills() -> None:
    at = open_page(with_sample(), "priorities")
    at.number_input(key="prio_top").set_value(8).run()
    # One person rated on one skill: the plan can hold one skill at most, the choice stays 8.
    at.multiselect(key="filter_teams").set_value(["Growth"]).run()
    at.multiselect(key="filter_roles").set_value(["dm_manager"]).run()
    assert at.number_input(key="prio_top").value == 8
    at.multiselect(key="filter_roles").set_value([]).run()
    at.multiselect(key="filter_teams").set_value([]).run()
    assert at.number_input(key="prio_top").value == 8
    assert metrics(at)["Learning actions"] == "8"
    assert at.session_state["view"].choices.top == 8
