"""Server-rendered SVG line charts: overdose death rates over time, with numbered
markers where laws took effect. Pure functions (no database): the views pass the
numbers in, the template shows the SVG, an HTML legend, the marker list and a table
with the same numbers, so the chart reads without JavaScript, without colour
(dash patterns and point shapes) and without sight (title, desc, table).

Missing or suppressed values break a line; they are never drawn as 0.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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


# -- scales ------------------------------------------------------------------------


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


# -- SVG pieces --------------------------------------------------------------------


def _f(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def shape_svg(shape: str, x: float, y: float, color: str, r: float = 3.6) -> str:
    if not shape:
        return ""
    fill = "#ffffff" if shape.endswith("-open") else color
    common = f'fill="{fill}" stroke="{color}" stroke-width="1.5"'
    if shape.startswith("circle"):
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" {common}/>'
    if shape.startswith("square"):
        s = r * 1.7
        return (
            f'<rect x="{_f(x - s / 2)}" y="{_f(y - s / 2)}" width="{_f(s)}" '
            f'height="{_f(s)}" {common}/>'
        )
    if shape == "triangle":
        h = r * 1.25
        pts = f"{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y + h * 0.8)} {_f(x - h)},{_f(y + h * 0.8)}"
        return f'<polygon points="{pts}" {common}/>'
    if shape == "diamond":
        h = r * 1.3
        pts = f"{_f(x)},{_f(y - h)} {_f(x + h)},{_f(y)} {_f(x)},{_f(y + h)} {_f(x - h)},{_f(y)}"
        return f'<polygon points="{pts}" {common}/>'
    return ""


def _stroke(style: LineStyle) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'fill="none" stroke="{style.color}" stroke-width="{_f(style.width)}"'
        f' stroke-linejoin="round" stroke-linecap="butt"{dash}'
    )


def swatch(style: LineStyle, width: int = 40, height: int = 14) -> SafeString:
    """A small line sample (pattern and shape) for an HTML legend."""
    y = height / 2
    return mark_safe(  # noqa: S308 - built from our own numbers and colours
        f'<svg class="swatch-line" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<line x1="1" y1="{_f(y)}" x2="{width - 1}" y2="{_f(y)}" {_stroke(style)}/>'
        f"{shape_svg(style.shape, width / 2, y, style.color)}</svg>"
    )


def _describe(style: LineStyle) -> str:
    pattern = {
        "": gettext_noop("solid"),
        "10 4": gettext_noop("long dashes"),
        "2 3": gettext_noop("dotted"),
        "10 3 2 3": gettext_noop("dash-dot"),
        "6 2 1.5 2 1.5 2": gettext_noop("dash-dot-dot"),
        "5 4": gettext_noop("dashed"),
        "14 3": gettext_noop("long dashes with short gaps"),
    }.get(style.dash, gettext_noop("patterned"))
    shapes = {
        "circle": gettext_noop("circle"),
        "square": gettext_noop("square"),
        "triangle": gettext_noop("triangle"),
        "diamond": gettext_noop("diamond"),
    }
    base, is_open = style.shape.removesuffix("-open"), style.shape.endswith("-open")
    shape = _(shapes.get(base, base)) if style.shape else ""
    if shape and is_open:
        shape = _("%(shape)s (open)") % {"shape": shape}
    return _(pattern) + (_(", %(shape)s points") % {"shape": shape} if shape else "")


@dataclass(frozen=True)
class Layout:
    """Sizes for one rendering; the wide one for screens from 40rem, the narrow
    one (bigger type for its size, no end labels) for phones."""

    suffix: str
    width: int
    height: int
    left: int
    gutter: int  # room on the right for end labels; 0 = none
    font: float
    tick_font: float
    max_years: int
    badge: float  # marker badge radius


WIDE = Layout("", 760, 420, 58, 150, 13, 12, 12, 8.5)
NARROW = Layout("-n", 420, 440, 50, 0, 15.5, 15, 6, 10.5)


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    chart_id: str = "chart",
    events: Iterable[LawEvent] = (),
    summary: str = "",
    y_label: str = "",
    x_label: str = "",
) -> Chart:
    """An SVG line chart of ``series`` over time with numbered law markers, in a
    wide and a narrow rendering, plus the table of the same numbers.

    The x axis runs from the first to the last period with a value in any series;
    the y axis from 0 to a round number above the highest value."""
    y_label = y_label or _("Deaths per 100,000 residents")
    x_label = x_label or _("12 months ending")
    series = list(series)
    rng = date_range(series)
    table_head = [x_label, *[s.label for s in series]]
    periods = sorted({p.period for s in series for p in s.points}, reverse=True)
    by_series = [{p.period: p for p in s.points} for s in series]
    table_rows = []
    for period in periods:
        row = [date_format(period, "YEAR_MONTH_FORMAT")]
        for lookup in by_series:
            p = lookup.get(period)
            if p is None:
                row.append(_("No data"))
            elif p.value is None:
                row.append(p.missing)
            else:
                row.append(f"{p.value:,.1f}")
        table_rows.append(row)
    legend = [(s, swatch(s.style)) for s in series]
    if rng is None:
        desc = _("No values to draw: every value is missing or suppressed.")
        svgs = [
            mark_safe(  # noqa: S308
                f'<svg xmlns="http://www.w3.org/2000/svg" class="line-chart" '
                f'viewBox="0 0 {lay.width} 80" width="{lay.width}" height="80" '
                f'role="img" aria-labelledby="{chart_id}{lay.suffix}-title '
                f'{chart_id}{lay.suffix}-desc">'
                f'<title id="{chart_id}{lay.suffix}-title">{escape(title)}</title>'
                f'<desc id="{chart_id}{lay.suffix}-desc">{escape(desc)}</desc>'
                f'<text x="16" y="44" font-family="{FONT}" font-size="{lay.font + 2}" '
                f'fill="{INK}">{escape(_("No data to chart"))}</text></svg>'
            )
            for lay in (WIDE, NARROW)
        ]
        return Chart(
            chart_id,
            title,
            desc,
            svgs[0],
            series,
            [],
            table_head,
            table_rows,
            legend=legend,
            svg_narrow=svgs[1],
        )
    start, end = rng
    markers = number_markers(events, start, end)
    lines_desc = "; ".join(
        _("%(label)s: %(style)s line") % {"label": s.label, "style": _describe(s.style)}
        for s in series
        if s.has_values
    )
    marker_desc = " ".join(
        _("Marker %(number)s, %(when)s:")
        % {
            "number": m.number,
            "when": m.events[0].when or date_format(m.date, "DATE_FORMAT"),
        }
        + " "
        + "; ".join(e.label for e in m.events)
        + "."
        for m in markers
    )
    desc = " ".join(
        x
        for x in (
            summary,
            _("%(y)s, %(x)s each month, %(start)s to %(end)s.")
            % {
                "y": y_label,
                "x": x_label.lower(),
                "start": date_format(start, "YEAR_MONTH_FORMAT"),
                "end": date_format(end, "YEAR_MONTH_FORMAT"),
            },
            _("Lines: %(lines)s.") % {"lines": lines_desc} if lines_desc else "",
            _("Gaps in a line are months with no published value.")
            if any(len(segments(s.points)) > 1 for s in series)
            else "",
            _("Numbered vertical lines mark when laws took effect.") + " " + marker_desc
            if markers
            else "",
            _("The numbers are in the table that follows the chart."),
        )
        if x
    )
    draw = {
        lay.suffix: _draw(
            series,
            markers,
            start,
            end,
            lay,
            chart_id=chart_id + lay.suffix,
            title=title,
            desc=desc,
            y_label=y_label,
            x_label=x_label,
        )
        for lay in (WIDE, NARROW)
    }
    return Chart(
        chart_id,
        title,
        desc,
        draw[WIDE.suffix],
        series,
        markers,
        table_head,
        table_rows,
        start=start,
        end=end,
        legend=legend,
        svg_narrow=draw[NARROW.suffix],
    )


def _draw(
    series: list[Series],
    markers: list[Marker],
    start: dt.date,
    end: dt.date,
    lay: Layout,
    *,
    chart_id: str,
    title: str,
    desc: str,
    y_label: str,
    x_label: str,
) -> SafeString:
    width, height, left = lay.width, lay.height, lay.left
    right = width - (lay.gutter or 24)
    bottom = height - 4 * lay.tick_font - 4
    sx = date_scale(start, end, left, right)
    # marker badges above the plot: stagger those that would touch
    step = 2 * lay.badge + 2
    levels: list[int] = []
    last_x: dict[int, float] = {}
    for m in markers:
        x = sx(m.date)
        level = 0
        while level < 3 and x - last_x.get(level, -1e9) < step:
            level += 1
        last_x[level] = x
        levels.append(level)
    top = (8 + (max(levels) + 1) * step + 4) if markers else 2 * lay.tick_font
    vmax = max(p.value for s in series for p in s.points if p.value is not None)
    ticks = nice_ticks(vmax)
    sy = linear_scale(0, ticks[-1], bottom, top)

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="line-chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="{_f(lay.font)}" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    tf = _f(lay.tick_font)
    # grid and y axis
    parts.append(f'<g class="y-axis" fill="{MUTED}" font-size="{tf}">')
    for t in ticks:
        y = sy(t)
        parts.append(
            f'<line x1="{left}" x2="{_f(right)}" y1="{_f(y)}" y2="{_f(y)}" '
            f'stroke="{GRID if t else MUTED}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{_f(y + lay.tick_font / 3)}" '
            f'text-anchor="end">{tick_text(t)}</text>'
        )
    parts.append("</g>")
    mid = (top + bottom) / 2
    parts.append(
        f'<text class="axis-title" transform="translate({_f(lay.tick_font)} '
        f'{_f(mid)}) rotate(-90)" text-anchor="middle" fill="{MUTED}" '
        f'font-size="{tf}">{escape(y_label)}</text>'
    )
    # x axis
    xt = year_ticks(start, end, lay.max_years)
    parts.append(f'<g class="x-axis" fill="{MUTED}" font-size="{tf}">')
    label_y = bottom + 5 + lay.tick_font * 1.1
    if len(xt) >= 2:
        for d in xt:
            x = sx(d)
            parts.append(
                f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(bottom)}" '
                f'y2="{_f(bottom + 5)}" stroke="{MUTED}"/>'
                f'<text x="{_f(x)}" y="{_f(label_y)}" text-anchor="middle">'
                f"{d.year}</text>"
            )
    else:
        edge_dates = [start, end] if start != end else [start]
        for d, anchor in zip(edge_dates, ("start", "end"), strict=False):
            x = sx(d)
            if len(edge_dates) == 1:
                anchor = "middle"
            parts.append(
                f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(bottom)}" '
                f'y2="{_f(bottom + 5)}" stroke="{MUTED}"/>'
                f'<text x="{_f(x)}" y="{_f(label_y)}" text-anchor="{anchor}">'
                f"{d:%b %Y}</text>"
            )
    parts.append("</g>")
    parts.append(
        f'<text class="axis-title" x="{_f((left + right) / 2)}" '
        f'y="{_f(height - lay.tick_font * 0.6)}" text-anchor="middle" '
        f'fill="{MUTED}" font-size="{tf}">{escape(x_label)} (month)</text>'
    )
    # law markers
    if markers:
        parts.append('<g class="law-markers">')
        for m, level in zip(markers, levels, strict=True):
            x = sx(m.date)
            cy = top - 4 - lay.badge - level * step
            parts.append(
                f'<line x1="{_f(x)}" x2="{_f(x)}" y1="{_f(cy + lay.badge)}" '
                f'y2="{_f(bottom)}" stroke="{MUTED}" stroke-width="1" '
                f'stroke-dasharray="3 2"/>'
                f'<circle cx="{_f(x)}" cy="{_f(cy)}" r="{_f(lay.badge)}" '
                f'fill="{INK}"/>'
                f'<text x="{_f(x)}" y="{_f(cy + lay.badge * 0.45)}" '
                f'text-anchor="middle" fill="#ffffff" '
                f'font-size="{_f(lay.badge * 1.3)}" font-weight="700">'
                f"{m.number}</text>"
            )
        parts.append("</g>")
    # lines
    ends: list[tuple[Series, float]] = []
    for i, s in enumerate(series):
        runs = segments(s.points)
        if not runs:
            continue
        parts.append(f'<g class="series" data-key="{escape(s.key)}">')
        for run in runs:
            if len(run) == 1:
                p = run[0]
                parts.append(
                    f'<circle cx="{_f(sx(p.period))}" cy="{_f(sy(p.value))}" '
                    f'r="{_f(s.style.width + 0.5)}" fill="{s.style.color}"/>'
                )
                continue
            d = " ".join(
                f"{'M' if k == 0 else 'L'}{_f(sx(p.period))},{_f(sy(p.value))}"
                for k, p in enumerate(run)
            )
            parts.append(f'<path d="{d}" {_stroke(s.style)}/>')
        offset = (i * 3) % 12
        for k, p in enumerate(s.points):
            if p.value is not None and (k - offset) % 12 == 0:
                parts.append(
                    shape_svg(s.style.shape, sx(p.period), sy(p.value), s.style.color)
                )
        parts.append("</g>")
        last = [p for p in s.points if p.value is not None][-1]
        ends.append((s, sy(last.value)))
    # labels at the line ends, in the right-hand gutter, kept apart
    if lay.gutter:
        ys = spread([y for _, y in ends], lay.font + 2, top + 4, bottom)
        parts.append(f'<g class="end-labels" font-size="{_f(lay.font - 0.5)}">')
        for (s, _), y in zip(ends, ys, strict=True):
            x = right + 6
            parts.append(
                f'<line x1="{_f(x)}" x2="{_f(x + 22)}" y1="{_f(y)}" y2="{_f(y)}" '
                f"{_stroke(s.style)}/>"
                f'<text x="{_f(x + 27)}" y="{_f(y + 4)}" fill="{s.style.color}">'
                f"{escape(s.end_label)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
