"""Integer codes for row keys: several coded columns in, one comparable int64 per row out.

Grouping, de-duplicating and joining 500,000 rows on several string columns is slow;
the same work on one integer per row is fast, so ingest and the gap metrics both key
rows this way.
"""

from __future__ import annotations

import numpy as np


def mixed_key(*parts: tuple[np.ndarray, int]) -> np.ndarray:
    """One int64 per row, equal exactly when all the coded parts are equal.

    Each part is ``(codes, number of categories)`` with -1 for missing, so a missing value
    is a value of its own rather than a clash with code 0.
    """
    key = np.zeros(len(parts[0][0]), dtype=np.int64)
    for codes, size in parts:
        key = key * (size + 1) + (codes.astype(np.int64) + 1)
    return key
