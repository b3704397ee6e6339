"""Survey file in, tidy ratings table and validation report out.

Reads wide sheets (one row per person, one column per skill, as Google Forms and
Microsoft Forms export them) and long sheets (one row per person and skill), in
English or Indonesian. Everything it cannot use becomes an entry in the validation
report, with its place and what to do about it; nothing is dropped silently. The work
that grows with respondents is vectorised: answers are parsed once per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics import matching as m
from analytics import vocabulary as v
from analytics.files import SurveyError, read_tables
from analytics.framework import Framework
from analytics.text import normalise_label

__all__ = ["IngestOptions", "IngestResult", "Issue", "SurveyError", "read_survey", "tidy_survey"]

ERROR: Final = "error"
WARNING: Final = "warning"
INFO: Final = "info"
SEVERITIES: Final = (ERROR, WARNING, INFO)
WIDE: Final = "wide"
LONG: Final = "long"
HEADER_SEARCH_ROWS: Final = 10
EXAMPLE_ROWS: Final = 5
LISTED_DUPLICATES: Final = 20
NO_TEAM: Final = "No team given"
_ROUND_LIKE = re.compile(r"(19|20)\d{2}|\bq[1-4]\b|round|putaran|periode|wave|gelombang|semester", re.I)
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})[/.-]\d{1,2}[/.-]\d{2,4}")
_TIMEZONE_SUFFIX = re.compile(r"\s*(GMT|UTC)\s*[+-]?\d*(:\d+)?\s*$", re.I)
_IDENTITY_KINDS: Final = (c.NAME, c.EMAIL, c.TEAM, c.ROLE, c.RATER, c.ROUND, v.TIMESTAMP)
# Tidy columns that hold one value per response, spread to each of its answers.
_PER_RESPONSE: Final = (c.RESPONDENT_ID, c.NAME, c.EMAIL, c.TEAM, c.ROLE, c.ROLE_ID, c.ROUND)


@dataclass(frozen=True)
class Issue:
    """One finding of the validation report. ``row`` is the spreadsheet's own row number."""

    severity: str
    message: str
    action: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    count: int = 1


@dataclass(frozen=True)
class IngestOptions:
    """Corrections from the user, applied on top of what the reader recognises.

    ``columns`` maps a header to a skill id ("" to ignore the column); ``roles`` maps a
    role as written to a role id ("" for none). ``round_label`` and ``rater`` fill in
    where the file itself does not say.
    """

    columns: tuple[tuple[str, str], ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    round_label: str | None = None
    rater: str | None = None

    def __post_init__(self) -> None:
        if self.rater and self.rater not in c.RATERS:
            raise ValueError(f"rater must be one of {', '.join(c.RATERS)}, not {self.rater!r}")

    @classmethod
    def build(
        cls,
        columns: Mapping[str, str] | None = None,
        roles: Mapping[str, str] | None = None,
        round_label: str | None = None,
        rater: str | None = None,
    ) -> IngestOptions:
        return cls(
            tuple(sorted((columns or {}).items())),
            tuple(sorted((roles or {}).items())),
            round_label or None,
            rater or None,
        )


@dataclass(frozen=True)
class IngestResult:
    ratings: pd.DataFrame
    issues: tuple[Issue, ...]
    columns: pd.DataFrame
    roles: pd.DataFrame
    layout: str
    sheets: tuple[str, ...] = field(default=())

    @property
    def respondents(self) -> int:
        return int(self.ratings[c.RESPONDENT_ID].nunique())

    @property
    def usable(self) -> bool:
        """Whether at least one rating survived; when none did, the issues say why."""
        return bool(self.ratings[c.RATING].notna().any())

    @property
    def mapping(self) -> dict[str, str]:
        skills = self.columns[self.columns["kind"] == v.SKILL]
        return dict(zip(skills["column"], skills[c.SKILL_ID], strict=True))

    @property
    def unmatched_columns(self) -> list[str]:
        return list(self.columns.loc[self.columns["kind"] == v.UNMATCHED, "column"])

    def issue_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for issue in self.issues:
            counts[issue.severity] += 1
        return counts

    def issues_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [vars(i) for i in self.issues],
            columns=["severity", "sheet", "row", "column", "message", "action", "count"],
        ).astype({"row": "Int64"})


def read_survey(
    data: bytes, framework: Framework, filename: str = "", options: IngestOptions | None = None
) -> IngestResult:
    """Read an uploaded survey file; raise :class:`SurveyError` when it cannot be used at all."""
    return tidy_survey(read_tables(data, filename), framework, options)


