"""The report view on the hand-worked survey of ``tests.helpers.reports``: every figure checked by hand.

Content is looked up by column name constants, never by heading text; the rendered files
(xlsx, html, pdf, csv) are checked in their own modules.
"""

from __future__ import annotations

import functools
import math
from datetime import date

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics import plans as p
from analytics.framework import default_framework
from analytics.ingest import IngestResult
from analytics.reports import build_report, report_format
from analytics.views import fields as f
from analytics.views import report
from analytics.views.formats import format_number
from analytics.views.overview import headline_figures, overview_view
from analytics.views.plan import COHORT_NAMES, ActionChoice, PlanChoices
from analytics.views.priorities import TOP_PRIORITIES, priorities_view
from analytics.views.report import ReportView, report_view
from tests.helpers.app import LATEST
from tests.helpers.reports import (
    EVIL_NAME,
    EVIL_TEAM,
    FRAMEWORK,
    PEOPLE,
    REAL_NAMES,
    WHEN,
    ratings,
    report_data,
    upload,
)


def figure(view: ReportView, label: str) -> object:
    (value,) = [shown.value for shown in view.figures if shown.label == label]
    return value


def by(table: f.Table, column: str) -> pd.DataFrame:
    return table.frame.set_index(column)


def test_headline_figures_worked_out_by_hand() -> None:
    view = report_data()
    assert [shown.label for shown in view.figures] == [
        "People",
        "Skills rated",
        "Team readiness",
        "Mean shortfall below target",
        "People below target on at least one skill",
        "Weakest area",
        "Single points of failure",
        "Learning hours in the training plan",
    ]
    assert view.n_people == 4
    assert view.n_pairs == 11
    assert figure(view, "People") == 4
    assert figure(view, "Skills rated") == 11
    assert figure(view, "Team readiness") == pytest.approx(6 / 11)
    # Shortfalls: Ann 1, Bob 1 + 2, Cat 1, Evil 2 -> 7 over 11 pairs.
    assert figure(view, "Mean shortfall below target") == pytest.approx(7 / 11)
    assert figure(view, "People below target on at least one skill") == 4
    # Largest mean shortfall: strategy 1, 0, 0, 1, 0, 1, 2 -> 5/7 = 0.71; analytics 0, 2, 0, 0 -> 0.5.
    # The value is now the area's name; the shortfall moved to the figure's help.
    weakest = next(shown for shown in view.figures if shown.key == "weakest_area")
    assert weakest.value == "Strategy"
    assert "0.71" in weakest.help
    # Growth needs budgeting (manager, critical) and only Ann is at target; the one-person
    # team needs reporting (specialist, critical) and only its member is at target.
    assert figure(view, "Single points of failure") == 2
    # The plan is the top 5 priorities (PlanChoices().top); only three skills have anyone below
    # target, so all three are in it: planning 2 x 8 h + reporting 1 x 10 h + budgeting 2 x 4 h.
    assert figure(view, "Learning hours in the training plan") == pytest.approx(34.0)
    assert view.priorities.plan.total_hours == pytest.approx(34.0)
    assert view.filters == (("Teams", "All teams"),)
    assert view.source_label == "Self ratings"
    assert view.generated_at == WHEN


def test_headline_figures_are_the_overviews() -> None:
    """The report's figures and the Overview page's, built from the same pairs, are the same numbers."""
    pairs = gaps.compute_gaps(ratings(), FRAMEWORK).pairs
    view = report_data()
    page = headline_figures(overview_view(pairs, FRAMEWORK).headline, priorities_view(pairs, FRAMEWORK).plan)
    assert [(s.key, s.label, s.kind) for s in view.figures] == [(s.key, s.label, s.kind) for s in page]
    for mine, theirs in zip(view.figures, page, strict=True):
        assert mine.value == (theirs.value if mine.kind == f.TEXT else pytest.approx(theirs.value)), (
            mine.label
        )
    # And both are the hand-worked figures, not merely equal to each other.
    assert [s.value for s in page][:3] == [4, 11, pytest.approx(6 / 11)]
    assert page[-1].value == pytest.approx(34.0)


