"""Team Skills-Gap Dashboard: the entry point (``streamlit run dashboard.py``).

Session state in, the app out: this script sets up the shared state, draws the sidebar
(data source, rating source, round, team and role filters), builds the filtered view
every page reads, and hands over to the chosen page with ``st.navigation``.
"""

from __future__ import annotations

import streamlit as st

from analytics import gaps
from pages import _shared as ui

st.set_page_config(page_title="Team Skills-Gap Dashboard", page_icon=":material/groups:", layout="wide")

# Trends and Calibration join these sections when they are built. Each page's
# url_path differs from its file name on purpose: Streamlit's AppTest resets its record of
# st.navigation before every run and would otherwise run a page file without this script.
navigation = st.navigation(
    {
        "Start": [
            st.Page(
                ui.PAGES["overview"],
                title="Overview",
                url_path="overview",
                icon=":material/dashboard:",
                default=True,
            ),
            st.Page(ui.PAGES["data"], title="Data", url_path="data", icon=":material/upload_file:"),
        ],
        "Analysis": [
            st.Page(
                ui.PAGES["competencies"],
                title="Competencies",
                url_path="competencies",
                icon=":material/psychology:",
            ),
            st.Page(ui.PAGES["people"], title="People", url_path="people", icon=":material/person:"),
            st.Page(
                ui.PAGES["priorities"],
                title="Priorities & training plan",
                url_path="priorities",
                icon=":material/flag:",
            ),
        ],
        "Share": [
            st.Page(ui.PAGES["reports"], title="Reports", url_path="reports", icon=":material/download:"),
        ],
        "Settings": [
            st.Page(ui.PAGES["framework"], title="Framework", url_path="framework", icon=":material/tune:"),
        ],
    }
)
# After the navigation, so that on the first visit after a server start the sidebar shows these
# pages at once rather than, while the sample data loads, the files of pages/.
ui.init_state()

result = ui.current_survey()
options = ui.options_for(result)
ui.clean_filters(options)

with st.sidebar:
    st.markdown(f"**Data:** {ui.safe(st.session_state.get(ui.SURVEY_NAME) or 'none loaded yet')}")
    st.radio(
        "Rating source",
        ui.SOURCES,
        format_func=gaps.SOURCE_LABELS.__getitem__,
        key=ui.SOURCE_WIDGET,
        help="Gaps use self ratings by default; switch to your managers' view or the mean of both.",
    )
    if options.rounds:
        st.selectbox("Survey round", options.rounds, key=ui.ROUND_WIDGET)
        st.multiselect("Teams", options.teams, key=ui.TEAMS_WIDGET, placeholder="All teams")
        st.multiselect(
            "Roles", options.roles, format_func=ui.role_name, key=ui.ROLES_WIDGET, placeholder="All roles"
        )
    else:
        st.caption("Filters for round, team and role appear once a survey is loaded.")

st.session_state[ui.VIEW] = ui.build_view(result, options)
navigation.run()