@dataclass
class _Sheet:
    name: str
    index: int
    header_row: int
    headers: list[str]
    matches: list[m.HeaderMatch]
    body: np.ndarray
    layout: str = WIDE
    long_columns: tuple[int, int] | None = None

    @property
    def rows(self) -> np.ndarray:
        """Spreadsheet row numbers of the body, as the user sees them."""
        return np.arange(len(self.body)) + self.header_row + 2

    def column(self, kind: str) -> int | None:
        return next((i for i, x in enumerate(self.matches) if x.kind == kind), None)


@dataclass
class _Cells:
    """Answer cells as parallel arrays: which response, which skill, what was written.

    ``per_response`` is set when every response has that many cells, in response order (one
    wide sheet, none left out, the usual upload): a value per response then reaches its
    cells by a repeat, several times faster than a lookup per cell.
    """

    response: np.ndarray
    skill: np.ndarray
    value: np.ndarray
    column: np.ndarray
    rater: np.ndarray
    per_response: int | None = None
    _ARRAYS: ClassVar[tuple[str, ...]] = ("response", "skill", "value", "column", "rater")

    @classmethod
    def concat(cls, parts: list[_Cells]) -> _Cells:
        if len(parts) == 1:
            return parts[0]
        return cls._of(np.concatenate([getattr(p, f) for p in parts]) for f in cls._ARRAYS)

    def take(self, mask: np.ndarray) -> _Cells:
        if mask.all():
            return self
        return self._of(getattr(self, f)[mask] for f in self._ARRAYS)

    @classmethod
    def _of(cls, arrays: Iterable[np.ndarray]) -> _Cells:
        response, skill, value, column, rater = arrays
        return cls(response, skill, value, column, rater)

    def spread(self, per_response: np.ndarray) -> np.ndarray:
        """One value per response in, the value of each cell's response out."""
        if self.per_response is not None:
            return np.repeat(per_response, self.per_response)
        return per_response[self.response]

    def spread_categorical(self, per_response: pd.Categorical) -> pd.Categorical:
        return pd.Categorical.from_codes(
            self.spread(per_response.codes), dtype=per_response.dtype, validate=False
        )


@dataclass
class _Report:
    issues: list[Issue] = field(default_factory=list)

    def add(self, severity: str, message: str, action: str, **where: Any) -> None:
        self.issues.append(Issue(severity, message, action, **where))


def _rows_text(rows: np.ndarray | list[int]) -> str:
    shown = ", ".join(str(int(r)) for r in list(rows)[:EXAMPLE_ROWS])
    return shown + (", ..." if len(rows) > EXAMPLE_ROWS else "")


def tidy_survey(
    tables: Mapping[str, np.ndarray], framework: Framework, options: IngestOptions | None = None
) -> IngestResult:
    """Turn raw sheets (see :func:`analytics.files.read_tables`) into the tidy ratings table."""
    options = options or IngestOptions()
    matcher = m.matcher_for(framework)
    report = _Report()
    overrides = dict(options.columns)
    skill_codes = {s.id: i for i, s in enumerate(framework.skills)}
    sheets: list[_Sheet] = []
    reasons = []
    for name, grid in tables.items():
        sheet, reason = _recognise(name, len(sheets), grid, matcher, overrides)
        if sheet is None:
            reasons.append(reason)
            if len(tables) > 1:
                report.add(
                    INFO,
                    f"Sheet '{name}' was skipped: {reason}.",
                    "Nothing to do if it holds no survey answers.",
                    sheet=name,
                )
        else:
            sheets.append(sheet)
    if not sheets:
        raise SurveyError(_unusable_message(reasons, framework))

    several = len(sheets) > 1
    responses = pd.concat(
        [_responses(sheet, several, options, report) for sheet in sheets], ignore_index=True
    )
    _share_identity(responses, report)
    columns: list[tuple[str, str]] = []
    parts = []
    offset = 0
    for sheet in sheets:
        parts.append(_cells(sheet, offset, columns, matcher, skill_codes, report))
        offset += len(sheet.body)
    cells = _Cells.concat(parts)
    ratings, roles = _tidy(responses, cells, columns, matcher, framework, options, report)
    if ratings.empty and not any(i.severity == ERROR for i in report.issues):
        raise SurveyError(
            "The file has column headers but no answers yet. Upload it once people have responded."
        )
    layouts = {s.layout for s in sheets}
    return IngestResult(
        ratings=ratings,
        issues=tuple(sorted(report.issues, key=lambda i: SEVERITIES.index(i.severity))),
        columns=_column_table(sheets),
        roles=roles,
        layout=layouts.pop() if len(layouts) == 1 else "mixed",
        sheets=tuple(s.name for s in sheets),
    )


