"""/states/, /states/<postal>/ and /compare/: everything about one state, and up to
six states side by side.

Every figure comes from the same selectors the API uses (``stats``, ``policy``,
``layers``), so a number on a page equals the API's number for the same fact.
Everything works without JavaScript: links and GET forms; the charts are SVG built
on the server (``charts.py``)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import cache_control

from pathways.core.models import Source
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.models import PolicyFact
from pathways.policy.topics import TOPICS
from pathways.policy.topics import label as category_label
from pathways.stats import selectors as stats
from pathways.stats.models import Indicator, Observation

from . import charts, layers
from .sentences import sentence

MAX_COMPARE = 6
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
# Law facts whose effective dates become chart markers: the map's topics.
MARKER_TOPICS = (*[t for t, _ in layers.POLICY_LAYERS], "decrim-law-in-effect")
MARKER_LABELS = {
    ("decrim-law-in-effect", "yes"): gettext_noop("Decriminalization law took effect"),
    ("decrim-law-in-effect", "no"): gettext_noop("Decriminalization law ended"),
}
BARE_VALUES = {"yes", "no", "y", "n", "0", "1", "true", "false"}
DECRIM_TOPICS = ("decrim-law-in-effect", "decrim-legislation-introduced")
MISSING = {
    Observation.Status.SUPPRESSED: gettext_noop("Suppressed (fewer than 10 deaths)"),
    Observation.Status.LOW_QUALITY: gettext_noop("Not shown (low data quality)"),
    Observation.Status.MISSING: gettext_noop("No data"),
    Observation.Status.NOT_USABLE: gettext_noop("Not usable"),
    Observation.Status.OK: gettext_noop("Not reported"),
}
CACHE = {"public": True, "max_age": 300}


# -- small helpers --------------------------------------------------------------------


def parse_date(text: str | None) -> tuple[dt.date, str]:
    """The date to show laws for (default today) and an error message for the
    reader when ``text`` is not a real date in YYYY-MM-DD form."""
    today = dt.date.today()
    if text is None or not text.strip():
        return today, ""
    text = text.strip()
    try:
        if not DATE_RE.match(text):
            raise ValueError
        on = dt.date.fromisoformat(text)
    except ValueError:
        return today, _(
            "“%(text)s” is not a date we can read. Enter it as year-month-day, "
            "for example 2021-02-01. Showing today’s laws instead."
        ) % {"text": text[:40]}
    if not EARLIEST <= on <= LATEST:
        return today, _(
            "Choose a date between %(first)s and %(last)s. Showing today’s laws "
            "instead."
        ) % {"first": f"{EARLIEST:%Y}", "last": f"{LATEST:%Y}"}
    return on, ""


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


def _missing_text(o: Observation | None) -> str:
    return _(MISSING.get(o.status, "No data")) if o is not None else _("No data")


def _by_code(code: str) -> State | None:
    code = code.strip()
    if not code or len(code) > 7:
        return None
    try:
        st = State.objects.by_code(code)
    except (State.DoesNotExist, ValueError):
        return None
    return st if st.is_state_or_dc else None


# -- overdose figures -----------------------------------------------------------------


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
            missing = _missing_text(o)
            if o.value is not None and rate is None:
                missing = _("No population figure")
            out.append(charts.Point(o.period_end, rate, missing))
        return tuple(out)

    def population_sources(self) -> list[Source]:
        seen: dict[int, Source] = {}
        for p in self.pops.values():
            seen.setdefault(p.source.pk, p.source)
        return sorted(seen.values(), key=lambda s: s.slug)


def overdose_data(places: list[State], drugs: list[str]) -> OverdoseData:
    inds = {i.slug: i for i in Indicator.objects.filter(slug__in=drugs)}
    srcs: dict[str, Source] = {}
    for slug in drugs:
        if slug in inds:
            src = stats.default_source(indicator=inds[slug])
            if src is not None:
                srcs[slug] = src
    series: dict[tuple[int, str], list[Observation]] = {}
    if srcs:
        pairs = Q()
        for slug, src in srcs.items():
            pairs |= Q(indicator=inds[slug], source=src)
        by_id = {i.pk: slug for slug, i in inds.items()}
        for o in (
            Observation.objects.filter(pairs, place__in=places)
            .only(
                "indicator_id",
                "place_id",
                "source_id",
                "period_start",
                "period_end",
                "value",
                "predicted",
                "status",
                "footnote",
                "footnote_symbol",
                "note",
            )
            .order_by("period_end")
        ):
            series.setdefault((o.place_id, by_id[o.indicator_id]), []).append(o)
    return OverdoseData(inds, srcs, series, stats.populations(places=places))


def _us() -> State | None:
    return State.objects.filter(postal="US").first()


# -- one state ------------------------------------------------------------------------


@dataclass
class LawRow:
    spec: layers.LayerSpec
    cell: layers.Cell
    fact: PolicyFact | None
    sentence: str
    effective: str
    end: str
    alternatives: list[dict] = field(default_factory=list)
    also: list[dict] = field(default_factory=list)

    @property
    def citation(self) -> str:
        """The citation, unless it only says there is none."""
        if self.fact is None or not policy.has_citation(self.fact.citation):
            return ""
        return self.fact.citation

    @property
    def source_says(self) -> str:
        """The source's own wording, when it says more than the category."""
        if self.fact is None:
            return ""
        v = " ".join(self.fact.value.split())
        if v.lower() in BARE_VALUES or v.lower() == self.cell.display.lower():
            return ""
        return v


