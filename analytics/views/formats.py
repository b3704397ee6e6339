"""Numbers as readers see them: a value and its number kind in, text out.

One definition for the pages' metrics, the HTML and PDF reports and the command line, so
"1,092 hours" reads the same everywhere (Excel gets the matching number formats from
:func:`excel_format`). Whole hours print without decimals, because a stray ".0" reads as
if a fraction had been rounded away.
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np
import pandas as pd

from analytics.i18n import N_, _, localise_number, plural
from analytics.views import fields as f

# Shown where a figure exists but is not computable (no data), and in its place when hidden.
NOT_AVAILABLE: Final = N_("not available")
DASH: Final = "–"


# A change in a share, in percentage points: the value is a fraction (0.1 is "+10 points").
POINTS_TEXT: Final = N_("{points} points")


def format_number(value: float, kind: str) -> str:
    """In the session's language (1.126,5 in Indonesian).

    >>> format_number(0.456, "percent"), format_number(1092.0, "hours"), format_number(12.5, "hours")
    ('46%', '1,092', '12.5')
    >>> format_number(0.15, "points"), format_number(-0.1, "points"), format_number(0.004, "points")
    ('+15 points', '-10 points', '0 points')
    >>> format_number(0.347, "signed"), format_number(-0.1, "signed"), format_number(0.0004, "signed")
    ('+0.35', '-0.10', '0.00')
    """
    if kind == f.SIGNED:
        return format_change(value, f.SCORE)
    if kind == f.POINTS:
        # No change shows no sign, so it never looks like a rise.
        points = round(value * 100)
        return _(POINTS_TEXT).format(points=f"{points:+d}" if points else "0")
    return localise_number(_python_number(value, kind))


def _python_number(value: float, kind: str) -> str:
    if kind == f.PERCENT:
        return f"{value:.0%}"
    if kind == f.COUNT:
        return f"{value:,.0f}"
    if kind == f.HOURS:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if kind == f.MONEY:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if kind == f.LEVEL:
        return f"{value:.1f}"
    # Adding 0.0 turns -0.0 into 0.0, which would otherwise print as "-0.00".
    return f"{round(value, 2) + 0.0:.2f}"


def format_value(value: object, kind: str, missing: str = "") -> str:
    """Any cell as text: numbers by their kind, missing values as ``missing``, text as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return missing
    if kind == f.TEXT:
        return str(value)
    return format_number(float(value), kind)  # type: ignore[arg-type]


def format_column(values: pd.Series, kind: str, missing: str = "") -> np.ndarray:
    """:func:`format_value` of a whole column, worked out once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    shown = [format_value(u, kind, missing) for u in uniques]
    return np.array([*shown, missing], dtype=object)[codes]


def excel_format(kind: str, values: pd.Series | None = None) -> str:
    """The Excel number format of a kind; hours get decimals only when a value needs them.

    Points are written as whole points (:func:`numbers_for_format`) with the word around them, as
    on the page: Excel can only scale a fraction by 100 by showing a percent sign.
    """
    if kind == f.POINTS:
        before, after = (f'"{part}"' if part else "" for part in _(POINTS_TEXT).split("{points}", 1))
        return ";".join(f"{before}{sign}0{after}" for sign in ("+", "-", ""))
    if kind in (f.HOURS, f.MONEY):
        numbers = np.asarray(values if values is not None else [], dtype=float)
        numbers = numbers[np.isfinite(numbers)]
        whole = np.all(numbers == np.round(numbers))
        return "#,##0" if whole else ("#,##0.0" if kind == f.HOURS else "#,##0.00")
    return {
        f.COUNT: "#,##0",
        f.SCORE: "0.00",
        f.SIGNED: "+0.00;-0.00;0.00",
        f.LEVEL: "0.0",
        f.PERCENT: "0%",
    }.get(kind, "General")


def numbers_for_format(values: np.ndarray, kind: str) -> np.ndarray:
    """Numbers as a renderer with number formats holds them (Excel, with :func:`excel_format`, and
    the page's tables): points as whole points, the rest as they are."""
    return np.asarray(values, dtype=float) * (100.0 if kind == f.POINTS else 1.0)


def counted(n: int, singular: str, many: str | None = None) -> str:
    """A count with its noun, singular for exactly one and with thousands separators.

    >>> counted(1, "person", "people"), counted(1126, "rated skill")
    ('1 person', '1,126 rated skills')
    """
    return f"{localise_number(f'{n:,}')} {plural(singular, many or singular + 's', n)}"


def counted_each(counts: pd.Series, singular: str, many: str | None = None) -> pd.Series:
    """:func:`counted` for every value of a Series of counts ("" where a count is missing)."""
    values = pd.to_numeric(pd.Series(counts), errors="coerce").astype(float)
    number = values.map(lambda n: localise_number(f"{n:,.0f}"), na_action="ignore").astype("string")
    nouns = plural(singular, singular, 1), plural(singular, many or singular + "s", 2)
    noun = pd.Series(np.where(values == 1, *nouns), index=values.index)
    return (number + " " + noun.astype("string")).fillna("").astype(object)


def format_change(value: float, kind: str) -> str:
    """A change with its sign, for a metric's delta: levels as "+0.35", shares as "+10 points".

    A share's change is in percentage points (60% to 70% is "+10 points", never "+10%",
    which would read as a tenth more). No change shows no sign, so it never looks like a rise.

    >>> format_change(0.347, "score"), format_change(-0.1, "percent"), format_change(0.0004, "score")
    ('+0.35', '-10 points', '0.00')
    """
    if kind in (f.PERCENT, f.POINTS):
        return format_number(value, f.POINTS)
    shown = _python_number(value, kind)
    if float(shown.replace(",", "")) == 0 or shown.startswith("-"):
        return localise_number(shown)
    return f"+{localise_number(shown)}"
