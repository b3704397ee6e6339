"""Gap metrics on small hand-built tables, with every expected number worked out in comments.

The framework here is built in the test, not loaded from the shipped YAML, so that the
numbers stay checkable by hand whatever happens to the default framework:

    role        planning (strategy)   budgeting (strategy)   reporting (analytics)
    specialist  target 3, importance 2  target 2, importance 1  target 4, importance 3
    manager     target 4, importance 3  target 4, importance 3  target 3, importance 2
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework, framework_from_dict

FRAMEWORK: Framework = framework_from_dict(
    {
        "name": "Test framework",
        "scale": {
            "min": 1,
            "max": 5,
            "levels": [{"level": i, "name": f"Level {i}"} for i in range(1, 6)],
        },
        "areas": [
            {
                "id": "strategy",
                "name": "Strategy",
                "skills": [
                    {"id": "planning", "name": "Planning"},
                    {"id": "budgeting", "name": "Budgeting"},
                ],
            },
            {
                "id": "analytics",
                "name": "Analytics",
                "skills": [{"id": "reporting", "name": "Reporting"}],
            },
        ],
        "roles": [
            {
                "id": "specialist",
                "name": "Specialist",
                "targets": {
                    "planning": {"target": 3, "importance": 2},
                    "budgeting": {"target": 2, "importance": 1},
                    "reporting": {"target": 4, "importance": 3},
                },
            },
            {
                "id": "manager",
                "name": "Manager",
                "targets": {
                    "planning": {"target": 4, "importance": 3},
                    "budgeting": {"target": 4, "importance": 3},
                    "reporting": {"target": 3, "importance": 2},
                },
            },
        ],
    }
)

NAN = math.nan
SPEC, MGR = "specialist", "manager"


def rating(
    who: str,
    skill: str,
    value: float | None,
    *,
    role_id: str | None = SPEC,
    team: str | None = "Growth",
    rater: str = c.SELF,
    round_: str | None = "R1",
) -> dict[str, Any]:
    """One row of the tidy ratings table; ``who`` is the respondent id, its title the name."""
    return {
        c.RESPONDENT_ID: who,
        c.NAME: who.title(),
        c.EMAIL: f"{who}@example.com",
        c.TEAM: team,
        c.ROLE: role_id or "Astronaut",
        c.ROLE_ID: role_id,
        c.SKILL_ID: skill,
        c.RATER: rater,
        c.RATING: NAN if value is None else float(value),
        c.ROUND: round_,
    }


def tidy(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(c.TIDY_COLUMNS)).astype({c.RATING: float})


def pairs_of(*rows: dict[str, Any], source: str = c.SELF) -> pd.DataFrame:
    return gaps.rating_pairs(tidy(*rows), FRAMEWORK, source)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categorical and string columns as object, so hand-written frames compare by value."""
    text = [
        col for col in frame.columns if isinstance(frame[col].dtype, (pd.CategoricalDtype, pd.StringDtype))
    ]
    return frame.astype(dict.fromkeys(text, object)).reset_index(drop=True)


def assert_same(result: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert_frame_equal(plain(result), plain(expected), check_dtype=False)


# --- rating_pairs -----------------------------------------------------------------------


def test_pairs_have_signed_gap_clipped_shortfall_weight_and_at_target() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 2),  # target 3 -> gap 1, shortfall 1, importance 2 -> 2
        rating("ana", "budgeting", 4),  # target 2 -> gap -2, shortfall clipped to 0
        rating("ana", "reporting", 4),  # target 4 -> gap 0: exactly at target counts
    )
    assert list(pairs.columns) == list(gaps.PAIR_COLUMNS)
    expected = pd.DataFrame(
        {
            c.SKILL_ID: ["planning", "budgeting", "reporting"],
            c.AREA_ID: ["strategy", "strategy", "analytics"],
            c.RATING: [2.0, 4.0, 4.0],
            c.TARGET: [3.0, 2.0, 4.0],
            c.IMPORTANCE: [2, 1, 3],
            c.GAP: [1.0, -2.0, 0.0],
            c.SHORTFALL: [1.0, 0.0, 0.0],
            c.WEIGHTED_SHORTFALL: [2.0, 0.0, 0.0],
            c.AT_TARGET: [False, True, True],
        }
    )
    assert_same(pairs[expected.columns], expected)
    assert pairs[c.RATER].astype(object).tolist() == ["self"] * 3
    assert pairs[c.NAME].tolist() == ["Ana"] * 3


def test_target_comes_from_each_persons_own_role() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 3),  # specialist: target 3, importance 2 -> at target
        rating("ben", "planning", 3, role_id=MGR),  # manager: target 4, importance 3 -> gap 1
    )
    assert pairs[c.TARGET].tolist() == [3.0, 4.0]
    assert pairs[c.WEIGHTED_SHORTFALL].tolist() == [0.0, 3.0]
    assert pairs[c.AT_TARGET].tolist() == [True, False]


