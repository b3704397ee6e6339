"""Sign-in and who sees what, in the app: Streamlit's own ``st.login`` in, the signed-in person's
:class:`~analytics.access.Grant` and :class:`~analytics.scope.Scope` out.

Sign-in is on when ``.streamlit/secrets.toml`` has an ``[auth]`` section (Streamlit's
OpenID Connect settings). Then nothing of the data is drawn until a person has signed in
and the access file (:mod:`analytics.access`) grants them a role; an access file that
cannot be read stops the app with its message, for everyone. Without ``[auth]`` the app is
one local user's, who sees everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

import streamlit as st

from analytics import i18n
from analytics.access import LOCAL_USER, PLANNER, AccessError, AccessRules, Grant, access_file, load_access
from analytics.i18n import N_, _
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.scope import Scope
from analytics.store import StoreError, StoreUnavailable
from analytics.store.location import data_dir
from ui.widgets import safe

GRANT: Final = "grant"
ANONYMISE_WIDGET: Final = "anonymise_names"
SIGNED_IN_NOTED: Final = "signed_in_noted"
KEY_VARIABLE: Final = "SKILLS_PSEUDONYM_KEY"
KEY_FILE: Final = "pseudonym.key"
# Who saved or did something when there is no sign-in: the one local user.
# Kept in English in the store, and shown in the reader's language (analytics.views.stored).
LOCAL_ACTOR: Final = N_("local user (no sign-in)")
# An e-mail address in a message shown to anyone who reaches the server.
_ADDRESS: Final = re.compile(r"[^\s'\"@]+@[^\s'\"]+")


def sign_in_on() -> bool:
    """Whether the server's secrets configure sign-in (an ``[auth]`` section)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, OSError):
        return False
    except Exception as exc:  # a secrets file Streamlit cannot parse: not open to everyone
        if type(exc).__name__ == "StreamlitSecretNotFoundError":
            return False
        raise


@st.cache_resource(show_spinner=False, ttl=30)
def _rules(path: str, changed: float, language: str) -> AccessRules | AccessError:
    """The access file, read again when it changes (and at most every 30 s); a mistake's message
    in ``language``, so each session reads it in its own."""
    try:
        return load_access(Path(path))
    except AccessError as exc:
        return exc


def rules() -> AccessRules:
    path = access_file()
    try:
        changed = path.stat().st_mtime
    except OSError:
        changed = -1.0
    found = _rules(str(path), changed, i18n.current())
    if isinstance(found, AccessError):
        raise found
    return found


def gate(page_paths: Sequence[str] = ()) -> Grant:
    """The signed-in person's grant; draws the sign-in or refusal screen and stops when there is none.

    ``page_paths`` are the addresses of the app's pages: a link to one, followed before signing
    in, then leads to the sign-in screen rather than a "Page not found" notice.
    """
    if not sign_in_on():
        st.session_state[GRANT] = LOCAL_USER
        return LOCAL_USER
    try:
        allowed = rules()
    except AccessError as exc:
        # The whole message goes to the server's log; the page, which anyone can reach, names the
        # line and the problem but no address or folder.
        print(f"Access file: {exc}", file=sys.stderr)
        shown = _ADDRESS.sub("[an address]", str(exc)).replace(str(access_file()), access_file().name)
        _screen_only(page_paths)
        st.title(_("Team Skills-Gap Dashboard"))
        st.error(
            _("**The dashboard cannot open: its access file has a problem.** {problem}").format(
                problem=safe(shown)
            ),
            icon=":material/lock:",
        )
        st.caption(_("Ask the person who runs this server to fix the file; nobody is let in until then."))
        st.stop()
    if not st.user.is_logged_in:
        st.session_state.pop(GRANT, None)
        _screen_only(page_paths)
        st.title(_("Team Skills-Gap Dashboard"))
        st.write(_("Sign in with your work account to see your team's skills survey."))
        st.button(_("Sign in"), key="sign_in", on_click=st.login, type="primary", icon=":material/login:")
        st.stop()
    email = str(st.user.get("email") or "")
    # A provider that says the address is not verified gives no grant: anyone could type it.
    grant = allowed.grant_for(email) if st.user.get("email_verified", True) is not False else None
    if grant is None:
        st.session_state.pop(GRANT, None)
        _screen_only(page_paths)
        st.title(_("Team Skills-Gap Dashboard"))
        st.info(
            _(
                "You are signed in as **{account}**, but this dashboard has not been opened to you. Ask its "
                "administrator to add you to its access list."
            ).format(account=safe(email or _("an account without an e-mail address"))),
            icon=":material/lock:",
        )
        st.button(_("Sign out"), key="sign_out_refused", on_click=st.logout, icon=":material/logout:")
        st.stop()
    st.session_state[GRANT] = grant
    if st.session_state.get(SIGNED_IN_NOTED) != grant.email:
        st.session_state[SIGNED_IN_NOTED] = grant.email
        record(N_("signed in"), grant.described)
    return grant


