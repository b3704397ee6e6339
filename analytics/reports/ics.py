"""Calendar export: a ``ReportView`` in, its training plan's scheduled actions as an .ics file out.

One all-day event per planned action and its cohort, on the start date the planner chose
(actions without one are not scheduled and say so in the calendar's description). Any
calendar (Google, Outlook, Apple) imports it. Anonymised plans name nobody: an event gives
the cohort's size. The text is the planner's and the framework's, escaped by icalendar.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pandas as pd
from icalendar import Calendar, Event

from analytics import plans
from analytics.views import fields as f
from analytics.views.formats import counted, format_number
from analytics.views.report import ReportView

PRODUCT_ID = "-//Team Skills-Gap Dashboard//Training plan//EN"


def write_ics(data: ReportView) -> bytes:
    plan = data.priorities.plan
    frame = plan.table.frame
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Training plan: {data.title}")
    unscheduled = []
    for _, row in frame.iterrows():  # a loop over the planned skills (a handful), never over people
        start = row[plans.START]
        if not start:
            unscheduled.append(str(row[f.SKILL]))
            continue
        day = date.fromisoformat(str(start))
        event = Event()
        event.add("uid", _uid(data, str(row[f.SKILL]), day))
        event.add("dtstamp", data.generated_at)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{row[plans.TITLE]}: {row[f.SKILL]}")
        event.add("description", _description(row, plan.currency, data.anonymised))
        calendar.add_component(event)
    note = f"{counted(len(frame) - len(unscheduled), 'action')} scheduled."
    if unscheduled:
        note += f" No start date yet: {', '.join(unscheduled)}."
    calendar.add("x-wr-caldesc", note)
    return bytes(calendar.to_ical())


def _description(row: pd.Series, currency: str, anonymised: bool) -> str:
    people = row[plans.IN_PLAN]
    lines = [
        f"Skill: {row[f.SKILL]} ({row[f.AREA]})",
        f"Format: {row[plans.FORMAT]}" if row[plans.FORMAT] else "",
        f"Hours each: {format_number(row[plans.HOURS], f.HOURS)}" if pd.notna(row[plans.HOURS]) else "",
        f"Cost each: {format_number(row[plans.COST], f.MONEY)} {currency}"
        if pd.notna(row[plans.COST])
        else "",
        f"Owner: {row[plans.OWNER]}" if row[plans.OWNER] else "",
        f"Cohort: {counted(int(people), 'person', 'people')}"
        if pd.notna(people)
        else "Cohort: hidden (small group)",
        "" if anonymised or not row[f.NAMES] else f"Who: {row[f.NAMES]}",
        str(row[plans.DESCRIPTION] or ""),
    ]
    return "\n".join(line for line in lines if line)


def _uid(data: ReportView, skill: str, day: date) -> str:
    """The same action on the same day of the same plan keeps its id, so a re-import updates it."""
    key = f"{data.title}|{skill}|{day.isoformat()}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@skills-gap-dashboard"
