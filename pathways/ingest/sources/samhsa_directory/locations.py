"""Where a facility is: a match in the geocoded facility lists of the data
folder (street + ZIP, else name + ZIP), else the centre of its ZIP code."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings

from pathways.core.geo import haversine_miles
from pathways.treatment.models import Facility

from ...base import Rejected, RejectedFile, read_delimited
from .cleaning import zip5
from .matching import loose_street, normalize_name, normalize_street
from .schema import FacilityRow

# A location that far from the centre of the facility's own ZIP code is not trusted.
MAX_MILES_FROM_ZIP = 60.0
# Name + ZIP candidates further apart than this are different sites: ambiguous.
MAX_NAME_SPREAD_MILES = 0.5
ZIP_CENTROID_SOURCE = "zipcodes package (GeoNames coordinates)"

Q = Facility.LocationQuality


class Columns(NamedTuple):
    """The header names of one geocoded list."""

    name: str
    street: str
    zip: str
    state: str
    lat: str
    lng: str


@dataclass(frozen=True)
class GeoList:
    """A geocoded facility list in the data folder, and its column names."""

    path: str
    label: str
    directory_type: str  # the directory it lists, or "" for either
    columns: Columns
    encoding: str = "utf-8"


OEPS = "geoda_opioid_policy_scan/"
# The SAMHSA treatment locator's own column names.
LOCATOR = Columns("name1", "street1", "zip", "state", "latitude", "longitude")


def _locator(file: str, what: str, directory_type: str) -> GeoList:
    label = f"SAMHSA treatment locator, {what} facilities (2021; GeoDa OEPS)"
    return GeoList(OEPS + file, label, directory_type, LOCATOR)


GEO_LISTS = (
    _locator("SubstanceUseTreatment_Geocoded.csv", "substance use", "substance"),
    _locator("MentalHealthProviders_Geocoded.csv", "mental health", "mental"),
    GeoList(
        OEPS + "OpioidTreatmentProgram_Geocoded.csv",
        "SAMHSA opioid treatment program directory (2021; GeoDa OEPS)",
        "",
        Columns("ID", "ADDRESS", "POSTAL", "STATE", "Latitude", "Longitude"),
        encoding="latin-1",
    ),
    GeoList(
        OEPS + "meth-2017.csv",
        "2017 SAMHSA directory, methadone facilities (GeoDa OEPS)",
        "",
        Columns("Name1", "Address1", "ZIP_Code", "State", "Latitude", "Longitude"),
    ),
)


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lng: float
    state: str
    rank: int  # index in GEO_LISTS


@dataclass
class LocationIndex:
    by_address: dict[tuple[str, str], list[Point]]
    by_loose: dict[tuple[str, str], list[Point]]
    by_name: dict[tuple[str, str], list[Point]]
    lists: list[GeoList]  # the ones found
    missing: list[str]


def _valid_point(lat: float, lng: float) -> bool:
    return -15.0 <= lat <= 72.0 and -180.0 <= lng <= 180.0


def read_geo_list(path: Path, spec: GeoList, rank: int) -> Iterator[tuple[str, ...]]:
    """(street, zip, name, state, lat, lng) per usable row; a row with unreadable
    coordinates rejects the file (it names file, line and column)."""
    c = spec.columns
    rows = read_delimited(path, required=list(c), encoding=spec.encoding)
    problems: list[Rejected] = []
    for row in rows:
        d = row.data
        try:
            lat, lng = float(d[c.lat]), float(d[c.lng])
        except ValueError:
            column = c.lat if not _is_float(d[c.lat]) else c.lng
            problems.append(row.reject(column, f"not a coordinate: {d[column]!r}"))
            continue
        if not _valid_point(lat, lng):
            problems.append(row.reject(c.lat, f"not in the U.S.: {lat}, {lng}"))
            continue
        z = zip5(d[c.zip])
        if z is None:
            continue  # cannot be matched; not an error of the list
        yield (
            d[c.street],
            z,
            d[c.name],
            d[c.state].strip().upper(),
            lat,
            lng,
        )
    if problems:
        raise RejectedFile(problems)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_INDEX_CACHE: dict[tuple, LocationIndex] = {}


def services_dir_for(path: Path) -> Path | None:
    """Where the geocoded lists are: beside the facilities file's own folder
    (``services/`` of the data directory it was read from), else the configured
    data directory's ``services/``."""
    candidates = [Path(path).resolve().parent.parent]
    data_dir = getattr(settings, "PATHWAYS_DATA_DIR", None)
    if data_dir:
        candidates.append(Path(data_dir) / "services")
    for d in candidates:
        if any((d / spec.path).is_file() for spec in GEO_LISTS):
            return d
    return None