def test_not_applicable_unknown_role_unknown_skill_and_other_raters_are_left_out() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 3),  # the only usable self rating
        rating("ana", "budgeting", None),  # not applicable
        rating("ben", "planning", 1, role_id=None),  # role matched no framework role
        rating("cy", "planning", 1, role_id="astronaut"),  # role id not in this framework
        rating("ana", "juggling", 2),  # skill not in the framework
        rating("ana", "reporting", 2, rater=c.MANAGER),  # not a self rating
        rating("ana", "reporting", 2, rater=c.PEER),  # not a self rating
        rating("ana", "reporting", 2, rater="boss"),  # not a rater at all
    )
    assert pairs[[c.RESPONDENT_ID, c.SKILL_ID]].astype(object).values.tolist() == [["ana", "planning"]]
    summary = gaps.summarise(pairs, [])
    assert summary[gaps.N_PAIRS].tolist() == [1]
    assert summary[gaps.N_PEOPLE].tolist() == [1]


def test_repeated_rating_keeps_the_last_row() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 1),
        rating("ana", "planning", 4),  # same skill, rater and round: this one wins
        rating("ana", "planning", 2, round_="R2"),  # another round is another pair
        rating("ana", "budgeting", 3),
        rating("ana", "budgeting", None),  # last answer says not applicable -> no pair
    )
    got = pairs[[c.ROUND, c.SKILL_ID, c.RATING]].astype({c.ROUND: object, c.SKILL_ID: object})
    assert got.values.tolist() == [["R1", "planning", 4.0], ["R2", "planning", 2.0]]


def test_missing_round_is_the_default_round() -> None:
    pairs = pairs_of(rating("ana", "planning", 3, round_=None))
    assert pairs[c.ROUND].astype(object).tolist() == [c.DEFAULT_ROUND]


def test_manager_and_combined_sources() -> None:
    ratings = tidy(
        rating("ana", "planning", 2),
        rating("ana", "planning", 4, rater=c.MANAGER),  # both exist -> mean 3 = target 3
        rating("ana", "planning", 1, rater=c.PEER),  # peers never enter "combined"
        rating("ana", "budgeting", 1),  # self only -> 1
        rating("ana", "reporting", None),  # self not applicable ...
        rating("ana", "reporting", 5, rater=c.MANAGER),  # ... so the manager's 5 stands
    )
    combined = gaps.rating_pairs(ratings, FRAMEWORK, gaps.COMBINED)
    by_skill = combined.set_index(combined[c.SKILL_ID].astype(object))
    assert by_skill[c.RATING].to_dict() == {"planning": 3.0, "budgeting": 1.0, "reporting": 5.0}
    # planning 3 vs target 3 -> gap 0; budgeting 1 vs 2 -> gap 1; reporting 5 vs 4 -> gap -1
    assert by_skill[c.GAP].to_dict() == {"planning": 0.0, "budgeting": 1.0, "reporting": -1.0}
    assert by_skill[c.AT_TARGET].to_dict() == {
        "planning": True,
        "budgeting": False,
        "reporting": True,
    }
    assert set(combined[c.RATER].astype(object)) == {gaps.COMBINED}

    manager = gaps.rating_pairs(ratings, FRAMEWORK, c.MANAGER)
    assert manager[[c.SKILL_ID, c.RATING]].astype({c.SKILL_ID: object}).values.tolist() == [
        ["planning", 4.0],
        ["reporting", 5.0],
    ]
    self_ = gaps.rating_pairs(ratings, FRAMEWORK, c.SELF)
    assert self_[c.RATING].tolist() == [2.0, 1.0]


def test_combined_pair_describes_the_person_as_they_describe_themselves() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 2, team="Growth"),
        rating("ana", "planning", 4, team="Growth Team", rater=c.MANAGER),  # manager's wording
        rating("ben", "planning", 4, team="Brand Team", rater=c.MANAGER),  # only the manager's
        source=gaps.COMBINED,
    )
    got = pairs[[c.RESPONDENT_ID, c.TEAM, c.RATING]].astype(object).values.tolist()
    assert got == [["ana", "Growth", 3.0], ["ben", "Brand Team", 4.0]]


def test_all_source_keeps_each_rater_and_groups_by_rater() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 2),  # target 3: below
        rating("ana", "planning", 4, rater=c.MANAGER),  # at target
        rating("ana", "planning", 3, rater=c.PEER),  # exactly at target
        source=gaps.ALL,
    )
    assert len(pairs) == 3
    summary = gaps.summarise(pairs, [c.RATER])
    expected = pd.DataFrame(
        {
            c.RATER: ["self", "manager", "peer"],
            gaps.N_PEOPLE: [1, 1, 1],
            gaps.N_PAIRS: [1, 1, 1],
            gaps.MEAN_RATING: [2.0, 4.0, 3.0],
            gaps.MEAN_TARGET: [3.0, 3.0, 3.0],
            gaps.MEAN_GAP: [1.0, -1.0, 0.0],
            gaps.MEAN_SHORTFALL: [1.0, 0.0, 0.0],
            gaps.MEAN_WEIGHTED_SHORTFALL: [2.0, 0.0, 0.0],  # importance 2 x shortfall
            gaps.READINESS: [0.0, 1.0, 1.0],
            gaps.PEOPLE_BELOW: [1, 0, 0],
        }
    )
    assert_same(summary, expected)


def test_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="rating source"):
        pairs_of(rating("ana", "planning", 3), source="boss")


