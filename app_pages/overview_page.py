"""Overview page: the filtered view in, headline figures, the area chart, the heatmap and top priorities out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.i18n import _
from analytics.views import overview as ov
from ui import state, widgets

view = state.view()
widgets.header(_("Overview"), view)
widgets.stop_if_empty(view)
shown = ov.overview_view(view.pairs, view.framework, view.hide)
top = shown.headline

widgets.metrics(
    ov.headline_figures(top),
    (ov.PEOPLE_FIGURE, ov.PAIRS_FIGURE, ov.READINESS_FIGURE, ov.WEAKEST_FIGURE, ov.SINGLE_POINTS_FIGURE),
    missing=widgets.missing_figure(view),
)
if top.single_points:
    with st.expander(_("Which skills hang on one person or nobody ({n})").format(n=top.single_points)):
        widgets.table(shown.single_points, key="overview_fragile")

widgets.chart(
    charts.area_chart(shown.areas.frame, view.framework.scale),
    key="overview_areas",
    narrow=charts.area_chart(shown.areas.frame, view.framework.scale, narrow=True),
)

grid = shown.grid
widgets.chart(
    charts.shortfall_heatmap(grid, charts.heatmap_title(grid)),
    key="overview_heatmap",
    narrow=charts.shortfall_heatmap(grid, charts.heatmap_title(grid), narrow=True),
)
# The shades in words too: the phone's heatmap has no colour bar.
shades = _("Pale cells are at target; the darker a cell, the further below target (darkest from {n} levels).")
st.caption(
    shades.format(n=f"{charts.SHORTFALL_ZMAX:g}")
    + " "
    + (
        _("Grey cells are not rated: that person has no rating with a target for the skill.")
        if grid.by_person
        else _(
            "Grey cells are not rated: that team has no rating with a target for the skill. People are grouped "
            "by team because more than {n} are selected; filter to see people."
        ).format(n=grid.limit)
    )
)

st.subheader(shown.top_priorities.title)
if len(shown.top_priorities):
    st.caption(shown.top_priorities.note)
    widgets.table(shown.top_priorities, key="overview_priorities")
else:
    st.success(_("Nobody in this selection is below target on any skill: there is nothing to prioritise."))
st.page_link(
    state.PAGES["priorities"], label=_("See every priority and the training plan"), icon=":material/flag:"
)
