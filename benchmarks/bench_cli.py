"""Command line: start-up time of ``check`` and the peak memory of the csv report.

(1) ``python -m analytics check`` on a one-row csv against ``python -c "import pandas,
    python_calamine, yaml"``, the floor any reader of surveys pays: the two take turns for
    ``--runs`` rounds and each keeps its median. Target: check / imports <= 1.4, which holds
    only when ``check`` leaves the PDF, Plotly and XlsxWriter code unimported.
(2) ``python -m analytics report SURVEY --out report.csv`` on a 20,000-person survey: the
    peak resident memory of the process (from ``wait4``), beside the peak of ``check`` on
    the same file (reading it, the floor of any command). Target: under 400 MiB.

Run from the project root: ``python benchmarks/bench_cli.py [--people 20000] [--runs 9]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from analytics.framework import default_framework  # noqa: E402
from sample_data.make_sample import make_wide_survey  # noqa: E402

START_TARGET = 1.4
MEMORY_TARGET_MIB = 400
ONE_ROW = "Name,Team,Role,Campaign planning\nAyu,Growth,Digital Marketing Specialist,3\n"


def run(args: list[str]) -> tuple[float, float]:
    """Wall time in seconds and peak resident memory in MiB of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "one_row.csv"
        small.write_text(ONE_ROW, encoding="utf-8")
        jobs = {
            "check, one-row csv": [python, "-m", "analytics", "check", str(small)],
            "import pandas, calamine, yaml": [python, "-c", "import pandas, python_calamine, yaml"],
        }
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(args.runs):
            for name, command in jobs.items():
                times[name].append(run(command)[0])
        median = {name: statistics.median(values) for name, values in times.items()}
        for name, value in median.items():
            print(f"{name:<32} median {value:.3f} s")
        ratio = median["check, one-row csv"] / median["import pandas, calamine, yaml"]
        print(f"check / imports = {ratio:.2f}   (target <= {START_TARGET})")

        survey = Path(tmp) / "survey.xlsx"
        wide = make_wide_survey(args.people, default_framework())
        with pd.ExcelWriter(survey, engine="xlsxwriter") as writer:
            wide.to_excel(writer, sheet_name="Form responses 1", index=False)
        _, floor = run([python, "-m", "analytics", "check", str(survey)])
        seconds, peak = run(
            [python, "-m", "analytics", "report", str(survey), "--out", str(Path(tmp) / "report.csv")]
        )
        print(f"check {args.people:,}-person survey: peak {floor:.0f} MiB")
        print(
            f"csv report, {args.people:,} people: peak {peak:.0f} MiB in {seconds:.1f} s, "
            f"{peak / floor:.2f}x the check   (target < {MEMORY_TARGET_MIB} MiB)"
        )
    sys.exit(0 if ratio <= START_TARGET and peak < MEMORY_TARGET_MIB else 1)


if __name__ == "__main__":
    main()
