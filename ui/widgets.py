"""Widgets and formatting: view objects in, Streamlit elements out.

Tables are drawn from :class:`analytics.views.fields.Table` (headings, help and number
formats from its fields), figures from :class:`analytics.views.fields.Figure`, so a page
shows exactly the headings and numbers the exports carry. Every text that came from an
upload goes through :func:`safe` before Streamlit's Markdown sees it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NoReturn

import streamlit as st

from analytics import columns as c
from analytics import i18n, plans
from analytics.i18n import N_, _
from analytics.privacy import NOT_SHOWN
from analytics.views import fields as f
from analytics.views.data import left_out
from analytics.views.formats import (
    DASH,
    NOT_AVAILABLE,
    POINTS_TEXT,
    counted,
    format_column,
    format_value,
    numbers_for_format,
)
from analytics.views.selection import described
from ui import state

# The browser tab's icon, served from the repo so no page asks another host for it.
ICON: Final = Path(__file__).parent / "assets" / "icon.png"
_YEAR: Final = 365 * 24 * 3600
_SPACES: Final = re.compile(r"\s+")
_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#+!|<>:$~&])")
# Text columns that get a wide column on the page.
_LONG_TEXT: Final = frozenset({f.NAMES, plans.ALTERNATIVES, plans.DESCRIPTION})
_CHART_CONFIG: Final = {"displayModeBar": False, "displaylogo": False}
# The first chart a browser gets makes it start Plotly's library (about 5 MB of script: a second
# of a laptop's time, drawing nothing else meanwhile). Charts arriving with the headline figures
# held them up until the library was ready, half the time; a session's first figures get this
# long on screen before its first chart is sent (measured by benchmarks/bench_first_look.py).
FIRST_CHART_HEAD_START: Final = 0.3
# Up to this width (a phone, a narrow window) pages show the narrow variant of a chart.
NARROW_PX: Final = 640
# A table's toolbar sits this far above it; a touch screen shows it all the time, where it
# covered the heading or caption above the table: such a screen gives it room of its own, inside
# the table's box (whose height Streamlit sets), so nothing below is covered either.
TABLE_TOOLBAR_PX: Final = 44
LAYOUT_CSS: Final = f"""<style>
@media (max-width: {NARROW_PX}px) {{ [class*="st-key-wide-"] {{ display: none; }} }}
@media (min-width: {NARROW_PX + 1}px) {{ [class*="st-key-narrow-"] {{ display: none; }} }}
@media (hover: none) {{
  [data-testid="stElementContainer"]:has(.stDataFrame) {{ padding-top: {TABLE_TOOLBAR_PX}px; }}
}}
[class*="st-key-text-metric-"] [data-testid="stMetricValue"],
[class*="st-key-text-metric-"] [data-testid="stMetricValue"] * {{
  white-space: normal !important; overflow: visible !important; font-size: 1.6rem; line-height: 1.25;
}}
</style>"""
# How st.dataframe shows each number kind (its printf-style formats or named presets).
_COLUMN_FORMATS: Final = {
    f.COUNT: "localized",
    f.SCORE: "%.2f",
    f.SIGNED: "%+.2f",
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


def set_cookie(name: str, value: str) -> None:
    """Give the browser a cookie for a year (Streamlit reads cookies but cannot set them).

    ``name`` and ``value`` are this app's own (a token, a language code), never a user's text.
    """
    url = st.context.url
    secure = "; Secure" if isinstance(url, str) and url.startswith("https:") else ""
    st.html(
        f"<script>document.cookie = '{name}={value}; Max-Age={_YEAR}; Path=/; SameSite=Strict{secure}';</script>",
        unsafe_allow_javascript=True,
    )


def data_label(v: state.View) -> str:
    """What is on screen in a few words: the sample (a demo), an upload not saved yet, or stored rounds."""
    if v.survey is None or v.result is None:
        return _("none loaded yet")
    if v.kind == state.SAMPLE_DATA:
        return _("Sample data (a demo; never saved)")
    if v.kind == state.UPLOADED:
        return _("{file} (not saved as a round yet)").format(file=safe(v.file_name))
    return safe(v.file_name)


def describe(v: state.View, source: bool = True) -> str:
    """One line naming the data, the rating source and the filters, for the top of a page.

    ``source=False`` leaves the rating source out, for a page it does not apply to (Calibration
    compares both sources).
    """
    (_unused, round_label), *others = described(v.filters, v.framework)
    filters = " · ".join(
        [_("Round: {round}").format(round=safe(round_label)), *(safe(which) for _unused, which in others)]
    )
    return " · ".join([*([f"**{v.source_label}**"] if source else []), filters, data_label(v)])


def sample_note(v: state.View) -> None:
    """While the sample is on screen, say so: its figures are of a made-up team, not the user's."""
    if v.kind == state.SAMPLE_DATA:
        st.info(
            _(
                "You are looking at **sample data**: a made-up team of digital marketers, to look around with. "
                "Upload your own survey on the Data page to see your team."
            ),
            icon=":material/science:",
        )


