"""Facts about a finding in, the words the user reads out: every validation text of ingest.

The readers only establish what is wrong (which rows, how many, which column); the
wording of the report and of :class:`SurveyError` lives here alone, so it reads the same
everywhere, is checked in one place and can be translated without touching the logic.
Each finding has one function that returns its :class:`Issue`, or the error's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np

from analytics.ingest.model import ERROR, INFO, NO_TEAM, WARNING, Issue

# Rows named in a message before it trails off: enough to find the place, short enough to read.
EXAMPLE_ROWS: Final = 5

# Why a sheet is not survey data. They end the "was skipped" note, and the reader of the
# whole file compares them to pick the one error that explains an unusable file.
EMPTY_SHEET: Final = "it is empty"
NO_NAME_COLUMN: Final = "no column with names or e-mail addresses"
NO_SKILL_COLUMN: Final = "no column matched a skill of the framework"


def rows_text(rows: np.ndarray | Sequence[int]) -> str:
    listed = ", ".join(str(int(r)) for r in list(rows)[:EXAMPLE_ROWS])
    return listed + (", ..." if len(rows) > EXAMPLE_ROWS else "")


def shown(value: object) -> str:
    """A cell as the user typed it: 9 rather than the 9.0 a spreadsheet stores."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _matched_as(matched: Sequence[tuple[str, str]]) -> str:
    """A few (text as written, skill name) pairs a user is asked to check: "'Ngatur konten' as Content planning"."""
    listed = "; ".join(f"'{text}' as {skill}" for text, skill in matched[:EXAMPLE_ROWS])
    return listed + (f"; and {len(matched) - EXAMPLE_ROWS} more" if len(matched) > EXAMPLE_ROWS else "")


def _quoted(values: Iterable[object]) -> str:
    """A few distinct values, quoted: examples to search the sheet for, not a full list."""
    return ", ".join(f"'{x}'" for x in values)


# The file as a whole: texts of SurveyError.


def no_data() -> str:
    return "The file has no data: every sheet is empty. Export the survey responses again."


def no_name_column() -> str:
    return (
        "No column with people's names or e-mail addresses was found (looked for headers such as "
        "Name, Nama, Email or Email address). Add a Name or Email column, and check that the "
        "column headers are in the first rows of the sheet."
    )


def no_skill_column(framework: str) -> str:
    return (
        f"No column matched a skill of the framework '{framework}'. Skill columns should name "
        "the skill, e.g. 'Rate your skills [Campaign planning]', or the sheet should have Skill and "
        "Rating columns. Download the template to see the expected headers, or add your headers as "
        "aliases in the framework."
    )


def no_answers(several: bool = False) -> str:
    if several:
        return "The files have column headers but no answers yet. Upload them once people have responded."
    return "The file has column headers but no answers yet. Upload it once people have responded."


def no_file_usable(reasons: Sequence[tuple[str, str]]) -> str:
    """``reasons`` holds (file name, why it cannot be used) for each file uploaded together."""
    listed = "; ".join(f"{name}: {why.rstrip('.')}" for name, why in reasons[:EXAMPLE_ROWS])
    more = f"; and {len(reasons) - EXAMPLE_ROWS} more" if len(reasons) > EXAMPLE_ROWS else ""
    return (
        f"None of the {_files(len(reasons))} could be used ({listed}{more}). Check that each is a survey "
        "export (.xlsx, .xlsm or .csv) with a Name or Email column and the skill questions, then upload "
        "them together again."
    )


def _files(n: int) -> str:
    return "file" if n == 1 else f"{n:,} files"


# Several files read together.


def file_unreadable(file: str, reason: str) -> Issue:
    return Issue(
        ERROR,
        f"{file} could not be read, so none of its answers are in the analysis: {reason}",
        "Fix or export that file again and upload all the files together once more; the others were read.",
        sheet=file,
    )


def file_skipped(file: str, reason: str) -> Issue:
    return Issue(
        WARNING,
        f"{file} holds no survey answers that could be read ({reason}), so it is not in the analysis.",
        "Check that it is a survey export with a Name or Email column and skill columns, or leave it out.",
        sheet=file,
    )