def _alt(f: PolicyFact) -> dict:
    return {
        "value": f.value,
        "label": _(category_label(f.topic.slug, f.category) or f.value),
        "effective": when_text(f),
        "as_of": f.as_of,
        "citation": f.citation if policy.has_citation(f.citation) else "",
        "source": f.source,
    }


def law_rows(st: State, on: dt.date) -> list[LawRow]:
    facts = {x.topic.slug: x for x in policy.facts_on(on=on, state=st)}
    rows = []
    for spec in layers.LAYERS:
        if spec.kind not in ("policy", "decrim"):
            continue
        cell = layers.render(spec, on=on, places=[st]).cells[st.postal]
        also: list[dict] = []
        if spec.kind == "decrim":
            topic = (
                DECRIM_TOPICS[0] if cell.category == "in-effect" else DECRIM_TOPICS[1]
            )
            x = facts.get(topic) if cell.has_data else None
            for other in ("decrim-law-in-effect", "decrim-law-repealed"):
                y = facts.get(other)
                if y is not None and other != topic:
                    also.append({"topic": _(TOPICS[other].name), **_alt(y.fact)})
        else:
            x = facts.get(spec.topic) if cell.has_data else None
        f = x.fact if x else None
        rows.append(
            LawRow(
                spec=spec,
                cell=cell,
                fact=f,
                sentence=sentence(spec.slug, cell.category),
                effective=when_text(f) if f else "",
                end=date_format(f.end_date, "DATE_FORMAT") if f and f.end_date else "",
                alternatives=[_alt(a) for a in x.alternatives] if x else [],
                also=also,
            )
        )
    return rows


def law_events(st: State) -> list[charts.LawEvent]:
    events = []
    for topic in MARKER_TOPICS:
        for f in policy.fact_history(state=st, topic=topic):
            if f.effective_date is None:
                continue
            marker = MARKER_LABELS.get((topic, f.category))
            label = (
                _(marker)
                if marker
                else f"{_(TOPICS[topic].name)}: "
                f"{_(category_label(topic, f.category) or f.value)}"
            )
            events.append(charts.LawEvent(f.effective_date, label, when_text(f)))
    return events


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
            missing=_missing_text(o),
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


