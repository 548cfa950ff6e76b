"""Finder maps (pathways.treatment.mapsvg, templatetags/findermap.py, _map.html):
projection, window, outlines, markers, approximate and missing locations, places
outside the lower 48, the optional tile setting, escaping, size."""

from __future__ import annotations

import math
import re

import pytest
from django.template.loader import render_to_string
from django.test import override_settings

from pathways.places.geometry import lonlat_atlas
from pathways.treatment import mapsvg
from pathways.treatment.mapsvg import (
    VIEW_H,
    VIEW_W,
    Window,
    destination,
    facility_map,
    inverse_mercator,
    mercator,
    results_map,
    tiles,
    window_around,
)
from pathways.treatment.models import Facility
from pathways.treatment.selectors import Place
from tests.factories import FacilityFactory

from .finder_fixtures import *  # noqa: F403  (the fixture: portland)
from .finder_fixtures import ORIGIN

TILE_URL = "https://tile.example/{z}/{x}/{y}.png"


def fac(lat, lng, quality="exact", name="A place", zip_code="97214"):
    """An unsaved facility: the maps need only these fields."""
    return Facility(
        key=f"k{lat}{lng}",
        name=name,
        lat=lat,
        lng=lng,
        location_quality=quality,
        zip=zip_code,
        city="Portland",
        state_code="OR",
    )


def page_of(n=20, centre=ORIGIN, spread=0.2, approximate_every=4):
    """n facilities on a spiral around the centre, every 4th approximate."""
    lat, lng = centre
    out = []
    for i in range(n):
        a = i * 2.4
        r = spread * (i + 1) / n
        q = (
            "approximate"
            if approximate_every and i % approximate_every == 3
            else "exact"
        )
        out.append(fac(lat + r * math.sin(a), lng + r * math.cos(a), q, f"Place {i}"))
    return out


PORTLAND = Place(ORIGIN[0], ORIGIN[1], "97214 (Portland, OR)", "97214")


def render_results(facilities, place=PORTLAND, radius=25, start=1):
    rows = [{"f": f} for f in facilities]
    return render_to_string(
        "treatment/_map.html",
        {
            "map_rows": rows,
            "map_place": place,
            "map_radius": radius,
            "map_start": start,
        },
    )


def numbers(d: str) -> list[int]:
    return [int(n) for n in re.findall(r"-?\d+", d)]


# --- Projection -------------------------------------------------------------------


def test_mercator_known_points():
    assert mercator(0, 0) == pytest.approx((0.5, 0.5))
    assert mercator(85.05112878, -180) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert mercator(-85.05112878, 180) == pytest.approx((1.0, 1.0), abs=1e-9)
    # beyond Mercator's limit the latitude is clamped, never infinite
    assert mercator(90, 0)[1] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    "lat,lng",
    [(45.5, -122.6), (61.2, -149.9), (21.3, -157.8), (18.4, -66.1), (13.5, 144.8)],
)
def test_inverse_mercator_round_trip(lat, lng):
    assert inverse_mercator(*mercator(lat, lng)) == pytest.approx((lat, lng))


def test_destination_one_degree_north_and_east():
    lat, lng = destination(45.0, -122.0, 0.0, 69.09)
    assert lat == pytest.approx(46.0, abs=0.01) and lng == pytest.approx(-122.0)
    lat, lng = destination(0.0, 0.0, 90.0, 69.09)
    assert lat == pytest.approx(0.0, abs=1e-9) and lng == pytest.approx(1.0, abs=0.01)


def test_window_projects_centre_to_the_middle_and_keeps_north_up():
    w = window_around(45.5, -122.6, 25)
    assert w.project(45.5, -122.6) == pytest.approx((VIEW_W / 2, VIEW_H / 2))
    x, y = w.project(45.6, -122.5)
    assert x > VIEW_W / 2 and y < VIEW_H / 2