def same_file_twice(file: str, first: str) -> Issue:
    return Issue(
        INFO,
        f"{file} is the same file as {first} (the same content), so it was read once.",
        "Nothing to do, unless you meant to upload another file.",
        sheet=file,
    )


def files_read(files: Sequence[tuple[str, int, str]]) -> Issue:
    """``files`` holds (file name, people with answers in it, its layout) of each file read."""
    listed = "; ".join(
        f"{name}: {people} {'person' if people == 1 else 'people'}, {_LAYOUT_WORDS[layout]}"
        for name, people, layout in files[:_FILES_LISTED]
    )
    more = f"; and {len(files) - _FILES_LISTED:,} more" if len(files) > _FILES_LISTED else ""
    mixed = len({layout for *_, layout in files}) > 1
    return Issue(
        INFO,
        f"{len(files):,} {'file was' if len(files) == 1 else 'files were'} read as one survey ({listed}{more}).",
        (
            "The files have different layouts; both kinds were read the same way. Check each file's "
            "columns in the mapping."
            if mixed
            else "Nothing to do; each finding names its file."
        ),
        count=len(files),
    )


# Files named in the summary line: enough to check, short enough to read.
_FILES_LISTED: Final = 10


def rater_from_file_name(file: str, rater: str) -> Issue:
    return Issue(
        INFO,
        f"The answers in {file} were read as {rater} ratings, because its name says so.",
        "If they are not, choose who filled in the form under 'Round and rater'.",
        sheet=file,
    )


_LAYOUT_WORDS: Final = {
    "wide": "one row per person",
    "long": "one row per person and skill",
    "mixed": "mixed",
}


def files_ask_differently(file: str, missing: Sequence[str], extra: Sequence[str]) -> Issue:
    """``missing``: skill names the other files ask about and this one does not; ``extra`` the reverse."""
    parts = []
    if missing:
        parts.append(f"does not ask about {len(missing)} skill(s) most files do ({_some(missing)})")
    if extra:
        parts.append(f"asks about {len(extra)} skill(s) most files do not ({_some(extra)})")
    return Issue(
        WARNING,
        f"{file} {' and '.join(parts)}, so it may come from another form or framework. Its people are "
        "measured only on the skills it asks about.",
        "Check its columns in the mapping; if it is another survey, upload it on its own.",
        sheet=file,
        count=len(missing) + len(extra),
    )


def _some(names: Sequence[str]) -> str:
    return ", ".join(names[:EXAMPLE_ROWS]) + (", ..." if len(names) > EXAMPLE_ROWS else "")


# Sheets and their columns.


def sheet_skipped(sheet: str, reason: str) -> Issue:
    return Issue(
        INFO,
        f"Sheet '{sheet}' was skipped: {reason}.",
        "Nothing to do if it holds no survey answers.",
        sheet=sheet,
    )


def extra_identity_column(sheet: str, kind: str, extra: str, used: str) -> Issue:
    return Issue(
        WARNING,
        f"Column '{extra}' also looks like a {kind} column; the first one, '{used}', was used.",
        "Rename or remove the extra column if the wrong one was picked.",
        sheet=sheet,
        column=extra,
    )


def second_skill_column(sheet: str, first: str, second: str, skill: str, tied: bool = False) -> Issue:
    found = (
        f"Columns '{first}' and '{second}' look equally like the skill '{skill}'"
        if tied
        else f"Columns '{first}' and '{second}' both rate the skill '{skill}'"
    )
    return Issue(
        WARNING,
        f"{found}; only '{first}' was used.",
        "Choose the right skill for each of them in the column mapping, or remove one.",
        sheet=sheet,
        column=second,
    )


def columns_to_check(sheet: str, matched: Sequence[tuple[str, str]]) -> Issue:
    """``matched`` holds (header, skill name) of columns matched by likeness, not by name."""
    return Issue(
        WARNING,
        f"{len(matched)} column(s) were matched to a skill by their wording and need a check: {_matched_as(matched)}.",
        "Check them in the column mapping (they are listed first) and confirm or correct them.",
        sheet=sheet,
        count=len(matched),
    )


