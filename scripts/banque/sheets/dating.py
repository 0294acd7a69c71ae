"""Dates that say how much is known: the situation a sheet describes, and
start or end years that may be exact (2008), approximate (« vers 2014 ») or
unknown (« inconnu »).

A sheet tells facts as its sources give them at a date: `situation` is that
date (AAAA-MM or AAAA-MM-JJ), distinct from the committee's last review. The
site shows both, and warns when the situation is older than the freshness
period of schema/regles.yml.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from banque.sheets.fields import rule
from banque.sheets.templating import MONTHS

UNKNOWN = "inconnu"
ABOUT = "vers"
# The precision of a year in the exports (a machine-readable column).
EXACT, APPROXIMATE, NOT_KNOWN = "exacte", "approximative", "inconnue"

_FIRST, _LAST = 1900, 2100
_ABOUT = re.compile(r"vers ((?:19|20)\d{2})")
_SITUATION = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True)
class Dating:
    """A year as the sheet knows it: `year` is None when unknown."""

    year: int | None
    precision: str

    @property
    def text(self) -> str:
        """As written in a sheet and in the exports: « 2008 », « vers 2014 », « inconnu »."""
        if self.year is None:
            return UNKNOWN
        return f"{ABOUT} {self.year}" if self.precision == APPROXIMATE else str(self.year)

    @property
    def shown(self) -> str:
        """As a page says it, after « depuis » or in a range: « 2008 », « 2014 environ »."""
        if self.year is None:
            return "date inconnue"
        return f"{self.year} environ" if self.precision == APPROXIMATE else str(self.year)


def dating(value: int | str | None) -> Dating:
    """The Dating of a validated `debut` or `fin` (an int, « vers AAAA » or « inconnu »)."""
    if value is None or value == UNKNOWN:
        return Dating(None, NOT_KNOWN)
    if isinstance(value, int):
        return Dating(value, EXACT)
    found = _ABOUT.fullmatch(value)
    if found is None:
        raise ValueError(value)
    return Dating(int(found.group(1)), APPROXIMATE)


def since(start: int | str) -> str:
    """A start as a card says it: « depuis 2008 », « depuis 2014 environ », « début inconnu »."""
    found = dating(start)
    return "début inconnu" if found.year is None else f"depuis {found.shown}"


def span(start: int | str, end: int | str | None) -> str:
    """A period as a page says it: « depuis 2008 », « 2008 – 2014 », « date inconnue – 2014 »."""
    if end is None:
        return since(start)
    first, last = dating(start).shown, dating(end).shown
    return first if first == last else f"{first} – {last}"


def _year(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("année attendue : 2008, « vers 2014 » ou « inconnu »")
    if isinstance(value, int):
        if not _FIRST <= value <= _LAST:
            raise ValueError(f"l'année {value} est hors des bornes {_FIRST}–{_LAST}")
        return value
    if isinstance(value, str):
        text = " ".join(value.split())
        if text.isdigit():
            return _year(int(text))
        if text == UNKNOWN:
            return text
        found = _ABOUT.fullmatch(text)
        if found and _FIRST <= int(found.group(1)) <= _LAST:
            return text
    raise ValueError("année attendue : une année (2008), « vers 2014 » si elle est approximative, "
                     "ou « inconnu » si la source ne la donne pas")


StartYear = Annotated[
    int | str,
    BeforeValidator(_year),
    WithJsonSchema({"anyOf": [
        {"type": "integer", "minimum": _FIRST, "maximum": _LAST},
        {"type": "string", "pattern": r"^(vers (19|20)\d{2}|inconnu)$"},
    ]}),
]


def _situation(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        found = _SITUATION.fullmatch(value.strip())
        if found:
            year, month, day = (int(g) if g else 1 for g in found.groups())
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"la date {value} n'existe pas dans le calendrier") from None
            if _FIRST <= year <= _LAST:
                return value.strip()
    raise ValueError("date de la situation attendue au format AAAA-MM (2015-01) ou AAAA-MM-JJ (2015-01-08)")


Situation = Annotated[
    str,
    BeforeValidator(_situation),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}),
]


def situation_day(value: str) -> dt.date:
    """The date of a situation: its first day when only the month is given."""
    found = _SITUATION.fullmatch(value)
    if found is None:
        raise ValueError(value)
    year, month, day = (int(g) if g else 1 for g in found.groups())
    return dt.date(year, month, day)


def situation_fr(value: str) -> str:
    """« janvier 2015 », or « 8 janvier 2015 » when the day is given."""
    day = situation_day(value)
    month = f"{MONTHS[day.month - 1]} {day.year}"
    if len(value) == len("2015-01"):
        return month
    return f"{'1er' if day.day == 1 else day.day} {month}"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (0 if end comes first)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(months, 0)


def is_stale(value: str, today: dt.date, months: int) -> bool:
    """True when the situation is more than `months` old on `today`."""
    return months_between(situation_day(value), today) > months


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    debut: StartYear = Field(
        description="L'année de début : 2008, « vers 2014 » si elle est approximative, « inconnu » si la source ne la donne pas.",
        examples=[2008, "vers 2014", "inconnu"])
    fin: StartYear | None = Field(
        default=None, description="L'année de fin, si l'expérience est terminée (mêmes formes).", examples=[2014])

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        start, end = dating(self.debut).year, dating(self.fin).year
        if start is not None and end is not None and end < start:
            raise rule("fin", f"l'année de fin ({self.fin}) précède l'année de début ({self.debut})")
        return self
