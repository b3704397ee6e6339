"""Survey question wordings with the skill each rates: the measure of the header matcher.

``tests/wordings/question_wordings*.yaml`` hold forms as different managers wrote them, English
and Indonesian, with identity columns and distractors (``skill: null``). Each form is read as
one header row, the way an upload is, so one-to-one assignment across the row counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.matching import Matcher

WORDINGS = sorted((Path(__file__).resolve().parent.parent / "wordings").glob("question_wordings*.yaml"))


@dataclass(frozen=True)
class Outcome:
    form: str
    lang: str
    header: str
    expected: str | None
    got: str | None
    confidence: str

    @property
    def verdict(self) -> str:
        if self.expected is None:
            return "distractor mapped" if self.got else "left out"
        if self.got == self.expected:
            return "right"
        return "unmatched" if self.got is None else "wrong"


def forms(paths: list[Path] = WORDINGS) -> list[dict]:
    return [form for path in paths for form in yaml.safe_load(path.read_text(encoding="utf-8"))["forms"]]


def evaluate(framework: Framework, paths: list[Path] = WORDINGS) -> list[Outcome]:
    matcher = Matcher(framework)
    out = []
    for form in forms(paths):
        headers = [column["header"] for column in form["columns"]]
        for column, match in zip(form["columns"], matcher.classify_headers(headers, {}), strict=True):
            got = match.skill_id if match.kind == v.SKILL else None
            out.append(
                Outcome(form["name"], form["lang"], column["header"], column["skill"], got, match.confidence)
            )
    return out


def tally(outcomes: list[Outcome]) -> dict[str, Counter]:
    """Verdicts per language ("en", "id") and overall ("all")."""
    out: dict[str, Counter] = {"all": Counter()}
    for outcome in outcomes:
        out.setdefault(outcome.lang, Counter())[outcome.verdict] += 1
        out["all"][outcome.verdict] += 1
    return out
