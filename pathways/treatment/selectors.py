"""Read-side queries of the service finder."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection

from pathways.core.geo import EARTH_RADIUS_MILES
from pathways.core.models import Source

from . import codes as code_table
from .codes import OTHER
from .models import Facility, OtpProgram

MILES_PER_DEGREE_LAT = 69.0
MAX_MILES = 500.0


@dataclass(frozen=True, slots=True)
class Nearby:
    facility: Facility
    miles: float


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


def search_box(
    lat: float, lng: float, miles: float
) -> tuple[float, float, list[tuple[float, float]]]:
    """(lat_lo, lat_hi, longitude ranges): a box on the indexed lat/lng columns
    that holds every point within ``miles`` (a little more: the exact test is
    haversine). The widest longitude span is at the box's edge nearest a pole."""
    dlat = miles / MILES_PER_DEGREE_LAT * 1.01
    lat_lo, lat_hi = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = max(abs(lat_lo), abs(lat_hi))
    cos = math.cos(math.radians(widest))
    span = 180.0 if cos < 1e-6 or widest >= 89.9 else dlat / cos
    return lat_lo, lat_hi, _lng_ranges(lng, span)


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
) -> NearbyResults:
    """Facilities within ``miles`` of (lat, lng), nearest first (then by name),
    that match ``filters`` ({group: [value, ...]}, see ``codes.VALUES``).
    Facilities placed at a ZIP centre are included (``facility.is_approximate``);
    those with no location are not. Raises ValueError for a bad point, radius or
    filter.

    One query finds the matches (id, position and name only) and Python sorts
    them by haversine distance; the ``Facility`` rows are loaded only for what is
    read: ``len()`` costs nothing more, ``results[:20]`` loads 20 facilities in
    one more query, iterating loads them all in one query."""
    _check(lat, lng, miles)
    sql, params = _search_sql(lat, lng, miles, filters)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    p = math.pi / 180
    cos_lat = math.cos(lat * p)
    sin, cos, asin, sqrt = math.sin, math.cos, math.asin, math.sqrt
    diameter = 2 * EARTH_RADIUS_MILES
    hits = []
    for pk, flat, flng, name in rows:
        # Exactly haversine_miles(lat, lng, flat, flng), with cos(lat) hoisted.
        a = (
            sin((flat - lat) * p / 2) ** 2
            + cos_lat * cos(flat * p) * sin((flng - lng) * p / 2) ** 2
        )
        d = diameter * asin(min(1.0, sqrt(a)))
        if d <= miles:
            hits.append((d, name, pk))
    hits.sort()
    return NearbyResults(hits)


