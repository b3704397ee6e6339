"""Priorities page: the filtered view in, the priority bubble chart, ranking, cohorts and training plan out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import views as vw
from pages import _shared as ui

view = ui.view()
ui.header("Priorities & training plan", view)
ui.stop_if_empty(view)
fw = view.framework

ranked = vw.priority_table(view.pairs, fw)
st.plotly_chart(
    charts.priority_bubbles(ranked, "What to train first: importance against shortfall"), key="prio_bubbles"
)
st.caption(
    "Top right matters most: important skills where people fall far short. Bubble size is people below "
    "target; the five highest priorities are named, hover any bubble for its figures."
)

st.subheader("Ranked priorities")
ui.priority_table(ranked, key="prio_table", with_ratings=True)

st.subheader("Cohorts: people who share a gap")
cohorts = vw.cohorts(view.pairs, fw)
if len(cohorts):
    st.dataframe(
        cohorts,
        hide_index=True,
        key="prio_cohorts",
        column_order=["skill", "area", "people", "teams", "mean_shortfall", "names"],
        column_config={
            "skill": "Skill",
            "area": "Area",
            "people": "People",
            "teams": "Teams",
            "mean_shortfall": st.column_config.NumberColumn("Mean shortfall", format="%.2f"),
            "names": st.column_config.TextColumn("Who", width="large"),
        },
    )
else:
    st.success("Nobody in this selection is below target on any skill: no cohorts to train.")

st.subheader("Training plan")
top = st.number_input(
    "Plan for how many top priorities",
    min_value=1,
    max_value=max(len(ranked), 1),
    value=min(5, max(len(ranked), 1)),
    key="prio_top",
)
plan = vw.training_plan(ranked, fw, top)
if len(plan):
    cols = st.columns(3)
    cols[0].metric("Learning actions", len(plan), help="One suggested action per skill")
    cols[1].metric("Hours per person, all suggested actions", f"{plan['hours'].sum():g}")
    cols[2].metric(
        "Total hours",
        f"{plan['total_hours'].sum():,.0f}",
        help="Each suggested action taken once by everyone below target; other options are not added",
    )
    st.dataframe(
        plan,
        hide_index=True,
        key="prio_plan",
        column_order=[
            "skill",
            "title",
            "format",
            "hours",
            "people_affected",
            "total_hours",
            "description",
            "alternatives",
        ],
        column_config={
            "skill": "Skill",
            "title": "Suggested action",
            "format": "Format",
            "hours": "Hours each",
            "people_affected": "People",
            "total_hours": st.column_config.NumberColumn("Total hours", format="%.0f"),
            "description": "What",
            "alternatives": st.column_config.TextColumn("Other options (instead)", width="large"),
        },
    )
else:
    st.info("The top priorities have nobody below target or no learning actions in the framework.")
