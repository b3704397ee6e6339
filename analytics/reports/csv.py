"""CSV export: a ``ReportView`` in, the tidy gap table as UTF-8 csv out, one row per gap pair.

The columns are those of :data:`analytics.gaps.PAIR_COLUMNS` (ids as the framework names
them, numbers unformatted), plus the skill, area and role names, so other tools can join
or pivot without the framework file, and for pairs in the training plan its action and the
learner's mentor (``planned_action``, ``mentor``). The column headers are in the report's
language (:data:`HEADERS`, ``skill_id`` stays ``skill_id`` in English); the values never are. Text that came from the upload or the framework and starts like a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return) is prefixed with a single quote,
as OWASP's CSV-injection guidance asks; numbers are left as numbers. Anonymised reports
carry pseudonyms in place of names and respondent ids.

The text is written in chunks of rows (:data:`CHUNK_ROWS`), so a 500,000-row export never
holds every line as a Python string at once; :func:`write_csv_to` streams them to a file.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator, Sequence
from typing import IO, Any, Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import gaps as g
from analytics import kernels as k
from analytics import plans
from analytics.i18n import N_, _
from analytics.safety import formula_like
from analytics.views import fields as f
from analytics.views.names import label
from analytics.views.report import ReportView

# Columns whose text came from the upload (ids are generated from names or e-mails); the
# names added from the framework are defused too.
UPLOAD_TEXT: Final = (c.RESPONDENT_ID, c.NAME, c.TEAM, c.ROUND)
# The csv names the role beside its id as "role", as the framework names it (not as written).
ROLE_NAME: Final = "role"
CHUNK_ROWS: Final = 50_000
# The training plan's columns, beside the pair's figures.
PLANNED_ACTION: Final = "planned_action"
MENTOR: Final = "mentor"
BOM: Final = "\ufeff"
# Each column's header, marked for translation: in English the column's own name.
HEADERS: Final = {
    c.RESPONDENT_ID: N_("respondent_id"),
    c.NAME: N_("name"),
    c.TEAM: N_("team"),
    c.ROLE_ID: N_("role_id"),
    ROLE_NAME: N_("role"),
    c.ROUND: N_("round"),
    c.RATER: N_("rater"),
    c.SKILL_ID: N_("skill_id"),
    f.SKILL: N_("skill"),
    c.AREA_ID: N_("area_id"),
    f.AREA: N_("area"),
    c.RATING: N_("rating"),
    c.TARGET: N_("target"),
    c.IMPORTANCE: N_("importance"),
    c.GAP: N_("gap"),
    c.SHORTFALL: N_("shortfall"),
    c.WEIGHTED_SHORTFALL: N_("weighted_shortfall"),
    c.AT_TARGET: N_("at_target"),
    PLANNED_ACTION: N_("planned_action"),
    MENTOR: N_("mentor"),
}


def defuse(values: pd.Series) -> pd.Series:
    """Text values with a ``'`` in front of any that a spreadsheet would run as a formula, as a
    categorical (missing stays missing).

    Worked out once per distinct value and kept as codes, so a column of 500,000 rows costs as
    much as its distinct values, in time and in memory (text per row cost the 20,000-person csv
    report 90 MB).
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = pd.Series(pd.Index(uniques, dtype=object).astype(str), dtype=object)
    safe = text.where(~formula_like(text), "'" + text)
    # Two values can become one ("=1" and "'=1"): the categories are the distinct safe texts.
    safe_codes, categories = pd.factorize(safe)
    kept = np.append(safe_codes, -1)[codes]
    shown = pd.Categorical.from_codes(kept, categories=pd.Index(categories, dtype=object))
    return pd.Series(shown, index=values.index, name=values.name)


def tidy_table(data: ReportView) -> pd.DataFrame:
    """The gap pairs with names added and upload text defused, in csv column order."""
    pairs, names = data.pairs, data.names
    frame = pairs.loc[:, list(g.PAIR_COLUMNS)].copy()
    for col in UPLOAD_TEXT:
        frame[col] = defuse(frame[col])
    # Skill, area and role names come from a framework file, which a user may upload too.
    for id_column, name_column, lookup in (
        (c.SKILL_ID, f.SKILL, names.skill),
        (c.AREA_ID, f.AREA, names.area),
        (c.ROLE_ID, ROLE_NAME, names.role),
    ):
        named = defuse(label(pairs[id_column], lookup))
        frame.insert(frame.columns.get_loc(id_column) + 1, name_column, named.array)
    # Each pair in the training plan: its action and the learner's mentor ("" elsewhere).
    members = data.priorities.plan.members.frame
    at = _member_rows(members, pairs)
    for name, column in ((PLANNED_ACTION, plans.TITLE), (MENTOR, plans.MENTOR)):
        values = np.append(members[column].to_numpy(dtype=object), "")[at]
        frame[name] = defuse(pd.Series(values, index=frame.index, dtype=object)).array
    return frame


