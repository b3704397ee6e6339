"""What a viewer may see of a survey: an ingested survey and a :class:`Scope` in, the same survey
with hidden people under pseudonyms out.

Every page, export and stored round a signed-in person opens is read through their scope,
before any figure is made: gap pairs, tables, charts, tooltips, the validation report and
the exports then cannot name someone the person may not see, since the name is not there.
A person is shown by name when any of their rows is in a team the viewer sees by name (a
manager sees their own people, with their history in other teams). Hidden people get the
keyed pseudonyms of :mod:`analytics.privacy`: the same on every page, in every export and
in every session of the server, so a planner can follow "Person 3f9a2c81d0" from the
People page into the reports. Validation messages lose hidden people's names and e-mails
and all quoted upload text; with nobody named, file and sheet names go too (files are often
named after a person), and teams of fewer people than the minimum group size are merged.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from analytics import columns as c
from analytics import kernels as k
from analytics.ingest import IngestResult, Issue
from analytics.ingest.tidy import FILE_SEPARATOR
from analytics.privacy import merge_small_teams, names_in, pseudonyms, redact_message

_ROUND_ONLY: Final = re.compile(
    r"(?i)(?:\d{4}[-_ ]?(?:q[1-4]|h[12]|\d{1,2})|(?:q[1-4]|h[12])[-_ ]?\d{4}|(?:round|putaran)[-_ ]?\d+|\d{4})"
)


@dataclass(frozen=True)
class Scope:
    """Whose names a viewer sees, and how small a group may be described.

    ``named_teams`` None shows everyone by name, ``()`` nobody, otherwise the people of those
    teams (any case). ``min_group`` hides group figures over fewer people (0: none). ``key``
    makes the pseudonyms (a server's own secret, so that they are the same for everyone).
    """

    named_teams: tuple[str, ...] | None = None
    min_group: int = 0
    key: str = ""

    @property
    def restricted(self) -> bool:
        return self.named_teams is not None

    @property
    def anonymous(self) -> bool:
        return self.named_teams == ()


EVERYONE: Final = Scope()


def scoped_result(result: IngestResult, scope: Scope) -> IngestResult:
    """``result`` as ``scope`` may see it (itself when the scope names everyone).

    File and sheet names are replaced for every restricted scope ("file 1", "sheet 2"), except
    those that name a round ("2026-Q1.csv"): a manager must not read a hidden colleague's name
    off a file named after them. Round labels taken from such a name are replaced the same way.
    """
    if not scope.restricted:
        return result
    ratings, hidden = _scoped_ratings(result.ratings, scope)
    files = _file_names(result)
    issues = _scoped_issues(result, hidden, files)
    if scope.anonymous and scope.min_group:
        # As in an anonymised report: no team figure, and no pseudonym's team, describes fewer
        # people than the minimum (their own team would all but name them).
        ratings[c.TEAM] = merge_small_teams(ratings[c.TEAM], ratings[c.RESPONDENT_ID], scope.min_group)
    rounds = {**{name.rsplit(".", 1)[0]: label for name, label in files.items()}, **files}
    if rounds and len(ratings):
        ratings[c.ROUND] = ratings[c.ROUND].astype(object).replace(rounds).astype("category")
    columns = result.columns
    if "sheet" in columns:
        columns = columns.assign(sheet=columns["sheet"].astype(object).replace(files))
    return dataclasses.replace(
        result,
        ratings=ratings,
        issues=tuple(dataclasses.replace(i, sheet=files.get(i.sheet, i.sheet)) for i in issues),
        columns=columns,
        sheets=tuple(files.get(s, s) for s in result.sheets),
        files=tuple(files.get(f, f) for f in result.files),
        files_left_out=tuple(files.get(f, f) for f in result.files_left_out),
    )


def shown_ids(ratings: pd.DataFrame, scope: Scope) -> dict[str, str]:
    """Each respondent id of ``ratings`` and the id ``scope`` shows it under (itself, or a pseudonym):
    how a plan made on a scoped view is saved under real ids, and opened again under pseudonyms."""
    _, people, ids, _ = _people(ratings, scope)
    return dict(zip(pd.Index(people, dtype=object).astype(str), ids, strict=True))


def _people(ratings: pd.DataFrame, scope: Scope) -> tuple[np.ndarray, pd.Index, np.ndarray, np.ndarray]:
    """Each row's person code, the people, the id each is shown under, and who is hidden."""
    codes, people = k.factorize(ratings[c.RESPONDENT_ID])
    codes = np.asarray(codes, dtype=np.intp)
    hidden_person = np.ones(len(people), dtype=bool)
    if scope.named_teams is None:
        hidden_person[:] = False
    elif scope.named_teams:
        wanted = {" ".join(t.split()).casefold() for t in scope.named_teams}
        team_codes, teams = k.factorize(ratings[c.TEAM])
        named_team = np.array([" ".join(str(t).split()).casefold() in wanted for t in teams], dtype=bool)
        in_named = (np.asarray(team_codes) >= 0) & k.take_or(named_team, np.asarray(team_codes), False)
        hidden_person[np.unique(codes[in_named & (codes >= 0)])] = False
    ids = pd.Index(people, dtype=object).astype(str).to_numpy(dtype=object)
    ids[hidden_person] = np.asarray(pseudonyms(ids[hidden_person], scope.key), dtype=object)
    return codes, people, ids, hidden_person


def _scoped_ratings(ratings: pd.DataFrame, scope: Scope) -> tuple[pd.DataFrame, pd.Index]:
    """The ratings with every hidden person's id and name their pseudonym and no e-mail, and
    what must not be shown of them (names, e-mails and ids)."""
    codes, _, shown, hidden_person = _people(ratings, scope)
    hidden_row = (codes >= 0) & k.take_or(hidden_person, codes, False)
    out = ratings.copy()
    who = k.take_or(shown, codes, None)
    out[c.RESPONDENT_ID] = pd.Categorical(who)
    out[c.NAME] = pd.Categorical(np.where(hidden_row, who, ratings[c.NAME].astype(object).to_numpy()))
    if c.EMAIL in out:
        email = ratings[c.EMAIL].astype(object).to_numpy()
        out[c.EMAIL] = pd.Categorical(np.where(hidden_row, None, email))
    secret = [
        ratings[column][hidden_row] for column in (c.RESPONDENT_ID, c.NAME, c.EMAIL) if column in ratings
    ]
    values = pd.concat([pd.Series(s.astype(object).unique(), dtype=object) for s in secret]) if secret else []
    return out, pd.Index(pd.Series(values, dtype=object).dropna().astype(str).unique(), dtype=object)


def _scoped_issues(result: IngestResult, hidden: pd.Index, files: dict[str, str]) -> list[Issue]:
    """The issues without hidden people's names, quoted upload text or the replaced file names.

    A file or sheet name is replaced whole (with its extension, as messages give it), never as
    part of a word: a file "s.csv" must not turn every "s" into "[hidden]".
    """
    messages = [i.message for i in result.issues]
    found = names_in(messages, hidden)
    out = []
    for issue in result.issues:  # a loop over the validation report's few findings
        text = redact_message(issue.message, found)
        for name in sorted(files, key=len, reverse=True):
            text = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w.-])", files[name], text)
        out.append(dataclasses.replace(issue, message=text))
    return out


def _file_names(result: IngestResult) -> dict[str, str]:
    """Each file and sheet name of the upload that does not name a round, and what stands in its
    place: "file 1", "sheet 2"."""
    names = dict.fromkeys([*result.files, *result.files_left_out])
    sheets = dict.fromkeys([*result.sheets, *(i.sheet for i in result.issues if i.sheet)])
    if "sheet" in result.columns:
        sheets.update(dict.fromkeys(str(x) for x in result.columns["sheet"].dropna().unique() if x))
    files = [name for name in names if name and not _round_like(name)]
    out = {name: f"file {n}" for n, name in enumerate(files, start=1)}
    others = [s for s in sheets if s and s not in names and not _round_like(s)]
    out.update({name: f"sheet {n}" for n, name in enumerate(others, start=1)})
    return out


def _round_like(name: str) -> bool:
    """Whether a file or sheet name is nothing but a round's label ("2026-Q1.csv", "Q3 2025",
    "Round 2"): only such a name is shown as it is. "Budi 2026-Q1" is a person's too."""
    parts = name.split(FILE_SEPARATOR)
    return all(_ROUND_ONLY.fullmatch(part.rsplit(".", 1)[0].strip()) for part in parts)
