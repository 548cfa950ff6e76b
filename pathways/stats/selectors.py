"""Reads for figures: series, populations and rates. Keyword-only, typed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Q

from pathways.core.models import Source
from pathways.places.models import State

from .models import Indicator, Observation

POPULATION = "population"
ARRESTS = "drug-arrests"
ARREST_AGENCIES = "arrest-reporting-agencies"
ARREST_POPULATION = "arrest-population-covered"
LOW_COVERAGE = 0.5


def indicator_by_key(key: str) -> Indicator | None:
    """An indicator by slug or by the publisher's own label (any case)."""
    key = " ".join(key.split())
    return (
        Indicator.objects.filter(Q(slug=key.lower()) | Q(official_label__iexact=key))
        .order_by("slug")
        .first()
    )


def sources_for(*, indicator: Indicator) -> list[Source]:
    """Sources that publish ``indicator``, the one reaching the latest period first."""
    latest = (
        Observation.objects.filter(indicator=indicator)
        .values("source")
        .annotate(last=Max("period_end"))
        .order_by("-last", "-source")
    )
    ids = [row["source"] for row in latest]
    by_id = Source.objects.in_bulk(ids)
    return [by_id[i] for i in ids]


def default_source(*, indicator: Indicator) -> Source | None:
    found = sources_for(indicator=indicator)
    return found[0] if found else None


def series(
    *,
    place: State,
    indicator: Indicator,
    source: Source,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Observation]:
    return list(
        Observation.objects.filter(indicator=indicator, place=place, source=source)
        .between(start, end)
        .order_by("period_end")
    )


@dataclass(frozen=True)
class Population:
    value: float
    year: int
    source: Source


def populations(
    *, places: list[State] | None = None
) -> dict[tuple[int, int], Population]:
    """(place id, year) -> population, taking the newest vintage that covers the
    year (Census vintages revise earlier years)."""
    qs = Observation.objects.filter(
        indicator__slug=POPULATION, value__isnull=False
    ).select_related("source")
    if places is not None:
        qs = qs.filter(place__in=places)
    out: dict[tuple[int, int], Population] = {}
    for o in qs.order_by("source__as_of", "source__slug"):
        out[(o.place_id, o.period_end.year)] = Population(
            o.value, o.period_end.year, o.source
        )
    return out


def population_for(
    pops: dict[tuple[int, int], Population], place_id: int, year: int
) -> Population | None:
    """The population of ``year``, or the nearest earlier year we have."""
    for y in range(year, year - 3, -1):
        if (place_id, y) in pops:
            return pops[(place_id, y)]
    return None


def rate_per_100k(count: float | None, population: float | None) -> float | None:
    if count is None or not population:
        return None
    return round(count / population * 100_000, 1)


@dataclass
class OverdoseRate:
    place: State
    observation: Observation | None
    population: Population | None
    rate: float | None
    predicted_rate: float | None


def overdose_rates(
    *,
    indicator: Indicator,
    source: Source,
    period_end: dt.date,
    places: list[State],
) -> list[OverdoseRate]:
    """Deaths in the 12 months ending ``period_end`` per 100,000 residents, for
    each place (population of the period's final year)."""
    obs = {
        o.place_id: o
        for o in Observation.objects.filter(
            indicator=indicator, source=source, period_end=period_end, place__in=places
        )
    }
    pops = populations(places=places)
    out = []
    for place in places:
        o = obs.get(place.pk)
        pop = population_for(pops, place.pk, period_end.year)
        out.append(
            OverdoseRate(
                place=place,
                observation=o,
                population=pop,
                rate=rate_per_100k(o.value if o else None, pop.value if pop else None),
                predicted_rate=rate_per_100k(
                    o.predicted if o else None, pop.value if pop else None
                ),
            )
        )
    return out


@dataclass
class ArrestRate:
    place: State
    year: int
    arrests: Observation | None
    agencies: float | None
    population_covered: float | None
    census_population: Population | None
    rate: float | None
    coverage: float | None

    @property
    def low_coverage(self) -> bool:
        return self.coverage is not None and self.coverage < LOW_COVERAGE

    @property
    def sources(self) -> list[Source]:
        out = [self.arrests.source] if self.arrests else []
        if self.census_population:
            out.append(self.census_population.source)
        return out


def arrest_years() -> list[int]:
    dates = (
        Observation.objects.filter(indicator__slug=ARRESTS)
        .values_list("period_end", flat=True)
        .distinct()
    )
    return sorted({d.year for d in dates})


def arrest_rates(*, year: int | None = None, places: list[State]) -> list[ArrestRate]:
    """Drug arrests per 100,000 people served by the reporting agencies.

    Per (state, year) the official FBI table wins over the compiled file."""
    qs = Observation.objects.filter(
        indicator__slug__in=[ARRESTS, ARREST_AGENCIES, ARREST_POPULATION],
        place__in=places,
    ).select_related("source", "indicator")
    if year is not None:
        qs = qs.filter(period_end__year=year)
    best: dict[tuple[int, int, str], Observation] = {}
    for o in qs:
        k = (o.place_id, o.period_end.year, o.indicator.slug)
        cur = best.get(k)
        if cur is None or _rank(o.source) > _rank(cur.source):
            best[k] = o
    pops = populations(places=places)
    years = sorted({k[1] for k in best}) if year is None else [year]
    out = []
    for place in places:
        for y in years:
            arrests = best.get((place.pk, y, ARRESTS))
            agencies = best.get((place.pk, y, ARREST_AGENCIES))
            covered = best.get((place.pk, y, ARREST_POPULATION))
            census = population_for(pops, place.pk, y)
            covered_v = covered.value if covered else None
            usable = arrests is not None and arrests.status == Observation.Status.OK
            out.append(
                ArrestRate(
                    place=place,
                    year=y,
                    arrests=arrests,
                    agencies=agencies.value if agencies else None,
                    population_covered=covered_v,
                    census_population=census,
                    rate=rate_per_100k(arrests.value, covered_v) if usable else None,
                    coverage=(
                        round(covered_v / census.value, 3)
                        if covered_v and census
                        else None
                    ),
                )
            )
    return out


def _rank(source: Source) -> tuple[int, str]:
    order = defaultdict(int, {Source.Kind.OFFICIAL: 2, Source.Kind.DERIVED: 1})
    return (order[source.kind], source.slug)
