"""The bank's settings read from mkdocs.yml's `extra.banque` (site/settings.py)."""

from __future__ import annotations

import dataclasses

import pytest

from banque.site.build import mkdocs_settings
from banque.site.settings import SiteConfig
from tests.conftest import ROOT

BANQUE = {
    "comite_courriel": "comite@example.org",
    "edition_url": "https://forge.example/o/r/edit/main/",
    "licence": "CC BY 4.0",
    "licence_url": "https://licence.example/",
}


def test_settings_come_from_extra_banque_and_the_site_s_urls():
    cfg = SiteConfig.from_mkdocs({"site_url": "https://example.org/b/", "repo_url": "https://forge.example/o/r",
                                  "extra": {"banque": BANQUE, "generator": False}}, apercu=True)
    assert cfg == SiteConfig(**BANQUE, site_url="https://example.org/b/", apercu=True, repo_url="https://forge.example/o/r")


def test_urls_may_be_missing_or_empty():
    cfg = SiteConfig.from_mkdocs({"repo_url": None, "extra": {"banque": BANQUE}})
    assert (cfg.site_url, cfg.repo_url, cfg.apercu) == ("", "", False)


@pytest.mark.parametrize("missing", sorted(BANQUE))
def test_a_missing_setting_is_an_error(missing: str):
    with pytest.raises(KeyError, match=missing):
        SiteConfig.from_mkdocs({"extra": {"banque": {k: v for k, v in BANQUE.items() if k != missing}}})


def test_the_repository_s_mkdocs_yml_has_every_setting():
    settings = mkdocs_settings(ROOT)
    cfg = SiteConfig.from_mkdocs(settings)
    assert dataclasses.asdict(cfg) == {**settings["extra"]["banque"], "site_url": settings["site_url"],
                                       "repo_url": settings["repo_url"], "apercu": False, "build_day": None}
    assert cfg.edition_url.endswith("/") and cfg.site_url.endswith("/")  # both are prefixes


def test_settings_cannot_be_changed_once_read():
    cfg = SiteConfig.from_mkdocs({"extra": {"banque": BANQUE}})
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.apercu = True
