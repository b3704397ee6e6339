"""View builders: filtered gap pairs, a framework and the user's choices in, what each page shows out.

One module per page subject, each building a frozen dataclass with exactly what that page
shows: :mod:`~analytics.views.overview`, :mod:`~analytics.views.competencies`,
:mod:`~analytics.views.people`, :mod:`~analytics.views.priorities`,
:mod:`~analytics.views.trends`, :mod:`~analytics.views.data` and
:mod:`~analytics.views.framework_tables`. The reports lay out
:mod:`~analytics.views.report`, made of the same views, and the command line prints
:mod:`~analytics.views.summary`. What a view covers is :mod:`~analytics.views.selection`;
names, headings and number formats are :mod:`~analytics.views.names`,
:mod:`~analytics.views.fields` and :mod:`~analytics.views.formats`. Nothing here imports
Plotly, a spreadsheet writer or Streamlit.
"""
