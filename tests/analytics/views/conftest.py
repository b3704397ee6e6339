"""The three people of :func:`tests.helpers.tidy.three_people`, as tidy ratings and round R1's self pairs."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import gaps
from analytics.framework import Framework
from analytics.views.selection import Filters, apply_filters
from tests.helpers.tidy import three_people


@pytest.fixture
def ratings() -> pd.DataFrame:
    return three_people()


@pytest.fixture
def pairs(ratings: pd.DataFrame, small_framework: Framework) -> pd.DataFrame:
    return apply_filters(gaps.rating_pairs(ratings, small_framework), Filters(round="R1"))
