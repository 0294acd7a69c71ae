"""Derive the site's light map of France from IGN's geometry (../shared/geo/).

    python -m banque.committee.map_geometry [DOSSIER_SOURCE]   (or `make carte`)

reads the régions and départements of ADMIN EXPRESS (GeoJSON, longitude and
latitude), projects metropolitan France in Lambert-93 (EPSG:2154), places each
overseas département in an inset below it (a local projection scaled to fit
its box), simplifies every border once for both neighbours (map_topology), and
writes schema/carte-france.json: SVG path data in map units (1 unit = 100 m in
metropolitan France), with each shape's box and label point. The site's build
reads only that committed file; this tool is run by hand when the source
changes, and needs nothing beyond the standard library.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

from banque.committee.map_topology import Point, Shape, ring_area, simplify
from banque.paths import FRANCE_MAP, PROJECT

SOURCE = PROJECT.parent / "shared" / "geo"
FILES = {"regions": "regions-avec-outre-mer.geojson", "departements": "departements-avec-outre-mer.geojson"}
ATTRIBUTION = {
    "source": "IGN – ADMIN EXPRESS COG 2018, codes et noms de l'INSEE (COG 2018), via france-geojson",
    "licence": "Licence Ouverte / Open Licence (Etalab)",
    "licence_url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "edition": "2018",
}
# Tolerance of the simplification, in map units: coarser for the map of all
# régions, finer for the départements (a région page zooms in on them).
TOLERANCE = {"regions": 12.0, "departements": 3.0}
MIN_AREA = {"regions": 400.0, "departements": 60.0}  # smaller islands are left out
# Overseas départements, in the insets' order (left to right).
OVERSEAS = ["971", "972", "973", "974", "976"]
UNIT = 100.0  # metres per map unit in metropolitan France
MARGIN = 100.0  # map units around the metropolitan map and each inset
INSET_GAP = 150.0

# Lambert-93: conformal conic on GRS80, standard parallels 44° and 49° N.
_A, _E = 6378137.0, 0.0818191910428158
_LON0, _X0, _Y0 = math.radians(3.0), 700000.0, 6600000.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_P1, _P2, _P0 = math.radians(49.0), math.radians(44.0), math.radians(46.5)
_N = (math.log(_m(_P1)) - math.log(_m(_P2))) / (math.log(_t(_P1)) - math.log(_t(_P2)))
_F = _m(_P1) / (_N * _t(_P1) ** _N)
_RHO0 = _A * _F * _t(_P0) ** _N


def lambert93(lon: float, lat: float) -> Point:
    """Longitude and latitude (degrees) → Lambert-93 easting and northing (metres)."""
    rho = _A * _F * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


def _polygons(geometry: dict) -> list:
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def _map(shape: list, fn: Callable[[float, float], Point]) -> Shape:
    return [[[fn(x, y) for x, y in ring] for ring in poly] for poly in shape]


def _box(shape: Shape) -> tuple[float, float, float, float]:
    xs = [p[0] for poly in shape for r in poly for p in r]
    ys = [p[1] for poly in shape for r in poly for p in r]
    return min(xs), min(ys), max(xs), max(ys)


def _union_box(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def place(features: dict[str, dict], dept_region: dict[str, str]) -> tuple[dict[str, dict[str, Shape]], dict]:
    """Project both levels into map units: metropolitan France on top (y down),
    the overseas départements (and their régions) each in an inset below.

    `features`: level → code → GeoJSON geometry; `dept_region`: département → région.
    Returns the placed shapes (level → code → shape) and the frame: the map's
    box and each inset's box, keyed by département code."""
    metro = {lvl: {c: _map(_polygons(g), lambda x, y: lambert93(x, y)) for c, g in shapes.items()
                   if (c not in OVERSEAS if lvl == "departements" else c not in {dept_region[d] for d in OVERSEAS})}
             for lvl, shapes in features.items()}
    x0, y0, x1, y1 = _union_box([_box(s) for s in metro["departements"].values()])
    left, top = x0 - MARGIN * UNIT, y1 + MARGIN * UNIT

    def to_units(p: Point) -> Point:
        return (p[0] - left) / UNIT, (top - p[1]) / UNIT

    placed = {lvl: {c: _map(s, lambda x, y: to_units((x, y))) for c, s in shapes.items()} for lvl, shapes in metro.items()}
    width = (x1 - x0) / UNIT + 2 * MARGIN
    height = (y1 - y0) / UNIT + 2 * MARGIN
    side = (width - INSET_GAP * (len(OVERSEAS) + 1)) / len(OVERSEAS)
    insets = {}
    for i, dept in enumerate(OVERSEAS):
        geo = _polygons(features["departements"][dept])
        lon0 = sum(p[0] for p in geo[0][0]) / len(geo[0][0])
        lat0 = sum(p[1] for p in geo[0][0]) / len(geo[0][0])
        k = math.cos(math.radians(lat0))

        def equirectangular(x: float, y: float, lon0: float = lon0, k: float = k) -> Point:
            return (x - lon0) * k, -y  # y down, as on screen

        local = _map(geo, equirectangular)
        bx0, by0, bx1, by1 = _box(local)
        inner = side - 2 * MARGIN
        scale = inner / max(bx1 - bx0, by1 - by0)
        ox = INSET_GAP + i * (side + INSET_GAP) + MARGIN + (inner - (bx1 - bx0) * scale) / 2
        oy = height + INSET_GAP + MARGIN + (inner - (by1 - by0) * scale) / 2

        def fit(x: float, y: float, lon0: float = lon0, k: float = k, ox: float = ox, oy: float = oy,
                scale: float = scale, bx0: float = bx0, by0: float = by0) -> Point:
            return ox + ((x - lon0) * k - bx0) * scale, oy + (-y - by0) * scale

        placed["departements"][dept] = _map(geo, fit)
        placed["regions"][dept_region[dept]] = _map(_polygons(features["regions"][dept_region[dept]]), fit)
        insets[dept] = [round(INSET_GAP + i * (side + INSET_GAP)), round(height + INSET_GAP), round(side), round(side)]
    frame = {"cadre": [0, 0, round(width), round(height + side + 2 * INSET_GAP)], "encarts": insets}
    return placed, frame


