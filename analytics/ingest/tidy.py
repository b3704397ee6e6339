"""Raw sheets in, the tidy ratings table with its column and role tables and report out.

This is the one place that knows the order of the work: recognise the sheets, read the
responses, complete identities, flatten the answer cells, parse them once per distinct
value, run the checks, then spread each response's identity to its cells by integer
codes. The steps themselves live in the modules they are named after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics import matching as m
from analytics.files import SurveyError, SurveyFile, is_workbook, read_tables
from analytics.framework import Framework
from analytics.i18n import _
from analytics.ingest import checks
from analytics.ingest import messages as msg
from analytics.ingest.cells import Cells, cells_of
from analytics.ingest.model import ERROR, NO_TEAM, SEVERITIES, IngestOptions, IngestResult, Issue
from analytics.ingest.responses import default_rounds, names_a_round, responses_of, share_identity
from analytics.ingest.sheets import Sheet, recognise
from analytics.ingest.values import blank, per_distinct, present
from analytics.progress import Progress

# Tidy columns that hold one value per response, spread to each of its answers.
_PER_RESPONSE: Final = (c.RESPONDENT_ID, c.NAME, c.EMAIL, c.TEAM, c.ROLE, c.ROLE_ID, c.ROUND)


@dataclass(frozen=True)
class _Part:
    """One raw sheet to read: how the report names it, its own name, the file it came from."""

    label: str
    own_name: str
    file: str
    grid: np.ndarray


def read_survey(
    data: bytes,
    framework: Framework,
    filename: str = "",
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Read an uploaded survey file; raise :class:`SurveyError` when it cannot be used at all.

    ``progress`` hears the steps: parsing a 20,000-person workbook alone takes seconds.
    """
    told = progress or _quiet
    told(0.0, _(msg.READING_FILE))
    return tidy_survey(read_tables(data, filename), framework, options, progress)


