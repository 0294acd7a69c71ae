"""The home page: counts, featured and recently reviewed experiences, ways in."""

from __future__ import annotations

from banque.sheets.bank import Bank
from banque.sheets.templating import date_fr
from banque.site import france_map
from banque.site.pages.cards import experience_card
from banque.site.pages.page import Page
from banque.site.pages.vocabularies import TermLists


def page(bank: Bank, regions: list[dict], terms: TermLists, common: dict) -> Page:
    exps = bank.experiences
    reviewed = sorted(((s, s.model.relecture.date) for s in exps if s.model.relecture), key=lambda r: (r[1], r[0].slug), reverse=True)
    with_sheets = [r for r in regions if r["nombre"]]
    return Page("index.md", "accueil.md.j2", {
        **common,
        "nombre_experiences": len(exps),
        "nombre_outils": len(bank.outils),
        "nombre_regions": len(with_sheets),
        "mises_en_avant": [experience_card(s) for s in exps if s.model.mise_en_avant],
        "dernieres": [dict(experience_card(s), relecture=date_fr(date)) for s, date in reviewed[:6]],
        "regions": with_sheets,
        "carte_regions": france_map.regions_map(regions, "index.md"),
        "modeles": terms.models,
        "themes": [t for t in terms.themes if t["nombre"]],
    })
