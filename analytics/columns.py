"""Names of the tidy ratings table and of the gap table, defined once.

Every module speaks of columns through these constants so a rename happens in one
place and a typo fails at import time instead of silently producing an empty column.
"""

from __future__ import annotations

from typing import Final

from analytics.i18n import N_

RESPONDENT_ID: Final = "respondent_id"
NAME: Final = "name"
EMAIL: Final = "email"
TEAM: Final = "team"
ROLE: Final = "role"
ROLE_ID: Final = "role_id"
SKILL_ID: Final = "skill_id"
AREA_ID: Final = "area_id"
RATER: Final = "rater"
RATING: Final = "rating"
ROUND: Final = "round"

TIDY_COLUMNS: Final = (
    RESPONDENT_ID,
    NAME,
    EMAIL,
    TEAM,
    ROLE,
    ROLE_ID,
    SKILL_ID,
    RATER,
    RATING,
    ROUND,
)

SELF: Final = "self"
MANAGER: Final = "manager"
PEER: Final = "peer"
RATERS: Final = (SELF, MANAGER, PEER)

TARGET: Final = "target"
IMPORTANCE: Final = "importance"
GAP: Final = "gap"
SHORTFALL: Final = "shortfall"
WEIGHTED_SHORTFALL: Final = "weighted_shortfall"
AT_TARGET: Final = "at_target"

# The round of answers without a date or a round named anywhere, in the language they are read in.
DEFAULT_ROUND: Final = N_("Round 1")
