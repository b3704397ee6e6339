"""How well and how fast survey headers are read for their skills.

Prints right / wrong / unmatched on the wording sets of tests/wordings (targets: at least 90%
right, at most 3% wrong, no distractor mapped), then the time to match 200 headers with a
matcher built afresh (words never seen; target under 50 ms), against the time to read the
same 200 headers once more (all their words known), in the same process.

Run: .venv/bin/python benchmarks/bench_matching.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.framework import default_framework
from analytics.matching import Matcher
from tests.helpers.wordings import evaluate, forms, tally


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    framework = default_framework()
    counts = tally(evaluate(framework))
    for lang in ("en", "id", "all"):
        got = counts[lang]
        asked = got["right"] + got["wrong"] + got["unmatched"]
        print(
            f"{lang:>3}: {asked} questions, right {got['right']} ({got['right'] / asked:.1%}), "
            f"wrong {got['wrong']} ({got['wrong'] / asked:.1%}), unmatched {got['unmatched']}; "
            f"distractors mapped {got['distractor mapped']} of {got['distractor mapped'] + got['left out']}"
        )
    headers = [c["header"] for f in forms() for c in f["columns"]][:200]
    cold, warm = [], []
    for _ in range(args.runs):
        matcher = Matcher(framework)
        start = time.perf_counter()
        matcher.classify_headers(headers, {})
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        matcher.classify_headers(headers, {})
        warm.append(time.perf_counter() - start)
    first, again = statistics.median(cold), statistics.median(warm)
    print(
        f"200 headers, new words: {first * 1000:.1f} ms (target < 50); read again: {again * 1000:.1f} ms; "
        f"ratio {first / again:.1f}"
    )


if __name__ == "__main__":
    main()
