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

This package computes numbers and path data only; the words (title, description,
legend) are in ``templates/treatment/_map.html`` so they are translated.

``window`` holds the projection and the window around a point, ``outlines`` the path
data and county names, ``tiles`` the optional tiles, ``maps`` the two maps.
"""

from .maps import FinderMap, Marker, facility_map, results_map
from .outlines import (
    LABEL_SIZE,
    MAX_LABELS,
    Label,
    Outlines,
    circle_d,
    county_labels,
    outlines,
    polyline_d,
)
from .tiles import Tile, tiles
from .window import (
    FACILITY_MILES,
    MARKER_R,
    MAX_TILES,
    PX_PER_UNIT,
    VIEW_H,
    VIEW_W,
    Q,
    Window,
    destination,
    inverse_mercator,
    mercator,
    window_around,
)

__all__ = [
    "FACILITY_MILES",
    "LABEL_SIZE",
    "MARKER_R",
    "MAX_LABELS",
    "MAX_TILES",
    "PX_PER_UNIT",
    "Q",
    "VIEW_H",
    "VIEW_W",
    "FinderMap",
    "Label",
    "Marker",
    "Outlines",
    "Tile",
    "Window",
    "circle_d",
    "county_labels",
    "destination",
    "facility_map",
    "inverse_mercator",
    "mercator",
    "outlines",
    "polyline_d",
    "results_map",
    "tiles",
    "window_around",
]
