"""Dates that say how much is known: exact, approximate (« vers 2014 ») or
unknown start years, and the situation a sheet describes with its freshness."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from banque.sheets.dating import (
    APPROXIMATE,
    EXACT,
    NOT_KNOWN,
    Period,
    dating,
    is_stale,
    months_between,
    since,
    situation_day,
    situation_fr,
    span,
)
from banque.sheets.models import Experience, Tool
from banque.sheets.schema_export import render
from tests.sheets.samples import experience, experience_data, tool, tool_data


@pytest.mark.parametrize(("written", "year", "precision", "text"), [
    (2008, 2008, EXACT, "2008"),
    ("2008", 2008, EXACT, "2008"),
    ("vers 2014", 2014, APPROXIMATE, "vers 2014"),
    ("  vers   2014 ", 2014, APPROXIMATE, "vers 2014"),
    ("inconnu", None, NOT_KNOWN, "inconnu"),
])
def test_a_start_year_is_exact_approximate_or_unknown(written, year, precision, text):
    start = Period.model_validate({"debut": written}).debut
    assert dating(start).year == year and dating(start).precision == precision
    assert dating(start).text == text


@pytest.mark.parametrize("written", ["2014 ?", "vers", "environ 2014", "Inconnue", "deux mille", True, 1800, "vers 3000", 20.5])
def test_anything_else_is_refused_with_the_three_forms_named(written):
    with pytest.raises(ValidationError) as caught:
        Period.model_validate({"debut": written})
    message = caught.value.errors()[0]["msg"]
    assert ("vers 2014" in message and "inconnu" in message) or "hors des bornes" in message


def test_an_end_before_the_start_is_refused_only_when_both_years_are_known():
    with pytest.raises(ValidationError, match="précède"):
        Period.model_validate({"debut": "vers 2014", "fin": 2012})
    assert Period.model_validate({"debut": "inconnu", "fin": 2012}).fin == 2012
    assert Period.model_validate({"debut": 2012, "fin": "inconnu"}).fin == "inconnu"


def test_pages_say_the_period_without_inventing_a_year():
    assert since(2008) == "depuis 2008"
    assert since("vers 2014") == "depuis 2014 environ"
    assert since("inconnu") == "début inconnu"
    assert span(2008, 2014) == "2008 – 2014"
    assert span(2010, 2010) == "2010"
    assert span("inconnu", 2014) == "date inconnue – 2014"
    assert span("vers 2014", None) == "depuis 2014 environ"


def test_the_situation_is_a_month_or_a_day_and_says_itself_in_french():
    assert experience(situation="2015-01").situation == "2015-01"
    assert situation_fr("2015-01") == "janvier 2015"
    assert situation_fr("2015-01-08") == "8 janvier 2015"
    assert situation_fr("2015-03-01") == "1er mars 2015"
    assert situation_day("2015-01") == dt.date(2015, 1, 1)


@pytest.mark.parametrize("written", ["2015", "2015-13", "2015-02-30", "janvier 2015", "15-01"])
def test_a_malformed_situation_is_refused(written):
    with pytest.raises(ValidationError) as caught:
        experience(situation=written)
    assert caught.value.errors()[0]["loc"] == ("situation",)


@pytest.mark.parametrize("kind, data", [(Experience, experience_data), (Tool, tool_data)])
def test_both_kinds_of_sheet_must_date_their_situation(kind, data):
    values = data()
    del values["situation"]
    with pytest.raises(ValidationError) as caught:
        kind.model_validate(values)
    assert [e["loc"] for e in caught.value.errors()] == [("situation",)]
    assert tool().situation == "2015-01"


def test_a_situation_is_stale_beyond_the_freshness_period():
    today = dt.date(2017, 1, 31)
    assert months_between(dt.date(2015, 1, 1), today) == 24
    assert not is_stale("2015-01", today, 24)
    assert is_stale("2015-01", dt.date(2017, 2, 1), 24)
    assert is_stale("2015-01-08", dt.date(2026, 11, 27), 24)
    assert not is_stale("2026-11", dt.date(2026, 11, 27), 24)


def test_the_json_schema_offers_the_three_forms_and_the_situation_pattern():
    exported = json.loads(render("experiences"))
    debut = exported["$defs"]["Period"]["properties"]["debut"]
    assert {"type": "integer", "minimum": 1900, "maximum": 2100} in debut["anyOf"]
    assert any(b.get("pattern", "").startswith("^(vers") for b in debut["anyOf"])
    assert "situation" in exported["required"]
    assert exported["properties"]["situation"]["pattern"] == r"^\d{4}-\d{2}(-\d{2})?$"
