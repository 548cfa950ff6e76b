"""The API's one response builder: the envelope ``{data, sources, next, meta}`` as
JSON, or the same rows as CSV with provenance columns (``format=csv``)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse

from pathways.core.envelope import csv_response, envelope
from pathways.core.models import Source

JSON_CONTENT_TYPE = "application/json; charset=utf-8"  # as django-ninja's renderer

SourceOf = Callable[[dict[str, Any]], Source | None]


def respond(
    fmt: str,
    rows: list[dict[str, Any]] | dict[str, Any],
    sources: Iterable[Source | None],
    *,
    filename: str = "",
    source_of: SourceOf | None = None,
    meta: dict[str, Any] | None = None,
    next_url: str | None = None,
    **extra: Any,
) -> dict[str, Any] | HttpResponse:
    """The envelope of ``rows`` (``extra`` keys, e.g. ``count``, before ``meta``),
    or with ``fmt="csv"`` the rows as CSV, each row's provenance from
    ``source_of(row)`` (default: the source named by the row's ``source`` slug, or
    the only source)."""
    sources = list(sources)
    if fmt == "csv":
        return csv_response(
            rows, filename=filename, source_of=source_of or by_row_source(sources)
        )
    body = envelope(rows, sources, next_url)
    body.update(extra)
    body["meta"] = meta
    return body


def by_row_source(sources: Iterable[Source | None]) -> SourceOf:
    """A row's source: the one its ``source`` slug names, else the only source."""
    sources = list(sources)
    by_slug = {src.slug: src for src in sources if src}
    single = sources[0] if len(sources) == 1 else None
    return lambda row: by_slug.get(row.get("source")) or single


def rendered(body: dict[str, Any]) -> HttpResponse:
    """A body sent as is, skipping the response schema's validation (for rows
    already built in the schema's shape, where validating again costs time)."""
    return HttpResponse(json.dumps(body), content_type=JSON_CONTENT_TYPE)


def count(value: float | None) -> float | int | None:
    """Counts are whole numbers: 1879.0 -> 1879 (rates and shares stay floats)."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None
