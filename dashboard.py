"""Team Skills-Gap Dashboard: the entry point (``streamlit run dashboard.py``).

Session state in, the app out: this script sets up the shared state, draws the sidebar
(data source, rating source, round, team and role filters), builds the filtered view
every page reads, and hands over to the chosen page with ``st.navigation``.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from analytics import gaps
from analytics.i18n import _
from analytics.views.selection import FilterOptions
from ui import access, language, state, widgets, workspace
from ui.widgets import PageEnds

# The icon is a file of the repo: a Material icon would be fetched from fonts.gstatic.com, which
# an intranet server cannot reach.
st.set_page_config(page_icon=str(widgets.ICON), layout="wide")
# Before any text: every label below, and every page, speaks the session's language.
language.choose()
# The browser tab's title too, now that the language is known.
st.set_page_config(page_title=_("Team Skills-Gap Dashboard"))
widgets.layout_style()
# With sign-in on, nothing below runs until a person the access file lets in has signed in.
grant = access.gate(tuple(state.PAGES))

# Each page's
# url_path differs from its file name on purpose: Streamlit's AppTest resets its record of
# st.navigation before every run and would otherwise run a page file without this script.
navigation = st.navigation(
    {
        _("Start"): [
            st.Page(
                state.PAGES["overview"],
                title=_("Overview"),
                url_path="overview",
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page(state.PAGES["data"], title=_("Data"), url_path="data", icon=":material/upload_file:"),
        ],
        _("Analysis"): [
            st.Page(
                state.PAGES["competencies"],
                title=_("Competencies"),
                url_path="competencies",
                icon=":material/psychology:",
            ),
            st.Page(state.PAGES["people"], title=_("People"), url_path="people", icon=":material/person:"),
            st.Page(
                state.PAGES["priorities"],
                title=_("Priorities & training plan"),
                url_path="priorities",
                icon=":material/flag:",
            ),
            st.Page(
                state.PAGES["trends"], title=_("Trends"), url_path="trends", icon=":material/trending_up:"
            ),
            st.Page(
                state.PAGES["calibration"],
                title=_("Calibration"),
                url_path="calibration",
                icon=":material/balance:",
            ),
        ],
        _("Share"): [
            st.Page(
                state.PAGES["reports"], title=_("Reports"), url_path="reports", icon=":material/download:"
            ),
        ],
        _("Settings"): [
            st.Page(
                state.PAGES["framework"], title=_("Framework"), url_path="framework", icon=":material/tune:"
            ),
        ],
    }
)
# After the navigation, so that on the first visit after a server start the sidebar shows the
# pages at once, while the sample data loads.
state.init_state()

result = state.current_survey()
offered: FilterOptions = state.filter_options(result)
state.clean_filters(offered)
framework = state.framework()


def draw_sidebar() -> None:
    """The data source and the filters; their values were read from session state already."""
    with st.sidebar:
        access.account_sidebar(grant)
        st.markdown(_("**On screen:** {what}").format(what=widgets.data_label(st.session_state[state.VIEW])))
        st.radio(
            _("Rating source"),
            state.SOURCES,
            # Translated now: Streamlit may call format_func outside this run (its tests do).
            format_func={source: _(label) for source, label in gaps.SOURCE_LABELS.items()}.__getitem__,
            key=state.SOURCE_WIDGET,
            help=_("Gaps use self ratings by default; switch to your managers' view or the mean of both."),
        )
        if offered.rounds:
            st.selectbox(_("Survey round"), offered.rounds, key=state.ROUND_WIDGET)
            st.multiselect(_("Teams"), offered.teams, key=state.TEAMS_WIDGET, placeholder=_("All teams"))
            st.multiselect(
                _("Roles"),
                offered.roles,
                format_func={r.id: r.shown_name for r in framework.roles}.__getitem__,
                key=state.ROLES_WIDGET,
                placeholder=_("All roles"),
            )
        else:
            st.caption(_("Filters for round, team and role appear once a survey is loaded."))
        state.choices_shown()
        # Last: chosen once, while the filters above are used all the time.
        language.picker()


st.session_state[state.VIEW] = state.build_view(result, offered)
# The sidebar's widgets come after the page: the browser then paints the page's first figures
# without waiting for the widgets' code (see benchmarks/bench_first_look.py). A page with nothing
# (more) to show ends with widgets.end_page(), and still gets its sidebar.
with contextlib.suppress(PageEnds):
    navigation.run()
draw_sidebar()
# Last, so that a reload or tomorrow's visit comes back to exactly this screen.
workspace.persist()
with st.sidebar:
    workspace.keep_cookie()
