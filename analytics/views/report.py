"""The gap report: filtered gap pairs, the ingest findings and the user's choices in, one :class:`ReportView` out.

A report is the dashboard's views laid out on paper: its summary is the Overview
(:func:`analytics.views.overview.overview_view`), its priorities and training plan are the
Priorities page's (:func:`analytics.views.priorities.priorities_view`, with the planner's
choices), its development plans are the People page's for everyone
(:func:`analytics.views.people.development_plans`, with the training plan's actions, dates and
mentors laid over them as in each person's one-page plan) and its Validation section is the Data
page's. When the data has them, its Trends section is the Trends page's comparison of the
report's round with the round before it (:func:`analytics.views.trends.trends_view`) and its
Calibration section is the Calibration page's (:func:`analytics.views.calibration.calibration_view`).
Only the per-pair Gaps table is the report's own. The xlsx, html, pdf and csv
writers in :mod:`analytics.reports` lay this one object out and compute nothing.

An anonymised report is built on pseudonymised pairs (:mod:`analytics.privacy`), hides every
group figure over fewer than the minimum group size, leaves the respondent ids out and
redacts names from the validation messages; of the Trends and Calibration sections it keeps
the group tables only.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics import plans, privacy
from analytics.framework import Framework, Scale
from analytics.i18n import N_, _
from analytics.ingest import IngestResult, issues_frame
from analytics.privacy import NOT_SHOWN
from analytics.views import fields as f
from analytics.views.data import validation_table
from analytics.views.development import with_plan
from analytics.views.formats import NOT_AVAILABLE, format_number
from analytics.views.names import FrameworkNames, framework_names, label
from analytics.views.overview import OverviewView, headline_figures, overview_view
from analytics.views.people import development_plans
from analytics.views.plan import DEFAULT_CHOICES, PlanChoices, TrainingPlan
from analytics.views.priorities import PrioritiesView, priorities_view
from analytics.views.selection import Filters

if TYPE_CHECKING:
    from analytics.views.calibration import CalibrationView
    from analytics.views.trends import TrendsView

# Over this many people, per-person tables turn from one row per skill into one row per person.
LONG_TABLE_LIMIT: Final = 2_000
PLAN_SKILLS_PER_PERSON: Final = 3
# The Trends and Calibration tables by the names of their sheets (the xlsx writer's sheet names,
# in English: the writer translates them where it names the sheets).
TRENDS: Final = N_("Trends")
TRENDS_BY_ROUND: Final = N_("Trends by round")
TRENDS_PER_PERSON: Final = N_("Trends per person")
TRAINING_CHECK: Final = N_("Training check")
CALIBRATION: Final = N_("Calibration")
CALIBRATION_BY_TEAM: Final = N_("Calibration by team")
CALIBRATION_BY_AREA: Final = N_("Calibration by area")
CALIBRATION_PER_PERSON: Final = N_("Calibration per person")
# The report's title when the caller gives none.
DEFAULT_TITLE: Final = N_("Skills-gap report")


@dataclass(frozen=True)
class ReportView:
    """Everything a report shows, made by :func:`report_view`.

    Each section is built the first time a writer asks for it and then kept, so the csv
    (which needs only the pairs) never builds the tables of the Excel report.
    """

    title: str
    framework: Framework
    source: str
    filters: tuple[tuple[str, str], ...]
    generated_at: datetime
    anonymised: bool
    min_group_size: int
    choices: PlanChoices
    pairs: pd.DataFrame = field(repr=False)
    issues: pd.DataFrame = field(repr=False)
    redact: pd.Index | None = field(default=None, repr=False)
    # Every round's pairs and tidy ratings under the same team and role filters, and a stored
    # plan's cohorts: what the Trends and Calibration sections are made of (None: no sections).
    history: pd.DataFrame | None = field(default=None, repr=False)
    ratings: pd.DataFrame | None = field(default=None, repr=False)
    cohorts: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def framework_name(self) -> str:
        fw = self.framework
        return (
            _("{name} (version {version})").format(name=fw.shown_name, version=fw.version)
            if fw.version
            else fw.shown_name
        )

    @property
    def source_label(self) -> str:
        return _(g.SOURCE_LABELS[self.source])

    @property
    def names(self) -> FrameworkNames:
        return framework_names(self.framework)

    @property
    def scale(self) -> Scale:
        return self.framework.scale

    @property
    def hidden_note(self) -> str:
        return _(NOT_SHOWN).format(n=self.min_group_size)

    @property
    def missing_figure(self) -> str:
        """What stands in place of a headline figure that is not shown."""
        return self.hidden_note if self.anonymised else _(NOT_AVAILABLE)

    @property
    def generated(self) -> str:
        """When the report was made, as every format prints it."""
        return self.generated_at.strftime("%Y-%m-%d %H:%M %Z").strip()

    @property
    def hide(self) -> int:
        """The minimum group size figures are shown for: 0 (everything) unless anonymised."""
        return self.min_group_size if self.anonymised else 0

    @functools.cached_property
    def priorities(self) -> PrioritiesView:
        return priorities_view(self.pairs, self.framework, self.choices, self.hide)

    @functools.cached_property
    def overview(self) -> OverviewView:
        ranked = None if self.hide else self.priorities.ranked.frame
        return overview_view(self.pairs, self.framework, self.hide, ranked)

    @property
    def figures(self) -> tuple[f.Figure, ...]:
        return headline_figures(self.overview.headline, self.priorities.plan)

    @property
    def n_people(self) -> int:
        return self.overview.headline.people

    @property
    def n_pairs(self) -> int:
        return self.overview.headline.pairs

    @property
    def gaps_wide(self) -> bool:
        return int(self.pairs[c.RESPONDENT_ID].nunique()) > LONG_TABLE_LIMIT

    @functools.cached_property
    def gaps(self) -> f.Table:
        with_id = not self.anonymised
        return (_gaps_wide if self.gaps_wide else _gaps_long)(self.pairs, self.names, with_id)

    @functools.cached_property
    def development(self) -> f.Table:
        return _development(
            self.pairs, self.framework, self.priorities.plan, self.gaps_wide, not self.anonymised
        )

    @functools.cached_property
    def validation(self) -> f.Table:
        return validation_table(self.issues, redact=self.redact)

    @property
    def round(self) -> str | None:
        """The one survey round the report covers (None for a report of no pairs)."""
        rounds = self.pairs[c.ROUND].dropna().unique()
        return str(rounds[0]) if len(rounds) else None

    @functools.cached_property
    def trends(self) -> TrendsView | None:
        """The report's round against the round before it, as the Trends page compares them."""
        from analytics.views.trends import available_rounds, trends_view

        if self.history is None or self.round is None:
            return None
        rounds = list(available_rounds(self.history))
        if self.round not in rounds or rounds.index(self.round) == 0:
            return None
        before = rounds[rounds.index(self.round) - 1]
        return trends_view(self.history, self.framework, before, self.round, cohorts=self.cohorts)

    @functools.cached_property
    def calibration(self) -> CalibrationView | None:
        from analytics.views.calibration import calibration_view

        if self.ratings is None or self.round is None:
            return None
        return calibration_view(self.ratings, self.framework, Filters(round=self.round))

    @functools.cached_property
    def trend_tables(self) -> tuple[tuple[str, f.Table], ...]:
        """The Trends tables with the names of their sheets; empty without an earlier round."""
        trends = self.trends
        if trends is None:
            return ()
        tables = [(TRENDS, trends.changes), (TRENDS_BY_ROUND, trends.trend)]
        if not self.anonymised:
            tables.append((TRENDS_PER_PERSON, trends.people))
        if trends.training is not None and trends.training.table is not None:
            tables.append((TRAINING_CHECK, trends.training.table))
        return self._private(tables)

    @functools.cached_property
    def calibration_tables(self) -> tuple[tuple[str, f.Table], ...]:
        """The Calibration tables with the names of their sheets; empty without manager ratings."""
        calibration = self.calibration
        if calibration is None:
            return ()
        tables = [
            (CALIBRATION, calibration.by_skill),
            (CALIBRATION_BY_TEAM, calibration.by_team),
            (CALIBRATION_BY_AREA, calibration.by_area),
        ]
        if not self.anonymised:
            tables.append((CALIBRATION_PER_PERSON, calibration.by_person))
        return self._private(tables)

    @property
    def trend_lines(self) -> pd.DataFrame | None:
        """What the Trends chart draws: the round-by-round table as the report shows it (hidden where small)."""
        table = dict(self.trend_tables).get(TRENDS_BY_ROUND)
        return table.frame if table is not None else None

    @property
    def calibration_points(self) -> pd.DataFrame | None:
        """What the Calibration chart draws: one point per skill, none over fewer than the minimum group when anonymised."""
        if not self.calibration_tables or self.calibration is None:
            return None
        points = self.calibration.skill_points
        if self.anonymised:
            points = points[(points[g.N_PEOPLE] >= self.min_group_size).to_numpy(dtype=bool)]
        return points.reset_index(drop=True)

    def _private(self, tables: Sequence[tuple[str, f.Table]]) -> tuple[tuple[str, f.Table], ...]:
        """Anonymised, only group tables are listed (the caller leaves out lists of people) and
        figures over fewer than the minimum group size are hidden."""
        if not self.anonymised:
            return tuple(tables)
        return tuple((sheet, _hidden_groups(table, self.min_group_size)) for sheet, table in tables)

    @property
    def about(self) -> tuple[tuple[str, str], ...]:
        """What the report covers, as the first lines of every format list it."""
        items = [(_("Framework"), self.framework_name), (_("Ratings used"), self.source_label), *self.filters]
        if self.anonymised:
            items.append(
                (
                    _("Anonymised"),
                    _(
                        "Yes: names are pseudonyms; teams under {n} people are merged and group figures "
                        "over fewer than {n} people are hidden."
                    ).format(n=self.min_group_size),
                )
            )
        return tuple(items)