def test_headline_figures_of_the_sample_survey_are_the_overviews(
    sample_result: IngestResult, sample_latest: pd.DataFrame
) -> None:
    framework = default_framework()
    view = report_view(framework, gaps.GapResult(sample_latest, c.SELF), sample_result, (("Round", LATEST),))
    overview = overview_view(sample_latest, framework)
    page = headline_figures(overview.headline, priorities_view(sample_latest, framework).plan)
    assert [s.label for s in view.figures] == [s.label for s in page]
    for mine, theirs in zip(view.figures, page, strict=True):
        assert mine.value == (theirs.value if mine.kind == f.TEXT else pytest.approx(theirs.value)), (
            mine.label
        )
    assert figure(view, "People") == sample_latest[c.RESPONDENT_ID].nunique()
    assert figure(view, "Skills rated") == len(sample_latest)
    # The summary's top priorities are the Overview's: at most TOP_PRIORITIES (5, no longer 10).
    shown = view.overview.top_priorities.frame
    assert TOP_PRIORITIES == 5
    assert len(shown) == TOP_PRIORITIES
    assert list(shown[f.SKILL]) == list(overview.top_priorities.frame[f.SKILL])


def test_area_table_pools_pairs() -> None:
    frame = by(report_data().overview.areas, f.AREA)
    assert list(frame.index) == ["Strategy", "Analytics"]
    # Strategy: ratings 2+2+3+1+4+3+1 = 16 over 7 pairs, targets 3+2+3+2+4+4+3 = 21.
    assert frame.loc["Strategy", gaps.MEAN_RATING] == pytest.approx(16 / 7)
    assert frame.loc["Strategy", gaps.MEAN_TARGET] == pytest.approx(3.0)
    assert frame.loc["Strategy", gaps.READINESS] == pytest.approx(3 / 7)
    assert frame.loc["Analytics", gaps.MEAN_RATING] == pytest.approx(3.5)
    assert frame.loc["Analytics", gaps.MEAN_SHORTFALL] == pytest.approx(0.5)


def test_priorities_rank_ties_by_people_affected() -> None:
    frame = report_data().priorities.ranked.frame
    assert list(frame[f.SKILL]) == ["Planning", "Reporting", "Budgeting"]
    assert list(frame[gaps.PRIORITY]) == pytest.approx([1.5, 1.5, 4 / 3])
    assert list(frame[gaps.PEOPLE_AFFECTED]) == [2, 1, 2]
    assert list(frame[f.RANK]) == [1, 2, 3]


def test_summary_lists_the_overviews_top_priorities() -> None:
    view = report_data()
    top = view.overview.top_priorities
    # All three skills have someone below target, so all three are listed (at most 5).
    assert list(top.frame[f.SKILL]) == ["Planning", "Reporting", "Budgeting"]
    assert list(top.frame[f.RANK]) == [1, 2, 3]


def test_training_plan_has_cohort_action_hours_and_priority() -> None:
    frame = by(report_data().priorities.plan.table, f.SKILL)
    planning = frame.loc["Planning"]
    assert planning[p.TITLE] == "Planning course"
    assert planning[p.HOURS] == 8
    assert planning[f.TOTAL_HOURS] == 16
    assert planning[p.ALTERNATIVES] == "Plan a campaign (project, 6 h)"
    # The largest weighted shortfall first: Evil's planning 2 x 2 = 4, Ann's 1 x 2 = 2.
    assert planning[f.NAMES] == f"{EVIL_NAME}; Ann Lee"
    # One person below target in each of the two teams.
    assert sorted(planning[f.TEAMS].split(", ")) == sorted([f"{EVIL_TEAM} (1)", "Growth (1)"])
    assert frame.loc["Budgeting", f.NAMES] == "Cat Kim; Bob Ray"  # weighted 3 before 1
    assert frame.loc["Budgeting", f.TEAMS] == "Growth (2)"
    assert list(frame.index) == ["Planning", "Reporting", "Budgeting"]  # the ranking's order


def test_training_plan_honours_the_planners_choice() -> None:
    view = report_data(choices=PlanChoices(top=2))
    plan = view.priorities.plan
    # The top two priorities: planning (2 below x 8 h = 16) and reporting (1 below x 10 h = 10).
    assert list(plan.table.frame[f.SKILL]) == ["Planning", "Reporting"]
    assert plan.top == 2
    assert plan.total_hours == pytest.approx(26.0)
    assert plan.hours_each == pytest.approx(18.0)  # 8 + 10 for one person
    assert figure(view, "Learning hours in the training plan") == pytest.approx(26.0)
    assert format_number(26.0, f.HOURS) == "26"  # whole hours print without ".0"
    # The Priorities ranking still has every skill.
    assert len(view.priorities.ranked) == 3


