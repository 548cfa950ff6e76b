"""The map window: Web Mercator, its sizes, and the window around a point."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from pathways.core.geo import EARTH_RADIUS_MILES
from pathways.places.geometry import (
    Point,
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