def left_out_note(v: state.View) -> None:
    """When the reading left answers out, say so where the figures are: the Data page alone said it."""
    if v.kind == state.SAMPLE_DATA or v.result is None:
        return
    what = left_out(v.result)
    if what:
        st.warning(
            _("Not in these figures: {what}. The Data page says why, and what to fix.").format(what=what),
            icon=":material/rule:",
        )


def header(title: str, v: state.View, source: bool = True) -> None:
    st.title(title)
    st.caption(describe(v, source))
    sample_note(v)
    left_out_note(v)
    if v.scope.anonymous:
        st.caption(
            _(
                ":material/visibility_off: Names are hidden: everyone is shown under a pseudonym, and figures "
                "of groups under {n} people say '{hidden}'."
            ).format(n=v.hide, hidden=_(NOT_SHOWN).format(n=v.hide))
        )
    elif v.scope.restricted:
        st.caption(
            _(
                ":material/visibility_off: You see the people of your teams by name; everyone else is shown "
                "under a pseudonym."
            )
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
        st.page_link(
            state.PAGES["data"], label=_("Upload your survey on the Data page"), icon=":material/upload_file:"
        )
        st.button(_("Try sample data"), key="empty_sample", on_click=state.use_sample)
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
        _(
            "This selection has {people}. With names hidden, groups under {n} people are not shown, so nobody "
            "can be singled out. Choose more teams or roles in the sidebar."
        ).format(people=counted(people, N_("person"), N_("people")), n=v.hide),
        icon=":material/visibility_off:",
    )
    end_page()


def number(value: object, kind: str, missing: str | None = None) -> str:
    """A figure as a metric shows it: formatted by its kind, ``missing`` when it is not there.

    A metric's value is Markdown: a text figure (an area's name, from a framework file) is escaped.
    """
    shown = format_value(value, kind, _(NOT_AVAILABLE) if missing is None else missing)
    return safe(shown) if kind == f.TEXT else shown


def metrics(
    figures: Sequence[f.Figure], keys: Sequence[str] | None = None, missing: str | None = None
) -> None:
    """Headline figures side by side as metrics (those of ``keys`` when given, in that order);
    ``missing`` stands in for a figure that is not there."""
    by_key = {figure.key: figure for figure in figures}
    shown = [by_key[key] for key in keys] if keys is not None else list(figures)
    for column, figure in zip(st.columns(len(shown)), shown, strict=True):
        # A name (the weakest area) wraps in a smaller type rather than being cut: see LAYOUT_CSS.
        place = column.container(key=f"text-metric-{figure.key}") if figure.kind == f.TEXT else column
        place.metric(figure.label, number(figure.value, figure.kind, missing), help=figure.help or None)
    _head_start()


def _head_start() -> None:
    """Once per browser session, before its first chart: the figures just sent get drawn first.

    A session with no browser behind it (a test, a bare run) draws nothing and does not wait.
    """
    if st.session_state.get(state.FIRST_LOOK) or not st.context.headers.get("User-Agent"):
        return
    st.session_state[state.FIRST_LOOK] = True
    time.sleep(FIRST_CHART_HEAD_START)


def missing_figure(v: state.View) -> str:
    """What a figure that is not there says: hidden for a small group, or not available."""
    return _(NOT_SHOWN).format(n=v.hide) if v.hide else _(NOT_AVAILABLE)


