"""Data page: sample data or an uploaded file in, the validation report and editable mappings out."""

from __future__ import annotations

import streamlit as st

from analytics import columns as c
from analytics.views import data as dv
from ui import analysis, state, widgets

view = state.view()
fw = view.framework
st.title("Your data")
st.caption(
    "Load the sample data to look around, or upload your team's survey export (Excel or csv from "
    "Google Forms, Microsoft Forms or your own sheet)."
)

left, middle, right = st.columns([1, 2, 1])
left.button(
    "Try sample data", key="data_sample", on_click=state.use_sample, type="primary", icon=":material/science:"
)
middle.file_uploader(
    "Upload your survey", type=["xlsx", "xlsm", "csv"], key=state.UPLOAD_WIDGET, on_change=state.take_upload
)
right.download_button(
    "Download a blank template",
    data=analysis.template_bytes(fw),
    file_name="skills_survey_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="data_template",
    icon=":material/download:",
    help="An Excel form with one column per skill of the current framework",
)

error = st.session_state.get(state.SURVEY_ERROR)
if error:
    kept = " The survey loaded before is still in use." if view.result is not None else ""
    st.error(f"**This file could not be used.** {widgets.safe(error)}{kept}", icon=":material/error:")
result = view.result
if result is None:
    if not error:
        st.info("No survey is loaded yet. Click 'Try sample data' or upload a file.", icon=":material/info:")
    widgets.end_page()
shown = dv.data_view(result, fw)

st.success(
    f"**{widgets.safe(view.file_name)}**: {shown.respondents} people, {shown.ratings:,} ratings, "
    f"rounds {widgets.safe(', '.join(shown.rounds))}.",
    icon=":material/check_circle:",
)

st.subheader("Round and rater")
left, right = st.columns(2)
left.text_input(
    "Round label",
    value=st.session_state.get(state.ROUND_LABEL, ""),
    key="data_round",
    on_change=state.keep,
    args=("data_round", state.ROUND_LABEL),
    placeholder="Taken from the file",
    help="Leave empty to take the round from the file: a Round column, the sheet name or the answer dates.",
)
raters = ["", *c.RATERS]
right.selectbox(
    "Who filled in the form",
    raters,
    index=raters.index(st.session_state.get(state.RATER) or ""),
    format_func=lambda r: r.capitalize() if r else "As the file says (self when it does not say)",
    key="data_rater",
    on_change=state.keep,
    args=("data_rater", state.RATER),
)

st.subheader("Validation report")
cols = st.columns(3)
cols[0].metric("Errors", shown.errors, help="Rows or answers that could not be used and were left out")
cols[1].metric("Warnings", shown.warnings, help="Things that may need a correction")
cols[2].metric("Notes", shown.notes, help="For your information")
if len(shown.validation):
    # A static table wraps long text, so every message and its advice can be read in full.
    # st.table renders Markdown in its cells, and the messages quote headers, roles and names.
    validation = shown.validation
    cells = validation.shown.astype(object).map(
        lambda text: text if isinstance(text, int) else widgets.safe(text)
    )
    st.table(
        cells.rename(columns={name: validation.heading(name) for name in validation.columns}), hide_index=True
    )
else:
    st.success("No problems found: every answer was used.")

st.subheader("Column mapping")
st.caption(
    "Which skill each survey column measures. Change a skill to correct the reader; the analysis updates at once."
)
st.caption(f"Read as details of each answer: {widgets.safe(shown.identity)}.")
edited_columns = st.data_editor(
    shown.columns,
    hide_index=True,
    key=state.editor_key("data_columns"),
    disabled=["column", "found", "rater", "sheets"],
    column_config={
        "column": "Survey column",
        "found": "Recognised as",
        "skill": st.column_config.SelectboxColumn(
            "Skill", options=[dv.NOT_A_SKILL, *(s.name for s in fw.skills)], required=True, width="large"
        ),
        "rater": "Rater",
        "sheets": "Sheets",
    },
)
state.apply_fixes(state.COLUMN_FIXES, dv.column_overrides(shown.columns, edited_columns, fw))

st.subheader("Role mapping")
st.caption("Which framework role each role as written in the survey is measured against.")
edited_roles = st.data_editor(
    shown.roles,
    hide_index=True,
    key=state.editor_key("data_roles"),
    disabled=["role as written", "people"],
    column_order=["role as written", "framework role", "people"],
    column_config={
        "role as written": "Role as written in the survey",
        "people": "People",
        "framework role": st.column_config.SelectboxColumn(
            "Framework role", options=[dv.NO_ROLE, *(r.name for r in fw.roles)], required=True, width="large"
        ),
    },
)
state.apply_fixes(state.ROLE_FIXES, dv.role_overrides(shown.roles, edited_roles, fw))

if st.session_state[state.COLUMN_FIXES] or st.session_state[state.ROLE_FIXES]:
    fixes = len(st.session_state[state.COLUMN_FIXES]) + len(st.session_state[state.ROLE_FIXES])
    st.caption(f"{fixes} correction(s) applied.")
    st.button("Undo all corrections", key="data_reset_mapping", on_click=state.reset_corrections)
