"""The Trends chart of analytics.charts: one line per area or skill over the rounds, escaped, with its n."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analytics import charts
from analytics import columns as c
from analytics import gaps as g
from analytics.framework import Framework
from analytics.views import fields as f


def trend_frame() -> pd.DataFrame:
    # Strategy 2.0 -> 3.0 (at target 25% -> 50%); "<b>Ads</b>" rated in Q3 only.
    return pd.DataFrame(
        {
            f.ROW_LABEL: ["Strategy", "Strategy", "<b>Ads</b>"],
            c.ROUND: ["Q1", "Q3", "Q3"],
            g.MEAN_RATING: [2.0, 3.0, 4.0],
            g.READINESS: [0.25, 0.5, 1.0],
            g.N_PEOPLE: [4, 4, 1],
            g.N_PAIRS: [8, 8, 1],
        }
    )


def test_one_line_per_area_in_round_order(small_framework: Framework) -> None:
    fig = charts.trend_chart(trend_frame(), ["Q1", "Q3"], small_framework.scale, "Mean rating by area")
    names = [trace.name for trace in fig.data]
    assert names == ["Strategy", "&lt;b&gt;Ads&lt;/b&gt;"]  # upload text shows as written
    strategy, ads = fig.data
    assert list(strategy.x) == ["Q1", "Q3"] and list(strategy.y) == [2.0, 3.0]
    # Ads has nobody in Q1: a gap, not a zero.
    assert math.isnan(ads.y[0]) and ads.y[1] == 4.0
    assert list(fig.layout.xaxis.categoryarray) == ["Q1", "Q3"]
    assert strategy.customdata[0][2] == "4 people, 8 rated skills"
    assert ads.customdata[0][2] == "nobody rated"
    assert "n = %{customdata[2]}" in strategy.hovertemplate
    # The axis spans the means (2 to 4) with 0.3 levels of room, inside the 1-to-5 scale.
    assert tuple(fig.layout.yaxis.range) == pytest.approx((1.7, 4.3))
    assert fig.layout.yaxis.title.text == "Mean rating (1 to 5)"
    assert fig.layout.title.text == "Mean rating by area"


def test_readiness_runs_from_none_to_all(small_framework: Framework) -> None:
    fig = charts.trend_chart(trend_frame(), ["Q1", "Q3"], small_framework.scale, "At target", g.READINESS)
    assert list(fig.data[0].y) == [0.25, 0.5]
    assert tuple(fig.layout.yaxis.range) == (0, 1.05) and fig.layout.yaxis.tickformat == ".0%"
    with pytest.raises(ValueError, match="measure"):
        charts.trend_chart(trend_frame(), ["Q1", "Q3"], small_framework.scale, "x", g.MEAN_SHORTFALL)


def test_printed_chart_writes_the_values(small_framework: Framework) -> None:
    fig = charts.trend_chart(trend_frame(), ["Q1", "Q3"], small_framework.scale, "t", printed=True)
    assert list(fig.data[0].text) == ["2.00", "3.00"]
    assert list(fig.data[1].text) == ["", "4.00"]
    assert list(fig.data[0].textposition) == ["middle left", "middle right"]
    screen = charts.trend_chart(trend_frame(), ["Q1", "Q3"], small_framework.scale, "t")
    assert screen.data[0].text is None


def test_titles_from_the_upload_are_escaped(small_framework: Framework) -> None:
    frame = trend_frame().replace({c.ROUND: {"Q1": "<i>Q1</i>"}})
    fig = charts.trend_chart(frame, ["<i>Q1</i>", "Q3"], small_framework.scale, "Team <b>A</b>")
    assert fig.layout.title.text == "Team &lt;b&gt;A&lt;/b&gt;"
    assert list(fig.layout.xaxis.categoryarray) == ["&lt;i&gt;Q1&lt;/i&gt;", "Q3"]
