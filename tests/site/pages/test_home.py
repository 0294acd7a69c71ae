"""The home page's view: counts, featured and recently reviewed experiences,
ways in (site/pages/home.py)."""

from __future__ import annotations

import datetime as dt

from banque.sheets.bank import Bank
from banque.site.pages import home, territories
from banque.site.pages.cards import experience_card
from banque.site.pages.page import Groups
from banque.site.pages.vocabularies import TermLists
from tests.site.small_bank import edited, sheet


def home_page(bank: Bank):
    groups = Groups.of(bank.experiences)
    return home.page(bank, territories.region_list(groups), TermLists.of(groups), {"cfg": None})


def test_the_home_page_counts_sheets_and_regions_with_sheets(site_bank):
    page = home_page(site_bank)
    assert (page.path, page.template) == ("index.md", "accueil.md.j2")
    context = page.context
    assert (context["nombre_experiences"], context["nombre_outils"]) == (len(site_bank.experiences), len(site_bank.outils))
    with_sheets = sorted({r for s in site_bank.experiences for r in s.regions})
    assert sorted(r["code"] for r in context["regions"]) == with_sheets and context["nombre_regions"] == len(with_sheets)
    assert context["cfg"] is None


def test_ways_in_are_every_model_and_the_themes_with_sheets(site_bank):
    context = home_page(site_bank).context
    groups = Groups.of(site_bank.experiences)
    assert context["modeles"] == TermLists.of(groups).models  # even a model without sheet: it is a way to learn
    assert [t["id"] for t in context["themes"]] == [t["id"] for t in TermLists.of(groups).themes if t["id"] in groups.theme]


def test_featured_experiences_are_the_ones_marked_so(site_bank):
    assert home_page(site_bank).context["mises_en_avant"] == []
    featured = edited(sheet(site_bank, "fiche-exemplaire"), mise_en_avant=True)
    bank = Bank([sheet(site_bank, "atelier-partage-quartiers"), featured], site_bank.outils)
    assert home_page(bank).context["mises_en_avant"] == [experience_card(featured)]


def test_the_six_latest_reviews_come_first_with_their_french_date(site_bank):
    base = sheet(site_bank, "fiche-exemplaire")
    review = base.model.relecture
    sheets = [edited(base, slug=f"fiche-{i}", relecture=review.model_copy(update={"date": dt.date(2024, 1, 1 + i)}))
              for i in range(8)]
    unreviewed = sheet(site_bank, "cooperation-emploi-vallee")
    latest = home_page(Bank([*sheets, unreviewed])).context["dernieres"]
    assert [c["slug"] for c in latest] == [f"fiche-{i}" for i in range(7, 1, -1)]
    assert latest[0] == {**experience_card(sheets[7]), "relecture": "8 janvier 2024"}
    assert latest[-1]["relecture"] == "3 janvier 2024"
