"""Round labels in time order: numbers as numbers, months and years as dates."""

from __future__ import annotations

import pytest

from analytics.rounds import latest_round, ordered_rounds


@pytest.mark.parametrize(
    "labels",
    [
        ["Round 1", "Round 2", "Round 10"],
        ["2026-Q1", "2026-Q3", "2027-Q1"],
        ["Putaran 9", "Putaran 10"],
        ["March 2026", "June 2026", "January 2027"],
        ["Maret 2026", "Juni 2026", "Desember 2026", "Januari 2027"],
        ["Sep 2025", "Feb 2026", "Agustus 2026"],
        ["Survey June 2025", "survey march 2026"],
    ],
)
def test_rounds_come_in_time_order(labels: list[str]) -> None:
    assert ordered_rounds(reversed(labels)) == labels
    assert latest_round(labels[::-1]) == labels[-1]


def test_a_month_without_a_year_or_a_year_without_a_month_keeps_the_number_order() -> None:
    # "May" alone is no date; "2026-Q1" has a year but no month word.
    assert ordered_rounds(["Round 2 May", "Round 1 June"]) == ["Round 1 June", "Round 2 May"]
    assert ordered_rounds(["2026-Q3", "2026-Q1"]) == ["2026-Q1", "2026-Q3"]


def test_no_round_is_an_error() -> None:
    with pytest.raises(ValueError, match="no survey rounds"):
        latest_round([])
