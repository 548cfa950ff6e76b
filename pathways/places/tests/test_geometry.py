from __future__ import annotations

import json
import re
from itertools import combinations

import pytest
from django.core.exceptions import ImproperlyConfigured

from pathways.places import geometry
from pathways.places.geometry import (
    VIEWBOX,
    callouts,
    clip_ring,
    decode_arcs,
    decode_object,
    inside_distance,
    path_data,
    prepare_polygons,
    segments_cross,
    shapes_from_topology,
    signed_area,
    state_shapes,
)
from pathways.places.jurisdictions import STATES

WIDTH, HEIGHT = (float(v) for v in VIEWBOX.split()[2:])
NUM = r"\d+(?:\.\d)?"
PATH = re.compile(rf"(?:M{NUM},{NUM}(?:L{NUM},{NUM})+Z)+")
NUMBER_PAIR = re.compile(r"([ML])(\d+(?:\.\d)?),(\d+(?:\.\d)?)")

# Two unit-ish squares side by side sharing arc 0 (A walks it forwards, B backwards
# as ~0 == -1), plus a square with a square hole, all quantized with a transform:
# x = 100 + 0.5 * qx, y = 200 + 0.25 * qy.
TINY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [100, 200]},
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "A", "properties": {"name": "A"},
                 "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "B", "arcs": [[2, -1]]},
                {"type": "MultiPolygon", "id": "C",
                 "arcs": [[[3], [4]], [[2, -1]]]},
                {"type": None, "id": "D"},
            ],
        }
    },
    "arcs": [
        [[4, 0], [0, 8]],  # (4,0) -> (4,8), the shared edge
        [[4, 8], [-4, 0], [0, -8], [4, 0]],  # (4,8) -> (0,8) -> (0,0) -> (4,0)
        [[4, 0], [4, 0], [0, 8], [-4, 0]],  # (4,0) -> (8,0) -> (8,8) -> (4,8)
        [[20, 0], [8, 0], [0, 16], [-8, 0], [0, -16]],  # outer (20,0)..(28,16)
        [[22, 4], [0, 8], [4, 0], [0, -8], [-4, 0]],  # hole (22,4)..(26,12)
    ],
}  # fmt: skip


def test_tiny_topology_decodes_to_exact_coordinates():
    arcs = decode_arcs(TINY)
    assert arcs[0] == [(102.0, 200.0), (102.0, 202.0)]
    features = {f.id: f for f in decode_object(TINY, "shapes")}
    assert features["A"].properties == {"name": "A"}
    assert features["A"].polygons == [
        [[(102, 200), (102, 202), (100, 202), (100, 200), (102, 200)]]
    ]
    # ~0 is arc 0 reversed; its first point repeats arc 2's last and is dropped.
    assert features["B"].polygons == [
        [[(102, 200), (104, 200), (104, 202), (102, 202), (102, 200)]]
    ]
    outer, hole = features["C"].polygons[0]
    assert outer == [(110, 200), (114, 200), (114, 204), (110, 204), (110, 200)]
    assert hole == [(111, 201), (111, 203), (113, 203), (113, 201), (111, 201)]
    assert features["C"].polygons[1] == features["B"].polygons[0]
    assert features["D"].polygons == []


def test_unquantized_topology_and_open_rings():
    topology = {"arcs": [[[0, 0], [3, 0], [3, 4]], [[3, 4], [0, 0]]]}
    assert decode_arcs(topology)[0] == [(0.0, 0.0), (3.0, 0.0), (3.0, 4.0)]
    topology["objects"] = {"x": {"type": "Polygon", "arcs": [[0]]}}
    with pytest.raises(ValueError, match="closed ring"):
        list(decode_object(topology, "x"))
    topology["objects"] = {"x": {"type": "Polygon", "arcs": [[0, 1]]}}
    (feature,) = decode_object(topology, "x")
    assert feature.polygons == [[[(0, 0), (3, 0), (3, 4), (0, 0)]]]


def test_holes_are_wound_against_their_exterior_and_drawn():
    (c,) = [f for f in decode_object(TINY, "shapes") if f.id == "C"]
    outer, hole = prepare_polygons(c.polygons)[0]
    assert signed_area(outer) > 0 > signed_area(hole)
    assert path_data([[outer, hole]]).count("M") == 2
    assert inside_distance((110.5, 200.5), [outer, hole]) > 0
    assert inside_distance((112, 202), [outer, hole]) < 0  # in the hole


def test_path_data_rounds_and_drops_repeats():
    polygon = [[(0.04, 0.0), (10.0, 0.01), (10.04, 0.0), (10.0, 5.56), (0.0, 0.0)]]
    (prepared,) = prepare_polygons([polygon])
    assert path_data([prepared]) == "M0,0L10,0L10,5.6Z"


