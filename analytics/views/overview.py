"""The Overview: filtered gap pairs in, headline figures, the area table, the heatmap and top priorities out.

The Overview page shows an :class:`OverviewView`, and every report's summary lays out the
same one, so a figure on screen and in an export cannot disagree. With ``min_group`` (an
anonymised view) every group figure over fewer people is hidden: headline figures when the
whole selection is that small, area figures, heatmap cells and rows, single points of
failure and priorities of small groups.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.privacy import hide_small
from analytics.views import fields as f
from analytics.views.formats import format_number
from analytics.views.names import framework_names, label, unique_names, with_names
from analytics.views.plan import TrainingPlan
from analytics.views.priorities import ranked_priorities, top_priorities_table

# Up to this many people, the heatmap has one row per person; more are grouped by team.
PERSON_LIMIT: Final = 25
# What a table shows where a skill has nobody at target (a missing "covered by").
NOBODY: Final = N_("nobody")
NO_TEAM_LABEL: Final = N_("(no team)")
_AREA_FIGURES: Final = (
    g.N_PEOPLE,
    g.N_PAIRS,
    g.MEAN_RATING,
    g.MEAN_TARGET,
    g.MEAN_SHORTFALL,
    g.READINESS,
    g.PEOPLE_BELOW,
)


@dataclass(frozen=True)
class Headline:
    """The headline figures over the filtered pairs; None where hidden (a group too small to show)."""

    people: int
    pairs: int
    readiness: float | None
    mean_shortfall: float | None
    people_below: int | None
    weakest_area_id: str | None
    weakest_area: str
    weakest_shortfall: float | None
    single_points: int | None


@dataclass(frozen=True)
class ShortfallGrid:
    """The heatmap: mean shortfall per (row, skill), rows being people for a small group, else teams.

    ``table`` is long, one row per rated cell: ``row`` (its label), ``skill_id``, ``skill``,
    ``area_id``, ``area``, ``n_people``, ``n_pairs``, ``mean_shortfall``, ``readiness``.
    ``rows`` are the row labels in the order shown (names of people or teams, alphabetical) with
    ``people`` per row; ``skills`` and ``areas`` name the columns: the rated skills, in
    framework order.
    ``limit`` is the person limit that decided whether rows are people.
    """

    table: pd.DataFrame
    rows: tuple[str, ...]
    people: tuple[int, ...]
    skills: tuple[str, ...]
    areas: tuple[str, ...]
    by_person: bool
    limit: int
    note: str

    @property
    def row_title(self) -> str:
        return _("Person") if self.by_person else _("Team")

    def wide(self) -> pd.DataFrame:
        """Rows x skills of mean shortfall in the order shown; NaN where nobody is rated (or hidden)."""
        grid = self.table.pivot(index=f.ROW_LABEL, columns=f.SKILL, values=g.MEAN_SHORTFALL)
        return grid.reindex(index=list(self.rows), columns=list(self.skills)).astype(float)


@dataclass(frozen=True)
class OverviewView:
    """What the Overview page shows, and every report's summary.

    Each section is worked out the first time it is asked for and then kept, so the page can
    draw its headline figures before it works out the heatmap: a manager sees the figures
    first, and the browser paints them before the charts arrive.
    """

    pairs: pd.DataFrame = field(repr=False)
    framework: Framework
    min_group: int = 0
    ranked: pd.DataFrame | None = field(default=None, repr=False)
    person_limit: int = PERSON_LIMIT

    @functools.cached_property
    def by_area(self) -> pd.DataFrame:
        return with_names(g.summarise(self.pairs, [c.AREA_ID]), self.framework)

    @functools.cached_property
    def single_points(self) -> f.Table:
        return single_points(self.pairs, self.framework, self.min_group)

    @functools.cached_property
    def headline(self) -> Headline:
        return headline(self.pairs, self.framework, self.by_area, len(self.single_points), self.min_group)

    @functools.cached_property
    def areas(self) -> f.Table:
        return f.Table(
            _("Mean rating against target per area"),
            hide_small(self.by_area, g.N_PEOPLE, _AREA_FIGURES, self.min_group),
            (f.AREA, *_AREA_FIGURES),
            _(
                "Pooled over every rated person and skill in the area. 'At target' is the share of ratings at "
                "or above the role's target."
            ),
            {g.N_PEOPLE: f.Field(N_("People"), f.COUNT)},
        )

    @functools.cached_property
    def grid(self) -> ShortfallGrid:
        return shortfall_grid(self.pairs, self.framework, self.person_limit, self.min_group)

    @functools.cached_property
    def top_priorities(self) -> f.Table:
        ranked = ranked_priorities(self.pairs, self.framework) if self.ranked is None else self.ranked
        return top_priorities_table(ranked, self.min_group)


def overview_view(
    pairs: pd.DataFrame,
    framework: Framework,
    min_group: int = 0,
    ranked: pd.DataFrame | None = None,
    person_limit: int = PERSON_LIMIT,
) -> OverviewView:
    """The Overview of these pairs; ``ranked`` is
    :func:`analytics.views.priorities.ranked_priorities` of the same pairs when at hand."""
    return OverviewView(pairs, framework, min_group, ranked, person_limit)


def headline(
    pairs: pd.DataFrame, framework: Framework, by_area: pd.DataFrame, single_points: int, min_group: int = 0
) -> Headline:
    """People, rated pairs, readiness, mean shortfall, people below target, the weakest area, single points.

    ``by_area`` is ``summarise(pairs, [area_id])``. The weakest area is
    :func:`analytics.gaps.weakest_area`, over areas rated by at least ``min_group`` people.
    """
    # The areas partition the pairs: pooled totals follow from them, people from one count.
    n_pairs = int(by_area[g.N_PAIRS].sum())
    person = k.factorize(pairs[c.RESPONDENT_ID])[0]
    counts = k.DistinctCounts(np.zeros(len(person), dtype=np.intp), person, 1)
    people = int(counts.count()[0])
    if not n_pairs or people < min_group:
        return Headline(people, n_pairs, None, None, None, None, "", None, None)
    weakest = g.weakest_area(pairs, by_area, min_people=max(min_group, 1))
    shortfall = None
    if weakest is not None:
        row = by_area[by_area[c.AREA_ID].astype(str) == weakest]
        shortfall = float(row[g.MEAN_SHORTFALL].iloc[0])
    return Headline(
        people=people,
        pairs=n_pairs,
        readiness=float((by_area[g.READINESS] * by_area[g.N_PAIRS]).sum() / n_pairs),
        mean_shortfall=float((by_area[g.MEAN_SHORTFALL] * by_area[g.N_PAIRS]).sum() / n_pairs),
        people_below=int(counts.count(pairs[c.SHORTFALL].to_numpy(dtype=float) > 0)[0]),
        weakest_area_id=weakest,
        weakest_area=framework.area(weakest).shown_name if weakest else "",
        weakest_shortfall=shortfall,
        single_points=single_points,
    )


def single_points(pairs: pd.DataFrame, framework: Framework, min_group: int = 0) -> f.Table:
    """Single points of failure per team (see :func:`analytics.gaps.single_points_of_failure`) with names.

    With ``min_group``, teams rated by fewer people on the skill are left out.
    """
    spof = with_names(g.single_points_of_failure(pairs), framework)
    if min_group:
        spof = spof[spof[g.N_PEOPLE] >= min_group].reset_index(drop=True)
    spof[g.COVERED_BY] = spof[g.COVERED_BY].astype(object).where(spof[g.COVERED_BY].notna(), _(NOBODY))
    return f.Table(
        _("Single points of failure"),
        spof,
        (c.TEAM, f.SKILL, f.AREA, g.COVERED_BY, g.N_PEOPLE),
        _(
            "Critical skills a team needs where at most one person is at target: if that person is away, "
            "the work stops."
        ),
        {
            g.COVERED_BY: f.Field(
                N_("Only person at target"), f.TEXT, N_("'nobody': no one in the team is at target")
            )
        },
    )


def rows_are_people(pairs: pd.DataFrame, person_limit: int = PERSON_LIMIT) -> bool:
    """Whether a heatmap of these pairs has one row per person (at most ``person_limit``) or per team."""
    return 0 < int(pairs[c.RESPONDENT_ID].nunique()) <= person_limit


def shortfall_grid(
    pairs: pd.DataFrame, framework: Framework, person_limit: int = PERSON_LIMIT, min_group: int = 0
) -> ShortfallGrid:
    """Mean shortfall per (row, skill): rows are people for a small group, teams otherwise.

    People are grouped by respondent id and labelled with
    :func:`analytics.views.names.unique_names`, so two people who share a name stay two rows;
    rows are in name order. With ``min_group`` rows are always
    teams, and cells and rows over fewer people are left out.
    """
    names = framework_names(framework)
    by_person = not min_group and rows_are_people(pairs, person_limit)
    key = c.RESPONDENT_ID if by_person else c.TEAM
    cells = g.summarise(pairs, [key, c.SKILL_ID])
    per_row = g.summarise(pairs, [key])[[key, g.N_PEOPLE]]
    if by_person:
        shown = unique_names(pairs).astype(str)
        cells[f.ROW_LABEL] = cells[key].astype(object).map(shown)
        per_row[f.ROW_LABEL] = per_row[key].astype(object).map(shown)
    else:
        cells[f.ROW_LABEL] = cells[key].astype(object).fillna(_(NO_TEAM_LABEL))
        per_row[f.ROW_LABEL] = per_row[key].astype(object).fillna(_(NO_TEAM_LABEL))
    per_row = per_row.sort_values(f.ROW_LABEL, kind="stable")
    note = _("Mean shortfall below target (0 = everyone at target); blank = nobody rated.")
    if min_group:
        cells[g.MEAN_SHORTFALL] = cells[g.MEAN_SHORTFALL].where(cells[g.N_PEOPLE] >= min_group)
        per_row = per_row[per_row[g.N_PEOPLE] >= min_group]
        cells = cells[cells[f.ROW_LABEL].isin(per_row[f.ROW_LABEL])]
        note += " " + _("Groups and cells over fewer than {n} people are left out.").format(n=min_group)
    cells[c.AREA_ID] = cells[c.SKILL_ID].astype(object).map(names.area_of)
    cells[f.SKILL] = label(cells[c.SKILL_ID], names.skill)
    cells[f.AREA] = label(cells[c.AREA_ID], names.area)
    columns = [f.ROW_LABEL, c.SKILL_ID, f.SKILL, c.AREA_ID, f.AREA, *g.SUMMARY_COLUMNS]
    present = set(cells[c.SKILL_ID].astype(object))
    rated = [s for s in names.skill_order if s in present]
    return ShortfallGrid(
        table=cells.loc[:, columns].reset_index(drop=True),
        rows=tuple(per_row[f.ROW_LABEL]),
        people=tuple(int(n) for n in per_row[g.N_PEOPLE]),
        skills=tuple(names.skill[s] for s in rated),
        areas=tuple(names.area[names.area_of[s]] for s in rated),
        by_person=by_person,
        limit=person_limit,
        note=note,
    )


# Keys of the headline figures, for pages that show some of them.
PEOPLE_FIGURE: Final = "people"
PAIRS_FIGURE: Final = "pairs"
READINESS_FIGURE: Final = "readiness"
SHORTFALL_FIGURE: Final = "mean_shortfall"
BELOW_FIGURE: Final = "people_below"
WEAKEST_FIGURE: Final = "weakest_area"
SINGLE_POINTS_FIGURE: Final = "single_points"
PLAN_HOURS_FIGURE: Final = "plan_hours"


def headline_figures(top: Headline, plan: TrainingPlan | None = None) -> tuple[f.Figure, ...]:
    """The headline figures as every page and report names them; the plan's hours last when given."""
    weakest = (
        _("Largest mean shortfall below target ({levels} levels)").format(
            levels=format_number(top.weakest_shortfall, f.SCORE)
        )
        if top.weakest_shortfall is not None
        else _("Largest mean shortfall below target")
    )
    figures = [
        f.Figure(
            PEOPLE_FIGURE,
            _("People"),
            top.people,
            f.COUNT,
            _("People with at least one rated skill in this selection"),
        ),
        f.Figure(
            PAIRS_FIGURE,
            _("Skills rated"),
            top.pairs,
            f.COUNT,
            _("Ratings counted, one per person and skill; 'not applicable' answers are left out"),
        ),
        f.Figure(
            READINESS_FIGURE,
            _("Team readiness"),
            top.readiness,
            f.PERCENT,
            _("Share of rated skills at or above the role target"),
        ),
        f.Figure(
            SHORTFALL_FIGURE,
            _("Mean shortfall below target"),
            top.mean_shortfall,
            f.SCORE,
            _("In levels of the scale"),
        ),
        f.Figure(BELOW_FIGURE, _("People below target on at least one skill"), top.people_below, f.COUNT),
        f.Figure(WEAKEST_FIGURE, _("Weakest area"), top.weakest_area or None, f.TEXT, weakest),
        f.Figure(
            SINGLE_POINTS_FIGURE,
            _("Single points of failure"),
            top.single_points,
            f.COUNT,
            _("Critical skills where a team has at most one person at target"),
        ),
    ]
    if plan is not None:
        figures.append(
            f.Figure(
                PLAN_HOURS_FIGURE,
                _("Learning hours in the training plan"),
                plan.total_hours,
                f.HOURS,
                _("Each planned skill's suggested action, taken once by everyone below target"),
            )
        )
        # The money, once the planner has given it: the Priorities page's figures, in every report.
        figures.extend(plan.money_figures)
    return tuple(figures)