def test_categorical_and_text_input_give_the_same_pairs() -> None:
    ratings = tidy(
        rating("ana", "planning", 2),
        rating("ben", "reporting", 5, role_id=MGR, team="Brand"),
        rating("cy", "budgeting", 1, role_id=None),
    )
    text_columns = [col for col in c.TIDY_COLUMNS if col != c.RATING]
    as_category = ratings.astype(dict.fromkeys(text_columns, "category"))
    as_object = ratings.astype(dict.fromkeys(text_columns, object))
    expected = gaps.rating_pairs(ratings, FRAMEWORK)
    assert len(expected) == 2
    assert_same(gaps.rating_pairs(as_category, FRAMEWORK), expected)
    assert_same(gaps.rating_pairs(as_object, FRAMEWORK), expected)


def test_compute_gaps_names_its_source() -> None:
    result = gaps.compute_gaps(tidy(rating("ana", "planning", 2)), FRAMEWORK, gaps.COMBINED)
    assert result.source == gaps.COMBINED
    assert result.pairs[c.RATING].tolist() == [2.0]


# --- summarise --------------------------------------------------------------------------

POOLED = (
    rating("ana", "planning", 3),  # target 3: at target
    rating("ana", "budgeting", 2),  # target 2: at target
    rating("ana", "reporting", 4),  # target 4: at target
    rating("ben", "planning", 1),  # target 3: gap 2, importance 2 -> weighted 4
    rating("ben", "budgeting", None),  # not applicable: in no mean, share or n
    rating("ben", "reporting", None),
    rating("cy", "planning", 5, role_id=MGR, team="Brand"),  # target 4: gap -1, at target
    rating("cy", "budgeting", 2, role_id=MGR, team="Brand"),  # target 4: gap 2 x 3 -> 6
)


POOLED_BY_TEAM = pd.DataFrame(
    {
        c.TEAM: ["Brand", "Growth"],
        gaps.N_PEOPLE: [1, 2],
        gaps.N_PAIRS: [2, 4],
        # Brand: (5 + 2) / 2; Growth: (3 + 2 + 4 + 1) / 4
        gaps.MEAN_RATING: [3.5, 2.5],
        gaps.MEAN_TARGET: [4.0, 3.0],  # (4 + 4) / 2; (3 + 2 + 4 + 3) / 4
        gaps.MEAN_GAP: [0.5, 0.5],  # (-1 + 2) / 2; (0 + 0 + 0 + 2) / 4
        gaps.MEAN_SHORTFALL: [1.0, 0.5],  # (0 + 2) / 2; 2 / 4
        gaps.MEAN_WEIGHTED_SHORTFALL: [3.0, 1.0],  # 6 / 2; 4 / 4
        # Growth: 3 of 4 pairs at target. Averaging Ana's 100% and Ben's 0% would say 0.5.
        gaps.READINESS: [0.5, 0.75],
        gaps.PEOPLE_BELOW: [1, 1],
    }
)


def test_summarise_pools_pairs_rather_than_averaging_people() -> None:
    assert_same(gaps.summarise(pairs_of(*POOLED), [c.TEAM]), POOLED_BY_TEAM)


@pytest.mark.parametrize("order", ["team by team", "shuffled"])
def test_summarise_is_the_same_whether_a_teams_pairs_come_together_or_apart(order: str) -> None:
    # POOLED in six rounds: 24 Growth pairs and 12 Brand ones. Team by team, as a survey read
    # person by person gives them, the group means sum each run of one team first; shuffled,
    # they add pair by pair. Either way every mean is the one-round mean of POOLED_BY_TEAM.
    table = tidy(*({**row, c.ROUND: f"R{r}"} for r in range(1, 7) for row in POOLED))
    if order == "team by team":
        table = table.sort_values(c.TEAM, ascending=False, kind="stable")  # Growth, then Brand
    else:
        table = table.sample(frac=1, random_state=7)
    pairs = gaps.rating_pairs(table, FRAMEWORK)
    runs = int((pairs[c.TEAM] != pairs[c.TEAM].shift()).sum())
    assert runs == 2 if order == "team by team" else runs > 6
    expected = POOLED_BY_TEAM.assign(**{gaps.N_PAIRS: [12, 24]})
    assert_same(gaps.summarise(pairs, [c.TEAM]), expected)


def test_summarise_whole_group_and_by_area() -> None:
    pairs = pairs_of(*POOLED)
    whole = gaps.summarise(pairs, [])
    assert list(whole.columns) == list(gaps.SUMMARY_COLUMNS)
    assert len(whole) == 1
    row = whole.iloc[0]
    assert row[gaps.N_PEOPLE] == 3
    assert row[gaps.N_PAIRS] == 6
    assert row[gaps.MEAN_RATING] == pytest.approx(17 / 6)  # 3 + 2 + 4 + 1 + 5 + 2
    assert row[gaps.READINESS] == pytest.approx(4 / 6)  # Ana's 3 and Cy's planning
    assert row[gaps.PEOPLE_BELOW] == 2  # Ben and Cy

    by_area = gaps.summarise(pairs, [c.AREA_ID])
    # Framework order, strategy first. Strategy: Ana 3 and 2, Ben 1, Cy 5 and 2.
    assert by_area[c.AREA_ID].astype(object).tolist() == ["strategy", "analytics"]
    assert by_area[gaps.N_PAIRS].tolist() == [5, 1]
    assert by_area[gaps.READINESS].tolist() == pytest.approx([3 / 5, 1.0])
    assert by_area[gaps.MEAN_RATING].tolist() == pytest.approx([13 / 5, 4.0])


