"""Data page: sample data, an uploaded file or stored rounds in; what is on screen, saving, the validation report and mappings out."""

from __future__ import annotations

import streamlit as st

from analytics import columns as c
from analytics import i18n
from analytics.i18n import N_, _
from analytics.text import file_slug
from analytics.views import data as dv
from analytics.views.formats import counted
from analytics.views.stored import audit_table, rounds_table
from ui import access, analysis, rounds, state, widgets

# The choices of who filled in the form (a rater the list does not name is shown capitalised).
RATER_LABELS = {
    "": N_("As the file says (self when it does not say)"),
    c.SELF: N_("Self"),
    c.MANAGER: N_("Manager"),
    c.PEER: N_("Peer"),
}

view = state.view()
fw = view.framework
admin = access.grant().is_admin
st.title(_("Your data"))
st.caption(
    _(
        "Upload your team's survey export (Excel or csv from Google Forms, Microsoft Forms or your own "
        "sheet), or open rounds you saved before. The sample data lets you look around first."
    )
)
for text in st.session_state.pop(state.NOTES, []):
    st.info(text, icon=":material/info:")
widgets.sample_note(view)
if not access.sign_in_on():
    st.caption(
        _(
            ":material/person: Sign-in is off: this dashboard runs for one local user, who sees every name. "
            "To share it on a server, turn on sign-in and an access list (see the README, 'Sign-in and access')."
        )
    )

upload, others = st.columns([3, 1])
upload.file_uploader(
    _("Upload your survey"),
    type=["xlsx", "xlsm", "csv"],
    accept_multiple_files=True,
    key=state.upload_key(),
    on_change=state.take_upload,
    help=_(
        "One file, or several read together as one survey (for example one per team or one per "
        "person): choose them all at once. A new upload replaces what is on screen."
    ),
)
# The sample is a secondary choice: after an upload, one misclick must not replace the user's data.
others.button(
    _("Try sample data"),
    key="data_sample",
    on_click=state.ask_for_sample,
    icon=":material/science:",
    width="stretch",
    help=_("A made-up team of 47 people, to look around before you upload your own survey."),
)
others.download_button(
    _("Download a blank template"),
    data=analysis.template_bytes(fw, i18n.current()),
    file_name=file_slug(_("skills-survey-template")) + ".xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="data_template",
    icon=":material/download:",
    width="stretch",
    help=_("An Excel form with one column per skill of the current framework"),
)
if st.session_state.get(state.SAMPLE_ASKED):
    st.warning(
        _(
            "The sample data would replace your upload on screen, which is not saved as a round: "
            "you would have to upload it again."
        ),
        icon=":material/warning:",
    )
    yes, no = st.columns(2)
    yes.button(_("Show the sample data"), key="data_sample_confirm", on_click=state.use_sample)
    no.button(_("Keep my upload"), key="data_sample_cancel", on_click=state.keep_upload, type="primary")


def saved_rounds() -> None:
    """Save what is on screen as a round; open, rename and delete stored rounds (admins manage them)."""
    st.subheader(_("Saved rounds"))
    problem = st.session_state.get(state.STORE_ERROR)
    if problem:
        st.warning(widgets.safe(problem), icon=":material/database:")
        st.button(_("Try the store again"), key="data_store_retry", on_click=rounds.retry_store)
    if view.kind == state.UPLOADED and view.result is not None and not admin:
        st.caption(
            _("Only an admin can save rounds. This upload lives only in this server's memory until one does.")
        )
    elif view.kind == state.UPLOADED and view.result is not None:
        asked = st.session_state.get(rounds.SAVE_ASKED)
        if asked:
            st.warning(widgets.safe(asked[0]), icon=":material/content_copy:")
            left, right = st.columns(2)
            left.button(
                _("Save a copy anyway"), key="data_save_again", on_click=rounds.save_round, args=(True,)
            )
            right.button(_("Cancel"), key="data_save_cancel", on_click=rounds.cancel_save)
        else:
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            left.text_input(
                _("Name of the round"),
                value=rounds.suggested_name(view.result, view.data),
                key=rounds.SAVE_NAME_WIDGET,
                max_chars=200,
                help=_(
                    "How this survey round is listed and compared on the Trends page, e.g. '2026-Q3'. "
                    "Rounds are put in order by their names, numbers as numbers."
                ),
            )
            right.button(
                _("Save as a round"), key="data_save", on_click=rounds.save_round, icon=":material/save:"
            )
            st.caption(
                _(
                    "Until you save it, this upload lives only in this server's memory: "
                    "a reload brings it back, a server restart does not."
                )
            )
    elif view.kind == state.SAMPLE_DATA:
        st.caption(_("The sample data is a demo: it is never saved into your rounds."))
    stored = rounds.stored_rounds()
    if not stored:
        if not problem:
            st.caption(_("No rounds are saved yet. Upload a survey and save it as a round to keep it."))
        return
    table = rounds_table(stored, with_people=admin and not view.scope.anonymous)
    widgets.table(table, key="data_rounds_table")
    names = {r.id: r.name for r in stored}
    shown = view.survey.ids if isinstance(view.survey, analysis.StoredRounds) else ()
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.multiselect(
        _("Open rounds"),
        list(names),
        default=[i for i in shown if i in names],
        format_func=names.__getitem__,
        key=rounds.OPEN_WIDGET,
        help=_("Open one round, or several to compare them on the Trends page."),
        placeholder=_("Choose one or more rounds"),
    )
    right.button(_("Open"), key="data_open", on_click=rounds.open_rounds, icon=":material/folder_open:")
    if not admin:
        return
    with st.expander(_("Rename or delete a round")):
        left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
        left.selectbox(_("Round"), list(names), format_func=names.__getitem__, key=rounds.RENAME_WIDGET)
        middle.text_input(_("New name"), key=rounds.RENAME_TO_WIDGET, max_chars=200)
        right.button(_("Rename"), key="data_rename", on_click=rounds.rename_round)
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        left.selectbox(
            _("Round to delete"), list(names), format_func=names.__getitem__, key=rounds.DELETE_WIDGET
        )
        right.button(_("Delete..."), key="data_delete", on_click=rounds.ask_delete)
        asked = st.session_state.get(rounds.DELETE_ASKED)
        if asked in names:
            st.warning(
                _(
                    "Delete round **{name}** and the training plans saved with it? This cannot be undone."
                ).format(name=widgets.safe(names[asked])),
                icon=":material/delete:",
            )
            left, right = st.columns(2)
            left.button(
                _("Yes, delete it"), key="data_delete_yes", on_click=rounds.delete_round, type="primary"
            )
            right.button(_("Keep it"), key="data_delete_no", on_click=rounds.cancel_delete)


