"""The Framework page: a framework in, its readable tables and the editable target and importance grids out."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analytics import columns as c
from analytics.framework import Framework
from analytics.views import fields as f
from analytics.views.names import with_names


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
        grid = table.pivot(index=f.SKILL, columns=f.ROLE_NAME, values=value).reindex(
            index=skills, columns=roles
        )
        grid.index.name, grid.columns.name = f.SKILL, None
        grids.append(grid)
    return grids[0], grids[1]


def targets_from_grids(framework: Framework, targets: pd.DataFrame, importance: pd.DataFrame) -> pd.DataFrame:
    """The long targets table (:meth:`Framework.targets_frame` columns) from two edited grids."""
    skill_ids = {s.name: s.id for s in framework.skills}
    role_ids = {r.name: r.id for r in framework.roles}
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
