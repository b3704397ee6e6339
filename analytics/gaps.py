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

COMBINED: Final = "combined"
ALL: Final = "all"
RATING_SOURCES: Final = (c.SELF, c.MANAGER, COMBINED, ALL)
DEFAULT_SOURCE: Final = c.SELF
PAIR_RATERS: Final = (*c.RATERS, COMBINED)
# How each single rating source is named to users; "combined" is the mean of the self and
# manager ratings where both exist, otherwise whichever exists (see rating_pairs).
SOURCE_LABELS: Final = {
    c.SELF: "Self ratings",
    c.MANAGER: "Manager ratings",
    COMBINED: "Combined (mean of self and manager)",
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
    pairs = calibration_pairs(ratings)
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


def progress(pairs: pd.DataFrame, round_from: str, round_to: str, by: Sequence[str] = ()) -> pd.DataFrame:
    """Change in mean rating and readiness between two rounds, over the same people and skills.

    Only pairs present in both rounds count (matched on respondent, skill and rater), so
    people who joined or left, or skills rated in one round only, cannot fake a trend. Each
    round keeps its own ``at_target``, since a person's role and so their target may change;
    group keys (team, role, ...) are taken from ``round_to``, where people are now.
    Columns: ``*by`` then :data:`PROGRESS_COLUMNS`; changes are ``to`` minus ``from``.
    """
    keys = _keys(pairs, by)
    measures = [c.RATING, c.AT_TARGET]
    before = pairs.loc[pairs[c.ROUND] == round_from, [*_SAME_PAIR, *measures]]
    after_columns = list(dict.fromkeys([*_SAME_PAIR, *keys, *measures]))
    after = pairs.loc[pairs[c.ROUND] == round_to, after_columns]
    both = after.merge(before, on=list(_SAME_PAIR), how="inner", suffixes=("_to", "_from"))
    ids, out = k.groups(both, keys)
    n = len(out)
    mean = k.GroupMeans(ids, n)
    rating_from = mean(both[f"{c.RATING}_from"])
    rating_to = mean(both[f"{c.RATING}_to"])
    ready_from = mean(both[f"{c.AT_TARGET}_from"])
    ready_to = mean(both[f"{c.AT_TARGET}_to"])
    return _with_columns(
        out,
        {
            N_PEOPLE: _people(ids, both, n).count(),
            N_PAIRS: mean.counts,
            MEAN_RATING_FROM: rating_from,
            MEAN_RATING_TO: rating_to,
            RATING_CHANGE: rating_to - rating_from,
            READINESS_FROM: ready_from,
            READINESS_TO: ready_to,
            READINESS_CHANGE: ready_to - ready_from,
        },
    )


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
        if isinstance(rounds.dtype, pd.CategoricalDtype):
            if c.DEFAULT_ROUND not in rounds.cat.categories:
                rounds = rounds.cat.add_categories([c.DEFAULT_ROUND])
        elif not pd.api.types.is_string_dtype(rounds.dtype):
            rounds = rounds.astype(object)
        table[c.ROUND] = rounds.fillna(c.DEFAULT_ROUND)
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
