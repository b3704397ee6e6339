"""Competencies page: the filtered view and a chosen area or skill in, its distribution, coverage, mentors and gaps out."""

from __future__ import annotations

import streamlit as st

from analytics import charts, gaps
from analytics.i18n import N_, _, plural
from analytics.views import fields as f
from analytics.views.competencies import competency_view
from analytics.views.formats import counted, format_number
from ui import state, widgets

view = state.view()
widgets.header(_("Competencies"), view)
widgets.stop_if_empty(view)
fw = view.framework

left, right = st.columns(2)
# Built during the run, in the session's language: Streamlit may call format_func on another thread.
area_labels = {a.id: a.shown_name for a in fw.areas}
area_id = left.selectbox(_("Area"), list(area_labels), format_func=area_labels.__getitem__, key="comp_area")
skill_labels = {"": _("All skills in this area"), **{s.id: s.shown_name for s in fw.skills}}
skill_id = right.selectbox(
    _("Skill"),
    ["", *(s.id for s in fw.area(area_id).skills)],
    format_func=skill_labels.__getitem__,
    key="comp_skill",
)
shown = competency_view(view.pairs, fw, area_id, skill_id or None, view.hide)
if shown is None:
    what = fw.skill(skill_id).shown_name if skill_id else fw.area(area_id).shown_name
    st.info(
        _(
            "Nobody in this selection has a rating for {what}: every answer was not applicable or missing. "
            "Pick another area or skill, or widen the filters in the sidebar."
        ).format(what=widgets.safe(what)),
        icon=":material/info:",
    )
    widgets.end_page()

distribution_title = _("Ratings by role: {what}").format(what=shown.what)
widgets.chart(
    charts.distribution_chart(shown.distribution, shown.targets, fw.scale, distribution_title),
    key="comp_distribution",
    narrow=charts.distribution_chart(
        shown.distribution, shown.targets, fw.scale, distribution_title, narrow=True
    ),
)
if not shown.skill_chosen:
    st.caption(
        _(
            "Targets differ by skill, so one rating level can be below target on one skill and at it on "
            "another: those ratings are drawn as two bubbles side by side."
        )
    )
widgets.chart(
    charts.coverage_chart(
        shown.coverage, _("Who can do it: at target, and strong backups: {what}").format(what=shown.what)
    ),
    key="comp_coverage",
)
if shown.hidden_roles:
    st.caption(
        plural(
            "{roles} role held by fewer than {n} people here is not shown, so nobody can be singled out.",
            "{roles} roles held by fewer than {n} people here are not shown, so nobody can be singled out.",
            shown.hidden_roles,
        ).format(roles=format_number(shown.hidden_roles, f.COUNT), n=view.hide)
    )
missing = widgets.missing_figure(view)
cols = st.columns(3)
cols[0].metric(_("People rated"), widgets.number(shown.people, f.COUNT))
cols[1].metric(
    _("Readiness"),
    widgets.number(shown.readiness, f.PERCENT, missing),
    help=_("Share of rated skills at target"),
)
cols[2].metric(_("People below target"), widgets.number(shown.people_below, f.COUNT, missing))

# One table above the other: side by side, their number columns were cut off.
st.subheader(shown.mentors.title)
if shown.n_mentors:
    widgets.table(shown.mentors, key="comp_mentors")
    st.caption(counted(shown.n_mentors, N_("person"), N_("people")) + ". " + shown.mentors.note)
else:
    st.info(
        _("Nobody here is rated {level} or more on {what}: a mentor may have to come from outside.").format(
            level=gaps.BENCH_LEVEL, what=widgets.safe(shown.what)
        )
    )
st.subheader(shown.below.title)
if shown.n_below:
    widgets.table(shown.below, key="comp_below")
    st.caption(counted(shown.n_below, N_("person"), N_("people")) + ". " + shown.below.note)
else:
    st.success(_("Everybody in this selection is at target on {what}.").format(what=widgets.safe(shown.what)))
