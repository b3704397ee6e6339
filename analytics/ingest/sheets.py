"""A raw grid in, a recognised sheet out: where its header is, what each column holds, wide or long.

Exports rarely start at the first row (a title, a note, a blank line come first), and
the same survey arrives one row per person (wide) or one row per person and skill
(long); everything after this step reads columns by kind, not by position, so it does
not care which form tool wrote the file or in which language.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from analytics import columns as c
from analytics import i18n
from analytics import matching as m
from analytics import vocabulary as v
from analytics.ingest import messages as msg
from analytics.ingest.model import LONG, WIDE
from analytics.ingest.values import is_blank
from analytics.meaning import Guess
from analytics.text import normalise_label

# Rows searched for the header; a title block longer than this is not a form export.
HEADER_SEARCH_ROWS: Final = 10


@dataclass
class Sheet:
    name: str
    index: int
    header_row: int
    headers: list[str]
    matches: list[m.HeaderMatch]
    body: np.ndarray
    layout: str = WIDE
    long_columns: tuple[int, int] | None = None
    # A long sheet's distinct skill names: what each was taken for, and how many rows hold it.
    skill_names: dict[str, tuple[Guess, int]] = field(default_factory=dict)
    # ``name`` is how the report names the sheet; with several files it adds the file's name.
    # Its own name in its file may name the round and the rater; ``file`` is the file it came
    # from when several were uploaded; ``has_siblings`` says its file has other survey sheets,
    # whose names then tell them apart (often by round).
    own_name: str = ""
    file: str = ""
    has_siblings: bool = False

    @property
    def rows(self) -> np.ndarray:
        """Spreadsheet row numbers of the body, as the user sees them."""
        return np.arange(len(self.body)) + self.header_row + 2

    def column(self, kind: str) -> int | None:
        return next((i for i, x in enumerate(self.matches) if x.kind == kind), None)


def recognise(
    name: str, index: int, grid: np.ndarray, matcher: m.Matcher, overrides: Mapping[str, str]
) -> tuple[Sheet | None, str]:
    """Find the header row and the layout of one sheet, or say why it is not survey data."""
    if grid.size == 0:
        return None, msg.EMPTY_SHEET
    top = grid[:HEADER_SEARCH_ROWS]
    if all(is_blank(x) for x in top.ravel()) and all(is_blank(x) for x in grid[:, 0]):
        return None, msg.EMPTY_SHEET
    if _is_template_guide(grid):
        return None, msg.TEMPLATE_GUIDE
    best: tuple[int, int, list[str], list[m.HeaderMatch]] | None = None
    for position in range(len(top)):
        headers = [_header_text(x) for x in top[position]]
        if not any(headers):
            continue
        matches = matcher.classify_headers(headers, overrides)
        if not {x.kind for x in matches} & {c.NAME, c.EMAIL}:
            continue
        score = sum(x.kind != v.UNMATCHED for x in matches)
        if best is None or score > best[1]:
            best = (position, score, headers, matches)
        if any(x.kind == v.SKILL for x in matches):
            break  # names and skills in one row: this is the header
    if best is None:
        return None, msg.NO_NAME_COLUMN
    position, _, headers, matches = best
    sheet = Sheet(name, index, position, headers, matches, grid[position + 1 :])
    if any(x.kind == v.SKILL for x in matches):
        return sheet, ""
    skill_col = _find_phrase(headers, matches, v.LONG_SKILL_PHRASES)
    rating_col = _find_phrase(headers, matches, v.LONG_RATING_PHRASES, exclude=skill_col)
    if skill_col is not None and rating_col is not None:
        sheet.layout, sheet.long_columns = LONG, (skill_col, rating_col)
        return sheet, ""
    return None, msg.NO_SKILL_COLUMN


@functools.cache
def _guide_starts() -> frozenset[tuple[str, ...]]:
    """How each guide sheet of the survey template starts, in every language it is built in."""
    starts: set[tuple[str, ...]] = set()
    for code in i18n.LANGUAGES:
        with i18n.language(code):
            starts.add((normalise_label(i18n._(v.GUIDE_TITLE)),))
            starts.add(tuple(normalise_label(i18n._(x)) for x in v.SKILLS_SHEET_HEADERS))
    return frozenset(starts)


def _is_template_guide(grid: np.ndarray) -> bool:
    first = [normalise_label(_header_text(x)) for x in grid[0, : len(v.SKILLS_SHEET_HEADERS)]]
    return any(tuple(first[: len(start)]) == start for start in _guide_starts())


def _header_text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _find_phrase(
    headers: list[str], matches: list[m.HeaderMatch], phrases: tuple[str, ...], exclude: int | None = None
) -> int | None:
    """A long sheet's skill or rating column: only headers nothing else claimed are candidates."""
    for i, (header, match) in enumerate(zip(headers, matches, strict=True)):
        label = f" {normalise_label(header)} "
        if i != exclude and match.kind == v.UNMATCHED and any(f" {p} " in label for p in phrases):
            return i
    return None
