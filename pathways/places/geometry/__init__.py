"""Shapes of places, read from the us-atlas files on disk.

- ``albers``: the 50 states and DC, pre-projected, as SVG path data for the choropleth,
  with call-out boxes for the small states (``state_shapes``, ``callouts``);
- ``lonlat``: counties, states and territories in longitude/latitude for the finder
  maps (``lonlat_atlas``);
- ``planar``: plane geometry on rings (areas, centroids, label points, clipping);
- ``topojson``: the TopoJSON decoder both atlases use.
"""

from .albers import (
    SMALL_STATES,
    VIEWBOX,
    Callout,
    StateShape,
    atlas_path,
    callouts,
    path_data,
    prepare_polygons,
    shapes_from_topology,
    state_shapes,
)
from .lonlat import LonLatAtlas, LonLatRing, lonlat_atlas, lonlat_atlas_from_topology
from .planar import (
    clip_ring,
    inside_distance,
    ring_centroid,
    segments_cross,
    signed_area,
)
from .topojson import Point, Polygon, Ring, decode_arcs, decode_object

__all__ = [
    "SMALL_STATES",
    "VIEWBOX",
    "Callout",
    "LonLatAtlas",
    "LonLatRing",
    "Point",
    "Polygon",
    "Ring",
    "StateShape",
    "atlas_path",
    "callouts",
    "clip_ring",
    "decode_arcs",
    "decode_object",
    "inside_distance",
    "lonlat_atlas",
    "lonlat_atlas_from_topology",
    "path_data",
    "prepare_polygons",
    "ring_centroid",
    "segments_cross",
    "shapes_from_topology",
    "signed_area",
    "state_shapes",
]
