"""The UI side every page shares: session state and uploaded bytes in, the cached, filtered view out.

The survey's bytes, the framework and the user's corrections live in ``st.session_state``
under plain keys (widget state is dropped when a page is not shown). Reading the file and
computing gap pairs are cached with ``st.cache_data`` on the file's content hash, the
framework's hash and the corrections, so a filter change never reads the file again. This
is the only module that caches; ``analytics`` stays free of Streamlit.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import pandas as pd
import streamlit as st

from analytics import columns as c
from analytics import gaps, reports
from analytics import views as vw
from analytics.files import SurveyError
from analytics.framework import Framework, FrameworkError, default_framework, parse_framework
from analytics.ingest import IngestOptions, IngestResult, read_survey
from analytics.reports.anonymise import DEFAULT_MIN_GROUP_SIZE, new_key
from analytics.survey_template import build_template

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "sample_data" / "digital_marketing_survey.xlsx"
SAMPLE_NAME = "Sample data (digital_marketing_survey.xlsx)"

# Plain session-state keys (not widget keys), so they survive page changes.
SURVEY_BYTES = "survey_bytes"
SURVEY_NAME = "survey_name"
SURVEY_KEY = "survey_key"
SURVEY_ERROR = "survey_error"
FRAMEWORK = "framework"
FRAMEWORK_KEY = "framework_key"
FRAMEWORK_PROBLEMS = "framework_problems"
COLUMN_FIXES = "column_fixes"
ROLE_FIXES = "role_fixes"
ROUND_LABEL = "round_label"
RATER = "rater"
EDITOR_VERSION = "editor_version"
# The key pseudonyms are made with: one per session, so every export of a session agrees.
PSEUDONYM_KEY = "pseudonym_key"
VIEW = "view"
CURRENT = "current"
# Set once the first run has loaded the sample data; a test sets it first to start empty.
SAMPLE_OFFERED = "sample_offered"

# Widget keys shared by the sidebar and tests.
ROUND_WIDGET = "filter_round"
TEAMS_WIDGET = "filter_teams"
ROLES_WIDGET = "filter_roles"
SOURCE_WIDGET = "rater_source"
SOURCES = tuple(gaps.SOURCE_LABELS)

PAGES = {
    "data": "pages/data_page.py",
    "overview": "pages/overview_page.py",
    "competencies": "pages/competencies_page.py",
    "people": "pages/people_page.py",
    "priorities": "pages/priorities_page.py",
    "framework": "pages/framework_page.py",
    "reports": "pages/reports_page.py",
}


@dataclass(frozen=True)
class View:
    """What every page reads: the data, the choices, and the pairs those choices keep."""

    framework: Framework
    result: IngestResult | None
    source: str
    filters: vw.Filters
    options: vw.FilterOptions
    pairs: pd.DataFrame
    empty: vw.EmptyReason | None

    @property
    def ratings(self) -> pd.DataFrame:
        """The tidy ratings of every round (empty without data)."""
        return self.result.ratings if self.result is not None else pd.DataFrame(columns=list(c.TIDY_COLUMNS))

    @property
    def source_label(self) -> str:
        return gaps.SOURCE_LABELS[self.source]


def _digest(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


@st.cache_data(max_entries=1, show_spinner=False)
def sample_bytes() -> bytes:
    return SAMPLE_PATH.read_bytes()


@st.cache_data(max_entries=6, show_spinner="Reading the survey...")
def load_survey(
    survey_key: str,
    framework_key: str,
    options: str,
    filename: str,
    _data: bytes,
    _fw: Framework,
    _opt: IngestOptions,
) -> IngestResult:
    """The ingested survey, cached on content hash, framework hash and the user's corrections."""
    return read_survey(_data, _fw, filename, _opt)


@st.cache_data(max_entries=12, show_spinner="Measuring gaps...")
def gap_pairs(
    survey_key: str, framework_key: str, options: str, source: str, _ratings: pd.DataFrame, _fw: Framework
) -> pd.DataFrame:
    return gaps.rating_pairs(_ratings, _fw, source)


@st.cache_data(max_entries=6, show_spinner=False)
def filter_options(
    survey_key: str, framework_key: str, options: str, _ratings: pd.DataFrame, _fw: Framework
) -> vw.FilterOptions:
    return vw.filter_options(_ratings, _fw)


@st.cache_data(max_entries=4, show_spinner=False)
def template_bytes(framework_key: str, _fw: Framework) -> bytes:
    return build_template(_fw)