def report_view(
    framework: Framework,
    gaps: g.GapResult,
    result: IngestResult | None = None,
    filters: Sequence[tuple[str, str]] = (),
    choices: PlanChoices = DEFAULT_CHOICES,
    *,
    anonymise: bool = False,
    min_group_size: int = privacy.DEFAULT_MIN_GROUP_SIZE,
    pseudonym_key: str | None = None,
    generated_at: datetime | None = None,
    title: str | None = None,
    history: pd.DataFrame | None = None,
    ratings: pd.DataFrame | None = None,
    cohorts: pd.DataFrame | None = None,
) -> ReportView:
    """The report of gap pairs already filtered to what it covers.

    ``gaps`` holds one rating source (self, manager or combined) of one round, as the
    dashboard's sidebar chooses it. ``result`` is the ingest result, whose issues make the
    Validation section. ``filters`` describes the filters applied
    (:func:`analytics.views.selection.described`). With ``anonymise``, names become pseudonyms
    keyed by ``pseudonym_key`` (a random key when None: stable within this report only).
    ``history`` (the same rating source's pairs of every round, under the same team and role
    filters), ``ratings`` (the tidy ratings of every round under those filters) and
    ``cohorts`` (a stored plan's, see :func:`analytics.gaps.training_effect`) add the Trends
    and Calibration sections where the data has them. Without a ``title``, the report is a
    "Skills-gap report" in the session's language.
    """
    if gaps.source not in g.SOURCE_LABELS:
        raise ValueError(
            f"A report measures one rating source; choose one of {tuple(g.SOURCE_LABELS)}, not {gaps.source!r}."
        )
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1.")
    if gaps.pairs[c.ROUND].nunique() > 1:
        raise ValueError("A report covers one survey round: filter the pairs to one round first.")
    pairs = gaps.pairs
    redact: pd.Index | None = None
    if anonymise:
        redact = _known_names(pairs, result)
        key = pseudonym_key or privacy.new_key()
        choices = choices.renamed(privacy.pseudonym_map(pairs, key))
        pairs = privacy.anonymise_pairs(pairs, key, min_group_size)
    return ReportView(
        title=_(DEFAULT_TITLE) if title is None else title,
        framework=framework,
        source=gaps.source,
        filters=tuple((str(what), str(which)) for what, which in filters),
        generated_at=generated_at or datetime.now(UTC),
        anonymised=anonymise,
        min_group_size=min_group_size,
        choices=choices,
        pairs=pairs,
        issues=result.issues_frame() if result is not None else issues_frame(()),
        redact=redact,
        history=history,
        ratings=ratings,
        cohorts=cohorts,
    )


