"""State outlines for the server-rendered SVG map.

The outlines come from the ``us-atlas`` npm package (installed with ``npm ci``, read
from disk; the browser never asks a third party for them). We use its pre-projected
file ``states-albers-10m.json``: a TopoJSON topology whose coordinates are already
projected (Albers USA, with Alaska and Hawaii as insets) into a 975x610 box with y
pointing down, so they are SVG user units as they stand.

This module holds a small TopoJSON decoder (quantized, delta-encoded arcs; negative
arc indices for reversed arcs; Polygon and MultiPolygon with holes), turns each of
the 50 states and DC into compact SVG path data, and places call-out boxes for the
states too small to click on the map itself.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pathways.places.jurisdictions import STATES

VIEWBOX = "0 0 975 610"
VIEW_WIDTH = 975.0
VIEW_HEIGHT = 610.0

ATLAS_RELATIVE_PATH = Path("node_modules/us-atlas/states-albers-10m.json")
ATLAS_OBJECT = "states"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # first ring is the exterior, any others are holes

POSTAL_BY_FIPS: dict[str, str] = {fips: postal for fips, postal, _, _ in STATES}
FIPS_BY_POSTAL: dict[str, str] = {postal: fips for fips, postal, _, _ in STATES}

# States too small to click comfortably on the 975x610 map (postal codes). Each gets
# a call-out box; callouts() orders the boxes so the leader lines do not cross.
SMALL_STATES: tuple[str, ...] = ("VT", "NH", "MA", "RI", "CT", "NJ", "DE", "MD", "DC")

# Call-out boxes: one column in the empty Atlantic to the right of the Northeast,
# below Cape Cod and well clear of the coast from New Jersey to Florida.
CALLOUT_X = 924.0
CALLOUT_TOP = 200.0
CALLOUT_WIDTH = 40.0
CALLOUT_HEIGHT = 22.0
CALLOUT_GAP = 4.0


@dataclass(frozen=True)
class StateShape:
    fips: str
    name: str
    d: str  # SVG path data: absolute M/L/Z, one decimal place
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1
    label: Point  # a point well inside the state's largest polygon

    @property
    def postal(self) -> str:
        return POSTAL_BY_FIPS[self.fips]


@dataclass(frozen=True)
class Callout:
    """A second click target for a small state, drawn in the ocean margin."""

    fips: str
    postal: str
    name: str
    x: float
    y: float
    w: float
    h: float
    anchor: Point  # start of the leader line: the state's label point

    @property
    def leader_end(self) -> Point:
        """Where the leader line meets the box (middle of its left edge)."""
        return (self.x, self.y + self.h / 2)

    @property
    def center(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)


# --- Locating the file --------------------------------------------------------


def atlas_path() -> Path:
    """The pre-projected us-atlas states file (``settings.PATHWAYS_ATLAS_FILE`` if set)."""
    configured = getattr(settings, "PATHWAYS_ATLAS_FILE", None)
    if configured:
        path = Path(configured)
    else:
        path = Path(settings.BASE_DIR) / ATLAS_RELATIVE_PATH
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The US state outlines were not found at {path}. Run `npm ci` in "
            f"{settings.BASE_DIR} to install the us-atlas package (or point "
            "PATHWAYS_ATLAS_FILE at a copy of states-albers-10m.json)."
        )
    return path


# --- TopoJSON decoding --------------------------------------------------------


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Point]]:
    """All arcs of a topology as absolute coordinates.

    With a ``transform`` the arcs are quantized and delta-encoded: each position after
    the first is relative to the previous one, and the running integer sum maps to
    ``x * scale[0] + translate[0]``, ``y * scale[1] + translate[1]``.
    """
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    if transform is None:
        for arc in topology["arcs"]:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
        return arcs
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def stitch_ring(indices: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Join arcs into one closed ring (first point repeated at the end).

    A negative index ``i`` means arc ``~i`` (``-i - 1``) traversed backwards. Each arc
    starts where the previous one ended, so that shared point is kept only once.
    """
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc[1:] if ring else arc)
    if ring and ring[0] != ring[-1]:
        raise ValueError(f"arcs {list(indices)} do not form a closed ring")
    return ring


