"""/sources/: sources and disclaimer generated from the stored provenance."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from pathways.core.models import Source
from pathways.ingest.models import ImportRun
from pathways.maps import layers
from pathways.policy import selectors as policy
from pathways.policy.models import PolicyFact
from pathways.provenance import page as v
from tests.factories import PolicyFactFactory, SourceFactory

pytestmark = pytest.mark.django_db

# The first request renders every map layer (the law layers from one read of the
# facts in effect, ~15 queries for the overdose and arrest layers and their class
# breaks), then reads the sources, observations, import runs and law facts: 27 on
# the real data (45 before issue 9). The result is cached per import run and day;
# a cached page costs two queries.
COLD_MAX_QUERIES = 35
WARM_MAX_QUERIES = 2
URL = "/sources/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def text_of(html: str) -> str:
    """Visible text with tags removed and whitespace collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row_of(html: str, header: str) -> str:
    """The text of the table row whose row header is ``header``."""
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        m = re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S)
        if m and text_of(m.group(1)) == header:
            return text_of(row)
    raise AssertionError(f"no row {header!r}")


def cells_of(html: str, header: str) -> dict[str, str]:
    """The cells of a row, by their data-label."""
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        m = re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S)
        if m and text_of(m.group(1)) == header:
            return {
                label: text_of(cell)
                for label, cell in re.findall(
                    r'<td[^>]*data-label="([^"]+)"[^>]*>(.*?)</td>', row, flags=re.S
                )
            }
    raise AssertionError(f"no row {header!r}")


def test_url_name():
    assert reverse("provenance:sources") == URL