def test_summarise_accepts_one_key_as_text_and_refuses_unknown_keys() -> None:
    pairs = pairs_of(*POOLED)
    assert_frame_equal(gaps.summarise(pairs, c.TEAM), gaps.summarise(pairs, [c.TEAM]))
    with pytest.raises(ValueError, match="Cannot group by"):
        gaps.summarise(pairs, ["department"])


def test_people_without_a_team_form_their_own_group() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 3),
        rating("dee", "planning", 1, team=None),  # target 3: below
    )
    summary = gaps.summarise(pairs, [c.TEAM])
    assert summary[c.TEAM].isna().tolist() == [False, True]
    assert summary[gaps.N_PAIRS].tolist() == [1, 1]
    assert summary[gaps.READINESS].tolist() == [1.0, 0.0]


def test_summarise_over_several_keys() -> None:
    summary = gaps.summarise(pairs_of(*POOLED), [c.TEAM, c.ROLE_ID])
    # Brand has Cy (manager); Growth has Ana and Ben (specialists).
    assert summary[[c.TEAM, c.ROLE_ID]].astype(object).values.tolist() == [
        ["Brand", MGR],
        ["Growth", SPEC],
    ]
    assert summary[gaps.N_PEOPLE].tolist() == [1, 2]


# --- coverage ---------------------------------------------------------------------------


def test_coverage_counts_people_at_target_and_bench() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 4),  # target 3: at target; 4 is bench
        rating("ben", "planning", 2),  # target 3: below
        rating("ana", "reporting", 5),  # target 4: at target and bench
        rating("ben", "reporting", 3),  # target 4: below, not bench
        rating("cy", "reporting", 3, role_id=MGR),  # manager target 3: at target, not bench
        rating("dee", "reporting", None),  # not rated: not counted
    )
    result = gaps.coverage(pairs)
    expected = pd.DataFrame(
        {
            c.TEAM: ["Growth", "Growth"],
            c.SKILL_ID: ["planning", "reporting"],
            c.AREA_ID: ["strategy", "analytics"],
            gaps.N_PEOPLE: [2, 3],
            gaps.N_PAIRS: [2, 3],
            gaps.N_AT_TARGET: [1, 2],
            gaps.N_BENCH: [1, 1],
            gaps.READINESS: [1 / 2, 2 / 3],
        }
    )
    assert_same(result, expected)
    # With the bench at 3, everyone rated 3 or more on reporting counts: Ana, Ben and Cy.
    assert gaps.coverage(pairs, bench_level=3)[gaps.N_BENCH].tolist() == [1, 3]


def test_coverage_counts_a_person_once_across_raters() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 4),
        rating("ana", "planning", 5, rater=c.MANAGER),
        source=gaps.ALL,
    )
    result = gaps.coverage(pairs, by=())
    assert result[[gaps.N_PEOPLE, gaps.N_PAIRS, gaps.N_AT_TARGET, gaps.N_BENCH]].values.tolist() == [
        [1, 2, 1, 1]
    ]


# --- single points of failure -----------------------------------------------------------

SPOF = (
    # Growth: specialists. Reporting is critical for them (importance 3) and only Ana is at
    # target (4 vs 4; Ben 2). Planning (importance 2) has nobody at target but is not critical.
    rating("ana", "reporting", 4),
    rating("ben", "reporting", 2),
    rating("ana", "planning", 1),
    rating("ben", "planning", 1),
    rating("ana", "budgeting", 1),  # importance 1
    # Brand: managers. Planning is critical (importance 3) and nobody reaches 4.
    rating("cy", "planning", 2, role_id=MGR, team="Brand"),
    rating("di", "planning", 3, role_id=MGR, team="Brand"),
    # Budgeting is critical too but both are at target: no single point of failure.
    rating("cy", "budgeting", 4, role_id=MGR, team="Brand"),
    rating("di", "budgeting", 5, role_id=MGR, team="Brand"),
    # Reporting matters less to managers (importance 2); Cy is below target 3.
    rating("cy", "reporting", 1, role_id=MGR, team="Brand"),
)


def test_single_points_of_failure_lists_needed_skills_with_at_most_one_at_target() -> None:
    result = gaps.single_points_of_failure(pairs_of(*SPOF))
    expected = pd.DataFrame(
        {
            c.TEAM: ["Brand", "Growth"],
            c.SKILL_ID: ["planning", "reporting"],
            c.AREA_ID: ["strategy", "analytics"],
            gaps.N_PEOPLE: [2, 2],
            gaps.N_AT_TARGET: [0, 1],
            c.IMPORTANCE: [3, 3],
            gaps.COVERED_BY: [None, "Ana"],
        }
    )
    assert_same(result, expected)


def test_figures_of_a_filtered_table_match_its_group() -> None:
    pairs = pairs_of(*SPOF)
    brand = pairs[pairs[c.TEAM] == "Brand"]  # a page filter: the index is no longer 0..n-1
    assert list(brand.index) != list(range(len(brand)))
    whole = gaps.single_points_of_failure(pairs)
    assert_same(gaps.single_points_of_failure(brand), whole[whole[c.TEAM] == "Brand"])
    summary = gaps.summarise(pairs, [c.TEAM])
    assert_same(gaps.summarise(brand, [c.TEAM]), summary[summary[c.TEAM] == "Brand"].reset_index(drop=True))


