"""The command line's stored rounds, as a planner's script uses them: rounds list|save|rename|delete
and ``summary``/``report --stored``.

Runs ``python -m analytics`` in a real subprocess with ``SKILLS_DATA_DIR`` set to the test's
own folder and ``DATABASE_URL`` unset (so the store is a fresh SQLite file), and once on
PostgreSQL. Figures from stored rounds are compared with the same command on the file, or
worked out by hand from the small test framework in tests/conftest.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from sqlalchemy.engine import URL

from analytics import columns as c
from analytics.framework import Framework, default_framework, framework_from_dict
from analytics.ingest import IngestResult
from tests.helpers.app import ROOT, SAMPLE

Run = Callable[..., subprocess.CompletedProcess[str]]
SAMPLE_LABELS = ["2026-Q1", "2026-Q3"]
MARCH = "Name,Team,Role,Campaign planning\nAna,Growth,Digital Marketer,2\nBen,Growth,Digital Marketer,4\n"
JUNE = (
    "Name,Team,Role,Campaign planning\n"
    "Ana,Growth,Digital Marketer,4\nBen,Growth,Digital Marketer,5\nCy,Care,Digital Marketer,1\n"
)


def _runner(data_dir: Path, database_url: str | None = None) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SKILLS_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url

    def run(*args: str, stdin: Any = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "analytics", *args],
            cwd=ROOT,
            env=env,
            stdin=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.fixture
def cli(tmp_path: Path) -> Run:
    """The command line on a store of its own: a SQLite file in this test's folder."""
    return _runner(tmp_path / "data")


@pytest.fixture
def saved(cli: Run) -> Run:
    """The command line on a store holding the sample survey as round 'Sample 2026'."""
    done = cli("rounds", "save", str(SAMPLE), "--name", "Sample 2026")
    assert done.returncode == 0, done.stderr
    return cli


@pytest.fixture
def two_months(tmp_path: Path, cli: Run, small_framework: Framework) -> Run:
    """Rounds 'March' (Ana 2, Ben 4) and 'June' (Ana 4, Ben 5, Cy 1) on campaign planning."""
    framework = tmp_path / "framework.yaml"
    framework.write_text(small_framework.to_yaml(), encoding="utf-8")
    for name, text in (("March", MARCH), ("June", JUNE)):
        path = tmp_path / f"{name.lower()}.csv"
        path.write_text(text, encoding="utf-8")
        done = cli("rounds", "save", str(path), "--name", name, "--framework", str(framework))
        assert done.returncode == 0, done.stderr
    return cli


def _rated(result: IngestResult) -> int:
    return int(result.ratings[c.RATING].notna().sum())


def _plain_failure(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done.stderr


# Saving and listing ------------------------------------------------------------------------


def test_saving_the_sample_says_what_was_saved_and_lists_it(
    cli: Run, tmp_path: Path, sample_result: IngestResult
) -> None:
    done = cli("rounds", "save", str(SAMPLE), "--name", "  Sample   2026 ")
    assert done.returncode == 0, done.stderr
    ratings = _rated(sample_result)
    assert done.stdout.splitlines() == [
        f"Saved round 'Sample 2026' from {SAMPLE.name}: 47 people, {ratings:,} ratings, "
        f"survey rounds 2026-Q1, 2026-Q3 (in the SQLite file {tmp_path / 'data' / 'skills.db'})."
    ]

    listed = cli("rounds", "list")
    assert listed.returncode == 0, listed.stderr
    header, row, *more = listed.stdout.splitlines()
    assert not more
    assert header.split("  ")[0] == "Name"
    for heading in ("People", "Ratings", "Rounds in the data", "File", "Saved by", "Saved at"):
        assert heading in header
    assert row.startswith("Sample 2026 ")
    for cell in ("47", f"{ratings:,}", "2026-Q1, 2026-Q3", SAMPLE.name, "(command line)"):
        assert cell in row
    shown = dt.datetime.strptime(row[-16:], "%Y-%m-%d %H:%M")  # local time, to the minute
    assert abs((dt.datetime.now() - shown).total_seconds()) < 180

    (record,) = json.loads(cli("rounds", "list", "--json").stdout)
    assert {k: record[k] for k in ("name", "people", "ratings", "labels", "file")} == {
        "name": "Sample 2026",
        "people": 47,
        "ratings": ratings,
        "labels": SAMPLE_LABELS,
        "file": SAMPLE.name,
    }
    assert record["saved_by"].endswith(" (command line)")
    saved_at = dt.datetime.fromisoformat(record["saved_at"])
    assert abs((dt.datetime.now(dt.UTC) - saved_at).total_seconds()) < 120


def test_an_empty_store_says_how_to_save_a_round(cli: Run) -> None:
    done = cli("rounds", "list")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        "No rounds are stored yet. Save one with: python -m analytics rounds save FILE --name NAME"
    )
    assert json.loads(cli("rounds", "list", "--json").stdout) == []


