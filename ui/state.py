"""Session state and callbacks: what the user gave and chose in, the :class:`View` every page reads out.

The survey file, the framework and the user's corrections live in ``st.session_state``
under plain keys, since a widget's state is dropped when its page is not shown. The
callbacks of the uploaders and buttons change them; :func:`build_view` turns them, with the
sidebar's filters, into the one :class:`View` of this run, which ``dashboard.py`` builds
and every page reads (:func:`view`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from analytics import columns as c
from analytics import gaps, i18n
from analytics.files import SurveyError, SurveyFile, survey_upload
from analytics.framework import Framework, FrameworkError, default_framework, parse_framework
from analytics.i18n import N_, _, plural
from analytics.ingest import IngestOptions, IngestResult
from analytics.ingest.messages import READING_FILE
from analytics.privacy import DEFAULT_MIN_GROUP_SIZE
from analytics.scope import EVERYONE, Scope
from analytics.store import StoreError
from analytics.text import file_slug
from analytics.views import selection
from analytics.views.data import known_overrides
from analytics.views.plan import PlanChoices
from ui import access, analysis
from ui.progress import with_progress

if TYPE_CHECKING:
    from analytics.progress import Progress

# Plain session-state keys (not widget keys), so they survive page changes.
# SURVEY holds what is on screen: a SurveyFile (the sample or an upload), SurveyFiles or StoredRounds
# (kind_of says which).
SURVEY: Final = "survey"
SURVEY_ERROR: Final = "survey_error"
# The store's complaint when it cannot be used (shown on the Data page), and one-off notes
# for the user (a restored workspace, a remembered mapping) shown once at the top of the Data page.
STORE_ERROR: Final = "store_error"
NOTES: Final = "notes"
# Set when the browser's stored workspace could not be read or shown: this session then leaves
# it as it is, rather than writing what an outage left on screen over it.
KEEP_WORKSPACE: Final = "keep_workspace"
# The framework in use before stored rounds brought their own, to rescore them with it.
FRAMEWORK_BEFORE: Final = "framework_before"
# Who the plans stored with the rounds on screen put into each skill's cohort (see View.cohorts).
COHORTS: Final = "cohorts"
FRAMEWORK: Final = "framework"
FRAMEWORK_PROBLEMS: Final = "framework_problems"
COLUMN_FIXES: Final = "column_fixes"
ROLE_FIXES: Final = "role_fixes"
ROUND_LABEL: Final = "round_label"
RATER: Final = "rater"
PLAN_TOP: Final = "plan_top"
# The rest of the planner's choices (a PlanChoices: actions, costs, dates, people left out,
# mentors, budget), and what of their last edit could not be taken.
PLAN: Final = "plan_choices"
PLAN_PROBLEMS: Final = "plan_problems"
EDITOR_VERSION: Final = "editor_version"
VIEW: Final = "view"
# Set once the first run has loaded the sample data; a test sets it first to start empty.
SAMPLE_OFFERED: Final = "sample_offered"
# Set while the Data page asks whether the sample may replace an upload not saved as a round.
SAMPLE_ASKED: Final = "sample_asked"
# Set once this session's headline figures had their head start, or its browser got a chart
# (see widgets.FIRST_CHART_HEAD_START).
FIRST_LOOK: Final = "first_look_given"
# The language the sidebar's choices were last drawn in (see choices_shown).
_CHOICES_LANGUAGE: Final = "choices_language"

# Widget keys shared by the sidebar, the pages and tests.
ROUND_WIDGET: Final = "filter_round"
TEAMS_WIDGET: Final = "filter_teams"
ROLES_WIDGET: Final = "filter_roles"
SOURCE_WIDGET: Final = "rater_source"
UPLOAD_WIDGET: Final = "data_upload"
# How many uploads this session took: the uploader's key ends with it (see upload_key).
UPLOADS: Final = "upload_count"
FRAMEWORK_UPLOAD_WIDGET: Final = "fw_upload"
PLAN_TOP_WIDGET: Final = "prio_top"
SOURCES: Final = tuple(gaps.SOURCE_LABELS)

SAMPLE_DATA: Final = "sample"
UPLOADED: Final = "upload"
STORED: Final = "stored"

PAGES: Final = {
    "data": "app_pages/data_page.py",
    "overview": "app_pages/overview_page.py",
    "competencies": "app_pages/competencies_page.py",
    "people": "app_pages/people_page.py",
    "priorities": "app_pages/priorities_page.py",
    "trends": "app_pages/trends_page.py",
    "calibration": "app_pages/calibration_page.py",
    "framework": "app_pages/framework_page.py",
    "reports": "app_pages/reports_page.py",
}


@dataclass(frozen=True)
class View:
    """What every page reads: the data, the choices, and the pairs those choices keep."""

    framework: Framework
    survey: analysis.Dataset | None
    result: IngestResult | None
    options: IngestOptions
    source: str
    filters: selection.Filters
    offered: selection.FilterOptions
    pairs: pd.DataFrame
    empty: selection.EmptyReason | None
    choices: PlanChoices
    # The pairs of every round that the team and role filters keep: what Trends compares.
    rounds_pairs: pd.DataFrame
    # Who a stored training plan put into each skill's cohort (columns skill_id, respondent_id,
    # round: the round the plan was made for); None until a plan is stored with a round.
    cohorts: pd.DataFrame | None = None
    # What this session may see of it (names of everyone, of some teams, or of nobody), and the
    # survey as seen through that: what every figure, table and export is made from.
    scope: Scope = EVERYONE
    data: analysis.Dataset | None = None

    @property
    def hide(self) -> int:
        """The group size under which figures are hidden on the pages (0: none are)."""
        return self.scope.min_group

    @property
    def ratings(self) -> pd.DataFrame:
        """The tidy ratings of every round (empty without data)."""
        return self.result.ratings if self.result is not None else pd.DataFrame(columns=list(c.TIDY_COLUMNS))

    @property
    def source_label(self) -> str:
        return _(gaps.SOURCE_LABELS[self.source])

    @property
    def file_name(self) -> str:
        """The data's name as a reader sees it: the sample's in the session's language."""
        data = self.data
        if data is None:
            return ""
        seen = data.data if isinstance(data, analysis.Scoped) else data
        if isinstance(seen, analysis.StoredRounds):
            return plural("Stored round: {names}", "Stored rounds: {names}", len(seen.names)).format(
                names=", ".join(seen.names)
            )
        if isinstance(data, analysis.Scoped):
            return _("Uploaded survey (names hidden)") if data.scope.anonymous else _("Uploaded survey")
        if self.kind == SAMPLE_DATA:
            return _("Sample data ({file})").format(file=analysis.SAMPLE_PATH.name)
        return data.name

    @property
    def kind(self) -> str | None:
        return kind_of(self.survey)