COHORT = tuple(
    (f"p{i:02d}@example.com", f"P{i:02d}", "Growth", "specialist", (1 if i == 27 else 2, 2, 4))
    for i in range(1, 28)
)


def test_a_long_cohort_is_counted_in_the_plan_and_listed_in_full_in_the_mentors_table() -> None:
    # 27 specialists below the planning target of 3: P27 (rating 1, weighted 2 x 2 = 4) first,
    # then the others (weighted 2) in name order. Over 25 people, the plan's cell counts them
    # and the Mentors table lists every one: no file ever says "and 2 more".
    view = report_data(ratings=ratings(COHORT))
    planning = by(view.priorities.plan.table, f.SKILL).loc["Planning"]
    assert COHORT_NAMES == 25
    assert planning[f.NAMES] == "27 people: every name is in the Mentors table"
    assert planning[f.TEAMS] == "Growth (27)"
    assert planning[gaps.PEOPLE_AFFECTED] == 27
    members = view.priorities.plan.members.frame
    learners = list(members.loc[members[f.SKILL] == "Planning", p.LEARNER])
    assert learners == ["P27", *(f"P{i:02d}" for i in range(1, 27))]


def test_a_short_cohort_is_named_in_the_plan() -> None:
    view = report_data(ratings=ratings(COHORT[:3]))
    planning = by(view.priorities.plan.table, f.SKILL).loc["Planning"]
    assert planning[f.NAMES] == "P01; P02; P03"


def test_development_plan_lists_each_persons_gaps_most_important_first() -> None:
    frame = report_data().development.frame
    bob = frame[frame[c.NAME] == "Bob Ray"]
    assert list(bob[f.SKILL]) == ["Reporting", "Budgeting"]  # weighted 6 before 1
    assert list(bob[p.TITLE]) == ["Reporting course", "Budget workshop"]
    assert list(bob[p.HOURS]) == [10, 4]
    assert len(frame) == 5


PLANNED = PlanChoices(
    actions=(ActionChoice("reporting", title="Reporting clinic", hours=3, start=date(2027, 1, 4)),),
    left_out=(("budgeting", "bob@example.com"),),
)


def test_development_plan_takes_the_training_plans_action_date_and_mentor() -> None:
    """As the person's one-page plan: the plan's action where they are in its cohort, else the suggestion."""
    frame = report_data(choices=PLANNED).development.frame
    bob = frame[frame[c.NAME] == "Bob Ray"].set_index(f.SKILL)
    # Reporting: Bob is in the cohort; Ann (Growth, rated 4) is the same team's mentor.
    assert bob.loc["Reporting", [p.TITLE, p.HOURS, p.START, p.MENTOR]].tolist() == [
        "Reporting clinic",
        3,
        "2027-01-04",
        "Ann Lee",
    ]
    # Budgeting: the planner took Bob out of the cohort, so the framework's suggestion stays.
    assert bob.loc["Budgeting", [p.TITLE, p.HOURS, p.START, p.MENTOR]].tolist() == [
        "Budget workshop",
        4,
        "",
        "",
    ]
    ann = frame[frame[c.NAME] == "Ann Lee"].set_index(f.SKILL)
    assert ann.loc["Planning", [p.TITLE, p.MENTOR]].tolist() == ["Planning course", "Cat Kim"]


def test_an_anonymised_report_leaves_out_the_people_the_planner_left_out() -> None:
    """The choices name real ids; the anonymised report plans on pseudonyms and must follow them."""
    named = report_data(choices=PLANNED)
    anonymised = report_data(choices=PLANNED, anonymise=True, min_group_size=3)
    for view in (named, anonymised):
        budgeting = by(view.priorities.plan.table, f.SKILL).loc["Budgeting"]
        assert budgeting[p.IN_PLAN] == 1  # Cat only: Bob was left out
    # Bob's pseudonym still takes the planned reporting action, and keeps the budgeting suggestion.
    frame = anonymised.development.frame
    assert set(frame[c.NAME]).isdisjoint(REAL_NAMES)
    reporting = frame[frame[f.SKILL] == "Reporting"]
    assert reporting[p.TITLE].tolist() == ["Reporting clinic"]
    bob = reporting[c.NAME].iloc[0]
    mine = frame[frame[c.NAME] == bob].set_index(f.SKILL)
    assert mine.loc["Budgeting", p.TITLE] == "Budget workshop"