def test_lower_need_threshold_adds_less_important_skills() -> None:
    result = gaps.single_points_of_failure(pairs_of(*SPOF), needed_importance=2)
    # Importance 2 now counts: Growth planning (nobody at target) and Brand reporting (Cy
    # below). Brand budgeting has two at target; Growth budgeting has importance 1.
    got = result[[c.TEAM, c.SKILL_ID, gaps.N_AT_TARGET]].astype({c.TEAM: object, c.SKILL_ID: object})
    assert got.values.tolist() == [
        ["Brand", "planning", 0],
        ["Brand", "reporting", 0],
        ["Growth", "planning", 0],
        ["Growth", "reporting", 1],
    ]


def test_a_skill_is_needed_when_any_rated_persons_role_needs_it() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 4),  # specialist (importance 2): at target 3
        rating("cy", "planning", 3, role_id=MGR),  # manager (importance 3): below target 4
    )
    result = gaps.single_points_of_failure(pairs)
    # The manager makes planning critical for Growth; only Ana is at target.
    assert result[gaps.N_AT_TARGET].tolist() == [1]
    assert result[gaps.COVERED_BY].tolist() == ["Ana"]


# --- priorities -------------------------------------------------------------------------


def test_priorities_rank_by_mean_weighted_shortfall() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 1),  # target 3: shortfall 2 x importance 2 = 4
        rating("ben", "planning", 2, role_id=MGR),  # target 4: shortfall 2 x 3 = 6
        rating("ana", "reporting", 2),  # target 4: shortfall 2 x 3 = 6
        rating("ben", "reporting", 3, role_id=MGR),  # target 3: none
        rating("ana", "budgeting", 2),  # target 2: none
        rating("ben", "budgeting", 4, role_id=MGR),  # target 4: none
    )
    expected = pd.DataFrame(
        {
            c.SKILL_ID: ["planning", "reporting", "budgeting"],
            c.AREA_ID: ["strategy", "analytics", "strategy"],
            c.IMPORTANCE: [2.5, 2.5, 2.0],  # (2 + 3) / 2, (3 + 2) / 2, (1 + 3) / 2
            gaps.MEAN_SHORTFALL: [2.0, 1.0, 0.0],
            gaps.PRIORITY: [5.0, 3.0, 0.0],  # (4 + 6) / 2, (6 + 0) / 2, 0
            gaps.PEOPLE_AFFECTED: [2, 1, 0],
            gaps.N_PEOPLE: [2, 2, 2],
            gaps.N_PAIRS: [2, 2, 2],
        }
    )
    assert_same(gaps.priorities(pairs), expected)


def test_priority_ties_go_to_the_skill_affecting_more_people() -> None:
    pairs = pairs_of(
        rating("cy", "planning", 2, role_id=MGR),  # shortfall 2 x 3 = 6
        rating("di", "planning", 4, role_id=MGR),  # none -> priority 3, 1 person affected
        rating("cy", "budgeting", 3, role_id=MGR),  # shortfall 1 x 3 = 3
        rating("di", "budgeting", 3, role_id=MGR),  # 3 again -> priority 3, 2 people
        rating("cy", "reporting", 3, role_id=MGR),  # target 3: none
    )
    result = gaps.priorities(pairs)
    assert result[c.SKILL_ID].astype(object).tolist() == ["budgeting", "planning", "reporting"]
    assert result[gaps.PRIORITY].tolist() == [3.0, 3.0, 0.0]
    assert result[gaps.PEOPLE_AFFECTED].tolist() == [2, 1, 0]


def test_priorities_by_team_rank_across_teams() -> None:
    result = gaps.priorities(pairs_of(*POOLED), by=[c.TEAM])
    # Brand budgeting: 6 / 1; Growth planning: (0 + 4) / 2; everything else 0.
    top = result.head(2)[[c.TEAM, c.SKILL_ID, gaps.PRIORITY]]
    assert top.astype({c.TEAM: object, c.SKILL_ID: object}).values.tolist() == [
        ["Brand", "budgeting", 6.0],
        ["Growth", "planning", 2.0],
    ]
    assert result[gaps.PRIORITY].is_monotonic_decreasing


# --- calibration ------------------------------------------------------------------------

CALIBRATION = (
    rating("ana", "planning", 4),
    rating("ana", "planning", 3, rater=c.MANAGER),  # +1
    rating("ana", "budgeting", 2),
    rating("ana", "budgeting", 4, rater=c.MANAGER),  # -2
    rating("ana", "reporting", 3),
    rating("ana", "reporting", None, rater=c.MANAGER),  # manager says n/a: not comparable
    rating("ben", "planning", 5, team="Brand"),
    rating("ben", "planning", 2, team="Brand", rater=c.MANAGER),  # +3
    rating("ben", "budgeting", 2, team="Brand", rater=c.MANAGER),  # no self rating
    rating("ben", "reporting", 4, team="Brand"),  # no manager rating
    rating("ben", "reporting", 1, team="Brand", rater=c.PEER),  # peers are not compared
    rating("cy", "planning", 3, team="Brand", role_id=None),
    rating("cy", "planning", 3, team="Brand", role_id=None, rater=c.MANAGER),  # 0
)


