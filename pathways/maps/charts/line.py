"""The line chart: a table of the same numbers, a legend, a description for
screen readers, and the SVG in a wide and a narrow rendering."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .draw import NARROW, WIDE, describe_style, render_svg, swatch
from .model import FONT, INK, Chart, LawEvent, Series
from .scales import date_range, number_markers, segments


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
        _("%(label)s: %(style)s line")
        % {"label": s.label, "style": describe_style(s.style)}
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
        lay.suffix: render_svg(
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
