"""SAMHSA National Directories of substance use and mental health treatment
facilities (2024 edition, from the 2023 N-SUMHSS), in their published format.

Two files, each loaded as published (``manage.py ingest samhsa-directory`` reads
both, definitions first):

* the code definitions (``directory_type,code,label``): every code must be in
  the reviewed table ``pathways/treatment/codes.py`` with the same official
  label, else the row is rejected;
* the facilities (one row per facility; ``service_code_info`` is the codes in
  ``*``-separated groups). Every code must be defined for that directory.

The facilities file has no coordinates. Each facility gets a location, best
first: a match to the geocoded facility lists in the data folder (normalized
street + ZIP, else name + ZIP; never for an address the directory withholds),
else the centre of its ZIP code from the offline ``zipcodes`` package (shown as
"approximate location"), else none. See docs/data/samhsa-directory.md.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

from pathways.core.geo import haversine_miles
from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility, OtpProgram, ServiceCode

from ..base import (
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    RejectedFile,
    read_delimited,
    sync,
)
from ..observations import ensure_source, known_places

PARSER = 1
DEFINITIONS = (
    "services/samhsa_nsumhss_2024_directory/nsumhss_2024_service_code_definitions.csv"
)
FACILITIES = "services/samhsa_nsumhss_2024_directory/nsumhss_2024_national_directory_facilities.csv"
LANDING_URL = (
    "https://www.samhsa.gov/data/data-we-collect/n-sumhss-national-substance-use-"
    "and-mental-health-services-survey/national-directories"
)

SOURCE = IngestSource(
    slug="samhsa-directory",
    title="SAMHSA National Directories of substance use and mental health "
    "treatment facilities",
    url=LANDING_URL,
    doc="docs/data/samhsa-directory.md",
    default_files=(DEFINITIONS, FACILITIES),
    # The reviewed code table is part of the parser: editing it re-reads the files.
    parser_version=PARSER * 1000 + code_table.REVISION,
)

DEFINITION_COLUMNS = ["directory_type", "code", "label"]
FACILITY_COLUMNS = [
    "facility_id",
    "directory_type",
    "name1",
    "name2",
    "street1",
    "street2",
    "city",
    "state",
    "zip",
    "phone",
    "intake1",
    "intake2",
    "intake1a",
    "intake2a",
    "service_code_info",
]
CONTENT_COLUMNS = FACILITY_COLUMNS[2:]
# Longest text each model field takes (PostgreSQL enforces them).
MAX_LENGTH = {
    "name1": 300,
    "name2": 300,
    "street1": 300,
    "street2": 300,
    "city": 120,
    "phone": 40,
    "intake1": 40,
    "intake2": 40,
    "intake1a": 40,
    "intake2a": 40,
}
DEFAULT_EDITION = 2024

# States, DC, territories and freely associated states that SAMHSA lists, and the
# military "states" USPS uses.
_POSTAL = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY "
    "PR GU VI AS MP FM MH PW AA AE AP"
)
POSTAL_CODES = frozenset(_POSTAL.split())
# A location that far from the centre of the facility's own ZIP code is not trusted.
MAX_MILES_FROM_ZIP = 60.0
# Name + ZIP candidates further apart than this are different sites: ambiguous.
MAX_NAME_SPREAD_MILES = 0.5
# Refuse a file that would remove more than this share of the loaded facilities.
MAX_REMOVED_SHARE = 0.5
ZIP_CENTROID_SOURCE = "zipcodes package (GeoNames coordinates)"

Q = Facility.LocationQuality


# -- typed rows ----------------------------------------------------------------------


@dataclass(slots=True)
class CodeRow:
    path: str
    line: int
    directory_type: str
    code: str
    official_label: str


@dataclass(slots=True)
class FacilityRow:
    path: str
    line: int
    record_id: str
    directory_type: str
    name: str
    name2: str
    street1: str
    street2: str
    address_withheld: bool
    city: str
    state_code: str
    zip: str
    phone: str
    intake1: str
    intake2: str
    intake1a: str
    intake2a: str
    service_code_info: str
    codes: tuple[str, ...]


@dataclass(slots=True)
class SkippedRow:
    """A row of the file that is not a facility (the XLSX's footer), counted."""

    path: str
    line: int
    reason: str


BLANK = "blank row"
LEGEND = "code legend row"


# -- read ----------------------------------------------------------------------------


def file_kind(path: Path) -> str:
    """'definitions' or 'facilities', from the header line."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip("\r")
    header = {h.strip() for h in next(csv.reader([first]), [])} if first else set()
    if "service_code_info" in header:
        return "facilities"
    if set(DEFINITION_COLUMNS) <= header:
        return "definitions"
    raise RejectedFile(
        [
            Rejected(
                path.name,
                1,
                1,
                "not a SAMHSA National Directory file: expected the facilities "
                "header (facility_id, …, service_code_info) or the code "
                "definitions header (directory_type, code, label)",
            )
        ]
    )


def read(path: Path) -> Iterator[RawRow]:
    if file_kind(path) == "definitions":
        yield from read_delimited(path, required=DEFINITION_COLUMNS)
    else:
        yield from read_delimited(path, required=FACILITY_COLUMNS)


# -- clean ---------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def official_label(text: str) -> str:
    """The label as SAMHSA wrote it: the file's U+FFFD stood for '®'."""
    return text.replace("\ufffd", "®").strip()


ZIP_RE = re.compile(r"(\d{3,5})(?:-?\d{4})?")


def zip5(text: str) -> str | None:
    """'6708' -> '06708'; '12345-6789' or '123456789' -> '12345'; else None."""
    m = ZIP_RE.fullmatch(text.strip())
    if not m:
        return None
    digits = m.group(1)
    if len(text.strip()) in (7, 8) and "-" not in text:
        return None  # 7-8 bare digits: a ZIP+4 that lost zeros cannot be told apart
    z = digits.zfill(5)
    return None if z == "00000" else z


def clean(
    row: RawRow,
    *,
    known_codes: dict[str, frozenset[str]],
    legend: dict[str, frozenset[str]],
) -> CodeRow | FacilityRow | SkippedRow | Rejected:
    if "service_code_info" in row.data:
        return clean_facility(row, known_codes=known_codes, legend=legend)
    return clean_definition(row)


def clean_definition(row: RawRow) -> CodeRow | Rejected:
    d = row.data
    directory_type = d["directory_type"].strip()
    if directory_type not in code_table.DIRECTORY_TYPES:
        return row.reject(
            "directory_type",
            f"unknown directory type {directory_type!r} (expected substance or mental)",
        )
    code = d["code"].strip()
    if not re.fullmatch(r"[A-Z0-9]{1,10}", code):
        return row.reject("code", f"not a service code: {code!r}")
    label = official_label(d["label"])
    if not label:
        return row.reject("label", f"code {code} has no label")
    reviewed = code_table.BY_KEY.get((directory_type, code))
    if reviewed is None:
        return row.reject(
            "code",
            f"code {code} of the {directory_type} directory is not in the reviewed "
            "table pathways/treatment/codes.py; review it and add a row first",
        )
    if reviewed.official_label != label:
        return row.reject(
            "label",
            f"label of {code} ({directory_type}) is {label!r}, the reviewed table "
            f"has {reviewed.official_label!r}; review its meaning in "
            "pathways/treatment/codes.py",
        )
    return CodeRow(row.path, row.line, directory_type, code, label)


def _is_legend(values: Iterable[str], words: frozenset[str]) -> bool:
    return all(v in words or _squash(v).lower() in words for v in values)


def clean_facility(
    row: RawRow,
    *,
    known_codes: dict[str, frozenset[str]],
    legend: dict[str, frozenset[str]],
) -> FacilityRow | SkippedRow | Rejected:
    d = row.data
    directory_type = d["directory_type"].strip()
    if directory_type not in code_table.DIRECTORY_TYPES:
        return row.reject(
            "directory_type",
            f"unknown directory type {directory_type!r} (expected substance or mental)",
        )
    values = [d[c].strip() for c in CONTENT_COLUMNS]
    filled = [v for v in values if v]
    name = d["name1"].strip()
    # The XLSX's footer: empty rows and the legend of the "type of care" codes
    # (one row of labels, one of codes). Anything else without a name is refused.
    if not filled:
        return SkippedRow(row.path, row.line, BLANK)
    if not name and _is_legend(filled, legend.get(directory_type, frozenset())):
        return SkippedRow(row.path, row.line, LEGEND)
    if not name:
        return row.reject("name1", "the facility has no name (name1 is empty)")
    record_id = d["facility_id"].strip()
    if not record_id:
        return row.reject("facility_id", "facility_id is empty")
    for column, limit in MAX_LENGTH.items():
        if len(d[column].strip()) > limit:
            return row.reject(column, f"longer than {limit} characters")
    street1 = d["street1"].strip()
    withheld = not any(ch.isalnum() for ch in street1)
    city = d["city"].strip()
    if not city:
        return row.reject("city", "city is empty")
    state = d["state"].strip().upper()
    if state not in POSTAL_CODES:
        return row.reject("state", f"unknown state or territory code {d['state']!r}")
    zip_code = zip5(d["zip"])
    if zip_code is None:
        return row.reject("zip", f"not a ZIP code: {d['zip']!r}")
    info = d["service_code_info"].strip()
    found = [t for t in info.split() if t != "*"]
    if not found:
        return row.reject("service_code_info", "the facility has no service codes")
    known = known_codes.get(directory_type)
    if not known:
        return row.reject(
            "service_code_info",
            f"no {directory_type} service codes are loaded: ingest the code "
            "definitions file first (manage.py ingest samhsa-directory)",
        )
    for token in found:
        if token not in known:
            return row.reject(
                "service_code_info",
                f"unknown code {token!r}: not in the {directory_type} code definitions",
            )
    return FacilityRow(
        path=row.path,
        line=row.line,
        record_id=record_id,
        directory_type=directory_type,
        name=_squash(name),
        name2=_squash(d["name2"]),
        street1="" if withheld else _squash(street1),
        street2=_squash(d["street2"]),
        address_withheld=withheld,
        city=_squash(city),
        state_code=state,
        zip=zip_code,
        phone=d["phone"].strip(),
        intake1=d["intake1"].strip(),
        intake2=d["intake2"].strip(),
        intake1a=d["intake1a"].strip(),
        intake2a=d["intake2a"].strip(),
        service_code_info=info,
        codes=tuple(sorted(set(found))),
    )


def context() -> dict[str, object]:
    """The loaded code definitions (``clean`` checks every code against them)."""
    known: dict[str, set[str]] = defaultdict(set)
    words: dict[str, set[str]] = defaultdict(set)
    for directory_type, code, label in ServiceCode.objects.values_list(
        "directory_type", "code", "official_label"
    ):
        known[directory_type].add(code)
        words[directory_type].update((code, _squash(label).lower()))
    return {
        "known_codes": {k: frozenset(v) for k, v in known.items()},
        "legend": {k: frozenset(v) for k, v in words.items()},
    }


# -- normalizing names and addresses --------------------------------------------------

STREET_WORDS = {
    "street": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "parkway": "pkwy",
    "highway": "hwy",
    "circle": "cir",
    "terrace": "ter",
    "square": "sq",
    "route": "rte",
    "center": "ctr",
    "centre": "ctr",
    "mount": "mt",
    "saint": "st",
    "fort": "ft",
    "trail": "trl",
    "expressway": "expy",
    "freeway": "fwy",
    "turnpike": "tpke",
    "plaza": "plz",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
    "first": "1st",
    "second": "2nd",
    "third": "3rd",
    "fourth": "4th",
    "fifth": "5th",
    "sixth": "6th",
    "seventh": "7th",
    "eighth": "8th",
    "ninth": "9th",
    "tenth": "10th",
}
# Everything after one of these (or after a comma) is a unit inside the building.
UNIT_WORDS = {
    "suite",
    "suites",
    "ste",
    "stes",
    "unit",
    "apt",
    "room",
    "rm",
    "floor",
    "fl",
    "bldg",
    "building",
    "mail",
}
DIRECTIONS = {"n", "s", "e", "w", "ne", "nw", "se", "sw"}
NAME_NOISE = {"inc", "llc", "the", "of", "and", "pc", "pllc", "corp", "ltd", "lp"}
NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def normalize_street(text: str) -> str:
    """'1424 South Seventh Ave., Bldg. C' -> '1424 s 7th ave'."""
    text = text.split(",", 1)[0].lower().replace("&", " and ").replace("#", " unit ")
    out: list[str] = []
    for token in NON_ALNUM.sub(" ", text).split():
        if token in UNIT_WORDS and out:
            break
        out.append(STREET_WORDS.get(token, token))
    return " ".join(out)


@lru_cache(maxsize=65536)
def loose_street(text: str) -> str:
    """House number + the first word of the street's name: '2525 S. Rural Road,
    Suites 9-10' and '2525 South Rural Rd' -> '2525 rural'. '' without a number."""
    tokens = normalize_street(text).split()
    if not tokens or not tokens[0][0].isdigit():
        return ""
    number = re.match(r"\d+", tokens[0]).group(0)
    for t in tokens[1:]:
        if t.isdigit() or len(t) == 1 or t in DIRECTIONS:
            continue
        return f"{number} {t}"
    return ""


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return " ".join(t for t in NON_ALNUM.sub(" ", text).split() if t not in NAME_NOISE)


def _key_text(text: str) -> str:
    return " ".join(NON_ALNUM.sub(" ", text.lower()).split())


def base_key(directory_type: str, name: str, name2: str, street: str, zip_code: str):
    """The facility's stable key: a hash of its directory type, names, street and
    ZIP (case, spacing and punctuation ignored). Not the file's facility_id, which
    the carrier repository numbered."""
    text = "|".join(
        [directory_type, _key_text(name), _key_text(name2), _key_text(street), zip_code]
    )
    return hashlib.sha1(text.encode()).hexdigest()[:20]


def assign_keys(rows: Sequence[Any], key_of) -> list[str]:
    """``key_of(row)`` for each row; the 2nd, 3rd… row with the same key (separate
    programs the directory lists identically, e.g. behind a withheld address) get
    ``-2``, ``-3``… in file order."""
    seen: Counter[str] = Counter()
    keys = []
    for r in rows:
        k = key_of(r)
        seen[k] += 1
        keys.append(k if seen[k] == 1 else f"{k}-{seen[k]}")
    return keys


# -- locations -----------------------------------------------------------------------


@dataclass(frozen=True)
class GeoList:
    """A geocoded facility list in the data folder, and its column names."""

    path: str
    label: str
    directory_type: str  # the directory it lists, or "" for either
    name: str
    street: str
    zip: str
    state: str
    lat: str
    lng: str
    encoding: str = "utf-8"


GEO_LISTS = (
    GeoList(
        "geoda_opioid_policy_scan/SubstanceUseTreatment_Geocoded.csv",
        "SAMHSA treatment locator, substance use facilities (2021; GeoDa OEPS)",
        "substance",
        "name1",
        "street1",
        "zip",
        "state",
        "latitude",
        "longitude",
    ),
    GeoList(
        "geoda_opioid_policy_scan/MentalHealthProviders_Geocoded.csv",
        "SAMHSA treatment locator, mental health facilities (2021; GeoDa OEPS)",
        "mental",
        "name1",
        "street1",
        "zip",
        "state",
        "latitude",
        "longitude",
    ),
    GeoList(
        "geoda_opioid_policy_scan/OpioidTreatmentProgram_Geocoded.csv",
        "SAMHSA opioid treatment program directory (2021; GeoDa OEPS)",
        "",
        "ID",
        "ADDRESS",
        "POSTAL",
        "STATE",
        "Latitude",
        "Longitude",
        encoding="latin-1",
    ),
    GeoList(
        "geoda_opioid_policy_scan/meth-2017.csv",
        "2017 SAMHSA directory, methadone facilities (GeoDa OEPS)",
        "",
        "Name1",
        "Address1",
        "ZIP_Code",
        "State",
        "Latitude",
        "Longitude",
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
    rows = read_delimited(
        path,
        required=[spec.name, spec.street, spec.zip, spec.state, spec.lat, spec.lng],
        encoding=spec.encoding,
    )
    problems: list[Rejected] = []
    for row in rows:
        d = row.data
        try:
            lat, lng = float(d[spec.lat]), float(d[spec.lng])
        except ValueError:
            column = spec.lat if not _is_float(d[spec.lat]) else spec.lng
            problems.append(row.reject(column, f"not a coordinate: {d[column]!r}"))
            continue
        if not _valid_point(lat, lng):
            problems.append(row.reject(spec.lat, f"not in the U.S.: {lat}, {lng}"))
            continue
        z = zip5(d[spec.zip])
        if z is None:
            continue  # cannot be matched; not an error of the list
        yield (
            d[spec.street],
            z,
            d[spec.name],
            d[spec.state].strip().upper(),
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


# -- opioid treatment program directory links ------------------------------------------

# Codes that a program listed in the OTP directory reports in the 2024 directory.
OTP_CODES = frozenset({"OTP", "SOTP", "MU", "METH", "MM", "DM"})


@dataclass(frozen=True, slots=True)
class OtpCandidate:
    pk: int
    key: str
    names: tuple[str, ...]  # normalized program name and DBA
    street: str  # normalized
    loose: str  # house number + street name word
    zip: str


def otp_candidates() -> list[OtpCandidate]:
    out = []
    for pk, key, name, dba, street, z in OtpProgram.objects.values_list(
        "pk", "key", "program_name", "dba", "street", "zip"
    ).order_by("key"):
        names = tuple(n for n in {normalize_name(name), normalize_name(dba)} if n)
        out.append(
            OtpCandidate(
                pk,
                key,
                tuple(sorted(names)),
                normalize_street(street),
                loose_street(street),
                z,
            )
        )
    return out


def otp_links(
    facilities: Iterable[tuple[str, str, str, str, str, str, str]],
    programs: Sequence[OtpCandidate],
) -> dict[str, tuple[int, str]]:
    """facility key -> (OtpProgram pk, 'address' | 'name') for the substance use
    facilities that report an OTP or methadone code and match a program by street
    + ZIP, else by name (program or DBA against name1 or name2) + ZIP.

    ``facilities``: (key, directory_type, codes text, name, name2, street1, zip)."""
    by_address: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    by_loose: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[OtpCandidate]] = defaultdict(list)
    for p in programs:
        if p.street:
            by_address[(p.street, p.zip)].append(p)
        if p.loose:
            by_loose[(p.loose, p.zip)].append(p)
        for n in p.names:
            by_name[(n, p.zip)].append(p)
    out: dict[str, tuple[int, str]] = {}
    for key, directory_type, codes_text, name, name2, street, z in facilities:
        if directory_type != code_table.SUBSTANCE:
            continue
        if not OTP_CODES.intersection(codes_text.split()):
            continue
        names = {normalize_name(name), normalize_name(name2)} - {""}
        found = by_address.get((normalize_street(street), z)) if street else None
        if not found and street:
            found = by_loose.get((loose_street(street), z))
        how = "address"
        if found and len(found) > 1:
            named = [p for p in found if names.intersection(p.names)]
            found = named or found
        if not found:
            how = "name"
            found = sorted(
                {p.pk: p for n in names for p in by_name.get((n, z), ())}.values(),
                key=lambda p: p.key,
            )
        if found:
            out[key] = (found[0].pk, how)
    return out


# -- load ----------------------------------------------------------------------------


def edition_of(path: Path) -> int:
    m = re.search(r"(?<!\d)(20\d\d)(?!\d)", path.name)
    return int(m.group(1)) if m else DEFAULT_EDITION


def source_spec(edition: int) -> dict[str, object]:
    return {
        "slug": f"samhsa-nsumhss-{edition}",
        "publisher": "Substance Abuse and Mental Health Services Administration "
        "(SAMHSA)",
        "dataset": f"{edition} National Directory of Drug and Alcohol Use Treatment "
        f"Facilities and {edition} National Directory of Mental Health Treatment "
        "Facilities (N-SUMHSS)",
        "kind": "official",
        "url": LANDING_URL,
        "landing_url": LANDING_URL,
        "vintage": f"{edition} edition, from the {edition - 1} National Substance Use "
        "and Mental Health Services Survey",
        "license": "Public domain (U.S. government work)",
        "citation": f"Substance Abuse and Mental Health Services Administration. "
        f"National Directories of Substance Use and Mental Health Treatment "
        f"Facilities, {edition}.",
        "notes": (
            "Facilities that answered the survey and agreed to be listed; listings "
            "are as reported by the facilities and were not verified by Pathways. "
            "Read from a CSV copy of the published XLSX (Community-resource-engine/"
            "Resource-Engine). Locations: matched to the geocoded SAMHSA locator "
            "lists of the GeoDa Center's Opioid Environment Policy Scan (2021) or, "
            "marked approximate, the centre of the ZIP code (zipcodes package, "
            "GeoNames coordinates, CC BY 4.0)."
        ),
        "doc": SOURCE.doc,
    }


def load(rows: Sequence[Any], *, path: Path) -> ImportResult:
    if file_kind(path) == "definitions":
        return load_definitions(rows, path=path)
    return load_facilities(rows, path=path)


def _duplicates(rows: Sequence[Any], key, what: str) -> list[Rejected]:
    seen: dict[Any, int] = {}
    problems = []
    for r in rows:
        k = key(r)
        if k in seen:
            problems.append(
                Rejected(
                    r.path,
                    r.line,
                    1,
                    f"duplicate {what} {k}: already on line {seen[k]}",
                )
            )
        else:
            seen[k] = r.line
    return problems


def load_definitions(rows: Sequence[CodeRow], *, path: Path) -> ImportResult:
    if not rows:
        raise RejectedFile([Rejected(path.name, 1, 1, "the file defines no codes")])
    problems = _duplicates(rows, lambda r: (r.directory_type, r.code), "code")
    if problems:
        raise RejectedFile(problems)
    source = ensure_source(source_spec(edition_of(path)))
    records = []
    for i, r in enumerate(rows):
        reviewed = code_table.BY_KEY[(r.directory_type, r.code)]
        records.append(
            {
                "directory_type": r.directory_type,
                "code": r.code,
                "official_label": r.official_label,
                "group": reviewed.group,
                "value": reviewed.value,
                "label_en": reviewed.label_en,
                "label_es": reviewed.label_es,
                "sort": i,
                "source_id": source.pk,
            }
        )
    result = sync(
        ServiceCode,
        records,
        key=("directory_type", "code"),
        scope=ServiceCode.objects.all(),
    )
    by_type = Counter(r.directory_type for r in rows)
    result.notes.append(
        "codes: " + ", ".join(f"{by_type[t]:,} {t}" for t in code_table.DIRECTORY_TYPES)
    )
    return result


def _share(n: int, total: int) -> str:
    return f"{n:,} ({100 * n / total:.1f}%)" if total else "0"


def load_facilities(rows: Sequence[Any], *, path: Path) -> ImportResult:
    skipped = [r for r in rows if isinstance(r, SkippedRow)]
    facilities: list[FacilityRow] = [r for r in rows if isinstance(r, FacilityRow)]
    if not facilities:
        raise RejectedFile([Rejected(path.name, 1, 1, "the file lists no facilities")])
    problems = _duplicates(facilities, lambda r: r.record_id, "facility_id")
    if problems:
        raise RejectedFile(problems)

    keys = assign_keys(
        facilities,
        lambda r: base_key(r.directory_type, r.name, r.name2, r.street1, r.zip),
    )
    index = location_index(services_dir_for(path))
    centroids = zip_centroids()
    locations = [locate(r, index, centroids) for r in facilities]
    codes_text = [" " + " ".join(r.codes) + " " for r in facilities]
    links = otp_links(
        (
            (k, r.directory_type, c, r.name, r.name2, r.street1, r.zip)
            for k, r, c in zip(keys, facilities, codes_text, strict=True)
        ),
        otp_candidates(),
    )
    source = ensure_source(source_spec(edition_of(path)))
    places = known_places()
    records = []
    for k, r, loc, c in zip(keys, facilities, locations, codes_text, strict=True):
        link = links.get(k)
        records.append(
            {
                "key": k,
                "source_id": source.pk,
                "source_record_id": r.record_id,
                "directory_type": r.directory_type,
                "name": r.name,
                "name2": r.name2,
                "street1": r.street1,
                "street2": r.street2,
                "address_withheld": r.address_withheld,
                "city": r.city,
                "state_code": r.state_code,
                "state_id": places.get(r.state_code),
                "zip": r.zip,
                "phone": r.phone,
                "intake1": r.intake1,
                "intake2": r.intake2,
                "intake1a": r.intake1a,
                "intake2a": r.intake2a,
                "service_code_info": r.service_code_info,
                "codes": c,
                "lat": loc.lat,
                "lng": loc.lng,
                "location_quality": loc.quality,
                "location_source": loc.source,
                "otp_program_id": link[0] if link else None,
                "otp_match": link[1] if link else "",
            }
        )

    scope = Facility.objects.filter(directory_type__in=code_table.DIRECTORY_TYPES)
    in_file = set(keys)
    stale = [pk for pk, k in scope.values_list("pk", "key") if k not in in_file]
    existing = scope.count()
    if existing and len(stale) > MAX_REMOVED_SHARE * existing:
        raise RejectedFile(
            [
                Rejected(
                    path.name,
                    1,
                    1,
                    f"this file would remove {len(stale):,} of the {existing:,} "
                    "loaded facilities; a truncated file? (if it is right, delete "
                    "the old facilities in the admin first)",
                )
            ]
        )
    result = sync(Facility, records, key=("key",), scope=scope)
    if stale:
        for i in range(0, len(stale), 500):
            Facility.objects.filter(pk__in=stale[i : i + 500]).delete()
        result.deleted = len(stale)
    result.notes.extend(
        _notes(facilities, skipped, locations, links, index, keys, len(stale))
    )
    return result


def _notes(
    facilities: Sequence[FacilityRow],
    skipped: Sequence[SkippedRow],
    locations: Sequence[Location],
    links: dict[str, tuple[int, str]],
    index: LocationIndex,
    keys: Sequence[str],
    removed: int,
) -> list[str]:
    notes = []
    by_type = Counter(r.directory_type for r in facilities)
    notes.append(
        f"facilities: {len(facilities):,} ({by_type['substance']:,} substance use + "
        f"{by_type['mental']:,} mental health)"
    )
    if skipped:
        parts = []
        for reason in (BLANK, LEGEND):
            lines = [s.line for s in skipped if s.reason == reason]
            if lines:
                parts.append(
                    f"{len(lines)} {reason}{'s' if len(lines) > 1 else ''} "
                    f"(line{'s' if len(lines) > 1 else ''} {_ranges(lines)})"
                )
        notes.append(
            f"skipped {len(skipped)} rows that are not facilities (the spreadsheet's "
            "footer): " + ", ".join(parts)
        )
    total = len(facilities)
    quality = Counter(loc.quality for loc in locations)
    notes.append(
        f"located: exact {_share(quality[Q.EXACT], total)} · approximate (ZIP "
        f"centre) {_share(quality[Q.APPROXIMATE], total)} · none "
        f"{_share(quality[Q.NONE], total)}"
    )
    for t in code_table.DIRECTORY_TYPES:
        sub = [
            loc
            for r, loc in zip(facilities, locations, strict=True)
            if r.directory_type == t
        ]
        q = Counter(loc.quality for loc in sub)
        notes.append(
            f"  {t}: exact {_share(q[Q.EXACT], len(sub))} · approximate "
            f"{_share(q[Q.APPROXIMATE], len(sub))} · none {_share(q[Q.NONE], len(sub))}"
        )
    method = Counter(loc.method for loc in locations)
    withheld = sum(r.address_withheld for r in facilities)
    notes.append(
        f"location method: street + ZIP {method['address']:,}, name + ZIP "
        f"{method['name']:,}, ZIP centre {method['zip']:,} (of which {withheld:,} "
        f"with no street address in the directory), none {method['none']:,}"
    )
    if index.missing:
        notes.append(
            "geocoded lists not found (ZIP centres used instead): "
            + ", ".join(index.missing)
        )
    repeats = sum(1 for k in keys if "-" in k)
    if repeats:
        notes.append(
            f"{repeats} facilities repeat another's name, street and ZIP (numbered "
            "keys)"
        )
    how = Counter(h for _, h in links.values())
    notes.append(
        f"opioid treatment program directory: {len(links):,} facilities matched "
        f"({how['address']:,} by address, {how['name']:,} by name)"
    )
    if removed:
        notes.append(f"removed {removed:,} facilities that are not in this file")
    return notes


def _ranges(lines: Sequence[int]) -> str:
    lines = sorted(lines)
    out = []
    start = prev = lines[0]
    for n in lines[1:]:
        if n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
        start = prev = n
    out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)
