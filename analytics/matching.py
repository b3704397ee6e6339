"""What a survey's words mean in terms of the framework: headers to skills, titles to
roles, answers to ratings.

Built once per framework from its names and aliases plus the fixed vocabulary, and
applied to distinct values only (a 20,000-person survey holds a few dozen distinct
answers), so it can afford plain Python.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from analytics import columns as c
from analytics import vocabulary as v
from analytics import words as w
from analytics.framework import Framework, Skill
from analytics.meaning import HIGH, MEDIUM, Guess, SkillReader
from analytics.text import normalise_label

# What kind of answer a cell held; small ints so that millions of cells stay cheap.
OK: Final = 0
NOT_APPLICABLE: Final = 1
BLANK: Final = 2
OUT_OF_RANGE: Final = 3
UNREADABLE: Final = 4

_BRACKETED = re.compile(r"\[([^\]]+)\]")
# A header this short that holds an identity word ("Nama atasan", "Tim kamu") is that identity.
_SHORT_HEADER_WORDS: Final = 4
_PLAIN_NUMBER = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$")
_LEADING_NUMBER = re.compile(
    r"^\s*(?:level|tingkat|skor|score|nilai)?\s*(\d+(?:[.,]\d+)?)\s*(?:[-:.)(/=]|$|\s)"
)


# How a header came to its skill: the user chose it, or the reader's confidence (see meaning).
CHOSEN: Final = "chosen"


@dataclass(frozen=True)
class HeaderMatch:
    """What a header was taken for; a skill match says how sure the reader is and any tie."""

    kind: str
    skill_id: str | None = None
    rater: str | None = None
    confidence: str = ""
    score: float = 0.0
    tied_with: str = ""


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
# Identity words inside a header, kind by kind in the order of IDENTITY_PHRASES ("Employee ID" is an id).
_IDENTITY_INSIDE: Final = tuple(
    (kind, re.compile(" (?:" + "|".join(map(re.escape, words)) + ") "))
    for kind, words in v.IDENTITY_PHRASES.items()
)
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
        self.skill_ids = frozenset(s.id for s in framework.skills)
        self._skills = framework.skills
        # An Indonesian name is something people type, as an alias is (see Skill.names).
        self.role_labels = {
            normalise_label(label): r.id for r in framework.roles for label in (r.id, *r.names)
        }
        self.level_labels = {
            normalise_label(label): float(level.value)
            for level in framework.scale.levels
            for label in level.names
        }
        self.na_labels = {normalise_label(x) for x in framework.scale.not_applicable} | {""}
        # Scale and rater words say how or by whom a skill is rated, never which skill.
        scale_words = {word for label in (*self.level_labels, *_RATER_LABELS) for word in label.split()}
        self.reader = SkillReader([_named_both_ways(s) for s in framework.skills], w.FILLER | scale_words)

    @property
    def skill_names(self) -> dict[str, str]:
        """Each skill's name as the validation report shows it, in the session's language."""
        return {s.id: s.shown_name for s in self._skills}

    def skills_for(self, texts: Sequence[str], overrides: Mapping[str, str] | None = None) -> list[Guess]:
        """The skill each of a long sheet's distinct skill names stands for, one to one.

        The user's choice for a name wins (a skill id, or "" for none) and keeps its skill
        from the others.
        """
        overrides = overrides or {}
        chosen = {
            t: overrides[t] for t in texts if overrides.get(t) == "" or overrides.get(t) in self.skill_ids
        }
        rest = [t for t in texts if t not in chosen]
        taken = [(None, skill) for skill in chosen.values() if skill]
        guessed = dict(zip(rest, self.reader.assign(rest, taken=taken), strict=True))
        return [Guess(chosen[t] or None, CHOSEN, 1.0) if t in chosen else guessed[t] for t in texts]

    def role_for(self, text: object) -> str | None:
        label = normalise_label(text)
        if not label:
            return None
        return self.role_labels.get(label) or _longest_contained(label, self.role_labels)

    def classify_headers(self, headers: Sequence[str], overrides: Mapping[str, str]) -> list[HeaderMatch]:
        """What each column of a header row holds, judged from the headers alone.

        The user's choice wins. Bracketed text is how forms export grid questions ("Rate
        your skills [SEO]"), so it is read as the skill; exact identity words ("Email",
        "Tim") come next. Every other header is scored against the skills and given one
        one to one across the row (per rater). A sure skill match beats identity words
        found inside a header; a short header with such words ("Nama atasan") is an
        identity column; then a match to check; else the column is unmatched.
        """
        out: list[HeaderMatch | None] = []
        texts: dict[int, str] = {}
        raters: dict[int, str | None] = {}
        taken: list[tuple[str | None, str]] = []
        for at, header in enumerate(headers):
            text = "" if header is None else str(header)
            chosen = overrides.get(text)
            if chosen == "":
                out.append(HeaderMatch(v.IGNORED, confidence=CHOSEN))
                continue
            rater = raters[at] = rater_in(_BRACKETED.sub(" ", text))
            if chosen in self.skill_ids:
                out.append(HeaderMatch(v.SKILL, chosen, rater, CHOSEN, 1.0))
                taken.append((rater, chosen))
                continue
            label = normalise_label(text)
            if not label:
                out.append(HeaderMatch(v.UNMATCHED))
                continue
            bracketed = _BRACKETED.findall(text)
            if not bracketed and label in _IDENTITY_LABELS:
                out.append(HeaderMatch(_IDENTITY_LABELS[label]))
                continue
            out.append(None)
            texts[at] = bracketed[-1] if bracketed else text
        # Headers that turn out to be identity columns give up their skill and the rest are
        # assigned again, so a "Team" column never keeps a skill from the question that rates it.
        candidates = list(texts)
        while True:
            guesses = self.reader.assign(
                [texts[at] for at in candidates], [raters[at] for at in candidates], taken
            )
            judged = [
                self._judged(str(headers[at]), raters[at], g)
                for at, g in zip(candidates, guesses, strict=True)
            ]
            identity = {
                at
                for at, j, g in zip(candidates, judged, guesses, strict=True)
                if j.kind != v.SKILL and g.skill_id
            }
            for at, j in zip(candidates, judged, strict=True):
                out[at] = j
            if not identity:
                break
            candidates = [at for at in candidates if at not in identity]
        return [x if x is not None else HeaderMatch(v.UNMATCHED) for x in out]

    def _judged(self, header: str, rater: str | None, guess: Guess) -> HeaderMatch:
        skill = HeaderMatch(v.SKILL, guess.skill_id, rater, guess.confidence, guess.score, guess.tied_with)
        if guess.skill_id and guess.confidence == HIGH:
            return skill
        label = normalise_label(header)
        if label in _IDENTITY_LABELS:
            return HeaderMatch(_IDENTITY_LABELS[label])
        bracketed = bool(_BRACKETED.search(header))
        padded = f" {label} "
        identity = (
            None if bracketed else next((k for k, inside in _IDENTITY_INSIDE if inside.search(padded)), None)
        )
        if identity and len(label.split()) <= _SHORT_HEADER_WORDS:
            return HeaderMatch(identity)
        if guess.skill_id and guess.confidence == MEDIUM:
            return skill
        if identity:
            return HeaderMatch(identity)
        return HeaderMatch(v.UNMATCHED, score=guess.score)

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


def _named_both_ways(skill: Skill) -> Skill:
    """The skill as the reader scores it: its Indonesian name (where given) counted as an alias."""
    known = {normalise_label(x) for x in (skill.name, *skill.aliases, *skill.keywords)}
    if not skill.name_id or normalise_label(skill.name_id) in known:
        return skill
    return dataclasses.replace(skill, aliases=(skill.name_id, *skill.aliases))


@functools.lru_cache(maxsize=8)
def matcher_for(framework: Framework) -> Matcher:
    """The matcher of a framework, folded once and reused for every file read against it.

    A plain in-process memo of a pure function (not UI caching): frameworks are small and
    few, and folding every alias again for each upload or rerun would be wasted work.
    """
    return Matcher(framework)
