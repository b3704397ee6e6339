"""Gap pairs and the user's choices in, the small tables each dashboard page shows out.

The dashboard pages only read state, call these functions and render what comes back:
filters, headline figures, the heatmap grid, a person's profile and plan, cohorts, the
training plan, and the editable mapping and target tables of the Data and Framework pages.
Everything here is vectorised pandas and numpy on the pairs of :mod:`analytics.gaps` (grouped, never
looped over people), so the pages stay thin and every figure they show is unit-tested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps, plans
from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.rounds import ordered_rounds

SKILL: Final = "skill"
AREA: Final = "area"
ROLE_NAME: Final = "role_name"
ROW_LABEL: Final = "row"
# Up to this many people, the heatmap (on the Overview page and in reports) has one row per person.
PERSON_LIMIT: Final = 25
NOT_A_SKILL: Final = "(not a skill: ignore)"
NO_ROLE: Final = "(no matching role)"
HOURS: Final = plans.HOURS
ALTERNATIVES: Final = plans.ALTERNATIVES
TOTAL_HOURS: Final = "total_hours"
NAMES: Final = "names"
TEAMS: Final = "teams"
SKILLS_BELOW: Final = "skills_below"
# Ratings at one (role, rating level) whatever their target, next to those at or below it.
LEVEL_PAIRS: Final = "level_pairs"
# What a table shows where a skill has nobody at target (a missing "covered by").
NOBODY: Final = "nobody"
# How many priorities the Overview lists.
TOP_PRIORITIES: Final = 5


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices: one round, and teams and roles (empty means all)."""

    round: str | None = None
    teams: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar filters offer: rounds in time order, teams, role ids in framework order."""

    rounds: tuple[str, ...]
    teams: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Headline:
    """The Overview's headline figures over the filtered pairs."""

    people: int
    pairs: int
    readiness: float
    weakest_area: str
    weakest_shortfall: float
    single_points: int


@dataclass(frozen=True)
class ShortfallGrid:
    """The heatmap's mean shortfall per (row, skill), and what its rows are.

    ``table`` has the columns described in :func:`shortfall_grid`; ``by_person`` says whether
    rows are people (a small group) or teams; ``limit`` is the person limit that decided it
    (:data:`PERSON_LIMIT` unless the caller chose another); ``row_title`` is "Person" or "Team".
    """

    table: pd.DataFrame
    by_person: bool
    limit: int

    @property
    def row_title(self) -> str:
        return "Person" if self.by_person else "Team"


@dataclass(frozen=True)
class EmptyReason:
    """Why a page has nothing to show, and what the user can do about it."""

    why: str
    todo: str


def filter_options(ratings: pd.DataFrame, framework: Framework) -> FilterOptions:
    """Rounds, teams and known roles present in the tidy ratings, for the sidebar."""
    rounds = ordered_rounds(ratings[c.ROUND].dropna().unique()) if len(ratings) else []
    teams = sorted({str(x) for x in ratings[c.TEAM].dropna().unique()})
    present = {str(x) for x in ratings[c.ROLE_ID].dropna().unique()}
    roles = [r.id for r in framework.roles if r.id in present]
    return FilterOptions(tuple(rounds), tuple(teams), tuple(roles))


def _mask(frame: pd.DataFrame, filters: Filters) -> np.ndarray:
    keep = np.ones(len(frame), dtype=bool)
    if filters.round is not None:
        keep &= (frame[c.ROUND] == filters.round).to_numpy(dtype=bool)
    if filters.teams:
        keep &= frame[c.TEAM].isin(filters.teams).to_numpy(dtype=bool)
    if filters.roles:
        keep &= frame[c.ROLE_ID].isin(filters.roles).to_numpy(dtype=bool)
    return keep


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of a pairs or tidy ratings table that the filters keep.

    When every row is kept (one round, no team or role chosen) the table itself comes back,
    uncopied: on a large survey that is the common case and the copy would cost the most.
    """
    keep = _mask(frame, filters)
    if keep.all() and isinstance(frame.index, pd.RangeIndex):
        return frame
    return frame[keep].reset_index(drop=True)


def people_count(pairs: pd.DataFrame) -> int:
    return int(pairs[c.RESPONDENT_ID].nunique())


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun, singular for exactly one and with thousands separators.

    >>> counted(1, "person", "people"), counted(1126, "rated skill")
    ('1 person', '1,126 rated skills')
    """
    return f"{n:,} {singular if n == 1 else (plural or singular + 's')}"


