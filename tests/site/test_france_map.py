"""The maps of France (site/france_map.py, templates/_carte.md.j2): links,
accessible names, shades and legend, and a build that reads only the committed
geometry, never ../shared."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from banque.sheets.territory import territories
from banque.sheets.text import fold
from banque.site import france_map
from banque.site.france_map import NBSP, legend, page_href, published, shade, shade_bounds
from banque.site.pages import pages
from banque.site.pages.page import Groups
from banque.site.pages.territories import region_list
from tests.conftest import ROOT

GRAND_EST = "44"


def test_published_addresses_are_folders():
    assert published("index.md") == ""
    assert published("territoires/index.md") == "territoires/"
    assert published("territoires/grand-est.md") == "territoires/grand-est/"


@pytest.mark.parametrize(("target", "here", "href"), [
    ("territoires/grand-est.md", "index.md", "territoires/grand-est/"),
    ("territoires/grand-est.md", "couverture.md", "../territoires/grand-est/"),
    ("proposer.md", "territoires/grand-est.md", "../../proposer/"),
    ("territoires/grand-est.md#dep-67", "territoires/grand-est.md", "#dep-67"),
    ("index.md", "territoires/index.md", "../"),
    ("index.md", "index.md", "./"),
])
def test_links_are_the_published_relative_addresses(target, here, href):
    assert page_href(target, here) == href


def test_shades_spread_the_counts_and_the_legend_names_each_range():
    counts = [0, 1, 2, 3, 5, 8, 13, 40]
    bounds = shade_bounds(counts)
    assert bounds == sorted(bounds) and bounds[0] == 1 and len(bounds) == 4
    assert shade(0, bounds) == 0 and shade(1, bounds) == 1 and shade(40, bounds) == 4
    assert [shade(c, bounds) for c in counts] == sorted(shade(c, bounds) for c in counts)
    texts = [item["texte"] for item in legend(bounds)]
    assert texts[0] == "Aucune expérience" and texts[-1].endswith("expériences ou plus")
    # Two distinct counts: two ranges, the higher in the darkest shade.
    assert [shade(c, shade_bounds([2, 6])) for c in (2, 6)] == [2, 4]
    assert legend(shade_bounds([1]))[1]["texte"] == f"1{NBSP}expérience ou plus"
    assert shade_bounds([0, 0]) == [] and legend([]) == [{"teinte": 0, "texte": "Aucune expérience"}]


def test_every_region_is_a_named_link_with_its_count(site_bank):
    groups = Groups.of(site_bank.experiences)
    view = france_map.regions_map(region_list(groups), "index.md")
    shapes = {s["nom"]: s for s in view["formes"]}
    assert len(shapes) == 18
    grand_est = shapes["Grand Est"]
    n = len(groups.region[GRAND_EST])
    assert grand_est["nombre"] == n > 0
    assert grand_est["libelle"] == f"Grand Est{NBSP}: {n}{NBSP}expérience" + ("s" if n > 1 else "")
    assert grand_est["href"] == "territoires/grand-est/" and grand_est["teinte"] > 0 and grand_est["ecrit"]
    assert shapes["Corse"]["libelle"] == f"Corse{NBSP}: aucune expérience" and not shapes["Corse"]["ecrit"]
    assert len(view["encarts"]) == 5


def test_a_region_map_shows_its_departements_and_links_each(site_bank):
    depts = [{"code": "67", "nom": "Bas-Rhin", "nombre": 3}, {"code": "68", "nom": "Haut-Rhin", "nombre": 0}]
    view = france_map.departements_map(GRAND_EST, depts, "territoires/grand-est.md", "proposer.md")
    bas, haut = view["formes"]
    assert bas["href"] == "#dep-67" and bas["libelle"] == f"Bas-Rhin (67){NBSP}: 3{NBSP}expériences"
    assert haut["href"] == "../../proposer/" and "aucune expérience, en proposer une" in haut["libelle"]
    # The table names it without a link: « Haut-Rhin (68) » leads to its section elsewhere on the page.
    assert bas["lien_tableau"] and not haut["lien_tableau"]
    x, y, w, h = (int(v) for v in view["cadre"].split())
    for code in ("67", "68"):
        x0, y0, x1, y1 = france_map.geometry()["departements"][code]["cadre"]
        assert x <= x0 and x1 <= x + w and y <= y0 and y1 <= y + h
    assert france_map.departements_map("00", [], "x.md", "proposer.md") == {}


def test_the_pages_carry_the_maps_and_the_licence(site_bank, site_cfg):
    from banque.paths import TEMPLATES
    from banque.sheets.templating import environment
    from banque.site.render import render_page

    env = environment(TEMPLATES)
    rendered = {p.path: render_page(env, p) for p in pages(site_bank, site_cfg)}
    home = rendered["index.md"]
    assert home.count('<a href="territoires/') >= 18 and '<svg class="carte-svg"' in home
    assert "Licence Ouverte" in home and "ADMIN EXPRESS" in home
    region = rendered["territoires/grand-est.md"]
    assert 'aria-label="Bas-Rhin (67)' in region and 'class="carte-tableau"' in region
    cover = rendered["couverture.md"]
    assert '<svg class="carte-svg"' in cover and 'class="carte-tableau"' not in cover  # its own tables say it
    for page in ("donnees.md", "a-propos/index.md"):
        assert "ADMIN EXPRESS COG 2018" in rendered[page] and "Licence Ouverte" in rendered[page]
    # An HTML block: no blank line inside, or Markdown would take over halfway.
    for text in (home, region, cover):
        block = text[text.index('<div class="carte-france'):]
        block = block[:block.index("</div>")]
        assert "\n\n" not in block


def test_the_build_code_never_reads_the_shared_source():
    site = ROOT / "scripts" / "banque" / "site"
    offenders = [p.name for p in site.rglob("*.py") if re.search(r"\.\./shared|shared/geo|['\"]shared['\"]|geojson", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_a_clone_without_shared_builds_its_maps(tmp_path):
    """The tracked files only, copied where no ../shared sits next to them, build
    with their own package (PYTHONPATH) and draw the maps."""
    clone = tmp_path / "clone"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode()
    for rel in filter(None, files.split("\0")):
        if (ROOT / rel).is_file():
            (clone / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, clone / rel)
    assert not (clone.parent / "shared").exists()
    env = {**os.environ, "PYTHONPATH": str(clone / "scripts"), "SOURCE_DATE_EPOCH": "1420675200"}
    where = subprocess.run([sys.executable, "-c", "import banque.paths as p; print(p.FRANCE_MAP)"],
                           cwd=clone, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert where == str(clone / "schema" / "carte-france.json")
    result = subprocess.run([sys.executable, "-m", "banque.cli", "construire", "--contenu", str(clone / "content"),
                             "--sortie", str(tmp_path / "build")], cwd=clone, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (tmp_path / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert home.count('<path class="carte-forme') == 18
    region = (tmp_path / "build" / "site" / "territoires" / "grand-est" / "index.html").read_text(encoding="utf-8")
    assert region.count('<path class="carte-forme') == 10


def test_a_sheet_placed_in_a_former_region_counts_in_today_s():
    """The content names former régions (« Alsace », « Rhône-Alpes »): their
    sheets are counted, and shaded, in today's région."""
    from tests.navigateur import CONTENT, load_bank

    bank = load_bank(CONTENT).visible(False)
    ref = territories()
    former = {fold(f["nom"]): ref.today_region(f) for f in ref.former.values() if f["nom"] not in
              {r["nom"] for r in ref.regions.values()}}
    placed = [(s, former[fold(code)]) for s in bank.experiences for t in s.model.territoires for code in t.codes
              if fold(code) in former]
    assert placed, "le contenu ne cite plus d'ancienne région : choisir un autre exemple"
    shapes = {s["nom"]: s for s in france_map.regions_map(region_list(Groups.of(bank.experiences)), "index.md")["formes"]}
    for sheet, today in placed:
        counted = [s for s in bank.experiences if today in s.regions]
        assert sheet in counted
        assert shapes[ref.regions[today]["nom"]]["nombre"] == len(counted) > 0
