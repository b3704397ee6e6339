"""Privacy: gap pairs with real names in, pairs with stable pseudonyms and merged small teams out.

A pseudonym is a keyed hash of the respondent id ("Person 3f9a2c81d0"), so the same person
gets the same pseudonym in every sheet and format of a report, and in every report built
with the same key, while nobody without the key can work back from a pseudonym to an e-mail.
Teams with fewer people than the minimum group size are merged into one group, so no team
figure (and no per-person row that carries a team) describes fewer people than that. When
even the merged group is under the minimum, its people get no team at all: they still count
in the figures over everybody, but no team figure, name or count describes them.
Views then hide every group figure over fewer people than the minimum (:func:`hide_small`).
Everything is worked out once per distinct person or team, never per row.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics.i18n import N_

DEFAULT_MIN_GROUP_SIZE: Final = 3
PSEUDONYM_PREFIX: Final = "Person "
PSEUDONYM_DIGITS: Final = 10
HIDDEN: Final = "[hidden]"
# What stands in place of a figure of a group under the minimum size.
NOT_SHOWN: Final = N_("hidden (fewer than {n} people)")
_HEX: Final = np.array(list("0123456789abcdef"), dtype=object)
# Quoted text in validation messages is what the upload said (names, roles, answers).
_QUOTED: Final = re.compile(r"'[^']*'")
_PSEUDONYM: Final = rf"{PSEUDONYM_PREFIX}[0-9a-f]{{{PSEUDONYM_DIGITS}}}(?:-\d+)?"


def small_teams_label(min_group_size: int) -> str:
    return f"Other teams (each under {min_group_size} people)"


def new_key() -> str:
    """A random pseudonym key: pseudonyms are then stable within one report only."""
    return secrets.token_hex(16)


def pseudonyms(ids: Iterable[object], key: str) -> pd.Index:
    """Pseudonym of each id, in order: ``"Person "`` and 10 hex digits of a keyed SipHash.

    Two ids that happen to share digits (about 1 in 5,000 for 20,000 people) get ``-2``,
    ``-3`` ... appended in id order, so pseudonyms stay unique and still repeatable. An id that
    is a pseudonym already (a page seen anonymised, then exported) stays as it is.
    """
    values = pd.Series(pd.Index(ids, dtype=object).astype(str), dtype=object)
    already = values.str.fullmatch(_PSEUDONYM).fillna(False).to_numpy(dtype=bool)
    if already.any():
        out = values.to_numpy(dtype=object).copy()
        out[~already] = np.asarray(pseudonyms(values[~already], key), dtype=object)
        return pd.Index(out, dtype=object)
    hash_key = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    hashed = pd.util.hash_pandas_object(values, index=False, hash_key=hash_key).to_numpy(dtype=np.uint64)
    text = np.full(len(values), PSEUDONYM_PREFIX, dtype=object)
    for place in range(PSEUDONYM_DIGITS - 1, -1, -1):
        text = text + _HEX[((hashed >> np.uint64(4 * place)) & np.uint64(15)).astype(np.intp)]
    names = pd.Series(text, dtype=object)
    clash = names.duplicated(keep=False).to_numpy()
    if clash.any():
        order = values[clash].sort_values(kind="stable").index
        number = names[order].groupby(names[order]).cumcount() + 1
        names[order] = names[order] + np.where(number > 1, "-" + number.astype(str), "")
    return pd.Index(names.to_numpy(), dtype=object)


def pseudonym_map(pairs: pd.DataFrame, key: str) -> dict[str, str]:
    """Each respondent id of ``pairs`` and the pseudonym :func:`anonymise_pairs` gives it: how the
    planner's choices, made on real ids, follow the people into an anonymised report."""
    ids = pairs[c.RESPONDENT_ID].astype("category").cat.categories
    return dict(zip(ids.astype(str), pseudonyms(ids, key), strict=True))


