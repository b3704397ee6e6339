"""The store in the session: its rounds, mappings, framework versions and plans in, session state and notes out.

The Data page's buttons call these: save what is on screen as a round, open stored
rounds, rename, delete; uploads look up the mapping remembered for their form; the
Framework page saves and opens named versions; the Priorities page saves a plan. Every
store failure becomes a message under :data:`ui.state.STORE_ERROR` (shown by the Data page)
and leaves what is on screen and what is stored as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd
import streamlit as st
from babel.dates import format_date

from analytics import columns as c
from analytics import i18n
from analytics.i18n import N_, _, plural
from analytics.ingest import LONG_NAME, IngestResult
from analytics.store import (
    FrameworkVersion,
    PlanInfo,
    RoundInfo,
    SameFileSaved,
    Store,
    StoreError,
    StoreUnavailable,
    database_url,
)
from analytics.views.formats import counted
from analytics.views.plan import PlanChoices, TrainingPlan, plan_members
from ui import access, analysis, state
from ui.widgets import safe

# The question (and the name chosen) after SameFileSaved, and the round a delete waits to be confirmed for.
SAVE_ASKED: Final = "save_asked"
DELETE_ASKED: Final = "delete_asked"
SAVE_NAME_WIDGET: Final = "data_save_name"
OPEN_WIDGET: Final = "data_open_rounds"
RENAME_WIDGET: Final = "data_rename_round"
RENAME_TO_WIDGET: Final = "data_rename_to"
DELETE_WIDGET: Final = "data_delete_round"
PLAN_NAME_WIDGET: Final = "prio_plan_name"
VERSION_NAME_WIDGET: Final = "fw_version_name"
VERSION_WIDGET: Final = "fw_version"


def store_url() -> str:
    """The store's address ("" when DATABASE_URL is not one: opening it then says why)."""
    try:
        return database_url().render_as_string(hide_password=False)
    except StoreUnavailable:
        return ""


def store() -> Store | None:
    """The store, or None with the reason kept under :data:`ui.state.STORE_ERROR`."""
    found = analysis.store(store_url())
    if isinstance(found, StoreUnavailable):
        st.session_state[state.STORE_ERROR] = str(found)
        return None
    return found


def stored_rounds() -> list[RoundInfo]:
    found = store()
    if found is None:
        return []
    try:
        return found.rounds()
    except StoreError as exc:
        _failed(exc)
        return []


def retry_store() -> None:
    st.session_state.pop(state.STORE_ERROR, None)
    analysis.forget_store(store_url())


def _failed(exc: StoreError) -> None:
    st.session_state[state.STORE_ERROR] = str(exc)
    if isinstance(exc, StoreUnavailable):
        analysis.forget_store(store_url())


def suggested_name(result: IngestResult | None, survey: analysis.Dataset | None) -> str:
    """The round's own label when the file has one round, else the file's name without its extension
    (the first file's, "and 2 more", for several)."""
    if result is not None and len(result.ratings):
        labels = result.ratings[c.ROUND].dropna().unique()
        if len(labels) == 1:
            return str(labels[0])
    if isinstance(survey, analysis.SurveyFiles):
        return _("{file} and {n} more").format(
            file=survey.files[0].name.rsplit(".", 1)[0], n=len(survey.files) - 1
        )
    name = survey.name if survey is not None else ""
    return name.rsplit(".", 1)[0]


