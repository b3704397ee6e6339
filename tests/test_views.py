"""The page tables of analytics.views on small hand-built ratings, every expected value worked out here.

Framework: the small one of ``conftest.py``. Targets (importance):

    role         campaign_planning   budgeting   web_analytics
    specialist   3 (2)               2 (1)       4 (3)
    dm_manager   4 (3)               4.5 (3)     3 (2)

Learning actions (the first one per skill is the suggested one):

    campaign_planning   Campaign workshop 6 h
    budgeting           Budget basics 4 h
    web_analytics       GA4 course 8 h, then the alternative Traffic audit 12.5 h
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics import views as vw
from analytics.framework import Framework

SPEC, MGR = "specialist", "dm_manager"
CP, BU, WA = "campaign_planning", "budgeting", "web_analytics"


def row(who: str, skill: str, value: float | None, **kw: Any) -> dict[str, Any]:
    return {
        c.RESPONDENT_ID: who,
        c.NAME: kw.get("name", who.title()),
        c.EMAIL: f"{who}@example.com",
        c.TEAM: kw.get("team", "Growth"),
        c.ROLE: kw.get("role", SPEC),
        c.ROLE_ID: kw.get("role", SPEC),
        c.SKILL_ID: skill,
        c.RATER: kw.get("rater", c.SELF),
        c.RATING: math.nan if value is None else float(value),
        c.ROUND: kw.get("round", "R1"),
    }


def tidy(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(c.TIDY_COLUMNS)).astype({c.RATING: float})


@pytest.fixture
def ratings() -> pd.DataFrame:
    """ann (specialist, Growth): 2, 2, 4 -> gaps 1, 0, 0; bob (manager, Care): 4, 3, 3 -> 0, 1.5, 0;
    cat (specialist, Care): 3, 1, 2 -> 0, 1, 2; plus a manager rating for ann and a round R0."""
    return tidy(
        row("ann", CP, 2),
        row("ann", BU, 2),
        row("ann", WA, 4),
        row("bob", CP, 4, role=MGR, team="Care"),
        row("bob", BU, 3, role=MGR, team="Care"),
        row("bob", WA, 3, role=MGR, team="Care"),
        row("cat", CP, 3, team="Care"),
        row("cat", BU, 1, team="Care"),
        row("cat", WA, 2, team="Care"),
        row("ann", CP, 3, rater=c.MANAGER),
        row("ann", CP, 1, round="R0"),
    )


@pytest.fixture
def pairs(ratings: pd.DataFrame, small_framework: Framework) -> pd.DataFrame:
    all_pairs = gaps.rating_pairs(ratings, small_framework)
    return vw.apply_filters(all_pairs, vw.Filters(round="R1"))


def test_filter_options_and_filters(ratings: pd.DataFrame, small_framework: Framework) -> None:
    options = vw.filter_options(ratings, small_framework)
    assert options == vw.FilterOptions(("R0", "R1"), ("Care", "Growth"), (SPEC, MGR))
    all_pairs = gaps.rating_pairs(ratings, small_framework)
    care = vw.apply_filters(all_pairs, vw.Filters(round="R1", teams=("Care",)))
    assert set(care[c.RESPONDENT_ID]) == {"bob", "cat"}
    managers = vw.apply_filters(all_pairs, vw.Filters(round="R1", roles=(MGR,)))
    assert set(managers[c.RESPONDENT_ID]) == {"bob"}
    assert len(vw.apply_filters(all_pairs, vw.Filters(round="R0"))) == 1
    assert len(vw.apply_filters(all_pairs, vw.Filters())) == len(all_pairs)


def test_empty_reasons(pairs: pd.DataFrame) -> None:
    none = pairs.iloc[0:0]
    assert vw.empty_reason(True, c.SELF, pairs, pairs, vw.Filters()) is None
    assert "No survey" in vw.empty_reason(False, c.SELF, none, none, vw.Filters()).why  # type: ignore[union-attr]
    manager = vw.empty_reason(True, c.MANAGER, none, none, vw.Filters())
    assert manager is not None and "no manager ratings" in manager.why
    filtered = vw.empty_reason(True, c.SELF, pairs, none, vw.Filters(round="R1", teams=("Nobody",)))
    assert filtered is not None and "team Nobody" in filtered.why and "sidebar" in filtered.todo


def test_headline(pairs: pd.DataFrame, small_framework: Framework) -> None:
    top = vw.headline(pairs, small_framework)
    # 9 pairs, at target: ann BU, WA; bob CP, WA; cat CP -> 5 of 9.
    assert (top.people, top.pairs) == (3, 9)
    assert top.readiness == pytest.approx(5 / 9)
    # strategy shortfalls: 1, 0, 0, 1.5, 0, 1 -> 3.5/6; analytics: 0, 0, 2 -> 2/3. Analytics is weaker.
    assert top.weakest_area == "Analytics"
    assert top.weakest_shortfall == pytest.approx(2 / 3)
    areas = vw.area_summary(pairs, small_framework)
    assert vw.headline(pairs, small_framework, areas) == top
    assert vw.headline(pairs.iloc[0:0], small_framework).people == 0


def test_single_points(pairs: pd.DataFrame, small_framework: Framework) -> None:
    table = vw.single_points(pairs, small_framework)
    # Growth (ann only): every skill with importance 3 for a specialist (web analytics) has
    # ann at target -> covered by Ann. Care: cat (specialist) and bob (manager) need
    # planning/budgeting (bob: 3) and web analytics (cat: 3); budgeting has nobody at target.
    got = {(t, s): who for t, s, who in table[[c.TEAM, c.SKILL_ID, gaps.COVERED_BY]].astype(object).values}
    assert got[("Growth", WA)] == "Ann"
    assert pd.isna(got[("Care", BU)])
    assert set(table[vw.SKILL]) <= {s.name for s in small_framework.skills}


def test_shortfall_grid_people_then_teams(pairs: pd.DataFrame, small_framework: Framework) -> None:
    grid = vw.shortfall_grid(pairs, small_framework, person_limit=5)
    assert grid.by_person and grid.row_title == "Person" and grid.limit == 5
    people = grid.table
    cell = people[(people[vw.ROW_LABEL] == "Bob") & (people[c.SKILL_ID] == BU)]
    assert cell[gaps.MEAN_SHORTFALL].item() == pytest.approx(1.5)
    by_team = vw.shortfall_grid(pairs, small_framework, person_limit=2)
    assert not by_team.by_person and by_team.row_title == "Team"
    teams = by_team.table
    care_bu = teams[(teams[vw.ROW_LABEL] == "Care") & (teams[c.SKILL_ID] == BU)]
    # bob 1.5 and cat 1 -> 1.25 over 2 people.
    assert care_bu[gaps.MEAN_SHORTFALL].item() == pytest.approx(1.25)
    assert care_bu[gaps.N_PEOPLE].item() == 2
    assert care_bu[vw.SKILL].item() == "Budgeting and KPIs"


def test_unique_names_disambiguates_shared_names(small_framework: Framework) -> None:
    table = tidy(row("a1", CP, 3, name="Ana"), row("a2", CP, 3, name="Ana"), row("b", CP, 3, name="Budi"))
    names = vw.unique_names(gaps.rating_pairs(table, small_framework))
    assert names["b"] == "Budi"
    assert names["a1"] == "Ana (a1)" and names["a2"] == "Ana (a2)"


def test_distribution_and_role_targets(pairs: pd.DataFrame, small_framework: Framework) -> None:
    scope = vw.scope_pairs(pairs, "strategy", BU)
    dist = vw.distribution(scope, small_framework)
    # budgeting: ann 2 (target 2, at), cat 1 (target 2, below), bob 3 (target 4.5, below).
    got = {
        (r, float(x), bool(a)): n
        for r, x, a, n in dist[[c.ROLE_ID, c.RATING, c.AT_TARGET, gaps.N_PAIRS]].values
    }
    assert got == {(SPEC, 1.0, False): 1, (SPEC, 2.0, True): 1, (MGR, 3.0, False): 1}
    targets = vw.role_targets(scope, small_framework).set_index(c.ROLE_ID)
    assert targets.loc[MGR, gaps.MEAN_TARGET] == pytest.approx(4.5)
    assert targets.loc[SPEC, vw.ROLE_NAME] == "Digital Marketing Specialist"


def test_mentors_and_below_target(pairs: pd.DataFrame, small_framework: Framework) -> None:
    strategy = vw.scope_pairs(pairs, "strategy")
    # Mean over strategy: ann 2, bob 3.5, cat 2; nobody reaches 4. At level 3.5 bob does.
    scores = vw.person_scores(strategy)
    assert vw.mentors(scores, small_framework).empty
    assert list(vw.mentors(scores, small_framework, level=3.5)[c.RESPONDENT_ID]) == ["bob"]
    below = vw.below_target(scores, small_framework)
    # weighted shortfall means: ann (2*1 + 0)/2 = 1; bob (0 + 3*1.5)/2 = 2.25; cat (0 + 1*1)/2 = 0.5.
    assert list(below[c.RESPONDENT_ID]) == ["bob", "ann", "cat"]
    assert list(below[vw.SKILLS_BELOW]) == [1, 1, 1]
    assert list(below[c.TEAM]) == ["Care", "Growth", "Care"]
    assert list(below[gaps.MEAN_RATING]) == [3.5, 2.0, 2.0]
    assert list(below[gaps.N_PAIRS]) == [2, 2, 2]


def test_person_profile_has_self_and_manager(
    ratings: pd.DataFrame, pairs: pd.DataFrame, small_framework: Framework
) -> None:
    profile = vw.person_profile(ratings, pairs, "ann", small_framework, "R1").set_index(c.SKILL_ID)
    assert list(profile.index) == [CP, BU, WA]
    assert profile.loc[CP, [c.TARGET, c.SELF, c.MANAGER, c.RATING]].tolist() == [3, 2, 3, 2]
    assert math.isnan(profile.loc[BU, c.MANAGER])
    who = vw.person_summary(pairs, "ann")
    assert (who.name, who.team, who.role_id, who.rated, who.below) == ("Ann", "Growth", SPEC, 3, 1)
    assert who.readiness == pytest.approx(2 / 3)


def test_person_gaps_and_plan(pairs: pd.DataFrame, small_framework: Framework) -> None:
    table = vw.person_gaps(pairs, "cat", small_framework)
    # cat: CP 0, BU 1 (w 1), WA 2 (w 3 -> 6): WA first, then BU.
    assert list(table[c.SKILL_ID][:2]) == [WA, BU]
    assert list(table[c.WEIGHTED_SHORTFALL]) == [6.0, 1.0, 0.0]
    plan = vw.person_plan(table, small_framework)
    # One suggested action per skill below target: GA4 course (8 h) for WA, Budget basics (4 h)
    # for BU. The Traffic audit is an alternative to the GA4 course, not added: 8 + 4 = 12 h.
    assert list(plan["title"]) == ["GA4 course", "Budget basics"]
    assert list(plan[vw.ALTERNATIVES]) == ["Traffic audit (project, 12.5 h)", ""]
    assert plan[vw.HOURS].sum() == pytest.approx(12.0)


def test_cohorts(pairs: pd.DataFrame, small_framework: Framework) -> None:
    cohorts = vw.cohorts(pairs, small_framework, max_names=1).set_index(c.SKILL_ID)
    # budgeting: bob and cat below; campaign planning: ann; web analytics: cat.
    assert cohorts.loc[BU, "people"] == 2
    assert cohorts.loc[BU, vw.NAMES] == "Bob, and 1 more"
    assert cohorts.loc[BU, vw.TEAMS] == 1
    assert cohorts.loc[WA, vw.NAMES] == "Cat"
    assert cohorts.index[0] == BU


def test_training_plan_hours(pairs: pd.DataFrame, small_framework: Framework) -> None:
    ranked = vw.priority_table(pairs, small_framework)
    # Priorities (mean weighted shortfall): WA (0 + 0 + 6)/3 = 2 (cat below); BU (0 + 4.5 + 1)/3
    # = 1.83 (bob, cat); CP (2 + 0 + 0)/3 = 0.67 (ann).
    plan = vw.training_plan(ranked, small_framework, top=1)
    # WA: the suggested GA4 course, 8 h x 1 person; the 12.5 h audit is only an option.
    assert list(plan[c.SKILL_ID]) == [WA]
    assert list(plan[vw.HOURS]) == [8.0]
    assert list(plan[vw.TOTAL_HOURS]) == [8.0]
    assert list(plan[vw.ALTERNATIVES]) == ["Traffic audit (project, 12.5 h)"]
    everything = vw.training_plan(ranked, small_framework, top=3)
    assert list(everything[c.SKILL_ID]) == [WA, BU, CP]
    assert list(everything[gaps.PEOPLE_AFFECTED]) == [1, 2, 1]
    # 8 x 1 + 4 x 2 + 6 x 1 = 22 h.
    assert list(everything[vw.TOTAL_HOURS]) == [8.0, 8.0, 6.0]
    assert everything[vw.TOTAL_HOURS].sum() == pytest.approx(22.0)


def test_issue_table_says_what_where_and_todo() -> None:
    issues = pd.DataFrame(
        {
            "severity": ["error", "info"],
            "sheet": ["Q1", ""],
            "row": pd.array([4, None], dtype="Int64"),
            "column": ["Rate [X]", ""],
            "message": ["Bad answer", "Blank answers"],
            "action": ["Fix it", "Nothing"],
            "count": [2, 5],
        }
    )
    table = vw.issue_table(issues)
    assert list(table.columns) == ["Severity", "What", "Where", "What to do", "Count"]
    assert list(table["Where"]) == ["sheet Q1, row 4, column 'Rate [X]'", "whole file"]
    assert list(table["Severity"]) == ["Error", "Info"]


def test_column_and_role_overrides(small_framework: Framework) -> None:
    columns = pd.DataFrame(
        [
            ("S", "Name", "name", "", ""),
            ("S", "Rate [Budgeting]", "skill", BU, ""),
            ("S", "Mystery", "unmatched", "", ""),
        ],
        columns=["sheet", "column", "kind", c.SKILL_ID, c.RATER],
    )
    shown = vw.column_mapping(columns, small_framework)
    assert vw.identity_columns(columns) == "Name: 'Name'"
    assert list(shown["column"]) == ["Rate [Budgeting]", "Mystery"]
    assert list(shown[vw.SKILL]) == ["Budgeting and KPIs", vw.NOT_A_SKILL]
    edited = shown.copy()
    edited.loc[1, vw.SKILL] = "Web analytics"
    edited.loc[0, vw.SKILL] = vw.NOT_A_SKILL
    assert vw.column_overrides(shown, edited, small_framework) == {"Mystery": WA, "Rate [Budgeting]": ""}
    edited.loc[1, vw.SKILL] = "No such skill"
    assert vw.column_overrides(shown, edited, small_framework) == {"Rate [Budgeting]": ""}

    roles = pd.DataFrame({c.ROLE: ["Astronaut", "Digital Marketer"], c.ROLE_ID: ["", SPEC], "people": [1, 2]})
    shown_roles = vw.role_mapping(roles, small_framework)
    assert list(shown_roles["framework role"]) == [vw.NO_ROLE, "Digital Marketing Specialist"]
    edited_roles = shown_roles.copy()
    edited_roles.loc[0, "framework role"] = "Digital Marketing Manager"
    assert vw.role_overrides(shown_roles, edited_roles, small_framework) == {"Astronaut": MGR}
    assert vw.known_overrides({"a": MGR, "b": "gone", "c": ""}, [MGR]) == {"a": MGR, "c": ""}


def test_target_grids_round_trip(small_framework: Framework) -> None:
    targets, importance = vw.target_grids(small_framework)
    assert targets.loc["Budgeting and KPIs", "Digital Marketing Manager"] == 4.5
    assert importance.loc["Web analytics", "Digital Marketing Specialist"] == 3
    same = small_framework.with_targets(vw.targets_from_grids(small_framework, targets, importance))
    assert same.to_yaml() == small_framework.to_yaml()
    targets.loc["Web analytics", "Digital Marketing Specialist"] = 5
    edited = small_framework.with_targets(vw.targets_from_grids(small_framework, targets, importance))
    frame = edited.targets_frame().set_index([c.ROLE_ID, c.SKILL_ID])
    assert frame.loc[(SPEC, WA), c.TARGET] == 5


def test_framework_tables(small_framework: Framework) -> None:
    tables = vw.framework_tables(small_framework)
    assert list(tables["scale"]["name"]) == ["Beginner", "Developing", "Intermediate", "Advanced", "Expert"]
    assert len(tables["skills"]) == 3
    assert len(tables["learning"]) == len(small_framework.learning)


def test_people_index_labels_in_order(small_framework: Framework) -> None:
    table = tidy(
        row("a2", CP, 3, name="Ana", team="Care"),
        row("b", CP, 3, name="Budi"),
        row("a1", CP, 3, name="Ana"),
    )
    index = vw.people_index(gaps.rating_pairs(table, small_framework))
    assert index == {"a1": "Ana (a1) - Growth", "a2": "Ana (a2) - Care", "b": "Budi - Growth"}
    assert list(index.values()) == sorted(index.values())


def test_headline_weakest_area_is_the_largest_mean_shortfall(small_framework: Framework) -> None:
    # Strategy: ann CP 2 (target 3) short 1, BU 1 (target 2) short 1; bob CP 4 (target 4) 0,
    # BU 4 (target 4.5) short 0.5 -> mean shortfall 2.5/4 = 0.625, at target 1 of 4 = 25%.
    # Analytics: ann WA 1 (target 4) short 3; bob WA 3 (target 3) 0 -> mean 1.5, 1 of 2 = 50%.
    # "Lowest share at target" would say Strategy; the largest mean shortfall is Analytics.
    table = tidy(
        row("ann", CP, 2),
        row("ann", BU, 1),
        row("ann", WA, 1),
        row("bob", CP, 4, role=MGR),
        row("bob", BU, 4, role=MGR),
        row("bob", WA, 3, role=MGR),
    )
    top = vw.headline(gaps.rating_pairs(table, small_framework), small_framework)
    assert top.weakest_area == "Analytics"
    assert top.weakest_shortfall == pytest.approx(1.5)
    assert top.readiness == pytest.approx(2 / 6)


def test_learning_for_gives_one_suggested_action_per_skill(small_framework: Framework) -> None:
    plan = vw.learning_for([BU, WA, BU], small_framework)
    assert list(plan[c.SKILL_ID]) == [BU, WA]
    assert list(plan["title"]) == ["Budget basics", "GA4 course"]
    assert list(plan[vw.HOURS]) == [4.0, 8.0]
    assert list(plan[vw.SKILL]) == ["Budgeting and KPIs", "Web analytics"]


def test_counted_says_person_for_one_and_separates_thousands() -> None:
    assert vw.counted(1, "person", "people") == "1 person"
    assert vw.counted(0, "person", "people") == "0 people"
    assert vw.counted(1126, "rated skill") == "1,126 rated skills"
    got = vw.counted_each(pd.Series([1, 2, None, 1126]), "person", "people")
    assert list(got) == ["1 person", "2 people", "", "1,126 people"]
    assert list(vw.counted_each(pd.Series([], dtype=float), "rating")) == []


def test_top_priorities_leave_out_skills_nobody_is_below_target_on(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    ranked = vw.priority_table(pairs, small_framework)
    # WA 2, BU 1.83, CP 0.67: everyone has someone below target.
    assert list(vw.top_priorities(ranked, 2)[c.SKILL_ID]) == [WA, BU]
    # Only ann and bob: ann is below on CP (priority 1), bob on BU (4.5 / 2); nobody on WA.
    two = vw.apply_filters(pairs, vw.Filters(teams=("Growth",)))
    ranked_two = vw.priority_table(pd.concat([two, pairs[pairs[c.RESPONDENT_ID] == "bob"]]), small_framework)
    top = vw.top_priorities(ranked_two)
    assert WA not in set(top[c.SKILL_ID])
    assert (top[gaps.PRIORITY] > 0).all() and (top[gaps.PEOPLE_AFFECTED] > 0).all()
    assert len(ranked_two) == 3 and len(top) == 2
    at_target = vw.priority_table(pairs[pairs[c.AT_TARGET].to_numpy(dtype=bool)], small_framework)
    assert vw.top_priorities(at_target).empty


def test_distribution_counts_every_rating_at_a_level(pairs: pd.DataFrame, small_framework: Framework) -> None:
    # Strategy: ann 2 on CP (below) and 2 on BU (at): the specialist's level 2 holds 2 ratings.
    dist = vw.distribution(vw.scope_pairs(pairs, "strategy"), small_framework)
    spec_two = dist[(dist[c.ROLE_ID] == SPEC) & (dist[c.RATING] == 2.0)]
    assert sorted(spec_two[gaps.N_PAIRS]) == [1, 1]
    assert set(spec_two[vw.LEVEL_PAIRS]) == {2}
    bob = dist[dist[c.ROLE_ID] == MGR]
    assert (bob[gaps.N_PAIRS] == bob[vw.LEVEL_PAIRS]).all()


def test_short_names_fit_column_headers() -> None:
    names = [
        "Digital Marketing Specialist",
        "Digital Marketing Manager",
        "Social Media Manager",
        "Community Manager",
        "Social Customer Care",
    ]
    assert vw.short_names(names, limit=17) == [
        "DM Specialist",
        "DM Manager",
        "SM Manager",
        "Community Manager",
        "SC Care",
    ]
    assert vw.short_names(names) == ["DM Specialist", "DM Manager", *names[2:]]
    # Names that would shorten alike are all kept whole; a single long word stays as it is.
    assert vw.short_names(["Senior Data Analyst", "Social Data Analyst"], limit=10) == [
        "Senior Data Analyst",
        "Social Data Analyst",
    ]
    assert vw.short_names(["Supercalifragilistic"], limit=5) == ["Supercalifragilistic"]
