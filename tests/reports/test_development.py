"""One-page development plans: the view, the PDF, the team's zip and the command line.

The hand-worked report of tests/helpers/reports.py: Bob Ray (Growth, specialist) is below
target on reporting (2 against 4, weighted 6) and budgeting (1 against 2, weighted 1). The
default plan covers planning, reporting and budgeting; Ann Lee (4 on reporting, Growth)
mentors him on reporting; nobody is rated 4 or more on budgeting.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from analytics import columns as c
from analytics import i18n, plans
from analytics.reports.development import (
    file_name,
    team_file_name,
    write_development_plan,
    write_development_plans,
)
from analytics.views import fields as f
from analytics.views.development import IN_TEAM_PLAN, development_plan, development_plans_of
from analytics.views.people import person_view
from analytics.views.plan import ActionChoice, PlanChoices
from analytics.views.priorities import priorities_view
from tests.helpers.app import ROOT, SAMPLE
from tests.helpers.reports import FRAMEWORK, pdf_text, report_data

WHEN = datetime(2026, 12, 2, tzinfo=UTC)


def bob_plan(choices: PlanChoices) -> object:
    view = report_data(choices=choices)
    plan = priorities_view(view.pairs, FRAMEWORK, choices).plan
    person = person_view(view.pairs, view.pairs, "bob@example.com", FRAMEWORK)
    assert person is not None
    return development_plan(person, plan, FRAMEWORK, None, WHEN, "Self ratings")


def test_the_plan_takes_the_team_plans_action_start_and_mentor() -> None:
    choices = PlanChoices(top=3, actions=(ActionChoice("reporting", start=date(2027, 1, 11)),))
    dev = bob_plan(choices)
    frame = dev.actions.frame.set_index(c.SKILL_ID)  # type: ignore[attr-defined]
    assert list(frame.index) == ["reporting", "budgeting"]  # weighted 6 before 1
    assert frame.loc["reporting", [plans.TITLE, plans.START, plans.MENTOR, IN_TEAM_PLAN]].tolist() == [
        "Reporting course",
        "2027-01-11",
        "Ann Lee",
        "yes",
    ]
    assert frame.loc["budgeting", [plans.TITLE, plans.MENTOR]].tolist() == ["Budget workshop", ""]
    assert dev.hours == 10 + 4  # type: ignore[attr-defined]


def test_a_gap_outside_the_team_plan_keeps_the_frameworks_suggestion() -> None:
    dev = bob_plan(PlanChoices(top=1))  # planning only: Bob is at target on it
    frame = dev.actions.frame.set_index(c.SKILL_ID)  # type: ignore[attr-defined]
    assert frame.loc["reporting", [plans.TITLE, plans.MENTOR, IN_TEAM_PLAN]].tolist() == [
        "Reporting course",
        "",
        "",
    ]


def test_the_pdf_is_one_or_two_pages_and_says_what_the_page_says() -> None:
    dev = bob_plan(PlanChoices(top=3, actions=(ActionChoice("reporting", start=date(2027, 1, 11)),)))
    data = write_development_plan(dev)  # type: ignore[arg-type]
    assert data.startswith(b"%PDF")
    pages = PdfReader(io.BytesIO(data)).pages
    assert 1 <= len(pages) <= 2
    text = " ".join(pdf_text(data))
    for expected in ("Development plan: Bob Ray", "Reporting course", "2027-01-11", "Ann Lee", "14 hours"):
        assert expected in text
    # The bars' legend names the rating source the gaps use.
    assert "(self ratings)" in text


def test_a_team_zip_holds_one_pdf_per_person_named_after_them() -> None:
    view = report_data()
    plan = priorities_view(view.pairs, FRAMEWORK, PlanChoices()).plan
    people = ["ann@example.com", "bob@example.com", "cat@example.com", "nobody@example.com"]
    found = development_plans_of(view.pairs, view.pairs, people, plan, FRAMEWORK, None, "Self ratings", WHEN)
    steps: list[tuple[float, str]] = []
    written = write_development_plans(found, lambda share, text: steps.append((share, text)))
    # Each person's turn is told as it comes (three people: none done, a third, two thirds).
    assert steps == [
        (0.0, "Plan 1 of 3: Ann Lee"),
        (pytest.approx(1 / 3), "Plan 2 of 3: Bob Ray"),
        (pytest.approx(2 / 3), "Plan 3 of 3: Cat Kim"),
    ]
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        names = archive.namelist()
        assert names == [
            "development-plan-ann-lee.pdf",
            "development-plan-bob-ray.pdf",
            "development-plan-cat-kim.pdf",
        ]
        assert all(archive.read(n).startswith(b"%PDF") for n in names)
    assert file_name("Siti Rahmawati / Ops") == "development-plan-siti-rahmawati-ops"
    assert team_file_name("Growth & Ads") == "development-plans-growth-ads"
    # In Indonesian, and for a name the file system cannot take.
    with i18n.language("id"):
        assert file_name("Dewi Ayu Lestari") == "rencana-pengembangan-dewi-ayu-lestari"
        assert file_name("../ ") == "rencana-pengembangan-orang"
        assert team_file_name("Layanan Pelanggan") == "rencana-pengembangan-layanan-pelanggan"
    assert f.SKILL in found[0].actions.columns


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_the_command_line_writes_a_persons_plan_and_a_teams_zip(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    done = run("report", str(SAMPLE), "--person", "SITI RAHMAWATI", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Development plan: Siti Rahmawati" in " ".join(pdf_text(out.read_bytes()))
    many = tmp_path / "growth.zip"
    done = run("report", str(SAMPLE), "--person", "all", "--team", "Growth", "--out", str(many))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(many) as archive:
        assert len(archive.namelist()) >= 2
    for wrong, says in (
        (("--person", "Nobody Here", "--out", str(out)), "nobody called 'Nobody Here'"),
        (("--person", "all", "--out", str(out)), "write them to a .zip"),
        (
            ("--person", "Siti Rahmawati", "--out", str(tmp_path / "plan.xlsx")),
            "a development plan is a .pdf",
        ),
        (("--person", "Siti Rahmawati", "--anonymise", "--out", str(out)), "cannot be anonymised"),
    ):
        done = run("report", str(SAMPLE), *wrong)
        assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr


def test_a_plan_of_people_with_no_team_left_pairs_nobody_by_team() -> None:
    # Anonymised with a group size above everyone's team: no team is known, so nobody is
    # paired by team, and the plan is still made (this once failed on an empty team list).
    view = report_data(anonymise=True, pseudonym_key="k", min_group_size=50)
    plan = view.priorities.plan
    assert plan.actions == 3
    assert not (plan.members.frame[plans.PAIRED] == "same team").any()
