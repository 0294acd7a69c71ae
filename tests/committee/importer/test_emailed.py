"""A filled sheet sent by e-mail: cleaned, labels mapped to ids, editorial fields left to the committee."""

from __future__ import annotations

import pytest

from banque.committee.importer.draft import Draft
from banque.committee.importer.emailed import from_sheet
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError

SHEET = """---
titre: "<b>Un</b> titre"
nature: Partenariat multi-acteurs
themes: [Sport, inconnu]
referent:
  nom: Camille
  contact: Par le comité de rédaction
statut: à publier
mise_en_avant: true
relecture: {date: 2025-01-01}
---

## Contexte

Texte <script>x</script>fin.
"""


def test_values_are_cleaned_and_labels_become_ids():
    draft = Draft()
    from_sheet(SHEET, draft)
    assert draft.data == {"titre": "Un titre", "nature": "partenariat_multilateral", "themes": ["sport", "inconnu"],
                          "referent": {"nom": "Camille", "contact": policy().contact.via_committee},
                          "statut": "à publier"}
    assert draft.body == [("", "## Contexte\n\nTexte fin.")]
    assert draft.labels == {}
    assert [p.code for p in draft.notes] == ["proposition-champ-retire", "proposition-champ-retire",
                                             "proposition-statut-remplace"]
    assert [p.message for p in draft.notes] == ["champ « relecture » retiré : c'est au comité de le remplir",
                                                "champ « mise_en_avant » retiré : c'est au comité de le remplir",
                                                f"statut « à publier » remplacé par « {policy().status.in_review} »"]


@pytest.mark.parametrize(
    ("text", "code", "field"),
    [
        ("---\ntitre: x\n", "en-tete-non-ferme", "fiche"),
        ("---\n- a\n- b\n---\n", "proposition-en-tete-pas-des-champs", ""),
    ],
)
def test_a_broken_front_matter_is_rejected(text: str, code: str, field: str):
    with pytest.raises(ProblemsError) as caught:
        from_sheet(text, Draft())
    [error] = caught.value.problems
    assert (error.code, error.field, error.path, error.line, error.hint) == (code, field, "", 0, "")


def test_yaml_problems_are_given_with_their_line():
    with pytest.raises(ProblemsError) as caught:
        from_sheet("---\ntitre: x\n\tnature: y\n---\n", Draft())
    [error] = caught.value.problems
    assert (error.code, error.line, error.path, error.field, error.hint) == ("yaml-tabulation", 3, "", "", "")


def test_keys_that_are_not_field_names_are_dropped_unread():
    draft = Draft()
    text = '---\ntitre: Un titre\n"a\\n~~~~\\n@everyone": 1\nTitre: x\n3: y\nacteurs:\n  - {nom: A, "type x": b}\n---\n'
    from_sheet(text, draft)
    assert draft.data == {"titre": "Un titre", "acteurs": [{"nom": "A"}]}
    [error] = draft.errors
    assert (error.code, error.field) == ("proposition-cle-illisible", "fiche")
    assert error.message == "noms de champ illisibles, laissés de côté : 4"
    assert "everyone" not in error.message + error.hint


def test_a_duplicate_key_is_said_without_its_name():
    with pytest.raises(ProblemsError) as caught:
        from_sheet('---\ntitre: x\n"~~~~\\n@everyone": 1\n"~~~~\\n@everyone": 2\n---\n', Draft())
    [error] = caught.value.problems
    assert (error.code, error.line) == ("proposition-cle-en-double", 4)
    assert "everyone" not in error.message + error.hint + error.field


@pytest.mark.parametrize("front, code", [
    ('---\ntitre: x\nacteurs:\n  - "@everyone": 1\n    "@everyone": 2\n---\n', "proposition-cle-en-double"),
    ('---\ntitre: x\n"@everyone\u00a0": 1\n---\n', "proposition-espace-dans-cle"),
])
def test_reader_problems_that_name_a_key_are_said_without_it(front: str, code: str):
    with pytest.raises(ProblemsError) as caught:
        from_sheet(front.replace("\\u00a0", "\u00a0"), Draft())
    [error] = caught.value.problems
    assert error.code == code and "everyone" not in error.message + error.hint + error.field


@pytest.mark.parametrize("value, code", [
    ("{a: " * 600 + "1" + "}" * 600, "yaml-trop-imbrique"),
    ("9" * 5000, "yaml-nombre-trop-long"),
])
def test_a_front_matter_that_would_crash_the_reader_is_a_problem(value: str, code: str):
    """RecursionError and ValueError used to escape: the importer crashed on such an e-mail."""
    with pytest.raises(ProblemsError) as caught:
        from_sheet(f"---\ntitre: x\npiege: {value}\n---\n", Draft())
    [error] = caught.value.problems
    assert (error.code, error.line) == (code, 3)
