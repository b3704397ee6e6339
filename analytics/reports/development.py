"""One-page development plans: a :class:`DevelopmentPlan` in, an A4 PDF for a person's 1:1 out.

Each plan has the person's ratings against their role's target as bars (drawn with the PDF's
own shapes, so no browser is needed and a team's plans take a second or two), then what to
work on (action, hours, start and mentor), what the levels look like in the framework's
words, and the skills the role does not need. One or two pages per person; a team's plans
come as a zip of one PDF each, named after the person.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import pandas as pd

from analytics import columns as c
from analytics.i18n import N_, _
from analytics.progress import Progress
from analytics.reports.pdf import Document, draw_rows, note_line, section_heading
from analytics.text import file_slug
from analytics.views import fields as f
from analytics.views.development import DevelopmentPlan
from analytics.views.formats import DASH, counted, format_column, format_number
from analytics.views.people import LEVEL_FIELDS, NOW, TARGET_LEVEL

_BAR: tuple[int, int, int] = (46, 117, 182)
_BELOW: tuple[int, int, int] = (237, 125, 49)
_TRACK: tuple[int, int, int] = (230, 230, 230)
_TARGET: tuple[int, int, int] = (31, 56, 100)
_MANAGER: tuple[int, int, int] = (112, 48, 160)
_LABEL_W, _BAR_W, _ROW_H = 62.0, 92.0, 4.2
# The gaps whose levels are described: the largest, as a 1:1 has time for.
LEVELS_SHOWN = 5
_ACTION_WIDTHS = (34.0, 11.0, 13.0, 41.0, 17.0, 12.0, 21.0, 21.0, 10.0)
_LEVEL_WIDTHS = (40.0, 70.0, 70.0)


def write_development_plan(plan: DevelopmentPlan) -> bytes:
    pdf = Document(plan.title, " · ".join((_("Team Skills-Gap Dashboard"), plan.framework_name)))
    _person(pdf, plan)
    return bytes(pdf.output())


def write_development_plans(plans: Sequence[DevelopmentPlan], progress: Progress | None = None) -> bytes:
    """A zip of one PDF per person, named after them (two people of one name are told apart).

    ``progress`` hears each person's turn: a team's zip takes a while, one PDF after another.
    """
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, plan in enumerate(plans):
            if progress is not None:
                step = _("Plan {n} of {total}: {name}").format(
                    n=done + 1, total=len(plans), name=plan.person.name
                )
                progress(done / max(len(plans), 1), step)
            name = file_name(plan.person.name)
            stem, n = name, 2
            while name in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name)
            archive.writestr(f"{name}.pdf", write_development_plan(plan))
    return buffer.getvalue()


def file_name(person: str) -> str:
    """A person's plan as a file name, in the session's language ("development-plan-siti-rahmawati")."""
    what, nobody = _("development-plan"), _("person")
    return f"{file_slug(what)}-{file_slug(person) or file_slug(nobody)}"


def team_file_name(team: str) -> str:
    """A team's zip of plans as a file name ("development-plans-growth")."""
    what, nobody = _("development-plans"), _("team")
    return f"{file_slug(what)}-{file_slug(team) or file_slug(nobody)}"