@pytest.mark.parametrize("miles", [5, 25, 100])
@pytest.mark.parametrize(
    "lat,lng", [ORIGIN, (61.2, -149.9), (18.4, -66.1), (25.8, -80.2)]
)
def test_search_circle_fits_the_window(lat, lng, miles):
    w = window_around(lat, lng, miles)
    points = [w.project(*destination(lat, lng, b, miles)) for b in range(0, 360, 5)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    assert min(xs) > 0 and max(xs) < VIEW_W and min(ys) > 0 and max(ys) < VIEW_H
    # fitted: the circle fills the short side (less the margin)
    assert max(ys) - min(ys) > VIEW_H * 0.9


def test_scale_is_consistent_with_ground_distance():
    w = window_around(40.0, -100.0, 25)
    x0, _ = w.project(40.0, -100.0)
    x1, _ = w.project(*destination(40.0, -100.0, 90.0, 10))
    assert (x1 - x0) * w.miles_per_unit() == pytest.approx(10, rel=0.01)


def test_antimeridian_wraps_to_the_near_side():
    w = Window(lat=52.0, lng=179.5, scale=20000)
    x_east, _ = w.project(52.0, 179.9)
    x_west, _ = w.project(52.0, -179.9)  # just across the line: to the right
    assert VIEW_W / 2 < x_east < x_west < VIEW_W


# --- Window selection and outlines ------------------------------------------------------


def test_arcs_in_box_finds_only_nearby_arcs():
    atlas = lonlat_atlas()
    box = (-123.0, 45.2, -122.3, 45.8)
    found = atlas.arcs_in_box(box)
    assert found and len(found) < 100
    for i in found:
        b = atlas.arc_bbox[i]
        assert b[0] <= box[2] and box[0] <= b[2] and b[1] <= box[3] and box[1] <= b[3]
    assert atlas.arcs_in_box((-140.0, 30.0, -139.0, 31.0)) == []  # open Pacific
    # both county lines and state lines are there
    assert any(i in atlas.state_arcs for i in found)
    assert any(i not in atlas.state_arcs for i in found)


def test_arcs_in_box_across_the_antimeridian():
    atlas = lonlat_atlas()
    found = atlas.arcs_in_box((178.0, 51.0, 182.0, 53.0))  # western Aleutians
    assert any(atlas.arc_bbox[i][0] > 0 for i in found)


def test_outlines_portland_are_compact_whole_numbers():
    out = mapsvg.outlines(window_around(*ORIGIN, 25))
    for d in (out.land, out.counties, out.states):
        assert d and re.fullmatch(r"(M-?\d+(?: -?\d+|-\d+)l[-\d ]+z?)+", d)
    # the land covers the whole window: Portland is inland
    assert out.land.count("M") >= 1
    # outline stretches start near the window (whole arcs across the state are cut)
    starts = [
        numbers(m) for m in re.findall(r"M-?\d+(?: ?-?\d+)", out.counties + out.states)
    ]
    for x, y in starts:
        x, y = x / mapsvg.Q, y / mapsvg.Q
        assert -200 < x < VIEW_W + 200 and -200 < y < VIEW_H + 200


# --- Results maps -----------------------------------------------------------------


def test_markers_numbered_from_the_page_start():
    facilities = page_of(20)
    m = results_map(facilities, lat=ORIGIN[0], lng=ORIGIN[1], radius=25, start=21)
    assert sorted(k.number for k in m.markers) == list(range(21, 41))
    assert (m.first, m.last) == (21, 40)
    assert m.approximate == 5 and m.unlocated == 0
    # number 21 is drawn last (on top)
    assert m.ordered_markers[-1].number == 21


def test_markers_do_not_overlap_and_moved_ones_keep_their_point():
    same = [fac(*ORIGIN, "approximate", f"Same ZIP {i}") for i in range(6)]
    m = results_map(same, lat=ORIGIN[0], lng=ORIGIN[1], radius=25)
    for a in m.markers:
        for b in m.markers:
            if a is not b:
                assert math.hypot(a.x - b.x, a.y - b.y) >= 2 * mapsvg.MARKER_R
        assert a.anchor == pytest.approx((VIEW_W / 2, VIEW_H / 2), abs=0.1)
        # and none covers the search centre
        assert math.hypot(a.x - VIEW_W / 2, a.y - VIEW_H / 2) > mapsvg.MARKER_R


def test_results_map_renders_numbers_title_and_summary():
    html = render_results(page_of(20), start=1)
    assert html.count('class="finder-map-marker') == 20
    texts = re.findall(r'font-weight="700"[^>]*>(\d+)</text>', html)
    assert sorted(map(int, texts)) == list(range(1, 21))
    assert (
        'role="img"' in html
        and 'aria-labelledby="finder-map-title finder-map-desc"' in html
    )
    title = re.search(r'<title id="finder-map-title">(.*?)</title>', html).group(1)
    assert (
        title == "Map of 20 places on this page within 25 miles of 97214 (Portland, OR)"
    )
    desc = re.search(r'<desc id="finder-map-desc">(.*?)</desc>', html, re.S).group(1)
    assert "Numbered markers 1 to 20 match the numbered list" in desc
    assert "5 places have an approximate location" in desc
    assert "<title>1. Place 0</title>" in html


def test_approximate_markers_are_hollow_and_dashed_with_a_legend():
    html = render_results(page_of(8, approximate_every=4))
    approx = re.findall(r'<g class="finder-map-marker is-approximate">.*?</g>', html)
    exact = re.findall(r'<g class="finder-map-marker">.*?</g>', html)
    assert len(approx) == 2 and len(exact) == 6
    for g in approx:
        assert 'fill="#ffffff"' in g and "stroke-dasharray" in g
        assert "(approximate location)</title>" in g
    for g in exact:
        assert 'fill="#0b5c6b"' in g and "stroke-dasharray" not in g
    assert "Approximate location (ZIP code centre)" in html


def test_places_without_location_are_counted_not_drawn():
    facilities = [*page_of(3, approximate_every=0), fac(None, None, "none", "Nowhere")]
    m = results_map(facilities, lat=ORIGIN[0], lng=ORIGIN[1], radius=10, start=1)
    assert [k.number for k in m.markers] == [1, 2, 3] and m.unlocated == 1
    html = render_results(facilities, radius=10)
    assert "1 place on this page has no location and is not on the map." in html
    assert "Nowhere" not in html


def test_results_map_without_place_or_with_bad_radius_is_empty():
    assert render_results(page_of(2), place=None).strip() == ""
    assert render_results(page_of(2), radius="abc").strip() == ""
    assert render_results(page_of(2), radius=-5).strip() == ""


def test_search_centre_and_circle_are_drawn():
    html = render_results(page_of(3))
    assert (
        '<g class="finder-map-centre"><title>Search centre: 97214 (Portland, OR)</title>'
        in html
    )
    assert 'stroke-dasharray="12 8"' in html  # the search circle
    assert "Search centre and 25-mile area" in html


# --- Facility maps ------------------------------------------------------------------


def test_facility_map_centres_the_place():
    m = facility_map(fac(*ORIGIN))
    (k,) = m.markers
    assert (k.x, k.y) == pytest.approx((VIEW_W / 2, VIEW_H / 2), abs=0.1)
    assert m.circle == "" and m.centre is None
    # about 15 miles each way around it
    assert m.window.miles_per_unit() * VIEW_H == pytest.approx(2 * 15 * 1.08, rel=0.05)


def test_facility_without_location_has_no_map_and_says_so():
    f = fac(None, None, "none", "Unplaced")
    assert facility_map(f) is None
    html = render_to_string("treatment/_map.html", {"map_facility": f})
    assert "No map: the directory gives no location for this place." in html
    assert "<svg" not in html


def test_approximate_facility_map_says_so():
    html = render_to_string(
        "treatment/_map.html",
        {"map_facility": fac(*ORIGIN, "approximate", zip_code="97232")},
    )
    assert "approximate location, the centre of ZIP code 97232" in html
    assert "Approximate location (ZIP code centre)" in html
    assert "is-approximate" in html


@pytest.mark.parametrize(
    "name,lat,lng",
    [
        ("Anchorage, AK", 61.2181, -149.9003),
        ("Adak, AK (Aleutians)", 51.88, -176.658),
        ("Attu, AK (west of the antimeridian)", 52.84, 173.18),
        ("Honolulu, HI", 21.3069, -157.8583),
        ("San Juan, PR", 18.4655, -66.1057),
        ("Hagåtña, GU", 13.4757, 144.7489),
        ("Saipan, MP", 15.1850, 145.7467),
        ("Charlotte Amalie, VI", 18.3419, -64.9307),
    ],
)
def test_places_outside_the_lower_48(name, lat, lng):
    m = facility_map(fac(lat, lng, name=name))
    assert m.outlines.land, name  # land drawn around the point
    assert m.outlines.states, name  # and its coast
    r = results_map([fac(lat, lng)], lat=lat, lng=lng, radius=50, label=name)
    (k,) = r.markers
    assert 0 <= k.x <= VIEW_W and 0 <= k.y <= VIEW_H
    # the land near the point is in the window: some land path points fall inside
    pts = numbers(m.outlines.land)
    assert any(0 <= v / mapsvg.Q <= VIEW_W for v in pts[::2])


# --- Tiles ------------------------------------------------------------------------


def test_no_tiles_by_default(settings):
    assert settings.PATHWAYS_MAP_TILE_URL == ""
    m = results_map(page_of(3), lat=ORIGIN[0], lng=ORIGIN[1], radius=25)
    assert m.tiles == [] and m.attribution == ""
    html = render_results(page_of(3))
    assert "<image" not in html and "http" not in html.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_tiles_cover_the_window_and_line_up():
    w = window_around(*ORIGIN, 25)
    got = tiles(w, TILE_URL)
    assert got and len(got) <= mapsvg.MAX_TILES
    sizes = {t.size for t in got}
    (size,) = sizes
    # drawn at 128 to 256 CSS pixels: as sharp as the map, without more tiles than needed
    assert 128 < size * mapsvg.PX_PER_UNIT <= 256.1
    assert min(t.x for t in got) <= 0 and max(t.x + t.size for t in got) >= VIEW_W
    assert min(t.y for t in got) <= 0 and max(t.y + t.size for t in got) >= VIEW_H
    # the tile holding Portland at zoom z is where the projection puts Portland
    t0 = got[0]
    z, x, y = map(int, re.search(r"/(\d+)/(\d+)/(\d+)\.png", t0.href).groups())
    wx, wy = mercator(*ORIGIN)
    px, py = w.project(*ORIGIN)
    n = 2**z
    assert t0.x + (wx * n - x) * t0.size == pytest.approx(px, abs=0.05)
    assert t0.y + (wy * n - y) * t0.size == pytest.approx(py, abs=0.05)


@override_settings(
    PATHWAYS_MAP_TILE_URL=TILE_URL, PATHWAYS_MAP_TILE_ATTRIBUTION="© Example <Tiles>"
)
def test_tile_setting_adds_images_and_credit():
    html = render_results(page_of(3))
    assert html.count('<image href="https://tile.example/') >= 1
    assert "Map tiles: © Example &lt;Tiles&gt;" in html
    facility_html = render_to_string(
        "treatment/_map.html", {"map_facility": fac(*ORIGIN)}
    )
    assert '<image href="https://tile.example/' in facility_html


def test_tiles_wrap_across_the_antimeridian():
    w = Window(lat=52.0, lng=179.99, scale=2**14 * 256 / 64)
    xs = {int(re.search(r"/\d+/(\d+)/", t.href).group(1)) for t in tiles(w, TILE_URL)}
    n = 2 ** int(re.search(r"/(\d+)/", tiles(w, TILE_URL)[0].href).group(1))
    assert 0 in xs and n - 1 in xs  # both sides of the line, no negative tile numbers


# --- Escaping, size and pages -------------------------------------------------------


def test_names_and_labels_are_escaped():
    evil = '<script>alert("x")</script> & Co'
    place = Place(ORIGIN[0], ORIGIN[1], '<b>97214</b> "x"', "97214")
    html = render_results([fac(*ORIGIN, name=evil)], place=place)
    assert "<script>" not in html and "<b>97214" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "&lt;b&gt;97214&lt;/b&gt; &quot;x&quot;" in html
    facility_html = render_to_string(
        "treatment/_map.html", {"map_facility": fac(*ORIGIN, name=evil)}
    )
    assert "<script>" not in facility_html
    assert "Map of the area around &lt;script&gt;" in facility_html


@pytest.mark.parametrize("radius", [5, 25, 100])
def test_results_map_stays_small(radius):
    html = render_results(page_of(20, spread=radius / 80), radius=radius)
    assert len(html.encode()) < 40_000


def test_facility_map_stays_small():
    html = render_to_string("treatment/_map.html", {"map_facility": fac(*ORIGIN)})
    assert len(html.encode()) < 40_000


def test_find_page_shows_the_map_with_the_list(client, portland):
    html = client.get("/find/", {"zip": "97214", "radius": "25"}).content.decode()
    assert html.count('<figure class="finder-map finder-map-results">') == 1
    assert "findermap.css" in html
    # four places within 25 miles, numbered 1 to 4 like the list
    texts = re.findall(r'font-weight="700"[^>]*>(\d+)</text>', html)
    assert sorted(map(int, texts)) == [1, 2, 3, 4]
    # no resource from another host: no src, stylesheet, image or url() elsewhere
    for attr in re.findall(r'(?:src|<link[^>]*href|<image[^>]*href)="([^"]*)"', html):
        assert not re.match(r"(?:https?:)?//", attr) or "testserver" in attr, attr
    assert "url(http" not in html


def test_facility_page_map(client, portland):
    html = client.get(f"/find/facility/{portland['bupe'].key}/").content.decode()
    assert '<figure class="finder-map finder-map-facility">' in html
    nowhere = FacilityFactory(lat=None, lng=None, name="Unplaced Program")
    html = client.get(f"/find/facility/{nowhere.key}/").content.decode()
    assert "No map: the directory gives no location for this place." in html
    assert "finder-map-svg" not in html


def test_project_all_matches_project():
    w = window_around(61.2, -149.9, 25)
    pts = [(-149.9, 61.2), (-150.5, 60.9), (179.9, 52.0), (-66.1, 18.4), (0.0, 89.0)]
    got = [c for p in w.project_all(pts) for c in p]
    want = [c for lng, lat in pts for c in w.project(lat, lng)]
    assert got == pytest.approx(want)


def test_county_labels_name_the_counties_in_view_clear_of_markers():
    lat, lng = ORIGIN
    m = results_map(page_of(5), lat=lat, lng=lng, radius=25)
    names = [label.text for label in m.labels]
    assert "Clackamas" in names or "Washington" in names
    assert len(names) == len(set(names)) <= mapsvg.MAX_LABELS
    for label in m.labels:
        for k in m.markers:
            assert math.hypot(label.x - k.x, label.y - k.y) > mapsvg.MARKER_R
    html = render_results(page_of(5))
    assert f">{names[0]}</text>" in html


def test_svg_numbers_are_not_localized_in_spanish():
    from django.utils import translation

    with translation.override("es"):
        html = render_results(page_of(5))
        facility_html = render_to_string(
            "treatment/_map.html", {"map_facility": fac(*ORIGIN)}
        )
    for h in (html, facility_html):
        for attr in re.findall(r' (?:cx|cy|x|y|r|width|height|d)="([^"]*)"', h):
            assert "," not in attr, attr
