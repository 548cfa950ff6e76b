"""What a chart is made of: line styles, series of points, law events and
the finished chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

INK = "#1f2933"
MUTED = "#3e4c59"
GRID = "#d9e2ec"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class LineStyle:
    """How one line looks. Colours have at least 4.5:1 contrast on white (so the
    same colour works for text); dash pattern and point shape tell lines apart in
    greyscale and for readers who do not see the colours."""

    color: str
    dash: str = ""  # SVG stroke-dasharray; "" is a solid line
    width: float = 2.25
    shape: str = ""  # circle, square, triangle, diamond, circle-open, square-open


# Paul Tol's colour-blind-safe "vibrant" and "bright" hues, darkened where needed.
DRUG_STYLES: dict[str, LineStyle] = {
    "drug-overdose-deaths": LineStyle("#000000", "", 3.0, "circle"),
    "synthetic-opioids": LineStyle("#cc3311", "10 4", 2.25, "square"),
    "psychostimulants": LineStyle("#0077bb", "2 3", 2.5, "triangle"),
    "cocaine": LineStyle("#00786b", "10 3 2 3", 2.25, "diamond"),
    "heroin": LineStyle("#aa3377", "6 2 1.5 2 1.5 2", 2.25, "circle-open"),
}
NATIONAL_STYLE = LineStyle("#616e7c", "5 4", 2.0, "")
COMPARE_STYLES: tuple[LineStyle, ...] = (
    LineStyle("#000000", "", 2.75, "circle"),
    LineStyle("#cc3311", "10 4", 2.25, "square"),
    LineStyle("#0077bb", "2 3", 2.5, "triangle"),
    LineStyle("#00786b", "10 3 2 3", 2.25, "diamond"),
    LineStyle("#aa3377", "6 2 1.5 2 1.5 2", 2.25, "circle-open"),
    LineStyle("#8a6d00", "14 3", 2.25, "square-open"),
)


@dataclass(frozen=True)
class Point:
    period: dt.date
    value: float | None
    missing: str = "No data"  # what a reader sees when value is None


@dataclass(frozen=True)
class Series:
    key: str
    label: str  # legend and table heading
    points: tuple[Point, ...]
    style: LineStyle
    short_label: str = ""  # at the end of the line; defaults to label

    @property
    def end_label(self) -> str:
        return self.short_label or self.label

    @property
    def has_values(self) -> bool:
        return any(p.value is not None for p in self.points)


@dataclass(frozen=True)
class LawEvent:
    """A law fact that took effect on ``date``; ``when`` is the date as precise as
    the source gives it ("January 1, 2016", "July 2013")."""

    date: dt.date
    label: str
    when: str = ""


@dataclass(frozen=True)
class Marker:
    number: int
    date: dt.date
    events: tuple[LawEvent, ...]


@dataclass
class Chart:
    chart_id: str
    title: str
    desc: str
    svg: SafeString
    series: list[Series]
    markers: list[Marker]
    table_head: list[str]
    table_rows: list[list[str]]
    start: dt.date | None = None
    end: dt.date | None = None
    legend: list[tuple[Series, SafeString]] = field(default_factory=list)
    svg_narrow: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def empty(self) -> bool:
        return not any(s.has_values for s in self.series)