def test_clip_ring_to_view_box():
    ring = [(-10, 10), (10, 10), (10, 20), (-10, 20), (-10, 10)]
    assert sorted(clip_ring(ring, 0, 0, WIDTH, HEIGHT)) == sorted(
        [(0, 10), (10, 10), (10, 20), (0, 20)]
    )
    assert clip_ring([(-9, 1), (-5, 1), (-5, 5), (-9, 1)], 0, 0, WIDTH, HEIGHT) == []


def test_shapes_from_topology_keeps_only_states_and_dc():
    topology = json.loads(json.dumps(TINY))
    for geom, fips in zip(
        topology["objects"]["shapes"]["geometries"][:2], ["44", "72"], strict=True
    ):
        geom["id"] = fips
    shapes = shapes_from_topology(topology, "shapes")
    assert list(shapes) == ["44"]  # Puerto Rico (72) is skipped
    assert shapes["44"].postal == "RI"
    assert shapes["44"].bbox == (100, 200, 102, 202)
    assert shapes["44"].label == (101, 201)


def test_atlas_path_explains_how_to_install(settings, tmp_path):
    settings.PATHWAYS_ATLAS_FILE = tmp_path / "missing.json"
    with pytest.raises(ImproperlyConfigured, match="npm ci"):
        geometry.atlas_path()
    del settings.PATHWAYS_ATLAS_FILE
    settings.BASE_DIR = tmp_path
    with pytest.raises(ImproperlyConfigured, match="npm ci"):
        geometry.atlas_path()


# --- The real us-atlas file (installed by `npm ci`) ---------------------------


@pytest.fixture(scope="module")
def shapes():
    return state_shapes()


def test_fifty_states_and_dc(shapes):
    assert len(shapes) == 51
    assert set(shapes) == {fips for fips, *_ in STATES}
    names = {fips: name for fips, _, name, _ in STATES}
    assert {f: s.name for f, s in shapes.items()} == names
    assert "02" in shapes and "15" in shapes  # the Alaska and Hawaii insets
    assert shapes["02"].bbox[2] < 250 and shapes["02"].bbox[1] > 400
    assert shapes["15"].bbox[1] > 450


def test_path_data_is_plain_absolute_commands(shapes):
    for shape in shapes.values():
        assert shape.d.startswith("M"), shape.fips
        assert PATH.fullmatch(shape.d), shape.fips
        points = NUMBER_PAIR.findall(shape.d)
        for (_, *p0), (c1, *p1) in zip(points, points[1:], strict=False):
            assert c1 == "M" or p0 != p1, f"{shape.fips}: repeated point {p0}"


def test_bboxes_and_labels_inside_view_box(shapes):
    for shape in shapes.values():
        x0, y0, x1, y1 = shape.bbox
        assert 0 <= x0 < x1 <= WIDTH and 0 <= y0 < y1 <= HEIGHT, shape.fips
        lx, ly = shape.label
        assert x0 < lx < x1 and y0 < ly < y1, shape.fips


def rings(d: str):
    for sub in d.split("Z")[:-1]:
        yield [(float(x), float(y)) for _, x, y in NUMBER_PAIR.findall(sub)]


def test_labels_fall_on_land(shapes):
    for shape in shapes.values():
        assert any(inside_distance(shape.label, [r]) > 0 for r in rings(shape.d)), (
            shape.fips
        )


def test_total_path_data_stays_small(shapes):
    total = sum(len(s.d) for s in shapes.values())
    print(f"total SVG path data: {total} characters")
    assert total < 150_000


def test_callouts(shapes):
    boxes = callouts()
    assert {c.postal for c in boxes} == set(geometry.SMALL_STATES)
    assert {"DC", "RI", "DE", "CT", "NJ", "MD", "MA", "NH", "VT"} <= {
        c.postal for c in boxes
    }
    for c in boxes:
        assert c.w >= 24 and c.h >= 18
        assert c.x >= 880 and c.x + c.w <= min(970, WIDTH)
        assert c.y >= 0 and c.y + c.h <= HEIGHT
        assert c.anchor == shapes[c.fips].label
        # Over open water: clear of every state's bounding box.
        for s in shapes.values():
            x0, y0, x1, y1 = s.bbox
            assert c.x > x1 or c.x + c.w < x0 or c.y > y1 or c.y + c.h < y0, (
                c.postal,
                s.postal,
            )
    for a, b in combinations(boxes, 2):
        assert (
            a.x + a.w <= b.x
            or b.x + b.w <= a.x
            or a.y + a.h <= b.y
            or (b.y + b.h <= a.y)
        ), (a.postal, b.postal)
        assert not segments_cross(a.anchor, a.leader_end, b.anchor, b.leader_end)
