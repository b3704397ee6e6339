"""The cached analysis: a survey file, a framework and the user's corrections in, ingested ratings,
gap pairs, filter options and report bytes out.

Every cached function takes the values its result is computed from, and Streamlit hashes
them: a :class:`~analytics.files.SurveyFile` and a :class:`~analytics.framework.Framework`
by their digests worked out once (and the file's name, which ingest reads) (:data:`HASHES`), everything else (options, filters, the
planner's choices) as the small frozen values they are. No key is passed beside a value,
so the two cannot drift apart. This is the only module that caches; ``analytics`` knows
nothing of Streamlit.

Ingested surveys and gap pairs are kept with ``st.cache_resource``: one object shared by
every session and rerun, never copied. ``st.cache_data`` would unpickle a fresh copy on
every call (a tenth of a second for the sample, seconds for 500,000 pairs, and one copy per
session in memory). Nothing changes these tables after they are made: every view builds new
frames from them.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import pandas as pd
import streamlit as st

from analytics import gaps, i18n
from analytics.files import SurveyFile, SurveyFiles
from analytics.framework import Framework
from analytics.i18n import _
from analytics.ingest import IngestOptions, IngestResult, read_files, read_survey
from analytics.scope import Scope, scoped_result, shown_ids
from analytics.store import OpenedRounds, Store, StoreUnavailable, open_together
from analytics.survey_template import build_template
from analytics.views import selection
from analytics.views.plan import PlanChoices
from analytics.views.priorities import PrioritiesView, priorities_view

if TYPE_CHECKING:
    from analytics.progress import Progress

SAMPLE_PATH: Final = Path(__file__).resolve().parent.parent / "sample_data" / "digital_marketing_survey.xlsx"
SAMPLE_NAME: Final = "Sample data (digital_marketing_survey.xlsx)"
# A store that could not be opened is tried again after this long, not on every rerun.
STORE_RETRY_SECONDS: Final = 15.0
# Unsaved uploads kept in this server's memory so that a reload finds them again; they are
# never written to disk (only a round the user saves is).
SHELF_BYTES: Final = 400 * 1024 * 1024


@dataclass(frozen=True)
class StoredRounds:
    """Stored rounds on screen, as the cache knows them: by store, id, content and name.

    The names count, since each round is shown under its stored name.
    """

    url: str
    ids: tuple[int, ...]
    digests: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"Stored round{'s' if len(self.names) > 1 else ''}: {', '.join(self.names)}"


# What the pages show: an uploaded (or sample) file, several files uploaded together, or stored rounds.
Upload = SurveyFile | SurveyFiles


@dataclass(frozen=True)
class Scoped:
    """An upload or stored rounds as a viewer may see them (:func:`analytics.scope.scoped_result`)."""

    data: Upload | StoredRounds
    scope: Scope

    @property
    def name(self) -> str:
        """Stored rounds by their names; an upload not by its file's (often a person's name)."""
        if isinstance(self.data, StoredRounds) or self.data.name == SAMPLE_NAME:
            return self.data.name
        return "Uploaded survey (names hidden)" if self.scope.anonymous else "Uploaded survey"


Dataset = Upload | StoredRounds | Scoped


def scoped(data: Upload | StoredRounds, scope: Scope) -> Dataset:
    """``data`` seen through ``scope``: itself when the scope names everyone."""
    return Scoped(data, scope) if scope.restricted else data


HASHES: Final[dict[str | type[Any], Callable[[Any], Any]]] = {
    # The name counts too: a csv's name is its sheet's, which can name the round and the rater.
    SurveyFile: lambda survey: (survey.name, survey.digest),
    SurveyFiles: lambda survey: survey.digest,  # made from every file's name and content
    Framework: lambda framework: framework.digest,
    StoredRounds: lambda rounds: (rounds.url, rounds.ids, rounds.digests, rounds.names),
    Scoped: lambda seen: (HASHES[type(seen.data)](seen.data), seen.scope),
}


@st.cache_resource(show_spinner=False)
def _stores() -> dict[str, Store | tuple[float, StoreUnavailable]]:
    return {}


# One lock for opening stores, one for the shelf: a database slow to answer must not hold up uploads.
_store_lock = threading.Lock()
_shelf_lock = threading.Lock()


def store(url: str) -> Store | StoreUnavailable:
    """The store at ``url``, opened once per server; or why it cannot be opened now.

    A failure is remembered for :data:`STORE_RETRY_SECONDS`, so a database that is down
    costs one attempt, not one per click.
    """
    with _store_lock:
        known = _stores().get(url)
        if isinstance(known, Store):
            return known
        if known is not None and time.monotonic() - known[0] < STORE_RETRY_SECONDS:
            return known[1]
        try:
            opened = Store.open(url)
        except StoreUnavailable as exc:
            _stores()[url] = (time.monotonic(), exc)
            return exc
        _stores()[url] = opened
        return opened


def forget_store(url: str) -> None:
    """Try the store again at the next use (after the user fixed what was wrong)."""
    with _store_lock:
        known = _stores().pop(url, None)
    if isinstance(known, Store):
        known.close()


@st.cache_resource(show_spinner=False)
def _shelf() -> OrderedDict[str, Upload]:
    return OrderedDict()


def shelve(token: str, survey: Upload) -> None:
    """Keep an unsaved upload of a workspace in memory, the oldest going when space runs out.

    Kept by workspace and content, so two tabs of one browser with two uploads keep both.
    """
    key = f"{token}:{survey.digest}"
    with _shelf_lock:
        shelf = _shelf()
        shelf[key] = survey
        shelf.move_to_end(key)
        while sum(x.size for x in shelf.values()) > SHELF_BYTES and len(shelf) > 1:
            shelf.popitem(last=False)


def shelved(token: str, digest: str) -> Upload | None:
    with _shelf_lock:
        return _shelf().get(f"{token}:{digest}")


@st.cache_resource(max_entries=8, show_spinner=False, hash_funcs=HASHES)
def opened_rounds(rounds: StoredRounds) -> OpenedRounds:
    """Raises :class:`analytics.store.StoreError` when the store or a round cannot be read."""
    found = store(rounds.url)
    if isinstance(found, StoreUnavailable):
        raise found
    with st.spinner(_("Opening the stored rounds...")):
        return open_together([found.open_round(i) for i in rounds.ids])


@st.cache_resource(max_entries=1, show_spinner=False)
def sample_file() -> SurveyFile:
    return SurveyFile(SAMPLE_NAME, SAMPLE_PATH.read_bytes())


def load_survey(
    survey: Dataset, framework: Framework, options: IngestOptions, progress: Progress | None = None
) -> IngestResult:
    """The ingested survey (stored rounds as they were saved: corrections were made before), its
    validation report in the session's language.

    Raises :class:`analytics.files.SurveyError` when a file cannot be used and
    :class:`analytics.store.StoreError` when stored rounds cannot be read. ``progress`` hears
    the steps of reading a file (off the page's thread: see ui/progress.py); without it a
    spinner shows while a file is read.
    """
    return _ingested(survey, framework, options, i18n.current(), progress)


@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=HASHES)
def _ingested(
    survey: Dataset, framework: Framework, options: IngestOptions, language: str, _progress: Progress | None
) -> IngestResult:
    # The language is part of the key: the validation report's words are written while reading.
    if isinstance(survey, Scoped):
        return scoped_result(load_survey(survey.data, framework, options, _progress), survey.scope)
    if isinstance(survey, StoredRounds):
        return opened_rounds(survey).result
    if _progress is not None:
        return _read(survey, framework, options, _progress)
    with st.spinner(_("Reading the survey...")):
        return _read(survey, framework, options, None)


def _read(
    survey: Upload, framework: Framework, options: IngestOptions, progress: Progress | None
) -> IngestResult:
    if isinstance(survey, SurveyFiles):
        return read_files(survey.files, framework, options, progress)
    return read_survey(survey.data, framework, survey.name, options, progress)


@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=HASHES)
def id_map(survey: Scoped, framework: Framework, options: IngestOptions) -> dict[str, str]:
    """Each real respondent id of the survey and the id ``survey.scope`` shows it under."""
    return shown_ids(load_survey(survey.data, framework, options).ratings, survey.scope)


@st.cache_resource(max_entries=12, show_spinner=False, hash_funcs=HASHES)
def gap_pairs(survey: Dataset, framework: Framework, options: IngestOptions, source: str) -> pd.DataFrame:
    ratings = load_survey(survey, framework, options).ratings
    with st.spinner(_("Measuring gaps...")):
        return gaps.rating_pairs(ratings, framework, source)


@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=HASHES)
def filter_options(survey: Dataset, framework: Framework, options: IngestOptions) -> selection.FilterOptions:
    return selection.filter_options(load_survey(survey, framework, options).ratings, framework)


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs=HASHES)
def template_bytes(framework: Framework, language: str) -> bytes:
    with i18n.language(language):
        return build_template(framework)


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs=HASHES)
def report_bytes(
    survey: Dataset,
    framework: Framework,
    options: IngestOptions,
    source: str,
    filters: selection.Filters,
    choices: PlanChoices,
    fmt: str,
    anonymise: bool,
    min_group_size: int,
    pseudonym_key: str,
    title: str,
    cohorts: pd.DataFrame | None,
    language: str,
    _progress: Progress | None = None,
) -> bytes:
    """The report of exactly what the pages show for these choices, from the cached pairs, in ``language``
    (a download is built on another thread, which does not speak the session's language by itself).

    Its Trends and Calibration sections see every round under the same team and role filters,
    as those pages do, and the cohorts of the plans stored with the rounds on screen.

    ``_progress`` hears a PDF's steps (not part of the cache key). Raises
    :class:`analytics.reports.ReportUnavailable` when the format cannot be made here.
    """
    with i18n.language(language):
        return _report_bytes(
            survey,
            framework,
            options,
            source,
            filters,
            choices,
            fmt,
            anonymise,
            min_group_size,
            pseudonym_key,
            title,
            cohorts,
            _progress,
        )


def _report_bytes(
    survey: Dataset,
    framework: Framework,
    options: IngestOptions,
    source: str,
    filters: selection.Filters,
    choices: PlanChoices,
    fmt: str,
    anonymise: bool,
    min_group_size: int,
    pseudonym_key: str,
    title: str,
    cohorts: pd.DataFrame | None,
    progress: Progress | None,
) -> bytes:
    from analytics import reports
    from analytics.views.report import report_view

    every_round = gap_pairs(survey, framework, options, source)
    pairs = selection.apply_filters(every_round, filters)
    groups = dataclasses.replace(filters, round=None)
    view = report_view(
        framework,
        gaps.GapResult(pairs, source),
        load_survey(survey, framework, options),
        selection.described(filters, framework),
        choices,
        anonymise=anonymise,
        min_group_size=min_group_size,
        pseudonym_key=pseudonym_key or None,
        title=title,
        history=selection.apply_filters(every_round, groups),
        ratings=selection.apply_filters(load_survey(survey, framework, options).ratings, groups),
        cohorts=cohorts,
    )
    return reports.build_report(fmt, view, progress)


@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs=HASHES)
def priorities(
    survey: Dataset,
    framework: Framework,
    options: IngestOptions,
    source: str,
    filters: selection.Filters,
    choices: PlanChoices,
    hide: int,
    language: str,
) -> PrioritiesView:
    """The filtered view's priorities, cohorts and training plan, made once per view and choices:
    the Priorities page reruns on every edit of its grids, and the People page and the
    development plans read the same plan. ``hide``: figures of smaller groups are hidden; its
    titles and notes are in ``language``."""
    pairs = selection.apply_filters(gap_pairs(survey, framework, options, source), filters)
    with i18n.language(language):
        return priorities_view(pairs, framework, choices, hide)


# No spinner: a download button runs this on a thread of its own, where no page can show one.
@st.cache_data(max_entries=8, show_spinner=False, hash_funcs=HASHES)
def development_bytes(
    survey: Dataset,
    framework: Framework,
    options: IngestOptions,
    source: str,
    filters: selection.Filters,
    choices: PlanChoices,
    people: tuple[str, ...],
    zipped: bool,
    language: str,
    _progress: Progress | None = None,
) -> bytes:
    """The development plans of ``people`` as the People page shows them: one PDF, or a zip of one each,
    in ``language`` (built on the download's own thread). ``_progress`` hears a zip's people, one by one."""
    with i18n.language(language):
        return _development_bytes(
            survey, framework, options, source, filters, choices, people, zipped, _progress
        )


def _development_bytes(
    survey: Dataset,
    framework: Framework,
    options: IngestOptions,
    source: str,
    filters: selection.Filters,
    choices: PlanChoices,
    people: tuple[str, ...],
    zipped: bool,
    progress: Progress | None,
) -> bytes:
    from analytics.reports.development import write_development_plan, write_development_plans
    from analytics.views.development import development_plans_of

    pairs = selection.apply_filters(gap_pairs(survey, framework, options, source), filters)
    ratings = load_survey(survey, framework, options).ratings
    # The People page's own plan (and cache entry): small groups hidden as the page hides them.
    hide = survey.scope.min_group if isinstance(survey, Scoped) else 0
    plan = priorities(survey, framework, options, source, filters, choices, hide, i18n.current()).plan
    found = development_plans_of(
        ratings, pairs, people, plan, framework, filters.round, gaps.SOURCE_LABELS[source], datetime.now(UTC)
    )
    return write_development_plans(found, progress) if zipped else write_development_plan(found[0])
