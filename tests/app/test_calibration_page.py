"""The Calibration page in Streamlit's AppTest: the sample's figures, the filters, a hand-worked upload, empty states.

On the sample data the figures on screen are checked against the analytics core computed
here from the same file; the small upload's figures are worked out by hand in comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import columns as c
from analytics import gaps
from analytics.ingest import IngestResult
from analytics.views import fields as f
from analytics.views.formats import format_number
from analytics.views.selection import Filters, apply_filters
from tests.helpers.app import (
    LATEST,
    chart,
    charts,
    infos,
    markdown_texts,
    metrics,
    new_app,
    open_page,
    table,
    upload,
    values,
    with_sample,
)
from ui.widgets import safe

PAGE = "calibration"
SOLO = "[Solo](http://evil.example)"
BOLD = "**Bold Name**"
# Self and manager rows of one form ("Who is filling in this form?"); no dates, so one round.
#   Bold: campaign planning 4/2 (+2), web and social analytics 5/3 (+2): mean +2, rates higher.
#   Cy:   campaign planning 2/3 (-1), web and social analytics 3/3 (0): mean -0.5, close.
#   Di:   self ratings only, in her own team: nothing to compare.
BOTH = (
    "Name,Email,Team,Role,Who is filling in this form?,"
    "Rate your skills [Campaign planning],Rate your skills [Web and social analytics]\n"
    f'"{BOLD}",bold@example.com,_Slanted_ team,Digital Marketing Specialist,Myself,4,5\n'
    f'"{BOLD}",bold@example.com,_Slanted_ team,Digital Marketing Specialist,Line manager,2,3\n'
    "Cy,cy@example.com,_Slanted_ team,Digital Marketing Specialist,Myself,2,3\n"
    "Cy,cy@example.com,_Slanted_ team,Digital Marketing Specialist,Line manager,3,3\n"
    f'Di,di@example.com,"{SOLO}",Digital Marketing Manager,Myself,3,3\n'
).encode()
SELF_ONLY = (
    b"Name,Email,Team,Role,Rate your skills [Campaign planning]\n"
    b"Ana,ana@example.com,Growth,Digital Marketing Specialist,3\n"
    b"Budi,budi@example.com,Growth,Digital Marketing Manager,2\n"
)


@pytest.fixture
def latest_ratings(sample_result: IngestResult) -> pd.DataFrame:
    ratings = sample_result.ratings
    return ratings[(ratings[c.ROUND] == LATEST).to_numpy(dtype=bool)].reset_index(drop=True)


def test_sample_figures_match_analytics(latest_ratings: pd.DataFrame) -> None:
    at = open_page(with_sample(), PAGE)
    pairs = gaps.calibration_pairs(latest_ratings)
    people = gaps.person_calibration(pairs)
    shown = metrics(at)
    assert shown["People compared"] == str(pairs[c.RESPONDENT_ID].nunique())
    assert shown["Mean difference (levels)"] == format_number(pairs[gaps.DIFFERENCE].mean(), f.SCORE)
    higher = people[people[gaps.CALIBRATION_SIDE] == gaps.SELF_HIGHER]
    lower = people[people[gaps.CALIBRATION_SIDE] == gaps.SELF_LOWER]
    assert shown["People rating themselves higher"] == str(len(higher))
    assert shown["People rating themselves lower"] == str(len(lower))
    names = pairs.drop_duplicates(c.RESPONDENT_ID).set_index(c.RESPONDENT_ID)[c.NAME].astype(str)
    listed = table(at, "cal_higher").value
    assert sorted(listed[c.NAME]) == sorted(names[higher[c.RESPONDENT_ID].astype(str)])
    assert len(higher) > 0  # the sample has people who rate themselves well above their manager
    teams = table(at, "cal_team").value
    assert teams[gaps.N_PAIRS].sum() == len(pairs)  # every compared pair belongs to one team row
    # The scatter has the diagonal, and one point per person compared.
    scatter = chart(at, "cal_scatter")
    names_on_chart = [t["name"] for t in scatter["data"]]
    assert "Same rating" in names_on_chart
    points = sum(len(values(t["x"])) for t in scatter["data"] if t.get("mode") == "markers")
    assert points == pairs[c.RESPONDENT_ID].nunique()


def test_the_page_says_the_rating_source_does_not_apply() -> None:
    at = open_page(with_sample(), PAGE)
    header = at.caption[0].value
    assert "Self ratings" not in header and f"Round: {LATEST}" in header
    assert any("rating source does not apply" in cap.value for cap in at.caption)
    before = metrics(at)
    at.radio(key="rater_source").set_value(c.MANAGER).run()
    assert not at.exception
    assert metrics(at) == before


def test_conversation_wording_is_not_a_verdict() -> None:
    at = open_page(with_sample(), PAGE)
    texts = " ".join(markdown_texts(at))
    assert "Worth a conversation" in texts
    assert "not a verdict" in texts


def test_team_filter_applies(latest_ratings: pd.DataFrame) -> None:
    at = open_page(with_sample(), PAGE)
    at.multiselect(key="filter_teams").set_value(["Customer Care"]).run()
    assert not at.exception
    care = gaps.calibration_pairs(apply_filters(latest_ratings, Filters(teams=("Customer Care",))))
    shown = metrics(at)
    assert shown["People compared"] == str(care[c.RESPONDENT_ID].nunique())
    assert shown["Mean difference (levels)"] == format_number(care[gaps.DIFFERENCE].mean(), f.SCORE)
    assert list(table(at, "cal_team").value[c.TEAM]) == ["Customer Care"]


def test_points_per_skill() -> None:
    at = open_page(with_sample(), PAGE)
    at.radio(key="cal_points").set_value("skills").run()
    assert not at.exception
    scatter = chart(at, "cal_scatter")
    assert scatter["layout"]["title"]["text"] == "Own rating vs manager's, per skill"
    # One bubble per skill compared.
    points = sum(len(values(t["x"])) for t in scatter["data"] if t.get("mode") == "markers")
    assert points == len(table(at, "cal_skill").value)


def test_a_small_upload_worked_by_hand() -> None:
    at = upload(open_page(with_sample(), "data"), "both.csv", BOTH)
    open_page(at, PAGE)
    shown = metrics(at)
    # Compared: Bold and Cy, 2 skills each; Di rated herself only.
    assert shown["People compared"] == "2"
    # (+2 + 2 - 1 + 0) / 4 = 0.75.
    assert shown["Mean difference (levels)"] == "0.75"
    assert (shown["People rating themselves higher"], shown["People rating themselves lower"]) == ("1", "0")
    assert any("2 of the 3 people who rated themselves" in cap.value for cap in at.caption)
    higher = table(at, "cal_higher").value
    assert list(higher[c.NAME]) == [BOLD]
    # Bold's two skills tie at +2: campaign planning comes first in the framework.
    assert list(higher[f.WIDEST_SKILL_NAME]) == ["Campaign planning"]
    assert higher[gaps.MEAN_DIFFERENCE].tolist() == [2.0]
    assert any("Nobody here rates themselves" in s.value for s in at.success)
    # Names and teams from the upload reach Markdown escaped.
    for text in markdown_texts(at):
        assert BOLD not in text and "_Slanted_" not in text


def test_a_team_without_manager_ratings_says_so() -> None:
    at = upload(open_page(with_sample(), "data"), "both.csv", BOTH)
    open_page(at, PAGE)
    at.multiselect(key="filter_teams").set_value([SOLO]).run()
    assert not at.exception
    assert f"Nobody in this selection \\(round Round 1; team {safe(SOLO)}\\) has a manager rating" in infos(
        at
    )
    assert not charts(at)
    for text in markdown_texts(at):
        assert SOLO not in text


def test_without_manager_ratings_the_page_says_how_to_add_them() -> None:
    at = upload(open_page(with_sample(), "data"), "self.csv", SELF_ONLY)
    open_page(at, PAGE)
    said = infos(at)
    assert "no manager ratings" in said
    for how in ("Who is filling in this form?", "Rater column", "Who filled in the form"):
        assert how in said
    assert not charts(at) and not at.metric


def test_without_data_the_page_says_what_to_do() -> None:
    at = open_page(new_app(empty=True).run(), PAGE)
    assert "No survey is loaded yet" in infos(at)
    assert not charts(at)
