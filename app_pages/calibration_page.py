"""Calibration page: every round's tidy ratings and the sidebar's filters in, own ratings against managers' out."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.i18n import N_, _, localise_number
from analytics.views import calibration as cal
from analytics.views import fields as f
from analytics.views.formats import counted, format_number
from ui import state, widgets

view = state.view()
widgets.header(_("Calibration"), view, source=False)
if view.result is None:
    widgets.stop_if_empty(view)
widgets.stop_if_too_few(view)
st.caption(
    _(
        "Each person's own ratings next to their manager's ratings of the same skills in the same round. "
        "The page compares both, so the sidebar's rating source does not apply here; the round, team and "
        "role filters do."
    )
)
shown = cal.calibration_view(view.ratings, view.framework, view.filters)
if shown is None:
    reason = cal.empty_reason(view.ratings, view.filters, view.framework)
    st.info(f"{widgets.safe(reason.why)} {widgets.safe(reason.todo)}", icon=":material/info:")
    st.page_link(state.PAGES["data"], label=_("Go to the Data page"), icon=":material/upload_file:")
    widgets.end_page()

widgets.metrics(
    shown.figures, (cal.PEOPLE_FIGURE, cal.DIFFERENCE_FIGURE, cal.HIGHER_FIGURE, cal.LOWER_FIGURE)
)
st.caption(
    _(
        "{people} of the {self_rated} who rated themselves here also have a manager's rating on the same "
        "skills: {skills} compared. Mean own rating {own}, mean manager's rating {manager}."
    ).format(
        people=format_number(shown.people, f.COUNT),
        self_rated=counted(shown.people_self_rated, N_("person"), N_("people")),
        skills=counted(shown.pairs, N_("skill"), N_("skills")),
        own=widgets.number(shown.mean_self, f.SCORE),
        manager=widgets.number(shown.mean_manager, f.SCORE),
    )
)

points_of = st.radio(
    _("Show a point for each"),
    ["people", "skills"],
    format_func={"people": _("Person"), "skills": _("Skill")}.__getitem__,
    horizontal=True,
    key="cal_points",
)
if points_of == "skills":
    title, points = _(cal.SKILL_POINTS_TITLE), shown.skill_points
    what = _(
        "Each bubble is one skill, over everyone both rated on it: the bigger, the more people. "
        "The axes zoom in on the skills, which sit close together."
    )
elif shown.points_are_people:
    title, points = _(cal.PEOPLE_POINTS_TITLE), shown.person_points
    what = _("Each dot is one person: their mean over the skills both rated.")
else:
    title, points = _(cal.GROUPED_POINTS_TITLE), shown.person_points
    what = _(
        "More than {n} people are selected, so people whose two means are within about {step} levels share "
        "a bubble: the bigger, the more people. Filter to a team to see each person."
    ).format(n=format_number(cal.PERSON_POINTS_LIMIT, f.COUNT), step=localise_number(f"{cal.POINT_STEP:g}"))
chart, reading = st.columns([3, 2], gap="large")
with chart:
    widgets.chart(
        charts.calibration_scatter(
            points, view.framework.scale, title, shown.threshold, zoom=points_of == "skills"
        ),
        key="cal_scatter",
    )
apart = cal.levels(shown.threshold)
how_to_read = (
    _("Across: the manager's rating; up: the person's own."),
    _("On the dashed diagonal both see the same level."),
    _("Orange, above the upper dotted line: own rating {apart} or more higher than the manager's.").format(
        apart=apart
    ),
    _("Blue, below the lower dotted line: own rating {apart} or more lower.").format(apart=apart),
    _("Grey: within {apart}, close to the manager's view.").format(apart=apart),
)
reading.markdown(
    "\n\n".join(
        (
            _("**How to read it**"),
            what,
            "\n".join(f"- {line}" for line in how_to_read),
            _("Hover over (or tap) a point for who or what it is, and its n."),
        )
    )
)

st.subheader(_("Worth a conversation"))
for listed, n, key, nobody in (
    (
        shown.higher,
        shown.n_higher,
        "cal_higher",
        _("Nobody here rates themselves, on average, {apart} or more above their manager's view."),
    ),
    (
        shown.lower,
        shown.n_lower,
        "cal_lower",
        _("Nobody here rates themselves, on average, {apart} or more below their manager's view."),
    ),
):
    st.markdown(f"**{listed.title}**")
    if n:
        st.caption(listed.note)
        widgets.table(listed, key=key)
        st.caption(counted(n, N_("person"), N_("people")) + ".")
    else:
        st.success(nobody.format(apart=apart))

for table, key in ((shown.by_team, "cal_team"), (shown.by_area, "cal_area"), (shown.by_skill, "cal_skill")):
    st.subheader(table.title)
    st.caption(table.note)
    widgets.table(table, key=key)

listed_people = counted(len(shown.by_person), N_("person"), N_("people"))
with st.expander(f"{shown.by_person.title} ({listed_people})"):
    st.caption(shown.by_person.note)
    widgets.table(shown.by_person, key="cal_people")
