"""Territory pages: régions, scopes without région, former régions and the
index (site/pages/territories.py)."""

from __future__ import annotations

import copy

import pytest

from banque.sheets.policy import policy
from banque.sheets.territory import territories
from banque.sheets.text import fold, slugify
from banque.site.pages import territories as pages_of
from banque.site.pages.cards import experience_card
from banque.site.pages.page import Groups
from tests.site.small_bank import sheet

GRAND_EST, BRETAGNE = "44", "53"  # INSEE codes of two régions of the small bank


def by_path(result) -> dict:
    return {p.path: p for p in result}


def territory_pages(bank) -> dict:
    groups = Groups.of(bank.experiences)
    return by_path(pages_of.pages(groups, pages_of.region_list(groups), {"cfg": None}))


def test_a_region_s_page_is_named_after_it():
    assert pages_of.region_slug(GRAND_EST) == "grand-est"
    slugs = [pages_of.region_slug(code) for code in territories().regions]
    assert len(set(slugs)) == len(slugs)


def test_a_sheet_is_browsed_from_its_regions_or_its_scope(site_bank):
    assert pages_of.territory_links(sheet(site_bank, "atelier-partage-quartiers")) == [
        {"nom": "Grand Est", "page": "territoires/grand-est.md"}]
    national = policy().level.national
    assert pages_of.territory_links(sheet(site_bank, "essai-brouillon")) == [
        {"nom": policy().scopes[national], "page": f"territoires/{national}.md"}]


def test_the_region_list_counts_each_region_s_experiences_in_display_order(site_bank):
    groups = Groups.of(site_bank.experiences)
    regions = pages_of.region_list(groups)
    names = territories().regions
    # policy().regions (metropolitan then overseas, each alphabetically), then the other
    # collectivités by name: « Île de Clipperton » sorts as I, after « Corse » came first.
    others = sorted((c for c in names if c not in policy().regions), key=lambda c: fold(names[c]["nom"]))
    assert [r["code"] for r in regions] == [*policy().regions, *others]
    assert [r["nom"] for r in regions][:8] == ["Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne",
                                              "Centre-Val de Loire", "Corse", "Grand Est", "Hauts-de-France", "Île-de-France"]
    assert regions[len(policy().regions)]["nom"] == "Île de Clipperton"
    counts = {r["code"]: r["nombre"] for r in regions}
    assert counts == {code: sum(code in s.regions for s in site_bank.experiences) for code in territories().regions}
    assert counts[GRAND_EST] == 1 and regions[0]["page"] == f"territoires/{slugify(regions[0]['nom'])}.md"


def test_a_region_page_shows_its_departements_and_its_former_regions(site_bank):
    page = territory_pages(site_bank)["territoires/grand-est.md"]
    assert page.template == "region.md.j2"
    context = page.context
    assert (context["code"], context["nom"], context["nombre"]) == (GRAND_EST, "Grand Est", 1)
    assert context["anciennes"] == ["Alsace", "Champagne-Ardenne", "Lorraine"]
    assert [d["code"] for d in context["departements"]] == territories().departements_of_region(GRAND_EST)
    atelier = experience_card(sheet(site_bank, "atelier-partage-quartiers"))
    assert {d["code"]: d["experiences"] for d in context["departements"] if d["experiences"]} == {"67": [atelier]}
    assert context["regionales"] == []
    # The départements without experience, for one sentence rather than one empty heading each.
    ref = territories()
    assert context["sans_experience"] == [{"code": d, "nom": ref.departements[d]["nom"]}
                                          for d in ref.departements_of_region(GRAND_EST) if d != "67"]


def test_a_sheet_of_a_whole_region_is_listed_as_regional(site_bank):
    context = territory_pages(site_bank)["territoires/bretagne.md"].context
    assert context["regionales"] == [experience_card(sheet(site_bank, "mobilite-solidaire-bretagne"))]
    assert not any(d["experiences"] for d in context["departements"]) and context["anciennes"] == []


def test_each_scope_without_region_has_its_page(site_bank):
    found = territory_pages(site_bank)
    for scope, title in policy().scopes.items():
        page = found[f"territoires/{scope}.md"]
        assert (page.template, page.context["portee"], page.context["nom"]) == ("territoire_hors_region.md.j2", scope, title)
    national = found[f"territoires/{policy().level.national}.md"]
    assert national.context["experiences"] == [experience_card(sheet(site_bank, "essai-brouillon"))]


def test_a_former_region_leads_to_today_s_region(site_bank):
    found = territory_pages(site_bank)
    alsace = found["territoires/alsace.md"]
    assert alsace.template == "ancienne_region.md.j2"
    assert alsace.context | {"cfg": None} == {
        "cfg": None, "nom": "Alsace", "region_actuelle": "Grand Est", "page": "territoires/grand-est.md",
        "experiences": [experience_card(sheet(site_bank, "atelier-partage-quartiers"))]}
    assert len([p for p in found.values() if p.template == "ancienne_region.md.j2"]) == len(territories().former)


def test_a_former_region_with_today_s_name_has_no_page_of_its_own(site_bank, monkeypatch: pytest.MonkeyPatch):
    ref = copy.copy(territories())
    ref.former = {**ref.former, BRETAGNE: {"nom": "Bretagne", "region": BRETAGNE}}
    monkeypatch.setattr(pages_of, "territories", lambda: ref)
    found = territory_pages(site_bank)
    assert found["territoires/bretagne.md"].template == "region.md.j2"
    assert found["territoires/bretagne.md"].context["anciennes"] == []
    assert "Bretagne" not in [a["nom"] for a in found["territoires/index.md"].context["anciennes"]]


def test_the_index_lists_regions_scopes_and_former_regions(site_bank):
    groups = Groups.of(site_bank.experiences)
    regions = pages_of.region_list(groups)
    result = pages_of.pages(groups, regions, {"cfg": None})
    index = result[-1]
    assert (index.path, index.template) == ("territoires/index.md", "territoires.md.j2")
    assert index.context["regions"] is regions
    # Each scope's count under its level id, as the template reads it.
    assert {scope: index.context[scope] for scope in policy().scopes} == {
        scope: sum(s.scope == scope for s in site_bank.experiences) for scope in policy().scopes}
    listed = index.context["anciennes"]
    assert [a["nom"] for a in listed] == sorted((f["nom"] for f in territories().former.values()), key=slugify)
    assert {"nom": "Alsace", "region_actuelle": "Grand Est", "page": "territoires/grand-est.md"} in listed
