"""Rounds compared: gap pairs of every round and the user's choices in, trends, changes and the training check out.

The Trends page shows a :class:`TrendsView`: mean rating and readiness per area (or per skill
of one area) in each round from an earlier round to a later one, each with its n; how much
each area and each person changed; which gaps closed and which opened; and, where a stored
training plan put people into a skill's cohort, how their change compares with everybody
else's. By default every figure covers the same people only: the pairs rated in every round
compared (:func:`analytics.gaps.same_pairs`), so a rise is a rise in the same people's
ratings, not a change in who answered. Reports can lay out the same tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics.framework import Framework, Scale
from analytics.i18n import N_, _, localise_number
from analytics.rounds import ordered_rounds
from analytics.views import fields as f
from analytics.views.competencies import scope_pairs
from analytics.views.formats import counted, format_number
from analytics.views.names import framework_names, people_table, unique_names, with_names

# How many people, and how many closed or opened gaps, the page lists.
LISTED: Final = 100
ALL_AREAS: Final = N_("All areas")

PEOPLE_FIGURE: Final = "trend_people"
RATING_FIGURE: Final = "trend_rating"
RATING_CHANGE_FIGURE: Final = "trend_rating_change"
READINESS_FIGURE: Final = "trend_readiness"
READINESS_CHANGE_FIGURE: Final = "trend_readiness_change"
CLOSED_FIGURE: Final = "trend_closed"
OPENED_FIGURE: Final = "trend_opened"

NOT_PROOF: Final = N_(
    "This is not proof that the training caused the difference. People were put into a cohort because "
    "they were below target, and people who start low often rise more anyway; ratings also move with "
    "experience, workload and who rates, and a small group can swing by chance."
)


@dataclass(frozen=True)
class TrainingCheck:
    """Did the training work: per planned skill, the cohort's change against everybody else's.

    ``table`` is None when no stored plan was made from the earlier round compared;
    ``plan_rounds`` names the rounds stored plans were made from, so the page can say which
    round to compare from. ``caution`` is the plain sentence that a difference is not proof.
    """

    table: f.Table | None
    plan_rounds: tuple[str, ...]
    caution: str = NOT_PROOF


@dataclass(frozen=True)
class TrendsView:
    """Everything the Trends page shows for one scope (all areas, one area or one skill).

    ``rounds`` are the rounds compared in time order, ``round_from`` first and ``round_to``
    last, with any rounds between. Each line of the chart is an area, or a skill when an area
    is chosen (``line_title`` says which). ``trend`` has one row per line and round: ``row``
    (the line's name), ``round``, mean rating, readiness, n people and n pairs. ``changes``
    compares ``round_from`` with ``round_to`` per line, ``people`` per person (at most
    :data:`LISTED`, the largest rise first; ``n_people`` counts them all); ``closed`` and
    ``opened`` list the gaps that closed and opened (at most :data:`LISTED` each; ``n_closed``
    and ``n_opened`` count them all). ``figures`` are the headline figures over the whole scope. ``training``
    is None without a stored training plan. ``coverage`` says in words whom the figures cover.
    """

    rounds: tuple[str, ...]
    round_from: str
    round_to: str
    same_people: bool
    what: str
    line_title: str
    figures: tuple[f.Figure, ...]
    coverage: str
    trend: f.Table
    changes: f.Table
    people: f.Table
    n_people: int
    closed: f.Table
    opened: f.Table
    n_closed: int
    n_opened: int
    training: TrainingCheck | None

    def figure(self, key: str) -> f.Figure:
        return next(figure for figure in self.figures if figure.key == key)


def available_rounds(pairs: pd.DataFrame) -> tuple[str, ...]:
    """The rounds with at least one rated pair, in time order (what the round pickers offer)."""
    codes, labels = k.factorize(pairs[c.ROUND])
    present = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(labels)))
    return tuple(ordered_rounds(labels[present]))


def trends_view(
    pairs: pd.DataFrame,
    framework: Framework,
    round_from: str | None = None,
    round_to: str | None = None,
    area_id: str | None = None,
    skill_id: str | None = None,
    same_people: bool = True,
    cohorts: pd.DataFrame | None = None,
) -> TrendsView | None:
    """The Trends view of ``pairs`` (every round's pairs of one rating source, as filtered).

    ``round_from`` and ``round_to`` default to the first and the last round rated; the
    earlier must come before the later (ValueError otherwise, or for a round nobody was
    rated in). ``area_id`` narrows the scope to one area, whose skills become the chart's
    lines, and ``skill_id`` to one skill of it. With ``same_people`` every figure covers only
    the pairs rated in every round compared; without it each round's figures cover everyone
    rated in it, while changes, closed and opened gaps and the training check still compare
    the pairs rated in both ``round_from`` and ``round_to`` (a change needs both). ``cohorts``
    is a stored plan's cohorts (see :func:`analytics.gaps.training_effect`).

    None when there are fewer than two rounds, or nobody in the scope was rated in the rounds
    compared (with ``same_people``: in every one of them).
    """
    available = available_rounds(pairs)
    if len(available) < 2:
        return None
    round_from = available[0] if round_from is None else round_from
    round_to = available[-1] if round_to is None else round_to
    unknown = [r for r in (round_from, round_to) if r not in available]
    if unknown:
        raise ValueError(f"Nobody was rated in round(s) {unknown}; the rounds rated are {list(available)}.")
    start, end = available.index(round_from), available.index(round_to)
    if start >= end:
        raise ValueError(f"Round {round_from!r} does not come before {round_to!r}.")
    rounds = available[start : end + 1]

    scope = scope_pairs(pairs, area_id or "", skill_id) if area_id or skill_id else pairs
    compared = g.same_pairs(scope, rounds) if same_people else scope
    # Matched already (or everyone wanted): trend need not match again.
    overall = g.trend(compared, rounds, same_people=False)
    if overall.empty:
        return None
    by = [c.SKILL_ID, c.AREA_ID] if area_id or skill_id else [c.AREA_ID]
    # In English, as the heading's field holds it (Table.heading translates it); the page tells lines by it.
    line_title = N_("Skill") if area_id or skill_id else N_("Area")
    changed = g.pair_changes(compared, round_from, round_to)
    total = g.change_summary(changed)
    n_closed = int(total[g.N_CLOSED].sum())
    n_opened = int(total[g.N_OPENED].sum())
    by_person = g.person_changes(changed)
    names = unique_names(changed)
    return TrendsView(
        rounds=rounds,
        round_from=round_from,
        round_to=round_to,
        same_people=same_people,
        what=_what(framework, area_id, skill_id),
        line_title=line_title,
        figures=_figures(overall, round_from, round_to, n_closed, n_opened, same_people, framework.scale),
        coverage=_coverage(overall, rounds, same_people),
        trend=_trend_table(g.trend(compared, rounds, by, same_people=False), framework, line_title, by),
        changes=_changes_table(
            g.change_summary(changed, by), framework, line_title, by, round_from, round_to
        ),
        people=_people_table(changed, by_person, names, framework, round_from, round_to),
        n_people=len(by_person),
        closed=_gaps_table(changed, g.CLOSED, names, framework, round_from, round_to),
        opened=_gaps_table(changed, g.OPENED, names, framework, round_from, round_to),
        n_closed=n_closed,
        n_opened=n_opened,
        training=_training(compared, changed, framework, round_from, round_to, cohorts, area_id, skill_id),
    )


def _what(framework: Framework, area_id: str | None, skill_id: str | None) -> str:
    if skill_id:
        return framework.skill(skill_id).shown_name
    return framework.area(area_id).shown_name if area_id else _(ALL_AREAS)


def _at(overall: pd.DataFrame, round_label: str, column: str) -> float | None:
    """The overall figure of one round, None when nobody was rated in it."""
    row = overall[(overall[c.ROUND] == round_label).to_numpy(dtype=bool)]
    return float(row[column].iloc[0]) if len(row) else None


def _change(overall: pd.DataFrame, round_from: str, round_to: str, column: str) -> float | None:
    before, after = _at(overall, round_from, column), _at(overall, round_to, column)
    return None if before is None or after is None else after - before


def _figures(
    overall: pd.DataFrame,
    round_from: str,
    round_to: str,
    n_closed: int,
    n_opened: int,
    same_people: bool,
    scale: Scale,
) -> tuple[f.Figure, ...]:
    people = _at(overall, round_to, g.N_PEOPLE)
    return (
        f.Figure(
            PEOPLE_FIGURE,
            _("People compared") if same_people else _("People rated (later round)"),
            None if people is None else int(people),
            f.COUNT,
            _("People rated on the same skills in every round compared")
            if same_people
            else _("Everyone rated in the later round; the earlier round may have had other people"),
        ),
        f.Figure(
            RATING_FIGURE,
            _("Mean rating ({low} to {high})").format(
                low=localise_number(f"{scale.min:g}"), high=localise_number(f"{scale.max:g}")
            ),
            _at(overall, round_to, g.MEAN_RATING),
            f.SCORE,
            _("In the later round, on the framework's scale"),
        ),
        f.Figure(
            RATING_CHANGE_FIGURE,
            _("Change in mean rating"),
            _change(overall, round_from, round_to, g.MEAN_RATING),
            f.SIGNED,
            _("Later round minus earlier, in levels of the scale"),
        ),
        f.Figure(
            READINESS_FIGURE,
            _("At target"),
            _at(overall, round_to, g.READINESS),
            f.PERCENT,
            _("Share of ratings at or above the role's target in the later round"),
        ),
        f.Figure(
            READINESS_CHANGE_FIGURE,
            _("Change at target"),
            _change(overall, round_from, round_to, g.READINESS),
            f.POINTS,
            _("In percentage points: from 60% to 70% at target is a change of 10 points"),
        ),
        f.Figure(
            CLOSED_FIGURE,
            _("Gaps closed"),
            n_closed,
            f.COUNT,
            _("Ratings below target in the earlier round and at target in the later (same person and skill)"),
        ),
        f.Figure(
            OPENED_FIGURE,
            _("Gaps opened"),
            n_opened,
            f.COUNT,
            _("Ratings at target in the earlier round and below target in the later (same person and skill)"),
        ),
    )


def _coverage(overall: pd.DataFrame, rounds: Sequence[str], same_people: bool) -> str:
    """Whom the figures cover, in words, with the n of each round."""
    # Marked outside the f-string, where the catalogue's extractor finds them.
    person, people_word, rating, ratings = N_("person"), N_("people"), N_("rating"), N_("ratings")
    each = "; ".join(
        f"{r}: {counted(int(people), person, people_word)}, {counted(int(n), rating, ratings)}"
        for r, people, n in zip(overall[c.ROUND], overall[g.N_PEOPLE], overall[g.N_PAIRS], strict=True)
    )
    if same_people:
        if len(rounds) == 2:
            return _("The same people on the same skills, rated in both rounds ({each}).").format(each=each)
        return _("The same people on the same skills, rated in all {n} rounds ({each}).").format(
            n=format_number(len(rounds), f.COUNT), each=each
        )
    return _(
        "Everyone rated in each round ({each}); changes and gaps compare the people rated in both "
        "{first} and {last}."
    ).format(each=each, first=rounds[0], last=rounds[-1])


def _with_line(frame: pd.DataFrame, framework: Framework, by: Sequence[str]) -> pd.DataFrame:
    named = with_names(frame, framework)
    named[f.ROW_LABEL] = named[f.SKILL] if c.SKILL_ID in by else named[f.AREA]
    return named


def _trend_table(trend: pd.DataFrame, framework: Framework, line_title: str, by: Sequence[str]) -> f.Table:
    # Line by line (framework order), round by round within each: how a trend reads.
    ordered = trend.sort_values([by[0], c.ROUND], kind="stable").reset_index(drop=True)
    return f.Table(
        _("Round by round"),
        _with_line(ordered, framework, by),
        (f.ROW_LABEL, c.ROUND, g.MEAN_RATING, g.READINESS, g.N_PEOPLE, g.N_PAIRS),
        _("Mean rating and share at target in each round, with the people and ratings behind them."),
        {
            f.ROW_LABEL: f.Field(line_title),
            g.N_PAIRS: f.Field(N_("Ratings"), f.COUNT, N_("Ratings counted: one per person and skill")),
        },
    )


def _round_fields(round_from: str, round_to: str) -> dict[str, f.Field]:
    """Headings that name the two rounds, so "before" and "after" are never in doubt; short, so tables fit."""
    # Headings with a round's label are translated here; Table.heading translates the others.
    rating_from, rating_to = (
        _("Rating {round}").format(round=round_from),
        _("Rating {round}").format(round=round_to),
    )
    return {
        g.MEAN_RATING_FROM: f.Field(rating_from, f.SCORE, N_("Mean rating in the earlier round")),
        g.MEAN_RATING_TO: f.Field(rating_to, f.SCORE, N_("Mean rating in the later round")),
        g.RATING_CHANGE: f.Field(
            N_("Change"), f.SIGNED, N_("Mean rating in the later round minus the earlier, in levels")
        ),
        g.READINESS_FROM: f.Field(
            _("At target {round}").format(round=round_from), f.PERCENT, N_("Share of ratings at target then")
        ),
        g.READINESS_TO: f.Field(
            _("At target {round}").format(round=round_to), f.PERCENT, N_("Share of ratings at target now")
        ),
        g.READINESS_CHANGE: f.Field(
            N_("Change at target"),
            f.POINTS,
            N_("In percentage points: from 60% to 70% at target is a change of 10 points"),
        ),
        g.RATING_FROM: f.Field(rating_from, f.LEVEL),
        g.RATING_TO: f.Field(rating_to, f.LEVEL),
        c.TARGET: f.Field(_("Target {round}").format(round=round_to), f.LEVEL),
        g.N_CLOSED: f.Field(
            N_("Closed"),
            f.COUNT,
            N_("Gaps closed: below target in the earlier round, at target in the later"),
        ),
        g.N_OPENED: f.Field(
            N_("Opened"),
            f.COUNT,
            N_("Gaps opened: at target in the earlier round, below target in the later"),
        ),
    }


def _changes_table(
    summary: pd.DataFrame,
    framework: Framework,
    line_title: str,
    by: Sequence[str],
    round_from: str,
    round_to: str,
) -> f.Table:
    return f.Table(
        _("Change from {round_from} to {round_to}").format(round_from=round_from, round_to=round_to),
        _with_line(summary, framework, by),
        (
            f.ROW_LABEL,
            g.N_PEOPLE,
            g.MEAN_RATING_FROM,
            g.MEAN_RATING_TO,
            g.RATING_CHANGE,
            g.READINESS_FROM,
            g.READINESS_TO,
            g.READINESS_CHANGE,
            g.N_CLOSED,
            g.N_OPENED,
        ),
        _(
            "Over the people rated on each skill in both rounds. A gap closed where a rating below target "
            "reached it, and opened where a rating at target fell below it."
        ),
        {
            f.ROW_LABEL: f.Field(line_title),
            g.N_PEOPLE: f.Field(N_("People"), f.COUNT, N_("People rated on these skills in both rounds")),
            **_round_fields(round_from, round_to),
        },
    )


def _people_table(
    changed: pd.DataFrame,
    by_person: pd.DataFrame,
    names: pd.Series,
    framework: Framework,
    round_from: str,
    round_to: str,
) -> f.Table:
    ids = by_person[c.RESPONDENT_ID].astype(object).to_numpy()
    listed = people_table(changed).set_index(c.RESPONDENT_ID).reindex(ids).reset_index()
    listed[c.NAME] = names.reindex(ids).to_numpy()
    out = pd.concat([listed, by_person.drop(columns=[c.RESPONDENT_ID]).reset_index(drop=True)], axis=1)
    out = g.ranked_rows(out, [g.RATING_CHANGE, c.NAME], ascending=[False, True]).head(LISTED)
    return f.Table(
        _("Change per person"),
        with_names(out.reset_index(drop=True), framework),
        (
            c.NAME,
            c.TEAM,
            f.ROLE_NAME,
            g.N_PAIRS,
            g.MEAN_RATING_FROM,
            g.MEAN_RATING_TO,
            g.RATING_CHANGE,
            g.N_CLOSED,
            g.N_OPENED,
        ),
        _("Largest rise first; at most {n} people are listed. Team and role as in {round}.").format(
            n=format_number(LISTED, f.COUNT), round=round_to
        ),
        {
            g.N_PAIRS: f.Field(N_("Skills"), f.COUNT, N_("Skills rated in both rounds")),
            **_round_fields(round_from, round_to),
        },
    )


def _gaps_table(
    changed: pd.DataFrame,
    which: str,
    names: pd.Series,
    framework: Framework,
    round_from: str,
    round_to: str,
) -> f.Table:
    """The gaps that closed (``which`` is :data:`analytics.gaps.CLOSED`) or opened, skill by skill, by name.

    Skills in framework order, people by name within a skill. Only the listed rows are ever
    built: a large survey closes tens of thousands of gaps, and ordering them by codes and
    name ranks costs far less than building and sorting them all.
    """
    rows = np.flatnonzero(changed[which].to_numpy(dtype=bool))
    person, people = k.factorize(changed[c.RESPONDENT_ID])
    skill, _skills = k.factorize(changed[c.SKILL_ID])
    # Each person's place in name order, looked up by their code: one sort of the people, not of the rows.
    name_rank = np.zeros(len(people), dtype=np.intp)
    name_rank[people.get_indexer(names.index)] = np.argsort(
        np.argsort(names.to_numpy(dtype=str), kind="stable")
    )
    order = rows[np.lexsort((name_rank[person[rows]], skill[rows]))][:LISTED]
    picked = changed.iloc[order]
    ids = picked[c.RESPONDENT_ID].astype(object).to_numpy()
    out = pd.DataFrame(
        {
            c.RESPONDENT_ID: ids,
            c.NAME: names.reindex(ids).to_numpy(),
            c.TEAM: picked[c.TEAM].astype(object).to_numpy(),
            c.SKILL_ID: picked[c.SKILL_ID].to_numpy(),
            c.AREA_ID: picked[c.AREA_ID].to_numpy(),
            g.RATING_FROM: picked[g.RATING_FROM].to_numpy(),
            g.RATING_TO: picked[g.RATING_TO].to_numpy(),
            c.TARGET: picked[c.TARGET].to_numpy(),
        }
    )
    closed = which == g.CLOSED
    note = (
        _(
            "Below target in the earlier round and at target in the later. Listed skill by skill; "
            "at most {n} are shown."
        )
        if closed
        else _(
            "At target in the earlier round and below target in the later. Listed skill by skill; "
            "at most {n} are shown."
        )
    )
    return f.Table(
        _("Gaps closed") if closed else _("Gaps opened"),
        with_names(out, framework),
        (c.NAME, c.TEAM, f.SKILL, g.RATING_FROM, g.RATING_TO, c.TARGET),
        note.format(n=format_number(LISTED, f.COUNT)),
        _round_fields(round_from, round_to),
    )


def _training(
    compared: pd.DataFrame,
    changed: pd.DataFrame,
    framework: Framework,
    round_from: str,
    round_to: str,
    cohorts: pd.DataFrame | None,
    area_id: str | None,
    skill_id: str | None,
) -> TrainingCheck | None:
    if cohorts is None:
        return None
    plan_rounds = tuple(ordered_rounds(cohorts[c.ROUND].dropna().unique())) if c.ROUND in cohorts else ()
    if skill_id or area_id:
        area_of = framework_names(framework).area_of
        in_scope = [s for s, a in area_of.items() if (s == skill_id if skill_id else a == area_id)]
        cohorts = cohorts[cohorts[c.SKILL_ID].isin(in_scope).to_numpy(dtype=bool)]
    effect = g.training_effect(compared, round_from, round_to, cohorts, changed=changed)
    if effect.empty:
        return TrainingCheck(None, plan_rounds, _(NOT_PROOF))
    return TrainingCheck(
        f.Table(
            _("Did the training work?"),
            with_names(effect, framework),
            (
                f.SKILL,
                g.COHORT_PEOPLE,
                g.COHORT_CHANGE,
                g.OTHERS_PEOPLE,
                g.OTHERS_CHANGE,
                g.CHANGE_DIFFERENCE,
            ),
            _(
                "Change in mean rating from {round_from} to {round_to} of the people the training plan made "
                "from {round_from} put into each skill's cohort, against everyone else rated on that skill in "
                "both rounds."
            ).format(round_from=round_from, round_to=round_to),
        ),
        plan_rounds,
        _(NOT_PROOF),
    )
