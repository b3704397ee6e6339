"""People page: the filtered view and a chosen person in, their radar against target, ranked gaps and plan out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import views as vw
from pages import _shared as ui

view = ui.view()
ui.header("People", view)
ui.stop_if_empty(view)
fw = view.framework

people = vw.people_index(view.pairs)
person = st.selectbox("Person", list(people), format_func=people.__getitem__, key="people_person")
profile = vw.person_profile(view.ratings, view.pairs, person, fw, view.filters.round)
gap_table = vw.person_gaps(view.pairs, person, fw)
who = vw.person_summary(view.pairs, person)
name, role = who.name, ui.role_name(who.role_id)

st.markdown(f"**{name}** · {role} · team {who.team}")
cols = st.columns(3)
cols[0].metric("Skills rated", who.rated)
cols[1].metric("Below target", who.below)
cols[2].metric("Readiness", f"{who.readiness:.0%}", help="Share of rated skills at or above the role target")

st.plotly_chart(
    charts.radar_chart(profile, fw.scale, f"{name}: ratings against the {role} target"), key="people_radar"
)
if profile["manager"].isna().all():
    st.caption("No manager rating for this person in this round, so only the self rating is drawn.")

st.subheader("Gaps, largest weighted shortfall first")
st.dataframe(
    gap_table,
    hide_index=True,
    key="people_gaps",
    column_order=["skill", "area", "rating", "target", "gap", "importance", "weighted_shortfall"],
    column_config={
        "skill": "Skill",
        "area": "Area",
        "rating": st.column_config.NumberColumn(f"Rating ({view.source_label.lower()})", format="%.1f"),
        "target": st.column_config.NumberColumn("Target", format="%.1f"),
        "gap": st.column_config.NumberColumn("Gap", format="%.1f", help="Target minus rating"),
        "importance": "Importance",
        "weighted_shortfall": st.column_config.NumberColumn("Weighted shortfall", format="%.1f"),
    },
)

st.subheader("Learning plan")
plan = vw.person_plan(gap_table, fw)
if len(plan):
    st.metric(
        "Total learning hours",
        f"{plan['hours'].sum():g}",
        help="The suggested action of each skill below target; other options are alternatives, not added",
    )
    st.dataframe(
        plan,
        hide_index=True,
        key="people_plan",
        column_order=["skill", "title", "format", "hours", "description", "alternatives"],
        column_config={
            "skill": "Skill",
            "title": "Suggested action",
            "format": "Format",
            "hours": "Hours",
            "description": "What",
            "alternatives": st.column_config.TextColumn("Other options (instead)", width="large"),
        },
    )
else:
    st.success(f"{name} is at or above target on every rated skill: no learning actions needed.")
