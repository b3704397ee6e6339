"""The Framework page: a framework in, its readable tables and the editable target and importance grids out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics import columns as c
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views.names import with_names


def target_grids(framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets and importances as two (skill x role) grids, skills by name, roles by name (as shown)."""
    table = with_names(framework.targets_frame(), framework)
    skills = [s.shown_name for s in framework.skills]
    roles = [r.shown_name for r in framework.roles]
    grids = []
    for value in (c.TARGET, c.IMPORTANCE):
        grid = table.pivot(index=f.SKILL, columns=f.ROLE_NAME, values=value).reindex(
            index=skills, columns=roles
        )
        grid.index.name, grid.columns.name = f.SKILL, None
        grids.append(grid)
    return grids[0], grids[1]


def targets_from_grids(framework: Framework, targets: pd.DataFrame, importance: pd.DataFrame) -> pd.DataFrame:
    """The long targets table (:meth:`Framework.targets_frame` columns) from two edited grids.

    A grid names skills and roles in either language (names are unique across both)."""
    skill_ids = {name: s.id for s in framework.skills for name in (s.name, s.shown_name)}
    role_ids = {name: r.id for r in framework.roles for name in (r.name, r.shown_name)}
    long = []
    for grid, value in ((targets, c.TARGET), (importance, c.IMPORTANCE)):
        stacked = grid.rename_axis(index=f.SKILL, columns=f.ROLE_NAME).stack(future_stack=True)
        long.append(stacked.rename(value))
    table = pd.concat(long, axis=1).reset_index()
    return pd.DataFrame(
        {
            c.ROLE_ID: table[f.ROLE_NAME].map(role_ids),
            c.SKILL_ID: table[f.SKILL].map(skill_ids),
            c.AREA_ID: table[f.SKILL].map(skill_ids).map({s.id: s.area_id for s in framework.skills}),
            c.TARGET: table[c.TARGET],
            c.IMPORTANCE: table[c.IMPORTANCE],
        }
    )


def framework_tables(framework: Framework) -> dict[str, pd.DataFrame]:
    """The framework as readable tables in the session's language: scale levels, skills by area,
    roles, learning actions. "Also accepted" lists the aliases, and the English name where the
    Indonesian is shown."""
    scale = pd.DataFrame(
        [
            (lv.value, lv.shown_name, lv.shown_description, _also(lv.shown_name, lv.name, lv.aliases))
            for lv in framework.scale.levels
        ],
        columns=["level", "name", "description", "also accepted"],
    )
    skills = pd.DataFrame(
        [
            (a.shown_name, s.shown_name, s.shown_description, _also(s.shown_name, s.name, s.aliases))
            for a in framework.areas
            for s in a.skills
        ],
        columns=["area", "skill", "description", "also accepted"],
    )
    roles = pd.DataFrame(
        [
            (r.shown_name, r.shown_description, _also(r.shown_name, r.name, r.aliases))
            for r in framework.roles
        ],
        columns=["role", "description", "also accepted"],
    )
    learning = with_names(framework.learning_frame(), framework).assign(
        title=[a.shown_title for a in framework.learning],
        description=[a.shown_description for a in framework.learning],
        format=[a.shown_format for a in framework.learning],
    )
    return {"scale": scale, "skills": skills, "roles": roles, "learning": learning}


def _also(shown: str, name: str, aliases: Sequence[str]) -> str:
    """The other words a survey may use: the aliases, led by the English name where it is not the one shown."""
    return ", ".join(x for x in dict.fromkeys((name, *aliases)) if x != shown)
