"""/states/, /states/<postal>/ and /compare/: status codes, bad input never a 500,
every number equal to the API's, bounded queries, nothing loaded from other hosts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html import unescape

import pytest
from django.core.management import call_command

from pathways.core.tests.test_pages import LOADS
from pathways.ingest.tests.test_census_population import v2019_csv
from pathways.ingest.tests.test_fbi_arrests import CSV_COLUMNS
from pathways.ingest.tests.test_state_laws import COLUMNS as STATE_LAWS_COLUMNS
from pathways.maps import layers
from pathways.policy.categorize import label as topic_label

pytestmark = pytest.mark.django_db

# /compare/ on the real data: 50 queries before issue 9, 33 after (every law layer
# from one read of the facts in effect).
MAX_QUERIES = 40
# /states/OR/ on the real data: 49 queries before issue 9 (13 law layers each
# reading every state's facts, 12 law histories, two reads per drug for its
# newest release), 11 after (one read of the state's facts for every law layer,
# one of its law histories, two for every drug's release).
STATE_PAGE_MAX_QUERIES = 15

# -- hand-made fixture files ---------------------------------------------------------

VSRR_HEADER = (
    "State,Year,Month,Period,Indicator,Data Value,Percent Complete,"
    "Percent Pending Investigation,State Name,Footnote,Footnote Symbol,Predicted Value\n"
)
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ALL = "Number of Drug Overdose Deaths"
HEROIN = "Heroin (T40.1)"
SYNTH = "Synthetic opioids, excl. methadone (T40.4)"
NOTE = "Numbers may differ from published reports using final data."
SUPPRESSED = NOTE + " Data suppressed (<10)."


def vsrr_line(state, month, indicator, value, predicted="", footnote=NOTE):
    return (
        f'{state},2019,{MONTHS[month - 1]},12 month-ending,"{indicator}","{value}",'
        f'100,0.0,{state},"{footnote}",**,"{predicted}"\n'
    )


def vsrr_file() -> str:
    rows = [VSRR_HEADER]
    for m in range(1, 13):
        rows.append(vsrr_line("OR", m, ALL, f"{500 + 10 * m:,}", f"{510 + 10 * m:,}"))
        rows.append(vsrr_line("WA", m, ALL, f"{900 + m:,}"))
        rows.append(vsrr_line("DC", m, ALL, f"{200 + m}"))
        rows.append(vsrr_line("US", m, ALL, f"{70_000 + 100 * m:,}"))
        rows.append(vsrr_line("OR", m, SYNTH, f"{100 + m}"))
        if m in (6, 12):  # suppressed: a gap, and the latest month
            rows.append(vsrr_line("OR", m, HEROIN, "", "", SUPPRESSED))
        else:
            rows.append(vsrr_line("OR", m, HEROIN, f"{20 + m}"))
    return "".join(rows)


LAW_COLUMNS = STATE_LAWS_COLUMNS  # the law file's published header


def law(state, fact, value, url, *, effective="", citation="", as_of="", conf=""):
    return {
        "state": state,
        "fact": fact,
        "value": value,
        "effective_date": effective,
        "citation": citation,
        "source_name": "",
        "source_url": url,
        "as_of": as_of,
        "confidence": conf,
        "evidence": "",
        "notes": "",
        "origin": "test.csv",
    }


LAWS = [
    law(
        "OR",
        "possession_class",
        "Felony",
        "https://laws.example.org/or-2017",
        effective="2017-01-01",
        citation="ORS 475.854 (2017)",
        as_of="2017",
        conf="high",
    ),
    law(
        "OR",
        "possession_class",
        "Misdemeanor",
        "https://laws.example.org/or-2019",
        effective="2019-07-01",
        citation="HB 2355 (2017)",
        as_of="2019-07",
        conf="high",
    ),
    law(
        "OR",
        "good_samaritan_law",
        "yes",
        "https://statutes.example.org/gsl",
        citation="ORS 475.898",
        as_of="2021",
        conf="high",
    ),
    law(
        "OR",
        "good_samaritan_law",
        "no",
        "https://other.example.net/gsl",
        as_of="2020",
    ),
    law(
        "WA",
        "possession_class",
        "Misdemeanor",
        "https://laws.example.org/wa",
        as_of="2023-05-16",
        conf="high",
    ),
]

ARREST_COLUMNS = CSV_COLUMNS  # the compiled arrests file's header
DC_NOTE = (
    "LOW COVERAGE: covered population = 0.0% of Census July-1 2016 state "
    "population; DC NOT USABLE: Table 22 DC entry covers transit police only"
)


def arrest(state, name, year, drugs, agencies, pop, notes="covered population ok"):
    return {
        "state": state,
        "state_name": name,
        "year": str(year),
        "drug_arrests_total": str(drugs),
        "possession": "",
        "sale_manufacturing": "",
        "agencies": str(agencies),
        "population_covered": str(pop),
        "source_repo": "example/repo@1",
        "source_path": "arrests.csv",
        "official_source": "FBI UCR, CIUS, Table 69",
        "notes": notes,
    }


ARRESTS = [
    arrest("OR", "Oregon", 2015, 4_321, 90, 400_000, "LOW COVERAGE: 39%"),
    arrest("OR", "Oregon", 2016, 13_639, 185, 912_345),
    arrest("DC", "District of Columbia", 2016, 328, 2, 0, DC_NOTE),
    arrest("WA", "Washington", 2016, 11_017, 223, 950_000),
]


def csv_text(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


@pytest.fixture
def loaded(db, write_file):
    """A tiny but complete data set: 2019 populations, twelve months of VSRR for
    OR/WA/DC/US, a few law facts (a dated change and a conflict), and arrests."""
    files = [
        ("census-population", write_file("pop.csv", v2019_csv())),
        ("cdc-vsrr", write_file("vsrr.csv", vsrr_file())),
        ("state-laws", write_file("laws.csv", csv_text(LAWS, LAW_COLUMNS))),
        (
            "fbi-arrests-compiled",
            write_file("arrests.csv", csv_text(ARRESTS, ARREST_COLUMNS)),
        ),
    ]
    for source, path in files:
        call_command("ingest", source, str(path), "--no-progress")


# -- helpers -------------------------------------------------------------------------


def get(client, url, status=200):
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code)
    return resp


def html(client, url) -> str:
    return get(client, url).content.decode()


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def row(page: str, table_class: str, header: str) -> str:
    """The text of the row whose row header is ``header`` in a table."""
    table = re.search(rf'<table class="[^"]*{table_class}.*?</table>', page, re.S)
    assert table, table_class
    found = re.search(
        rf'<tr>\s*<th scope="row">{re.escape(header)}</th>(.*?)</tr>',
        table.group(0),
        re.S,
    )
    assert found, (table_class, header)
    return text(found.group(1))


def chart_table(page: str) -> dict[str, dict[str, str]]:
    """The chart's data table: period -> column heading -> cell."""
    details = re.search(r'<details class="chart-data">(.*?)</details>', page, re.S)
    heads = [text(h) for h in re.findall(r'<th scope="col">(.*?)</th>', details[1])]
    out = {}
    for tr in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", details[1], re.S):
        period, rest = tr.split("</th>", 1)
        cells = [text(c) for c in re.findall(r"<td>(.*?)</td>", rest)]
        out[period] = dict(zip(heads[1:], cells, strict=True))
    return out


