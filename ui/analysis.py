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

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pandas as pd
import streamlit as st

from analytics import gaps
from analytics.files import SurveyFile
from analytics.framework import Framework
from analytics.ingest import IngestOptions, IngestResult, read_survey
from analytics.survey_template import build_template
from analytics.views import selection
from analytics.views.priorities import PlanChoices

SAMPLE_PATH: Final = Path(__file__).resolve().parent.parent / "sample_data" / "digital_marketing_survey.xlsx"
SAMPLE_NAME: Final = "Sample data (digital_marketing_survey.xlsx)"
HASHES: Final[dict[str | type[Any], Callable[[Any], Any]]] = {
    # The name counts too: a csv's name is its sheet's, which can name the round and the rater.
    SurveyFile: lambda survey: (survey.name, survey.digest),
    Framework: lambda framework: framework.digest,
}


@st.cache_resource(max_entries=1, show_spinner=False)
def sample_file() -> SurveyFile:
    return SurveyFile(SAMPLE_NAME, SAMPLE_PATH.read_bytes())


@st.cache_resource(max_entries=6, show_spinner="Reading the survey...", hash_funcs=HASHES)
def load_survey(survey: SurveyFile, framework: Framework, options: IngestOptions) -> IngestResult:
    """The ingested survey; raises :class:`analytics.files.SurveyError` when it cannot be used."""
    return read_survey(survey.data, framework, survey.name, options)


@st.cache_resource(max_entries=12, show_spinner="Measuring gaps...", hash_funcs=HASHES)
def gap_pairs(survey: SurveyFile, framework: Framework, options: IngestOptions, source: str) -> pd.DataFrame:
    return gaps.rating_pairs(load_survey(survey, framework, options).ratings, framework, source)


@st.cache_resource(max_entries=6, show_spinner=False, hash_funcs=HASHES)
def filter_options(
    survey: SurveyFile, framework: Framework, options: IngestOptions
) -> selection.FilterOptions:
    return selection.filter_options(load_survey(survey, framework, options).ratings, framework)


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs=HASHES)
def template_bytes(framework: Framework) -> bytes:
    return build_template(framework)


@st.cache_data(max_entries=4, show_spinner=False, hash_funcs=HASHES)
def report_bytes(
    survey: SurveyFile,
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
) -> bytes:
    """The report of exactly what the pages show for these choices, from the cached pairs.

    Raises :class:`analytics.reports.ReportUnavailable` when the format cannot be made here.
    """
    from analytics import reports
    from analytics.views.report import report_view

    pairs = selection.apply_filters(gap_pairs(survey, framework, options, source), filters)
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
    )
    return reports.build_report(fmt, view)
