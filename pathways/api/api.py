"""/api/v1/: states, indicators, overdose series and rates, law and policy facts,
arrest rates, sources. Parse input -> call a selector -> envelope (JSON or CSV)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, ValidationError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import BeforeValidator

from pathways.core.envelope import ApiError, csv_response, envelope, error_body
from pathways.core.models import Source
from pathways.core.params import parse_date, parse_period, parse_state_code, parse_year
from pathways.maps import layers
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.models import PolicyFact
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator, Observation

from . import schemas as s

api = NinjaAPI(
    title="Pathways API",
    version="1",
    description=(
        "State drug-policy facts, overdose deaths, arrests and population, each "
        "value with its source. Every success is `{data, sources, next}`; every "
        "error is `{error: {status, message}}`. Add `format=csv` for CSV with "
        "provenance columns."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

Format = Literal["json", "csv"]
ERRORS = {400: s.ErrorOut, 404: s.ErrorOut}


# -- errors: one shape --------------------------------------------------------------


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return api.create_response(request, error_body(status, message), status=status)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.message)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: ValidationError):
    parts = []
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid')}")
    return _error(request, 400, "Bad parameter: " + "; ".join(parts))


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))


# -- helpers ------------------------------------------------------------------------


def _state(code: str, *, any_kind: bool = False, name: str = "postal") -> State:
    return parse_state_code(code, name, any_kind=any_kind)


def _parsed(parse):
    """A query parameter read by one of ``core.params``' rules (its OpenAPI type
    stays the declared one)."""
    return BeforeValidator(lambda v, info: parse(v, info.field_name))


DateParam = Annotated[dt.date | None, _parsed(parse_date)]
YearParam = Annotated[int | None, _parsed(parse_year)]


def _indicator(key: str, topic: str) -> Indicator:
    ind = stats.indicator_by_key(key)
    if ind is None or ind.topic != topic:
        known = ", ".join(
            Indicator.objects.filter(topic=topic).values_list("slug", flat=True)
        )
        raise ApiError(400, f"Unknown indicator {key!r}; known: {known}")
    return ind


def _source(indicator: Indicator, slug: str | None) -> Source:
    options = stats.sources_for(indicator=indicator)
    if not options:
        raise ApiError(404, f"No data loaded for indicator {indicator.slug!r}")
    if slug is None:
        return options[0]
    for src in options:
        if src.slug == slug:
            return src
    raise ApiError(
        400,
        f"Unknown source {slug!r} for {indicator.slug!r}; known: "
        + ", ".join(o.slug for o in options),
    )


def _period(text: str | None, name: str) -> dt.date | None:
    return parse_period(text, name)


def _respond(
    request: HttpRequest,
    fmt: str,
    rows: list[dict[str, Any]],
    sources: list[Source | None],
    *,
    filename: str,
    source_of=None,
    meta: dict[str, Any] | None = None,
):
    if fmt == "csv":
        by_id = {src.slug: src for src in sources if src}
        single = sources[0] if len(sources) == 1 else None

        def default_source_of(row):
            return by_id.get(row.get("source")) or single

        return csv_response(
            rows, filename=filename, source_of=source_of or default_source_of
        )
    body = envelope(rows, sources)
    body["meta"] = meta
    return body


def _count(value: float | None) -> float | int | None:
    """Counts are whole numbers: 1879.0 -> 1879 (rates and shares stay floats)."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


# -- places -------------------------------------------------------------------------


def _state_row(st: State) -> dict[str, Any]:
    return {
        "postal": st.postal,
        "name": st.name,
        "fips": st.fips,
        "slug": st.slug,
        "kind": st.kind,
        "api_url": f"/api/v1/states/{st.postal}",
    }


def _places_source() -> list[Source]:
    return list(Source.objects.filter(slug="census-fips"))


@api.get(
    "/states",
    response={200: s.envelope_of(s.StateOut, "StatesEnvelope"), **ERRORS},
    summary="The 50 states and DC",
    tags=["places"],
)
def states(request, format: Format = "json"):
    rows = [_state_row(st) for st in State.objects.states_and_dc()]
    return _respond(request, format, rows, _places_source(), filename="states")


@api.get(
    "/states/{postal}",
    response={200: s.envelope_of(s.StateOut, "StateEnvelope", many=False), **ERRORS},
    summary="One state (also US, PR, and YC = New York City)",
    tags=["places"],
)
def state_detail(request, postal: str):
    st = _state(postal, any_kind=True)
    return envelope(_state_row(st), _places_source())


