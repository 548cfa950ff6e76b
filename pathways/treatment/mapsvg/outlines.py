"""Path data for a window: county and state lines, land, the search circle and
the county names that fit."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pathways.places.geometry import (
    Point,
    clip_ring,
    inside_distance,
    lonlat_atlas,
    ring_centroid,
    signed_area,
)

from .window import MARKER_R, VIEW_H, VIEW_W, Q, Window, destination


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
