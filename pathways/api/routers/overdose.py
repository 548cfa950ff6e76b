"""/states/{postal}/overdose(/monthly), /rates/overdose: overdose deaths and rates.
Reads and rate arithmetic are ``stats.selectors``'."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router

from pathways.core.envelope import ApiError
from pathways.core.params import parse_period
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator

from .. import schemas as s
from ..params import Format, RateQuery, SeriesQuery, indicator, route, source, state
from ..respond import count, respond

router = Router(tags=["overdose"])
OverdoseEnvelope = s.envelope_of(s.OverduePoint, "OverdoseEnvelope")
MonthlyEnvelope = s.envelope_of(s.OverduePoint, "MonthlyEnvelope")
OverdoseRatesEnvelope = s.envelope_of(s.OverdoseRateOut, "OverdoseRatesEnvelope")
MONTHLY = "overdose-deaths-residence-monthly"


def _point(p: stats.SeriesPoint) -> dict[str, Any]:
    """One point of a series (rates null without a population)."""
    o = p.observation
    return {
        "period_end": o.period_end.strftime("%Y-%m"),
        "period_start": o.period_start.strftime("%Y-%m"),
        "reported": count(o.value),
        "predicted": count(o.predicted),
        "status": o.status,
        "percent_complete": o.percent_complete,
        "percent_pending": o.percent_pending,
        "footnote": o.footnote,
        "footnote_symbol": o.footnote_symbol,
        "note": o.note,
        "rate_per_100k": p.rate,
        "predicted_rate_per_100k": p.predicted_rate,
        "population_year": p.population.year if p.population else None,
    }


@route(router, "/states/{postal}/overdose", OverdoseEnvelope)
def overdose_series(request, postal: str, q: Query[SeriesQuery]):
    """12-month-ending overdose deaths for one jurisdiction (VSRR)

    `indicator` is a slug from /indicators or the official VSRR label. `postal` may
    also be US (national) or YC (New York City). New York is NY + YC (see each
    point's note). `start`/`end` are YYYY-MM. `reported` and `predicted` are null
    where the file has no value, with `status` saying why."""
    st = state(postal, any_kind=True)
    ind = indicator(q.indicator, "overdose")
    if ind.slug == MONTHLY:
        raise ApiError(400, "Use /states/{postal}/overdose/monthly for CDC WONDER")
    src = source(ind, q.source)
    found = stats.overdose_series(
        place=st,
        indicator=ind,
        source=src,
        start=parse_period(q.start, "start"),
        end=parse_period(q.end, "end"),
    )
    meta = {
        "state": st.postal,
        "indicator": ind.slug,
        "indicator_label": ind.official_label,
        "unit": ind.unit,
        "source": src.slug,
        "other_sources": [o.slug for o in stats.sources_for(indicator=ind) if o != src],
    }
    return respond(
        q.format,
        [_point(p) for p in found.points],
        [src, *found.population_sources],
        filename=f"overdose-{st.postal}-{ind.slug}",
        source_of=lambda row: src,
        meta=meta,
    )


@route(router, "/states/{postal}/overdose/monthly", MonthlyEnvelope)
def overdose_monthly(request, postal: str, format: Format = "json"):
    """Overdose deaths per calendar month by state of residence (CDC WONDER)"""
    st = state(postal)
    ind = indicator(MONTHLY, "overdose")
    src = source(ind, None)
    obs = stats.series(place=st, indicator=ind, source=src)
    rows = [_point(p) for p in stats.with_rates(obs, pops=None)]
    return respond(format, rows, [src], filename=f"wonder-{st.postal}")


def _rate_row(r: stats.OverdoseRate, period_end: str) -> dict[str, Any]:
    o, pop = r.observation, r.population
    return {
        "state": r.place.postal,
        "name": r.place.name,
        "period_end": period_end,
        "deaths": count(o.value) if o else None,
        "predicted_deaths": count(o.predicted) if o else None,
        "status": o.status if o else "missing",
        "population": count(pop.value) if pop else None,
        "population_year": pop.year if pop else None,
        "rate_per_100k": r.rate,
        "predicted_rate_per_100k": r.predicted_rate,
        "footnote": o.footnote if o else "",
    }


@route(router, "/rates/overdose", OverdoseRatesEnvelope)
def overdose_rates(request, q: Query[RateQuery]):
    """Overdose deaths per 100,000 residents, every state, one 12-month period

    Rate = deaths in the 12 months ending `period` (YYYY-MM; default the latest) /
    Census July 1 population of the period's final year × 100,000. Suppressed counts
    give a null rate with the status."""
    ind = indicator(q.indicator, "overdose")
    if ind.unit != Indicator.Unit.DEATHS or ind.slug == MONTHLY:
        raise ApiError(400, f"No rate for indicator {ind.slug!r}")
    src = source(ind, q.source)
    period_end = parse_period(q.period, "period") or stats.latest_period_end(
        indicator=ind, source=src
    )
    us = stats.nation()
    places = [*stats.states_and_dc(), *([us] if us else [])]
    found = stats.overdose_rates(
        indicator=ind, source=src, period_end=period_end, places=places
    )
    if not any(r.observation for r in found):
        raise ApiError(404, f"No {ind.slug} data for period {q.period!r} in {src.slug}")
    return respond(
        q.format,
        [_rate_row(r, f"{period_end:%Y-%m}") for r in found],
        [src, *(r.population.source for r in found if r.population)],
        filename=f"overdose-rates-{ind.slug}-{period_end:%Y-%m}",
        source_of=lambda row: src,
        meta={
            "indicator": ind.slug,
            "source": src.slug,
            "period_end": f"{period_end:%Y-%m}",
        },
    )
