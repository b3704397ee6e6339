"""Survey round labels in time order.

Labels are free text ("2026-Q1", "Round 2", "Putaran 10", "March 2026", "Juni 2026"), so
they are ordered by their numbers as numbers, not as letters: "Round 10" comes after
"Round 9". A label that names a month (in English or Indonesian, in full or in three
letters) and a year is ordered by that date: "March 2026" before "June 2026" before
"Januari 2027".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_NUMBER: Final = re.compile(r"(\d+)")
_YEAR: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_WORD: Final = re.compile(r"[^\W\d_]+")
_MONTH_NAMES: Final = (
    ("january", "januari"),
    ("february", "februari", "pebruari"),
    ("march", "maret"),
    ("april",),
    ("may", "mei"),
    ("june", "juni"),
    ("july", "juli"),
    ("august", "agustus"),
    ("september",),
    ("october", "oktober"),
    ("november", "nopember"),
    ("december", "desember"),
)
MONTHS: Final = {
    word: number
    for number, names in enumerate(_MONTH_NAMES, start=1)
    for name in names
    for word in (name, name[:3])
}


def round_sort_key(label: str) -> tuple[object, ...]:
    """Sort key: a month and year first where the label names both, then its digit runs as numbers."""
    parts = tuple(int(part) if part.isdigit() else part.lower() for part in _NUMBER.split(label))
    year = _YEAR.search(label)
    month = next((MONTHS[w] for w in (m.group().lower() for m in _WORD.finditer(label)) if w in MONTHS), None)
    # Dated labels sort among themselves by date, after the others (whose first part is text or 0).
    return (1, int(year.group(1)), month, parts) if year and month else (0, parts)


def ordered_rounds(labels: Iterable[object]) -> list[str]:
    return sorted({str(x) for x in labels}, key=round_sort_key)


def latest_round(labels: Iterable[object]) -> str:
    """The last round in time order; raises ValueError when there is none."""
    rounds = ordered_rounds(labels)
    if not rounds:
        raise ValueError("no survey rounds")
    return rounds[-1]