def _unusable_message(reasons: list[str], framework: Framework) -> str:
    if all(r == "it is empty" for r in reasons):
        return "The file has no data: every sheet is empty. Export the survey responses again."
    if not any(r.startswith("no column matched") for r in reasons):
        return (
            "No column with people's names or e-mail addresses was found (looked for headers such as "
            "Name, Nama, Email or Email address). Add a Name or Email column, and check that the "
            "column headers are in the first rows of the sheet."
        )
    return (
        f"No column matched a skill of the framework '{framework.name}'. Skill columns should name "
        "the skill, e.g. 'Rate your skills [Campaign planning]', or the sheet should have Skill and "
        "Rating columns. Download the template to see the expected headers, or add your headers as "
        "aliases in the framework."
    )


def _present(values: np.ndarray) -> np.ndarray:
    """Which cells of an object array hold something: not None, NaN or empty text."""
    return pd.notna(values) & (values != "")


def _blank(texts: pd.Series) -> np.ndarray:
    """Which entries of a text column are empty; numpy compares object text several times faster."""
    return texts.to_numpy() == ""


def _is_blank(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and np.isnan(value))


def _recognise(
    name: str, index: int, grid: np.ndarray, matcher: m.Matcher, overrides: Mapping[str, str]
) -> tuple[_Sheet | None, str]:
    """Find the header row and the layout of one sheet, or say why it is not survey data."""
    if grid.size == 0:
        return None, "it is empty"
    top = grid[:HEADER_SEARCH_ROWS]
    if all(_is_blank(x) for x in top.ravel()) and all(_is_blank(x) for x in grid[:, 0]):
        return None, "it is empty"
    best: tuple[int, int, list[str], list[m.HeaderMatch]] | None = None
    for position in range(len(top)):
        headers = [_header_text(x) for x in top[position]]
        if not any(headers):
            continue
        matches = [_match(h, matcher, overrides) for h in headers]
        if not {x.kind for x in matches} & {c.NAME, c.EMAIL}:
            continue
        score = sum(x.kind != v.UNMATCHED for x in matches)
        if best is None or score > best[1]:
            best = (position, score, headers, matches)
        if any(x.kind == v.SKILL for x in matches):
            break  # names and skills in one row: this is the header
    if best is None:
        return None, "no column with names or e-mail addresses"
    position, _, headers, matches = best
    sheet = _Sheet(name, index, position, headers, matches, grid[position + 1 :])
    if any(x.kind == v.SKILL for x in matches):
        return sheet, ""
    skill_col = _find_phrase(headers, matches, v.LONG_SKILL_PHRASES)
    rating_col = _find_phrase(headers, matches, v.LONG_RATING_PHRASES, exclude=skill_col)
    if skill_col is not None and rating_col is not None:
        sheet.layout, sheet.long_columns = LONG, (skill_col, rating_col)
        return sheet, ""
    return None, "no column matched a skill of the framework"


def _header_text(value: object) -> str:
    return "" if _is_blank(value) else str(value).strip()


def _match(header: str, matcher: m.Matcher, overrides: Mapping[str, str]) -> m.HeaderMatch:
    chosen = overrides.get(header)
    if chosen == "":
        return m.HeaderMatch(v.IGNORED)
    if chosen in matcher.skill_ids:
        return m.HeaderMatch(v.SKILL, chosen, m.rater_in(header))
    return matcher.classify_header(header)


def _find_phrase(
    headers: list[str], matches: list[m.HeaderMatch], phrases: tuple[str, ...], exclude: int | None = None
) -> int | None:
    for i, (header, match) in enumerate(zip(headers, matches, strict=True)):
        label = f" {normalise_label(header)} "
        if i != exclude and match.kind == v.UNMATCHED and any(f" {p} " in label for p in phrases):
            return i
    return None


def _text(values: np.ndarray, lower: bool = False) -> np.ndarray:
    """Cells as stripped text, blank for empty; worked out once per distinct value.

    str methods mapped over the distinct values run several times faster than a Python
    function called on each, which counts on a column of 20,000 e-mail addresses.
    Kept as object dtype: pandas' default string dtype would convert every column twice.
    """

    def stripped(uniques: np.ndarray) -> list[str]:
        texts = map(str.strip, map(str, uniques))
        return list(map(str.lower, texts) if lower else texts)

    return _convert_distinct(values, stripped, "")


def _per_distinct(
    values: np.ndarray | pd.Series, convert: Callable[[Any], Any], missing: Any, dtype: Any = object
) -> np.ndarray:
    """``convert`` of every value, called once per distinct value; ``missing`` for None/NaN."""
    return _convert_distinct(values, lambda uniques: [convert(u) for u in uniques], missing, dtype)


