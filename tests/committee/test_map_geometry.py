"""The map's derivation (committee/map_geometry.py), and the committed file it wrote.

The committed schema/carte-france.json is checked as the site reads it: every
région and département is there, neighbours still share their borders after
simplification, and the overseas ones sit in their insets. The derivation
itself runs here on a small made-up source: the tests need no ../shared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from banque.committee import map_geometry
from banque.committee.map_geometry import OVERSEAS, derive, lambert93, path_data
from banque.committee.map_topology import shared_segments
from banque.paths import FRANCE_MAP

# The source files, as ../shared/geo/README.md lists them.
SOURCE_SHA256 = {
    "departements-avec-outre-mer.geojson": "0c331e85eef244d8014f68a4c256bb732e28776aceec53ddf849624f2eb6c163",
    "regions-avec-outre-mer.geojson": "a573b672264184d11a2f98220867653b092fe3a964433e30e3a0a4708d72d167",
}
_STEP = re.compile(r"(-?\d+)")


def shape_of(d: str) -> list:
    """Path data (« M x y l dx dy … z ») back to rings of absolute points."""
    rings = []
    for part in filter(None, d.split("M")):
        numbers = [int(n) for n in _STEP.findall(part)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring + [ring[0]])
    return [[r] for r in rings]


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(FRANCE_MAP.read_text(encoding="utf-8"))


def test_lambert93_matches_the_projection_definition():
    # The projection's origin (3° E, 46.5° N) is at (700 000, 6 600 000).
    x, y = lambert93(3.0, 46.5)
    assert abs(x - 700_000) < 0.01 and abs(y - 6_600_000) < 0.01
    # Notre-Dame de Paris (2.3499° E, 48.8530° N): about (652 400, 6 861 700) in EPSG:2154.
    x, y = lambert93(2.3499, 48.8530)
    assert abs(x - 652_400) < 1_000 and abs(y - 6_861_700) < 1_000


def test_path_data_round_trips_and_is_relative():
    shape = [[[(0.4, 0.0), (10.0, 0.2), (10.0, 10.0), (0.0, 10.0), (0.4, 0.0)]]]
    d = path_data(shape)
    assert d == "M0 0l10 0 0 10-10 0z"
    assert shape_of(d) == [[[(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]]]


def test_the_committed_file_comes_from_the_documented_source(committed):
    assert committed["sources_sha256"] == SOURCE_SHA256
    assert "ADMIN EXPRESS" in committed["source"] and "Licence Ouverte" in committed["licence"]
    assert len(committed["departements"]) == 101 and len(committed["regions"]) == 18


@pytest.mark.parametrize(("level", "a", "b"), [
    ("departements", "67", "68"), ("departements", "75", "92"), ("departements", "2A", "2B"),
    ("departements", "01", "69"), ("regions", "44", "32"), ("regions", "84", "93"), ("regions", "11", "24"),
])
def test_neighbours_still_share_their_border(committed, level, a, b):
    sa, sb = shape_of(committed[level][a]["d"]), shape_of(committed[level][b]["d"])
    assert shared_segments(sa, sb) >= 3, f"{a} et {b} ne se touchent plus"


def test_shapes_that_are_not_neighbours_share_nothing(committed):
    d = committed["departements"]
    assert shared_segments(shape_of(d["29"]["d"]), shape_of(d["67"]["d"])) == 0


def test_overseas_departements_sit_in_their_insets_below_the_mainland(committed):
    width, height = committed["cadre"][2], committed["cadre"][3]
    insets = committed["encarts"]
    assert list(insets) == OVERSEAS
    mainland_bottom = max(r["cadre"][3] for code, r in committed["departements"].items() if code not in OVERSEAS)
    for code in OVERSEAS:
        x, y, w, h = insets[code]
        x0, y0, x1, y1 = committed["departements"][code]["cadre"]
        assert x <= x0 < x1 <= x + w and y <= y0 < y1 <= y + h, f"{code} sort de son encart"
        assert y > mainland_bottom and y + h <= height and x + w <= width
        # Each fills its inset: a real map, not a dot.
        assert max(x1 - x0, y1 - y0) > 0.6 * w
    boxes = sorted(tuple(v) for v in insets.values())
    assert all(a[0] + a[2] < b[0] for a, b in zip(boxes, boxes[1:], strict=False))  # side by side


def test_a_region_shape_covers_its_departements(committed):
    x0, y0, x1, y1 = committed["regions"]["44"]["cadre"]
    for dept in ("08", "10", "51", "52", "54", "55", "57", "67", "68", "88"):
        a0, b0, a1, b1 = committed["departements"][dept]["cadre"]
        assert x0 - 20 <= a0 and a1 <= x1 + 20 and y0 - 20 <= b0 and b1 <= y1 + 20


# -- the derivation, on a made-up source ------------------------------------------

def _square(x: float, y: float, side: float, code: str, nom: str, east_border: list | None = None) -> dict:
    ring = [[x, y], [x + side, y], *(east_border or []), [x + side, y + side], [x, y + side], [x, y]]
    return {"type": "Feature", "properties": {"code": code, "nom": nom},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _source(folder: Path) -> Path:
    """Bas-Rhin and Haut-Rhin as two squares sharing a wiggly border, Grand Est
    around both, and each overseas département (and région) as a small square."""
    wiggle = [[5.0 + 0.001 * (i % 3), 45.0 + 0.06 * i] for i in range(1, 50)]
    depts = [_square(2.0, 45.0, 3.0, "68", "Haut-Rhin", wiggle),
             {**_square(5.0, 45.0, 3.0, "67", "Bas-Rhin"), "geometry": {"type": "Polygon", "coordinates": [
                 [[5.0, 45.0], [8.0, 45.0], [8.0, 48.0], [5.0, 48.0], *reversed(wiggle), [5.0, 45.0]]]}}]
    regions = [_square(2.0, 45.0, 6.0, "44", "Grand Est")]
    overseas = {"971": ("01", -61.5, 16.2), "972": ("02", -61.0, 14.6), "973": ("03", -53.0, 4.0),
                "974": ("04", 55.5, -21.1), "976": ("06", 45.1, -12.8)}
    for dept, (region, lon, lat) in overseas.items():
        depts.append(_square(lon, lat, 0.3, dept, f"Département {dept}"))
        regions.append(_square(lon, lat, 0.3, region, f"Région {region}"))
    for name, features in (("departements-avec-outre-mer.geojson", depts), ("regions-avec-outre-mer.geojson", regions)):
        (folder / name).write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return folder


def test_derive_keeps_the_shared_border_and_places_the_insets(tmp_path):
    data = derive(_source(tmp_path))
    assert set(data["departements"]) == {"67", "68", *OVERSEAS}
    assert set(data["regions"]) == {"44", "01", "02", "03", "04", "06"}
    bas, haut = shape_of(data["departements"]["67"]["d"]), shape_of(data["departements"]["68"]["d"])
    assert shared_segments(bas, haut) >= 1
    # Simplified: the 49 wiggles (about 100 m wide) are gone from the border.
    assert len(bas[0][0]) < 20
    for dept in OVERSEAS:
        x, y, w, h = data["encarts"][dept]
        x0, y0, x1, y1 = data["departements"][dept]["cadre"]
        assert x <= x0 and x1 <= x + w and y <= y0 and y1 <= y + h
        assert y > data["departements"]["67"]["cadre"][3]
    assert data["departements"]["67"]["nom"] == "Bas-Rhin"
    assert set(data["sources_sha256"]) == set(SOURCE_SHA256)


def test_main_says_in_french_when_the_source_is_missing(tmp_path, capsys):
    assert map_geometry.main([str(tmp_path / "absent")]) == 1
    err = capsys.readouterr().err
    assert "Fichiers source introuvables" in err and "regions-avec-outre-mer.geojson" in err