@st.cache_data(max_entries=4, show_spinner=False)
def report_bytes(
    survey_key: str,
    framework_key: str,
    options: str,
    source: str,
    filters: str,
    fmt: str,
    anonymise: bool,
    min_group_size: int,
    pseudonym_key: str,
    title: str,
    _fw: Framework,
    _pairs: pd.DataFrame,
    _result: IngestResult,
    _described: tuple[tuple[str, str], ...],
) -> bytes:
    """A report of the filtered pairs, cached on everything that shapes it (the pairs come from the view).

    Raises :class:`analytics.reports.ReportUnavailable` when the format cannot be made here.
    """
    data = reports.build_report_data(
        _fw,
        gaps.GapResult(_pairs, source),
        _result,
        _described,
        anonymise=anonymise,
        min_group_size=min_group_size,
        pseudonym_key=pseudonym_key,
        title=title,
    )
    return reports.build_report(fmt, data)


def init_state() -> None:
    """Put the default framework and the sample data in place on a session's first run.

    A first-time visitor sees every page working at once; uploading a file replaces it.
    """
    if FRAMEWORK not in st.session_state:
        set_framework(default_framework())
    st.session_state.setdefault(COLUMN_FIXES, {})
    st.session_state.setdefault(ROLE_FIXES, {})
    st.session_state.setdefault(EDITOR_VERSION, 0)
    if not st.session_state.get(SAMPLE_OFFERED):
        st.session_state[SAMPLE_OFFERED] = True
        use_sample()


def framework() -> Framework:
    fw: Framework = st.session_state[FRAMEWORK]
    return fw


def set_framework(fw: Framework) -> None:
    """Use ``fw`` from now on; corrections that name skills or roles it lacks are dropped."""
    st.session_state[FRAMEWORK] = fw
    st.session_state[FRAMEWORK_KEY] = _digest(fw.to_yaml())
    fixes = st.session_state.get(COLUMN_FIXES, {})
    st.session_state[COLUMN_FIXES] = vw.known_overrides(fixes, [s.id for s in fw.skills])
    roles = st.session_state.get(ROLE_FIXES, {})
    st.session_state[ROLE_FIXES] = vw.known_overrides(roles, [r.id for r in fw.roles])


def use_edited_framework(fw: Framework) -> None:
    """Use a framework edited on the page and rerun, unless the edit changed nothing."""
    if _digest(fw.to_yaml()) != st.session_state[FRAMEWORK_KEY]:
        set_framework(fw)
        st.rerun()


def bump_editors() -> None:
    """Start every data editor afresh (their edits are kept by Streamlit across value changes)."""
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def editor_key(name: str) -> str:
    return f"{name}_{st.session_state.get(EDITOR_VERSION, 0)}"


def set_survey(data: bytes, name: str) -> None:
    """Take new survey bytes; corrections made for another file no longer apply."""
    st.session_state[SURVEY_BYTES] = data
    st.session_state[SURVEY_NAME] = name
    st.session_state[SURVEY_KEY] = _digest(data)
    st.session_state[SURVEY_ERROR] = None
    st.session_state[COLUMN_FIXES] = {}
    st.session_state[ROLE_FIXES] = {}
    # Round label and rater describe one file: a new file starts from what it says itself.
    for key in (ROUND_LABEL, RATER, "data_round", "data_rater"):
        st.session_state.pop(key, None)
    bump_editors()


def use_sample() -> None:
    set_survey(sample_bytes(), SAMPLE_NAME)


def take_upload() -> None:
    """Callback of the survey uploader: use the uploaded file if it can be read at all.

    A file that cannot be used leaves the survey already loaded in place, with the
    reason shown on the Data page (nothing happens when the uploader was cleared).
    """
    uploaded = st.session_state.get("data_upload")
    if uploaded is None:
        return
    data, options = uploaded.getvalue(), IngestOptions()
    try:
        load_survey(
            _digest(data),
            st.session_state[FRAMEWORK_KEY],
            repr(options),
            uploaded.name,
            data,
            framework(),
            options,
        )
    except SurveyError as exc:
        st.session_state[SURVEY_ERROR] = _with_name(uploaded.name, exc)
        return
    set_survey(data, uploaded.name)


def _with_name(name: str, error: SurveyError) -> str:
    message = str(error)
    return message if name in message else f"{name}: {message}"


def take_framework_upload() -> None:
    """Callback of the framework uploader: validate, then use it or keep the problems to show."""
    uploaded = st.session_state.get("fw_upload")
    if uploaded is None:
        return
    try:
        fw = parse_framework(uploaded.getvalue(), origin=uploaded.name)
    except FrameworkError as exc:
        st.session_state[FRAMEWORK_PROBLEMS] = list(exc.problems)
        return
    st.session_state[FRAMEWORK_PROBLEMS] = []
    set_framework(fw)
    bump_editors()


def reset_framework() -> None:
    st.session_state[FRAMEWORK_PROBLEMS] = []
    set_framework(default_framework())
    bump_editors()


