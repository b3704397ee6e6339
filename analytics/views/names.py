"""Names for ids: framework ids and respondent ids in, the names readers see out.

Skills, areas and roles are labelled from the framework; people by their name, with their
id added where two people share a name, so two rows never look like one person. Labels
are looked up once per category, never once per row, so labelling 500,000 pairs costs as
much as labelling their few hundred distinct ids.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import i18n
from analytics import kernels as k
from analytics.framework import Framework
from analytics.views import fields as f


@dataclass(frozen=True)
class FrameworkNames:
    """Display names of a framework's ids, and the skills' order and areas."""

    skill: Mapping[str, str]
    area: Mapping[str, str]
    role: Mapping[str, str]
    skill_order: tuple[str, ...]
    area_of: Mapping[str, str]


def framework_names(framework: Framework) -> FrameworkNames:
    """The framework's names in the session's language (English where the framework has no Indonesian)."""
    return _framework_names(framework, i18n.current())


@functools.lru_cache(maxsize=16)
def _framework_names(framework: Framework, language: str) -> FrameworkNames:
    # ``language`` keys the cache: the shown names are read in it (the session's, see above).
    with i18n.language(language):
        return FrameworkNames(
            skill={s.id: s.shown_name for s in framework.skills},
            area={a.id: a.shown_name for a in framework.areas},
            role={r.id: r.shown_name for r in framework.roles},
            skill_order=tuple(s.id for s in framework.skills),
            area_of={s.id: s.area_id for s in framework.skills},
        )


def label(values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Map ids to names through the categories (None where an id is missing, the id where unnamed)."""
    codes, ids = k.factorize(values, sort=False)
    shown = np.array([names.get(str(x), str(x)) for x in ids], dtype=object)
    return pd.Series(k.take_or(shown, codes, None), index=values.index, dtype=object)


def with_names(frame: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Add skill, area and role names next to their ids, where those ids are columns."""
    names = framework_names(framework)
    out = frame.copy()
    for id_column, name_column, lookup in (
        (c.SKILL_ID, f.SKILL, names.skill),
        (c.AREA_ID, f.AREA, names.area),
        (c.ROLE_ID, f.ROLE_NAME, names.role),
    ):
        if id_column in out:
            out[name_column] = label(out[id_column], lookup)
    return out


def people_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """One row per person in the pairs, in id order: respondent id, name, team and role of their first pair."""
    codes, ids = k.factorize(pairs[c.RESPONDENT_ID])
    present, rows = k.first_rows(codes.astype(np.intp, copy=False), len(ids))
    return pd.DataFrame(
        {
            c.RESPONDENT_ID: pd.Index(ids).take(present).astype(object),
            c.NAME: pairs[c.NAME].iloc[rows].astype(object).to_numpy(),
            c.TEAM: pairs[c.TEAM].iloc[rows].astype(object).to_numpy(),
            c.ROLE_ID: pairs[c.ROLE_ID].iloc[rows].astype(object).to_numpy(),
        }
    )


def team_members(pairs: pd.DataFrame, team: str) -> list[str]:
    """The respondent ids of ``team``'s people, by name: whose development plans a team's zip holds.

    From one row per person, not from the pairs: sorting 5,000 people's 120,000 pairs by name cost
    the People page a tenth of a second on every rerun.
    """
    people = people_table(pairs)
    members = people[(people[c.TEAM].astype(str) == team).to_numpy(dtype=bool)]
    return [str(i) for i in members.sort_values(c.NAME, kind="stable")[c.RESPONDENT_ID]]


def unique_names(pairs: pd.DataFrame) -> pd.Series:
    """A display name per respondent id, with the id added where two people share a name."""
    people = people_table(pairs)
    return pd.Series(_display_names(people), index=people[c.RESPONDENT_ID].to_numpy())


def people_index(pairs: pd.DataFrame) -> dict[str, str]:
    """Display label per respondent id ("name - team"), in label order, for a person picker.

    A plain dict, because the picker looks a label up for each of (possibly) thousands of
    options on every rerun.
    """
    people = people_table(pairs)
    ids = people[c.RESPONDENT_ID].to_numpy(dtype=object)
    labels = _display_names(people) + " - " + people[c.TEAM].to_numpy(dtype=object)
    order = np.argsort(labels, kind="stable")
    return dict(zip(ids[order], labels[order], strict=True))


def _display_names(people: pd.DataFrame) -> np.ndarray:
    names = people[c.NAME].to_numpy(dtype=object).copy()
    shared = people[c.NAME].duplicated(keep=False).to_numpy()
    names[shared] = names[shared] + " (" + people[c.RESPONDENT_ID].to_numpy(dtype=object)[shared] + ")"
    return names