def unmatched_column(sheet: str, header: str, answered: int) -> Issue:
    if header.replace(".", "", 1).strip().isdigit():
        found = f"Column '{header}' has only a number as its header, so its skill is unknown"
    else:
        found = f"Column '{header}' did not match any skill or known column"
    return Issue(
        WARNING,
        f"{found}; its {answered} answer(s) were not used.",
        "Pick the skill it measures in the column mapping, or add the header as an alias in the framework.",
        sheet=sheet,
        column=header,
        count=answered,
    )


def answers_not_ratings(sheet: str, header: str, skill: str) -> Issue:
    return Issue(
        WARNING,
        f"Column '{header}' reads a little like the skill '{skill}', but most of its answers are not "
        "ratings; it was not used.",
        "If it does rate that skill, pick the skill in the column mapping and fix its answers.",
        sheet=sheet,
        column=header,
    )


def headerless_column(sheet: str, position: int, answered: int) -> Issue:
    return Issue(
        WARNING,
        f"Column {position} has no header; its {answered} answer(s) were not used.",
        "Give the column a header that names the skill it rates, then upload the file again.",
        sheet=sheet,
        count=answered,
    )


def stale_mapping(header: str, skill_id: str) -> Issue:
    return Issue(
        WARNING,
        f"A confirmed mapping sends '{header}' to the skill '{skill_id}', which the current framework "
        "no longer has; it was read again as if new.",
        "Check its skill in the mapping and confirm it again.",
        column=header,
    )


