"""core.params: one rule per kind of request parameter."""

from __future__ import annotations

import datetime as dt

import pytest

from pathways.core.params import (
    ParamError,
    parse_date,
    parse_period,
    parse_state_code,
    parse_year,
)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_blank_is_none(text):
    assert parse_date(text, "date") is None
    assert parse_period(text, "period") is None
    assert parse_year(text, "year") is None


def test_date():
    assert parse_date(" 2024-01-31 ", "date") == dt.date(2024, 1, 31)
    first, last = dt.date(2000, 1, 1), dt.date(2030, 12, 31)
    assert parse_date("2000-01-01", "on", earliest=first, latest=last) == first


@pytest.mark.parametrize(
    "text", ["yesterday", "2024-02-30", "2024-1-31", "20240131", "2024-01-31T00:00"]
)
def test_bad_date(text):
    with pytest.raises(ParamError) as exc:
        parse_date(text, "on")
    assert (exc.value.name, exc.value.status) == ("on", 400)
    assert exc.value.kind == ParamError.MALFORMED
    assert exc.value.message.startswith("Bad parameter on: expected YYYY-MM-DD")


def test_date_out_of_range():
    with pytest.raises(ParamError, match="outside 2000-01-01") as exc:
        parse_date("1999-12-31", "date", earliest=dt.date(2000, 1, 1))
    assert exc.value.kind == ParamError.OUT_OF_RANGE


def test_period_is_the_last_day_of_the_month():
    assert parse_period("2023-12", "period") == dt.date(2023, 12, 31)
    assert parse_period("2024-02", "period") == dt.date(2024, 2, 29)
    for bad in ("2023-13", "2023-00", "20x3", "2023-1"):
        with pytest.raises(ParamError, match="expected YYYY-MM"):
            parse_period(bad, "period")


def test_period_at_the_calendar_edges():
    # Python's dates run from year 1 to 9999: the edges must not overflow.
    assert parse_period("9999-12", "period") == dt.date(9999, 12, 31)
    assert parse_period("0001-01", "period") == dt.date(1, 1, 31)
    with pytest.raises(ParamError, match="outside 0001-01 to 9999-12") as exc:
        parse_period("0000-01", "period")
    assert exc.value.kind == ParamError.OUT_OF_RANGE


def test_year():
    assert parse_year("2016", "year") == 2016
    assert parse_year(2016, "year") == 2016
    with pytest.raises(ParamError, match="expected a year, got 'abc'"):
        parse_year("abc", "year")
    with pytest.raises(ParamError, match="outside"):
        parse_year("1999", "year", earliest=2010, latest=2016)


@pytest.mark.django_db
def test_state_code():
    assert parse_state_code("or", "state").postal == "OR"
    assert parse_state_code("41", "state").postal == "OR"
    assert parse_state_code("US", "state", any_kind=True).postal == "US"
    with pytest.raises(ParamError) as exc:
        parse_state_code("US", "state")
    assert (exc.value.status, exc.value.kind) == (404, ParamError.UNKNOWN)
    assert exc.value.message == "Unknown state 'US': not a state or DC"
    with pytest.raises(ParamError, match="Unknown state 'ZZ'"):
        parse_state_code("ZZ", "state")
