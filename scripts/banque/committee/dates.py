"""Dates as the committee counts them: whole months, years back from a day.

The day of reference is always passed in, never read from the clock here: a
review or a dashboard of a given day is reproducible.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def as_date(value: Any) -> dt.date | None:
    """A date from the raw front matter (YAML gives a date, or text), or None."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # validate already reports it