def kind_of(data: analysis.Dataset | None) -> str | None:
    """:data:`SAMPLE_DATA`, :data:`UPLOADED` or :data:`STORED`; None without data."""
    if data is None:
        return None
    if isinstance(data, analysis.StoredRounds):
        return STORED
    return SAMPLE_DATA if data.name == analysis.SAMPLE_NAME else UPLOADED


def init_state() -> None:
    """Put the browser's last workspace back on a session's first run, or else the sample data.

    A first-time visitor sees every page working at once; uploading a file replaces it.
    """
    if FRAMEWORK not in st.session_state:
        set_framework(default_framework())
    st.session_state.setdefault(COLUMN_FIXES, {})
    st.session_state.setdefault(ROLE_FIXES, {})
    st.session_state.setdefault(EDITOR_VERSION, 0)
    if not st.session_state.get(SAMPLE_OFFERED):
        st.session_state[SAMPLE_OFFERED] = True
        from ui import workspace

        if not workspace.restore():
            use_sample()


def framework() -> Framework:
    fw: Framework = st.session_state[FRAMEWORK]
    return fw


def set_framework(fw: Framework) -> None:
    """Use ``fw`` from now on; corrections that name skills or roles it lacks are dropped."""
    st.session_state[FRAMEWORK] = fw
    fixes = st.session_state.get(COLUMN_FIXES, {})
    st.session_state[COLUMN_FIXES] = known_overrides(fixes, [s.id for s in fw.skills])
    roles = st.session_state.get(ROLE_FIXES, {})
    st.session_state[ROLE_FIXES] = known_overrides(roles, [r.id for r in fw.roles])


