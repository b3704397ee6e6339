"""Calibration page: every round's tidy ratings and the sidebar's filters in, own ratings against managers' out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.views import calibration as cal
from analytics.views import fields as f
from analytics.views.formats import counted
from ui import state, widgets

view = state.view()
widgets.header("Calibration", view, source=False)
if view.result is None:
    widgets.stop_if_empty(view)
widgets.stop_if_too_few(view)
st.caption(
    "Each person's own ratings next to their manager's ratings of the same skills in the same round. "
    "The page compares both, so the sidebar's rating source does not apply here; the round, team and "
    "role filters do."
)
shown = cal.calibration_view(view.ratings, view.framework, view.filters)
if shown is None:
    reason = cal.empty_reason(view.ratings, view.filters, view.framework)
    st.info(f"{widgets.safe(reason.why)} {widgets.safe(reason.todo)}", icon=":material/info:")
    st.page_link(state.PAGES["data"], label="Go to the Data page", icon=":material/upload_file:")
    widgets.end_page()

widgets.metrics(
    shown.figures, (cal.PEOPLE_FIGURE, cal.DIFFERENCE_FIGURE, cal.HIGHER_FIGURE, cal.LOWER_FIGURE)
)
st.caption(
    f"{shown.people:,} of the {counted(shown.people_self_rated, 'person', 'people')} "
    f"who rated themselves here also have a manager's rating on the same skills: "
    f"{counted(shown.pairs, 'skill')} compared. Mean own rating {widgets.number(shown.mean_self, f.SCORE)}, "
    f"mean manager's rating {widgets.number(shown.mean_manager, f.SCORE)}."
)

points_of = st.radio(
    "Show a point for each",
    ["people", "skills"],
    format_func={"people": "Person", "skills": "Skill"}.__getitem__,
    horizontal=True,
    key="cal_points",
)
if points_of == "skills":
    title, points = cal.SKILL_POINTS_TITLE, shown.skill_points
    what = (
        "Each bubble is one skill, over everyone both rated on it: the bigger, the more people. "
        "The axes zoom in on the skills, which sit close together."
    )
elif shown.points_are_people:
    title, points = cal.PEOPLE_POINTS_TITLE, shown.person_points
    what = "Each dot is one person: their mean over the skills both rated."
else:
    title, points = cal.GROUPED_POINTS_TITLE, shown.person_points
    what = (
        f"More than {cal.PERSON_POINTS_LIMIT} people are selected, so people whose two means are within about "
        f"{cal.POINT_STEP:g} levels share a bubble: the bigger, the more people. Filter to a team to see each person."
    )
chart, reading = st.columns([3, 2], gap="large")
with chart:
    widgets.chart(
        charts.calibration_scatter(
            points, view.framework.scale, title, shown.threshold, zoom=points_of == "skills"
        ),
        key="cal_scatter",
    )
apart = cal.levels(shown.threshold)
reading.markdown(
    f"""**How to read it**

{what}

- Across: the manager's rating; up: the person's own.
- On the dashed diagonal both see the same level.
- Orange, above the upper dotted line: own rating {apart} or more higher than the manager's.
- Blue, below the lower dotted line: own rating {apart} or more lower.
- Grey: within {apart}, close to the manager's view.

Hover over (or tap) a point for who or what it is, and its n."""
)

st.subheader("Worth a conversation")
for listed, n, key, side in (
    (shown.higher, shown.n_higher, "cal_higher", "above"),
    (shown.lower, shown.n_lower, "cal_lower", "below"),
):
    st.markdown(f"**{listed.title}**")
    if n:
        st.caption(listed.note)
        widgets.table(listed, key=key)
        st.caption(counted(n, "person", "people") + ".")
    else:
        st.success(
            f"Nobody here rates themselves, on average, {cal.levels(shown.threshold)} or more {side} "
            "their manager's view."
        )

for table, key in ((shown.by_team, "cal_team"), (shown.by_area, "cal_area"), (shown.by_skill, "cal_skill")):
    st.subheader(table.title)
    st.caption(table.note)
    widgets.table(table, key=key)

with st.expander(f"{shown.by_person.title} ({counted(len(shown.by_person), 'person', 'people')})"):
    st.caption(shown.by_person.note)
    widgets.table(shown.by_person, key="cal_people")
