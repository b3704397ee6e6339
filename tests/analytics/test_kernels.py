"""Integer-code kernels: mixed keys, group numbers, means and distinct counts agree with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import kernels as k


def test_mixed_key_is_equal_exactly_when_every_part_is_equal_and_sorts_missing_last() -> None:
    person = np.array([0, 0, 1, 1, -1, -1, 0])
    skill = np.array([2, 2, 2, 0, 0, 0, -1])
    key = k.mixed_key((person, 2), (skill, 3))
    # Worked by hand: a missing code takes slot `size`, so key = slot(person) * (3 + 1) + slot(skill).
    assert key.tolist() == [2, 2, 6, 4, 8, 8, 3]
    assert key.max() < k.key_space(2, 3) == 12


def test_split_key_undoes_mixed_key() -> None:
    person = np.array([0, 1, -1, 1, -1])
    skill = np.array([2, -1, 0, 0, -1])
    parts = k.split_key(k.mixed_key((person, 2), (skill, 3)), (2, 3))
    assert [p.tolist() for p in parts] == [person.tolist(), skill.tolist()]


def test_mixed_key_takes_narrow_codes_without_overflow() -> None:
    wide = np.array([126, 126], dtype=np.int8)
    key = k.mixed_key((wide, 127), (np.array([5, 6], dtype=np.int8), 200))
    assert key.tolist() == [126 * 201 + 5, 126 * 201 + 6]


def test_mixed_key_widens_when_the_key_space_passes_32_bits() -> None:
    big = np.array([69_999, 0, -1])
    key = k.mixed_key((big, 70_000), (big, 70_000))
    # 69,999 * 70,001 + 69,999 = 4,900,069,998 does not fit in 32 bits; -1 takes slot 70,000.
    assert key.tolist() == [4_900_069_998, 0, 70_000 * 70_001 + 70_000]
    assert key.dtype == np.int64


@pytest.mark.parametrize("sizes", [(0,), (3, 0), (20_000, 1, 25, 3)])
def test_key_space_bounds_every_key(sizes: tuple[int, ...]) -> None:
    rng = np.random.default_rng(1)
    parts = [(rng.integers(-1, size, 50), size) for size in sizes]
    assert k.mixed_key(*parts).max() < k.key_space(*sizes)


def test_no_repeat_gives_no_mark() -> None:
    key = np.array([3, 0, 5, -1, -1, 2])
    assert not k.duplicated(key, 6).any()


def test_repeat_is_marked_as_pandas_marks_it_and_minus_one_never() -> None:
    key = np.array([4, 1, 4, -1, 1, -1, 4])
    assert k.duplicated(key, 5, keep="first").tolist() == [False, False, True, False, True, False, True]
    assert k.duplicated(key, 5, keep="last").tolist() == [True, True, True, False, False, False, False]
    assert k.duplicated(key, 5, keep=False).tolist() == [True, True, True, False, True, False, True]


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.integers(min_value=-1, max_value=40), max_size=60),
    keep=st.sampled_from(["first", "last", False]),
    huge=st.booleans(),
)
def test_duplicated_agrees_with_pandas(keys: list[int], keep: str, huge: bool) -> None:
    """Both ways to the answer (marking in an array, hashing past the limit) match pandas."""
    key = np.array(keys, dtype=np.int64)
    space = k.COUNTABLE_KEYS + 1 if huge else 41
    expected = pd.Series(key).duplicated(keep=keep).to_numpy() & (key >= 0)
    assert k.duplicated(key, space, keep=keep).tolist() == expected.tolist()


def test_first_rows_finds_where_each_code_first_occurs() -> None:
    present, rows = k.first_rows(np.array([2, 0, 2, 0, 3]), 5)
    assert present.tolist() == [0, 2, 3]
    assert rows.tolist() == [1, 0, 4]


def test_codes_in_gives_positions_in_the_known_list_and_minus_one_for_the_rest() -> None:
    values = pd.Series(["b", "x", None, "a", "b"], dtype=object)
    assert k.codes_in(values, pd.Index(["a", "b"])).tolist() == [1, -1, -1, 0, 1]


def test_take_or_fills_missing_codes() -> None:
    values = np.array(["Ayu", "Budi"], dtype=object)
    assert k.take_or(values, np.array([1, -1, 0]), "").tolist() == ["Budi", "", "Ayu"]


frames = st.lists(
    st.tuples(
        st.sampled_from(["Growth", "Care", "Brand", None]),
        st.sampled_from(["strategy", "analytics", None]),
        st.integers(min_value=0, max_value=6),
        st.floats(min_value=-3, max_value=5, allow_nan=False),
    ),
    min_size=1,
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(rows=frames, dense=st.booleans(), runs=st.booleans())
def test_groups_means_and_counts_agree_with_pandas_groupby(
    rows: list[tuple[str | None, str | None, int, float]], dense: bool, runs: bool
) -> None:
    """Group numbers, key values, means and distinct counts match groupby, both ways to them."""
    frame = pd.DataFrame(rows, columns=["team", "area", "person", "value"]).astype(
        {"team": object, "area": object}
    )
    missing = "(none)"  # stands for a missing key where keys are compared as dicts (NaN != NaN)
    if runs:  # long runs of one group take the summing-runs-first path of GroupMeans
        frame = frame.sort_values(["team", "area"], na_position="last").reset_index(drop=True)
    keyed = frame.astype({"team": "category", "area": "category"}) if dense else frame
    ids, values = k.groups(keyed, ["team", "area"])
    grouped = frame.groupby(["team", "area"], dropna=False, sort=True, observed=True)
    expected = grouped.agg(mean=("value", "mean"), people=("person", "nunique"), n=("value", "size"))
    expected = expected.reset_index()
    assert values.astype(object).where(values.notna(), None).values.tolist() == (
        expected[["team", "area"]]
        .astype(object)
        .where(expected[["team", "area"]].notna(), None)
        .values.tolist()
    )
    means = k.GroupMeans(ids, len(values))
    np.testing.assert_allclose(means(frame["value"]), expected["mean"], rtol=1e-12, atol=1e-12)
    assert means.counts.tolist() == expected["n"].tolist()
    people = k.DistinctCounts(ids, frame["person"].to_numpy(), len(values))
    assert people.count().tolist() == expected["people"].tolist()
    high = frame["value"].to_numpy() > 1
    named = frame.fillna({"team": missing, "area": missing})
    expected_high = named[high].groupby(["team", "area"], observed=True)["person"].nunique()
    index = pd.MultiIndex.from_frame(expected[["team", "area"]].astype(object).fillna(missing))
    counted = pd.Series(people.count(high), index=index)
    assert counted[counted > 0].to_dict() == expected_high.to_dict()


def test_run_starts_mark_where_each_run_of_equal_codes_begins() -> None:
    assert k.run_starts(np.array([3, 3, 1, 1, 1, 3, 0])).tolist() == [0, 2, 5, 6]
    assert k.run_starts(np.array([], dtype=np.intp)).tolist() == []
