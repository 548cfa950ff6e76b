"""Rate layers: per-100,000 rates in five classes whose breaks hold across periods.

Overdose deaths come for a 12-month period (CDC/NCHS VSRR), drug arrests for a year
(FBI). Missing stays "no data"; suppressed stays "suppressed"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.core.sources import unique_sources
from pathways.ingest.models import ImportRun
from pathways.places.models import State
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator, Observation

from .base import DEFAULT_DRUG, Layer, Query
from .cells import (
    NO_DATA,
    NO_DATA_FILL,
    SEQ5,
    SUPPRESSED,
    Category,
    Cell,
    LayerView,
    month,
    no_data,
    sources_of,
)

PLACEHOLDER_BREAKS = (1.0, 2.0, 3.0, 4.0)
DRUGS = [
    (DEFAULT_DRUG, gettext_noop("All drugs")),
    ("synthetic-opioids", gettext_noop("Synthetic opioids (mostly fentanyl)")),
    ("psychostimulants", gettext_noop("Psychostimulants (mostly methamphetamine)")),
    ("cocaine", gettext_noop("Cocaine")),
    ("heroin", gettext_noop("Heroin")),
    (
        "natural-semisynthetic-opioids",
        gettext_noop("Natural and semi-synthetic opioids"),
    ),
    ("methadone", gettext_noop("Methadone")),
]


# -- class breaks ---------------------------------------------------------------------


def data_version() -> str:
    """Changes whenever an ingest loads something (cache key for class breaks)."""
    agg = ImportRun.objects.filter(status="ok").aggregate(
        n=Count("id"), t=Max("started_at")
    )
    stamp = agg["t"].strftime("%Y%m%d%H%M%S%f") if agg["t"] else "0"
    return f"{agg['n']}-{stamp}-{Observation.objects.count()}"


def breaks(layer: RateLayer, key: str) -> tuple[float, ...]:
    """Class breaks, kept in Django's cache (per data version) and in memory."""
    version = data_version()
    ck = f"map-breaks:{layer.kind}:{key}:{version}"
    found = cache.get(ck)
    if found is None:
        found = compute_breaks(layer, key, version)
        cache.set(ck, found, timeout=None)
    return tuple(found)


@lru_cache(maxsize=64)
def compute_breaks(layer: RateLayer, key: str, version: str) -> tuple[float, ...]:
    """Four class breaks from the quintiles of every state's rate over every
    period, rounded, so colours mean the same across periods."""
    values = sorted(layer.all_rates(key))
    if not values:
        return PLACEHOLDER_BREAKS
    out = []
    for q in (0.2, 0.4, 0.6, 0.8):
        v = values[int(q * (len(values) - 1))]
        step = 1 if v < 20 else 5 if v < 100 else 50
        out.append(round(v / step) * step or step)
    return tuple(sorted(set(out)))


def rate_categories(breaks: tuple[float, ...]) -> list[Category]:
    edges = [0.0, *breaks]
    colors = SEQ5 if len(breaks) == 4 else SEQ5[: len(breaks) + 1]
    cats = []
    for i, color in enumerate(colors):
        lo = edges[i]
        if i == len(colors) - 1:
            label = _("%(low)s or more") % {"low": f"{lo:g}"}
        else:
            label = _("%(low)s to under %(high)s") % {
                "low": f"{lo:g}",
                "high": f"{edges[i + 1]:g}",
            }
        cats.append(Category(f"bin-{i + 1}", label, color))
    return cats


def rate_cell(
    st: State, rate: float, classes: tuple[list[Category], tuple[float, ...]], **fields
) -> Cell:
    """The cell of a rate in the class its value falls in; ``classes`` are the
    categories and their upper breaks."""
    cats, breaks = classes
    cat = cats[-1]
    for c, upper in zip(cats, [*breaks, float("inf")], strict=False):
        if rate < upper:
            cat = c
            break
    return Cell(st, cat.slug, cat.label, cat.color, value=rate, **fields)


def per_100k(rate: float, digits: int) -> str:
    return _("%(rate)s per 100,000") % {"rate": f"{rate:,.{digits}f}"}


@dataclass(frozen=True)
class RateLayer(Layer):
    """A figure per 100,000 people, classed by breaks over all periods."""

    def all_rates(self, key: str) -> list[float]:
        """Every state's rate over every period (for the class breaks)."""
        raise NotImplementedError

    def palette(self) -> list[Category]:
        return rate_categories(PLACEHOLDER_BREAKS)


# -- overdose deaths ------------------------------------------------------------------


def overdose_periods(drug: str) -> list[dt.date]:
    """Every 12-month period the newest release has for ``drug``, oldest first
    (the nation's series, ``stats.periods``)."""
    ind = Indicator.objects.filter(slug=drug).first()
    src = stats.default_source(indicator=ind) if ind else None
    us = stats.nation()
    if src is None or us is None:
        return []
    return stats.periods(indicator=ind, source=src, place=us)


def default_period(drug: str) -> dt.date | None:
    """The latest period with values for at least 90% of the states that ever have
    one (the very latest months are often mostly blank for single drugs)."""
    ind = Indicator.objects.filter(slug=drug).first()
    src = stats.default_source(indicator=ind) if ind else None
    if src is None:
        return None
    counts = stats.states_with_values(indicator=ind, source=src)
    if not counts:
        return None
    best = max(counts.values())
    return max(p for p, n in counts.items() if n >= 0.9 * best)


def _not_shown(st: State, o: Observation, src: Source) -> Cell:
    """A suppressed count, or one not shown for low data quality."""
    suppressed = o.status == "suppressed"
    label = _("Suppressed") if suppressed else _("Not shown (low data quality)")
    return Cell(
        st,
        SUPPRESSED if suppressed else NO_DATA,
        label,
        NO_DATA_FILL,
        display=label,
        detail=o.footnote,
        source=src,
    )


