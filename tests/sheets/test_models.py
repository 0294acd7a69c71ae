"""The models of both kinds of sheet: what a sheet must hold, and the rules
between its fields (each test changes one thing in a valid sheet)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from banque.sheets.models import (
    KINDS,
    TO_IDENTIFY,
    Consent,
    Editorial,
    Experience,
    Indicator,
    Period,
    Referent,
    Source,
    TerritoryRef,
    Tool,
    submodel,
)
from banque.sheets.policy import policy
from tests.sheets.samples import experience, experience_data, reviewed, tool, tool_data

LEVEL = policy().level
CONTACT = policy().contact
SCOPE = policy().consent_scope
ANSWER = policy().consent_answer
STATUS = policy().status


def _located(error: dict) -> tuple:
    # A broken rule is raised by the model, and names its field in its context.
    if error["type"] == "regle":
        return error["loc"] + tuple(error["ctx"]["champ"].split("."))
    return error["loc"]


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple, str]]:
    """(type, location, message) of each error."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["type"], _located(e), e["msg"]) for e in caught.value.errors()]


def only_error(model: type[BaseModel], data: dict[str, Any]) -> tuple[str, tuple, str]:
    [error] = errors(model, data)
    return error


# -- what every sheet is ----------------------------------------------------------------------


def test_samples_are_valid_drafts_with_the_defaults_of_the_rules():
    sheet = experience()
    assert sheet.statut == STATUS.draft and sheet.relecture is None and sheet.mise_en_avant is False
    assert sheet.indicateurs == [] and sheet.outils == []
    assert isinstance(sheet.referent, Referent) and sheet.referent.contact == CONTACT.via_committee
    assert tool().url is None and tool().statut == STATUS.draft


def test_kinds_name_the_folders_of_the_content():
    assert KINDS == {"experiences": Experience, "outils": Tool}
    assert all(issubclass(model, Editorial) for model in KINDS.values())


def test_editorial_fields_come_after_the_fields_of_the_kind():
    for model in KINDS.values():
        names = list(model.model_fields)
        assert names[:2] == ["slug", "titre"]
        assert names[-len(Editorial.model_fields):] == list(Editorial.model_fields)


def test_unknown_key_is_refused():
    assert only_error(Experience, experience_data(auteur="x"))[:2] == ("extra_forbidden", ("auteur",))


def test_values_are_not_converted_silently():
    assert only_error(Experience, experience_data(titre=12345))[:2] == ("string_type", ("titre",))
    assert only_error(Experience, experience_data(mise_en_avant="oui"))[:2] == ("bool_type", ("mise_en_avant",))


def test_a_validated_sheet_cannot_be_changed():
    sheet = experience()
    with pytest.raises(ValidationError, match="frozen"):
        sheet.titre = "Un autre titre"


def test_missing_required_fields_are_each_reported():
    data = experience_data()
    del data["titre"], data["sources"]
    assert {(t, loc) for t, loc, _ in errors(Experience, data)} == {("missing", ("titre",)), ("missing", ("sources",))}


# -- territories -------------------------------------------------------------------------


def test_national_territory_has_no_code():
    assert TerritoryRef.model_validate({"niveau": LEVEL.national}).codes == []
    kind, loc, message = only_error(TerritoryRef, {"niveau": LEVEL.national, "codes": ["75"]})
    assert (kind, loc) == ("regle", ("codes",)) and "écrivez « codes: [] »" in message


@pytest.mark.parametrize("level", ["commune", "departement", "region", "epci", "arrondissement"])
def test_other_levels_but_international_need_a_code(level: str):
    niveau = getattr(LEVEL, level)
    kind, loc, message = only_error(TerritoryRef, {"niveau": niveau, "codes": []})
    assert (kind, loc) == ("regle", ("codes",)) and f"pour le niveau « {niveau} »" in message


def test_international_may_go_without_code():
    assert TerritoryRef.model_validate({"niveau": LEVEL.international}).codes == []


def test_codes_are_text_and_unique():
    assert TerritoryRef.model_validate({"niveau": LEVEL.departement, "codes": [67, "2A"]}).codes == ["67", "2A"]
    kind, loc, message = only_error(TerritoryRef, {"niveau": LEVEL.departement, "codes": ["67", 67]})
    assert kind == "value_error" and "« 67 » apparaît deux fois" in message


# -- periods and indicators ------------------------------------------------------------------


def test_period_ends_after_it_starts():
    assert Period.model_validate({"debut": 2010, "fin": 2010}).fin == 2010
    kind, loc, message = only_error(Period, {"debut": 2015, "fin": 2012})
    assert (kind, loc) == ("regle", ("fin",))
    assert message == "l'année de fin (2012) précède l'année de début (2015)"


@pytest.mark.parametrize(("value", "text"), [(58, "58"), (23.2, "23.2"), ("60 à 70 ETP", "60 à 70 ETP")])
def test_indicator_value_is_kept_as_text(value: Any, text: str):
    assert Indicator.model_validate({"libelle": "Partenaires", "valeur": value, "annee": 2015}).valeur == text


def test_indicator_value_true_is_not_a_number():
    assert only_error(Indicator, {"libelle": "Partenaires", "valeur": True, "annee": 2015})[:2] == ("string_type", ("valeur",))


def test_source_date_is_read_as_a_date():
    assert str(Source.model_validate({"titre": "Compte rendu", "date": "2015-01-08"}).date) == "2015-01-08"
    assert "n'existe pas" in only_error(Source, {"titre": "Compte rendu", "date": "2015-02-30"})[2]


# -- referents and their addresses -------------------------------------------------------


