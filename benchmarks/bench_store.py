"""Store benchmark: a 20,000-person round saved and opened, against reading its xlsx again.

On SQLite (a file in a temporary folder) and on PostgreSQL (a schema of its own on the
server, dropped after), beside ``read_survey`` of the same xlsx in the same run:

(1) open / ingest: ``Store.open`` + ``open_round`` + ``open_together``, in process, against
    ``read_survey`` of the file. Target <= 0.5: a stored round must open faster than its
    file can be read again, or there is no point in storing it.
(2) save / ingest: ``Store.save_round`` of the ingested round. Target <= 2.5.
(3) whole process: ``python -m analytics summary --stored NAME`` against
    ``python -m analytics summary FILE.xlsx``, start-up included. Target <= 0.8.

Every figure is the best of ``--runs`` (default 3), the jobs taking turns within a round so
a shared machine's drifting speed weighs on both sides alike (see bench_ingest.py).

Run from the project root: ``python benchmarks/bench_store.py [--people 20000] [--runs 3]``;
PostgreSQL is the server of ``SKILLS_TEST_POSTGRES_URL`` (default 127.0.0.1:5432, db ``test``).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import URL, make_url  # noqa: E402
from sqlalchemy.exc import OperationalError  # noqa: E402

from analytics.files import SurveyFile  # noqa: E402
from analytics.framework import default_framework  # noqa: E402
from analytics.ingest import read_survey  # noqa: E402
from analytics.store import Store, database_url, open_together  # noqa: E402
from sample_data.make_sample import make_wide_survey  # noqa: E402

OPEN_TARGET, SAVE_TARGET, PROCESS_TARGET = 0.5, 2.5, 0.8
POSTGRES_URL = os.environ.get("SKILLS_TEST_POSTGRES_URL", "postgresql+psycopg://127.0.0.1:5432/test")
NAME = "Bench round"


def best_of(runs: int, *jobs: Callable[[], object]) -> list[float]:
    """Each job's best time over ``runs`` rounds, the jobs taking turns within a round."""
    best = [float("inf")] * len(jobs)
    for _ in range(runs):
        for at, job in enumerate(jobs):
            start = time.perf_counter()
            job()
            best[at] = min(best[at], time.perf_counter() - start)
    return best


def processes(runs: int, env: dict[str, str], *commands: list[str]) -> list[tuple[float, float]]:
    """Each ``python -m analytics`` command's best wall time and best CPU time (user + system)
    over ``runs`` rounds, the commands taking turns. CPU time is printed beside the wall time
    because it drifts less on a busy machine; the targets are on wall time.
    """
    best = [(float("inf"), float("inf"))] * len(commands)
    for _ in range(runs):
        for at, args in enumerate(commands):
            start = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-m", "analytics", *args],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            assert child.stderr is not None
            errors = child.stderr.read()
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(f"python -m analytics {' '.join(args)} failed: {errors.decode().strip()}")
            cpu = usage.ru_utime + usage.ru_stime
            best[at] = (min(best[at][0], wall), min(best[at][1], cpu))
    return best


@contextlib.contextmanager
def postgres_schema() -> Iterator[URL | None]:
    """A URL whose connections see a new, empty schema (dropped after); None when no server answers."""
    server = make_url(POSTGRES_URL)
    admin = create_engine(server, connect_args={"connect_timeout": 3})
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        print(f"PostgreSQL at {server.render_as_string(hide_password=True)} cannot be reached: {exc.orig}")
        admin.dispose()
        yield None
        return
    try:
        yield server.update_query_dict({"options": f"-csearch_path={schema}"})
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def measure(label: str, url: URL, env: dict[str, str], survey: SurveyFile, path: Path, runs: int) -> bool:
    """Print the three ratios for the store at ``url``; True when every target is met."""
    framework = default_framework()
    result = read_survey(survey.data, framework, survey.name)
    store = Store.open(url)
    store.save_round(NAME, result, framework, survey.name, survey.digest, "benchmark")
    copies = itertools.count(1)

    def ingest() -> None:
        read_survey(survey.data, framework, survey.name)

    def save() -> None:
        store.save_round(
            f"{NAME} copy {next(copies)}", result, framework, survey.name, survey.digest, "benchmark", True
        )

    def open_stored() -> None:
        opened = Store.open(url)
        open_together([opened.open_round(NAME)])
        opened.close()

    ingest_s, save_s, open_s = best_of(runs, ingest, save, open_stored)
    store.close()
    (from_file, file_cpu), (from_store, store_cpu) = processes(
        runs, env, ["summary", str(path)], ["summary", "--stored", NAME]
    )
    ratios = (open_s / ingest_s, save_s / ingest_s, from_store / from_file)
    print(f"\n{label}")
    print(f"  read_survey of the xlsx             : {ingest_s:6.3f} s")
    print(f"  save_round                          : {save_s:6.3f} s")
    print(f"  Store.open, open_round, open_together: {open_s:6.3f} s")
    print(f"  summary FILE.xlsx, whole process    : {from_file:6.3f} s (CPU {file_cpu:.3f} s)")
    print(f"  summary --stored NAME, whole process: {from_store:6.3f} s (CPU {store_cpu:.3f} s)")
    print(f"  open / ingest         = {ratios[0]:5.2f}   (target <= {OPEN_TARGET})")
    print(f"  save / ingest         = {ratios[1]:5.2f}   (target <= {SAVE_TARGET})")
    print(
        f"  summary stored / file = {ratios[2]:5.2f}   (target <= {PROCESS_TARGET}; "
        f"CPU {store_cpu / file_cpu:.2f})"
    )
    return ratios[0] <= OPEN_TARGET and ratios[1] <= SAVE_TARGET and ratios[2] <= PROCESS_TARGET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    framework = default_framework()
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    met = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "survey.xlsx"
        start = time.perf_counter()
        make_wide_survey(args.people, framework).to_excel(path, index=False, engine="xlsxwriter")
        survey = SurveyFile(path.name, path.read_bytes())
        ratings = read_survey(survey.data, framework, survey.name).ratings
        print(
            f"survey: {args.people:,} people x {len(framework.skills)} skills, {len(ratings):,} ratings, "
            f"written in {time.perf_counter() - start:.1f} s ({len(survey.data) / 1e6:.1f} MB)"
        )

        data_dir = Path(tmp) / "data"
        sqlite_env = {**base_env, "SKILLS_DATA_DIR": str(data_dir)}
        sqlite = database_url(f"sqlite:///{data_dir / 'skills.db'}")
        met &= measure("SQLite", sqlite, sqlite_env, survey, path, args.runs)

        with postgres_schema() as postgres:
            if postgres is not None:
                postgres_env = {**base_env, "DATABASE_URL": postgres.render_as_string(hide_password=False)}
                met &= measure("PostgreSQL", postgres, postgres_env, survey, path, args.runs)
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
