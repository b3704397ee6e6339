"""The blank survey template: sheets, headers, dropdowns; default and custom frameworks."""

from __future__ import annotations

import io

import numpy as np
import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.workbook.workbook import Workbook

from analytics import columns as c
from analytics import i18n
from analytics.framework import Framework, default_framework, framework_from_dict
from analytics.ingest import read_survey
from analytics.survey_template import (
    INSTRUCTIONS_SHEET,
    PERSON_HEADERS,
    SKILLS_SHEET,
    SURVEY_SHEET,
    build_template,
)

CUSTOM = {
    "name": "Sales team",
    "scale": {
        "min": 1,
        "max": 4,
        "levels": [
            {"level": 1, "name": "Learning", "description": "Still learning."},
            {"level": 2, "name": "Doing", "description": "Does it alone."},
            {"level": 3, "name": "Leading", "description": "Leads others."},
            {"level": 4, "name": "Shaping", "description": "Shapes the practice."},
        ],
    },
    "areas": [
        {
            "id": "selling",
            "name": "Selling",
            "skills": [
                {"id": "prospecting", "name": "Prospecting", "description": "Finding leads."},
                {"id": "closing", "name": "Closing deals", "description": "Winning the deal."},
            ],
        },
        {
            "id": "care",
            "name": "Account care",
            "skills": [{"id": "renewals", "name": "=Renewals", "description": "Keeping them."}],
        },
    ],
    "roles": [
        {
            "id": "rep",
            "name": "Sales rep, EMEA",
            "targets": {s: {"target": 2, "importance": 2} for s in ("prospecting", "closing", "renewals")},
        },
        {
            "id": "lead",
            "name": "Sales lead",
            "targets": {s: {"target": 3, "importance": 3} for s in ("prospecting", "closing", "renewals")},
        },
    ],
}


def _open(framework: Framework) -> Workbook:
    return load_workbook(io.BytesIO(build_template(framework)))


def _dropdowns(wb: Workbook, sheet: str = SURVEY_SHEET) -> dict[str, list[str]]:
    """Each dropdown on the Survey sheet by the header of its first column, as its choices."""
    survey = wb[sheet]
    out = {}
    for validation in survey.data_validations.dataValidation:
        assert validation.type == "list"
        column, _ = coordinate_from_string(str(validation.sqref).split(":")[0])
        formula = validation.formula1
        if formula.startswith('"'):
            choices = formula.strip('"').split(",")
        else:
            sheet, cells = formula.lstrip("=").split("!")
            choices = [row[0].value for row in wb[sheet.strip("'")][cells.replace("$", "")]]
        out[survey[f"{column}1"].value] = choices
    return out


@pytest.fixture(scope="module")
def default_wb() -> Workbook:
    return _open(default_framework())


def test_sheets(default_wb: Workbook) -> None:
    assert default_wb.sheetnames == [SURVEY_SHEET, INSTRUCTIONS_SHEET, SKILLS_SHEET]


def test_header_has_one_column_per_skill_in_framework_order(default_wb: Workbook) -> None:
    framework = default_framework()
    survey = default_wb[SURVEY_SHEET]
    header = [cell.value for cell in survey[1]]
    assert header == [
        *PERSON_HEADERS,
        *(f"Rate your skills [{s.name}]" for s in framework.skills),
    ]
    assert len(header) == len(PERSON_HEADERS) + 25
    assert survey.max_row == 1, "the template has no data rows"
    assert survey.freeze_panes is not None and survey.freeze_panes.endswith("2")


def test_dropdowns(default_wb: Workbook) -> None:
    framework = default_framework()
    dropdowns = _dropdowns(default_wb)
    assert dropdowns["Role"] == [r.name for r in framework.roles]
    assert dropdowns["Rater"] == ["self", "manager"]
    assert dropdowns[f"Rate your skills [{framework.skills[0].name}]"] == [
        "1 - Beginner",
        "2 - Developing",
        "3 - Intermediate",
        "4 - Advanced",
        "5 - Expert",
        "N/A",
    ]
    rating = next(
        v for v in default_wb[SURVEY_SHEET].data_validations.dataValidation if str(v.sqref).startswith("G2")
    )
    assert str(rating.sqref).split(":")[1].startswith("AE"), "covers all 25 skill columns"


def test_instructions_explain_scale_roles_and_rounds(default_wb: Workbook) -> None:
    framework = default_framework()
    text = " ".join(
        str(v) for row in default_wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True) for v in row if v
    )
    for level in framework.scale.levels:
        assert level.name in text and level.description in text
    for role in framework.roles:
        assert role.name in text
    assert "N/A" in text and "not applicable" in text.lower()
    assert "Round" in text and "sheet per round" in text


def test_skills_sheet_lists_area_skill_description(default_wb: Workbook) -> None:
    framework = default_framework()
    rows = list(default_wb[SKILLS_SHEET].iter_rows(values_only=True))
    levels = framework.scale.levels
    assert rows[0] == ("Area", "Skill", "Description", *(f"{lv.value} = {lv.name}" for lv in levels))
    assert rows[1:] == [
        (framework.area(s.area_id).name, s.name, s.description, *(text for _, text in s.levels))
        for s in framework.skills
    ]


