"""The demo survey generator: shape, counts, determinism and the story the data tells.

Figures are computed here with plain pandas, independently of the project's ingest and
gap modules, so a bug there cannot hide a broken sample (or the other way round).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analytics.framework import default_framework
from sample_data.make_sample import (
    SURVEY_PATH,
    make_sample_frames,
    make_wide_survey,
)

ROUNDS = ["2026-Q1", "2026-Q3"]
PERSON_COLUMNS = [
    "Timestamp",
    "Email address",
    "Name",
    "Team",
    "Role",
    "Who is filling in this form?",
]
SELF, MANAGER = "Myself (self-assessment)", "Line manager"
QUARTER_MONTHS = {"2026-Q1": {1, 2, 3}, "2026-Q3": {7, 8, 9}}


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return make_sample_frames()


@pytest.fixture(scope="module")
def ratings(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Long table: one row per answer, with the rating as a number and the role's target."""
    framework = default_framework()
    skill_by_question = {f"Rate your skills [{s.name}]": s for s in framework.skills}
    role_by_label = {
        _fold(label): role.id for role in framework.roles for label in (role.name, *role.aliases)
    }
    targets = pd.DataFrame(
        [(r.id, t.skill_id, t.target) for r in framework.roles for t in r.targets],
        columns=["role_id", "skill_id", "target"],
    )
    long = pd.concat(
        [
            frame.melt(id_vars=PERSON_COLUMNS, var_name="question", value_name="answer").assign(round=label)
            for label, frame in frames.items()
        ],
        ignore_index=True,
    )
    long["rating"] = pd.to_numeric(long["answer"].str.extract(r"^(\d+) - ")[0])
    long["skill_id"] = long["question"].map(lambda q: skill_by_question[q].id)
    long["area_id"] = long["question"].map(lambda q: skill_by_question[q].area_id)
    long["role_id"] = long["Role"].map(_fold).map(role_by_label)
    long = long.merge(targets, on=["role_id", "skill_id"], how="left")
    long["shortfall"] = (long["target"] - long["rating"]).clip(lower=0)
    return long


def test_rounds_and_columns(frames: dict[str, pd.DataFrame]) -> None:
    framework = default_framework()
    assert list(frames) == ROUNDS
    expected = PERSON_COLUMNS + [f"Rate your skills [{s.name}]" for s in framework.skills]
    for label, frame in frames.items():
        assert list(frame.columns) == expected
        assert pd.api.types.is_datetime64_any_dtype(frame["Timestamp"])
        assert set(frame["Timestamp"].dt.month) <= QUARTER_MONTHS[label]
        assert frame["Timestamp"].is_monotonic_increasing
        assert set(frame["Who is filling in this form?"]) == {SELF, MANAGER}


def test_answers_are_form_grid_labels(frames: dict[str, pd.DataFrame]) -> None:
    levels = default_framework().scale.levels
    allowed = {f"{lv.value} - {lv.name}" for lv in levels} | {"N/A"}
    for frame in frames.values():
        answers = frame.filter(like="Rate your skills").stack()
        assert set(answers) <= allowed


def test_counts(ratings: pd.DataFrame) -> None:
    assert ratings["Email address"].nunique() >= 44
    assert ratings["Team"].nunique() >= 4
    assert ratings["role_id"].notna().all(), "every written role is a framework name or alias"
    assert ratings["role_id"].nunique() == 5
    assert (
        ratings["Role"] != ratings["role_id"].map({r.id: r.name for r in default_framework().roles})
    ).any(), "some roles are written as aliases"
    assert ratings["Email address"].str.endswith("@example.com").all()
    assert ratings.groupby("Email address")["Name"].nunique().max() == 1


