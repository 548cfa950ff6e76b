"""Response shapes, for validation and for the OpenAPI schema."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class SourceOut(Schema):
    id: str
    publisher: str
    dataset: str
    kind: str
    url: str
    landing_url: str
    vintage: str
    as_of: str | None
    retrieved: str | None
    license: str
    notes: str


class ErrorBody(Schema):
    status: int
    message: str


class ErrorOut(Schema):
    error: ErrorBody


class StateOut(Schema):
    postal: str
    name: str
    fips: str
    slug: str
    kind: str
    api_url: str


class OverduePoint(Schema):
    period_end: str
    period_start: str
    reported: int | float | None
    predicted: int | float | None
    status: str
    percent_complete: float | None
    percent_pending: float | None
    footnote: str
    footnote_symbol: str
    note: str
    rate_per_100k: float | None
    predicted_rate_per_100k: float | None
    population_year: int | None


class IndicatorOut(Schema):
    slug: str
    name: str
    official_label: str
    topic: str
    unit: str
    description: str
    sources: list[str]


class CategoryOut(Schema):
    slug: str
    label: str


class TopicOut(Schema):
    slug: str
    name: str
    group: str
    description: str
    categories: list[CategoryOut]
    sources: list[str] = []


class FactOut(Schema):
    state: str
    topic: str
    value: str
    category: str
    effective_date: str | None
    effective_precision: str
    effective_text: str
    end_date: str | None
    date_known: bool | None = None
    as_of: str
    citation: str
    confidence: str
    evidence: str
    notes: str
    source: str
    review: str = ""
    alternatives: list[dict[str, Any]] = []


class OverdoseRateOut(Schema):
    state: str
    name: str
    period_end: str
    deaths: int | float | None
    predicted_deaths: int | float | None
    status: str
    population: int | float | None
    population_year: int | None
    rate_per_100k: float | None
    predicted_rate_per_100k: float | None
    footnote: str


class ArrestRateOut(Schema):
    state: str
    name: str
    year: int
    arrests: int | float | None
    status: str
    agencies: int | float | None
    population_covered: int | float | None
    census_population: int | float | None
    coverage: float | None
    low_coverage: bool
    rate_per_100k: float | None
    note: str


def envelope_of(item: type[Schema], name: str, many: bool = True) -> type[Schema]:
    """An envelope schema ``{"data": [...], "sources": [...], "next": ...}``."""
    annotations = {
        "data": list[item] if many else item,
        "sources": list[SourceOut],
        "next": str | None,
        "meta": dict[str, Any] | None,
    }
    return type(
        name, (Schema,), {"__annotations__": annotations, "meta": None, "next": None}
    )


class LayerOut(Schema):
    slug: str
    name: str
    group: str
    kind: str
    description: str
    api_url: str
    csv_url: str


class LayerCellOut(Schema):
    state: str
    name: str
    category: str
    label: str
    value: float | None
    display: str
    detail: str
    confidence: str
    date_known: bool
    conflicts: int
    flags: list[str]
    source: str | None