def _convert_distinct(
    values: np.ndarray | pd.Series,
    convert_all: Callable[[np.ndarray], list[Any]],
    missing: Any,
    dtype: Any = object,
) -> np.ndarray:
    """``convert_all`` of the distinct values, spread back to every value; ``missing`` for None/NaN."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    converted = np.empty(len(uniques) + 1, dtype=dtype)
    converted[:-1] = convert_all(uniques)
    converted[-1] = missing
    return converted[codes]


def _identity(sheet: _Sheet, kind: str, report: _Report) -> np.ndarray:
    found = [i for i, x in enumerate(sheet.matches) if x.kind == kind]
    for extra in found[1:]:
        report.add(
            WARNING,
            f"Column '{sheet.headers[extra]}' also looks like a {kind} column; the first one, "
            f"'{sheet.headers[found[0]]}', was used.",
            "Rename or remove the extra column if the wrong one was picked.",
            sheet=sheet.name,
            column=sheet.headers[extra],
        )
    if not found:
        return np.full(len(sheet.body), None, dtype=object)
    return sheet.body[:, found[0]]


def _responses(sheet: _Sheet, several: bool, options: IngestOptions, report: _Report) -> pd.DataFrame:
    """One row per sheet row: who answered, as whom, in which round."""
    raw = {kind: _identity(sheet, kind, report) for kind in _IDENTITY_KINDS}
    name, email, round_ = _text(raw[c.NAME]), _text(raw[c.EMAIL], lower=True), _text(raw[c.ROUND])
    respondent = email.copy()
    no_email = email == ""
    if no_email.any():
        respondent[no_email] = _per_distinct(name[no_email], normalise_label, "")
    no_name = name == ""
    if no_name.any():
        name = np.where(no_name, email, name)
    no_round = round_ == ""
    if no_round.any():
        default_round = _default_round(sheet, several, raw[v.TIMESTAMP], options)
        round_at = sheet.column(c.ROUND)
        unrounded = no_round & (respondent != "")
        if round_at is not None and unrounded.any():
            rows = sheet.rows[unrounded]
            report.add(
                WARNING,
                f"{len(rows)} response(s) have no survey round (rows {_rows_text(rows)}); they were "
                f"counted in round '{default_round}'.",
                "Fill in the round on those rows if they belong to another round.",
                sheet=sheet.name,
                row=int(rows[0]),
                column=sheet.headers[round_at],
                count=len(rows),
            )
        round_[no_round] = default_round
    default_rater = m.rater_in(sheet.name) or options.rater or c.SELF
    answers = _text(raw[c.RATER])
    rater = _per_distinct(answers, lambda a: m.rater_for(a) if a else default_rater, None)
    columns = {
        c.NAME: name,
        c.EMAIL: email,
        c.TEAM: _text(raw[c.TEAM]),
        c.ROLE: _text(raw[c.ROLE]),
        c.ROUND: round_,
        "rater_answer": answers,
        v.TIMESTAMP: raw[v.TIMESTAMP],
        c.RESPONDENT_ID: respondent,
        c.RATER: rater,
    }
    return pd.DataFrame(
        {
            "sheet": sheet.name,
            "sheet_index": sheet.index,
            "long": sheet.long_columns is not None,
            "role_header": sheet.headers[role_at] if (role_at := sheet.column(c.ROLE)) is not None else "",
            "team_header": sheet.headers[team_at] if (team_at := sheet.column(c.TEAM)) is not None else "",
            "row": sheet.rows,
            # Object dtype on purpose: see _text.
            **{key: pd.Series(values, dtype=object) for key, values in columns.items()},
        },
        copy=False,  # nothing else changes these arrays; copying them into one block was half the cost
    )


def _share_identity(responses: pd.DataFrame, report: _Report) -> None:
    """Complete a person's rows from their other rows, in place.

    A manager's sheet often names the person without their e-mail, team or role. Rows
    without an e-mail take the e-mail that the same name has elsewhere (when it has just
    one), and blank teams and roles take the person's team and role from the same round,
    else from any round, so manager ratings are measured against the right targets.
    """
    with_email = ~_blank(responses[c.EMAIL])
    no_email = ~with_email & ~_blank(responses[c.NAME])
    if no_email.any() and with_email.any():
        known = pd.DataFrame(
            {
                "key": _per_distinct(responses.loc[with_email, c.NAME], normalise_label, ""),
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
    named = ~_blank(person)
    for column in (c.TEAM, c.ROLE):
        blank = _blank(responses[column]) & named
        if not blank.any():
            continue
        given = responses[column].where(~_blank(responses[column]))
        same_round = given.groupby([person, responses[c.ROUND]]).transform("first")
        any_round = given.groupby(person).transform("first")
        filled = same_round.fillna(any_round)
        taken = blank & filled.notna()
        if taken.any():
            responses.loc[taken, column] = filled[taken]
            report.add(
                INFO,
                f"{int(taken.sum())} response(s) had no {column}; it was taken from the same person's "
                "other responses.",
                f"Nothing to do unless a person really changed {column}.",
                column=column,
                count=int(taken.sum()),
            )


def _default_round(sheet: _Sheet, several: bool, timestamps: np.ndarray, options: IngestOptions) -> str:
    if options.round_label:
        return options.round_label
    sheet_round = m.strip_rater_words(sheet.name)
    if sheet_round and (several or _ROUND_LIKE.search(sheet_round)):
        return sheet_round
    parsed = _timestamps(timestamps[:500]).dropna()
    if len(parsed):
        middle = parsed.sort_values().iloc[len(parsed) // 2]
        return f"{middle.year}-Q{middle.quarter}"
    return c.DEFAULT_ROUND


def _timestamps(values: np.ndarray) -> pd.Series:
    """Submission times as naive UTC datetimes, NaT where unreadable.

    Forms write local formats: Indonesian exports put the day first (20/08/2026), so a
    first number above 12 anywhere in the column switches the whole column to day-first.
    Spreadsheet date cells arrive as datetimes already and skip the reading of text.
    """
    series = pd.Series(values, dtype=object)
    present = _present(series.to_numpy())
    if not present.any():
        return pd.Series(pd.NaT, index=series.index, dtype="datetime64[us]")
    given = series[present]
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


def _cells(
    sheet: _Sheet,
    offset: int,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    skill_codes: Mapping[str, int],
    report: _Report,
) -> _Cells:
    """Answer cells of one sheet, tied to the global response index ``offset + row``."""
    n = len(sheet.body)
    responses = np.arange(offset, offset + n)
    if sheet.long_columns is not None:
        skill_at, rating_at = sheet.long_columns
        skill_text = _text(sheet.body[:, skill_at])
        skills = _per_distinct(
            skill_text, lambda s: skill_codes.get(matcher.skill_for(s) or "", -1), -1, np.int16
        )
        unknown = (skills < 0) & (skill_text != "")
        if unknown.any():
            rows = sheet.rows[unknown]
            names = ", ".join(f"'{s}'" for s in pd.unique(skill_text[unknown])[:5])
            report.add(
                ERROR,
                f"{int(unknown.sum())} row(s) name a skill that is not in the framework ({names}; rows "
                f"{_rows_text(rows)}); they were left out.",
                "Use the framework's skill names, or add these names as aliases in the framework.",
                sheet=sheet.name,
                row=int(rows[0]),
                column=sheet.headers[skill_at],
                count=int(unknown.sum()),
            )
        keep = skills >= 0
        columns.append((sheet.name, sheet.headers[rating_at]))
        return _Cells(
            responses[keep],
            skills[keep],
            sheet.body[keep, rating_at],
            np.full(int(keep.sum()), len(columns) - 1, dtype=np.int32),
            np.full(int(keep.sum()), -1, dtype=np.int8),
        )
    kept = _skill_columns(sheet, report)
    k = len(kept)
    first = len(columns)
    columns.extend((sheet.name, sheet.headers[i]) for i, _ in kept)
    raters = np.array([c.RATERS.index(x.rater) if x.rater else -1 for _, x in kept], dtype=np.int8)
    return _Cells(
        np.repeat(responses, k),
        np.tile(np.array([skill_codes[x.skill_id or ""] for _, x in kept], dtype=np.int16), n),
        # np.take copies object cells several times faster than indexing with a list.
        np.take(sheet.body, [i for i, _ in kept], axis=1).ravel(),
        np.tile(np.arange(first, first + k, dtype=np.int32), n),
        np.tile(raters, n),
        per_response=k if offset == 0 else None,
    )


def _skill_columns(sheet: _Sheet, report: _Report) -> list[tuple[int, m.HeaderMatch]]:
    """Skill columns of a wide sheet; a second column for the same skill and rater is reported."""
    seen: dict[tuple[str | None, str | None], int] = {}
    kept = []
    for i, match in enumerate(sheet.matches):
        if match.kind == v.SKILL:
            key = (match.skill_id, match.rater)
            if key in seen:
                report.add(
                    WARNING,
                    f"Columns '{sheet.headers[seen[key]]}' and '{sheet.headers[i]}' both rate the skill "
                    f"'{match.skill_id}'; the second one was not used.",
                    "Map one of them to another skill in the column mapping, or remove it.",
                    sheet=sheet.name,
                    column=sheet.headers[i],
                )
            else:
                seen[key] = i
                kept.append((i, match))
        elif match.kind == v.UNMATCHED and sheet.headers[i]:
            answered = int(_present(sheet.body[:, i]).sum())
            report.add(
                WARNING,
                f"Column '{sheet.headers[i]}' did not match any skill or known column; its {answered} "
                "answer(s) were not used.",
                "Pick the skill it measures in the column mapping, or add the header as an alias in the framework.",
                sheet=sheet.name,
                column=sheet.headers[i],
                count=answered,
            )
    return kept


def _tidy(
    responses: pd.DataFrame,
    cells: _Cells,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    framework: Framework,
    options: IngestOptions,
    report: _Report,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    values, status = _parse_values(cells.value, matcher)
    valid = _valid_responses(responses, cells, status, report)
    in_valid = cells.spread(valid)
    _report_bad_values(cells, status, in_valid, responses, columns, matcher, report)
    _report_missing(status[in_valid], report)
    keep = in_valid & (status <= m.BLANK)  # ok, not applicable or blank: all kept as ratings or NaN
    cells, values = cells.take(keep), values[keep]
    responses[c.ROLE_ID] = _match_roles(responses, valid, matcher, framework, options, report)
    _report_teams(responses, valid, report)
    response_rater = _per_distinct(responses[c.RATER], c.RATERS.index, -1, np.int8)
    rater = np.where(cells.rater >= 0, cells.rater, cells.spread(response_rater))
    at = cells.response
    responses[c.TEAM] = responses[c.TEAM].where(~_blank(responses[c.TEAM]), NO_TEAM)
    coded = {column: _coded(responses[column]) for column in _PER_RESPONSE if column != c.EMAIL}
    # The e-mail is the respondent id wherever there is one: when that is every row, so are its codes.
    email = responses[c.EMAIL].to_numpy()
    same = np.array_equal(email, responses[c.RESPONDENT_ID].to_numpy())
    coded[c.EMAIL] = coded[c.RESPONDENT_ID] if same else _coded(responses[c.EMAIL])
    spread = {column: cells.spread_categorical(coded[column]) for column in _PER_RESPONSE}
    tidy = pd.DataFrame(
        {
            c.RESPONDENT_ID: spread[c.RESPONDENT_ID],
            c.NAME: spread[c.NAME],
            c.EMAIL: spread[c.EMAIL],
            c.TEAM: spread[c.TEAM],
            c.ROLE: spread[c.ROLE],
            c.ROLE_ID: spread[c.ROLE_ID],
            # Both sets of codes were made here from these very lists: checking them again is waste.
            c.SKILL_ID: pd.Categorical.from_codes(
                cells.skill, categories=[s.id for s in framework.skills], validate=False
            ),
            c.RATER: pd.Categorical.from_codes(rater, categories=list(c.RATERS), validate=False),
            c.RATING: values,
            c.ROUND: spread[c.ROUND],
        },
        copy=False,  # every column was just built here; copying 500,000 rows again buys nothing
    )
    person, round_ = coded[c.RESPONDENT_ID], coded[c.ROUND]
    sizes = (len(person.categories), len(c.RATERS), len(round_.categories))
    response_key = k.mixed_key(*zip((person.codes, response_rater, round_.codes), sizes, strict=True))
    repeated_responses = k.duplicated(np.where(valid, response_key, -1), k.key_space(*sizes)).any()
    could_repeat = bool(repeated_responses or (cells.rater >= 0).any() or (responses["long"].any()))
    tidy = _drop_duplicates(tidy, responses, at, could_repeat, report)
    return tidy, _role_table(coded[c.ROLE], coded[c.ROLE_ID], person, valid)


def _coded(series: pd.Series) -> pd.Categorical:
    """A per-response column as a categorical: hashed once, then spread to the cells by its codes."""
    codes, uniques = series.factorize(use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(uniques), validate=False)


def _parse_values(raw: np.ndarray, matcher: m.Matcher) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = [matcher.parse_rating(u) for u in uniques] + [(np.nan, m.BLANK)]
    values = np.array([p[0] for p in parsed], dtype=float)
    statuses = np.array([p[1] for p in parsed], dtype=np.int8)
    return values[codes], statuses[codes]


def _valid_responses(
    responses: pd.DataFrame, cells: _Cells, status: np.ndarray, report: _Report
) -> np.ndarray:
    """Rows that say who answered and as whom; empty rows are passed over, others reported."""
    anonymous = _blank(responses[c.RESPONDENT_ID])
    unnamed = anonymous.copy()
    if anonymous.any():
        answered = np.bincount(cells.response[status != m.BLANK], minlength=len(responses)) > 0
        written = np.logical_or.reduce([~_blank(responses[col]) for col in (c.NAME, c.EMAIL, c.TEAM, c.ROLE)])
        unnamed &= answered | written
    for sheet, group in _by_sheet(responses, unnamed):
        rows = group["row"].to_numpy()
        report.add(
            ERROR,
            f"{len(rows)} row(s) have answers but no name or e-mail (rows {_rows_text(rows)}); they were left out.",
            "Fill in the name or e-mail on those rows and upload the file again.",
            sheet=str(sheet),
            row=int(rows[0]),
            count=len(rows),
        )
    no_rater = ~anonymous & responses[c.RATER].isna().to_numpy()
    for sheet, group in _by_sheet(responses, no_rater):
        rows = group["row"].to_numpy()
        said = ", ".join(f"'{a}'" for a in group["rater_answer"].unique()[:3])
        report.add(
            ERROR,
            f"{len(rows)} row(s) name a rater the reader does not know ({said}; rows {_rows_text(rows)}); "
            "they were left out.",
            "Write self, manager or peer (or Diri sendiri, Atasan, Rekan) in the rater column.",
            sheet=str(sheet),
            row=int(rows[0]),
            count=len(rows),
        )
    return ~anonymous & ~no_rater


def _by_sheet(responses: pd.DataFrame, rows: np.ndarray) -> Iterable[tuple[object, pd.DataFrame]]:
    """The chosen responses, sheet by sheet; nothing to group when none is chosen, the usual case."""
    return responses[rows].groupby("sheet", sort=False) if rows.any() else ()


def _report_bad_values(
    cells: _Cells,
    status: np.ndarray,
    in_valid: np.ndarray,
    responses: pd.DataFrame,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    report: _Report,
) -> None:
    bad = (status >= m.OUT_OF_RANGE) & in_valid
    if not bad.any():
        return
    found = pd.DataFrame(
        {
            "column": cells.column[bad],
            "status": status[bad],
            "row": responses["row"].to_numpy()[cells.response[bad]],
            "value": cells.value[bad],
        }
    )
    scale = f"{matcher.scale_min} to {matcher.scale_max}"
    for (column, kind), group in found.groupby(["column", "status"], sort=True):
        sheet, header = columns[int(column)]
        examples = ", ".join(f"'{_shown(x)}'" for x in pd.unique(group["value"])[:3])
        what = (
            f"outside the scale {scale}" if kind == m.OUT_OF_RANGE else "not ratings the reader understands"
        )
        report.add(
            ERROR,
            f"{len(group)} answer(s) in '{header}' are {what} ({examples}; rows "
            f"{_rows_text(group['row'].to_numpy())}); they were left out.",
            f"Use a number from {scale}, a level name such as Beginner or Menengah, or N/A.",
            sheet=sheet,
            row=int(group["row"].iloc[0]),
            column=header,
            count=len(group),
        )


def _shown(value: object) -> str:
    """A cell as the user typed it: 9 rather than the 9.0 a spreadsheet stores."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _report_missing(status: np.ndarray, report: _Report) -> None:
    for kind, meaning in ((m.NOT_APPLICABLE, "marked not applicable"), (m.BLANK, "left blank")):
        count = int((status == kind).sum())
        if count:
            report.add(
                INFO,
                f"{count} answer(s) were {meaning}; they are left out of every mean and share.",
                "Nothing to do unless they should have been rated.",
                count=count,
            )


