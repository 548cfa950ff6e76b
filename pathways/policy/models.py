from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Topic(models.Model):
    """A kind of law or policy fact, e.g. lowest-level possession offense class."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=40, db_index=True)
    categories = models.JSONField(
        default=list,
        blank=True,
        help_text="Ordered map classes, e.g. not-criminalized, misdemeanor, …",
    )
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["group", "sort", "slug"]

    def __str__(self) -> str:
        return self.name


class PolicyFactQuerySet(models.QuerySet["PolicyFact"]):
    def for_topic(self, topic: Topic | str) -> PolicyFactQuerySet:
        if isinstance(topic, str):
            return self.filter(topic__slug=topic)
        return self.filter(topic=topic)

    def for_state(self, state) -> PolicyFactQuerySet:
        return self.filter(state=state)

    def current(self) -> PolicyFactQuerySet:
        """Facts not rejected by a data steward."""
        return self.exclude(review="rejected")

    def in_effect_on(self, date: dt.date) -> PolicyFactQuerySet:
        """Facts that hold on ``date``: started on or before it (or start unknown)
        and not ended before it. Facts with an unknown start are kept; callers
        show their as-of date so readers can judge."""
        return self.filter(
            Q(effective_date__isnull=True) | Q(effective_date__lte=date),
            Q(end_date__isnull=True) | Q(end_date__gte=date),
        )


class PolicyFact(models.Model):
    """One statement about a state's law from one source, with the dates it holds.

    Several rows for one (state, topic) are either the law's history (different
    effective dates) or sources that disagree (same dates, different values):
    both stay visible."""

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"
        UNKNOWN = "unknown", "Unknown"

    class Confidence(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"
        UNRATED = "", "Not rated (bulk dataset)"

    state = models.ForeignKey(
        "places.State", on_delete=models.PROTECT, related_name="policy_facts"
    )
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="facts")
    source = models.ForeignKey(
        "core.Source", on_delete=models.PROTECT, related_name="policy_facts"
    )
    value = models.CharField(max_length=300, help_text="As the source states it")
    category = models.CharField(
        max_length=40, blank=True, db_index=True, help_text="Normalized map class"
    )
    effective_date = models.DateField(null=True, blank=True)
    effective_precision = models.CharField(
        max_length=7, choices=Precision.choices, default=Precision.UNKNOWN
    )
    effective_text = models.CharField(
        max_length=200, blank=True, help_text="Effective date as the source gives it"
    )
    end_date = models.DateField(null=True, blank=True)
    citation = models.CharField(max_length=300, blank=True)
    as_of = models.CharField(max_length=200, blank=True)
    as_of_date = models.DateField(null=True, blank=True)
    confidence = models.CharField(
        max_length=6, choices=Confidence.choices, blank=True, default=""
    )
    evidence = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    origin = models.CharField(max_length=120, blank=True)

    class Review(models.TextChoices):
        NONE = "", "Not reviewed"
        PREFERRED = "preferred", "Preferred by a data steward"
        REJECTED = "rejected", "Rejected by a data steward"

    # A data steward's decision when sources disagree. Ingest never writes these
    # columns (db_default), so a re-run keeps the decision.
    review = models.CharField(
        max_length=10, choices=Review.choices, blank=True, default="", db_default=""
    )
    review_note = models.TextField(
        blank=True, default="", db_default="", help_text="Why (shown to stewards)"
    )

    objects = PolicyFactQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["end_date"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["state", "topic", "source", "value", "effective_text"],
                name="policyfact_unique",
            )
        ]
        indexes = [
            models.Index(fields=["topic", "state"], name="fact_topic_state_idx"),
            models.Index(
                fields=["state", "topic", "effective_date"], name="fact_dates_idx"
            ),
        ]
        ordering = ["state", "topic", "effective_date"]

    def __str__(self) -> str:
        return f"{self.state.postal} {self.topic.slug}: {self.value}"
