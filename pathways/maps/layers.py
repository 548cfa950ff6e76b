"""Map layers: what the choropleth, the state pages, comparisons and downloads show.

A layer turns stored facts or figures into one cell per state (category, colour,
label, value, source) for a date or period. Policy layers read law facts in effect
on a date; rate layers compute per-100,000 rates for a 12-month period (overdose,
VSRR) or a year (arrests, FBI). Missing stays "no data"; suppressed stays
"suppressed"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.topics import TOPICS
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator, Observation

NO_DATA = "no-data"
SUPPRESSED = "suppressed"
# Greyscale-safe: within a layer, lightness rises with the order of the classes.
# (ColorBrewer YlGnBu, colour-blind safe; each fill takes white or dark text at
# 4.5:1 or more, see tests/test_map_page.py.)
SEQ4 = ("#ffffcc", "#a1dab4", "#41b6c4", "#253494")
SEQ5 = ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8", "#253494")
# yes darkest, partial mid, unclear light grey, no lightest: apart in greyscale too.
YES_NO = {"yes": "#253494", "partial": "#41b6c4", "no": "#f7fcb9", "unclear": "#bdbdbd"}
NO_DATA_FILL = "url(#no-data)"  # white with grey hatching, defined in the SVG


@dataclass(frozen=True)
class Category:
    slug: str
    label: str
    color: str


@dataclass
class Cell:
    state: State
    category: str  # a Category slug, NO_DATA or SUPPRESSED
    label: str  # the category label, or "No data" / "Suppressed"
    color: str
    value: float | None = None  # rate layers
    display: str = ""  # what a reader sees: "Misdemeanor", "44.2 per 100,000"
    detail: str = ""  # as of, effective date, coverage, footnote
    source: Source | None = None
    confidence: str = ""
    date_known: bool = True
    conflicts: int = 0
    flags: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.category not in (NO_DATA, SUPPRESSED)


@dataclass(frozen=True)
class LayerSpec:
    slug: str
    name: str
    group: str
    kind: str  # "policy", "decrim", "overdose", "arrests"
    description: str
    topic: str = ""
    legend_note: str = ""


@dataclass
class LayerView:
    spec: LayerSpec
    cells: dict[str, Cell]  # by postal code, 50 states + DC in name order
    categories: list[Category]
    title: str
    subtitle: str
    sources: list[Source]
    params: dict[str, str]
    notes: list[str] = field(default_factory=list)

    def legend(self) -> list[tuple[Category, int]]:
        counts: dict[str, int] = {}
        for cell in self.cells.values():
            counts[cell.category] = counts.get(cell.category, 0) + 1
        items = [(c, counts.get(c.slug, 0)) for c in self.categories]
        if counts.get(SUPPRESSED):
            items.append(
                (
                    Category(SUPPRESSED, _("Suppressed (fewer than 10)"), NO_DATA_FILL),
                    counts[SUPPRESSED],
                )
            )
        items.append(
            (Category(NO_DATA, _("No data"), NO_DATA_FILL), counts.get(NO_DATA, 0))
        )
        return items


POLICY_LAYERS = [
    ("possession-class", "criminalization"),
    ("paraphernalia-class", "criminalization"),
    ("good-samaritan-law", "harm-reduction"),
    ("good-samaritan-arrest-protection", "harm-reduction"),
    ("naloxone-access-law", "harm-reduction"),
    ("naloxone-standing-order", "harm-reduction"),
    ("naloxone-pharmacist-prescribing", "harm-reduction"),
    ("ssp-legal-category", "harm-reduction"),
    ("fentanyl-test-strips-legal", "harm-reduction"),
    ("opc-authorization", "harm-reduction"),
    ("cannabis-status", "cannabis"),
    ("medicaid-expansion-status", "health-coverage"),
]

DRUGS = [
    ("drug-overdose-deaths", gettext_noop("All drugs")),
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


def _specs() -> list[LayerSpec]:
    out = [
        LayerSpec(
            "overdose-rate",
            gettext_noop("Overdose death rate"),
            "health",
            "overdose",
            gettext_noop(
                "Drug overdose deaths in the 12 months ending with the chosen month, "
                "per 100,000 residents. Counts are provisional (CDC/NCHS VSRR) and by "
                "the state where the death occurred."
            ),
            legend_note=gettext_noop("Deaths per 100,000 residents, 12 months ending"),
        ),
        LayerSpec(
            "arrest-rate",
            gettext_noop("Drug arrest rate"),
            "criminalization",
            "arrests",
            gettext_noop(
                "Arrests for drug law violations (possession and sale together) per "
                "100,000 people served by the police agencies that reported to the FBI."
            ),
            legend_note=gettext_noop(
                "Arrests per 100,000 people covered by reporting agencies"
            ),
        ),
        LayerSpec(
            "decriminalization",
            gettext_noop("Decriminalization"),
            "criminalization",
            "decrim",
            gettext_noop(
                "Whether the state has a law in effect that removes criminal penalties "
                "for possessing drugs for personal use, or a bill to do so was "
                "introduced."
            ),
        ),
    ]
    for topic, group in POLICY_LAYERS:
        t = TOPICS[topic]
        out.append(
            LayerSpec(topic, t.name, group, "policy", t.description, topic=topic)
        )
    order = ["possession-class", "paraphernalia-class", "decriminalization"]
    out.sort(
        key=lambda s: (
            s.slug not in order,
            order.index(s.slug) if s.slug in order else 0,
        )
    )
    return out


LAYERS: list[LayerSpec] = _specs()
BY_SLUG = {s.slug: s for s in LAYERS}
DEFAULT_LAYER = "possession-class"


def get(slug: str) -> LayerSpec | None:
    return BY_SLUG.get(slug)


def states() -> list[State]:
    return list(State.objects.states_and_dc().order_by("name"))


def _categories(topic: str) -> list[Category]:
    cats = TOPICS[topic].categories
    ordered = topic in ("possession-class", "paraphernalia-class")
    out = []
    for i, (slug, label) in enumerate(cats):
        if ordered:
            color = SEQ4[i]
        elif slug in YES_NO:
            color = YES_NO[slug]
        else:  # three unordered-but-ranked classes: dark, mid, light
            color = ("#253494", "#41b6c4", "#a1dab4", "#ffffcc")[min(i, 3)]
        out.append(Category(slug, _(label), color))
    return out


def _no_data(st: State, label: str = "") -> Cell:
    label = label or _("No data")
    return Cell(st, NO_DATA, label, NO_DATA_FILL, display=label)


def _day(d: dt.date) -> str:
    """ "March 5, 2024" / "5 de marzo de 2024"."""
    return date_format(d, "DATE_FORMAT")


def _month(d: dt.date) -> str:
    """ "March 2024" / "marzo de 2024"."""
    return date_format(d, "YEAR_MONTH_FORMAT")


def _when(f) -> str:
    """When a fact took effect, or how old its source is, in plain words."""
    if f.effective_date:
        fmt = {"day": "DATE_FORMAT", "month": "YEAR_MONTH_FORMAT"}.get(
            f.effective_precision, "Y"
        )
        return _("in effect since %(date)s") % {
            "date": date_format(f.effective_date, fmt)
        }
    if f.as_of and not f.as_of.lower().startswith("undated"):
        return _("source dated %(date)s; effective date unknown") % {"date": f.as_of}
    return _("source undated; effective date unknown")


def _english_label(topic: str, cat: Category) -> str:
    return dict(TOPICS[topic].categories).get(cat.slug, "").lower()


def _fact_cell(st: State, cat: Category, x, detail: str) -> Cell:
    """A map cell for the law fact ``x`` (a ``policy.FactOnDate``) in class ``cat``."""
    return Cell(
        st,
        cat.slug,
        cat.label,
        cat.color,
        display=cat.label,
        detail=detail,
        source=x.fact.source,
        confidence=x.fact.confidence,
        date_known=x.date_known,
        conflicts=len(x.alternatives),
    )


def _policy(spec: LayerSpec, on: dt.date, places: list[State]) -> LayerView:
    cats = _categories(spec.topic)
    by_slug = {c.slug: c for c in cats}
    found = {x.state.postal: x for x in policy.facts_on(on=on, topic=spec.topic)}
    cells: dict[str, Cell] = {}
    for st in places:
        x = found.get(st.postal)
        cat = by_slug.get(x.category) if x else None
        if x is None or cat is None:
            cells[st.postal] = _no_data(st)
            continue
        f = x.fact
        when = _when(f)
        same = f.value.lower() in (cat.label.lower(), _english_label(spec.topic, cat))
        detail = when if same else f"{f.value} ({when})"
        cells[st.postal] = _fact_cell(st, cat, x, detail)
    return LayerView(
        spec,
        cells,
        cats,
        _(spec.name),
        _("Law as recorded for %(date)s") % {"date": _day(on)},
        _sources(cells.values()),
        {"date": on.isoformat()},
    )


def _decrim(spec: LayerSpec, on: dt.date, places: list[State]) -> LayerView:
    cats = [
        Category("in-effect", _("Law in effect"), SEQ4[3]),
        Category("introduced", _("Bill introduced"), SEQ4[1]),
        Category("none", _("No bill found"), SEQ4[0]),
    ]
    in_effect = {
        x.state.postal: x for x in policy.facts_on(on=on, topic="decrim-law-in-effect")
    }
    introduced = {
        x.state.postal: x
        for x in policy.facts_on(on=on, topic="decrim-legislation-introduced")
    }
    cells = {}
    for st in places:
        law, bill = in_effect.get(st.postal), introduced.get(st.postal)
        if law and law.category == "yes":
            cat, x = cats[0], law
        elif bill and bill.category == "yes":
            cat, x = cats[1], bill
        elif bill and bill.category == "no":
            cat, x = cats[2], bill
        else:
            cells[st.postal] = _no_data(st)
            continue
        cells[st.postal] = _fact_cell(st, cat, x, f"{x.fact.value} ({_when(x.fact)})")
    return LayerView(
        spec,
        cells,
        cats,
        _(spec.name),
        _("As recorded for %(date)s") % {"date": _day(on)},
        _sources(cells.values()),
        {"date": on.isoformat()},
        notes=[
            _("Most ‘no bill found’ entries cover January 2021 to August 2022 only."),
        ],
    )


def _breaks(kind: str, key: str, version: str) -> tuple[float, ...]:
    """Class breaks, kept in Django's cache (per data version) and in memory."""
    from django.core.cache import cache

    ck = f"map-breaks:{kind}:{key}:{version}"
    found = cache.get(ck)
    if found is None:
        found = _compute_breaks(kind, key, version)
        cache.set(ck, found, timeout=None)
    return tuple(found)