def _summary(st, laws, od_rows, arrests) -> dict:
    by_slug = {r.spec.slug: r for r in laws}
    all_drugs = next((r for r in od_rows if r.drug == "drug-overdose-deaths"), None)
    latest_arrest = arrests[-1] if arrests else None
    return {
        "possession": by_slug.get("possession-class"),
        "decrim": by_slug.get("decriminalization"),
        "overdose": all_drugs,
        "arrest": latest_arrest,
    }


def _sources(*groups) -> list[Source]:
    seen: dict[int, Source] = {}
    for group in groups:
        for s in group:
            if s is not None:
                seen.setdefault(s.pk, s)
    return list(seen.values())


@cache_control(**CACHE)
def state_index(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("state", "")
    error = ""
    if code:
        st = _by_code(code)
        if st is not None:
            return redirect("maps:state-detail", postal=st.postal)
        error = _("There is no state or district with the code “%(code)s”.") % {
            "code": code[:20]
        }
    return render(
        request,
        "maps/state_index.html",
        {"states": layers.states(), "error": error, "code": code[:20]},
        status=200,
    )


@cache_control(**CACHE)
def state_detail(request: HttpRequest, postal: str) -> HttpResponse:
    st = _by_code(postal) if postal.isalpha() else None
    if st is None:
        raise Http404(f"No state {postal!r}")
    if postal != st.postal:
        url = reverse("maps:state-detail", kwargs={"postal": st.postal})
        query = request.GET.urlencode()
        return redirect(f"{url}?{query}" if query else url, permanent=True)
    on, date_error = parse_date(request.GET.get("date"))
    laws = law_rows(st, on)
    us = _us()
    places = [st, us] if us else [st]
    data = overdose_data(places, [d for d, _ in layers.DRUGS])
    od_rows = overdose_rows(st, data)
    arrest_rates = stats.arrest_rates(places=[st])
    arrests = [ArrestRow(r) for r in arrest_rates]
    chart = overdose_chart(
        [st],
        data,
        drugs=CHART_DRUGS,
        chart_id="overdose-chart",
        title=_(
            "Overdose deaths per 100,000 residents in %(place)s by drug, 12 months "
            "ending each month, with the U.S. rate for all drugs"
        )
        % {"place": st.name},
        events=law_events(st),
        us=us,
    )
    od_sources = _sources(
        [data.sources.get(d) for d, _ in layers.DRUGS], data.population_sources()
    )
    arrest_sources = _sources(
        [r.arrests.source for r in arrest_rates if r.arrests],
        [r.census_population.source for r in arrest_rates if r.census_population],
    )
    api = f"/api/v1/states/{st.postal}"
    downloads = {
        "facts_csv": f"{api}/facts?{urlencode({'date': on.isoformat(), 'format': 'csv'})}",
        "facts_json": f"{api}/facts?{urlencode({'date': on.isoformat()})}",
        "overdose": [
            (
                _(label),
                f"{api}/overdose?{urlencode({'indicator': drug, 'format': 'csv'})}",
                f"{api}/overdose?{urlencode({'indicator': drug})}",
            )
            for drug, label in layers.DRUGS
            if drug in data.sources
        ],
        "arrests_csv": f"{api}/arrests?format=csv",
        "arrests_json": f"{api}/arrests",
    }
    return render(
        request,
        "maps/state_detail.html",
        {
            "state": st,
            "on": on,
            "today": dt.date.today(),
            "date_value": request.GET.get("date", "")[:40]
            if date_error
            else (on.isoformat() if request.GET.get("date") else ""),
            "date_error": date_error,
            "laws": laws,
            "od_rows": od_rows,
            "arrests": arrests,
            "summary": _summary(st, laws, od_rows, arrests),
            "chart": chart,
            "od_sources": od_sources,
            "arrest_sources": arrest_sources,
            "law_sources": _sources(
                [r.fact.source for r in laws if r.fact],
                [a["source"] for r in laws for a in r.alternatives],
            ),
            "downloads": downloads,
            "compare_url": f"{reverse('maps:compare')}?states={st.postal}",
        },
    )


# -- comparison -----------------------------------------------------------------------


def parse_states(values: list[str]) -> tuple[list[State], list[str]]:
    """States named in ``states`` parameters (repeated, or comma-separated), in the
    order given, without repeats; and the codes that name no state or DC."""
    found: list[State] = []
    unknown: list[str] = []
    codes = [c.strip() for v in values for c in v.split(",") if c.strip()]
    by_postal = {s.postal: s for s in layers.states()}
    for code in codes[:60]:
        st = by_postal.get(code.upper())
        if st is None:
            if code[:20] not in unknown:
                unknown.append(code[:20])
        elif st not in found:
            found.append(st)
    if len(codes) > 60:
        unknown.append("…")
    return found, unknown


@dataclass
class CompareRow:
    spec: layers.LayerSpec
    subtitle: str
    cells: list[tuple[layers.Cell, str]]  # with the plain-language sentence
    sources: list[Source]


def _render(spec: layers.LayerSpec, on: dt.date, places: list[State]):
    """``layers.render``; a figure layer whose indicator was never loaded (an
    empty database) shows "No data" instead of failing."""
    try:
        return layers.render(spec, on=on, places=places)
    except Indicator.DoesNotExist:
        cells = {
            st.postal: layers.Cell(
                st,
                layers.NO_DATA,
                _("No data"),
                layers.NO_DATA_FILL,
                display=_("No data"),
            )
            for st in places
        }
        return layers.LayerView(
            spec, cells, [], _(spec.name), _("No data loaded"), [], {}
        )


@cache_control(**CACHE)
def compare(request: HttpRequest) -> HttpResponse:
    chosen, unknown = parse_states(request.GET.getlist("states"))
    on, date_error = parse_date(request.GET.get("date"))
    errors = []
    if unknown:
        errors.append(
            _("These codes are not a U.S. state or DC: %(codes)s.")
            % {"codes": ", ".join(unknown)}
        )
    if date_error:
        errors.append(date_error)
    too_many = len(chosen) > MAX_COMPARE
    if too_many:
        errors.append(
            _(
                "You chose %(n)s states. Compare up to %(max)s at a time: untick some "
                "and press Compare again."
            )
            % {"n": len(chosen), "max": MAX_COMPARE}
        )
    rows: list[CompareRow] = []
    chart = None
    chart_sources: list[Source] = []
    if chosen and not too_many:
        for spec in layers.LAYERS:
            view = _render(spec, on, chosen)
            cells = [
                (
                    view.cells[st.postal],
                    sentence(spec.slug, view.cells[st.postal].category)
                    if spec.kind in ("policy", "decrim")
                    else "",
                )
                for st in chosen
            ]
            rows.append(CompareRow(spec, view.subtitle, cells, view.sources))
        us = _us()
        data = overdose_data([*chosen, us] if us else chosen, ["drug-overdose-deaths"])
        chart_sources = [*data.sources.values(), *data.population_sources()]
        chart = overdose_chart(
            chosen,
            data,
            drugs=("drug-overdose-deaths",),
            chart_id="compare-chart",
            title=_(
                "Overdose deaths per 100,000 residents, all drugs, 12 months ending "
                "each month: %(places)s and the U.S."
            )
            % {"places": ", ".join(s.name for s in chosen)},
            us=us,
        )
    return render(
        request,
        "maps/compare.html",
        {
            "all_states": layers.states(),
            "chosen": chosen,
            "chosen_postals": {s.postal for s in chosen},
            "errors": errors,
            "rows": rows,
            "chart": chart,
            "on": on,
            "date_value": on.isoformat()
            if request.GET.get("date") and not date_error
            else "",
            "max_compare": MAX_COMPARE,
            "sources": _sources(*[r.sources for r in rows], chart_sources),
        },
    )
