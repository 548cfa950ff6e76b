"""stats.selectors against numbers read by hand from the official files under
../shared/data: one read path per figure (the API, the map and the state pages
call these), pinned to the publisher's own numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from pathways.places.models import State
from pathways.stats import selectors as stats

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]

DEC_2023 = dt.date(2023, 12, 31)


@pytest.fixture
def ingest(data_dir):
    def run(*slugs: str) -> None:
        for slug in slugs:
            call_command(
                "ingest", slug, "--data-dir", str(data_dir), "--no-progress", "-v0"
            )

    return run


@pytest.fixture
def oregon() -> State:
    return State.objects.by_code("OR")


def _overdose_deaths():
    ind = stats.indicator_by_key("drug-overdose-deaths")
    return ind, stats.default_source(indicator=ind)


def test_overdose_deaths_for_a_state_month(ingest, oregon):
    # overdose/vsrr_state_provisional_2025-01-08_thru2024-07.csv, row
    # OR,2023,December,12 month-ending,Number of Drug Overdose Deaths,"1,879",...
    ingest("cdc-vsrr")
    ind, src = _overdose_deaths()
    (o,) = stats.series(
        place=oregon, indicator=ind, source=src, start=DEC_2023, end=DEC_2023
    )
    assert (o.value, o.predicted) == (1879, 1879)
    # The many-places read (state pages, compare) gives the same value.
    many = stats.newest_series(
        places=[oregon, State.objects.by_code("WA")], indicators=[ind]
    )
    assert many.sources == {ind.slug: src}
    by_end = {x.period_end: x for x in many.series[(oregon.pk, ind.slug)]}
    assert by_end[DEC_2023].value == 1879


def test_state_population_for_a_year(ingest, oregon):
    # population/census_NST-EST2024-POP.xlsx, row ".Oregon", July 1, 2023:
    # 4,253,653. population/census_nst-est2019_statepop_2010-2019.csv, row
    # ".Oregon", column 2016: 4,089,976 (the newest vintage covering the year).
    ingest("census-population")
    pops = stats.populations(places=[oregon])
    assert stats.population_for(pops, oregon.pk, 2023).value == 4_253_653
    assert stats.population_for(pops, oregon.pk, 2016).value == 4_089_976
    # A year not yet estimated takes the nearest earlier one (at most 2 back).
    assert stats.population_for(pops, oregon.pk, 2025).year == 2024


def test_overdose_rate_per_100k(ingest, oregon):
    # 1,879 deaths (VSRR, 12 months ending Dec 2023) / 4,253,653 residents
    # (Census V2024, July 1, 2023) x 100,000 = 44.17 -> 44.2
    ingest("cdc-vsrr", "census-population")
    ind, src = _overdose_deaths()
    (r,) = stats.overdose_rates(
        indicator=ind, source=src, period_end=DEC_2023, places=[oregon]
    )
    assert (r.observation.value, r.population.value, r.rate) == (1879, 4253653, 44.2)
    found = stats.overdose_series(
        place=oregon, indicator=ind, source=src, start=DEC_2023, end=DEC_2023
    )
    assert [p.rate for p in found.points] == [44.2]
    # The map's reads: the release runs Jan 2015 to Jul 2024 (file name
    # "thru2024-07"; first US row "US,2015,January"), every state and DC has a
    # count for Dec 2023, and class breaks see Oregon's unrounded rate.
    us = stats.periods(indicator=ind, source=src, place=stats.nation())
    assert (us[0], us[-1], len(us)) == (dt.date(2015, 1, 31), dt.date(2024, 7, 31), 115)
    assert stats.states_with_values(indicator=ind, source=src)[DEC_2023] == 51
    rates = stats.state_rates(indicator=ind, source=src)
    assert any(abs(x - 1879 / 4_253_653 * 100_000) < 1e-9 for x in rates)


def test_arrest_rate_per_100k(ingest, oregon, client):
    # arrests/raw/fbi_cius2016_table22_arrests_by_state.xls, OREGON: "Total all
    # ages" x "Drug abuse violations" = 13,639; 185 agencies covering 3,707,053
    # people. 13,639 / 3,707,053 x 100,000 = 367.92 -> 367.9; coverage =
    # 3,707,053 / 4,089,976 (Census V2019, 2016) = 0.906.
    ingest("fbi-arrests", "census-population")
    (r,) = stats.arrest_rates(year=2016, places=[oregon])
    assert (r.arrests.value, r.agencies, r.population_covered) == (
        13639,
        185,
        3707053,
    )
    assert (r.rate, r.coverage, r.low_coverage) == (367.9, 0.906, False)
    # The API answers with the same selector.
    body = client.get("/api/v1/states/OR/arrests").json()
    (row,) = [x for x in body["data"] if x["year"] == 2016]
    assert (row["rate_per_100k"], row["coverage"]) == (367.9, 0.906)


def test_rate_formula():
    assert stats.rate_per_100k(1879, 4_253_653) == 44.2
    assert stats.rate_per_100k(None, 4_253_653) is None
    assert stats.rate_per_100k(5, 0) is None
