"""Dates of law facts as sources write them: an effective date of a day, a month or a
year (or a text that is none of these), and the date an ``as_of`` note starts with."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .models import PolicyFact

Precision = PolicyFact.Precision

DATE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), Precision.DAY),
    (re.compile(r"(\d{4})-(\d{2})"), Precision.MONTH),
    (re.compile(r"(\d{4})"), Precision.YEAR),
)
AS_OF_START = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d-])")


def make_date(y: str, m: str | None, d: str | None) -> dt.date:
    """First day of the period; ValueError if it is not a date."""
    year = int(y)
    if not 1800 <= year <= 2100:
        raise ValueError(f"year out of range: {year}")
    return dt.date(year, int(m or 1), int(d or 1))


def parse_effective(text: str) -> tuple[dt.date | None, str]:
    """``YYYY-MM-DD`` -> (date, day); ``YYYY-MM`` -> (first of month, month);
    ``YYYY`` -> (1 January, year); anything else (a window, "30 days after
    enactment", "2023 (per NPHL)") -> (None, unknown): the text is kept as given.
    Raises ValueError for a text in one of those forms that is not a real date."""
    text = text.strip()
    for pattern, precision in DATE_FORMS:
        m = pattern.fullmatch(text)
        if m:
            groups = list(m.groups()) + [None] * (3 - len(m.groups()))
            return make_date(*groups), precision
    return None, Precision.UNKNOWN


def parse_as_of(text: str) -> tuple[dt.date | None, str]:
    """The date an ``as_of`` text starts with ("2022 (OPTIC data accessed May
    2025)" -> 2022-01-01, year), or (None, unknown) when it does not start with one
    ("c. 2021", "undated") or that date is not real."""
    m = AS_OF_START.match(text.strip())
    if not m:
        return None, Precision.UNKNOWN
    y, mo, d = m.groups()
    try:
        date = make_date(y, mo, d)
    except ValueError:
        return None, Precision.UNKNOWN
    precision = Precision.DAY if d else Precision.MONTH if mo else Precision.YEAR
    return date, precision


def period_end(date: dt.date, precision: str) -> dt.date:
    """Last day of the period a date with this precision stands for."""
    if precision == Precision.YEAR:
        return dt.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(date.year, date.month)[1]
        return dt.date(date.year, date.month, last)
    return date
