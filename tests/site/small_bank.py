"""A small validated bank for the site's unit tests: the editorial test bank
(tests/committee/editorial/banque) and the site's fixture sheets
(tests/site/fixtures). Every status, a named, a public, a masked referent and
one still to identify, a sheet in a région and one at national scope, two tools."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache

from banque.sheets.bank import Bank, Sheet
from banque.sheets.check import validate
from banque.site.settings import SiteConfig
from tests.conftest import EDITORIAL, ROOT

FIXTURES = ROOT / "tests" / "site" / "fixtures" / "experiences"

CFG = SiteConfig(
    comite_courriel="comite@example.org",
    edition_url="https://forge.example/o/r/edit/main/",
    licence="CC BY 4.0",
    licence_url="https://licence.example/by/4.0/",
    site_url="https://example.org/banque/",
    build_day=dt.date(2021, 6, 1),  # the agreements of the test bank (2019, 2025) are current on that day
)


@cache
def small_bank() -> Bank:
    bank, _ = validate([EDITORIAL / "banque", FIXTURES])  # the invalid sheet is left out
    return bank


def sheet(bank: Bank, slug: str) -> Sheet:
    return next(s for s in [*bank.experiences, *bank.outils] if s.slug == slug)


def edited(s: Sheet, **update) -> Sheet:
    """A copy of a sheet whose model has other field values (not validated again)."""
    return dataclasses.replace(s, model=s.model.model_copy(update=update), views={})