def use_edited_framework(fw: Framework) -> None:
    """Use a framework edited on the page and rerun, unless the edit changed nothing."""
    if fw.digest != framework().digest:
        set_framework(fw)
        st.rerun()


def bump_editors() -> None:
    """Start every data editor afresh (their edits are kept by Streamlit across value changes)."""
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


def editor_key(name: str) -> str:
    return f"{name}_{st.session_state.get(EDITOR_VERSION, 0)}"


def dataset() -> analysis.Upload | analysis.StoredRounds | None:
    """What is on screen: the sample or an uploaded file, stored rounds, or nothing."""
    data: analysis.Upload | analysis.StoredRounds | None = st.session_state.get(SURVEY)
    return data


def shown_dataset() -> analysis.Dataset | None:
    """What is on screen as this session may see it (see :mod:`ui.access`)."""
    data = dataset()
    return analysis.scoped(data, access.scope()) if data is not None else None


def note(text: str) -> None:
    """A one-off note for the top of the Data page (Markdown; escape what came from a file)."""
    st.session_state.setdefault(NOTES, []).append(text)


def set_survey(survey: analysis.Dataset) -> None:
    """Take a new survey file or stored rounds; corrections made for other data no longer apply."""
    st.session_state[SURVEY] = survey
    st.session_state[SURVEY_ERROR] = None
    # A question about saving the file before ("saved already: save a copy?") is not about this one.
    st.session_state.pop("save_asked", None)
    st.session_state[COLUMN_FIXES] = {}
    st.session_state[ROLE_FIXES] = {}
    # Round label and rater describe one file: a new file starts from what it says itself.
    for key in (ROUND_LABEL, RATER, "data_round", "data_rater"):
        st.session_state.pop(key, None)
    bump_editors()


def ask_for_sample() -> None:
    """The sample data at once, unless it would replace an upload not saved as a round: then ask first."""
    if kind_of(dataset()) == UPLOADED:
        st.session_state[SAMPLE_ASKED] = True
    else:
        use_sample()


def keep_upload() -> None:
    st.session_state.pop(SAMPLE_ASKED, None)


def use_sample() -> None:
    st.session_state.pop(SAMPLE_ASKED, None)
    leave_stored_rounds()
    set_survey(analysis.sample_file())


def leave_stored_rounds() -> None:
    """Back to the framework in use before stored rounds brought their own (if they did)."""
    before: Framework | None = st.session_state.pop(FRAMEWORK_BEFORE, None)
    if before is not None:
        set_framework(before)


def upload_key() -> str:
    """The survey uploader's key: a new one after each upload taken, so the widget starts empty."""
    return f"{UPLOAD_WIDGET}_{st.session_state.get(UPLOADS, 0)}"


def take_upload() -> None:
    """Callback of the survey uploader: use the uploaded file if it can be read at all.

    A file that cannot be used leaves the survey already loaded in place, with the
    reason shown on the Data page (nothing happens when the uploader was cleared).
    """
    uploaded = st.session_state.get(upload_key()) or []
    if not uploaded:
        return
    # Read it as it will be shown: against the framework in use before stored rounds brought theirs.
    target = st.session_state.get(FRAMEWORK_BEFORE) if isinstance(dataset(), analysis.StoredRounds) else None
    fw = target or framework()
    try:
        survey = survey_upload([SurveyFile(f.name, f.getvalue()) for f in uploaded])
        # A bar with the reading's steps: a large workbook takes seconds, and a spinner alone looks
        # stuck. The reading runs off the page's thread, which alone may ask the session for anything.
        result = with_progress(
            lambda progress: analysis.load_survey(survey, fw, IngestOptions(), progress), _(READING_FILE)
        )
    except SurveyError as exc:
        st.session_state[SURVEY_ERROR] = _with_name(uploaded[0].name if len(uploaded) == 1 else "", exc)
        return
    leave_stored_rounds()
    set_survey(survey)
    # A fresh uploader for the next upload: Streamlit adds newly dropped files to those it
    # holds, and the next upload replaces this one rather than joining it.
    st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
    from ui import rounds, workspace

    analysis.shelve(workspace.token(), survey)
    rounds.apply_remembered_mapping(result)


def _with_name(name: str, error: SurveyError) -> str:
    """The error, led by the file's name unless it names it already (or speaks of several files)."""
    message = str(error)
    return message if name in message else f"{name}: {message}"