def referent(**changes: Any) -> dict[str, Any]:
    return {"nom": "Camille Exemple", "fonction": "Coordinatrice", "organisation": "Association de test", **changes}


def test_public_referent_has_a_functional_address():
    ref = Referent.model_validate(referent(contact=CONTACT.public, courriel="contact@asso-exemple.org"))
    assert ref.courriel == "contact@asso-exemple.org"


@pytest.mark.parametrize(("changes", "words"), [
    ({"contact": "public"}, "indiquez l'adresse fonctionnelle"),
    ({"courriel": "contact@asso-exemple.org"}, "n'est enregistrée qu'avec « contact: public »"),
    ({"contact": "masque", "courriel": "contact@asso-exemple.org"}, "n'est enregistrée qu'avec « contact: public »"),
    ({"contact": "public", "courriel": "contact@gmail.com"}, "« gmail.com » est une messagerie personnelle"),
    ({"contact": "public", "courriel": "asso@yahoo.co.uk"}, "« yahoo.co.uk » est une messagerie personnelle"),
    ({"contact": "public", "courriel": "camille.exemple@asso-exemple.org"}, "formée du nom du référent"),
    ({"contact": "public", "courriel": "cexemple@asso-exemple.org"}, "formée du nom du référent"),
])
def test_address_follows_the_contact_mode_and_is_never_personal(changes: dict[str, str], words: str):
    kind, loc, message = only_error(Referent, referent(**changes))
    assert (kind, loc) == ("regle", ("courriel",)) and words in message


def test_consent_says_when_and_how():
    consent = Consent.model_validate({"date": "2025-03-01", "moyen": "courriel au comité", "portee": SCOPE.name_only,
                                      "reponse": ANSWER.agreed})
    assert (str(consent.date), consent.moyen, consent.portee) == ("2025-03-01", "courriel au comité", SCOPE.name_only)
    assert {loc for _, loc, _ in errors(Consent, {"date": "2025"})} == {("date",), ("moyen",), ("reponse",)}
    refusal = Consent.model_validate({"date": "2026-03-03", "moyen": "courriel", "reponse": ANSWER.refused})
    assert refusal.portee is None
    [(kind, loc, message)] = errors(Consent, {"date": "2026-03-03", "moyen": "courriel", "reponse": ANSWER.agreed})
    assert (kind, loc) == ("regle", ("portee",)) and "ajoutez « portee »" in message


def test_referent_may_be_left_to_identify_on_a_draft():
    assert experience(referent=TO_IDENTIFY).referent == TO_IDENTIFY


def test_referent_text_other_than_to_identify_is_refused():
    kind, loc, _ = only_error(Experience, experience_data(referent="Camille Exemple"))
    assert kind == "literal_error" and loc[0] == "referent"


# -- publication --------------------------------------------------------------------------


def test_published_sheet_with_review_and_consent_is_valid():
    assert experience(**reviewed()).statut == STATUS.published
    assert tool(**reviewed()).statut == STATUS.published


@pytest.mark.parametrize("build", [experience_data, tool_data])
def test_published_sheet_was_reviewed(build):
    data = build(statut=STATUS.published)
    model = Experience if build is experience_data else Tool
    kind, loc, message = only_error(model, data)
    assert (kind, loc) == ("regle", ("relecture",)) and "relecture par le comité" in message


def test_published_experience_names_its_referent():
    kind, loc, message = only_error(Experience, experience_data(**reviewed(referent=TO_IDENTIFY)))
    assert (kind, loc) == ("regle", ("referent",)) and "personnes_citees" in message


def test_published_experience_needs_a_recorded_answer_or_a_cited_person():
    data = experience_data(**reviewed())
    del data["referent"]["consentement"]
    kind, loc, message = only_error(Experience, data)
    assert (kind, loc) == ("regle", ("referent",)) and "réponse est enregistrée" in message
    cited = {"nom": "Laurent Cenne", "fonction": "co-gérant", "organisation": "Lavéo", "date_fonction": "2015-01",
             "occasion": "rencontre du 8 janvier 2015", "source": "compte rendu publié"}
    assert experience(**reviewed(referent=TO_IDENTIFY, personnes_citees=[cited])).personnes_citees[0].nom == "Laurent Cenne"


def test_draft_needs_neither_review_nor_consent():
    data = experience_data()
    del data["referent"]["consentement"]
    ref = Experience.model_validate(data).referent
    assert isinstance(ref, Referent) and ref.consentement is None


# -- lists without repeats ----------------------------------------------------------------------


@pytest.mark.parametrize(("field", "values"), [
    ("themes", ["emploi-insertion", "logement", "emploi-insertion"]),
    ("outils", ["resolis", "resolis"]),
    ("modeles", [{"modele": "cooperation_economique", "justification": "Une première justification."},
                 {"modele": "cooperation_economique", "justification": "Une autre justification."}]),
])
def test_a_value_listed_twice_is_refused(field: str, values: list):
    kind, loc, message = only_error(Experience, experience_data(**{field: values}))
    assert (kind, loc[0]) == ("value_error", field) and "apparaît deux fois" in message


def test_tool_publics_are_unique():
    assert "« association » apparaît deux fois" in only_error(Tool, tool_data(publics=["association", "association"]))[2]


# -- walking the schema ---------------------------------------------------------------------


def test_submodel_finds_the_model_a_field_holds():
    fields = Experience.model_fields
    assert submodel(fields["periode"].annotation) is Period
    assert submodel(fields["sources"].annotation) is Source
    assert submodel(fields["referent"].annotation) is Referent
    assert submodel(Referent.model_fields["consentement"].annotation) is Consent
    assert submodel(fields["titre"].annotation) is None
    assert submodel(fields["themes"].annotation) is None
