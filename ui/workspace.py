"""A browser's workspace: the session's data, corrections and filters in the store, and back after a reload.

A browser is known by a random token in a cookie (set by :func:`keep_cookie`; Streamlit
reads cookies but cannot set them). After every run the session's choices are written to
the store when they changed (:func:`persist`); a new session of the same browser starts
from them (:func:`restore`). Stored rounds and the sample come back as they were; an
upload that was not saved as a round comes back only from this server's memory (uploads
are never written to disk unless saved), and otherwise the page says what happened and
what to do. Without sign-in the token is all that ties a workspace to a person; with it, a
person's workspace is keyed by their address (:func:`ui.access.workspace_token`).
"""

from __future__ import annotations

import re
import secrets
from typing import Any, Final

import streamlit as st

from analytics.framework import Framework, FrameworkError, default_framework, parse_framework
from analytics.i18n import _
from analytics.store import StoreError
from analytics.views.plan import PlanChoices
from ui import access, analysis, rounds, state
from ui.widgets import safe, set_cookie

COOKIE: Final = "skills_workspace"
TOKEN: Final = "workspace_token"
# The choices last written to the store, so an unchanged run writes nothing.
SAVED: Final = "workspace_saved"
_TOKEN_FORM: Final = re.compile(r"^[A-Za-z0-9_-]{22,64}$")


def token() -> str:
    """This browser's workspace token: from its cookie, or a new one for a first visit. A signed-in
    person's workspace is their own, the same in every browser and nobody else's."""
    known: str | None = st.session_state.get(TOKEN)
    if known is None:
        known = access.workspace_token(access.grant())
        if known is not None:
            st.session_state[TOKEN] = known
            return known
        sent = _cookie()
        known = sent if _TOKEN_FORM.match(sent) else secrets.token_urlsafe(24)
        st.session_state[TOKEN] = known
    return known


def keep_cookie() -> None:
    """Give the browser its token for later visits, once per session, where it does not have it yet."""
    if _cookie() == token() or st.session_state.get("workspace_cookie_sent") or access.grant().email:
        return
    st.session_state["workspace_cookie_sent"] = True
    set_cookie(COOKIE, token())


def _cookie() -> str:
    # Outside a browser (a test, a bare run) there are no cookies to read.
    sent = st.context.cookies.get(COOKIE)
    return sent if isinstance(sent, str) else ""


def choices() -> dict[str, Any]:
    """What a later visit needs to come back to this screen (small: no survey data)."""
    data = state.dataset()
    kind = state.kind_of(data)
    where: dict[str, Any] = {"kind": kind or "none"}
    if isinstance(data, analysis.StoredRounds):
        where["ids"] = list(data.ids)
    elif data is not None and kind == state.UPLOADED:
        where.update(name=data.name, digest=data.digest)
    ss = st.session_state
    before: Framework | None = ss.get(state.FRAMEWORK_BEFORE)
    return {
        "data": where,
        "columns": dict(ss.get(state.COLUMN_FIXES, {})),
        "roles": dict(ss.get(state.ROLE_FIXES, {})),
        "round_label": ss.get(state.ROUND_LABEL) or "",
        "rater": ss.get(state.RATER) or "",
        "source": ss.get(state.SOURCE_WIDGET) or "",
        "round": ss.get(state.ROUND_WIDGET) or "",
        "teams": list(ss.get(state.TEAMS_WIDGET) or []),
        "role_filter": list(ss.get(state.ROLES_WIDGET) or []),
        "plan_top": ss.get(state.PLAN_TOP) or 0,
        # Under real ids, whatever this session's names hidden: a reload may see others.
        "plan": (ss.get(state.PLAN) or PlanChoices()).to_dict(),
        "framework": state.framework().digest,
        "framework_before": before.digest if before is not None else "",
    }


