"""Fixtures of the site's unit tests: the small bank and its settings (small_bank.py)."""

from __future__ import annotations

import pytest

from banque.sheets.bank import Bank
from banque.site.settings import SiteConfig
from tests.site.small_bank import CFG, small_bank


@pytest.fixture
def site_bank() -> Bank:
    return small_bank()


@pytest.fixture
def site_cfg() -> SiteConfig:
    return CFG