# -- overdose -----------------------------------------------------------------------


def _point(o: Observation, pop: stats.Population | None) -> dict[str, Any]:
    """One point of a series; rates when a population is given."""
    pop_v = pop.value if pop else None
    return {
        "period_end": o.period_end.strftime("%Y-%m"),
        "period_start": o.period_start.strftime("%Y-%m"),
        "reported": _count(o.value),
        "predicted": _count(o.predicted),
        "status": o.status,
        "percent_complete": o.percent_complete,
        "percent_pending": o.percent_pending,
        "footnote": o.footnote,
        "footnote_symbol": o.footnote_symbol,
        "note": o.note,
        "rate_per_100k": stats.rate_per_100k(o.value, pop_v),
        "predicted_rate_per_100k": stats.rate_per_100k(o.predicted, pop_v),
        "population_year": pop.year if pop else None,
    }


class SeriesQuery(s.Schema):
    indicator: str = "drug-overdose-deaths"
    source: str | None = None
    start: str | None = None
    end: str | None = None
    format: Format = "json"


@api.get(
    "/states/{postal}/overdose",
    response={200: s.envelope_of(s.OverduePoint, "OverdoseEnvelope"), **ERRORS},
    summary="12-month-ending overdose deaths for one jurisdiction (VSRR)",
    description=(
        "`indicator` is a slug from /indicators or the official VSRR label. `postal` "
        "may also be US (national) or YC (New York City). New York is NY + YC "
        "(see each point's note). `start`/`end` are YYYY-MM. `reported` and "
        "`predicted` are null where the file has no value, with `status` saying why."
    ),
    tags=["overdose"],
)
def overdose_series(request, postal: str, q: Query[SeriesQuery]):
    st = _state(postal, any_kind=True)
    ind = _indicator(q.indicator, "overdose")
    if ind.slug == "overdose-deaths-residence-monthly":
        raise ApiError(400, "Use /states/{postal}/overdose/monthly for CDC WONDER")
    src = _source(ind, q.source)
    points = stats.series(
        place=st,
        indicator=ind,
        source=src,
        start=_period(q.start, "start"),
        end=_period(q.end, "end"),
    )
    pops = stats.populations(places=[st])
    with_rates = ind.unit == Indicator.Unit.DEATHS
    rows = [
        _point(
            o,
            stats.population_for(pops, st.pk, o.period_end.year)
            if with_rates
            else None,
        )
        for o in points
    ]
    pop_sources = {p.source.pk: p.source for p in pops.values()}
    meta = {
        "state": st.postal,
        "indicator": ind.slug,
        "indicator_label": ind.official_label,
        "unit": ind.unit,
        "source": src.slug,
        "other_sources": [o.slug for o in stats.sources_for(indicator=ind) if o != src],
    }
    return _respond(
        request,
        q.format,
        rows,
        [src, *pop_sources.values()],
        filename=f"overdose-{st.postal}-{ind.slug}",
        source_of=lambda row: src,
        meta=meta,
    )


@api.get(
    "/states/{postal}/overdose/monthly",
    response={200: s.envelope_of(s.OverduePoint, "MonthlyEnvelope"), **ERRORS},
    summary="Overdose deaths per calendar month by state of residence (CDC WONDER)",
    tags=["overdose"],
)
def overdose_monthly(request, postal: str, format: Format = "json"):
    st = _state(postal)
    ind = _indicator("overdose-deaths-residence-monthly", "overdose")
    src = _source(ind, None)
    rows = [_point(o, None) for o in stats.series(place=st, indicator=ind, source=src)]
    return _respond(request, format, rows, [src], filename=f"wonder-{st.postal}")


class RateQuery(s.Schema):
    indicator: str = "drug-overdose-deaths"
    period: str | None = None
    source: str | None = None
    format: Format = "json"


