"""Server-rendered SVG line charts: overdose death rates over time, with numbered
markers where laws took effect. Pure functions (no database): the views pass the
numbers in, the template shows the SVG, an HTML legend, the marker list and a table
with the same numbers, so the chart reads without JavaScript, without colour
(dash patterns and point shapes) and without sight (title, desc, table).

Missing or suppressed values break a line; they are never drawn as 0.

``model`` holds the styles and data classes, ``scales`` the numbers (scales, ticks,
gaps, marker placement), ``draw`` the SVG, ``line`` the chart with its table.
"""

from .draw import NARROW, WIDE, Layout, shape_svg, swatch
from .line import line_chart
from .model import (
    COMPARE_STYLES,
    DRUG_STYLES,
    NATIONAL_STYLE,
    Chart,
    LawEvent,
    LineStyle,
    Marker,
    Point,
    Series,
)
from .scales import (
    date_range,
    date_scale,
    linear_scale,
    nice_step,
    nice_ticks,
    number_markers,
    segments,
    spread,
    tick_text,
    year_ticks,
)

__all__ = [
    "COMPARE_STYLES",
    "DRUG_STYLES",
    "NARROW",
    "NATIONAL_STYLE",
    "WIDE",
    "Chart",
    "LawEvent",
    "Layout",
    "LineStyle",
    "Marker",
    "Point",
    "Series",
    "date_range",
    "date_scale",
    "line_chart",
    "linear_scale",
    "nice_step",
    "nice_ticks",
    "number_markers",
    "segments",
    "shape_svg",
    "spread",
    "swatch",
    "tick_text",
    "year_ticks",
]
