"""Trends page: every round's filtered pairs and the chosen rounds in, rounds side by side, gaps closed and opened and the training check out."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import charts
from analytics.i18n import N_, _
from analytics.views import fields as f
from analytics.views import trends as tv
from analytics.views.formats import counted, format_change, format_number
from analytics.views.selection import described
from ui import state, widgets

view = state.view()
fw = view.framework
st.title(_("Trends"))
# The sidebar's round does not apply here (the rounds are chosen below), so it is left out.
_round, *chosen = described(view.filters, fw)
st.caption(
    " · ".join(
        [
            f"**{view.source_label}**",
            *(widgets.safe(which) for _what, which in chosen),
            widgets.data_label(view),
        ]
    )
)
widgets.sample_note(view)
widgets.stop_if_empty(view)

rounds = tv.available_rounds(view.rounds_pairs)
if len(rounds) < 2:
    how = _(
        "To add another, go to the Data page and either upload a file with two or more rounds (a Round "
        "column, for example 2026-Q1 and 2026-Q3, or one sheet per round named after it), or save this "
        "survey as a round and open it together with another saved round under 'Open rounds'."
    )
    st.info(
        (
            _("This survey has one round ({round}), so there is nothing to compare yet.").format(
                round=widgets.safe(rounds[0])
            )
            if rounds
            else _("This survey has one round, so there is nothing to compare yet.")
        )
        + " "
        + how,
        icon=":material/info:",
    )
    st.page_link(state.PAGES["data"], label=_("Go to the Data page"), icon=":material/upload_file:")
    widgets.end_page()

# Choices that the current data no longer offers (another file was loaded) start afresh.
for key, offered in (("trend_from", rounds[:-1]), ("trend_area", ["", *(a.id for a in fw.areas)])):
    if st.session_state.get(key) not in (None, *offered):
        del st.session_state[key]
left, middle, right = st.columns([2, 2, 3], vertical_alignment="bottom")
round_from = left.selectbox(_("From round"), rounds[:-1], key="trend_from")
later = rounds[rounds.index(round_from) + 1 :]
if st.session_state.get("trend_to") not in (None, *later):
    del st.session_state["trend_to"]
round_to = middle.selectbox(_("To round"), later, index=len(later) - 1, key="trend_to")
same_people = right.toggle(
    _("Same people only"),
    value=True,
    key="trend_same",
    help=_(
        "On: only people rated on the same skills in every round compared, so a rise is a real rise, not a "
        "change in who answered. Off: each round counts everyone rated in it."
    ),
)
left, right = st.columns(2)
area_names = {"": _(tv.ALL_AREAS), **{a.id: a.shown_name for a in fw.areas}}
area_id = left.selectbox(
    _("Area"),
    list(area_names),
    format_func=area_names.__getitem__,
    key="trend_area",
)
skill_options = ["", *(s.id for s in fw.area(area_id).skills)] if area_id else [""]
if st.session_state.get("trend_skill") not in (None, *skill_options):
    del st.session_state["trend_skill"]
skill_names = {
    "": _("All skills in this area") if area_id else _("Choose an area first"),
    **{s: fw.skill(s).shown_name for s in skill_options if s},
}
skill_id = right.selectbox(
    _("Skill"),
    skill_options,
    format_func=skill_names.__getitem__,
    key="trend_skill",
    disabled=not area_id,
)

shown = tv.trends_view(
    view.rounds_pairs,
    fw,
    round_from,
    round_to,
    area_id or None,
    skill_id or None,
    same_people,
    view.cohorts,
)
if shown is None:
    what = (
        fw.skill(skill_id).shown_name
        if skill_id
        else fw.area(area_id).shown_name
        if area_id
        else _("any skill")
    )
    st.info(
        _(
            "Nobody in this selection was rated on {what} in both {round_from} and {round_to}. Turn off "
            "'Same people only' to see everyone rated in each round, or pick another area, rounds or filters "
            "in the sidebar."
        ).format(
            what=widgets.safe(what), round_from=widgets.safe(round_from), round_to=widgets.safe(round_to)
        )
        if same_people
        else _(
            "Nobody in this selection was rated on {what} in these rounds. pick another area, rounds or "
            "filters in the sidebar."
        ).format(what=widgets.safe(what)),
        icon=":material/info:",
    )
    widgets.end_page()


def delta(column: DeltaGenerator, value_key: str, change_key: str) -> None:
    """A headline figure of the later round with its change from the earlier round beneath it."""
    figure, change = shown.figure(value_key), shown.figure(change_key)
    text = None if change.value is None else format_change(float(change.value), change.kind)
    flat = text is not None and not text.startswith(("+", "-"))
    column.metric(
        figure.label,
        widgets.number(figure.value, figure.kind),
        delta=text,
        delta_color="off" if flat else "normal",
        delta_arrow="off" if flat else "auto",
        help=_("{help}. The change beneath: {change}.").format(help=figure.help, change=change.help.lower()),
    )


columns = st.columns(5)
columns[0].metric(
    shown.figure(tv.PEOPLE_FIGURE).label,
    widgets.number(shown.figure(tv.PEOPLE_FIGURE).value, f.COUNT),
    help=shown.figure(tv.PEOPLE_FIGURE).help,
)
for column, (value_key, change_key) in zip(
    columns[1:3],
    ((tv.RATING_FIGURE, tv.RATING_CHANGE_FIGURE), (tv.READINESS_FIGURE, tv.READINESS_CHANGE_FIGURE)),
    strict=True,
):
    delta(column, value_key, change_key)
for column, key in zip(columns[3:], (tv.CLOSED_FIGURE, tv.OPENED_FIGURE), strict=True):
    figure = shown.figure(key)
    column.metric(figure.label, widgets.number(figure.value, figure.kind), help=figure.help)
st.caption(widgets.safe(shown.coverage))

measures = {key: _(name) for key, name in charts.TREND_MEASURES.items()}
measure = st.radio(
    _("Chart"),
    list(measures),
    format_func=measures.__getitem__,
    horizontal=True,
    key="trend_measure",
    label_visibility="collapsed",
)
# The lines are areas, or the skills of the area chosen.
chart_title = (
    _("{measure} by area").format(measure=measures[measure])
    if shown.line_title == "Area"
    else _("{measure} by skill").format(measure=measures[measure])
)
widgets.chart(
    charts.trend_chart(
        shown.trend.frame,
        shown.rounds,
        fw.scale,
        chart_title + (f": {shown.what}" if area_id else ""),
        measure,
    ),
    key="trend_chart",
)

st.subheader(widgets.safe(shown.changes.title))
widgets.table(shown.changes, key="trend_changes")
st.caption(shown.changes.note)
with st.expander(_("Every round, with the people and ratings behind it")):
    widgets.table(shown.trend, key="trend_rounds")
    st.caption(shown.trend.note)

st.subheader(shown.people.title)
if shown.n_people:
    widgets.table(shown.people, key="trend_people")
    st.caption(
        _("{people} rated in both rounds. {note}").format(
            people=counted(shown.n_people, N_("person"), N_("people")), note=widgets.safe(shown.people.note)
        )
    )
else:
    st.info(_("Nobody here was rated on the same skill in both rounds, so no one's change can be shown."))

st.subheader(_("Gaps closed and opened"))
if shown.n_closed or shown.n_opened:
    tabs = st.tabs(
        [
            _("Closed ({n})").format(n=format_number(shown.n_closed, f.COUNT)),
            _("Opened ({n})").format(n=format_number(shown.n_opened, f.COUNT)),
        ]
    )
    for tab, gaps_table, n, what, counted_text, none_text in (
        (
            tabs[0],
            shown.closed,
            shown.n_closed,
            "closed",
            _("{gaps} closed. {note}"),
            _("No gap closed between these rounds."),
        ),
        (
            tabs[1],
            shown.opened,
            shown.n_opened,
            "opened",
            _("{gaps} opened. {note}"),
            _("No gap opened between these rounds."),
        ),
    ):
        with tab:
            if n:
                widgets.table(gaps_table, key=f"trend_{what}")
                st.caption(counted_text.format(gaps=counted(n, N_("gap"), N_("gaps")), note=gaps_table.note))
            else:
                st.info(none_text)
else:
    st.info(
        _("No gap closed or opened between these rounds: every rating stayed on the same side of its target.")
    )

st.subheader(_("Did the training work?"))
training = shown.training
if training is None:
    st.info(
        _(
            "This part appears once a training plan has been saved with an earlier round (on the Priorities "
            "page, for a saved round) and that round is open here together with a later one. It then compares "
            "how the people the plan put into each skill's cohort changed with how everyone else changed."
        ),
        icon=":material/school:",
    )
elif training.table is None:
    made = ", ".join(widgets.safe(r) for r in training.plan_rounds) or _("another round")
    st.info(
        _(
            "No stored training plan was made from {round} for these skills. Plans were made from: {made}. "
            "Choose that round as the 'From round' to see whether its training worked."
        ).format(round=widgets.safe(shown.round_from), made=made),
        icon=":material/school:",
    )
else:
    st.caption(widgets.safe(training.table.note))
    widgets.table(training.table, key="trend_training")
    st.warning(training.caution, icon=":material/lightbulb:")
