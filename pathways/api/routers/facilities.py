"""/api/v1/facilities, /api/v1/facilities/{id}, /api/v1/service-codes: the
service finder's API. Errors are raised as ``ApiError`` and answered in the one
error shape by the main API (pathways/api/api.py).

Nothing about a search is stored or logged."""

from __future__ import annotations

import dataclasses
import math
import time
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import create_model

from pathways.core import selectors as core
from pathways.core.envelope import ApiError
from pathways.core.models import Source
from pathways.treatment import codes as code_table
from pathways.treatment.models import Facility
from pathways.treatment.selectors import (
    FILTER_GROUPS,
    GROUP_OF_PARAM,
    PARAM_OF_GROUP,
    ROW_FIELDS,
    city_place,
    code_table_sources,
    facilities_near,
    facility_by_key,
    services_by_group,
    zip_place,
)

from .. import schemas as s
from ..params import Format, route
from ..respond import rendered, respond

router = Router(tags=["finder"])

PER_PAGE = 20
MIN_RADIUS, MAX_RADIUS, DEFAULT_RADIUS = 5.0, 100.0, 25.0
PLACE_PARAMS = {"zip", "city", "state", "lat", "lng", "radius", "page", "format"}


class FacilityOut(Schema):
    id: str
    name: str
    name2: str
    distance_miles: float | None = None
    lat: float | None
    lng: float | None
    location_quality: str
    street1: str
    street2: str
    city: str
    state: str
    zip: str
    phone: str
    directory_type: str
    otp_certification: str | None
    codes: list[str]
    url: str
    api_url: str
    source: str


class ServiceOut(Schema):
    code: str
    value: str
    label_en: str
    label_es: str


class ServiceGroupOut(Schema):
    group: str
    label: str
    services: list[ServiceOut]


class FacilityDetailOut(FacilityOut):
    intake_phones: list[str]
    address_withheld: bool
    location_source: str
    services: list[ServiceGroupOut]


# A row of the code table, field for field (treatment.codes.Code).
ServiceCodeOut = create_model(
    "ServiceCodeOut",
    __base__=Schema,
    **{f.name: (str, ...) for f in dataclasses.fields(code_table.Code)},
)


class FacilitiesEnvelope(Schema):
    data: list[FacilityOut]
    sources: list[s.SourceOut]
    next: str | None = None
    count: int
    meta: dict[str, Any] | None = None


FacilityEnvelope = s.envelope_of(FacilityDetailOut, "FacilityEnvelope", many=False)
ServiceCodesEnvelope = s.envelope_of(ServiceCodeOut, "ServiceCodesEnvelope")


def _row(f: Facility) -> dict[str, Any]:
    """A facility in the API's shape (as a search result, without a distance)."""
    r = {name: getattr(f, name) for name in ROW_FIELDS}
    r["otp_certification"] = f.otp_program.certification if f.otp_program else None
    r["source_slug"] = f.source.slug
    return _search_row(r)


def _number(request: HttpRequest, name: str) -> float | None:
    text = request.GET.get(name)
    if text is None or text.strip() == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise ApiError(400, f"Bad parameter {name}: expected a number") from None
    if not math.isfinite(value):
        raise ApiError(400, f"Bad parameter {name}: expected a number")
    return value


def _origin(request: HttpRequest) -> tuple[float, float, str]:
    g = request.GET
    zip_code = (g.get("zip") or "").strip()
    city, state = (g.get("city") or "").strip(), (g.get("state") or "").strip()
    lat, lng = _number(request, "lat"), _number(request, "lng")
    if zip_code:
        if not (len(zip_code) == 5 and zip_code.isdigit()):
            raise ApiError(
                400, f"Bad parameter zip: expected 5 digits, got {zip_code!r}"
            )
        place = zip_place(zip_code)
        if place is None:
            raise ApiError(404, f"Unknown ZIP code {zip_code!r}")
        return place.lat, place.lng, place.label
    if city or state:
        if not (city and state):
            raise ApiError(400, "Give both city and state (or a zip)")
        place = city_place(city, state)
        if place is None:
            raise ApiError(404, f"Unknown city {city!r} in state {state!r}")
        return place.lat, place.lng, place.label
    if lat is not None or lng is not None:
        if lat is None or lng is None:
            raise ApiError(400, "Give both lat and lng")
        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
            raise ApiError(400, "lat must be in [-90, 90] and lng in [-180, 180]")
        return lat, lng, f"{lat:.4f},{lng:.4f}"
    raise ApiError(
        400, "Give a place to search from: zip, or city and state, or lat and lng"
    )