def no_other_hosts(page: str):
    assert not LOADS.search(page), LOADS.search(page).group(0)


# -- /states/ --------------------------------------------------------------------------


def test_state_index_lists_every_state_and_dc(client, loaded):
    page = html(client, "/states/")
    links = set(re.findall(r'href="/states/([A-Z]{2})/"', page))
    assert len(links) == 51 and {"DC", "OR", "WY"} <= links and "US" not in links
    assert '<label for="state">' in page
    no_other_hosts(page)


@pytest.mark.parametrize(
    ("code", "where"), [("or", "/states/OR/"), ("DC", "/states/DC/"), ("WA ", None)]
)
def test_state_index_go_form_redirects(client, loaded, code, where):
    resp = client.get("/states/", {"state": code})
    assert resp.status_code == 302
    assert resp["Location"] == (where or "/states/WA/")


@pytest.mark.parametrize("code", ["ZZ", "US", "PR", "YC", "x" * 300, "'; drop"])
def test_state_index_unknown_code_is_a_message(client, loaded, code):
    page = get(client, f"/states/?state={code}").content.decode()
    assert 'id="state-error"' in page and 'aria-invalid="true"' in page


# -- /states/<postal>/ -------------------------------------------------------------


def test_state_page_sections(client, loaded):
    page = html(client, "/states/OR/")
    for h in ["Summary", "Laws and policies", "Overdose deaths", "Drug arrests"]:
        assert f">{h}</h2>" in page
    assert "<h1>Oregon</h1>" in page
    # every policy and decriminalization layer has a row
    for spec in layers.LAYERS:
        if spec.kind in ("policy", "decrim"):
            assert f'<th scope="row">{spec.name}</th>' in page, spec.slug
    assert page.count("<h1") == 1
    no_other_hosts(page)


