"""Hand-built tidy ratings for the small framework of ``tests/conftest.py``.

Targets (importance) of the small framework:

    role         campaign_planning   budgeting   web_analytics
    specialist   3 (2)               2 (1)       4 (3)
    dm_manager   4 (3)               4.5 (3)     3 (2)

Learning actions (the first one per skill is the suggested one):

    campaign_planning   Campaign workshop 6 h
    budgeting           Budget basics 4 h
    web_analytics       GA4 course 8 h, then the alternative Traffic audit 12.5 h
"""

from __future__ import annotations

import math
from typing import Any, Final

import pandas as pd

from analytics import columns as c

SPEC: Final = "specialist"
MGR: Final = "dm_manager"
CP: Final = "campaign_planning"
BU: Final = "budgeting"
WA: Final = "web_analytics"


def row(who: str, skill: str, value: float | None, **kw: Any) -> dict[str, Any]:
    """One rating of ``who`` (named ``who.title()`` unless ``name`` is given), self, round R1, team Growth."""
    return {
        c.RESPONDENT_ID: who,
        c.NAME: kw.get("name", who.title()),
        c.EMAIL: f"{who}@example.com",
        c.TEAM: kw.get("team", "Growth"),
        c.ROLE: kw.get("role", SPEC),
        c.ROLE_ID: kw.get("role", SPEC),
        c.SKILL_ID: skill,
        c.RATER: kw.get("rater", c.SELF),
        c.RATING: math.nan if value is None else float(value),
        c.ROUND: kw.get("round", "R1"),
    }


def tidy(*rows: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(c.TIDY_COLUMNS)).astype({c.RATING: float})


def three_people() -> pd.DataFrame:
    """ann (specialist, Growth): 2, 2, 4 -> gaps 1, 0, 0; bob (manager, Care): 4, 3, 3 -> 0, 1.5, 0;
    cat (specialist, Care): 3, 1, 2 -> 0, 1, 2; plus a manager rating for ann and a round R0."""
    return tidy(
        row("ann", CP, 2),
        row("ann", BU, 2),
        row("ann", WA, 4),
        row("bob", CP, 4, role=MGR, team="Care"),
        row("bob", BU, 3, role=MGR, team="Care"),
        row("bob", WA, 3, role=MGR, team="Care"),
        row("cat", CP, 3, team="Care"),
        row("cat", BU, 1, team="Care"),
        row("cat", WA, 2, team="Care"),
        row("ann", CP, 3, rater=c.MANAGER),
        row("ann", CP, 1, round="R0"),
    )