def test_the_same_file_is_saved_again_only_with_again(saved: Run) -> None:
    again = saved("rounds", "save", str(SAMPLE), "--name", "Copy")
    message = _plain_failure(again)
    assert "saved before, as 'Sample 2026'" in message
    assert "add --again to save a copy" in message
    assert [r["name"] for r in json.loads(saved("rounds", "list", "--json").stdout)] == ["Sample 2026"]
    copy = saved("rounds", "save", str(SAMPLE), "--name", "Copy", "--again")
    assert copy.returncode == 0, copy.stderr
    assert [r["name"] for r in json.loads(saved("rounds", "list", "--json").stdout)] == [
        "Sample 2026",
        "Copy",
    ]


def test_a_taken_name_is_refused(saved: Run, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text(MARCH, encoding="utf-8")
    message = _plain_failure(saved("rounds", "save", str(other), "--name", "Sample 2026"))
    assert "A round named 'Sample 2026' is already stored" in message
    assert len(json.loads(saved("rounds", "list", "--json").stdout)) == 1


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"", "empty.csv"), (b"PK\x03\x04broken zip", "broken.xlsx"), (b"Team;Role\nGrowth;Manager\n", "x.csv")],
)
def test_a_file_check_refuses_is_refused_alike_and_nothing_is_saved(
    cli: Run, tmp_path: Path, content: bytes, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    checked = cli("check", str(path))
    refused = cli("rounds", "save", str(path), "--name", "Bad")
    assert _plain_failure(refused) == _plain_failure(checked)
    assert refused.stdout == ""
    assert json.loads(cli("rounds", "list", "--json").stdout) == []


def test_a_missing_file_or_framework_is_said_plainly(cli: Run, tmp_path: Path) -> None:
    assert "Cannot open" in _plain_failure(cli("rounds", "save", str(tmp_path / "nope.xlsx"), "--name", "X"))
    bad = tmp_path / "framework.yaml"
    bad.write_text("scale: {min: 1, max: 5}\nareas: []\nroles: [{id: x, name: X, targets: {nope: 3}}]\n")
    message = _plain_failure(cli("rounds", "save", str(SAMPLE), "--name", "X", "--framework", str(bad)))
    assert "unknown skill 'nope'" in message


# Rename and delete -------------------------------------------------------------------------


def test_rename_then_the_old_name_is_unknown(saved: Run) -> None:
    done = saved("rounds", "rename", "Sample 2026", "Q1 and Q3")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Renamed round 'Sample 2026' to 'Q1 and Q3'."
    message = _plain_failure(saved("summary", "--stored", "Sample 2026"))
    assert "No round named 'Sample 2026' is stored" in message and "'Q1 and Q3'" in message
    assert saved("summary", "--stored", "Q1 and Q3").returncode == 0


def test_rename_to_a_taken_name_is_refused(saved: Run) -> None:
    assert saved("rounds", "save", str(SAMPLE), "--name", "Copy", "--again").returncode == 0
    message = _plain_failure(saved("rounds", "rename", "Copy", "Sample 2026"))
    assert "A round named 'Sample 2026' is already stored" in message


def test_unknown_names_list_the_stored_rounds(saved: Run) -> None:
    for args in (("rounds", "rename", "Nope", "X"), ("rounds", "delete", "Nope", "--yes")):
        message = _plain_failure(saved(*args))
        assert message.strip() == "No round named 'Nope' is stored. Stored rounds: 'Sample 2026'."


def test_delete_without_yes_and_no_terminal_is_refused(saved: Run) -> None:
    message = _plain_failure(saved("rounds", "delete", "Sample 2026"), code=2)
    assert "--yes" in message and "usage: python -m analytics rounds delete" in message
    assert len(json.loads(saved("rounds", "list", "--json").stdout)) == 1
    done = saved("rounds", "delete", "Sample 2026", "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Deleted round 'Sample 2026' (47 people) and its training plans."
    assert json.loads(saved("rounds", "list", "--json").stdout) == []


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "deleted"), [("n\n", False), ("\n", False), ("y\n", True)])
def test_delete_on_a_terminal_asks_first(saved: Run, answer: str, deleted: bool) -> None:
    keyboard, terminal = os.openpty()
    try:
        os.write(keyboard, answer.encode())
        done = saved("rounds", "delete", "Sample 2026", stdin=terminal)
    finally:
        os.close(keyboard)
        os.close(terminal)
    assert done.returncode == 0, done.stderr
    assert "Delete round 'Sample 2026' (47 people) and its training plans? [y/N]" in done.stderr
    left = [r["name"] for r in json.loads(saved("rounds", "list", "--json").stdout)]
    assert left == ([] if deleted else ["Sample 2026"])
    assert ("Deleted round" in done.stdout) is deleted
    assert ("Nothing was deleted." in done.stdout) is not deleted