def save_round(same_file_ok: bool = False) -> None:
    """Save the uploaded file's analysis as a round; then the stored round is what is on screen."""
    if not access.admin_only(_("Only an admin can save rounds.")):
        return
    st.session_state.pop(state.STORE_ERROR, None)
    survey = state.dataset()
    found = store()
    if found is None or state.current_survey() is None or not isinstance(survey, analysis.Upload):
        return
    # The survey as it is, never as this session sees it (an admin may have names hidden).
    result = analysis.load_survey(survey, state.framework(), state.ingest_options())
    asked = st.session_state.pop(SAVE_ASKED, None)
    if same_file_ok and (asked is None or asked[2] != survey.digest):
        return  # the question was about another file
    # The name box is not shown while the user is asked, so its value went with it.
    name = (asked[1] if same_file_ok and asked else None) or st.session_state.get(SAVE_NAME_WIDGET)
    name = name or suggested_name(result, survey)
    try:
        info = found.save_round(
            name,
            result,
            state.framework(),
            survey.name,
            survey.digest,
            access.actor(),
            same_file_ok=same_file_ok,
        )
        remember_mapping(result)
    except SameFileSaved as exc:
        st.session_state[SAVE_ASKED] = (str(exc), name, survey.digest)
        return
    except StoreError as exc:
        _failed(exc)
        return
    access.record(N_("saved round"), info.name)
    state.note(
        _(
            "Saved as round **{name}**: {people}, {ratings}. It is what you see now, and it stays after a reload."
        ).format(
            name=safe(info.name),
            people=counted(info.n_people, N_("person"), N_("people")),
            ratings=counted(info.n_ratings, N_("rating"), N_("ratings")),
        )
    )
    _show(found, [info.id])


def cancel_save() -> None:
    st.session_state.pop(SAVE_ASKED, None)


def open_rounds(ids: Sequence[int] | None = None) -> None:
    """Show the chosen stored rounds, each scored against the framework saved with it."""
    st.session_state.pop(state.STORE_ERROR, None)
    chosen = list(ids if ids is not None else st.session_state.get(OPEN_WIDGET) or [])
    found = store()
    if found is None or not chosen:
        return
    _show(found, chosen)


def _show(found: Store, ids: Sequence[int], reshow: bool = False) -> None:
    """Put these stored rounds on screen, each scored against its own framework.

    ``reshow`` shows again rounds that are on screen already (renamed, or one of them
    deleted): the framework in use stays, so a rescore the user chose is kept.
    """
    try:
        infos = {r.id: r for r in found.rounds()}
    except StoreError as exc:
        _failed(exc)
        return
    missing = [i for i in ids if i not in infos]
    kept = [i for i in ids if i in infos]
    if missing:
        state.note(
            plural(
                "{rounds} you had open was deleted since.",
                "{rounds} you had open were deleted since.",
                len(missing),
            ).format(rounds=counted(len(missing), N_("round"), N_("rounds")))
        )
    if not kept:
        return
    rounds = analysis.StoredRounds(
        store_url(),
        tuple(kept),
        tuple(infos[i].ratings_digest for i in kept),
        tuple(infos[i].name for i in kept),
    )
    try:
        opened = analysis.opened_rounds(rounds)
    except StoreError as exc:
        _failed(exc)
        return
    before = state.framework()
    if not isinstance(state.dataset(), analysis.StoredRounds):
        st.session_state[state.FRAMEWORK_BEFORE] = before
    state.set_survey(rounds)
    if opened.framework.digest != before.digest and not reshow:
        state.set_framework(opened.framework)
    st.session_state[state.COHORTS] = plan_cohorts(rounds)


def rescore() -> None:
    """Score the stored rounds on screen against the framework in use before they were opened."""
    before = st.session_state.get(state.FRAMEWORK_BEFORE)
    if before is not None:
        state.set_framework(before)


def rename_round() -> None:
    if not access.admin_only(_("Only an admin can rename rounds.")):
        return
    st.session_state.pop(state.STORE_ERROR, None)
    found = store()
    round_id = st.session_state.get(RENAME_WIDGET)
    new = st.session_state.get(RENAME_TO_WIDGET) or ""
    if found is None or round_id is None:
        return
    try:
        info = found.rename_round(int(round_id), new)
    except StoreError as exc:
        _failed(exc)
        return
    st.session_state[RENAME_TO_WIDGET] = ""
    access.record(N_("renamed round"), f"round {info.id} to {info.name}")
    state.note(_("Renamed to **{name}**.").format(name=safe(info.name)))
    shown = state.dataset()
    if isinstance(shown, analysis.StoredRounds) and info.id in shown.ids:
        _show(found, shown.ids, reshow=True)


def ask_delete() -> None:
    st.session_state[DELETE_ASKED] = st.session_state.get(DELETE_WIDGET)


def cancel_delete() -> None:
    st.session_state.pop(DELETE_ASKED, None)


