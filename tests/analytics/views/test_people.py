"""One person's view and everyone's development plans, on three hand-built people."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps, plans
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views.names import people_index, team_members, unique_names
from analytics.views.people import development_plans, person_view
from tests.helpers.tidy import BU, CP, SPEC, WA, row, tidy


def test_person_view_has_profile_gaps_and_plan(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = person_view(ratings, pairs, "ann", small_framework, "R1", "Self ratings")
    assert shown is not None
    assert (shown.name, shown.team, shown.role_id, shown.rated, shown.below) == ("Ann", "Growth", SPEC, 3, 1)
    assert shown.role == "Digital Marketing Specialist"
    assert shown.readiness == pytest.approx(2 / 3)
    profile = shown.profile.set_index(c.SKILL_ID)
    assert list(profile.index) == [CP, BU, WA]
    assert profile.loc[CP, [c.TARGET, c.SELF, c.MANAGER, c.RATING]].tolist() == [3, 2, 3, 2]
    assert math.isnan(profile.loc[BU, c.MANAGER])
    assert shown.has_manager_rating
    assert shown.gaps.heading(c.RATING) == "Rating (self ratings)"
    assert person_view(ratings, pairs, "nobody", small_framework) is None


def test_gaps_and_plan_come_largest_need_first(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = person_view(ratings, pairs, "cat", small_framework)
    assert shown is not None
    # cat: CP 0, BU 1 (w 1), WA 2 (w 3 -> 6): WA first, then BU.
    assert list(shown.gaps.frame[c.SKILL_ID]) == [WA, BU, CP]
    assert list(shown.gaps.frame[c.WEIGHTED_SHORTFALL]) == [6.0, 1.0, 0.0]
    plan = shown.plan.frame
    # One suggested action per skill below target: GA4 course (8 h) for WA, Budget basics (4 h)
    # for BU. The Traffic audit is an alternative to the GA4 course, not added: 8 + 4 = 12 h.
    assert list(plan[plans.TITLE]) == ["GA4 course", "Budget basics"]
    assert list(plan[plans.ALTERNATIVES]) == ["Traffic audit (project, 12.5 h)", ""]
    assert shown.plan_hours == pytest.approx(12.0)


def test_ties_in_weighted_shortfall_go_to_the_larger_shortfall(small_framework: Framework) -> None:
    # A manager (targets CP 4 w3, BU 4.5 w3, WA 3 w2) rated CP 3.5, BU 4, WA 2.25:
    # CP short 0.5 (w 1.5), BU short 0.5 (w 1.5), WA short 0.75 (w 1.5): all weigh 1.5,
    # so WA (the largest shortfall) leads; CP and BU keep framework order.
    table = tidy(
        row("m", CP, 3.5, role="dm_manager"),
        row("m", BU, 4, role="dm_manager"),
        row("m", WA, 2.25, role="dm_manager"),
    )
    pairs = gaps.rating_pairs(table, small_framework)
    plan = development_plans(pairs, small_framework)
    assert list(plan[c.SKILL_ID]) == [WA, CP, BU]
    shown = person_view(table, pairs, "m", small_framework)
    assert shown is not None and list(shown.plan.frame[c.SKILL_ID]) == [WA, CP, BU]


def test_development_plans_are_everyones_plans_in_name_order(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    plan = development_plans(pairs, small_framework)
    # Below target: ann CP; bob BU; cat WA then BU.
    assert list(zip(plan[c.NAME], plan[c.SKILL_ID], strict=True)) == [
        ("Ann", CP),
        ("Bob", BU),
        ("Cat", WA),
        ("Cat", BU),
    ]
    assert list(plan[plans.HOURS]) == [6.0, 4.0, 8.0, 4.0]
    assert list(plan[f.SKILL]) == [
        "Campaign planning",
        "Budgeting and KPIs",
        "Web analytics",
        "Budgeting and KPIs",
    ]


def test_unique_names_disambiguates_shared_names(small_framework: Framework) -> None:
    table = tidy(row("a1", CP, 3, name="Ana"), row("a2", CP, 3, name="Ana"), row("b", CP, 3, name="Budi"))
    names = unique_names(gaps.rating_pairs(table, small_framework))
    assert names["b"] == "Budi"
    assert names["a1"] == "Ana (a1)" and names["a2"] == "Ana (a2)"


def test_people_index_labels_in_order(small_framework: Framework) -> None:
    table = tidy(
        row("a2", CP, 3, name="Ana", team="Care"),
        row("b", CP, 3, name="Budi"),
        row("a1", CP, 3, name="Ana"),
    )
    index = people_index(gaps.rating_pairs(table, small_framework))
    assert index == {"a1": "Ana (a1) - Growth", "a2": "Ana (a2) - Care", "b": "Budi - Growth"}
    assert list(index.values()) == sorted(index.values())


def test_a_teams_members_are_its_people_once_each_by_name(small_framework: Framework) -> None:
    table = tidy(
        row("z", CP, 3, name="Zaki"),
        row("z", BU, 2, name="Zaki"),
        row("c", CP, 3, name="Citra", team="Care"),
        row("a", CP, 3, name="Ana"),
        row("a", BU, 3, name="Ana"),
        row("m", WA, 1, name="Made"),
    )
    pairs = gaps.rating_pairs(table, small_framework)
    assert team_members(pairs, "Growth") == ["a", "m", "z"]
    assert team_members(pairs, "Care") == ["c"]
    assert team_members(pairs, "Nobody's team") == []


def test_level_descriptions_and_skills_not_required_are_shown(
    ratings: pd.DataFrame, small_framework: Framework
) -> None:
    from analytics.framework import framework_from_dict

    data = small_framework.to_dict()
    for area in data["areas"]:
        for skill in area["skills"]:
            if skill["id"] == CP:
                skill["levels"] = {2: "Helps with a campaign", 3: "Runs a campaign alone"}
    for role in data["roles"]:
        if role["id"] == SPEC:
            role["targets"][BU] = "not required"
    framework = framework_from_dict(data)
    pairs = gaps.compute_gaps(ratings, framework).pairs
    pairs = pairs[pairs[c.ROUND] == "R1"]
    shown = person_view(ratings, pairs, "ann", framework, "R1")
    assert shown is not None
    # Ann rated campaign planning 2 against a target of 3 (worked out in three_people).
    levels = shown.levels.frame
    assert levels.to_dict("records") == [
        {
            f.SKILL: framework.skill(CP).name,
            "now": "Helps with a campaign",
            "target_level": "Runs a campaign alone",
        }
    ]
    assert shown.not_required == (framework.skill(BU).name,)
    assert BU not in set(shown.profile[c.SKILL_ID])
    assert shown.rated == 2
