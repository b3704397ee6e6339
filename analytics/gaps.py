"""Gap metrics: the tidy ratings table and a competency framework in, gap figures out.

Every rating is turned into a *pair* (one person, one skill, one round, one rater source)
that carries the target and importance of the person's role, the signed gap, the shortfall
below target and whether the person is at target. Every group figure (summaries, coverage,
single points of failure, priorities, progress) is then pooled over a group's pairs, never
averaged from per-person averages, as ``docs/ARCHITECTURE.md`` ("The numbers") sets out. Calibration reads
the tidy ratings directly, because it compares raters rather than measuring against targets.

The pairs table keeps its key columns (people, teams, roles, rounds, raters, skills, areas)
as categoricals so that 500,000 ratings group and join on integer codes; role, skill and
area categories follow the framework's order so charts list them as the framework does.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics.framework import IMPORTANCE_MAX, Framework
from analytics.i18n import N_, _

COMBINED: Final = "combined"
ALL: Final = "all"
RATING_SOURCES: Final = (c.SELF, c.MANAGER, COMBINED, ALL)
DEFAULT_SOURCE: Final = c.SELF
PAIR_RATERS: Final = (*c.RATERS, COMBINED)
# How each single rating source is named to users; "combined" is the mean of the self and
# manager ratings where both exist, otherwise whichever exists (see rating_pairs).
SOURCE_LABELS: Final = {
    c.SELF: N_("Self ratings"),
    c.MANAGER: N_("Manager ratings"),
    COMBINED: N_("Combined (mean of self and manager)"),
}

BENCH_LEVEL: Final = 4
# Figures are compared to this many decimals when ranking (see ranked_rows).
RANK_DECIMALS: Final = 9
CRITICAL_IMPORTANCE: Final = IMPORTANCE_MAX

N_PEOPLE: Final = "n_people"
N_PAIRS: Final = "n_pairs"
MEAN_RATING: Final = "mean_rating"
MEAN_TARGET: Final = "mean_target"
MEAN_GAP: Final = "mean_gap"
MEAN_SHORTFALL: Final = "mean_shortfall"
MEAN_WEIGHTED_SHORTFALL: Final = "mean_weighted_shortfall"
READINESS: Final = "readiness"
PEOPLE_BELOW: Final = "people_below"
N_AT_TARGET: Final = "n_at_target"
N_BENCH: Final = "n_bench"
COVERED_BY: Final = "covered_by"
PRIORITY: Final = "priority"
PEOPLE_AFFECTED: Final = "people_affected"
DIFFERENCE: Final = "difference"
MEAN_SELF: Final = "mean_self"
MEAN_MANAGER: Final = "mean_manager"
MEAN_DIFFERENCE: Final = "mean_difference"
MEAN_RATING_FROM: Final = "mean_rating_from"
MEAN_RATING_TO: Final = "mean_rating_to"
RATING_CHANGE: Final = "rating_change"
READINESS_FROM: Final = "readiness_from"
READINESS_TO: Final = "readiness_to"
READINESS_CHANGE: Final = "readiness_change"

PAIR_COLUMNS: Final = (
    c.RESPONDENT_ID,
    c.NAME,
    c.TEAM,
    c.ROLE_ID,
    c.ROUND,
    c.RATER,
    c.SKILL_ID,
    c.AREA_ID,
    c.RATING,
    c.TARGET,
    c.IMPORTANCE,
    c.GAP,
    c.SHORTFALL,
    c.WEIGHTED_SHORTFALL,
    c.AT_TARGET,
)
SUMMARY_COLUMNS: Final = (
    N_PEOPLE,
    N_PAIRS,
    MEAN_RATING,
    MEAN_TARGET,
    MEAN_GAP,
    MEAN_SHORTFALL,
    MEAN_WEIGHTED_SHORTFALL,
    READINESS,
    PEOPLE_BELOW,
)
COVERAGE_COLUMNS: Final = (N_PEOPLE, N_PAIRS, N_AT_TARGET, N_BENCH, READINESS)
SPOF_COLUMNS: Final = (N_PEOPLE, N_AT_TARGET, c.IMPORTANCE, COVERED_BY)
PRIORITY_COLUMNS: Final = (
    c.IMPORTANCE,
    MEAN_SHORTFALL,
    PRIORITY,
    PEOPLE_AFFECTED,
    N_PEOPLE,
    N_PAIRS,
)
CALIBRATION_PAIR_COLUMNS: Final = (
    c.RESPONDENT_ID,
    c.NAME,
    c.TEAM,
    c.ROLE_ID,
    c.ROUND,
    c.SKILL_ID,
    c.SELF,
    c.MANAGER,
    DIFFERENCE,
)
CALIBRATION_COLUMNS: Final = (N_PEOPLE, N_PAIRS, MEAN_SELF, MEAN_MANAGER, MEAN_DIFFERENCE)
# A person whose self ratings are on average this many levels (or more) above or below their
# manager's, over the skills both rated, is worth a conversation (see person_calibration).
CALIBRATION_THRESHOLD: Final = 1.0
CALIBRATION_SIDE: Final = "calibration_side"
SELF_HIGHER: Final = "higher"
IN_LINE: Final = "in_line"
SELF_LOWER: Final = "lower"
CALIBRATION_SIDES: Final = (SELF_HIGHER, IN_LINE, SELF_LOWER)
WIDEST_SKILL: Final = "widest_skill"
WIDEST_DIFFERENCE: Final = "widest_difference"
PERSON_CALIBRATION_COLUMNS: Final = (
    c.RESPONDENT_ID,
    N_PAIRS,
    MEAN_SELF,
    MEAN_MANAGER,
    MEAN_DIFFERENCE,
    CALIBRATION_SIDE,
    WIDEST_SKILL,
    WIDEST_DIFFERENCE,
)
PROGRESS_COLUMNS: Final = (
    N_PEOPLE,
    N_PAIRS,
    MEAN_RATING_FROM,
    MEAN_RATING_TO,
    RATING_CHANGE,
    READINESS_FROM,
    READINESS_TO,
    READINESS_CHANGE,
)

# The tidy columns gap metrics read; e-mail and the role as written are ingest's business.
_INPUT_COLUMNS: Final = (
    c.RESPONDENT_ID,
    c.NAME,
    c.TEAM,
    c.ROLE_ID,
    c.SKILL_ID,
    c.RATER,
    c.RATING,
    c.ROUND,
)
# Pairs of one person and skill in one round are told apart by who rated them ("all" source).
_SAME_PAIR: Final = (c.RESPONDENT_ID, c.SKILL_ID, c.RATER)


@dataclass(frozen=True)
class GapResult:
    """The gap pairs of one rating source, so every page and report names the source it shows."""

    pairs: pd.DataFrame
    source: str


def compute_gaps(ratings: pd.DataFrame, framework: Framework, source: str = DEFAULT_SOURCE) -> GapResult:
    """Gap pairs for ``source`` wrapped with the source's name; see :func:`rating_pairs`."""
    return GapResult(pairs=rating_pairs(ratings, framework, source), source=source)


