"""SVG drawing: point shapes, line strokes, legend swatches and one rendering of
a chart at one size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .model import FONT, GRID, INK, MUTED, LineStyle, Marker, Series
from .scales import (
    date_scale,
    linear_scale,
    nice_ticks,
    segments,
    spread,
    tick_text,
    year_ticks,
)


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


def describe_style(style: LineStyle) -> str:
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


def render_svg(
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
