"""Longitude/latitude outlines for the finder maps.

The finder draws its own maps around a point (pathways.treatment.mapsvg), in Web
Mercator, so it needs the outlines unprojected: us-atlas's ``counties-10m.json``
holds the counties, the states (with DC and the territories) and the nation as one
TopoJSON topology in longitude/latitude, all built from one set of shared arcs. An
arc used by a state is a state line or a coast; any other arc is a county line. So
the finder strokes each arc once (no doubled borders) and fills the land from the
state rings."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .topojson import Point, decode_arcs, stitch_loose

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
                points = tuple(stitch_loose(ring, arcs))
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
            points = tuple(stitch_loose(polygon[0], arcs))
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


@functools.lru_cache(maxsize=1)
def lonlat_atlas() -> LonLatAtlas:
    """The county, state and territory outlines in longitude/latitude, decoded once
    per process (about 0.2 s; the file is read as published, so there is nothing to
    keep in var/cache that would load faster). Treat the result as read-only."""
    return lonlat_atlas_from_topology(json.loads(lonlat_atlas_path().read_bytes()))