def chart(figure: Any, key: str, narrow: Any = None, **kwargs: Any) -> None:
    """A Plotly chart without Plotly's toolbar (on a phone it covers the chart's title, and the
    reports give every figure as a file).

    ``narrow`` is the same chart laid out for a phone: both are sent, and the page's style
    (:data:`LAYOUT_CSS`) shows the one that fits the screen, since the server cannot know its width.
    """
    st.session_state[state.FIRST_LOOK] = True  # the browser has (or is starting) Plotly's library now
    if narrow is None:
        st.plotly_chart(figure, key=key, config=_CHART_CONFIG, **kwargs)
        return
    with st.container(key=f"wide-{key}"):
        st.plotly_chart(figure, key=key, config=_CHART_CONFIG, **kwargs)
    with st.container(key=f"narrow-{key}"):
        st.plotly_chart(narrow, key=f"{key}_narrow", config=_CHART_CONFIG, **kwargs)


# The word on Streamlit's own upload button, which no parameter changes: its translation is put
# in its place by the page's style (the button's text is drawn at size 0, ours after it).
UPLOAD_BUTTON: Final = N_("Upload")
_UPLOAD_WORD: Final = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'


def layout_style() -> None:
    """The page's style, once per run: the chart variant that fits the screen, and the upload
    button in the session's language."""
    word = _(UPLOAD_BUTTON)
    if word == UPLOAD_BUTTON:
        st.html(LAYOUT_CSS)
        return
    quoted = word.replace("\\", "").replace('"', "").replace("<", "")  # the catalogue's, never a user's
    st.html(
        LAYOUT_CSS
        + f'<style>{_UPLOAD_WORD} {{ font-size: 0; }} {_UPLOAD_WORD}::after {{ content: "{quoted}"; '
        "font-size: 0.875rem; }</style>"
    )


def table(shown: f.Table, key: str, **kwargs: Any) -> None:
    """A view's table as ``st.dataframe``: its columns in order, with its headings and formats.

    The table sits in a container with ``key``, so tests (and the browser, through the
    ``st-key-`` class) find it by that key: a dataframe without selections keeps no key.
    """
    frame = shown.shown  # only the shown columns reach the browser, not ids beside them
    as_text = i18n.current() != i18n.ENGLISH
    if as_text:
        # st.dataframe writes decimals with a point whatever the language ("%.2f" knows no
        # locale): in Indonesian the numbers go as text written the Indonesian way, right-aligned.
        frame = frame.assign(
            **{
                name: format_column(frame[name], shown.kind(name))
                for name in shown.columns
                if shown.kind(name) != f.TEXT
            }
        )
    else:
        # Points are shown as whole points ("%+d points"): the column holds their fraction.
        frame = frame.assign(
            **{
                name: numbers_for_format(frame[name], f.POINTS)
                for name in shown.columns
                if shown.kind(name) == f.POINTS
            }
        )
    with st.container(key=key):
        st.dataframe(
            frame,
            hide_index=True,
            placeholder="",
            column_order=list(shown.columns),
            column_config={name: column_config(shown, name, as_text) for name in shown.columns},
            **kwargs,
        )


def text_rows(shown: f.Table, key: str) -> None:
    """A table of long texts, row by row: its first column in bold, each other one under its
    heading, side by side on a wide screen and one under the other on a phone.

    A grid cuts a cell's text at its width; descriptions a manager reads need all their words.
    """
    rest = shown.columns[1:]
    with st.container(key=key):
        if shown.note:
            st.caption(safe(shown.note))
        # One person's skills: a handful of rows, never one per respondent.
        for row in shown.frame[list(shown.columns)].itertuples(index=False):
            with st.container(border=True):
                st.markdown(f"**{safe(row[0])}**")
                for column, name, text in zip(st.columns(len(rest)), rest, row[1:], strict=True):
                    column.caption(safe(shown.heading(name)))
                    column.markdown(safe(text) if text else DASH)


def column_config(shown: f.Table, name: str, as_text: bool = False) -> Any:
    """The Streamlit column of one column of a view's table (``as_text``: numbers already written out)."""
    field = shown.field(name)
    help_text = shown.help(name) or None
    heading = shown.heading(name)
    if as_text and field.kind != f.TEXT:
        return st.column_config.TextColumn(heading, help=help_text, alignment="right")
    if field.kind == f.TEXT:
        if name in _LONG_TEXT:
            return st.column_config.TextColumn(heading, help=help_text, width="large")
        return st.column_config.TextColumn(heading, help=help_text)
    if field.kind == f.POINTS:
        number_format = _(POINTS_TEXT).format(points="%+d")
    else:
        number_format = _COLUMN_FORMATS[field.kind]
    return st.column_config.NumberColumn(heading, help=help_text, format=number_format)
