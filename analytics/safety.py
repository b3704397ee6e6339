"""Spreadsheet safety: text in, whether a spreadsheet could run it as a formula out.

One definition for every writer of cells (the survey template, the xlsx and csv reports):
OWASP's CSV-injection starts, so text from an upload or a framework is never run as code.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

# Text starting with one of these could run as a formula in a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet could read as a formula.

    >>> is_formula_like("=SUM(A1)"), is_formula_like("Ann =1")
    (True, False)
    """
    return text.startswith(FORMULA_STARTS)


def formula_like(text: pd.Series) -> pd.Series:
    """:func:`is_formula_like` for a column of strings at once (False for missing values)."""
    return text.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
