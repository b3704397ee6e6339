"""Blank survey template: a competency ``Framework`` in, an .xlsx workbook (as bytes) out.

The template is what a manager hands to the team before a survey round. Its headers
are exactly the ones the survey reader matches (``Rate your skills [<skill name>]``), and
its dropdowns offer only answers the framework understands, so a filled-in copy loads
without mapping fixes. It works for any framework, including one a user uploaded.

Built in the session's language: its sheets, headers, guide, dropdown prompts and rater
choices ("diri sendiri", "atasan"), and the framework's own words where the framework has
them in that language (level names in the rating dropdown, "3 - Menengah"; roles, skills,
descriptions). Every one of these reads back in either language: the survey reader knows the
Indonesian headers and rater words, and an Indonesian name as an alias of its skill or role.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analytics.framework import Framework
from analytics.i18n import N_, _
from analytics.safety import is_formula_like
from analytics.vocabulary import GUIDE_TITLE, SKILLS_SHEET_HEADERS

SURVEY_SHEET = N_("Survey")
INSTRUCTIONS_SHEET = N_("Instructions")
SKILLS_SHEET = N_("Skills")
PERSON_HEADERS = (N_("Name"), N_("Email"), N_("Team"), N_("Role"), N_("Rater"), N_("Round"))
RATING_HEADER = N_("Rate your skills [{}]")
RATER_CHOICES = (N_("self"), N_("manager"))
NOT_APPLICABLE = "N/A"
TEMPLATE_ROWS = 1000
"""Survey rows that carry dropdowns; enough for a large department."""

_PERSON_WIDTHS = (26, 32, 20, 30, 13, 11)
_RATING_WIDTH = 20
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_RATING_FILL = PatternFill("solid", fgColor="2E75B6")
_HEADING_FONT = Font(bold=True, size=12)
_TITLE_FONT = Font(bold=True, size=14)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def rating_choice(value: int, level_name: str) -> str:
    """A rating as the dropdown writes it, e.g. ``"3 - Intermediate"``."""
    return f"{value} - {level_name}"


def build_template(framework: Framework) -> bytes:
    """Build a blank survey workbook for ``framework`` and return the .xlsx bytes.

    Sheets: ``Survey`` (one row per person and rater, one column per skill in framework
    order), ``Instructions`` (how to fill it in, the scale and the roles) and ``Skills``
    (area, skill, description). The dropdown lists point at the scale and role tables on
    the Instructions sheet rather than being typed inline, because Excel caps an inline
    list at 255 characters and splits it on commas, which a user's framework may break.
    """
    wb = Workbook()
    survey = wb.active
    survey.title = _(SURVEY_SHEET)
    instructions = wb.create_sheet(_(INSTRUCTIONS_SHEET))
    skills_sheet = wb.create_sheet(_(SKILLS_SHEET))

    scale_range, role_range = _write_instructions(instructions, framework)
    _write_survey(survey, framework, scale_range, role_range)
    _write_skills(skills_sheet, framework)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _put(ws: Worksheet, row: int, column: int, value: str | None) -> Cell:
    """Write ``value`` as plain text: framework text comes from users and must never
    become a spreadsheet formula (openpyxl makes one of any string starting with '=', and a
    spreadsheet may read the other :data:`analytics.safety.FORMULA_STARTS` as one too)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and is_formula_like(value):
        cell.data_type = "s"
    return cell


def _write_survey(ws: Worksheet, framework: Framework, scale_range: str, role_range: str) -> None:
    headers = [*map(_, PERSON_HEADERS), *(_(RATING_HEADER).format(s.shown_name) for s in framework.skills)]
    for col, header in enumerate(headers, start=1):
        cell = _put(ws, 1, col, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL if col <= len(PERSON_HEADERS) else _RATING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        width = _PERSON_WIDTHS[col - 1] if col <= len(PERSON_HEADERS) else _RATING_WIDTH
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = 48
    # Keep the header and the person's name in view while scrolling across 25+ skills.
    ws.freeze_panes = "B2"

    last_row = TEMPLATE_ROWS + 1
    role_col = get_column_letter(PERSON_HEADERS.index(N_("Role")) + 1)
    rater_col = get_column_letter(PERSON_HEADERS.index(N_("Rater")) + 1)
    first_rating = get_column_letter(len(PERSON_HEADERS) + 1)
    last_rating = get_column_letter(len(headers))
    me, manager = map(_, RATER_CHOICES)
    rules = [
        (
            f"={role_range}",
            f"{role_col}2:{role_col}{last_row}",
            _("Role"),
            _("Unknown role"),
            _("Pick the role from the list (roles are described on the Instructions sheet)."),
            "warning",
        ),
        (
            '"' + ",".join((me, manager)) + '"',
            f"{rater_col}2:{rater_col}{last_row}",
            _("Rater"),
            _("Unknown rater"),
            _("{me} = you rate yourself; {manager} = a line manager rates this person.").format(
                me=me, manager=manager
            ),
            "stop",
        ),
        (
            f"={scale_range}",
            f"{first_rating}2:{last_rating}{last_row}",
            _("Rating"),
            _("Unknown rating"),
            _("Pick a level from the list, or {na} if the skill is not part of the job.").format(
                na=NOT_APPLICABLE
            ),
            "stop",
        ),
    ]
    for formula, cells, title, error_title, prompt, error_style in rules:
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle=error_style,
            promptTitle=title,
            prompt=prompt,
            errorTitle=error_title,
            error=prompt,
        )
        validation.add(cells)
        ws.add_data_validation(validation)


