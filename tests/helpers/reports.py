"""Report test data: a tiny framework and survey whose every figure is worked out by hand.

    role        planning (strategy)    budgeting (strategy)   reporting (analytics)
    specialist  target 3, importance 2  target 2, importance 1  target 4, importance 3
    manager     target 4, importance 3  target 4, importance 3  target 3, importance 2

    person                    team      role        planning  budgeting  reporting
    Ann Lee                   Growth    specialist  2         2          4
    Bob Ray                   Growth    specialist  3         1          2
    Cat Kim                   Growth    manager     4         3          3
    EVIL_NAME (a formula)     EVIL_TEAM specialist  1         N/A        5

    shortfall (weighted)      planning  budgeting  reporting
    Ann                       1 (2)     0          0
    Bob                       0         1 (1)      2 (6)
    Cat                       0         1 (3)      0
    Evil                      2 (4)     -          0

Eleven rated pairs, six at target (Ann B, R; Bob P; Cat P, R; Evil R). Priorities: planning
6/4 = 1.5 (2 below), reporting 6/4 = 1.5 (1 below), budgeting 4/3 = 1.33 (2 below).
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework, framework_from_dict
from analytics.ingest import IngestResult, Issue
from analytics.views.report import ReportView, report_view

EVIL_NAME = '=HYPERLINK("http://evil.example","click")'
EVIL_TEAM = "@Evil <script>alert(1)</script>"
REAL_NAMES = ("Ann Lee", "Bob Ray", "Cat Kim", EVIL_NAME)
REAL_IDS = ("ann@example.com", "bob@example.com", "cat@example.com", "evil@example.com")
WHEN = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)

FRAMEWORK: Framework = framework_from_dict(
    {
        "name": "Test framework",
        "name_id": "Kerangka uji",
        "version": "1",
        "scale": {"min": 1, "max": 5, "levels": [{"level": i, "name": f"Level {i}"} for i in range(1, 6)]},
        "areas": [
            {
                "id": "strategy",
                "name": "Strategy",
                "skills": [{"id": "planning", "name": "Planning"}, {"id": "budgeting", "name": "Budgeting"}],
            },
            {"id": "analytics", "name": "Analytics", "skills": [{"id": "reporting", "name": "Reporting"}]},
        ],
        "roles": [
            {
                "id": "specialist",
                "name": "Specialist",
                "targets": {
                    "planning": {"target": 3, "importance": 2},
                    "budgeting": {"target": 2, "importance": 1},
                    "reporting": {"target": 4, "importance": 3},
                },
            },
            {
                "id": "manager",
                "name": "Manager",
                "targets": {
                    "planning": {"target": 4, "importance": 3},
                    "budgeting": {"target": 4, "importance": 3},
                    "reporting": {"target": 3, "importance": 2},
                },
            },
        ],
        "learning": {
            "planning": [
                {"title": "Planning course", "format": "course", "hours": 8},
                {"title": "Plan a campaign", "format": "project", "hours": 6},
            ],
            "budgeting": [{"title": "Budget workshop", "format": "workshop", "hours": 4}],
            "reporting": [{"title": "Reporting course", "format": "course", "hours": 10}],
        },
    }
)

PEOPLE = (
    ("ann@example.com", "Ann Lee", "Growth", "specialist", (2, 2, 4)),
    ("bob@example.com", "Bob Ray", "Growth", "specialist", (3, 1, 2)),
    ("cat@example.com", "Cat Kim", "Growth", "manager", (4, 3, 3)),
    ("evil@example.com", EVIL_NAME, EVIL_TEAM, "specialist", (1, None, 5)),
)
SKILLS = ("planning", "budgeting", "reporting")

ISSUES = (
    Issue(
        "warning",
        "Ann Lee answered more than once for the same round and rater (rows 3, 9).",
        "Remove the repeated submission.",
        sheet="Form",
        row=3,
        count=2,
    ),
    Issue(
        "error",
        "Role 'Astronaut' (1 person(s)) is not a role of the framework.",
        "Pick a role.",
        column="role",
    ),
)


def ratings(
    people: tuple[tuple[str, str, str, str, tuple[Any, ...]], ...] = PEOPLE, round_: str = "R1"
) -> pd.DataFrame:
    rows = [
        {
            c.RESPONDENT_ID: pid,
            c.NAME: name,
            c.EMAIL: pid,
            c.TEAM: team,
            c.ROLE: role,
            c.ROLE_ID: role,
            c.SKILL_ID: skill,
            c.RATER: c.SELF,
            c.RATING: math.nan if value is None else float(value),
            c.ROUND: round_,
        }
        for pid, name, team, role, values in people
        for skill, value in zip(SKILLS, values, strict=True)
    ]
    return pd.DataFrame(rows, columns=list(c.TIDY_COLUMNS))


def upload(table: pd.DataFrame, issues: tuple[Issue, ...] = ISSUES) -> IngestResult:
    """The ingest result a report is made from: the tidy ratings and what the reader found.

    ``report_view`` reads only its ratings (names to redact) and issues (the Validation section).
    """
    return IngestResult(
        ratings=table,
        issues=tuple(issues),
        columns=pd.DataFrame(columns=["sheet", "column", "kind", c.SKILL_ID, c.RATER]),
        roles=pd.DataFrame(columns=[c.ROLE, c.ROLE_ID, "people"]),
        layout="long",
    )


def report_data(**options: Any) -> ReportView:
    """The report of the hand-worked survey; ``ratings`` and ``issues`` replace its parts.

    ``issues=None`` makes a report without an ingest result (no Validation findings).
    """
    table = options.pop("ratings", None)
    table = ratings() if table is None else table
    result = gaps.compute_gaps(table, FRAMEWORK)
    issues = options.pop("issues", ISSUES)
    options.setdefault("generated_at", WHEN)
    options.setdefault("filters", (("Teams", "All teams"),))
    return report_view(FRAMEWORK, result, None if issues is None else upload(table, issues), **options)


def xlsx_text(data: bytes) -> str:
    """Every XML part of an xlsx joined, to search for text that must (not) be there."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8") for name in archive.namelist() if name.endswith(".xml")
        )


def no_pdf_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay out PDF pages without drawing charts, so text and layout tests need no Chromium."""
    from analytics.reports import pdf

    monkeypatch.setattr(pdf, "pdf_available", lambda: None)
    monkeypatch.setattr(pdf, "render_charts", lambda charts, progress=None: [])


def pdf_text(data: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (table cells wrap names onto two lines)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]