@lru_cache(maxsize=64)
def _compute_breaks(kind: str, key: str, version: str) -> tuple[float, ...]:
    """Four class breaks from the quintiles of every state's rate over every
    period, rounded, so colours mean the same across periods."""
    values: list[float] = []
    if kind == "overdose":
        ind = Indicator.objects.get(slug=key)
        src = stats.default_source(indicator=ind)
        pops = stats.populations()
        for o in Observation.objects.filter(
            indicator=ind,
            source=src,
            place__kind__in=["state", "district"],
            value__isnull=False,
        ).only("place_id", "value", "period_end"):
            pop = stats.population_for(pops, o.place_id, o.period_end.year)
            if pop:
                values.append(o.value / pop.value * 100_000)
    else:
        for r in stats.arrest_rates(places=states()):
            if r.rate is not None:
                values.append(r.rate)
    if not values:
        return (1.0, 2.0, 3.0, 4.0)
    values.sort()
    out = []
    for q in (0.2, 0.4, 0.6, 0.8):
        v = values[int(q * (len(values) - 1))]
        step = 1 if v < 20 else 5 if v < 100 else 50
        out.append(round(v / step) * step or step)
    return tuple(sorted(set(out)))


def _data_version() -> str:
    """Changes whenever an ingest loads something (cache key for class breaks)."""
    from django.db.models import Count, Max

    from pathways.ingest.models import ImportRun

    agg = ImportRun.objects.filter(status="ok").aggregate(
        n=Count("id"), t=Max("started_at")
    )
    stamp = agg["t"].strftime("%Y%m%d%H%M%S%f") if agg["t"] else "0"
    return f"{agg['n']}-{stamp}-{Observation.objects.count()}"


