"""Team Skills-Gap Dashboard: the entry point (``streamlit run dashboard.py``).

Session state in, the app out: this script sets up the shared state, draws the sidebar
(data source, rating source, round, team and role filters), builds the filtered view
every page reads, and hands over to the chosen page with ``st.navigation``.
"""

from __future__ import annotations

import contextlib

import streamlit as st

from analytics import gaps
from analytics.views.selection import FilterOptions
from ui import access, state, widgets, workspace
from ui.widgets import PageEnds

st.set_page_config(page_title="Team Skills-Gap Dashboard", page_icon=":material/groups:", layout="wide")
# With sign-in on, nothing below runs until a person the access file lets in has signed in.
grant = access.gate()

# Each page's
# url_path differs from its file name on purpose: Streamlit's AppTest resets its record of
# st.navigation before every run and would otherwise run a page file without this script.
navigation = st.navigation(
    {
        "Start": [
            st.Page(
                state.PAGES["overview"],
                title="Overview",
                url_path="overview",
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page(state.PAGES["data"], title="Data", url_path="data", icon=":material/upload_file:"),
        ],
        "Analysis": [
            st.Page(
                state.PAGES["competencies"],
                title="Competencies",
                url_path="competencies",
                icon=":material/psychology:",
            ),
            st.Page(state.PAGES["people"], title="People", url_path="people", icon=":material/person:"),
            st.Page(
                state.PAGES["priorities"],
                title="Priorities & training plan",
                url_path="priorities",
                icon=":material/flag:",
            ),
            st.Page(state.PAGES["trends"], title="Trends", url_path="trends", icon=":material/trending_up:"),
            st.Page(
                state.PAGES["calibration"],
                title="Calibration",
                url_path="calibration",
                icon=":material/balance:",
            ),
        ],
        "Share": [
            st.Page(state.PAGES["reports"], title="Reports", url_path="reports", icon=":material/download:"),
        ],
        "Settings": [
            st.Page(
                state.PAGES["framework"], title="Framework", url_path="framework", icon=":material/tune:"
            ),
        ],
    }
)
# After the navigation, so that on the first visit after a server start the sidebar shows these
# pages at once rather than, while the sample data loads, the files of pages/.
state.init_state()

result = state.current_survey()
offered: FilterOptions = state.filter_options(result)
state.clean_filters(offered)
framework = state.framework()


def draw_sidebar() -> None:
    """The data source and the filters; their values were read from session state already."""
    with st.sidebar:
        access.account_sidebar(grant)
        st.markdown(f"**Data:** {widgets.data_label(st.session_state[state.VIEW])}")
        st.radio(
            "Rating source",
            state.SOURCES,
            format_func=gaps.SOURCE_LABELS.__getitem__,
            key=state.SOURCE_WIDGET,
            help="Gaps use self ratings by default; switch to your managers' view or the mean of both.",
        )
        if offered.rounds:
            st.selectbox("Survey round", offered.rounds, key=state.ROUND_WIDGET)
            st.multiselect("Teams", offered.teams, key=state.TEAMS_WIDGET, placeholder="All teams")
            st.multiselect(
                "Roles",
                offered.roles,
                format_func=lambda role_id: framework.role(role_id).name,
                key=state.ROLES_WIDGET,
                placeholder="All roles",
            )
        else:
            st.caption("Filters for round, team and role appear once a survey is loaded.")


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
