"""The API's one response shape, as JSON or as CSV with provenance columns.

Success: ``{"data": ..., "sources": [...], "next": null}``.
Error:   ``{"error": {"status": 404, "message": "Unknown state 'ZZ'"}}``."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from .models import Source
from .sources import unique_sources

PROVENANCE_COLUMNS = [
    "source_id",
    "source_publisher",
    "source_dataset",
    "source_vintage",
    "source_url",
]


class ApiError(Exception):
    """Raised by API code for a 4xx answer with a message for the caller."""

    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def envelope(
    data: Any, sources: Iterable[Source | None], next_url: str | None = None
) -> dict[str, Any]:
    return {
        "data": data,
        "sources": [s.as_dict() for s in unique_sources(sources)],
        "next": next_url,
    }


def csv_response(
    rows: Sequence[dict[str, Any]],
    *,
    filename: str,
    source_of: Any,
) -> HttpResponse:
    """Rows as CSV; ``source_of(row)`` gives each row's Source for the provenance
    columns. Lists and dicts in cells are flattened to text."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns and key != "source":
                columns.append(key)
    writer = csv.writer(response)
    writer.writerow(columns + PROVENANCE_COLUMNS)
    for row in rows:
        src: Source | None = source_of(row)
        cells = [_cell(row.get(c)) for c in columns]
        prov = (
            [src.slug, src.publisher, src.dataset, src.vintage, src.url]
            if src
            else ["", "", "", "", ""]
        )
        writer.writerow(cells + prov)
    return response


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={_cell(v)}" for k, v in value.items())
    return str(value)


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "message": message}}
