"""State outlines for the server-rendered SVG map (the choropleth).

The outlines come from the ``us-atlas`` npm package (installed with ``npm ci``, read
from disk; the browser never asks a third party for them). We use its pre-projected
file ``states-albers-10m.json``: a TopoJSON topology whose coordinates are already
projected (Albers USA, with Alaska and Hawaii as insets) into a 975x610 box with y
pointing down, so they are SVG user units as they stand.

This module turns each of the 50 states and DC into compact SVG path data and
places call-out boxes for the states too small to click on the map itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pathways.places.jurisdictions import STATES

from .planar import clip_ring, label_point, segments_cross, signed_area
from .topojson import Feature, Point, Polygon, Ring, decode_object

VIEWBOX = "0 0 975 610"
VIEW_WIDTH = 975.0
VIEW_HEIGHT = 610.0
VIEW_BOX = (0.0, 0.0, VIEW_WIDTH, VIEW_HEIGHT)  # x0, y0, x1, y1 for clip_ring

ATLAS_RELATIVE_PATH = Path("node_modules/us-atlas/states-albers-10m.json")
ATLAS_OBJECT = "states"

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
        exterior = _round_ring(clip_ring(polygon[0], *VIEW_BOX))
        if len(exterior) < 3 or signed_area(exterior) == 0:
            continue
        rings = [_oriented(exterior, clockwise=True)]
        for hole in polygon[1:]:
            hole = _round_ring(clip_ring(hole, *VIEW_BOX))
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
