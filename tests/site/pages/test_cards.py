"""Experience cards, the short view on every listing page (site/pages/cards.py)."""

from __future__ import annotations

from banque.sheets.vocabulary import vocabulary
from banque.site import related
from banque.site.pages.cards import experience_card, related_cards, sorted_cards
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