def rating_pairs(ratings: pd.DataFrame, framework: Framework, source: str = DEFAULT_SOURCE) -> pd.DataFrame:
    """One row per rated (respondent, skill, round) of ``source``, measured against the role.

    Columns are :data:`PAIR_COLUMNS`. ``source`` is one of :data:`RATING_SOURCES`:
    ``"self"`` or ``"manager"`` take that rater's ratings; ``"combined"`` takes the mean of
    the self and manager ratings where both exist and whichever exists otherwise (rater
    ``"combined"``, name/team/role from the self rating when there is one); ``"all"`` keeps
    every rating as its own pair with its own rater, so figures can be grouped by rater.

    Left out, because no gap can be measured for them: not-applicable (NaN) ratings, people
    whose role matched no framework role (ingest reports them), skills outside the framework,
    raters outside :data:`analytics.columns.RATERS` and rows without a respondent id. A
    missing round counts as :data:`analytics.columns.DEFAULT_ROUND`, as ingest does. Should a
    person have several rows for one (skill, rater, round), the last one wins, like a resubmitted
    form. Ratings outside the scale are kept as they are: ingest is where the scale is enforced.

    >>> pairs = rating_pairs(ratings, framework)  # doctest: +SKIP
    >>> pairs[["skill_id", "rating", "target", "gap", "at_target"]]  # doctest: +SKIP
    """
    if source not in RATING_SOURCES:
        raise ValueError(f"Unknown rating source {source!r}: choose one of {RATING_SOURCES}.")
    table = _tidy_input(ratings)
    lookup = _lookup(framework)
    skill_ids, role_ids, area_ids = lookup.skill_ids, lookup.role_ids, lookup.area_ids
    target_grid, importance_grid = lookup.target_grid, lookup.importance_grid

    person, people = k.factorize(table[c.RESPONDENT_ID])
    round_code, rounds = k.factorize(table[c.ROUND])
    team_code, teams = k.factorize(table[c.TEAM])
    skill = k.codes_in(table[c.SKILL_ID], skill_ids)
    role = k.codes_in(table[c.ROLE_ID], role_ids)
    rater = k.codes_in(table[c.RATER], pd.Index(c.RATERS))
    rating = table[c.RATING].to_numpy(dtype=float, na_value=np.nan)

    wanted = {c.SELF: (c.SELF,), c.MANAGER: (c.MANAGER,), COMBINED: (c.SELF, c.MANAGER)}
    taken = np.zeros(len(c.RATERS) + 1, dtype=bool)  # the last slot is code -1, no rater
    taken[[c.RATERS.index(name) for name in wanted.get(source, c.RATERS)]] = True
    # np.take rather than taken[rater]: it looks up by small integer codes about twice as fast.
    keyed = (person >= 0) & (skill >= 0) & np.take(taken, rater)
    sizes = (len(people), len(rounds), len(skill_ids), len(c.RATERS))
    keys = k.mixed_key(*zip((person, round_code, skill, rater), sizes, strict=True))
    latest = ~k.duplicated(np.where(keyed, keys, -1), k.key_space(*sizes), keep="last")
    # One flat index per row into the grids; code -1 reaches their blank last row or column.
    cell = role.astype(np.intp) * target_grid.shape[1] + skill
    all_targets = target_grid.ravel()[cell]
    rows = np.flatnonzero(keyed & latest & ~np.isnan(rating) & ~np.isnan(all_targets))

    if source == COMBINED:
        # The rater is the key's last part: dividing it out leaves (person, round, skill).
        person_keys = keys[rows] // (len(c.RATERS) + 1)
        rows, pair_rating = _combine_self_and_manager(rows, person_keys, rater[rows], rating[rows])
        pair_rater = np.full(len(rows), PAIR_RATERS.index(COMBINED))
    else:
        pair_rating, pair_rater = rating[rows], rater[rows]

    role_rows, skill_rows = role[rows], skill[rows]
    target = all_targets[rows]
    importance = importance_grid.ravel()[cell[rows]]
    gap = target - pair_rating
    # Adding 0.0 turns the -0.0 of np.maximum(-0.0, 0) into a plain 0.0 for display.
    shortfall = np.maximum(gap, 0.0) + 0.0
    return pd.DataFrame(
        {
            c.RESPONDENT_ID: k.categorical(person[rows], people),
            c.NAME: pd.Series(table[c.NAME].array.take(rows), dtype=table[c.NAME].dtype),
            c.TEAM: k.categorical(team_code[rows], teams),
            c.ROLE_ID: k.categorical(role_rows, role_ids),
            c.ROUND: k.categorical(round_code[rows], rounds),
            c.RATER: k.categorical(pair_rater, pd.Index(PAIR_RATERS)),
            c.SKILL_ID: k.categorical(skill_rows, skill_ids),
            c.AREA_ID: k.categorical(np.take(lookup.area_of_skill, skill_rows), area_ids),
            c.RATING: pair_rating,
            c.TARGET: target,
            c.IMPORTANCE: importance,
            c.GAP: gap,
            c.SHORTFALL: shortfall,
            c.WEIGHTED_SHORTFALL: importance * shortfall,
            c.AT_TARGET: pair_rating >= target,
        },
        columns=list(PAIR_COLUMNS),
        copy=False,  # every column was just built here; copying 500,000 rows again buys nothing
    )


