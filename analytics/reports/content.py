"""Report content: filtered gap pairs, a framework and ingest findings in, one frozen ``ReportData`` out.

Everything the formats share is computed here once: headline figures, the area summary,
the heatmap, priorities, single points of failure, the training plan per skill, each
person's development plan, the validation findings and (when asked) anonymisation.
Definitions shared with the dashboard come from one place: the weakest area from
:func:`analytics.gaps.weakest_area`, the suggested action and its hours from
:mod:`analytics.plans`, whether the heatmap shows people from
:func:`analytics.views.rows_are_people`. In anonymised reports every group figure over fewer
than the minimum group size (counts, names, hours, shares) is hidden in every table. The
tables come with the column headings and number kinds the reader sees, so ``xlsx``,
``html`` and ``csv`` only lay them out. Work that grows with respondents is vectorised;
the only Python loops run over skills, teams or columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import plans
from analytics import views as vw
from analytics.framework import Framework
from analytics.ingest import IngestResult, Issue
from analytics.reports import anonymise as anon
from analytics.rounds import latest_round

# Over this many people, per-person tables turn from one row per skill into one row per person.
LONG_TABLE_LIMIT: Final = 2_000
TOP_PRIORITIES: Final = 10
COHORT_NAMES_SHOWN: Final = 25
PLAN_SKILLS_PER_PERSON: Final = 3

# Number kinds of table columns; each format turns them into its own number format.
TEXT: Final = "text"
COUNT: Final = "count"
SCORE: Final = "score"
PERCENT: Final = "percent"
HOURS: Final = "hours"
DATE: Final = "date"

NOT_SHOWN: Final = "hidden (fewer than {n} people)"


@dataclass(frozen=True)
class Table:
    """A table as the reader sees it: headings, one number kind per column, a note under the title."""

    title: str
    frame: pd.DataFrame
    kinds: tuple[str, ...]
    note: str = ""

    def __post_init__(self) -> None:
        if len(self.kinds) != len(self.frame.columns):
            raise ValueError(f"{self.title}: {len(self.kinds)} kinds for {len(self.frame.columns)} columns")


@dataclass(frozen=True)
class Figure:
    """One headline figure; ``value`` is None when hidden or not computable."""

    label: str
    value: float | str | None
    kind: str
    note: str = ""


@dataclass(frozen=True)
class Heatmap:
    """Mean shortfall per group (rows) and skill (columns, framework order); NaN = hidden or unrated."""

    by: str
    values: pd.DataFrame
    people: pd.Series
    areas: tuple[str, ...]
    note: str = ""


class Names:
    """Display names of framework ids, looked up per category rather than per row."""

    def __init__(self, framework: Framework) -> None:
        self.skill = {s.id: s.name for s in framework.skills}
        self.area = {a.id: a.name for a in framework.areas}
        self.role = {r.id: r.name for r in framework.roles}
        self.skill_order = [s.id for s in framework.skills]
        self.area_of = {s.id: s.area_id for s in framework.skills}


def label(values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Map ids to names through the categories, so 500,000 rows cost one lookup per id."""
    cat = values.astype("category")
    shown = [names.get(str(x), str(x)) for x in cat.cat.categories]
    codes = cat.cat.codes.to_numpy()
    return pd.Series(np.array([*shown, None], dtype=object)[codes], index=values.index, dtype=object)


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, computed once by :func:`build_report_data`."""

    title: str
    framework_name: str
    source: str
    source_label: str
    filters: tuple[tuple[str, str], ...]
    generated_at: datetime
    anonymised: bool
    min_group_size: int
    scale: tuple[int, int]
    n_people: int
    n_pairs: int
    round_note: str
    headline: tuple[Figure, ...]
    areas: Table
    priorities: Table
    single_points: Table
    heatmap: Heatmap
    gaps: Table
    gaps_wide: bool
    training: Table
    development: Table
    validation: Table
    names: Names = field(repr=False)
    tidy: pd.DataFrame = field(repr=False)

    @property
    def hidden_note(self) -> str:
        return NOT_SHOWN.format(n=self.min_group_size)


def build_report_data(
    framework: Framework,
    gaps: g.GapResult,
    issues: IngestResult | Sequence[Issue] = (),
    filters: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    *,
    anonymise: bool = False,
    min_group_size: int = anon.DEFAULT_MIN_GROUP_SIZE,
    pseudonym_key: str | None = None,
    generated_at: datetime | None = None,
    title: str = "Skills-gap report",
) -> ReportData:
    """Work out every table of the report from gap pairs that are already filtered.

    ``gaps`` holds one rating source (self, manager or combined); with several rounds in
    it, the Gaps table and csv keep them all while figures and plans use the latest round.
    ``issues`` is the ingest result (or its issues) shown on the Validation sheet.
    ``filters`` describes the filters applied, e.g. ``{"Team": "Growth"}``. With
    ``anonymise``, names become pseudonyms keyed by ``pseudonym_key`` (a random key when
    None: stable within this report only), small teams are merged and group figures over
    fewer than ``min_group_size`` people are hidden.
    """
    if gaps.source not in g.SOURCE_LABELS:
        raise ValueError(
            f"A report measures one rating source; choose one of {tuple(g.SOURCE_LABELS)}, not {gaps.source!r}."
        )
    if min_group_size < 1:
        raise ValueError("min_group_size must be at least 1.")
    issue_list = tuple(issues.issues if isinstance(issues, IngestResult) else issues)
    filter_items = tuple(
        (str(k), str(v)) for k, v in (filters.items() if isinstance(filters, Mapping) else filters)
    )
    pairs = gaps.pairs
    known_names: pd.Index = pd.Index([], dtype=object)
    if anonymise:
        known_names = _known_names(pairs, issues)
        pairs = anon.anonymise_pairs(pairs, pseudonym_key or anon.new_key(), min_group_size)
    hide = min_group_size if anonymise else 0

    rounds = pairs[c.ROUND].dropna().unique()
    current = pairs
    round_note = ""
    if len(rounds) > 1:
        last = latest_round(rounds)
        current = pairs[pairs[c.ROUND] == last]
        round_note = (
            f"The data holds {len(rounds)} survey rounds; figures and plans use the latest, {last}. "
            "The Gaps table and csv keep every round."
        )
    names = Names(framework)
    n_people = int(current[c.RESPONDENT_ID].nunique())
    wide = n_people > LONG_TABLE_LIMIT
    areas = _areas_table(current, names, hide)
    priority = g.priorities(current)
    spof = g.single_points_of_failure(current) if len(current) else pd.DataFrame()
    training = _training_table(current, priority, framework, names, hide)
    single_points = _spof_table(spof, names, hide)
    return ReportData(
        title=title,
        framework_name=f"{framework.name} (version {framework.version})"
        if framework.version
        else framework.name,
        source=gaps.source,
        source_label=g.SOURCE_LABELS[gaps.source],
        filters=filter_items,
        generated_at=generated_at or datetime.now(UTC),
        anonymised=anonymise,
        min_group_size=min_group_size,
        scale=(framework.scale.min, framework.scale.max),
        n_people=n_people,
        n_pairs=len(current),
        round_note=round_note,
        headline=_headline(current, names, single_points, training, hide),
        areas=areas,
        priorities=_priorities_table(priority, names, hide),
        single_points=single_points,
        heatmap=_heatmap(current, names, hide),
        gaps=_gaps_wide(pairs, names, not anonymise) if wide else _gaps_long(pairs, names, not anonymise),
        gaps_wide=wide,
        training=training,
        development=_development(current, framework, names, wide, not anonymise),
        validation=_validation_table(issue_list, known_names if anonymise else None),
        names=names,
        tidy=pairs,
    )


def _known_names(pairs: pd.DataFrame, issues: IngestResult | Sequence[Issue]) -> pd.Index:
    parts = [pairs[c.NAME], pairs[c.RESPONDENT_ID]]
    if isinstance(issues, IngestResult):
        parts += [issues.ratings[col] for col in (c.NAME, c.EMAIL, c.RESPONDENT_ID) if col in issues.ratings]
    values = pd.concat([pd.Series(p.astype(object).unique(), dtype=object) for p in parts])
    return pd.Index(values.dropna().astype(str).unique(), dtype=object)


def _hide(frame: pd.DataFrame, people: str, columns: Sequence[str], hide: int) -> pd.DataFrame:
    """NaN in ``columns`` of rows over fewer than ``hide`` people (0 = hide nothing)."""
    if not hide or frame.empty:
        return frame
    out = frame.copy()
    small = out[people] < hide
    for col in columns:
        out[col] = out[col].astype(float).where(~small)
    return out


def _areas_table(pairs: pd.DataFrame, names: Names, hide: int) -> Table:
    summary = (
        g.summarise(pairs, by=[c.AREA_ID])
        if len(pairs)
        else pd.DataFrame(columns=[c.AREA_ID, *g.SUMMARY_COLUMNS])
    )
    summary = _hide(
        summary,
        g.N_PEOPLE,
        [g.N_PEOPLE, g.N_PAIRS, g.MEAN_RATING, g.MEAN_TARGET, g.MEAN_SHORTFALL, g.READINESS, g.PEOPLE_BELOW],
        hide,
    )
    frame = pd.DataFrame(
        {
            "Area": label(summary[c.AREA_ID], names.area),
            "People": summary[g.N_PEOPLE],
            "Rated skills": summary[g.N_PAIRS],
            "Mean rating": summary[g.MEAN_RATING],
            "Mean target": summary[g.MEAN_TARGET],
            "Mean shortfall": summary[g.MEAN_SHORTFALL],
            "At target": summary[g.READINESS],
            "People below target": summary[g.PEOPLE_BELOW],
        }
    ).reset_index(drop=True)
    return Table(
        "Mean rating against target per area",
        frame,
        (TEXT, COUNT, COUNT, SCORE, SCORE, SCORE, PERCENT, COUNT),
        "Pooled over every rated person and skill in the area. 'At target' is the share of ratings at "
        "or above the role's target.",
    )


def _headline(
    pairs: pd.DataFrame, names: Names, single_points: Table, training: Table, hide: int
) -> tuple[Figure, ...]:
    total = g.summarise(pairs)
    people = int(pairs[c.RESPONDENT_ID].nunique())
    shown = not hide or people >= hide
    row = total.iloc[0] if len(total) and shown else None
    weakest = None
    if row is not None:
        by_area = g.summarise(pairs, [c.AREA_ID])
        area_id = g.weakest_area(pairs, by_area, min_people=max(hide, 1))
        if area_id is not None:
            short = by_area.loc[by_area[c.AREA_ID].astype(str) == area_id, g.MEAN_SHORTFALL].iloc[0]
            weakest = f"{names.area.get(area_id, area_id)} (mean shortfall {short:.2f})"
    hours = training.frame["Total hours"].sum(min_count=1) if len(training.frame) else 0.0
    return (
        Figure("People in the report", people, COUNT),
        Figure("Rated skills (person x skill)", len(pairs), COUNT),
        Figure("Ratings at or above target", None if row is None else float(row[g.READINESS]), PERCENT),
        Figure("Mean shortfall below target", None if row is None else float(row[g.MEAN_SHORTFALL]), SCORE),
        Figure(
            "People below target on at least one skill",
            None if row is None else int(row[g.PEOPLE_BELOW]),
            COUNT,
        ),
        Figure("Weakest area", weakest, TEXT, "largest mean shortfall below target"),
        Figure(
            "Single points of failure",
            len(single_points.frame) if shown else None,
            COUNT,
            "critical skills a team needs that at most one person has at target",
        ),
        Figure(
            "Learning hours in the training plan",
            None if pd.isna(hours) else float(hours),
            HOURS,
            "suggested action x people below target",
        ),
    )


def _priorities_table(priority: pd.DataFrame, names: Names, hide: int) -> Table:
    ranked = _hide(
        priority,
        g.N_PEOPLE,
        [g.PRIORITY, c.IMPORTANCE, g.MEAN_SHORTFALL, g.PEOPLE_AFFECTED, g.N_PAIRS, g.N_PEOPLE],
        hide,
    )
    ranked = ranked[ranked[g.PEOPLE_AFFECTED].fillna(0) > 0].head(TOP_PRIORITIES).reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "Rank": np.arange(1, len(ranked) + 1),
            "Skill": label(ranked[c.SKILL_ID], names.skill),
            "Area": label(ranked[c.AREA_ID], names.area),
            "Priority": ranked[g.PRIORITY],
            "Mean importance": ranked[c.IMPORTANCE],
            "Mean shortfall": ranked[g.MEAN_SHORTFALL],
            "People below target": ranked[g.PEOPLE_AFFECTED],
            "People rated": ranked[g.N_PEOPLE],
        }
    )
    return Table(
        "Top priorities",
        frame,
        (COUNT, TEXT, TEXT, SCORE, SCORE, SCORE, COUNT, COUNT),
        "Priority is the mean of importance (1 to 3) x shortfall over everyone rated on the skill: "
        "a critical skill where many fall short ranks first.",
    )


def _spof_table(spof: pd.DataFrame, names: Names, hide: int) -> Table:
    if spof.empty:
        frame = pd.DataFrame(
            columns=["Team", "Skill", "Area", "People rated", "People at target", "Covered by"]
        )
    else:
        spof = spof[spof[g.N_PEOPLE] >= hide] if hide else spof
        frame = pd.DataFrame(
            {
                "Team": spof[c.TEAM].astype(object),
                "Skill": label(spof[c.SKILL_ID], names.skill),
                "Area": label(spof[c.AREA_ID], names.area),
                "People rated": spof[g.N_PEOPLE],
                "People at target": spof[g.N_AT_TARGET],
                "Covered by": spof[g.COVERED_BY].astype(object).where(spof[g.COVERED_BY].notna(), "nobody"),
            }
        ).reset_index(drop=True)
    return Table(
        "Single points of failure",
        frame,
        (TEXT, TEXT, TEXT, COUNT, COUNT, TEXT),
        "Critical skills a team needs where at most one person is at target: if that person is away, "
        "the work stops.",
    )


def _heatmap(pairs: pd.DataFrame, names: Names, hide: int) -> Heatmap:
    """Mean shortfall per team (or per person for a small group, as on the Overview page) and skill.

    People are grouped by respondent id and labelled with :func:`analytics.views.unique_names`,
    so two people who share a name stay two rows. Anonymised reports always group by team, and
    leave out cells and whole rows over fewer than ``hide`` people.
    """
    by_person = not hide and vw.rows_are_people(pairs, vw.PERSON_LIMIT)
    skills = names.skill_order
    areas = tuple(names.area[names.area_of[s]] for s in skills)
    if pairs.empty:
        values = pd.DataFrame(columns=[names.skill[s] for s in skills], dtype=float)
        return Heatmap("Team", values, pd.Series(dtype="int64"), areas)
    if by_person:
        row = pairs[c.RESPONDENT_ID].astype(object)
    else:
        row = pairs[c.TEAM].astype(object).fillna("(none)")
    frame = pairs.assign(_row=row)
    grouped = frame.groupby(["_row", c.SKILL_ID], observed=True)
    short = grouped[c.SHORTFALL].mean().unstack(c.SKILL_ID)
    short = short.reindex(columns=pd.Index(skills, name=c.SKILL_ID))
    size = frame.groupby("_row", observed=True)[c.RESPONDENT_ID].nunique().reindex(short.index)
    note = "Mean shortfall below target (0 = everyone at target); blank = nobody rated."
    if hide:
        cell_people = grouped[c.RESPONDENT_ID].nunique().unstack(c.SKILL_ID).reindex(columns=short.columns)
        short = short.where(cell_people.fillna(0) >= hide)
        big = (size >= hide).to_numpy()
        short, size = short[big], size[big]
        note += f" Groups and cells over fewer than {hide} people are left out."
    if by_person:
        labels = vw.unique_names(pairs).astype(str)
        shown = labels.reindex(short.index.astype(object)).to_numpy(dtype=object)
        # Rows in name order, as the Overview page's person heatmap reads.
        order = np.argsort(shown, kind="stable")
        short, size, shown = short.iloc[order], size.iloc[order], shown[order]
    else:
        shown = short.index.astype(str).to_numpy(dtype=object)
    index = pd.Index(shown, name="Person" if by_person else "Team", dtype=object)
    short.columns = [names.skill[s] for s in skills]
    short.index = index
    return Heatmap(
        "Person" if by_person else "Team",
        short,
        pd.Series(size.fillna(0).astype("int64").to_numpy(), index=index),
        areas,
        note,
    )


def _person_columns(
    pairs: pd.DataFrame, names: Names, with_id: bool, with_round: bool = True
) -> dict[str, pd.Series]:
    """Who a row is about. The ID (e-mail or normalised name) tells apart people who share a name;
    anonymised reports leave it out, since the pseudonym already is one."""
    columns = {"Person": pairs[c.NAME].astype(object)}
    if with_id:
        columns["ID"] = pairs[c.RESPONDENT_ID].astype(object)
    columns["Team"] = pairs[c.TEAM].astype(object)
    columns["Role"] = label(pairs[c.ROLE_ID], names.role)
    if with_round:
        columns["Round"] = pairs[c.ROUND].astype(object)
    return columns


def _gaps_long(pairs: pd.DataFrame, names: Names, with_id: bool) -> Table:
    columns = _person_columns(pairs, names, with_id)
    frame = pd.DataFrame(
        {
            **columns,
            "Area": label(pairs[c.AREA_ID], names.area),
            "Skill": label(pairs[c.SKILL_ID], names.skill),
            "Rating": pairs[c.RATING],
            "Target": pairs[c.TARGET],
            "Gap": pairs[c.GAP],
            "Shortfall": pairs[c.SHORTFALL],
            "Importance": pairs[c.IMPORTANCE],
            "Weighted shortfall": pairs[c.WEIGHTED_SHORTFALL],
        }
    ).reset_index(drop=True)
    return Table(
        "Gaps per person and skill",
        frame,
        (*([TEXT] * len(columns)), TEXT, TEXT, SCORE, SCORE, SCORE, SCORE, COUNT, SCORE),
        "Gap = target - rating (negative means above target). Shortfall = the gap when positive, "
        "else 0. Weighted shortfall = importance (1 to 3) x shortfall.",
    )


def _gaps_wide(pairs: pd.DataFrame, names: Names, with_id: bool) -> Table:
    """One row per person (and round) with their shortfall per skill, built by code arithmetic."""
    person = pairs[c.RESPONDENT_ID].astype("category").cat.codes.to_numpy().astype(np.int64)
    rnd = pairs[c.ROUND].astype("category").cat.codes.to_numpy().astype(np.int64)
    key = person * (int(rnd.max(initial=0)) + 2) + rnd
    rows, first = np.unique(key, return_index=True)
    row = np.searchsorted(rows, key)
    skills = names.skill_order
    skill = pd.Index(skills).get_indexer(pairs[c.SKILL_ID].astype(object))
    grid = np.full((len(rows), len(skills)), np.nan)
    grid[row, skill] = pairs[c.SHORTFALL].to_numpy(dtype=float)
    at_target = np.bincount(row, weights=pairs[c.AT_TARGET].to_numpy(dtype=float), minlength=len(rows))
    rated = np.bincount(row, minlength=len(rows))
    weighted = np.bincount(
        row, weights=pairs[c.WEIGHTED_SHORTFALL].to_numpy(dtype=float), minlength=len(rows)
    )
    base = pairs.iloc[first]
    who = _person_columns(base, names, with_id)
    frame = pd.DataFrame(
        {
            **{k: v.to_numpy() for k, v in who.items()},
            "Rated skills": rated,
            "At target": at_target / rated,
            "Total weighted shortfall": weighted,
        }
    )
    frame = pd.concat([frame, pd.DataFrame(grid, columns=[names.skill[s] for s in skills])], axis=1)
    frame = frame.sort_values(["Person", "Round"], kind="stable").reset_index(drop=True)
    return Table(
        "Shortfall per person and skill",
        frame,
        (*([TEXT] * len(who)), COUNT, PERCENT, SCORE, *([SCORE] * len(skills))),
        f"Over {LONG_TABLE_LIMIT:,} people, so one row per person: each skill column holds the shortfall "
        "below the role's target (0 = at or above target, blank = not rated). The csv export has every "
        "rating, target and gap.",
    )


def _suggested(framework: Framework) -> pd.DataFrame:
    """The suggested action per skill and the alternatives (:func:`analytics.plans.suggested_actions`)."""
    return plans.suggested_actions(framework).set_index(c.SKILL_ID)


def _training_table(
    pairs: pd.DataFrame, priority: pd.DataFrame, framework: Framework, names: Names, hide: int
) -> Table:
    """One row per skill with people below target: cohort, suggested action, hours, priority."""
    columns = [
        "Rank",
        "Skill",
        "Area",
        "Priority",
        "People below target",
        "People rated",
        "Teams",
        "Who",
        "Suggested action",
        "Format",
        "Hours per person",
        "Total hours",
        "Other options",
    ]
    kinds = (COUNT, TEXT, TEXT, SCORE, COUNT, COUNT, TEXT, TEXT, TEXT, TEXT, HOURS, HOURS, TEXT)
    note = (
        "Skills ranked by priority. The cohort is everyone below their role's target on the skill; "
        "the suggested action is the first one the framework lists, the others are alternatives."
    )
    if hide:
        note += f" Figures, teams and names of skills rated by fewer than {hide} people are hidden."
    ranked = priority[priority[g.PEOPLE_AFFECTED] > 0].reset_index(drop=True)
    if ranked.empty:
        return Table("Training plan per skill", pd.DataFrame(columns=columns), kinds, note)
    below = pairs[pairs[c.SHORTFALL] > 0]
    below = below.sort_values([c.SKILL_ID, c.WEIGHTED_SHORTFALL], ascending=[True, False], kind="stable")
    skill_key = below[c.SKILL_ID].astype(object)
    team_counts = below.groupby([skill_key, below[c.TEAM].astype(object)], observed=True)[
        c.RESPONDENT_ID
    ].nunique()
    if hide:
        # A team's count is a figure about the team's people rated on the skill: only for enough of them.
        rated = pairs.groupby(
            [pairs[c.SKILL_ID].astype(object), pairs[c.TEAM].astype(object)], observed=True
        )[c.RESPONDENT_ID].nunique()
        team_counts = team_counts[rated.reindex(team_counts.index).fillna(0).to_numpy() >= hide]
    who_names = below.drop_duplicates([c.SKILL_ID, c.RESPONDENT_ID]).groupby(skill_key, observed=True)[c.NAME]
    shown = who_names.head(COHORT_NAMES_SHOWN).astype(str).groupby(skill_key, observed=True).agg("; ".join)
    teams_text: dict[str, str] = {}
    who_text: dict[str, str] = {}
    for skill_id in ranked[c.SKILL_ID].astype(object):
        if skill_id in team_counts.index.get_level_values(0):
            counts = team_counts.loc[skill_id].sort_values(ascending=False, kind="stable")
            teams_text[skill_id] = ", ".join(f"{team} ({n})" for team, n in counts.items())
        total = int(ranked.loc[ranked[c.SKILL_ID] == skill_id, g.PEOPLE_AFFECTED].iloc[0])
        more = total - COHORT_NAMES_SHOWN
        who_text[skill_id] = shown.get(skill_id, "") + (f"; and {more:,} more" if more > 0 else "")
    actions = _suggested(framework).reindex(ranked[c.SKILL_ID].astype(object))
    small = (ranked[g.N_PEOPLE] < hide).to_numpy() if hide else np.zeros(len(ranked), dtype=bool)
    ranked = _hide(ranked, g.N_PEOPLE, [g.PRIORITY, g.PEOPLE_AFFECTED, g.N_PEOPLE], hide)
    skill_ids = ranked[c.SKILL_ID].astype(object)
    hours = actions[plans.HOURS].to_numpy(dtype=float)
    teams_shown = np.array([teams_text.get(s, "") for s in skill_ids], dtype=object)
    who_shown = np.array([who_text.get(s, "") for s in skill_ids], dtype=object)
    teams_shown[small] = ""
    who_shown[small] = ""
    frame = pd.DataFrame(
        {
            "Rank": np.arange(1, len(ranked) + 1),
            "Skill": label(ranked[c.SKILL_ID], names.skill).to_numpy(),
            "Area": label(ranked[c.AREA_ID], names.area).to_numpy(),
            "Priority": ranked[g.PRIORITY].to_numpy(),
            "People below target": ranked[g.PEOPLE_AFFECTED].to_numpy(),
            "People rated": ranked[g.N_PEOPLE].to_numpy(),
            "Teams": teams_shown,
            "Who": who_shown,
            "Suggested action": actions[plans.TITLE].fillna(plans.NO_ACTION).to_numpy(),
            "Format": actions[plans.FORMAT].fillna("").to_numpy(),
            "Hours per person": hours,
            "Total hours": hours * ranked[g.PEOPLE_AFFECTED].to_numpy(dtype=float),
            "Other options": actions[plans.ALTERNATIVES].fillna("").to_numpy(),
        },
        columns=columns,
    )
    return Table("Training plan per skill", frame, kinds, note)


def _development(pairs: pd.DataFrame, framework: Framework, names: Names, wide: bool, with_id: bool) -> Table:
    """Each person's skills below target, highest weighted shortfall first, with the suggested action."""
    below = pairs[pairs[c.SHORTFALL] > 0]
    # Names as text so people come in alphabetical order whatever order the categories have.
    below = below.assign(_name=below[c.NAME].astype(str), _id=below[c.RESPONDENT_ID].astype(str))
    below = below.sort_values(
        ["_name", "_id", c.WEIGHTED_SHORTFALL], ascending=[True, True, False], kind="stable"
    )
    actions = _suggested(framework)
    skill_ids = below[c.SKILL_ID].astype(object)
    action = skill_ids.map(actions[plans.TITLE]).fillna(plans.NO_ACTION)
    hours = skill_ids.map(actions[plans.HOURS]).astype(float)
    person = _person_columns(below, names, with_id, with_round=False)
    if not wide:
        frame = pd.DataFrame(
            {
                **person,
                "Skill": label(below[c.SKILL_ID], names.skill),
                "Area": label(below[c.AREA_ID], names.area),
                "Rating": below[c.RATING],
                "Target": below[c.TARGET],
                "Shortfall": below[c.SHORTFALL],
                "Weighted shortfall": below[c.WEIGHTED_SHORTFALL],
                "Suggested action": action,
                "Format": skill_ids.map(actions[plans.FORMAT]).fillna(""),
                "Hours": hours,
            }
        ).reset_index(drop=True)
        return Table(
            "Development plan per person",
            frame,
            (*([TEXT] * len(person)), TEXT, TEXT, SCORE, SCORE, SCORE, SCORE, TEXT, TEXT, HOURS),
            "Each person's skills below target, the most important first, with the suggested learning action.",
        )
    rank = below.groupby(c.RESPONDENT_ID, observed=True).cumcount().to_numpy()
    person_code = below[c.RESPONDENT_ID].astype("category").cat.codes.to_numpy()
    starts = np.r_[True, person_code[1:] != person_code[:-1]] if len(below) else np.zeros(0, dtype=bool)
    base = below[starts]
    slot = pd.Series(np.cumsum(starts) - 1, index=below.index)
    who = _person_columns(base, names, with_id, with_round=False)
    frame = pd.DataFrame({k: v.to_numpy() for k, v in who.items()})
    frame["Skills below target"] = np.bincount(slot, minlength=len(base))
    frame["Total hours"] = np.bincount(slot, weights=hours.fillna(0).to_numpy(), minlength=len(base))
    kinds = [*([TEXT] * len(who)), COUNT, HOURS]
    skill_names = label(below[c.SKILL_ID], names.skill)
    for k in range(PLAN_SKILLS_PER_PERSON):
        at = rank == k
        for heading, values in ((f"Skill {k + 1}", skill_names), (f"Action {k + 1}", action)):
            column = np.full(len(base), "", dtype=object)
            column[slot.to_numpy()[at]] = values.to_numpy()[at]
            frame[heading] = column
            kinds.append(TEXT)
    return Table(
        "Development plan per person",
        frame,
        tuple(kinds),
        f"Over {LONG_TABLE_LIMIT:,} people, so one row per person: the {PLAN_SKILLS_PER_PERSON} skills with "
        "the highest weighted shortfall and their suggested actions; total hours cover every skill below target.",
    )


def _validation_table(issues: tuple[Issue, ...], redact: pd.Index | None) -> Table:
    frame = pd.DataFrame(
        {
            "Severity": [i.severity for i in issues],
            "Sheet": [i.sheet for i in issues],
            "Row": pd.array([i.row for i in issues], dtype="Int64"),
            "Column": [i.column for i in issues],
            "What was found": [i.message for i in issues],
            "What to do": [i.action for i in issues],
            "Count": [i.count for i in issues],
        }
    )
    if redact is not None and len(frame):
        found = anon.names_in(frame["What was found"], redact)
        frame["What was found"] = [anon.redact_message(m, found) for m in frame["What was found"]]
    note = (
        "What the reader of the survey file reported. Rows and answers it could not use were left out "
        "of every figure in this report."
        if len(frame)
        else "The survey file was read without problems: nothing was left out."
    )
    return Table("Validation", frame, (TEXT, TEXT, COUNT, TEXT, TEXT, TEXT, COUNT), note)
