"""Raw cells in, text and flags out, each worked out once per distinct value.

A survey column of 20,000 answers holds a few hundred distinct values at most, so every
conversion here factorises first and converts the distinct values only; the sheet, the
response and the cell readers all share these helpers rather than each growing its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def present(values: np.ndarray) -> np.ndarray:
    """Which cells of an object array hold something: not None, NaN or empty text."""
    return pd.notna(values) & (values != "")


def blank(texts: pd.Series) -> np.ndarray:
    """Which entries of a text column are empty; numpy compares object text several times faster."""
    return texts.to_numpy() == ""


def is_blank(value: object) -> bool:
    """One cell at a time, for the few header cells looked at before a sheet is known."""
    return value is None or value == "" or (isinstance(value, float) and np.isnan(value))


def as_text(values: np.ndarray, lower: bool = False) -> np.ndarray:
    """Cells as stripped text, blank for empty; worked out once per distinct value.

    str methods mapped over the distinct values run several times faster than a Python
    function called on each, which counts on a column of 20,000 e-mail addresses.
    Kept as object dtype: pandas' default string dtype would convert every column twice.
    """

    def stripped(uniques: np.ndarray) -> list[str]:
        texts = map(str.strip, map(str, uniques))
        return list(map(str.lower, texts) if lower else texts)

    return convert_distinct(values, stripped, "")


def per_distinct(
    values: np.ndarray | pd.Series, convert: Callable[[Any], Any], missing: Any, dtype: Any = object
) -> np.ndarray:
    """``convert`` of every value, called once per distinct value; ``missing`` for None/NaN."""
    return convert_distinct(values, lambda uniques: [convert(u) for u in uniques], missing, dtype)


def convert_distinct(
    values: np.ndarray | pd.Series,
    convert_all: Callable[[np.ndarray], list[Any]],
    missing: Any,
    dtype: Any = object,
) -> np.ndarray:
    """``convert_all`` of the distinct values, spread back to every value; ``missing`` for None/NaN."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    converted = np.empty(len(uniques) + 1, dtype=dtype)
    converted[:-1] = convert_all(uniques)
    converted[-1] = missing
    return converted[codes]