def take_framework_upload() -> None:
    """Callback of the framework uploader: validate, then use it or keep the problems to show."""
    uploaded = st.session_state.get(FRAMEWORK_UPLOAD_WIDGET)
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


def apply_fixes(plain_key: str, fixes: dict[str, str], result: IngestResult) -> None:
    """Add mapping corrections, remember them for this form, and rerun the analysis on them.

    Nothing happens when they change nothing.
    """
    merged = {**st.session_state[plain_key], **fixes}
    if merged != st.session_state[plain_key]:
        st.session_state[plain_key] = merged
        # The grids sort rows to check first, so a correction can move rows: an editor that kept
        # its edits by position would apply them to other rows on the next run.
        bump_editors()
        from ui import rounds

        rounds.remember_mapping(result)
        st.rerun()


def use_framework_aliases(wordings: dict[str, str]) -> None:
    """Add confirmed wordings to the framework on screen as aliases of their skills."""
    set_framework(framework().with_aliases(wordings))


def confirm_columns(confirmed: dict[str, str]) -> None:
    """Confirm column matches as they stand: they become the user's choices, remembered for the form."""
    st.session_state[COLUMN_FIXES] = {**st.session_state[COLUMN_FIXES], **confirmed}
    bump_editors()
    result = current_survey()
    if result is not None:
        from ui import rounds

        rounds.remember_mapping(result)


def reset_corrections() -> None:
    """Take every correction off, here and in what is remembered for this form."""
    st.session_state[COLUMN_FIXES] = {}
    st.session_state[ROLE_FIXES] = {}
    bump_editors()
    result = current_survey()
    if result is not None:
        from ui import rounds

        rounds.remember_mapping(result)


def ingest_options() -> IngestOptions:
    return IngestOptions.build(
        columns=st.session_state.get(COLUMN_FIXES, {}),
        roles=st.session_state.get(ROLE_FIXES, {}),
        round_label=st.session_state.get(ROUND_LABEL) or None,
        rater=st.session_state.get(RATER) or None,
    )


def plan_choices() -> PlanChoices:
    """The planner's choices on the Priorities page, with people as this session sees them; the
    reports use the same ones. They are kept under real ids (:func:`set_plan`), so hiding names,
    or a reload, leaves out and pairs the same people."""
    top = int(st.session_state.get(PLAN_TOP) or PlanChoices().top)
    chosen: PlanChoices = st.session_state.get(PLAN) or PlanChoices()
    ids = _id_map()
    if ids is not None and (chosen.left_out or chosen.mentors):
        chosen = chosen.renamed(ids)
    return dataclasses.replace(chosen, top=min(top, max(len(framework().skills), 1)))


def _id_map() -> dict[str, str] | None:
    """Real id -> the id this session sees, when it sees some people under pseudonyms."""
    data = shown_dataset()
    if not isinstance(data, analysis.Scoped):
        return None
    try:
        return analysis.id_map(data, framework(), ingest_options())
    except (SurveyError, StoreError):
        return None


def set_plan(choices: PlanChoices, problems: Sequence[str] = ()) -> None:
    """Take the planner's edited choices (people as this session sees them), kept under real ids,
    and what of the edit was refused, to say so.

    How many top priorities the plan covers stays under :data:`PLAN_TOP`, its widget's key.
    """
    ids = _id_map()
    if ids is not None:
        choices = choices.renamed({shown: real for real, shown in ids.items()})
    st.session_state[PLAN] = choices
    st.session_state[PLAN_PROBLEMS] = list(problems)
    bump_editors()


def current_survey() -> IngestResult | None:
    """The ingested survey for the current file, framework and corrections, or None.

    A file that cannot be used at all leaves its message under :data:`SURVEY_ERROR`.
    """
    survey = dataset()
    if survey is None:
        return None
    fw, options = framework(), ingest_options()
    try:
        return analysis.load_survey(analysis.scoped(survey, access.scope()), fw, options)
    except SurveyError as exc:
        # Forget the unusable file so that later reruns do not read it again.
        st.session_state[SURVEY_ERROR] = _with_name(survey.name, exc)
        st.session_state.pop(SURVEY, None)
        return None
    except StoreError as exc:
        # The rounds stay stored, and the browser's workspace keeps naming them (it is not
        # written again this session); the Data page says why they cannot be shown now.
        st.session_state[STORE_ERROR] = str(exc)
        st.session_state[KEEP_WORKSPACE] = True
        leave_stored_rounds()
        st.session_state.pop(SURVEY, None)
        if isinstance(survey, analysis.StoredRounds):
            analysis.forget_store(survey.url)
        return None


