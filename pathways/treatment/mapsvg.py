"""Finder maps: results and facility maps drawn on the server from local geometry.

Each map is an inline SVG (it works without JavaScript and asks no third party for
anything): a Web Mercator window around the point(s), with the county and state
lines and the land of us-atlas's ``counties-10m.json`` (see
``pathways.places.geometry.lonlat_atlas``), the search circle and centre, and one
numbered marker per place, numbered like the result list. Places with an approximate
location (the centre of their ZIP code) get a hollow, dashed marker.

Coordinates: the window is ``VIEW_W`` x ``VIEW_H`` user units; outlines are written
in half units (a ``scale(.5)`` group) as whole numbers with relative path commands,
so each point costs a few bytes and is exact to a quarter of a pixel at the map's
widest. Only arcs and land rings whose bounding box meets the window are drawn, and
only the stretches of an arc near the window.

Optional tiles: with ``settings.PATHWAYS_MAP_TILE_URL`` set (e.g.
``"https://tile.example/{z}/{x}/{y}.png"``; empty by default, which means no tiles
and no request to any other host) the tiles covering the window are placed behind the
outlines as ``<image>`` elements; both use Web Mercator, so they line up. Credit the
tile provider with ``settings.PATHWAYS_MAP_TILE_ATTRIBUTION``.

This module computes numbers and path data only; the words (title, description,
legend) are in ``templates/treatment/_map.html`` so they are translated.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from pathways.core.geo import EARTH_RADIUS_MILES
from pathways.places.geometry import (
    Point,
    clip_ring,
    inside_distance,
    lonlat_atlas,
    ring_centroid,
    signed_area,
)

VIEW_W = 360
VIEW_H = 270
Q = 2  # outline coordinates are written in 1/Q units
MAX_LAT = 85.05112878  # Web Mercator's limit
FACILITY_MILES = 15.0  # a facility map shows about this far around the place
CIRCLE_MARGIN = 1.08  # the search circle's diameter fills 1/1.08 of the short side
MARKER_R = 12.0
CENTRE_R = 5.0
MAX_TILES = 48
TILE_SIZE = 256
PX_PER_UNIT = 1.5  # CSS pixels per view unit where the map is widest (findermap.css)


# --- Projection -----------------------------------------------------------------


def mercator(lat: float, lng: float) -> Point:
    """Web Mercator in world units: x and y from 0 to 1, y pointing south, (0, 0)
    at longitude -180 and latitude 85.05 (the tile servers' convention)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = (lng + 180.0) / 360.0
    y = (1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0
    return (x, y)


def inverse_mercator(x: float, y: float) -> tuple[float, float]:
    """(lat, lng) of a point in world units (longitude not wrapped)."""
    lng = x * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))
    return (lat, lng)


def destination(lat: float, lng: float, bearing: float, miles: float) -> Point:
    """(lat, lng) reached going ``miles`` from (lat, lng) on the initial
    ``bearing`` (degrees clockwise from north), on a sphere."""
    d = miles / EARTH_RADIUS_MILES
    p1, l1, b = math.radians(lat), math.radians(lng), math.radians(bearing)
    p2 = math.asin(
        math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b)
    )
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1),
        math.cos(d) - math.sin(p1) * math.sin(p2),
    )
    return (math.degrees(p2), math.degrees(l2))