def _match_roles(
    responses: pd.DataFrame,
    valid: np.ndarray,
    matcher: m.Matcher,
    framework: Framework,
    options: IngestOptions,
    report: _Report,
) -> pd.Series:
    overrides = dict(options.roles)
    known = {r.id for r in framework.roles}

    def role_of(text: str) -> str | None:
        if text in overrides:
            return overrides[text] if overrides[text] in known else None
        return matcher.role_for(text)

    role_ids = pd.Series(_per_distinct(responses[c.ROLE], role_of, None), dtype=object)
    missing = role_ids.isna().to_numpy() & valid
    if missing.any():
        unknown = responses[missing]
        for text, group in unknown.groupby(c.ROLE, sort=True):
            people = group[c.RESPONDENT_ID].nunique()
            if text:
                message = (
                    f"Role '{text}' ({people} person(s)) is not a role of the framework; "
                    "their gaps cannot be measured."
                )
                action = "Pick the matching role in the role mapping, or add it as an alias in the framework."
            else:
                message = f"{people} person(s) have no role; their gaps cannot be measured."
                action = "Fill in the role column, or set the role in the role mapping."
            report.add(
                WARNING,
                message,
                action,
                sheet=str(group["sheet"].iloc[0]),
                row=int(group["row"].iloc[0]),
                column=str(group["role_header"].iloc[0]),
                count=int(people),
            )
    return role_ids