@api.get(
    "/rates/overdose",
    response={200: s.envelope_of(s.OverdoseRateOut, "OverdoseRatesEnvelope"), **ERRORS},
    summary="Overdose deaths per 100,000 residents, every state, one 12-month period",
    description=(
        "Rate = deaths in the 12 months ending `period` (YYYY-MM; default the "
        "latest) / Census July 1 population of the period's final year × 100,000. "
        "Suppressed counts give a null rate with the status."
    ),
    tags=["overdose"],
)
def overdose_rates(request, q: Query[RateQuery]):
    ind = _indicator(q.indicator, "overdose")
    if (
        ind.unit != Indicator.Unit.DEATHS
        or ind.slug == "overdose-deaths-residence-monthly"
    ):
        raise ApiError(400, f"No rate for indicator {ind.slug!r}")
    src = _source(ind, q.source)
    period_end = _period(q.period, "period") or (
        Observation.objects.filter(indicator=ind, source=src)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )
    places = list(State.objects.states_and_dc()) + [State.objects.get(postal="US")]
    found = stats.overdose_rates(
        indicator=ind, source=src, period_end=period_end, places=places
    )
    if not any(r.observation for r in found):
        raise ApiError(404, f"No {ind.slug} data for period {q.period!r} in {src.slug}")
    rows = [
        {
            "state": r.place.postal,
            "name": r.place.name,
            "period_end": period_end.strftime("%Y-%m"),
            "deaths": _count(r.observation.value) if r.observation else None,
            "predicted_deaths": _count(r.observation.predicted)
            if r.observation
            else None,
            "status": r.observation.status if r.observation else "missing",
            "population": _count(r.population.value) if r.population else None,
            "population_year": r.population.year if r.population else None,
            "rate_per_100k": r.rate,
            "predicted_rate_per_100k": r.predicted_rate,
            "footnote": r.observation.footnote if r.observation else "",
        }
        for r in found
    ]
    pop_sources = [r.population.source for r in found if r.population]
    return _respond(
        request,
        q.format,
        rows,
        [src, *pop_sources],
        filename=f"overdose-rates-{ind.slug}-{period_end:%Y-%m}",
        source_of=lambda row: src,
        meta={
            "indicator": ind.slug,
            "source": src.slug,
            "period_end": f"{period_end:%Y-%m}",
        },
    )


# -- arrests ------------------------------------------------------------------------


def _arrest_row(r: stats.ArrestRate) -> dict[str, Any]:
    return {
        "state": r.place.postal,
        "name": r.place.name,
        "year": r.year,
        "arrests": _count(r.arrests.value) if r.arrests else None,
        "status": r.arrests.status if r.arrests else "missing",
        "agencies": _count(r.agencies),
        "population_covered": _count(r.population_covered),
        "census_population": _count(r.census_population.value)
        if r.census_population
        else None,
        "coverage": r.coverage,
        "low_coverage": r.low_coverage,
        "rate_per_100k": r.rate,
        "note": r.arrests.note if r.arrests else "",
        "source": r.arrests.source.slug if r.arrests else None,
    }


@api.get(
    "/rates/arrests",
    response={200: s.envelope_of(s.ArrestRateOut, "ArrestRatesEnvelope"), **ERRORS},
    summary="Drug arrests per 100,000 people covered by reporting agencies, one year",
    description=(
        "FBI UCR 'drug abuse violations' (possession and sale combined). Rate = "
        "arrests / population served by agencies that reported 12 months × 100,000. "
        "`coverage` = that population / Census population; under 0.5 is flagged."
    ),
    tags=["arrests"],
)
def arrests_rates(request, year: YearParam = None, format: Format = "json"):
    years = stats.arrest_years()
    if not years:
        raise ApiError(404, "No arrest data loaded")
    year = year or years[-1]
    if year not in years:
        raise ApiError(404, f"No arrest data for {year}; years: {years[0]}–{years[-1]}")
    found = stats.arrest_rates(year=year, places=list(State.objects.states_and_dc()))
    rows = [_arrest_row(r) for r in found]
    sources = [src for r in found for src in r.sources]
    by_slug = {src.slug: src for src in sources}
    return _respond(
        request,
        format,
        rows,
        sources,
        filename=f"arrest-rates-{year}",
        source_of=lambda row: by_slug.get(row["source"]),
        meta={"year": year, "years": years},
    )


@api.get(
    "/states/{postal}/arrests",
    response={200: s.envelope_of(s.ArrestRateOut, "StateArrestsEnvelope"), **ERRORS},
    summary="Drug arrests and rates for one state, every year",
    tags=["arrests"],
)
def state_arrests(request, postal: str, format: Format = "json"):
    st = _state(postal)
    found = stats.arrest_rates(places=[st])
    rows = [_arrest_row(r) for r in found]
    sources = [src for r in found for src in r.sources]
    by_slug = {src.slug: src for src in sources}
    return _respond(
        request,
        format,
        rows,
        sources,
        filename=f"arrests-{st.postal}",
        source_of=lambda row: by_slug.get(row["source"]),
    )


# -- indicators and sources ---------------------------------------------------------


