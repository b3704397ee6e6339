"""What ingest hands over: the user's corrections in, the tidy table and its findings out.

Kept apart from the reading so that the pages, the reports and the command line can
depend on these few types without pulling in how a sheet is recognised; every other
module of the package builds towards an :class:`IngestResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from analytics import columns as c
from analytics import vocabulary as v

ERROR: Final = "error"
WARNING: Final = "warning"
INFO: Final = "info"
# Most serious first: the report is sorted in this order.
SEVERITIES: Final = (ERROR, WARNING, INFO)
WIDE: Final = "wide"
LONG: Final = "long"
NO_TEAM: Final = "No team given"


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
    # The files uploaded together, when there were several (their sheets are named after them),
    # and those of them that could not be used at all.
    files: tuple[str, ...] = field(default=())
    files_left_out: tuple[str, ...] = field(default=())

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
        return issues_frame(self.issues)


ISSUE_COLUMNS: Final = ("severity", "sheet", "row", "column", "message", "action", "count")


def issues_frame(issues: Sequence[Issue]) -> pd.DataFrame:
    """Findings as a table with :data:`ISSUE_COLUMNS` (an empty one for none)."""
    return pd.DataFrame([vars(i) for i in issues], columns=list(ISSUE_COLUMNS)).astype({"row": "Int64"})