@dataclass(frozen=True)
class Window:
    """A VIEW_W x VIEW_H view of the Mercator world, centred on (lat, lng), with
    ``scale`` view units per world unit."""

    lat: float
    lng: float
    scale: float

    @property
    def centre_world(self) -> Point:
        return mercator(self.lat, self.lng)

    def project(self, lat: float, lng: float) -> Point:
        """View coordinates of a point. The longitude is first moved by 360 degrees
        when that brings it nearer the centre, so windows near the antimeridian
        (the western Aleutians, Guam) draw both sides."""
        lng = self.lng + ((lng - self.lng + 180.0) % 360.0 - 180.0)
        x, y = mercator(lat, lng)
        cx, cy = self.centre_world
        return ((x - cx) * self.scale + VIEW_W / 2, (y - cy) * self.scale + VIEW_H / 2)

    def project_all(self, points: Iterable[Point]) -> list[Point]:
        """:meth:`project` for many (lng, lat) points (the atlas's order), faster."""
        cx, cy = self.centre_world
        k, lng0 = self.scale, self.lng
        ox = VIEW_W / 2 - cx * k
        oy = VIEW_H / 2 - cy * k
        kx = k / 360.0
        ky = k / (2 * math.pi)
        rad = math.pi / 180.0
        asinh, tan = math.asinh, math.tan
        out = []
        for lng, lat in points:
            lng = lng0 + ((lng - lng0 + 180.0) % 360.0 - 180.0)
            lat = -MAX_LAT if lat < -MAX_LAT else MAX_LAT if lat > MAX_LAT else lat
            out.append(
                (
                    (lng + 180.0) * kx + ox,
                    k / 2 - asinh(tan(lat * rad)) * ky + oy,
                )
            )
        return out

    def world_box(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """The window (grown by ``margin`` view units) in world units."""
        cx, cy = self.centre_world
        hw = (VIEW_W / 2 + margin) / self.scale
        hh = (VIEW_H / 2 + margin) / self.scale
        return (cx - hw, cy - hh, cx + hw, cy + hh)

    def lonlat_box(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """(lon0, lat0, lon1, lat1) of the window (longitudes may pass ±180)."""
        x0, y0, x1, y1 = self.world_box(margin)
        lat1, lon0 = inverse_mercator(x0, y0)
        lat0, lon1 = inverse_mercator(x1, y1)
        return (lon0, lat0, lon1, lat1)

    def miles_per_unit(self) -> float:
        """Ground miles per view unit at the centre."""
        circumference = 2 * math.pi * EARTH_RADIUS_MILES
        return circumference * math.cos(math.radians(self.lat)) / self.scale


def window_around(lat: float, lng: float, miles: float) -> Window:
    """The window centred on (lat, lng) in which a circle of ``miles`` fits the
    short side with a small margin."""
    lat = max(-80.0, min(80.0, lat))
    circumference = 2 * math.pi * EARTH_RADIUS_MILES
    # a circle of `miles` is 2 * miles / (circumference * cos(lat)) world units across
    # (Mercator's scale at the centre; it grows a little to the poleward side, so
    # measure the real north-south extent too)
    across = 2 * miles / (circumference * math.cos(math.radians(lat)))
    north = mercator(*destination(lat, lng, 0.0, miles))[1]
    south = mercator(*destination(lat, lng, 180.0, miles))[1]
    cy = mercator(lat, lng)[1]
    half_height = max(cy - north, south - cy)
    scale = min(
        VIEW_W / (across * CIRCLE_MARGIN), VIEW_H / (2 * half_height * CIRCLE_MARGIN)
    )
    return Window(lat=lat, lng=lng, scale=scale)


# --- Path data --------------------------------------------------------------------


def _join(numbers: Iterable[int]) -> str:
    """Whole numbers separated by a space, or by nothing before a minus sign."""
    out: list[str] = []
    for n in numbers:
        text = str(n)
        if out and n >= 0:
            out.append(" ")
        out.append(text)
    return "".join(out)


def _quantize(points: Iterable[Point]) -> list[tuple[int, int]]:
    """Half-unit whole numbers, consecutive repeats dropped."""
    out: list[tuple[int, int]] = []
    for x, y in points:
        q = (round(x * Q), round(y * Q))
        if not out or out[-1] != q:
            out.append(q)
    return out


def polyline_d(points: Sequence[tuple[int, int]], close: bool = False) -> str:
    """``M x y l dx dy ...`` for quantized points (``z`` at the end if closed)."""
    if len(points) < 2:
        return ""
    (x, y), rest = points[0], points[1:]
    deltas: list[int] = []
    for px, py in rest:
        deltas += [px - x, py - y]
        x, y = px, py
    return f"M{_join((points[0][0], points[0][1]))}l{_join(deltas)}" + (
        "z" if close else ""
    )


def _near_window(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return not (
        max(a[0], b[0]) < x0
        or min(a[0], b[0]) > x1
        or max(a[1], b[1]) < y0
        or min(a[1], b[1]) > y1
    )


def _runs(
    points: Sequence[Point], box: tuple[float, float, float, float]
) -> list[list[Point]]:
    """The stretches of a polyline whose segments come near the box."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for a, b in zip(points, points[1:], strict=False):
        if _near_window(a, b, box):
            if not current:
                current = [a]
            current.append(b)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


@dataclass(frozen=True)
class Outlines:
    land: str  # fill: the states and territories (evenodd rule for the holes)
    counties: str  # county lines (not on a state outline)
    states: str  # state lines and coasts


MARGIN = 8.0  # view units drawn beyond the window's edges


@functools.lru_cache(maxsize=256)
def outlines(window: Window) -> Outlines:
    """Path data (half units) for the land, county lines and state lines in view.
    Kept for the last 256 windows (a few MB at most): the pages of one search, and
    the popular ZIP codes, share a window."""
    atlas = lonlat_atlas()
    box_deg = window.lonlat_box(margin=MARGIN * 4)
    view = (-MARGIN, -MARGIN, VIEW_W + MARGIN, VIEW_H + MARGIN)
    county_parts: list[str] = []
    state_parts: list[str] = []
    for index in atlas.arcs_in_box(box_deg):
        projected = window.project_all(atlas.arcs[index])
        parts = state_parts if index in atlas.state_arcs else county_parts
        for run in _runs(projected, view):
            d = polyline_d(_quantize(run))
            if d:
                parts.append(d)
    land_parts: list[str] = []
    for ring in atlas.land_in_box(box_deg):
        projected = window.project_all(ring.points)
        clipped = clip_ring(projected, *view)
        quantized = _quantize(clipped)
        if len(quantized) >= 3:
            land_parts.append(polyline_d(quantized, close=True))
    return Outlines(
        land="".join(land_parts),
        counties="".join(county_parts),
        states="".join(state_parts),
    )


def circle_d(
    window: Window, lat: float, lng: float, miles: float, steps: int = 72
) -> str:
    """The circle of ``miles`` around (lat, lng) as it projects (half units)."""
    points = [
        window.project(*destination(lat, lng, 360.0 * i / steps, miles))
        for i in range(steps)
    ]
    return polyline_d(_quantize(points), close=True)


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float  # middle of the text


LABEL_SIZE = 11.0  # font size (view units) of the county names
LABEL_MIN_AREA = 0.03  # a county needs this share of the window to be named
MAX_LABELS = 10
SCALE_BAR_BOX = (0.0, VIEW_H - 34.0, 120.0, VIEW_H)  # keep labels off the scale bar


def _label_box(label: Label) -> tuple[float, float, float, float]:
    half_w = len(label.text) * LABEL_SIZE * 0.3 + 2
    half_h = LABEL_SIZE * 0.6 + 1
    return (label.x - half_w, label.y - half_h, label.x + half_w, label.y + half_h)


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def county_labels(window: Window, avoid: Sequence[Point] = ()) -> list[Label]:
    """Names of the counties that fill a fair share of the window, placed in the
    middle of their visible part, largest first, clear of each other, of the
    scale bar and of the ``avoid`` points (markers, the search centre)."""
    atlas = lonlat_atlas()
    inset = (12.0, 10.0, VIEW_W - 12.0, VIEW_H - 10.0)
    best: dict[str, tuple[float, list[Point]]] = {}
    for ring in atlas.counties_in_box(window.lonlat_box()):
        projected = window.project_all(ring.points)
        clipped = clip_ring(projected, *inset)
        if len(clipped) < 3:
            continue
        area = abs(signed_area(clipped))
        if area < VIEW_W * VIEW_H * LABEL_MIN_AREA:
            continue
        if area > best.get(ring.area_id, (0.0, []))[0]:
            best[ring.area_id] = (area, clipped)
    placed: list[Label] = []
    blocked = [SCALE_BAR_BOX]
    reach = MARKER_R + 2
    blocked += [(x - reach, y - reach, x + reach, y + reach) for x, y in avoid]
    for fips, (_, clipped) in sorted(best.items(), key=lambda item: -item[1][0]):
        name = atlas.county_names.get(fips, "")
        if not name:
            continue
        # the middle of the visible part, when it is well inside it (a cheap test;
        # an odd shape just goes unnamed)
        x, y = ring_centroid(clipped)
        if inside_distance((x, y), [clipped]) < LABEL_SIZE * 0.8:
            continue
        label = Label(name, round(x, 1), round(y, 1))
        box = _label_box(label)
        if box[0] < 0 or box[2] > VIEW_W or box[1] < 0 or box[3] > VIEW_H:
            continue
        if any(_boxes_overlap(box, other) for other in blocked):
            continue
        placed.append(label)
        blocked.append(box)
        if len(placed) >= MAX_LABELS:
            break
    return placed


# --- Tiles (optional) ---------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    href: str
    x: float
    y: float
    size: float


def tiles(window: Window, url: str) -> list[Tile]:
    """The tiles of ``url`` (with {z}, {x}, {y}) that cover the window, at the
    smallest zoom whose tiles are at least as sharp as the map, placed in view
    units. Empty when ``url`` is empty or the window would need too many."""
    if not url:
        return []
    # the smallest zoom whose 256-pixel tiles are drawn no larger than 256 CSS pixels
    zoom = max(0, min(19, math.ceil(math.log2(window.scale * PX_PER_UNIT / TILE_SIZE))))
    n = 2**zoom
    x0, y0, x1, y1 = window.world_box()
    cx, cy = window.centre_world
    size = window.scale / n
    ix0, ix1 = math.floor(x0 * n), math.floor(x1 * n)
    iy0, iy1 = max(0, math.floor(y0 * n)), min(n - 1, math.floor(y1 * n))
    if (ix1 - ix0 + 1) * (iy1 - iy0 + 1) > MAX_TILES:
        return []
    out = []
    for iy in range(iy0, iy1 + 1):
        for ix in range(ix0, ix1 + 1):
            href = (
                url.replace("{z}", str(zoom))
                .replace("{x}", str(ix % n))
                .replace("{y}", str(iy))
            )
            out.append(
                Tile(
                    href=href,
                    x=round((ix / n - cx) * window.scale + VIEW_W / 2, 2),
                    y=round((iy / n - cy) * window.scale + VIEW_H / 2, 2),
                    size=round(size, 2),
                )
            )
    return out


# --- Maps -------------------------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    number: int
    name: str
    x: float  # where the marker is drawn
    y: float
    approximate: bool
    # where the place is, when the marker had to move off it (several places
    # sharing one point, e.g. one ZIP code's centre); else None
    anchor: Point | None = None


@dataclass
class FinderMap:
    kind: str  # "results" or "facility"
    window: Window
    outlines: Outlines
    markers: list[Marker]
    circle: str = ""  # path data (half units); results maps only
    centre: Point | None = None  # the search centre (view units)
    radius: float | int | None = None
    place_label: str = ""
    unlocated: int = 0  # places on the page with no location (not drawn)
    tiles: list[Tile] = field(default_factory=list)
    attribution: str = ""
    labels: list[Label] = field(default_factory=list)

    view_w: int = VIEW_W
    view_h: int = VIEW_H
    marker_r: float = MARKER_R
    centre_r: float = CENTRE_R

    @property
    def viewbox(self) -> str:
        return f"0 0 {VIEW_W} {VIEW_H}"

    @property
    def shown(self) -> int:
        return len(self.markers)

    @property
    def approximate(self) -> int:
        return sum(1 for m in self.markers if m.approximate)

    @property
    def ordered_markers(self) -> list[Marker]:
        """Drawing order: highest number first, so number 1 ends up on top."""
        return sorted(self.markers, key=lambda m: -m.number)

    @property
    def scale_bar(self) -> tuple[float, str]:
        """(length in view units, miles as text) of a round distance about a
        fifth of the map's width, for the scale bar."""
        per_unit = self.window.miles_per_unit()
        target = per_unit * VIEW_W / 5
        nice = 10 ** math.floor(math.log10(target))
        for step in (5, 2, 1):
            if step * nice <= target:
                nice *= step
                break
        text = f"{nice:g}"
        return (round(nice / per_unit, 1), text)

    @property
    def first(self) -> int:
        return min((m.number for m in self.markers), default=0)

    @property
    def last(self) -> int:
        return max((m.number for m in self.markers), default=0)


def _located(f) -> bool:
    return f.lat is not None and f.lng is not None and f.location_quality != "none"


def _spread(markers: list[Marker], fixed: Sequence[Point] = ()) -> list[Marker]:
    """Place markers in list order, each on its point when that is free; else on
    the nearest free spot of rings around the point, with its true point kept as
    ``anchor`` (for a leader line). Free means clear of the markers placed before
    and of the ``fixed`` points (the search centre). So the first results sit
    exactly where they are and nothing overlaps."""
    gap = 2 * MARKER_R + 1.5
    clear_fixed = MARKER_R + CENTRE_R + 3
    placed: list[Point] = []

    def free(x: float, y: float) -> bool:
        if not (
            MARKER_R <= x <= VIEW_W - MARKER_R and MARKER_R <= y <= VIEW_H - MARKER_R
        ):
            return False
        for px, py in placed:
            if (x - px) ** 2 + (y - py) ** 2 < gap * gap:
                return False
        for fx, fy in fixed:
            if (x - fx) ** 2 + (y - fy) ** 2 < clear_fixed * clear_fixed:
                return False
        return True

    out = []
    for m in markers:
        spot: Point | None = (m.x, m.y) if free(m.x, m.y) else None
        ring = 0
        while spot is None and ring < 12:
            ring += 1
            radius = ring * gap * 0.9
            steps = 6 * ring
            for i in range(steps):
                angle = math.radians(-90 + 360 * i / steps)
                x, y = m.x + radius * math.cos(angle), m.y + radius * math.sin(angle)
                if free(x, y):
                    spot = (x, y)
                    break
        if spot is None:  # nowhere free nearby (hundreds of markers): overlap
            spot = (m.x, m.y)
        placed.append(spot)
        if spot == (m.x, m.y):
            out.append(m)
        else:
            out.append(
                Marker(
                    m.number,
                    m.name,
                    round(spot[0], 1),
                    round(spot[1], 1),
                    m.approximate,
                    (m.x, m.y),
                )
            )
    return out


def _tile_settings() -> tuple[str, str]:
    return (
        getattr(settings, "PATHWAYS_MAP_TILE_URL", "") or "",
        getattr(settings, "PATHWAYS_MAP_TILE_ATTRIBUTION", "") or "",
    )


def results_map(
    facilities: Sequence,
    *,
    lat: float,
    lng: float,
    radius: float,
    label: str = "",
    start: int = 1,
) -> FinderMap:
    """The map of one page of results: the search circle of ``radius`` miles around
    (lat, lng) and the facilities numbered from ``start`` in the order given."""
    window = window_around(lat, lng, radius)
    cx, cy = window.project(lat, lng)
    markers = []
    unlocated = 0
    for number, f in enumerate(facilities, start=start):
        if not _located(f):
            unlocated += 1
            continue
        x, y = window.project(f.lat, f.lng)
        markers.append(
            Marker(
                number,
                f.name,
                round(x, 1),
                round(y, 1),
                f.location_quality == "approximate",
            )
        )
    url, attribution = _tile_settings()
    markers = _spread(markers, fixed=[(cx, cy)])
    avoid = [(cx, cy)]
    for k in markers:
        avoid.append((k.x, k.y))
        if k.anchor:
            avoid.append(k.anchor)
    return FinderMap(
        kind="results",
        window=window,
        outlines=outlines(window),
        labels=county_labels(window, avoid),
        markers=markers,
        circle=circle_d(window, lat, lng, radius),
        centre=(round(cx, 1), round(cy, 1)),
        radius=radius,
        place_label=label,
        unlocated=unlocated,
        tiles=tiles(window, url),
        attribution=attribution if url else "",
    )


def facility_map(f, miles: float = FACILITY_MILES) -> FinderMap | None:
    """The map around one facility, or None when it has no location."""
    if not _located(f):
        return None
    window = window_around(f.lat, f.lng, miles)
    x, y = window.project(f.lat, f.lng)
    url, attribution = _tile_settings()
    return FinderMap(
        kind="facility",
        window=window,
        outlines=outlines(window),
        labels=county_labels(window, [(x, y)]),
        markers=[
            Marker(
                1, f.name, round(x, 1), round(y, 1), f.location_quality == "approximate"
            )
        ],
        radius=miles,
        tiles=tiles(window, url),
        attribution=attribution if url else "",
    )