def _hidden_groups(table: f.Table, min_group: int) -> f.Table:
    """``table`` with every figure of a row over fewer than ``min_group`` people blanked.

    A row of the training check counts two groups (the cohort and the others): the smaller decides.
    """
    counts = [name for name in (g.N_PEOPLE, g.COHORT_PEOPLE, g.OTHERS_PEOPLE) if name in table.frame.columns]
    if not counts:
        return table
    figures = [name for name in table.columns if name not in counts and table.kind(name) != f.TEXT]
    fewest = table.frame[counts].min(axis=1).to_numpy(dtype=float)
    hidden = privacy.hide_small(table.frame.assign(_fewest=fewest), "_fewest", figures, min_group)
    return dataclasses.replace(table, frame=hidden.drop(columns="_fewest"))


def _known_names(pairs: pd.DataFrame, result: IngestResult | None) -> pd.Index:
    """Every name, e-mail and id an anonymised report must not show, from the pairs and the upload."""
    parts = [pairs[c.NAME], pairs[c.RESPONDENT_ID]]
    if result is not None:
        parts += [result.ratings[col] for col in (c.NAME, c.EMAIL, c.RESPONDENT_ID) if col in result.ratings]
    values = pd.concat([pd.Series(p.astype(object).unique(), dtype=object) for p in parts])
    return pd.Index(values.dropna().astype(str).unique(), dtype=object)


