"""One area or skill: filtered gap pairs and the chosen area or skill in, its ratings by role, coverage and people out.

The Competencies page shows a :class:`CompetencyView`: how ratings spread per role against
each role's target, how many people are at target and on the bench per skill, and who could
mentor and who is below target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.names import people_table, with_names

# How many mentors and people below target the page lists.
LISTED: Final = 50


@dataclass(frozen=True)
class CompetencyView:
    """Everything the Competencies page shows for one area or skill.

    ``distribution`` has the columns of :func:`distribution`, ``targets`` those of
    :func:`role_targets`, ``coverage`` those of :func:`skill_coverage`. ``mentors`` and
    ``below`` list at most :data:`LISTED` people; ``n_mentors`` and ``n_below`` count them all.
    """

    what: str
    skill_chosen: bool
    distribution: pd.DataFrame
    targets: pd.DataFrame
    coverage: pd.DataFrame
    people: int
    readiness: float
    people_below: float
    mentors: f.Table
    below: f.Table
    n_mentors: int
    n_below: int
    # Roles left out of the rating spread because fewer people than the minimum group size hold them.
    hidden_roles: int = 0


def scope_pairs(pairs: pd.DataFrame, area_id: str, skill_id: str | None = None) -> pd.DataFrame:
    """The pairs of one area, or of one skill when ``skill_id`` is given."""
    keep = pairs[c.SKILL_ID] == skill_id if skill_id else pairs[c.AREA_ID] == area_id
    return pairs[keep.to_numpy(dtype=bool)].reset_index(drop=True)


def competency_view(
    pairs: pd.DataFrame, framework: Framework, area_id: str, skill_id: str | None = None, min_group: int = 0
) -> CompetencyView | None:
    """The view of one area (or one of its skills); None when nobody here is rated on it.

    With ``min_group``, roles held by fewer people are left out of the rating spread, and the
    group's readiness and people below target are hidden (NaN) when it is that small itself.
    """
    scope = scope_pairs(pairs, area_id, skill_id)
    if not len(scope):
        return None
    what = framework.skill(skill_id).shown_name if skill_id else framework.area(area_id).shown_name
    total = g.summarise(scope).iloc[0]
    small = int(total[g.N_PEOPLE]) < min_group
    targets = role_targets(scope, framework)
    spread = distribution(scope, framework)
    shown_roles = targets.loc[targets[g.N_PEOPLE] >= min_group, c.ROLE_ID]
    scores = person_scores(scope, framework)
    strong = scores[scores[g.MEAN_RATING] >= g.BENCH_LEVEL]
    strong = g.ranked_rows(strong, [g.MEAN_RATING, c.NAME], ascending=[False, True]).reset_index(drop=True)
    short = scores[scores[f.SKILLS_BELOW] > 0]
    short = g.ranked_rows(short, [g.MEAN_WEIGHTED_SHORTFALL, c.NAME], ascending=[False, True])
    short = short.reset_index(drop=True)
    person = {c.NAME: f.Field(N_("Name")), g.N_PAIRS: f.Field(N_("Skills rated"), f.COUNT)}
    return CompetencyView(
        what=what,
        skill_chosen=bool(skill_id),
        distribution=spread[spread[c.ROLE_ID].isin(shown_roles).to_numpy(dtype=bool)].reset_index(drop=True),
        targets=targets[targets[c.ROLE_ID].isin(shown_roles).to_numpy(dtype=bool)].reset_index(drop=True),
        coverage=skill_coverage(scope, framework),
        people=int(total[g.N_PEOPLE]),
        readiness=float("nan") if small else float(total[g.READINESS]),
        people_below=float("nan") if small else float(total[g.PEOPLE_BELOW]),
        mentors=f.Table(
            _("Mentors (rated {level} or more)").format(level=g.BENCH_LEVEL),
            strong.head(LISTED),
            (c.NAME, c.TEAM, f.ROLE_NAME, g.MEAN_RATING, g.N_PAIRS),
            (
                _("The strongest {n} at most are listed.").format(n=LISTED)
                if skill_id
                else _(
                    "By their mean rating over the area's skills, so fewer than the chart counts on each "
                    "skill: choose a skill to see everyone rated {level} or more on it. The strongest {n} at "
                    "most are listed."
                ).format(level=g.BENCH_LEVEL, n=LISTED)
            ),
            person,
        ),
        below=f.Table(
            _("Below target"),
            short.head(LISTED),
            (c.NAME, c.TEAM, f.ROLE_NAME, g.MEAN_RATING, g.MEAN_TARGET, f.SKILLS_BELOW),
            _("Largest weighted shortfall first; at most {n} are listed.").format(n=LISTED),
            person,
        ),
        n_mentors=len(strong),
        n_below=len(short),
        hidden_roles=len(targets) - len(shown_roles),
    )


def person_scores(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Per person over the given pairs: mean rating and target, shortfall, skills below target.

    Columns: ``respondent_id``, ``name``, ``team``, ``role_id``, ``role_name``, the summary
    columns of :func:`analytics.gaps.summarise` and ``skills_below``; name, team and role are
    those of the person's first pair. A pair is below target exactly when it is not at
    target, so the skills below are the pairs less those at target.
    """
    per_person = g.summarise(pairs, [c.RESPONDENT_ID])
    people = people_table(pairs)
    below = (per_person[g.N_PAIRS] * (1 - per_person[g.READINESS])).round().astype(int)
    out = people.assign(
        **{column: per_person[column].to_numpy() for column in g.SUMMARY_COLUMNS},
        **{f.SKILLS_BELOW: below.to_numpy()},
    )
    return with_names(out, framework)


def distribution(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """How many ratings sit at each level per role, split at target or below.

    Columns: ``role_id``, ``role_name``, ``rating``, ``at_target``, ``n_pairs``, ``n_people``,
    :data:`analytics.views.fields.LEVEL_PAIRS` (the role's ratings at that level, at target or
    not: over several skills one level can be below one skill's target and at another's),
    ``mean_target`` (the role's mean target over these pairs). Roles in framework order.
    """
    keys = [c.ROLE_ID, c.RATING, c.AT_TARGET]
    grouped = pairs.groupby(keys, observed=True, sort=True)
    out = grouped.agg(
        **{g.N_PAIRS: (c.SKILL_ID, "size"), g.N_PEOPLE: (c.RESPONDENT_ID, "nunique")}
    ).reset_index()
    out[f.LEVEL_PAIRS] = out.groupby([c.ROLE_ID, c.RATING], observed=True)[g.N_PAIRS].transform("sum")
    target = pairs.groupby(c.ROLE_ID, observed=True)[c.TARGET].mean().rename(g.MEAN_TARGET)
    out = out.merge(target.reset_index(), on=c.ROLE_ID, how="left")
    return with_names(out, framework)


def role_targets(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Mean target and people per role over the pairs (roles in framework order)."""
    return with_names(g.summarise(pairs, [c.ROLE_ID]), framework)


def skill_coverage(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Coverage per skill over the whole filtered group: at target, bench, readiness."""
    return with_names(g.coverage(pairs, by=()), framework)
