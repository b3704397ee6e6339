"""Which skill a survey question rates, with how sure the reader is.

Exact names and aliases cover the questions a framework's author foresaw; managers write
the rest in their own words. Every question is scored against every skill from the
skill's name, aliases, keywords (both languages) and description, word by word (see
:mod:`analytics.words` for the folding): how much of the skill's best phrase the question
holds, and how much of the question the skill's words explain, each word weighted by how
few skills share it. A word nobody foresaw still meets its neighbour through a fuzzy
token similarity (rapidfuzz), so "komplain" finds "complaint". Questions are then given
skills one to one across a file, best pairs first: two columns never silently become one
skill. Runs on distinct texts only, all of a file's at once: 200 headers never seen take about 30 ms.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from rapidfuzz import fuzz, process

from analytics import words as w
from analytics.framework import Skill
from analytics.text import normalise_label

HIGH: Final = "high"
MEDIUM: Final = "medium"
LOW: Final = "low"

# Scores run from 0 to 1. At or above HIGH_SCORE with a clear lead a question is mapped;
# from MEDIUM_SCORE it is mapped and flagged for a check; below it stays unmatched.
HIGH_SCORE: Final = 0.72
HIGH_LEAD: Final = 0.12
MEDIUM_SCORE: Final = 0.45
# A question whose best skill went to a better question takes its next best only this close to it.
_NEXT_BEST: Final = 0.15
# Two questions this close on one skill are equally likely to be it: both are flagged.
TIE: Final = 0.02
# Likeness of words: the same stem, forms that meet through affixes, or a near spelling.
_SAME: Final = 1.0
_RELATED: Final = 0.85
_FUZZY_CUTOFF: Final = 84
_FUZZY_SHORTEST: Final = 5
# Weight of a question word that no skill uses: enough to count against a loose match.
_UNKNOWN_WEIGHT: Final = 0.5
# A word only in a skill's description explains a question half as well as its names do.
_DESCRIPTION: Final = 0.5
_PHRASE_SHARE: Final = 0.5
# Scores kept per text, so a file's header row read twice, or uploaded again, is scored once.
_REMEMBERED_TEXTS: Final = 20_000
_CHUNK_TEXTS: Final = 512


@dataclass(frozen=True)
class Guess:
    """The skill a text was given (None when it was not), how sure, and its score."""

    skill_id: str | None
    confidence: str
    score: float
    tied_with: str = ""


class SkillReader:
    """A framework's skills as weighted words, built once and applied to many questions."""

    def __init__(self, skills: Sequence[Skill], filler: frozenset[str] = w.FILLER) -> None:
        self.filler = filler
        self.skill_ids = [s.id for s in skills]
        self.exact: dict[str, int] = {}
        entries: dict[str, int] = {}
        phrases: list[tuple[int, list[int]]] = []
        described: list[set[int]] = []
        for at, skill in enumerate(skills):
            for phrase in (skill.id.replace("_", " "), skill.name, *skill.aliases, *skill.keywords):
                self.exact.setdefault(normalise_label(phrase), at)
                tokens = [entries.setdefault(t, len(entries)) for t in w.content_words(phrase, filler)]
                if tokens:
                    phrases.append((at, tokens))
            described.append(
                {entries.setdefault(t, len(entries)) for t in w.content_words(skill.description, filler)}
            )
        self.entries = list(entries)
        self._stems = [w.forms(e) for e in self.entries]
        self._english = [w.english_stem(e) for e in self.entries]
        self._by_form: dict[str, list[int]] = {}
        for at, found in enumerate(self._stems):
            for form in found:
                self._by_form.setdefault(form, []).append(at)
        n_skills, n_entries = len(skills), len(self.entries)
        named = np.zeros((n_skills, n_entries))
        for skill_at, tokens in phrases:
            named[skill_at, tokens] = 1.0
        in_description = np.zeros((n_skills, n_entries))
        for skill_at, tokens_set in enumerate(described):
            in_description[skill_at, list(tokens_set)] = _DESCRIPTION
        self._by_english: dict[str, list[int]] = {}
        for at, stem in enumerate(self._english):
            self._by_english.setdefault(stem, []).append(at)
        likeness = np.zeros((n_entries, n_entries))
        pairs = self._like_pairs(self.entries)
        likeness[pairs[0], pairs[1]] = pairs[2]
        # How many skills name each word (or a word like it): rare words say more.
        shared_by = (likeness @ named.T >= _RELATED).sum(axis=1).clip(min=1)
        self.weight = np.log1p(n_skills / shared_by) / math.log1p(max(n_skills, 1))
        self.membership = np.maximum(named, in_description)
        self.phrase_skill = np.array([at for at, _ in phrases], dtype=np.int64)
        self.phrase_weights = np.zeros((len(phrases), n_entries))
        for row, (_, tokens) in enumerate(phrases):
            self.phrase_weights[row, tokens] = self.weight[tokens]
        self.phrase_total = self.phrase_weights.sum(axis=1)
        # The same phrases as flat runs of their distinct entry words, so every question's
        # coverage of every phrase is one gather and one sum per run.
        runs = [list(dict.fromkeys(tokens)) for _, tokens in phrases]
        self._phrase_entries = np.array([t for run in runs for t in run], dtype=np.int64)
        self._phrase_starts = np.cumsum([0, *(len(run) for run in runs[:-1])]).astype(np.int64)
        self._skills_named, self._skill_starts = np.unique(self.phrase_skill, return_index=True)
        # Entry words of each skill by how well they explain it: its names, its description.
        self._explaining = [
            (np.flatnonzero(self.membership[at] == 1.0), np.flatnonzero(self.membership[at] == _DESCRIPTION))
            for at in range(n_skills)
        ]
        self._words: dict[str, tuple[np.ndarray, np.ndarray, float, np.ndarray]] = {}
        self._scored: dict[str, np.ndarray] = {}

    def _like_pairs(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Which entry words each of ``words`` is like, and how much (0 to 1): (word, entry,
        likeness) triplets in word order, each pair once at its best likeness.

        A word meets only a handful of the entries, so the pairs are gathered, never a
        words x entries grid: writing that grid cost more than all the rest.
        """
        english = [w.english_stem(word) for word in words]
        rows: list[int] = []
        entries: list[int] = []
        values: list[float] = []
        for row, (word, stem) in enumerate(zip(words, english, strict=True)):
            for form in w.forms(word):
                found = self._by_form.get(form, ())
                rows.extend([row] * len(found))
                entries.extend(found)
                values.extend([_RELATED] * len(found))
            found = self._by_english.get(stem, ())
            rows.extend([row] * len(found))
            entries.extend(found)
            values.extend([_SAME] * len(found))
        row_of, entry_of, value_of = np.array(rows, np.int64), np.array(entries, np.int64), np.array(values)
        long = np.array(
            [row for row, stem in enumerate(english) if len(stem) >= _FUZZY_SHORTEST], dtype=np.int64
        )
        if len(long) and self.entries:
            near = process.cdist(
                [english[row] for row in long],
                self._english,
                scorer=fuzz.ratio,
                score_cutoff=_FUZZY_CUTOFF,
                dtype=np.float32,
            )
            at, entry = np.nonzero(near)
            row_of = np.concatenate([row_of, long[at]])
            entry_of = np.concatenate([entry_of, entry])
            value_of = np.concatenate([value_of, near[at, entry] / 100 * _RELATED])
        # Each (word, entry) pair once, at its best likeness: sorted by pair, then likeness.
        key = row_of * max(len(self.entries), 1) + entry_of
        order = np.lexsort((value_of, key))
        key = key[order]
        last = np.ones(len(key), dtype=bool)
        last[:-1] = key[1:] != key[:-1]
        return row_of[order][last], entry_of[order][last], value_of[order][last]

    def _learn(self, words: Sequence[str]) -> None:
        """Keep, for each new question word, the entries it is like, its weight and which skills it explains."""
        new = [word for word in dict.fromkeys(words) if word not in self._words]
        if not new:
            return
        rows, entries, like = self._like_pairs(new)
        weight = np.full(len(new), _UNKNOWN_WEIGHT)
        explains = np.zeros((len(new), len(self.skill_ids)))
        if len(rows):
            # Pairs come word by word: each word's best is one reduction over its run.
            known, starts = np.unique(rows, return_index=True)
            weight[known] = np.maximum(np.maximum.reduceat(like * self.weight[entries], starts), 0.05)
            explains[known] = np.maximum.reduceat(self.membership[:, entries].T * like[:, None], starts)
        bounds = np.searchsorted(rows, np.arange(1, len(new)))
        for word, at, values, word_weight, word_explains in zip(
            new, np.split(entries, bounds), np.split(like, bounds), weight.tolist(), explains, strict=True
        ):
            self._words[word] = (at, values, word_weight, word_explains)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Score of each text against each skill (texts x skills), from 0 to 1; 1 for an exact
        name, alias or keyword. Remembered per text: a header row is often scored twice."""
        new = [text for text in dict.fromkeys(texts) if text not in self._scored]
        if len(self._scored) + len(new) > _REMEMBERED_TEXTS:
            self._scored.clear()
            new = list(dict.fromkeys(texts))
        # In chunks: the work grids are texts x entries, which a long sheet of free text would make huge.
        for start in range(0, len(new), _CHUNK_TEXTS):
            chunk = new[start : start + _CHUNK_TEXTS]
            for text, row in zip(chunk, self._score_new(chunk), strict=True):
                self._scored[text] = row
        if not texts:
            return np.zeros((0, len(self.skill_ids)))
        return np.vstack([self._scored[text] for text in texts])

    def _score_new(self, texts: Sequence[str]) -> np.ndarray:
        """Scores of texts not seen before, all at once: each text is a run of its words' rows."""
        out = np.zeros((len(texts), len(self.skill_ids)))
        content = [w.content_words(text, self.filler) for text in texts]
        self._learn([word for words in content for word in words])
        worded = [row for row, words in enumerate(content) if words]
        if worded:
            # Every question is a run of its words' occurrences, in order.
            learnt = [self._words[word] for row in worded for word in content[row]]
            starts = np.cumsum([0, *(len(content[row]) for row in worded[:-1])]).astype(np.int64)
            # How much of the question the skill's words explain, each word by its weight.
            weight = np.array([weight for _, _, weight, _ in learnt])
            explains = np.vstack([explains for *_, explains in learnt])
            explained = (
                np.add.reduceat(weight[:, None] * explains, starts) / np.add.reduceat(weight, starts)[:, None]
            )
            best_phrase = np.zeros((len(worded), len(self.skill_ids)))
            if len(self._phrase_entries):
                # The entry words each question touches, at the likeness of its nearest word:
                # every (question, entry, likeness) of its words, the best of each kept.
                lengths = np.array([len(at) for at, *_ in learnt])
                question = np.repeat(
                    np.repeat(np.arange(len(worded)), np.diff([*starts, len(learnt)])), lengths
                )
                touched = np.zeros((len(worded), len(self.entries)))
                if len(question):
                    entries = np.concatenate([at for at, *_ in learnt])
                    np.maximum.at(
                        touched, (question, entries), np.concatenate([like for _, like, *_ in learnt])
                    )
                held = touched[:, self._phrase_entries] * self.weight[self._phrase_entries]
                coverage = np.add.reduceat(held, self._phrase_starts, axis=1) / self.phrase_total
                # Phrases come skill by skill, so each skill's best is one reduction over its run.
                best_phrase[:, self._skills_named] = np.maximum.reduceat(coverage, self._skill_starts, axis=1)
            out[worded] = _PHRASE_SHARE * best_phrase + (1 - _PHRASE_SHARE) * explained
        for row, text in enumerate(texts):
            exact = self.exact.get(normalise_label(text))
            if exact is not None:
                out[row] = 0.0
                out[row, exact] = 1.0
        return out

    def assign(
        self,
        texts: Sequence[str],
        groups: Sequence[Hashable] | None = None,
        taken: Sequence[tuple[Hashable, str]] = (),
    ) -> list[Guess]:
        """A guess per text, each skill given at most once per group (a rater, a sheet).

        Best pairs go first. A text whose best skill went to a better text may take a next
        best nearly as good, flagged for a check. Two texts within :data:`TIE` of each other on the same
        skill are both given it and both flagged, so neither is dropped without a word.
        ``taken`` holds (group, skill id) pairs already given, by the user's choice.
        """
        groups = list(groups) if groups is not None else [None] * len(texts)
        distinct = list(dict.fromkeys(texts))
        rows = {text: at for at, text in enumerate(distinct)}
        grid = self.scores(distinct)[[rows[t] for t in texts]]
        guesses: list[Guess | None] = [None] * len(texts)
        held: dict[tuple[Hashable, int], tuple[int, float]] = {}
        chosen = {(group, self.skill_ids.index(skill)) for group, skill in taken if skill in self.skill_ids}
        order = np.argsort(-grid, axis=None, kind="stable")
        for flat in order:
            row, skill = divmod(int(flat), grid.shape[1])
            score = float(grid[row, skill])
            if score < MEDIUM_SCORE:
                break
            if guesses[row] is not None or score < grid[row].max() - _NEXT_BEST:
                continue
            if (groups[row], skill) in chosen:
                continue
            holder = held.get((groups[row], skill))
            if holder is not None:
                first, first_score = holder
                if first_score - score <= TIE and grid[row].argmax() == skill:
                    guesses[row] = Guess(self.skill_ids[skill], MEDIUM, score, tied_with=texts[first])
                    previous = guesses[first]
                    assert previous is not None
                    guesses[first] = Guess(previous.skill_id, MEDIUM, previous.score, tied_with=texts[row])
                continue
            held[(groups[row], skill)] = (row, score)
            others = np.delete(grid[row], skill)
            lead = score - (float(others.max()) if len(others) else 0.0)
            level = 2 if score >= 1.0 or (score >= HIGH_SCORE and lead >= HIGH_LEAD) else 1
            if score < 1.0:
                level -= w.asks_for_something_else(texts[row])
            if level <= 0:
                guesses[row] = Guess(None, LOW, score)
                continue
            guesses[row] = Guess(self.skill_ids[skill], HIGH if level == 2 else MEDIUM, score)
        return [
            g if g is not None else Guess(None, LOW, float(grid[i].max()) if grid.shape[1] else 0.0)
            for i, g in enumerate(guesses)
        ]
