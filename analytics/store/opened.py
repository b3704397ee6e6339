"""Stored rounds opened together: several stored rounds in, one ingest result and its framework out.

Pages, reports and the command line read opened rounds exactly as they read an uploaded
file, so every figure is computed the same way. Each stored round becomes one round on
screen, named as stored; a file that held several rounds keeps them apart as
"name · label". Rounds scored against different framework versions are shown against the
newest one saved, and the caller says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from analytics import columns as c
from analytics.framework import Framework
from analytics.ingest import IngestResult
from analytics.store.store import RoundInfo, StoredRound

ROUND_SEPARATOR = " · "


@dataclass(frozen=True)
class OpenedRounds:
    rounds: tuple[RoundInfo, ...]
    result: IngestResult
    framework: Framework
    # True when the rounds were scored against different frameworks; ``framework`` is the
    # one of the round saved last.
    mixed_frameworks: bool

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rounds)


def open_together(stored: Sequence[StoredRound]) -> OpenedRounds:
    if not stored:
        raise ValueError("open_together needs at least one stored round")
    newest = max(stored, key=lambda r: (r.info.saved_at, r.info.id))
    mixed = len({r.info.framework_digest for r in stored}) > 1
    if len(stored) == 1:
        only = stored[0]
        result = replace(only.result, ratings=_renamed_rounds(only.result.ratings, only.info))
        return OpenedRounds((only.info,), result, only.framework, False)
    ratings = _concat([_renamed_rounds(r.result.ratings, r.info) for r in stored])
    issues = tuple(replace(i, sheet=_prefixed(r.info.name, i.sheet)) for r in stored for i in r.result.issues)
    columns = pd.concat(
        [
            r.result.columns.assign(sheet=[_prefixed(r.info.name, x) for x in r.result.columns["sheet"]])
            for r in stored
        ],
        ignore_index=True,
    )
    roles = pd.concat([r.result.roles for r in stored], ignore_index=True)
    if len(roles):
        roles = roles.groupby(["role", c.ROLE_ID], sort=True, dropna=False, as_index=False)["people"].sum()
    layouts = {r.result.layout for r in stored}
    result = IngestResult(
        ratings=ratings,
        issues=issues,
        columns=columns,
        roles=roles,
        layout=layouts.pop() if len(layouts) == 1 else newest.result.layout,
        sheets=tuple(dict.fromkeys(s for r in stored for s in r.result.sheets)),
    )
    return OpenedRounds(tuple(r.info for r in stored), result, newest.framework, mixed)


def _renamed_rounds(ratings: pd.DataFrame, info: RoundInfo) -> pd.DataFrame:
    """The ratings with their round column set to the stored name (or "name · label")."""
    labels = ratings[c.ROUND]
    if len(info.labels) <= 1:
        named = pd.Categorical.from_codes(np.zeros(len(ratings), dtype=np.int8), categories=[info.name])
        return ratings.assign(**{c.ROUND: named})
    as_category = labels.astype("category")
    renamed = as_category.cat.rename_categories(
        [f"{info.name}{ROUND_SEPARATOR}{x}" for x in as_category.cat.categories]
    )
    return ratings.assign(**{c.ROUND: renamed})


def _concat(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tidy ratings keeping every key column categorical (a plain concat would not)."""
    out = {}
    for name in frames[0].columns:
        parts = [f[name] for f in frames]
        if all(isinstance(p.dtype, pd.CategoricalDtype) for p in parts):
            out[name] = pd.Series(union_categoricals([p.array for p in parts], ignore_order=True), name=name)
        else:
            out[name] = pd.concat(parts, ignore_index=True)
    return pd.DataFrame(out)


def _prefixed(name: str, sheet: str) -> str:
    return f"{name}: {sheet}" if sheet else name