class NearbyResults(Sequence):
    """The result of ``facilities_near``: a sequence of ``Nearby`` in order whose
    facilities are loaded from the database only when read (a page at a time)."""

    __slots__ = ("_hits", "_all")

    def __init__(self, hits: list[tuple[float, str, int]]):
        self._hits = hits  # (miles, name, pk), sorted
        self._all: list[Nearby] | None = None

    def __len__(self) -> int:
        return len(self._hits)

    def __getitem__(self, index):
        if self._all is not None:
            return self._all[index]
        if isinstance(index, slice):
            return _load(self._hits[index])
        return _load([self._hits[index]])[0]

    def __iter__(self):
        if self._all is None:
            self._all = _load(self._hits)
        return iter(self._all)

    def __reversed__(self):
        return reversed(list(self))

    def __eq__(self, other) -> bool:
        if isinstance(other, NearbyResults | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"<NearbyResults: {len(self)} facilities>"

    @property
    def ids(self) -> list[int]:
        """The facilities' primary keys, in order (no query)."""
        return [pk for _d, _name, pk in self._hits]

    @property
    def miles(self) -> list[float]:
        """The distances, in order (no query)."""
        return [d for d, _name, _pk in self._hits]

    def rows(self, start: int = 0, stop: int | None = None) -> list[dict]:
        """The results ``start:stop`` as plain dicts (``ROW_FIELDS`` plus
        ``otp_certification``, ``source_slug`` and ``miles``), in order, without
        building model instances: what the API serialises."""
        hits = self._hits[start:stop]
        by_pk: dict[int, dict] = {}
        for i in range(0, len(hits), 500):
            chunk = [pk for _d, _name, pk in hits[i : i + 500]]
            with connection.cursor() as cursor:
                cursor.execute(_rows_sql(len(chunk)), chunk)
                for values in cursor.fetchall():
                    by_pk[values[0]] = dict(zip(_ROW_NAMES, values, strict=True))
        out = []
        for d, _name, pk in hits:
            row = by_pk.get(pk)  # None if an ingest removed it meanwhile
            if row is not None:
                row["miles"] = d
                out.append(row)
        return out


# Everything a result shows (the published service string is read only on the
# facility page).
RESULT_DEFER = ("service_code_info",)


def _load(hits: list[tuple[float, str, int]]) -> list[Nearby]:
    if not hits:
        return []
    by_pk = (
        Facility.objects.select_related("otp_program", "source")
        .defer(*RESULT_DEFER)
        .in_bulk([pk for _d, _name, pk in hits])
    )
    # (A facility an ingest removed since the search is left out.)
    return [Nearby(by_pk[pk], d) for d, _name, pk in hits if pk in by_pk]


def _search_sql(
    lat: float, lng: float, miles: float, filters: Mapping[str, Iterable[str]] | None
) -> tuple[str, list]:
    """The search as one SQL statement: ``search_box`` and, per filter group,
    the codes that mean its values (OR inside a group, AND across groups),
    written out directly (building the same query with the ORM costs more than
    running it)."""
    lat_lo, lat_hi, ranges = search_box(lat, lng, miles)
    params: list = [lat_lo, lat_hi]
    for lo, hi in ranges:
        params += [lo, hi]
    where = [_BOX_SQL[len(ranges)]]
    for group, values in (filters or {}).items():
        values = frozenset(values)
        if values:
            sql, group_params = _group_sql(group, values, connection.vendor)
            where.append(sql)
            params += group_params
    return _SELECT_SQL + " AND ".join(where), params


# "codes holds this token": a plain substring test. Not LIKE '% BU %': on an
# analysed PostgreSQL table the planner estimated every LIKE pattern against the
# column's statistics, ~1 ms of planning per search, five times the execution.
_CONTAINS_SQL = {
    "postgresql": "strpos(codes, %s) > 0",
    "sqlite": "instr(codes, %s) > 0",
}


@lru_cache(maxsize=1024)
def _group_sql(
    group: str, values: frozenset[str], vendor: str
) -> tuple[str, tuple[str, ...]]:
    """One filter group as SQL: any of the codes that mean one of ``values``, each
    in its own directory type (a facility matches when its codes include one)."""
    contains = _CONTAINS_SQL.get(vendor)
    ors, params = [], []
    for directory_type, wanted in code_table.codes_for(group, values).items():
        if wanted:
            test = contains or "codes LIKE %s"
            ors.append(
                "(directory_type = %s AND (" + " OR ".join([test] * len(wanted)) + "))"
            )
            params.append(directory_type)
            for code in sorted(wanted):
                params.append(f" {code} " if contains else f"% {code} %")
    return "(" + (" OR ".join(ors) or "1 = 0") + ")", tuple(params)


_SELECT_SQL = f"SELECT id, lat, lng, name FROM {Facility._meta.db_table} WHERE "

# The columns of a result row (``NearbyResults.rows``).
ROW_FIELDS = (
    "id",
    "key",
    "name",
    "name2",
    "lat",
    "lng",
    "location_quality",
    "street1",
    "street2",
    "city",
    "state_code",
    "zip",
    "phone",
    "directory_type",
    "codes",
    "source_id",
)
_ROW_NAMES = (*ROW_FIELDS, "otp_certification", "source_slug")


@lru_cache(maxsize=64)
def _rows_sql(n: int) -> str:
    q = connection.ops.quote_name
    return (
        "SELECT "
        + ", ".join(f"f.{q(name)}" for name in ROW_FIELDS)
        + ", o.certification, s.slug"
        + f" FROM {q(Facility._meta.db_table)} f"
        + f" LEFT JOIN {q(OtpProgram._meta.db_table)} o ON o.id = f.otp_program_id"
        + f" INNER JOIN {q(Source._meta.db_table)} s ON s.id = f.source_id"
        + " WHERE f.id IN ("
        + ", ".join(["%s"] * n)
        + ")"
    )


_BOX_SQL = {
    1: "lat >= %s AND lat <= %s AND lng >= %s AND lng <= %s",
    2: "lat >= %s AND lat <= %s AND "
    "((lng >= %s AND lng <= %s) OR (lng >= %s AND lng <= %s))",
}


# -- places to search from (offline ZIP centroids) ----------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a search starts: a ZIP code's centre, or the mean of a city's ZIPs."""

    lat: float
    lng: float
    label: str
    zip: str = ""


@lru_cache(maxsize=1)
def _zip_index() -> tuple[dict[str, Place], dict[tuple[str, str], Place]]:
    """ZIP -> Place and (city, state) -> Place, from the offline ``zipcodes``
    package (loaded once per process)."""
    from pathways.treatment.zipdata import all_zips

    by_zip: dict[str, Place] = {}
    cities: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for z in all_zips():
        try:
            lat, lng = float(z["lat"]), float(z["long"])
        except (TypeError, ValueError):
            continue
        if (lat == 0 and lng == 0) or not (-90 <= lat <= 90 and -180 <= lng <= 180):
            continue
        city, state = z["city"].strip(), z["state"].strip().upper()
        by_zip[z["zip_code"]] = Place(
            lat, lng, f"{z['zip_code']} ({city.title()}, {state})", z["zip_code"]
        )
        if z.get("zip_code_type") != "MILITARY":
            cities.setdefault((_norm_city(city), state), []).append(
                (lat, lng, city.title())
            )
    by_city = {
        key: Place(
            sum(p[0] for p in pts) / len(pts),
            sum(p[1] for p in pts) / len(pts),
            f"{pts[0][2]}, {key[1]}",
        )
        for key, pts in cities.items()
    }
    return by_zip, by_city


def _norm_city(city: str) -> str:
    text = " ".join(city.lower().replace(".", " ").split())
    return text.replace("saint ", "st ")


def zip_place(zip_code: str) -> Place | None:
    """The centre of a 5-digit ZIP code, or None when the package does not know it."""
    return _zip_index()[0].get((zip_code or "").strip())


def city_place(city: str, state: str) -> Place | None:
    """The mean centre of a city's ZIP codes, or None when unknown."""
    return _zip_index()[1].get((_norm_city(city or ""), (state or "").strip().upper()))


# -- plain-language services --------------------------------------------------------

FILTER_GROUPS: tuple[str, ...] = tuple(g for g in code_table.GROUPS if g != OTHER)
# The query-string name of each filter group (pages and API alike):
# ``?medication=buprenorphine&payment=medicaid&payment=sliding-fee``.
PARAM_OF_GROUP: dict[str, str] = {
    g: ("medication" if g == "medications" else g) for g in FILTER_GROUPS
}
GROUP_OF_PARAM: dict[str, str] = {p: g for g, p in PARAM_OF_GROUP.items()}


def group_values(group: str) -> list[tuple[str, str]]:
    """(value, English label) of one filter group, in the table's order."""
    return [
        (v, labels[0]) for (g, v), labels in code_table.VALUES.items() if g == group
    ]


@dataclass(frozen=True, slots=True)
class ServiceGroup:
    group: str
    label: str
    services: list[str]


def services_by_group(
    facility: Facility, lang: str | None = None
) -> list[ServiceGroup]:
    """The facility's codes as plain-language labels (in ``lang``, by default the
    active language), grouped by filter group (in the finder's order), each
    group's labels in the code table's order."""
    index = {c: i for i, c in enumerate(code_table.TABLE)}
    found: dict[str, list] = {}
    for token in facility.code_list:
        c = code_table.BY_KEY.get((facility.directory_type, token))
        if c is not None:
            found.setdefault(c.group, []).append(c)
    out = []
    for group, labels in code_table.GROUPS.items():
        rows = sorted(found.get(group, []), key=index.__getitem__)
        seen: list[str] = []
        for c in rows:
            text = code_table.in_language(c.label_en, c.label_es, lang)
            if text not in seen:
                seen.append(text)
        if seen:
            out.append(ServiceGroup(group, code_table.in_language(*labels, lang), seen))
    return out


def facility_by_key(key: str) -> Facility | None:
    """One facility by its key, with its source and opioid treatment program."""
    return (
        Facility.objects.select_related("source", "otp_program").filter(key=key).first()
    )


def code_table_sources() -> list[Source]:
    """The sources of the service-code table."""
    return list(Source.objects.filter(service_codes__isnull=False).distinct())
