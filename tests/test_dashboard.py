"""The dashboard starts on the sample data and shows headline figures computed by analytics."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from analytics import columns as c
from analytics import gaps
from analytics.framework import default_framework
from analytics.ingest import read_survey

ROOT = Path(__file__).parent.parent


def test_dashboard_shows_sample_headline_figures() -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    shown = {m.label: m.value for m in app.metric}
    framework = default_framework()
    sample = ROOT / "sample_data" / "digital_marketing_survey.xlsx"
    pairs = gaps.compute_gaps(read_survey(sample.read_bytes(), framework).ratings, framework).pairs
    latest = pairs[pairs[c.ROUND] == "2026-Q3"]
    # Independent of gaps.summarise: count people and pooled at-target share directly.
    assert shown["People"] == str(latest[c.RESPONDENT_ID].nunique())
    assert shown["Team readiness"] == f"{latest[c.AT_TARGET].mean():.0%}"
    assert shown["Weakest area"] in {a.name for a in framework.areas}