def test_calibration_pairs_need_both_ratings() -> None:
    result = gaps.calibration_pairs(tidy(*CALIBRATION))
    assert list(result.columns) == list(gaps.CALIBRATION_PAIR_COLUMNS)
    got = result[[c.RESPONDENT_ID, c.SKILL_ID, c.SELF, c.MANAGER, gaps.DIFFERENCE]]
    assert got.astype({c.RESPONDENT_ID: object, c.SKILL_ID: object}).values.tolist() == [
        ["ana", "planning", 4.0, 3.0, 1.0],
        ["ana", "budgeting", 2.0, 4.0, -2.0],
        ["ben", "planning", 5.0, 2.0, 3.0],
        ["cy", "planning", 3.0, 3.0, 0.0],  # unknown role: calibration needs no target
    ]


def test_calibration_means_and_sign() -> None:
    ratings = tidy(*CALIBRATION)
    whole = gaps.calibration(ratings)
    expected = pd.DataFrame(
        {
            gaps.N_PEOPLE: [3],
            gaps.N_PAIRS: [4],
            gaps.MEAN_SELF: [3.5],  # (4 + 2 + 5 + 3) / 4
            gaps.MEAN_MANAGER: [3.0],  # (3 + 4 + 2 + 3) / 4
            gaps.MEAN_DIFFERENCE: [0.5],  # (1 - 2 + 3 + 0) / 4: people rate themselves higher
        }
    )
    assert_same(whole, expected)
    by_team = gaps.calibration(ratings, by=[c.TEAM])
    expected_by_team = pd.DataFrame(
        {
            c.TEAM: ["Brand", "Growth"],
            gaps.N_PEOPLE: [2, 1],
            gaps.N_PAIRS: [2, 2],
            gaps.MEAN_SELF: [4.0, 3.0],  # (5 + 3) / 2, (4 + 2) / 2
            gaps.MEAN_MANAGER: [2.5, 3.5],  # (2 + 3) / 2, (3 + 4) / 2
            gaps.MEAN_DIFFERENCE: [1.5, -0.5],  # (3 + 0) / 2, (1 - 2) / 2: Growth is modest
        }
    )
    assert_same(by_team, expected_by_team)


def test_calibration_compares_within_one_round_only() -> None:
    ratings = tidy(
        rating("ana", "planning", 4, round_="R1"),
        rating("ana", "planning", 2, rater=c.MANAGER, round_="R2"),
    )
    assert gaps.calibration_pairs(ratings).empty
    assert gaps.calibration(ratings).empty


def test_calibration_without_manager_ratings_is_empty_not_an_error() -> None:
    ratings = tidy(rating("ana", "planning", 4), rating("ben", "budgeting", 2))
    assert list(gaps.calibration_pairs(ratings).columns) == list(gaps.CALIBRATION_PAIR_COLUMNS)
    result = gaps.calibration(ratings, by=[c.TEAM])
    assert result.empty
    assert list(result.columns) == [c.TEAM, *gaps.CALIBRATION_COLUMNS]


# --- progress ---------------------------------------------------------------------------

PROGRESS = (
    rating("ana", "planning", 2, round_="R1"),  # target 3: below
    rating("ana", "reporting", 3, round_="R1"),  # target 4: below
    rating("ben", "planning", 2, round_="R1"),  # Ben left after R1: not compared
    rating("di", "planning", 3, round_="R1"),  # specialist, target 3: at target
    rating("ana", "planning", 3, round_="R2"),  # at target now
    rating("ana", "reporting", 4, round_="R2"),  # at target now
    rating("cy", "planning", 5, round_="R2"),  # Cy joined in R2: not compared
    # Di became a manager in Brand: same rating, but the new target is 4.
    rating("di", "planning", 3, role_id=MGR, team="Brand", round_="R2"),
)


def test_progress_compares_the_same_people_and_skills_only() -> None:
    pairs = pairs_of(*PROGRESS)
    whole = gaps.progress(pairs, "R1", "R2")
    # Compared: Ana planning 2 -> 3, Ana reporting 3 -> 4, Di planning 3 -> 3.
    expected = pd.DataFrame(
        {
            gaps.N_PEOPLE: [2],
            gaps.N_PAIRS: [3],
            gaps.MEAN_RATING_FROM: [8 / 3],
            gaps.MEAN_RATING_TO: [10 / 3],
            gaps.RATING_CHANGE: [2 / 3],
            gaps.READINESS_FROM: [1 / 3],  # only Di was at target
            gaps.READINESS_TO: [2 / 3],  # Ana twice; Di is now below the manager target
            gaps.READINESS_CHANGE: [1 / 3],
        }
    )
    assert_same(whole, expected)


def test_progress_groups_by_where_people_are_in_the_later_round() -> None:
    result = gaps.progress(pairs_of(*PROGRESS), "R1", "R2", by=[c.TEAM])
    expected = pd.DataFrame(
        {
            c.TEAM: ["Brand", "Growth"],
            gaps.N_PEOPLE: [1, 1],
            gaps.N_PAIRS: [1, 2],
            gaps.MEAN_RATING_FROM: [3.0, 2.5],
            gaps.MEAN_RATING_TO: [3.0, 3.5],
            gaps.RATING_CHANGE: [0.0, 1.0],
            gaps.READINESS_FROM: [1.0, 0.0],
            gaps.READINESS_TO: [0.0, 1.0],
            gaps.READINESS_CHANGE: [-1.0, 1.0],
        }
    )
    assert_same(result, expected)


