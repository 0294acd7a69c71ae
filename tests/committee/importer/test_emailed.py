"""A filled sheet sent by e-mail: cleaned, labels mapped to ids, editorial fields left to the committee."""

from __future__ import annotations

import pytest

from banque.committee.importer.draft import Draft, Rejected
from banque.committee.importer.emailed import from_sheet
from banque.sheets.policy import policy

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
    assert draft.notes == ["champ « relecture » retiré : c'est au comité de le remplir",
                           "champ « mise_en_avant » retiré : c'est au comité de le remplir",
                           f"statut « à publier » remplacé par « {policy().status.in_review} »"]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("---\ntitre: x\n", "fiche : l'en-tête ouvert par « --- » à la ligne 1 n'est jamais fermé"),
        ("---\n- a\n- b\n---\n", "l'en-tête n'est pas une liste de champs"),
    ],
)
def test_a_broken_front_matter_is_rejected(text: str, error: str):
    with pytest.raises(Rejected) as caught:
        from_sheet(text, Draft())
    assert caught.value.errors == [error]


def test_yaml_problems_are_given_with_their_line():
    with pytest.raises(Rejected) as caught:
        from_sheet("---\ntitre: x\ntitre: y\n---\n", Draft())
    [error] = caught.value.errors
    assert error.startswith("ligne 3 : ")