def _member_rows(members: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    """For each pair, the row of ``members`` with its skill and person (-1 for none).

    Matched on integer keys of the pairs' own codes: text keys for 500,000 pairs cost the
    20,000-person csv report 35 MB.
    """
    skill, skills = k.factorize(pairs[c.SKILL_ID])
    person, people = k.factorize(pairs[c.RESPONDENT_ID])
    sizes = (len(skills), len(people))
    member_skill = k.codes_in(members[c.SKILL_ID].astype(str), skills.astype(str))
    member_person = k.codes_in(members[c.RESPONDENT_ID].astype(str), people.astype(str))
    # A member without pairs here (another round's) matches no pair.
    found = np.flatnonzero((member_skill >= 0) & (member_person >= 0))
    keys = k.mixed_key((member_skill[found], sizes[0]), (member_person[found], sizes[1]), wide=True)
    at = pd.Index(keys).get_indexer(k.mixed_key((skill, sizes[0]), (person, sizes[1]), wide=True))
    return k.take_or(found, at, -1)


def write_csv(data: ReportView) -> bytes:
    """The tidy gap table as csv; UTF-8 with a byte-order mark so Excel reads accents right."""
    buffer = io.BytesIO()
    write_csv_to(buffer, data)
    return buffer.getvalue()


def write_csv_to(stream: IO[bytes], data: ReportView) -> None:
    """:func:`write_csv` into an open binary stream, chunk by chunk."""
    table = tidy_table(data)
    # Who (id, name, team) and what (role, round, rater, skill, rating and the figures that
    # follow from them) each take far fewer distinct values than there are rows.
    headers = [_(HEADERS.get(name, name)) for name in table.columns]
    for chunk in csv_chunks(table, split_at=(table.columns.get_loc(c.ROLE_ID),), headers=headers):
        stream.write(chunk)


def csv_chunks(
    frame: pd.DataFrame,
    split_at: Sequence[int] = (),
    chunk_rows: int = CHUNK_ROWS,
    headers: Sequence[str] | None = None,
) -> Iterator[bytes]:
    """The csv of ``frame`` as UTF-8 pieces: the BOM and header first, then up to ``chunk_rows`` rows each.

    The header names the columns by ``headers`` (one per column), else by the frame's column names.

    The columns are cut into segments at the positions ``split_at``. Each segment's distinct
    value combinations are written once (fields quoted as the csv module does: when they hold
    a comma, a quote or a line break, with quotes doubled), then spread to the rows with a
    take, and a row is its segments joined by commas. Cut where the columns on each side take
    few combinations: for gap pairs, person columns then rating columns.
    """
    names = frame.columns if headers is None else headers
    if len(names) != len(frame.columns):
        raise ValueError(f"{len(names)} headers for {len(frame.columns)} columns")
    yield (BOM + ",".join(_quote(str(name)) for name in names) + "\r\n").encode("utf-8")
    bounds = [0, *split_at, len(frame.columns)]
    segments = []
    for first, last in itertools.pairwise(bounds):
        if last > first:
            segments.append(_segment_text(frame.iloc[:, first:last]))
    for start in range(0, len(frame), chunk_rows):
        line: Any = None
        for codes, text in segments:
            part = text[codes[start : start + chunk_rows]]
            line = part if line is None else line + "," + part
        if line is not None and len(line):
            yield ("\r\n".join(line.tolist()) + "\r\n").encode("utf-8")


def _segment_text(segment: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """A code per row for its combination of values, and each combination's csv text."""
    if not len(segment):
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=object)
    keys = list(range(len(segment.columns)))
    numbered = segment.set_axis(keys, axis=1)
    codes = numbered.groupby(keys, sort=False, dropna=False, observed=True).ngroup().to_numpy()
    _, first = np.unique(codes, return_index=True)
    unique_rows = segment.iloc[first].reset_index(drop=True)
    text: Any = None
    for col in unique_rows.columns:
        value_codes, values = pd.factorize(unique_rows[col], use_na_sentinel=True)
        shown = np.array([*(_quote(_plain(v)) for v in values), ""], dtype=object)[value_codes]
        text = shown if text is None else text + "," + shown
    return codes, np.asarray(text, dtype=object)


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