def _binned(value: float, breaks: tuple[float, ...], unit: str) -> Category:
    cats = _rate_categories(breaks, unit)
    for cat, upper in zip(cats, [*breaks, float("inf")], strict=False):
        if value < upper:
            return cat
    return cats[-1]


def _rate_categories(breaks: tuple[float, ...], unit: str) -> list[Category]:
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


def overdose_periods(drug: str) -> list[dt.date]:
    """Every 12-month period the newest release has for ``drug``, oldest first."""
    ind = Indicator.objects.filter(slug=drug).first()
    if ind is None:
        return []
    src = stats.default_source(indicator=ind)
    return list(
        Observation.objects.filter(indicator=ind, source=src, place__postal="US")
        .order_by("period_end")
        .values_list("period_end", flat=True)
    )


def default_period(drug: str) -> dt.date | None:
    """The latest period with values for at least 90% of the states that ever have
    one (the very latest months are often mostly blank for single drugs)."""
    from django.db.models import Count

    ind = Indicator.objects.filter(slug=drug).first()
    if ind is None:
        return None
    src = stats.default_source(indicator=ind)
    counts = dict(
        Observation.objects.filter(
            indicator=ind,
            source=src,
            value__isnull=False,
            place__kind__in=["state", "district"],
        )
        .values_list("period_end")
        .annotate(n=Count("id"))
    )
    if not counts:
        return None
    best = max(counts.values())
    return max(p for p, n in counts.items() if n >= 0.9 * best)