def path_data(shape: Shape) -> str:
    """SVG path data, integer map units, relative moves: « M12 34l5 -2…z »."""
    parts = []
    for poly in shape:
        for ring in poly:
            pts = [(round(x), round(y)) for x, y in ring[:-1]]
            pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
            if len(pts) < 3:
                continue
            steps = [f"{b[0] - a[0]} {b[1] - a[1]}" for a, b in zip(pts, pts[1:], strict=False)]
            parts.append(f"M{pts[0][0]} {pts[0][1]}l" + " ".join(steps) + "z")
    return "".join(parts).replace(" -", "-")


def label_point(shape: Shape) -> list[int]:
    """The centroid of the shape's largest polygon (where its number is written)."""
    ring = max((poly[0] for poly in shape), key=lambda r: abs(ring_area(r)))
    a = ring_area(ring) or 1.0
    cx = sum((p[0] + q[0]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(ring, ring[1:], strict=False)) / (6 * a)
    cy = sum((p[1] + q[1]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(ring, ring[1:], strict=False)) / (6 * a)
    return [round(cx), round(cy)]


def derive(source: Path) -> dict:
    """The map file's content, from the GeoJSON files in `source`."""
    raw = {lvl: json.loads((source / name).read_text(encoding="utf-8")) for lvl, name in FILES.items()}
    features = {lvl: {f["properties"]["code"]: f["geometry"] for f in data["features"]} for lvl, data in raw.items()}
    names = {lvl: {f["properties"]["code"]: f["properties"]["nom"] for f in data["features"]} for lvl, data in raw.items()}
    from banque.sheets.territory import territories

    dept_region = {d: territories().region_of(d) for d in features["departements"]}
    placed, frame = place(features, dept_region)
    result: dict = {**ATTRIBUTION, "sources_sha256": {
        name: hashlib.sha256((source / name).read_bytes()).hexdigest() for name in FILES.values()}, **frame}
    for lvl in FILES:
        simple = simplify(placed[lvl], TOLERANCE[lvl], MIN_AREA[lvl])
        result[lvl] = {code: {"nom": names[lvl][code], "d": path_data(shape), "etiquette": label_point(shape),
                              "cadre": [round(v) for v in _box(shape)]}
                       for code, shape in sorted(simple.items())}
    return result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else SOURCE
    if not all((source / name).is_file() for name in FILES.values()):
        print(f"Fichiers source introuvables dans {source} : {', '.join(FILES.values())}.", file=sys.stderr)
        return 1
    data = derive(source)
    FRANCE_MAP.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Carte écrite : {FRANCE_MAP.relative_to(PROJECT)} ({FRANCE_MAP.stat().st_size // 1024} Ko).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