def delete_round() -> None:
    """Delete the round the user confirmed; if it was on screen, what remains of it stays there."""
    if not access.admin_only(_("Only an admin can delete rounds.")):
        return
    st.session_state.pop(state.STORE_ERROR, None)
    round_id = st.session_state.pop(DELETE_ASKED, None)
    found = store()
    if found is None or round_id is None:
        return
    try:
        info = found.delete_round(int(round_id))
    except StoreError as exc:
        _failed(exc)
        return
    access.record(N_("deleted round"), info.name)
    state.note(
        _("Deleted round **{name}** and the training plans saved with it.").format(name=safe(info.name))
    )
    shown = state.dataset()
    if isinstance(shown, analysis.StoredRounds) and info.id in shown.ids:
        rest = [i for i in shown.ids if i != info.id]
        if rest:
            _show(found, rest, reshow=True)
        else:
            state.leave_stored_rounds()
            st.session_state.pop(state.SURVEY, None)


def _headers(result: IngestResult) -> list[str]:
    """The form's headers; a long sheet's skill names are answers, not headers."""
    columns = result.columns[result.columns["kind"] != LONG_NAME] if len(result.columns) else result.columns
    return [str(x) for x in columns["column"].unique()] if len(columns) else []


def remember_mapping(result: IngestResult) -> None:
    """Keep the corrections on screen for the next upload of the same form (quietly, if the store is down).

    Corrections made on the sample data are a demo's and stay out of the store.
    """
    if state.kind_of(state.dataset()) != state.UPLOADED or not access.grant().is_admin:
        return  # a form's remembered mapping is everyone's: admins keep it
    found = store()
    headers = _headers(result)
    if found is None or not headers:
        return
    try:
        found.remember_mapping(
            headers,
            st.session_state.get(state.COLUMN_FIXES, {}),
            st.session_state.get(state.ROLE_FIXES, {}),
            access.actor(),
        )
        access.record(N_("saved mapping"), f"corrections for a form of {len(headers)} columns")
    except StoreError as exc:
        _failed(exc)


def apply_remembered_mapping(result: IngestResult) -> None:
    """After an upload: the corrections confirmed for this form before, if any, with a note saying so."""
    found = store()
    headers = _headers(result)
    if found is None or not headers:
        return
    try:
        known = found.mapping_for(headers)
    except StoreError as exc:
        _failed(exc)
        return
    if known is None or not (known.columns or known.roles):
        return
    skills = {s.id for s in state.framework().skills} | {""}
    roles = {r.id for r in state.framework().roles} | {""}
    st.session_state[state.COLUMN_FIXES] = {k: v for k, v in known.columns.items() if v in skills}
    st.session_state[state.ROLE_FIXES] = {k: v for k, v in known.roles.items() if v in roles}
    fixes = len(st.session_state[state.COLUMN_FIXES]) + len(st.session_state[state.ROLE_FIXES])
    state.note(
        plural(
            "This form was seen before: {corrections} confirmed on {date} was applied. Check the mapping "
            "below; 'Undo all corrections' takes them off.",
            "This form was seen before: {corrections} confirmed on {date} were applied. Check the mapping "
            "below; 'Undo all corrections' takes them off.",
            fixes,
        ).format(
            corrections=counted(fixes, N_("correction"), N_("corrections")),
            date=format_date(known.saved_at, "dd MMM yyyy", locale=i18n.current()),
        )
    )


def audit_events() -> pd.DataFrame | None:
    """The audit trail, newest first; None when the store cannot be read."""
    found = store()
    if found is None:
        return None
    try:
        return found.audit()
    except StoreError as exc:
        _failed(exc)
        return None


def framework_versions() -> list[FrameworkVersion]:
    found = store()
    if found is None:
        return []
    try:
        return found.frameworks()
    except StoreError as exc:
        _failed(exc)
        return []


def save_framework_version() -> None:
    if not access.admin_only(_("Only an admin can save frameworks.")):
        return
    st.session_state.pop(state.STORE_ERROR, None)
    found = store()
    if found is None:
        return
    try:
        version = found.save_framework(
            st.session_state.get(VERSION_NAME_WIDGET) or "", state.framework(), access.actor()
        )
    except StoreError as exc:
        _failed(exc)
        return
    st.session_state[VERSION_NAME_WIDGET] = ""
    access.record(N_("saved framework"), version.name)
    st.toast(_("Saved this framework as '{name}'.").format(name=safe(version.name)), icon=":material/save:")


