"""Topology-preserving simplification of polygons that share borders.

Each ring is cut into chains at its junctions (points where the set of rings
passing through changes: the ends of a shared border, a meeting of three
shapes). A chain shared by two neighbours appears in both, once in each
direction; it is simplified once (Douglas-Peucker, ends kept), and the same
simplified chain is put back into both. Neighbours therefore keep exactly the
same border after simplification, with no gap and no overlap: the principle of
TopoJSON's arcs, in pure Python so that regenerating the map needs no compiled
dependency.

A shape is a list of polygons; a polygon a list of rings (outer first, then
holes); a ring a list of (x, y) points, closed (first point == last point).
"""

from __future__ import annotations

from collections import defaultdict

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]
Shape = list[Polygon]


def _open(ring: Ring) -> Ring:
    return ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def douglas_peucker(chain: list[Point], tolerance: float) -> list[Point]:
    """`chain` with only the points that move it more than `tolerance`; its ends are kept."""
    if len(chain) < 3:
        return list(chain)
    keep = [False] * len(chain)
    keep[0] = keep[-1] = True
    stack = [(0, len(chain) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, 0
        for i in range(first + 1, last):
            d = _segment_distance(chain[i], chain[first], chain[last])
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(chain, keep, strict=True) if k]


def ring_area(ring: Ring) -> float:
    """Signed area (shoelace); its absolute value is the ring's area."""
    pts = _open(ring)
    return sum(pts[i - 1][0] * p[1] - p[0] * pts[i - 1][1] for i, p in enumerate(pts)) / 2


def _junctions(rings: list[Ring]) -> set[Point]:
    """Points where the set of rings through a point changes along some ring."""
    through: dict[Point, set[int]] = defaultdict(set)
    for i, ring in enumerate(rings):
        for p in ring:
            through[p].add(i)
    found: set[Point] = set()
    for ring in rings:
        n = len(ring)
        for k, p in enumerate(ring):
            if len(through[p]) > 2 or through[p] != through[ring[k - 1]] or through[p] != through[ring[(k + 1) % n]]:
                found.add(p)
    return found


def _chains(ring: Ring, junctions: set[Point]) -> list[list[Point]]:
    """The ring cut at its junctions, as chains that share their end points. A
    ring without junction (an island) is cut at its first point and the point
    farthest from it, so that each half keeps its shape."""
    cuts = [k for k, p in enumerate(ring) if p in junctions]
    if not cuts:
        far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
        cuts = [0, far] if far else [0]
    start = cuts[0]
    turned = ring[start:] + ring[:start]  # begins at a junction
    offsets = [(k - start) % len(ring) for k in cuts] + [len(ring)]
    turned.append(turned[0])
    return [turned[a:b + 1] for a, b in zip(offsets, offsets[1:], strict=False)]


def simplify(shapes: dict[str, Shape], tolerance: float, min_area: float = 0.0) -> dict[str, Shape]:
    """Every shape simplified with shared borders simplified once, the same way.

    An island ring (no border shared with anything) whose area falls under
    `min_area` is dropped, unless it is the shape's only outer ring."""
    rings = [_open(r) for shape in shapes.values() for poly in shape for r in poly]
    junctions = _junctions(rings)
    done: dict[tuple[Point, ...], list[Point]] = {}

    def simplified(chain: list[Point]) -> list[Point]:
        key, back = tuple(chain), tuple(reversed(chain))
        if key in done:
            return done[key]
        if back in done:
            return list(reversed(done[back]))
        done[key] = douglas_peucker(chain, tolerance)
        return done[key]

    result: dict[str, Shape] = {}
    for code, shape in shapes.items():
        polygons: Shape = []
        for poly in shape:
            kept: Polygon = []
            for ring in poly:
                pts = _open(ring)
                out: Ring = []
                for chain in _chains(pts, junctions):
                    out += simplified(chain)[:-1]
                out.append(out[0])
                island = not any(p in junctions for p in pts)
                if len(out) >= 4 and not (island and abs(ring_area(out)) < min_area):
                    kept.append(out)
                elif not kept:
                    break  # the outer ring is gone: its holes go with it
            if kept:
                polygons.append(kept)
        if not polygons:  # never lose a whole shape: keep its largest outer ring as it was
            largest = max((poly[0] for poly in shape), key=lambda r: abs(ring_area(r)))
            polygons = [[_open(largest) + [largest[0]]]]
        result[code] = polygons
    return result


def shared_points(a: Shape, b: Shape) -> set[Point]:
    """Points that lie on both shapes' rings (their common border)."""
    pa = {p for poly in a for r in poly for p in r}
    return {p for poly in b for r in poly for p in r if p in pa}


def shared_segments(a: Shape, b: Shape) -> int:
    """How many segments (pairs of consecutive points) both shapes draw."""
    def segments(shape: Shape) -> set[frozenset[Point]]:
        return {frozenset((r[i], r[i + 1])) for poly in shape for r in poly for i in range(len(r) - 1)}
    return len(segments(a) & segments(b))