def _who(frame: pd.DataFrame, names: FrameworkNames, with_id: bool) -> dict[str, pd.Series]:
    """Who a row is about. The ID (e-mail or normalised name) tells apart people who share a name;
    anonymised reports leave it out, since the pseudonym already is one."""
    columns = {c.NAME: frame[c.NAME].astype(object)}
    if with_id:
        columns[c.RESPONDENT_ID] = frame[c.RESPONDENT_ID].astype(object)
    columns[c.TEAM] = frame[c.TEAM].astype(object)
    columns[f.ROLE_NAME] = label(frame[c.ROLE_ID], names.role)
    return columns


def _gaps_long(pairs: pd.DataFrame, names: FrameworkNames, with_id: bool) -> f.Table:
    who = _who(pairs, names, with_id)
    frame = pd.DataFrame(
        {
            **who,
            c.ROUND: pairs[c.ROUND].astype(object),
            f.AREA: label(pairs[c.AREA_ID], names.area),
            f.SKILL: label(pairs[c.SKILL_ID], names.skill),
            c.RATING: pairs[c.RATING],
            c.TARGET: pairs[c.TARGET],
            c.GAP: pairs[c.GAP],
            c.SHORTFALL: pairs[c.SHORTFALL],
            c.IMPORTANCE: pairs[c.IMPORTANCE],
            c.WEIGHTED_SHORTFALL: pairs[c.WEIGHTED_SHORTFALL],
        }
    ).reset_index(drop=True)
    return f.Table(
        _("Gaps per person and skill"),
        frame,
        tuple(frame.columns),
        _(
            "Gap = target - rating (negative means above target). Shortfall = the gap when positive, "
            "else 0. Weighted shortfall = importance (1 to 3) x shortfall."
        ),
    )


def _gaps_wide(pairs: pd.DataFrame, names: FrameworkNames, with_id: bool) -> f.Table:
    """One row per person with their shortfall per skill, built on integer codes."""
    ids, people = k.groups(pairs, [c.RESPONDENT_ID])
    n = len(people)
    first = k.first_rows(ids, n)[1]
    skill = pd.Index(names.skill_order).get_indexer(pairs[c.SKILL_ID].astype(object))
    grid = np.full((n, len(names.skill_order)), np.nan)
    grid[ids, skill] = pairs[c.SHORTFALL].to_numpy(dtype=float)
    means = k.GroupMeans(ids, n)
    base = pairs.iloc[first]
    frame = pd.DataFrame(
        {
            **{column: values.to_numpy() for column, values in _who(base, names, with_id).items()},
            c.ROUND: base[c.ROUND].astype(object).to_numpy(),
            g.N_PAIRS: means.counts,
            g.READINESS: means(pairs[c.AT_TARGET]),
            c.WEIGHTED_SHORTFALL: means.sums(pairs[c.WEIGHTED_SHORTFALL]),
        }
    )
    skills = [names.skill[s] for s in names.skill_order]
    frame = pd.concat([frame, pd.DataFrame(grid, columns=skills)], axis=1)
    frame = frame.sort_values([c.NAME], kind="stable").reset_index(drop=True)
    return f.Table(
        _("Shortfall per person and skill"),
        frame,
        tuple(frame.columns),
        _(
            "Over {limit} people, so one row per person: each skill column holds the shortfall "
            "below the role's target (0 = at or above target, blank = not rated). The csv export has every "
            "rating, target and gap."
        ).format(limit=format_number(LONG_TABLE_LIMIT, f.COUNT)),
        {
            c.WEIGHTED_SHORTFALL: f.Field(N_("Total weighted shortfall"), f.SCORE),
            **{skill: f.Field(skill, f.SCORE) for skill in skills},
        },
    )