def _report_teams(responses: pd.DataFrame, valid: np.ndarray, report: _Report) -> None:
    no_team = _blank(responses[c.TEAM]) & valid
    if no_team.any():
        report.add(
            WARNING,
            f"{int(no_team.sum())} response(s) have no team; they are shown as '{NO_TEAM}'.",
            "Fill in the team column if team figures matter.",
            sheet=str(responses.loc[no_team, "sheet"].iloc[0]),
            row=int(responses.loc[no_team, "row"].iloc[0]),
            column=str(responses.loc[no_team, "team_header"].iloc[0]),
            count=int(no_team.sum()),
        )


def _drop_duplicates(
    tidy: pd.DataFrame, responses: pd.DataFrame, at: np.ndarray, could_repeat: bool, report: _Report
) -> pd.DataFrame:
    """Keep the latest answer per person, skill, rater and round; report the people concerned.

    ``could_repeat`` is false when no two responses share a person, rater and round and
    every cell takes its rater from its response: then no answer can repeat, and the
    check over every cell is skipped.
    """
    if not could_repeat:
        return tidy
    key = k.mixed_key(
        *(
            (tidy[n].cat.codes.to_numpy(), len(tidy[n].cat.categories))
            for n in (c.RESPONDENT_ID, c.SKILL_ID, c.RATER, c.ROUND)
        )
    )
    duplicated = pd.Series(key).duplicated(keep=False).to_numpy()
    if not duplicated.any():
        return tidy
    when = _timestamps(responses[v.TIMESTAMP].to_numpy()).to_numpy().view(np.int64)[at]
    order = responses["sheet_index"].to_numpy()[at] * 10_000_000 + responses["row"].to_numpy()[at]
    ranking = np.lexsort((order, when))
    drop = ranking[pd.Series(key[ranking]).duplicated(keep="last").to_numpy()]
    places = pd.DataFrame(
        {
            "id": tidy[c.RESPONDENT_ID].to_numpy()[duplicated],
            "person": tidy[c.NAME].to_numpy()[duplicated],
            "sheet": responses["sheet"].to_numpy()[at][duplicated],
            "row": responses["row"].to_numpy()[at][duplicated],
        }
    ).drop_duplicates()
    people = places.groupby("id", sort=False)
    for listed, (_, group) in enumerate(people):
        if listed == LISTED_DUPLICATES:
            report.add(
                WARNING,
                f"... and {people.ngroups - LISTED_DUPLICATES} more people answered more than once.",
                "Check the survey for repeated submissions.",
                count=people.ngroups - LISTED_DUPLICATES,
            )
            break
        report.add(
            WARNING,
            f"{group['person'].iloc[0]} answered more than once for the same round and rater "
            f"(rows {_rows_text(group['row'].to_numpy())}); for each skill the latest answer "
            "(by timestamp, otherwise the one furthest down the sheet) was kept and the others left out.",
            "Remove the repeated submission if an earlier one was the right one.",
            sheet=str(group["sheet"].iloc[0]),
            row=int(group["row"].iloc[0]),
            count=len(group),
        )
    return tidy.drop(index=tidy.index[drop]).reset_index(drop=True)


