"""The editorial points raised for the committee, one check at a time, on a sheet read raw."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from banque.committee.review_checks import (
    ToolRef,
    check_acronyms,
    check_indicators,
    check_placeholders,
    check_referent,
    check_review_date,
    check_sections,
    check_summary,
    check_tools,
    editorial_warnings,
    tool_index,
)
from banque.sheets.load import load
from banque.sheets.models import TO_IDENTIFY
from banque.sheets.policy import policy
from banque.sheets.problem import WARNING
from tests.conftest import EDITORIAL

TODAY = dt.date(2026, 1, 15)


def _sheet(tmp_path: Path, front: str, body: str = "") -> Path:
    folder = tmp_path / "experiences"
    folder.mkdir(exist_ok=True)
    path = folder / "essai.md"
    path.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Le PTCE du territoire.", ["PTCE"]),
        ("Un pôle territorial de coopération économique (PTCE). Le PTCE grandit.", []),
        ("Le PTCE (pôle territorial de coopération économique) grandit.", []),
        ("Une aide de l'UE et de l'ONU, en III) et IV.", []),
        ("Les SIAE, le RSE et l'ESS.", ["SIAE", "RSE", "ESS"]),
        ("Des PMEs et un mot en CAPITALESTROPLONGUES.", []),
        ("Avec Le RAMEAU et l'AFEV.", ["AFEV"]),  # RAMEAU is named among the actors
    ],
)
def test_acronyms_must_be_spelled_out_once(tmp_path: Path, text: str, flagged: list[str]):
    path = _sheet(tmp_path, f"titre: Essai\nresume: {text}\nacteurs:\n  - nom: Le RAMEAU")
    raw, _ = load(path)
    assert [p.message.split("« ")[1].split(" »")[0] for p in check_acronyms(raw)] == flagged


def test_acronym_in_body_points_at_its_line(tmp_path: Path):
    path = _sheet(tmp_path, "titre: Essai", "\n## Contexte\n\nUn texte.\nLa CRESS aide.\n")
    raw, _ = load(path)
    [problem] = check_acronyms(raw)
    assert problem.line == 8 and "CRESS" in problem.message


@pytest.mark.parametrize(("size", "expected"), [(119, "trop court"), (120, None), (450, None), (451, "trop long")])
def test_summary_length(tmp_path: Path, size: int, expected: str | None):
    raw, _ = load(_sheet(tmp_path, f"resume: {'a' * size}"))
    messages = [p.message for p in check_summary(raw)]
    assert (messages[0].split(" (")[0].removeprefix("résumé ") if messages else None) == expected


def _raw(tmp_path: Path, front: str, body: str = ""):
    raw, _ = load(_sheet(tmp_path, front, body))
    assert raw is not None
    return raw


def test_short_sections_are_flagged_but_empty_ones_left_to_the_validator(tmp_path: Path):
    raw = _raw(tmp_path, "titre: Essai", "\n## Contexte\n\nCourt.\n\n## Résultats\n\n" + "Long. " * 40 + "\n\n## Enseignements\n")
    [short] = check_sections(raw)
    assert (short.code, short.field, short.line, short.severity) == ("section-courte", "corps.Contexte", 5, WARNING)


@pytest.mark.parametrize(("referent", "statut", "code"), [
    (f"referent: {TO_IDENTIFY}", "brouillon", "referent-a-identifier"),
    ("referent:\n  nom: Camille", "brouillon", "referent-sans-consentement"),
    ("referent:\n  nom: Camille", "publiee", None),  # a published sheet without consent is an error already
    ("referent:\n  nom: Camille\n  consentement:\n    date: 2020-01-01", "brouillon", "consentement-ancien"),
    ("referent:\n  nom: Camille\n  consentement:\n    date: 2025-01-01", "brouillon", None),
])
def test_referent_and_consent(tmp_path: Path, referent: str, statut: str, code: str | None):
    raw = _raw(tmp_path, f"{referent}\nstatut: {statut}")
    assert [p.code for p in check_referent(raw, TODAY)] == ([code] if code else [])


def test_old_consent_says_how_old(tmp_path: Path):
    raw = _raw(tmp_path, "referent:\n  nom: Camille\n  consentement:\n    date: 2020-01-01")
    [old] = check_referent(raw, TODAY)
    assert old.field == "referent.consentement.date" and old.line == 5
    assert f"il y a 6 ans (plus de {policy().consent_years} ans)" in old.message


def test_an_experience_without_indicators(tmp_path: Path):
    assert [p.code for p in check_indicators(_raw(tmp_path, "titre: Essai"))] == ["sans-indicateur"]
    assert check_indicators(_raw(tmp_path, "indicateurs:\n  - libelle: x")) == []


def test_a_review_older_than_the_policy_allows(tmp_path: Path):
    raw = _raw(tmp_path, "relecture:\n  date: 2022-01-01")
    [old] = check_review_date(raw, TODAY)
    assert (old.code, old.field, old.line) == ("relecture-ancienne", "relecture.date", 3)
    assert check_review_date(raw, dt.date(2022, 6, 1)) == []


def test_tools_mentioned_but_not_cited_and_tools_to_consider(tmp_path: Path):
    guide = ToolRef("guide-alliances", "Guide des alliances", ("emploi",))
    other = ToolRef("autre-outil", "Autre outil", ("sante",))
    mentioned = _raw(tmp_path, "titre: Essai\nresume: Avec le guide des alliances.\nthemes: [emploi]")
    [found] = check_tools(mentioned, [guide, other])
    assert (found.code, found.line) == ("outil-non-reference", 3)
    silent = _raw(tmp_path, "titre: Essai\nthemes: [emploi]")
    [found] = check_tools(silent, [guide, other])
    assert found.code == "aucun-outil" and "(guide-alliances)" in found.hint and "autre-outil" not in found.hint
    assert check_tools(_raw(tmp_path, "titre: Essai\noutils: 3\nthemes: 4"), [guide]) == []  # wrong types: the schema's job


PLACEHOLDER = policy().unfinished


def test_placeholders_are_listed_by_line(tmp_path: Path):
    raw = _raw(tmp_path, f"titre: {PLACEHOLDER}\n# {PLACEHOLDER} dans un commentaire", f"\n## Contexte\n\n{PLACEHOLDER}\n")
    [found] = check_placeholders(raw)
    assert found.code == "texte-provisoire" and found.line == 2 and "lignes 2, 8" in found.message


def test_a_published_sheet_gets_the_validator_error_not_this_warning(tmp_path: Path):
    raw = _raw(tmp_path, f"titre: {PLACEHOLDER}\nstatut: {policy().status.published}")
    assert check_placeholders(raw) == []


def test_warnings_come_in_the_order_of_the_file(tmp_path: Path):
    raw = _raw(tmp_path, "titre: Le PTCE\nresume: court\nreferent: " + TO_IDENTIFY, "\n## Contexte\n\nLa CRESS.\n")
    found = editorial_warnings(raw, [], TODAY)
    assert [p.line or 10**9 for p in found] == sorted(p.line or 10**9 for p in found)  # no line: last
    assert found[-1].code == "sans-indicateur"
    assert {p.severity for p in found} == {WARNING}


def test_tool_index_reads_every_tool_of_the_bank():
    tools = tool_index(EDITORIAL / "banque")
    assert tools and all(isinstance(t, ToolRef) and t.slug and t.title for t in tools)
    assert tool_index(None) == []
