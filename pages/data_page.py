"""Data page: sample data or an uploaded file in, the validation report and editable mappings out."""

from __future__ import annotations

import streamlit as st

from analytics import columns as c
from analytics import views as vw
from analytics.ingest import ERROR, INFO, WARNING
from pages import _shared as ui

view = ui.view()
fw = view.framework
st.title("Your data")
st.caption(
    "Load the sample data to look around, or upload your team's survey export (Excel or csv from "
    "Google Forms, Microsoft Forms or your own sheet)."
)

left, middle, right = st.columns([1, 2, 1])
left.button(
    "Try sample data", key="data_sample", on_click=ui.use_sample, type="primary", icon=":material/science:"
)
middle.file_uploader(
    "Upload your survey", type=["xlsx", "xlsm", "csv"], key="data_upload", on_change=ui.take_upload
)
right.download_button(
    "Download a blank template",
    data=ui.template_bytes(st.session_state[ui.FRAMEWORK_KEY], fw),
    file_name="skills_survey_template.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="data_template",
    icon=":material/download:",
    help="An Excel form with one column per skill of the current framework",
)

error = st.session_state.get(ui.SURVEY_ERROR)
if error:
    kept = " The survey loaded before is still in use." if view.result is not None else ""
    st.error(f"**This file could not be used.** {ui.safe(error)}{kept}", icon=":material/error:")
result = view.result
if result is None:
    if not error:
        st.info("No survey is loaded yet. Click 'Try sample data' or upload a file.", icon=":material/info:")
    st.stop()

st.success(
    f"**{ui.safe(st.session_state.get(ui.SURVEY_NAME))}**: {result.respondents} people, "
    f"{result.ratings[c.RATING].notna().sum():,} ratings, rounds {ui.safe(', '.join(view.options.rounds))}.",
    icon=":material/check_circle:",
)

st.subheader("Round and rater")
left, right = st.columns(2)
left.text_input(
    "Round label",
    value=st.session_state.get(ui.ROUND_LABEL, ""),
    key="data_round",
    on_change=ui.keep,
    args=("data_round", ui.ROUND_LABEL),
    placeholder="Taken from the file",
    help="Leave empty to take the round from the file: a Round column, the sheet name or the answer dates.",
)
raters = ["", *c.RATERS]
right.selectbox(
    "Who filled in the form",
    raters,
    index=raters.index(st.session_state.get(ui.RATER) or ""),
    format_func=lambda r: r.capitalize() if r else "As the file says (self when it does not say)",
    key="data_rater",
    on_change=ui.keep,
    args=("data_rater", ui.RATER),
)

st.subheader("Validation report")
counts = result.issue_counts()
cols = st.columns(3)
cols[0].metric("Errors", counts[ERROR], help="Rows or answers that could not be used and were left out")
cols[1].metric("Warnings", counts[WARNING], help="Things that may need a correction")
cols[2].metric("Notes", counts[INFO], help="For your information")
if result.issues:
    # A static table wraps long text, so every message and its advice can be read in full.
    st.table(vw.issue_table(result.issues_frame()), hide_index=True)
else:
    st.success("No problems found: every answer was used.")

st.subheader("Column mapping")
st.caption(
    "Which skill each survey column measures. Change a skill to correct the reader; the analysis updates at once."
)
st.caption(f"Read as details of each answer: {vw.identity_columns(result.columns)}.")
shown_columns = vw.column_mapping(result.columns, fw)
edited_columns = st.data_editor(
    shown_columns,
    hide_index=True,
    key=ui.editor_key("data_columns"),
    disabled=["column", "found", "rater", "sheets"],
    column_config={
        "column": "Survey column",
        "found": "Recognised as",
        "skill": st.column_config.SelectboxColumn(
            "Skill", options=[vw.NOT_A_SKILL, *(s.name for s in fw.skills)], required=True, width="large"
        ),
        "rater": "Rater",
        "sheets": "Sheets",
    },
)
ui.apply_fixes(ui.COLUMN_FIXES, vw.column_overrides(shown_columns, edited_columns, fw))

st.subheader("Role mapping")
st.caption("Which framework role each role as written in the survey is measured against.")
shown_roles = vw.role_mapping(result.roles, fw)
edited_roles = st.data_editor(
    shown_roles,
    hide_index=True,
    key=ui.editor_key("data_roles"),
    disabled=["role as written", "people"],
    column_order=["role as written", "framework role", "people"],
    column_config={
        "role as written": "Role as written in the survey",
        "people": "People",
        "framework role": st.column_config.SelectboxColumn(
            "Framework role", options=[vw.NO_ROLE, *(r.name for r in fw.roles)], required=True, width="large"
        ),
    },
)
ui.apply_fixes(ui.ROLE_FIXES, vw.role_overrides(shown_roles, edited_roles, fw))

if st.session_state[ui.COLUMN_FIXES] or st.session_state[ui.ROLE_FIXES]:
    fixes = len(st.session_state[ui.COLUMN_FIXES]) + len(st.session_state[ui.ROLE_FIXES])
    st.caption(f"{fixes} correction(s) applied.")
    st.button("Undo all corrections", key="data_reset_mapping", on_click=ui.reset_corrections)