def _column_table(sheets: list[_Sheet]) -> pd.DataFrame:
    rows = []
    for sheet in sheets:
        for i, (header, match) in enumerate(zip(sheet.headers, sheet.matches, strict=True)):
            if not header:
                continue
            kind = match.kind
            if sheet.long_columns is not None and i in sheet.long_columns:
                kind = "long skill" if i == sheet.long_columns[0] else "long rating"
            rows.append((sheet.name, header, kind, match.skill_id or "", match.rater or ""))
    return pd.DataFrame(rows, columns=["sheet", "column", "kind", c.SKILL_ID, c.RATER])


def _role_table(
    role: pd.Categorical, role_id: pd.Categorical, person: pd.Categorical, valid: np.ndarray
) -> pd.DataFrame:
    """Each role as written, the framework role it was matched to, and how many people."""
    parts = (role, role_id, person)
    sizes = tuple(len(part.categories) for part in parts)
    pair = k.mixed_key(*zip((role.codes, role_id.codes), sizes[:2], strict=True), wide=True)
    person_key = k.mixed_key(*zip((part.codes for part in parts), sizes, strict=True))
    # A person counts once per (role, role id): only their first valid response is counted.
    first = valid & ~k.duplicated(np.where(valid, person_key, -1), k.key_space(*sizes))
    people = np.bincount(pair[first], minlength=k.key_space(*sizes[:2]))
    found = np.flatnonzero(people)
    role_at, id_at = k.split_key(found, sizes[:2])
    written = k.take_or(role.categories.to_numpy(dtype=object), role_at, "")
    matched = k.take_or(role_id.categories.to_numpy(dtype=object), id_at, "")
    # A handful of rows: sorting the arrays costs far less than sorting a DataFrame.
    order = np.lexsort((matched, written))
    return pd.DataFrame({c.ROLE: written[order], c.ROLE_ID: matched[order], "people": people[found][order]})
