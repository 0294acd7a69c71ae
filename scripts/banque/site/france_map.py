"""The maps of France drawn on the site: régions shaded by their number of
published experiences (home and coverage pages), and a région's départements
(its page). Each view is laid out as inline SVG by templates/_carte.md.j2.

The geometry is the committed schema/carte-france.json (derived from IGN's
ADMIN EXPRESS by committee/map_geometry.py): the build never reads the source
files. Every shape is a link with an accessible name (« Grand Est : 6
expériences ») and carries its number written on it when there is room, so
that the shading is not the only way to read it; a table with the same numbers
sits beside the map, and a legend gives each shade's range.
"""

from __future__ import annotations

import functools
import json
import posixpath

from banque.paths import FRANCE_MAP

NBSP = "\u00a0"
SHADES = 5  # shade 0: no experience; shades 1 to 4: ranges of the non-zero counts


@functools.cache
def geometry() -> dict:
    return json.loads(FRANCE_MAP.read_text(encoding="utf-8"))


def attribution() -> dict:
    """Source and licence of the geometry, for the pages that state them."""
    g = geometry()
    return {"source": g["source"], "licence": g["licence"], "licence_url": g["licence_url"], "edition": g["edition"]}


def page_href(target: str, here: str) -> str:
    """The link from docs page `here` to docs page `target` (a « page.md » or
    « page.md#ancre »), as mkdocs publishes them (folder URLs). Raw HTML is
    passed through as it is, so the address is the published one."""
    path, _, anchor = target.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if path == here:
        return suffix or "./"
    rel = posixpath.relpath(published(path) or ".", published(here) or ".")
    return ("./" if rel == "." else rel + "/") + suffix


def published(path: str) -> str:
    """The folder URL mkdocs gives docs page `path`: « a/b.md » → « a/b/ », « a/index.md » → « a/ »."""
    stem = path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def shade_bounds(counts: list[int]) -> list[int]:
    """The lower bound of shades 1…4: quartiles of the distinct non-zero counts."""
    values = sorted({c for c in counts if c > 0})
    if not values:
        return []
    bounds = [values[min(len(values) - 1, (len(values) * k) // (SHADES - 1))] for k in range(SHADES - 1)]
    return sorted(set(bounds))


# Which shades n ranges take: spread over the scale, the highest always the darkest.
_SPREAD = {1: [3], 2: [2, 4], 3: [2, 3, 4], 4: [1, 2, 3, 4]}


def shade(count: int, bounds: list[int]) -> int:
    if count <= 0 or not bounds:
        return 0
    return _SPREAD[len(bounds)][max(i for i, b in enumerate(bounds) if count >= b)]


def experiences(n: int) -> str:
    return f"{n}{NBSP}expérience" + ("s" if n > 1 else "") if n else "aucune expérience"


def legend(bounds: list[int]) -> list[dict]:
    items = [{"teinte": 0, "texte": "Aucune expérience"}]
    for i, low in enumerate(bounds):
        high = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
        plural = "s" if (high or low) > 1 else ""
        if high is None:
            text = f"{low}{NBSP}expérience{plural} ou plus"
        else:
            text = f"{low}{NBSP}expérience{plural}" if high == low else f"{low} à {high}{NBSP}expériences"
        items.append({"teinte": shade(low, bounds), "texte": text})
    return items


def _view(ident: str, title: str, shapes: list[dict], box: list[int], level_label: str) -> dict:
    bounds = shade_bounds([s["nombre"] for s in shapes])
    width = box[2]
    for s in shapes:
        s["teinte"] = shade(s["nombre"], bounds)
        s["texte_sombre"] = s["teinte"] < 3
        # The number is written on a shape that has experiences and room for it.
        s["ecrit"] = s["nombre"] > 0 and min(s["largeur"], s["hauteur"]) >= width / 18
    return {
        "id": ident,
        "titre": title,
        "cadre": " ".join(str(v) for v in box),
        "police": max(1, round(width / 24)),
        "trait": max(1, round(width / 800)),
        "formes": shapes,
        "legende": legend(bounds),
        "niveau": level_label,
        "encarts": [],
        "attribution": attribution(),
    }


def _shape(record: dict, nombre: int, href: str, name: str, label: str | None = None) -> dict:
    x0, y0, x1, y1 = record["cadre"]
    return {
        "nom": name,
        "d": record["d"],
        "href": href,
        "nombre": nombre,
        "libelle": label or f"{name}{NBSP}: {experiences(nombre)}",
        "x": record["etiquette"][0],
        "y": record["etiquette"][1],
        "largeur": x1 - x0,
        "hauteur": y1 - y0,
        "lien_tableau": True,  # the table links the name too (a département without experience: no)
    }


def regions_map(regions: list[dict], here: str, ident: str = "carte-regions") -> dict:
    """The map of régions. `regions`: {code, nom, page, nombre} for each région
    (territories.region_list); régions without a shape are left out."""
    g = geometry()
    shapes = [_shape(g["regions"][r["code"]], r["nombre"], page_href(r["page"], here), r["nom"])
              for r in regions if r["code"] in g["regions"]]
    view = _view(ident, "Nombre d'expériences publiées par région", shapes, g["cadre"], "Région")
    view["encarts"] = [{"x": x, "y": y, "largeur": w, "hauteur": h} for x, y, w, h in g["encarts"].values()]
    return view


def departements_map(region: str, depts: list[dict], here: str, propose: str) -> dict:
    """The map of one région's départements. `depts`: {code, nom, nombre}; a
    département with experiences links to its section of the région page
    (#dep-CODE), one without links to the form to propose one (`propose`)."""
    g = geometry()
    shapes = []
    for d in depts:
        if d["code"] not in g["departements"]:
            continue
        name = f"{d['nom']} ({d['code']})"
        if d["nombre"]:
            shapes.append(_shape(g["departements"][d["code"]], d["nombre"], f"#dep-{d['code']}", name))
        else:
            # In the table, its bare name: « Ardennes (08) » already names the
            # link to its section in the page's table of contents.
            shapes.append(_shape(g["departements"][d["code"]], 0, page_href(propose, here), name,
                                 f"{name}{NBSP}: aucune expérience, en proposer une") | {"lien_tableau": False})
    if not shapes:
        return {}
    boxes = [g["departements"][d["code"]]["cadre"] for d in depts if d["code"] in g["departements"]]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad = round(max(x1 - x0, y1 - y0) * 0.03)
    box = [x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad]
    name = g["regions"][region]["nom"] if region in g["regions"] else region
    return _view(f"carte-{region}", f"Nombre d'expériences publiées par département, {name}", shapes, box, "Département")
