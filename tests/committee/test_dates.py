"""Dates as the committee counts them: whole months, years back from a day."""

from __future__ import annotations

import datetime as dt

import pytest

from banque.committee.dates import as_date, months_between, years_before


def test_years_before_a_29_february_lands_on_the_28th():
    assert years_before(dt.date(2024, 2, 29), 3) == dt.date(2021, 2, 28)
    assert years_before(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)
    assert years_before(dt.date(2026, 1, 15), -2) == dt.date(2028, 1, 15)


@pytest.mark.parametrize(("start", "end", "months"), [
    (dt.date(2022, 5, 1), dt.date(2026, 1, 15), 44),
    (dt.date(2022, 5, 20), dt.date(2022, 6, 19), 0),  # a month is only counted once it is whole
    (dt.date(2022, 5, 20), dt.date(2022, 6, 20), 1),
    (dt.date(2022, 12, 31), dt.date(2023, 1, 1), 0),
])
def test_months_between_counts_whole_months(start: dt.date, end: dt.date, months: int):
    assert months_between(start, end) == months


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2025, 2, 15), dt.date(2025, 2, 15)),
    ("2025-02-15", dt.date(2025, 2, 15)),
    ("15/02/2025", None),  # the validator reports it; the review just skips it
    (2025, None),
    (None, None),
])
def test_a_front_matter_date_is_read_from_yaml_or_text(value, expected):
    assert as_date(value) == expected
