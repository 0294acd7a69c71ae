"""Territories: a sheet's (level, code) pairs resolved to places, rolled up to
départements and régions, and hints for a code that does not exist."""

from __future__ import annotations

import pytest

from banque.sheets.policy import policy
from banque.sheets.territory import Place, Territories, territories

LEVEL = policy().level

# A small map with each kind of record, as refresh_territories.py writes them.
DATA = {
    "source": {"paquet": "essai"},
    "regions": {"53": {"nom": "Bretagne"}, "44": {"nom": "Grand Est"}, "11": {"nom": "Île-de-France"}},
    "anciennes_regions": {"42": {"nom": "Alsace", "region": "44"}, "41": {"nom": "Lorraine", "region": "44"}},
    "departements": {"29": {"nom": "Finistère", "region": "53"}, "35": {"nom": "Ille-et-Vilaine", "region": "53"},
                     "67": {"nom": "Bas-Rhin", "region": "44"}, "93": {"nom": "Seine-Saint-Denis", "region": "11"}},
    "epci": {"200000001": {"nom": "CC des deux régions", "departements": ["67", "35"]}},
    "communes": {"29019": {"nom": "Brest", "departement": "29"}, "93066": {"nom": "Saint-Denis", "departement": "93"}},
    "arrondissements_municipaux": {"29901": {"nom": "Brest Centre", "commune": "29019", "departement": "29"}},
}


@pytest.fixture
def small() -> Territories:
    return Territories(DATA)


# -- lookup by code ------------------------------------------------------------------------


def test_commune_rolls_up_to_its_departement_and_region(small: Territories):
    assert small.resolve(LEVEL.commune, "29019") == Place(LEVEL.commune, "29019", "Brest", ("29",), ("53",))


def test_departement_and_arrondissement(small: Territories):
    assert small.resolve(LEVEL.departement, "93") == Place(LEVEL.departement, "93", "Seine-Saint-Denis", ("93",), ("11",))
    place = small.resolve(LEVEL.arrondissement, "29901")
    assert place is not None and (place.nom, place.departements, place.regions) == ("Brest Centre", ("29",), ("53",))


def test_epci_across_departements_has_each_region(small: Territories):
    place = small.resolve(LEVEL.epci, "200000001")
    assert place is not None and place.departements == ("35", "67") and place.regions == ("44", "53")


def test_region_by_code_has_no_departement(small: Territories):
    assert small.resolve(LEVEL.region, "53") == Place(LEVEL.region, "53", "Bretagne", (), ("53",))


def test_code_of_another_level_is_unknown(small: Territories):
    assert small.resolve(LEVEL.departement, "29019") is None
    assert small.resolve(LEVEL.commune, "29") is None
    assert small.resolve(LEVEL.epci, "93066") is None


@pytest.mark.parametrize(("code", "known"), [("BE", True), ("DE", True), ("be", False), ("BEL", False), ("", False)])
def test_international_takes_a_two_letter_country_code(small: Territories, code: str, known: bool):
    place = small.resolve(LEVEL.international, code)
    assert (place == Place(LEVEL.international, code, code)) if known else place is None


# -- régions by name, former régions ---------------------------------------------------------


@pytest.mark.parametrize("name", ["Bretagne", "bretagne", "BRETAGNE", " Bretagne "])
def test_region_by_its_name_whatever_the_case(small: Territories, name: str):
    place = small.resolve(LEVEL.region, name)
    assert place is not None and (place.code, place.ancien_nom, place.libelle) == ("53", "", "Bretagne")


@pytest.mark.parametrize("name", ["Ile-de-France", "ile de france", "ÎLE-DE-FRANCE"])
def test_region_name_folds_accents_and_hyphens(small: Territories, name: str):
    place = small.resolve(LEVEL.region, name)
    assert place is not None and place.code == "11" and place.nom == "Île-de-France"


@pytest.mark.parametrize("code", ["Alsace", "alsace", "42"])
def test_former_region_is_today_region_with_its_old_name(small: Territories, code: str):
    place = small.resolve(LEVEL.region, code)
    assert place == Place(LEVEL.region, "44", "Grand Est", (), ("44",), "Alsace")
    assert place.libelle == "Alsace (aujourd'hui Grand Est)"


def test_today_region_of_a_former_one(small: Territories):
    assert small.today_region(small.former["41"]) == "44"


def test_libelle_without_a_different_old_name_is_the_name():
    assert Place(LEVEL.region, "53", "Bretagne", ancien_nom="Bretagne").libelle == "Bretagne"


# -- suggestions --------------------------------------------------------------------------------


def test_unknown_code_suggests_the_closest_names_with_their_codes(small: Territories):
    hint = small.suggest(LEVEL.departement, "Finistere")
    assert hint.startswith("Codes proches : « 29 » (Finistère).")
    assert "schema/territoires.json" in hint


def test_misspelt_former_region_suggests_its_name(small: Territories):
    assert small.suggest(LEVEL.region, "Alsase").startswith("Codes proches : « Alsace ».")


def test_code_far_from_every_name_points_at_the_official_list(small: Territories):
    assert small.suggest(LEVEL.commune, "zzzz") == (
        "Utilisez le code officiel INSEE (Code officiel géographique), listé dans schema/territoires.json.")


def test_national_and_international_hints(small: Territories):
    assert "« codes: [] »" in small.suggest(LEVEL.national, "FR")
    assert "deux lettres majuscules" in small.suggest(LEVEL.international, "Belgique")


# -- browsing --------------------------------------------------------------------------------


def test_levels_with_codes_and_departements_of_a_region(small: Territories):
    assert set(small.by_level()) == {LEVEL.region, LEVEL.departement, LEVEL.epci, LEVEL.commune, LEVEL.arrondissement}
    assert small.by_level()[LEVEL.commune] is small.communes
    assert small.departements_of_region("53") == ["29", "35"]
    assert small.departements_of_region("99") == []
    assert small.region_of("67") == "44"


# -- the official data ---------------------------------------------------------------------------


def test_official_data_is_read_once():
    assert territories() is territories()
    assert territories().source["paquet"].startswith("@etalab/decoupage-administratif")


def test_official_data_resolves_the_codes_editors_write():
    official = territories()
    assert official.resolve(LEVEL.commune, "93066") == Place(LEVEL.commune, "93066", "Saint-Denis", ("93",), ("11",))
    assert official.resolve(LEVEL.region, "Alsace") == Place(LEVEL.region, "44", "Grand Est", (), ("44",), "Alsace")
    poitou, corse_du_sud = official.resolve(LEVEL.region, "Poitou-Charentes"), official.resolve(LEVEL.departement, "2A")
    assert poitou is not None and (poitou.code, poitou.libelle) == ("75", "Poitou-Charentes (aujourd'hui Nouvelle-Aquitaine)")
    assert corse_du_sud is not None and corse_du_sud.regions == ("94",)
    assert official.departements_of_region("53") == ["22", "29", "35", "56"]


def test_every_region_of_the_rules_is_an_official_region():
    official = territories()
    assert set(policy().regions) <= set(official.regions)
    assert all(r["region"] in official.regions for r in official.former.values())
    assert all(d["region"] in official.regions for d in official.departements.values())
