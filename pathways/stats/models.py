from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q


class Indicator(models.Model):
    """A measure published for places over time, e.g. 12-month-ending drug
    overdose deaths involving synthetic opioids (VSRR), or resident population."""

    class Unit(models.TextChoices):
        DEATHS = "deaths", "deaths"
        PERSONS = "persons", "persons"
        ARRESTS = "arrests", "arrests"
        AGENCIES = "agencies", "agencies"
        PERCENT = "percent", "percent"
        RATE_100 = "per-100", "per 100 persons"
        RATE_100K = "per-100k", "per 100,000 persons"

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    official_label = models.CharField(
        max_length=200, blank=True, help_text="The label in the publisher's file"
    )
    topic = models.CharField(max_length=40, db_index=True)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    description = models.TextField(blank=True)
    sort = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["topic", "sort", "slug"]

    def __str__(self) -> str:
        return self.name


class ObservationQuerySet(models.QuerySet["Observation"]):
    def for_indicator(self, indicator: Indicator | str) -> ObservationQuerySet:
        if isinstance(indicator, str):
            return self.filter(indicator__slug=indicator)
        return self.filter(indicator=indicator)

    def for_place(self, place) -> ObservationQuerySet:
        return self.filter(place=place)

    def between(
        self, start: dt.date | None = None, end: dt.date | None = None
    ) -> ObservationQuerySet:
        qs = self
        if start:
            qs = qs.filter(period_end__gte=start)
        if end:
            qs = qs.filter(period_end__lte=end)
        return qs

    def with_values(self) -> ObservationQuerySet:
        return self.filter(Q(value__isnull=False) | Q(predicted__isnull=False))


class Observation(models.Model):
    """One published value for one place, indicator and period, from one source.

    Suppressed or missing values are rows with ``value`` NULL and a ``status`` that
    says why, never zero."""

    class Period(models.TextChoices):
        MONTH = "month", "Calendar month"
        TWELVE_MONTHS = "12mo", "12 months ending"
        YEAR = "year", "Calendar year"
        DATE = "date", "As of a date"

    class Status(models.TextChoices):
        OK = "ok", "Published"
        SUPPRESSED = "suppressed", "Suppressed by the publisher (small count)"
        LOW_QUALITY = "low-quality", "Not shown due to low data quality"
        MISSING = "missing", "Not in the source"
        NOT_USABLE = "not-usable", "Published but not usable"

    # No single-column indexes on indicator and place: every query the site makes
    # filters by indicator, which the composite indexes below lead with (fewer
    # indexes to maintain on a bulk load; deleting a State is never done).
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    place = models.ForeignKey(
        "places.State",
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    source = models.ForeignKey(
        "core.Source", on_delete=models.PROTECT, related_name="observations"
    )
    period_type = models.CharField(max_length=5, choices=Period.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.FloatField(null=True, blank=True)
    predicted = models.FloatField(
        null=True,
        blank=True,
        help_text="Publisher's value adjusted for reporting delay",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OK)
    percent_complete = models.FloatField(null=True, blank=True)
    percent_pending = models.FloatField(null=True, blank=True)
    footnote = models.TextField(blank=True)
    footnote_symbol = models.CharField(max_length=10, blank=True)
    note = models.TextField(
        blank=True, help_text="Pathways' note (coverage, derivation)"
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "place", "source", "period_start", "period_end"],
                name="observation_unique_per_period",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False)
                | ~Q(status="ok")
                | Q(predicted__isnull=False),
                name="observation_ok_has_value",
            ),
        ]
        # A series (indicator, place, source, by period) is served by the unique
        # constraint's index; a map (indicator, one period, every place) by this one.
        indexes = [
            models.Index(fields=["indicator", "period_end"], name="obs_period_idx"),
        ]
        ordering = ["indicator", "place", "period_end"]

    def __str__(self) -> str:
        return (
            f"{self.indicator.slug} {self.place.postal} {self.period_end}: {self.value}"
        )
