"""State drug-law and harm-reduction policy facts (``laws/policy_facts.csv``).

A long file compiled from the Opioid Environment Policy Scan (OPTIC, PDAPS, KFF),
Temple CPHLR, state statute and legislature pages, and press, law-firm and advocacy
pages: one row per (state, fact, value, effective date, source). Several rows for one
(state, fact) are either the law's history (different effective dates) or sources that
disagree (kept; ``pathways.policy.selectors.facts_on`` picks one and lists the rest).
See docs/data/state-laws.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pathways.policy.categorize import categorize
from pathways.policy.dates import parse_as_of, parse_effective
from pathways.policy.models import PolicyFact, Topic
from pathways.policy.services import (
    HistoryItem,
    end_dates,
    history_category,
    topics_sync,
)
from pathways.policy.topics import BY_FACT

from ..base import (
    ImportResult,
    IngestSource,
    RawRow,
    Rejected,
    RejectedFile,
    read_delimited,
    sync,
)
from ..observations import ensure_sources

SOURCE = IngestSource(
    slug="state-laws",
    title="State drug-law and harm-reduction policy facts (compiled)",
    url="https://github.com/healthyregions/oeps",
    doc="docs/data/state-laws.md",
    default_files=("laws/policy_facts.csv",),
    parser_version=1,
)

REQUIRED = [
    "state",
    "fact",
    "value",
    "effective_date",
    "citation",
    "source_name",
    "source_url",
    "as_of",
    "confidence",
]
OPTIONAL = ["evidence", "notes", "origin"]
CONFIDENCE = {"high", "medium", "low", ""}
# Longest text each model field takes (PostgreSQL enforces them).
MAX_LENGTH = {
    "value": 300,
    "citation": 300,
    "as_of": 200,
    "effective_date": 200,
    "origin": 120,
    "source_name": 500,
    "source_url": 500,
}
PLACE_KINDS = ("state", "district", "territory")

Precision = PolicyFact.Precision


@dataclass(frozen=True)
class FactRow:
    """A cleaned fact, ready to load. ``line`` is where it came from."""

    path: str
    line: int
    state: str
    fact: str
    topic: str
    value: str
    category: str
    effective_date: dt.date | None
    effective_precision: str
    effective_text: str
    citation: str
    source_name: str
    source_url: str
    as_of: str
    as_of_date: dt.date | None
    confidence: str
    evidence: str = ""
    notes: str = ""
    origin: str = ""

    @property
    def source_key(self) -> tuple[str, str]:
        return (self.source_name, self.source_url)

    @property
    def duplicate_key(self) -> tuple:
        return (self.state, self.fact, self.value, self.effective_text, self.source_key)


# -- dates ----------------------------------------------------------------------------


def month_precision(source_name: str, notes: str) -> bool:
    """OPTIC naloxone dates are month-year (the day was set to 01), and so are the
    Medicaid dates derived from OEPS monthly proportions: the notes say so."""
    return (
        "OPTIC-Vetted Naloxone" in source_name
        or "month-year precision" in notes
        or notes.startswith("DERIVED month")
    )


# -- read and clean -------------------------------------------------------------------


def read(path: Path) -> Iterator[RawRow]:
    yield from read_delimited(path, required=REQUIRED)


def _text(row: RawRow, column: str) -> str:
    return " ".join(row.get(column).split())


def clean(row: RawRow, *, places: set[str]) -> FactRow | Rejected:
    state = row["state"].strip().upper()
    if state not in places:
        return row.reject("state", f"unknown state code {row['state']!r}")
    fact = row["fact"].strip()
    spec = BY_FACT.get(fact)
    if spec is None:
        return row.reject("fact", f"unknown fact {fact!r}")
    values = {c: _text(row, c) for c in REQUIRED + OPTIONAL}
    values["source_url"] = row["source_url"].strip()
    if not values["value"]:
        return row.reject("value", "empty value")
    for column, limit in MAX_LENGTH.items():
        if len(values[column]) > limit:
            return row.reject(column, f"longer than {limit} characters")
    url = values["source_url"]
    if not re.fullmatch(r"https?://[^\s/]+\S*", url):
        return row.reject("source_url", f"not a web address: {url!r}")
    confidence = values["confidence"].lower()
    if confidence not in CONFIDENCE:
        return row.reject(
            "confidence",
            f"confidence must be high, medium, low or blank, got {values['confidence']!r}",
        )
    try:
        effective, precision = parse_effective(values["effective_date"])
    except ValueError as exc:
        return row.reject(
            "effective_date", f"not a date: {values['effective_date']!r} ({exc})"
        )
    if (
        precision == Precision.DAY
        and effective.day == 1
        and month_precision(values["source_name"], values["notes"])
    ):
        precision = Precision.MONTH
    as_of_date, _ = parse_as_of(values["as_of"])
    return FactRow(
        path=row.path,
        line=row.line,
        state=state,
        fact=fact,
        topic=spec.slug,
        value=values["value"],
        category=categorize(spec.slug, values["value"]),
        effective_date=effective,
        effective_precision=precision,
        effective_text=values["effective_date"],
        citation=values["citation"],
        source_name=values["source_name"],
        source_url=url,
        as_of=values["as_of"],
        as_of_date=as_of_date,
        confidence=confidence,
        evidence=values["evidence"],
        notes=values["notes"],
        origin=values["origin"],
    )


def context() -> dict[str, object]:
    """Per-run lookups ``clean`` needs (kept out of ``clean`` so it stays pure)."""
    from pathways.places.models import State

    postal = State.objects.filter(kind__in=PLACE_KINDS).values_list("postal", flat=True)
    return {"places": set(postal)}


# -- derived rows ---------------------------------------------------------------------


def derive_repeals(rows: Sequence[FactRow]) -> list[FactRow]:
    """A dated ``decrim_law_repealed = yes`` row implies ``decrim_law_in_effect = no``
    from that date (Oregon: HB 4002, 2024-09-01). The derived row points at the
    repeal row's source and says it was derived; the history rule then ends the
    earlier ``yes`` row the day before."""
    have = {
        (r.state, r.effective_date) for r in rows if r.fact == "decrim_law_in_effect"
    }
    out: list[FactRow] = []
    for r in rows:
        if r.fact != "decrim_law_repealed" or r.category != "yes":
            continue
        if r.effective_date is None or (r.state, r.effective_date) in have:
            continue
        spec = BY_FACT["decrim_law_in_effect"]
        value = f"no (repealed effective {r.effective_text})"
        out.append(
            replace(
                r,
                fact=spec.fact,
                topic=spec.slug,
                value=value,
                category=categorize(spec.slug, value),
                evidence="",
                notes=(
                    "DERIVED by Pathways from the decrim_law_repealed row on line "
                    f"{r.line}: {r.value}. {r.notes}"
                ).strip(),
                origin=f"derived from {r.origin or r.path} line {r.line}"[:120],
            )
        )
    return out


# -- sources --------------------------------------------------------------------------

# (host, path prefix) -> publisher, for the datasets; other pages are named by host.
# Official: government sites and the research datasets the map is built on (marked
# in the file). Everything else (press, law firms, advocacy, bill trackers,
# third-party copies of statute text) is secondary.
PUBLISHERS_FILE = Path(__file__).resolve().parent / "data" / "state_law_publishers.csv"
with PUBLISHERS_FILE.open(encoding="utf-8", newline="") as _f:
    _PUBLISHER_ROWS = list(csv.DictReader(_f))
PUBLISHERS: tuple[tuple[str, str, str], ...] = tuple(
    (r["host"], r["path_prefix"], r["publisher"]) for r in _PUBLISHER_ROWS
)
OFFICIAL_DATASETS: tuple[tuple[str, str], ...] = tuple(
    (r["host"], r["path_prefix"]) for r in _PUBLISHER_ROWS if r["official"] == "yes"
)
GOVERNMENT_HOST = re.compile(r"(^|\.)([a-z0-9-]+\.gov|state\.[a-z]{2}\.us)$")
LICENSE = (
    "Not stated by the publisher. Pathways stores the facts with a short quote and "
    "a link, not the page."
)


def _host_path(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    return (host[4:] if host.startswith("www.") else host), parts.path


def _matches(host: str, path: str, want_host: str, prefix: str) -> bool:
    host_ok = host == want_host or host.endswith("." + want_host)
    return host_ok and path.startswith(prefix)


def source_kind(url: str) -> str:
    host, path = _host_path(url)
    if GOVERNMENT_HOST.search(host):
        return "official"
    if any(_matches(host, path, h, p) for h, p in OFFICIAL_DATASETS):
        return "official"
    return "secondary"


def publisher_of(url: str) -> str:
    host, path = _host_path(url)
    for h, prefix, name in PUBLISHERS:
        if _matches(host, path, h, prefix):
            return name
    return host


def source_slug(name: str, url: str) -> str:
    return "law-" + hashlib.sha1(f"{name}|{url}".encode()).hexdigest()[:8]


def source_spec(rows: Sequence[FactRow]) -> dict[str, object]:
    name, url = rows[0].source_key
    host, path = _host_path(url)
    query = urlsplit(url).query
    as_of_texts = sorted({r.as_of for r in rows if r.as_of})
    dates = [r.as_of_date for r in rows if r.as_of_date]
    facts = sorted({r.fact for r in rows})
    origins = sorted({r.origin for r in rows if r.origin and "derived" not in r.origin})
    return {
        "slug": source_slug(name, url),
        "publisher": publisher_of(url)[:300],
        "dataset": (name or f"Web page {host}{path}{'?' + query if query else ''}")[
            :500
        ],
        "kind": source_kind(url),
        "url": url,
        "landing_url": url,
        "vintage": (
            as_of_texts[0]
            if len(as_of_texts) == 1
            else "various; see each fact's as-of"
            if as_of_texts
            else "undated"
        )[:120],
        "as_of": max(dates) if dates else None,
        "license": LICENSE,
        "citation": "",
        "notes": (
            f"Cited for {len(rows)} law fact(s): {', '.join(facts)}. "
            f"Compiled into laws/policy_facts.csv from {', '.join(origins) or 'it'}."
        ),
        "doc": SOURCE.doc,
    }


# -- load -----------------------------------------------------------------------------


def reject_duplicates(rows: Sequence[FactRow]) -> None:
    seen: dict[tuple, int] = {}
    problems: list[Rejected] = []
    for r in rows:
        if r.duplicate_key in seen:
            problems.append(
                Rejected(
                    r.path,
                    r.line,
                    1,
                    f"duplicate row: {r.state} {r.fact} {r.value!r} from the same "
                    f"source and effective date as line {seen[r.duplicate_key]}",
                )
            )
        else:
            seen[r.duplicate_key] = r.line
    if problems:
        raise RejectedFile(problems)


def ensure_topics() -> dict[str, Topic]:
    """The topic rows, brought in line with the registry first (as after migrate)."""
    topics_sync()
    return {t.slug: t for t in Topic.objects.all()}


KEY = ("state_id", "topic_id", "source_id", "value", "effective_text")


def load(rows: Sequence[FactRow], *, path: Path) -> ImportResult:
    if not rows:
        return ImportResult()
    reject_duplicates(rows)
    derived = derive_repeals(rows)
    rows = [*rows, *derived]

    from pathways.places.models import State

    states = dict(State.objects.values_list("postal", "pk"))
    topics = ensure_topics()
    by_source: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    for r in rows:
        by_source[r.source_key].append(r)
    slugs = Counter(source_slug(*k) for k in by_source)
    clash = [s for s, n in slugs.items() if n > 1]
    if clash:
        raise RejectedFile(
            [Rejected(rows[0].path, 1, 1, f"source slug collision: {clash}")]
        )
    specs = {k: source_spec(group) for k, group in by_source.items()}
    saved = ensure_sources(list(specs.values()))
    sources = {k: saved[spec["slug"]] for k, spec in specs.items()}

    records = [
        {
            "state_id": states[r.state],
            "topic_id": topics[r.topic].pk,
            "source_id": sources[r.source_key].pk,
            "value": r.value,
            "effective_text": r.effective_text,
            "category": r.category,
            "effective_date": r.effective_date,
            "effective_precision": r.effective_precision,
            "end_date": None,
            "citation": r.citation,
            "as_of": r.as_of,
            "as_of_date": r.as_of_date,
            "confidence": r.confidence,
            "evidence": r.evidence,
            "notes": r.notes,
            "origin": r.origin,
        }
        for r in rows
    ]
    others = _history(records)
    result = sync(
        PolicyFact,
        records,
        key=KEY,
        scope=PolicyFact.objects.filter(source_id__in=[s.pk for s in sources.values()]),
    )
    if others:
        PolicyFact.objects.bulk_update(others, ["end_date"])
        result.updated += len(others)
    unclassed = Counter(
        r.topic for r in rows if not r.category and BY_FACT[r.fact].kind != "number"
    )
    if unclassed:
        result.notes.append(
            "values not classed into a map category: "
            + ", ".join(f"{t} {n}" for t, n in sorted(unclassed.items()))
        )
    if derived:
        result.notes.append(
            f"{len(derived)} fact(s) derived: "
            + ", ".join(f"{r.state} {r.topic} {r.value!r}" for r in derived)
        )
    return result


def _history(records: list[dict[str, Any]]) -> list[PolicyFact]:
    """Set ``end_date`` on ``records`` from the history of their (state, topic),
    counting facts already stored for those pairs (other sources, admin edits).
    Returns the stored facts outside ``records`` whose end date changes."""
    pairs = {(r["state_id"], r["topic_id"]) for r in records}
    stored = {
        tuple(getattr(f, k) for k in KEY): f
        for f in PolicyFact.objects.filter(
            state_id__in={s for s, _ in pairs}, topic_id__in={t for _, t in pairs}
        )
        if (f.state_id, f.topic_id) in pairs
    }
    items: dict[tuple, HistoryItem] = {
        k: HistoryItem(k, history_category(f), f.effective_date, f.as_of)
        for k, f in stored.items()
    }
    for r in records:
        k = tuple(r[f] for f in KEY)
        rejected = k in stored and stored[k].review == PolicyFact.Review.REJECTED
        category = "" if rejected else r["category"]
        items[k] = HistoryItem(k, category, r["effective_date"], r["as_of"])
    groups: dict[tuple, list[HistoryItem]] = defaultdict(list)
    for k, item in items.items():
        groups[k[:2]].append(item)
    ends: dict[tuple, dt.date | None] = {}
    for group in groups.values():
        ends.update(end_dates(group))
    for r in records:
        r["end_date"] = ends[tuple(r[f] for f in KEY)]
    in_file = {tuple(r[f] for f in KEY) for r in records}
    changed = []
    for k, f in stored.items():
        if k not in in_file and f.end_date != ends[k]:
            f.end_date = ends[k]
            changed.append(f)
    return changed