def _filters(request: HttpRequest) -> dict[str, list[str]]:
    unknown = sorted(
        k for k in request.GET if k not in PLACE_PARAMS and k not in GROUP_OF_PARAM
    )
    if unknown:
        raise ApiError(
            400,
            f"Unknown filter {unknown[0]!r}; known: "
            + ", ".join(PARAM_OF_GROUP[g] for g in FILTER_GROUPS),
        )
    out: dict[str, list[str]] = {}
    for param, group in GROUP_OF_PARAM.items():
        values = [v.strip().lower() for v in request.GET.getlist(param) if v.strip()]
        if not values:
            continue
        known = [v for (g, v) in code_table.VALUES if g == group]
        bad = [v for v in values if v not in known]
        if bad:
            raise ApiError(
                400,
                f"Unknown {param} {bad[0]!r}; known: {', '.join(known)}",
            )
        out[group] = sorted(set(values))
    return out


def _search_row(r: dict[str, Any]) -> dict[str, Any]:
    """One result of ``NearbyResults.rows`` (or a facility's ``ROW_FIELDS``, then
    without ``distance_miles``) in the API's shape (FacilityOut's fields, in its
    order)."""
    key = r["key"]
    row = {
        "id": key,
        "name": r["name"],
        "name2": r["name2"],
        "distance_miles": round(r["miles"], 2) if "miles" in r else None,
        "lat": r["lat"],
        "lng": r["lng"],
        "location_quality": r["location_quality"],
        "street1": r["street1"],
        "street2": r["street2"],
        "city": r["city"],
        "state": r["state_code"],
        "zip": r["zip"],
        "phone": r["phone"],
        "directory_type": r["directory_type"],
        "otp_certification": r["otp_certification"],
        "codes": r["codes"].split(),
        "url": f"/find/facility/{key}/",
        "api_url": f"/api/v1/facilities/{key}",
        "source": r["source_slug"],
    }
    if "miles" not in r:
        del row["distance_miles"]
    return row


# Sources of search results, kept a minute per process: a search names one or two
# (the directory), and reading them back on every search cost more than the
# search itself. A minute is well inside the answers' own max-age.
SOURCE_TTL = 60.0
_source_cache: dict[int, tuple[float, Source]] = {}


def _sources_of(rows: list[dict[str, Any]]) -> list[Source]:
    ids = {r["source_id"] for r in rows}
    now = time.monotonic()
    stale = [i for i in ids if _source_cache.get(i, (0.0,))[0] <= now]
    if stale:
        for src in core.sources(ids=stale):
            _source_cache[src.pk] = (now + SOURCE_TTL, src)
    found = [_source_cache[i][1] for i in ids if i in _source_cache]
    return sorted(found, key=lambda src: (src.publisher, src.dataset, src.slug))


