from __future__ import annotations

from django.db import models


class ImportRun(models.Model):
    """One run of one ingest source over one file: what it read and changed."""

    class Status(models.TextChoices):
        OK = "ok", "Loaded"
        DRY_RUN = "dry-run", "Dry run (rolled back)"
        SKIPPED = "skipped", "Skipped: file unchanged since the last load"
        REJECTED = "rejected", "Rejected: nothing changed"

    source_slug = models.SlugField(max_length=80, db_index=True)
    path = models.CharField(max_length=500)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file(s)")
    parser_version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    read = models.PositiveIntegerField(default=0)
    inserted = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["source_slug", "status", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.source_slug} {self.started_at:%Y-%m-%d %H:%M} {self.status}"
