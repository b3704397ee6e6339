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
from analytics.i18n import N_, _

# Number kinds: each renderer turns a kind into its own format (see analytics.views.formats).
TEXT: Final = "text"
COUNT: Final = "count"
SCORE: Final = "score"  # a mean on the scale, or of shortfalls: two decimals
LEVEL: Final = "level"  # one person's rating, target or gap: one decimal
PERCENT: Final = "percent"  # a share from 0 to 1
SIGNED: Final = "signed"  # a change of a mean on the scale, with its sign ("+0.35"), as points are
POINTS: Final = "points"  # a change in a share, from -1 to 1: shown in percentage points ("+10 points")
HOURS: Final = "hours"
MONEY: Final = "money"  # an amount in the plan's currency: whole units unless a value has cents
KINDS: Final = (TEXT, COUNT, SCORE, SIGNED, LEVEL, PERCENT, POINTS, HOURS, MONEY)

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
        RANK: Field(N_("Rank"), COUNT),
        c.RESPONDENT_ID: Field(N_("ID")),
        c.NAME: Field(N_("Person")),
        c.TEAM: Field(N_("Team")),
        ROLE_NAME: Field(N_("Role")),
        c.ROUND: Field(N_("Round")),
        c.RATER: Field(N_("Rater")),
        AREA: Field(N_("Area")),
        SKILL: Field(N_("Skill")),
        ROW_LABEL: Field(""),
        c.RATING: Field(N_("Rating"), LEVEL),
        c.TARGET: Field(N_("Target"), LEVEL),
        c.GAP: Field(N_("Gap"), LEVEL, N_("Target minus rating: negative means above target")),
        c.SHORTFALL: Field(N_("Shortfall"), LEVEL, N_("The gap when positive, else 0")),
        c.IMPORTANCE: Field(N_("Importance"), COUNT, N_("1 nice to have, 2 important, 3 critical")),
        c.WEIGHTED_SHORTFALL: Field(
            N_("Weighted shortfall"),
            LEVEL,
            N_("How far below target (in levels) times how much the skill matters for the role (1 to 3)"),
        ),
        g.N_PEOPLE: Field(N_("People rated"), COUNT),
        g.N_PAIRS: Field(N_("Rated skills"), COUNT, N_("Ratings counted: one per person and skill")),
        g.MEAN_RATING: Field(N_("Mean rating"), SCORE),
        g.MEAN_TARGET: Field(N_("Mean target"), SCORE),
        g.MEAN_SHORTFALL: Field(N_("Mean shortfall"), SCORE, N_("Mean of the shortfalls below target")),
        g.MEAN_WEIGHTED_SHORTFALL: Field(N_("Mean weighted shortfall"), SCORE),
        g.READINESS: Field(N_("At target"), PERCENT, N_("Share of ratings at or above the role's target")),
        g.PEOPLE_BELOW: Field(N_("People below target"), COUNT),
        g.N_AT_TARGET: Field(N_("People at target"), COUNT),
        g.COVERED_BY: Field(
            N_("Covered by"), TEXT, N_("The one person at target; 'nobody' when there is none")
        ),
        g.PRIORITY: Field(N_("Priority"), SCORE, N_("Mean importance x shortfall")),
        g.PEOPLE_AFFECTED: Field(N_("People below target"), COUNT),
        PEOPLE: Field(N_("People"), COUNT),
        N_TEAMS: Field(N_("Teams"), COUNT),
        TEAMS: Field(N_("Teams"), TEXT, N_("People below target per team")),
        NAMES: Field(N_("Who"), TEXT),
        SKILLS_BELOW: Field(N_("Skills below target"), COUNT),
        plans.TITLE: Field(N_("Suggested action")),
        plans.FORMAT: Field(N_("Format")),
        plans.HOURS: Field(N_("Hours each"), HOURS),
        plans.DESCRIPTION: Field(N_("What")),
        plans.ALTERNATIVES: Field(N_("Other options (instead)")),
        TOTAL_HOURS: Field(
            N_("Total hours"), HOURS, N_("Each planned action taken once by everyone in its cohort")
        ),
        plans.IN_PLAN: Field(
            N_("In the plan"), COUNT, N_("People below target, less those the planner left out")
        ),
        plans.COST: Field(N_("Cost each"), MONEY, N_("Cost of the action for one person")),
        plans.TOTAL_COST: Field(N_("Total cost"), MONEY, N_("Cost each x people in the plan")),
        plans.START: Field(N_("Starts"), TEXT, N_("The planned start date (year-month-day)")),
        plans.OWNER: Field(N_("Owner"), TEXT, N_("Who organises the action")),
        plans.LEARNER: Field(N_("Learner")),
        plans.MENTOR: Field(N_("Mentor"), TEXT, N_("A colleague rated at bench level or more on the skill")),
        plans.MENTOR_TEAM: Field(N_("Mentor's team")),
        plans.PAIRED: Field(N_("How paired")),
        g.MEAN_SELF: Field(
            N_("Own rating"),
            SCORE,
            N_("Mean self rating over the skills both the person and their manager rated"),
        ),
        g.MEAN_MANAGER: Field(N_("Manager's rating"), SCORE, N_("Mean manager rating over the same skills")),
        g.MEAN_DIFFERENCE: Field(
            N_("Difference"),
            SCORE,
            N_("Own rating minus manager's, in levels: above 0 means people rate themselves higher"),
        ),
        CALIBRATION_READING: Field(N_("Compared with the manager")),
        WIDEST_SKILL_NAME: Field(
            N_("Differ most on"), TEXT, N_("The skill where the two ratings differ most")
        ),
        g.WIDEST_DIFFERENCE: Field(
            N_("Difference on it"), LEVEL, N_("Own rating minus manager's on that skill")
        ),
        g.MEAN_RATING_FROM: Field(N_("Mean rating before"), SCORE),
        g.MEAN_RATING_TO: Field(N_("Mean rating after"), SCORE),
        g.RATING_CHANGE: Field(
            N_("Change"), SIGNED, N_("Mean rating in the later round minus the earlier, in levels")
        ),
        g.READINESS_FROM: Field(N_("At target before"), PERCENT),
        g.READINESS_TO: Field(N_("At target after"), PERCENT),
        g.READINESS_CHANGE: Field(
            N_("Change at target"),
            POINTS,
            N_("In percentage points: from 60% to 70% at target is a change of 10 points"),
        ),
        g.N_BELOW_FROM: Field(N_("Gaps before"), COUNT, N_("Ratings below target in the earlier round")),
        g.N_CLOSED: Field(
            N_("Gaps closed"), COUNT, N_("Below target in the earlier round, at target in the later")
        ),
        g.N_OPENED: Field(
            N_("Gaps opened"), COUNT, N_("At target in the earlier round, below target in the later")
        ),
        g.N_BELOW_TO: Field(N_("Gaps after"), COUNT, N_("Ratings below target in the later round")),
        g.RATING_FROM: Field(N_("Rating before"), LEVEL),
        g.RATING_TO: Field(N_("Rating after"), LEVEL),
        g.COHORT_PEOPLE: Field(
            N_("People in the plan"),
            COUNT,
            N_("People the training plan put into this skill's cohort, rated in both rounds"),
        ),
        g.COHORT_CHANGE: Field(N_("Their mean change"), SCORE, N_("Change in their mean rating, in levels")),
        g.OTHERS_PEOPLE: Field(N_("Others"), COUNT, N_("Everyone else rated on this skill in both rounds")),
        g.OTHERS_CHANGE: Field(
            N_("Others' mean change"), SCORE, N_("Change in the others' mean rating, in levels")
        ),
        g.CHANGE_DIFFERENCE: Field(
            N_("Difference"),
            SCORE,
            N_("Their mean change minus the others': a difference, not proof that training caused it"),
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
        """In the session's language (the catalogue leaves a text it does not hold, a skill's name, as it is)."""
        return _(self.field(name).heading)

    def help(self, name: str) -> str:
        return _(self.field(name).help)

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
