"""Group figures for the command line: filtered gap pairs and group keys in, a named summary table out.

``python -m analytics summary`` prints this table: the groups by name (area, skill, role and
person names as readers know them), with the ids of the framework and the respondent ids
beside the names for scripts reading ``--json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views.names import framework_names, label, unique_names

# --by names as a planner says them, and the pair columns behind them.
GROUP_KEYS: Final = {
    "team": c.TEAM,
    "role": c.ROLE_ID,
    "area": c.AREA_ID,
    "skill": c.SKILL_ID,
    "person": c.RESPONDENT_ID,
    "rater": c.RATER,
    "round": c.ROUND,
}
# Keys whose values are ids: the table carries "<key>_id" beside the name.
ID_KEYS: Final = frozenset({"role", "area", "skill", "person"})
SUMMARY_FIELDS: Final = (
    g.N_PEOPLE,
    g.N_PAIRS,
    g.MEAN_RATING,
    g.MEAN_TARGET,
    g.MEAN_GAP,
    g.MEAN_SHORTFALL,
    g.MEAN_WEIGHTED_SHORTFALL,
    g.READINESS,
    g.PEOPLE_BELOW,
)
# Headings of the group keys and their ids (Table.heading translates them).
_FIELDS: Final = {
    "team": f.Field(N_("Team")),
    "role": f.Field(N_("Role")),
    "area": f.Field(N_("Area")),
    "skill": f.Field(N_("Skill")),
    "person": f.Field(N_("Person")),
    "rater": f.Field(N_("Rater")),
    "round": f.Field(N_("Round")),
    "role_id": f.Field(N_("Role id")),
    "area_id": f.Field(N_("Area id")),
    "skill_id": f.Field(N_("Skill id")),
    "person_id": f.Field(N_("Person id")),
    g.MEAN_GAP: f.Field(N_("Mean gap"), f.SCORE),
}


def summary_table(pairs: pd.DataFrame, framework: Framework, by: Sequence[str]) -> f.Table:
    """Figures per group of ``by`` (keys of :data:`GROUP_KEYS`), pooled over the groups' pairs.

    Shown columns: each key by name, then :data:`SUMMARY_FIELDS`; the frame also holds
    ``<key>_id`` for the keys of :data:`ID_KEYS`.
    """
    unknown = [key for key in by if key not in GROUP_KEYS]
    if unknown:
        raise ValueError(f"unknown group key(s): {', '.join(unknown)}; use any of {', '.join(GROUP_KEYS)}")
    names = framework_names(framework)
    table = g.summarise(pairs, [GROUP_KEYS[key] for key in by])
    lookups = {"role": names.role, "area": names.area, "skill": names.skill}
    out: dict[str, pd.Series] = {}
    ids: dict[str, pd.Series] = {}
    for key in by:
        values = table[GROUP_KEYS[key]]
        if key == "person":
            out[key] = values.astype(object).map(unique_names(pairs))
        elif key in lookups:
            out[key] = label(values, lookups[key])
        else:
            out[key] = values.astype(object)
        if key in ID_KEYS:
            ids[f"{key}_id"] = values.astype(object)
    frame = pd.DataFrame({**out, **ids, **{column: table[column] for column in SUMMARY_FIELDS}})
    return f.Table(_("Summary"), frame, (*by, *SUMMARY_FIELDS), fields=_FIELDS)
