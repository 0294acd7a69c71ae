"""The build date: SOURCE_DATE_EPOCH is set for mkdocs' build only, then put back."""

from __future__ import annotations

import os

import pytest

from banque.site import build_date as build_date_module
from banque.site.build_date import build_date


@pytest.mark.parametrize("before", [None, "1500000000"])
def test_build_date_is_set_for_the_build_then_put_back(monkeypatch, before):
    if before is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", before)
    with build_date("1700000000"):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert os.environ.get("SOURCE_DATE_EPOCH") == before


def test_build_date_is_put_back_after_a_failure(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with pytest.raises(RuntimeError), build_date("1700000000"):
        raise RuntimeError("échec de mkdocs")
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_build_day_is_the_epoch_as_a_utc_day(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1420675200")  # 2015-01-08T00:00:00Z
    assert build_date_module.build_day(tmp_path) == "2015-01-08"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1420675200 + 86399))
    assert build_date_module.build_day(tmp_path) == "2015-01-08"
