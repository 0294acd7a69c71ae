"""An answer recorded in the sheet file (committee/consent_record.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from banque.committee import consent
from banque.committee.consent_record import Answer, record, referent_block
from banque.sheets.check import validate
from banque.sheets.people import AGREED, REFUSED, people_shown
from banque.sheets.policy import policy
from banque.sheets.problem import ProblemsError
from tests.conftest import ROOT

CONTACT, SCOPE, ANSWER = policy().contact, policy().consent_scope, policy().consent_answer
DAY = dt.date(2026, 3, 3)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the real bank: the sheets are real, the writes are not."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


def sheet_of(content: Path, slug: str):
    bank, _ = validate([content / "experiences" / f"{slug}.md"], content)
    return bank.experiences[0]


def test_an_agreement_makes_the_cited_person_the_referent_and_touches_nothing_else(content: Path):
    path = content / "experiences" / "laveo-structures-insertion.md"
    before = path.read_text(encoding="utf-8")
    sheet = sheet_of(content, "laveo-structures-insertion")
    assert record(sheet, consent.person(sheet, None), Answer(DAY, "courriel du 3 mars 2026", ANSWER.agreed,
                                                             SCOPE.via_committee), content) == []
    after = path.read_text(encoding="utf-8")
    old, new = before.split("referent: à identifier\n"), after.split("referent:\n", 1)
    assert new[0] == old[0]  # every byte before the block
    assert new[1].split("personnes_citees:", 1)[1] == old[1].split("personnes_citees:", 1)[1]  # and after it
    assert new[1].split("personnes_citees:", 1)[0] == (
        "  nom: Laurent Cenne\n  fonction: co-gérant\n  organisation: Lavéo\n  contact: via_comite\n"
        "  consentement:\n    date: 2026-03-03\n    moyen: courriel du 3 mars 2026\n"
        "    portee: nom_contact_comite\n    reponse: accord\n")
    found = people_shown(sheet_of(content, "laveo-structures-insertion").model, DAY)
    assert found.state == AGREED and found.referent.nom == "Laurent Cenne"


def test_a_new_role_replaces_the_dated_one(content: Path):
    sheet = sheet_of(content, "strasbourg-conseil-ess")
    answer = Answer(DAY, "courriel", ANSWER.agreed, SCOPE.name_only, fonction="élue", organisation="Ville d'essai")
    block = referent_block(consent.person(sheet, None), answer, "x")
    assert (block["fonction"], block["organisation"], block["contact"]) == ("élue", "Ville d'essai", CONTACT.via_committee)


def test_an_agreement_needs_its_scope_and_a_published_address_needs_the_address(content: Path):
    sheet = sheet_of(content, "laveo-structures-insertion")
    who = consent.person(sheet, None)
    for answer, code in ((Answer(DAY, "courriel", ANSWER.agreed), "consentement-portee-manquante"),
                         (Answer(DAY, "courriel", ANSWER.agreed, SCOPE.public_address), "consentement-adresse-manquante")):
        with pytest.raises(ProblemsError) as caught:
            record(sheet, who, answer, content)
        assert [p.code for p in caught.value.problems] == [code]
    public = Answer(DAY, "courriel", ANSWER.agreed, SCOPE.public_address, courriel="contact@laveo.example")
    assert referent_block(who, public, "x")["courriel"] == "contact@laveo.example"


def test_an_invalid_result_writes_nothing(content: Path):
    path = content / "experiences" / "laveo-structures-insertion.md"
    before = path.read_bytes()
    sheet = sheet_of(content, "laveo-structures-insertion")
    with pytest.raises(ProblemsError):  # a personal webmail address is refused by the schema
        record(sheet, consent.person(sheet, None),
               Answer(DAY, "courriel", ANSWER.agreed, SCOPE.public_address, courriel="laveo@gmail.com"), content)
    assert path.read_bytes() == before


def test_a_refusal_is_recorded_masked_and_returns_the_lines_still_naming_the_person(content: Path):
    path = content / "experiences" / "laveo-structures-insertion.md"
    sheet = sheet_of(content, "laveo-structures-insertion")
    left = record(sheet, consent.person(sheet, None), Answer(DAY, "courriel du 3 mars 2026", ANSWER.refused), content)
    text = path.read_text(encoding="utf-8")
    assert "  contact: masque\n" in text and "    reponse: refus\n" in text and "portee" not in text.split("statut:")[0]
    lines = text.split("\n")
    assert left and all("Cenne" in lines[p.line - 1] or "CENNE" in lines[p.line - 1] for p in left)
    _, problems = validate([path], content)
    assert {p.code for p in problems if p.severity == "erreur"} == {"referent-masque-nomme"}
    head, body = text.split("\n---\n", 1)
    path.write_text(head + "\n---\n" + body.replace("Laurent Cenne", "le co-gérant").replace("CENNE", "le co-gérant"),
                    encoding="utf-8")
    rewritten = sheet_of(content, "laveo-structures-insertion")
    assert people_shown(rewritten.model, DAY).state == REFUSED and people_shown(rewritten.model, DAY).cited == ()
