"""Calibration: tidy ratings and the user's filters in, own ratings against managers' ratings out.

The Calibration page shows a :class:`CalibrationView`: per skill, team, area and person the mean
self rating, the mean manager rating and their difference (self minus manager, over the
(person, skill, round) pairs both rated, with n); the people whose own ratings are on average a
level or more above or below their manager's, worded as a place to start a conversation rather
than a verdict; and the points of the self-against-manager scatter. The page compares the two
rating sources, so the sidebar's rating source does not apply here; the round, team and role
filters do, on the tidy ratings (:func:`analytics.views.selection.apply_filters`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics.framework import Framework
from analytics.i18n import N_, _, localise_number, plural
from analytics.views import fields as f
from analytics.views.formats import counted_each, format_number
from analytics.views.names import framework_names, label, people_table, unique_names, with_names
from analytics.views.overview import NO_TEAM_LABEL
from analytics.views.selection import EmptyReason, Filters, apply_filters

# How many people the lists of those rating themselves higher or lower show.
LISTED: Final = 50
# Up to this many people the scatter has one point per person. Above it, people whose two
# means round to the same POINT_STEP share one bubble, so 20,000 people draw a few hundred
# points, not 20,000 (and never the 500,000 ratings behind them).
PERSON_POINTS_LIMIT: Final = 300
POINT_STEP: Final = 0.25

# The scatter's titles, by what its points stand for.
PEOPLE_POINTS_TITLE: Final = N_("Own rating vs manager's, per person")
GROUPED_POINTS_TITLE: Final = N_("Own rating vs manager's, people grouped")
SKILL_POINTS_TITLE: Final = N_("Own rating vs manager's, per skill")

# A person's side of the manager's view, in words (translated where a table or chart shows it).
READINGS: Final = {
    g.SELF_HIGHER: N_("Own rating higher"),
    g.IN_LINE: N_("Close to the manager's"),
    g.SELF_LOWER: N_("Own rating lower"),
}
# The columns of the scatter's points (see CalibrationView).
POINT_COLUMNS: Final = (
    f.ROW_LABEL,
    f.POINT_DETAIL,
    g.MEAN_MANAGER,
    g.MEAN_SELF,
    g.MEAN_DIFFERENCE,
    g.N_PEOPLE,
    g.N_PAIRS,
    g.CALIBRATION_SIDE,
)

# Keys of the headline figures.
PEOPLE_FIGURE: Final = "people"
PAIRS_FIGURE: Final = "pairs"
MEAN_SELF_FIGURE: Final = "mean_self"
MEAN_MANAGER_FIGURE: Final = "mean_manager"
DIFFERENCE_FIGURE: Final = "mean_difference"
HIGHER_FIGURE: Final = "higher"
LOWER_FIGURE: Final = "lower"

_COMPARED: Final = {
    g.N_PEOPLE: f.Field(
        N_("People compared"), f.COUNT, N_("People with their own and their manager's rating")
    ),
    g.N_PAIRS: f.Field(
        N_("Skills compared"),
        f.COUNT,
        N_("Ratings of the same person and skill by both the person and their manager"),
    ),
}
_GROUP_FIGURES: Final = (g.N_PEOPLE, g.N_PAIRS, g.MEAN_SELF, g.MEAN_MANAGER, g.MEAN_DIFFERENCE)
_PERSON_COLUMNS: Final = (c.NAME, c.TEAM, f.ROLE_NAME, g.MEAN_SELF, g.MEAN_MANAGER, g.MEAN_DIFFERENCE)


@dataclass(frozen=True)
class CalibrationView:
    """Everything the Calibration page shows, for reports to lay out the same way.

    ``people`` and ``pairs`` count who and what could be compared (both ratings on the same
    skill in the same round); ``people_self_rated`` counts everyone with a self rating in the
    selection, so the page can say how many lack a manager's view. ``higher`` and ``lower``
    list at most :data:`LISTED` people whose own ratings are on average ``threshold`` levels
    or more above (below) their manager's; ``n_higher`` and ``n_lower`` count them all.
    ``person_points`` and ``skill_points`` are the scatter's points, columns
    :data:`POINT_COLUMNS`: one per person when ``points_are_people``, else one per group of
    people with about the same two means; one per skill.
    """

    threshold: float
    people: int
    pairs: int
    people_self_rated: int
    mean_self: float
    mean_manager: float
    mean_difference: float
    figures: tuple[f.Figure, ...]
    by_skill: f.Table
    by_team: f.Table
    by_area: f.Table
    by_person: f.Table
    higher: f.Table
    lower: f.Table
    n_higher: int
    n_lower: int
    person_points: pd.DataFrame
    points_are_people: bool
    skill_points: pd.DataFrame


def calibration_view(
    ratings: pd.DataFrame,
    framework: Framework,
    filters: Filters = Filters(),  # noqa: B008 - a frozen dataclass, safe to share
    threshold: float = g.CALIBRATION_THRESHOLD,
    listed: int = LISTED,
    person_limit: int = PERSON_POINTS_LIMIT,
) -> CalibrationView | None:
    """Self against manager over the tidy ratings the filters keep; None when nothing compares.

    :func:`empty_reason` says why there is nothing (no manager ratings at all, none in this
    selection, or none on the same person, skill and round as a self rating).
    """
    chosen = apply_filters(ratings, filters)
    pairs = g.calibration_pairs(chosen)
    if not len(pairs):
        return None
    pairs = with_areas(pairs, framework)
    total = g.calibration_summary(pairs).iloc[0]
    people = person_rows(pairs, framework, threshold)
    higher = people[people[g.CALIBRATION_SIDE] == g.SELF_HIGHER].reset_index(drop=True)
    lower = people[people[g.CALIBRATION_SIDE] == g.SELF_LOWER]
    lower = g.ranked_rows(lower, [g.MEAN_DIFFERENCE, c.NAME], ascending=[True, True]).reset_index(drop=True)
    apart = levels(threshold)
    listing = _("Largest difference first; at most {n} are listed.").format(n=format_number(listed, f.COUNT))
    skill_table = by_skill(pairs, framework)
    figures = headline_figures(
        int(total[g.N_PEOPLE]),
        int(total[g.N_PAIRS]),
        float(total[g.MEAN_SELF]),
        float(total[g.MEAN_MANAGER]),
        float(total[g.MEAN_DIFFERENCE]),
        len(higher),
        len(lower),
        threshold,
    )
    # No role column: with nine columns the lists no longer fit a laptop's width.
    flagged = (c.NAME, c.TEAM, *_GROUP_FIGURES[2:], f.WIDEST_SKILL_NAME, g.WIDEST_DIFFERENCE, g.N_PAIRS)
    return CalibrationView(
        threshold=threshold,
        people=int(total[g.N_PEOPLE]),
        pairs=int(total[g.N_PAIRS]),
        people_self_rated=_self_rated(chosen),
        mean_self=float(total[g.MEAN_SELF]),
        mean_manager=float(total[g.MEAN_MANAGER]),
        mean_difference=float(total[g.MEAN_DIFFERENCE]),
        figures=figures,
        by_skill=f.Table(
            _("Own rating against the manager's, per skill"),
            skill_table,
            (f.SKILL, f.AREA, *_GROUP_FIGURES),
            _(
                "Largest difference first: at the top, skills where people rate themselves higher than "
                "their managers do; at the bottom, skills where managers rate them higher."
            ),
            _COMPARED,
        ),
        by_team=f.Table(
            _("Mean difference per team"),
            by_team(pairs),
            (c.TEAM, *_GROUP_FIGURES),
            _(
                "Pooled over every skill both rated. Above 0: the team rates itself higher than its "
                "managers do; below 0: lower."
            ),
            _COMPARED,
        ),
        by_area=f.Table(
            _("Mean difference per area"),
            with_names(g.calibration_summary(pairs, [c.AREA_ID]), framework),
            (f.AREA, *_GROUP_FIGURES),
            _("Pooled over every skill of the area both rated, in framework order."),
            _COMPARED,
        ),
        by_person=f.Table(
            _("Own rating against the manager's, per person"),
            people,
            (*_PERSON_COLUMNS, f.CALIBRATION_READING, g.N_PAIRS),
            _(
                "Everyone with both ratings on at least one skill, largest difference first. Less than {apart} "
                "apart on average counts as close to the manager's view."
            ).format(apart=apart),
            _COMPARED,
        ),
        higher=f.Table(
            _("Rate themselves {apart} or more above their manager").format(apart=apart),
            higher.head(listed),
            flagged,
            _(
                "On average over the skills both rated, these people see themselves at least {apart} higher "
                "than their manager does. Worth a conversation, not a verdict: the manager may not see all of "
                "their work, the two may read the level descriptions differently, or the person may be ready "
                "for more than their work lets them show. The skill where the two differ most is a good place "
                "to start. {listing}"
            ).format(apart=apart, listing=listing),
            _COMPARED,
        ),
        lower=f.Table(
            _("Rate themselves {apart} or more below their manager").format(apart=apart),
            lower.head(listed),
            flagged,
            _(
                "On average over the skills both rated, these people see themselves at least {apart} lower "
                "than their manager does. Worth a conversation too: they may be underselling themselves, and "
                "hearing what their manager sees in their work can build their confidence. {listing}"
            ).format(apart=apart, listing=listing),
            _COMPARED,
        ),
        n_higher=len(higher),
        n_lower=len(lower),
        person_points=person_points(people, person_limit, threshold),
        points_are_people=len(people) <= person_limit,
        skill_points=skill_points(skill_table, threshold),
    )


def with_areas(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Calibration pairs with the framework area of each skill (``area_id``, categorical, framework order).

    Looked up once per skill, never once per pair; a skill outside the framework has no area.
    """
    names = framework_names(framework)
    areas = pd.Index([a.id for a in framework.areas])
    codes, skills = k.factorize(pairs[c.SKILL_ID])
    area_codes = areas.get_indexer(pd.Index([names.area_of.get(str(s)) for s in skills], dtype=object))
    out = pairs.copy()
    out[c.AREA_ID] = k.categorical(k.take_or(area_codes.astype(np.intp), codes, -1), areas)
    return out