def geometry_polygons(
    geometry: Mapping[str, Any], arcs: Sequence[Sequence[Point]]
) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon geometry (none for a null one)."""
    kind = geometry.get("type")
    if kind is None:
        return []
    if kind == "Polygon":
        polygons = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        polygons = geometry["arcs"]
    else:
        raise ValueError(f"unsupported geometry type for an area: {kind!r}")
    return [[stitch_ring(ring, arcs) for ring in polygon] for polygon in polygons]


@dataclass(frozen=True)
class Feature:
    id: str | None
    properties: Mapping[str, Any]
    polygons: list[Polygon]


def decode_object(topology: Mapping[str, Any], name: str) -> Iterator[Feature]:
    """Each geometry of the named object (a GeometryCollection or one geometry)."""
    arcs = decode_arcs(topology)
    obj = topology["objects"][name]
    geometries = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    for geometry in geometries:
        raw_id = geometry.get("id")
        yield Feature(
            id=None if raw_id is None else str(raw_id),
            properties=geometry.get("properties") or {},
            polygons=geometry_polygons(geometry, arcs),
        )


# --- Plane geometry -----------------------------------------------------------


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
    ring: Sequence[Point],
    x0: float = 0.0,
    y0: float = 0.0,
    x1: float = VIEW_WIDTH,
    y1: float = VIEW_HEIGHT,
) -> Ring:
    """Sutherland-Hodgman clip of a closed ring to a rectangle (open ring out).

    Only the western Aleutians reach past the view box (x < 0); rings wholly outside
    come back empty.
    """
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


# --- SVG path data ------------------------------------------------------------


def _round_ring(ring: Iterable[Point]) -> Ring:
    """Round to 0.1 and drop consecutive duplicates (and a closing repeat)."""
    out: Ring = []
    for x, y in ring:
        point = (round(x, 1) + 0.0, round(y, 1) + 0.0)  # + 0.0 turns -0.0 into 0.0
        if not out or out[-1] != point:
            out.append(point)
    while len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def path_data(polygons: Iterable[Polygon]) -> str:
    """SVG path data with absolute M/L/Z commands, one subpath per ring."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = iter(ring)
            x, y = next(points)
            parts.append(f"M{_number(x)},{_number(y)}")
            parts.extend(f"L{_number(x)},{_number(y)}" for x, y in points)
            parts.append("Z")
    return "".join(parts)


def _oriented(ring: Ring, clockwise: bool) -> Ring:
    return ring if (signed_area(ring) > 0) == clockwise else ring[::-1]


def prepare_polygons(polygons: Iterable[Polygon]) -> list[Polygon]:
    """Clip to the view box, round, drop degenerate rings, and wind exteriors
    clockwise and holes counter-clockwise so holes show with either fill rule."""
    prepared: list[Polygon] = []
    for polygon in polygons:
        exterior = _round_ring(clip_ring(polygon[0]))
        if len(exterior) < 3 or signed_area(exterior) == 0:
            continue
        rings = [_oriented(exterior, clockwise=True)]
        for hole in polygon[1:]:
            hole = _round_ring(clip_ring(hole))
            if len(hole) >= 3 and signed_area(hole) != 0:
                rings.append(_oriented(hole, clockwise=False))
        prepared.append(rings)
    return prepared


def polygon_area(polygon: Polygon) -> float:
    return abs(signed_area(polygon[0])) - sum(abs(signed_area(r)) for r in polygon[1:])


def shape_from_feature(feature: Feature) -> StateShape:
    polygons = prepare_polygons(feature.polygons)
    if not polygons:
        raise ValueError(f"feature {feature.id} has no area inside the view box")
    xs = [x for polygon in polygons for ring in polygon for x, _ in ring]
    ys = [y for polygon in polygons for ring in polygon for _, y in ring]
    largest = max(polygons, key=polygon_area)
    lx, ly = label_point(largest)
    return StateShape(
        fips=str(feature.id),
        name=str(feature.properties.get("name", "")),
        d=path_data(polygons),
        bbox=(min(xs), min(ys), max(xs), max(ys)),
        label=(round(lx, 1), round(ly, 1)),
    )


