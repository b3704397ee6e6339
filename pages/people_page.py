"""People page: the filtered view and a chosen person in, their radar against target, ranked gaps and plan out."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from analytics import charts, i18n
from analytics import columns as c
from analytics.reports.development import file_name
from analytics.views import fields as f
from analytics.views.development import development_plan
from analytics.views.formats import counted
from analytics.views.names import people_index
from analytics.views.people import person_view
from ui import analysis, state, widgets

view = state.view()
widgets.header("People", view)
widgets.stop_if_empty(view)
fw = view.framework

people = people_index(view.pairs)
person = st.selectbox("Person", list(people), format_func=people.__getitem__, key="people_person")
shown = person_view(view.ratings, view.pairs, person, fw, view.filters.round, view.source_label)
if shown is None:
    st.info("Pick a person from the list.", icon=":material/info:")
    widgets.end_page()

st.markdown(f"**{widgets.safe(shown.name)}** · {widgets.safe(shown.role)} · team {widgets.safe(shown.team)}")
cols = st.columns(3)
cols[0].metric("Skills rated", shown.rated)
cols[1].metric("Below target", shown.below)
cols[2].metric(
    "Readiness",
    widgets.number(shown.readiness, f.PERCENT),
    help="Share of rated skills at or above the role target",
)

widgets.chart(
    charts.radar_chart(shown.profile, fw.scale, f"{shown.name}: ratings against the {shown.role} target"),
    key="people_radar",
)
if not shown.has_manager_rating:
    st.caption("No manager rating for this person in this round, so only the self rating is drawn.")

st.subheader(shown.gaps.title)
widgets.table(shown.gaps, key="people_gaps")

if len(shown.levels.frame):
    st.subheader(shown.levels.title)
    widgets.table(shown.levels, key="people_levels")
if shown.not_required:
    st.caption(
        f"Not required for the {widgets.safe(shown.role)} role, so not counted as a gap: "
        f"{widgets.safe(', '.join(shown.not_required))}."
    )

team_plan = analysis.priorities(
    view.data, fw, view.options, view.source, view.filters, view.choices, view.hide, i18n.current()
).plan
development = development_plan(shown, team_plan, fw, view.filters.round, datetime.now(UTC), view.source_label)
st.subheader(development.actions.title)
if len(development.actions):
    st.metric(
        "Total learning hours", widgets.number(development.hours, f.HOURS), help=development.actions.note
    )
    widgets.table(development.actions, key="people_plan")
else:
    st.success(
        f"{widgets.safe(shown.name)} is at or above target on every rated skill: no learning actions needed."
    )

st.subheader("Development plan for a 1:1")
st.caption(
    "One or two A4 pages: ratings against the role's target, what to work on with the training plan's "
    "actions, dates and mentors, and what the levels look like."
)
team = view.pairs[(view.pairs[c.TEAM].astype(str) == shown.team).to_numpy(dtype=bool)]
team_people = list(dict.fromkeys(team.sort_values(c.NAME)[c.RESPONDENT_ID].astype(str)))
left, right = st.columns(2)
left.download_button(
    "Download this plan (PDF)",
    data=state.development_builder(view, [person], zipped=False),
    file_name=f"{file_name(shown.name)}.pdf",
    mime="application/pdf",
    key="people_plan_pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
right.download_button(
    f"Plans for everyone in {widgets.safe(shown.team)} (zip, {counted(len(team_people), 'person', 'people')})",
    data=state.development_builder(view, team_people, zipped=True),
    file_name=f"development-plans-{file_name(shown.team).removeprefix('development-plan-')}.zip",
    mime="application/zip",
    key="people_team_zip",
    icon=":material/folder_zip:",
    on_click="ignore",
)
