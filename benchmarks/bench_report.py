"""Time the Excel gap report against pandas writing the bare rating matrix, in the same run.

Baseline: ``DataFrame.to_excel`` with openpyxl of the person x skill rating matrix of a
20,000-person survey (one row per person, one column per skill, plus the name). Measured:
the whole xlsx report (all sheets, formats, chart) for the same 20,000 people, and for 500
people; also the shared content build, the html and the csv, for information.
Targets: 20,000-person report / baseline <= 1.0; 500-person report / baseline <= 0.1.

Run from the project root: ``python benchmarks/bench_report.py [--people 20000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics import columns as c
from analytics.framework import default_framework
from analytics.gaps import compute_gaps
from analytics.ingest import read_survey
from analytics.reports.csv import write_csv
from analytics.reports.html import write_html
from analytics.reports.xlsx import write_xlsx
from analytics.views.report import ReportView, report_view
from sample_data.make_sample import make_wide_survey


def best_of(repeat: int, job: Callable[[], object]) -> float:
    """Fastest of ``repeat`` runs, in seconds: the least disturbed by other work on the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def survey(n_people: int) -> tuple[object, object, object]:
    framework = default_framework()
    wide = make_wide_survey(n_people, framework)
    ingest = read_survey(wide.to_csv(index=False).encode("utf-8"), framework, "survey.csv")
    return framework, ingest, compute_gaps(ingest.ratings, framework)


def sections(view: ReportView) -> ReportView:
    """The view with every section worked out (a view builds each on first use)."""
    for built in (
        view.overview.grid,
        view.overview.top_priorities,
        view.figures,
        view.gaps,
        view.development,
    ):
        del built
    view.validation  # noqa: B018 - worked out for its cost
    return view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    framework, ingest, gaps = survey(args.people)
    ratings = ingest.ratings  # type: ignore[attr-defined]
    matrix = ratings.pivot_table(
        index=[c.RESPONDENT_ID, c.NAME], columns=c.SKILL_ID, values=c.RATING, observed=True, aggfunc="first"
    ).reset_index(level=c.NAME)
    print(
        f"Survey: {args.people:,} people, {len(ratings):,} ratings, matrix {matrix.shape[0]:,} x {matrix.shape[1]}"
    )

    def baseline() -> None:
        matrix.to_excel(io.BytesIO(), engine="openpyxl")

    def big_report() -> bytes:
        return write_xlsx(report_view(framework, gaps, ingest, (("Teams", "all teams"),)))  # type: ignore[arg-type]

    small_framework, small_ingest, small_gaps = survey(args.small)

    def small_report() -> bytes:
        return write_xlsx(report_view(small_framework, small_gaps, small_ingest))  # type: ignore[arg-type]

    base = best_of(args.repeat, baseline)
    big = best_of(args.repeat, big_report)
    small = best_of(args.repeat, small_report)
    data = sections(report_view(framework, gaps, ingest))  # type: ignore[arg-type]
    content = best_of(args.repeat, lambda: sections(report_view(framework, gaps, ingest)))  # type: ignore[arg-type]
    html = best_of(args.repeat, lambda: write_html(data))
    csv = best_of(args.repeat, lambda: write_csv(data))
    size = len(big_report())

    print(f"baseline  pandas to_excel (openpyxl), {args.people:,} x skills matrix: {base:7.2f} s")
    print(
        f"xlsx report, {args.people:,} people (all sheets, formats, chart):    {big:7.2f} s  ratio {big / base:.2f}  (target <= 1.0)  {size / 1e6:.1f} MB"
    )
    print(
        f"xlsx report, {args.small:,} people:                                  {small:7.2f} s  ratio {small / base:.3f} (target <= 0.1)"
    )
    print(f"  of which shared content, {args.people:,} people:                 {content:7.2f} s")
    print(
        f"html report, {args.people:,} people:                               {html:7.2f} s  ratio {html / base:.2f}"
    )
    print(
        f"csv export, {args.people:,} people:                                {csv:7.2f} s  ratio {csv / base:.2f}"
    )


if __name__ == "__main__":
    main()
