"""People page: the filtered view and a chosen person in, their radar against target, ranked gaps and plan out."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from analytics import charts, i18n
from analytics.i18n import N_, _
from analytics.reports.development import file_name, team_file_name
from analytics.views import fields as f
from analytics.views.development import development_plan
from analytics.views.formats import counted
from analytics.views.names import people_index, team_members
from analytics.views.people import person_view
from ui import analysis, state, widgets
from ui.progress import with_progress

view = state.view()
widgets.header(_("People"), view)
widgets.stop_if_empty(view)
fw = view.framework

people = people_index(view.pairs)
person = st.selectbox(_("Person"), list(people), format_func=people.__getitem__, key="people_person")
shown = person_view(view.ratings, view.pairs, person, fw, view.filters.round, view.source_label)
if shown is None:
    st.info(_("Pick a person from the list."), icon=":material/info:")
    widgets.end_page()

st.markdown(
    _("**{name}** · {role} · team {team}").format(
        name=widgets.safe(shown.name), role=widgets.safe(shown.role), team=widgets.safe(shown.team)
    )
)
cols = st.columns(3)
cols[0].metric(_("Skills rated"), widgets.number(shown.rated, f.COUNT))
cols[1].metric(_("Below target"), widgets.number(shown.below, f.COUNT))
cols[2].metric(
    _("Readiness"),
    widgets.number(shown.readiness, f.PERCENT),
    help=_("Share of rated skills at or above the role target"),
)

profile_title = _("{name}: ratings against the {role} target").format(name=shown.name, role=shown.role)
widgets.chart(
    charts.radar_chart(shown.profile, fw.scale, profile_title),
    key="people_radar",
    narrow=charts.profile_bars(shown.profile, fw.scale, profile_title),
)
if not shown.has_manager_rating:
    st.caption(_("No manager rating for this person in this round, so only the self rating is drawn."))

st.subheader(shown.gaps.title)
widgets.table(shown.gaps, key="people_gaps")

if len(shown.levels.frame):
    st.subheader(shown.levels.title)
    widgets.text_rows(shown.levels, key="people_levels")
if shown.not_required:
    st.caption(
        _("Not required for the {role} role, so not counted as a gap: {skills}.").format(
            role=widgets.safe(shown.role), skills=widgets.safe(", ".join(shown.not_required))
        )
    )

team_plan = analysis.priorities(
    view.data, fw, view.options, view.source, view.filters, view.choices, view.hide, i18n.current()
).plan
development = development_plan(shown, team_plan, fw, view.filters.round, datetime.now(UTC), view.source_label)
st.subheader(development.actions.title)
if len(development.actions):
    st.metric(
        _("Total learning hours"), widgets.number(development.hours, f.HOURS), help=development.actions.note
    )
    widgets.table(development.actions, key="people_plan")
else:
    st.success(
        _("{name} is at or above target on every rated skill: no learning actions needed.").format(
            name=widgets.safe(shown.name)
        )
    )

st.subheader(_("Development plan for a 1:1"))
st.caption(
    _(
        "One or two A4 pages: ratings against the role's target, what to work on with the training plan's "
        "actions, dates and mentors, and what the levels look like."
    )
)
team_people = team_members(view.pairs, shown.team)
left, right = st.columns(2)
left.download_button(
    _("Download this plan (PDF)"),
    data=state.development_builder(view, [person], zipped=False),
    file_name=f"{file_name(shown.name)}.pdf",
    mime="application/pdf",
    key="people_plan_pdf",
    icon=":material/picture_as_pdf:",
    on_click="ignore",
)
team_label = _("Plans for team {team} (zip, {people})").format(
    team=widgets.safe(shown.team), people=counted(len(team_people), N_("person"), N_("people"))
)
# Made first with a bar that names each person in turn (a team's PDFs take seconds); the
# download then takes the plans just made from the cache.
if right.button(team_label, key="people_team_prepare", icon=":material/folder_zip:"):
    with right:
        with_progress(
            lambda progress: state.prepare_development_zip(view, team_people, progress),
            _("Writing the plans..."),
        )
    right.download_button(
        _("Download the zip"),
        data=state.development_builder(view, team_people, zipped=True),
        file_name=f"{team_file_name(shown.team)}.zip",
        mime="application/zip",
        key="people_team_zip",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
    )