def _screen_only(page_paths: Sequence[str]) -> None:
    """Keep the pages out of the sidebar while nobody may see them: a hidden navigation whose
    every address is the sign-in screen."""
    title = _("Sign in")
    st.navigation(
        [
            st.Page(_nothing, title=title, url_path="sign-in", default=True),
            *(st.Page(_nothing, title=title, url_path=path) for path in page_paths),
        ],
        position="hidden",
    )


def _nothing() -> None:
    """The page of the sign-in screen, never run: the screen is drawn before it and stops."""


def grant() -> Grant:
    """This session's grant (the local user's without sign-in)."""
    found: Grant | None = st.session_state.get(GRANT)
    return found if found is not None else (LOCAL_USER if not sign_in_on() else Grant("", PLANNER))


def actor() -> str:
    """Who the store says did something: the signed-in address, or the one local user."""
    return grant().email or LOCAL_ACTOR


def admin_only(refusal: str) -> bool:
    """Whether this session may manage rounds and frameworks: admins only. Others are told ``refusal``
    ("Only an admin can save rounds.", in the session's language)."""
    if grant().is_admin:
        return True
    st.toast(refusal, icon=":material/lock:")
    return False


def record(action: str, subject: str = "") -> None:
    """Note an action in the store's audit trail; a store that is down does not stop the work.

    The action is kept in English, marked with ``N_()`` where it is recorded: the audit trail
    shows it in the reader's language (:func:`analytics.views.stored.audit_table`).
    """
    _record(rounds_store_url(), actor(), action, subject)


def recorded(build: Callable[[], bytes], action: str, subject: str) -> Callable[[], bytes]:
    """``build`` that also notes the download in the audit trail when it runs.

    A download button runs it on another thread, where session state cannot be read: who
    and where are taken now.
    """
    who, url = actor(), rounds_store_url()

    def run() -> bytes:
        data = build()
        _record(url, who, action, subject)
        return data

    return run


def rounds_store_url() -> str:
    from ui import rounds

    return rounds.store_url()


def _record(url: str, who: str, action: str, subject: str) -> None:
    from ui import analysis

    found = analysis.store(url)
    if isinstance(found, StoreUnavailable):
        return
    with contextlib.suppress(StoreError):
        found.record(who, action, subject)


def anonymised() -> bool:
    """Whether names are hidden on every page: a planner's always, anyone else's by the switch."""
    return grant().role == PLANNER or bool(st.session_state.get(ANONYMISE_WIDGET))


def scope() -> Scope:
    """What this session may see: everyone or some teams by name, or nobody with small groups hidden."""
    if anonymised():
        return Scope((), DEFAULT_MIN_GROUP_SIZE, server_key())
    named = grant().named_teams
    return Scope(named, 0, server_key()) if named is not None else Scope()


def workspace_token(grant: Grant) -> str | None:
    """A signed-in person's own workspace token (the same in every browser); None without sign-in."""
    if not grant.email:
        return None
    return "u" + hashlib.sha256(f"{server_key()}:{grant.email}".encode()).hexdigest()[:40]


@st.cache_resource(show_spinner=False)
def server_key() -> str:
    """The server's pseudonym key: ``SKILLS_PSEUDONYM_KEY``, else one kept in the data folder.

    The same key gives everyone the same pseudonyms, on every page and in every session. The
    file is made once, readable by the server's user only, beside the SQLite store (never
    committed: ``data/`` is ignored).
    """
    given = os.environ.get(KEY_VARIABLE)
    if given:
        return given
    path = data_dir() / KEY_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        pass
    key = secrets.token_hex(16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as stream:
            stream.write(key)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        pass  # a read-only folder: pseudonyms then last as long as this server runs
    return key


def account_sidebar(grant: Grant) -> None:
    """Who is signed in, as what, the anonymise switch, and signing out."""
    if grant.email:
        st.caption(
            _("Signed in as **{email}** ({role})").format(
                email=safe(grant.email), role=safe(grant.shown_role)
            )
        )
    if grant.role == PLANNER:
        st.toggle(
            _("Anonymise names"),
            value=True,
            disabled=True,
            key="anonymise_forced",
            help=_(
                "As an L&D planner you see every team under pseudonyms; groups under {n} people are hidden."
            ).format(n=DEFAULT_MIN_GROUP_SIZE),
        )
    else:
        st.toggle(
            _("Anonymise names"),
            key=ANONYMISE_WIDGET,
            help=_(
                "Show pseudonyms instead of names and e-mails on every page and in every export, and hide "
                "figures of groups under {n} people: for a meeting or a shared screen."
            ).format(n=DEFAULT_MIN_GROUP_SIZE),
        )
    if grant.email:
        st.button(_("Sign out"), key="sign_out", on_click=st.logout, icon=":material/logout:")
