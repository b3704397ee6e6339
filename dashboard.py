"""Team Skills-Gap Dashboard: the entry point (``streamlit run dashboard.py``).

For now one page of headline figures on the built-in sample data; every number comes
from ``analytics`` and is only rendered here.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from analytics import columns as c
from analytics import gaps
from analytics.framework import Framework, default_framework
from analytics.ingest import IngestResult, read_survey
from analytics.rounds import latest_round

SAMPLE_PATH = Path(__file__).parent / "sample_data" / "digital_marketing_survey.xlsx"


@st.cache_data(max_entries=4, show_spinner="Reading the survey...")
def load_sample(_framework: Framework, framework_key: str) -> IngestResult:
    return read_survey(SAMPLE_PATH.read_bytes(), _framework, SAMPLE_PATH.name)


st.set_page_config(page_title="Team Skills-Gap Dashboard", layout="wide")
st.title("Team skills-gap dashboard")
framework = default_framework()
result = load_sample(framework, framework.to_yaml())
pairs = gaps.compute_gaps(result.ratings, framework).pairs
chosen_round = latest_round(pairs[c.ROUND].astype(str).unique())
pairs = pairs[pairs[c.ROUND] == chosen_round]
overall = gaps.summarise(pairs).iloc[0]
by_area = gaps.summarise(pairs, [c.AREA_ID]).sort_values(gaps.MEAN_SHORTFALL, ascending=False)
weakest = framework.area(str(by_area[c.AREA_ID].iloc[0]))
spof = gaps.single_points_of_failure(pairs)

st.caption(f"Sample data, round {chosen_round}, self ratings against the {framework.name}.")
cols = st.columns(5)
cols[0].metric("People", int(overall[gaps.N_PEOPLE]))
cols[1].metric("Skills rated", int(overall[gaps.N_PAIRS]), help="Rated (person, skill) pairs")
cols[2].metric("Team readiness", f"{overall[gaps.READINESS]:.0%}", help="Share of rated skills at target")
cols[3].metric("Weakest area", weakest.name, help="Largest mean shortfall below target")
cols[4].metric(
    "Single points of failure", len(spof), help="Critical skills a team has at most one person at target on"
)