def test_empty_database_renders(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(COLD_MAX_QUERIES):
        resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    text = text_of(html)
    assert "<h1>Sources and disclaimer</h1>" in html
    assert "information, not legal advice" in text.lower()
    assert "mailto:data@pathways.example" in html
    assert "No data has been loaded yet" in text
    # Every layer is listed, each with every state missing, never an error.
    for spec in layers.LAYERS:
        gap = cells_of(html, spec.name)["Without a value"]
        assert gap.endswith(": all 51"), (spec.slug, gap)
    assert "No overdose figures loaded." in text
    assert "No arrest figures loaded." in text
    assert "0 state and topic pairs" in text
    assert (
        resp["Cache-Control"].startswith("public")
        or "max-age" in (resp["Cache-Control"])
    )


def test_hand_made_sources_and_run(client):
    """A source with no figures and a law source: grouped, linked, counted."""
    SourceFactory(
        slug="ref-list",
        publisher="Example Bureau",
        dataset="Example code list",
        landing_url="https://example.gov/codes",
        license="Public domain",
        notes="A short note.",
    )
    law = SourceFactory(
        slug="law-x",
        publisher="example.org",
        dataset="Web page example.org/law",
        kind=Source.Kind.SECONDARY,
        url="https://example.org/law",
        doc="docs/data/state-laws.md",
    )
    law2 = SourceFactory(
        slug="law-y", publisher="example.net", dataset="Web page example.net/law"
    )
    # Wyoming's possession class (a topic synced after migrate), two ways.
    in_wyoming = {"state__postal": "WY", "topic__slug": "possession-class"}
    felony = PolicyFactFactory(**in_wyoming, source=law, value="Felony")
    low = PolicyFactFactory(
        **in_wyoming, source=law2, value="Misdemeanor", confidence="low"
    )
    assert (felony.category, low.category) == ("felony", "misdemeanor")
    ImportRun.objects.create(
        source_slug="state-laws",
        path="/data/laws/policy_facts.csv",
        checksum="abcdef0123456789" * 4,
        status=ImportRun.Status.OK,
        started_at=dt.datetime(2025, 1, 2, 3, 4, tzinfo=dt.UTC),
    )
    html = client.get(URL).content.decode()
    text = text_of(html)
    assert "compiled from 2 sources" in text
    assert 'id="group-reference"' in html and 'id="ds-ref-list"' in html
    assert 'href="https://example.gov/codes"' in html
    assert "Notes: A short note." in text
    assert "Not loaded by an import run" in text
    assert "abcdef012345" in text and "abcdef0123456" not in text
    assert "policy_facts.csv" in text
    assert "1 state and topic pair of 1 has sources that disagree" in text
    assert "Wyoming, Drug possession penalty" in text
    assert 'href="https://example.org/law"' in html
    assert row_of(html, "Low").endswith(" 1")
    assert row_of(html, "Not rated (bulk dataset)").endswith(" 1")


@pytest.mark.realdata
def test_real_data(client, data_dir, django_assert_max_num_queries):
    call_command("ingest", "--all", "--data-dir", str(data_dir), "--no-progress")
    cache.clear()

    # Speed is measured by bench/, not here; the query budgets hold the work down.
    with django_assert_max_num_queries(COLD_MAX_QUERIES):
        resp = client.get(URL)
    assert resp.status_code == 200
    html = resp.content.decode()
    text = text_of(html)

    with django_assert_max_num_queries(WARM_MAX_QUERIES):
        again = client.get(URL)
    assert again.content == resp.content

    # Disclaimer.
    for phrase in (
        "Information, not legal advice.",
        "Provisional data.",
        "Laws change.",
        "data@pathways.example",
    ):
        assert phrase in text

    # Every source with figures is listed with its publisher, vintage, link and
    # licence; law-fact web sources are grouped.
    law_sources = Source.objects.filter(policy_facts__isnull=False).distinct()
    for src in Source.objects.exclude(pk__in=law_sources):
        assert f'id="ds-{src.slug}"' in html, src.slug
        assert unescape(src.publisher) in text
        if src.vintage:
            assert src.vintage in text
        assert f'href="{src.landing_url or src.url}"' in html
    n_law = law_sources.count()
    assert f"State law and policy facts, compiled from {n_law} sources" in text
    assert f"Every source of law facts ({n_law})" in text

    # Period, values and last import for the VSRR release through July 2024.
    ctx = v.build(dt.date.today())
    vsrr = next(
        d for g in ctx["groups"] for d in g.datasets if d.slug == "cdc-vsrr-2024-07"
    )
    assert vsrr.periods == ["12-month periods ending Jan 2015 to Jul 2024"]
    assert vsrr.values == Source.objects.get(slug=vsrr.slug).observations.count()
    run = ImportRun.objects.filter(
        source_slug="cdc-vsrr", path__endswith="thru2024-07.csv", status="ok"
    ).latest("started_at")
    assert vsrr.run.checksum == run.checksum[:12]
    assert run.checksum[:12] in text

    # Each source's last import is the run of its own file.
    files = {d.slug: d.run.file for g in ctx["groups"] for d in g.datasets if d.run}
    assert files["cdc-vsrr-2026-01"].endswith("thru2026-01.csv")
    assert files["census-pep-v2019"] == "census_nst-est2019_statepop_2010-2019.csv"
    assert files["census-pep-v2024"] == "census_NST-EST2024-POP.xlsx"
    assert files["fbi-arrests-compiled"] == "drug_arrests_by_state.csv"
    assert files["fbi-cius-2016-table22"].startswith("fbi_cius2016_table22")
    assert "naloxone" in files["cdc-naloxone-dispensing-rates"]
    wonder = next(
        d for g in ctx["groups"] for d in g.datasets if d.slug == "cdc-wonder-d176"
    )
    assert wonder.run.files == 7

    # Gaps: map layers (rendered as the map renders them).
    assert (
        "New Hampshire"
        in cells_of(html, "Drug paraphernalia penalty")["Without a value"]
    )
    arrest_layer = cells_of(html, "Drug arrest rate")
    assert (
        "Not usable (1 of 51): District of Columbia" in arrest_layer["Without a value"]
    )
    assert "2016" in arrest_layer["Shown for"]

    # Arrests by year: DC not usable, Illinois low coverage.
    y2016 = cells_of(html, "2016")
    assert y2016["Not usable"] == "District of Columbia"
    assert "Illinois (22.4%)" in y2016["Low coverage"]
    y2010 = cells_of(html, "2010")
    assert "District of Columbia" in y2010["No data"]
    assert "New York (49.5%)" in y2010["Low coverage"]
    y2011 = cells_of(html, "2011")
    assert "Hawaii" in y2011["No data"]

    # Overdose by drug: all drugs complete; single drugs hidden in some states.
    assert (
        "None: every state has every period"
        in cells_of(html, "All drugs")["Not published"]
    )
    assert "South Dakota (115)" in cells_of(html, "Cocaine")["Not published"]

    # How rates are computed, from the stored Census vintages.
    assert "Vintage 2019 (released December 2019) for 2010 to 2019" in text
    assert "Vintage 2024 (released December 2024) for 2020 to 2024" in text
    assert "under 50% of its residents" in text

    # Law facts: counts per confidence and conflicts, as facts_on says today.
    for conf, label in PolicyFact.Confidence.choices:
        n = PolicyFact.objects.filter(confidence=conf).count()
        assert row_of(html, label).endswith(f" {n:,}"), label
    today = policy.facts_on(on=dt.date.today())
    n = sum(1 for x in today if x.alternatives)
    assert n > 0
    assert f"{n} state and topic pairs of {len(today):,} have sources" in text

    # Missing is never shown as zero arrests or zero deaths.
    assert "0 arrests" not in text and " 0 deaths" not in text


def test_page_loads_nothing_from_other_hosts(client):
    html = client.get(URL).content.decode()
    loads = re.compile(
        r"""<(?!a\b)[^>]*\b(?:src|href)=["']?(https?:)?//(?!testserver/)""", re.I
    )
    assert not loads.search(html)
    assert '<link rel="stylesheet" href="/static/css/sources.css">' in html