def _development(
    pairs: pd.DataFrame, framework: Framework, training: TrainingPlan, wide: bool, with_id: bool
) -> f.Table:
    """Each person's skills below target, the largest weighted shortfall first, with the action they
    take: the training plan's where it has them in a cohort (as their one-page plan says), else the
    framework's suggestion."""
    names = framework_names(framework)
    plan = with_plan(development_plans(pairs, framework), training)
    who = _who(plan, names, with_id)
    if not wide:
        frame = pd.DataFrame(
            {
                **who,
                **{
                    column: plan[column]
                    for column in (
                        f.SKILL,
                        f.AREA,
                        c.RATING,
                        c.TARGET,
                        c.SHORTFALL,
                        c.WEIGHTED_SHORTFALL,
                        plans.TITLE,
                        plans.FORMAT,
                        plans.HOURS,
                        plans.START,
                        plans.MENTOR,
                    )
                },
            }
        )
        return f.Table(
            _("Development plan per person"),
            frame,
            tuple(frame.columns),
            _(
                "Each person's skills below target, the most important first, with their learning action: the "
                "training plan's, with its start date and mentor, where the plan has them in the cohort; "
                "otherwise the framework's suggestion."
            ),
            {plans.HOURS: f.Field(N_("Hours"), f.HOURS), plans.TITLE: f.Field(N_("Action"))},
        )
    # Each person's rows are one run: its number is the person's row, its order the skill's rank.
    starts = k.run_starts(k.factorize(plan[c.RESPONDENT_ID], sort=False)[0])
    first = np.zeros(len(plan), dtype=bool)
    first[starts] = True
    slot = np.cumsum(first) - 1
    rank = np.arange(len(plan)) - starts[slot] if len(plan) else np.zeros(0, dtype=int)
    base = {column: values[first].to_numpy() for column, values in who.items()}
    frame = pd.DataFrame(base)
    frame[f.SKILLS_BELOW] = np.bincount(slot, minlength=len(frame))
    frame[f.TOTAL_HOURS] = np.bincount(
        slot, weights=plan[plans.HOURS].fillna(0).to_numpy(), minlength=len(frame)
    )
    extra: dict[str, f.Field] = {f.TOTAL_HOURS: f.Field(N_("Total hours"), f.HOURS)}
    for place in range(PLAN_SKILLS_PER_PERSON):
        at = rank == place
        # The column keeps its English name; its heading is in the session's language.
        for name, heading, values in (
            (f"Skill {place + 1}", _("Skill {n}").format(n=place + 1), plan[f.SKILL]),
            (f"Action {place + 1}", _("Action {n}").format(n=place + 1), plan[plans.TITLE]),
        ):
            column = np.full(len(frame), "", dtype=object)
            column[slot[at]] = values.to_numpy(dtype=object)[at]
            frame[name] = column
            extra[name] = f.Field(heading)
    return f.Table(
        _("Development plan per person"),
        frame,
        tuple(frame.columns),
        _(
            "Over {limit} people, so one row per person: the {n} skills with "
            "the highest weighted shortfall and their actions (the training plan's where it has them in the "
            "cohort, else the framework's suggestion); total hours cover every skill below target."
        ).format(limit=format_number(LONG_TABLE_LIMIT, f.COUNT), n=PLAN_SKILLS_PER_PERSON),
        extra,
    )
