"""Read-side queries of the service finder."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Q

from . import codes as code_table
from .models import Facility

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LAT = 69.0
MAX_MILES = 500.0


@dataclass(frozen=True, slots=True)
class Nearby:
    facility: Facility
    miles: float


def haversine_miles(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lng2 - lng1) * p / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


def _lng_ranges(lng: float, span: float) -> list[tuple[float, float]]:
    """The longitude interval(s) within ``span`` degrees of ``lng``, split at the
    antimeridian (Guam, the Aleutians)."""
    if span >= 180:
        return [(-180.0, 180.0)]
    lo, hi = lng - span, lng + span
    if lo < -180:
        return [(-180.0, hi), (lo + 360, 180.0)]
    if hi > 180:
        return [(lo, 180.0), (-180.0, hi - 360)]
    return [(lo, hi)]


def bounding_box(lat: float, lng: float, miles: float) -> Q:
    """A box on the indexed lat/lng columns that holds every point within
    ``miles`` (a little more: the exact test is haversine)."""
    dlat = miles / MILES_PER_DEGREE_LAT * 1.01
    lat_lo, lat_hi = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    # The widest longitude span is at the box's edge nearest a pole.
    widest = max(abs(lat_lo), abs(lat_hi))
    cos = math.cos(math.radians(widest))
    span = 180.0 if cos < 1e-6 else dlat / cos
    if widest >= 89.9:
        span = 180.0
    box = Q(lat__gte=lat_lo, lat__lte=lat_hi)
    lng_q = Q()
    for lo, hi in _lng_ranges(lng, span):
        lng_q |= Q(lng__gte=lo, lng__lte=hi)
    return box & lng_q


def filter_q(filters: Mapping[str, Iterable[str]] | None) -> Q:
    """OR inside a filter group, AND across groups. A facility matches a group
    when its codes include any code (of its own directory type) that the
    reviewed table maps to one of the chosen values."""
    q = Q()
    for group, values in (filters or {}).items():
        values = list(values)
        if not values:
            continue
        by_type = code_table.codes_for(group, values)
        group_q = Q(pk__in=[])  # matches nothing until a code is added
        for directory_type, wanted in by_type.items():
            for code in sorted(wanted):
                group_q |= Q(directory_type=directory_type, codes__contains=f" {code} ")
        q &= group_q
    return q


def _check(lat: float, lng: float, miles: float) -> None:
    for name, v in (("lat", lat), ("lng", lng), ("miles", miles)):
        if not isinstance(v, int | float) or isinstance(v, bool) or math.isnan(v):
            raise ValueError(f"{name} must be a number")
    if not -90 <= lat <= 90:
        raise ValueError("lat must be between -90 and 90")
    if not -180 <= lng <= 180:
        raise ValueError("lng must be between -180 and 180")
    if not 0 < miles <= MAX_MILES:
        raise ValueError(f"miles must be more than 0 and at most {MAX_MILES:g}")


def facilities_near(
    *,
    lat: float,
    lng: float,
    miles: float,
    filters: Mapping[str, Iterable[str]] | None = None,
) -> list[Nearby]:
    """Facilities within ``miles`` of (lat, lng), nearest first, that match
    ``filters`` ({group: [value, ...]}, see ``codes.VALUES``). Facilities placed
    at a ZIP centre are included (``facility.is_approximate``); those with no
    location are not. Raises ValueError for a bad point, radius or filter."""
    _check(lat, lng, miles)
    candidates = Facility.objects.filter(bounding_box(lat, lng, miles)).filter(
        filter_q(filters)
    )
    out = []
    for f in candidates.select_related("otp_program"):
        d = haversine_miles(lat, lng, f.lat, f.lng)
        if d <= miles:
            out.append(Nearby(f, d))
    out.sort(key=lambda n: (n.miles, n.facility.name, n.facility.pk))
    return out
