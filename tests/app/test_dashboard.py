"""The entry point: the first visit on sample data, the sidebar's rating source and filters, no data."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.ingest import read_survey
from analytics.rounds import ordered_rounds
from tests.helpers.app import ROOT, SAMPLE
from ui.state import SAMPLE_OFFERED


def test_without_data_the_app_says_what_to_do() -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state[SAMPLE_OFFERED] = True  # as after the sample was replaced by an unusable file
    app.run()
    assert not app.exception
    assert app.title[0].value == "Overview"
    assert "No survey is loaded yet" in app.info[0].value
    assert app.radio(key="rater_source").options == [
        "Self ratings",
        "Manager ratings",
        "Combined (mean of self and manager)",
    ]
    assert not app.selectbox  # no filters until there is data


def test_first_visit_shows_the_sample_data_in_filters_and_headline_figures() -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    framework = default_framework()
    ratings = read_survey(SAMPLE.read_bytes(), framework).ratings
    rounds = ordered_rounds(ratings[c.ROUND].unique())
    assert app.selectbox(key="filter_round").options == rounds
    assert app.selectbox(key="filter_round").value == rounds[-1]
    assert app.multiselect(key="filter_teams").options == sorted(ratings[c.TEAM].astype(str).unique())
    pairs = gaps.compute_gaps(ratings, framework).pairs
    latest = pairs[pairs[c.ROUND] == rounds[-1]]
    shown = {m.label: m.value for m in app.metric}
    # Independent of gaps.summarise: count people and pooled at-target share directly.
    assert shown["People"] == str(latest[c.RESPONDENT_ID].nunique())
    assert shown["Team readiness"] == f"{latest[c.AT_TARGET].mean():.0%}"
    assert "Self ratings" in app.caption[0].value
