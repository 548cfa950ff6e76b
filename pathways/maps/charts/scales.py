"""Scales, ticks, gaps and marker placement: numbers only, no SVG."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence

from .model import LawEvent, Marker, Point, Series


def linear_scale(
    d0: float, d1: float, r0: float, r1: float
) -> Callable[[float], float]:
    """Map [d0, d1] onto [r0, r1] (a flat domain maps to the middle of the range)."""
    if d1 == d0:
        mid = (r0 + r1) / 2
        return lambda v: mid
    k = (r1 - r0) / (d1 - d0)
    return lambda v: r0 + (v - d0) * k


def date_scale(
    start: dt.date, end: dt.date, r0: float, r1: float
) -> Callable[[dt.date], float]:
    f = linear_scale(start.toordinal(), end.toordinal(), r0, r1)
    return lambda d: f(d.toordinal())


def nice_step(raw: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is at least ``raw``."""
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * mag >= raw - 1e-12:
            return m * mag
    return 10 * mag  # pragma: no cover


def nice_ticks(vmax: float | None, target: int = 5) -> list[float]:
    """Ticks from 0 to a round number at or above ``vmax`` (rates start at 0)."""
    if vmax is None or vmax <= 0:
        return [0.0, 1.0]
    step = nice_step(vmax / target)
    n = math.ceil(vmax / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def tick_text(v: float) -> str:
    return f"{v:,.1f}" if v != int(v) else f"{int(v):,}"


def segments(points: Iterable[Point]) -> list[list[Point]]:
    """Runs of consecutive points with values; a missing value ends a run."""
    out: list[list[Point]] = []
    run: list[Point] = []
    for p in points:
        if p.value is None:
            if run:
                out.append(run)
            run = []
        else:
            run.append(p)
    if run:
        out.append(run)
    return out


def date_range(series: Sequence[Series]) -> tuple[dt.date, dt.date] | None:
    """First and last period of any series with a value."""
    periods = [p.period for s in series for p in s.points if p.value is not None]
    if not periods:
        return None
    return min(periods), max(periods)


def number_markers(
    events: Iterable[LawEvent], start: dt.date, end: dt.date
) -> list[Marker]:
    """One numbered marker per date inside [start, end], in date order; events on
    the same date share a marker; the same label twice on a date is kept once."""
    by_date: dict[dt.date, list[LawEvent]] = {}
    for e in events:
        if start <= e.date <= end:
            found = by_date.setdefault(e.date, [])
            if all(x.label != e.label for x in found):
                found.append(e)
    return [
        Marker(i, d, tuple(by_date[d])) for i, d in enumerate(sorted(by_date), start=1)
    ]


def spread(wanted: list[float], gap: float, lo: float, hi: float) -> list[float]:
    """Positions as near ``wanted`` as possible, at least ``gap`` apart, inside
    [lo, hi] when they fit (label placement). Keeps the input order."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    pos = [min(max(wanted[i], lo), hi) for i in order]
    for k in range(1, len(pos)):
        pos[k] = max(pos[k], pos[k - 1] + gap)
    if pos and pos[-1] > hi:
        pos[-1] = hi
        for k in range(len(pos) - 2, -1, -1):
            pos[k] = min(pos[k], pos[k + 1] - gap)
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = pos[k]
    return out


def year_ticks(start: dt.date, end: dt.date, max_ticks: int = 12) -> list[dt.date]:
    """January 1 of each year inside the range, thinned to at most ``max_ticks``."""
    years = [
        dt.date(y, 1, 1)
        for y in range(start.year, end.year + 1)
        if start <= dt.date(y, 1, 1) <= end
    ]
    step = max(1, math.ceil(len(years) / max_ticks))
    return years[::step]
