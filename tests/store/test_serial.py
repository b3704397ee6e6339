"""Stored tables come back exactly as they went in."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ingest import IngestResult
from analytics.store import serial


def _mixed() -> pd.DataFrame:
    return pd.DataFrame(
        {
            # object categories (as ingest makes most keys), with a missing value
            "email": pd.Categorical(pd.Series(["a@x", None, "b@x", "a@x"], dtype=object)),
            # pandas' text dtype as categories (as ingest makes skill ids)
            "skill_id": pd.Categorical(pd.Series(["web", "seo", "web", "seo"], dtype="str")),
            "rating": [1.0, np.nan, 3.5, 5.0],
            "action": pd.Series(["Course", "Mentoring", "Course", "Project"], dtype="str"),
        }
    )


def test_a_frame_comes_back_with_the_same_dtypes_and_values() -> None:
    frame = _mixed()
    back = serial.bytes_frame(serial.frame_bytes(frame))
    pd.testing.assert_frame_equal(back, frame)
    for name in ("email", "skill_id"):
        assert back[name].cat.categories.dtype == frame[name].cat.categories.dtype
        assert back[name].cat.codes.dtype == frame[name].cat.codes.dtype


def test_the_samples_ratings_come_back_exactly(sample_result: IngestResult) -> None:
    ratings = sample_result.ratings
    pd.testing.assert_frame_equal(serial.bytes_frame(serial.frame_bytes(ratings)), ratings)
