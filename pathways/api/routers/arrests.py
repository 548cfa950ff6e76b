"""/rates/arrests, /states/{postal}/arrests: drug arrests per 100,000 people
covered by reporting agencies (``stats.selectors.arrest_rates``)."""

from __future__ import annotations

from typing import Any

from ninja import Router

from pathways.core.envelope import ApiError
from pathways.stats import selectors as stats

from .. import schemas as s
from ..params import Format, YearParam, route, state
from ..respond import count, respond

router = Router(tags=["arrests"])
ArrestRatesEnvelope = s.envelope_of(s.ArrestRateOut, "ArrestRatesEnvelope")
StateArrestsEnvelope = s.envelope_of(s.ArrestRateOut, "StateArrestsEnvelope")


def _arrest_row(r: stats.ArrestRate) -> dict[str, Any]:
    a, census = r.arrests, r.census_population
    return {
        "state": r.place.postal,
        "name": r.place.name,
        "year": r.year,
        "arrests": count(a.value) if a else None,
        "status": a.status if a else "missing",
        "agencies": count(r.agencies),
        "population_covered": count(r.population_covered),
        "census_population": count(census.value) if census else None,
        "coverage": r.coverage,
        "low_coverage": r.low_coverage,
        "rate_per_100k": r.rate,
        "note": a.note if a else "",
        "source": a.source.slug if a else None,
    }


def _arrests(fmt: str, found: list[stats.ArrestRate], filename: str, **kw):
    """Rows of arrest rates, each row's provenance its arrests' source."""
    sources = [src for r in found for src in r.sources]
    by_slug = {src.slug: src for src in sources}
    rows = [_arrest_row(r) for r in found]
    return respond(
        fmt,
        rows,
        sources,
        filename=filename,
        source_of=lambda row: by_slug.get(row["source"]),
        **kw,
    )


@route(router, "/rates/arrests", ArrestRatesEnvelope)
def arrests_rates(request, year: YearParam = None, format: Format = "json"):
    """Drug arrests per 100,000 people covered by reporting agencies, one year

    FBI UCR 'drug abuse violations' (possession and sale combined). Rate = arrests /
    population served by agencies that reported 12 months × 100,000. `coverage` =
    that population / Census population; under 0.5 is flagged."""
    years = stats.arrest_years()
    if not years:
        raise ApiError(404, "No arrest data loaded")
    year = year or years[-1]
    if year not in years:
        raise ApiError(404, f"No arrest data for {year}; years: {years[0]}–{years[-1]}")
    found = stats.arrest_rates(year=year, places=stats.states_and_dc())
    meta = {"year": year, "years": years}
    return _arrests(format, found, f"arrest-rates-{year}", meta=meta)


@route(router, "/states/{postal}/arrests", StateArrestsEnvelope)
def state_arrests(request, postal: str, format: Format = "json"):
    """Drug arrests and rates for one state, every year"""
    st = state(postal)
    found = stats.arrest_rates(places=[st])
    return _arrests(format, found, f"arrests-{st.postal}")
