"""Reports page: the filtered view and the user's export options in, a gap report to download out.

The report covers exactly what the sidebar's filters keep. Excel, HTML and csv are built
only when the download button is clicked; a PDF draws its charts in Chromium, which takes
a few seconds and can fail, so it is prepared with its own button and any failure is shown.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics import reports
from analytics.i18n import N_, _
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.reports.pdf import pdf_available
from analytics.views.formats import counted
from analytics.views.overview import overview_view
from ui import state, widgets
from ui.progress import with_progress

LABELS = {"xlsx": "Excel", "html": "HTML", "csv": "csv", "pdf": "PDF", "ics": N_("Calendar")}
DESCRIPTIONS = {
    "xlsx": N_("Workbook: summary, heatmap, every gap, training and development plans, validation report."),
    "html": N_("One standalone web page with the charts: opens in any browser, easy to e-mail."),
    "csv": N_("One row per person, skill and round: for your own spreadsheet or BI tool."),
    "pdf": N_("Printable A4 document: headline figures, charts, training plan."),
    "ics": N_(
        "The training plan's scheduled actions (.ics): one event per action and cohort, for any calendar."
    ),
}

view = state.view()
widgets.header(_("Reports"), view)
# In the session's language, built during the run: Streamlit may call format_func on another thread.
labels = {key: _(label) for key, label in LABELS.items()}
widgets.stop_if_empty(view)

top = overview_view(view.pairs, view.framework, view.hide).headline  # the report's own first figures
st.caption(
    _(
        "The report covers what the sidebar filters keep: {people}, {pairs}; its training plan covers the "
        "top {top} priorities, as chosen on the Priorities & training plan page."
    ).format(
        people=counted(top.people, N_("person"), N_("people")),
        pairs=counted(top.pairs, N_("rated skill"), N_("rated skills")),
        top=view.choices.top,
    )
)

pdf_problem = pdf_available()
formats = [f for f in reports.FORMATS if f != "pdf" or pdf_problem is None]
if st.session_state.get("report_format") not in formats:
    st.session_state.pop("report_format", None)
fmt: str = st.radio(
    _("Format"),
    formats,
    format_func=labels.__getitem__,
    captions=[_(DESCRIPTIONS[f]) for f in formats],
    key="report_format",
)
if pdf_problem:
    st.info(_("PDF is not offered here. {reason}").format(reason=pdf_problem), icon=":material/info:")

if view.scope.anonymous:
    # Names are hidden on every page for this session: its exports hide them too.
    anonymise = st.toggle(
        _("Anonymise"),
        value=True,
        disabled=True,
        key="report_anonymise_forced",
        help=_("Names are hidden on every page for you, so every export is anonymised too."),
    )
else:
    anonymise = st.toggle(
        _("Anonymise"),
        key="report_anonymise",
        help=_(
            "Names become pseudonyms (the same ones as on the pages with names hidden); small groups are hidden."
        ),
    )
min_group = DEFAULT_MIN_GROUP_SIZE
if anonymise:
    min_group = int(
        st.number_input(
            _("Minimum group size"),
            min_value=max(view.hide, 1),
            value=DEFAULT_MIN_GROUP_SIZE,
            step=1,
            key="report_min_group",
            help=_("Group figures over fewer people than this are hidden, and smaller teams are merged."),
        )
    )

build = state.report_builder(view, fmt, anonymise, min_group)


def offer(data: Callable[[], bytes] | bytes) -> None:
    st.download_button(
        _("Download the {format} report").format(format=labels[fmt]),
        data=data,
        file_name=state.report_file_name(view, fmt, anonymise),
        mime=reports.MEDIA_TYPES[fmt],
        key="report_download",
        type="primary",
        icon=":material/download:",
        on_click="ignore",
    )


if fmt != "pdf":
    offer(build)
elif st.button(_("Prepare the PDF"), key="report_prepare", icon=":material/picture_as_pdf:"):
    # A bar with its steps: the charts are drawn in a browser, which takes several seconds.
    try:
        pdf = with_progress(
            lambda progress: state.report_builder(view, fmt, anonymise, min_group, progress)(),
            _("Drawing the charts and laying out the PDF..."),
        )
    except reports.ReportUnavailable as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        offer(pdf)
