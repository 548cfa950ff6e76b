"""The finder's two maps: the results map and a facility's map."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from pathways.places.geometry import (
    Point,
)

from .outlines import Label, Outlines, circle_d, county_labels, outlines
from .tiles import Tile, tiles
from .window import (
    CENTRE_R,
    FACILITY_MILES,
    MARKER_R,
    VIEW_H,
    VIEW_W,
    Window,
    window_around,
)


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
