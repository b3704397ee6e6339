"""One area or skill on three hand-built people: ratings by role, coverage, mentors, people below target."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views.competencies import (
    competency_view,
    distribution,
    person_scores,
    role_targets,
    scope_pairs,
)
from tests.helpers.tidy import BU, MGR, SPEC


def test_distribution_and_role_targets(pairs: pd.DataFrame, small_framework: Framework) -> None:
    scope = scope_pairs(pairs, "strategy", BU)
    dist = distribution(scope, small_framework)
    # budgeting: ann 2 (target 2, at), cat 1 (target 2, below), bob 3 (target 4.5, below).
    got = {
        (r, float(x), bool(a)): n
        for r, x, a, n in dist[[c.ROLE_ID, c.RATING, c.AT_TARGET, gaps.N_PAIRS]].values
    }
    assert got == {(SPEC, 1.0, False): 1, (SPEC, 2.0, True): 1, (MGR, 3.0, False): 1}
    targets = role_targets(scope, small_framework).set_index(c.ROLE_ID)
    assert targets.loc[MGR, gaps.MEAN_TARGET] == pytest.approx(4.5)
    assert targets.loc[SPEC, f.ROLE_NAME] == "Digital Marketing Specialist"


def test_distribution_counts_every_rating_at_a_level(pairs: pd.DataFrame, small_framework: Framework) -> None:
    # Strategy: ann 2 on CP (below) and 2 on BU (at): the specialist's level 2 holds 2 ratings.
    dist = distribution(scope_pairs(pairs, "strategy"), small_framework)
    spec_two = dist[(dist[c.ROLE_ID] == SPEC) & (dist[c.RATING] == 2.0)]
    assert sorted(spec_two[gaps.N_PAIRS]) == [1, 1]
    assert set(spec_two[f.LEVEL_PAIRS]) == {2}
    bob = dist[dist[c.ROLE_ID] == MGR]
    assert (bob[gaps.N_PAIRS] == bob[f.LEVEL_PAIRS]).all()


def test_person_scores_count_the_skills_below_target(pairs: pd.DataFrame, small_framework: Framework) -> None:
    scores = person_scores(scope_pairs(pairs, "strategy"), small_framework).set_index(c.RESPONDENT_ID)
    # Strategy: ann CP 2 (t 3) below, BU 2 (t 2) at; bob CP 4 at, BU 3 (t 4.5) below; cat CP 3 at, BU 1 below.
    assert scores[f.SKILLS_BELOW].to_dict() == {"ann": 1, "bob": 1, "cat": 1}
    assert scores[gaps.MEAN_RATING].to_dict() == {"ann": 2.0, "bob": 3.5, "cat": 2.0}
    assert scores.loc["bob", f.ROLE_NAME] == "Digital Marketing Manager"


def test_competency_view_lists_mentors_and_people_below(
    pairs: pd.DataFrame, small_framework: Framework
) -> None:
    shown = competency_view(pairs, small_framework, "strategy")
    assert shown is not None
    assert (shown.what, shown.skill_chosen, shown.people, shown.people_below) == ("Strategy", False, 3, 3)
    # 6 strategy pairs, at target: ann BU, bob CP, cat CP.
    assert shown.readiness == pytest.approx(3 / 6)
    # Mean over strategy: ann 2, bob 3.5, cat 2; nobody reaches the bench level 4.
    assert shown.n_mentors == 0 and not len(shown.mentors)
    # weighted shortfall means: ann (2*1 + 0)/2 = 1; bob (0 + 3*1.5)/2 = 2.25; cat (0 + 1*1)/2 = 0.5.
    below = shown.below.frame
    assert list(below[c.RESPONDENT_ID]) == ["bob", "ann", "cat"]
    assert list(below[c.TEAM]) == ["Care", "Growth", "Care"]
    assert shown.below.heading(c.NAME) == "Name"
    assert competency_view(pairs.iloc[0:0], small_framework, "strategy") is None


def test_competency_view_of_one_skill(pairs: pd.DataFrame, small_framework: Framework) -> None:
    shown = competency_view(pairs, small_framework, "analytics", "web_analytics")
    assert shown is not None and shown.what == "Web analytics" and shown.skill_chosen
    # Web analytics: ann 4, bob 3, cat 2: ann is on the bench (4 or more).
    assert list(shown.mentors.frame[c.RESPONDENT_ID]) == ["ann"]
    assert shown.coverage[gaps.N_BENCH].tolist() == [1]
