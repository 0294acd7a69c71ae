"""Experience cards: the short view of a sheet shown on every listing page."""

from __future__ import annotations

from banque.sheets.bank import Bank, Sheet
from banque.sheets.dating import since
from banque.sheets.models import Experience
from banque.sheets.vocabulary import vocabulary
from banque.site import related


def experience_card(sheet: Sheet[Experience]) -> dict:
    # The same card appears on many listing pages: built once per sheet.
    card = sheet.views.get("card")
    if card is None:
        card = sheet.views["card"] = _experience_card(sheet)
    return dict(card)


def _experience_card(sheet: Sheet[Experience]) -> dict:
    m = sheet.model
    return {
        "slug": sheet.slug,
        "titre": m.titre,
        "resume": m.resume,
        "page": f"experiences/{sheet.slug}.md",
        "lieux": ", ".join(p.libelle for p in sheet.places),
        "modeles": [vocabulary("modeles").label(u.modele) for u in m.modeles],
        "annee": since(m.periode.debut),  # « depuis 2008 », « depuis 2014 environ », « début inconnu »
    }


# How many cards a list page shows before it links to the explorer for the
# rest: a page stays under 150 KB at 5,000 sheets (bench/run.py measures it).
LIMIT = 50


class Cut(list[dict]):
    """The first cards of a list, with the size of the whole list (`total`) and
    the explorer filtered on it (`lien`, a docs path with its query), for the
    templates' link to see them all (_cartes.md.j2)."""

    def __init__(self, cards: list[dict], total: int, lien: str):
        super().__init__(cards)
        self.total = total
        self.lien = lien


def sorted_cards(sheets: list[Sheet[Experience]], explorer: str | None = None, limit: int | None = None) -> list[dict]:
    """The cards of `sheets` by title. With `explorer` (the explorer filtered on
    this list), only the first `limit` (LIMIT by default) and the way to the rest."""
    ordered = sorted(sheets, key=lambda s: (s.model.titre.lower(), s.slug))
    limit = LIMIT if limit is None else limit
    if explorer is None or len(ordered) <= limit:
        return [experience_card(s) for s in ordered]
    return Cut([experience_card(s) for s in ordered[:limit]], len(ordered), explorer)


def related_cards(bank: Bank) -> dict[str, list[dict]]:
    """slug → cards of its related experiences, each with why it is suggested."""
    by_slug = {s.slug: s for s in bank.experiences}
    suggestions = related.related(bank.experiences, {t.slug: t.model.titre for t in bank.outils})
    return {slug: [{**experience_card(by_slug[p.slug]), "pourquoi": p.pourquoi} for p in found]
            for slug, found in suggestions.items()}
