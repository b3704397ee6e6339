"""Facts about a finding in, the words the user reads out: every validation text of ingest.

The readers only establish what is wrong (which rows, how many, which column); the
wording of the report and of :class:`SurveyError` lives here alone, so it reads the same
everywhere, is checked in one place and can be translated without touching the logic.
Each finding has one function that returns its :class:`Issue`, or the error's text, in
the session's language (see :mod:`analytics.i18n`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import numpy as np

from analytics import columns as c
from analytics import vocabulary as v
from analytics.i18n import N_, _, plural
from analytics.ingest.model import ERROR, INFO, NO_TEAM, WARNING, Issue
from analytics.views import fields as f
from analytics.views.formats import format_number

# Rows named in a message before it trails off: enough to find the place, short enough to read.
EXAMPLE_ROWS: Final = 5

# Why a sheet is not survey data. They end the "was skipped" note, and the reader of the
# whole file compares them to pick the one error that explains an unusable file: compare
# these constants as they are, and translate them only where they are written into a text.
EMPTY_SHEET: Final = N_("it is empty")
NO_NAME_COLUMN: Final = N_("no column with names or e-mail addresses")
NO_SKILL_COLUMN: Final = N_("no column matched a skill of the framework")
TEMPLATE_GUIDE: Final = N_("it is the survey template's guide")

# The steps of reading a survey, for the progress bar of a large upload.
READING_FILE: Final = N_("Reading the file...")
READING_FILE_OF: Final = N_("Reading file {n} of {count}: {file}...")
MATCHING_QUESTIONS: Final = N_("Matching the questions to the framework's skills...")
CHECKING_PEOPLE: Final = N_("Checking names, teams and roles...")
CHECKING_RATINGS: Final = N_("Checking the ratings...")


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
    listed = "; ".join(
        _("'{text}' as {skill}").format(text=text, skill=skill) for text, skill in matched[:EXAMPLE_ROWS]
    )
    return listed + _and_more(len(matched) - EXAMPLE_ROWS)


def _and_more(n: int, thousands: bool = False) -> str:
    """ "; and 3 more" after a list cut short, or nothing when nothing was left off."""
    if n <= 0:
        return ""
    return _("; and {n} more").format(n=format_number(n, f.COUNT) if thousands else n)


def _quoted(values: Iterable[object]) -> str:
    """A few distinct values, quoted: examples to search the sheet for, not a full list."""
    return ", ".join(f"'{x}'" for x in values)


# The file as a whole: texts of SurveyError.


def no_data() -> str:
    return _("The file has no data: every sheet is empty. Export the survey responses again.")


def no_name_column() -> str:
    return _(
        "No column with people's names or e-mail addresses was found (looked for headers such as "
        "Name, Nama, Email or Email address). Add a Name or Email column, and check that the "
        "column headers are in the first rows of the sheet."
    )


def no_skill_column(framework: str) -> str:
    return _(
        "No column matched a skill of the framework '{framework}'. Skill columns should name "
        "the skill, e.g. 'Rate your skills [Campaign planning]', or the sheet should have Skill and "
        "Rating columns. Download the template to see the expected headers, or add your headers as "
        "aliases in the framework."
    ).format(framework=framework)


def no_answers(several: bool = False) -> str:
    if several:
        return _("The files have column headers but no answers yet. Upload them once people have responded.")
    return _("The file has column headers but no answers yet. Upload it once people have responded.")


def no_file_usable(reasons: Sequence[tuple[str, str]]) -> str:
    """``reasons`` holds (file name, why it cannot be used) for each file uploaded together."""
    # A reason is one of the sheet reasons above or a SurveyError's text, written already.
    listed = "; ".join(f"{name}: {_(why).rstrip('.')}" for name, why in reasons[:EXAMPLE_ROWS])
    return plural(
        N_(
            "None of the file could be used ({listed}{more}). Check that each is a survey "
            "export (.xlsx, .xlsm or .csv) with a Name or Email column and the skill questions, then upload "
            "them together again."
        ),
        N_(
            "None of the {n} files could be used ({listed}{more}). Check that each is a survey "
            "export (.xlsx, .xlsm or .csv) with a Name or Email column and the skill questions, then upload "
            "them together again."
        ),
        len(reasons),
    ).format(
        n=format_number(len(reasons), f.COUNT), listed=listed, more=_and_more(len(reasons) - EXAMPLE_ROWS)
    )


# Several files read together.


def file_unreadable(file: str, reason: str) -> Issue:
    return Issue(
        ERROR,
        _("{file} could not be read, so none of its answers are in the analysis: {reason}").format(
            file=file, reason=reason
        ),
        _("Fix or export that file again and upload all the files together once more; the others were read."),
        sheet=file,
    )


def file_skipped(file: str, reason: str) -> Issue:
    return Issue(
        WARNING,
        _(
            "{file} holds no survey answers that could be read ({reason}), so it is not in the analysis."
        ).format(file=file, reason=_(reason)),
        _("Check that it is a survey export with a Name or Email column and skill columns, or leave it out."),
        sheet=file,
    )


def same_file_twice(file: str, first: str) -> Issue:
    return Issue(
        INFO,
        _("{file} is the same file as {first} (the same content), so it was read once.").format(
            file=file, first=first
        ),
        _("Nothing to do, unless you meant to upload another file."),
        sheet=file,
    )


def files_read(files: Sequence[tuple[str, int, str]]) -> Issue:
    """``files`` holds (file name, people with answers in it, its layout) of each file read."""
    listed = "; ".join(_file_read(*file) for file in files[:_FILES_LISTED])
    mixed = len({layout for *_rest, layout in files}) > 1
    return Issue(
        INFO,
        plural(
            N_("{n} file was read as one survey ({listed}{more})."),
            N_("{n} files were read as one survey ({listed}{more})."),
            len(files),
        ).format(
            n=format_number(len(files), f.COUNT),
            listed=listed,
            more=_and_more(len(files) - _FILES_LISTED, thousands=True),
        ),
        (
            _(
                "The files have different layouts; both kinds were read the same way. Check each file's "
                "columns in the mapping."
            )
            if mixed
            else _("Nothing to do; each finding names its file.")
        ),
        count=len(files),
    )


# Files named in the summary line: enough to check, short enough to read.
_FILES_LISTED: Final = 10


def _file_read(name: str, people: int, layout: str) -> str:
    """One file of the summary line: "north.csv: 12 people, one row per person"."""
    counted = plural(N_("{n} person"), N_("{n} people"), people).format(n=people)
    return f"{name}: {counted}, {_(_LAYOUT_WORDS[layout])}"


# Who rated, as a file's name says it: one whole sentence for each rater.
_RATER_FROM_FILE_NAME: Final = {
    c.SELF: N_("The answers in {file} were read as self ratings, because its name says so."),
    c.MANAGER: N_("The answers in {file} were read as manager ratings, because its name says so."),
    c.PEER: N_("The answers in {file} were read as peer ratings, because its name says so."),
}


def rater_from_file_name(file: str, rater: str) -> Issue:
    found = _RATER_FROM_FILE_NAME.get(
        rater, N_("The answers in {file} were read as {rater} ratings, because its name says so.")
    )
    return Issue(
        INFO,
        _(found).format(file=file, rater=rater),
        _("If they are not, choose who filled in the form under 'Round and rater'."),
        sheet=file,
    )


_LAYOUT_WORDS: Final = {
    "wide": N_("one row per person"),
    "long": N_("one row per person and skill"),
    "mixed": N_("mixed"),
}


def files_ask_differently(file: str, missing: Sequence[str], extra: Sequence[str]) -> Issue:
    """``missing``: skill names the other files ask about and this one does not; ``extra`` the reverse."""
    if missing and extra:
        found = _(
            "{file} does not ask about {missing} skill(s) most files do ({missing_names}) and asks about "
            "{extra} skill(s) most files do not ({extra_names}), so it may come from another form or "
            "framework. Its people are measured only on the skills it asks about."
        )
    elif missing:
        found = _(
            "{file} does not ask about {missing} skill(s) most files do ({missing_names}), so it may come "
            "from another form or framework. Its people are measured only on the skills it asks about."
        )
    else:
        found = _(
            "{file} asks about {extra} skill(s) most files do not ({extra_names}), so it may come from "
            "another form or framework. Its people are measured only on the skills it asks about."
        )
    return Issue(
        WARNING,
        found.format(
            file=file,
            missing=len(missing),
            missing_names=_some(missing),
            extra=len(extra),
            extra_names=_some(extra),
        ),
        _("Check its columns in the mapping; if it is another survey, upload it on its own."),
        sheet=file,
        count=len(missing) + len(extra),
    )


def _some(names: Sequence[str]) -> str:
    return ", ".join(names[:EXAMPLE_ROWS]) + (", ..." if len(names) > EXAMPLE_ROWS else "")


# Sheets and their columns.


def sheet_skipped(sheet: str, reason: str) -> Issue:
    return Issue(
        INFO,
        _("Sheet '{sheet}' was skipped: {reason}.").format(sheet=sheet, reason=_(reason)),
        _("Nothing to do if it holds no survey answers."),
        sheet=sheet,
    )


# A second column of a kind that says who answered: one whole sentence for each kind.
_EXTRA_IDENTITY: Final = {
    c.NAME: N_("Column '{extra}' also looks like a name column; the first one, '{used}', was used."),
    c.EMAIL: N_("Column '{extra}' also looks like a email column; the first one, '{used}', was used."),
    c.TEAM: N_("Column '{extra}' also looks like a team column; the first one, '{used}', was used."),
    c.ROLE: N_("Column '{extra}' also looks like a role column; the first one, '{used}', was used."),
    c.RATER: N_("Column '{extra}' also looks like a rater column; the first one, '{used}', was used."),
    c.ROUND: N_("Column '{extra}' also looks like a round column; the first one, '{used}', was used."),
    v.TIMESTAMP: N_(
        "Column '{extra}' also looks like a timestamp column; the first one, '{used}', was used."
    ),
}


def extra_identity_column(sheet: str, kind: str, extra: str, used: str) -> Issue:
    found = _EXTRA_IDENTITY.get(
        kind, N_("Column '{extra}' also looks like a {kind} column; the first one, '{used}', was used.")
    )
    return Issue(
        WARNING,
        _(found).format(extra=extra, kind=kind, used=used),
        _("Rename or remove the extra column if the wrong one was picked."),
        sheet=sheet,
        column=extra,
    )


def second_skill_column(sheet: str, first: str, second: str, skill: str, tied: bool = False) -> Issue:
    found = (
        _("Columns '{first}' and '{second}' look equally like the skill '{skill}'; only '{first}' was used.")
        if tied
        else _("Columns '{first}' and '{second}' both rate the skill '{skill}'; only '{first}' was used.")
    )
    return Issue(
        WARNING,
        found.format(first=first, second=second, skill=skill),
        _("Choose the right skill for each of them in the column mapping, or remove one."),
        sheet=sheet,
        column=second,
    )


def columns_to_check(sheet: str, matched: Sequence[tuple[str, str]]) -> Issue:
    """``matched`` holds (header, skill name) of columns matched by likeness, not by name."""
    return Issue(
        WARNING,
        _("{n} column(s) were matched to a skill by their wording and need a check: {matched}.").format(
            n=len(matched), matched=_matched_as(matched)
        ),
        _("Check them in the column mapping (they are listed first) and confirm or correct them."),
        sheet=sheet,
        count=len(matched),
    )


def unmatched_column(sheet: str, header: str, answered: int) -> Issue:
    if header.replace(".", "", 1).strip().isdigit():
        found = _(
            "Column '{header}' has only a number as its header, so its skill is unknown; its {n} answer(s) "
            "were not used."
        )
    else:
        found = _(
            "Column '{header}' did not match any skill or known column; its {n} answer(s) were not used."
        )
    return Issue(
        WARNING,
        found.format(header=header, n=answered),
        _(
            "Pick the skill it measures in the column mapping, or add the header as an alias in the framework."
        ),
        sheet=sheet,
        column=header,
        count=answered,
    )


def answers_not_ratings(sheet: str, header: str, skill: str) -> Issue:
    return Issue(
        WARNING,
        _(
            "Column '{header}' reads a little like the skill '{skill}', but most of its answers are not "
            "ratings; it was not used."
        ).format(header=header, skill=skill),
        _("If it does rate that skill, pick the skill in the column mapping and fix its answers."),
        sheet=sheet,
        column=header,
    )


def headerless_column(sheet: str, position: int, answered: int) -> Issue:
    return Issue(
        WARNING,
        _("Column {position} has no header; its {n} answer(s) were not used.").format(
            position=position, n=answered
        ),
        _("Give the column a header that names the skill it rates, then upload the file again."),
        sheet=sheet,
        count=answered,
    )


def stale_mapping(header: str, skill_id: str) -> Issue:
    return Issue(
        WARNING,
        _(
            "A confirmed mapping sends '{header}' to the skill '{skill}', which the current framework "
            "no longer has; it was read again as if new."
        ).format(header=header, skill=skill_id),
        _("Check its skill in the mapping and confirm it again."),
        column=header,
    )


def unknown_skills(
    sheet: str, column: str, names: np.ndarray, rows: np.ndarray, numeric: bool = False
) -> Issue:
    """``names`` are the distinct unknown skill names, ``rows`` every row naming one."""
    if numeric:
        found = _(
            "{n} row(s) hold numbers where the skill's name should be ({names}; rows {rows}); they were "
            "left out."
        )
        action = _("Check that the skill column holds skill names and the rating column the ratings.")
    else:
        found = _(
            "{n} row(s) name a skill that was not recognised ({names}; rows {rows}); they were left out."
        )
        action = _(
            "Pick the skill each name stands for in the skill mapping on the Data page, or add the names as "
            "aliases in the framework."
        )
    return Issue(
        ERROR,
        found.format(n=len(rows), names=_quoted(names[:5]), rows=rows_text(rows)),
        action,
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def skill_names_to_check(sheet: str, column: str, matched: Sequence[tuple[str, str]]) -> Issue:
    """``matched`` holds (name as written, skill name) of names matched by likeness."""
    return Issue(
        WARNING,
        _("{n} skill name(s) were matched by their wording and need a check: {matched}.").format(
            n=len(matched), matched=_matched_as(matched)
        ),
        _("Check them in the column mapping (they are listed first) and confirm or correct them."),
        sheet=sheet,
        column=column,
        count=len(matched),
    )


# Responses: who answered, as whom, in which round.


def no_round(sheet: str, column: str, rows: np.ndarray, default_round: str) -> Issue:
    return Issue(
        WARNING,
        _("{n} response(s) have no survey round (rows {rows}); they were counted in round '{round}'.").format(
            n=len(rows), rows=rows_text(rows), round=default_round
        ),
        _("Fill in the round on those rows if they belong to another round."),
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


# A team or role taken from the same person's other responses: whole sentences for each.
_IDENTITY_SHARED: Final = {
    c.TEAM: (
        N_("{n} response(s) had no team; it was taken from the same person's other responses."),
        N_("Nothing to do unless a person really changed team."),
    ),
    c.ROLE: (
        N_("{n} response(s) had no role; it was taken from the same person's other responses."),
        N_("Nothing to do unless a person really changed role."),
    ),
}


def identity_shared(column: str, count: int) -> Issue:
    found, action = _IDENTITY_SHARED.get(
        column,
        (
            N_("{n} response(s) had no {column}; it was taken from the same person's other responses."),
            N_("Nothing to do unless a person really changed {column}."),
        ),
    )
    return Issue(
        INFO,
        _(found).format(n=count, column=column),
        _(action).format(column=column),
        column=column,
        count=count,
    )


def unnamed_rows(sheet: str, rows: np.ndarray) -> Issue:
    return Issue(
        ERROR,
        _("{n} row(s) have answers but no name or e-mail (rows {rows}); they were left out.").format(
            n=len(rows), rows=rows_text(rows)
        ),
        _("Fill in the name or e-mail on those rows and upload the file again."),
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def unknown_rater(sheet: str, rows: np.ndarray, answers: np.ndarray) -> Issue:
    """``answers`` are the distinct rater answers as written."""
    return Issue(
        ERROR,
        _(
            "{n} row(s) name a rater the reader does not know ({answers}; rows {rows}); they were left out."
        ).format(n=len(rows), answers=_quoted(answers[:3]), rows=rows_text(rows)),
        _("Write self, manager or peer (or Diri sendiri, Atasan, Rekan) in the rater column."),
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def unknown_role(sheet: str, column: str, row: int, role: str, people: int) -> Issue:
    return Issue(
        WARNING,
        _(
            "Role '{role}' ({n} person(s)) is not a role of the framework; their gaps cannot be measured."
        ).format(role=role, n=people),
        _("Pick the matching role in the role mapping, or add it as an alias in the framework."),
        sheet=sheet,
        row=row,
        column=column,
        count=people,
    )


def no_role(sheet: str, column: str, row: int, people: int) -> Issue:
    return Issue(
        WARNING,
        _("{n} person(s) have no role; their gaps cannot be measured.").format(n=people),
        _("Fill in the role column, or set the role in the role mapping."),
        sheet=sheet,
        row=row,
        column=column,
        count=people,
    )


def no_team(sheet: str, column: str, row: int, count: int) -> Issue:
    # The label is the value the ratings hold for these answers, as it is shown in their tables.
    return Issue(
        WARNING,
        _("{n} response(s) have no team; they are shown as '{label}'.").format(n=count, label=NO_TEAM),
        _("Fill in the team column if team figures matter."),
        sheet=sheet,
        row=row,
        column=column,
        count=count,
    )


def answered_twice(sheet: str, person: str, rows: np.ndarray, sheets: Sequence[str] = ()) -> Issue:
    """``sheets``, when given, holds the sheet of each of ``rows``: answers from several sheets or files."""
    if len(set(sheets)) > 1:
        places = [
            _("{place} row {row}").format(place=where, row=int(row))
            for where, row in zip(sheets, rows, strict=True)
        ]
        found = _(
            "{person} answered more than once for the same round and rater ({places}); for each skill "
            "the latest answer (by timestamp, otherwise the one of the sheet or file read last) was kept "
            "and the others left out."
        ).format(
            person=person,
            places=", ".join(places[:EXAMPLE_ROWS]) + (", ..." if len(places) > EXAMPLE_ROWS else ""),
        )
    else:
        found = _(
            "{person} answered more than once for the same round and rater (rows {rows}); for each skill "
            "the latest answer (by timestamp, otherwise the one furthest down the sheet) was kept and the "
            "others left out."
        ).format(person=person, rows=rows_text(rows))
    return Issue(
        WARNING,
        found,
        _(
            "Remove the repeated submission if an earlier one was the right one. If the answers are from "
            "different rounds, give each file or sheet its round (a Round column or the round label)."
        ),
        sheet=sheet,
        row=int(rows[0]),
        count=len(rows),
    )


def more_answered_twice(people: int) -> Issue:
    return Issue(
        WARNING,
        _("... and {n} more people answered more than once.").format(n=people),
        _("Check the survey for repeated submissions."),
        count=people,
    )


# Answers.


def off_scale(sheet: str, column: str, rows: np.ndarray, values: np.ndarray, low: int, high: int) -> Issue:
    """``values`` are the distinct bad answers in the order met, ``rows`` every row holding one."""
    return Issue(
        ERROR,
        _(
            "{n} answer(s) in '{column}' are outside the scale {low} to {high} ({values}; rows {rows}); "
            "they were left out."
        ).format(
            n=len(rows),
            column=column,
            low=low,
            high=high,
            values=_quoted(shown(x) for x in values[:3]),
            rows=rows_text(rows),
        ),
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
        _(
            "{n} answer(s) in '{column}' are not ratings the reader understands ({values}; rows {rows}); "
            "they were left out."
        ).format(
            n=len(rows),
            column=column,
            values=_quoted(shown(x) for x in values[:3]),
            rows=rows_text(rows),
        ),
        _rating_help(low, high),
        sheet=sheet,
        row=int(rows[0]),
        column=column,
        count=len(rows),
    )


def _rating_help(low: int, high: int) -> str:
    return _("Use a number from {low} to {high}, a level name such as Beginner or Menengah, or N/A.").format(
        low=low, high=high
    )


def not_applicable(count: int) -> Issue:
    return Issue(
        INFO,
        _("{n} answer(s) were marked not applicable; they are left out of every mean and share.").format(
            n=count
        ),
        _unrated_help(),
        count=count,
    )


def left_blank(count: int) -> Issue:
    return Issue(
        INFO,
        _("{n} answer(s) were left blank; they are left out of every mean and share.").format(n=count),
        _unrated_help(),
        count=count,
    )


def _unrated_help() -> str:
    return _("Nothing to do unless they should have been rated.")
