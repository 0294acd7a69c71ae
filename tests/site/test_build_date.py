"""The build date: SOURCE_DATE_EPOCH is set for mkdocs' build only, then put back."""

from __future__ import annotations

import os

import pytest

from banque.site.build_date import build_date, build_day


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


def test_the_build_day_is_the_epoch_s_day_in_utc():
    import datetime as dt

    assert build_day("1420675200") == dt.date(2015, 1, 8)  # the pioneers' meeting, 00:00 UTC
    assert build_day("1420761599") == dt.date(2015, 1, 8)  # 23:59:59 UTC the same day
