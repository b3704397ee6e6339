"""The Data page: an ingested survey in, the validation report and the editable column and role mappings out.

:func:`validation_table` is also what every report's Validation section lays out, so the
page and the exports list the same findings; an anonymised report passes the names to
redact from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.ingest import ERROR, INFO, WARNING, IngestResult
from analytics.privacy import names_in, redact_message
from analytics.rounds import ordered_rounds
from analytics.views import fields as f

NOT_A_SKILL: Final = "(not a skill: ignore)"
NO_ROLE: Final = "(no matching role)"
SEVERITY: Final = "severity"
MESSAGE: Final = "message"
WHERE: Final = "where"
SHEET: Final = "sheet"
ROW: Final = "row"
COLUMN: Final = "column"
ACTION: Final = "action"
COUNT: Final = "count"
VALIDATION_FIELDS: Final = {
    SEVERITY: f.Field("Severity"),
    MESSAGE: f.Field("What was found"),
    WHERE: f.Field("Where"),
    SHEET: f.Field("Sheet"),
    ROW: f.Field("Row", f.COUNT),
    COLUMN: f.Field("Column"),
    ACTION: f.Field("What to do"),
    COUNT: f.Field("Count", f.COUNT),
}
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
    )


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
    place = pd.DataFrame(
        {
            "sheet": "sheet " + sheets,
            "row": "row " + row,
            "column": "column '" + issues["column"].astype(str) + "'",
        }
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
        found = names_in(messages, redact)
        messages = pd.Series([redact_message(m, found) for m in messages], index=issues.index, dtype=object)
    frame = pd.DataFrame(
        {
            SEVERITY: issues["severity"].astype(str).str.capitalize(),
            MESSAGE: messages,
            WHERE: where.replace("", "whole file"),
            SHEET: sheets,
            ROW: issues["row"],
            COLUMN: issues["column"].astype(str),
            ACTION: issues["action"].astype(str),
            COUNT: issues["count"],
        }
    )
    note = (
        "What the reader of the survey file reported. Rows and answers it could not use were left out "
        "of every figure."
        if len(frame)
        else "The survey file was read without problems: nothing was left out."
    )
    return f.Table("Validation", frame, tuple(columns), note, VALIDATION_FIELDS)


def column_mapping(columns: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Survey columns that are, or could be, skill columns, once per header.

    Columns: ``column`` (the header), ``found`` (what the reader took it for), ``skill``
    (the skill name, or :data:`NOT_A_SKILL`), ``rater`` and ``sheets``.
    """
    candidates = columns[columns["kind"].isin([v.SKILL, v.UNMATCHED, v.IGNORED])]
    names = {s.id: s.name for s in framework.skills}
    grouped = candidates.groupby("column", sort=False)
    out = grouped.agg(
        kind=("kind", "first"),
        skill_id=(c.SKILL_ID, "first"),
        rater=(c.RATER, "first"),
        sheets=("sheet", ", ".join),
    ).reset_index()
    found = out["kind"].map({v.SKILL: "skill", v.UNMATCHED: "not recognised", v.IGNORED: "ignored"})
    return pd.DataFrame(
        {
            "column": out["column"],
            "found": found,
            f.SKILL: out[c.SKILL_ID].map(names).fillna(NOT_A_SKILL),
            c.RATER: out[c.RATER],
            "sheets": out["sheets"],
        }
    )


IDENTITY_LABELS: Final = {
    c.NAME: "Name",
    c.EMAIL: "E-mail",
    c.TEAM: "Team",
    c.ROLE: "Role",
    c.RATER: "Rater",
    c.ROUND: "Round",
    v.TIMESTAMP: "Timestamp",
    "long skill": "Skill (long sheet)",
    "long rating": "Rating (long sheet)",
}


def identity_columns(columns: pd.DataFrame) -> str:
    """Which survey columns were read as who answered, when and as whom, as one line of text."""
    known = columns[columns["kind"].isin(list(IDENTITY_LABELS))].drop_duplicates(["kind", "column"])
    parts = known["kind"].map(IDENTITY_LABELS) + ": '" + known["column"].astype(str) + "'"
    return "; ".join(parts) if len(parts) else "none"


def column_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Headers whose skill the user changed in the column mapping: header -> skill id or "".

    A name that is neither a skill of the framework nor :data:`NOT_A_SKILL` is not a choice
    the editor offers, so it is passed over rather than guessed at.
    """
    ids = {s.name: s.id for s in framework.skills} | {NOT_A_SKILL: ""}
    picked = edited[f.SKILL].map(ids)
    changed = (shown[f.SKILL].to_numpy() != edited[f.SKILL].to_numpy()) & picked.notna().to_numpy()
    return dict(zip(edited.loc[changed, "column"], picked[changed], strict=True))


def role_mapping(roles: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """Each role as written with the framework role it matched (:data:`NO_ROLE` if none)."""
    names = {r.id: r.name for r in framework.roles}
    return pd.DataFrame(
        {
            "role as written": roles[c.ROLE].astype(str).replace("", "(blank)"),
            "framework role": roles[c.ROLE_ID].astype(str).map(names).fillna(NO_ROLE),
            "people": roles["people"].astype(int),
            "_written": roles[c.ROLE].astype(str),
        }
    )


def role_overrides(shown: pd.DataFrame, edited: pd.DataFrame, framework: Framework) -> dict[str, str]:
    """Roles as written whose framework role the user changed: text -> role id or ""."""
    ids = {r.name: r.id for r in framework.roles} | {NO_ROLE: ""}
    picked = edited["framework role"].map(ids)
    changed = (
        shown["framework role"].to_numpy() != edited["framework role"].to_numpy()
    ) & picked.notna().to_numpy()
    return dict(zip(shown.loc[changed, "_written"], picked[changed], strict=True))


def known_overrides(overrides: Mapping[str, str], ids: Sequence[str]) -> dict[str, str]:
    """Overrides whose target is "" or one of ``ids``: corrections that survive a new framework."""
    allowed = {"", *ids}
    return {key: value for key, value in overrides.items() if value in allowed}