def test_lower_case_postal_redirects_keeping_the_query(client, loaded):
    resp = client.get("/states/or/?date=2018-06-01")
    assert resp.status_code == 301
    assert resp["Location"] == "/states/OR/?date=2018-06-01"


@pytest.mark.parametrize(
    "postal", ["ZZ", "US", "PR", "YC", "41", "ORE", "O", "o-r", "%C3%96R"]
)
def test_unknown_state_is_404(client, loaded, postal):
    resp = client.get(f"/states/{postal}/")
    assert resp.status_code == 404
    assert "Page not found" in resp.content.decode()


@pytest.mark.parametrize(
    "date",
    [
        "bad",
        "2021-02-30",
        "2021-1-1",
        "20210101",
        "2021-W01-1",
        "0001-01-01",
        "9999-12-31",
        "2021-02-01T00:00",
        "x" * 500,
        "２０２１-０１-０１",
    ],
)
def test_bad_date_is_a_field_error_not_a_500(client, loaded, date):
    resp = client.get("/states/OR/", {"date": date})
    assert resp.status_code == 200
    page = resp.content.decode()
    assert 'id="date-error"' in page and 'aria-describedby="date-error"' in page
    # falls back to today's laws
    assert f"{dt.date.today():%B %-d, %Y}" in page
    assert "Misdemeanor" in row(page, "laws-table", "Drug possession penalty")


@pytest.mark.parametrize(
    "query,law,starts,says",
    [
        (  # an earlier date shows the law of then, with its end
            "?date=2018-06-01",
            "Drug possession penalty",
            "Felony",
            ["Since January 1, 2017", "Until June 30, 2019", "ORS 475.854 (2017)"]
            + ["is a felony here"],
        ),
        (
            "",
            "Drug possession penalty",
            "Misdemeanor",
            ["Since July 1, 2019", "is a misdemeanor here", "Confidence: High"]
            + ["laws.example.org"],  # the source, named
        ),
        (  # sources that disagree are flagged, with the alternative
            "",
            "911 Good Samaritan law",
            "Yes",
            ["Sources disagree", "No law", "other.example.net", "ORS 475.898"],
        ),
    ],
)
def test_law_row(client, loaded, query, law, starts, says):
    page = html(client, f"/states/OR/{query}")
    r = row(page, "laws-table", law)
    assert r.startswith(starts)
    for words in says:
        assert words in r
    if query:
        assert 'value="2018-06-01"' in page  # the date stays in the form


def test_no_fact_is_no_data_not_no_law(client, loaded):
    page = html(client, "/states/OR/")
    r = row(page, "laws-table", "Naloxone standing order")
    assert r.startswith("No data") and "does not mean there is no law" in r


