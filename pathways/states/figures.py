"""The figures on a state page and on /compare/: overdose deaths (VSRR, 12 months
ending each month) with their rates, drug arrests, and the text a reader sees for
each number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.core.sources import unique_sources
from pathways.maps import charts, layers
from pathways.places.models import State
from pathways.policy.models import PolicyFact
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator, Observation

CHART_DRUGS = (
    "drug-overdose-deaths",
    "synthetic-opioids",
    "psychostimulants",
    "cocaine",
    "heroin",
)
SHORT_DRUG = {
    "drug-overdose-deaths": gettext_noop("All drugs"),
    "synthetic-opioids": gettext_noop("Synthetic opioids"),
    "psychostimulants": gettext_noop("Psychostimulants"),
    "cocaine": gettext_noop("Cocaine"),
    "heroin": gettext_noop("Heroin"),
}
MISSING = {
    Observation.Status.SUPPRESSED: gettext_noop("Suppressed (fewer than 10 deaths)"),
    Observation.Status.LOW_QUALITY: gettext_noop("Not shown (low data quality)"),
    Observation.Status.MISSING: gettext_noop("No data"),
    Observation.Status.NOT_USABLE: gettext_noop("Not usable"),
    Observation.Status.OK: gettext_noop("Not reported"),
}


def when_text(f: PolicyFact) -> str:
    """The effective date as precisely as the source gives it."""
    if not f.effective_date:
        return ""
    fmt = {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT"}.get(
        f.effective_precision, "Y"
    )
    return date_format(f.effective_date, fmt)


def count_text(v: float | None) -> str:
    """A count as a reader sees it: 1,694 (never 0 for a missing value)."""
    return f"{int(round(v)):,}" if v is not None else ""


def rate_text(v: float | None) -> str:
    """A rate as the API rounds it, one decimal: 39.7."""
    return f"{v:,.1f}" if v is not None else ""


def share_text(v: float | None) -> str:
    return f"{v:.0%}" if v is not None else _("Unknown")


def missing_text(o: Observation | None) -> str:
    return _(MISSING.get(o.status, "No data")) if o is not None else _("No data")


@dataclass
class OverdoseData:
    """12-month-ending deaths (VSRR) for some places and drugs, each drug from its
    default (newest) release, with the populations for rates."""

    indicators: dict[str, Indicator]
    sources: dict[str, Source]  # by drug slug
    series: dict[tuple[int, str], list[Observation]]  # (place id, drug) -> by period
    pops: dict[tuple[int, int], stats.Population]

    def population(self, place: State, period: dt.date) -> stats.Population | None:
        return stats.population_for(self.pops, place.pk, period.year)

    def rate(self, place: State, o: Observation, predicted: bool = False):
        pop = self.population(place, o.period_end)
        return stats.rate_per_100k(
            o.predicted if predicted else o.value, pop.value if pop else None
        )

    def points(self, place: State, drug: str) -> tuple[charts.Point, ...]:
        out = []
        for o in self.series.get((place.pk, drug), []):
            rate = self.rate(place, o)
            missing = missing_text(o)
            if o.value is not None and rate is None:
                missing = _("No population figure")
            out.append(charts.Point(o.period_end, rate, missing))
        return tuple(out)

    def population_sources(self) -> list[Source]:
        pops = self.pops.values()
        return sorted(unique_sources(p.source for p in pops), key=lambda s: s.slug)


def overdose_data(places: list[State], drugs: list[str]) -> OverdoseData:
    """Every period of ``drugs`` for ``places``, each drug from its newest release
    (``stats.newest_series``), and the places' populations."""
    inds = stats.indicators_by_slug(drugs)
    newest = stats.newest_series(
        places=places, indicators=[inds[d] for d in drugs if d in inds]
    )
    return OverdoseData(
        inds, newest.sources, newest.series, stats.populations(places=places)
    )


