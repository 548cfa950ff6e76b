"""Loading helpers shared by the sources that publish figures (Observation rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from pathways.core.models import Source
from pathways.core.upsert import refresh, upsert
from pathways.places.models import State
from pathways.stats.models import Indicator, Observation

from .base import ImportResult, Rejected, RejectedFile, repeats, sync


@dataclass(slots=True)
class ObservationRow:
    """A cleaned figure, ready to load. ``line`` is where it came from."""

    path: str
    line: int
    place: str
    indicator: str
    period_type: str
    period_start: dt.date
    period_end: dt.date
    value: float | None
    predicted: float | None = None
    status: str = Observation.Status.OK
    percent_complete: float | None = None
    percent_pending: float | None = None
    footnote: str = ""
    footnote_symbol: str = ""
    note: str = ""


def known_places() -> dict[str, int]:
    """Postal code -> primary key, for every jurisdiction Pathways knows."""
    return dict(State.objects.values_list("postal", "pk"))


def _places(among: str) -> QuerySet[State]:
    return {
        "all": State.objects.all,
        "states-and-dc": State.objects.states_and_dc,
        "no-cities": lambda: State.objects.exclude(kind=State.Kind.CITY),
    }[among]()


def postal_codes(among: str = "all") -> list[str]:
    """The postal codes of the jurisdictions ``among`` names (see place_lookup)."""
    return list(_places(among).values_list("postal", flat=True))


def place_lookup(
    key: str,
    *values: str,
    among: str = "all",
    fold: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """``{key field: value field}`` (or a tuple of the value fields) over the
    jurisdictions ``among`` names: "all", "states-and-dc" or "no-cities". ``fold``
    (e.g. ``str.lower``) is applied to the keys."""
    places = _places(among)
    fold = fold or str
    if len(values) == 1:
        return {fold(k): v for k, v in places.values_list(key, *values)}
    return {fold(k): tuple(vs) for k, *vs in places.values_list(key, *values)}


def ensure_source(spec: dict[str, Any]) -> Source:
    """Create or refresh the provenance record a load points at."""
    spec = dict(spec)
    slug = spec.pop("slug")
    return upsert(Source, lookup={"slug": slug}, values=spec)[0]


def ensure_sources(specs: Sequence[dict[str, Any]]) -> dict[str, Source]:
    """``ensure_source`` for many at once: one query to find, one to create."""
    by_slug = {spec["slug"]: spec for spec in specs}
    found = {s.slug: s for s in Source.objects.filter(slug__in=list(by_slug))}
    missing = [Source(**spec) for slug, spec in by_slug.items() if slug not in found]
    for source in Source.objects.bulk_create(missing):
        found[source.slug] = source
    for slug, spec in by_slug.items():
        refresh(found[slug], {k: v for k, v in spec.items() if k != "slug"})
    return found


def ensure_indicators(specs: Iterable[dict[str, Any]]) -> dict[str, Indicator]:
    out: dict[str, Indicator] = {}
    for spec in specs:
        spec = dict(spec)
        slug = spec.pop("slug")
        out[slug] = upsert(Indicator, lookup={"slug": slug}, values=spec)[0]
    return out


def reject_duplicates(rows: Sequence[ObservationRow]) -> None:
    """Two rows for the same place, indicator and period cannot both be true."""
    keys = [(r.place, r.indicator, r.period_start, r.period_end) for r in rows]
    if len(set(keys)) == len(keys):
        return
    problems = [
        Rejected(
            r.path,
            r.line,
            1,
            f"duplicate row: {r.place} {r.indicator} {r.period_end:%Y-%m} "
            f"already given on line {first}",
        )
        for r, _, first in repeats(
            rows, lambda r: (r.place, r.indicator, r.period_start, r.period_end)
        )
    ]
    raise RejectedFile(problems)


def load_figures(
    rows: Sequence[ObservationRow],
    *,
    source_spec: dict[str, Any],
    indicator_specs: Sequence[dict[str, Any]],
) -> ImportResult:
    """Create or refresh the source and the indicators, then load ``rows`` for them
    (against all of the source's rows)."""
    return load_observations(
        rows,
        source=ensure_source(source_spec),
        indicators=ensure_indicators(indicator_specs),
    )


def load_observations(
    rows: Sequence[ObservationRow],
    *,
    source: Source,
    indicators: dict[str, Indicator],
    scope: QuerySet[Observation] | None = None,
) -> ImportResult:
    """Upsert ``rows`` for ``source``; call inside a transaction. ``scope`` narrows
    the existing rows compared against (default: all of the source's rows)."""
    reject_duplicates(rows)
    places = known_places()
    indicator_ids = {slug: ind.pk for slug, ind in indicators.items()}
    source_id = source.pk
    records = [
        {
            "indicator_id": indicator_ids[r.indicator],
            "place_id": places[r.place],
            "source_id": source_id,
            "period_start": r.period_start,
            "period_end": r.period_end,
            "period_type": r.period_type,
            "value": r.value,
            "predicted": r.predicted,
            "status": r.status,
            "percent_complete": r.percent_complete,
            "percent_pending": r.percent_pending,
            "footnote": r.footnote,
            "footnote_symbol": r.footnote_symbol,
            "note": r.note,
        }
        for r in rows
    ]
    return sync(
        Observation,
        records,
        key=("indicator_id", "place_id", "source_id", "period_start", "period_end"),
        scope=scope if scope is not None else Observation.objects.filter(source=source),
    )