@route(router, "/facilities", FacilitiesEnvelope)
def facility_search(
    request,
    zip: str | None = None,
    city: str | None = None,
    state: str | None = None,
    lat: float | None = None,
    lng: float | None = None,
    radius: float = DEFAULT_RADIUS,
    page: int = 1,
    format: Format = "json",
    focus: list[str] = Query(None),  # noqa: B008
    medication: list[str] = Query(None),  # noqa: B008
    level_of_care: list[str] = Query(None, alias="level-of-care"),  # noqa: B008
    payment: list[str] = Query(None),  # noqa: B008
    population: list[str] = Query(None),  # noqa: B008
    language: list[str] = Query(None),  # noqa: B008
    extra_help: list[str] = Query(None, alias="extra-help"),  # noqa: B008
):
    """Treatment and support services near a place, nearest first

    Place: `zip` (5 digits; distances from the ZIP code's centre), or `city` and
    `state`, or `lat` and `lng`. `radius` in miles, 5 to 100 (default 25). Filters
    repeat for several choices (OR inside a filter, AND across filters): `focus`,
    `medication`, `level-of-care`, `payment`, `population`, `language`,
    `extra-help`; values are the slugs of `/api/v1/service-codes` (`meta.filters`).
    20 per page; `next` is the next page's URL or null; `count` is the number of
    matches. `format=csv`: every match (no pages) as CSV with `distance_miles` and
    provenance columns."""
    lat0, lng0, label = _origin(request)
    if not MIN_RADIUS <= radius <= MAX_RADIUS:
        raise ApiError(
            400,
            f"Bad parameter radius: {radius:g} is out of range "
            f"({MIN_RADIUS:g} to {MAX_RADIUS:g} miles)",
        )
    filters = _filters(request)
    if page < 1:
        raise ApiError(400, "Bad parameter page: must be 1 or more")
    results = facilities_near(lat=lat0, lng=lng0, miles=radius, filters=filters)
    count = len(results)
    if format == "csv":  # every match, nearest first (no pages)
        found = results.rows()
        by_slug = {src.slug: src for src in _sources_of(found)}
        return respond(
            "csv",
            [_search_row(r) for r in found],
            [],
            filename="facilities",
            source_of=lambda row: by_slug.get(row["source"]),
        )
    found = results.rows((page - 1) * PER_PAGE, page * PER_PAGE)
    rows = [_search_row(r) for r in found]
    next_url = None
    if page * PER_PAGE < count:
        q = request.GET.copy()
        q["page"] = str(page + 1)
        next_url = request.build_absolute_uri(f"{request.path}?{q.urlencode()}")
    meta = {
        "origin": {"lat": lat0, "lng": lng0, "label": label},
        "radius_miles": radius,
        "filters": {PARAM_OF_GROUP[g]: v for g, v in filters.items()},
        "page": page,
        "per_page": PER_PAGE,
    }
    body = respond(
        "json", rows, _sources_of(found), next_url=next_url, count=count, meta=meta
    )
    # Rendered as is: the rows are built in FacilityOut's shape above (the
    # declared schema stays for the OpenAPI document), and validating 20 rows
    # again through the schema took a third of the request's time.
    return rendered(body)


@route(router, "/facilities/{id}", FacilityEnvelope)
def facility_detail(request, id: str):
    """One facility: address, phones, services in plain language, source"""
    f = facility_by_key(id)
    if f is None:
        raise ApiError(404, f"Unknown facility {id!r}")
    row = _row(f)
    row["intake_phones"] = [
        p for p in (f.intake1, f.intake2, f.intake1a, f.intake2a) if p
    ]
    row["address_withheld"] = f.address_withheld
    row["location_source"] = f.location_source
    services = []
    for g in services_by_group(f, "en"):
        items = []
        for token in f.code_list:
            c = code_table.BY_KEY.get((f.directory_type, token))
            if c is not None and c.group == g.group:
                items.append(
                    {
                        "code": c.code,
                        "value": c.value,
                        "label_en": c.label_en,
                        "label_es": c.label_es,
                    }
                )
        services.append({"group": g.group, "label": g.label, "services": items})
    row["services"] = services
    return respond("json", row, [f.source])


@route(router, "/service-codes", ServiceCodesEnvelope)
def service_codes(request):
    """The reviewed table of SAMHSA service codes and the finder's filters

    Every code of both directories with its official label, filter group and value,
    and plain-language English and Spanish labels. `meta.filters` lists each
    filter's query parameter and its values."""
    rows = [dataclasses.asdict(c) for c in code_table.TABLE]
    filters = [
        {
            "param": PARAM_OF_GROUP[g],
            "group": g,
            "label_en": code_table.GROUPS[g][0],
            "label_es": code_table.GROUPS[g][1],
            "values": [
                {"value": v, "label_en": en, "label_es": es}
                for (gg, v), (en, es) in code_table.VALUES.items()
                if gg == g
            ],
        }
        for g in FILTER_GROUPS
    ]
    return respond("json", rows, code_table_sources(), meta={"filters": filters})
