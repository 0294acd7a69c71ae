"""`banque consentement` end to end: a real process on a copy of a real sheet."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ROOT, banque

SLUG = "laveo-structures-insertion"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real bank and settings, copied: the command runs as the committee runs it."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_the_request_comes_as_text_and_as_a_mailto_link(project: Path):
    result = banque("consentement", "demande", SLUG, "--comite", "comite@banque.example", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Bonjour Laurent Cenne," in result.stdout and "VOS DROITS" in result.stdout
    [link] = [line for line in result.stdout.splitlines() if line.startswith("mailto:")]
    query = parse_qs(urlsplit(link).query)
    assert query["cc"] == ["comite@banque.example"] and query["body"][0].startswith("Bonjour Laurent Cenne,\r\n")


def test_the_committee_address_comes_from_mkdocs_yml_with_a_warning_while_it_is_an_example(project: Path):
    result = banque("consentement", "demande", SLUG, "--format", "mailto", cwd=project)
    assert result.returncode == 0
    assert "comite-redaction%40alliances-territoires.example" in result.stdout
    assert "valeur d'exemple" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("args", "code", "said"), [
    (["demande", "fiche-inconnue"], 2, "fiche introuvable"),
    (["demande", SLUG, "--personne", "Inconnu"], 2, "n'est ni le référent ni une personne citée"),
    (["reponse", SLUG, "--date", "2026-03-03", "--moyen", "courriel", "--accord"], 1, "ajoutez --portee"),
])
def test_errors_are_french_with_their_exit_code(project: Path, args: list[str], code: int, said: str):
    result = banque("consentement", *args, cwd=project)
    assert result.returncode == code and said in result.stderr and "Traceback" not in result.stderr


def test_a_wrong_date_is_a_usage_error(project: Path):
    result = banque("consentement", "reponse", SLUG, "--date", "3 mars", "--moyen", "x", "--refus", cwd=project)
    assert result.returncode == 2 and "date attendue au format AAAA-MM-JJ" in result.stderr


def test_an_agreement_is_recorded_then_the_sheet_validates(project: Path):
    sheet = project / "content" / "experiences" / f"{SLUG}.md"
    result = banque("consentement", "reponse", SLUG, "--date", "2026-03-03", "--moyen", "courriel du 3 mars 2026",
                    "--accord", "--portee", "nom_seul", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Accord de Laurent Cenne enregistré" in result.stdout
    assert "    portee: nom_seul\n    reponse: accord\n" in sheet.read_text(encoding="utf-8")
    assert banque("valider", str(sheet), cwd=project).returncode == 0


def test_a_refusal_is_recorded_and_the_lines_to_rewrite_are_shown(project: Path):
    sheet = project / "content" / "experiences" / f"{SLUG}.md"
    result = banque("consentement", "reponse", str(sheet.relative_to(project)), "--date", "2026-03-03",
                    "--moyen", "courriel du 3 mars 2026", "--refus", cwd=project)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "Refus de Laurent Cenne enregistré" in result.stdout
    assert "refus enregistré, mais la fiche nomme encore « Laurent Cenne »" in result.stderr.replace("\u00a0", " ")
    assert f"content/experiences/{SLUG}.md:" in result.stderr
    text = sheet.read_text(encoding="utf-8")
    assert "  contact: masque\n" in text and "    reponse: refus\n" in text
    assert banque("valider", str(sheet), cwd=project).returncode == 1  # not published while it names them
