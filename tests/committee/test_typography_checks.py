"""The typographic slips `banque relire` points out (committee/typography_checks.py):
unaccented capitals, capitals on the common nouns of an institution's name,
« nous-même »; never in an address, a slug or a comment."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from banque.committee.review_checks import editorial_warnings
from banque.committee.typography_checks import check_typography
from banque.sheets.load import RawSheet, load
from banque.sheets.problem import WARNING
from tests.conftest import ROOT


def _raw(tmp_path: Path, front: str, body: str = "") -> RawSheet:
    folder = tmp_path / "experiences"
    folder.mkdir(exist_ok=True)
    path = folder / "essai.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    raw, _ = load(path, "experiences/essai.md")
    assert raw is not None
    return raw


def _found(raw: RawSheet) -> list[tuple[str, int, str, str]]:
    return [(p.code, p.line, p.field, p.message) for p in check_typography(raw)]


@pytest.mark.parametrize("text, code, word", [
    ("Une Ecole de la deuxième chance.", "capitale-sans-accent", "Ecole"),
    ("Au service de l'Etat.", "capitale-sans-accent", "Etat"),
    ("La Caisse d'Epargne locale.", "capitale-sans-accent", "Epargne"),
    ("Présentée par le Commissariat Général.", "majuscule-nom-commun", "Général"),
    ("La Fédération Nationale des caisses.", "majuscule-nom-commun", "Nationale"),
    ("Le Groupement national d'Initiatives citoyennes.", "majuscule-nom-commun", "Initiatives"),
    ("si nous ne le faisons pas nous-même, personne", "tournure-fautive", "nous-même"),
])
def test_each_slip_is_found_with_its_line_and_field(tmp_path, text: str, code: str, word: str):
    raw = _raw(tmp_path, "titre: Essai", f"\n## Contexte\n\n{text}\n")
    ((got_code, line, field, message),) = _found(raw)
    assert (got_code, line, field) == (code, 7, "corps") and f"« {word} »" in message


@pytest.mark.parametrize("text", [
    "Une École, l'État, la Caisse d'Épargne, l'économie sociale et solidaire.",
    "Le Commissariat général et la Fédération nationale.",
    "Général de brigade, Nationale 7 : en tête de phrase, la capitale est de règle.",
    "Elle et Europe, Emploi et Entreprises : des mots sans accent.",
    "nous-mêmes ; lui-même ; Etatsunien",
])
def test_correct_text_is_left_alone(tmp_path, text: str):
    assert _found(_raw(tmp_path, "titre: Essai", f"\n{text}\n")) == []


def test_addresses_slugs_and_comments_are_not_read(tmp_path):
    front = ("slug: ecole-etat\n# Ecole et Etat dans un commentaire\ntitre: Essai\nsources:\n"
             "  - titre: Compte rendu\n    url: https://exemple.org/Ecole/Commissariat Général\n"
             "referent:\n  courriel: Etat@Ecole.example")
    assert _found(_raw(tmp_path, front, "\nÉcrire à Ecole@exemple.org ou voir www.exemple.org/Etat.\n")) == []


def test_front_matter_slips_name_their_field(tmp_path):
    raw = _raw(tmp_path, "titre: Essai\nresume: >-\n  Avec la Fédération\n  Nationale et l'Etat.")
    assert sorted((p.code, p.line, p.field) for p in check_typography(raw)) == [
        ("capitale-sans-accent", 5, "resume"), ("majuscule-nom-commun", 5, "resume")]
    message = next(p for p in check_typography(raw) if p.code == "majuscule-nom-commun").hint
    assert "« Fédération nationale »" in message


def test_they_are_warnings_among_the_editorial_ones(tmp_path):
    raw = _raw(tmp_path, "titre: Essai", "\nUne Ecole.\n")
    found = [p for p in editorial_warnings(raw, [], dt.date(2026, 1, 1)) if p.code == "capitale-sans-accent"]
    assert len(found) == 1 and found[0].severity == WARNING


def test_the_bank_s_sheets_have_none_left():
    for path in sorted((ROOT / "content").rglob("*.md")):
        raw, _ = load(path)
        if raw is not None:
            assert check_typography(raw) == [], path