def keep(widget_key: str, plain_key: str) -> None:
    """Callback that copies a widget's value to a plain key, where it outlives the page."""
    st.session_state[plain_key] = st.session_state[widget_key]


def ingest_options() -> IngestOptions:
    return IngestOptions.build(
        columns=st.session_state.get(COLUMN_FIXES, {}),
        roles=st.session_state.get(ROLE_FIXES, {}),
        round_label=st.session_state.get(ROUND_LABEL) or None,
        rater=st.session_state.get(RATER) or None,
    )


T = TypeVar("T")


def _current(name: str, key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """This session's current value of ``name``, recomputed (from the cache) only when ``key`` changes.

    ``st.cache_data`` shares results between sessions but hands out a fresh copy (an
    unpickling) on every call; keeping the current survey and pairs in session state
    spares each rerun that copy. One value per name is kept, so memory stays bounded.
    """
    current: dict[str, tuple[tuple[str, ...], object]] = st.session_state.setdefault(CURRENT, {})
    held = current.get(name)
    if held is not None and held[0] == key:
        return cast("T", held[1])
    value = compute()
    current[name] = (key, value)
    return value


def current_survey() -> IngestResult | None:
    """The ingested survey for the current bytes, framework and corrections, or None.

    A file that cannot be used at all leaves its message under :data:`SURVEY_ERROR`.
    """
    data = st.session_state.get(SURVEY_BYTES)
    if data is None:
        return None
    fw, options = framework(), ingest_options()
    name = st.session_state[SURVEY_NAME]
    try:
        return _current("survey", (*_keys(), name), lambda: load_survey(*_keys(), name, data, fw, options))
    except SurveyError as exc:
        # Forget the unusable bytes so that later reruns do not read them again.
        st.session_state[SURVEY_ERROR] = _with_name(st.session_state[SURVEY_NAME], exc)
        for key in (SURVEY_BYTES, SURVEY_KEY, SURVEY_NAME):
            st.session_state.pop(key, None)
        return None


def _keys() -> tuple[str, str, str]:
    return st.session_state[SURVEY_KEY], st.session_state[FRAMEWORK_KEY], repr(ingest_options())


def options_for(result: IngestResult | None) -> vw.FilterOptions:
    if result is None:
        return vw.FilterOptions((), (), ())
    return _current("options", _keys(), lambda: filter_options(*_keys(), result.ratings, framework()))


def pairs_for(result: IngestResult, source: str) -> pd.DataFrame:
    return _current(
        f"pairs {source}",
        (*_keys(), source),
        lambda: gap_pairs(*_keys(), source, result.ratings, framework()),
    )


def clean_filters(options: vw.FilterOptions) -> None:
    """Drop remembered filter choices that the current data no longer offers.

    The round is set, not just dropped: a browser still showing the last file's round
    would otherwise keep showing it next to another file's figures.
    """
    if options.rounds and st.session_state.get(ROUND_WIDGET) not in options.rounds:
        st.session_state[ROUND_WIDGET] = options.rounds[-1]
    for key, allowed in ((TEAMS_WIDGET, options.teams), (ROLES_WIDGET, options.roles)):
        chosen = st.session_state.get(key) or []
        if any(x not in allowed for x in chosen):
            st.session_state[key] = [x for x in chosen if x in allowed]


def build_view(result: IngestResult | None, options: vw.FilterOptions) -> View:
    """Filter the cached pairs by the sidebar's choices; the file itself is not read again."""
    fw = framework()
    source = st.session_state.get(SOURCE_WIDGET) or c.SELF
    filters = vw.Filters(
        round=st.session_state.get(ROUND_WIDGET),
        teams=tuple(st.session_state.get(TEAMS_WIDGET) or ()),
        roles=tuple(st.session_state.get(ROLES_WIDGET) or ()),
    )
    if result is None:
        empty_pairs = gaps.rating_pairs(pd.DataFrame(columns=list(c.TIDY_COLUMNS)), fw, source)
        reason = vw.empty_reason(False, source, empty_pairs, empty_pairs, filters)
        return View(fw, None, source, filters, options, empty_pairs, reason)
    all_pairs = pairs_for(result, source)
    pairs = vw.apply_filters(all_pairs, filters)
    reason = vw.empty_reason(True, source, all_pairs, pairs, filters)
    return View(fw, result, source, filters, options, pairs, reason)


def view() -> View:
    """The view built by ``dashboard.py`` for this run.

    Before ``dashboard.py`` has run once after a server start, Streamlit may run a page file
    on its own (its ``pages/`` folder mode); the page then starts over from the dashboard.
    """
    if VIEW not in st.session_state:
        st.switch_page("dashboard.py")
    built: View = st.session_state[VIEW]
    return built


def role_name(role_id: str) -> str:
    return framework().role(role_id).name


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>:$~])")