# Summary and report of stored rounds -------------------------------------------------------


def test_summary_of_a_stored_round_is_the_summary_of_its_file(saved: Run) -> None:
    for options in (("--by", "team"), ("--by", "area,person", "--rater", "combined")):
        from_file = saved("summary", str(SAMPLE), *options, "--json")
        from_store = saved("summary", "--stored", "Sample 2026", *options, "--json")
        assert from_file.returncode == from_store.returncode == 0, from_store.stderr
        assert json.loads(from_store.stdout) == json.loads(from_file.stdout)
        assert json.loads(from_file.stdout)
        # Both default to the latest round, which the stored one calls by its stored name.
        assert "round 2026-Q3, the latest of 2" in from_file.stderr
        assert "round Sample 2026 · 2026-Q3, the latest of 2" in from_store.stderr
    earlier = saved("summary", "--stored", "Sample 2026", "--round", "Sample 2026 · 2026-Q1", "--json")
    assert json.loads(earlier.stdout) == json.loads(
        saved("summary", str(SAMPLE), "--round", "2026-Q1", "--json").stdout
    )
    text_file = saved("summary", str(SAMPLE), "--by", "area")
    assert saved("summary", "--stored", "Sample 2026", "--by", "area").stdout == text_file.stdout


def test_two_stored_rounds_are_opened_together(two_months: Run) -> None:
    done = two_months("summary", "--stored", "March", "--stored", "June", "--by", "round", "--json")
    assert done.returncode == 0, done.stderr
    rows = {r["round"]: r for r in json.loads(done.stdout)}
    assert set(rows) == {"March", "June"}
    # Specialists, target 3 on campaign planning. March: Ana 2 (short 1), Ben 4 (at).
    assert (rows["March"]["n_people"], rows["March"]["n_pairs"]) == (2, 2)
    assert rows["March"]["mean_rating"] == pytest.approx(3.0)
    assert rows["March"]["readiness"] == pytest.approx(0.5)
    assert rows["March"]["mean_shortfall"] == pytest.approx(0.5)
    # June: Ana 4 and Ben 5 (at), Cy 1 (short 2).
    assert (rows["June"]["n_people"], rows["June"]["n_pairs"]) == (3, 3)
    assert rows["June"]["mean_rating"] == pytest.approx(10 / 3)
    assert rows["June"]["readiness"] == pytest.approx(2 / 3)
    assert rows["June"]["mean_shortfall"] == pytest.approx(2 / 3)
    # The same round named twice counts once.
    twice = two_months("summary", "--stored", "June", "--stored", " June ", "--json")
    assert {r["team"]: r["n_pairs"] for r in json.loads(twice.stdout)} == {"Care": 1, "Growth": 2}
    assert "different framework versions" not in done.stderr