def test_rounds_people_and_raters(ratings: pd.DataFrame) -> None:
    people = ratings.groupby("round")["Email address"].unique().map(set)
    q1, q3 = people["2026-Q1"], people["2026-Q3"]
    assert 2 <= len(q3 - q1) <= 3, "a few people joined for Q3"
    assert len(q1 - q3) == 1, "one person left after Q1"
    for label in ROUNDS:
        here = ratings[ratings["round"] == label]
        rated_self = set(here.loc[here["Who is filling in this form?"] == SELF, "Email address"])
        rated_by_manager = set(here.loc[here["Who is filling in this form?"] == MANAGER, "Email address"])
        assert rated_self == people[label], "everyone rates themselves"
        assert rated_by_manager <= rated_self
        assert len(rated_by_manager) / len(rated_self) >= 0.7


def test_not_applicable_answers(ratings: pd.DataFrame) -> None:
    na = ratings["answer"] == "N/A"
    assert 0.01 <= na.mean() <= 0.05
    # Not-applicable is likelier on skills far from the person's job (low targets).
    assert na[ratings["target"] <= 2].mean() > na[ratings["target"] >= 3].mean()


def test_deterministic(frames: dict[str, pd.DataFrame]) -> None:
    again = make_sample_frames()
    for label in ROUNDS:
        assert_frame_equal(again[label], frames[label])
    other = make_sample_frames(seed=1)
    assert not other["2026-Q1"].equals(frames["2026-Q1"])


def test_committed_workbook_matches_generator(frames: dict[str, pd.DataFrame]) -> None:
    stored = pd.read_excel(SURVEY_PATH, sheet_name=None, engine="calamine", keep_default_na=False)
    assert list(stored) == ROUNDS
    for label in ROUNDS:
        assert_frame_equal(stored[label], frames[label])


def test_strategy_and_planning_have_the_largest_shortfall(ratings: pd.DataFrame) -> None:
    self_rated = ratings[ratings["Who is filling in this form?"] == SELF]
    for label in ROUNDS:
        here = self_rated[self_rated["round"] == label]
        by_area = here.groupby("area_id")["shortfall"].mean().sort_values(ascending=False)
        assert set(by_area.index[:2]) == {"strategy", "planning"}


def test_customer_care_leads_customer_service(ratings: pd.DataFrame) -> None:
    service = ratings[
        (ratings["area_id"] == "customer_service") & (ratings["Who is filling in this form?"] == SELF)
    ]
    by_team = service.groupby("Team")["rating"].mean()
    assert by_team.idxmax() == "Customer Care"


def test_most_people_improve(ratings: pd.DataFrame) -> None:
    self_rated = ratings[ratings["Who is filling in this form?"] == SELF]
    means = self_rated.pivot_table(index="Email address", columns="round", values="rating")
    both = means.dropna()
    assert len(both) >= 40
    assert (both["2026-Q3"] > both["2026-Q1"]).mean() >= 0.75


def test_a_few_people_rate_themselves_above_their_manager(ratings: pd.DataFrame) -> None:
    paired = ratings.pivot_table(
        index=["Email address", "round", "skill_id"],
        columns="Who is filling in this form?",
        values="rating",
    ).dropna()
    calibration = (paired[SELF] - paired[MANAGER]).groupby(level="Email address").mean()
    high = calibration[calibration >= 1]
    assert 3 <= len(high) <= 4
    assert calibration.drop(high.index).abs().max() <= 0.6


def test_wide_survey_for_benchmarks() -> None:
    framework = default_framework()
    wide = make_wide_survey(500, framework)
    assert wide.shape == (500, len(PERSON_COLUMNS) + len(framework.skills))
    assert list(wide.columns[: len(PERSON_COLUMNS)]) == PERSON_COLUMNS
    assert wide["Email address"].is_unique
    assert set(wide["Role"]) <= {r.name for r in framework.roles}
    answers = wide.filter(like="Rate your skills").to_numpy().ravel()
    na = answers == "N/A"
    assert 0 < na.mean() < 0.05
    numbers = answers[~na].astype(int)
    assert framework.scale.min <= numbers.min() and numbers.max() <= framework.scale.max
    assert_frame_equal(wide, make_wide_survey(500, framework))
    assert np.isin(wide["Team"], ["Growth", "Content & Social", "Community", "Customer Care"]).all()
