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


def calibration_people() -> pd.DataFrame:
    """Self and manager ratings of round R1 (and one of R0), as the calibration tests work them out.

    Skill ids are categorical in framework order (campaign_planning, budgeting, web_analytics),
    as ingest writes them. Self / manager, difference = self - manager:

        ann  Growth specialist   CP 4/2 +2   BU 3/2 +1    WA 3/3 0     mean +1 (3 / 3)
        eve  Growth manager      CP 4/2 +2   BU 4/2 +2    WA 2/3 -1    mean +1 (3 / 3), tie CP-BU
        bob  Care   manager      CP 2/4 -2   BU 2/3 -1    WA 3/n.a.    mean -1.5 (-3 / 2)
        cat  Care   specialist   CP 3/3 0    BU 2.5/2 +.5 WA 1/2 -1    mean -1/6 (-0.5 / 3)
        dan  Growth specialist   CP 3/-      BU -/2                    nothing to compare
        ann  round R0            CP 1/5 -4                             left out by a round-R1 filter
    """
    rows = []
    for who, team, role, ratings in (
        ("ann", "Growth", SPEC, ((4, 2), (3, 2), (3, 3))),
        ("eve", "Growth", MGR, ((4, 2), (4, 2), (2, 3))),
        ("bob", "Care", MGR, ((2, 4), (2, 3), (3, None))),
        ("cat", "Care", SPEC, ((3, 3), (2.5, 2), (1, 2))),
    ):
        for skill, (own, manager) in zip((CP, BU, WA), ratings, strict=True):
            rows.append(row(who, skill, own, team=team, role=role))
            rows.append(row(who, skill, manager, team=team, role=role, rater=c.MANAGER))
    rows += [
        row("dan", CP, 3),
        row("dan", BU, 2, rater=c.MANAGER),
        row("ann", CP, 1, round="R0"),
        row("ann", CP, 5, round="R0", rater=c.MANAGER),
    ]
    table = tidy(*rows)
    table[c.SKILL_ID] = pd.Categorical(table[c.SKILL_ID], categories=[CP, BU, WA])
    return table


def three_rounds() -> pd.DataFrame:
    """Self ratings of rounds R1, R2 and R3, as the Trends tests work them out (targets above).

        who  team, role               R1         R2         R3
        ann  Growth specialist        CP 2 below CP 3 at    CP 4 at
                                      BU 2 at    BU 1 below BU 2 at
                                      WA 3 below WA 3 below WA 4 at
        bob  Care manager             CP 4 at    CP 4 at    CP 5 at
                                      BU 3 below (n.a.)     BU 4 below
        cat  Care specialist (R1, R2) CP 1 below CP 2 below CP 3 at      moves to Growth in R3
                                      WA 4 at    WA 4 at    WA 3 below
        dan  Growth specialist        (not yet)  CP 3 at    CP 3 at      joins in R2

    R1 to R3 on the pairs rated in both: gaps closed ann CP, ann WA, cat CP; opened cat WA.
    Bob's budgeting is the one pair rated in R1 and R3 but not in R2.
    """
    cat_r3 = {"team": "Growth", "round": "R3"}
    return tidy(
        row("ann", CP, 2),
        row("ann", BU, 2),
        row("ann", WA, 3),
        row("bob", CP, 4, role=MGR, team="Care"),
        row("bob", BU, 3, role=MGR, team="Care"),
        row("cat", CP, 1, team="Care"),
        row("cat", WA, 4, team="Care"),
        row("ann", CP, 3, round="R2"),
        row("ann", BU, 1, round="R2"),
        row("ann", WA, 3, round="R2"),
        row("bob", CP, 4, role=MGR, team="Care", round="R2"),
        row("bob", BU, None, role=MGR, team="Care", round="R2"),
        row("cat", CP, 2, team="Care", round="R2"),
        row("cat", WA, 4, team="Care", round="R2"),
        row("dan", CP, 3, round="R2"),
        row("ann", CP, 4, round="R3"),
        row("ann", BU, 2, round="R3"),
        row("ann", WA, 4, round="R3"),
        row("bob", CP, 5, role=MGR, team="Care", round="R3"),
        row("bob", BU, 4, role=MGR, team="Care", round="R3"),
        row("cat", CP, 3, **cat_r3),
        row("cat", WA, 3, **cat_r3),
        row("dan", CP, 3, round="R3"),
    )