def _overdose(
    spec: LayerSpec, drug: str, period: dt.date | None, places: list[State]
) -> LayerView:
    ind = Indicator.objects.filter(slug=drug).first()
    src = stats.default_source(indicator=ind) if ind else None
    if ind is None or src is None:  # nothing loaded yet
        cats = _rate_categories((1.0, 2.0, 3.0, 4.0), "")
        return LayerView(
            spec,
            {st.postal: _no_data(st) for st in places},
            cats,
            _(spec.name),
            _("No overdose data loaded"),
            [],
            {"drug": drug},
        )
    periods = overdose_periods(drug)
    if period is None or period not in periods:
        period = default_period(drug) or dt.date.today()
    breaks = _breaks("overdose", drug, _data_version())
    cats = _rate_categories(breaks, "per 100,000")
    rates = stats.overdose_rates(
        indicator=ind, source=src, period_end=period, places=places
    )
    cells = {}
    for r in rates:
        st, o = r.place, r.observation
        if o is None or (o.value is None and o.status == Observation.Status.MISSING):
            cells[st.postal] = _no_data(st)
            continue
        if o.value is None:
            label = (
                _("Suppressed")
                if o.status == "suppressed"
                else _("Not shown (low data quality)")
            )
            cells[st.postal] = Cell(
                st,
                SUPPRESSED if o.status == "suppressed" else NO_DATA,
                label,
                NO_DATA_FILL,
                display=label,
                detail=o.footnote,
                source=src,
            )
            continue
        if r.rate is None:
            cells[st.postal] = _no_data(st, _("No population figure"))
            continue
        cat = _binned(r.rate, breaks, "")
        flags = [_("provisional")] + (
            [_("incomplete")] if o.footnote_symbol == "*" else []
        )
        cells[st.postal] = Cell(
            st,
            cat.slug,
            cat.label,
            cat.color,
            value=r.rate,
            display=_("%(rate)s per 100,000") % {"rate": f"{r.rate:,.1f}"},
            detail=_("%(deaths)s deaths in the 12 months ending %(month)s")
            % {"deaths": f"{int(o.value):,}", "month": _month(period)}
            + (
                " (" + _("predicted %(n)s") % {"n": f"{int(o.predicted):,}"} + ")"
                if o.predicted is not None and o.predicted != o.value
                else ""
            )
            + (
                "; " + _("population %(year)s") % {"year": r.population.year}
                if r.population
                else ""
            ),
            source=src,
            flags=flags,
        )
    drug_label = dict(DRUGS).get(drug, ind.name)
    pop_sources = {
        r.population.source.pk: r.population.source for r in rates if r.population
    }
    return LayerView(
        spec,
        cells,
        cats,
        f"{_(spec.name)}: {_(drug_label)}",
        _("12 months ending %(month)s · deaths where they occurred (CDC/NCHS VSRR)")
        % {"month": _month(period)},
        [src, *pop_sources.values()],
        {"drug": drug, "period": f"{period:%Y-%m}"},
        notes=[
            _("Provisional counts; the latest months are incomplete."),
            _(
                "VSRR counts deaths in the state where they occurred; CDC WONDER "
                "final data count them by residence, so totals differ."
            ),
        ],
    )


