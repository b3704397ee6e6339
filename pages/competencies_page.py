"""Competencies page: the filtered view and a chosen area or skill in, its distribution, coverage, mentors and gaps out."""

from __future__ import annotations

import streamlit as st

from analytics import charts, gaps
from analytics.views import fields as f
from analytics.views.competencies import competency_view
from analytics.views.formats import counted
from ui import state, widgets

view = state.view()
widgets.header("Competencies", view)
widgets.stop_if_empty(view)
fw = view.framework

left, right = st.columns(2)
area_id = left.selectbox(
    "Area", [a.id for a in fw.areas], format_func=lambda a: fw.area(a).name, key="comp_area"
)
skill_id = right.selectbox(
    "Skill",
    ["", *(s.id for s in fw.area(area_id).skills)],
    format_func=lambda s: fw.skill(s).name if s else "All skills in this area",
    key="comp_skill",
)
shown = competency_view(view.pairs, fw, area_id, skill_id or None, view.hide)
if shown is None:
    what = fw.skill(skill_id).name if skill_id else fw.area(area_id).name
    st.info(
        f"Nobody in this selection has a rating for {widgets.safe(what)}: every answer was not applicable or missing. "
        "Pick another area or skill, or widen the filters in the sidebar.",
        icon=":material/info:",
    )
    widgets.end_page()

widgets.chart(
    charts.distribution_chart(shown.distribution, shown.targets, fw.scale, f"Ratings by role: {shown.what}"),
    key="comp_distribution",
)
if not shown.skill_chosen:
    st.caption(
        "Targets differ by skill, so one rating level can be below target on one skill and at it on "
        "another: those ratings are drawn as two bubbles side by side."
    )
widgets.chart(
    charts.coverage_chart(shown.coverage, f"Coverage and bench strength: {shown.what}"), key="comp_coverage"
)
if shown.hidden_roles:
    st.caption(
        f"{counted(shown.hidden_roles, 'role')} held by fewer than {view.hide} people here "
        f"{'is' if shown.hidden_roles == 1 else 'are'} not shown, so nobody can be singled out."
    )
missing = widgets.missing_figure(view)
cols = st.columns(3)
cols[0].metric("People rated", widgets.number(shown.people, f.COUNT))
cols[1].metric(
    "Readiness", widgets.number(shown.readiness, f.PERCENT, missing), help="Share of rated skills at target"
)
cols[2].metric("People below target", widgets.number(shown.people_below, f.COUNT, missing))

# One table above the other: side by side, their number columns were cut off.
st.subheader(shown.mentors.title)
if shown.n_mentors:
    widgets.table(shown.mentors, key="comp_mentors")
    st.caption(f"{counted(shown.n_mentors, 'person', 'people')}. {shown.mentors.note}")
else:
    st.info(
        f"Nobody here is rated {gaps.BENCH_LEVEL} or more on {widgets.safe(shown.what)}: "
        "a mentor may have to come from outside."
    )
st.subheader(shown.below.title)
if shown.n_below:
    widgets.table(shown.below, key="comp_below")
    st.caption(f"{counted(shown.n_below, 'person', 'people')}. {shown.below.note}")
else:
    st.success(f"Everybody in this selection is at target on {widgets.safe(shown.what)}.")
