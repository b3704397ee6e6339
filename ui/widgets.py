"""Widgets and formatting: view objects in, Streamlit elements out.

Tables are drawn from :class:`analytics.views.fields.Table` (headings, help and number
formats from its fields), figures from :class:`analytics.views.fields.Figure`, so a page
shows exactly the headings and numbers the exports carry. Every text that came from an
upload goes through :func:`safe` before Streamlit's Markdown sees it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final, NoReturn

import streamlit as st

from analytics import columns as c
from analytics import plans
from analytics.privacy import NOT_SHOWN
from analytics.views import fields as f
from analytics.views.formats import NOT_AVAILABLE, counted, format_value
from analytics.views.selection import described
from ui import state

_SPACES: Final = re.compile(r"\s+")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#+!|<>:$~&])")
# Text columns that get a wide column on the page.
_LONG_TEXT: Final = frozenset({f.NAMES, plans.ALTERNATIVES, plans.DESCRIPTION})
# How st.dataframe shows each number kind (its printf-style formats or named presets).
_COLUMN_FORMATS: Final = {
    f.COUNT: "localized",
    f.SCORE: "%.2f",
    f.LEVEL: "%.1f",
    f.PERCENT: "percent",
    f.HOURS: "localized",
    f.MONEY: "localized",
}


def safe(text: object) -> str:
    """Text from an upload, escaped so that Streamlit's Markdown shows it as it is.

    A name like ``**Bold**``, ``[click](javascript:...)``, ``<img src=x>`` or ``:red[x]`` must
    show as typed, never as bold text, a link, an image or a coloured directive; line breaks
    inside it become spaces, so it cannot start a list or a heading of its own.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", str(text)))


def data_label(v: state.View) -> str:
    """What is on screen in a few words: the sample (a demo), an upload not saved yet, or stored rounds."""
    if v.survey is None or v.result is None:
        return "none loaded yet"
    if v.kind == state.SAMPLE_DATA:
        return "Sample data (a demo; never saved)"
    if v.kind == state.UPLOADED:
        return f"{safe(v.file_name)} (not saved as a round yet)"
    return safe(v.file_name)


def describe(v: state.View, source: bool = True) -> str:
    """One line naming the data, the rating source and the filters, for the top of a page.

    ``source=False`` leaves the rating source out, for a page it does not apply to (Calibration
    compares both sources).
    """
    (_, round_label), *others = described(v.filters, v.framework)
    filters = " · ".join([f"Round: {safe(round_label)}", *(safe(which) for _, which in others)])
    return " · ".join([*([f"**{v.source_label}**"] if source else []), filters, data_label(v)])


def header(title: str, v: state.View, source: bool = True) -> None:
    st.title(title)
    st.caption(describe(v, source))
    if v.scope.anonymous:
        st.caption(
            f":material/visibility_off: Names are hidden: everyone is shown under a pseudonym, and figures of "
            f"groups under {v.hide} people say '{NOT_SHOWN.format(n=v.hide)}'."
        )
    elif v.scope.restricted:
        st.caption(
            ":material/visibility_off: You see the people of your teams by name; everyone else is shown "
            "under a pseudonym."
        )


class PageEnds(Exception):
    """Raised by :func:`end_page`; ``dashboard.py`` catches it after the page and draws the sidebar."""


def end_page() -> NoReturn:
    """End the page here, like ``st.stop()``, but let the dashboard draw its sidebar afterwards.

    The sidebar's widgets are drawn after the page (see ``dashboard.py``); ``st.stop()``
    would stop the whole script run and leave the sidebar out.
    """
    raise PageEnds


def stop_if_empty(v: state.View) -> None:
    """Say why there is nothing to show and what to do, then end the page (and the same for a
    selection too small to show with names hidden, :func:`stop_if_too_few`)."""
    if v.empty is None:
        stop_if_too_few(v)
        return
    # The reason names the teams and round chosen, which came from the upload.
    st.info(f"{safe(v.empty.why)} {safe(v.empty.todo)}", icon=":material/info:")
    if v.result is None:
        st.button("Try sample data", key="empty_sample", on_click=state.use_sample, type="primary")
        st.page_link(state.PAGES["data"], label="Go to the Data page", icon=":material/upload_file:")
    end_page()


def stop_if_too_few(v: state.View) -> None:
    """With names hidden, a selection of fewer people than the minimum group size shows nothing:
    any figure of it would describe people who could be told apart. Says so, then ends the page."""
    if not v.hide:
        return
    people = int(v.pairs[c.RESPONDENT_ID].nunique())
    if people >= v.hide or not people:  # nobody at all is the empty state's to explain
        return
    st.info(
        f"This selection has {counted(people, 'person', 'people')}. With names hidden, groups under {v.hide} "
        "people are not shown, so nobody can be singled out. Choose more teams or roles in the sidebar.",
        icon=":material/visibility_off:",
    )
    end_page()


def number(value: object, kind: str, missing: str = NOT_AVAILABLE) -> str:
    """A figure as a metric shows it: formatted by its kind, ``missing`` when it is not there.

    A metric's value is Markdown: a text figure (an area's name, from a framework file) is escaped.
    """
    shown = format_value(value, kind, missing)
    return safe(shown) if kind == f.TEXT else shown


def metrics(
    figures: Sequence[f.Figure], keys: Sequence[str] | None = None, missing: str = NOT_AVAILABLE
) -> None:
    """Headline figures side by side as metrics (those of ``keys`` when given, in that order);
    ``missing`` stands in for a figure that is not there."""
    by_key = {figure.key: figure for figure in figures}
    shown = [by_key[key] for key in keys] if keys is not None else list(figures)
    for column, figure in zip(st.columns(len(shown)), shown, strict=True):
        column.metric(figure.label, number(figure.value, figure.kind, missing), help=figure.help or None)


def missing_figure(v: state.View) -> str:
    """What a figure that is not there says: hidden for a small group, or not available."""
    return NOT_SHOWN.format(n=v.hide) if v.hide else NOT_AVAILABLE


def table(shown: f.Table, key: str, **kwargs: Any) -> None:
    """A view's table as ``st.dataframe``: its columns in order, with its headings and formats.

    The table sits in a container with ``key``, so tests (and the browser, through the
    ``st-key-`` class) find it by that key: a dataframe without selections keeps no key.
    """
    with st.container(key=key):
        st.dataframe(
            shown.shown,  # only the shown columns reach the browser, not ids beside them
            hide_index=True,
            column_order=list(shown.columns),
            column_config={name: column_config(shown, name) for name in shown.columns},
            **kwargs,
        )


def column_config(shown: f.Table, name: str) -> Any:
    """The Streamlit column of one column of a view's table."""
    field = shown.field(name)
    help_text = field.help or None
    if field.kind == f.TEXT:
        if name in _LONG_TEXT:
            return st.column_config.TextColumn(field.heading, help=help_text, width="large")
        return st.column_config.TextColumn(field.heading, help=help_text)
    return st.column_config.NumberColumn(field.heading, help=help_text, format=_COLUMN_FORMATS[field.kind])
