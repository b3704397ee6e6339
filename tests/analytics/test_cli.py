"""The command line as a planner's script uses it: exit codes, JSON shapes, plain errors.

Runs ``python -m analytics`` in a real subprocess on small files written here; the
expected figures are worked out by hand from the small test framework in conftest.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analytics.framework import Framework
from tests.helpers.app import ROOT, SAMPLE

# Semicolons, a decimal comma, an Indonesian role alias and Indonesian level names.
SURVEY_CSV = (
    "Name;Email;Team;Role;Rate your skills [Campaign planning];Rate your skills [Web analytics]\n"
    "Ana;ana@x.id;Growth;Digital Marketing Manager;2;5\n"
    "Ben;ben@x.id;Growth;Spesialis Pemasaran Digital;3,5;N/A\n"
    "Cy;cy@x.id;Care;Digital Marketer;Pemula;Mahir\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def survey(tmp_path: Path, small_framework: Framework) -> tuple[Path, Path]:
    csv_path = tmp_path / "survey.csv"
    csv_path.write_text(SURVEY_CSV, encoding="utf-8")
    framework_path = tmp_path / "framework.yaml"
    framework_path.write_text(small_framework.to_yaml(), encoding="utf-8")
    return csv_path, framework_path


def test_check_json_reports_mapping_counts_and_issues(survey: tuple[Path, Path]) -> None:
    csv_path, framework_path = survey
    done = run("check", str(csv_path), "--framework", str(framework_path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["respondents"] == 3
    assert report["ratings"] == 5  # 3 people x 2 skills, less Ben's N/A
    assert report["not_applicable"] == 1
    assert report["mapping"] == {
        "Rate your skills [Campaign planning]": "campaign_planning",
        "Rate your skills [Web analytics]": "web_analytics",
    }
    assert report["unmatched_columns"] == []
    assert {"severity", "row", "column", "message"} <= set(report["issues"][0])
    assert any("not applicable" in i["message"] for i in report["issues"])


def test_summary_by_team_matches_hand_worked_figures(survey: tuple[Path, Path]) -> None:
    csv_path, framework_path = survey
    done = run("summary", str(csv_path), "--framework", str(framework_path), "--by", "team", "--json")
    assert done.returncode == 0, done.stderr
    rows = {r["team"]: r for r in json.loads(done.stdout)}
    # Growth: Ana CP 2 vs 4 (short 2), Ana web 5 vs 3 (at), Ben CP 3.5 vs 3 (at); Ben web N/A.
    growth = rows["Growth"]
    assert growth["n_people"] == 2
    assert growth["n_pairs"] == 3
    assert growth["mean_rating"] == pytest.approx((2 + 5 + 3.5) / 3)
    assert growth["mean_target"] == pytest.approx((4 + 3 + 3) / 3)
    assert growth["mean_shortfall"] == pytest.approx(2 / 3)
    assert growth["readiness"] == pytest.approx(2 / 3)
    # Care: Cy is a specialist: CP Pemula=1 vs 3 (short 2), web Mahir=4 vs 4 (at).
    care = rows["Care"]
    assert (care["n_people"], care["n_pairs"]) == (1, 2)
    assert care["mean_rating"] == pytest.approx(2.5)
    assert care["mean_shortfall"] == pytest.approx(1.0)
    assert care["readiness"] == pytest.approx(0.5)


def test_summary_of_sample_by_round_and_rater_has_both_rounds(tmp_path: Path) -> None:
    done = run("summary", str(SAMPLE), "--by", "round,rater", "--json")
    assert done.returncode == 0, done.stderr
    keys = {(r["round"], r["rater"]) for r in json.loads(done.stdout)}
    assert keys == {("2026-Q1", "self"), ("2026-Q1", "manager"), ("2026-Q3", "self"), ("2026-Q3", "manager")}


def test_summary_text_defaults_to_latest_round(survey: tuple[Path, Path]) -> None:
    done = run("summary", str(SAMPLE), "--by", "area")
    assert done.returncode == 0, done.stderr
    assert "2026-Q3" in done.stderr
    assert "Strategy" in done.stdout and "strategy" not in done.stdout


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.7 not a survey", "report.pdf"),
        (b"", "empty.csv"),
        (b"PK\x03\x04broken zip", "broken.xlsx"),
        (b"Team;Role\nGrowth;Manager\n", "no_names.csv"),
    ],
)
def test_unusable_files_exit_1_with_a_plain_message(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    done = run("check", str(path))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert 1 <= len(done.stderr.strip().splitlines()) <= 2
    assert done.stdout == ""


def test_missing_file_exits_1(tmp_path: Path) -> None:
    done = run("summary", str(tmp_path / "nope.xlsx"))
    assert done.returncode == 1
    assert "Cannot open" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "args", [(), ("check",), ("summary", str(SAMPLE), "--by", "colour"), ("frobnicate", "x")]
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "usage:" in done.stderr


def test_broken_framework_lists_its_problems_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "framework.yaml"
    bad.write_text("scale: {min: 1, max: 5}\nareas: []\nroles: [{id: x, name: X, targets: {nope: 3}}]\n")
    done = run("check", str(SAMPLE), "--framework", str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "unknown skill 'nope'" in done.stderr


def test_report_writes_each_format_with_filters(tmp_path: Path) -> None:
    out = tmp_path / "growth.xlsx"
    done = run(
        "report", str(SAMPLE), "--out", str(out), "--team", "Growth", "--role", "Manajer Pemasaran Digital"
    )
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out, read_only=True)
    assert {"Summary", "Gaps", "Training plan", "Validation"} <= set(book.sheetnames)
    # The Gaps sheet has only Growth people whose role is the manager one.
    gaps_rows = list(book["Gaps"].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(gaps_rows) if "Team" in row)  # below the title and notes
    header = list(gaps_rows[at])
    teams = {row[header.index("Team")] for row in gaps_rows[at + 1 :] if any(row)}
    roles = {row[header.index("Role")] for row in gaps_rows[at + 1 :] if any(row)}
    assert teams == {"Growth"}
    assert roles == {"Digital Marketing Manager"}


def test_anonymised_csv_report_holds_no_real_name(tmp_path: Path) -> None:
    out = tmp_path / "gaps.csv"
    done = run("report", str(SAMPLE), "--out", str(out), "--anonymise")
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8-sig")
    frames = pd.read_excel(SAMPLE, sheet_name=None, engine="calamine")
    names = {n for frame in frames.values() for n in frame["Name"]}
    assert names
    assert not [n for n in names if n in text]


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--out", "report.docx"), 2),
        (("--out", "report.xlsx", "--role", "Astronaut"), 2),
        (("--out", "report.xlsx", "--team", "Nobody"), 2),
        (("--out", "report.xlsx", "--round", "1999-Q1"), 2),
        (("--out", "report.xlsx", "--top", "0"), 2),
        (("--out", "report.xlsx", "--min-group", "0"), 2),
    ],
)
def test_report_refuses_bad_options_plainly(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "report", str(SAMPLE), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


def test_summary_prints_names_and_keeps_ids_beside_them_in_json(survey: tuple[Path, Path]) -> None:
    csv_path, framework_path = survey
    text = run("summary", str(csv_path), "--framework", str(framework_path), "--by", "person,skill,role")
    assert text.returncode == 0, text.stderr
    header, *lines = text.stdout.splitlines()
    assert header.split()[:3] == ["Person", "Skill", "Role"]
    assert any(
        line.startswith("Ana") and "Campaign planning" in line and "Digital Marketing Manager" in line
        for line in lines
    )
    assert "campaign_planning" not in text.stdout and "ana@x.id" not in text.stdout
    done = run("summary", str(csv_path), "--framework", str(framework_path), "--by", "person,area", "--json")
    rows = json.loads(done.stdout)
    ana = next(r for r in rows if r["person_id"] == "ana@x.id" and r["area_id"] == "strategy")
    assert (ana["person"], ana["area"]) == ("Ana", "Strategy")
    # Ana: campaign planning 2 against 4 (the manager's target).
    assert ana["mean_gap"] == pytest.approx(2.0)


def test_summary_never_prints_minus_zero(tmp_path: Path, small_framework: Framework) -> None:
    # One person exactly at target on both skills: every gap is 0, printed as 0.00, not -0.00.
    path = tmp_path / "at_target.csv"
    path.write_text(
        "Name,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web analytics]\n"
        "Ana,Growth,Digital Marketing Specialist,3,4\n",
        encoding="utf-8",
    )
    framework_path = tmp_path / "framework.yaml"
    framework_path.write_text(small_framework.to_yaml(), encoding="utf-8")
    done = run("summary", str(path), "--framework", str(framework_path), "--by", "skill")
    assert done.returncode == 0, done.stderr
    assert "-0.00" not in done.stdout and " 0.00" in done.stdout


def test_summary_takes_team_and_role_and_lists_the_real_ones_when_unknown(survey: tuple[Path, Path]) -> None:
    csv_path, framework_path = survey
    both = ("--framework", str(framework_path), "--json")
    growth = json.loads(run("summary", str(csv_path), *both, "--by", "person", "--team", "Growth").stdout)
    assert {r["person"] for r in growth} == {"Ana", "Ben"}
    specialists = json.loads(
        run("summary", str(csv_path), *both, "--by", "person", "--role", "Digital Marketer").stdout
    )
    assert {r["person"] for r in specialists} == {"Ben", "Cy"}
    unknown = run("summary", str(csv_path), *both, "--team", "Mars")
    assert unknown.returncode == 2 and "Care, Growth" in unknown.stderr
    role = run("summary", str(csv_path), *both, "--role", "Astronaut")
    assert role.returncode == 2 and "Digital Marketing Specialist" in role.stderr


def test_report_first_line_counts_what_its_figures_use(tmp_path: Path, sample_latest: pd.DataFrame) -> None:
    out = tmp_path / "gaps.xlsx"
    done = run("report", str(SAMPLE), "--out", str(out))
    assert done.returncode == 0, done.stderr
    people, pairs = sample_latest["respondent_id"].nunique(), len(sample_latest)
    assert (
        done.stdout.splitlines()[0]
        == f"Wrote {out} (xlsx: {people:,} people, {pairs:,} rated skills, round 2026-Q3)."
    )
    assert "latest of 2" in done.stderr


def test_report_plan_covers_the_chosen_number_of_priorities(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert run("report", str(SAMPLE), "--out", str(out), "--top", "2").returncode == 0
    rows = list(openpyxl.load_workbook(out, read_only=True)["Training plan"].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row and row[0] == "Rank")
    assert [row[0] for row in rows[at + 1 :] if row and row[0] is not None] == [1, 2]


def test_check_json_of_a_refused_file_is_one_json_object(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Shopping list\nmilk\neggs\n", encoding="utf-8")
    done = run("check", str(path), "--json")
    assert done.returncode == 1
    answer = json.loads(done.stdout)
    assert answer["usable"] is False and answer["file"] == "notes.csv"
    assert "name" in answer["error"].lower()


def test_check_and_summary_leave_the_report_writers_unimported(survey: tuple[Path, Path]) -> None:
    csv_path, framework_path = survey
    script = (
        "import sys\n"
        "from analytics.__main__ import main\n"
        f"main(['check', {str(csv_path)!r}, '--framework', {str(framework_path)!r}])\n"
        f"main(['summary', {str(csv_path)!r}, '--framework', {str(framework_path)!r}])\n"
        "heavy = ('plotly', 'xlsxwriter', 'fpdf', 'kaleido', 'PIL', 'openpyxl')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy or m.startswith('analytics.reports.')]\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_several_files_are_checked_summarised_and_reported_as_one_survey(
    survey: tuple[Path, Path], tmp_path: Path
) -> None:
    """survey.csv (Ana, Ben, Cy) and a second team's file (Dee) read together."""
    csv_path, framework_path = survey
    other = tmp_path / "team_care.csv"
    other.write_text(
        "Name,Email,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web analytics]\n"
        "Dee,dee@x.id,Care,Digital Marketer,4,2\n",
        encoding="utf-8",
    )
    fw = ("--framework", str(framework_path))
    done = run("check", str(csv_path), str(other), *fw, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["respondents"] == 4
    assert report["ratings"] == 7  # survey.csv's 5 and Dee's 2
    assert report["files"] == ["survey.csv", "team_care.csv"]
    (summary,) = [i for i in report["issues"] if "files were read as one survey" in i["message"]]
    assert "survey.csv: 3 people" in summary["message"] and "team_care.csv: 1 person" in summary["message"]

    done = run("summary", str(csv_path), str(other), *fw, "--by", "team", "--json")
    assert done.returncode == 0, done.stderr
    care = {r["team"]: r for r in json.loads(done.stdout)}["Care"]
    assert care["n_people"] == 2  # Cy from survey.csv, Dee from team_care.csv

    out = tmp_path / "both.csv"
    done = run("report", str(csv_path), str(other), *fw, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "4 people" in done.stdout


def test_several_files_none_usable_name_each_file(survey: tuple[Path, Path], tmp_path: Path) -> None:
    _, framework_path = survey
    notes, scan = tmp_path / "notes.csv", tmp_path / "scan.xlsx"
    notes.write_text("Topic,Owner\nBudget,Ana\n", encoding="utf-8")
    scan.write_bytes(b"%PDF-1.7")
    done = run("check", str(notes), str(scan), "--framework", str(framework_path), "--json")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    refused = json.loads(done.stdout)
    assert refused["files"] == ["notes.csv", "scan.xlsx"] and refused["usable"] is False
    assert "None of the 2 files could be used (" in refused["error"]
    assert "scan.xlsx is a PDF document" in refused["error"]


# --lang ---------------------------------------------------------------------------------------

# One answer outside the scale (an error) and one not applicable (a note), on the small framework.
SCALE_CSV = (
    "Name,Team,Role,Rate your skills [Campaign planning],Rate your skills [Web analytics]\n"
    "Ana,Growth,Digital Marketing Specialist,9,4\n"
    "Ben,Growth,Digital Marketing Specialist,3,N/A\n"
)


@pytest.fixture
def off_scale(tmp_path: Path, small_framework: Framework) -> tuple[str, ...]:
    """``check``'s arguments for SCALE_CSV on the small framework."""
    csv_path = tmp_path / "scale.csv"
    csv_path.write_text(SCALE_CSV, encoding="utf-8")
    framework_path = tmp_path / "framework.yaml"
    framework_path.write_text(small_framework.to_yaml(), encoding="utf-8")
    return ("check", str(csv_path), "--framework", str(framework_path))


def test_lang_id_check_prints_the_issue_and_its_own_lines_in_indonesian(off_scale: tuple[str, ...]) -> None:
    done = run("--lang", "id", *off_scale)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("2 orang, 2 nilai, 1 tidak berlaku atau kosong (tata letak lebar, sheet: ")
    assert lines[1] == "1 kesalahan, 0 peringatan, 1 catatan"
    assert {"Kolom:", "Peran:", "Temuan:"} <= set(lines)
    # The validation report's own words (analytics/ingest), in the language the command speaks.
    assert "berada di luar skala 1 sampai 5 ('9'; baris 2)" in done.stdout
    assert "  [kesalahan] " in done.stdout and "(sheet scale, baris 2, kolom '" in done.stdout
    assert "      yang perlu dilakukan: " in done.stdout
    assert "(2 orang)" in done.stdout
    for english in ("people", "error(s)", "Columns:", "Issues:", "what to do", "outside the scale"):
        assert english not in done.stdout
    # After the command it means the same.
    assert run(*off_scale, "--lang", "id").stdout == done.stdout


def test_lang_en_is_the_default_and_unchanged(off_scale: tuple[str, ...]) -> None:
    done = run("--lang", "en", *off_scale)
    assert done.returncode == 0, done.stderr
    assert done.stdout == run(*off_scale).stdout
    lines = done.stdout.splitlines()
    assert lines[0].startswith("2 people, 2 ratings, 1 not applicable or blank (wide layout, sheets: ")
    assert lines[1] == "1 error(s), 0 warning(s), 1 note(s)"
    assert {"Columns:", "Roles:", "Issues:"} <= set(lines)
    assert "are outside the scale 1 to 5 ('9'; rows 2)" in done.stdout
    assert "  [error] " in done.stdout and "(sheet scale, row 2, column '" in done.stdout
    assert "      what to do: " in done.stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_unknown_lang_is_refused_plainly_with_exit_2(off_scale: tuple[str, ...], where: str) -> None:
    args = ("--lang", "xx", *off_scale) if where == "before" else (*off_scale, "--lang", "xx")
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "usage:" in done.stderr
    assert "unknown language 'xx': choose en (English) or id (Bahasa Indonesia)" in done.stderr


def test_lang_id_json_keeps_english_keys_and_translates_the_messages(
    off_scale: tuple[str, ...], tmp_path: Path
) -> None:
    english = json.loads(run(*off_scale, "--json").stdout)
    done = run("--lang", "id", *off_scale, "--json")
    assert done.returncode == 0, done.stderr
    indonesian = json.loads(done.stdout)
    assert set(indonesian) == set(english)
    assert [set(i) for i in indonesian["issues"]] == [set(i) for i in english["issues"]]
    assert indonesian["layout"] == english["layout"] == "wide"  # a code, not words
    assert [i["severity"] for i in indonesian["issues"]] == [i["severity"] for i in english["issues"]]
    assert any("berada di luar skala" in i["message"] for i in indonesian["issues"])
    refused = run("--lang", "id", "check", str(tmp_path / "missing.csv"), "--json")
    assert refused.returncode == 1
    answer = json.loads(refused.stdout)
    assert set(answer) == {"usable", "file", "error"} and answer["usable"] is False
    assert answer["error"].startswith("Tidak bisa membuka ") and "missing.csv" in answer["error"]


def test_lang_id_writes_numbers_the_indonesian_way() -> None:
    counts = json.loads(run("check", str(SAMPLE), "--json").stdout)
    assert counts["ratings"] >= 1000  # so the thousands mark shows
    done = run("--lang", "id", "check", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    ratings = f"{counts['ratings']:,}".replace(",", ".")
    assert done.stdout.startswith(f"{counts['respondents']} orang, {ratings} nilai, ")
    assert run("check", str(SAMPLE)).stdout.startswith(
        f"{counts['respondents']} people, {counts['ratings']:,} ratings, "
    )


def test_lang_id_report_is_written_and_announced_in_indonesian(tmp_path: Path) -> None:
    english, indonesian = tmp_path / "en.csv", tmp_path / "id.csv"
    assert run("report", str(SAMPLE), "--out", str(english)).returncode == 0
    done = run("--lang", "id", "report", str(SAMPLE), "--out", str(indonesian))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"File {indonesian} sudah dibuat (csv: ")
    assert " keterampilan dinilai, putaran 2026-Q3)." in done.stdout
    assert "yang terbaru dari 2 putaran" in done.stderr
    header = indonesian.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header != english.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "tim" in header


def test_lang_id_help_and_usage_errors_speak_indonesian(off_scale: tuple[str, ...]) -> None:
    helped = run("--lang", "id", "check", "--help")
    assert helped.returncode == 0
    assert "tampilkan JSON, bukan teks" in helped.stdout and "print JSON instead of text" not in helped.stdout
    wrong = run("--lang", "id", "summary", str(SAMPLE), "--by", "colour")
    assert wrong.returncode == 2 and "usage:" in wrong.stderr
    assert "kesalahan: kunci --by tidak dikenal: colour; pakai salah satu dari " in wrong.stderr


def test_lang_id_check_and_summary_stay_light_and_leave_the_callers_language(
    off_scale: tuple[str, ...],
) -> None:
    _, csv_path, _, framework_path = off_scale
    script = (
        "import sys\n"
        "from analytics import i18n\n"
        "from analytics.__main__ import main\n"
        f"main(['--lang', 'id', 'check', {csv_path!r}, '--framework', {framework_path!r}])\n"
        f"main(['summary', {csv_path!r}, '--framework', {framework_path!r}, '--lang', 'id'])\n"
        "heavy = ('plotly', 'xlsxwriter', 'fpdf', 'kaleido', 'PIL', 'openpyxl')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in heavy or m.startswith('analytics.reports.')]\n"
        "print(i18n.current())\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-2:] == ["en", "[]"]
