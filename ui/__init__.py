"""What the dashboard's pages share: session state and callbacks (:mod:`ui.state`), the cached
analysis (:mod:`ui.analysis`) and widgets and formatting (:mod:`ui.widgets`).

The page scripts live in ``app_pages/``, not ``pages/``: a folder named ``pages`` beside
``dashboard.py`` puts a server's first session into Streamlit's older multipage mode, which
lists those files in the sidebar and answers a link straight to ``/people`` with "Page not
found". Imports run one way: app_pages -> ui -> analytics.
"""
