"""What the dashboard's pages share: session state and callbacks (:mod:`ui.state`), the cached
analysis (:mod:`ui.analysis`) and widgets and formatting (:mod:`ui.widgets`).

It sits beside ``pages/`` rather than in it, because Streamlit lists every file of
``pages/`` as a page until ``st.navigation`` has run once. Imports run one way: pages ->
ui -> analytics.
"""
