"""The "Datasets" section of /sources/: every ``core.Source`` with the figures it
holds, grouped by topic; the law sources together; the Census vintage of each year."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pathways.core.models import Source
from pathways.ingest.selectors import file_runs
from pathways.policy import selectors as policy
from pathways.stats import selectors as stats
from pathways.stats.models import Observation

from .runs import RunInfo, ingest_slugs_by_doc, run_for

TOPIC_TITLES = {
    "overdose": gettext_noop("Overdose deaths"),
    "population": gettext_noop("Population"),
    "arrests": gettext_noop("Drug arrests"),
    "treatment": gettext_noop("Treatment and naloxone"),
}
# PolicyFact.Confidence labels (policy/models.py keeps them in English).

TOPIC_ORDER = ["overdose", "population", "arrests", "treatment"]
REFERENCE = "reference"
LAW = "law"


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
class PopulationUse:
    vintage: str
    first: int
    last: int


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


def _top_publishers(sources: list[tuple[Source, int]], limit: int = 4) -> list[str]:
    """Publishers by the number of facts they back, most first."""
    facts: Counter = Counter()
    for src, n in sources:
        facts[src.publisher] += n
    return [p for p, _ in facts.most_common(limit)]


def dataset_groups(
    summary: list[dict], fact_rows: list[dict]
) -> tuple[list[Group], LawGroup, list[PopulationUse], dict[str, list[Source]]]:
    status_labels = dict(Observation.Status.choices)
    unpublished_statuses = stats.UNPUBLISHED
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

    files = file_runs()
    by_doc = ingest_slugs_by_doc()
    groups: dict[str, list[Dataset]] = defaultdict(list)
    law_sources: list[tuple[Source, int]] = []
    by_topic_sources: dict[str, list[Source]] = defaultdict(list)
    for src in policy.sources_with_fact_counts():
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
                run=run_for(src.slug, src.doc, files, by_doc),
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
            if (r := run_for("state-laws", doc, files, by_doc)) is not None
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