def tidy_survey(
    tables: Mapping[str, np.ndarray],
    framework: Framework,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Turn raw sheets (see :func:`analytics.files.read_tables`) into the tidy ratings table."""
    parts = [_Part(name, name, "", grid) for name, grid in tables.items()]
    return _read(parts, framework, options or IngestOptions(), [], files=(), progress=progress or _quiet)


def _quiet(share: float, step: str) -> None:
    """Nobody listening (the command line, a test)."""


# The share of the reading done when the sheets are parsed, then at each later step: parsing
# takes about half of it (measured on a 20,000-person workbook), the checks the rest.
_PARSED, _MATCHED, _PEOPLE_CHECKED = 0.45, 0.55, 0.8


def read_files(
    files: Sequence[SurveyFile],
    framework: Framework,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Several files read as one survey (one per team, one per person), or a single file as itself.

    The report names each file (its sheets as "file / sheet"), says what each file held,
    and where files ask about different skills. A file that cannot be read is an error in
    the report, not the end of the others; :class:`SurveyError` comes only when no file
    holds usable answers.
    """
    if len(files) == 1:
        return read_survey(files[0].data, framework, files[0].name, options, progress)
    told = progress or _quiet
    report: list[Issue] = []
    parts: list[_Part] = []
    unreadable: list[tuple[str, str]] = []
    first_of: dict[str, str] = {}
    named = _unique_names([f.name for f in files])
    for at, (file, name) in enumerate(zip(files, named, strict=True)):
        told(_PARSED * at / len(files), _(msg.READING_FILE_OF).format(n=at + 1, count=len(files), file=name))
        if file.data and file.digest in first_of:
            report.append(msg.same_file_twice(name, first_of[file.digest]))
            continue
        first_of[file.digest if file.data else name] = name
        try:
            tables = read_tables(file.data, name)
        except SurveyError as exc:
            unreadable.append((name, str(exc)))
            report.append(msg.file_unreadable(name, str(exc)))
            continue
        for sheet, grid in tables.items():
            label = f"{name}{FILE_SEPARATOR}{sheet}" if len(tables) > 1 else name
            # A csv's "sheet" is only its file's name: it gives the round only when it is a round's label.
            own = sheet if is_workbook(file.data) or names_a_round(sheet) else ""
            parts.append(_Part(label, own, name, grid))
    return _read(
        parts, framework, options or IngestOptions(), report, tuple(first_of.values()), unreadable, told
    )


def _unique_names(names: Sequence[str]) -> list[str]:
    """File names told apart: a second "responses.csv" becomes "responses (2).csv", as browsers do."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        if seen[name] == 1:
            out.append(name)
            continue
        stem, dot, suffix = name.rpartition(".")
        out.append(f"{stem} ({seen[name]}).{suffix}" if dot else f"{name} ({seen[name]})")
    return out


# Between a file's name and its sheet's in the report: Excel allows no "/" in a sheet name.
FILE_SEPARATOR: Final = " / "


def _read(
    parts: Sequence[_Part],
    framework: Framework,
    options: IngestOptions,
    report: list[Issue],
    files: tuple[str, ...],
    unreadable: Sequence[tuple[str, str]] = (),
    progress: Progress = _quiet,
) -> IngestResult:
    """The reading of every sheet together; ``files`` names the files when several were uploaded."""
    progress(_PARSED, _(msg.MATCHING_QUESTIONS))
    matcher = m.matcher_for(framework)
    overrides = dict(options.columns)
    for header, skill_id in options.columns:
        if skill_id and skill_id not in matcher.skill_ids:
            report.append(msg.stale_mapping(header, skill_id))
    skill_codes = {s.id: i for i, s in enumerate(framework.skills)}
    sheets: list[Sheet] = []
    skipped: list[tuple[_Part, str]] = []
    for part in parts:
        sheet, reason = recognise(part.label, len(sheets), part.grid, matcher, overrides)
        if sheet is None:
            skipped.append((part, reason))
            continue
        sheet.own_name, sheet.file = part.own_name, part.file
        sheets.append(sheet)
    per_file = Counter(s.file for s in sheets)
    for sheet in sheets:
        sheet.has_siblings = per_file[sheet.file] > 1
    _report_skipped(skipped, per_file, len(parts), bool(files), report)
    if not sheets:
        if files:
            reasons = {p.file: _why(r for q, r in skipped if q.file == p.file) for p, _ in skipped}
            raise SurveyError(msg.no_file_usable([*unreadable, *reasons.items()]))
        raise SurveyError(_unusable_message([r for _, r in skipped], framework))

    progress(_MATCHED, _(msg.CHECKING_PEOPLE))
    rounds = default_rounds(sheets, options)
    responses = pd.concat(
        [responses_of(sheet, round_, options, report) for sheet, round_ in zip(sheets, rounds, strict=True)],
        ignore_index=True,
    )
    share_identity(responses, report)
    progress(_PEOPLE_CHECKED, _(msg.CHECKING_RATINGS))
    columns: list[tuple[str, str]] = []
    parts_of_cells = []
    offset = 0
    for sheet in sheets:
        parts_of_cells.append(cells_of(sheet, offset, columns, matcher, skill_codes, report, overrides))
        offset += len(sheet.body)
    cells = Cells.concat(parts_of_cells)
    ratings, roles, valid = _tidy(responses, cells, columns, matcher, framework, options, report)
    # Errors about the answers say why none were kept; a file that could not be read does not.
    unread = {name for name, _ in unreadable}
    if ratings.empty and not any(i.severity == ERROR and i.sheet not in unread for i in report):
        raise SurveyError(msg.no_answers(several=bool(files)))
    if files:
        _report_files(sheets, responses, valid, cells, framework, report)
    layouts = {s.layout for s in sheets}
    return IngestResult(
        ratings=ratings,
        issues=tuple(sorted(report, key=lambda i: SEVERITIES.index(i.severity))),
        columns=_column_table(sheets),
        roles=roles,
        layout=layouts.pop() if len(layouts) == 1 else "mixed",
        sheets=tuple(s.name for s in sheets),
        files=files,
        files_left_out=tuple(f for f in files if f not in {s.file for s in sheets}),
    )


def _report_skipped(
    skipped: Sequence[tuple[_Part, str]],
    used: Mapping[str, int],
    parts: int,
    files: bool,
    report: list[Issue],
) -> None:
    """A sheet left out beside others is a note; a whole file left out of several is a warning."""
    for part, reason in skipped:
        if files and not used[part.file]:
            continue
        if parts > 1:
            report.append(msg.sheet_skipped(part.label, reason))
    if files:
        left_out = dict.fromkeys(p.file for p, _ in skipped if not used[p.file])
        for file in left_out:
            report.append(msg.file_skipped(file, _why(r for p, r in skipped if p.file == file)))


def _why(reasons: Iterable[str]) -> str:
    """The one reason that explains a file without a usable sheet: the most specific one any sheet gave."""
    given = set(reasons)
    if given <= {msg.EMPTY_SHEET, msg.TEMPLATE_GUIDE}:
        return msg.EMPTY_SHEET
    return msg.NO_SKILL_COLUMN if msg.NO_SKILL_COLUMN in given else msg.NO_NAME_COLUMN


def _unusable_message(reasons: list[str], framework: Framework) -> str:
    return {
        msg.EMPTY_SHEET: msg.no_data(),
        msg.NO_NAME_COLUMN: msg.no_name_column(),
        msg.NO_SKILL_COLUMN: msg.no_skill_column(framework.shown_name),
    }[_why(reasons)]


# Files that ask about different skills: below this share of skills in common with what most
# files ask (intersection over union), a file is reported as perhaps another form. Files of a
# person or two are not compared: one person's own list of skills says nothing of a form.
SAME_FORM_SHARE: Final = 0.5
SAME_FORM_PEOPLE: Final = 3


def _report_files(
    sheets: Sequence[Sheet],
    responses: pd.DataFrame,
    valid: np.ndarray,
    cells: Cells,
    framework: Framework,
    report: list[Issue],
) -> None:
    """What each of several files held, and which of them ask about other skills than most do."""
    files = list(dict.fromkeys(s.file for s in sheets))
    people = responses.loc[valid].groupby("file", sort=False)[c.RESPONDENT_ID].nunique()
    layouts = {f: {s.layout for s in sheets if s.file == f} for f in files}
    shown = [(f, int(people.get(f, 0)), layouts[f].pop() if len(layouts[f]) == 1 else "mixed") for f in files]
    report.insert(0, msg.files_read(shown))
    if len(files) < 2:
        return
    file_codes = pd.Categorical(responses["file"], categories=files).codes
    n_skills = len(framework.skills)
    asked = np.unique(cells.spread(file_codes).astype(np.int64) * n_skills + cells.skill)
    sets = [set((asked[asked // n_skills == i] % n_skills).tolist()) for i in range(len(files))]
    counts = Counter(skill for found in sets for skill in found)
    common = {skill for skill, n in counts.items() if n * 2 >= len(files)}
    names = [s.shown_name for s in framework.skills]
    for i, found in enumerate(sets):
        if shown[i][1] < SAME_FORM_PEOPLE or len(found & common) >= SAME_FORM_SHARE * len(found | common):
            continue
        missing = [names[k] for k in sorted(common - found)]
        extra = [names[k] for k in sorted(found - common)]
        report.append(msg.files_ask_differently(files[i], missing, extra))


def _tidy(
    responses: pd.DataFrame,
    cells: Cells,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    framework: Framework,
    options: IngestOptions,
    report: list[Issue],
) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The tidy ratings, the role table, and which responses were valid."""
    values, status = _parse_values(cells.value, matcher)
    valid = checks.valid_responses(responses, cells, status, report)
    in_valid = cells.spread(valid)
    checks.report_bad_values(cells, status, in_valid, responses, columns, matcher, report)
    checks.report_missing(status[in_valid], report)
    keep = in_valid & (status <= m.BLANK)  # ok, not applicable or blank: all kept as ratings or NaN
    cells, values = cells.take(keep), values[keep]
    responses[c.ROLE_ID] = checks.match_roles(responses, valid, matcher, framework, options, report)
    checks.report_teams(responses, valid, report)
    response_rater = per_distinct(responses[c.RATER], c.RATERS.index, -1, np.int8)
    rater = np.where(cells.rater >= 0, cells.rater, cells.spread(response_rater))
    at = cells.response
    responses[c.TEAM] = responses[c.TEAM].where(~blank(responses[c.TEAM]), NO_TEAM)
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
    tidy = checks.drop_duplicates(tidy, responses, at, could_repeat, report)
    return tidy, _role_table(coded[c.ROLE], coded[c.ROLE_ID], person, valid), valid


def _coded(series: pd.Series) -> pd.Categorical:
    """A per-response column as a categorical: hashed once, then spread to the cells by its codes."""
    codes, uniques = series.factorize(use_na_sentinel=True)
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(uniques), validate=False)


