"""Site search on whichever database runs the tests (SQLite FTS5 or PostgreSQL)."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection

from pathways.library.models import Resource, ResourceType, Status
from pathways.search import backends, index
from pathways.search.models import SearchDocument
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '""',
    "'",
    "*",
    "harm*",
    "*harm",
    "NEAR",
    "NEAR(harm reduction)",
    "harm NEAR/2 reduction",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "harm AND",
    "NOT harm",
    "(",
    ")",
    "((harm)",
    "harm)",
    "title:harm",
    "{title body}: harm",
    "^harm",
    "harm + - ~",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE search_searchdocument; --",
    "harm & | ! :* <->",
    "\\",
    "%",
    "_",
    "harm_reduction",
    "ß é ü 漢字 🙂",
    "\ue000inject\ue001",
    "a" * 200,
    "a" * 201,
    "harm " * 80,
    " ".join(f"w{i}" for i in range(50)),
    "x" * 5000,
]


@pytest.fixture
def seeded():
    call_command("seed_library", stdout=io.StringIO())


def _html(client, q: str, **params) -> str:
    resp = client.get("/search/", {"q": q, **params})
    assert resp.status_code == 200, (q, resp.status_code)
    return resp.content.decode()


def test_a_seeded_book_is_found_by_a_word_in_its_summary(client, seeded):
    book = Resource.objects.get(slug="over-the-influence")
    assert book.type == ResourceType.BOOK and "weighing" in book.summary
    html = _html(client, "weighing")
    assert f'href="{book.get_absolute_url()}"' in html
    assert "<mark>weighing</mark>" in html.lower() or "<mark>weigh" in html.lower()


def test_a_state_is_found_by_name_and_by_postal_code(client, seeded):
    html = _html(client, "oregon")
    assert 'href="/states/OR/"' in html and "<mark>Oregon</mark>" in html
    assert 'href="/states/OR/"' in _html(client, "OR")
    assert 'href="/states/DC/"' in _html(client, "district of columbia")


def test_issue_areas_match_and_stems_match(client, seeded):
    html = _html(client, "decriminalization")
    assert 'href="/issues/decriminalization/"' in html
    assert "<mark>" in html


def test_drafts_are_not_found_and_edits_show_up_without_a_hook(client, seeded):
    book = Resource.objects.get(slug="over-the-influence")
    assert 'href="/library/over-the-influence/"' in _html(client, "weighing")
    book.status = Status.DRAFT
    book.save()
    assert 'href="/library/over-the-influence/"' not in _html(client, "weighing")
    book.status = Status.PUBLISHED
    book.summary = "A zyzzyvaword guide."
    book.save()
    assert 'href="/library/over-the-influence/"' in _html(client, "zyzzyvaword")


def test_highlight_is_escaped(client, seeded):
    ResourceFactory(
        type=ResourceType.ARTICLE,
        title="<script>alert('quokka')</script> quokka",
        slug="quokka",
        summary='quokka <img src=x onerror=alert(1)> \ue000fake\ue001 "quoted"',
        status=Status.PUBLISHED,
    )
    html = _html(client, "quokka")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    assert "<mark>quokka</mark>" in html.lower()
    assert "<mark>fake</mark>" not in html  # content cannot forge a highlight


def test_highlight_helper():
    assert backends.highlight("a<b \ue000c\ue001") == "a&lt;b <mark>c</mark>"
    assert backends.highlight("\ue000<x>") == "&lt;x&gt;"  # unbalanced: no marks


def test_pagination_keeps_the_query(client, seeded):
    first = _html(client, "harm")
    m = re.search(r"Page 1 of (\d+)", first)
    assert m and int(m.group(1)) >= 2
    assert 'href="/search/?q=harm&amp;page=2"' in first
    second = _html(client, "harm", page=2)
    assert "Page 2 of" in second and 'rel="prev" href="/search/?q=harm"' in second
    assert client.get("/search/", {"q": "harm", "page": 999}).status_code == 404
    assert client.get("/search/", {"q": "harm", "page": "x"}).status_code == 404


def test_empty_too_long_and_wordless_queries(client, seeded):
    assert "keeps no record" in _html(client, "")
    assert "too long" in _html(client, "a" * 201)
    assert "Type one or more words" in _html(client, "*()")
    assert "0 results" in _html(client, "qqqxxyzzynothing")


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_answer_200(client, seeded, q):
    html = _html(client, q)
    assert "<script>alert" not in html and "<img src=x" not in html


def test_search_index_command_and_lazy_rebuild(seeded):
    call_command("search_index", stdout=io.StringIO())
    n = SearchDocument.objects.count()
    assert n >= 51 + 9  # states + DC, issue areas, resources
    assert index.ensure_fresh() is False
    Resource.objects.filter(slug="over-the-influence").update(status=Status.DRAFT)
    assert index.ensure_fresh() is True
    assert SearchDocument.objects.count() == n - 1


def test_backend_matches_the_database():
    name = backends.backend_for(["x"]).name
    assert name == (
        "postgresql" if connection.vendor == "postgresql" else "sqlite-fts5"
    )


def test_query_count_is_constant(client, seeded, django_assert_max_num_queries):
    _html(client, "harm")  # build the index
    for q in ("harm", "harm reduction", "oregon"):
        with django_assert_max_num_queries(4):
            _html(client, q)
