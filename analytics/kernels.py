"""Fast kernels on integer codes: coded columns in, group numbers, row keys, means and counts out.

Grouping, de-duplicating and joining 500,000 rows on several string columns is slow; the
same work on one integer per row is several times faster. Every module that needs such
speed (ingest, the gap metrics, the views, the reports) comes here, so the tricks live in
one room with their own tests, and the code outside reads as plain pandas-level logic.

One convention everywhere: a *code* is a position in a list of categories and -1 means
missing. In a *mixed key* each part takes ``size + 1`` slots and a missing code takes the
last slot, after every category, so keys sort the way pandas' groupby sorts its groups:
categories in their order, missing last. A key of -1 means "this row has no key" (it is
left out), which no mixed key ever is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final, Literal

import numpy as np
import pandas as pd

# Largest key space marked off in an array (a byte a slot) rather than hashed.
COUNTABLE_KEYS: Final = 32_000_000
# Beyond this many possible key combinations, grouping falls back to pandas' hash groupby.
DENSE_GROUP_LIMIT: Final = 4_000_000
# Below this mean run length of group numbers, summing runs first costs more than it saves.
SHORT_RUN: Final = 8

Part = tuple[np.ndarray, int]


def factorize(values: pd.Series, sort: bool = True) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 for missing) and the labels they stand for, sorted unless categorical.

    A categorical's own codes come as they are stored, in the smallest integer type that
    holds them; widening 500,000 of them to 64 bits would cost more than the lookups they feed.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), values.cat.categories
    codes, uniques = pd.factorize(values, sort=sort)
    return codes.astype(np.intp, copy=False), pd.Index(uniques)


def codes_in(values: pd.Series, known: pd.Index) -> np.ndarray:
    """Position of each value in ``known`` (-1 when absent), hashing each distinct value once."""
    codes, uniques = factorize(values)
    positions = known.get_indexer(uniques) if len(uniques) else np.empty(0, dtype=np.intp)
    if np.array_equal(positions, np.arange(len(known))):
        return codes  # the same labels in the same order, as ingest writes skills and raters
    return take_or(positions.astype(np.min_scalar_type(-len(known) - 1)), codes, -1)


def take_or(values: np.ndarray, codes: np.ndarray, missing: object) -> np.ndarray:
    """``values[codes]``, with ``missing`` where a code is -1 (it picks an appended last item)."""
    return np.take(np.append(values, np.array([missing], dtype=values.dtype)), codes)


def categorical(codes: np.ndarray, categories: pd.Index | Sequence[object]) -> pd.Categorical:
    """A categorical from codes made here, without checking them again."""
    return pd.Categorical.from_codes(codes, categories=categories, validate=False)


def key_space(*sizes: int) -> int:
    """How many distinct keys :func:`mixed_key` can give for parts of these sizes."""
    return int(np.prod([size + 1 for size in sizes], dtype=np.int64))


def mixed_key(*parts: Part, wide: bool = False) -> np.ndarray:
    """One integer per row, equal exactly when all the coded parts are equal.

    Each part is ``(codes, number of categories)``; keys lie in ``range(key_space(...))``
    and sort as the parts do, missing last. Half-width keys are used when they fit, since
    every pass over 500,000 keys then moves half the memory; ``wide`` asks for ``intp``,
    which indexing and scattering by key want.
    """
    narrow = not wide and key_space(*(size for _, size in parts)) <= np.iinfo(np.int32).max
    # The first part's codes start the key: cheaper than multiplying zeros by its size.
    key: np.ndarray = parts[0][0].astype(np.int32 if narrow else np.intp)
    for at, (codes, size) in enumerate(parts):
        if at:
            key *= size + 1
            key += codes
        if len(codes) and codes.min() < 0:
            key[codes < 0] += size + 1  # -1 + size + 1: the slot after every category
    return key


def split_key(key: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """The codes of each part of mixed keys (-1 where missing): :func:`mixed_key` undone."""
    parts = []
    rest = np.asarray(key, dtype=np.int64)
    for size in reversed(sizes):
        rest, codes = np.divmod(rest, size + 1)
        parts.append(np.where(codes == size, -1, codes))
    return parts[::-1]


def duplicated(key: np.ndarray, space: int, keep: Literal["first", "last", False] = "first") -> np.ndarray:
    """pandas' ``duplicated`` for integer keys in ``range(space)``; a key of -1 is never marked.

    Surveys seldom hold repeats, and marking the keys off in an array proves that several
    times faster than hashing them, so the hashing is left for when a key does repeat.
    """
    if space <= COUNTABLE_KEYS:
        # Key -1 lands in the extra last slot, which is not counted. Scattering by 64-bit
        # positions is much faster than by the 32-bit keys, even counting the cast.
        seen = np.zeros(space + 1, dtype=bool)
        seen[key.astype(np.intp, copy=False)] = True
        if np.count_nonzero(seen[:-1]) == len(key) - np.count_nonzero(key < 0):
            return np.zeros(len(key), dtype=bool)
    return pd.Series(key).duplicated(keep=keep).to_numpy() & (key >= 0)


def first_rows(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes in ``range(n)`` that occur (in code order) and the row where each first occurs."""
    first = np.full(n, -1, dtype=np.intp)
    # Writing positions in reverse leaves each code's first row in place.
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    present = np.flatnonzero(first >= 0)
    return present, first[present]


