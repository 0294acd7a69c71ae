"""The controlled vocabularies and the body sections, read from YAML: the
committee's data, in the committee's order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from banque.paths import VOCABULARIES
from banque.sheets import vocabulary as vocabulary_module
from banque.sheets.vocabulary import NAMES, Term, Vocabulary, sections, vocabulary


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vocabulary folder of our own, read without the cache of the real one."""
    monkeypatch.setattr(vocabulary_module, "VOCABULARIES", tmp_path)
    return tmp_path


def read_vocabulary(name: str) -> Vocabulary:
    return vocabulary.__wrapped__(name)


# -- terms and labels -------------------------------------------------------------------


def test_terms_in_the_order_of_the_file(folder: Path):
    (folder / "essai.yml").write_text(
        "# un commentaire\n- id: b\n  libelle: Bé\n  definition: La deuxième lettre.\n"
        "- id: a\n  libelle: A\n  pluriel: As\n", encoding="utf-8")
    essai = read_vocabulary("essai")
    assert essai.name == "essai" and essai.ids == ("b", "a")
    assert essai.terms[0] == Term("b", "Bé", definition="La deuxième lettre.")
    assert essai.terms[1].pluriel == "As" and essai.terms[1].definition == ""


def test_values_are_text_even_written_as_numbers(folder: Path):
    (folder / "annees.yml").write_text("- id: 2015\n  libelle: 2015\n  code: 01\n", encoding="utf-8")
    [term] = read_vocabulary("annees").terms
    assert (term.id, term.libelle, term.code) == ("2015", "2015", "01")


def test_label_of_a_term(folder: Path):
    (folder / "essai.yml").write_text("- id: x\n  libelle: Ixe\n- id: y\n  libelle: Igrec\n", encoding="utf-8")
    essai = read_vocabulary("essai")
    assert essai.label("y") == "Igrec" and essai.by_id["x"].libelle == "Ixe"
    with pytest.raises(KeyError):
        essai.label("z")


def test_an_entry_with_an_unknown_key_is_refused(folder: Path):
    (folder / "essai.yml").write_text("- id: x\n  libelle: Ixe\n  couleur: rouge\n", encoding="utf-8")
    with pytest.raises(TypeError, match="couleur"):
        read_vocabulary("essai")


def test_a_broken_file_names_itself(folder: Path):
    (folder / "essai.yml").write_text("- id: x\n  id: y\n  libelle: Ixe\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"essai\.yml: ligne 2"):
        read_vocabulary("essai")


# -- the real vocabularies ---------------------------------------------------------------------


def test_names_are_the_vocabulary_files():
    files = {p.stem for p in VOCABULARIES.glob("*.yml")}
    assert files == set(NAMES) | {"sections"}


@pytest.mark.parametrize("name", NAMES)
def test_each_vocabulary_has_unique_ids_and_a_label_for_each(name: str):
    terms = vocabulary(name).terms
    ids = [t.id for t in terms]
    assert ids and len(ids) == len(set(ids))
    assert all(t.libelle.strip() for t in terms)
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids), ids


def test_a_vocabulary_is_read_once():
    assert vocabulary("themes") is vocabulary("themes")


def test_real_labels():
    assert vocabulary("statuts").ids == ("brouillon", "en_relecture", "publiee", "archivee")
    assert vocabulary("statuts").label("publiee") == "Publiée"
    assert vocabulary("themes").label("emploi-insertion") == "Emploi et insertion"


# -- body sections --------------------------------------------------------------------------


def test_sections_per_kind_with_their_help(folder: Path):
    (folder / "sections.yml").write_text(
        "experiences:\n  - titre: Contexte\n    aide: Le besoin.\n  - titre: Résultats\n    aide: Les chiffres.\n"
        "outils:\n  - titre: Présentation\n    aide: Ce que c'est.\n", encoding="utf-8")
    assert sections.__wrapped__() == {
        "experiences": (("Contexte", "Le besoin."), ("Résultats", "Les chiffres.")),
        "outils": (("Présentation", "Ce que c'est."),),
    }


def test_real_sections_of_both_kinds():
    found = sections()
    assert set(found) == {"experiences", "outils"}
    assert [t for t, _ in found["experiences"]] == ["Contexte", "Le partenariat", "Actions menées", "Résultats", "Enseignements"]
    assert all(aide.strip() for kind in found.values() for _, aide in kind)