def persist() -> None:
    """Write this session's choices to the store when they changed since the last write."""
    if st.session_state.get(state.KEEP_WORKSPACE):
        return
    now = choices()
    if now == st.session_state.get(SAVED):
        return
    found = rounds.store()
    if found is None:
        return
    default = default_framework().digest
    frameworks = {
        key: fw.to_yaml()
        for key, fw in (
            ("framework", state.framework()),
            ("framework_before", st.session_state.get(state.FRAMEWORK_BEFORE)),
        )
        if fw is not None and fw.digest != default
    }
    try:
        found.save_workspace(token(), {**now, "yaml": frameworks})
    except StoreError as exc:
        st.session_state[state.STORE_ERROR] = str(exc)
        return
    st.session_state[SAVED] = now


def restore() -> bool:
    """Bring back this browser's last workspace; False when there is none to bring back."""
    found = rounds.store()
    if found is None:
        # The store is down: start on the sample, but leave the workspace for a later visit.
        st.session_state[state.KEEP_WORKSPACE] = True
        return False
    try:
        saved = found.workspace(token())
    except StoreError as exc:
        st.session_state[state.STORE_ERROR] = str(exc)
        st.session_state[state.KEEP_WORKSPACE] = True
        return False
    if not saved or not isinstance(saved.get("data"), dict):
        return False
    yaml: dict[str, str] = saved.get("yaml") or {}
    in_use = _framework(yaml.get("framework"))
    where = saved["data"]
    kind = where.get("kind")
    if kind == state.STORED:
        # Open the rounds over the framework used before them, so a rescore can go back to it;
        # they bring their own, unless the user had rescored them with another.
        state.set_framework(
            _framework(yaml.get("framework_before")) if saved.get("framework_before") else in_use
        )
        rounds.open_rounds([int(i) for i in where.get("ids", [])])
        if in_use.digest != state.framework().digest:
            state.set_framework(in_use)
    else:
        state.set_framework(in_use)
    if kind == state.SAMPLE_DATA:
        state.use_sample()
    elif kind == state.UPLOADED:
        upload = analysis.shelved(token(), str(where.get("digest", "")))
        if upload is None:
            gone = (
                _(
                    "Your upload **{name}** was not saved as a round, and this server no longer has it (it keeps "
                    "unsaved uploads only while it runs). Upload it again, and save it as a round to keep it. "
                    "The corrections you made are remembered for its form."
                )
                if saved.get("columns") or saved.get("roles")
                else _(
                    "Your upload **{name}** was not saved as a round, and this server no longer has it (it keeps "
                    "unsaved uploads only while it runs). Upload it again, and save it as a round to keep it."
                )
            )
            state.note(gone.format(name=safe(where.get("name", ""))))
        else:
            state.set_survey(upload)
    ss = st.session_state
    if kind in (state.UPLOADED, state.SAMPLE_DATA):
        ss[state.COLUMN_FIXES] = _texts(saved.get("columns"))
        ss[state.ROLE_FIXES] = _texts(saved.get("roles"))
        ss[state.ROUND_LABEL] = str(saved.get("round_label") or "")
        ss[state.RATER] = str(saved.get("rater") or "")
    if saved.get("source") in state.SOURCES:
        ss[state.SOURCE_WIDGET] = saved["source"]
    if saved.get("round"):
        ss[state.ROUND_WIDGET] = str(saved["round"])
    ss[state.TEAMS_WIDGET] = [str(x) for x in saved.get("teams") or []]
    ss[state.ROLES_WIDGET] = [str(x) for x in saved.get("role_filter") or []]
    if saved.get("plan_top"):
        ss[state.PLAN_TOP] = int(saved["plan_top"])
    if isinstance(saved.get("plan"), dict):
        ss[state.PLAN] = PlanChoices.from_dict(saved["plan"])
    ss[SAVED] = choices()
    return state.dataset() is not None or kind == state.UPLOADED


def _framework(text: str | None) -> Framework:
    if not text:
        return default_framework()
    try:
        return parse_framework(text, origin="your last framework")
    except FrameworkError:
        state.note(
            _("The framework you edited last time could not be read back, so the built-in one is in use.")
        )
        return default_framework()


def _texts(value: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}
