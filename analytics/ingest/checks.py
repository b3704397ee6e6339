"""Responses and parsed answer cells in, what is left out and why: the checks behind the report.

Every rule that drops or flags data lives here, next to the finding it reports, so
nothing is dropped without a word: rows without a person or a known rater, answers off
the scale, roles and teams that cannot be placed, repeated submissions. The checks look
at whole arrays and only group the few rows that fail, which is what keeps a clean
20,000-person file fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics import matching as m
from analytics import vocabulary as v
from analytics.framework import Framework
from analytics.ingest import messages as msg
from analytics.ingest.cells import Cells
from analytics.ingest.model import IngestOptions, Issue
from analytics.ingest.responses import timestamps_of
from analytics.ingest.values import blank, per_distinct

# People named one by one in the duplicate warnings; the rest are summed up in one line.
LISTED_DUPLICATES: Final = 20


def valid_responses(
    responses: pd.DataFrame, cells: Cells, status: np.ndarray, report: list[Issue]
) -> np.ndarray:
    """Rows that say who answered and as whom; empty rows are passed over, others reported."""
    anonymous = blank(responses[c.RESPONDENT_ID])
    unnamed = anonymous.copy()
    if anonymous.any():
        answered = np.bincount(cells.response[status != m.BLANK], minlength=len(responses)) > 0
        written = np.logical_or.reduce([~blank(responses[col]) for col in (c.NAME, c.EMAIL, c.TEAM, c.ROLE)])
        unnamed &= answered | written
    for sheet, group in _by_sheet(responses, unnamed):
        report.append(msg.unnamed_rows(str(sheet), group["row"].to_numpy()))
    no_rater = ~anonymous & responses[c.RATER].isna().to_numpy()
    for sheet, group in _by_sheet(responses, no_rater):
        report.append(msg.unknown_rater(str(sheet), group["row"].to_numpy(), group["rater_answer"].unique()))
    return ~anonymous & ~no_rater


def _by_sheet(responses: pd.DataFrame, rows: np.ndarray) -> Iterable[tuple[object, pd.DataFrame]]:
    """The chosen responses, sheet by sheet; nothing to group when none is chosen, the usual case."""
    return responses[rows].groupby("sheet", sort=False) if rows.any() else ()


def report_bad_values(
    cells: Cells,
    status: np.ndarray,
    in_valid: np.ndarray,
    responses: pd.DataFrame,
    columns: list[tuple[str, str]],
    matcher: m.Matcher,
    report: list[Issue],
) -> None:
    """One finding per column and kind of bad answer, so the user can fix a column at a time."""
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
    for (column, kind), group in found.groupby(["column", "status"], sort=True):
        sheet, header = columns[int(column)]
        finding = msg.off_scale if kind == m.OUT_OF_RANGE else msg.not_ratings
        report.append(
            finding(
                sheet,
                header,
                group["row"].to_numpy(),
                pd.unique(group["value"]),
                matcher.scale_min,
                matcher.scale_max,
            )
        )


def report_missing(status: np.ndarray, report: list[Issue]) -> None:
    """Unrated answers are kept, as NaN, but counted: a mean over few answers should not surprise."""
    for kind, finding in ((m.NOT_APPLICABLE, msg.not_applicable), (m.BLANK, msg.left_blank)):
        count = int((status == kind).sum())
        if count:
            report.append(finding(count))


def match_roles(
    responses: pd.DataFrame,
    valid: np.ndarray,
    matcher: m.Matcher,
    framework: Framework,
    options: IngestOptions,
    report: list[Issue],
) -> pd.Series:
    """The framework role of each response, which sets the targets its gaps are measured against.

    The user's role mapping wins over the matcher, also when it points at a role the
    framework no longer has: the role is then left unmatched rather than guessed again.
    """
    overrides = dict(options.roles)
    known = {r.id for r in framework.roles}

    def role_of(text: str) -> str | None:
        if text in overrides:
            return overrides[text] if overrides[text] in known else None
        return matcher.role_for(text)

    role_ids = pd.Series(per_distinct(responses[c.ROLE], role_of, None), dtype=object)
    missing = role_ids.isna().to_numpy() & valid
    if missing.any():
        unknown = responses[missing]
        for text, group in unknown.groupby(c.ROLE, sort=True):
            place = (
                str(group["sheet"].iloc[0]),
                str(group["role_header"].iloc[0]),
                int(group["row"].iloc[0]),
            )
            people = int(group[c.RESPONDENT_ID].nunique())
            if text:
                report.append(msg.unknown_role(*place, str(text), people))
            else:
                report.append(msg.no_role(*place, people))
    return role_ids


def report_teams(responses: pd.DataFrame, valid: np.ndarray, report: list[Issue]) -> None:
    """Answers without a team still count, under their own label; the report says how many."""
    no_team = blank(responses[c.TEAM]) & valid
    if no_team.any():
        report.append(
            msg.no_team(
                str(responses.loc[no_team, "sheet"].iloc[0]),
                str(responses.loc[no_team, "team_header"].iloc[0]),
                int(responses.loc[no_team, "row"].iloc[0]),
                int(no_team.sum()),
            )
        )


def drop_duplicates(
    tidy: pd.DataFrame, responses: pd.DataFrame, at: np.ndarray, could_repeat: bool, report: list[Issue]
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
    when = timestamps_of(responses[v.TIMESTAMP].to_numpy()).to_numpy().view(np.int64)[at]
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
            report.append(msg.more_answered_twice(people.ngroups - LISTED_DUPLICATES))
            break
        report.append(
            msg.answered_twice(
                str(group["sheet"].iloc[0]),
                group["person"].iloc[0],
                group["row"].to_numpy(),
                [str(x) for x in group["sheet"]],
            )
        )
    return tidy.drop(index=tidy.index[drop]).reset_index(drop=True)
