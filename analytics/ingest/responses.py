"""Recognised sheets in, one row per response out: who answered, as whom, in which round.

A response is what one sheet row says about its person; the skills it rates come later
(see :mod:`analytics.ingest.cells`). Identity is settled here, once per row rather than
once per answer, and completed across rows because a manager's sheet often names a
person without the e-mail, team or role their own answers carry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import matching as m
from analytics import vocabulary as v
from analytics.i18n import _
from analytics.ingest import messages as msg
from analytics.ingest.model import IngestOptions, Issue
from analytics.ingest.sheets import Sheet
from analytics.ingest.values import as_text, blank, per_distinct, present
from analytics.text import normalise_label

_ROUND_LIKE = re.compile(r"(19|20)\d{2}|\bq[1-4]\b|round|putaran|periode|wave|gelombang|semester", re.I)
_ROUND_NAME = re.compile(
    r"(?:19|20)\d{2}\s*[-_ /]?\s*(?:q[1-4]|h[12]|s[12]|semester\s*[12])\b"
    r"|\b(?:q[1-4]|h[12])\s*[-_ /]?\s*(?:19|20)\d{2}"
    r"|\b(?:round|putaran|periode|wave|gelombang)\s*[-_ ]?\s*\d+\b",
    re.I,
)
_RATING_WORDS = re.compile(r"\b(?:ratings?|rated|penilaian|nilai|assessments?|asesmen|reviews?|feedback)\b")
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.-]\d{1,2}[/.-]\d{2,4}")
_TIMEZONE_SUFFIX = re.compile(r"\s*(GMT|UTC)\s*[+-]?\d*(:\d+)?\s*$", re.I)
# Submissions read to tell a sheet's quarter, and how far apart sheets may be answered and
# still be one survey.
ROUND_SAMPLE_ROWS: Final = 500
SAME_SURVEY_DAYS: Final = 45
_IDENTITY_KINDS: Final = (c.NAME, c.EMAIL, c.TEAM, c.ROLE, c.RATER, c.ROUND, v.TIMESTAMP)


def responses_of(
    sheet: Sheet, default_round: str, options: IngestOptions, report: list[Issue]
) -> pd.DataFrame:
    """One row per sheet row: who answered, as whom, in which round (``default_round`` where it does not say)."""
    raw = {kind: _identity(sheet, kind, report) for kind in _IDENTITY_KINDS}
    name, email, round_ = as_text(raw[c.NAME]), as_text(raw[c.EMAIL], lower=True), as_text(raw[c.ROUND])
    respondent = email.copy()
    no_email = email == ""
    if no_email.any():
        respondent[no_email] = per_distinct(name[no_email], normalise_label, "")
    no_name = name == ""
    if no_name.any():
        name = np.where(no_name, email, name)
    no_round = round_ == ""
    if no_round.any():
        round_at = sheet.column(c.ROUND)
        unrounded = no_round & (respondent != "")
        if round_at is not None and unrounded.any():
            report.append(
                msg.no_round(sheet.name, sheet.headers[round_at], sheet.rows[unrounded], default_round)
            )
        round_[no_round] = default_round
    from_file = rater_of_file(sheet.file) if sheet.file else None
    if from_file and not m.rater_in(sheet.own_name) and not options.rater:
        report.append(msg.rater_from_file_name(sheet.name, from_file))
    default_rater = m.rater_in(sheet.own_name) or options.rater or from_file or c.SELF
    answers = as_text(raw[c.RATER])
    rater = per_distinct(answers, lambda a: m.rater_for(a) if a else default_rater, None)
    columns = {
        c.NAME: name,
        c.EMAIL: email,
        c.TEAM: as_text(raw[c.TEAM]),
        c.ROLE: as_text(raw[c.ROLE]),
        c.ROUND: round_,
        "rater_answer": answers,
        v.TIMESTAMP: raw[v.TIMESTAMP],
        c.RESPONDENT_ID: respondent,
        c.RATER: rater,
    }
    return pd.DataFrame(
        {
            "sheet": sheet.name,
            "file": sheet.file,
            "sheet_index": sheet.index,
            "long": sheet.long_columns is not None,
            "role_header": sheet.headers[role_at] if (role_at := sheet.column(c.ROLE)) is not None else "",
            "team_header": sheet.headers[team_at] if (team_at := sheet.column(c.TEAM)) is not None else "",
            "row": sheet.rows,
            # Object dtype on purpose: see as_text.
            **{key: pd.Series(values, dtype=object) for key, values in columns.items()},
        },
        copy=False,  # nothing else changes these arrays; copying them into one block was half the cost
    )


def _identity(sheet: Sheet, kind: str, report: list[Issue]) -> np.ndarray:
    """A kind's first column is used; a second is reported, not merged, as it may be the wrong one."""
    found = [i for i, x in enumerate(sheet.matches) if x.kind == kind]
    for extra in found[1:]:
        report.append(
            msg.extra_identity_column(sheet.name, kind, sheet.headers[extra], sheet.headers[found[0]])
        )
    if not found:
        return np.full(len(sheet.body), None, dtype=object)
    return sheet.body[:, found[0]]