def test_single_points_of_failure_name_the_one_person_at_target() -> None:
    table = report_data().overview.single_points
    assert table.columns == (c.TEAM, f.SKILL, f.AREA, gaps.COVERED_BY, gaps.N_PEOPLE)
    assert [table.heading(name) for name in table.columns] == [
        "Team",
        "Skill",
        "Area",
        "Only person at target",
        "People rated",
    ]
    rows = set(table.shown.itertuples(index=False, name=None))
    assert rows == {
        ("Growth", "Budgeting", "Strategy", "Ann Lee", 3),
        (EVIL_TEAM, "Reporting", "Analytics", EVIL_NAME, 1),
    }


def test_single_point_with_nobody_at_target_says_nobody() -> None:
    # Ann's budgeting drops to 1: Ann, Bob and Cat are all below their budgeting target, and
    # Cat (manager) makes it critical for Growth, so nobody in Growth covers it.
    people = ((*PEOPLE[0][:4], (2, 1, 4)), *PEOPLE[1:])
    frame = report_data(ratings=ratings(people)).overview.single_points.frame
    growth = frame[(frame[c.TEAM] == "Growth") & (frame[f.SKILL] == "Budgeting")]
    assert growth[gaps.COVERED_BY].tolist() == ["nobody"]
    assert growth[gaps.N_PEOPLE].tolist() == [3]


def test_heatmap_is_team_by_skill_mean_shortfall(monkeypatch: pytest.MonkeyPatch) -> None:
    # 4 people: over a person limit of 3, so one row per team.
    monkeypatch.setattr(report, "overview_view", functools.partial(overview_view, person_limit=3))
    grid = report_data().overview.grid
    assert not grid.by_person and grid.row_title == "Team"
    assert grid.skills == ("Planning", "Budgeting", "Reporting")
    assert grid.rows == (EVIL_TEAM, "Growth")  # alphabetical: "@" sorts before "G"
    values = grid.wide()
    # Growth: planning 1, 0, 0; budgeting 0, 1, 1; reporting 0, 2, 0.
    assert values.loc["Growth"].tolist() == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert math.isnan(values.loc[EVIL_TEAM, "Budgeting"])
    assert dict(zip(grid.rows, grid.people, strict=True)) == {EVIL_TEAM: 1, "Growth": 3}


def test_heatmap_shows_people_for_a_small_group() -> None:
    # Four people, at most the Overview's person limit: one row per person, as on the Overview page.
    grid = report_data().overview.grid
    assert grid.by_person and grid.row_title == "Person"
    # Alphabetical by display name: "=" sorts before every letter.
    assert grid.rows == (EVIL_NAME, "Ann Lee", "Bob Ray", "Cat Kim")
    assert grid.wide().loc["Bob Ray"].tolist() == pytest.approx([0, 1, 2])
    assert grid.people == (1, 1, 1, 1)


def test_heatmap_columns_are_the_rated_skills_only() -> None:
    # Nobody rates budgeting: its column goes, the others keep framework order.
    people = tuple((*person[:4], (person[4][0], None, person[4][2])) for person in PEOPLE)
    grid = report_data(ratings=ratings(people)).overview.grid
    assert grid.skills == ("Planning", "Reporting")
    assert grid.areas == ("Strategy", "Analytics")
    assert list(grid.wide().columns) == ["Planning", "Reporting"]


def test_heatmap_keeps_two_people_who_share_a_name_apart() -> None:
    # Cat Kim's e-mail changes to another person called Ann Lee: two rows "Ann Lee (id)".
    twins = ratings()
    twins.loc[twins[c.EMAIL] == "cat@example.com", c.NAME] = "Ann Lee"
    twins.loc[twins[c.EMAIL] == "cat@example.com", c.RESPONDENT_ID] = "cat@example.com"
    grid = report_data(ratings=twins).overview.grid
    assert grid.by_person
    values = grid.wide()
    assert len(values) == 4
    ann = values.loc["Ann Lee (ann@example.com)"].tolist()
    other = values.loc["Ann Lee (cat@example.com)"].tolist()
    # Ann (specialist): planning 2 vs 3 -> 1, budgeting 2 vs 2 -> 0, reporting 4 vs 4 -> 0.
    # Cat (manager): planning 4 vs 4 -> 0, budgeting 3 vs 4 -> 1, reporting 3 vs 3 -> 0.
    assert ann == pytest.approx([1, 0, 0])
    assert other == pytest.approx([0, 1, 0])


