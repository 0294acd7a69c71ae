"""Pages of the vocabularies readers browse by: models, themes, actor types
(site/pages/vocabularies.py)."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from banque.sheets.vocabulary import vocabulary
from banque.site.pages import vocabularies
from banque.site.pages.cards import sorted_cards
from banque.site.pages.page import Groups


class Family(NamedTuple):
    terms: str  # field of TermLists
    group: str  # field of Groups
    vocabulary: str
    folder: str
    template: str  # of a term's page
    key: str  # the term in its page's context
    index: str  # template of the family's index


FAMILIES = [
    Family("models", "model", "modeles", "modeles", "modele.md.j2", "m", "modeles.md.j2"),
    Family("themes", "theme", "themes", "themes", "theme.md.j2", "t", "themes.md.j2"),
    Family("actors", "actor", "types_acteurs", "acteurs", "acteur.md.j2", "a", "acteurs.md.j2"),
]


@pytest.fixture
def groups(site_bank) -> Groups:
    return Groups.of(site_bank.experiences)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.folder)
def test_every_term_is_listed_with_its_page_and_count(groups, family: Family):
    terms = getattr(vocabularies.TermLists.of(groups), family.terms)
    grouped = getattr(groups, family.group)
    vocab = vocabulary(family.vocabulary).terms
    assert [t["id"] for t in terms] == [t.id for t in vocab]
    assert [t["page"] for t in terms] == [f"{family.folder}/{t.id.replace('_', '-')}.md" for t in vocab]
    assert [t["nombre"] for t in terms] == [len(grouped.get(t.id, [])) for t in vocab]
    assert sum(t["nombre"] for t in terms) > 0


def test_models_and_themes_keep_their_definition_and_actor_types_their_plural(groups):
    terms = vocabularies.TermLists.of(groups)
    model = vocabulary("modeles").terms[0]
    assert {k: v for k, v in terms.models[0].items() if k != "nombre"} == {
        "id": model.id, "libelle": model.libelle, "definition": model.definition, "page": f"modeles/{model.id}.md"}
    assert [t["definition"] for t in terms.themes] == [t.definition for t in vocabulary("themes").terms]
    # Readable addresses: hyphens, never the ids' underscores (issue 12).
    pages = [t["page"] for t in terms.models + terms.themes + terms.actors]
    assert "modeles/pratiques-responsables.md" in pages
    assert not [p for p in pages if "_" in p]
    assert [t["libelle"] for t in terms.actors] == [t.pluriel for t in vocabulary("types_acteurs").terms]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.folder)
def test_each_term_has_its_page_then_the_family_s_index(groups, family: Family):
    terms = vocabularies.TermLists.of(groups)
    found = [p for p in vocabularies.pages(groups, terms, {"cfg": None}) if p.path.startswith(f"{family.folder}/")]
    listed = getattr(terms, family.terms)
    grouped = getattr(groups, family.group)
    assert [p.path for p in found] == [t["page"] for t in listed] + [f"{family.folder}/index.md"]
    assert {p.template for p in found[:-1]} == {family.template} and found[-1].template == family.index
    for page, term in zip(found, listed, strict=False):
        assert page.context[family.key] is term and page.context["cfg"] is None
        assert page.context["experiences"] == sorted_cards(grouped.get(term["id"], []))
    assert found[-1].context[family.folder] is listed


def test_a_model_s_page_carries_its_extract(groups):
    terms = vocabularies.TermLists.of(groups)
    pages = [p for p in vocabularies.pages(groups, terms, {}) if p.template == "modele.md.j2"]
    assert [p.context["extrait"] for p in pages] == [t.extrait for t in vocabulary("modeles").terms]
