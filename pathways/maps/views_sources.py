"""/sources/: sources and disclaimer, generated from the stored provenance.

Everything on the page comes from the database: the ``core.Source`` rows (publisher,
dataset, official page, vintage, as-of date, licence, notes), the observations each
source holds (period covered, number of values, values not published), the last
``ingest.ImportRun`` of its file, the gaps of every map layer (rendered with
``layers.render`` exactly as the map renders it), arrest coverage
(``stats.arrest_rates``) and the law facts' confidence and conflicts
(``policy.facts_on``). No number is typed into the template.

The expensive part (about 50 queries, ~0.3 s on the real data) is cached with
Django's cache, keyed by the newest successful ImportRun, the newest law-fact edit
in the admin (its history row) and today's date (law facts in effect change with
the date). A cached page costs two queries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from pathways.core.models import Source
from pathways.ingest import registry
from pathways.ingest.models import ImportRun
from pathways.places.models import State
from pathways.policy import selectors as policy
from pathways.policy.models import PolicyFact
from pathways.stats import selectors as stats
from pathways.stats.models import Observation

from . import layers

CACHE_SECONDS = 600
CACHE_VERSION = 1
REPORT_EMAIL = "data@pathways.example"

# Headings for the groups of datasets, by the topic of the figures they publish.
TOPIC_TITLES = {
    "overdose": gettext_noop("Overdose deaths"),
    "population": gettext_noop("Population"),
    "arrests": gettext_noop("Drug arrests"),
    "treatment": gettext_noop("Treatment and naloxone"),
}
# PolicyFact.Confidence labels (policy/models.py keeps them in English).
CONFIDENCE_LABELS = (
    gettext_noop("High"),
    gettext_noop("Medium"),
    gettext_noop("Low"),
    gettext_noop("Not rated (bulk dataset)"),
)
TOPIC_ORDER = ["overdose", "population", "arrests", "treatment"]
REFERENCE = "reference"
LAW = "law"

CONFIDENCE_HELP = {
    "high": gettext_noop(
        "The statute, the bill page or a dated news report states the fact directly."
    ),
    "medium": gettext_noop(
        "The fact comes from a date window in a secondary source, from an indirect "
        "statement, or the bill number is missing."
    ),
    "low": gettext_noop(
        "The only source is an advocacy claim, sources conflict, or the fact is an "
        "inference. Treat it with care."
    ),
    "": gettext_noop(
        "Bulk research datasets (such as OPTIC data in the Opioid Environment "
        "Policy Scan, or KFF) are not rated row by row; they rank with “medium”."
    ),
}
CONFIDENCE_ORDER = ["high", "medium", "low", ""]


# --- plain data the template reads (picklable, so it can be cached) -------------


@dataclass
class RunInfo:
    loaded: dt.datetime
    checksum: str
    file: str
    files: int = 1
    checked: dt.datetime | None = None  # a later run that found the file unchanged


@dataclass
class Dataset:
    slug: str
    publisher: str
    dataset: str
    kind: str
    page_url: str
    download_url: str
    vintage: str
    as_of: dt.date | None
    license: str
    notes: str
    periods: list[str] = field(default_factory=list)
    values: int = 0
    unpublished: list[tuple[str, int]] = field(default_factory=list)
    run: RunInfo | None = None
    heading: str = ""
    pk: int = 0


@dataclass
class Group:
    slug: str
    title: str
    datasets: list[Dataset]


@dataclass
class LawSource:
    publisher: str
    dataset: str
    url: str
    vintage: str
    kind: str
    facts: int


@dataclass
class LawGroup:
    sources: list[LawSource]
    main: list[LawSource]
    official: int
    secondary: int
    facts: int
    undated: int
    first_as_of: dt.date | None
    last_as_of: dt.date | None
    licenses: list[str]
    run: RunInfo | None
    official_publishers: list[str] = field(default_factory=list)


@dataclass
class LayerGap:
    slug: str
    name: str
    shown_for: str
    url: str
    total: int
    gaps: list[tuple[str, list[str]]]  # (label, state names)

    @property
    def missing(self) -> int:
        return sum(len(names) for _, names in self.gaps)


@dataclass
class SeriesGap:
    name: str
    source: str
    periods: int
    period_label: str
    states: list[tuple[str, int]]  # (state name, periods without a value)
    statuses: list[tuple[str, int]]  # (status label, state-periods)


@dataclass
class ArrestYear:
    year: int
    no_data: list[str]
    not_usable: list[str]
    low: list[tuple[str, str]]  # (state name, coverage "22%")


@dataclass
class Conflict:
    state: str
    topic: str
    chosen: str
    chosen_source: str
    others: list[tuple[str, str]]  # (value, source)


@dataclass
class PopulationUse:
    vintage: str
    first: int
    last: int


# --- helpers -------------------------------------------------------------------


def _month(d: dt.date) -> str:
    return f"{d:%b %Y}"


def _period_label(period_type: str, first: dt.date, last: dt.date) -> str:
    if period_type == Observation.Period.TWELVE_MONTHS:
        return f"12-month periods ending {_month(first)} to {_month(last)}"
    if period_type == Observation.Period.MONTH:
        return f"months {_month(first)} to {_month(last)}"
    if period_type == Observation.Period.YEAR:
        return (
            f"year {first.year}"
            if first.year == last.year
            else f"years {first.year} to {last.year}"
        )
    return f"{first:%b %-d, %Y} to {last:%b %-d, %Y}"


_TOKEN = re.compile(r"[a-z]+|\d+")


def _tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(text.lower()))


@dataclass
class _FileRuns:
    ingest: str
    path: str
    last_ok: ImportRun | None
    last_seen: dt.datetime | None


def _file_runs() -> list[_FileRuns]:
    """The newest successful load of every file, and when the file was last
    checked (one query, one row per file however many times the ingest ran)."""
    ok = ImportRun.Status.OK
    newest_ok = (
        ImportRun.objects.filter(status=ok)
        .values("source_slug", "path")
        .annotate(last=Max("pk"))
        .values("last")
    )
    last_seen = (
        ImportRun.objects.filter(
            source_slug=OuterRef("source_slug"),
            path=OuterRef("path"),
            status__in=[ok, ImportRun.Status.SKIPPED],
        )
        .order_by("-started_at")
        .values("started_at")[:1]
    )
    return [
        _FileRuns(r.source_slug, r.path, r, r.seen)
        for r in ImportRun.objects.filter(pk__in=Subquery(newest_ok)).annotate(
            seen=Subquery(last_seen)
        )
    ]


def _ingest_slugs_by_doc() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for slug, module in registry.sources().items():
        out[getattr(module.SOURCE, "doc", "")].add(slug)
    return out


def _run_for(
    slug: str, doc: str, files: list[_FileRuns], by_doc: dict[str, set[str]]
) -> RunInfo | None:
    """The last load of the file(s) a Source came from.

    ImportRun records the ingest source and the file, not the ``core.Source`` rows
    it wrote, so the match is: the ingest sources documented on the same page as
    the Source; then a run whose notes name the Source ("-> source <slug>"); else
    the files whose name and ingest slug share the most words with the Source's
    slug (``cdc-vsrr-2024-07`` ↔ ``…thru2024-07.csv``). Several equally good
    files (CDC WONDER, one file per year) are one Source: the newest load counts."""
    candidates = [
        f for f in files if f.last_ok is not None and f.ingest in by_doc.get(doc, ())
    ]
    if not candidates:
        return None
    named = [f for f in candidates if f"source {slug};" in f"{f.last_ok.message};"]
    if named:
        best = named
    else:
        want = _tokens(slug)
        scores = [
            len(want & _tokens(f"{f.ingest} {f.path.rsplit('/', 1)[-1]}"))
            for f in candidates
        ]
        top = max(scores)
        best = [f for f, s in zip(candidates, scores, strict=True) if s == top]
    newest = max(best, key=lambda f: f.last_ok.started_at)
    run = newest.last_ok
    checked = max((f.last_seen for f in best if f.last_seen), default=None)
    return RunInfo(
        loaded=run.started_at,
        checksum=run.checksum[:12],
        file=run.path.rsplit("/", 1)[-1],
        files=len(best),
        checked=checked if checked and checked > run.started_at else None,
    )


def _state_names(places: list[State]) -> dict[str, str]:
    return {p.postal: p.name for p in places}


# --- the page's sections -------------------------------------------------------


UNPUBLISHED = [s for s in Observation.Status.values if s != Observation.Status.OK]


def _observation_summary() -> list[dict]:
    """One row per (source, indicator, period type): values, periods, first and
    last period, and the values not published by status. One query over every
    observation (the slowest part of the page, ~0.15 s on the real data)."""
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


def _top_publishers(sources: list[tuple[Source, int]], limit: int = 4) -> list[str]:
    """Publishers by the number of facts they back, most first."""
    facts: Counter = Counter()
    for src, n in sources:
        facts[src.publisher] += n
    return [p for p, _ in facts.most_common(limit)]


def _datasets(
    summary: list[dict], fact_rows: list[dict]
) -> tuple[list[Group], LawGroup, list[PopulationUse], dict[str, list[Source]]]:
    status_labels = dict(Observation.Status.choices)
    unpublished_statuses = UNPUBLISHED
    per_source: dict[int, dict] = defaultdict(
        lambda: {"n": 0, "topics": Counter(), "periods": [], "status": Counter()}
    )
    for row in summary:
        d = per_source[row["source_id"]]
        d["n"] += row["n"]
        d["topics"][row["indicator__topic"]] += row["n"]
        d["periods"].append((row["period_type"], row["first"], row["last"]))
        for i, st in enumerate(unpublished_statuses):
            d["status"][st] += row[f"s_{i}"]

    files = _file_runs()
    by_doc = _ingest_slugs_by_doc()
    groups: dict[str, list[Dataset]] = defaultdict(list)
    law_sources: list[tuple[Source, int]] = []
    by_topic_sources: dict[str, list[Source]] = defaultdict(list)
    for src in Source.objects.annotate(n_facts=Count("policy_facts")):
        if src.n_facts:
            law_sources.append((src, src.n_facts))
            continue
        d = per_source.get(src.pk)
        topic = d["topics"].most_common(1)[0][0] if d else REFERENCE
        by_topic_sources[topic].append(src)
        periods: dict[str, tuple[dt.date, dt.date]] = {}
        for ptype, first, last in d["periods"] if d else []:
            lo, hi = periods.get(ptype, (first, last))
            periods[ptype] = (min(lo, first), max(hi, last))
        groups[topic].append(
            Dataset(
                pk=src.pk,
                slug=src.slug,
                publisher=src.publisher,
                dataset=src.dataset,
                kind=src.get_kind_display(),
                page_url=src.landing_url or src.url,
                download_url=src.url if src.url != (src.landing_url or src.url) else "",
                vintage=src.vintage,
                as_of=src.as_of,
                license=src.license,
                notes=src.notes,
                periods=[_period_label(t, a, b) for t, (a, b) in periods.items()],
                values=d["n"] if d else 0,
                unpublished=[
                    (status_labels[s], n)
                    for s in unpublished_statuses
                    if (n := d["status"][s] if d else 0)
                ],
                run=_run_for(src.slug, src.doc, files, by_doc),
            )
        )

    # Releases of one dataset share its name: tell them apart by vintage.
    names = Counter(d.dataset for ds in groups.values() for d in ds)
    for ds in groups.values():
        for d in ds:
            d.heading = (
                f"{d.dataset}: {d.vintage}"
                if names[d.dataset] > 1 and d.vintage
                else d.dataset
            )

    order = [*TOPIC_ORDER, *sorted(t for t in groups if t not in TOPIC_ORDER)]
    order = [t for t in order if t != REFERENCE] + [REFERENCE]
    out = [
        Group(
            t,
            _(TOPIC_TITLES[t])
            if t in TOPIC_TITLES
            else (
                _("Reference lists") if t == REFERENCE else t.replace("-", " ").title()
            ),
            groups[t],
        )
        for t in order
        if groups.get(t)
    ]

    rows = [
        LawSource(
            s.publisher,
            s.dataset,
            s.landing_url or s.url,
            s.vintage,
            s.get_kind_display(),
            n,
        )
        for s, n in sorted(law_sources, key=lambda x: (-x[1], x[0].publisher))
    ]
    law_run = None
    if law_sources:
        docs = {s.doc for s, _ in law_sources}
        runs = [
            r
            for doc in docs
            if (r := _run_for("state-laws", doc, files, by_doc)) is not None
        ]
        law_run = max(runs, key=lambda r: r.loaded) if runs else None
    firsts = [r["first"] for r in fact_rows if r["first"]]
    lasts = [r["last"] for r in fact_rows if r["last"]]
    law = LawGroup(
        sources=rows,
        main=[r for r in rows if r.facts >= 10],
        official=sum(1 for s, _ in law_sources if s.kind == Source.Kind.OFFICIAL),
        secondary=sum(1 for s, _ in law_sources if s.kind != Source.Kind.OFFICIAL),
        facts=sum(r["n"] for r in fact_rows),
        undated=sum(r["undated"] for r in fact_rows),
        first_as_of=min(firsts) if firsts else None,
        last_as_of=max(lasts) if lasts else None,
        licenses=sorted({s.license for s, _ in law_sources if s.license}),
        run=law_run,
        official_publishers=_top_publishers(
            [(s, n) for s, n in law_sources if s.kind == Source.Kind.OFFICIAL]
        ),
    )

    # Which Census vintage each year's population comes from (the newest vintage
    # that covers the year, as stats.populations() picks it).
    pop_sources = sorted(
        by_topic_sources.get("population", []),
        key=lambda s: (s.as_of or dt.date.min, s.slug),
    )
    year_vintage: dict[int, Source] = {}
    for s in pop_sources:
        d = per_source[s.pk]
        for ptype, first, last in d["periods"]:
            if ptype == Observation.Period.YEAR:
                for y in range(first.year, last.year + 1):
                    year_vintage[y] = s
    uses: list[PopulationUse] = []
    for y in sorted(year_vintage):
        s = year_vintage[y]
        if (
            uses
            and uses[-1].vintage == (s.vintage or s.dataset)
            and uses[-1].last == (y - 1)
        ):
            uses[-1].last = y
        else:
            uses.append(PopulationUse(s.vintage or s.dataset, y, y))
    return out, law, uses, by_topic_sources


def _layer_gaps(places: list[State], today: dt.date) -> list[LayerGap]:
    """Every map layer as the map shows it by default, and the states without a
    value (no data, suppressed, not usable)."""
    out = []
    map_url = reverse("maps:map")
    for spec in layers.LAYERS:
        try:
            view = layers.render(spec, on=today, places=places)
        except ObjectDoesNotExist:
            out.append(
                LayerGap(
                    spec.slug,
                    _(spec.name),
                    "",
                    f"{map_url}?layer={spec.slug}",
                    len(places),
                    [(_("No data loaded"), [p.name for p in places])],
                )
            )
            continue
        by_label: dict[str, list[str]] = defaultdict(list)
        for cell in view.cells.values():
            if cell.category in (layers.NO_DATA, layers.SUPPRESSED):
                by_label[cell.label].append(cell.state.name)
        params = "&".join(f"{k}={v}" for k, v in view.params.items())
        # "Overdose death rate: All drugs" -> "All drugs"; "Drug arrest rate, 2016"
        # -> "2016"; a policy layer's title is its name.
        extra = view.title.removeprefix(_(spec.name)).lstrip(":, ")
        out.append(
            LayerGap(
                spec.slug,
                _(spec.name),
                " · ".join(x for x in (extra, view.subtitle) if x),
                f"{map_url}?layer={spec.slug}" + (f"&{params}" if params else ""),
                len(view.cells),
                sorted(by_label.items()),
            )
        )
    return out


def _series_gaps(
    places: list[State], summary: list[dict], vintages: dict[int, str]
) -> list[SeriesGap]:
    """Overdose figures the map offers (every drug) and the monthly counts: the
    states with periods the publisher did not publish, in the newest release."""
    drugs = dict(layers.DRUGS)
    status_labels = dict(Observation.Status.choices)
    names = _state_names(places)
    releases: dict[str, dict] = {}
    for row in summary:
        slug = row["indicator__slug"]
        if row["indicator__topic"] != "overdose" or (
            slug not in drugs and row["period_type"] != Observation.Period.MONTH
        ):
            continue
        cur = releases.get(slug)
        # stats.sources_for: the release reaching the latest period wins.
        if cur is None or (row["last"], row["source_id"]) > (
            cur["last"],
            cur["source_id"],
        ):
            releases[slug] = row
    if not releases:
        return []
    missing: dict[str, Counter] = defaultdict(Counter)
    statuses: dict[str, Counter] = defaultdict(Counter)
    wanted = Q()
    for slug, row in releases.items():
        wanted |= Q(indicator__slug=slug, source_id=row["source_id"])
    for row in (
        Observation.objects.filter(wanted, value__isnull=True, place__in=places)
        .values("indicator__slug", "place__postal", "status")
        .annotate(n=Count("id"))
    ):
        missing[row["indicator__slug"]][row["place__postal"]] += row["n"]
        statuses[row["indicator__slug"]][row["status"]] += row["n"]
    order = [d for d in drugs if d in releases] + sorted(
        s for s in releases if s not in drugs
    )
    out = []
    for slug in order:
        r = releases[slug]
        out.append(
            SeriesGap(
                name=drugs.get(slug) or r["indicator__name"],
                source=vintages.get(r["source_id"], ""),
                periods=r["periods"],
                period_label=(
                    "periods"
                    if r["period_type"] == Observation.Period.TWELVE_MONTHS
                    else "months"
                ),
                states=sorted((names.get(p, p), n) for p, n in missing[slug].items()),
                statuses=[
                    (status_labels.get(s, s), n)
                    for s, n in sorted(statuses[slug].items())
                ],
            )
        )
    return out


def _arrest_years(places: list[State]) -> list[ArrestYear]:
    years: dict[int, ArrestYear] = {}
    for r in stats.arrest_rates(places=places):
        y = years.setdefault(r.year, ArrestYear(r.year, [], [], []))
        name = r.place.name
        if r.arrests is None or r.arrests.status == Observation.Status.MISSING:
            y.no_data.append(name)
        elif r.arrests.status == Observation.Status.NOT_USABLE:
            y.not_usable.append(name)
        elif r.rate is None:
            y.no_data.append(name)
        elif r.low_coverage:
            y.low.append((name, f"{r.coverage:.1%}"))
    return [years[y] for y in sorted(years)]


def _facts(
    today: dt.date, fact_rows: list[dict]
) -> tuple[list[tuple[str, str, str, int]], dict]:
    labels = dict(PolicyFact.Confidence.choices)
    counts = {r["confidence"]: r["n"] for r in fact_rows}
    confidence = [
        (c or "unrated", _(labels[c]), _(CONFIDENCE_HELP[c]), counts.get(c, 0))
        for c in CONFIDENCE_ORDER
    ]
    in_effect = policy.facts_on(on=today)
    conflicts = [
        Conflict(
            x.state.name,
            x.topic.name,
            x.fact.value,
            x.fact.source.publisher,
            [(f.value, f.source.publisher) for f in x.alternatives],
        )
        for x in in_effect
        if x.alternatives
    ]
    return confidence, {
        "pairs": len(in_effect),
        "conflicts": conflicts,
        "topics": len({x.topic.slug for x in in_effect}),
    }


def _overdose_kinds(sources: list[Source], groups: list[Group]) -> list[dict]:
    """The overdose datasets, one entry per publisher and dataset (a dataset's
    releases together), with the kind of period each counts."""
    periods = {d.slug: d.periods for g in groups for d in g.datasets}
    out: dict[tuple[str, str], dict] = {}
    for s in sources:
        entry = out.setdefault(
            (s.publisher, s.dataset),
            {"publisher": s.publisher, "dataset": s.dataset, "releases": []},
        )
        entry["releases"].append(
            s.vintage or "; ".join(periods.get(s.slug, [])) or s.slug
        )
    return list(out.values())


def build(today: dt.date) -> dict:
    """Everything the page shows, as plain data (cacheable)."""
    places = layers.states()
    fact_rows = list(
        PolicyFact.objects.values("confidence").annotate(
            n=Count("id"),
            undated=Count("id", filter=Q(as_of_date__isnull=True)),
            first=Min("as_of_date"),
            last=Max("as_of_date"),
        )
    )
    summary = _observation_summary()
    groups, law, population_uses, by_topic = _datasets(summary, fact_rows)
    vintages = {d.pk: d.vintage or d.publisher for g in groups for d in g.datasets}
    confidence, facts = _facts(today, fact_rows)
    overdose_kinds = _overdose_kinds(by_topic.get("overdose", []), groups)
    return {
        "today": today,
        "groups": groups,
        "law": law,
        "datasets_count": sum(1 for g in groups for d in g.datasets if d.values),
        "layer_gaps": _layer_gaps(places, today),
        "series_gaps": _series_gaps(places, summary, vintages),
        "arrest_years": _arrest_years(places),
        "low_coverage": stats.LOW_COVERAGE,
        "population_uses": population_uses,
        "overdose_kinds": overdose_kinds,
        "confidence": confidence,
        "facts": facts,
        "places": len(places),
    }


def _cache_key(today: dt.date) -> str:
    last = (
        ImportRun.objects.filter(status=ImportRun.Status.OK)
        .order_by("-pk")
        .values_list("pk", "started_at")
        .first()
    )
    stamp = f"{last[0]}-{last[1]:%Y%m%dT%H%M%S%f}" if last else "none"
    # A data steward's edit in the admin shows at once too.
    edited = (
        PolicyFact.history.order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    # The context holds translated labels: one entry per language.
    lang = get_language() or "en"
    return f"pathways:sources-page:{lang}:{stamp}:{edited or 0}:{today.isoformat()}"


@cache_control(public=True, max_age=300)
def sources_page(request: HttpRequest) -> HttpResponse:
    today = dt.date.today()
    key = _cache_key(today)
    ctx = cache.get(key, version=CACHE_VERSION)
    if ctx is None:
        ctx = build(today)
        cache.set(key, ctx, CACHE_SECONDS, version=CACHE_VERSION)
    return render(request, "maps/sources.html", {**ctx, "report_email": REPORT_EMAIL})
