"""The form's answers mapped onto the schema: labels become ids, lines become lists."""

from __future__ import annotations

import pytest

from banque.committee.importer import answers
from banque.committee.importer.draft import Draft
from banque.sheets.models import TO_IDENTIFY
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError


@pytest.mark.parametrize(("name", "text", "expected"), [
    ("natures", "Partenariat multi-acteurs", "partenariat_multilateral"),
    ("natures", "partenariat_multilateral", "partenariat_multilateral"),
    ("types_acteurs", "État", "etat"),
    ("types_acteurs", "Collectivités territoriales", "collectivite"),
    ("themes", "economie sociale et solidaire", "economie-sociale-solidaire"),
    ("roles", "Mécène", None),
])
def test_vocabulary_labels_and_ids_are_accepted(name: str, text: str, expected: str | None):
    assert answers.lookup(name, text) == expected


def _form(**blocks: str) -> str:
    labels = {"titre": "Titre de l'expérience", "acteurs": "Acteurs", "indicateurs": "Indicateurs d'impact",
              "sources": "Sources", "debut": "Année de début", "fin": "Année de fin", "themes": "Thèmes",
              "nom": "Référent : prénom et nom", "fonction": "Référent : fonction",
              "consentement": "Consentement du référent", "date": "Consentement : date (AAAA-MM-JJ)"}
    return "\n".join(f"### {labels[key]}\n\n{value}\n" for key, value in blocks.items())


def _codes(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in problems]


def _draft(**blocks: str) -> Draft:
    draft = Draft()
    answers.from_form(_form(**blocks), draft)
    return draft


def test_rows_become_actors_indicators_and_sources():
    draft = _draft(acteurs="- Mairie ; Collectivité territoriale ; Financeur\n2. Asso ; association ; porteur",
                   indicateurs="Bénéficiaires ; 120 ; 2023",
                   sources="Rapport ; 2024-01-31 ; https://exemple.fr/r ; Ville ; p. 3")
    assert draft.errors == []
    assert draft.data["acteurs"] == [{"nom": "Mairie", "type": "collectivite", "role": "financeur"},
                                     {"nom": "Asso", "type": "association", "role": "porteur"}]
    assert draft.data["indicateurs"] == [{"libelle": "Bénéficiaires", "valeur": "120", "annee": 2023}]
    assert draft.data["sources"] == [{"titre": "Rapport", "date": "2024-01-31", "url": "https://exemple.fr/r",
                                      "auteur": "Ville", "passage": "p. 3"}]


def test_wrong_rows_and_years_are_explained_per_field():
    draft = _draft(acteurs="Mairie ; collectivité", indicateurs="Bénéficiaires ; 120 ; l'an dernier",
                   debut="2012", fin="bientôt", themes="Emploi et insertion, Cuisine")
    assert "acteurs" not in draft.data and "indicateurs" not in draft.data and "periode" not in draft.data
    assert [(p.field, p.code) for p in draft.errors] == [
        ("Thèmes", "proposition-valeur-inconnue"),
        ("Acteurs", "proposition-acteur-format"),
        ("Année de fin", "proposition-annee-invalide"),
        ("Indicateurs d'impact", "proposition-indicateur-format"),
    ]
    assert draft.errors[0].message == f"« Cuisine » inconnu (valeurs : {answers._choices('themes')})"
    assert "« Mairie ; collectivité »" in draft.errors[1].message and "« bientôt »" in draft.errors[2].message


def test_a_named_referent_is_reached_through_the_committee():
    draft = _draft(nom="Camille Exemple", fonction="Directrice",
                   consentement="- [x] Le référent accepte d'être cité", date="2025-02-15")
    assert draft.data["referent"] == {"nom": "Camille Exemple", "fonction": "Directrice",
                                      "contact": policy().contact.via_committee,
                                      "consentement": {"date": "2025-02-15",
                                                       "portee": policy().consent_scope.via_committee,
                                                       "reponse": policy().consent_answer.agreed}}


def test_consent_needs_a_name_and_a_ticked_box():
    assert _codes(_draft(consentement="- [x] oui").errors) == [
        ("Consentement du référent", "proposition-consentement-sans-referent")]
    assert _draft(titre="T").data["referent"] == TO_IDENTIFY
    assert _codes(_draft(nom="Camille Exemple", date="2025-02-15").errors) == [
        ("Consentement du référent", "proposition-consentement-non-coche")]


def test_a_role_without_a_name_leaves_the_referent_to_identify():
    draft = _draft(fonction="Directrice")
    assert draft.data["referent"] == TO_IDENTIFY and draft.errors == []
    [note] = draft.notes
    assert note.code == "proposition-referent-a-identifier" and f"« {TO_IDENTIFY} »" in note.message


def test_text_with_no_label_of_the_form_is_rejected():
    with pytest.raises(ProblemsError) as caught:
        answers.from_form("Bonjour, voici mon expérience.", Draft())
    assert [p.code for p in caught.value.problems] == ["proposition-non-reconnue"]