error = st.session_state.get(state.SURVEY_ERROR)
if error:
    failed = (
        _("**The upload could not be used.** {error} The survey loaded before is still in use.")
        if view.result is not None
        else _("**The upload could not be used.** {error}")
    )
    st.error(failed.format(error=widgets.safe(error)), icon=":material/error:")
result = view.result
if result is None:
    if not error:
        st.info(
            _("No survey is loaded yet. Upload a file, open a saved round, or click 'Try sample data'."),
            icon=":material/info:",
        )
    saved_rounds()
    widgets.end_page()
shown = dv.data_view(result, fw)

on_screen = _("**On screen: {data}**: {people}, {ratings}, rounds {rounds}.").format(
    data=widgets.data_label(view),
    people=counted(shown.respondents, N_("person"), N_("people")),
    ratings=counted(shown.ratings, N_("rating"), N_("ratings")),
    rounds=widgets.safe(", ".join(shown.rounds)),
)
if shown.complete:
    st.success(on_screen, icon=":material/check_circle:")
else:
    st.warning(
        _(
            "{on_screen} Left out: {left_out}. The validation report below says what and why; the "
            "column mapping lets you fix unread columns."
        ).format(on_screen=on_screen, left_out=shown.left_out),
        icon=":material/warning:",
    )
if isinstance(view.survey, analysis.StoredRounds):
    before = st.session_state.get(state.FRAMEWORK_BEFORE)
    frameworks = {r.framework_digest for r in rounds.stored_rounds() if r.id in view.survey.ids}
    if len(frameworks) > 1:
        st.warning(
            _(
                "These rounds were scored against different versions of the framework; all are shown against "
                "the one saved with the newest round."
            ),
            icon=":material/rule:",
        )
    if before is not None and before.digest != fw.digest:
        st.info(
            _(
                "Shown against the framework saved with the round, as it was scored then. Your framework has "
                "changed since."
            ),
            icon=":material/history:",
        )
        st.button(
            _("Rescore with my current framework"),
            key="data_rescore",
            on_click=rounds.rescore,
            icon=":material/sync:",
        )
saved_rounds()
stored = view.kind == state.STORED

if not stored:
    st.subheader(_("Round and rater"))
    left, right = st.columns(2)
    left.text_input(
        _("Round label"),
        value=st.session_state.get(state.ROUND_LABEL, ""),
        key="data_round",
        on_change=state.keep,
        args=("data_round", state.ROUND_LABEL),
        placeholder=_("Taken from the file"),
        help=_(
            "Leave empty to take the round from the file: a Round column, the sheet name or the answer dates."
        ),
    )
    raters = ["", *c.RATERS]
    rater_labels = {r: _(RATER_LABELS[r]) if r in RATER_LABELS else r.capitalize() for r in raters}
    right.selectbox(
        _("Who filled in the form"),
        raters,
        index=raters.index(st.session_state.get(state.RATER) or ""),
        format_func=rater_labels.__getitem__,
        key="data_rater",
        on_change=state.keep,
        args=("data_rater", state.RATER),
    )