def _deaths_detail(o: Observation, period: dt.date, population) -> str:
    text = _("%(deaths)s deaths in the 12 months ending %(month)s") % {
        "deaths": f"{int(o.value):,}",
        "month": month(period),
    }
    if o.predicted is not None and o.predicted != o.value:
        text += " (" + _("predicted %(n)s") % {"n": f"{int(o.predicted):,}"} + ")"
    if population:
        text += "; " + _("population %(year)s") % {"year": population.year}
    return text


@dataclass(frozen=True)
class OverdoseLayer(RateLayer):
    kind: ClassVar[str] = "overdose"
    uses: ClassVar[tuple[str, ...]] = ("drug", "period")

    def all_rates(self, key: str) -> list[float]:
        ind = Indicator.objects.get(slug=key)
        src = stats.default_source(indicator=ind)
        return stats.state_rates(indicator=ind, source=src) if src else []

    def view(self, query: Query, places: list[State]) -> LayerView:
        drug = query.drug or DEFAULT_DRUG
        ind = Indicator.objects.filter(slug=drug).first()
        src = stats.default_source(indicator=ind) if ind else None
        if ind is None or src is None:  # nothing loaded yet
            return LayerView(
                self,
                {st.postal: no_data(st) for st in places},
                self.palette(),
                _(self.name),
                _("No overdose data loaded"),
                [],
                {"drug": drug},
            )
        period = query.period
        if period is None or period not in overdose_periods(drug):
            period = default_period(drug) or dt.date.today()
        cut = breaks(self, drug)
        cats = rate_categories(cut)
        classes = (cats, cut)
        rates = stats.overdose_rates(
            indicator=ind, source=src, period_end=period, places=places
        )
        cells = {}
        for r in rates:
            st, o = r.place, r.observation
            if o is None or (
                o.value is None and o.status == Observation.Status.MISSING
            ):
                cells[st.postal] = no_data(st)
            elif o.value is None:
                cells[st.postal] = _not_shown(st, o, src)
            elif r.rate is None:
                cells[st.postal] = no_data(st, _("No population figure"))
            else:
                flags = [_("provisional")]
                if o.footnote_symbol == "*":
                    flags.append(_("incomplete"))
                detail = _deaths_detail(o, period, r.population)
                cells[st.postal] = rate_cell(
                    st, r.rate, classes, display=per_100k(r.rate, 1), detail=detail
                )
                cells[st.postal].source, cells[st.postal].flags = src, flags
        drug_label = dict(DRUGS).get(drug, ind.name)
        pop_sources = unique_sources(r.population.source for r in rates if r.population)
        return LayerView(
            self,
            cells,
            cats,
            f"{_(self.name)}: {_(drug_label)}",
            _("12 months ending %(month)s · deaths where they occurred (CDC/NCHS VSRR)")
            % {"month": month(period)},
            [src, *pop_sources],
            {"drug": drug, "period": f"{period:%Y-%m}"},
            notes=[
                _("Provisional counts; the latest months are incomplete."),
                _(
                    "VSRR counts deaths in the state where they occurred; CDC WONDER "
                    "final data count them by residence, so totals differ."
                ),
            ],
        )


# -- drug arrests ---------------------------------------------------------------------


@dataclass(frozen=True)
class ArrestLayer(RateLayer):
    kind: ClassVar[str] = "arrests"
    uses: ClassVar[tuple[str, ...]] = ("year",)

    def all_rates(self, key: str) -> list[float]:
        places = list(State.objects.states_and_dc().order_by("name"))
        return [r.rate for r in stats.arrest_rates(places=places) if r.rate is not None]

    def view(self, query: Query, places: list[State]) -> LayerView:
        years = stats.arrest_years()
        year = query.year
        if year not in years:
            year = years[-1] if years else 2016
        cut = breaks(self, "drug-arrests")
        cats = rate_categories(cut)
        classes = (cats, cut)
        cells = {}
        for r in stats.arrest_rates(year=year, places=places):
            st = r.place
            if r.arrests is None or r.rate is None:
                usable = r.arrests is None or r.arrests.status != "not-usable"
                cells[st.postal] = no_data(st, "" if usable else _("Not usable"))
                if r.arrests is not None:
                    cells[st.postal].detail = r.arrests.note
                    cells[st.postal].source = r.arrests.source
                continue
            coverage = f"{r.coverage:.0%}" if r.coverage is not None else _("unknown")
            detail = _(
                "%(arrests)s arrests in %(year)s; %(agencies)s agencies covering "
                "%(coverage)s of residents"
            ) % {
                "arrests": f"{int(r.arrests.value):,}",
                "year": year,
                "agencies": f"{int(r.agencies or 0):,}",
                "coverage": coverage,
            }
            cells[st.postal] = rate_cell(
                st, r.rate, classes, display=per_100k(r.rate, 0), detail=detail
            )
            cells[st.postal].source = r.arrests.source
            cells[st.postal].flags = [_("low coverage")] if r.low_coverage else []
        return LayerView(
            self,
            cells,
            cats,
            f"{_(self.name)}, {year}",
            _("FBI Uniform Crime Reporting: arrests for drug law violations"),
            sources_of(cells.values()),
            {"year": str(year)},
            notes=[
                _(
                    "Counts only agencies that reported all 12 months; states with "
                    "low coverage are flagged."
                ),
                _(
                    "DC’s entries cover transit and federal police only and are not "
                    "usable."
                ),
            ],
        )
