"""What a survey's words mean in terms of the framework: headers to skills, titles to
roles, answers to ratings.

Built once per framework from its names and aliases plus the fixed vocabulary, and
applied to distinct values only (a 20,000-person survey holds a few dozen distinct
answers), so it can afford plain Python.
"""

from __future__ import annotations

import functools
import math
import numbers
import re
from dataclasses import dataclass
from typing import Final

from analytics import columns as c
from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.text import normalise_label

# What kind of answer a cell held; small ints so that millions of cells stay cheap.
OK: Final = 0
NOT_APPLICABLE: Final = 1
BLANK: Final = 2
OUT_OF_RANGE: Final = 3
UNREADABLE: Final = 4

_BRACKETED = re.compile(r"\[([^\]]+)\]")
_PLAIN_NUMBER = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$")
_LEADING_NUMBER = re.compile(
    r"^\s*(?:level|tingkat|skor|score|nilai)?\s*(\d+(?:[.,]\d+)?)\s*(?:[-:.)(/=]|$|\s)"
)


@dataclass(frozen=True)
class HeaderMatch:
    kind: str
    skill_id: str | None = None
    rater: str | None = None


def _longest_contained(text: str, labels: dict[str, str]) -> str | None:
    """The value of the longest label found as whole words in ``text``, if unambiguous."""
    padded = f" {text} "
    found = [(len(label), value) for label, value in labels.items() if f" {label} " in padded]
    if not found:
        return None
    longest = max(length for length, _ in found)
    values = {value for length, value in found if length == longest}
    return values.pop() if len(values) == 1 else None


def _phrase_map(phrases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {phrase: kind for kind, words in phrases.items() for phrase in words}


_IDENTITY_LABELS: Final = _phrase_map(v.IDENTITY_PHRASES)
_RATER_LABELS: Final = _phrase_map(v.RATER_WORDS)
_LONGEST_RATER_PHRASE: Final = max(len(label.split()) for label in _RATER_LABELS)


def rater_in(text: object) -> str | None:
    """Who gave a rating, if ``text`` (a header, sheet name or answer) says so."""
    return _longest_contained(normalise_label(text), _RATER_LABELS)


def rater_for(answer: object) -> str | None:
    """The rater an answer in a rater column names ("Line manager", "Diri sendiri")."""
    label = normalise_label(answer)
    return label if label in c.RATERS else rater_in(label)


def strip_rater_words(text: str) -> str:
    """A sheet name without its rater words: '2026-Q1 Diri sendiri' -> '2026-Q1'.

    Rater phrases can be several words ("line manager", "diri sendiri"), so the longest
    run of words that names a rater is taken out first.
    """
    words = text.split()
    kept = []
    at = 0
    while at < len(words):
        for size in range(min(_LONGEST_RATER_PHRASE, len(words) - at), 0, -1):
            if normalise_label(" ".join(words[at : at + size])) in _RATER_LABELS:
                at += size
                break
        else:
            kept.append(words[at])
            at += 1
    return " ".join(kept).strip(" -_")


class Matcher:
    """The framework's vocabulary, folded once for fast repeated look-ups."""

    def __init__(self, framework: Framework) -> None:
        self.scale_min = framework.scale.min
        self.scale_max = framework.scale.max
        self.skill_labels = {
            normalise_label(label): s.id for s in framework.skills for label in (s.id, s.name, *s.aliases)
        }
        self.skill_ids = frozenset(s.id for s in framework.skills)
        self.role_labels = {
            normalise_label(label): r.id for r in framework.roles for label in (r.id, r.name, *r.aliases)
        }
        self.level_labels = {
            normalise_label(label): float(level.value)
            for level in framework.scale.levels
            for label in (level.name, *level.aliases)
        }
        self.na_labels = {normalise_label(x) for x in framework.scale.not_applicable} | {""}

    def skill_for(self, text: object) -> str | None:
        label = normalise_label(text)
        if not label:
            return None
        return self.skill_labels.get(label) or _longest_contained(label, self.skill_labels)

    def role_for(self, text: object) -> str | None:
        label = normalise_label(text)
        if not label:
            return None
        return self.role_labels.get(label) or _longest_contained(label, self.role_labels)

    def classify_header(self, header: object) -> HeaderMatch:
        """What a column holds, judged from its header alone.

        Bracketed text is how forms export grid questions ("Rate your skills [SEO]"),
        so it is tried as a skill first; exact identity words come before skills, and
        loose containment comes last, identity before skill.
        """
        text = "" if header is None else str(header)
        label = normalise_label(text)
        if not label:
            return HeaderMatch(v.UNMATCHED)
        bracketed = _BRACKETED.findall(text)
        if bracketed:
            skill = self.skill_for(bracketed[-1])
            if skill:
                return HeaderMatch(v.SKILL, skill, rater_in(_BRACKETED.sub(" ", text)))
        if label in _IDENTITY_LABELS:
            return HeaderMatch(_IDENTITY_LABELS[label])
        exact = self.skill_labels.get(label)
        if exact:
            return HeaderMatch(v.SKILL, exact, None)
        if not bracketed:
            kind = next((k for p, k in _IDENTITY_LABELS.items() if f" {p} " in f" {label} "), None)
            if kind:
                return HeaderMatch(kind)
        skill = _longest_contained(label, self.skill_labels)
        if skill:
            return HeaderMatch(v.SKILL, skill, rater_in(_BRACKETED.sub(" ", text)))
        return HeaderMatch(v.UNMATCHED)

    def parse_rating(self, value: object) -> tuple[float, int]:
        """A cell's rating and what kind of answer it was.

        Accepts numbers, numeric text with a decimal point or comma ("3,5"), a number
        leading a label ("4 - Advanced", "Level 2") and level names or aliases in
        English or Indonesian ("Menengah").
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return math.nan, BLANK
        if isinstance(value, bool):
            return math.nan, UNREADABLE
        if isinstance(value, numbers.Real):
            try:
                return self._in_scale(float(value))
            except OverflowError:
                return math.nan, OUT_OF_RANGE
        if not isinstance(value, str):
            return math.nan, UNREADABLE
        text = value.strip()
        if not text:
            return math.nan, BLANK
        if _PLAIN_NUMBER.match(text):
            return self._in_scale(float(text.replace(",", ".")))
        label = normalise_label(text)
        if label in self.na_labels:
            return math.nan, NOT_APPLICABLE
        if label in self.level_labels:
            return self.level_labels[label], OK
        leading = _LEADING_NUMBER.match(text.lower())
        if leading:
            return self._in_scale(float(leading.group(1).replace(",", ".")))
        return math.nan, UNREADABLE

    def _in_scale(self, number: float) -> tuple[float, int]:
        if math.isfinite(number) and self.scale_min <= number <= self.scale_max:
            return number, OK
        return math.nan, OUT_OF_RANGE


@functools.lru_cache(maxsize=8)
def matcher_for(framework: Framework) -> Matcher:
    """The matcher of a framework, folded once and reused for every file read against it.

    A plain in-process memo of a pure function (not UI caching): frameworks are small and
    few, and folding every alias again for each upload or rerun would be wasted work.
    """
    return Matcher(framework)