def _person(pdf: Document, plan: DevelopmentPlan) -> None:
    person = plan.person
    pdf.add_page()
    pdf.set_font(pdf.font_name, "B", 16)
    pdf.set_text_color(*_TARGET)
    pdf.multi_cell(0, 8, pdf.plain(plan.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 9)
    pdf.set_text_color(0, 0, 0)
    about = [
        person.role,
        _("team {team}").format(team=person.team),
        _("round {round}").format(round=plan.round) if plan.round else "",
        _("made {date}").format(date=plan.generated_at.strftime("%Y-%m-%d")),
    ]
    pdf.multi_cell(0, 5, pdf.plain(" · ".join(a for a in about if a)), new_x="LMARGIN", new_y="NEXT")
    figures = _(
        "{skills} rated, {below} below target, {share} at target; {hours} hours of learning planned."
    ).format(
        skills=counted(person.rated, N_("skill"), N_("skills")),
        below=format_number(person.below, f.COUNT),
        share=format_number(person.readiness, f.PERCENT),
        hours=format_number(plan.hours, f.HOURS),
    )
    pdf.multi_cell(0, 5, figures, new_x="LMARGIN", new_y="NEXT")
    section_heading(pdf, _("Ratings against the role's target"))
    _bars(pdf, person.profile, plan)
    section_heading(pdf, plan.actions.title)
    if plan.actions.note:
        note_line(pdf, plan.actions.note)
    _table(pdf, plan.actions.frame, plan.actions.columns, _ACTION_WIDTHS, plan.actions)
    levels = person.levels
    if len(levels.frame):
        section_heading(pdf, levels.title)
        shown = levels.frame.head(LEVELS_SHOWN)
        more = (
            _("The {n} largest gaps are shown.").format(n=len(shown))
            if len(levels.frame) > LEVELS_SHOWN
            else ""
        )
        note_line(pdf, f"{levels.note} {more}" if more else levels.note)
        _table(pdf, shown, (f.SKILL, NOW, TARGET_LEVEL), _LEVEL_WIDTHS, levels)
    if person.not_required:
        note_line(
            pdf,
            _("Not required for this role (not counted as gaps): {skills}.").format(
                skills=", ".join(person.not_required)
            ),
        )


def _bars(pdf: Document, profile: pd.DataFrame, plan: DevelopmentPlan) -> None:
    """One row per rated skill: a bar to the rating (orange when below target), a dark tick at the
    target and, where the manager rated too, a purple dot at their rating."""
    scale_max = max(float(profile[c.TARGET].max() if len(profile) else 5), 5.0)
    low = 0.0
    x0 = pdf.l_margin + _LABEL_W
    legend = (
        _(
            "Bar: the rating gaps are measured on ({source}), orange where below the role's target. "
            "Dark tick: the target. Purple dot: the manager's rating."
        )
        if plan.person.has_manager_rating
        else _(
            "Bar: the rating gaps are measured on ({source}), orange where below the role's target. "
            "Dark tick: the target."
        )
    )
    note_line(pdf, legend.format(source=_(plan.source_label or N_("Self ratings")).lower()))
    pdf.set_font(pdf.font_name, "", 8)
    for _i, row in profile.iterrows():  # one row per skill of one person
        if pdf.will_page_break(_ROW_H):
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(_LABEL_W - 2, _ROW_H, pdf.plain(row[f.SKILL])[:44])
        pdf.set_fill_color(*_TRACK)
        pdf.rect(x0, y + 1.2, _BAR_W, _ROW_H - 2.4, style="F")
        rating, target = row[c.RATING], row[c.TARGET]
        if pd.notna(rating):
            below = pd.notna(target) and float(rating) < float(target)
            pdf.set_fill_color(*(_BELOW if below else _BAR))
            pdf.rect(x0, y + 1.2, _BAR_W * (float(rating) - low) / scale_max, _ROW_H - 2.4, style="F")
        if pd.notna(target):
            tx = x0 + _BAR_W * float(target) / scale_max
            pdf.set_draw_color(*_TARGET)
            pdf.set_line_width(0.7)
            pdf.line(tx, y + 0.5, tx, y + _ROW_H - 0.5)
            pdf.set_line_width(0.2)
            pdf.set_draw_color(0, 0, 0)
        manager = row.get(c.MANAGER)
        if manager is not None and pd.notna(manager):
            pdf.set_fill_color(*_MANAGER)
            mx = x0 + _BAR_W * float(manager) / scale_max
            pdf.ellipse(mx - 1.0, y + _ROW_H / 2 - 1.0, 2.0, 2.0, style="F")
        shown = f"{format_number(float(rating), f.LEVEL) if pd.notna(rating) else DASH} / {format_number(float(target), f.LEVEL)}"
        pdf.set_xy(x0 + _BAR_W + 2, y)
        pdf.cell(0, _ROW_H, shown)
        pdf.set_xy(pdf.l_margin, y + _ROW_H)
    pdf.set_fill_color(255, 255, 255)  # the tables after draw their own fills
    pdf.ln(2)


def _table(
    pdf: Document, frame: pd.DataFrame, columns: Sequence[str], widths: Sequence[float], table: f.Table
) -> None:
    if frame.empty:
        pdf.set_font(pdf.font_name, "", 9)
        pdf.multi_cell(0, 5, _("Nothing below target: no learning is needed."), new_x="LMARGIN", new_y="NEXT")
        return
    kinds = [table.kind(name) if name not in LEVEL_FIELDS else f.TEXT for name in columns]
    body = [
        [pdf.plain(x) for x in format_column(frame[name], kind, DASH if kind != f.TEXT else "")]
        for name, kind in zip(columns, kinds, strict=True)
    ]
    draw_rows(pdf, [table.heading(name) for name in columns], widths, kinds, body)