def shapes_from_topology(
    topology: Mapping[str, Any], object_name: str = ATLAS_OBJECT
) -> dict[str, StateShape]:
    """The 50 states and DC, keyed by 2-digit FIPS code; territories are skipped."""
    shapes = {}
    for feature in decode_object(topology, object_name):
        if feature.id in POSTAL_BY_FIPS:
            shapes[feature.id] = shape_from_feature(feature)
    return dict(sorted(shapes.items()))


CACHE_VERSION = 1


def _cache_file(raw: bytes) -> Path:
    digest = hashlib.sha256(raw + str(CACHE_VERSION).encode()).hexdigest()[:16]
    return Path(settings.VAR_DIR) / "cache" / f"state-shapes-{digest}.json"


@functools.lru_cache(maxsize=1)
def state_shapes() -> dict[str, StateShape]:
    """The state outlines, decoded once per process (about 0.5 s) and kept in
    var/cache/ keyed by the atlas file's hash, so a new process reads them in a few
    milliseconds. Treat the result as read-only."""
    raw = atlas_path().read_bytes()
    cached = _cache_file(raw)
    try:
        rows = json.loads(cached.read_text())
        shapes = {
            r["fips"]: StateShape(
                r["fips"], r["name"], r["d"], tuple(r["bbox"]), tuple(r["label"])
            )
            for r in rows
        }
    except (OSError, ValueError, KeyError, TypeError):
        shapes = shapes_from_topology(json.loads(raw))
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(
                json.dumps(
                    [
                        {
                            "fips": s.fips,
                            "name": s.name,
                            "d": s.d,
                            "bbox": list(s.bbox),
                            "label": list(s.label),
                        }
                        for s in shapes.values()
                    ]
                )
            )
            tmp.replace(cached)
        except OSError:
            pass  # a read-only deployment just decodes once per process
    missing = sorted(set(POSTAL_BY_FIPS) - set(shapes))
    if missing:
        raise ImproperlyConfigured(
            f"{atlas_path()} lacks outlines for FIPS {', '.join(missing)}."
        )
    return shapes