def counted_each(counts: pd.Series, singular: str, plural: str | None = None) -> pd.Series:
    """:func:`counted` for every value of a Series of counts ("" where a count is missing)."""
    values = pd.to_numeric(pd.Series(counts), errors="coerce").astype(float)
    number = values.map(lambda n: f"{n:,.0f}", na_action="ignore").astype("string")
    noun = pd.Series(np.where(values == 1, singular, plural or singular + "s"), index=values.index)
    return (number + " " + noun.astype("string")).fillna("").astype(object)


def empty_reason(
    has_data: bool, source: str, source_pairs: pd.DataFrame, pairs: pd.DataFrame, filters: Filters
) -> EmptyReason | None:
    """Why the filtered pairs are empty (None when they are not), in the user's words."""
    if not has_data:
        return EmptyReason(
            "No survey is loaded yet.",
            "Open the Data page and click 'Try sample data', or upload your team's survey file.",
        )
    if len(pairs):
        return None
    if not len(source_pairs):
        if source == c.MANAGER:
            return EmptyReason(
                "This survey has no manager ratings, so there is nothing to show for that rating source.",
                "Choose 'Self ratings' or 'Combined' as the rating source in the sidebar, or upload a "
                "survey that includes manager ratings.",
            )
        return EmptyReason(
            "No rating in the survey could be measured against a target: nobody has a role the "
            "framework knows, or every answer was not applicable.",
            "Check the role mapping and the validation report on the Data page.",
        )
    chosen = [f"round {filters.round}"] if filters.round else []
    chosen += [f"team {', '.join(filters.teams)}"] if filters.teams else []
    chosen += [f"role {', '.join(filters.roles)}"] if filters.roles else []
    return EmptyReason(
        f"Nobody matches the filters ({'; '.join(chosen) or 'none'}) with this rating source.",
        "Clear the team or role filter in the sidebar, or pick another round.",
    )


