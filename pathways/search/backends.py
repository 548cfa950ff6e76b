"""One search interface, two engines: SQLite FTS5 and PostgreSQL full-text search.

User input never reaches either engine's query syntax: ``terms()`` keeps only
word characters, and each engine gets those words quoted (FTS5 ``"word"*``,
PostgreSQL ``'word':*`` in a raw tsquery), so quotes, ``*``, ``NEAR``,
``AND``/``OR``/``NOT``, parentheses or markup are searched as words or dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .index import FTS_TABLE, MARK_CLOSE, MARK_OPEN
from .models import SearchDocument

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
MAX_TERM_CHARS = 60
PREFIX_MIN = 3  # shorter words match whole words only ("OR" is not "Oregon")

_WORD = re.compile(r"\w+", re.UNICODE)


def terms(q: str) -> list[str]:
    """The words of a query, lower-cased, de-duplicated, at most MAX_TERMS."""
    seen: list[str] = []
    for word in _WORD.findall(q.lower()):
        word = word.strip("_")[:MAX_TERM_CHARS]
        if word and word not in seen:
            seen.append(word)
    return seen[:MAX_TERMS]


def highlight(text: str) -> SafeString:
    """Escape engine output, then turn our private-use markers into <mark>."""
    text = text or ""
    if text.count(MARK_OPEN) != text.count(MARK_CLOSE):
        text = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    html = escape(text).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our markers become tags


@dataclass(frozen=True)
class Hit:
    kind: str
    url: str
    title_html: SafeString
    snippet_html: SafeString


class SqliteBackend:
    name = "sqlite-fts5"

    def __init__(self, words: list[str]):
        self.match = " ".join(
            f'"{w}"' + ("*" if len(w) >= PREFIX_MIN else "") for w in words
        )

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                [self.match],
            )
            return cursor.fetchone()[0]

    def hits(self, offset: int, limit: int) -> list[Hit]:
        doc = SearchDocument._meta.db_table
        sql = (
            f"SELECT d.kind, d.url, "
            f"highlight({FTS_TABLE}, 0, char(57344), char(57345)), "
            f"snippet({FTS_TABLE}, 1, char(57344), char(57345), '…', 30) "
            f"FROM {FTS_TABLE} JOIN {doc} d ON d.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s "
            f"ORDER BY bm25({FTS_TABLE}, 10.0, 1.0, 8.0), d.id LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match, limit, offset])
            rows = cursor.fetchall()
        return [Hit(k, u, highlight(t), highlight(s)) for k, u, t, s in rows]


class PostgresBackend:
    name = "postgresql"

    def __init__(self, words: list[str]):
        from django.contrib.postgres.search import SearchQuery

        raw = " & ".join(
            f"'{w}'" + (":*" if len(w) >= PREFIX_MIN else "") for w in words
        )
        # English stems ("decriminalization" ~ "decriminalize"); "simple" keeps
        # names and postal codes that English drops as stop words ("OR", "IN").
        self.query = SearchQuery(raw, search_type="raw", config="english") | (
            SearchQuery(raw, search_type="raw", config="simple")
        )

    @cached_property
    def queryset(self):
        from django.contrib.postgres.search import SearchRank, SearchVector

        vector = (
            SearchVector("title", config="english", weight="A")
            + SearchVector("title", config="simple", weight="A")
            + SearchVector("keywords", config="simple", weight="A")
            + SearchVector("body", config="english", weight="B")
        )
        return (
            SearchDocument.objects.annotate(document=vector)
            .filter(document=self.query)
            .annotate(rank=SearchRank(vector, self.query))
        )

    def count(self) -> int:
        return self.queryset.count()

    def hits(self, offset: int, limit: int) -> list[Hit]:
        from django.contrib.postgres.search import SearchHeadline

        opts = {"config": "english", "start_sel": MARK_OPEN, "stop_sel": MARK_CLOSE}
        rows = (
            self.queryset.annotate(
                title_hl=SearchHeadline(
                    "title", self.query, highlight_all=True, **opts
                ),
                body_hl=SearchHeadline(
                    "body",
                    self.query,
                    max_words=35,
                    min_words=15,
                    fragment_delimiter=" … ",
                    **opts,
                ),
            )
            .order_by("-rank", "id")
            .values_list("kind", "url", "title_hl", "body_hl")[offset : offset + limit]
        )
        return [Hit(k, u, highlight(t), highlight(b)) for k, u, t, b in rows]


def backend_for(words: list[str]):
    if connection.vendor == "postgresql":
        return PostgresBackend(words)
    return SqliteBackend(words)


class Results:
    """What Django's Paginator needs: count() and slicing, each one query."""

    def __init__(self, words: list[str]):
        self.backend = backend_for(words)

    @cached_property
    def _count(self) -> int:
        return self.backend.count()

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, item):
        if isinstance(item, slice):
            start = item.start or 0
            stop = self._count if item.stop is None else item.stop
            return self.backend.hits(start, max(stop - start, 0))
        return self.backend.hits(item, 1)[0]


def search(q: str) -> Results | None:
    """Results for a query (lazy), or None when it has no words to search for."""
    from . import index

    words = terms(q)
    if not words:
        return None
    index.ensure_fresh()
    return Results(words)