def summarise(pairs: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Readiness and gap figures per group, pooled over all the group's rated pairs.

    Pooling answers "what share of this team's skills are at target": a person with ten rated
    skills weighs ten times a person with one, where a mean of per-person means would not.
    Columns: ``*by`` then :data:`SUMMARY_COLUMNS`; ``readiness`` is the share of pairs at
    target (0 to 1) and ``people_below`` counts people with a shortfall on at least one pair.
    ``by=()`` gives one row for everybody (none for empty pairs). Rows come in key order.

    >>> summarise(pairs, by=["team"])  # doctest: +SKIP
    """
    keys = _keys(pairs, by)
    ids, out = k.groups(pairs, keys)
    n = len(out)
    mean = k.GroupMeans(ids, n)
    people = _people(ids, pairs, n)
    short = pairs[c.SHORTFALL].to_numpy(dtype=float)
    mean_rating = mean(pairs[c.RATING])
    mean_target = mean(pairs[c.TARGET])
    return _with_columns(
        out,
        {
            N_PEOPLE: people.count(),
            N_PAIRS: mean.counts,
            MEAN_RATING: mean_rating,
            MEAN_TARGET: mean_target,
            # Gap is target minus rating on every pair, so its mean is the difference of means.
            MEAN_GAP: mean_target - mean_rating,
            MEAN_SHORTFALL: mean(pairs[c.SHORTFALL]),
            MEAN_WEIGHTED_SHORTFALL: mean(pairs[c.WEIGHTED_SHORTFALL]),
            READINESS: mean(pairs[c.AT_TARGET]),
            PEOPLE_BELOW: people.count(short > 0),
        },
    )


def weakest_area(pairs: pd.DataFrame, areas: pd.DataFrame | None = None, min_people: int = 1) -> str | None:
    """The id of the weakest area: the largest mean shortfall below target over its rated pairs.

    This is the one definition of "weakest area" that the pages and the reports show. Ties go
    to the area with the lower readiness (share of pairs at target), then to the area that
    comes first in the framework (group order). ``areas`` is ``summarise(pairs, [area_id])``
    when the caller has it already; areas rated by fewer than ``min_people`` people are not
    considered (an anonymised report must not single out a small group). None when no area
    qualifies.

    >>> weakest_area(pairs)  # doctest: +SKIP
    'strategy'
    """
    by_area = summarise(pairs, [c.AREA_ID]) if areas is None else areas
    by_area = by_area[(by_area[N_PEOPLE] >= min_people) & by_area[MEAN_SHORTFALL].notna()]
    if by_area.empty:
        return None
    ranked = ranked_rows(by_area, [MEAN_SHORTFALL, READINESS], ascending=[False, True])
    return str(ranked[c.AREA_ID].iloc[0])


def coverage(
    pairs: pd.DataFrame, by: Sequence[str] = (c.TEAM,), bench_level: float = BENCH_LEVEL
) -> pd.DataFrame:
    """How many people in each group can do each skill: at target (coverage) and bench.

    Columns: ``*by``, ``skill_id``, ``area_id`` then :data:`COVERAGE_COLUMNS`. ``n_at_target``
    counts people with a rating at their role's target, ``n_bench`` people rated at or above
    ``bench_level`` whatever their target (who could stand in or mentor), ``readiness`` the
    share of the pairs at target. People are counted once; over several rounds or raters a
    person counts as at target if any of their pairs is, so filter one round for a snapshot.
    """
    keys = _keys(pairs, by, (c.SKILL_ID, c.AREA_ID))
    ids, out = k.groups(pairs, keys)
    n = len(out)
    people = _people(ids, pairs, n)
    at_target = pairs[c.AT_TARGET].to_numpy(dtype=bool)
    bench = pairs[c.RATING].to_numpy(dtype=float) >= bench_level
    mean = k.GroupMeans(ids, n)
    return _with_columns(
        out,
        {
            N_PEOPLE: people.count(),
            N_PAIRS: mean.counts,
            N_AT_TARGET: people.count(at_target),
            N_BENCH: people.count(bench),
            READINESS: mean(pairs[c.AT_TARGET]),
        },
    )


def single_points_of_failure(
    pairs: pd.DataFrame,
    by: Sequence[str] = (c.TEAM,),
    needed_importance: int = CRITICAL_IMPORTANCE,
) -> pd.DataFrame:
    """Skills a group needs but that at most one of its people has at target.

    A group *needs* a skill when at least one of its rated people holds a role whose
    importance for that skill is ``needed_importance`` or more (by default 3, critical).
    Only rated pairs count: a skill that everybody marked not applicable is not seen as
    needed, because nobody in the group said they use it. Such a skill with one person at
    target is a single point of failure (that person leaving or being away stops the work);
    with nobody at target it is an outright gap; both are listed.

    Columns: ``*by``, ``skill_id``, ``area_id``, ``n_people`` (rated), ``n_at_target`` (0 or 1),
    ``importance`` (the highest importance in the group) and ``covered_by``, the name of the
    one person at target or NaN when there is none. Rows come in group and framework order.
    """
    keys = _keys(pairs, by, (c.SKILL_ID, c.AREA_ID))
    ids, out = k.groups(pairs, keys)
    n = len(out)
    people = _people(ids, pairs, n)
    at_target = pairs[c.AT_TARGET].to_numpy(dtype=bool)
    groups = pd.RangeIndex(n)
    importance = pairs[c.IMPORTANCE].groupby(ids).max().reindex(groups)
    holder = pairs[c.NAME][at_target].groupby(ids[at_target]).first().reindex(groups)
    out = _with_columns(
        out,
        {
            N_PEOPLE: people.count(),
            N_AT_TARGET: people.count(at_target),
            c.IMPORTANCE: importance.to_numpy(),
            COVERED_BY: holder.to_numpy(),
        },
    )
    fragile = (out[c.IMPORTANCE] >= needed_importance) & (out[N_AT_TARGET] <= 1)
    return out[fragile].reset_index(drop=True)


def priorities(pairs: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Skills ranked by what training them would close: mean importance-weighted shortfall.

    Columns: ``*by``, ``skill_id``, ``area_id`` then :data:`PRIORITY_COLUMNS`. ``priority`` is
    the mean weighted shortfall over the group's rated pairs (one per person with one round
    and one rater), so a critical skill where many fall short ranks first; ``importance`` and
    ``mean_shortfall`` are the two factors shown apart (importance is averaged because people
    in different roles need a skill to different degrees); ``people_affected`` counts people
    with any shortfall. Sorted by priority, then people affected, both descending.
    """
    keys = _keys(pairs, by, (c.SKILL_ID, c.AREA_ID))
    ids, out = k.groups(pairs, keys)
    n = len(out)
    mean = k.GroupMeans(ids, n)
    people = _people(ids, pairs, n)
    short = pairs[c.SHORTFALL].to_numpy(dtype=float)
    out = _with_columns(
        out,
        {
            c.IMPORTANCE: mean(pairs[c.IMPORTANCE]),
            MEAN_SHORTFALL: mean(pairs[c.SHORTFALL]),
            PRIORITY: mean(pairs[c.WEIGHTED_SHORTFALL]),
            PEOPLE_AFFECTED: people.count(short > 0),
            N_PEOPLE: people.count(),
            N_PAIRS: mean.counts,
        },
    )
    # A stable sort keeps ties in group and framework order, so the ranking is repeatable.
    ranked = ranked_rows(out, [PRIORITY, PEOPLE_AFFECTED], ascending=False)
    return ranked.reset_index(drop=True)


def ranked_rows(
    frame: pd.DataFrame, by: Sequence[str], ascending: bool | Sequence[bool] = True
) -> pd.DataFrame:
    """``frame`` sorted by ``by``, stable, with figures that differ by float noise alone as ties.

    A group mean is a floating-point sum divided by a count, and the last bit of a sum
    depends on the order of its terms, so two groups whose means are equal in exact
    arithmetic can come out a hair apart. Rounding to nine decimals for the comparison lets
    the next column of ``by`` (or the frame's own order) break such ties, as documented.
    """

    def comparable(column: pd.Series) -> pd.Series:
        return column.round(RANK_DECIMALS) if pd.api.types.is_float_dtype(column.dtype) else column

    return frame.sort_values(list(by), ascending=ascending, kind="stable", key=comparable)


def calibration_pairs(ratings: pd.DataFrame) -> pd.DataFrame:
    """Self against manager rating per (respondent, skill, round) where both exist.

    ``difference`` is self minus manager: positive means the person rates themselves above
    their manager's view. Only pairs where both ratings exist (neither not applicable) are
    comparable, so all others are left out. No targets are involved, so people whose role is
    unknown are kept. Name, team and role come from the self rating. Duplicate rows for one
    (respondent, skill, rater, round) keep the last, as in :func:`rating_pairs`.
    Columns: :data:`CALIBRATION_PAIR_COLUMNS`.
    """
    table = _tidy_input(ratings)
    person, people = k.factorize(table[c.RESPONDENT_ID])
    round_code, rounds = k.factorize(table[c.ROUND])
    skill, skills = k.factorize(table[c.SKILL_ID])
    rater = k.codes_in(table[c.RATER], pd.Index((c.SELF, c.MANAGER)))
    rating = table[c.RATING].to_numpy(dtype=float, na_value=np.nan)

    keyed = (person >= 0) & (skill >= 0) & (rater >= 0)
    sizes = (len(people), len(rounds), len(skills))
    keys = k.mixed_key(*zip((person, round_code, skill), sizes, strict=True))
    space = k.key_space(*sizes) * 2
    latest = ~k.duplicated(np.where(keyed, keys.astype(np.int64) * 2 + rater, -1), space, keep="last")
    usable = keyed & latest & ~np.isnan(rating)
    self_rows = np.flatnonzero(usable & (rater == 0))
    manager_rows = np.flatnonzero(usable & (rater == 1))
    # After de-duplication each key has at most one manager row, so the lookup is exact.
    match = pd.Index(keys[manager_rows]).get_indexer(keys[self_rows])
    self_rows, manager_rows = self_rows[match >= 0], manager_rows[match[match >= 0]]

    out = table.iloc[self_rows][[c.RESPONDENT_ID, c.NAME, c.TEAM, c.ROLE_ID, c.ROUND, c.SKILL_ID]]
    out = out.reset_index(drop=True)
    # Plain item assignment: DataFrame.assign cannot take a column named "self".
    out[c.SELF] = rating[self_rows]
    out[c.MANAGER] = rating[manager_rows]
    out[DIFFERENCE] = out[c.SELF] - out[c.MANAGER]
    return out


def calibration(ratings: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Mean self-minus-manager difference per group, over pairs where both ratings exist.

    Columns: ``*by`` (any column of :func:`calibration_pairs`) then
    :data:`CALIBRATION_COLUMNS`. A positive ``mean_difference`` means the group rates itself
    above its managers' view. No manager ratings at all gives an empty frame, not an error.
    """
    return calibration_summary(calibration_pairs(ratings), by)


def calibration_summary(pairs: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """:func:`calibration` of pairs already made by :func:`calibration_pairs`.

    A page that shows calibration per skill, team, area and person makes the pairs once and
    groups them four times, rather than matching 500,000 self and manager ratings four times.
    ``pairs`` may carry more columns to group by (an area, say). Columns: ``*by`` then
    :data:`CALIBRATION_COLUMNS`; groups come in key order.
    """
    keys = _keys(pairs, by)
    ids, out = k.groups(pairs, keys)
    n = len(out)
    mean = k.GroupMeans(ids, n)
    return _with_columns(
        out,
        {
            N_PEOPLE: _people(ids, pairs, n).count(),
            N_PAIRS: mean.counts,
            MEAN_SELF: mean(pairs[c.SELF]),
            MEAN_MANAGER: mean(pairs[c.MANAGER]),
            MEAN_DIFFERENCE: mean(pairs[DIFFERENCE]),
        },
    )


def calibration_side(
    mean_difference: pd.Series | np.ndarray, threshold: float = CALIBRATION_THRESHOLD
) -> np.ndarray:
    """Which side of the manager's view each mean difference falls: higher, in line or lower.

    :data:`SELF_HIGHER` where self minus manager is ``threshold`` levels or more,
    :data:`SELF_LOWER` where it is ``-threshold`` or less, :data:`IN_LINE` otherwise (and
    where the difference is missing). A mean that is exactly one level in exact arithmetic
    can come out a hair below it, so the comparison is made at :data:`RANK_DECIMALS`, as
    rankings are.
    """
    difference = np.round(np.asarray(mean_difference, dtype=float), RANK_DECIMALS)
    with np.errstate(invalid="ignore"):
        side = np.where(difference >= threshold, SELF_HIGHER, IN_LINE)
        return np.where(difference <= -threshold, SELF_LOWER, side).astype(object)


def person_calibration(pairs: pd.DataFrame, threshold: float = CALIBRATION_THRESHOLD) -> pd.DataFrame:
    """Per person: mean self and manager rating over the skills both rated, the difference, its side.

    ``pairs`` come from :func:`calibration_pairs`. Pooled over the person's pairs (over
    several rounds too, unless the pairs are of one round), like every group figure. Columns:
    :data:`PERSON_CALIBRATION_COLUMNS`, one row per person in id order. ``calibration_side``
    is :func:`calibration_side` of the mean difference. For people who rate themselves
    higher (lower), ``widest_skill`` is the skill where self minus manager is largest
    (smallest), the first in skill order on a tie, and ``widest_difference`` that difference:
    a concrete place to start the conversation. Both are missing for people in line.
    """
    per_person = calibration_summary(pairs, [c.RESPONDENT_ID])
    # The same grouping as the summary's, so group numbers are the rows of per_person.
    ids, _ = k.groups(pairs, [c.RESPONDENT_ID])
    side = calibration_side(per_person[MEAN_DIFFERENCE], threshold)
    widest_skill = np.full(len(per_person), None, dtype=object)
    widest_difference = np.full(len(per_person), np.nan)
    # Only the pairs of people off the manager's view are sorted: usually a few per cent.
    rows = np.flatnonzero(np.take(side != IN_LINE, ids)) if len(ids) else ids
    if len(rows):
        who = ids[rows]
        higher = side[who] == SELF_HIGHER
        difference = pairs[DIFFERENCE].to_numpy(dtype=float)[rows]
        skill, skills = k.factorize(pairs[c.SKILL_ID].iloc[rows])
        # Sorting -difference first puts the largest difference first for those who rate
        # themselves higher, the smallest first for the others; skill order breaks ties.
        order = np.lexsort((skill, np.where(higher, -difference, difference), who))
        first = k.run_starts(who[order])
        chosen = order[first]
        widest_skill[who[chosen]] = np.asarray(skills, dtype=object)[skill[chosen]]
        widest_difference[who[chosen]] = difference[chosen]
    return _with_columns(
        per_person[[c.RESPONDENT_ID, N_PAIRS, MEAN_SELF, MEAN_MANAGER, MEAN_DIFFERENCE]],
        {CALIBRATION_SIDE: side, WIDEST_SKILL: widest_skill, WIDEST_DIFFERENCE: widest_difference},
    )


def progress(pairs: pd.DataFrame, round_from: str, round_to: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Change in mean rating and readiness between two rounds, over the same people and skills.

    Only pairs present in both rounds count (matched on respondent, skill and rater), so
    people who joined or left, or skills rated in one round only, cannot fake a trend. Each
    round keeps its own ``at_target``, since a person's role and so their target may change;
    group keys (team, role, ...) are taken from ``round_to``, where people are now.
    Columns: ``*by`` then :data:`PROGRESS_COLUMNS`; changes are ``to`` minus ``from``.
    """
    # The same figures the Trends page's change table carries, without its gap counts.
    summary = change_summary(pair_changes(pairs, round_from, round_to), by)
    return summary.loc[:, [*_keys(pairs, by), *PROGRESS_COLUMNS]].reset_index(drop=True)


# --- Trends: rounds compared (docs/ARCHITECTURE.md, "Trends") ---------------------------

N_BELOW_FROM: Final = "n_below_from"
N_BELOW_TO: Final = "n_below_to"
N_CLOSED: Final = "n_closed"
N_OPENED: Final = "n_opened"
RATING_FROM: Final = "rating_from"
RATING_TO: Final = "rating_to"
AT_TARGET_FROM: Final = "at_target_from"
AT_TARGET_TO: Final = "at_target_to"
CLOSED: Final = "closed"
OPENED: Final = "opened"
COHORT_PEOPLE: Final = "cohort_people"
COHORT_CHANGE: Final = "cohort_change"
OTHERS_PEOPLE: Final = "others_people"
OTHERS_CHANGE: Final = "others_change"
CHANGE_DIFFERENCE: Final = "change_difference"
TREND_COLUMNS: Final = (N_PEOPLE, N_PAIRS, MEAN_RATING, READINESS)
PAIR_CHANGE_COLUMNS: Final = (
    c.RESPONDENT_ID,
    c.NAME,
    c.TEAM,
    c.ROLE_ID,
    c.RATER,
    c.SKILL_ID,
    c.AREA_ID,
    c.TARGET,
    RATING_FROM,
    RATING_TO,
    RATING_CHANGE,
    AT_TARGET_FROM,
    AT_TARGET_TO,
    CLOSED,
    OPENED,
)
CHANGE_COLUMNS: Final = (*PROGRESS_COLUMNS, N_BELOW_FROM, N_CLOSED, N_OPENED, N_BELOW_TO)
TRAINING_COLUMNS: Final = (COHORT_PEOPLE, COHORT_CHANGE, OTHERS_PEOPLE, OTHERS_CHANGE, CHANGE_DIFFERENCE)
# Pair columns that say what a rating is about, the same in every round; the others (team,
# role, name) may change between rounds and are then taken from the later round.
_SAME_IN_EVERY_ROUND: Final = frozenset({*_SAME_PAIR, c.AREA_ID, c.ROUND})


def same_pairs(pairs: pd.DataFrame, rounds: Sequence[str]) -> pd.DataFrame:
    """The pairs of ``rounds`` whose person, skill and rater were rated in every one of them.

    This is what "the same people" means on the Trends page: with two rounds, the pairs
    rated in both (as :func:`progress` matches them); with more, only those rated in every
    round compared, so each round's figure stands on exactly the same ratings and a dip in a
    middle round cannot come from who happened to answer it. Rows keep the pairs' order.
    """
    keep = _in_every_round(pairs, rounds)
    return pairs.iloc[np.flatnonzero(keep)].reset_index(drop=True)


def trend(
    pairs: pd.DataFrame, rounds: Sequence[str], by: Sequence[str] = (), same_people: bool = True
) -> pd.DataFrame:
    """Mean rating and readiness per round and group, each with its n (people and pairs).

    ``rounds`` are the rounds compared, in time order (see :func:`analytics.rounds.ordered_rounds`);
    rows come round by round in that order, groups in key order within each round. With
    ``same_people`` only the pairs rated in *every* one of ``rounds`` count (matched on
    respondent, skill and rater, see :func:`same_pairs`), so a change between rounds is a
    change of the same people's ratings, not of who answered; group keys that can change
    between rounds (team, role) are then those of the last round, where people are now, as
    in :func:`progress`. Without it each round pools everyone rated in it, with that
    round's team and role. Columns: ``round``, ``*by`` then :data:`TREND_COLUMNS`.

    >>> trend(pairs, ["2026-Q1", "2026-Q3"], by=[c.AREA_ID])  # doctest: +SKIP
    """
    keys = [key for key in _keys(pairs, by) if key != c.ROUND]
    order = _round_list(rounds)
    round_code = k.codes_in(pairs[c.ROUND], pd.Index(order, dtype=object))
    if same_people:
        ids, space = _pair_ids(pairs)
        keep = _in_every_round(pairs, order, round_code, ids, space)
    else:
        keep = round_code >= 0
    rows = np.flatnonzero(keep)
    source = dict.fromkeys(keys, rows)
    moving = [key for key in keys if key not in _SAME_IN_EVERY_ROUND]
    if same_people and moving:
        # Each pair's row in the last round: every kept pair has one.
        last = np.flatnonzero(keep & (round_code == len(order) - 1))
        row_of = np.full(space, -1, dtype=np.intp)
        row_of[ids[last]] = last
        source.update(dict.fromkeys(moving, row_of[ids[rows]]))
    frame = pd.DataFrame(
        {
            c.ROUND: k.categorical(round_code[rows], pd.Index(order, dtype=object)),
            **{key: pairs[key].array.take(source[key]) for key in keys},
            c.RESPONDENT_ID: pairs[c.RESPONDENT_ID].array.take(rows),
        }
    )
    ids_g, out = k.groups(frame, [c.ROUND, *keys])
    n = len(out)
    mean = k.GroupMeans(ids_g, n)
    return _with_columns(
        out,
        {
            N_PEOPLE: _people(ids_g, frame, n).count(),
            N_PAIRS: mean.counts,
            MEAN_RATING: mean(pairs[c.RATING].to_numpy(dtype=float)[rows]),
            READINESS: mean(pairs[c.AT_TARGET].to_numpy(dtype=bool)[rows]),
        },
    )


def pair_changes(pairs: pd.DataFrame, round_from: str, round_to: str) -> pd.DataFrame:
    """One row per pair rated in both rounds: its rating then and now, and whether a gap closed.

    Pairs are matched on respondent, skill and rater, as in :func:`progress`. A gap *closed*
    when the pair was below target in ``round_from`` and is at target in ``round_to``; it
    *opened* in the reverse case (each round is measured against its own target, since a
    person's role may change). Team, role, name and target are those of ``round_to``.
    Columns: :data:`PAIR_CHANGE_COLUMNS`; rows in the order of ``round_to``'s pairs. The
    group figures of :func:`change_summary`, :func:`person_changes` and
    :func:`training_effect` are all made from this one table.
    """
    ids, space = _pair_ids(pairs)
    round_code = k.codes_in(pairs[c.ROUND], pd.Index([round_from, round_to], dtype=object))
    before = np.flatnonzero(round_code == 0)
    after = np.flatnonzero(round_code == 1)
    row_of = np.full(space, -1, dtype=np.intp)
    row_of[ids[before]] = before
    match = row_of[ids[after]]
    before, after = match[match >= 0], after[match >= 0]
    rating = pairs[c.RATING].to_numpy(dtype=float)
    at_target = pairs[c.AT_TARGET].to_numpy(dtype=bool)
    at_from, at_to = at_target[before], at_target[after]
    kept = (c.RESPONDENT_ID, c.NAME, c.TEAM, c.ROLE_ID, c.RATER, c.SKILL_ID, c.AREA_ID, c.TARGET)
    return pd.DataFrame(
        {
            **{col: pairs[col].array.take(after) for col in kept},
            RATING_FROM: rating[before],
            RATING_TO: rating[after],
            RATING_CHANGE: rating[after] - rating[before],
            AT_TARGET_FROM: at_from,
            AT_TARGET_TO: at_to,
            CLOSED: ~at_from & at_to,
            OPENED: at_from & ~at_to,
        },
        columns=list(PAIR_CHANGE_COLUMNS),
    )


def change_summary(changed: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Change per group over :func:`pair_changes`: the figures of :func:`progress`, and gaps closed and opened.

    Pooled over the group's matched pairs. ``n_below_from`` and ``n_below_to`` count the pairs
    below target in each round, ``n_closed`` and ``n_opened`` the gaps that closed and
    opened, so ``n_below_to = n_below_from - n_closed + n_opened``. Columns: ``*by`` then
    :data:`CHANGE_COLUMNS`; changes are ``to`` minus ``from``; groups in key order.
    """
    keys = _keys(changed, by)
    ids, out = k.groups(changed, keys)
    n = len(out)
    mean = k.GroupMeans(ids, n)
    rating_from = mean(changed[RATING_FROM])
    rating_to = mean(changed[RATING_TO])
    ready_from = mean(changed[AT_TARGET_FROM])
    ready_to = mean(changed[AT_TARGET_TO])

    def count(column: str | pd.Series) -> np.ndarray:
        values = changed[column] if isinstance(column, str) else column
        return np.rint(mean.sums(values)).astype(np.int64)

    return _with_columns(
        out,
        {
            N_PEOPLE: _people(ids, changed, n).count(),
            N_PAIRS: mean.counts,
            MEAN_RATING_FROM: rating_from,
            MEAN_RATING_TO: rating_to,
            RATING_CHANGE: rating_to - rating_from,
            READINESS_FROM: ready_from,
            READINESS_TO: ready_to,
            READINESS_CHANGE: ready_to - ready_from,
            N_BELOW_FROM: count(~changed[AT_TARGET_FROM]),
            N_CLOSED: count(CLOSED),
            N_OPENED: count(OPENED),
            N_BELOW_TO: count(~changed[AT_TARGET_TO]),
        },
    )


def person_changes(changed: pd.DataFrame) -> pd.DataFrame:
    """Change per person over :func:`pair_changes`: one row per person rated in both rounds, in id order.

    Columns: ``respondent_id`` then :data:`CHANGE_COLUMNS` (``n_people`` is 1); the mean
    change is over the person's skills rated in both rounds.
    """
    return change_summary(changed, [c.RESPONDENT_ID])


def training_effect(
    pairs: pd.DataFrame,
    round_from: str,
    round_to: str,
    cohorts: pd.DataFrame,
    changed: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per planned skill: the mean rating change of its cohort minus that of everyone else rated on it.

    ``cohorts`` lists who a stored training plan put into each skill's cohort (columns
    ``skill_id``, ``respondent_id`` and, optionally, ``round``: the round the plan was made
    from). Only the plans made from ``round_from`` count, since the training they planned
    happened between ``round_from`` and ``round_to``. For each skill with a cohort, the
    people in its cohort who were rated on it in both rounds are compared with the others
    rated on it in both rounds: ``cohort_change`` and ``others_change`` are mean rating
    changes (``round_to`` minus ``round_from``, pooled over pairs), ``cohort_people`` and
    ``others_people`` count the people behind each, and ``change_difference`` is cohort
    minus others (NaN when either side has nobody). A difference is not proof that the
    training caused it: who was picked for a cohort (everyone below target) differs from
    the others in more than the training.

    Columns: ``skill_id``, ``area_id`` then :data:`TRAINING_COLUMNS`; skills in pair order
    (the framework's for pairs from :func:`rating_pairs`). ``changed`` is
    :func:`pair_changes` of the same pairs and rounds, when the caller has it already.
    """
    changed = pair_changes(pairs, round_from, round_to) if changed is None else changed
    plan = cohorts
    if c.ROUND in cohorts.columns:
        plan = cohorts[(cohorts[c.ROUND].astype(object) == round_from).to_numpy(dtype=bool)]
    skill, skills = k.factorize(changed[c.SKILL_ID])
    person, people = k.factorize(changed[c.RESPONDENT_ID])
    area, areas = k.factorize(changed[c.AREA_ID])
    skill = skill.astype(np.intp, copy=False)
    plan_skill = k.codes_in(plan[c.SKILL_ID].astype(object), skills).astype(np.intp)
    plan_person = k.codes_in(plan[c.RESPONDENT_ID].astype(object), people).astype(np.intp)
    n_skills = len(skills)
    listed = (plan_skill >= 0) & (plan_person >= 0)
    member_keys = plan_person[listed].astype(np.int64) * n_skills + plan_skill[listed]
    pair_keys = person.astype(np.int64) * n_skills + skill
    space = len(people) * n_skills
    if space <= k.DENSE_GROUP_LIMIT:
        marked = np.zeros(space, dtype=bool)
        marked[member_keys] = True
        member = marked[pair_keys] if len(pair_keys) else np.zeros(0, dtype=bool)
    else:
        member = np.isin(pair_keys, member_keys)
    # Group 2s is skill s's others, 2s + 1 its cohort.
    group = skill * 2 + member
    mean = k.GroupMeans(group, 2 * n_skills)
    change = mean(changed[RATING_CHANGE]).reshape(n_skills, 2)
    counted = k.DistinctCounts(group, person, 2 * n_skills).count().reshape(n_skills, 2)
    planned = np.unique(plan_skill[plan_skill >= 0])
    area_of = np.full(n_skills, -1, dtype=np.intp)
    present, first = k.first_rows(skill, n_skills)
    area_of[present] = area[first]
    return pd.DataFrame(
        {
            c.SKILL_ID: k.categorical(planned, skills),
            c.AREA_ID: k.categorical(area_of[planned], areas),
            COHORT_PEOPLE: counted[planned, 1],
            COHORT_CHANGE: change[planned, 1],
            OTHERS_PEOPLE: counted[planned, 0],
            OTHERS_CHANGE: change[planned, 0],
            CHANGE_DIFFERENCE: change[planned, 1] - change[planned, 0],
        },
        columns=[c.SKILL_ID, c.AREA_ID, *TRAINING_COLUMNS],
    )


def _round_list(rounds: Sequence[str]) -> list[str]:
    order = [str(r) for r in ([rounds] if isinstance(rounds, str) else rounds)]
    if len(set(order)) != len(order):
        raise ValueError(f"Rounds repeat in {order}: name each round once, in time order.")
    return order


def _pair_ids(pairs: pd.DataFrame) -> tuple[np.ndarray, int]:
    """A number per row for its (respondent, skill, rater), the same in every round, and how many there can be.

    The mixed key itself when its key space is small enough to index an array by; else the
    keys are renumbered, so every lookup by pair stays one array index either way.
    """
    parts = [k.factorize(pairs[col]) for col in _SAME_PAIR]
    sizes = [len(labels) for _, labels in parts]
    key = k.mixed_key(*((codes, size) for (codes, _), size in zip(parts, sizes, strict=True)), wide=True)
    space = k.key_space(*sizes)
    if space <= k.DENSE_GROUP_LIMIT:
        return key, space
    codes, uniques = pd.factorize(key)
    return codes.astype(np.intp, copy=False), len(uniques)


def _in_every_round(
    pairs: pd.DataFrame,
    rounds: Sequence[str],
    round_code: np.ndarray | None = None,
    ids: np.ndarray | None = None,
    space: int = 0,
) -> np.ndarray:
    """Which rows are in one of ``rounds`` and have their pair rated in every one of them.

    A loop over the few rounds, marking each round's pairs off in an array: a repeated row
    (which :func:`rating_pairs` never makes) cannot make a pair count as rated twice.
    """
    order = _round_list(rounds)
    if round_code is None:
        round_code = k.codes_in(pairs[c.ROUND], pd.Index(order, dtype=object))
    if ids is None:
        ids, space = _pair_ids(pairs)
    everywhere = np.ones(space, dtype=bool)
    for at in range(len(order)):
        seen = np.zeros(space, dtype=bool)
        seen[ids[round_code == at]] = True
        everywhere &= seen
    return (round_code >= 0) & everywhere[ids]


def _tidy_input(ratings: pd.DataFrame) -> pd.DataFrame:
    """The tidy columns gaps read; an empty table may lack them, a non-empty one may not."""
    missing = [col for col in _INPUT_COLUMNS if col not in ratings.columns]
    if missing and len(ratings):
        raise ValueError(f"The ratings table lacks column(s) {missing}; it needs {_INPUT_COLUMNS}.")
    table = ratings.reindex(columns=list(_INPUT_COLUMNS))
    if missing:
        # Columns an empty table lacked are text columns, as in any real table.
        table = table.astype({col: object for col in missing if col != c.RATING})
    if table[c.ROUND].hasnans:
        rounds = table[c.ROUND]
        default = _(c.DEFAULT_ROUND)
        if isinstance(rounds.dtype, pd.CategoricalDtype):
            if default not in rounds.cat.categories:
                rounds = rounds.cat.add_categories([default])
        elif not pd.api.types.is_string_dtype(rounds.dtype):
            rounds = rounds.astype(object)
        table[c.ROUND] = rounds.fillna(default)
    return table


@dataclass(frozen=True)
class _Lookup:
    """A framework's ids and (role x skill) grids, so a pair's target is one array lookup.

    Indexing by integer codes replaces a merge on two string columns, the slowest step
    on a large survey. Missing targets stay NaN and their pairs are dropped. Each grid has
    one more row and column than there are roles and skills, left NaN (no target), so
    code -1 (unknown role or skill) looks up "no target" without a check of its own.
    """

    skill_ids: pd.Index
    role_ids: pd.Index
    area_ids: pd.Index
    target_grid: np.ndarray
    importance_grid: np.ndarray
    area_of_skill: np.ndarray


@functools.lru_cache(maxsize=8)
def _lookup(framework: Framework) -> _Lookup:
    """Built once per framework: every page rerun computes pairs against the same one."""
    skills = framework.skills_frame()
    targets = framework.targets_frame()
    skill_ids = pd.Index(skills[c.SKILL_ID])
    role_ids = pd.Index([role.id for role in framework.roles])
    area_ids = pd.Index([area.id for area in framework.areas])
    roles = role_ids.get_indexer(pd.Index(targets[c.ROLE_ID]))
    at_skill = skill_ids.get_indexer(pd.Index(targets[c.SKILL_ID]))
    target_grid = np.full((len(role_ids) + 1, len(skill_ids) + 1), np.nan)
    importance_grid = np.zeros((len(role_ids) + 1, len(skill_ids) + 1), dtype=np.int64)
    target_grid[roles, at_skill] = targets[c.TARGET].to_numpy(dtype=float)
    importance_grid[roles, at_skill] = targets[c.IMPORTANCE].to_numpy(dtype=np.int64)
    # As narrow as the area codes of a categorical, so spreading them to every pair is cheap.
    area_of_skill = area_ids.get_indexer(pd.Index(skills[c.AREA_ID])).astype(
        np.min_scalar_type(-len(area_ids) - 1)
    )
    for shared in (target_grid, importance_grid, area_of_skill):
        shared.flags.writeable = False
    return _Lookup(skill_ids, role_ids, area_ids, target_grid, importance_grid, area_of_skill)


def _combine_self_and_manager(
    rows: np.ndarray, keys: np.ndarray, rater: np.ndarray, rating: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Mean rating per key over its self and manager rows; the self row stands for the pair."""
    if not len(rows):
        return rows, rating
    # Self sorts before manager (its code in RATERS is lower), so it leads each key.
    order = np.lexsort((rater, keys))
    sorted_keys = keys[order]
    starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
    counts = np.diff(np.r_[starts, len(order)])
    return rows[order][starts], np.add.reduceat(rating[order], starts) / counts


def _keys(frame: pd.DataFrame, by: Sequence[str], extra: Sequence[str] = ()) -> list[str]:
    """Group keys in order without repeats; a bare string means one key, not its letters."""
    chosen = [by] if isinstance(by, str) else list(by)
    keys = list(dict.fromkeys([*chosen, *extra]))
    unknown = [key for key in keys if key not in frame.columns]
    if unknown:
        raise ValueError(f"Cannot group by {unknown}: choose from {list(frame.columns)}.")
    return keys


def _people(ids: np.ndarray, frame: pd.DataFrame, n_groups: int) -> k.DistinctCounts:
    """Distinct people per group of ``frame``'s rows."""
    return k.DistinctCounts(ids, k.factorize(frame[c.RESPONDENT_ID])[0], n_groups)


def _with_columns(out: pd.DataFrame, columns: Mapping[str, object]) -> pd.DataFrame:
    """``out`` with more columns, built at once: ``assign`` copies the frame for each column."""
    return pd.DataFrame({**{name: out[name] for name in out.columns}, **columns}, index=out.index)
