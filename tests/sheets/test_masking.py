"""A masked person's name left in a sheet's text is refused (sheets/masking.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from banque.sheets import masking
from banque.sheets.check import validate
from tests.conftest import ROOT

SHEET = ROOT / "content" / "experiences" / "laveo-structures-insertion.md"
REFUSAL = """referent:
  nom: Laurent Cenne
  fonction: co-gérant
  organisation: Lavéo
  contact: masque
  consentement:
    date: 2026-03-03
    moyen: courriel au comité du 3 mars 2026
    reponse: refus
"""


def refused_copy(tmp_path: Path, text: str | None = None) -> Path:
    folder = tmp_path / "experiences"
    folder.mkdir()
    shutil.copytree(ROOT / "content" / "outils", tmp_path / "outils")
    path = folder / SHEET.name
    path.write_text((text or SHEET.read_text(encoding="utf-8")).replace("referent: à identifier\n", REFUSAL), encoding="utf-8")
    return path


def test_name_forms_ignore_case_and_accents():
    assert masking.name_forms("Laurent Cenne") == ["laurent cenne", "cenne"]
    assert masking.name_forms("Thierry du Bouëtiez") == ["thierry du bouetiez", "bouetiez"]
    assert masking.name_forms("Jo Li") == ["jo li"]  # a short surname alone would match common words


def test_every_line_naming_a_refusing_person_outside_their_blocks_is_an_error(tmp_path: Path):
    path = refused_copy(tmp_path)
    _, problems = validate([path], tmp_path)
    left = [p for p in problems if p.code == "referent-masque-nomme"]
    lines = path.read_text(encoding="utf-8").split("\n")
    assert left and all("cenne" in lines[p.line - 1].casefold() for p in left)
    in_blocks = {i + 1 for i, line in enumerate(lines) if line.startswith(("  nom: Laurent", "  - nom: Laurent"))}
    assert not in_blocks & {p.line for p in left}  # the referent and cited blocks are where the name belongs


def test_a_sheet_rewritten_without_the_name_passes(tmp_path: Path):
    text = SHEET.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    body = body.replace("Laurent Cenne", "le co-gérant").replace("CENNE", "le co-gérant")
    path = refused_copy(tmp_path, head + "\n---\n" + body)
    _, problems = validate([path], tmp_path)
    assert [p for p in problems if p.severity == "erreur"] == []


def test_a_named_referent_is_no_concern(tmp_path: Path):
    _, problems = validate([SHEET], ROOT / "content")
    assert not [p for p in problems if p.code == "referent-masque-nomme"]
