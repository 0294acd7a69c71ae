"""Experience cards, the short view on every listing page (site/pages/cards.py)."""

from __future__ import annotations

import re

from banque.sheets.vocabulary import vocabulary
from banque.site import related
from banque.site.pages.cards import Cut, experience_card, related_cards, sorted_cards
from tests.site.small_bank import edited, sheet


def test_a_card_shows_what_a_listing_needs(site_bank):
    s = sheet(site_bank, "atelier-partage-quartiers")
    assert experience_card(s) == {
        "slug": "atelier-partage-quartiers",
        "titre": s.model.titre,
        "resume": s.model.resume,
        "page": "experiences/atelier-partage-quartiers.md",
        "lieux": "Strasbourg, Grand Est",
        "modeles": [vocabulary("modeles").label("mecenat")],
        "annee": "depuis 2016",
    }


def test_a_card_is_built_once_and_handed_out_as_a_copy(site_bank):
    s = edited(sheet(site_bank, "fiche-exemplaire"))
    card = experience_card(s)
    card["titre"] = "changé par une page"
    assert experience_card(s)["titre"] == s.model.titre  # the next page gets the card as built
    s.views["card"]["titre"] = "carte gardée"
    assert experience_card(s)["titre"] == "carte gardée"  # not built again


def test_cards_are_sorted_by_title_whatever_its_case_then_by_slug(site_bank):
    base = sheet(site_bank, "fiche-exemplaire")
    sheets = [edited(base, slug=slug, titre=title) for slug, title in
              [("c", "beta"), ("b", "Alpha"), ("a", "alpha"), ("d", "Gamma")]]
    assert [c["slug"] for c in sorted_cards(sheets)] == ["a", "b", "c", "d"]


def test_related_cards_are_the_related_sheets_with_why(site_bank):
    found = related.related(site_bank.experiences, {t.slug: t.model.titre for t in site_bank.outils})
    cards = related_cards(site_bank)
    assert set(cards) == set(found) and any(cards.values())
    for slug, suggestions in found.items():
        assert cards[slug] == [{**experience_card(sheet(site_bank, p.slug)), "pourquoi": p.pourquoi} for p in suggestions]
        assert slug not in [c["slug"] for c in cards[slug]]


def test_a_long_list_shows_its_first_cards_and_the_way_to_the_rest(site_bank):
    base = sheet(site_bank, "fiche-exemplaire")
    sheets = [edited(base, slug=f"s{i:02d}", titre=f"Titre {i:02d}") for i in range(7)]
    cut = sorted_cards(sheets, "explorer.md?theme=x", limit=3)
    assert isinstance(cut, Cut) and [c["slug"] for c in cut] == ["s00", "s01", "s02"]
    assert cut.total == 7 and cut.lien == "explorer.md?theme=x"
    whole = sorted_cards(sheets, "explorer.md?theme=x", limit=7)
    assert not isinstance(whole, Cut) and len(whole) == 7
    assert len(sorted_cards(sheets)) == 7  # no explorer to send the rest to: no cut


def test_every_list_page_is_cut_at_scale(tmp_path, monkeypatch):
    """300 generated sheets and a lowered limit: every list page shows that many
    cards, says how many there are, and links to the explorer filtered on it."""
    from bench.generate import generate

    from banque.paths import TEMPLATES
    from banque.sheets.check import validate
    from banque.sheets.templating import environment
    from banque.site.pages import cards, pages, territories
    from banque.site.render import render_page
    from tests.site.small_bank import CFG

    generate(300, tmp_path, seed=1)
    bank, _ = validate([tmp_path], tmp_path)
    monkeypatch.setattr(cards, "LIMIT", 5)
    monkeypatch.setattr(territories, "DEPARTEMENT_LIMIT", 2)
    monkeypatch.setattr(territories, "REGION_WIDE_LIMIT", 3)
    env = environment(TEMPLATES)
    lists = [p for p in pages(bank, CFG) if p.template in (
        "theme.md.j2", "acteur.md.j2", "modele.md.j2", "territoire_hors_region.md.j2", "ancienne_region.md.j2")]
    assert len(lists) > 20
    cut_pages = 0
    for page in lists:
        text = render_page(env, page)
        shown = text.count('<div class="carte-fiche"')
        assert shown <= 5, page.path
        if "Voir les " in text:
            cut_pages += 1
            assert shown == 5
            total = int(re.search(r"Voir les (\d+) expériences dans l'explorateur\]\(([^)]+)\)", text).group(1))
            link = re.search(r"Voir les \d+ expériences dans l'explorateur\]\(([^)]+)\)", text).group(1)
            assert total > 5 and "explorer.md?" in link
    assert cut_pages > 10
    region = next(p for p in pages(bank, CFG) if p.template == "region.md.j2" and p.context["nombre"] > 20)
    text = render_page(env, region)
    assert text.count('<div class="carte-fiche"') <= 2 * len(region.context["departements"]) + 3
    assert "explorer.md?departement=" in text