def segments_cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether segments ab and cd properly cross (touching ends do not count)."""

    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) * side(a, b, d) < 0) and (side(c, d, a) * side(c, d, b) < 0)


def callouts() -> list[Callout]:
    """Boxes for SMALL_STATES, stacked top to bottom in the Atlantic margin.

    States are given slots north to south; then any two whose leader lines cross
    swap slots (each swap shortens the total line length, so this ends, and it ends
    with no crossings).
    """
    shapes = state_shapes()
    anchors = [shapes[FIPS_BY_POSTAL[postal]].label for postal in SMALL_STATES]
    slots = [
        (
            CALLOUT_X,
            CALLOUT_TOP + i * (CALLOUT_HEIGHT + CALLOUT_GAP) + CALLOUT_HEIGHT / 2,
        )
        for i in range(len(SMALL_STATES))
    ]
    order = sorted(range(len(anchors)), key=lambda i: (anchors[i][1], anchors[i][0]))
    swapped = True
    while swapped:
        swapped = False
        for i in range(len(order)):
            for j in range(i + 1, len(order)):
                if segments_cross(
                    anchors[order[i]], slots[i], anchors[order[j]], slots[j]
                ):
                    order[i], order[j] = order[j], order[i]
                    swapped = True
    boxes = []
    for slot, index in enumerate(order):
        postal = SMALL_STATES[index]
        shape = shapes[FIPS_BY_POSTAL[postal]]
        boxes.append(
            Callout(
                fips=shape.fips,
                postal=postal,
                name=shape.name,
                x=CALLOUT_X,
                y=CALLOUT_TOP + slot * (CALLOUT_HEIGHT + CALLOUT_GAP),
                w=CALLOUT_WIDTH,
                h=CALLOUT_HEIGHT,
                anchor=shape.label,
            )
        )
    return boxes


# --- Longitude/latitude outlines (finder maps) ----------------------------------
#
# The finder draws its own maps around a point (pathways.treatment.mapsvg), in Web
# Mercator, so it needs the outlines unprojected: us-atlas's ``counties-10m.json``
# holds the counties, the states (with DC and the territories) and the nation as one
# TopoJSON topology in longitude/latitude, all built from one set of shared arcs. An
# arc used by a state is a state line or a coast; any other arc is a county line. So
# the finder strokes each arc once (no doubled borders) and fills the land from the
# state rings.

LONLAT_ATLAS_RELATIVE_PATH = Path("node_modules/us-atlas/counties-10m.json")
GRID_DEGREES = 1.0  # cell size of the arc index

Box = tuple[float, float, float, float]  # lon0, lat0, lon1, lat1


@dataclass(frozen=True)
class LonLatRing:
    area_id: str  # FIPS of the state (or territory) the ring belongs to
    points: tuple[Point, ...]  # (lon, lat), closed (first point repeated at the end)
    bbox: Box
    hole: bool


@dataclass(frozen=True)
class LonLatAtlas:
    """The decoded ``counties-10m.json``: treat as read-only."""

    arcs: tuple[tuple[Point, ...], ...]  # (lon, lat) points of each arc
    arc_bbox: tuple[Box, ...]
    state_arcs: frozenset[int]  # arcs on a state outline (state lines and coasts)
    land: tuple[LonLatRing, ...]  # every ring of every state and territory
    counties: tuple[LonLatRing, ...]  # the outer rings of every county (for labels)
    grid: Mapping[tuple[int, int], tuple[int, ...]]  # 1-degree cell -> arc indices
    county_grid: Mapping[tuple[int, int], tuple[int, ...]]  # cell -> county rings
    state_names: Mapping[str, str]  # FIPS -> name, territories included
    county_names: Mapping[str, str]  # 5-digit FIPS -> name ("Multnomah")

    def arcs_in_box(self, box: Box) -> list[int]:
        """Indices of the arcs whose bounding box meets ``box`` (lon0, lat0, lon1,
        lat1), in index order. A box reaching past longitude ±180 also finds the
        arcs on the far side of the antimeridian."""
        found: set[int] = set()
        for part in _split_antimeridian(box):
            for cell in _cells(part):
                for index in self.grid.get(cell, ()):
                    if index not in found and _boxes_meet(self.arc_bbox[index], part):
                        found.add(index)
        return sorted(found)

    def land_in_box(self, box: Box) -> list[LonLatRing]:
        """The land rings whose bounding box meets ``box``."""
        parts = _split_antimeridian(box)
        return [r for r in self.land if any(_boxes_meet(r.bbox, p) for p in parts)]

    def counties_in_box(self, box: Box) -> list[LonLatRing]:
        """The outer county rings whose bounding box meets ``box``."""
        found: set[int] = set()
        for part in _split_antimeridian(box):
            for cell in _cells(part):
                for index in self.county_grid.get(cell, ()):
                    if index not in found and _boxes_meet(
                        self.counties[index].bbox, part
                    ):
                        found.add(index)
        return [self.counties[i] for i in sorted(found)]


def _boxes_meet(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _cells(box: Box) -> Iterator[tuple[int, int]]:
    for i in range(
        math.floor(box[0] / GRID_DEGREES), math.floor(box[2] / GRID_DEGREES) + 1
    ):
        for j in range(
            math.floor(box[1] / GRID_DEGREES), math.floor(box[3] / GRID_DEGREES) + 1
        ):
            yield (i, j)


def _split_antimeridian(box: Box) -> list[Box]:
    """The box as one or two boxes inside longitudes -180..180 (longitudes in the
    atlas never leave that range)."""
    lon0, lat0, lon1, lat1 = box
    parts = [(max(lon0, -180.0), lat0, min(lon1, 180.0), lat1)]
    if lon0 < -180:
        parts.append((lon0 + 360, lat0, 180.0, lat1))
    if lon1 > 180:
        parts.append((-180.0, lat0, lon1 - 360, lat1))
    return [p for p in parts if p[0] <= p[2]]


def _bbox(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def lonlat_atlas_path() -> Path:
    """``counties-10m.json`` (``settings.PATHWAYS_LONLAT_ATLAS_FILE`` if set)."""
    configured = getattr(settings, "PATHWAYS_LONLAT_ATLAS_FILE", None)
    path = (
        Path(configured)
        if configured
        else Path(settings.BASE_DIR) / LONLAT_ATLAS_RELATIVE_PATH
    )
    if not path.is_file():
        raise ImproperlyConfigured(
            f"The US county outlines were not found at {path}. Run `npm ci` in "
            f"{settings.BASE_DIR} to install the us-atlas package (or point "
            "PATHWAYS_LONLAT_ATLAS_FILE at a copy of counties-10m.json)."
        )
    return path


def lonlat_atlas_from_topology(topology: Mapping[str, Any]) -> LonLatAtlas:
    """Decode a topology with a ``states`` object (and any others, whose arcs count
    as county lines) into a :class:`LonLatAtlas`."""
    arcs = tuple(tuple(arc) for arc in decode_arcs(topology))
    arc_bbox = tuple(_bbox(arc) for arc in arcs)
    state_arcs: set[int] = set()
    land: list[LonLatRing] = []
    names: dict[str, str] = {}
    for geometry in topology["objects"]["states"].get("geometries", []):
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        fips = str(geometry.get("id"))
        names[fips] = str((geometry.get("properties") or {}).get("name", ""))
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            for position, ring in enumerate(polygon):
                state_arcs.update(i if i >= 0 else ~i for i in ring)
                points = tuple(_stitch_loose(ring, arcs))
                land.append(LonLatRing(fips, points, _bbox(points), position > 0))
    counties: list[LonLatRing] = []
    county_names: dict[str, str] = {}
    county_object = topology["objects"].get("counties", {})
    for geometry in county_object.get("geometries", []):
        kind = geometry.get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            continue
        fips = str(geometry.get("id"))
        county_names[fips] = str((geometry.get("properties") or {}).get("name", ""))
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"]
        for polygon in polygons:
            points = tuple(_stitch_loose(polygon[0], arcs))
            counties.append(LonLatRing(fips, points, _bbox(points), False))
    grid: dict[tuple[int, int], list[int]] = {}
    for index, box in enumerate(arc_bbox):
        for cell in _cells(box):
            grid.setdefault(cell, []).append(index)
    county_grid: dict[tuple[int, int], list[int]] = {}
    for index, ring in enumerate(counties):
        for cell in _cells(ring.bbox):
            county_grid.setdefault(cell, []).append(index)
    return LonLatAtlas(
        arcs=arcs,
        arc_bbox=arc_bbox,
        state_arcs=frozenset(state_arcs),
        land=tuple(land),
        counties=tuple(counties),
        grid={cell: tuple(indices) for cell, indices in grid.items()},
        county_grid={cell: tuple(indices) for cell, indices in county_grid.items()},
        state_names=names,
        county_names=county_names,
    )


def _stitch_loose(indices: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Like :func:`stitch_ring`, but a ring whose ends miss by a quantization step
    (a few state rings of ``counties-10m.json`` do) is closed instead of refused."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc[1:] if ring and ring[-1] == arc[0] else arc)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


@functools.lru_cache(maxsize=1)
def lonlat_atlas() -> LonLatAtlas:
    """The county, state and territory outlines in longitude/latitude, decoded once
    per process (about 0.2 s; the file is read as published, so there is nothing to
    keep in var/cache that would load faster). Treat the result as read-only."""
    return lonlat_atlas_from_topology(json.loads(lonlat_atlas_path().read_bytes()))