def test_validation_keeps_every_issue() -> None:
    frame = report_data().validation.frame
    assert list(frame["severity"]) == ["Warning", "Error"]  # capitalised, as on the Data page
    assert frame["row"].iloc[0] == 3


def test_number_kinds_per_person_levels_and_means_scores() -> None:
    view = report_data()
    for name in (c.RATING, c.TARGET, c.GAP, c.SHORTFALL, c.WEIGHTED_SHORTFALL):
        assert view.gaps.kind(name) == f.LEVEL, name
    for name in (gaps.MEAN_RATING, gaps.MEAN_TARGET, gaps.MEAN_SHORTFALL):
        assert view.overview.areas.kind(name) == f.SCORE, name
    assert view.priorities.ranked.kind(gaps.PRIORITY) == f.SCORE
    assert format_number(-1.0, f.LEVEL) == "-1.0"  # Evil's reporting gap: 4 - 5
    assert format_number(-0.001, f.SCORE) == "0.00"  # never "-0.00"


def test_wide_tables_over_the_long_table_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "LONG_TABLE_LIMIT", 3)
    view = report_data()
    assert view.gaps_wide
    gaps_frame = view.gaps.frame.set_index(c.NAME)
    # In the wide table each skill's column is named by the skill.
    assert gaps_frame.loc["Bob Ray", ["Planning", "Budgeting", "Reporting"]].tolist() == [0, 1, 2]
    assert gaps_frame.loc["Bob Ray", c.WEIGHTED_SHORTFALL] == 7
    assert math.isnan(gaps_frame.loc[EVIL_NAME, "Budgeting"])
    development = view.development.frame.set_index(c.NAME)
    assert development.loc["Bob Ray", "Skill 1"] == "Reporting"
    assert development.loc["Bob Ray", "Skill 2"] == "Budgeting"
    assert development.loc["Bob Ray", "Skill 3"] == ""
    assert development.loc["Bob Ray", f.TOTAL_HOURS] == 14


def test_several_rounds_are_refused() -> None:
    # A report covers one survey round (it used to pick the latest with a note).
    both = pd.concat([ratings(round_="2026-Q1"), ratings(PEOPLE[:2], round_="2026-Q3")], ignore_index=True)
    with pytest.raises(ValueError, match="one survey round"):
        report_data(ratings=both)
    # One of the rounds, filtered first, is a report: 2 people, 6 pairs.
    latest = both[both[c.ROUND] == "2026-Q3"].reset_index(drop=True)
    view = report_data(ratings=latest)
    assert (view.n_people, view.n_pairs) == (2, 6)


def test_empty_pairs_still_make_every_format() -> None:
    empty = gaps.GapResult(pairs=gaps.rating_pairs(ratings().iloc[0:0], FRAMEWORK), source=c.SELF)
    view = report_view(FRAMEWORK, empty, generated_at=WHEN)
    assert view.n_people == 0
    assert len(view.validation) == 0
    for fmt in ("xlsx", "html", "csv"):
        assert build_report(fmt, view)


def test_everyone_at_target_makes_a_report_with_nothing_to_train() -> None:
    # Everyone rates 5, at or above every target: 12 pairs, all at target, no plan.
    people = tuple((*person[:4], (5, 5, 5)) for person in PEOPLE)
    view = report_data(ratings=ratings(people))
    assert figure(view, "Team readiness") == pytest.approx(1.0)
    assert figure(view, "People below target on at least one skill") == 0
    assert len(view.priorities.plan.table) == 0
    # Nothing to train is 0 hours (as before the refactoring), not "not available": None is for hidden.
    assert figure(view, "Learning hours in the training plan") == 0
    assert len(view.overview.top_priorities) == 0
    for fmt in ("xlsx", "html", "csv"):
        assert build_report(fmt, view)


def test_report_without_issues_has_an_empty_validation_section() -> None:
    view = report_view(FRAMEWORK, gaps.compute_gaps(ratings(), FRAMEWORK), upload(ratings(), ()))
    assert len(view.validation) == 0
    assert "without problems" in view.validation.note


def test_all_raters_source_is_refused() -> None:
    result = gaps.compute_gaps(ratings(), FRAMEWORK, gaps.ALL)
    with pytest.raises(ValueError, match="one rating source"):
        report_view(FRAMEWORK, result)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("xlsx", "xlsx"), (".HTML", "html"), ("report.htm", "html"), ("gaps.csv", "csv")],
)
def test_report_format_from_name_or_suffix(given: str, expected: str) -> None:
    assert report_format(given) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown report format"):
        report_format("docx")
