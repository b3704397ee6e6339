"""Rounds in the store, on SQLite and PostgreSQL: save, open, list, rename, delete, duplicates."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
from sqlalchemy import func, select

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework, framework_from_dict
from analytics.ingest import IngestResult, read_survey
from analytics.store import NotFound, RoundExists, SameFileSaved, Store, StoreError, open_together
from analytics.store import schema as s


def _save(store: Store, name: str, result: IngestResult, data: bytes = b"sample", **kw: object) -> object:
    return store.save_round(
        name, result, default_framework(), "survey.xlsx", hashlib.sha256(data).hexdigest(), "tester", **kw
    )


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(s.rounds)).scalar_one())


def test_a_saved_round_opens_with_the_same_figures(store: Store, sample_result: IngestResult) -> None:
    info = _save(store, "Sample 2026", sample_result)
    stored = store.open_round("Sample 2026")
    fw = default_framework()
    # The sample has 47 people (README); both rounds are kept in one stored round.
    assert stored.info.n_people == 47 == info.n_people  # type: ignore[attr-defined]
    assert stored.info.labels == ("2026-Q1", "2026-Q3")
    assert stored.info.n_ratings == int(sample_result.ratings[c.RATING].notna().sum())
    assert stored.framework.digest == fw.digest
    assert stored.result.issues == sample_result.issues
    pd.testing.assert_frame_equal(stored.result.columns, sample_result.columns)
    pd.testing.assert_frame_equal(stored.result.roles, sample_result.roles, check_dtype=False)
    before = gaps.summarise(gaps.rating_pairs(sample_result.ratings, fw), [c.ROUND, c.TEAM])
    after = gaps.summarise(gaps.rating_pairs(stored.result.ratings, fw), [c.ROUND, c.TEAM])
    pd.testing.assert_frame_equal(after, before, check_categorical=False, check_dtype=False)


def test_saving_the_same_file_again_is_asked_first(store: Store, sample_result: IngestResult) -> None:
    _save(store, "First", sample_result)
    with pytest.raises(SameFileSaved, match="'First'") as caught:
        _save(store, "Second", sample_result)
    assert caught.value.names == ("First",)
    assert _count(store) == 1
    _save(store, "Second", sample_result, same_file_ok=True)
    assert [r.name for r in store.rounds()] == ["First", "Second"]


def test_a_taken_name_is_refused_and_nothing_is_written(store: Store, sample_result: IngestResult) -> None:
    _save(store, "2026-Q3", sample_result, b"one")
    with pytest.raises(RoundExists, match="'2026-Q3' is already stored"):
        _save(store, "  2026-Q3 ", sample_result, b"two")
    assert _count(store) == 1


def test_names_are_cleaned_and_checked(store: Store, sample_result: IngestResult) -> None:
    info = _save(store, "  Survey \n March  ", sample_result)
    assert info.name == "Survey March"  # type: ignore[attr-defined]
    with pytest.raises(StoreError, match="Give the round a name"):
        _save(store, "   ", sample_result, b"x")
    with pytest.raises(StoreError, match="at most 200"):
        _save(store, "x" * 201, sample_result, b"y")


def test_rename_and_delete(store: Store, sample_result: IngestResult) -> None:
    _save(store, "A", sample_result, b"a")
    _save(store, "B", sample_result, b"b")
    assert store.rename_round("A", "March").name == "March"
    with pytest.raises(RoundExists):
        store.rename_round("March", "B")
    store.delete_round("B")
    assert [r.name for r in store.rounds()] == ["March"]
    with pytest.raises(NotFound, match=r"'B'.*'March'"):
        store.open_round("B")


def test_opening_rounds_together_names_each_round(store: Store, small_framework, make_xlsx) -> None:  # type: ignore[no-untyped-def]
    def survey(ratings: list[int]) -> IngestResult:
        rows = [
            ["Name", "Role", "Campaign planning"],
            *[[f"P{i}", "Digital Marketer", r] for i, r in enumerate(ratings)],
        ]
        return read_survey(make_xlsx({"Sheet1": rows}), small_framework, "s.xlsx")

    store.save_round("March", survey([1, 2]), small_framework, "m.xlsx", "d1", "tester")
    store.save_round("June", survey([3, 4, 5]), small_framework, "j.xlsx", "d2", "tester")
    opened = open_together([store.open_round("March"), store.open_round("June")])
    counts = opened.result.ratings.groupby(c.ROUND, observed=True)[c.RATING].agg(["count", "mean"])
    assert counts.loc["March", "count"] == 2
    assert counts.loc["March", "mean"] == 1.5
    assert counts.loc["June", "mean"] == 4.0
    assert isinstance(opened.result.ratings[c.SKILL_ID].dtype, pd.CategoricalDtype)
    assert not opened.mixed_frameworks


def test_a_round_keeps_the_framework_it_was_scored_against(store: Store, sample_result: IngestResult) -> None:
    data = default_framework().to_dict()
    data["name"] = "Edited framework"
    edited = framework_from_dict(data, origin="edited")
    store.save_round("Old", sample_result, edited, "s.xlsx", "d-old", "tester")
    store.save_round("New", sample_result, default_framework(), "s.xlsx", "d-new", "tester")
    assert store.open_round("Old").framework.digest == edited.digest != default_framework().digest
    opened = open_together([store.open_round("Old"), store.open_round("New")])
    assert opened.mixed_frameworks
    assert opened.framework.digest == default_framework().digest
    # A file with two rounds keeps them apart under the stored name.
    assert set(opened.result.ratings[c.ROUND].unique()) == {
        "Old · 2026-Q1",
        "Old · 2026-Q3",
        "New · 2026-Q1",
        "New · 2026-Q3",
    }


def test_a_big_round_survives_exactly(store: Store) -> None:
    people = 3000
    skills = [s.id for s in default_framework().skills]
    frame = pd.DataFrame(
        {
            c.RESPONDENT_ID: [f"p{i}@x.id" for i in range(people) for _ in skills],
            c.NAME: [f"Person {i}" for i in range(people) for _ in skills],
            c.EMAIL: [f"p{i}@x.id" for i in range(people) for _ in skills],
            c.TEAM: [f"Team {i % 7}" for i in range(people) for _ in skills],
            c.ROLE: "Digital Marketer",
            c.ROLE_ID: "dm_specialist",
            c.SKILL_ID: skills * people,
            c.RATER: c.SELF,
            c.RATING: [float(1 + (i * 7 + j) % 5) for i in range(people) for j in range(len(skills))],
            c.ROUND: "R1",
        }
    )
    ratings = frame.astype({k: "category" for k in frame.columns if k != c.RATING})
    result = IngestResult(
        ratings,
        (),
        pd.DataFrame(columns=["sheet", "column", "kind", c.SKILL_ID, c.RATER]),
        pd.DataFrame(columns=["role", c.ROLE_ID, "people"]),
        "long",
    )
    store.save_round("Big", result, default_framework(), "big.csv", "big", "tester")
    back = store.open_round("Big").result.ratings
    pd.testing.assert_frame_equal(back, ratings)
