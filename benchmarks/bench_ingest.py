"""Ingest benchmark: a 20,000-person x 25-skill xlsx survey through three readers.

(a) pandas.read_excel with its default openpyxl engine, the naive way;
(b) raw calamine parsing of the same sheet, the floor any reader pays;
(c) our whole pipeline: read_survey (parse, match, validate, tidy) + gap metrics.
Prints the ratios a/c (target >= 6) and c/b (target <= 1.5), the time of the gap
metrics alone on 500,000 ratings (target < 0.3 s) and the pipeline's peak memory,
measured in a child process of its own (target < 1 GiB).

Run: .venv/bin/python benchmarks/bench_ingest.py [--people N]
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd
import python_calamine

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.ingest import read_survey
from sample_data.make_sample import make_wide_survey


def best_of(runs: int, *jobs: Callable[[], object]) -> list[float]:
    """Each job's best time over ``runs`` rounds, the jobs taking turns within a round.

    Taking turns matters on a shared machine whose speed drifts over seconds: timing one
    job three times and then the other three times can put them in different phases.
    """
    best = [float("inf")] * len(jobs)
    for _ in range(runs):
        for at, job in enumerate(jobs):
            start = time.perf_counter()
            job()
            best[at] = min(best[at], time.perf_counter() - start)
    return best


def gap_metrics(ratings: pd.DataFrame) -> None:
    """What the Overview needs: gap pairs, team and area figures, priorities."""
    framework = default_framework()
    pairs = gaps.compute_gaps(ratings, framework).pairs
    gaps.summarise(pairs, [c.TEAM])
    gaps.summarise(pairs, [c.AREA_ID])
    gaps.priorities(pairs)


def pipeline(data: bytes) -> None:
    gap_metrics(read_survey(data, default_framework(), "survey.xlsx").ratings)


def peak_memory_of_pipeline(path: Path) -> float:
    """Peak resident memory (MiB) of a fresh process that runs only the pipeline."""
    out = subprocess.run(
        [sys.executable, __file__, "--pipeline-only", str(path)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--pipeline-only", type=Path)
    args = parser.parse_args()
    if args.pipeline_only:
        pipeline(args.pipeline_only.read_bytes())
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return

    framework = default_framework()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.xlsx"
        start = time.perf_counter()
        make_wide_survey(args.people, framework).to_excel(path, index=False, engine="xlsxwriter")
        print(
            f"survey: {args.people:,} people x {len(framework.skills)} skills, written in "
            f"{time.perf_counter() - start:.1f} s ({path.stat().st_size / 1e6:.1f} MB)"
        )
        data = path.read_bytes()

        (naive,) = best_of(1, lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl"))
        raw, ours = best_of(
            5,
            lambda: (
                python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
                .get_sheet_by_index(0)
                .to_python(skip_empty_area=False)
            ),
            lambda: pipeline(data),
        )
        ratings = read_survey(data, framework, path.name).ratings
        (metrics,) = best_of(3, lambda: gap_metrics(ratings))
        peak = peak_memory_of_pipeline(path)

    print(f"(a) pandas.read_excel, openpyxl engine : {naive:7.3f} s")
    print(f"(b) raw calamine parse                 : {raw:7.3f} s")
    print(f"(c) our ingest + validation + gaps     : {ours:7.3f} s")
    print(f"a/c = {naive / ours:5.2f}   (target >= 6)")
    print(f"c/b = {ours / raw:5.2f}   (target <= 1.5)")
    print(f"gap metrics alone on {len(ratings):,} ratings: {metrics:.3f} s (target < 0.3 s)")
    print(f"peak memory of the pipeline in its own process: {peak:.0f} MiB (target < 1024 MiB)")


if __name__ == "__main__":
    main()
