"""Le générateur du banc d'essai produit des fiches valides, variées et reproductibles."""

from __future__ import annotations

import json
from pathlib import Path

from bench.generate import generate

from banque.sheets.check import validate
from banque.sheets.load import load

ROOT = Path(__file__).resolve().parents[2]


def _files(dest: Path) -> dict[str, bytes]:
    return {str(p.relative_to(dest)): p.read_bytes() for p in sorted(dest.rglob("*.md"))}


def test_fiches_generees_valides(tmp_path: Path) -> None:
    generate(50, tmp_path, seed=1)
    assert len(list((tmp_path / "experiences").glob("*.md"))) == 50
    assert len(list((tmp_path / "outils").glob("*.md"))) >= 5
    _, problems = validate([tmp_path], tmp_path)
    assert problems == [], "\n".join(str(p) for p in problems)


def test_fiches_generees_variees(tmp_path: Path) -> None:
    generate(50, tmp_path, seed=1)
    ref = json.loads((ROOT / "schema" / "territoires.json").read_text(encoding="utf-8"))
    regions, modeles, contacts, statuts = set(), set(), set(), set()
    for path in sorted((tmp_path / "experiences").glob("*.md")):
        raw, problems = load(path)
        assert raw is not None, problems
        data = raw.data
        modeles.update(m["modele"] for m in data["modeles"])
        contacts.add(data["referent"]["contact"])
        statuts.add(data["statut"])
        for terr in data["territoires"]:
            for code in terr["codes"]:
                if terr["niveau"] == "region":
                    regions.add(code)
                elif terr["niveau"] == "departement":
                    regions.add(ref["departements"][code]["region"])
                elif terr["niveau"] == "commune":
                    regions.add(ref["departements"][ref["communes"][code]["departement"]]["region"])
    assert len(regions) >= 5, regions
    assert modeles == {"mecenat", "pratiques_responsables", "cooperation_economique", "innovation_societale"}
    assert {"via_comite", "public"} <= contacts
    assert "publiee" in statuts


def test_generateur_deterministe(tmp_path: Path) -> None:
    generate(50, tmp_path / "a", seed=7)
    generate(50, tmp_path / "b", seed=7)
    generate(50, tmp_path / "c", seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