def _write_instructions(ws: Worksheet, framework: Framework) -> tuple[str, str]:
    """Write the guide and return the cell ranges of the rating and role lists in it."""
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 100
    row = 1
    me, manager = map(_, RATER_CHOICES)
    _put(ws, row, 1, _(GUIDE_TITLE)).font = _TITLE_FONT
    row += 2
    steps = [
        (_("One row per person"), _("Use the Survey sheet and fill in one row for each person.")),
        (_("Name and Email"), _("Write the person's full name and work e-mail the same way every time.")),
        (_("Team"), _("The team the person belongs to, for example Growth or Customer Care.")),
        (_("Role"), _("Pick the person's role from the dropdown; the roles are listed below.")),
        (
            _("Rater"),
            _(
                "Pick '{me}' when you rate yourself. Pick '{manager}' when a line manager rates "
                "the person: add a second row with the same name and e-mail for that."
            ).format(me=me, manager=manager),
        ),
        (
            _("Round"),
            _(
                "A label for this survey round, for example 2026-Q3. For the next round you can "
                "either keep adding rows with a new Round value or copy the Survey sheet to a "
                "new sheet per round: both work."
            ),
        ),
        (
            _("Skill ratings"),
            _(
                "For every skill column, pick the level that best describes the person today "
                "(the Skills sheet says what each skill covers). Be honest: this is for "
                "planning training, not for appraisals."
            ),
        ),
        (
            NOT_APPLICABLE,
            _(
                "Choose {na} (not applicable) when the skill is not part of the person's job. "
                "These answers are left out of every average."
            ).format(na=NOT_APPLICABLE),
        ),
    ]
    for label, text in steps:
        _put(ws, row, 1, label).font = Font(bold=True)
        _put(ws, row, 2, text).alignment = _WRAP_TOP
        row += 1

    row += 1
    _put(ws, row, 1, _("Rating scale")).font = _HEADING_FONT
    row += 1
    scale_first = row
    for level in framework.scale.levels:
        _put(ws, row, 1, rating_choice(level.value, level.shown_name))
        _put(ws, row, 2, level.shown_description).alignment = _WRAP_TOP
        row += 1
    _put(ws, row, 1, NOT_APPLICABLE)
    _put(ws, row, 2, _("Not applicable: the skill is not part of this person's job."))
    scale_last = row

    row += 2
    _put(ws, row, 1, _("Roles")).font = _HEADING_FONT
    row += 1
    role_first = row
    for role in framework.roles:
        _put(ws, row, 1, role.shown_name)
        _put(ws, row, 2, role.shown_description).alignment = _WRAP_TOP
        row += 1
    role_last = row - 1

    sheet = quote_sheetname(_(INSTRUCTIONS_SHEET))
    return (
        f"{sheet}!$A${scale_first}:$A${scale_last}",
        f"{sheet}!$A${role_first}:$A${role_last}",
    )


def _write_skills(ws: Worksheet, framework: Framework) -> None:
    """Each skill with what it covers and, where the framework says, what each level looks like
    for it, so a person rating themselves reads "3" for campaign planning the same as a colleague."""
    levels = [
        lv for lv in framework.scale.levels if any(s.level_description(lv.value) for s in framework.skills)
    ]
    headers = list(zip(map(_, SKILLS_SHEET_HEADERS), (22, 40, 60), strict=True))
    headers += [(f"{lv.value} = {lv.shown_name}", 40) for lv in levels]
    for col, (header, width) in enumerate(headers, start=1):
        cell = _put(ws, 1, col, header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2"
    row = 2
    for area in framework.areas:
        for skill in area.skills:
            _put(ws, row, 1, area.shown_name)
            # As the Survey sheet's header names it, with the framework's own name beside a translation.
            shown = skill.shown_name
            _put(ws, row, 2, skill.name if shown == skill.name else f"{shown} ({skill.name})")
            _put(ws, row, 3, skill.shown_description).alignment = _WRAP_TOP
            for col, level in enumerate(levels, start=4):
                _put(ws, row, col, skill.level_description(level.value) or None).alignment = _WRAP_TOP
            row += 1