@api.get(
    "/indicators",
    response={200: s.envelope_of(s.IndicatorOut, "IndicatorsEnvelope"), **ERRORS},
    summary="Every figure Pathways holds, with the sources that publish it",
    tags=["figures"],
)
def indicators(request, topic: str | None = None):
    qs = Indicator.objects.all()
    if topic:
        qs = qs.filter(topic=topic)
    pairs = Observation.objects.values_list("indicator_id", "source__slug").distinct()
    by_ind: dict[int, list[str]] = {}
    for ind_id, slug in pairs:
        by_ind.setdefault(ind_id, []).append(slug)
    rows = [
        {
            "slug": i.slug,
            "name": i.name,
            "official_label": i.official_label,
            "topic": i.topic,
            "unit": i.unit,
            "description": i.description,
            "sources": sorted(by_ind.get(i.pk, [])),
        }
        for i in qs
    ]
    used = {slug for slugs in by_ind.values() for slug in slugs}
    return envelope(rows, Source.objects.filter(slug__in=used))


@api.get(
    "/sources",
    response={200: s.envelope_of(s.SourceOut, "SourcesEnvelope"), **ERRORS},
    summary="Every source, with publisher, vintage, URL, license and notes",
    tags=["figures"],
)
def sources(request, format: Format = "json"):
    srcs = list(Source.objects.all())
    rows = [src.as_dict() for src in srcs]
    if format == "csv":
        return csv_response(rows, filename="sources", source_of=lambda row: None)
    return envelope(rows, srcs)


# -- law and policy -----------------------------------------------------------------


def _fact_row(f, alternatives=(), date_known=None) -> dict[str, Any]:
    return {
        "state": f.state.postal,
        "topic": f.topic.slug,
        "value": f.value,
        "category": f.category,
        "effective_date": _iso(f.effective_date),
        "effective_precision": f.effective_precision,
        "effective_text": f.effective_text,
        "end_date": _iso(f.end_date),
        "date_known": date_known,
        "as_of": f.as_of,
        "citation": f.citation,
        "confidence": f.confidence,
        "evidence": f.evidence,
        "notes": f.notes,
        "source": f.source.slug,
        "review": f.review,
        "alternatives": [
            {
                "value": a.value,
                "category": a.category,
                "effective_date": _iso(a.effective_date),
                "as_of": a.as_of,
                "source": a.source.slug,
            }
            for a in alternatives
        ],
    }


def _facts_response(request, fmt, found, filename):
    rows = [_fact_row(x.fact, x.alternatives, x.date_known) for x in found]
    srcs = [x.fact.source for x in found] + [
        a.source for x in found for a in x.alternatives
    ]
    return _respond(request, fmt, rows, srcs, filename=filename)


def _topic_slug(topic: str | None) -> str | None:
    if topic is None:
        return None
    if not policy.topics().filter(slug=topic).exists():
        known = ", ".join(policy.topics().values_list("slug", flat=True))
        raise ApiError(400, f"Unknown topic {topic!r}; known: {known}")
    return topic


@api.get(
    "/topics",
    response={200: s.envelope_of(s.TopicOut, "TopicsEnvelope"), **ERRORS},
    summary="Law and policy topics and their map categories",
    tags=["policy"],
)
def topics(request):
    pairs = PolicyFact.objects.values_list("topic_id", "source_id").distinct()
    by_topic: dict[int, set[int]] = {}
    for topic_id, source_id in pairs:
        by_topic.setdefault(topic_id, set()).add(source_id)
    used = Source.objects.in_bulk({sid for ids in by_topic.values() for sid in ids})
    rows = [
        {
            "slug": t.slug,
            "name": t.name,
            "group": t.group,
            "description": t.description,
            "categories": [
                {"slug": c[0], "label": c[1]} if isinstance(c, list | tuple) else c
                for c in t.categories
            ],
            "sources": sorted(used[i].slug for i in by_topic.get(t.pk, ())),
        }
        for t in policy.topics()
    ]
    return envelope(rows, used.values())


@api.get(
    "/facts",
    response={200: s.envelope_of(s.FactOut, "FactsEnvelope"), **ERRORS},
    summary="Law and policy facts in effect on a date, by topic",
    description=(
        "The preferred fact per state and topic in effect on `date` (default today), "
        "with sources that disagree listed under `alternatives`. States without a "
        "fact are absent: that means no data, not 'no law'."
    ),
    tags=["policy"],
)
def facts(
    request,
    topic: str | None = None,
    date: DateParam = None,
    state: str | None = None,
    format: Format = "json",
):
    st = _state(state, name="state") if state else None
    found = policy.facts_on(
        on=date or dt.date.today(), topic=_topic_slug(topic), state=st
    )
    return _facts_response(request, format, found, f"facts-{topic or 'all'}")