def test_chart_has_lines_gaps_markers_and_a_table(client, loaded):
    page = html(client, "/states/OR/")
    svg = re.search(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="line-chart".*?</svg>',
        page,
        re.S,
    )[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for key in ["drug-overdose-deaths", "synthetic-opioids", "heroin", "US"]:
        assert f'data-key="{key}"' in svg
    heroin = re.search(r'data-key="heroin">(.*?)</g>', svg, re.S)[1]
    assert heroin.count("<path") == 2  # broken at the suppressed month
    markers = re.search(r'<ol class="chart-markers".*?</ol>', page, re.S)[0]
    assert (
        "July 1, 2019" in markers and "Drug possession penalty: Misdemeanor" in markers
    )
    assert "2017" not in markers  # outside the chart's range
    table = chart_table(page)
    assert table["June 2019"]["Oregon: Heroin"] == "Suppressed (fewer than 10 deaths)"


def test_suppressed_latest_value_is_shown_as_such(client, loaded):
    page = html(client, "/states/OR/")
    r = row(page, "od-table", "Heroin")
    assert "Suppressed (fewer than 10 deaths)" in r
    assert "Latest published: 31 deaths" in r and "November 2019" in r
    assert " 0 " not in f" {r} "
    r = row(page, "od-table", "Cocaine")
    assert "No data" in r and " 0 " not in f" {r} "


def test_dc_arrests_not_usable_with_the_reason(client, loaded):
    page = html(client, "/states/DC/")
    r = row(page, "arrests-table", "2016")
    assert "Not usable" in r and "transit police only" in r
    assert "328" in r  # the published count stays visible


def test_low_coverage_flagged(client, loaded):
    page = html(client, "/states/OR/")
    assert "Low coverage" in row(page, "arrests-table", "2015")
    assert "Low coverage" not in row(page, "arrests-table", "2016")


def test_every_number_equals_the_api(client, loaded):
    page = html(client, "/states/OR/")
    series = client.get("/api/v1/states/OR/overdose").json()["data"]
    last = series[-1]
    r = row(page, "od-table", "All drugs")
    assert r.startswith("December 2019")
    assert f"{last['reported']:,}" in r and f"{last['rate_per_100k']:,.1f}" in r
    assert f"{last['predicted']:,}" in r
    assert f"{last['predicted_rate_per_100k']:,.1f}" in r
    rates = client.get("/api/v1/rates/overdose").json()["data"]
    oregon = next(x for x in rates if x["state"] == "OR")
    assert oregon["rate_per_100k"] == last["rate_per_100k"]
    summary = text(re.search(r'<dl class="summary">(.*?)</dl>', page, re.S)[1])
    assert f"{oregon['rate_per_100k']:,.1f} per 100,000" in summary
    assert (
        f"{oregon['deaths']:,} deaths in the 12 months ending December 2019" in summary
    )
    # the chart's table: every period of every line
    table = chart_table(page)
    for drug, label in [("drug-overdose-deaths", "All drugs"), ("heroin", "Heroin")]:
        points = client.get(f"/api/v1/states/OR/overdose?indicator={drug}").json()
        for p in points["data"]:
            period = dt.datetime.strptime(p["period_end"], "%Y-%m")
            cell = table[f"{period:%B %Y}"][f"Oregon: {label}"]
            if p["rate_per_100k"] is None:
                assert cell.startswith("Suppressed")
            else:
                assert cell == f"{p['rate_per_100k']:,.1f}"
    us = client.get("/api/v1/states/US/overdose").json()["data"]
    for p in us:
        period = dt.datetime.strptime(p["period_end"], "%Y-%m")
        assert table[f"{period:%B %Y}"]["United States: all drugs"] == (
            f"{p['rate_per_100k']:,.1f}"
        )
    # law facts
    facts = client.get("/api/v1/facts?topic=possession-class&state=OR").json()["data"]
    assert facts[0]["category"] == "misdemeanor"
    assert "Misdemeanor" in summary
    # arrests
    for year in (2015, 2016):
        api = client.get(f"/api/v1/rates/arrests?year={year}").json()["data"]
        a = next(x for x in api if x["state"] == "OR")
        r = row(page, "arrests-table", str(year))
        assert f"{a['arrests']:,}" in r and f"{a['rate_per_100k']:,.1f}" in r
        assert f"{a['coverage']:.0%}" in r and f"{a['agencies']:,}" in r
    assert f"{a['rate_per_100k']:,.1f} per 100,000" in summary


def test_download_links_answer(client, loaded):
    page = html(client, "/states/OR/?date=2020-01-01")
    section = re.search(r'<section id="downloads".*?</section>', page, re.S)[0]
    links = [unescape(u) for u in re.findall(r'href="([^"]+)"', section)]
    api = [u for u in links if u.startswith("/api/v1/states/OR/")]
    assert "/api/v1/states/OR/facts?date=2020-01-01&format=csv" in api
    assert "/api/v1/states/OR/arrests?format=csv" in api
    assert "/api/v1/states/OR/overdose?indicator=heroin&format=csv" in api
    for url in api:
        assert client.get(url).status_code == 200, url


def test_state_page_query_count_is_bounded(
    client, loaded, django_assert_max_num_queries
):
    client.get("/states/OR/")  # warm the class-break cache
    with django_assert_max_num_queries(STATE_PAGE_MAX_QUERIES):
        get(client, "/states/OR/")
    with django_assert_max_num_queries(STATE_PAGE_MAX_QUERIES):
        get(client, "/states/DC/?date=2018-01-01")


def test_pages_work_with_an_empty_database(client):
    for url in ["/states/", "/states/OR/", "/compare/", "/compare/?states=OR,WA"]:
        page = html(client, url)
        no_other_hosts(page)
    page = html(client, "/states/OR/")
    assert "No data" in page


def test_pages_are_cacheable(client, loaded):
    resp = get(client, "/states/OR/")
    assert "max-age=300" in resp["Cache-Control"]


# -- /compare/ -----------------------------------------------------------------------


def test_compare_without_states_is_a_form(client, loaded):
    page = html(client, "/compare/")
    boxes = re.findall(r'<input type="checkbox" name="states" value="([A-Z]{2})"', page)
    assert len(boxes) == 51
    assert page.count('<label for="st-') == 51
    assert "compare-table" not in page
    no_other_hosts(page)


def test_compare_three_states(client, loaded):
    page = html(client, "/compare/?states=OR,WA,DC")
    table = re.search(r'<table class="compare-table">.*?</table>', page, re.S)[0]
    heads = re.findall(r'<th scope="col"><a href="/states/([A-Z]{2})/">', table)
    assert heads == ["OR", "WA", "DC"]
    assert table.count('<th scope="row">') == len(layers.LAYERS)
    # the overdose layer shows the same rate as the API
    rates = {x["state"]: x for x in client.get("/api/v1/rates/overdose").json()["data"]}
    od = re.search(r'<th scope="row">Overdose death rate.*?</tr>', table, re.S)[0]
    for st in ("OR", "WA", "DC"):
        assert f"{rates[st]['rate_per_100k']:,.1f} per 100,000" in text(od)
    # the chart: one line per state plus the U.S.
    svg = re.search(
        r'<svg xmlns="http://www.w3.org/2000/svg" class="line-chart".*?</svg>',
        page,
        re.S,
    )[0]
    for key in ["OR", "WA", "DC", "US"]:
        assert f'data-key="{key}"' in svg
    labels = re.search(r'<g class="end-labels".*?</g>', svg, re.S)[0]
    assert "Oregon" in labels and ">DC<" in labels  # long names: the postal code
    assert len(set(re.findall(r'stroke-dasharray="([^"]+)"', labels))) == 3
    assert "Sources disagree" in page  # OR's Good Samaritan law
    no_other_hosts(page)


def test_compare_accepts_repeated_params_any_case_without_repeats(client, loaded):
    page = html(client, "/compare/?states=or&states=WA,or&states=wa")
    table = re.search(r'<table class="compare-table">.*?</table>', page, re.S)[0]
    assert re.findall(r'<a href="/states/([A-Z]{2})/">', table) == ["OR", "WA"]
    assert 'value="OR" id="st-OR" checked' in page


def test_compare_too_many_states_is_a_message(client, loaded):
    page = html(client, "/compare/?states=OR,WA,ID,CA,NV,AZ,UT")
    assert "You chose 7 states" in page and "up to 6" in page
    assert "compare-table" not in page
    assert page.count(" checked>") == 7  # the choice is kept for the reader


def test_compare_unknown_codes_are_listed(client, loaded):
    page = html(client, "/compare/?states=OR,ZZ,US,x1")
    assert "These codes are not a U.S. state or DC: ZZ, US, x1." in page
    assert "compare-table" in page  # Oregon is still shown


@pytest.mark.parametrize(
    "query",
    [
        "states=",
        "states=,,,",
        "states=" + "A" * 5000,
        "states=" + ",".join(["OR"] * 200),
        "states=" + ",".join(f"Z{i}" for i in range(100)),
        "states=OR&date=nope",
        "states=OR&date=2019-02-29",
        "states=%F0%9F%92%A5",
    ],
)
def test_compare_weird_input_never_500(client, loaded, query):
    resp = client.get(f"/compare/?{query}")
    assert resp.status_code == 200
    no_other_hosts(resp.content.decode())


def test_compare_query_count_is_bounded(client, loaded, django_assert_max_num_queries):
    url = "/compare/?states=OR,WA,DC,ID,CA,NV"
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        get(client, url)


# -- the real data -------------------------------------------------------------------


@pytest.fixture
def real(data_dir, db):
    call_command("ingest", "--all", "--data-dir", str(data_dir), "--no-progress")


@pytest.mark.realdata
def test_real_oregon_page_equals_the_api(client, real, django_assert_max_num_queries):
    client.get("/states/OR/")
    with django_assert_max_num_queries(STATE_PAGE_MAX_QUERIES):
        page = html(client, "/states/OR/")
    # latest all-drug 12-month count and rate
    series = client.get("/api/v1/states/OR/overdose").json()["data"]
    last = series[-1]
    rates = client.get("/api/v1/rates/overdose").json()["data"]
    oregon = next(x for x in rates if x["state"] == "OR")
    assert oregon["deaths"] == last["reported"]
    r = row(page, "od-table", "All drugs")
    period = dt.datetime.strptime(last["period_end"], "%Y-%m")
    assert r.startswith(f"{period:%B %Y}")
    assert f"{last['reported']:,}" in r and f"{oregon['rate_per_100k']:,.1f}" in r
    assert f"{last['predicted']:,}" in r
    # synthetic opioids come from a newer release; the row says which
    synth = client.get("/api/v1/states/OR/overdose?indicator=synthetic-opioids").json()
    r = row(page, "od-table", "Synthetic opioids (mostly fentanyl)")
    period = dt.datetime.strptime(synth["data"][-1]["period_end"], "%Y-%m")
    assert r.startswith(f"{period:%B %Y}")
    # every chart value
    table = chart_table(page)
    for p in series:
        period = dt.datetime.strptime(p["period_end"], "%Y-%m")
        cell = table[f"{period:%B %Y}"]["Oregon: All drugs"]
        assert cell == (
            f"{p['rate_per_100k']:,.1f}" if p["rate_per_100k"] is not None else cell
        )
    # possession class
    facts = client.get("/api/v1/facts?topic=possession-class&state=OR").json()["data"]
    label = topic_label("possession-class", facts[0]["category"])
    assert row(page, "laws-table", "Drug possession penalty").startswith(label)
    # arrest rate, 2016
    api = client.get("/api/v1/rates/arrests?year=2016").json()["data"]
    a = next(x for x in api if x["state"] == "OR")
    r = row(page, "arrests-table", "2016")
    assert f"{a['arrests']:,}" in r and f"{a['rate_per_100k']:,.1f}" in r
    # the law markers: Oregon's 2024 recriminalization is on the chart
    markers = re.search(r'<ol class="chart-markers".*?</ol>', page, re.S)[0]
    assert "September 1, 2024" in markers
    no_other_hosts(page)


@pytest.mark.realdata
def test_real_every_state_page_and_a_full_compare(client, real):
    for st in layers.states():
        page = html(client, f"/states/{st.postal}/")
        assert f"<h1>{st.name}</h1>" in page
    page = html(client, "/states/DC/")
    assert "Not usable" in row(page, "arrests-table", "2016")
    html(client, "/compare/?states=OR,WA,ID,NY,WV,DC")
