"""Tailles des pages d'un site construit : la plus grande page, la plus grande
page de liste (thèmes, types d'acteurs, modèles, territoires) et ce que chaque
carte de France ajoute à sa page, compressé (gzip -9).

    python bench/tailles.py [N]   une banque de N fiches (5000 par défaut),
                                  construite une seule fois, sans le reste du banc

bench/run.py en tire ses lignes « Plus grande page de liste » et « Carte … ».
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Les dossiers des pages qui listent des fiches.
LIST_FOLDERS = ("themes", "acteurs", "modeles", "territoires")
MAP_START = '<div class="carte-france'
LIST_LIMIT = 150 * 1024
MAP_LIMIT = 40 * 1024


def map_fragment(html: str) -> str:
    """Le bloc de la carte dans une page (elle ne contient pas d'autre <div>), ou ""."""
    start = html.find(MAP_START)
    if start < 0:
        return ""
    return html[start:html.index("</div>", start) + len("</div>")]


def page_sizes(site: Path) -> dict:
    pages = {p.relative_to(site).parent.as_posix().strip("."): p.stat().st_size for p in site.rglob("index.html")}
    lists = {k: v for k, v in pages.items() if k.split("/")[0] in LIST_FOLDERS}
    maps: dict[str, tuple[str, int]] = {}
    for rel in pages:
        kind = {"": "accueil", "couverture": "couverture"}.get(rel, "region" if rel.startswith("territoires/") else "")
        if not kind:
            continue
        fragment = map_fragment((site / rel / "index.html").read_text(encoding="utf-8"))
        if fragment:
            size = len(gzip.compress(fragment.encode("utf-8"), 9))
            if size > maps.get(kind, ("", -1))[1]:
                maps[kind] = (rel, size)
    biggest = max(pages.items(), key=lambda kv: kv[1], default=("", 0))
    biggest_list = max(lists.items(), key=lambda kv: kv[1], default=("", 0))
    return {"page_html_max": list(biggest), "liste_max": list(biggest_list),
            "cartes": {k: list(v) for k, v in sorted(maps.items())}}


def describe(sizes: dict) -> list[str]:
    page, size = sizes["page_html_max"]
    lst, lsize = sizes["liste_max"]
    lines = [f"Plus grande page : /{page + '/' if page else ''} ({size / 1024:.0f} Ko)",
             f"Plus grande page de liste : /{lst}/ ({lsize / 1024:.0f} Ko, objectif ≤ 150 Ko)"]
    for kind, (rel, gz) in sizes["cartes"].items():
        lines.append(f"Carte ({kind}, /{rel + '/' if rel else ''}) : {gz / 1024:.1f} Ko gzip (objectif ≤ 40 Ko)")
    return lines


def main(argv: list[str]) -> int:
    from bench.generate import generate

    n = int(argv[0]) if argv else 5000
    with tempfile.TemporaryDirectory(prefix=f"banque-tailles-{n}-") as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        generate(n, content, seed=0)
        env = dict(os.environ, SOURCE_DATE_EPOCH="1420675200")
        subprocess.run([sys.executable, "-m", "banque.cli", "construire", "--contenu", str(content),
                        "--sortie", str(out)], check=True, env=env, stdout=subprocess.DEVNULL)
        print(f"{n} fiches")
        print("\n".join(describe(page_sizes(out / "site"))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