@api.get(
    "/states/{postal}/facts",
    response={200: s.envelope_of(s.FactOut, "StateFactsEnvelope"), **ERRORS},
    summary="Every law and policy fact for one state on a date",
    tags=["policy"],
)
def state_facts(
    request,
    postal: str,
    date: DateParam = None,
    topic: str | None = None,
    format: Format = "json",
):
    st = _state(postal)
    found = policy.facts_on(
        on=date or dt.date.today(), topic=_topic_slug(topic), state=st
    )
    return _facts_response(request, format, found, f"facts-{st.postal}")


@api.get(
    "/states/{postal}/facts/{topic}/history",
    response={200: s.envelope_of(s.FactOut, "FactHistoryEnvelope"), **ERRORS},
    summary="Every recorded fact for one state and topic, oldest first",
    tags=["policy"],
)
def fact_history(request, postal: str, topic: str, format: Format = "json"):
    st = _state(postal)
    rows_ = policy.fact_history(state=st, topic=_topic_slug(topic))
    rows = [_fact_row(f) for f in rows_]
    return _respond(
        request,
        format,
        rows,
        [f.source for f in rows_],
        filename=f"history-{st.postal}-{topic}",
    )


# -- map layers ---------------------------------------------------------------------


def _layer_params(spec, date, drug, period, year):
    if spec.kind == "overdose":
        if drug and drug not in dict(layers.DRUGS):
            raise ApiError(
                400, f"Unknown drug {drug!r}; known: {', '.join(dict(layers.DRUGS))}"
            )
        return {"drug": drug, "period": _period(period, "period")}
    if spec.kind == "arrests":
        return {"year": year}
    return {"on": date}


@api.get(
    "/layers",
    response={200: s.envelope_of(s.LayerOut, "LayersEnvelope"), **ERRORS},
    summary="Every map layer",
    tags=["map"],
)
def layer_list(request):
    rows = [
        {
            "slug": spec.slug,
            "name": spec.name,
            "group": spec.group,
            "kind": spec.kind,
            "description": spec.description,
            "api_url": f"/api/v1/layers/{spec.slug}",
            "csv_url": f"/api/v1/layers/{spec.slug}?format=csv",
        }
        for spec in layers.LAYERS
    ]
    return envelope(rows, [])


@api.get(
    "/layers/{slug}",
    response={200: s.envelope_of(s.LayerCellOut, "LayerEnvelope"), **ERRORS},
    summary="One map layer: a cell per state (category, value, source)",
    description=(
        "Policy layers take `date` (YYYY-MM-DD, default today); `overdose-rate` takes "
        "`drug` and `period` (YYYY-MM); `arrest-rate` takes `year`. The same download "
        "the map page links to."
    ),
    tags=["map"],
)
def layer_detail(
    request,
    slug: str,
    date: DateParam = None,
    drug: str | None = None,
    period: str | None = None,
    year: YearParam = None,
    format: Format = "json",
):
    spec = layers.get(slug)
    if spec is None:
        known = ", ".join(s_.slug for s_ in layers.LAYERS)
        raise ApiError(404, f"Unknown layer {slug!r}; known: {known}")
    view = layers.render(spec, **_layer_params(spec, date, drug, period, year))
    rows = [
        {
            "state": c.state.postal,
            "name": c.state.name,
            "category": c.category,
            "label": c.label,
            "value": c.value,
            "display": c.display,
            "detail": c.detail,
            "confidence": c.confidence,
            "date_known": c.date_known,
            "conflicts": c.conflicts,
            "flags": c.flags,
            "source": c.source.slug if c.source else None,
        }
        for c in view.cells.values()
    ]
    meta = {
        "layer": spec.slug,
        "title": view.title,
        "subtitle": view.subtitle,
        "params": view.params,
        "legend": [
            {"category": c.slug, "label": c.label, "count": n} for c, n in view.legend()
        ],
        "notes": view.notes,
    }
    filename = "-".join([spec.slug, *view.params.values()])
    return _respond(request, format, rows, view.sources, filename=filename, meta=meta)


# -- service finder (pathways/api/facilities.py) ------------------------------------

from pathways.api.facilities import router as finder_router  # noqa: E402

api.add_router("", finder_router)
