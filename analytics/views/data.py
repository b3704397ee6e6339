"""The Data page: an ingested survey in, the validation report and the editable column and role mappings out.

:func:`validation_table` is also what every report's Validation section lays out, so the
page and the exports list the same findings; an anonymised report passes the names to
redact from them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.ingest import ERROR, FILE_SEPARATOR, INFO, LONG_NAME, WARNING, IngestResult
from analytics.matching import CHOSEN
from analytics.meaning import HIGH, MEDIUM
from analytics.privacy import names_in, redact_message
from analytics.rounds import ordered_rounds
from analytics.text import normalise_label
from analytics.views import fields as f
from analytics.views.formats import format_number

# The mapping grids' choices for "none": in English here, shown (and read back) in the session's
# language by :func:`not_a_skill` and :func:`no_role`.
NOT_A_SKILL: Final = N_("(not a skill: ignore)")
NO_ROLE: Final = N_("(no matching role)")
SEVERITY: Final = "severity"
MESSAGE: Final = "message"
WHERE: Final = "where"
SHEET: Final = "sheet"
ROW: Final = "row"
COLUMN: Final = "column"
ACTION: Final = "action"
COUNT: Final = "count"
VALIDATION_FIELDS: Final = {
    SEVERITY: f.Field(N_("Severity")),
    MESSAGE: f.Field(N_("What was found")),
    WHERE: f.Field(N_("Where")),
    SHEET: f.Field(N_("Sheet")),
    ROW: f.Field(N_("Row"), f.COUNT),
    COLUMN: f.Field(N_("Column")),
    ACTION: f.Field(N_("What to do")),
    COUNT: f.Field(N_("Count"), f.COUNT),
}
SEVERITY_WORDS: Final = {ERROR: N_("Error"), WARNING: N_("Warning"), INFO: N_("Note")}
# Who rated, in the words of the column mapping grid.
RATER_WORDS: Final = {c.SELF: N_("self"), c.MANAGER: N_("manager"), c.PEER: N_("peer")}
# The Data page reads the place as one phrase; a spreadsheet filters on its parts.
PAGE_COLUMNS: Final = (SEVERITY, MESSAGE, WHERE, ACTION, COUNT)
REPORT_COLUMNS: Final = (SEVERITY, SHEET, ROW, COLUMN, MESSAGE, ACTION, COUNT)


@dataclass(frozen=True)
class DataView:
    """What the Data page shows about the survey on screen."""

    respondents: int
    ratings: int
    rounds: tuple[str, ...]
    errors: int
    warnings: int
    notes: int
    validation: f.Table
    identity: str
    columns: pd.DataFrame
    roles: pd.DataFrame
    left_out: str = ""

    @property
    def complete(self) -> bool:
        """Whether every answer of the file was used: only then is the upload a plain success."""
        return not self.left_out


def left_out(result: IngestResult) -> str:
    """What the reading left out, in words ("" when nothing): unusable answers and unread columns."""
    issues = result.issues_frame()
    errors = issues[(issues["severity"] == ERROR) & ~issues["sheet"].isin(result.files_left_out)]
    columns = result.columns
    unread = columns[(columns["kind"] == v.UNMATCHED) & (columns.get("answers", 0) > 0)]
    parts = []
    if result.files_left_out:
        parts.append(_("{n} file(s) that could not be used").format(n=len(result.files_left_out)))
    if len(errors):
        parts.append(
            _("{n} row(s) or answer(s) with errors").format(
                n=format_number(int(errors["count"].sum()), f.COUNT)
            )
        )
    if len(unread):
        parts.append(_("{n} column(s) that matched no skill").format(n=len(unread)))
    # People whose written role is not the framework's have no targets: their answers count nowhere.
    roles = result.roles if len(result.roles) else pd.DataFrame(columns=[c.ROLE, c.ROLE_ID, "people"])
    unmatched = (roles[c.ROLE_ID].fillna("").astype(str) == "") & (roles[c.ROLE].fillna("").astype(str) != "")
    unknown = int(roles.loc[unmatched, "people"].sum())
    if unknown:
        parts.append(
            _("{n} person(s) whose role is not in the framework").format(n=format_number(unknown, f.COUNT))
        )
    joined = ""
    for part in parts:
        joined = _("{first} and {second}").format(first=joined, second=part) if joined else part
    return joined


def data_view(result: IngestResult, framework: Framework) -> DataView:
    counts = result.issue_counts()
    return DataView(
        respondents=result.respondents,
        ratings=int(result.ratings[c.RATING].notna().sum()),
        rounds=tuple(ordered_rounds(result.ratings[c.ROUND].dropna().unique())),
        errors=counts[ERROR],
        warnings=counts[WARNING],
        notes=counts[INFO],
        validation=validation_table(result.issues_frame(), PAGE_COLUMNS),
        identity=identity_columns(result.columns),
        columns=column_mapping(result.columns, framework),
        roles=role_mapping(result.roles, framework),
        left_out=left_out(result),
    )


_FILE_NAMED: Final = rf"(?i)\.(?:xlsx|xlsm|csv)(?:$|{re.escape(FILE_SEPARATOR)})"


def validation_table(
    issues: pd.DataFrame, columns: Sequence[str] = REPORT_COLUMNS, redact: pd.Index | None = None
) -> f.Table:
    """The validation report: what was found, where, what to do, how many.

    ``issues`` is :meth:`analytics.ingest.IngestResult.issues_frame`. With ``redact`` (the
    names and e-mails of an anonymised report) messages lose quoted upload text and names, and
    sheets are given by number.
    """
    sheets = issues["sheet"].astype(str)
    if redact is not None:
        # A sheet's name may be a person's (a csv is named after its file): sheets by number instead.
        named = pd.Index(sheets[sheets != ""].unique())
        sheets = sheets.map({name: f"{at + 1}" for at, name in enumerate(named)}).astype(object).fillna("")
    row = issues["row"].astype("string").fillna("")
    # Of several files, a sheet is named by its file ("team_a.xlsx", "team_a.xlsx / 2026-Q1").
    of_file = sheets.str.contains(_FILE_NAMED, regex=True)
    in_sheet, in_file, in_row, in_column = (
        _("sheet {sheet}"),
        _("file {file}"),
        _("row {row}"),
        _("column '{column}'"),
    )
    place = pd.DataFrame(
        {
            "sheet": sheets.map(lambda x: in_sheet.format(sheet=x)).mask(
                of_file, sheets.map(lambda x: in_file.format(file=x))
            ),
            "row": row.map(lambda x: in_row.format(row=x)),
            "column": issues["column"].astype(str).map(lambda x: in_column.format(column=x)),
        },
        index=issues.index,
    )
    blank = pd.DataFrame(
        {
            "sheet": sheets == "",
            "row": row == "",
            "column": issues["column"].astype(str) == "",
        }
    )
    place = place.mask(blank, "")
    joined = place["sheet"].str.cat([place["row"], place["column"]], sep=", ")
    where = joined.str.replace(r"(, ){2,}", ", ", regex=True).str.replace(r"^(, )+|(, )+$", "", regex=True)
    messages = issues["message"].astype(str)
    if redact is not None and len(messages):
        # Files are often named after a person ("Dewi Kartika.xlsx"): their names go too.
        files = [str(x) for x in issues["sheet"].astype(str).unique() if x]
        found = [*names_in(messages, redact), *files, *(x.split(FILE_SEPARATOR)[0] for x in files)]
        messages = pd.Series([redact_message(m, found) for m in messages], index=issues.index, dtype=object)
    frame = pd.DataFrame(
        {
            SEVERITY: issues["severity"].astype(str).map(lambda x: _(SEVERITY_WORDS.get(x, x.capitalize()))),
            MESSAGE: messages,
            WHERE: where.replace("", _("all files") if of_file.any() else _("whole file")),
            SHEET: sheets,
            ROW: issues["row"],
            COLUMN: issues["column"].astype(str),
            ACTION: issues["action"].astype(str),
            COUNT: issues["count"],
        }
    )
    note = (
        _(
            "What the reader of the survey file reported. Rows and answers it could not use were left out "
            "of every figure."
        )
        if len(frame)
        else _("The survey file was read without problems: nothing was left out.")
    )
    return f.Table(_("Validation"), frame, tuple(columns), note, VALIDATION_FIELDS)


# How sure the reader was of a column's skill, in the words of the mapping grid (in English here,
# shown in the session's language); rows to check first.
PLEASE_CHECK: Final = N_("please check")
MATCHED: Final = N_("matched")
CONFIRMED: Final = N_("confirmed")
NOT_RECOGNISED: Final = N_("not recognised")
IGNORED: Final = N_("ignored")
CONFIDENCE_WORDS: Final = {
    MEDIUM: PLEASE_CHECK,
    HIGH: MATCHED,
    CHOSEN: CONFIRMED,
    "": NOT_RECOGNISED,
}
_GRID_ORDER: Final = (PLEASE_CHECK, NOT_RECOGNISED, MATCHED, CONFIRMED, IGNORED)


def not_a_skill() -> str:
    """The column mapping's "not a skill" choice, in the session's language."""
    return _(NOT_A_SKILL)


def no_role() -> str:
    """The role mapping's "no matching role" choice, in the session's language."""
    return _(NO_ROLE)


def column_mapping(columns: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Survey columns (and a long sheet's skill names) that are, or could be, skills, once each.

    Columns: ``column`` (the header or skill name), ``found`` (how sure the reader was, in
    words), ``skill`` (the skill name, or :data:`NOT_A_SKILL`), ``answers`` (answers or rows it
    holds), ``rater`` and ``sheets``. Rows to check come first, then those not recognised.
    Rounds stored before confidence was kept read as matched.
    """
    candidates = columns[columns["kind"].isin([v.SKILL, v.UNMATCHED, v.IGNORED, LONG_NAME])]
    candidates = candidates.assign(
        confidence=candidates.get("confidence", HIGH),
        answers=candidates.get("answers", pd.NA),
    )
    names = {s.id: s.shown_name for s in framework.skills}
    grouped = candidates.groupby("column", sort=False)
    out = grouped.agg(
        kind=("kind", "first"),
        skill_id=(c.SKILL_ID, "first"),
        confidence=("confidence", "first"),
        answers=("answers", "sum"),
        rater=(c.RATER, "first"),
        sheets=("sheet", ", ".join),
    ).reset_index()
    mapped = out[c.SKILL_ID].map(names)
    found = out["confidence"].map(CONFIDENCE_WORDS).fillna(MATCHED)
    found = found.mask(mapped.isna() & (found != CONFIRMED), NOT_RECOGNISED)
    found = found.mask(out["kind"] == v.IGNORED, IGNORED)
    order = found.map({word: at for at, word in enumerate(_GRID_ORDER)})
    table = pd.DataFrame(
        {
            "column": out["column"],
            "found": found.map({word: _(word) for word in _GRID_ORDER}),
            f.SKILL: mapped.fillna(not_a_skill()),
            "answers": pd.array(out["answers"], dtype="Int64"),
            c.RATER: out[c.RATER].map(
                lambda r: _(RATER_WORDS[r]) if r in RATER_WORDS else r, na_action="ignore"
            ),
            "sheets": out["sheets"],
        }
    )
    return table.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def new_aliases(confirmed: Mapping[str, str], framework: Framework) -> dict[str, str]:
    """Confirmed wordings (header -> skill id) not yet a name, alias or keyword of their skill.

    A grid question's bracketed row label is the wording ("Rate yourself [Ngatur konten]" ->
    "Ngatur konten"): the question around it is the form's, not the skill's.
    """
    ids = {s.id for s in framework.skills}
    known = {normalise_label(x) for s in framework.skills for x in (s.id, *s.names, *s.keywords)}
    out = {}
    for header, skill_id in confirmed.items():
        bracketed = re.findall(r"\[([^\]]+)\]", header)
        text = (bracketed[-1] if bracketed else header).strip()
        if skill_id in ids and normalise_label(text) and normalise_label(text) not in known:
            out[text] = skill_id
    return out


