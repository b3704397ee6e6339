"""The training plan's calendar (.ics), read back with icalendar as a calendar program reads it.

The hand-worked report of tests/helpers/reports.py plans planning (Evil and Ann, Planning
course 8 h), reporting (Bob, Reporting course 10 h) and budgeting (Cat and Bob, Budget
workshop 4 h).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

from analytics.reports import build_report, report_format
from analytics.views.plan import ActionChoice, PlanChoices
from tests.helpers.app import ROOT, SAMPLE
from tests.helpers.reports import EVIL_NAME, report_data

CHOICES = PlanChoices(
    top=3,
    actions=(
        ActionChoice("planning", start=date(2027, 1, 11), owner="Rina", cost=1_500_000),
        ActionChoice("reporting", start=date(2027, 2, 1)),
    ),
)


def events(data: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_one_all_day_event_per_scheduled_action_and_its_cohort() -> None:
    data = build_report("ics", report_data(choices=CHOICES))
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    found = events(data)
    assert set(found) == {"Planning course: Planning", "Reporting course: Reporting"}
    planning = found["Planning course: Planning"]
    assert planning.decoded("dtstart") == date(2027, 1, 11)  # type: ignore[attr-defined]
    assert planning.decoded("dtend") == date(2027, 1, 11) + timedelta(days=1)  # type: ignore[attr-defined]
    text = str(planning["description"])  # type: ignore[index]
    for line in ("Hours each: 8", "Cost each: 1,500,000 IDR", "Owner: Rina", "Cohort: 2 people"):
        assert line in text
    assert f"Who: {EVIL_NAME}; Ann Lee" in text  # the planner's own text, escaped by icalendar
    calendar = Calendar.from_ical(data)
    assert "No start date yet: Budgeting." in str(calendar["x-wr-caldesc"])
    # The same plan exported again keeps each event's id, so a calendar updates it.
    again = events(build_report("ics", report_data(choices=CHOICES)))
    assert str(again["Planning course: Planning"]["uid"]) == str(planning["uid"])  # type: ignore[index]


def test_an_anonymised_calendar_names_nobody() -> None:
    data = build_report("ics", report_data(choices=CHOICES, anonymise=True, pseudonym_key="k"))
    text = data.decode("utf-8")
    for name in ("Ann Lee", "Bob Ray", "Cat Kim", "Who:"):
        assert name not in text


def test_the_command_line_writes_the_calendar(tmp_path: Path) -> None:
    assert report_format("plan.ics") == "ics"
    out = tmp_path / "plan.ics"
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "report", str(SAMPLE), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # No start dates are chosen on the command line: a calendar of nothing scheduled, which says so.
    calendar = Calendar.from_ical(out.read_bytes())
    assert not calendar.walk("VEVENT")
    assert "0 actions scheduled. No start date yet:" in str(calendar["x-wr-caldesc"])