def clean_filters(offered: selection.FilterOptions) -> None:
    """Drop remembered filter choices that the current data no longer offers.

    The round is set, not just dropped: a browser still showing the last file's round
    would otherwise keep showing it next to another file's figures.
    """
    if offered.rounds and st.session_state.get(ROUND_WIDGET) not in offered.rounds:
        st.session_state[ROUND_WIDGET] = offered.rounds[-1]
    for key, allowed in ((TEAMS_WIDGET, offered.teams), (ROLES_WIDGET, offered.roles)):
        chosen = st.session_state.get(key) or []
        if any(x not in allowed for x in chosen):
            st.session_state[key] = [x for x in chosen if x in allowed]


def filter_options(result: IngestResult | None) -> selection.FilterOptions:
    survey = shown_dataset()
    if result is None or survey is None:
        return selection.FilterOptions((), (), ())
    fw, options = framework(), ingest_options()
    return analysis.filter_options(survey, fw, options)


def keep_choices_across_languages(fw: Framework) -> None:
    """The rating source and roles chosen, as their keys again after a change of language.

    Streamlit knows a choice by the label it showed: after the labels change language, the
    radio and the role filter can hand back the old label ("Self ratings") instead of the
    key ("self"). Every language's label maps back to its key here, before anything reads them.
    """
    ss = st.session_state
    # Set again until the sidebar has been drawn in the new language, even when they already read
    # as keys: the browser still holds the old label and, given new ones, shows no choice at all.
    relabelled = ss.get(_CHOICES_LANGUAGE) not in (None, i18n.current())
    source = ss.get(SOURCE_WIDGET)
    if source is not None and (relabelled or source not in SOURCES):
        labels = {}
        for code in i18n.LANGUAGES:
            with i18n.language(code):
                labels.update({_(label): key for key, label in gaps.SOURCE_LABELS.items()})
        ss[SOURCE_WIDGET] = source if source in SOURCES else labels.get(source, c.SELF)
    roles = ss.get(ROLES_WIDGET)
    known = {r.id for r in fw.roles}
    if roles and (relabelled or not set(roles) <= known):
        names = {}
        for code in i18n.LANGUAGES:
            with i18n.language(code):
                names.update({r.shown_name: r.id for r in fw.roles})
        ss[ROLES_WIDGET] = [r if r in known else names[r] for r in roles if r in known or r in names]


def choices_shown() -> None:
    """Say the sidebar's choices were drawn in this run's language (see keep_choices_across_languages).

    Called after they are drawn, not before: a click during the run that changed the language
    stops it part way, and the next run must then set them again.
    """
    st.session_state[_CHOICES_LANGUAGE] = i18n.current()


def build_view(result: IngestResult | None, offered: selection.FilterOptions) -> View:
    """Filter the cached pairs by the sidebar's choices; the file itself is not read again."""
    fw, options = framework(), ingest_options()
    survey = dataset() if result is not None else None
    keep_choices_across_languages(fw)
    source = st.session_state.get(SOURCE_WIDGET) or c.SELF
    filters = selection.Filters(
        round=st.session_state.get(ROUND_WIDGET),
        teams=tuple(st.session_state.get(TEAMS_WIDGET) or ()),
        roles=tuple(st.session_state.get(ROLES_WIDGET) or ()),
    )
    choices = plan_choices()
    if survey is None:
        empty_pairs = gaps.rating_pairs(pd.DataFrame(columns=list(c.TIDY_COLUMNS)), fw, source)
        reason = selection.empty_reason(False, source, empty_pairs, empty_pairs, filters, fw)
        return View(
            fw, None, None, options, source, filters, offered, empty_pairs, reason, choices, empty_pairs
        )
    scope = access.scope()
    data = analysis.scoped(survey, scope)
    all_pairs = analysis.gap_pairs(data, fw, options, source)
    pairs = selection.apply_filters(all_pairs, filters)
    rounds_pairs = selection.apply_filters(all_pairs, dataclasses.replace(filters, round=None))
    reason = selection.empty_reason(True, source, all_pairs, pairs, filters, fw, offered.raters)
    cohorts = st.session_state.get(COHORTS) if isinstance(survey, analysis.StoredRounds) else None
    if cohorts is not None and scope.restricted:
        # Stored plans keep real ids; this session sees some people under pseudonyms.
        shown = analysis.id_map(data, fw, options)  # type: ignore[arg-type]
        cohorts = cohorts.assign(**{c.RESPONDENT_ID: cohorts[c.RESPONDENT_ID].astype(str).map(shown)})
    return View(
        fw,
        survey,
        result,
        options,
        source,
        filters,
        offered,
        pairs,
        reason,
        choices,
        rounds_pairs,
        cohorts,
        scope,
        data,
    )