def location_index(services_dir: Path | None) -> LocationIndex:
    """Street+ZIP and name+ZIP lookups over the geocoded lists (cached per file
    version)."""
    found: list[tuple[int, GeoList, Path]] = []
    missing: list[str] = []
    for rank, spec in enumerate(GEO_LISTS):
        p = Path(services_dir) / spec.path if services_dir else None
        if p is not None and p.is_file():
            found.append((rank, spec, p))
        else:
            missing.append(spec.path)
    cache_key = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size) for _, _, p in found
    )
    if cache_key in _INDEX_CACHE:
        return _INDEX_CACHE[cache_key]
    by_address: dict[tuple[str, str], list[Point]] = defaultdict(list)
    by_loose: dict[tuple[str, str], list[Point]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for rank, spec, p in found:
        for street, z, name, state, lat, lng in read_geo_list(p, spec, rank):
            point = Point(lat, lng, state, rank)
            s = normalize_street(street)
            if s and any(ch.isdigit() for ch in s):
                by_address[(s, z)].append(point)
            loose = loose_street(street)
            if loose:
                by_loose[(loose, z)].append(point)
            n = normalize_name(name)
            if n:
                by_name[(n, z)].append(point)
    index = LocationIndex(
        dict(by_address),
        dict(by_loose),
        dict(by_name),
        [spec for _, spec, _ in found],
        missing,
    )
    _INDEX_CACHE.clear()
    _INDEX_CACHE[cache_key] = index
    return index


@lru_cache(maxsize=1)
def zip_centroids() -> dict[str, tuple[float, float, str]]:
    """ZIP -> (lat, lng, state) from the offline ``zipcodes`` package."""
    from pathways.treatment.zipdata import all_zips

    out: dict[str, tuple[float, float, str]] = {}
    for z in all_zips():
        try:
            lat, lng = float(z["lat"]), float(z["long"])
        except (TypeError, ValueError):
            continue
        if _valid_point(lat, lng) and not (lat == 0 and lng == 0):
            out[z["zip_code"]] = (lat, lng, z["state"])
    return out


@dataclass(frozen=True, slots=True)
class Location:
    lat: float | None
    lng: float | None
    quality: str
    source: str
    method: str  # for the summary: address, name, zip, none


def locate(
    r: FacilityRow,
    index: LocationIndex,
    centroids: dict[str, tuple[float, float, str]],
) -> Location:
    centre = centroids.get(r.zip)
    if centre is not None and centre[2] != r.state_code:
        centre = None  # a ZIP of another state: its centre says nothing
    if not r.address_withheld:
        # A withheld address is never replaced by a pin from another list.
        for method, lookup, key in (
            ("address", index.by_address, (normalize_street(r.street1), r.zip)),
            ("address", index.by_loose, (loose_street(r.street1), r.zip)),
            ("name", index.by_name, (normalize_name(r.name), r.zip)),
        ):
            if not key[0]:
                continue
            point = _best(lookup.get(key), r, centre, spread=method == "name")
            if point is not None:
                label = GEO_LISTS[point.rank].label
                how = "street address + ZIP" if method == "address" else "name + ZIP"
                return Location(
                    round(point.lat, 6),
                    round(point.lng, 6),
                    Q.EXACT,
                    f"Matched by {how} to {label}",
                    method,
                )
    if centre is not None:
        why = " (the directory prints no street address)" if r.address_withheld else ""
        return Location(
            centre[0],
            centre[1],
            Q.APPROXIMATE,
            f"Centre of ZIP {r.zip}, {ZIP_CENTROID_SOURCE}{why}",
            "zip",
        )
    return Location(
        None,
        None,
        Q.NONE,
        f"No geocoded match; ZIP {r.zip} has no known centre",
        "none",
    )


def _best(
    candidates: list[Point] | None,
    r: FacilityRow,
    centre: tuple[float, float, str] | None,
    *,
    spread: bool,
) -> Point | None:
    if not candidates:
        return None
    ok = [
        p
        for p in candidates
        if p.state == r.state_code
        and (
            centre is None
            or haversine_miles(p.lat, p.lng, centre[0], centre[1]) <= MAX_MILES_FROM_ZIP
        )
    ]
    if not ok:
        return None
    if spread and len(ok) > 1:
        first = ok[0]
        if any(
            haversine_miles(first.lat, first.lng, p.lat, p.lng) > MAX_NAME_SPREAD_MILES
            for p in ok[1:]
        ):
            return None  # several sites of one name in the ZIP: which one?

    def order(p: Point) -> tuple:
        own = GEO_LISTS[p.rank].directory_type
        first = 0 if own == r.directory_type else (1 if own else 2)
        near = haversine_miles(p.lat, p.lng, centre[0], centre[1]) if centre else 0.0
        return (first, p.rank, near)

    return min(ok, key=order)
