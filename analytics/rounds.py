"""Survey round labels in time order.

Labels are free text ("2026-Q1", "Round 2", "Putaran 10"), so they are ordered by
their numbers as numbers, not as letters: "Round 10" comes after "Round 9".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBER = re.compile(r"(\d+)")


def round_sort_key(label: str) -> tuple[object, ...]:
    """Sort key that compares the digit runs of a label numerically."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in _NUMBER.split(label))


def ordered_rounds(labels: Iterable[object]) -> list[str]:
    return sorted({str(x) for x in labels}, key=round_sort_key)


def latest_round(labels: Iterable[object]) -> str:
    """The last round in time order; raises ValueError when there is none."""
    rounds = ordered_rounds(labels)
    if not rounds:
        raise ValueError("no survey rounds")
    return rounds[-1]
