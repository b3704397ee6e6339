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
from analytics.ingest.values import as_text, present
from analytics.meaning import MEDIUM


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
    overrides: Mapping[str, str] | None = None,
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
        codes, names = pd.factorize(skill_text)
        guesses = matcher.skills_for([str(n) for n in names], overrides)
        named = np.array([skill_codes.get(g.skill_id or "", -1) for g in guesses] + [-1], dtype=np.int16)
        skills = named[codes]
        sheet.skill_names = {
            str(name): (guess, int(rows))
            for name, guess, rows in zip(
                names, guesses, np.bincount(codes[codes >= 0], minlength=len(names)), strict=True
            )
            if name
        }
        _report_long_names(sheet, skill_text, skills, matcher.skill_names, report)
        keep = skills >= 0
        columns.append((sheet.name, sheet.headers[rating_at]))
        return Cells(
            responses[keep],
            skills[keep],
            sheet.body[keep, rating_at],
            np.full(int(keep.sum()), len(columns) - 1, dtype=np.int32),
            np.full(int(keep.sum()), -1, dtype=np.int8),
        )
    kept = _skill_columns(sheet, matcher.skill_names, matcher, report)
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


def _report_long_names(
    sheet: Sheet, skill_text: np.ndarray, skills: np.ndarray, names: Mapping[str, str], report: list[Issue]
) -> None:
    """Skill names of a long sheet that were not recognised, or were and should be checked."""
    skill_at = sheet.headers[sheet.long_columns[0]] if sheet.long_columns else ""
    unknown = (skills < 0) & (skill_text != "")
    if unknown.any():
        unknown_names = pd.unique(skill_text[unknown])
        numeric = all(str(n).replace(".", "", 1).replace(",", "", 1).strip().isdigit() for n in unknown_names)
        report.append(msg.unknown_skills(sheet.name, skill_at, unknown_names, sheet.rows[unknown], numeric))
    to_check = [
        (name, names[g.skill_id])
        for name, (g, _) in sheet.skill_names.items()
        if g.confidence == MEDIUM and g.skill_id
    ]
    if to_check:
        report.append(msg.skill_names_to_check(sheet.name, skill_at, to_check))


def _holds_ratings(values: np.ndarray, matcher: m.Matcher) -> bool:
    """Whether most answers of a column read as ratings or not-applicable, judged once per distinct answer."""
    given = values[present(values)]
    if not len(given):
        return True
    counts = pd.Series(given, dtype=object).value_counts(sort=False)
    usable = [matcher.parse_rating(value)[1] in (m.OK, m.NOT_APPLICABLE) for value in counts.index]
    return bool(counts[usable].sum() * 2 >= counts.sum())


def _skill_columns(
    sheet: Sheet, names: Mapping[str, str], matcher: m.Matcher, report: list[Issue]
) -> list[tuple[int, m.HeaderMatch]]:
    """Skill columns of a wide sheet; a second column for a skill and rater, a match to check and
    a column nothing could be made of are reported."""
    seen: dict[tuple[str | None, str | None], int] = {}
    kept = []
    to_check = []
    for i, match in enumerate(sheet.matches):
        header = sheet.headers[i]
        if (
            match.kind == v.SKILL
            and match.confidence == MEDIUM
            and not _holds_ratings(sheet.body[:, i], matcher)
        ):
            # Matched by wording alone, and its answers are not ratings (shoe sizes, cities): not a skill.
            report.append(msg.answers_not_ratings(sheet.name, header, names.get(match.skill_id or "", "")))
            match = sheet.matches[i] = m.HeaderMatch(v.UNMATCHED, score=match.score)
            continue
        if match.kind == v.SKILL:
            key = (match.skill_id, match.rater)
            skill = names.get(match.skill_id or "", match.skill_id or "")
            if key in seen:
                tied = bool(match.tied_with)
                report.append(
                    msg.second_skill_column(sheet.name, sheet.headers[seen[key]], header, skill, tied)
                )
                continue
            seen[key] = i
            kept.append((i, match))
            if match.confidence == MEDIUM and not match.tied_with:
                to_check.append((header, skill))
        elif match.kind == v.UNMATCHED:
            answered = int(present(sheet.body[:, i]).sum())
            if header:
                report.append(msg.unmatched_column(sheet.name, header, answered))
            elif answered:
                report.append(msg.headerless_column(sheet.name, i + 1, answered))
    if to_check:
        report.append(msg.columns_to_check(sheet.name, to_check))
    return kept
