"""Integer codes for row keys: several coded columns in, one comparable int64 per row out.

Grouping, de-duplicating and joining 500,000 rows on several string columns is slow;
the same work on one integer per row is fast, so ingest and the gap metrics both key
rows this way.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

# Largest key space marked off in an array (a byte a slot) rather than hashed.
COUNTABLE_KEYS: Final = 32_000_000


def mixed_key(*parts: tuple[np.ndarray, int]) -> np.ndarray:
    """One integer per row, equal exactly when all the coded parts are equal.

    Each part is ``(codes, number of categories)`` with -1 for missing, so a missing value
    is a value of its own rather than a clash with code 0. Keys lie in
    ``range(key_space(...))`` of the same sizes.
    """
    # Half-width keys when they fit: every pass over 500,000 keys then moves half the memory.
    narrow = key_space(*(size for _, size in parts)) <= np.iinfo(np.int32).max
    key: np.ndarray = np.zeros(len(parts[0][0]), dtype=np.int32 if narrow else np.int64)
    for codes, size in parts:
        key *= size + 1
        key += codes
        key += 1
    return key


def key_space(*sizes: int) -> int:
    """How many distinct keys :func:`mixed_key` can give for parts of these sizes."""
    return int(np.prod([size + 1 for size in sizes], dtype=np.int64))


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
