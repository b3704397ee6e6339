"""Table columns as readers see them: a column name in, its heading and number kind out.

Every table a view builds names its columns with constants (of :mod:`analytics.columns`,
:mod:`analytics.gaps`, :mod:`analytics.plans` and this module). Pages, reports and the
command line look columns up by those names and take headings and number kinds from
:data:`FIELDS`, so a heading changes (or, later, is translated) in one place and no
renderer ever finds a column by its heading text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import plans

# Number kinds: each renderer turns a kind into its own format (see analytics.views.formats).
TEXT: Final = "text"
COUNT: Final = "count"
SCORE: Final = "score"  # a mean on the scale, or of shortfalls: two decimals
LEVEL: Final = "level"  # one person's rating, target or gap: one decimal
PERCENT: Final = "percent"  # a share from 0 to 1
HOURS: Final = "hours"
MONEY: Final = "money"  # an amount in the plan's currency: whole units unless a value has cents
KINDS: Final = (TEXT, COUNT, SCORE, LEVEL, PERCENT, HOURS, MONEY)

# Columns views add to the metric tables of analytics.gaps.
SKILL: Final = "skill"
AREA: Final = "area"
ROLE_NAME: Final = "role_name"
ROW_LABEL: Final = "row"
RANK: Final = "rank"
PEOPLE: Final = "people"
N_TEAMS: Final = "n_teams"
TEAMS: Final = "teams"
NAMES: Final = "names"
SKILLS_BELOW: Final = "skills_below"
TOTAL_HOURS: Final = "total_hours"
# Ratings at one (role, rating level) whatever their target, next to those at or below it.
LEVEL_PAIRS: Final = "level_pairs"
# Calibration: how a person's own ratings compare with their manager's, in words; the name of
# the skill where the two differ most; what a chart point stands for beside its label.
CALIBRATION_READING: Final = "calibration_reading"
WIDEST_SKILL_NAME: Final = "widest_skill_name"
POINT_DETAIL: Final = "point_detail"


@dataclass(frozen=True)
class Field:
    """How a column is headed and what kind of number it holds; ``help`` explains a heading."""

    heading: str
    kind: str = TEXT
    help: str = ""


FIELDS: Final[Mapping[str, Field]] = MappingProxyType(
    {
        RANK: Field("Rank", COUNT),
        c.RESPONDENT_ID: Field("ID"),
        c.NAME: Field("Person"),
        c.TEAM: Field("Team"),
        ROLE_NAME: Field("Role"),
        c.ROUND: Field("Round"),
        c.RATER: Field("Rater"),
        AREA: Field("Area"),
        SKILL: Field("Skill"),
        ROW_LABEL: Field(""),
        c.RATING: Field("Rating", LEVEL),
        c.TARGET: Field("Target", LEVEL),
        c.GAP: Field("Gap", LEVEL, "Target minus rating: negative means above target"),
        c.SHORTFALL: Field("Shortfall", LEVEL, "The gap when positive, else 0"),
        c.IMPORTANCE: Field("Importance", COUNT, "1 nice to have, 2 important, 3 critical"),
        c.WEIGHTED_SHORTFALL: Field("Weighted shortfall", LEVEL, "Importance x shortfall"),
        g.N_PEOPLE: Field("People rated", COUNT),
        g.N_PAIRS: Field("Rated skills", COUNT, "Rated (person, skill) pairs"),
        g.MEAN_RATING: Field("Mean rating", SCORE),
        g.MEAN_TARGET: Field("Mean target", SCORE),
        g.MEAN_SHORTFALL: Field("Mean shortfall", SCORE, "Mean of the shortfalls below target"),
        g.MEAN_WEIGHTED_SHORTFALL: Field("Mean weighted shortfall", SCORE),
        g.READINESS: Field("At target", PERCENT, "Share of ratings at or above the role's target"),
        g.PEOPLE_BELOW: Field("People below target", COUNT),
        g.N_AT_TARGET: Field("People at target", COUNT),
        g.COVERED_BY: Field("Covered by", TEXT, "The one person at target; 'nobody' when there is none"),
        g.PRIORITY: Field("Priority", SCORE, "Mean importance x shortfall"),
        g.PEOPLE_AFFECTED: Field("People below target", COUNT),
        PEOPLE: Field("People", COUNT),
        N_TEAMS: Field("Teams", COUNT),
        TEAMS: Field("Teams", TEXT, "People below target per team"),
        NAMES: Field("Who", TEXT),
        SKILLS_BELOW: Field("Skills below target", COUNT),
        plans.TITLE: Field("Suggested action"),
        plans.FORMAT: Field("Format"),
        plans.HOURS: Field("Hours each", HOURS),
        plans.DESCRIPTION: Field("What"),
        plans.ALTERNATIVES: Field("Other options (instead)"),
        TOTAL_HOURS: Field("Total hours", HOURS, "Each planned action taken once by everyone in its cohort"),
        plans.IN_PLAN: Field("In the plan", COUNT, "People below target, less those the planner left out"),
        plans.COST: Field("Cost each", MONEY, "Cost of the action for one person"),
        plans.TOTAL_COST: Field("Total cost", MONEY, "Cost each x people in the plan"),
        plans.START: Field("Starts", TEXT, "The planned start date (year-month-day)"),
        plans.OWNER: Field("Owner", TEXT, "Who organises the action"),
        plans.LEARNER: Field("Learner"),
        plans.MENTOR: Field("Mentor", TEXT, "A colleague rated at bench level or more on the skill"),
        plans.MENTOR_TEAM: Field("Mentor's team"),
        plans.PAIRED: Field("How paired"),
        g.MEAN_SELF: Field(
            "Own rating", SCORE, "Mean self rating over the skills both the person and their manager rated"
        ),
        g.MEAN_MANAGER: Field("Manager's rating", SCORE, "Mean manager rating over the same skills"),
        g.MEAN_DIFFERENCE: Field(
            "Difference",
            SCORE,
            "Own rating minus manager's, in levels: above 0 means people rate themselves higher",
        ),
        CALIBRATION_READING: Field("Compared with the manager"),
        WIDEST_SKILL_NAME: Field("Differ most on", TEXT, "The skill where the two ratings differ most"),
        g.WIDEST_DIFFERENCE: Field("Difference on it", LEVEL, "Own rating minus manager's on that skill"),
        g.MEAN_RATING_FROM: Field("Mean rating before", SCORE),
        g.MEAN_RATING_TO: Field("Mean rating after", SCORE),
        g.RATING_CHANGE: Field(
            "Change", SCORE, "Mean rating in the later round minus the earlier, in levels"
        ),
        g.READINESS_FROM: Field("At target before", PERCENT),
        g.READINESS_TO: Field("At target after", PERCENT),
        g.READINESS_CHANGE: Field(
            "Change at target", PERCENT, "In percentage points: from 60% to 70% at target is a change of 10%"
        ),
        g.N_BELOW_FROM: Field("Gaps before", COUNT, "Ratings below target in the earlier round"),
        g.N_CLOSED: Field("Gaps closed", COUNT, "Below target in the earlier round, at target in the later"),
        g.N_OPENED: Field("Gaps opened", COUNT, "At target in the earlier round, below target in the later"),
        g.N_BELOW_TO: Field("Gaps after", COUNT, "Ratings below target in the later round"),
        g.RATING_FROM: Field("Rating before", LEVEL),
        g.RATING_TO: Field("Rating after", LEVEL),
        g.COHORT_PEOPLE: Field(
            "People in the plan",
            COUNT,
            "People the training plan put into this skill's cohort, rated in both rounds",
        ),
        g.COHORT_CHANGE: Field("Their mean change", SCORE, "Change in their mean rating, in levels"),
        g.OTHERS_PEOPLE: Field("Others", COUNT, "Everyone else rated on this skill in both rounds"),
        g.OTHERS_CHANGE: Field("Others' mean change", SCORE, "Change in the others' mean rating, in levels"),
        g.CHANGE_DIFFERENCE: Field(
            "Difference",
            SCORE,
            "Their mean change minus the others': a difference, not proof that training caused it",
        ),
    }
)


@dataclass(frozen=True, eq=False)
class Table:
    """A table as every renderer receives it: the frame, the columns to show in order, a note.

    ``fields`` holds what this table says differently from :data:`FIELDS` (a mean
    importance is headed "Mean importance", one person's "Importance") and the columns only
    it has (one per skill in a wide table).
    """

    title: str
    frame: pd.DataFrame
    columns: tuple[str, ...]
    note: str = ""
    fields: Mapping[str, Field] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = [name for name in self.columns if name not in self.frame.columns]
        unknown = [name for name in self.columns if name not in self.fields and name not in FIELDS]
        if missing or unknown:
            raise ValueError(f"{self.title}: no column(s) {missing} in the frame, no field for {unknown}")

    def field(self, name: str) -> Field:
        return self.fields.get(name) or FIELDS[name]

    def heading(self, name: str) -> str:
        return self.field(name).heading

    def kind(self, name: str) -> str:
        return self.field(name).kind

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(self.kind(name) for name in self.columns)

    @property
    def shown(self) -> pd.DataFrame:
        """The shown columns in order, still named by their constants."""
        return self.frame.loc[:, list(self.columns)]

    def __len__(self) -> int:
        return len(self.frame)


@dataclass(frozen=True)
class Figure:
    """One headline figure: what it is, its value (None when hidden or not computable), how to read it."""

    key: str
    label: str
    value: float | str | None
    kind: str
    help: str = ""