def unknown_skills(
    sheet: str, column: str, names: np.ndarray, rows: np.ndarray, numeric: bool = False
) -> Issue:
    """``names`` are the distinct unknown skill names, ``rows`` every row naming one."""
    if numeric:
        return Issue(
            ERROR,
            f"{len(rows)} row(s) hold numbers where the skill's name should be ({_quoted(names[:5])}; rows "
            f"{rows_text(rows)}); they were left out.",
            "Check that the skill column holds skill names and the rating column the ratings.",
            sheet=sheet,
            row=int(rows[0]),
            column=column,
            count=len(rows),
        )
    return Issue(
        ERROR,
        f"{len(rows)} row(s) name a skill that was not recognised ({_quoted(names[:5])}; rows "
        f"{rows_text(rows)}); they were left out.",
        "Pick the skill each name stands for in the skill mapping on the Data page, or add the names as "
        "aliases in the framework.",
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def skill_names_to_check(sheet: str, column: str, matched: Sequence[tuple[str, str]]) -> Issue:
    """``matched`` holds (name as written, skill name) of names matched by likeness."""
    return Issue(
        WARNING,
        f"{len(matched)} skill name(s) were matched by their wording and need a check: {_matched_as(matched)}.",
        "Check them in the column mapping (they are listed first) and confirm or correct them.",
        sheet=sheet,
        column=column,
        count=len(matched),
    )


# Responses: who answered, as whom, in which round.


def no_round(sheet: str, column: str, rows: np.ndarray, default_round: str) -> Issue:
    return Issue(
        WARNING,
        f"{len(rows)} response(s) have no survey round (rows {rows_text(rows)}); they were "
        f"counted in round '{default_round}'.",
        "Fill in the round on those rows if they belong to another round.",
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def identity_shared(column: str, count: int) -> Issue:
    return Issue(
        INFO,
        f"{count} response(s) had no {column}; it was taken from the same person's other responses.",
        f"Nothing to do unless a person really changed {column}.",
        column=column,
        count=count,
    )


def unnamed_rows(sheet: str, rows: np.ndarray) -> Issue:
    return Issue(
        ERROR,
        f"{len(rows)} row(s) have answers but no name or e-mail (rows {rows_text(rows)}); they were left out.",
        "Fill in the name or e-mail on those rows and upload the file again.",
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def unknown_rater(sheet: str, rows: np.ndarray, answers: np.ndarray) -> Issue:
    """``answers`` are the distinct rater answers as written."""
    return Issue(
        ERROR,
        f"{len(rows)} row(s) name a rater the reader does not know ({_quoted(answers[:3])}; "
        f"rows {rows_text(rows)}); they were left out.",
        "Write self, manager or peer (or Diri sendiri, Atasan, Rekan) in the rater column.",
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def unknown_role(sheet: str, column: str, row: int, role: str, people: int) -> Issue:
    return Issue(
        WARNING,
        f"Role '{role}' ({people} person(s)) is not a role of the framework; their gaps cannot be measured.",
        "Pick the matching role in the role mapping, or add it as an alias in the framework.",
        sheet=sheet,
        row=row,
        column=column,
        count=people,
    )


def no_role(sheet: str, column: str, row: int, people: int) -> Issue:
    return Issue(
        WARNING,
        f"{people} person(s) have no role; their gaps cannot be measured.",
        "Fill in the role column, or set the role in the role mapping.",
        sheet=sheet,
        row=row,
        column=column,
        count=people,
    )


def no_team(sheet: str, column: str, row: int, count: int) -> Issue:
    return Issue(
        WARNING,
        f"{count} response(s) have no team; they are shown as '{NO_TEAM}'.",
        "Fill in the team column if team figures matter.",
        sheet=sheet,
        row=row,
        column=column,
        count=count,
    )


def answered_twice(sheet: str, person: str, rows: np.ndarray, sheets: Sequence[str] = ()) -> Issue:
    """``sheets``, when given, holds the sheet of each of ``rows``: answers from several sheets or files."""
    if len(set(sheets)) > 1:
        places = [f"{where} row {int(row)}" for where, row in zip(sheets, rows, strict=True)]
        found = ", ".join(places[:EXAMPLE_ROWS]) + (", ..." if len(places) > EXAMPLE_ROWS else "")
        kept = "the latest answer (by timestamp, otherwise the one of the sheet or file read last)"
    else:
        found, kept = (
            f"rows {rows_text(rows)}",
            "the latest answer (by timestamp, otherwise the one furthest down the sheet)",
        )
    return Issue(
        WARNING,
        f"{person} answered more than once for the same round and rater ({found}); for each skill "
        f"{kept} was kept and the others left out.",
        "Remove the repeated submission if an earlier one was the right one. If the answers are from "
        "different rounds, give each file or sheet its round (a Round column or the round label).",
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def more_answered_twice(people: int) -> Issue:
    return Issue(
        WARNING,
        f"... and {people} more people answered more than once.",
        "Check the survey for repeated submissions.",
        count=people,
    )


# Answers.


def off_scale(sheet: str, column: str, rows: np.ndarray, values: np.ndarray, low: int, high: int) -> Issue:
    """``values`` are the distinct bad answers in the order met, ``rows`` every row holding one."""
    return Issue(
        ERROR,
        f"{len(rows)} answer(s) in '{column}' are outside the scale {low} to {high} "
        f"({_quoted(shown(x) for x in values[:3])}; rows {rows_text(rows)}); they were left out.",
        _rating_help(low, high),
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def not_ratings(sheet: str, column: str, rows: np.ndarray, values: np.ndarray, low: int, high: int) -> Issue:
    """``values`` are the distinct bad answers in the order met, ``rows`` every row holding one."""
    return Issue(
        ERROR,
        f"{len(rows)} answer(s) in '{column}' are not ratings the reader understands "
        f"({_quoted(shown(x) for x in values[:3])}; rows {rows_text(rows)}); they were left out.",
        _rating_help(low, high),
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def _rating_help(low: int, high: int) -> str:
    return f"Use a number from {low} to {high}, a level name such as Beginner or Menengah, or N/A."


def not_applicable(count: int) -> Issue:
    return Issue(
        INFO,
        f"{count} answer(s) were marked not applicable; they are left out of every mean and share.",
        _unrated_help(),
        count=count,
    )


def left_blank(count: int) -> Issue:
    return Issue(
        INFO,
        f"{count} answer(s) were left blank; they are left out of every mean and share.",
        _unrated_help(),
        count=count,
    )


def _unrated_help() -> str:
    return "Nothing to do unless they should have been rated."