def open_framework_version() -> None:
    """Use a saved version from now on; stored rounds on screen are then scored against it."""
    st.session_state.pop(state.STORE_ERROR, None)
    found = store()
    version_id = st.session_state.get(VERSION_WIDGET)
    if found is None or version_id is None:
        return
    try:
        fw = found.open_framework(int(version_id))
    except StoreError as exc:
        _failed(exc)
        return
    state.set_framework(fw)
    state.bump_editors()


def plan_round(v: state.View) -> RoundInfo | None:
    """The stored round a plan made on this view would be saved with, if there is one.

    A plan goes with one stored round holding one survey round: the round chosen in the
    sidebar must be such a round of the stored rounds on screen.
    """
    if not isinstance(v.survey, analysis.StoredRounds) or v.filters.round not in v.survey.names:
        return None
    try:
        opened = analysis.opened_rounds(v.survey)
    except StoreError:
        return None
    info = opened.rounds[v.survey.names.index(v.filters.round)]
    return info if len(info.labels) <= 1 else None


def save_plan(v: state.View, plan: TrainingPlan) -> None:
    """Keep the plan on screen with its round, for the Trends page's "did the training work"."""
    st.session_state.pop(state.STORE_ERROR, None)
    info = plan_round(v)
    found = store()
    if found is None or info is None:
        return
    name = st.session_state.get(PLAN_NAME_WIDGET) or _("Plan for {round}").format(round=info.name)
    members, choices = plan_members(plan), v.choices
    if v.scope.restricted:
        # Kept under real ids, so the plan means the same people to everyone who opens it.
        real = {shown: real for real, shown in _shown_ids(v).items()}
        members = members.assign(**{c.RESPONDENT_ID: members[c.RESPONDENT_ID].astype(str).map(real)})
        choices = choices.renamed(real)
    try:
        saved = found.save_plan(info.id, name, members, access.actor(), choices.to_dict())
    except StoreError as exc:
        _failed(exc)
        return
    access.record(N_("saved plan"), f"{saved.name} (round {info.name})")
    st.session_state[state.COHORTS] = plan_cohorts(v.survey)  # type: ignore[arg-type]
    st.toast(
        _("Saved the plan '{name}' with round '{round}': {skills}, {people}.").format(
            name=safe(saved.name),
            round=safe(info.name),
            skills=counted(len(saved.skills), N_("skill"), N_("skills")),
            people=counted(saved.n_people, N_("person"), N_("people")),
        ),
        icon=":material/save:",
    )


def saved_plans(v: state.View) -> list[PlanInfo]:
    """The plans saved with the round a plan on this view would be saved with, newest first."""
    info = plan_round(v)
    found = store()
    if found is None or info is None:
        return []
    try:
        return list(reversed(found.plans([info.id])))
    except StoreError as exc:
        _failed(exc)
        return []


def open_plan(plan: PlanInfo) -> None:
    """Put a saved plan's choices back on screen: its skills, actions, costs, dates, people and mentors."""
    choices = PlanChoices.from_dict(plan.choices)
    shown = state.view()
    if shown.scope.restricted:
        choices = choices.renamed(_shown_ids(shown))
    st.session_state[state.PLAN_TOP] = choices.top
    st.session_state[state.PLAN_TOP_WIDGET] = choices.top
    state.set_plan(choices)
    st.toast(_("Opened the plan '{name}'.").format(name=safe(plan.name)), icon=":material/folder_open:")


def _shown_ids(v: state.View) -> dict[str, str]:
    """Each real respondent id of the data on screen and the id this session sees it under."""
    return analysis.id_map(v.data, v.framework, v.options)  # type: ignore[arg-type]


def plan_cohorts(rounds: analysis.StoredRounds) -> pd.DataFrame | None:
    """Who the plans stored with the rounds on screen put into each skill's cohort (see View.cohorts)."""
    found = store()
    if found is None:
        return None
    try:
        return found.cohorts(analysis.opened_rounds(rounds).rounds)
    except StoreError as exc:
        _failed(exc)
        return None
