"""Request parameters: one rule each for dates, periods, years and state codes.

Each ``parse_*`` takes the raw text of a query parameter and its name, and returns
the value (``None`` when the text is missing or blank) or raises ``ParamError``.
The API answers a ``ParamError`` in its one error shape; pages catch it and show
their own words for the reader (and fall back to a default)::

    try:
        on = parse_date(request.GET.get("date"), "date", earliest=EARLIEST)
    except ParamError as exc:  # exc.kind: ParamError.MALFORMED or OUT_OF_RANGE
        on, error = dt.date.today(), _("The date must look like 2024-01-31 ...")
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pathways.places.models import State

from .envelope import ApiError

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")
YEAR_RE = re.compile(r"^-?\d{1,9}$")


class ParamError(ApiError):
    """A request parameter that cannot be read: ``name``, a message for the
    caller, the HTTP status to answer with (400 unless the value names a thing
    that does not exist, 404) and ``kind``: ``MALFORMED``, ``OUT_OF_RANGE`` or
    ``UNKNOWN``, for pages that word each case for the reader."""

    MALFORMED, OUT_OF_RANGE, UNKNOWN = "malformed", "out-of-range", "unknown"

    def __init__(
        self, name: str, message: str, status: int = 400, *, kind: str = MALFORMED
    ):
        self.name = name
        self.kind = kind
        super().__init__(status, message)


def _blank(text: str | None) -> bool:
    return text is None or text.strip() == ""


def parse_date(
    text: str | None,
    name: str,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> dt.date | None:
    """A day written YYYY-MM-DD, optionally within [earliest, latest]."""
    if _blank(text):
        return None
    text = text.strip()
    try:
        if not DATE_RE.match(text):
            raise ValueError
        on = dt.date.fromisoformat(text)
    except ValueError:
        raise ParamError(
            name, f"Bad parameter {name}: expected YYYY-MM-DD, got {text[:40]!r}"
        ) from None
    if (earliest and on < earliest) or (latest and on > latest):
        first = earliest.isoformat() if earliest else "any date"
        last = latest.isoformat() if latest else "any date"
        raise ParamError(
            name,
            f"Bad parameter {name}: {on} is outside {first} to {last}",
            kind=ParamError.OUT_OF_RANGE,
        )
    return on


def parse_period(text: str | None, name: str) -> dt.date | None:
    """A month written YYYY-MM, as the last day of that month (the end of a
    12-month-ending period, as the overdose files name them)."""
    if _blank(text):
        return None
    m = PERIOD_RE.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ParamError(name, f"Bad parameter {name}: expected YYYY-MM, got {text!r}")
    year, month = int(m.group(1)), int(m.group(2))
    if year < dt.MINYEAR:  # 0000-01: not a calendar month
        raise ParamError(
            name,
            f"Bad parameter {name}: {text!r} is outside 0001-01 to 9999-12",
            kind=ParamError.OUT_OF_RANGE,
        )
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_year(
    text: str | int | None,
    name: str,
    earliest: int | None = None,
    latest: int | None = None,
) -> int | None:
    """A whole year such as 2016, optionally within [earliest, latest]."""
    if isinstance(text, int):
        year = text
    else:
        if _blank(text):
            return None
        if not YEAR_RE.match(text.strip()):
            raise ParamError(
                name, f"Bad parameter {name}: expected a year, got {text[:40]!r}"
            )
        year = int(text.strip())
    if (earliest is not None and year < earliest) or (
        latest is not None and year > latest
    ):
        raise ParamError(
            name,
            f"Bad parameter {name}: {year} is outside {earliest or '…'}"
            f" to {latest or '…'}",
            kind=ParamError.OUT_OF_RANGE,
        )
    return year


def parse_state_code(text: str | None, name: str, *, any_kind: bool = False) -> State:
    """The jurisdiction with postal code (any case) or FIPS code ``text``: one of
    the 50 states and DC, or with ``any_kind`` also US, PR and YC (New York City).
    Unknown codes are a 404."""
    code = "" if text is None else text
    try:
        state = State.objects.by_code(code)
    except (State.DoesNotExist, ValueError):
        raise ParamError(
            name, f"Unknown state {code!r}", status=404, kind=ParamError.UNKNOWN
        ) from None
    if not any_kind and not state.is_state_or_dc:
        message = f"Unknown state {code!r}: not a state or DC"
        raise ParamError(name, message, status=404, kind=ParamError.UNKNOWN)
    return state
