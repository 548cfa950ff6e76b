"""Reads for figures: overdose series, populations, arrests and the rate
arithmetic, one function per figure for the API, the map and the state pages.
Keyword-only, typed. Functions that take ``places`` answer for any list of
states (one state, every state, or with the nation); ``period_end`` is the last
day of a 12-month-ending period (``core.params.parse_period`` gives one)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q

from pathways.core.models import Source
from pathways.core.sources import unique_sources
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


def indicator_slugs(*, topic: str) -> list[str]:
    """Slugs of the indicators of ``topic`` ("overdose", "arrests", ...)."""
    return list(Indicator.objects.filter(topic=topic).values_list("slug", flat=True))


def indicators_by_slug(slugs: list[str]) -> dict[str, Indicator]:
    return {i.slug: i for i in Indicator.objects.filter(slug__in=slugs)}


@dataclass(frozen=True)
class IndicatorCatalog:
    """Indicators with the slugs of the sources that publish them."""

    rows: list[tuple[Indicator, list[str]]]
    sources: list[Source]  # every source publishing any indicator


def indicator_catalog(*, topic: str | None = None) -> IndicatorCatalog:
    """Every indicator (of ``topic``), each with its sources' slugs (sorted)."""
    qs = Indicator.objects.all()
    if topic:
        qs = qs.filter(topic=topic)
    pairs = Observation.objects.values_list("indicator_id", "source__slug").distinct()
    by_ind: dict[int, list[str]] = {}
    for ind_id, slug in pairs:
        by_ind.setdefault(ind_id, []).append(slug)
    used = {slug for slugs in by_ind.values() for slug in slugs}
    return IndicatorCatalog(
        rows=[(i, sorted(by_ind.get(i.pk, []))) for i in qs],
        sources=list(Source.objects.filter(slug__in=used)),
    )


def states_and_dc() -> list[State]:
    """The 50 states and DC, the places every map and rate table covers."""
    return list(State.objects.states_and_dc())


def nation() -> State | None:
    """The United States as a whole (VSRR's national row), if loaded."""
    return State.objects.filter(postal="US").first()


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
    """The source reaching the latest period (``sources_for``'s first)."""
    return default_sources(indicators=[indicator]).get(indicator.slug)


def default_sources(*, indicators: list[Indicator]) -> dict[str, Source]:
    """``default_source`` of several indicators in two queries: slug -> source."""
    latest = (
        Observation.objects.filter(indicator__in=indicators)
        .values("indicator", "source")
        .annotate(last=Max("period_end"))
        .order_by("-last", "-source")
    )
    newest: dict[int, int] = {}
    for row in latest:
        newest.setdefault(row["indicator"], row["source"])
    by_id = Source.objects.in_bulk(newest.values())
    return {i.slug: by_id[newest[i.pk]] for i in indicators if i.pk in newest}


def latest_period_end(*, indicator: Indicator, source: Source) -> dt.date | None:
    """The last period ``source`` has for ``indicator`` (any place)."""
    return (
        Observation.objects.filter(indicator=indicator, source=source)
        .order_by("-period_end")
        .values_list("period_end", flat=True)
        .first()
    )


def series(
    *,
    place: State,
    indicator: Indicator,
    source: Source,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Observation]:
    """``source``'s observations of ``indicator`` for one place, oldest first,
    periods ending in [start, end] (either may be None)."""
    return list(
        Observation.objects.filter(indicator=indicator, place=place, source=source)
        .between(start, end)
        .order_by("period_end")
    )


def periods(
    *, indicator: Indicator, source: Source, place: State | None = None
) -> list[dt.date]:
    """Every period end ``source`` has for ``indicator`` (for ``place``, default
    any place), oldest first. The map's period list uses the nation (US)."""
    qs = Observation.objects.filter(indicator=indicator, source=source)
    if place is not None:
        qs = qs.filter(place=place)
    return list(
        qs.order_by("period_end").values_list("period_end", flat=True).distinct()
    )