def test_a_report_of_stored_rounds_is_titled_with_their_names(two_months: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = two_months("report", "--stored", "March", "--stored", "June", "--round", "June", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out} (html: 3 people, 3 rated skills, round June)."
    assert "<title>Skills-gap report: March, June</title>" in out.read_text(encoding="utf-8")


def test_rounds_of_different_frameworks_say_which_one_is_used(saved: Run, tmp_path: Path) -> None:
    data = default_framework().to_dict()
    data["name"] = "Edited framework"
    edited = tmp_path / "edited.yaml"
    edited.write_text(framework_from_dict(data, origin="edited").to_yaml(), encoding="utf-8")
    done = saved("rounds", "save", str(SAMPLE), "--name", "Edited", "--framework", str(edited), "--again")
    assert done.returncode == 0, done.stderr
    together = saved("summary", "--stored", "Sample 2026", "--stored", "Edited", "--by", "round", "--json")
    assert together.returncode == 0, together.stderr
    assert "scored against different framework versions" in together.stderr
    assert "the one of 'Edited', saved last (Edited framework)" in together.stderr
    rounds = {r["round"] for r in json.loads(together.stdout)}
    assert rounds == {f"{n} · {label}" for n in ("Sample 2026", "Edited") for label in SAMPLE_LABELS}
    chosen = saved(
        "summary", "--stored", "Sample 2026", "--stored", "Edited", "--framework", str(edited), "--json"
    )
    assert chosen.returncode == 0, chosen.stderr
    assert f"the one in {edited} (Edited framework)" in chosen.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("summary",),
        ("summary", str(SAMPLE), "--stored", "Sample 2026"),
        ("report", "--out", "x.xlsx"),
        ("report", str(SAMPLE), "--stored", "Sample 2026", "--out", "x.xlsx"),
        ("rounds",),
        ("rounds", "save", str(SAMPLE)),
        ("rounds", "rename", "only-one"),
    ],
)
def test_file_or_stored_and_other_usage_errors_exit_2(cli: Run, args: tuple[str, ...]) -> None:
    message = _plain_failure(cli(*args), code=2)
    assert "usage:" in message
    if "summary" in args or "report" in args:
        assert "FILE" in message and "--stored" in message


def test_an_unknown_stored_round_for_summary_and_report(saved: Run, tmp_path: Path) -> None:
    for args in (
        ("summary", "--stored", "Nope"),
        ("report", "--stored", "Nope", "--out", str(tmp_path / "r.csv")),
    ):
        message = _plain_failure(saved(*args))
        assert message.strip() == "No round named 'Nope' is stored. Stored rounds: 'Sample 2026'."
    assert not (tmp_path / "r.csv").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("rounds", "list"),
        ("rounds", "save", str(SAMPLE), "--name", "X"),
        ("rounds", "delete", "X", "--yes"),
        ("summary", "--stored", "X"),
    ],
)
def test_a_database_that_is_down_is_said_plainly(tmp_path: Path, args: tuple[str, ...]) -> None:
    down = _runner(tmp_path, "postgresql://x@127.0.0.1:9/x")
    done = down(*args)
    message = _plain_failure(done)
    assert "did not answer" in message and "DATABASE_URL" in message
    assert done.stdout == ""


def test_a_database_url_that_names_no_database_is_said_plainly(tmp_path: Path) -> None:
    for url in ("not a url", "mysql://x@127.0.0.1/x"):
        message = _plain_failure(_runner(tmp_path, url)("rounds", "list"))
        assert "DATABASE_URL is not a database address" in message


