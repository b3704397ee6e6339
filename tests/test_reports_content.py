"""Report content on the hand-worked survey of ``test_reports_helpers``: every figure checked by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics import views as vw
from analytics.reports import build_report, build_report_data, content, report_format
from tests.test_reports_helpers import EVIL_TEAM, FRAMEWORK, PEOPLE, WHEN, ratings, report_data


def figure(data: content.ReportData, label: str) -> object:
    return next(f.value for f in data.headline if f.label == label)


def test_headline_figures_worked_out_by_hand() -> None:
    data = report_data()
    assert data.n_people == 4
    assert data.n_pairs == 11
    assert figure(data, "Ratings at or above target") == pytest.approx(6 / 11)
    assert figure(data, "Mean shortfall below target") == pytest.approx(7 / 11)
    assert figure(data, "People below target on at least one skill") == 4
    # Largest mean shortfall: strategy 1, 0, 0, 1, 0, 1, 2 -> 5/7 = 0.71; analytics 0, 2, 0, 0 -> 0.5.
    assert figure(data, "Weakest area") == "Strategy (mean shortfall 0.71)"
    # Growth needs budgeting (manager, critical) and only Ann is at target; the one-person
    # team needs reporting (specialist, critical) and only its member is at target.
    assert figure(data, "Single points of failure") == 2
    # Planning 2 x 8 h + reporting 1 x 10 h + budgeting 2 x 4 h.
    assert figure(data, "Learning hours in the training plan") == pytest.approx(34.0)
    assert data.filters == (("Team", "All teams"),)
    assert data.source_label == "Self ratings"
    assert data.generated_at == WHEN


def test_area_table_pools_pairs() -> None:
    frame = report_data().areas.frame.set_index("Area")
    assert list(frame.index) == ["Strategy", "Analytics"]
    # Strategy: ratings 2+2+3+1+4+3+1 = 16 over 7 pairs, targets 3+2+3+2+4+4+3 = 21.
    assert frame.loc["Strategy", "Mean rating"] == pytest.approx(16 / 7)
    assert frame.loc["Strategy", "Mean target"] == pytest.approx(3.0)
    assert frame.loc["Strategy", "At target"] == pytest.approx(3 / 7)
    assert frame.loc["Analytics", "Mean rating"] == pytest.approx(3.5)
    assert frame.loc["Analytics", "Mean shortfall"] == pytest.approx(0.5)


def test_priorities_rank_ties_by_people_affected() -> None:
    frame = report_data().priorities.frame
    assert list(frame["Skill"]) == ["Planning", "Reporting", "Budgeting"]
    assert list(frame["Priority"]) == pytest.approx([1.5, 1.5, 4 / 3])
    assert list(frame["People below target"]) == [2, 1, 2]
    assert list(frame["Rank"]) == [1, 2, 3]


def test_training_plan_has_cohort_action_hours_and_priority() -> None:
    frame = report_data().training.frame.set_index("Skill")
    planning = frame.loc["Planning"]
    assert planning["Suggested action"] == "Planning course"
    assert planning["Hours per person"] == 8
    assert planning["Total hours"] == 16
    assert planning["Other options"] == "Plan a campaign (project, 6 h)"
    assert set(planning["Who"].split("; ")) == {"Ann Lee", PEOPLE[3][1]}
    assert frame.loc["Budgeting", "Who"] == "Cat Kim; Bob Ray"  # highest weighted shortfall first
    assert frame.loc["Budgeting", "Teams"] == "Growth (2)"


def test_development_plan_lists_each_persons_gaps_most_important_first() -> None:
    frame = report_data().development.frame
    bob = frame[frame["Person"] == "Bob Ray"]
    assert list(bob["Skill"]) == ["Reporting", "Budgeting"]  # weighted 6 before 1
    assert list(bob["Suggested action"]) == ["Reporting course", "Budget workshop"]
    assert list(bob["Hours"]) == [10, 4]
    assert len(frame) == 5


def test_heatmap_is_team_by_skill_mean_shortfall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vw, "PERSON_LIMIT", 3)  # 4 people: over the limit, so one row per team
    heat = report_data().heatmap
    assert heat.by == "Team"
    assert list(heat.values.columns) == ["Planning", "Budgeting", "Reporting"]
    assert heat.values.loc["Growth"].tolist() == pytest.approx([1 / 3, 2 / 3, 2 / 3])
    assert math.isnan(heat.values.loc[EVIL_TEAM, "Budgeting"])
    assert heat.people.loc["Growth"] == 3


def test_heatmap_shows_people_for_a_small_group() -> None:
    # Four people in two teams, at most views.PERSON_LIMIT: one row per person, as on the Overview page.
    heat = report_data().heatmap
    assert heat.by == "Person"
    assert heat.values.loc["Bob Ray"].tolist() == pytest.approx([0, 1, 2])
    assert heat.people.loc["Bob Ray"] == 1


def test_heatmap_keeps_two_people_who_share_a_name_apart() -> None:
    # Cat Kim's e-mail changes to another person called Ann Lee: two rows "Ann Lee (id)".
    twins = ratings()
    twins.loc[twins[c.EMAIL] == "cat@example.com", c.NAME] = "Ann Lee"
    twins.loc[twins[c.EMAIL] == "cat@example.com", c.RESPONDENT_ID] = "cat@example.com"
    heat = report_data(ratings=twins).heatmap
    assert heat.by == "Person"
    assert len(heat.values) == 4
    ann = heat.values.loc["Ann Lee (ann@example.com)"].tolist()
    other = heat.values.loc["Ann Lee (cat@example.com)"].tolist()
    # Ann (specialist): planning 2 vs 3 -> 1, budgeting 2 vs 2 -> 0, reporting 4 vs 4 -> 0.
    # Cat (manager): planning 4 vs 4 -> 0, budgeting 3 vs 4 -> 1, reporting 3 vs 3 -> 0.
    assert ann == pytest.approx([1, 0, 0])
    assert other == pytest.approx([0, 1, 0])


def test_validation_keeps_every_issue() -> None:
    frame = report_data().validation.frame
    assert list(frame["Severity"]) == ["warning", "error"]
    assert frame["Row"].iloc[0] == 3


def test_wide_tables_over_the_long_table_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(content, "LONG_TABLE_LIMIT", 3)
    data = report_data()
    assert data.gaps_wide
    gaps_frame = data.gaps.frame.set_index("Person")
    assert gaps_frame.loc["Bob Ray", ["Planning", "Budgeting", "Reporting"]].tolist() == [0, 1, 2]
    assert gaps_frame.loc["Bob Ray", "Total weighted shortfall"] == 7
    assert math.isnan(gaps_frame.loc[PEOPLE[3][1], "Budgeting"])
    plans = data.development.frame.set_index("Person")
    assert plans.loc["Bob Ray", "Skill 1"] == "Reporting"
    assert plans.loc["Bob Ray", "Skill 2"] == "Budgeting"
    assert plans.loc["Bob Ray", "Skill 3"] == ""
    assert plans.loc["Bob Ray", "Total hours"] == 14


def test_several_rounds_use_the_latest_for_figures() -> None:
    both = pd.concat([ratings(round_="2026-Q1"), ratings(PEOPLE[:2], round_="2026-Q3")], ignore_index=True)
    data = report_data(ratings=both)
    assert data.n_people == 2
    assert "latest, 2026-Q3" in data.round_note
    assert len(data.gaps.frame) == 11 + 6


def test_empty_pairs_still_make_every_format() -> None:
    empty = gaps.GapResult(pairs=gaps.rating_pairs(ratings().iloc[0:0], FRAMEWORK), source=c.SELF)
    data = build_report_data(FRAMEWORK, empty, generated_at=WHEN)
    assert data.n_people == 0
    for fmt in ("xlsx", "html", "csv"):
        assert build_report(fmt, data)


def test_all_raters_source_is_refused() -> None:
    result = gaps.compute_gaps(ratings(), FRAMEWORK, gaps.ALL)
    with pytest.raises(ValueError, match="one rating source"):
        build_report_data(FRAMEWORK, result)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("xlsx", "xlsx"), (".HTML", "html"), ("report.htm", "html"), ("gaps.csv", "csv")],
)
def test_report_format_from_name_or_suffix(given: str, expected: str) -> None:
    assert report_format(given) == expected


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown report format"):
        report_format("docx")