def test_progress_matches_raters_in_all_source() -> None:
    pairs = pairs_of(
        rating("ana", "planning", 2, round_="R1"),
        rating("ana", "planning", 3, round_="R2"),
        rating("ana", "planning", 3, rater=c.MANAGER, round_="R1"),
        rating("ana", "planning", 3, rater=c.MANAGER, round_="R2"),
        rating("ana", "planning", 4, rater=c.PEER, round_="R2"),  # no R1 peer rating
        source=gaps.ALL,
    )
    result = gaps.progress(pairs, "R1", "R2", by=[c.RATER])
    got = result[[c.RATER, gaps.N_PAIRS, gaps.MEAN_RATING_FROM, gaps.MEAN_RATING_TO]]
    assert got.astype({c.RATER: object}).values.tolist() == [
        ["self", 1, 2.0, 3.0],
        ["manager", 1, 3.0, 3.0],
    ]


def test_progress_with_an_absent_round_is_empty() -> None:
    result = gaps.progress(pairs_of(*PROGRESS), "R1", "R9", by=[c.TEAM])
    assert result.empty
    assert list(result.columns) == [c.TEAM, *gaps.PROGRESS_COLUMNS]


# --- empty input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ratings",
    [pd.DataFrame(columns=list(c.TIDY_COLUMNS)), pd.DataFrame()],
    ids=["no rows", "no columns"],
)
def test_every_function_gives_empty_frames_with_columns_on_empty_input(
    ratings: pd.DataFrame,
) -> None:
    for source in gaps.RATING_SOURCES:
        assert list(gaps.rating_pairs(ratings, FRAMEWORK, source).columns) == list(gaps.PAIR_COLUMNS)
    pairs = gaps.compute_gaps(ratings, FRAMEWORK).pairs
    assert pairs.empty
    assert pairs[c.RATING].dtype == float
    assert pairs[c.AT_TARGET].dtype == bool
    team, skill = [c.TEAM], [c.SKILL_ID, c.AREA_ID]
    results = {
        "summarise": (gaps.summarise(pairs, team), [*team, *gaps.SUMMARY_COLUMNS]),
        "summarise all": (gaps.summarise(pairs, []), list(gaps.SUMMARY_COLUMNS)),
        "coverage": (gaps.coverage(pairs), [*team, *skill, *gaps.COVERAGE_COLUMNS]),
        "spof": (gaps.single_points_of_failure(pairs), [*team, *skill, *gaps.SPOF_COLUMNS]),
        "priorities": (gaps.priorities(pairs), [*skill, *gaps.PRIORITY_COLUMNS]),
        "calibration pairs": (
            gaps.calibration_pairs(ratings),
            list(gaps.CALIBRATION_PAIR_COLUMNS),
        ),
        "calibration": (gaps.calibration(ratings, team), [*team, *gaps.CALIBRATION_COLUMNS]),
        "progress": (gaps.progress(pairs, "R1", "R2", team), [*team, *gaps.PROGRESS_COLUMNS]),
    }
    for name, (result, columns) in results.items():
        assert result.empty, name
        assert list(result.columns) == columns, name


# --- properties -------------------------------------------------------------------------

PEOPLE = ("ana", "ben", "cy", "di")
SKILLS = ("planning", "budgeting", "reporting", "juggling")  # juggling is not in the framework
ROLES = (SPEC, MGR, None, "astronaut")  # None: unmatched; astronaut: not in the framework
ratings_strategy = st.lists(
    st.tuples(
        st.sampled_from(PEOPLE),
        st.sampled_from(SKILLS),
        st.sampled_from(ROLES),
        st.sampled_from(("Growth", "Brand", None)),
        st.one_of(st.none(), st.floats(-10, 20, allow_nan=False)),  # in and out of the scale
        st.sampled_from(c.RATERS),
    ),
    max_size=40,
    unique_by=lambda row: (row[0], row[1], row[5]),  # one rating per person, skill and rater
)


