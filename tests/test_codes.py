"""Row keys: mixed keys tell rows apart exactly, and the repeat check agrees with pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import codes


def test_mixed_key_is_equal_exactly_when_every_part_is_equal() -> None:
    person = np.array([0, 0, 1, 1, -1, -1, 0])
    skill = np.array([2, 2, 2, 0, 0, 0, -1])
    key = codes.mixed_key((person, 2), (skill, 3))
    # Worked by hand: key = (person + 1) * (3 + 1) + (skill + 1).
    assert key.tolist() == [7, 7, 11, 9, 1, 1, 4]
    assert key.max() < codes.key_space(2, 3) == 12


def test_mixed_key_takes_narrow_codes_without_overflow() -> None:
    wide = np.array([126, 126], dtype=np.int8)
    key = codes.mixed_key((wide, 127), (np.array([5, 6], dtype=np.int8), 200))
    assert key.tolist() == [127 * 201 + 6, 127 * 201 + 7]


def test_no_repeat_gives_no_mark() -> None:
    key = np.array([3, 0, 5, -1, -1, 2])
    assert not codes.duplicated(key, 6).any()


def test_repeat_is_marked_as_pandas_marks_it_and_minus_one_never() -> None:
    key = np.array([4, 1, 4, -1, 1, -1, 4])
    assert codes.duplicated(key, 5, keep="first").tolist() == [False, False, True, False, True, False, True]
    assert codes.duplicated(key, 5, keep="last").tolist() == [True, True, True, False, False, False, False]
    assert codes.duplicated(key, 5, keep=False).tolist() == [True, True, True, False, True, False, True]


@settings(max_examples=200, deadline=None)
@given(
    keys=st.lists(st.integers(min_value=-1, max_value=40), max_size=60),
    keep=st.sampled_from(["first", "last", False]),
    huge=st.booleans(),
)
def test_duplicated_agrees_with_pandas(keys: list[int], keep: str, huge: bool) -> None:
    """Both ways to the answer (marking in an array, hashing past the limit) match pandas."""
    key = np.array(keys, dtype=np.int64)
    space = codes.COUNTABLE_KEYS + 1 if huge else 41
    expected = pd.Series(key).duplicated(keep=keep).to_numpy() & (key >= 0)
    assert codes.duplicated(key, space, keep=keep).tolist() == expected.tolist()


@pytest.mark.parametrize("sizes", [(0,), (3, 0), (20_000, 1, 25, 3)])
def test_key_space_bounds_every_key(sizes: tuple[int, ...]) -> None:
    rng = np.random.default_rng(1)
    parts = [(rng.integers(-1, size, 50), size) for size in sizes]
    assert codes.mixed_key(*parts).max() < codes.key_space(*sizes)


def test_mixed_key_widens_when_the_key_space_passes_32_bits() -> None:
    big = np.array([69_999, 0, -1])
    key = codes.mixed_key((big, 70_000), (big, 70_000))
    # (69,999 + 1) * 70,001 + (69,999 + 1) = 4,900,140,000 does not fit in 32 bits.
    assert key.tolist() == [4_900_140_000, 70_001 + 1, 0]