def share_identity(responses: pd.DataFrame, report: list[Issue]) -> None:
    """Complete a person's rows from their other rows, in place.

    A manager's sheet often names the person without their e-mail, team or role. Rows
    without an e-mail take the e-mail that the same name has elsewhere (when it has just
    one), and blank teams and roles take the person's team and role from the same round,
    else from any round, so manager ratings are measured against the right targets.
    """
    with_email = ~blank(responses[c.EMAIL])
    no_email = ~with_email & ~blank(responses[c.NAME])
    if no_email.any() and with_email.any():
        known = pd.DataFrame(
            {
                "key": per_distinct(responses.loc[with_email, c.NAME], normalise_label, ""),
                "email": responses.loc[with_email, c.EMAIL].to_numpy(),
            }
        ).drop_duplicates()
        single = known[~known["key"].duplicated(keep=False)].set_index("key")["email"]
        found = responses.loc[no_email, c.RESPONDENT_ID].map(single)
        matched = found.notna()
        if matched.any():
            at = found.index[matched]
            responses.loc[at, c.RESPONDENT_ID] = found[matched]
            responses.loc[at, c.EMAIL] = found[matched]
    person = responses[c.RESPONDENT_ID]
    named = ~blank(person)
    for column in (c.TEAM, c.ROLE):
        missing = blank(responses[column]) & named
        if not missing.any():
            continue
        given = responses[column].where(~blank(responses[column]))
        same_round = given.groupby([person, responses[c.ROUND]]).transform("first")
        any_round = given.groupby(person).transform("first")
        filled = same_round.fillna(any_round)
        taken = missing & filled.notna()
        if taken.any():
            responses.loc[taken, column] = filled[taken]
            report.append(msg.identity_shared(column, int(taken.sum())))


def default_rounds(sheets: Sequence[Sheet], options: IngestOptions) -> list[str]:
    """The round of each sheet's rows that do not say: the user's, else the sheet name's, else the
    quarter of the submissions.

    A lone sheet's name counts only when it looks like a round: "Form responses 1" is not one.
    Sheets are grouped by when they were answered: sorted by their middle submission, a new
    group starts after a gap of more than :data:`SAME_SURVEY_DAYS` (a team's file sent in late
    March and another's in early April are one survey; September's is the next). Each group
    takes the quarter of all its submissions, one per response. A sheet without submission
    times joins the group when there is only one, so one survey stays one round.
    """
    if options.round_label:
        return [options.round_label] * len(sheets)
    named = [_named_round(sheet) for sheet in sheets]
    times = [
        pd.Series(dtype="datetime64[us]") if name else _submission_times(sheet)
        for sheet, name in zip(sheets, named, strict=True)
    ]
    dated = sorted((t.iloc[len(t) // 2], at) for at, t in enumerate(times) if len(t))
    groups: list[list[int]] = []
    last = None
    for middle, at in dated:
        if last is None or middle - last > pd.Timedelta(days=SAME_SURVEY_DAYS):
            groups.append([])
        groups[-1].append(at)
        last = middle
    quarter_of: dict[int, str] = {}
    for group in groups:
        every = pd.concat([times[at] for at in group]).sort_values()
        middle = every.iloc[len(every) // 2]
        quarter_of.update(dict.fromkeys(group, f"{middle.year}-Q{middle.quarter}"))
    alone = quarter_of[groups[0][0]] if len(groups) == 1 else _(c.DEFAULT_ROUND)
    return [name or quarter_of.get(at, alone) for at, name in enumerate(named)]


def _named_round(sheet: Sheet) -> str:
    sheet_round = m.strip_rater_words(sheet.own_name)
    return sheet_round if sheet_round and (sheet.has_siblings or _ROUND_LIKE.search(sheet_round)) else ""


def _submission_times(sheet: Sheet) -> pd.Series:
    """The first submission times of a sheet, each once, sorted: enough to tell its quarter.

    Once each, because a long sheet repeats its submission time on every row of a response.
    """
    at = sheet.column(v.TIMESTAMP)
    if at is None:
        return pd.Series(dtype="datetime64[us]")
    times = timestamps_of(sheet.body[:ROUND_SAMPLE_ROWS, at]).dropna()
    return times.drop_duplicates().sort_values().reset_index(drop=True)


def names_a_round(text: str) -> bool:
    """Whether a file's name is a round's label ("2025-Q4", "Q1 2026", "Round 2"), not just a name
    with a year in it: only then does a csv among several files give its round."""
    return bool(_ROUND_NAME.search(m.strip_rater_words(text)))


def rater_of_file(name: str) -> str | None:
    """The rater a file's name clearly says: rater words with a word for ratings ("manager
    ratings.csv", "penilaian atasan.xlsx"), or nothing but rater words ("atasan.csv"). A team or
    a role in a name ("Lead generation", "Head office") says nothing about who rated."""
    stem = normalise_label(name.rsplit(".", 1)[0])
    rater = m.rater_in(stem)
    if rater is None:
        return None
    rest = m.strip_rater_words(stem)
    return rater if not rest or _RATING_WORDS.search(stem) else None


def timestamps_of(values: np.ndarray) -> pd.Series:
    """Submission times as naive UTC datetimes, NaT where unreadable.

    Forms write local formats: Indonesian exports put the day first (20/08/2026), so a
    first number above 12 anywhere in the column switches the whole column to day-first.
    Spreadsheet date cells arrive as datetimes already and skip the reading of text.
    """
    series = pd.Series(values, dtype=object)
    given_at = present(series.to_numpy())
    if not given_at.any():
        return pd.Series(pd.NaT, index=series.index, dtype="datetime64[us]")
    given = series[given_at]
    dayfirst = False
    if pd.api.types.infer_dtype(given, skipna=False) != "datetime":
        given = given.astype(str).str.replace(_TIMEZONE_SUFFIX, "", regex=True)
        first = pd.to_numeric(given.str.extract(_SLASH_DATE, expand=False), errors="coerce")
        dayfirst = bool((first > 12).any())
    try:
        parsed = pd.to_datetime(given, errors="coerce", format="mixed", dayfirst=dayfirst, utc=True)
        parsed = parsed.dt.tz_localize(None).astype("datetime64[us]")
    except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
        return pd.Series(pd.NaT, index=series.index, dtype="datetime64[us]")
    return parsed.reindex(series.index)
