"""CSV export: ``ReportData`` in, the tidy gap table as UTF-8 csv bytes out, one row per gap pair.

The columns are those of :data:`analytics.gaps.PAIR_COLUMNS` (ids as the framework names
them, numbers unformatted), plus the skill, area and role names, so other tools can join
or pivot without the framework file. Text that came from the upload and starts like a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) is prefixed with a single quote,
as OWASP's CSV-injection guidance asks; numbers are left as numbers. Anonymised reports
carry pseudonyms in place of names and respondent ids.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics.reports import content as ct
from analytics.safety import formula_like

# Columns whose text came from the upload (ids are generated from names or e-mails).
UPLOAD_TEXT: Final = (c.RESPONDENT_ID, c.NAME, c.TEAM, c.ROUND)


def defuse(values: pd.Series) -> pd.Series:
    """Text values with a ``'`` in front of any that a spreadsheet would run as a formula.

    Worked out once per distinct value, so a categorical column of 500,000 rows costs as
    much as its categories.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(pd.Index(uniques, dtype=object).astype(str), dtype=object)
    safe = text.where(~formula_like(text), "'" + text)
    taken = np.append(safe.to_numpy(dtype=object), np.array([None], dtype=object))[codes]
    return pd.Series(taken, index=values.index, name=values.name, dtype=object)


def tidy_table(data: ct.ReportData) -> pd.DataFrame:
    """The gap pairs with names added and upload text defused, in csv column order."""
    pairs = data.tidy
    frame = pairs.loc[:, list(g.PAIR_COLUMNS)].copy()
    for col in UPLOAD_TEXT:
        frame[col] = defuse(frame[col])
    frame.insert(
        frame.columns.get_loc(c.SKILL_ID) + 1,
        "skill",
        ct.label(pairs[c.SKILL_ID], data.names.skill).to_numpy(),
    )
    frame.insert(
        frame.columns.get_loc(c.AREA_ID) + 1, "area", ct.label(pairs[c.AREA_ID], data.names.area).to_numpy()
    )
    frame.insert(
        frame.columns.get_loc(c.ROLE_ID) + 1, "role", ct.label(pairs[c.ROLE_ID], data.names.role).to_numpy()
    )
    return frame


def write_csv(data: ct.ReportData) -> bytes:
    """The tidy gap table as csv; UTF-8 with a byte-order mark so Excel reads accents right."""
    table = tidy_table(data)
    # Who (id, name, team) and what (role, round, rater, skill, rating and the figures that
    # follow from them) each take far fewer distinct values than there are rows.
    return csv_bytes(table, split_at=(table.columns.get_loc(c.ROLE_ID),))


def csv_bytes(frame: pd.DataFrame, split_at: Sequence[int] = ()) -> bytes:
    """``frame.to_csv(index=False)`` with CRLF line ends and a BOM, several times faster.

    The columns are cut into segments at the positions ``split_at``. Each segment's distinct
    value combinations are written once (fields quoted as the csv module does: when they hold
    a comma, a quote or a line break, with quotes doubled), then spread to the rows with a
    take, and a row is its segments joined by commas. Cut where the columns on each side take
    few combinations: for gap pairs, person columns then rating columns.
    """
    header = ",".join(_quote(str(col)) for col in frame.columns)
    bounds = [0, *split_at, len(frame.columns)]
    line: Any = None
    for first, last in itertools.pairwise(bounds):
        if last == first:
            continue
        segment = frame.iloc[:, first:last]
        codes, unique_rows = _combinations(segment)
        text: Any = None
        for col in unique_rows.columns:
            value_codes, values = pd.factorize(unique_rows[col], use_na_sentinel=True)
            shown = np.array([*(_quote(_plain(v)) for v in values), ""], dtype=object)[value_codes]
            text = shown if text is None else text + "," + shown
        part = np.asarray(text, dtype=object)[codes] if len(codes) else np.empty(0, dtype=object)
        line = part if line is None else line + "," + part
    body = "" if line is None or not len(line) else "\r\n".join(line.tolist()) + "\r\n"
    return ("\ufeff" + header + "\r\n" + body).encode("utf-8")


def _combinations(segment: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """A code per row for its combination of values, and the combinations in code order."""
    if not len(segment):
        return np.empty(0, dtype=np.intp), segment
    keys = list(range(len(segment.columns)))
    numbered = segment.set_axis(keys, axis=1)
    codes = numbered.groupby(keys, sort=False, dropna=False, observed=True).ngroup().to_numpy()
    _, first = np.unique(codes, return_index=True)
    return codes, segment.iloc[first].reset_index(drop=True)


def _plain(value: object) -> str:
    """A value as pandas writes it: floats in full (``2.0``), booleans as ``True``/``False``."""
    if isinstance(value, float | np.floating):
        return repr(float(value))
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


def _quote(text: str) -> str:
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text