def with_names(frame: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Add skill, area and role names next to their ids, where those ids are columns."""
    out = frame.copy()
    if c.SKILL_ID in out:
        names = {s.id: s.name for s in framework.skills}
        out[SKILL] = out[c.SKILL_ID].astype(object).map(names)
    if c.AREA_ID in out:
        out[AREA] = out[c.AREA_ID].astype(object).map({a.id: a.name for a in framework.areas})
    if c.ROLE_ID in out:
        out[ROLE_NAME] = out[c.ROLE_ID].astype(object).map({r.id: r.name for r in framework.roles})
    return out


def headline(
    pairs: pd.DataFrame,
    framework: Framework,
    areas: pd.DataFrame | None = None,
    fragile: pd.DataFrame | None = None,
) -> Headline:
    """People, rated pairs, readiness, the weakest area and single points of failure.

    ``areas`` (:func:`area_summary`) and ``fragile`` (:func:`single_points`) of the same pairs
    may be passed when the caller has them already. The areas partition the pairs, so pooled
    totals follow from them without a second pass.
    """
    by_area = gaps.summarise(pairs, [c.AREA_ID]) if areas is None else areas
    weakest = gaps.weakest_area(pairs, by_area) if len(by_area) else None
    if weakest is None:
        return Headline(0, 0, float("nan"), "", float("nan"), 0)
    n_pairs = int(by_area[gaps.N_PAIRS].sum())
    at_target = float((by_area[gaps.READINESS] * by_area[gaps.N_PAIRS]).sum())
    shortfall = by_area.loc[by_area[c.AREA_ID].astype(str) == weakest, gaps.MEAN_SHORTFALL].iloc[0]
    return Headline(
        people=people_count(pairs),
        pairs=n_pairs,
        readiness=at_target / n_pairs,
        weakest_area=framework.area(weakest).name,
        weakest_shortfall=float(shortfall),
        single_points=len(single_points(pairs, framework) if fragile is None else fragile),
    )


def single_points(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Single points of failure per team (see :func:`gaps.single_points_of_failure`) with names."""
    return with_names(gaps.single_points_of_failure(pairs), framework)


def area_summary(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Mean rating, mean target and readiness per area, in framework order, with area names."""
    return with_names(gaps.summarise(pairs, [c.AREA_ID]), framework)


def rows_are_people(pairs: pd.DataFrame, person_limit: int = PERSON_LIMIT) -> bool:
    """Whether a heatmap of these pairs has one row per person (at most ``person_limit``) or per team.

    The one rule for the Overview page and the reports' heatmaps.
    """
    return 0 < people_count(pairs) <= person_limit


def shortfall_grid(
    pairs: pd.DataFrame, framework: Framework, person_limit: int = PERSON_LIMIT
) -> ShortfallGrid:
    """Mean shortfall per (row, skill): rows are people for a small group, teams otherwise.

    The table's columns: ``row`` (a person's name, made unique, or a team), ``skill_id``,
    ``skill``, ``area``, :data:`gaps.N_PEOPLE`, :data:`gaps.N_PAIRS`, :data:`gaps.MEAN_SHORTFALL`,
    :data:`gaps.READINESS`. Rows keep the group's order; skills keep the framework's.
    """
    by_person = rows_are_people(pairs, person_limit)
    key = c.RESPONDENT_ID if by_person else c.TEAM
    table = gaps.summarise(pairs, [key, c.SKILL_ID])
    if by_person:
        names = unique_names(pairs)
        table[ROW_LABEL] = table[c.RESPONDENT_ID].astype(object).map(names)
    else:
        table[ROW_LABEL] = table[c.TEAM].astype(object)
    return ShortfallGrid(with_names(table.drop(columns=[key]), framework), by_person, person_limit)


def people_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per person in the pairs: respondent id, name, team and role of their first pair."""
    codes, ids = _person_codes(pairs)
    present, rows = _first_rows(codes, len(ids))
    return pd.DataFrame(
        {
            c.RESPONDENT_ID: pd.Index(ids).take(present).astype(object),
            c.NAME: pairs[c.NAME].iloc[rows].astype(object).to_numpy(),
            c.TEAM: pairs[c.TEAM].iloc[rows].astype(object).to_numpy(),
            c.ROLE_ID: pairs[c.ROLE_ID].iloc[rows].astype(object).to_numpy(),
        }
    )


def unique_names(pairs: pd.DataFrame) -> pd.Series:
    """A display name per respondent id, with the id added where two people share a name."""
    people = people_table(pairs)
    shared = people[c.NAME].duplicated(keep=False)
    label = people[c.NAME].where(~shared, people[c.NAME] + " (" + people[c.RESPONDENT_ID] + ")")
    return pd.Series(label.to_numpy(), index=people[c.RESPONDENT_ID].to_numpy())


def priority_table(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Skills ranked by priority (see :func:`gaps.priorities`) with skill and area names."""
    return with_names(gaps.priorities(pairs), framework)


def top_priorities(priorities: pd.DataFrame, top: int = TOP_PRIORITIES) -> pd.DataFrame:
    """The ``top`` highest of :func:`priority_table`'s rows that someone falls short on.

    A skill nobody is below target on has priority 0: there is nothing to train, so it is
    left out rather than padding the list (the result may hold fewer than ``top`` rows).
    """
    keep = (priorities[gaps.PEOPLE_AFFECTED] > 0) & (priorities[gaps.PRIORITY] > 0)
    return priorities[keep.to_numpy(dtype=bool)].head(top).reset_index(drop=True)


def scope_pairs(pairs: pd.DataFrame, area_id: str, skill_id: str | None = None) -> pd.DataFrame:
    """The pairs of one area, or of one skill when ``skill_id`` is given."""
    keep = pairs[c.SKILL_ID] == skill_id if skill_id else pairs[c.AREA_ID] == area_id
    return pairs[keep.to_numpy(dtype=bool)].reset_index(drop=True)


def distribution(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """How many ratings sit at each level per role, split at target or below.

    Columns: ``role_id``, ``role_name``, ``rating``, ``at_target``, ``n_pairs``, ``n_people``,
    :data:`LEVEL_PAIRS` (the role's ratings at that level, at target or not: over several skills
    one level can be below one skill's target and at another's), ``mean_target`` (the role's
    mean target over these pairs). Roles in framework order.
    """
    keys = [c.ROLE_ID, c.RATING, c.AT_TARGET]
    grouped = pairs.groupby(keys, observed=True, sort=True)
    out = grouped.agg(
        **{gaps.N_PAIRS: (c.SKILL_ID, "size"), gaps.N_PEOPLE: (c.RESPONDENT_ID, "nunique")}
    ).reset_index()
    out[LEVEL_PAIRS] = out.groupby([c.ROLE_ID, c.RATING], observed=True)[gaps.N_PAIRS].transform("sum")
    target = pairs.groupby(c.ROLE_ID, observed=True)[c.TARGET].mean().rename(gaps.MEAN_TARGET)
    out = out.merge(target.reset_index(), on=c.ROLE_ID, how="left")
    return with_names(out, framework)


def role_targets(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Mean target and people per role over the pairs (roles in framework order)."""
    return with_names(gaps.summarise(pairs, [c.ROLE_ID]), framework)


def skill_coverage(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Coverage per skill over the whole filtered group: at target, bench, readiness."""
    return with_names(gaps.coverage(pairs, by=()), framework)


def _person_codes(pairs: pd.DataFrame) -> tuple[np.ndarray, pd.Index]:
    """Integer code per row for its respondent, and the ids the codes stand for."""
    ids = pairs[c.RESPONDENT_ID]
    if isinstance(ids.dtype, pd.CategoricalDtype):
        return ids.cat.codes.to_numpy(dtype=np.intp), ids.cat.categories
    codes, uniques = pd.factorize(ids)
    return codes.astype(np.intp), pd.Index(uniques)


def _first_rows(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The codes that occur (in code order) and the row where each first occurs."""
    first = np.full(n, -1, dtype=np.intp)
    # Writing positions in reverse leaves each code's first row in place.
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    present = np.flatnonzero(first >= 0)
    return present, first[present]


def person_scores(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per person over the given pairs: mean rating and target, shortfall, skills below.

    Columns: ``respondent_id``, ``name``, ``team``, ``role_id``, ``mean_rating``,
    ``mean_target``, ``mean_shortfall``, ``mean_weighted_shortfall``, ``skills_below``,
    ``n_pairs``; name, team and role are those of the person's first pair. Counted with
    ``np.bincount`` on the people's integer codes, as :mod:`analytics.gaps` does, because
    the Competencies page recomputes this on every filter change.
    """
    codes, ids = _person_codes(pairs)
    n = len(ids)
    count = np.bincount(codes, minlength=n)
    present = np.flatnonzero(count)

    def mean(column: str) -> np.ndarray:
        sums = np.bincount(codes, weights=pairs[column].to_numpy(dtype=float), minlength=n)
        return sums[present] / count[present]

    below = (pairs[c.SHORTFALL].to_numpy(dtype=float) > 0).astype(float)
    return people_table(pairs).assign(
        **{
            gaps.MEAN_RATING: mean(c.RATING),
            gaps.MEAN_TARGET: mean(c.TARGET),
            gaps.MEAN_SHORTFALL: mean(c.SHORTFALL),
            gaps.MEAN_WEIGHTED_SHORTFALL: mean(c.WEIGHTED_SHORTFALL),
            SKILLS_BELOW: np.bincount(codes, weights=below, minlength=n)[present].astype(int),
            gaps.N_PAIRS: count[present],
        }
    )


def mentors(scores: pd.DataFrame, framework: Framework, level: float = gaps.BENCH_LEVEL) -> pd.DataFrame:
    """People whose mean rating is at least ``level``, strongest first; ``scores`` from :func:`person_scores`."""
    strong = scores[scores[gaps.MEAN_RATING] >= level]
    ranked = gaps.ranked_rows(strong, [gaps.MEAN_RATING, c.NAME], ascending=[False, True])
    return with_names(ranked.reset_index(drop=True), framework)


def below_target(scores: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """People with a shortfall on any skill, largest weighted shortfall first; ``scores`` from :func:`person_scores`."""
    below = scores[scores[SKILLS_BELOW] > 0]
    ranked = gaps.ranked_rows(below, [gaps.MEAN_WEIGHTED_SHORTFALL, c.NAME], ascending=[False, True])
    return with_names(ranked.reset_index(drop=True), framework)


def people_index(pairs: pd.DataFrame) -> dict[str, str]:
    """Display label per respondent id ("name - team"), in label order, for a person picker.

    A plain dict, because the picker looks a label up for each of (possibly) thousands of
    options on every rerun. Names shared by two people carry the respondent id.
    """
    people = people_table(pairs)
    ids = people[c.RESPONDENT_ID].to_numpy(dtype=object)
    names = people[c.NAME].to_numpy(dtype=object)
    shared = people[c.NAME].duplicated(keep=False).to_numpy()
    names[shared] = names[shared] + " (" + ids[shared] + ")"
    labels = names + " - " + people[c.TEAM].to_numpy(dtype=object)
    order = np.argsort(labels, kind="stable")
    return dict(zip(ids[order], labels[order], strict=True))


@dataclass(frozen=True)
class PersonSummary:
    """One person's figures for the People page."""

    name: str
    team: str
    role_id: str
    rated: int
    below: int
    readiness: float


def person_summary(pairs: pd.DataFrame, person: str) -> PersonSummary:
    """Name, team, role and readiness of one person over the (filtered) pairs."""
    mine = pairs[(pairs[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    if not len(mine):
        return PersonSummary("", "", "", 0, 0, float("nan"))
    first = mine.iloc[0]
    return PersonSummary(
        name=str(first[c.NAME]),
        team=str(first[c.TEAM]),
        role_id=str(first[c.ROLE_ID]),
        rated=len(mine),
        below=int((mine[c.SHORTFALL] > 0).sum()),
        readiness=float(mine[c.AT_TARGET].mean()),
    )


def person_profile(
    ratings: pd.DataFrame,
    pairs: pd.DataFrame,
    person: str,
    framework: Framework,
    round_label: str | None = None,
) -> pd.DataFrame:
    """One person's skills: role target, self and manager rating, and the gap-source rating.

    ``ratings`` is the tidy table (only ``round_label``'s rows are read when it is given);
    ``pairs`` the gap pairs of the chosen source, already filtered. Columns: ``skill_id``, ``skill``, ``area_id``, ``area``, ``target``,
    ``self``, ``manager``, ``rating``, ``at_target``. Skills in framework order; skills the
    person's role has no target for, or that nobody rated, are left out.
    """
    mine = pairs[(pairs[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    own = ratings[(ratings[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    if round_label is not None:
        own = own[(own[c.ROUND] == round_label).to_numpy(dtype=bool)]
    role_id = str(mine[c.ROLE_ID].iloc[0]) if len(mine) else ""
    targets = framework.targets_frame()
    out = framework.skills_frame()[[c.SKILL_ID, c.AREA_ID]].merge(
        targets.loc[targets[c.ROLE_ID] == role_id, [c.SKILL_ID, c.TARGET]], on=c.SKILL_ID, how="inner"
    )
    skill = out[c.SKILL_ID]
    for rater in (c.SELF, c.MANAGER):
        # A person's own rows are few; the last answer per skill wins, as in the gap pairs.
        given = own[(own[c.RATER] == rater).to_numpy(dtype=bool)].drop_duplicates(c.SKILL_ID, keep="last")
        out[rater] = skill.map(pd.Series(given[c.RATING].to_numpy(), index=given[c.SKILL_ID].astype(object)))
    chosen = mine.drop_duplicates(c.SKILL_ID, keep="last")
    by_skill = pd.Index(chosen[c.SKILL_ID].astype(object))
    out[c.RATING] = skill.map(pd.Series(chosen[c.RATING].to_numpy(), index=by_skill))
    out[c.AT_TARGET] = skill.map(pd.Series(chosen[c.AT_TARGET].to_numpy(), index=by_skill))
    rated = out[[c.SELF, c.MANAGER, c.RATING]].notna().any(axis=1)
    return with_names(out[rated].reset_index(drop=True), framework)


def person_gaps(pairs: pd.DataFrame, person: str, framework: Framework) -> pd.DataFrame:
    """One person's rated skills, largest weighted shortfall first, with names."""
    mine = pairs[(pairs[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    columns = [
        c.SKILL_ID,
        c.AREA_ID,
        c.RATING,
        c.TARGET,
        c.GAP,
        c.IMPORTANCE,
        c.SHORTFALL,
        c.WEIGHTED_SHORTFALL,
    ]
    ranked = mine[columns].sort_values([c.WEIGHTED_SHORTFALL, c.SHORTFALL], ascending=False, kind="stable")
    return with_names(ranked.reset_index(drop=True), framework)


def learning_for(skill_ids: Sequence[str], framework: Framework) -> pd.DataFrame:
    """The suggested learning action of each given skill, in the order the skills are given.

    One row per skill (see :func:`analytics.plans.plan_for`): ``skill_id``, ``title``,
    ``format``, ``hours``, ``description``, ``alternatives``, ``skill``, ``area``. Only the
    suggested action's hours count; the alternatives are options, never added to hours.
    """
    return with_names(plans.plan_for(skill_ids, framework), framework)


def person_plan(gap_table: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The suggested learning action per skill a person is below target on, biggest gap first."""
    below = gap_table.loc[gap_table[c.SHORTFALL] > 0, c.SKILL_ID].astype(object)
    return learning_for(list(below), framework)


def cohorts(pairs: pd.DataFrame, framework: Framework, max_names: int = 8) -> pd.DataFrame:
    """People who share a gap: per skill, who is below target, so one training serves them.

    Columns: ``skill_id``, ``skill``, ``area``, ``people`` (how many), ``teams`` (how many
    teams they come from), ``names`` (the first ``max_names`` names, then "and N more"),
    ``mean_shortfall`` among them. Largest cohort first; skills nobody falls short on are left out.
    """
    short = pairs[(pairs[c.SHORTFALL] > 0).to_numpy(dtype=bool)]
    short = short.drop_duplicates([c.SKILL_ID, c.RESPONDENT_ID]).astype({c.NAME: object})
    short = short.sort_values([c.SKILL_ID, c.NAME], kind="stable")
    grouped = short.groupby(c.SKILL_ID, observed=True, sort=False)
    out = grouped.agg(
        people=(c.RESPONDENT_ID, "nunique"),
        **{
            TEAMS: (c.TEAM, "nunique"),
            gaps.MEAN_SHORTFALL: (c.SHORTFALL, "mean"),
        },
    )
    shown = short.groupby(c.SKILL_ID, observed=True, sort=False).head(max_names)
    listed = shown.groupby(c.SKILL_ID, observed=True, sort=False)[c.NAME].agg(", ".join)
    more = (out["people"] - max_names).clip(lower=0)
    suffix = pd.Series(np.where(more > 0, ", and " + more.astype(str) + " more", ""), index=out.index)
    out[NAMES] = listed.reindex(out.index) + suffix
    out = gaps.ranked_rows(out.reset_index(), ["people", gaps.MEAN_SHORTFALL], ascending=False)
    return with_names(out.reset_index(drop=True), framework)


def training_plan(priorities: pd.DataFrame, framework: Framework, top: int = 5) -> pd.DataFrame:
    """The suggested learning action for each of the ``top`` priority skills that anyone falls short on.

    Columns: those of :func:`learning_for` plus ``people_affected`` and ``total_hours`` (the
    suggested action's hours for everyone affected to take it once), the same hours the
    reports' training plan shows.
    """
    affected = priorities[priorities[gaps.PEOPLE_AFFECTED] > 0].head(top)
    counts = pd.Series(
        affected[gaps.PEOPLE_AFFECTED].to_numpy(), index=affected[c.SKILL_ID].astype(object).to_numpy()
    )
    plan = learning_for(list(counts.index), framework)
    plan[gaps.PEOPLE_AFFECTED] = plan[c.SKILL_ID].map(counts).astype(int)
    plan[TOTAL_HOURS] = plan[HOURS] * plan[gaps.PEOPLE_AFFECTED]
    return plan


def issue_table(issues: pd.DataFrame) -> pd.DataFrame:
    """The validation report as the Data page shows it: what, where, what to do, how many."""
    row = issues["row"].astype("string").fillna("")
    place = pd.DataFrame(
        {
            "sheet": "sheet " + issues["sheet"].astype(str),
            "row": "row " + row,
            "column": "column '" + issues["column"].astype(str) + "'",
        }
    )
    blank = pd.DataFrame(
        {
            "sheet": issues["sheet"].astype(str) == "",
            "row": row == "",
            "column": issues["column"].astype(str) == "",
        }
    )
    place = place.mask(blank, "")
    joined = place["sheet"].str.cat([place["row"], place["column"]], sep=", ")
    where = joined.str.replace(r"(, ){2,}", ", ", regex=True).str.replace(r"^(, )+|(, )+$", "", regex=True)
    return pd.DataFrame(
        {
            "Severity": issues["severity"].str.capitalize(),
            "What": issues["message"],
            "Where": where.replace("", "whole file"),
            "What to do": issues["action"],
            "Count": issues["count"],
        }
    )


def column_mapping(columns: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Survey columns that are, or could be, skill columns, once per header.

    Columns: ``column`` (the header), ``found`` (what the reader took it for), ``skill``
    (the skill name, or :data:`NOT_A_SKILL`), ``rater`` and ``sheets``.
    """
    candidates = columns[columns["kind"].isin([v.SKILL, v.UNMATCHED, v.IGNORED])]
    names = {s.id: s.name for s in framework.skills}
    grouped = candidates.groupby("column", sort=False)
    out = grouped.agg(
        kind=("kind", "first"),
        skill_id=(c.SKILL_ID, "first"),
        rater=(c.RATER, "first"),
        sheets=("sheet", ", ".join),
    ).reset_index()
    found = out["kind"].map({v.SKILL: "skill", v.UNMATCHED: "not recognised", v.IGNORED: "ignored"})
    return pd.DataFrame(
        {
            "column": out["column"],
            "found": found,
            SKILL: out[c.SKILL_ID].map(names).fillna(NOT_A_SKILL),
            c.RATER: out[c.RATER],
            "sheets": out["sheets"],
        }
    )


IDENTITY_LABELS: Final = {
    c.NAME: "Name",
    c.EMAIL: "E-mail",
    c.TEAM: "Team",
    c.ROLE: "Role",
    c.RATER: "Rater",
    c.ROUND: "Round",
    v.TIMESTAMP: "Timestamp",
    "long skill": "Skill (long sheet)",
    "long rating": "Rating (long sheet)",
}


def identity_columns(columns: pd.DataFrame) -> str:
    """Which survey columns were read as who answered, when and as whom, as one line of text."""
    known = columns[columns["kind"].isin(list(IDENTITY_LABELS))].drop_duplicates(["kind", "column"])
    parts = known["kind"].map(IDENTITY_LABELS) + ": '" + known["column"].astype(str) + "'"
    return "; ".join(parts) if len(parts) else "none"


def column_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Headers whose skill the user changed in the column mapping: header -> skill id or "".

    A name that is neither a skill of the framework nor :data:`NOT_A_SKILL` is not a choice
    the editor offers, so it is passed over rather than guessed at.
    """
    ids = {s.name: s.id for s in framework.skills} | {NOT_A_SKILL: ""}
    picked = edited[SKILL].map(ids)
    changed = (shown[SKILL].to_numpy() != edited[SKILL].to_numpy()) & picked.notna().to_numpy()
    return dict(zip(edited.loc[changed, "column"], picked[changed], strict=True))


def role_mapping(roles: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Each role as written with the framework role it matched (:data:`NO_ROLE` if none)."""
    names = {r.id: r.name for r in framework.roles}
    return pd.DataFrame(
        {
            "role as written": roles[c.ROLE].astype(str).replace("", "(blank)"),
            "framework role": roles[c.ROLE_ID].astype(str).map(names).fillna(NO_ROLE),
            "people": roles["people"].astype(int),
            "_written": roles[c.ROLE].astype(str),
        }
    )


def role_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Roles as written whose framework role the user changed: text -> role id or ""."""
    ids = {r.name: r.id for r in framework.roles} | {NO_ROLE: ""}
    picked = edited["framework role"].map(ids)
    changed = (
        shown["framework role"].to_numpy() != edited["framework role"].to_numpy()
    ) & picked.notna().to_numpy()
    return dict(zip(shown.loc[changed, "_written"], picked[changed], strict=True))


def known_overrides(overrides: Mapping[str, str], ids: Sequence[str]) -> dict[str, str]:
    """Overrides whose target is "" or one of ``ids``: corrections that survive a new framework."""
    allowed = {"", *ids}
    return {key: value for key, value in overrides.items() if value in allowed}


def short_names(names: Sequence[str], limit: int = 20) -> list[str]:
    """Names short enough for a column header: up to ``limit`` characters where that is possible.

    A longer name of several words keeps its last word and shortens the others to their
    initials ("Digital Marketing Specialist" -> "DM Specialist"). When two names would come
    out alike, every name is kept whole.
    """
    short = []
    for name in names:  # a loop over a framework's roles, never over people
        words = str(name).split()
        initials = "".join(word[0].upper() for word in words[:-1])
        short.append(str(name) if len(str(name)) <= limit or len(words) < 2 else f"{initials} {words[-1]}")
    return short if len(set(short)) == len(short) else [str(name) for name in names]


def target_grids(framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets and importances as two (skill x role) grids, skills by name, roles by name."""
    table = with_names(framework.targets_frame(), framework)
    skills = [s.name for s in framework.skills]
    roles = [r.name for r in framework.roles]
    grids = []
    for value in (c.TARGET, c.IMPORTANCE):
        grid = table.pivot(index=SKILL, columns=ROLE_NAME, values=value).reindex(index=skills, columns=roles)
        grid.index.name, grid.columns.name = SKILL, None
        grids.append(grid)
    return grids[0], grids[1]


def targets_from_grids(framework: Framework, targets: pd.DataFrame, importance: pd.DataFrame) -> pd.DataFrame:
    """The long targets table (:meth:`Framework.targets_frame` columns) from two edited grids."""
    skill_ids = {s.name: s.id for s in framework.skills}
    role_ids = {r.name: r.id for r in framework.roles}
    long = []
    for grid, value in ((targets, c.TARGET), (importance, c.IMPORTANCE)):
        stacked = grid.rename_axis(index=SKILL, columns=ROLE_NAME).stack(future_stack=True)
        long.append(stacked.rename(value))
    table = pd.concat(long, axis=1).reset_index()
    return pd.DataFrame(
        {
            c.ROLE_ID: table[ROLE_NAME].map(role_ids),
            c.SKILL_ID: table[SKILL].map(skill_ids),
            c.AREA_ID: table[SKILL].map(skill_ids).map({s.id: s.area_id for s in framework.skills}),
            c.TARGET: table[c.TARGET],
            c.IMPORTANCE: table[c.IMPORTANCE],
        }
    )


def framework_tables(framework: Framework) -> dict[str, pd.DataFrame]:
    """The framework as readable tables: scale levels, skills by area, learning actions."""
    scale = pd.DataFrame(
        [(lv.value, lv.name, lv.description, ", ".join(lv.aliases)) for lv in framework.scale.levels],
        columns=["level", "name", "description", "also accepted"],
    )
    skills = pd.DataFrame(
        [(a.name, s.name, s.description, ", ".join(s.aliases)) for a in framework.areas for s in a.skills],
        columns=["area", "skill", "description", "also accepted"],
    )
    roles = pd.DataFrame(
        [(r.name, r.description, ", ".join(r.aliases)) for r in framework.roles],
        columns=["role", "description", "also accepted"],
    )
    learning = with_names(framework.learning_frame(), framework)
    return {"scale": scale, "skills": skills, "roles": roles, "learning": learning}
