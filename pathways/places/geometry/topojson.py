"""A small TopoJSON decoder: quantized, delta-encoded arcs; negative arc indices for
reversed arcs; Polygon and MultiPolygon geometries with holes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # first ring is the exterior, any others are holes


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


def stitch_loose(indices: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Like :func:`stitch_ring`, but a ring whose ends miss by a quantization step
    (a few state rings of ``counties-10m.json`` do) is closed instead of refused."""
    ring: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(arc[1:] if ring and ring[-1] == arc[0] else arc)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring
