"""Plane geometry on rings and polygons: areas, centroids, distances, label points,
clipping to a rectangle and segment crossings."""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterator, Sequence

from .topojson import Point, Polygon, Ring


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area; positive when clockwise on screen (y pointing down)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        total += x0 * y1 - x1 * y0
    if ring and ring[0] != ring[-1]:
        (x0, y0), (x1, y1) = ring[-1], ring[0]
        total += x0 * y1 - x1 * y0
    return total / 2


def ring_centroid(ring: Sequence[Point]) -> Point:
    area = signed_area(ring)
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    cx = cy = 0.0
    closed = list(ring) if ring[0] == ring[-1] else [*ring, ring[0]]
    for (x0, y0), (x1, y1) in zip(closed, closed[1:], strict=False):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * area), cy / (6 * area))


def _segment_distance_sq(p: Point, a: Point, b: Point) -> float:
    (px, py), (x, y) = p, a
    dx, dy = b[0] - x, b[1] - y
    if dx or dy:
        t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy)
        if t > 1:
            x, y = b
        elif t > 0:
            x += dx * t
            y += dy * t
    return (px - x) ** 2 + (py - y) ** 2


def _edges(polygon: Polygon) -> Iterator[tuple[Point, Point]]:
    for ring in polygon:
        closed = ring if ring[0] == ring[-1] else [*ring, ring[0]]
        yield from zip(closed, closed[1:], strict=False)


def inside_distance(point: Point, polygon: Polygon) -> float:
    """Distance from the point to the polygon's outline; negative when outside."""
    px, py = point
    inside = False
    best = math.inf
    for a, b in _edges(polygon):
        if (a[1] > py) != (b[1] > py) and px < (b[0] - a[0]) * (py - a[1]) / (
            b[1] - a[1]
        ) + a[0]:
            inside = not inside
        best = min(best, _segment_distance_sq(point, a, b))
    return (1 if inside else -1) * math.sqrt(best)


def pole_of_inaccessibility(polygon: Polygon, precision: float = 0.5) -> Point:
    """The interior point farthest from the outline (the "polylabel" method)."""
    xs = [x for x, _ in polygon[0]]
    ys = [y for _, y in polygon[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = min(x1 - x0, y1 - y0)
    if size <= 0:
        return (x0, y0)

    def cell(x: float, y: float, half: float) -> tuple[float, float, float, float]:
        d = inside_distance((x, y), polygon)
        # (-potential, distance, x, y, half) ordered as a max-heap on potential
        return (-(d + half * math.sqrt(2)), d, x, y, half)

    half = size / 2
    queue = []
    x = x0
    while x < x1:
        y = y0
        while y < y1:
            heapq.heappush(queue, cell(x + half, y + half, half))
            y += size
        x += size
    cx, cy = ring_centroid(polygon[0])
    best = (inside_distance((cx, cy), polygon), cx, cy)
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    best = max(best, (inside_distance(middle, polygon), *middle))
    while queue:
        neg_potential, d, x, y, half = heapq.heappop(queue)
        if d > best[0]:
            best = (d, x, y)
        if -neg_potential - best[0] <= precision:
            continue
        half /= 2
        for sx in (-half, half):
            for sy in (-half, half):
                heapq.heappush(queue, cell(x + sx, y + sy, half))
    return (best[1], best[2])


def label_point(polygon: Polygon) -> Point:
    """The centroid of the exterior ring, unless it falls outside or hugs the edge
    (as for Maryland or Michigan's shapes); then the pole of inaccessibility."""
    centroid = ring_centroid(polygon[0])
    pole = pole_of_inaccessibility(polygon)
    if inside_distance(centroid, polygon) >= 0.5 * inside_distance(pole, polygon):
        return centroid
    return pole


def clip_ring(
    ring: Sequence[Point], x0: float, y0: float, x1: float, y1: float
) -> Ring:
    """Sutherland-Hodgman clip of a closed ring to the rectangle x0..x1, y0..y1
    (open ring out); a ring wholly outside comes back empty."""
    points: Ring = list(ring[:-1]) if ring and ring[0] == ring[-1] else list(ring)
    if all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points):
        return points
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    for keep, cross in edges:
        if not points:
            break
        out: Ring = []
        previous = points[-1]
        for current in points:
            if keep(current):
                if not keep(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif keep(previous):
                out.append(cross(previous, current))
            previous = current
        points = out
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments ab and cd properly cross (touching ends do not count)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) * side(a, b, d) < 0) and (side(c, d, a) * side(c, d, b) < 0)