def _parse_values(raw: np.ndarray, matcher: m.Matcher) -> tuple[np.ndarray, np.ndarray]:
    """Ratings and their status (see :mod:`analytics.matching`), parsed once per distinct answer."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    parsed = [matcher.parse_rating(u) for u in uniques] + [(np.nan, m.BLANK)]
    values = np.array([p[0] for p in parsed], dtype=float)
    statuses = np.array([p[1] for p in parsed], dtype=np.int8)
    return values[codes], statuses[codes]


# What the column table says of each header (and of each skill name of a long sheet).
COLUMN_TABLE: Final = ("sheet", "column", "kind", c.SKILL_ID, c.RATER, "confidence", "answers", "tied_with")
LONG_NAME: Final = "long skill name"


def _column_table(sheets: list[Sheet]) -> pd.DataFrame:
    """What each header was taken for, how sure the reader was and how many answers it holds, so the
    user can see and correct the reading of every column (and every skill name of a long sheet)."""
    rows = []
    for sheet in sheets:
        answered = present(sheet.body).sum(axis=0) if sheet.body.size else np.zeros(len(sheet.headers), int)
        for i, (header, match) in enumerate(zip(sheet.headers, sheet.matches, strict=True)):
            if not header:
                continue
            kind = match.kind
            if sheet.long_columns is not None and i in sheet.long_columns:
                kind = "long skill" if i == sheet.long_columns[0] else "long rating"
            rows.append(
                (
                    sheet.name,
                    header,
                    kind,
                    match.skill_id or "",
                    match.rater or "",
                    match.confidence,
                    int(answered[i]),
                    match.tied_with,
                )
            )
        for name, (guess, held) in sheet.skill_names.items():
            rows.append(
                (
                    sheet.name,
                    name,
                    LONG_NAME,
                    guess.skill_id or "",
                    "",
                    guess.confidence,
                    held,
                    guess.tied_with,
                )
            )
    return pd.DataFrame(rows, columns=list(COLUMN_TABLE))


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