def test_custom_framework() -> None:
    framework = framework_from_dict(CUSTOM)
    wb = _open(framework)
    header = [cell.value for cell in wb[SURVEY_SHEET][1]]
    assert header[len(PERSON_HEADERS) :] == [
        "Rate your skills [Prospecting]",
        "Rate your skills [Closing deals]",
        "Rate your skills [=Renewals]",
    ]
    dropdowns = _dropdowns(wb)
    assert dropdowns["Role"] == ["Sales rep, EMEA", "Sales lead"]
    assert dropdowns["Rate your skills [Prospecting]"] == [
        "1 - Learning",
        "2 - Doing",
        "3 - Leading",
        "4 - Shaping",
        "N/A",
    ]
    # A skill name starting with '=' stays text and never turns into a formula.
    renewals = next(row for row in wb[SKILLS_SHEET].iter_rows() if row[1].value == "=Renewals")
    assert renewals[1].data_type == "s"


@pytest.mark.parametrize("text", ["=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx"])
def test_every_formula_like_start_is_written_as_text(text: str) -> None:
    # The template uses the same formula-like rule as the reports (analytics.safety).
    from openpyxl import Workbook as NewBook

    from analytics import survey_template

    ws = NewBook().active
    assert ws is not None
    cell = survey_template._put(ws, 1, 1, text)
    assert cell.data_type == "s"
    assert cell.value == text


@pytest.mark.parametrize("language", ["en", "id"])
def test_a_filled_in_template_reads_back_without_fixes(language: str) -> None:
    # The template speaks the session's language, and what its dropdowns offer is what the
    # survey reader takes back: every column matched, every answer a rating or not applicable.
    framework = default_framework()
    with i18n.language(language):
        wb = _open(framework)
        assert wb.sheetnames == [i18n._(SURVEY_SHEET), i18n._(INSTRUCTIONS_SHEET), i18n._(SKILLS_SHEET)]
        survey = wb[i18n._(SURVEY_SHEET)]
        header = [cell.value for cell in survey[1]]
        drops = _dropdowns(wb, survey.title)
        roles, raters = drops[header[3]], drops[header[4]]
        scale = drops[header[len(PERSON_HEADERS)]]
        skills = len(framework.skills)
        # Ana rates herself 1,2,3,4,5,1,... with N/A for the last skill; her manager says 3 to all;
        # Budi, in the second role, rates himself from 3 on.
        rows = [
            ["Ana", "ana@x.com", "Growth", roles[0], raters[0], "2026-Q3"]
            + [scale[i % 5] for i in range(skills - 1)]
            + [scale[-1]],
            ["Ana", "ana@x.com", "Growth", roles[0], raters[1], "2026-Q3"] + [scale[2]] * skills,
            ["Budi", "budi@x.com", "Care", roles[1], raters[0], "2026-Q3"]
            + [scale[(i + 2) % 5] for i in range(skills)],
        ]
        for row in rows:
            survey.append(row)
        out = io.BytesIO()
        wb.save(out)
        result = read_survey(out.getvalue(), framework, "template.xlsx")
    assert result.unmatched_columns == []
    assert list(result.mapping.values()) == [s.id for s in framework.skills]
    assert not [i for i in result.issues if i.severity in ("error", "warning")], result.issues
    r = result.ratings
    by = r.set_index([c.NAME, c.RATER, c.SKILL_ID])[c.RATING]
    first, last = framework.skills[0].id, framework.skills[-1].id
    assert by[("Ana", c.SELF, first)] == 1 and by[("Ana", c.SELF, framework.skills[3].id)] == 4
    assert np.isnan(by[("Ana", c.SELF, last)])
    assert (by.xs(("Ana", c.MANAGER), level=[0, 1]) == 3).all()
    assert by[("Budi", c.SELF, first)] == 3 and by[("Budi", c.SELF, last)] == (skills - 1 + 2) % 5 + 1
    assert set(r[c.ROLE_ID]) == {framework.roles[0].id, framework.roles[1].id}
    assert set(r[c.ROUND]) == {"2026-Q3"} and set(r[c.TEAM]) == {"Growth", "Care"}


def test_the_indonesian_template_speaks_indonesian() -> None:
    framework = default_framework()
    with i18n.language("id"):
        wb = _open(framework)
    survey = wb["Survei"]
    header = [cell.value for cell in survey[1]]
    assert header[: len(PERSON_HEADERS)] == ["Nama", "Email", "Tim", "Peran", "Penilai", "Putaran"]
    assert header[len(PERSON_HEADERS)] == f"Nilai kemampuan Anda [{framework.skills[0].name_id}]"
    drops = _dropdowns(wb, "Survei")
    assert drops["Penilai"] == ["diri sendiri", "atasan"]
    assert drops[header[len(PERSON_HEADERS)]][2] == "3 - Menengah"
    guide = " ".join(str(v) for row in wb["Petunjuk"].iter_rows(values_only=True) for v in row if v)
    assert "Cara mengisi survei keterampilan ini" in guide and "How to" not in guide
    rater = next(v for v in survey.data_validations.dataValidation if str(v.sqref).startswith("E2"))
    assert rater.prompt.startswith("diri sendiri = Anda menilai diri sendiri")