st.subheader(_("Validation report"))
cols = st.columns(3)
cols[0].metric(_("Errors"), shown.errors, help=_("Rows or answers that could not be used and were left out"))
cols[1].metric(_("Warnings"), shown.warnings, help=_("Things that may need a correction"))
cols[2].metric(_("Notes"), shown.notes, help=_("For your information"))
if len(shown.validation):
    # A static table wraps long text, so every message and its advice can be read in full.
    # st.table renders Markdown in its cells, and the messages quote headers, roles and names.
    validation = shown.validation
    cells = validation.shown.astype(object).map(
        lambda text: text if isinstance(text, int) else widgets.safe(text)
    )
    with st.container(key="wide-data_validation"):
        st.table(
            cells.rename(columns={name: validation.heading(name) for name in validation.columns}),
            hide_index=True,
        )
    # On a phone five columns squeeze every message into a sliver: one short block per finding.
    with st.container(key="narrow-data_validation"):
        what_to_do, how_many = validation.heading(dv.ACTION), validation.heading(dv.COUNT)
        for finding in cells.to_dict("records"):  # one per finding: a report holds a few dozen at most
            where = [str(finding[dv.WHERE])] if finding[dv.WHERE] else []
            head = " · ".join([f"**{finding[dv.SEVERITY]}**", *where, f"{how_many} {finding[dv.COUNT]}"])
            st.markdown(f"{head}  \n{finding[dv.MESSAGE]}  \n*{what_to_do}:* {finding[dv.ACTION]}")
else:
    st.success(_("No problems found: every answer was used."))

st.subheader(_("Column mapping"))
if stored:
    st.caption(
        _(
            "The mapping as it was when the round was saved. To change it, upload the file again, correct it "
            "and save it as a new round."
        )
    )
else:
    st.caption(
        _(
            "Which skill each survey column (or each skill name of a long sheet) measures. Matches marked "
            "'please check' were made from the wording and come first. Change a skill to correct it; the "
            "analysis updates at once, and confirmed choices are remembered for the next upload of the same form."
        )
    )
st.caption(_("Read as details of each answer: {identity}.").format(identity=widgets.safe(shown.identity)))
edited_columns = st.data_editor(
    shown.columns,
    hide_index=True,
    placeholder="",
    key=state.editor_key("data_columns"),
    disabled=["column", "found", "skill", "answers", "rater", "sheets"]
    if stored
    else ["column", "found", "answers", "rater", "sheets"],
    column_config={
        "column": _("Survey column or skill name"),
        "found": st.column_config.TextColumn(
            _("Match"), help=_("matched: by name or clearly by wording; please check: likely, but confirm it")
        ),
        "skill": st.column_config.SelectboxColumn(
            _("Skill"),
            options=[dv.not_a_skill(), *(s.shown_name for s in fw.skills)],
            required=True,
            width="large",
        ),
        "answers": st.column_config.NumberColumn(
            _("Answers"), help=_("Answers (or rows) it holds"), format="%d"
        ),
        "rater": _("Rater"),
        "sheets": _("Sheets"),
    },
)
if not stored:
    confirm = dv.to_confirm(shown.columns, fw)
    if confirm:
        st.button(
            _("Confirm all {n} match(es) to check").format(n=len(confirm)),
            key="data_confirm_all",
            icon=":material/done_all:",
            on_click=state.confirm_columns,
            args=(confirm,),
        )
state.apply_fixes(state.COLUMN_FIXES, dv.column_overrides(shown.columns, edited_columns, fw), result)
if not stored:
    wordings = dv.new_aliases(st.session_state[state.COLUMN_FIXES], fw)
    if wordings:
        st.button(
            _("Add {n} confirmed wording(s) to the framework as aliases").format(n=len(wordings)),
            key="data_add_aliases",
            icon=":material/playlist_add:",
            help=_("The next survey that words these questions the same way is matched by name."),
            on_click=state.use_framework_aliases,
            args=(wordings,),
        )

st.subheader(_("Role mapping"))
st.caption(_("Which framework role each role as written in the survey is measured against."))
edited_roles = st.data_editor(
    shown.roles,
    hide_index=True,
    placeholder="",
    key=state.editor_key("data_roles"),
    disabled=["role as written", "framework role", "people"] if stored else ["role as written", "people"],
    column_order=["role as written", "framework role", "people"],
    column_config={
        "role as written": _("Role as written in the survey"),
        "people": _("People"),
        "framework role": st.column_config.SelectboxColumn(
            _("Framework role"),
            options=[dv.no_role(), *(r.shown_name for r in fw.roles)],
            required=True,
            width="large",
        ),
    },
)
state.apply_fixes(state.ROLE_FIXES, dv.role_overrides(shown.roles, edited_roles, fw), result)

if st.session_state[state.COLUMN_FIXES] or st.session_state[state.ROLE_FIXES]:
    fixes = len(st.session_state[state.COLUMN_FIXES]) + len(st.session_state[state.ROLE_FIXES])
    st.caption(_("{n} correction(s) applied.").format(n=fixes))
    st.button(_("Undo all corrections"), key="data_reset_mapping", on_click=state.reset_corrections)

if admin:
    with st.expander(_("Audit trail: who signed in, saved, deleted or exported what")):
        events = rounds.audit_events()
        if events is None:
            st.caption(_("The audit trail is kept in the store, which cannot be reached now."))
        elif not len(events):
            st.caption(_("Nothing recorded yet."))
        else:
            widgets.table(audit_table(events), key="data_audit")