def _tidy_from(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    return tidy(
        *(
            rating(who, skill, value, role_id=role, team=team, rater=rater)
            for who, skill, role, team, value, rater in rows
        )
    )


@settings(max_examples=60, deadline=None)
@given(ratings_strategy, st.sampled_from(gaps.RATING_SOURCES))
def test_readiness_is_a_share_and_shortfall_never_negative(rows: list[tuple[Any, ...]], source: str) -> None:
    pairs = gaps.rating_pairs(_tidy_from(rows), FRAMEWORK, source)
    assert (pairs[c.SHORTFALL] >= 0).all()
    assert (pairs[c.WEIGHTED_SHORTFALL] >= 0).all()
    assert (pairs[c.AT_TARGET] == (pairs[c.SHORTFALL] == 0)).all()
    assert np.allclose(pairs[c.GAP], pairs[c.TARGET] - pairs[c.RATING])
    for by in ([], [c.TEAM], [c.AREA_ID, c.ROLE_ID]):
        readiness = gaps.summarise(pairs, by)[gaps.READINESS]
        assert readiness.between(0, 1).all()
    coverage = gaps.coverage(pairs)
    assert coverage[gaps.READINESS].between(0, 1).all()
    assert (coverage[gaps.N_AT_TARGET] <= coverage[gaps.N_PEOPLE]).all()
    assert (gaps.priorities(pairs)[gaps.MEAN_SHORTFALL] >= 0).all()


@settings(max_examples=60, deadline=None)
@given(ratings_strategy)
def test_n_pairs_counts_rated_pairs_with_a_known_role(rows: list[tuple[Any, ...]]) -> None:
    expected = sum(
        1
        for _, skill, role, _, value, rater in rows
        if rater == c.SELF and value is not None and role in (SPEC, MGR) and skill != "juggling"
    )
    pairs = gaps.rating_pairs(_tidy_from(rows), FRAMEWORK)
    whole = gaps.summarise(pairs, [])
    assert whole[gaps.N_PAIRS].sum() == expected
    by_team = gaps.summarise(pairs, [c.TEAM])
    assert by_team[gaps.N_PAIRS].sum() == expected  # people without a team are a group too
    # Grouping on text keys takes pandas' own groupby; both ways must agree.
    as_text = gaps.summarise(pairs.astype({c.TEAM: object}), [c.TEAM])
    assert_same(by_team, as_text)


# --- weakest_area -----------------------------------------------------------------------


def test_weakest_area_is_the_largest_mean_shortfall_not_the_lowest_share_at_target() -> None:
    # Strategy: ann planning 2 (target 3) short 1, budgeting 1 (target 2) short 1; bob (manager)
    # planning 4 (target 4) 0, budgeting 4 (target 4) 0 -> mean 2/4 = 0.5, at target 2 of 4 = 50%.
    # Analytics: ann reporting 1 (target 4) short 3; bob reporting 3 (target 3) 0 -> mean 1.5, 50%.
    pairs = pairs_of(
        rating("ann", "planning", 2),
        rating("ann", "budgeting", 1),
        rating("ann", "reporting", 1),
        rating("bob", "planning", 4, role_id=MGR),
        rating("bob", "budgeting", 4, role_id=MGR),
        rating("bob", "reporting", 3, role_id=MGR),
    )
    assert gaps.weakest_area(pairs) == "analytics"
    # Now make strategy the area with the lower share at target but the smaller mean shortfall:
    # strategy ann 1 + 1 + bob 0 + bob 1 (budgeting 3 against 4) -> 3/4 = 0.75, 1 of 4 = 25%;
    # analytics 3 and 0 -> 1.5, 50%. The lowest share says strategy; the largest shortfall analytics.
    lower_share = pairs_of(
        rating("ann", "planning", 2),
        rating("ann", "budgeting", 1),
        rating("ann", "reporting", 1),
        rating("bob", "planning", 4, role_id=MGR),
        rating("bob", "budgeting", 3, role_id=MGR),
        rating("bob", "reporting", 3, role_id=MGR),
    )
    assert gaps.weakest_area(lower_share) == "analytics"
    assert gaps.weakest_area(lower_share.iloc[0:0]) is None


def test_weakest_area_ties_go_to_lower_readiness_then_framework_order() -> None:
    # Strategy: ann planning 2 (short 1), budgeting 2 (0) -> mean 0.5, 1 of 2 at target.
    # Analytics: ann reporting 3 (short 1), bob reporting 4 (0) -> mean 0.5, 1 of 2 at target.
    even = pairs_of(
        rating("ann", "planning", 2),
        rating("ann", "budgeting", 2),
        rating("ann", "reporting", 3),
        rating("bob", "reporting", 4),
    )
    assert gaps.weakest_area(even) == "strategy"  # a full tie: framework order
    # Analytics: ann reporting 3.5 (short 0.5) and bob 3.5 (short 0.5) -> mean 0.5, 0 of 2 at target.
    less_ready = pairs_of(
        rating("ann", "planning", 2),
        rating("ann", "budgeting", 2),
        rating("ann", "reporting", 3.5),
        rating("bob", "reporting", 3.5),
    )
    assert gaps.weakest_area(less_ready) == "analytics"
    # An area rated by fewer people than min_people is passed over (anonymised reports).
    assert gaps.weakest_area(less_ready, min_people=2) == "analytics"
    assert gaps.weakest_area(even.iloc[:2], min_people=2) is None


def test_a_tie_in_exact_arithmetic_stays_a_tie_despite_float_noise() -> None:
    # Strategy: ann planning 1 (short 2), budgeting 1.3 (0.7); bob at target on both
    #   -> mean (2 + 0.7) / 4 = 0.675, 2 of 4 at target.
    # Analytics: ann, bob, cy reporting 3.1 (short 0.9 each), dee 4 (at target)
    #   -> mean 2.7 / 4 = 0.675, 1 of 4 at target: a tie, so the lower readiness decides.
    # In floating point 4 - 3.1 is 0.8999999999999999, so analytics comes out a hair lower.
    pairs = pairs_of(
        rating("ann", "planning", 1),
        rating("ann", "budgeting", 1.3),
        rating("bob", "planning", 3),
        rating("bob", "budgeting", 2),
        *(rating(who, "reporting", 3.1) for who in ("ann", "bob", "cy")),
        rating("dee", "reporting", 4),
    )
    areas = gaps.summarise(pairs, [c.AREA_ID]).set_index(c.AREA_ID)
    assert areas.loc["strategy", gaps.MEAN_SHORTFALL] > areas.loc["analytics", gaps.MEAN_SHORTFALL]
    assert areas[gaps.MEAN_SHORTFALL].tolist() == pytest.approx([0.675, 0.675])
    assert gaps.weakest_area(pairs) == "analytics"
