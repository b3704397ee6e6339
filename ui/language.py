"""The session's language: chosen by link (``?lang=id``), in the sidebar, or remembered for the browser.

Worked out first on every run, before any text is drawn, and handed to :mod:`analytics.i18n`
so pages, charts and exports all speak it. The order: a ``?lang=`` the session has not
applied yet, then the sidebar's choice, then the language this browser chose last time (a
cookie, so it holds signed out and with the store down), then the browser's own language,
then English.
"""

from __future__ import annotations

from typing import Final

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics import i18n
from ui.widgets import set_cookie

WIDGET: Final = "language"
COOKIE: Final = "skills_language"
# The ?lang= value last applied: the link sets the language once; the sidebar may change it after.
_FROM_LINK: Final = "language_from_link"
_COOKIE_SENT: Final = "language_cookie_sent"


def _session_choice() -> object:
    """The session's choice, for a thread Streamlit runs a callback on (None outside a session)."""
    if get_script_run_ctx() is None:
        return None
    return st.session_state.get(WIDGET)


# Callbacks run before the page on a thread of their own: they speak the session's language too.
i18n.ask_when_unset(_session_choice)


def choose() -> str:
    """Settle this run's language and speak it from here on."""
    ss = st.session_state
    asked = st.query_params.get("lang")
    linked = i18n.known(asked)
    if linked is not None and asked != ss.get(_FROM_LINK):
        ss[_FROM_LINK] = asked
        ss[WIDGET] = linked
    if i18n.known(ss.get(WIDGET)) is None:
        remembered = st.context.cookies.get(COOKIE)
        ss[WIDGET] = i18n.known(remembered) or i18n.known(st.context.locale) or i18n.ENGLISH
    code: str = ss[WIDGET]
    i18n.use(code)
    return code


def _changed() -> None:
    # A link with ?lang= then keeps saying what the page shows, for a reload or to pass on.
    if "lang" in st.query_params:
        st.query_params["lang"] = st.session_state[WIDGET]
        st.session_state[_FROM_LINK] = st.session_state[WIDGET]


def picker() -> None:
    """The sidebar's choice, labelled in both languages so either reader finds it."""
    st.radio(
        "Language / Bahasa",
        tuple(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.__getitem__,
        key=WIDGET,
        horizontal=True,
        on_change=_changed,
    )
    remember()


def remember() -> None:
    """Tell the browser its language for later visits, when the cookie does not say it yet."""
    code = st.session_state[WIDGET]
    if st.context.cookies.get(COOKIE) == code or st.session_state.get(_COOKIE_SENT) == code:
        return
    st.session_state[_COOKIE_SENT] = code
    set_cookie(COOKIE, code)