def safe(text: object) -> str:
    """Text from an upload, escaped so that Streamlit's Markdown shows it as it is.

    A name like ``[click](https://...)`` or ``![x](...)`` must not become a link or an
    image, nor ``:red[...]`` a coloured directive.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def describe(v: View) -> str:
    """One line naming the data, the rating source and the filters, for the top of a page."""
    teams = safe(", ".join(v.filters.teams)) or "all teams"
    roles = safe(", ".join(role_name(r) for r in v.filters.roles)) or "all roles"
    return (
        f"**{v.source_label}** · round {safe(v.filters.round or 'all')} · {teams} · {roles} · "
        f"{safe(st.session_state.get(SURVEY_NAME, ''))}"
    )


def header(title: str, v: View) -> None:
    st.title(title)
    st.caption(describe(v))


def stop_if_empty(v: View) -> None:
    """Say why there is nothing to show and what to do, then end the page."""
    if v.empty is None:
        return
    st.info(f"{v.empty.why} {v.empty.todo}", icon=":material/info:")
    if v.result is None:
        st.button("Try sample data", key="empty_sample", on_click=use_sample, type="primary")
        st.page_link(PAGES["data"], label="Go to the Data page", icon=":material/upload_file:")
    st.stop()


def report_filters(v: View) -> tuple[tuple[str, str], ...]:
    """The filters behind a report, in the reader's words; the report names the rating source itself."""
    described = [("Round", v.filters.round or "all rounds")]
    described += [("Teams", ", ".join(v.filters.teams))] if v.filters.teams else []
    described += [("Roles", ", ".join(role_name(r) for r in v.filters.roles))] if v.filters.roles else []
    return tuple(described)


def report_file_name(v: View, fmt: str, anonymise: bool) -> str:
    """E.g. ``skills-gap-report-2026-Q3.xlsx``; the round label is the user's, so only safe characters stay."""
    round_label = re.sub(r"[^A-Za-z0-9_.-]+", "-", v.filters.round or "").strip("-.") or "all-rounds"
    return f"skills-gap-report-{round_label}{'-anonymised' if anonymise else ''}.{fmt}"


def report_builder(v: View, fmt: str, anonymise: bool, min_group_size: int) -> Callable[[], bytes]:
    """A function of no arguments that builds this view's report (or takes it from the cache).

    Everything it needs is taken now: ``st.download_button`` runs it on another thread when
    clicked, where session state cannot be read. Options that do not change the report
    (group size and pseudonym key without anonymising) are left out of the cache key.
    """
    if v.result is None:
        raise ValueError("A report needs a loaded survey.")
    key = st.session_state.setdefault(PSEUDONYM_KEY, new_key()) if anonymise else ""
    title = "Skills-gap report" if anonymise else f"Skills-gap report: {st.session_state.get(SURVEY_NAME)}"
    return functools.partial(
        report_bytes,
        *_keys(),
        v.source,
        repr(v.filters),
        fmt,
        anonymise,
        min_group_size if anonymise else DEFAULT_MIN_GROUP_SIZE,
        key,
        title,
        v.framework,
        v.pairs,
        v.result,
        report_filters(v),
    )


def apply_fixes(plain_key: str, fixes: dict[str, str]) -> None:
    """Add mapping corrections and rerun the analysis on them; nothing when they change nothing."""
    merged = {**st.session_state[plain_key], **fixes}
    if merged != st.session_state[plain_key]:
        st.session_state[plain_key] = merged
        st.rerun()


def reset_corrections() -> None:
    st.session_state[COLUMN_FIXES] = {}
    st.session_state[ROLE_FIXES] = {}
    bump_editors()


def priority_table(priorities: pd.DataFrame, key: str, with_ratings: bool = False) -> None:
    """The ranked priorities as the Overview and the Priorities page show them."""
    columns = ["skill", "area", "priority", "importance", "mean_shortfall", "people_affected", "n_people"]
    st.dataframe(
        priorities,
        hide_index=True,
        key=key,
        column_order=[*columns, "n_pairs"] if with_ratings else columns,
        column_config={
            "skill": "Skill",
            "area": "Area",
            "priority": st.column_config.NumberColumn(
                "Priority", format="%.2f", help="Mean importance x shortfall"
            ),
            "importance": st.column_config.NumberColumn("Importance", format="%.1f"),
            "mean_shortfall": st.column_config.NumberColumn("Mean shortfall", format="%.2f"),
            "people_affected": "People below target",
            "n_people": "People rated",
            "n_pairs": "Ratings",
        },
    )
