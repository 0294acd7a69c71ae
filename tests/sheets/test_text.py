"""sheets/text.py: one fold and one slugify, and the sheet slug built on them."""

from __future__ import annotations

import re

import pytest

from banque.sheets.text import MAX_SLUG, fold, sheet_slug, slugify, unaccent


def test_unaccent_keeps_punctuation_and_fold_drops_it():
    assert unaccent("Ça, c'est Élodie.Dupré@Exemple.fr") == "ca, c'est elodie.dupre@exemple.fr"
    assert fold("Ça, c'est Élodie.Dupré@Exemple.fr") == "ca c est elodie dupre exemple fr"
    assert fold("  Saint-Étienne  ") == "saint etienne" and fold("—") == ""


@pytest.mark.parametrize(
    ("name", "address"),
    [
        ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur"),  # page addresses keep every letter
        ("Île-de-France", "ile-de-france"),
        ("La Réunion", "la-reunion"),
        ("Nord-Pas-de-Calais", "nord-pas-de-calais"),
    ],
)
def test_page_address_slug(name: str, address: str):
    assert slugify(name) == address


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lavéo et les structures d'insertion", "laveo-et-les-structures-insertion"),
        ("L'Atelier d’insertion de l'Œuvre — Saint-Étienne", "atelier-insertion-de-oeuvre-saint-etienne"),
        ("Aujourd'hui, la presqu'île", "aujourdhui-la-presquile"),
        ("  Jusqu'où ira l'ESS ?  ", "ou-ira-ess"),
        ("Énergie & Ça : 100 % !", "energie-ca-100"),
        ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-azur"),
        ("Cœur, Æsop et Straße", "coeur-aesop-et-strasse"),
        ("mot " * 40, ("mot-" * 20)[:79]),
    ],
)
def test_sheet_slug_drops_elisions_spells_ligatures_and_is_short(title: str, expected: str):
    slug = sheet_slug(title)
    assert slug == expected
    assert len(slug) <= MAX_SLUG and re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)


@pytest.mark.parametrize("title", ["Guide des alliances", "Saint-Denis 2024", "Économie sociale — et solidaire !!"])
def test_sheet_slug_is_slugify_when_nothing_is_elided(title: str):
    assert sheet_slug(title) == slugify(title)


def test_sheet_slug_cuts_at_a_word_boundary_or_inside_one_long_word():
    assert sheet_slug("alpha beta gamma", max_length=12) == "alpha-beta"
    assert sheet_slug("alpha beta gamma", max_length=10) == "alpha-beta"
    assert sheet_slug("anticonstitutionnellement", max_length=10) == "anticonsti"
    assert sheet_slug("!!!") == ""
