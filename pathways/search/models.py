"""The search index: one row per searchable thing (issue area, published resource,
state). Rebuilt from the library and places tables by ``index.rebuild()``; on
SQLite an FTS5 table (``search_fts``, external content = this table) indexes it,
on PostgreSQL the full-text vector is computed from it at query time."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    # "issue", a resource type ("book", "article", ...), "state" or "district"
    kind = models.CharField(max_length=20)
    ref_id = models.BigIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    keywords = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=300)
    language = models.CharField(max_length=2, default="en")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class SearchIndexState(models.Model):
    """A single row: the fingerprint of the source tables the index was built from."""

    fingerprint = models.CharField(max_length=500)
    built_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"search index built {self.built_at:%Y-%m-%d %H:%M}"
