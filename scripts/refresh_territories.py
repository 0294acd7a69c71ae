"""Regenerate schema/territoires.json from Etalab's official COG data.

Source: the npm package @etalab/decoupage-administratif (MIT licence), which
republishes INSEE's Code officiel géographique (COG). We keep only what the
bank needs (codes, names, roll-up to département and région) so the file stays
small enough to commit and to load on every validation.

Usage (needs npm, run from the project root):

    python scripts/refresh_territories.py [--version 6.0.0]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
DEFAULT_VERSION = "6.0.0"
OUTPUT = Path(__file__).resolve().parent.parent / "schema" / "territoires.json"

# The 2015 régions (before the 2016 merger), with their INSEE codes at the
# time and the région they belong to today. This is history, so it is written
# here once rather than downloaded: INSEE's table of the 2016 merger.
FORMER_REGIONS = {
    "42": ("Alsace", "44"),
    "72": ("Aquitaine", "75"),
    "83": ("Auvergne", "84"),
    "25": ("Basse-Normandie", "28"),
    "26": ("Bourgogne", "27"),
    "21": ("Champagne-Ardenne", "44"),
    "43": ("Franche-Comté", "27"),
    "23": ("Haute-Normandie", "28"),
    "91": ("Languedoc-Roussillon", "76"),
    "74": ("Limousin", "75"),
    "41": ("Lorraine", "44"),
    "73": ("Midi-Pyrénées", "76"),
    "31": ("Nord-Pas-de-Calais", "32"),
    "22": ("Picardie", "32"),
    "54": ("Poitou-Charentes", "75"),
    "82": ("Rhône-Alpes", "84"),
}
# Régions renamed without a merger: the old name is an alias of the same code.
FORMER_NAMES = {"Centre": "24"}


def fetch(version: str, workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    archive = next(workdir.glob("*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package" / "data"


def build(data: Path, version: str) -> dict:
    def read(name: str) -> list[dict]:
        return json.loads((data / name).read_text(encoding="utf-8"))

    regions = {r["code"]: {"nom": r["nom"]} for r in read("regions.json")}
    departements = {
        d["code"]: {"nom": d["nom"], "region": d["region"]} for d in read("departements.json")
    }
    communes: dict[str, dict] = {}
    arrondissements: dict[str, dict] = {}
    for c in read("communes.json"):
        if c.get("type") == "commune-actuelle":
            communes[c["code"]] = {"nom": c["nom"], "departement": c["departement"]}
        elif c.get("type") == "arrondissement-municipal":
            arrondissements[c["code"]] = {
                "nom": c["nom"],
                "commune": c.get("commune", ""),
                "departement": c["departement"],
            }
    epci = {}
    for e in read("epci.json"):
        depts = sorted({communes[m["code"]]["departement"] for m in e["membres"] if m["code"] in communes})
        epci[e["code"]] = {"nom": e["nom"], "departements": depts}
    former = {
        code: {"nom": name, "region": today} for code, (name, today) in sorted(FORMER_REGIONS.items())
    }
    for name, code in FORMER_NAMES.items():
        former[name] = {"nom": name, "region": code}
    return {
        "source": {
            "paquet": f"{PACKAGE}@{version}",
            "licence": "MIT (données : Code officiel géographique de l'INSEE, Licence Ouverte)",
            "url": "https://github.com/etalab/decoupage-administratif",
        },
        "regions": regions,
        "anciennes_regions": former,
        "departements": departements,
        "epci": dict(sorted(epci.items())),
        "communes": communes,
        "arrondissements_municipaux": arrondissements,
    }


def write(result: dict, output: Path) -> None:
    # One entry per line: diffs of a COG update stay readable.
    lines = ["{"]
    sections = list(result.items())
    for i, (key, value) in enumerate(sections):
        comma = "," if i < len(sections) - 1 else ""
        if key == "source":
            lines.append(f'"{key}": {json.dumps(value, ensure_ascii=False)}{comma}')
            continue
        lines.append(f'"{key}": {{')
        items = list(value.items())
        for j, (code, entry) in enumerate(items):
            sep = "," if j < len(items) - 1 else ""
            lines.append(f"{json.dumps(code)}: {json.dumps(entry, ensure_ascii=False)}{sep}")
        lines.append("}" + comma)
    lines.append("}")
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Régénère schema/territoires.json depuis le COG (Etalab).")
    parser.add_argument("--version", default=DEFAULT_VERSION)
    parser.add_argument("--sortie", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = fetch(args.version, Path(tmp))
        write(build(data, args.version), args.sortie)
    print(f"Écrit : {args.sortie}")


if __name__ == "__main__":
    main()
