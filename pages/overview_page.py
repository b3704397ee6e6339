"""Overview page: the filtered view in, headline figures, the area chart, the heatmap and top priorities out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import views as vw
from pages import _shared as ui

view = ui.view()
ui.header("Overview", view)
ui.stop_if_empty(view)
fw = view.framework

areas = vw.area_summary(view.pairs, fw)
fragile = vw.single_points(view.pairs, fw)
top = vw.headline(view.pairs, fw, areas, fragile)
cols = st.columns(5)
cols[0].metric("People", f"{top.people:,}", help="People with at least one rated skill in this selection")
cols[1].metric(
    "Skills rated", f"{top.pairs:,}", help="Rated (person, skill) pairs; not applicable answers are left out"
)
cols[2].metric(
    "Team readiness", f"{top.readiness:.0%}", help="Share of rated skills at or above the role target"
)
cols[3].metric(
    "Weakest area",
    top.weakest_area,
    help=f"Largest mean shortfall below target ({top.weakest_shortfall:.2f} levels)",
)
cols[4].metric(
    "Single points of failure",
    f"{top.single_points:,}",
    help="Critical skills where a team has at most one person at target",
)

if top.single_points:
    with st.expander(f"Which skills hang on one person or nobody ({top.single_points})"):
        st.dataframe(
            fragile,
            hide_index=True,
            key="overview_fragile",
            column_order=["team", "skill", "area", "covered_by", "n_people"],
            column_config={
                "team": "Team",
                "skill": "Skill",
                "area": "Area",
                "covered_by": st.column_config.TextColumn(
                    "Only person at target", help="'nobody': no one in the team is at target"
                ),
                "n_people": "People rated",
            },
            placeholder=vw.NOBODY,
        )

st.plotly_chart(charts.area_chart(areas, fw.scale), key="overview_areas")

grid = vw.shortfall_grid(view.pairs, fw)
st.plotly_chart(
    charts.shortfall_heatmap(grid, f"Mean shortfall by {grid.row_title.lower()} and skill"),
    key="overview_heatmap",
)
st.caption(
    f"Grey cells are not rated: that {grid.row_title.lower()} has no rating with a target for the skill. "
    + (
        ""
        if grid.by_person
        else f"People are grouped by team because more than {grid.limit} are selected; filter to see people."
    )
)

st.subheader("Top priorities")
top_five = vw.top_priorities(vw.priority_table(view.pairs, fw))
if len(top_five):
    st.caption(
        f"Up to {vw.TOP_PRIORITIES} skills with the highest priority that someone falls short on; "
        "skills where everybody is at target are left out."
    )
    ui.priority_table(top_five, key="overview_priorities")
else:
    st.success("Nobody in this selection is below target on any skill: there is nothing to prioritise.")
st.page_link(ui.PAGES["priorities"], label="See every priority and the training plan", icon=":material/flag:")
