"""The header matcher measured on wordings it was not given as aliases (see tests/helpers/wordings)."""

from __future__ import annotations

from analytics.framework import default_framework
from tests.helpers.wordings import evaluate, forms, tally


def test_the_wording_sets_are_large_and_in_both_languages() -> None:
    rated = [c for f in forms() for c in f["columns"] if c["skill"]]
    by_lang = {
        lang: sum(1 for f in forms() for c in f["columns"] if c["skill"] and f["lang"] == lang)
        for lang in ("en", "id")
    }
    assert len(rated) >= 120
    assert min(by_lang.values()) >= 60
    skills = {s.id for s in default_framework().skills}
    assert {c["skill"] for c in rated} == skills  # every skill is asked about, and only real skills


def test_most_wordings_are_read_right_and_almost_none_wrong() -> None:
    outcomes = evaluate(default_framework())
    counts = tally(outcomes)
    for lang in ("en", "id", "all"):
        asked = counts[lang]["right"] + counts[lang]["wrong"] + counts[lang]["unmatched"]
        print(lang, dict(counts[lang]), f"{counts[lang]['right'] / asked:.1%} right")
        assert counts[lang]["right"] >= 0.9 * asked, lang
        assert counts[lang]["wrong"] <= 0.03 * asked, lang


def test_no_distractor_or_identity_column_is_taken_for_a_skill() -> None:
    mapped = [o.header for o in evaluate(default_framework()) if o.verdict == "distractor mapped"]
    assert mapped == []
