"""The pure chart code: scales, ticks, gaps, markers, labels, accessibility."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from pathways.maps import charts
from pathways.maps.charts import LawEvent, Point, Series, draw

D = dt.date


def months(year: int, values: list[float | None], start_month: int = 1):
    """Points for consecutive month ends starting at ``start_month``."""
    out = []
    for i, v in enumerate(values):
        m = start_month + i
        y, m = year + (m - 1) // 12, (m - 1) % 12 + 1
        nxt = D(y + m // 12, m % 12 + 1, 1)
        out.append(Point(nxt - dt.timedelta(days=1), v, "Suppressed"))
    return tuple(out)


def series(key="a", values=(1.0, 2.0, 3.0), style=None, label=None, year=2019):
    return Series(
        key,
        label or key.upper(),
        months(year, list(values)),
        style or charts.DRUG_STYLES["drug-overdose-deaths"],
    )


def paths(svg: str, key: str) -> list[str]:
    group = re.search(rf'<g class="series" data-key="{key}">(.*?)</g>', svg, re.S)
    assert group, f"no series {key}"
    return re.findall(r'<path d="([^"]+)"', group.group(1))


# -- scales and ticks ------------------------------------------------------------------


def test_linear_scale_maps_ends_and_inverts_y():
    sy = charts.linear_scale(0, 50, 300, 20)  # value 0 at the bottom
    assert sy(0) == 300 and sy(50) == 20 and sy(25) == 160
    flat = charts.linear_scale(5, 5, 0, 100)
    assert flat(5) == 50  # a flat domain maps to the middle, no division by zero


def test_date_scale():
    sx = charts.date_scale(D(2020, 1, 1), D(2021, 1, 1), 0, 366)
    assert sx(D(2020, 1, 1)) == 0 and sx(D(2021, 1, 1)) == 366
    assert sx(D(2020, 1, 2)) == pytest.approx(1)


@pytest.mark.parametrize(
    ("vmax", "ticks"),
    [
        (44.9, [0, 10, 20, 30, 40, 50]),
        (50, [0, 10, 20, 30, 40, 50]),
        (0.7, [0, 0.2, 0.4, 0.6, 0.8]),
        (93.2, [0, 20, 40, 60, 80, 100]),
        (12, [0, 2.5, 5, 7.5, 10, 12.5]),
        (None, [0, 1]),
        (0, [0, 1]),
    ],
)
def test_nice_ticks_start_at_zero_and_cover_the_max(vmax, ticks):
    assert charts.nice_ticks(vmax) == ticks


def test_tick_text():
    assert charts.tick_text(10.0) == "10"
    assert charts.tick_text(2.5) == "2.5"
    assert charts.tick_text(1000.0) == "1,000"


def test_year_ticks_only_inside_range_and_thinned():
    assert charts.year_ticks(D(2015, 1, 31), D(2018, 6, 30)) == [
        D(2016, 1, 1),
        D(2017, 1, 1),
        D(2018, 1, 1),
    ]
    many = charts.year_ticks(D(2000, 1, 31), D(2026, 1, 31), max_ticks=6)
    assert len(many) <= 6 and many[0] == D(2001, 1, 1)


def test_segments_break_at_missing_values():
    pts = months(2020, [1.0, None, 2.0, 3.0, None, None, 4.0])
    runs = charts.segments(pts)
    assert [[p.value for p in r] for r in runs] == [[1.0], [2.0, 3.0], [4.0]]
    assert charts.segments(months(2020, [None, None])) == []


def test_spread_keeps_labels_apart_and_inside():
    ys = charts.spread([100, 101, 102, 300], gap=14, lo=10, hi=310)
    assert ys[3] == 300
    s = sorted(ys[:3])
    assert s[1] - s[0] >= 14 and s[2] - s[1] >= 14
    squeezed = charts.spread([305, 306, 307], gap=14, lo=10, hi=310)
    assert max(squeezed) <= 310 and sorted(squeezed)[1] - sorted(squeezed)[0] >= 14


# -- markers ---------------------------------------------------------------------------


def test_markers_numbered_in_date_order_inside_range_grouped_by_date():
    events = [
        LawEvent(D(2021, 6, 1), "B law", "June 1, 2021"),
        LawEvent(D(2020, 3, 1), "A law", "March 2020"),
        LawEvent(D(2021, 6, 1), "C law", "June 1, 2021"),
        LawEvent(D(2021, 6, 1), "B law", "June 1, 2021"),  # same fact, 2nd source
        LawEvent(D(2014, 1, 1), "too early", "2014"),
        LawEvent(D(2030, 1, 1), "too late", "2030"),
    ]
    ms = charts.number_markers(events, D(2019, 1, 31), D(2022, 12, 31))
    assert [(m.number, m.date) for m in ms] == [(1, D(2020, 3, 1)), (2, D(2021, 6, 1))]
    assert [e.label for e in ms[1].events] == ["B law", "C law"]


def test_chart_draws_numbered_markers_and_lists_them_in_desc():
    s = series(values=[5.0] * 24)
    chart = charts.line_chart(
        [s],
        title="T",
        events=[
            LawEvent(D(2019, 7, 1), "Good Samaritan law: Yes", "July 1, 2019"),
            LawEvent(D(2010, 7, 1), "Old law", "2010"),
        ],
    )
    assert [m.number for m in chart.markers] == [1]
    marks = re.search(r'<g class="law-markers">(.*?)</g>', chart.svg, re.S).group(1)
    assert marks.count("<line") == 1 and ">1</text>" in marks
    assert "Marker 1, July 1, 2019: Good Samaritan law: Yes." in chart.desc
    assert "Old law" not in chart.svg


# -- the chart -------------------------------------------------------------------------


def test_gap_breaks_the_line_and_is_never_drawn_as_zero():
    s = series(values=[10.0, 20.0, None, 30.0, 40.0])
    chart = charts.line_chart([s], title="Gaps")
    ds = paths(chart.svg, "a")
    assert len(ds) == 2  # one path per run of values
    assert all(d.count("M") == 1 for d in ds)
    assert ds[0].count("L") == 1 and ds[1].count("L") == 1
    # y of every drawn point: none at the zero line
    zero_y = re.search(
        r'<line x1="\d+" x2="[\d.]+" y1="([\d.]+)" y2="[\d.]+" stroke="#3e4c59"',
        chart.svg,
    ).group(1)
    ys = [y for d in ds for y in re.findall(r"[ML][\d.]+,([\d.]+)", d)]
    assert len(ys) == 4 and zero_y not in ys
    assert "Gaps in a line" in chart.desc


def test_lone_point_is_a_dot():
    s = series(values=[None, 7.0, None])
    chart = charts.line_chart([s], title="Dot")
    group = re.search(r'<g class="series" data-key="a">(.*?)</g>', chart.svg).group(1)
    assert "<path" not in group and "<circle" in group


def test_points_scale_to_plot_corners():
    s = series(values=[0.0, 50.0])
    chart = charts.line_chart([s], title="Corners")
    (d,) = paths(chart.svg, "a")
    (x0, y0), (x1, y1) = [
        tuple(map(float, p)) for p in re.findall(r"[ML]([\d.]+),([\d.]+)", d)
    ]
    lay = charts.WIDE
    assert x0 == lay.left and x1 == lay.width - lay.gutter
    assert y0 > y1  # higher values are higher up
    # 50 is the top tick: its grid line is at y1
    assert f'y1="{draw._f(y1)}"' in chart.svg


def test_table_has_the_same_numbers_newest_first_with_missing_labels():
    a = series("a", [1.25, None, 3.0])
    b = series("b", [10.0, 20.0], label="B label")
    chart = charts.line_chart([a, b], title="Table")
    assert chart.table_head == ["12 months ending", "A", "B label"]
    assert chart.table_rows == [
        ["March 2019", "3.0", "No data"],
        ["February 2019", "Suppressed", "20.0"],
        ["January 2019", "1.2", "10.0"],
    ]


def test_title_desc_and_escaping():
    s = series(label="Cocaine <T40.5> & more")
    chart = charts.line_chart([s], title="Rates in A&B", chart_id="c1")
    svg = str(chart.svg)
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Rates in A&amp;B</title>' in svg
    assert '<desc id="c1-desc">' in svg
    assert "<T40.5>" not in svg and "&lt;T40.5&gt;" in svg
    narrow = str(chart.svg_narrow)
    assert 'aria-labelledby="c1-n-title c1-n-desc"' in narrow
    assert "end-labels" in svg and "end-labels" not in narrow


def test_end_labels_and_national_line():
    st = series("OR", [10.0, 12.0], charts.COMPARE_STYLES[0], "Oregon: all drugs")
    us = Series(
        "US",
        "United States: all drugs",
        months(2019, [20.0, 21.0]),
        charts.NATIONAL_STYLE,
        "U.S., all drugs",
    )
    chart = charts.line_chart([st, us], title="Compare")
    labels = re.search(r'<g class="end-labels"[^>]*>(.*?)</g>', chart.svg).group(1)
    assert ">OR<" not in labels and "Oregon: all drugs" in labels
    assert "U.S., all drugs" in labels
    assert 'stroke-dasharray="5 4"' in labels  # the label repeats the dash pattern


def test_all_missing_is_an_empty_chart_not_zeros():
    s = series(values=[None, None])
    chart = charts.line_chart([s], title="Empty")
    assert chart.empty and chart.markers == []
    assert "No data to chart" in chart.svg and "<path" not in chart.svg
    assert chart.table_rows[0][1] == "Suppressed"


def test_short_range_labels_months():
    s = series(values=[3.0, 4.0, 5.0])
    chart = charts.line_chart([s], title="Short")
    assert ">Jan 2019<" in chart.svg and ">Mar 2019<" in chart.svg


# -- styles ----------------------------------------------------------------------------


def _luminance(hex_color: str) -> float:
    rgb = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


ALL_STYLES = [*charts.DRUG_STYLES.values(), charts.NATIONAL_STYLE]


@pytest.mark.parametrize(
    "styles", [ALL_STYLES, [*charts.COMPARE_STYLES, charts.NATIONAL_STYLE]]
)
def test_lines_differ_without_colour(styles):
    """Dash pattern (with the point shape) tells every line apart in greyscale."""
    assert len({(s.dash, s.shape) for s in styles}) == len(styles)
    assert len({s.dash for s in styles}) == len(styles)


@pytest.mark.parametrize(
    "style", [*ALL_STYLES, *charts.COMPARE_STYLES], ids=lambda s: s.color
)
def test_line_colours_readable_as_text_on_white(style):
    contrast = 1.05 / (_luminance(style.color) + 0.05)
    assert contrast >= 4.5


def test_swatch_draws_pattern_and_shape():
    sw = charts.swatch(charts.DRUG_STYLES["synthetic-opioids"])
    assert 'stroke-dasharray="10 4"' in sw and "<rect" in sw
    assert 'aria-hidden="true"' in sw
