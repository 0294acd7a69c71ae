"""The request `banque consentement demande` writes (committee/consent.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from banque.committee import consent
from banque.sheets.check import validate
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError
from banque.sheets.vocabulary import vocabulary
from tests.conftest import ROOT

COMMITTEE = "comite@banque.example"


def real(slug: str):
    bank, _ = validate([ROOT / "content" / "experiences" / f"{slug}.md"], ROOT / "content")
    return bank.experiences[0]


def test_the_request_says_what_why_how_long_the_rights_and_how_to_answer():
    sheet = real("laveo-structures-insertion")
    who = consent.person(sheet, None)
    text = consent.request_text(sheet, who, COMMITTEE)
    assert text.startswith("Bonjour Laurent Cenne,")
    for field in ("nom\u00a0: Laurent Cenne", "fonction\u00a0: co-gérant", "structure\u00a0: Lavéo"):
        assert f"- {field}\n" in text  # the exact fields that would be published
    for heading in ("CE QUI SERAIT PUBLIÉ", "POURQUOI", "POUR COMBIEN DE TEMPS", "VOS DROITS", "COMMENT RÉPONDRE"):
        assert f"\n{heading}\n" in text
    assert f"Votre accord vaut {policy().consent_years}\u00a0ans" in text
    assert "vous opposer à la publication" in text and "l'effacement" in text and COMMITTEE in text
    assert "y compris comme personne citée" in text  # a refusal hides the cited person too
    assert "Présentée par Laurent Cenne, co-gérant de Lavéo (en janvier 2015)" in text
    for term in vocabulary("portees_consentement").terms:
        assert term.libelle in text  # the scopes the person may choose
    assert " :" not in text and " ;" not in text and " ?" not in text and "« " not in text  # French spaces


def test_a_sheet_naming_several_people_asks_which_one():
    sheet = real("laveo-structures-insertion")
    with pytest.raises(ProblemsError) as caught:
        consent.person(sheet, "Personne Inconnue")
    assert [p.code for p in caught.value.problems] == ["consentement-personne-inconnue"]
    assert "« Laurent Cenne »" in caught.value.problems[0].hint
    assert consent.person(sheet, "laurent CENNE").nom == "Laurent Cenne"  # case ignored


def test_a_sheet_naming_no_one_says_so():
    sheet = real("collectif-poitou-charentes")
    with pytest.raises(ProblemsError) as caught:
        consent.person(sheet, None)
    assert [p.code for p in caught.value.problems] == ["consentement-personne-aucune"]


def test_the_mailto_link_is_percent_encoded_with_crlf_line_breaks():
    link = consent.mailto("Bonjour & «\u00a0salut\u00a0»\nligne 2 ?=%", "Objet : é", COMMITTEE, "x+y@asso.example")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "x+y@asso.example"
    assert all(c not in parts.query.split("&", 2)[2] for c in " \n?#")  # nothing left raw in the body
    query = parse_qs(parts.query)
    assert query["cc"] == [COMMITTEE] and query["subject"] == ["Objet : é"]
    assert query["body"] == ["Bonjour & «\u00a0salut\u00a0»\r\nligne 2 ?=%"]
    assert consent.mailto("a", "b", COMMITTEE).startswith("mailto:?cc=")  # no recipient: the committee adds it


def test_a_renewal_is_asked_of_the_referent(tmp_path: Path):
    text = (ROOT / "tests/committee/editorial/banque/experiences/atelier-partage-quartiers.md").read_text(encoding="utf-8")
    path = tmp_path / "experiences" / "atelier-partage-quartiers.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    bank, _ = validate([path])
    who = consent.person(bank.experiences[0], None)
    assert (who.nom, who.cite) == ("Dominique Exemple", "")
    assert "personne citée" not in consent.request_text(bank.experiences[0], who, COMMITTEE)
