"""bench/tailles.py finds the largest list page and measures each map's block."""

from __future__ import annotations

import gzip
from pathlib import Path

from bench.tailles import describe, map_fragment, page_sizes


def _page(site: Path, rel: str, body: str) -> None:
    folder = site / rel
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


def test_sizes_of_pages_lists_and_maps(tmp_path):
    carte = '<div class="carte-france"><svg>' + "<path d='M1 2l3 4z'/>" * 200 + "</svg></div>"
    _page(tmp_path, "", carte + "<div>après</div>")
    _page(tmp_path, "themes/insertion", "x" * 5000)
    _page(tmp_path, "acteurs/associations", "x" * 3000)
    _page(tmp_path, "territoires/grand-est", carte + carte[:40] + "</div>")
    _page(tmp_path, "explorer", "y" * 9000)
    sizes = page_sizes(tmp_path)
    assert sizes["page_html_max"][0] == "explorer"
    assert sizes["liste_max"][0] == "themes/insertion"
    assert sizes["cartes"]["accueil"] == ["", len(gzip.compress(carte.encode(), 9))]
    assert sizes["cartes"]["region"][0] == "territoires/grand-est"
    assert "couverture" not in sizes["cartes"]
    assert map_fragment("<p>sans carte</p>") == ""
    text = "\n".join(describe(sizes))
    assert "Plus grande page de liste : /themes/insertion/" in text and "Carte (accueil, /)" in text
