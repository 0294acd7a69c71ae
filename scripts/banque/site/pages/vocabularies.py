"""Pages of the vocabularies readers browse by: models, themes and actor types."""

from __future__ import annotations

from dataclasses import dataclass

from banque.sheets.vocabulary import vocabulary
from banque.site.explorer import explorer_link
from banque.site.pages.cards import sorted_cards
from banque.site.pages.page import Groups, Page


@dataclass(frozen=True)
class TermLists:
    """Each browsable term with its page and its number of experiences."""

    models: list[dict]
    themes: list[dict]
    actors: list[dict]

    @classmethod
    def of(cls, groups: Groups) -> TermLists:
        return cls(
            models=[{"id": t.id, "libelle": t.libelle, "definition": t.definition, "page": f"modeles/{t.id}.md",
                     "nombre": len(groups.model.get(t.id, []))} for t in vocabulary("modeles").terms],
            themes=[{"id": t.id, "libelle": t.libelle, "definition": t.definition, "page": f"themes/{t.id}.md",
                     "nombre": len(groups.theme.get(t.id, []))} for t in vocabulary("themes").terms],
            actors=[{"id": t.id, "libelle": t.pluriel, "page": f"acteurs/{t.id}.md",
                     "nombre": len(groups.actor.get(t.id, []))} for t in vocabulary("types_acteurs").terms],
        )


def _model_pages(groups: Groups, models: list[dict], common: dict) -> list[Page]:
    terms = vocabulary("modeles").by_id
    result = [Page(t["page"], "modele.md.j2", {**common, "m": t, "extrait": terms[t["id"]].extrait, "passage": terms[t["id"]].passage,
                                               "experiences": sorted_cards(groups.model.get(t["id"], []), explorer_link(modele=t["id"]))})
              for t in models]
    return [*result, Page("modeles/index.md", "modeles.md.j2", {**common, "modeles": models})]


def _theme_pages(groups: Groups, themes: list[dict], common: dict) -> list[Page]:
    result = [Page(t["page"], "theme.md.j2", {**common, "t": t, "experiences": sorted_cards(groups.theme.get(t["id"], []), explorer_link(theme=t["id"]))})
              for t in themes]
    return [*result, Page("themes/index.md", "themes.md.j2", {**common, "themes": themes})]


def _actor_pages(groups: Groups, actors: list[dict], common: dict) -> list[Page]:
    result = [Page(t["page"], "acteur.md.j2", {**common, "a": t, "experiences": sorted_cards(groups.actor.get(t["id"], []), explorer_link(acteur=t["id"]))})
              for t in actors]
    return [*result, Page("acteurs/index.md", "acteurs.md.j2", {**common, "acteurs": actors})]


def pages(groups: Groups, terms: TermLists, common: dict) -> list[Page]:
    return [*_model_pages(groups, terms.models, common), *_theme_pages(groups, terms.themes, common),
            *_actor_pages(groups, terms.actors, common)]
