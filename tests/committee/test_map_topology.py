"""Simplification that keeps shared borders shared (committee/map_topology.py)."""

from __future__ import annotations

import math

from banque.committee.map_topology import douglas_peucker, ring_area, shared_points, shared_segments, simplify


def _wiggle(n: int) -> list[tuple[float, float]]:
    """A border from (10, 0) to (10, 10) that wanders a little and once a lot."""
    return [(10 + (0.05 if i % 2 else -0.05) + (3.0 if i == n // 2 else 0.0), 10 * i / n) for i in range(n + 1)]


def _neighbours() -> dict:
    """Two squares side by side that share a wiggly border, drawn in opposite directions."""
    border = _wiggle(40)
    west = [(0.0, 0.0), *border, (0.0, 10.0), (0.0, 0.0)]
    east = [(20.0, 10.0), *reversed(border), (20.0, 0.0), (20.0, 10.0)]
    return {"ouest": [[west]], "est": [[east]]}


def test_douglas_peucker_keeps_the_ends_and_drops_what_does_not_matter():
    line = [(float(x), 0.01 * (x % 2)) for x in range(11)]
    assert douglas_peucker(line, 0.5) == [line[0], line[-1]]
    peak = [(0.0, 0.0), (1.0, 0.0), (2.0, 5.0), (3.0, 0.0), (4.0, 0.0)]
    assert douglas_peucker(peak, 1.0) == [(0.0, 0.0), (2.0, 5.0), (4.0, 0.0)]


def test_neighbours_share_exactly_the_same_simplified_border():
    shapes = _neighbours()
    before = shared_points(shapes["ouest"], shapes["est"])
    result = simplify(shapes, tolerance=0.5)
    common = shared_points(result["ouest"], result["est"])
    # Fewer points, yet the border is still drawn by both, segment for segment.
    assert len(common) < len(before)
    assert len(common) >= 3  # the big bend survives with both ends
    assert shared_segments(result["ouest"], result["est"]) == len(common) - 1
    west_border = [p for p in result["ouest"][0][0] if p in common]
    east_border = [p for p in result["est"][0][0] if p in common]
    assert sorted(west_border) == sorted(east_border)


def test_small_islands_are_dropped_but_never_a_whole_shape():
    circle = [(math.cos(t / 10) * 5, math.sin(t / 10) * 5) for t in range(63)]
    islet = [(30.0, 30.0), (30.2, 30.0), (30.2, 30.2), (30.0, 30.2), (30.0, 30.0)]
    shapes = {"ile": [[circle + [circle[0]]], [islet]], "ilot": [[islet]]}
    result = simplify(shapes, tolerance=0.3, min_area=1.0)
    assert len(result["ile"]) == 1  # the islet of "ile" is gone
    assert abs(ring_area(result["ile"][0][0])) > 50
    assert len(result["ile"][0][0]) < len(circle)
    assert result["ilot"] and abs(ring_area(result["ilot"][0][0])) > 0  # alone, it stays


def test_rings_stay_closed():
    result = simplify(_neighbours(), tolerance=0.5)
    for shape in result.values():
        for poly in shape:
            for ring in poly:
                assert ring[0] == ring[-1] and len(ring) >= 4