def anonymise_pairs(pairs: pd.DataFrame, key: str, min_group_size: int) -> pd.DataFrame:
    """Pairs whose respondent id and name are the person's pseudonym and whose small teams are merged.

    The respondent id is replaced too, because it is usually an e-mail address.
    """
    ids = pairs[c.RESPONDENT_ID].astype("category")
    names = pseudonyms(ids.cat.categories, key)
    # Rows are put in pseudonym order: the original order (by e-mail or name) would give people away.
    rank = np.argsort(np.asarray(names, dtype=object), kind="stable")
    position = np.empty(len(rank), dtype=np.intp)
    position[rank] = np.arange(len(rank))
    codes = ids.cat.codes.to_numpy()
    new_codes = np.where(codes >= 0, position[codes], -1) if len(rank) else codes
    person = pd.Categorical.from_codes(new_codes, categories=names[rank], validate=False)
    out = pairs.copy()
    out[c.RESPONDENT_ID] = person
    out[c.NAME] = person
    out[c.TEAM] = merge_small_teams(out[c.TEAM], out[c.RESPONDENT_ID], min_group_size)
    order = np.argsort(new_codes, kind="stable")
    return out.iloc[order].reset_index(drop=True)


def merge_small_teams(teams: pd.Series, people: pd.Series, min_group_size: int) -> pd.Series:
    """Teams as a categorical where every team of fewer than ``min_group_size`` people is one group.

    The merged group is labelled :func:`small_teams_label`; when it still has fewer than
    ``min_group_size`` people, its rows get a missing team instead (no group to describe).
    """
    team = teams.astype("category")
    size = pd.DataFrame({"team": team.cat.codes, "person": people.astype("category").cat.codes})
    counts = size.drop_duplicates().groupby("team").size()
    small = counts.index[counts < min_group_size]
    categories = team.cat.categories
    if not len(small):
        return team
    label = small_teams_label(min_group_size)
    in_small = np.isin(team.cat.codes.to_numpy(), small.to_numpy())
    merged_people = people[in_small].nunique() if in_small.any() else 0
    keep = [cat for i, cat in enumerate(categories) if i not in set(small)]
    # A merged group still under the minimum gets no team (code -1) rather than a group of its own.
    big_enough = merged_people >= min_group_size
    merged_categories = pd.Index([*keep, label] if big_enough else keep, dtype=object)
    position = merged_categories.get_indexer(pd.Index(categories, dtype=object))
    position[small.to_numpy()] = len(merged_categories) - 1 if big_enough else -1
    codes = team.cat.codes.to_numpy()
    new_codes = np.where(codes >= 0, np.append(position, -1)[codes], -1)
    return pd.Series(
        pd.Categorical.from_codes(new_codes, categories=merged_categories, validate=False),
        index=teams.index,
        name=teams.name,
    )


def redact_message(message: str, known: Iterable[str]) -> str:
    """A validation message without quoted upload text or any known name or e-mail."""
    text = _QUOTED.sub(f"'{HIDDEN}'", message)
    for word in sorted({k for k in known if k}, key=len, reverse=True):
        if word in text:
            text = text.replace(word, HIDDEN)
    return text


def names_in(messages: Iterable[str], candidates: pd.Index) -> list[str]:
    """The candidates that occur in any message, found by scanning each message once per word.

    Used to pick which names to redact without trying every name of a 20,000-person survey
    against every message: a name can only occur where its first word does.
    """
    texts = list(messages)
    words = {w for t in texts for w in re.findall(r"[^\s,;()]+", t)}
    values = pd.Series(pd.Index(candidates, dtype=object).astype(str).unique(), dtype=object)
    if values.empty:
        return []
    first = values.str.split(n=1).str[0].fillna("")
    hits = values[first.isin(words)]
    return [h for h in hits if any(h in t for t in texts)]


def hide_small(frame: pd.DataFrame, people: str, columns: Sequence[str], min_group: int) -> pd.DataFrame:
    """``frame`` with NaN in ``columns`` of rows over fewer than ``min_group`` people (0 hides nothing)."""
    if not min_group or frame.empty:
        return frame
    out = frame.copy()
    small = (out[people] < min_group).to_numpy(dtype=bool)
    for column in columns:
        out[column] = out[column].astype(float).where(~small)
    return out
