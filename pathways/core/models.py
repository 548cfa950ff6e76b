from __future__ import annotations

from django.db import models


class Source(models.Model):
    """Where a figure or a fact came from. Every stored value points at one."""

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Official publication"
        SECONDARY = "secondary", "Secondary source (press, legal explainer, advocacy)"
        DERIVED = "derived", "Derived by a third party from an official source"

    slug = models.SlugField(max_length=80, unique=True)
    publisher = models.CharField(max_length=300)
    dataset = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OFFICIAL)
    url = models.URLField(max_length=500, blank=True, help_text="Official download URL")
    landing_url = models.URLField(max_length=500, blank=True)
    vintage = models.CharField(
        max_length=120,
        blank=True,
        help_text="Release or vintage, as the publisher names it",
    )
    as_of = models.DateField(null=True, blank=True, help_text="Data current as of")
    retrieved = models.DateField(null=True, blank=True)
    license = models.CharField(max_length=200, blank=True)
    citation = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    doc = models.CharField(max_length=200, blank=True, help_text="Pathways' page on it")

    class Meta:
        ordering = ["publisher", "dataset", "slug"]

    def __str__(self) -> str:
        label = f"{self.publisher}: {self.dataset}"
        return f"{label} ({self.vintage})" if self.vintage else label

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.slug,
            "publisher": self.publisher,
            "dataset": self.dataset,
            "kind": self.kind,
            "url": self.url,
            "landing_url": self.landing_url,
            "vintage": self.vintage,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "retrieved": self.retrieved.isoformat() if self.retrieved else None,
            "license": self.license,
            "notes": self.notes,
        }