def test_check_and_summary_of_a_file_leave_the_store_unimported(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text(MARCH, encoding="utf-8")
    script = (
        "import sys\n"
        "from analytics.__main__ import main\n"
        f"main(['check', {str(path)!r}])\n"
        f"main(['summary', {str(path)!r}])\n"
        "heavy = ('sqlalchemy', 'alembic', 'psycopg')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy or m.startswith('analytics.store')]\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


# PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres
def test_rounds_on_postgresql(tmp_path: Path, postgres_url: URL, sample_result: IngestResult) -> None:
    run = _runner(tmp_path / "unused", postgres_url.render_as_string(hide_password=False))
    done = run("rounds", "save", str(SAMPLE), "--name", "Sample 2026")
    assert done.returncode == 0, done.stderr
    assert "the PostgreSQL database" in done.stdout
    (record,) = json.loads(run("rounds", "list", "--json").stdout)
    assert (record["name"], record["people"], record["ratings"]) == ("Sample 2026", 47, _rated(sample_result))
    assert record["labels"] == SAMPLE_LABELS
    from_store = run("summary", "--stored", "Sample 2026", "--by", "team,rater", "--json")
    from_file = run("summary", str(SAMPLE), "--by", "team,rater", "--json")
    assert from_store.returncode == 0, from_store.stderr
    assert json.loads(from_store.stdout) == json.loads(from_file.stdout)
    assert "already stored" in _plain_failure(
        run("rounds", "save", str(SAMPLE), "--name", "Sample 2026", "--again")
    )
    assert run("rounds", "rename", "Sample 2026", "Both rounds").returncode == 0
    assert run("rounds", "delete", "Both rounds", "--yes").returncode == 0
    assert json.loads(run("rounds", "list", "--json").stdout) == []
    assert not (tmp_path / "unused").exists()  # nothing went to a SQLite file


def test_a_report_of_two_stored_months_has_the_trend_since_the_month_before(
    cli: Run, tmp_path: Path, small_framework: Framework
) -> None:
    """March 2026 then June 2026, ordered as dates: Ana 2 -> 4 and Ben 4 -> 5 on campaign planning
    (Cy is new in June and not compared): a mean of 3.0 -> 4.5, a change of 1.5; Ana's gap (target
    3) closed."""
    framework = tmp_path / "framework.yaml"
    framework.write_text(small_framework.to_yaml(), encoding="utf-8")
    for name, text in (("June 2026", JUNE), ("March 2026", MARCH)):
        path = tmp_path / f"{name.split()[0].lower()}.csv"
        path.write_text(text, encoding="utf-8")
        done = cli("rounds", "save", str(path), "--name", name, "--framework", str(framework))
        assert done.returncode == 0, done.stderr
    out = tmp_path / "report.xlsx"
    done = cli("report", "--stored", "June 2026", "--stored", "March 2026", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "round June 2026" in done.stdout
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Trends"].iter_rows(values_only=True))
    assert rows[0][0] == "Change from March 2026 to June 2026"
    headings, strategy = rows[3], rows[4]
    figures = dict(zip(headings, strategy, strict=True))
    assert figures["People"] == 2
    assert figures["Rating March 2026"] == pytest.approx(3.0)
    assert figures["Rating June 2026"] == pytest.approx(4.5)
    assert figures["Change"] == pytest.approx(1.5)
    assert (figures["Closed"], figures["Opened"]) == (1, 0)


def test_several_files_are_saved_as_one_round(cli: Run, tmp_path: Path, small_framework: Framework) -> None:
    framework = tmp_path / "framework.yaml"
    framework.write_text(small_framework.to_yaml(), encoding="utf-8")
    march, june = tmp_path / "team_a.csv", tmp_path / "team_b.csv"
    march.write_text(MARCH, encoding="utf-8")
    june.write_text(JUNE.replace("Ana,", "Ann,").replace("Ben,", "Bo,"), encoding="utf-8")
    done = cli("rounds", "save", str(march), str(june), "--name", "Both teams", "--framework", str(framework))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Saved round 'Both teams' from team_a.csv, team_b.csv: 5 people")
    (record,) = json.loads(cli("rounds", "list", "--json").stdout)
    assert record["file"] == "team_a.csv, team_b.csv" and record["people"] == 5
    again = cli("rounds", "save", str(june), str(march), "--name", "Again", "--framework", str(framework))
    assert "saved before" in _plain_failure(again)  # the same files in another order are the same upload


@pytest.fixture
def planned(cli: Run, tmp_path: Path, small_framework: Framework) -> Run:
    """Round 'June' (Cy, rated 1, is below the target of 3 on campaign planning) with the plan
    'Spring plan' saved as the Priorities page saves one: a brief-writing clinic from 1 Feb 2027."""
    from analytics.store import Store
    from analytics.views.plan import ActionChoice, PlanChoices

    framework = tmp_path / "framework.yaml"
    framework.write_text(small_framework.to_yaml(), encoding="utf-8")
    path = tmp_path / "june.csv"
    path.write_text(JUNE, encoding="utf-8")
    assert cli("rounds", "save", str(path), "--name", "June", "--framework", str(framework)).returncode == 0
    choices = PlanChoices(
        top=1,
        actions=(
            ActionChoice(
                "campaign_planning", "Brief writing clinic", "workshop", 2.5, 150_000, dt.date(2027, 2, 1)
            ),
        ),
        budget=1_000_000,
    )
    store = Store.open(f"sqlite:///{tmp_path / 'data' / 'skills.db'}")
    try:
        june = store.round_info("June")
        members = pd.DataFrame({c.SKILL_ID: ["campaign_planning"], c.RESPONDENT_ID: ["cy"], "action": ["x"]})
        store.save_plan(june.id, "Spring plan", members, "tester", choices.to_dict())
    finally:
        store.close()
    return cli


def _cells(path: Path, sheet: str) -> set[object]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {value for row in book[sheet].iter_rows(values_only=True) for value in row}


def test_a_report_plans_with_the_plan_saved_with_the_round(planned: Run, tmp_path: Path) -> None:
    import icalendar

    plain, with_plan = tmp_path / "plain.xlsx", tmp_path / "planned.xlsx"
    assert planned("report", "--stored", "June", "--out", str(plain)).returncode == 0
    done = planned("report", "--stored", "June", "--plan", "spring PLAN", "--out", str(with_plan))
    assert done.returncode == 0, done.stderr
    assert "Brief writing clinic" not in _cells(plain, "Training plan")
    for sheet in ("Training plan", "Development plans"):
        assert "Brief writing clinic" in _cells(with_plan, sheet), sheet
    # One person (Cy) at 150,000 each, against a budget of 1,000,000.
    assert 150_000 in _cells(with_plan, "Training plan")

    calendar = tmp_path / "plan.ics"
    done = planned("report", "--stored", "June", "--plan", "Spring plan", "--out", str(calendar))
    assert done.returncode == 0, done.stderr
    events = icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
    assert len(events) == 1
    assert "Brief writing clinic" in str(events[0]["SUMMARY"])
    assert events[0].decoded("DTSTART") == dt.date(2027, 2, 1)
    # Without the plan nothing is scheduled.
    done = planned("report", "--stored", "June", "--out", str(calendar))
    assert done.returncode == 0, done.stderr
    assert icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT") == []


def test_a_plan_that_is_not_saved_lists_the_saved_ones(planned: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    done = planned("report", "--stored", "June", "--plan", "Autumn plan", "--out", str(out))
    assert done.returncode == 2
    assert "no training plan called 'Autumn plan'" in done.stderr and "'Spring plan'" in done.stderr
    done = planned("report", str(SAMPLE), "--plan", "Spring plan", "--out", str(out))
    assert done.returncode == 2 and "give --stored NAME too" in done.stderr
    assert not out.exists()