def to_confirm(shown: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """The corrections that confirm every "please check" row as it stands: header -> skill id."""
    ids = _skill_ids(framework)
    check = shown[(shown["found"] == _(PLEASE_CHECK)) & shown[f.SKILL].isin(list(ids))]
    return dict(zip(check["column"], check[f.SKILL].map(ids), strict=True))


IDENTITY_LABELS: Final = {
    c.NAME: N_("Name"),
    c.EMAIL: N_("E-mail"),
    c.TEAM: N_("Team"),
    c.ROLE: N_("Role"),
    c.RATER: N_("Rater"),
    c.ROUND: N_("Round"),
    v.TIMESTAMP: N_("Timestamp"),
    "long skill": N_("Skill (long sheet)"),
    "long rating": N_("Rating (long sheet)"),
}


def identity_columns(columns: pd.DataFrame) -> str:
    """Which survey columns were read as who answered, when and as whom, as one line of text."""
    known = columns[columns["kind"].isin(list(IDENTITY_LABELS))].drop_duplicates(["kind", "column"])
    labels = {kind: _(label) for kind, label in IDENTITY_LABELS.items()}
    parts = known["kind"].map(labels) + ": '" + known["column"].astype(str) + "'"
    return "; ".join(parts) if len(parts) else _("none")


def column_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Headers whose skill the user changed in the column mapping: header -> skill id or "".

    A name that is neither a skill of the framework nor :data:`NOT_A_SKILL` is not a choice
    the editor offers, so it is passed over rather than guessed at.
    """
    ids = _skill_ids(framework) | {not_a_skill(): ""}
    picked = edited[f.SKILL].map(ids)
    changed = (shown[f.SKILL].to_numpy() != edited[f.SKILL].to_numpy()) & picked.notna().to_numpy()
    return dict(zip(edited.loc[changed, "column"], picked[changed], strict=True))


def _skill_ids(framework: Framework) -> dict[str, str]:
    """Skill id of each skill name in either language (as a grid shows it, or as it was shown before)."""
    return {name: s.id for s in framework.skills for name in (s.name, s.shown_name)}


def role_mapping(roles: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Each role as written with the framework role it matched (:data:`NO_ROLE` if none)."""
    names = {r.id: r.shown_name for r in framework.roles}
    return pd.DataFrame(
        {
            "role as written": roles[c.ROLE].astype(str).replace("", _("(blank)")),
            "framework role": roles[c.ROLE_ID].astype(str).map(names).fillna(no_role()),
            "people": roles["people"].astype(int),
            "_written": roles[c.ROLE].astype(str),
        }
    )


def role_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Roles as written whose framework role the user changed: text -> role id or ""."""
    ids = {name: r.id for r in framework.roles for name in (r.name, r.shown_name)} | {no_role(): ""}
    picked = edited["framework role"].map(ids)
    changed = (
        shown["framework role"].to_numpy() != edited["framework role"].to_numpy()
    ) & picked.notna().to_numpy()
    return dict(zip(shown.loc[changed, "_written"], picked[changed], strict=True))


def known_overrides(overrides: Mapping[str, str], ids: Sequence[str]) -> dict[str, str]:
    """Overrides whose target is "" or one of ``ids``: corrections that survive a new framework."""
    allowed = {"", *ids}
    return {key: value for key, value in overrides.items() if value in allowed}
