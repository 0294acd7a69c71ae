"""pydantic's errors become problems by code, through the table's pydantic section."""

from __future__ import annotations

import pytest

from banque.sheets.messages import ANY, PARAMETERS, code_of, translate
from banque.sheets.models import Experience, Tool
from banque.sheets.problem import problem, table


def _pydantic_codes() -> set[str]:
    found = set()
    for entry in table().pydantic.values():
        found |= set(entry.values()) if isinstance(entry, dict) else {entry}
    return found


def test_pydantic_codes_exist_and_name_only_computable_parameters():
    codes = table().problems
    assert ANY in table().pydantic
    for code in _pydantic_codes():
        assert code in codes, code
        assert codes[code].parameters <= set(PARAMETERS), (code, codes[code].parameters - set(PARAMETERS))


@pytest.mark.parametrize(("kind", "name", "code"), [
    ("string_pattern_mismatch", "courriel", "courriel-invalide"),
    ("string_pattern_mismatch", "outils", "identifiant-invalide"),
    ("string_pattern_mismatch", "titre", "valeur-mal-formee"),
    ("missing", "titre", "champ-manquant"),
    ("une_erreur_inconnue", "titre", "valeur-refusee"),
])
def test_code_depends_on_the_error_type_and_sometimes_the_field(kind: str, name: str, code: str):
    assert code_of(kind, name) == code


def test_unknown_field_offers_the_closest_allowed_name():
    err = {"type": "extra_forbidden", "loc": ("referent", "fonctoin"), "msg": "Extra inputs are not permitted", "input": "x"}
    code, params = translate(err, "referent.fonctoin", Experience, ("referent", "fonctoin"))
    assert code == "champ-inconnu" and params["suggestion"] == "Vouliez-vous dire « fonction » ? "
    assert "organisation" in params["champs"].split(", ")


def test_unknown_field_where_no_field_is_known_is_to_remove():
    err = {"type": "extra_forbidden", "loc": ("x", "y"), "msg": "Extra inputs are not permitted", "input": 1}
    assert translate(err, "x.y", Tool, ("x", "y")) == ("champ-inconnu-a-retirer", {})


def test_value_outside_a_list_names_the_choices_and_the_closest():
    err = {"type": "literal_error", "loc": ("statut",), "msg": "", "input": "publiée",
           "ctx": {"expected": "'brouillon', 'en_relecture', 'publiee' or 'archivee'"}}
    code, params = translate(err, "statut", Tool, ("statut",))
    p = problem(code, "x.md", 3, "statut", **params)
    assert (p.code, params["valeur"]) == ("valeur-inconnue", "« publiée »")
    assert params["options"] == "brouillon, en_relecture, publiee, archivee"
    assert params["suggestion"] == "Vouliez-vous dire « publiee » ? "


@pytest.mark.parametrize(("value", "shown"), [([1], "une liste"), ({"a": 1}, "un groupe de champs"), (7, "« 7 »")])
def test_values_are_shown_in_french(value, shown: str):
    err = {"type": "string_type", "loc": ("titre",), "msg": "", "input": value}
    assert translate(err, "titre", Tool, ("titre",)) == ("texte-attendu", {"valeur": shown})


def test_a_rule_of_the_schema_keeps_its_own_text():
    err = {"type": "value_error", "loc": ("titre",), "msg": "Value error, texte vide", "input": " "}
    assert translate(err, "titre", Tool, ("titre",)) == ("valeur-invalide", {"detail": "texte vide"})
