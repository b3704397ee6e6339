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
from analytics.i18n import N_, _
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
    calendar.add("x-wr-calname", _("Training plan: {title}").format(title=data.title))
    unscheduled = []
    for _at, row in frame.iterrows():  # a loop over the planned skills (a handful), never over people
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
    note = _("{actions} scheduled.").format(
        actions=counted(len(frame) - len(unscheduled), N_("action"), N_("actions"))
    )
    if unscheduled:
        note += " " + _("No start date yet: {skills}.").format(skills=", ".join(unscheduled))
    calendar.add("x-wr-caldesc", note)
    return bytes(calendar.to_ical())


def _description(row: pd.Series, currency: str, anonymised: bool) -> str:
    people = row[plans.IN_PLAN]
    lines = [
        _("Skill: {skill} ({area})").format(skill=row[f.SKILL], area=row[f.AREA]),
        _("Format: {format}").format(format=row[plans.FORMAT]) if row[plans.FORMAT] else "",
        _("Hours each: {hours}").format(hours=format_number(row[plans.HOURS], f.HOURS))
        if pd.notna(row[plans.HOURS])
        else "",
        _("Cost each: {cost} {currency}").format(
            cost=format_number(row[plans.COST], f.MONEY), currency=currency
        )
        if pd.notna(row[plans.COST])
        else "",
        _("Owner: {owner}").format(owner=row[plans.OWNER]) if row[plans.OWNER] else "",
        _("Cohort: {people}").format(people=counted(int(people), N_("person"), N_("people")))
        if pd.notna(people)
        else _("Cohort: hidden (small group)"),
        "" if anonymised or not row[f.NAMES] else _("Who: {names}").format(names=row[f.NAMES]),
        str(row[plans.DESCRIPTION] or ""),
    ]
    return "\n".join(line for line in lines if line)


def _uid(data: ReportView, skill: str, day: date) -> str:
    """The same action on the same day of the same plan keeps its id, so a re-import updates it."""
    key = f"{data.title}|{skill}|{day.isoformat()}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@skills-gap-dashboard"