def view() -> View:
    """The view built by ``dashboard.py`` for this run.

    A page file run on its own (Streamlit's AppTest can) starts over from the dashboard.
    """
    if VIEW not in st.session_state:
        st.switch_page("dashboard.py")
    built: View = st.session_state[VIEW]
    return built


def report_file_name(v: View, fmt: str, anonymise: bool, what: str = N_("skills-gap-report")) -> str:
    """E.g. ``skills-gap-report-2026-Q3.xlsx``, in the session's language; the round label is the
    user's, so only safe characters stay."""
    round_label = re.sub(r"[^A-Za-z0-9_.-]+", "-", v.filters.round or "").strip("-.") or file_slug(
        _("all-rounds")
    )
    hidden = "-" + file_slug(_("anonymised")) if anonymise else ""
    return f"{file_slug(_(what))}-{round_label}{hidden}.{fmt}"


def development_builder(v: View, people: Sequence[str], zipped: bool) -> Callable[[], bytes]:
    """A function of no arguments that writes the development plans of ``people`` (see :func:`report_builder`)."""
    build = _development_build(v, people, zipped)  # raises without data
    what = f"{len(people)} development plans (zip)" if zipped else "a development plan"
    name = v.data.name if v.data is not None else ""
    return access.recorded(build, N_("exported"), f"{what} of {v.filters.round}: {name}")


def prepare_development_zip(v: View, people: Sequence[str], progress: Progress) -> None:
    """Write a team's plans into the cache, telling ``progress`` each person's turn. Not an export:
    the download that follows (from the cache) is, and the audit trail records that one."""
    _development_build(v, people, True, progress)()


def _development_build(
    v: View, people: Sequence[str], zipped: bool, progress: Progress | None = None
) -> Callable[[], bytes]:
    if v.data is None:
        raise ValueError("Development plans need a loaded survey.")
    return functools.partial(
        analysis.development_bytes,
        v.data,
        v.framework,
        v.options,
        v.source,
        v.filters,
        v.choices,
        tuple(people),
        zipped,
        i18n.current(),
        _progress=progress,
    )


def report_builder(
    v: View, fmt: str, anonymise: bool, min_group_size: int, progress: Progress | None = None
) -> Callable[[], bytes]:
    """A function of no arguments that builds this view's report (or takes it from the cache).

    Everything it needs is taken now: ``st.download_button`` runs it on another thread when
    clicked, where session state cannot be read. Options that do not change the report
    (group size and pseudonym key without anonymising) are left out of the cache key.
    """
    if v.data is None:
        raise ValueError("A report needs a loaded survey.")
    # The server's key, so an export's pseudonyms are the pages' (and those already on them stay).
    key = access.server_key() if anonymise else ""
    title = _("Skills-gap report") if anonymise else _("Skills-gap report: {name}").format(name=v.file_name)
    build = functools.partial(
        analysis.report_bytes,
        v.data,
        v.framework,
        v.options,
        v.source,
        v.filters,
        v.choices,
        fmt,
        anonymise,
        min_group_size if anonymise else DEFAULT_MIN_GROUP_SIZE,
        key,
        title,
        v.cohorts,
        i18n.current(),
        _progress=progress,
    )
    what = f"{fmt} report{' (anonymised)' if anonymise else ''}"
    return access.recorded(build, N_("exported"), f"{what} of {v.filters.round}: {v.data.name}")