def states_with_values(*, indicator: Indicator, source: Source) -> dict[dt.date, int]:
    """Period end -> how many states (and DC) have a value in that period (the
    latest months are often mostly blank for single drugs)."""
    rows = (
        Observation.objects.filter(
            indicator=indicator,
            source=source,
            value__isnull=False,
            place__kind__in=[State.Kind.STATE, State.Kind.DISTRICT],
        )
        .values_list("period_end")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def state_rates(*, indicator: Indicator, source: Source) -> list[float]:
    """Every state's (and DC's) value per 100,000 residents over every period,
    unrounded (for class breaks that mean the same across periods)."""
    pops = populations()
    out = []
    for o in Observation.objects.filter(
        indicator=indicator,
        source=source,
        place__kind__in=[State.Kind.STATE, State.Kind.DISTRICT],
        value__isnull=False,
    ).only("place_id", "value", "period_end"):
        pop = population_for(pops, o.place_id, o.period_end.year)
        if pop:
            out.append(o.value / pop.value * 100_000)
    return out


@dataclass(frozen=True)
class NewestSeries:
    sources: dict[str, Source]  # indicator slug -> its default (newest) source
    series: dict[tuple[int, str], list[Observation]]  # (place id, slug) -> by period


def newest_series(*, places: list[State], indicators: list[Indicator]) -> NewestSeries:
    """Every period of each indicator, from its default source, for many places
    in one query (state pages, compare). Rates: ``with_rates`` on a series."""
    srcs = default_sources(indicators=indicators)
    out: dict[tuple[int, str], list[Observation]] = {}
    if srcs:
        by_slug = {i.slug: i for i in indicators}
        pairs = Q()
        for slug, src in srcs.items():
            pairs |= Q(indicator=by_slug[slug], source=src)
        slug_of = {i.pk: i.slug for i in indicators}
        for o in Observation.objects.filter(pairs, place__in=places).order_by(
            "period_end"
        ):
            out.setdefault((o.place_id, slug_of[o.indicator_id]), []).append(o)
    return NewestSeries(srcs, out)


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
    """The one rate formula: count / population x 100,000, to one decimal; None
    when either is missing (or the population is 0)."""
    if count is None or not population:
        return None
    return round(count / population * 100_000, 1)


@dataclass(frozen=True)
class SeriesPoint:
    """One period of a series with its rates (None without a population)."""

    observation: Observation
    population: Population | None
    rate: float | None
    predicted_rate: float | None


@dataclass(frozen=True)
class OverdoseSeries:
    points: list[SeriesPoint]
    population_sources: list[Source]  # of the place's populations, every year


def with_rates(
    observations: list[Observation],
    *,
    pops: dict[tuple[int, int], Population] | None,
) -> list[SeriesPoint]:
    """Each observation with its rate per 100,000 (population of the period's
    final year, see ``population_for``); no rates when ``pops`` is None."""
    out = []
    for o in observations:
        pop = population_for(pops, o.place_id, o.period_end.year) if pops else None
        pop_v = pop.value if pop else None
        out.append(
            SeriesPoint(
                o, pop, rate_per_100k(o.value, pop_v), rate_per_100k(o.predicted, pop_v)
            )
        )
    return out


def overdose_series(
    *,
    place: State,
    indicator: Indicator,
    source: Source,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> OverdoseSeries:
    """12-month-ending deaths for one place with rates per 100,000 (only for
    indicators counted in deaths)."""
    obs = series(place=place, indicator=indicator, source=source, start=start, end=end)
    pops = populations(places=[place])
    rated = pops if indicator.unit == Indicator.Unit.DEATHS else None
    pop_sources = unique_sources(p.source for p in pops.values())
    return OverdoseSeries(with_rates(obs, pops=rated), pop_sources)


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


UNPUBLISHED = [s for s in Observation.Status.values if s != Observation.Status.OK]


def observation_summary() -> list[dict]:
    """One row per (source, indicator, period type): values, periods, first and
    last period, and the values not published by status (``s_<i>`` for the i-th of
    ``UNPUBLISHED``). One query over every observation (/sources/)."""
    return list(
        Observation.objects.values(
            "source_id",
            "indicator__slug",
            "indicator__name",
            "indicator__topic",
            "period_type",
        ).annotate(
            n=Count("id"),
            periods=Count("period_end", distinct=True),
            first=Min("period_end"),
            last=Max("period_end"),
            **{
                f"s_{i}": Count("id", filter=Q(status=st, value__isnull=True))
                for i, st in enumerate(UNPUBLISHED)
            },
        )
    )


def unpublished_counts(*, releases: dict[str, int], places: list[State]) -> list[dict]:
    """Values a publisher did not publish, counted by indicator slug, place and
    status, for each indicator slug's release (``releases``: slug -> source id)."""
    wanted = Q()
    for slug, source_id in releases.items():
        wanted |= Q(indicator__slug=slug, source_id=source_id)
    return list(
        Observation.objects.filter(wanted, value__isnull=True, place__in=places)
        .values("indicator__slug", "place__postal", "status")
        .annotate(n=Count("id"))
    )
