"""People: filtered gap pairs and a chosen person in, their profile, gaps and development plan out.

The People page shows a :class:`PersonView`; the reports' development plans are
:func:`development_plans` of everyone, the same rows the People page shows one person at a
time: each skill below target, the largest weighted shortfall first, with its suggested
learning action (:mod:`analytics.plans`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics import plans
from analytics.framework import Framework, Role
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.names import with_names

GAP_COLUMNS: Final = (
    c.SKILL_ID,
    c.AREA_ID,
    c.RATING,
    c.TARGET,
    c.GAP,
    c.IMPORTANCE,
    c.SHORTFALL,
    c.WEIGHTED_SHORTFALL,
)


@dataclass(frozen=True)
class PersonView:
    """What the People page shows for one person over the filtered pairs.

    ``profile`` has the columns of :func:`person_profile`; ``gaps`` lists every rated skill,
    the largest weighted shortfall first; ``plan`` the suggested action of each skill below
    target, and ``plan_hours`` their hours (alternatives are options, never added).
    """

    person: str
    name: str
    team: str
    role_id: str
    role: str
    rated: int
    below: int
    readiness: float
    profile: pd.DataFrame
    gaps: f.Table
    plan: f.Table
    plan_hours: float
    levels: f.Table
    not_required: tuple[str, ...] = ()

    @property
    def has_manager_rating(self) -> bool:
        return bool(self.profile[c.MANAGER].notna().any())


def person_view(
    ratings: pd.DataFrame,
    pairs: pd.DataFrame,
    person: str,
    framework: Framework,
    round_label: str | None = None,
    source_label: str = "",
) -> PersonView | None:
    """One person's view; None when the filtered pairs do not hold them."""
    mine = pairs[(pairs[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    if not len(mine):
        return None
    first = mine.iloc[0]
    role_id = str(first[c.ROLE_ID])
    ranked = by_need(with_names(mine[list(GAP_COLUMNS)], framework))
    plan = with_learning(ranked[ranked[c.SHORTFALL] > 0], framework)
    rating = f.Field(
        _("Rating ({source})").format(source=_(source_label).lower()) if source_label else N_("Rating"),
        f.LEVEL,
    )
    return PersonView(
        person=person,
        name=str(first[c.NAME]),
        team=str(first[c.TEAM]),
        role_id=role_id,
        role=framework.role(role_id).shown_name,
        rated=len(mine),
        below=int((mine[c.SHORTFALL] > 0).sum()),
        readiness=float(mine[c.AT_TARGET].mean()),
        profile=person_profile(ratings, mine, role_id, framework, round_label, person),
        gaps=f.Table(
            _("Gaps, largest weighted shortfall first"),
            ranked,
            (f.SKILL, f.AREA, c.RATING, c.TARGET, c.GAP, c.IMPORTANCE, c.WEIGHTED_SHORTFALL),
            fields={c.RATING: rating},
        ),
        plan=f.Table(
            _("Learning plan"),
            plan,
            (f.SKILL, plans.TITLE, plans.FORMAT, plans.HOURS, plans.DESCRIPTION, plans.ALTERNATIVES),
            _("The suggested action of each skill below target; other options are alternatives, not added."),
            {plans.HOURS: f.Field(N_("Hours"), f.HOURS)},
        ),
        plan_hours=float(np.nansum(plan[plans.HOURS].to_numpy(dtype=float))),
        levels=level_steps(ranked[ranked[c.SHORTFALL] > 0], framework),
        not_required=_not_required(ratings, person, framework.role(role_id), framework),
    )


NOW: Final = "now"
TARGET_LEVEL: Final = "target_level"
LEVEL_FIELDS: Final = {
    NOW: f.Field(N_("Where they are")),
    TARGET_LEVEL: f.Field(N_("What the target looks like")),
}


def level_steps(below: pd.DataFrame, framework: Framework) -> f.Table:
    """For each skill below target, what the person's level and the target look like for that skill,
    in the framework's own words; skills without level descriptions are left out."""
    rows = []
    for skill_id, rating, target in zip(below[c.SKILL_ID], below[c.RATING], below[c.TARGET], strict=True):
        skill = framework.skill(str(skill_id))  # one row per skill of one person
        now = skill.level_description(int(np.floor(float(rating) + 0.5))) if pd.notna(rating) else ""
        aim = skill.level_description(int(np.ceil(float(target))))
        if now or aim:
            rows.append((skill.shown_name, now, aim))
    frame = pd.DataFrame(rows, columns=[f.SKILL, NOW, TARGET_LEVEL])
    return f.Table(
        _("What the levels look like"),
        frame,
        (f.SKILL, NOW, TARGET_LEVEL),
        _(
            "From the framework's level descriptions: the person's rating rounded to a whole level, and the target."
        ),
        LEVEL_FIELDS,
    )


def _not_required(ratings: pd.DataFrame, person: str, role: Role, framework: Framework) -> tuple[str, ...]:
    """Names of skills the person rated that their role does not need: shown as such, never as a gap."""
    needless = set(role.not_required)
    if not needless:
        return ()
    rated = set(
        ratings.loc[(ratings[c.RESPONDENT_ID] == person).to_numpy(dtype=bool), c.SKILL_ID].astype(str)
    )
    return tuple(s.shown_name for s in framework.skills if s.id in needless & rated)


def by_need(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with the largest weighted shortfall first, then the largest shortfall; ties keep their order."""
    ranked = frame.sort_values([c.WEIGHTED_SHORTFALL, c.SHORTFALL], ascending=False, kind="stable")
    return ranked.reset_index(drop=True)


def with_learning(frame: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Each row with its skill's suggested action: title, format, hours, description, alternatives.

    Looked up once per distinct skill and spread to the rows by code: everyone's plans hold
    a row per person and skill below target.
    """
    actions = plans.suggested_actions(framework).set_index(c.SKILL_ID)
    codes, skills = k.factorize(frame[c.SKILL_ID], sort=False)
    per_skill = actions.reindex(pd.Index(skills, dtype=object).astype(object))
    out = frame.copy()
    for column in (plans.TITLE, plans.FORMAT, plans.DESCRIPTION, plans.ALTERNATIVES):
        missing = _(plans.NO_ACTION) if column == plans.TITLE else ""
        values = per_skill[column].fillna(missing).to_numpy(dtype=object)
        out[column] = k.take_or(values, codes, missing)
    out[plans.HOURS] = k.take_or(per_skill[plans.HOURS].to_numpy(dtype=float), codes, np.nan)
    return out


def development_plans(pairs: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Every person's skills below target with their suggested actions: the People page's plan for all.

    People come in name order (then id, so two people who share a name stay apart); each
    person's skills as on the People page (:func:`by_need`).
    """
    below = pairs[(pairs[c.SHORTFALL] > 0).to_numpy(dtype=bool)]
    below = below.assign(_name=below[c.NAME].astype(str), _id=below[c.RESPONDENT_ID].astype(str))
    below = below.sort_values(
        ["_name", "_id", c.WEIGHTED_SHORTFALL, c.SHORTFALL],
        ascending=[True, True, False, False],
        kind="stable",
    )
    return with_learning(
        with_names(below.drop(columns=["_name", "_id"]).reset_index(drop=True), framework), framework
    )


def person_profile(
    ratings: pd.DataFrame,
    mine: pd.DataFrame,
    role_id: str,
    framework: Framework,
    round_label: str | None,
    person: str,
) -> pd.DataFrame:
    """One person's skills: role target, self and manager rating, and the gap-source rating.

    ``ratings`` is the tidy table (only ``round_label``'s rows are read when it is given);
    ``mine`` the person's gap pairs of the chosen source, already filtered. Columns:
    ``skill_id``, ``area_id``, ``target``, ``self``, ``manager``, ``rating``, ``at_target``,
    ``skill``, ``area``. Skills in framework order; skills the person's role has no target
    for, or that nobody rated, are left out.
    """
    own = ratings[(ratings[c.RESPONDENT_ID] == person).to_numpy(dtype=bool)]
    if round_label is not None:
        own = own[(own[c.ROUND] == round_label).to_numpy(dtype=bool)]
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
