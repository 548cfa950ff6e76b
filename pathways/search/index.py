"""Keeping the search index in step with the content.

The index rebuilds itself lazily: every search first reads a fingerprint of the
source tables (row counts, newest ``updated_at``, how many items are published as
of now) in one query and rebuilds when it differs from the one stored at the last
build. So a seed, an ingest, an admin edit or a scheduled item going live shows up
in the next search with no hook to call; ``manage.py search_index`` rebuilds on
demand (e.g. after a deploy, so no visitor waits for the first build)."""

from __future__ import annotations

import re

from django.db import connection, transaction
from django.utils import timezone

from pathways.library.models import IssueArea, Resource, Section, Status
from pathways.places.models import State

from .models import SearchDocument, SearchIndexState

FTS_TABLE = "search_fts"
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, body, keywords, content='search_searchdocument', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
# Private-use characters mark highlights; they are removed from indexed text so
# content can never forge a highlight (see highlight.py).
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_BULLET = re.compile(r"^\s*- ", re.MULTILINE)


def _clean(text: str) -> str:
    """Drop our highlight markers and the "- " of plain-text bullet lists."""
    text = (text or "").replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    return _BULLET.sub("", text)


def _fingerprint_sql() -> str:
    res = Resource._meta.db_table
    area = IssueArea._meta.db_table
    sec = Section._meta.db_table
    state = State._meta.db_table
    pub = "status = %s AND publish_at <= %s"
    return (
        "SELECT "
        f"(SELECT COUNT(*) FROM {res}), (SELECT MAX(updated_at) FROM {res}), "
        f"(SELECT COUNT(*) FROM {res} WHERE {pub}), "
        f"(SELECT COUNT(*) FROM {area}), (SELECT MAX(updated_at) FROM {area}), "
        f"(SELECT COUNT(*) FROM {area} WHERE {pub}), "
        f"(SELECT COUNT(*) FROM {sec}), (SELECT MAX(id) FROM {sec}), "
        f"(SELECT COUNT(*) FROM {state}), (SELECT MAX(id) FROM {state}), "
        f"(SELECT fingerprint FROM {SearchIndexState._meta.db_table} WHERE id = 1)"
    )


def _read_fingerprint() -> tuple[str, str | None]:
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _fingerprint_sql(), [Status.PUBLISHED, now, Status.PUBLISHED, now]
        )
        row = cursor.fetchone()
    return "|".join(str(v) for v in row[:-1]), row[-1]


def _documents() -> list[SearchDocument]:
    docs: list[SearchDocument] = []
    for area in IssueArea.objects.published().prefetch_related("sections"):
        parts = [area.summary] + [f"{s.heading}. {s.text}" for s in area.sections.all()]
        docs.append(
            SearchDocument(
                kind="issue",
                ref_id=area.pk,
                title=_clean(area.title),
                body=_clean("\n".join(parts)),
                keywords=_clean(area.slug.replace("-", " ")),
                url=area.get_absolute_url(),
                language=area.language,
            )
        )
    resources = Resource.objects.published().prefetch_related("tags", "issue_areas")
    for res in resources:
        parts = [
            res.summary,
            res.body,
            " ".join(res.author_list),
            res.publisher,
            res.dateline,
        ]
        tags = " ".join(t.name for t in res.tags.all())
        docs.append(
            SearchDocument(
                kind=res.type,
                ref_id=res.pk,
                title=_clean(res.title)[:300],
                body=_clean("\n".join(p for p in parts if p)),
                keywords=_clean(f"{tags} {res.isbn}".strip())[:300],
                url=res.get_absolute_url(),
                language=res.language,
            )
        )
    for state in State.objects.states_and_dc():
        docs.append(
            SearchDocument(
                kind=state.kind,
                ref_id=state.pk,
                title=state.name,
                body=(
                    f"{state.name}: drug laws, harm-reduction laws, overdose deaths "
                    "and drug arrests, with their sources."
                ),
                keywords=state.postal,
                url=f"/states/{state.postal}/",
            )
        )
    return docs


def rebuild(*, fingerprint: str | None = None) -> int:
    """Rebuild the whole index (a few hundred rows: milliseconds). Returns rows."""
    with transaction.atomic():
        if fingerprint is None:
            fingerprint, _ = _read_fingerprint()
        docs = _documents()
        SearchDocument.objects.all().delete()
        SearchDocument.objects.bulk_create(docs, batch_size=200)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(CREATE_FTS)
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"
                )
        SearchIndexState.objects.update_or_create(
            pk=1, defaults={"fingerprint": fingerprint, "built_at": timezone.now()}
        )
    return len(docs)


def ensure_fresh() -> bool:
    """Rebuild if the content changed since the last build; True if it did."""
    current, stored = _read_fingerprint()
    if current == stored:
        return False
    rebuild(fingerprint=current)
    return True
