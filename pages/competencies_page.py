"""Competencies page: the filtered view and a chosen area or skill in, its distribution, coverage, mentors and gaps out."""

from __future__ import annotations

import streamlit as st

from analytics import charts, gaps
from analytics import views as vw
from pages import _shared as ui

view = ui.view()
ui.header("Competencies", view)
ui.stop_if_empty(view)
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
scope = vw.scope_pairs(view.pairs, area_id, skill_id or None)
what = fw.skill(skill_id).name if skill_id else fw.area(area_id).name
if not len(scope):
    st.info(
        f"Nobody in this selection has a rating for {what}: every answer was not applicable or missing. "
        "Pick another area or skill, or widen the filters in the sidebar.",
        icon=":material/info:",
    )
    st.stop()

st.plotly_chart(
    charts.distribution_chart(
        vw.distribution(scope, fw), vw.role_targets(scope, fw), fw.scale, f"Ratings by role: {what}"
    ),
    key="comp_distribution",
)
if not skill_id:
    st.caption(
        "Targets differ by skill, so one rating level can be below target on one skill and at it on "
        "another: those ratings are drawn as two bubbles side by side."
    )

coverage = vw.skill_coverage(scope, fw)
st.plotly_chart(charts.coverage_chart(coverage, f"Coverage and bench strength: {what}"), key="comp_coverage")
summary = gaps.summarise(scope)
cols = st.columns(3)
cols[0].metric("People rated", f"{int(summary[gaps.N_PEOPLE].iloc[0]):,}")
cols[1].metric("Readiness", f"{summary[gaps.READINESS].iloc[0]:.0%}", help="Share of rated skills at target")
cols[2].metric("People below target", f"{int(summary[gaps.PEOPLE_BELOW].iloc[0]):,}")

people_columns = {
    "name": "Name",
    "team": "Team",
    "role_name": "Role",
    "mean_rating": st.column_config.NumberColumn("Mean rating", format="%.2f"),
    "mean_target": st.column_config.NumberColumn("Mean target", format="%.2f"),
    "mean_shortfall": st.column_config.NumberColumn("Mean shortfall", format="%.2f"),
    "skills_below": st.column_config.NumberColumn("Skills below target", format="%d"),
    "n_pairs": st.column_config.NumberColumn("Skills rated", format="%d"),
}
# One table above the other: side by side, their number columns were cut off.
scores = vw.person_scores(scope)
mentors = vw.mentors(scores, fw)
st.subheader(f"Mentors (rated {gaps.BENCH_LEVEL} or more)")
if len(mentors):
    st.dataframe(
        mentors.head(50),
        hide_index=True,
        key="comp_mentors",
        column_order=["name", "team", "role_name", "mean_rating", "n_pairs"],
        column_config=people_columns,
    )
    st.caption(f"{vw.counted(len(mentors), 'person', 'people')}; the strongest 50 at most are listed.")
else:
    st.info(
        f"Nobody here is rated {gaps.BENCH_LEVEL} or more on {what}: a mentor may have to come from outside."
    )
below = vw.below_target(scores, fw)
st.subheader("Below target")
if len(below):
    st.dataframe(
        below.head(50),
        hide_index=True,
        key="comp_below",
        column_order=["name", "team", "role_name", "mean_rating", "mean_target", "skills_below"],
        column_config=people_columns,
    )
    st.caption(
        f"{vw.counted(len(below), 'person', 'people')}, largest weighted shortfall first; "
        "at most 50 are listed."
    )
else:
    st.success(f"Everybody in this selection is at target on {what}.")