def _arrests(spec: LayerSpec, year: int | None, places: list[State]) -> LayerView:
    years = stats.arrest_years()
    if year not in years:
        year = years[-1] if years else 2016
    breaks = _breaks("arrests", "drug-arrests", _data_version())
    cats = _rate_categories(breaks, "")
    cells = {}
    for r in stats.arrest_rates(year=year, places=places):
        st = r.place
        if r.arrests is None or r.rate is None:
            label = (
                _("Not usable")
                if r.arrests is not None and r.arrests.status == "not-usable"
                else _("No data")
            )
            cells[st.postal] = _no_data(st, label)
            if r.arrests is not None:
                cells[st.postal].detail = r.arrests.note
                cells[st.postal].source = r.arrests.source
            continue
        cat = _binned(r.rate, breaks, "")
        flags = [_("low coverage")] if r.low_coverage else []
        coverage = f"{r.coverage:.0%}" if r.coverage is not None else _("unknown")
        cells[st.postal] = Cell(
            st,
            cat.slug,
            cat.label,
            cat.color,
            value=r.rate,
            display=_("%(rate)s per 100,000") % {"rate": f"{r.rate:,.0f}"},
            detail=_(
                "%(arrests)s arrests in %(year)s; %(agencies)s agencies covering "
                "%(coverage)s of residents"
            )
            % {
                "arrests": f"{int(r.arrests.value):,}",
                "year": year,
                "agencies": f"{int(r.agencies or 0):,}",
                "coverage": coverage,
            },
            source=r.arrests.source,
            flags=flags,
        )
    return LayerView(
        spec,
        cells,
        cats,
        f"{_(spec.name)}, {year}",
        _("FBI Uniform Crime Reporting: arrests for drug law violations"),
        _sources(cells.values()),
        {"year": str(year)},
        notes=[
            _(
                "Counts only agencies that reported all 12 months; states with low "
                "coverage are flagged."
            ),
            _("DC’s entries cover transit and federal police only and are not usable."),
        ],
    )


def _sources(cells) -> list[Source]:
    seen: dict[int, Source] = {}
    for c in cells:
        if c.source is not None:
            seen.setdefault(c.source.pk, c.source)
    return list(seen.values())


def render(
    spec: LayerSpec,
    *,
    on: dt.date | None = None,
    drug: str | None = None,
    period: dt.date | None = None,
    year: int | None = None,
    places: list[State] | None = None,
) -> LayerView:
    """One layer for the 50 states and DC (or ``places``)."""
    places = places if places is not None else states()
    on = on or dt.date.today()
    if spec.kind == "policy":
        return _policy(spec, on, places)
    if spec.kind == "decrim":
        return _decrim(spec, on, places)
    if spec.kind == "overdose":
        return _overdose(spec, drug or "drug-overdose-deaths", period, places)
    return _arrests(spec, year, places)