def run_starts(codes: np.ndarray) -> np.ndarray:
    """Where each run of equal codes begins (row positions, the first one 0; none for no rows)."""
    if not len(codes):
        return np.zeros(0, dtype=np.intp)
    return np.concatenate(([0], np.flatnonzero(codes[1:] != codes[:-1]) + 1))


def groups(frame: pd.DataFrame, keys: Sequence[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """A group number per row and the groups' key values, one row per group in key order.

    Missing keys (a person without a team) form their own group rather than vanishing, so
    group counts add up to the whole. Categorical keys whose combinations are few enough to
    count are numbered by counting their mixed keys, several times faster than groupby;
    numbering the occupied slots in order gives groupby's order.
    """
    if not keys:
        n = 1 if len(frame) else 0
        return np.zeros(len(frame), dtype=np.intp), pd.DataFrame(index=pd.RangeIndex(n))
    columns = [frame[key] for key in keys]
    if all(isinstance(col.dtype, pd.CategoricalDtype) for col in columns):
        sizes = [len(col.cat.categories) for col in columns]
        if key_space(*sizes) <= DENSE_GROUP_LIMIT:
            return _dense_groups(columns, sizes)
    grouped = frame.groupby(list(keys), observed=True, dropna=False, sort=True)
    ids = grouped.ngroup().to_numpy(dtype=np.intp)
    return ids, grouped.size().index.to_frame(index=False)


def _dense_groups(columns: list[pd.Series], sizes: list[int]) -> tuple[np.ndarray, pd.DataFrame]:
    mixed = mixed_key(
        *((col.cat.codes.to_numpy(), size) for col, size in zip(columns, sizes, strict=True)), wide=True
    )
    space = key_space(*sizes)
    occupied = np.flatnonzero(np.bincount(mixed, minlength=space))
    codes = split_key(occupied, sizes)
    values = pd.DataFrame(
        {
            col.name: pd.Categorical.from_codes(part, dtype=col.dtype, validate=False)
            for col, part in zip(columns, codes, strict=True)
        }
    )
    if len(occupied) and occupied[-1] == len(occupied) - 1:
        return mixed, values  # the occupied slots are the first ones: slot and group number agree
    number = np.zeros(space, dtype=np.intp)
    number[occupied] = np.arange(len(occupied))
    return number[mixed], values


class GroupMeans:
    """Group means of any number of columns over the same group numbers, and the group sizes.

    Pairs come person by person, and a person's pairs share their team, role and round, so
    group numbers often come in long runs. ``np.bincount`` is slowest on such runs, since
    each addition to a group waits for the one before; summing each run first
    (``np.add.reduceat``) leaves one addition per run, several times faster on a team.
    """

    def __init__(self, ids: np.ndarray, n_groups: int) -> None:
        self.n_groups = n_groups
        self.ids, self.starts = ids, None
        starts = run_starts(ids)
        if len(starts) * SHORT_RUN < len(ids):
            self.starts = starts
            self.ids = ids[starts]
        if self.starts is None:
            self.counts = np.bincount(ids, minlength=n_groups)
        else:
            runs = np.diff(self.starts, append=len(ids))
            self.counts = np.bincount(self.ids, weights=runs, minlength=n_groups).astype(np.int64)

    def sums(self, values: pd.Series | np.ndarray) -> np.ndarray:
        numbers = np.asarray(values, dtype=float)
        if self.starts is not None:
            numbers = np.add.reduceat(numbers, self.starts)
        return np.bincount(self.ids, weights=numbers, minlength=self.n_groups)

    def __call__(self, values: pd.Series | np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.sums(values) / self.counts


class DistinctCounts:
    """Counts distinct codes (people) per group, among all rows or some of them.

    Each row gets one slot per (group, code); the slots are worked out once and shared by
    every count of a summary.
    """

    def __init__(self, ids: np.ndarray, codes: np.ndarray, n_groups: int) -> None:
        self.width = int(codes.max()) + 2 if len(codes) else 1
        self.n_groups = n_groups
        self.slots = ids.astype(np.int64)
        self.slots *= self.width
        self.slots += codes
        self.slots += 1

    def count(self, where: np.ndarray | None = None) -> np.ndarray:
        # Rows left out go to one slot past every group, cheaper than taking the rest out.
        outside = self.n_groups * self.width
        slots = self.slots if where is None else np.where(where, self.slots, outside)
        if outside <= DENSE_GROUP_LIMIT:
            # Few groups (teams, areas): mark a (group, code) grid; cheaper than hashing keys.
            seen = np.zeros(outside + 1, dtype=bool)
            seen[slots] = True
            return seen[:outside].reshape(self.n_groups, self.width).sum(axis=1)
        found = pd.unique(slots)
        return np.bincount(found[found < outside] // self.width, minlength=self.n_groups)
