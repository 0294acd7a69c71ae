"""Territories typed by a correspondent, resolved to levels and official codes."""

from __future__ import annotations

import pytest

from banque.committee.importer import territory
from banque.committee.importer.draft import Draft
from banque.sheets.problem import Problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Denis (93066)", ("commune", "93066")),
        ("Paris 19e (75119)", ("arrondissement_municipal", "75119")),
        ("département 93", ("departement", "93")),
        ("Région : 93", ("region", "93")),
        ("2A", ("departement", "2A")),
        ("Île-de-France", ("region", "11")),
        ("Alsace", ("region", "Alsace")),
        ("Eurométropole de Strasbourg (246700488)", ("epci", "246700488")),
        ("France entière", ("national", None)),
        ("Belgique (BE)", ("international", "BE")),
        ("toute la France", ("national", None)),
        ("International", ("international", None)),
        # A level word before the name or the code: the first word of the level's label, its id, or « ville ».
        ("commune 93066", ("commune", "93066")),
        ("Ville : Saint-Denis (93066)", ("commune", "93066")),
        ("arrondissement 75119", ("arrondissement_municipal", "75119")),
        ("EPCI : 246700488", ("epci", "246700488")),
        ("Intercommunalité 246700488", ("epci", "246700488")),
        ("departement : Seine-Saint-Denis", ("departement", "93")),
    ],
)
def test_territory_text_resolves_to_codes(text: str, expected: tuple):
    assert territory.resolve_territory(text) == expected


@pytest.mark.parametrize(("text", "code", "named"), [
    ("93", "proposition-territoire-ambigu-niveau", "Seine-Saint-Denis (département 93)"),
    ("44", "proposition-territoire-ambigu-niveau", "« département 44 »"),
    ("municipal 75119", "proposition-territoire-inconnu", "« municipal 75119 »"),
    ("Saint-Denis", "proposition-territoire-ambigu", "« Saint-Denis (11339) »"),
    ("Grenoble (38186)", "proposition-territoire-autre-nom", "Gresse-en-Vercors (commune 38186)"),
    ("Atlantide", "proposition-territoire-inconnu", "« Atlantide »"),
])
def test_territory_errors_are_explained(text: str, code: str, named: str):
    found = territory.resolve_territory(text)
    assert isinstance(found, Problem) and found.code == code and named in found.message


def test_lines_become_one_entry_per_level_without_repeats():
    draft = Draft()
    territory.parse_territories("- Saint-Denis (93066) ; Bobigny (93008)\n- département 93, Saint-Denis (93066)\n", draft)
    assert draft.errors == []
    assert draft.data["territoires"] == [{"niveau": "commune", "codes": ["93066", "93008"]},
                                         {"niveau": "departement", "codes": ["93"]}]


def test_national_has_no_code_and_an_unknown_place_fails_the_field():
    draft = Draft()
    territory.parse_territories("France entière", draft)
    assert draft.data["territoires"] == [{"niveau": "national", "codes": []}]
    draft = Draft()
    territory.parse_territories("Saint-Denis (93066)\nAtlantide", draft)
    assert "territoires" not in draft.data and draft.failed == {"territoires"}
    [error] = draft.errors
    assert (error.field, error.code) == ("Territoire", "proposition-territoire-inconnu")
    assert error.message.startswith("« Atlantide » : territoire inconnu")
