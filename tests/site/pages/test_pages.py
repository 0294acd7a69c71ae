"""Every page of the site, each a template and its view (site/pages/__init__.py)."""

from __future__ import annotations

from collections import Counter

from banque.paths import TEMPLATES
from banque.site.pages import pages
from banque.site.pages.page import Groups
from banque.site.pages.territories import region_list
from banque.site.pages.vocabularies import TermLists


def test_every_page_has_one_path_and_an_existing_template(site_bank, site_cfg):
    result = pages(site_bank.visible(), site_cfg)
    assert [path for path, n in Counter(p.path for p in result).items() if n > 1] == []
    assert all(p.path.endswith(".md") for p in result)
    missing = {p.template for p in result} - {t.name for t in TEMPLATES.glob("*.j2")}
    assert not missing


def test_the_home_page_comes_first_and_every_page_knows_the_settings(site_bank, site_cfg):
    result = pages(site_bank, site_cfg)
    assert result[0].path == "index.md"
    assert all(p.context["cfg"] is site_cfg for p in result)


def test_the_pages_show_the_bank_they_are_given(site_bank, site_cfg):
    bank = site_bank.visible()
    paths = {p.path for p in pages(bank, site_cfg)}
    assert {f"experiences/{s.slug}.md" for s in site_bank.experiences} & paths == {f"experiences/{s.slug}.md" for s in bank.experiences}
    assert {f"outils/{s.slug}.md" for s in bank.outils} <= paths


def test_the_listing_pages_share_one_grouping_of_the_bank(site_bank, site_cfg):
    groups = Groups.of(site_bank.experiences)
    found = {p.path: p.context for p in pages(site_bank, site_cfg)}
    assert found["index.md"]["modeles"] == found["a-propos/index.md"]["modeles"] == TermLists.of(groups).models
    assert found["territoires/index.md"]["regions"] == region_list(groups)
    assert found["index.md"]["regions"] == [r for r in region_list(groups) if r["nombre"]]