@dataclass
class OverdoseRow:
    drug: str
    label: str
    obs: Observation | None
    rate: float | None
    predicted_rate: float | None
    population: stats.Population | None
    source: Source | None
    missing: str
    last_value: Observation | None = None  # latest period with a value, if older
    last_rate: float | None = None

    @property
    def reported(self) -> str:
        return count_text(self.obs.value) if self.obs else ""

    @property
    def predicted(self) -> str:
        return count_text(self.obs.predicted) if self.obs else ""

    @property
    def rate_str(self) -> str:
        return rate_text(self.rate)

    @property
    def predicted_rate_str(self) -> str:
        return rate_text(self.predicted_rate)

    @property
    def last_value_str(self) -> str:
        return count_text(self.last_value.value) if self.last_value else ""

    @property
    def last_rate_str(self) -> str:
        return rate_text(self.last_rate)


@dataclass
class ArrestRow:
    """One year of drug arrests for a state, as the API reports it."""

    r: stats.ArrestRate

    @property
    def year(self) -> int:
        return self.r.year

    @property
    def usable(self) -> bool:
        return self.r.rate is not None

    @property
    def status(self) -> str:
        return self.r.arrests.status if self.r.arrests else "missing"

    @property
    def status_text(self) -> str:
        return {"not-usable": _("Not usable"), "missing": _("No data")}.get(
            self.status, _("No rate")
        )

    @property
    def arrests(self) -> str:
        return count_text(self.r.arrests.value) if self.r.arrests else ""

    @property
    def rate(self) -> str:
        return rate_text(self.r.rate)

    @property
    def agencies(self) -> str:
        return count_text(self.r.agencies)

    @property
    def covered(self) -> str:
        return count_text(self.r.population_covered)

    @property
    def coverage(self) -> str:
        return share_text(self.r.coverage)

    @property
    def low_coverage(self) -> bool:
        return self.r.low_coverage

    @property
    def note(self) -> str:
        return self.r.arrests.note if self.r.arrests else ""

    @property
    def source(self) -> Source | None:
        return self.r.arrests.source if self.r.arrests else None


def overdose_rows(st: State, data: OverdoseData) -> list[OverdoseRow]:
    rows = []
    for drug, label in layers.DRUGS:
        obs = data.series.get((st.pk, drug), [])
        o = obs[-1] if obs else None
        row = OverdoseRow(
            drug=drug,
            label=_(label),
            obs=o,
            rate=data.rate(st, o) if o else None,
            predicted_rate=data.rate(st, o, predicted=True) if o else None,
            population=data.population(st, o.period_end) if o else None,
            source=data.sources.get(drug),
            missing=missing_text(o),
        )
        if o is not None and o.value is None:
            with_value = [x for x in obs if x.value is not None]
            if with_value:
                row.last_value = with_value[-1]
                row.last_rate = data.rate(st, with_value[-1])
        rows.append(row)
    return rows


def overdose_chart(
    places: list[State],
    data: OverdoseData,
    *,
    drugs: tuple[str, ...],
    chart_id: str,
    title: str,
    events: list[charts.LawEvent] = (),
    us: State | None = None,
) -> charts.Chart:
    series = []
    if len(places) == 1:
        st = places[0]
        for drug in drugs:
            if drug in data.indicators:
                series.append(
                    charts.Series(
                        drug,
                        f"{st.name}: {_(dict(layers.DRUGS)[drug])}",
                        data.points(st, drug),
                        charts.DRUG_STYLES[drug],
                        _(SHORT_DRUG[drug]),
                    )
                )
    else:
        for i, st in enumerate(places):
            series.append(
                charts.Series(
                    st.postal,
                    _("%(place)s: all drugs") % {"place": st.name},
                    data.points(st, drugs[0]),
                    charts.COMPARE_STYLES[i % len(charts.COMPARE_STYLES)],
                    st.name if len(st.name) <= 16 else st.postal,
                )
            )
    if us is not None and drugs[0] in data.indicators:
        series.append(
            charts.Series(
                "US",
                _("United States: all drugs"),
                data.points(us, "drug-overdose-deaths"),
                charts.NATIONAL_STYLE,
                _("U.S., all drugs"),
            )
        )
    return charts.line_chart(series, title=title, chart_id=chart_id, events=events)