def person_rows(
    pairs: pd.DataFrame, framework: Framework, threshold: float = g.CALIBRATION_THRESHOLD
) -> pd.DataFrame:
    """:func:`analytics.gaps.person_calibration` with names, team, role, the reading in words.

    Columns: those of ``person_calibration``, ``name`` (with the id added where two people
    share a name), ``team``, ``role_id``, ``role_name``, ``calibration_reading`` and
    ``widest_skill_name``. Largest difference first, then by name.
    """
    scores = g.person_calibration(pairs, threshold)
    # Both tables list people in id order, one row each, so they line up row by row.
    people = people_table(pairs)
    people[c.NAME] = unique_names(pairs).to_numpy(dtype=object)
    out = people.assign(**{column: scores[column].to_numpy() for column in g.PERSON_CALIBRATION_COLUMNS[1:]})
    out[f.CALIBRATION_READING] = out[g.CALIBRATION_SIDE].map(_readings()).astype(object)
    out[f.WIDEST_SKILL_NAME] = label(out[g.WIDEST_SKILL], framework_names(framework).skill)
    out = with_names(out, framework)
    return g.ranked_rows(out, [g.MEAN_DIFFERENCE, c.NAME], ascending=[False, True]).reset_index(drop=True)


def by_skill(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Calibration per skill (``pairs`` from :func:`with_areas`) with names, largest mean difference first, ties in skill order."""
    skills = with_names(g.calibration_summary(pairs, [c.SKILL_ID, c.AREA_ID]), framework)
    return g.ranked_rows(skills, [g.MEAN_DIFFERENCE], ascending=False).reset_index(drop=True)


def by_team(pairs: pd.DataFrame) -> pd.DataFrame:
    """Calibration per team, in team order; people without a team are one group, so the rows add up."""
    teams = g.calibration_summary(pairs, [c.TEAM])
    teams[c.TEAM] = teams[c.TEAM].astype(object).where(teams[c.TEAM].notna(), _(NO_TEAM_LABEL))
    return teams


def person_points(
    people: pd.DataFrame, limit: int = PERSON_POINTS_LIMIT, threshold: float = g.CALIBRATION_THRESHOLD
) -> pd.DataFrame:
    """The scatter's points of people (:func:`person_rows`): one each, or grouped above ``limit``.

    Grouped, people whose mean self and mean manager rating round to the same
    :data:`POINT_STEP` and who are on the same side share a point, at the pooled means of its
    people (weighted by their skills compared, like every group figure). Columns
    :data:`POINT_COLUMNS`.
    """
    if len(people) <= limit:
        teams = people[c.TEAM].astype(object).where(people[c.TEAM].notna(), _(NO_TEAM_LABEL))
        return pd.DataFrame(
            {
                f.ROW_LABEL: people[c.NAME].astype(object),
                f.POINT_DETAIL: teams,
                g.MEAN_MANAGER: people[g.MEAN_MANAGER],
                g.MEAN_SELF: people[g.MEAN_SELF],
                g.MEAN_DIFFERENCE: people[g.MEAN_DIFFERENCE],
                g.N_PEOPLE: 1,
                g.N_PAIRS: people[g.N_PAIRS],
                g.CALIBRATION_SIDE: people[g.CALIBRATION_SIDE],
            },
            columns=list(POINT_COLUMNS),
        )
    n_pairs = people[g.N_PAIRS].to_numpy(dtype=float)
    mean_self = people[g.MEAN_SELF].to_numpy(dtype=float)
    mean_manager = people[g.MEAN_MANAGER].to_numpy(dtype=float)
    side = pd.Index(g.CALIBRATION_SIDES).get_indexer(people[g.CALIBRATION_SIDE].to_numpy(dtype=object))
    # One integer per (manager step, own step, side), so the occupied cells sort in that order.
    steps = np.round(np.column_stack([mean_manager, mean_self]) / POINT_STEP).astype(np.int64)
    steps -= steps.min(initial=0)  # a scale may start below 0: keys stay apart
    width = int(steps.max(initial=0)) + 1
    keys = (steps[:, 0] * width + steps[:, 1]) * len(g.CALIBRATION_SIDES) + side
    cells, cell = np.unique(keys, return_inverse=True)
    n_people = np.bincount(cell, minlength=len(cells))
    pairs = np.bincount(cell, weights=n_pairs, minlength=len(cells))
    # Sums of ratings over pairs, so each point sits at the pooled means of its people.
    pooled_self = np.bincount(cell, weights=mean_self * n_pairs, minlength=len(cells)) / pairs
    pooled_manager = np.bincount(cell, weights=mean_manager * n_pairs, minlength=len(cells)) / pairs
    sides = np.asarray(g.CALIBRATION_SIDES, dtype=object)[cells % len(g.CALIBRATION_SIDES)]
    return pd.DataFrame(
        {
            f.ROW_LABEL: counted_each(pd.Series(n_people), N_("person"), N_("people")),
            f.POINT_DETAIL: pd.Series(sides).map(_readings()).astype(object),
            g.MEAN_MANAGER: pooled_manager,
            g.MEAN_SELF: pooled_self,
            g.MEAN_DIFFERENCE: pooled_self - pooled_manager,
            g.N_PEOPLE: n_people.astype(np.int64),
            g.N_PAIRS: pairs.astype(np.int64),
            g.CALIBRATION_SIDE: sides,
        },
        columns=list(POINT_COLUMNS),
    )


def _readings() -> dict[str, str]:
    """:data:`READINGS` in the session's language."""
    return {side: _(reading) for side, reading in READINGS.items()}


def skill_points(skills: pd.DataFrame, threshold: float = g.CALIBRATION_THRESHOLD) -> pd.DataFrame:
    """The scatter's points of skills (:func:`by_skill`), one per skill. Columns :data:`POINT_COLUMNS`."""
    return pd.DataFrame(
        {
            f.ROW_LABEL: skills[f.SKILL].astype(object),
            f.POINT_DETAIL: skills[f.AREA].astype(object),
            g.MEAN_MANAGER: skills[g.MEAN_MANAGER],
            g.MEAN_SELF: skills[g.MEAN_SELF],
            g.MEAN_DIFFERENCE: skills[g.MEAN_DIFFERENCE],
            g.N_PEOPLE: skills[g.N_PEOPLE],
            g.N_PAIRS: skills[g.N_PAIRS],
            g.CALIBRATION_SIDE: g.calibration_side(skills[g.MEAN_DIFFERENCE], threshold),
        },
        columns=list(POINT_COLUMNS),
    )


def headline_figures(
    people: int,
    pairs: int,
    mean_self: float,
    mean_manager: float,
    mean_difference: float,
    n_higher: int,
    n_lower: int,
    threshold: float = g.CALIBRATION_THRESHOLD,
) -> tuple[f.Figure, ...]:
    """The headline figures as the page and reports name them."""
    apart = levels(threshold)
    return (
        f.Figure(
            PEOPLE_FIGURE,
            _("People compared"),
            people,
            f.COUNT,
            _("People with their own and their manager's rating on at least one skill in the same round"),
        ),
        f.Figure(
            PAIRS_FIGURE,
            _("Skills compared"),
            pairs,
            f.COUNT,
            _("Ratings of the same person and skill by both the person and their manager"),
        ),
        f.Figure(MEAN_SELF_FIGURE, _("Mean own rating"), mean_self, f.SCORE, _("Over every skill compared")),
        f.Figure(
            MEAN_MANAGER_FIGURE, _("Mean manager's rating"), mean_manager, f.SCORE, _("Over the same skills")
        ),
        f.Figure(
            DIFFERENCE_FIGURE,
            _("Mean difference (levels)"),
            mean_difference,
            f.SCORE,
            _(
                "Own rating minus manager's over every skill compared: above 0 means people rate themselves "
                "higher"
            ),
        ),
        f.Figure(
            HIGHER_FIGURE,
            _("People rating themselves higher"),
            n_higher,
            f.COUNT,
            _("Own ratings on average {apart} or more above their manager's").format(apart=apart),
        ),
        f.Figure(
            LOWER_FIGURE,
            _("People rating themselves lower"),
            n_lower,
            f.COUNT,
            _("Own ratings on average {apart} or more below their manager's").format(apart=apart),
        ),
    )


def empty_reason(ratings: pd.DataFrame, filters: Filters, framework: Framework) -> EmptyReason:
    """Why :func:`calibration_view` has nothing for these ratings and filters, and what to do."""
    if not _has_manager_ratings(ratings):
        return EmptyReason(
            _(
                "This survey has no manager ratings, so there is nothing to compare people's own ratings with."
            ),
            _(
                "To add them, let managers rate their people too: in a form, add the question "
                "'Who is filling in this form?' (people answer 'Myself', managers 'Line manager'); in a long "
                "sheet, add a Rater column ('self' or 'manager'); or, for a file only managers filled in, "
                "choose 'Manager' under 'Who filled in the form' on the Data page before uploading it."
            ),
        )
    chosen = apply_filters(ratings, filters)
    if not _has_manager_ratings(chosen):
        return EmptyReason(
            _("Nobody in this selection ({chosen}) has a manager rating.").format(
                chosen=_chosen(filters, framework)
            ),
            _("Pick another round, or clear the team or role filter in the sidebar."),
        )
    return EmptyReason(
        _(
            "No manager rating in this selection is for a skill the same person also rated themselves in the "
            "same round, so nothing can be compared."
        ),
        _(
            "Check on the Data page that managers' answers name people by the same e-mail or name as their "
            "own answers, and carry the same round."
        ),
    )


def _has_manager_ratings(ratings: pd.DataFrame) -> bool:
    if not len(ratings):
        return False
    rated = ratings[c.RATING].notna().to_numpy(dtype=bool)
    return bool((rated & (ratings[c.RATER] == c.MANAGER).to_numpy(dtype=bool)).any())


def _self_rated(ratings: pd.DataFrame) -> int:
    """People with at least one self rating (not "not applicable") among these ratings."""
    if not len(ratings):
        return 0
    person, ids = k.factorize(ratings[c.RESPONDENT_ID])
    rated = ratings[c.RATING].notna().to_numpy(dtype=bool) & (ratings[c.RATER] == c.SELF).to_numpy(dtype=bool)
    codes = person[rated & (person >= 0)]
    return int(np.count_nonzero(np.bincount(codes.astype(np.intp), minlength=len(ids))))


def _chosen(filters: Filters, framework: Framework) -> str:
    """The filters chosen, in words ("round 2026-Q3; team Growth"), or "all people"."""
    chosen = [_("round {round}").format(round=filters.round)] if filters.round else []
    chosen += [_("team {teams}").format(teams=", ".join(filters.teams))] if filters.teams else []
    if filters.roles:
        chosen.append(
            _("role {roles}").format(roles=", ".join(framework.role(r).shown_name for r in filters.roles))
        )
    return "; ".join(chosen) or _("all people")


def levels(threshold: float) -> str:
    """ "1 level", "1.5 levels": the threshold in words (in the session's language)."""
    return plural("{n} level", "{n} levels", threshold).format(n=localise_number(f"{threshold:g}"))
