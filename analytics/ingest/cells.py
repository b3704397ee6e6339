"""Recognised sheets in, their answer cells out: which response, which skill, what was written.

Wide and long sheets hold answers in different shapes; flattening both into the same
parallel arrays here lets parsing, checking and de-duplicating run once over every
answer of the file, whatever its layout, instead of once per sheet or per column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import matching as m
from analytics import vocabulary as v
from analytics.ingest import messages as msg
from analytics.ingest.model import Issue
from analytics.ingest.sheets import Sheet
from analytics.ingest.values import as_text, per_distinct, present


@dataclass
class Cells:
    """Answer cells as parallel arrays: which response, which skill, what was written.

    ``per_response`` is set when every response has that many cells, in response order (one
    wide sheet, none left out, the usual upload): a value per response then reaches its
    cells by a repeat, several times faster than a lookup per cell.
    """

    response: np.ndarray
    skill: np.ndarray
    value: np.ndarray
    column: np.ndarray
    rater: np.ndarray
    per_response: int | None = None
    _ARRAYS: ClassVar[tuple[str, ...]] = ("response", "skill", "value", "column", "rater")

    @classmethod
    def concat(cls, parts: list[Cells]) -> Cells:
        if len(parts) == 1:
            return parts[0]
        return cls._of(np.concatenate([getattr(p, f) for p in parts]) for f in cls._ARRAYS)

    def take(self, mask: np.ndarray) -> Cells:
        if mask.all():
            return self
        return self._of(getattr(self, f)[mask] for f in self._ARRAYS)

    @classmethod
    def _of(cls, arrays: Iterable[np.ndarray]) -> Cells:
        response, skill, value, column, rater = arrays
        return cls(response, skill, value, column, rater)

    def spread(self, per_response: np.ndarray) -> np.ndarray:
        """One value per response in, the value of each cell's response out."""
        if self.per_response is not None:
            return np.repeat(per_response, self.per_response)
        return per_response[self.response]

    def spread_categorical(self, per_response: pd.Categorical) -> pd.Categorical:
        return pd.Categorical.from_codes(
            self.spread(per_response.codes), dtype=per_response.dtype, validate=False
        )


def cells_of(
    sheet: Sheet,
    offset: int,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    skill_codes: Mapping[str, int],
    report: list[Issue],
) -> Cells:
    """Answer cells of one sheet, tied to the global response index ``offset + row``.

    ``columns`` collects (sheet, header) of every answer column, so a cell keeps a small
    integer instead of its header and a bad answer can still be reported by its column.
    """
    n = len(sheet.body)
    responses = np.arange(offset, offset + n)
    if sheet.long_columns is not None:
        skill_at, rating_at = sheet.long_columns
        skill_text = as_text(sheet.body[:, skill_at])
        skills = per_distinct(
            skill_text, lambda s: skill_codes.get(matcher.skill_for(s) or "", -1), -1, np.int16
        )
        unknown = (skills < 0) & (skill_text != "")
        if unknown.any():
            report.append(
                msg.unknown_skills(
                    sheet.name, sheet.headers[skill_at], pd.unique(skill_text[unknown]), sheet.rows[unknown]
                )
            )
        keep = skills >= 0
        columns.append((sheet.name, sheet.headers[rating_at]))
        return Cells(
            responses[keep],
            skills[keep],
            sheet.body[keep, rating_at],
            np.full(int(keep.sum()), len(columns) - 1, dtype=np.int32),
            np.full(int(keep.sum()), -1, dtype=np.int8),
        )
    kept = _skill_columns(sheet, report)
    k = len(kept)
    first = len(columns)
    columns.extend((sheet.name, sheet.headers[i]) for i, _ in kept)
    raters = np.array([c.RATERS.index(x.rater) if x.rater else -1 for _, x in kept], dtype=np.int8)
    return Cells(
        np.repeat(responses, k),
        np.tile(np.array([skill_codes[x.skill_id or ""] for _, x in kept], dtype=np.int16), n),
        # np.take copies object cells several times faster than indexing with a list.
        np.take(sheet.body, [i for i, _ in kept], axis=1).ravel(),
        np.tile(np.arange(first, first + k, dtype=np.int32), n),
        np.tile(raters, n),
        per_response=k if offset == 0 else None,
    )


def _skill_columns(sheet: Sheet, report: list[Issue]) -> list[tuple[int, m.HeaderMatch]]:
    """Skill columns of a wide sheet; a second column for the same skill and rater is reported."""
    seen: dict[tuple[str | None, str | None], int] = {}
    kept = []
    for i, match in enumerate(sheet.matches):
        if match.kind == v.SKILL:
            key = (match.skill_id, match.rater)
            if key in seen:
                report.append(
                    msg.second_skill_column(
                        sheet.name, sheet.headers[seen[key]], sheet.headers[i], match.skill_id
                    )
                )
            else:
                seen[key] = i
                kept.append((i, match))
        elif match.kind == v.UNMATCHED and sheet.headers[i]:
            answered = int(present(sheet.body[:, i]).sum())
            report.append(msg.unmatched_column(sheet.name, sheet.headers[i], answered))
    return kept
