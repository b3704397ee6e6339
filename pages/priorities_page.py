"""Priorities page: the filtered view and the planner's choices in, the priority chart, ranking, cohorts and plan out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.views import fields as f
from analytics.views.priorities import priorities_view
from ui import rounds, state, widgets

view = state.view()
widgets.header("Priorities & training plan", view)
widgets.stop_if_empty(view)
shown = priorities_view(view.pairs, view.framework, view.choices)
ranked = shown.ranked

st.plotly_chart(charts.priority_bubbles(ranked.frame, charts.PRIORITY_TITLE), key="prio_bubbles")
st.caption(
    "Top right matters most: important skills where people fall far short. Bubble size is people below "
    "target; the five highest priorities are named, hover any bubble for its figures."
)

st.subheader(ranked.title)
st.caption(ranked.note)
widgets.table(ranked, key="prio_table")

st.subheader(shown.cohorts.title)
if len(shown.cohorts):
    st.caption(shown.cohorts.note)
    widgets.table(shown.cohorts, key="prio_cohorts")
else:
    st.success("Nobody in this selection is below target on any skill: no cohorts to train.")

st.subheader("Training plan")
plan = shown.plan
# The choice is kept under a plain key, so the Reports page plans the same skills. It is
# bounded by the framework, not by this selection, so a filter never changes it behind the
# planner's back (a plan of more skills than anyone falls short on lists those there are).
most = max(len(view.framework.skills), 1)
st.session_state[state.PLAN_TOP_WIDGET] = min(view.choices.top, most)
st.number_input(
    "Plan for how many top priorities",
    min_value=1,
    max_value=most,
    key=state.PLAN_TOP_WIDGET,
    on_change=state.keep,
    args=(state.PLAN_TOP_WIDGET, state.PLAN_TOP),
    help="The reports' training plan covers the same skills.",
)
if plan.actions:
    cols = st.columns(3)
    cols[0].metric("Learning actions", plan.actions, help="One suggested action per skill")
    cols[1].metric("Hours per person, all suggested actions", widgets.number(plan.hours_each, f.HOURS))
    cols[2].metric(
        "Total hours",
        widgets.number(plan.total_hours, f.HOURS),
        help="Each suggested action taken once by everyone below target; other options are not added",
    )
    st.caption(plan.table.note)
    widgets.table(plan.table, key="prio_plan")
else:
    st.info("The top priorities have nobody below target.")

st.subheader("Keep this plan")
home = rounds.plan_round(view)
if home is None:
    st.caption(
        "Save a plan with a stored round to see later whether it worked: open a saved round on the Data page, "
        "choose it in the sidebar, then save the plan here. The Trends page compares the people it trained "
        "with the rest once a later round is in."
    )
elif plan.actions:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        "Name of the plan", value=f"Plan for {home.name}", key=rounds.PLAN_NAME_WIDGET, max_chars=200
    )
    right.button(
        "Save with the round",
        key="prio_save_plan",
        on_click=rounds.save_plan,
        args=(view, plan),
        icon=":material/save:",
        help="Keeps which skills this plan covers and who is in each cohort. Saving again under the same name replaces it.",
    )
