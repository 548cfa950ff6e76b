from __future__ import annotations

from django.db import models


class StateQuerySet(models.QuerySet["State"]):
    def states_and_dc(self) -> StateQuerySet:
        """The 50 states and the District of Columbia: what the map shows."""
        return self.filter(kind__in=[State.Kind.STATE, State.Kind.DISTRICT])

    def by_code(self, code: str) -> State:
        """Look a jurisdiction up by postal code (any case) or FIPS code."""
        code = code.strip()
        if code.isdigit():
            return self.get(fips=code.zfill(2))
        return self.get(postal=code.upper())


class State(models.Model):
    """A U.S. state, DC, or one of the few other jurisdictions federal files report
    (the nation as a whole, Puerto Rico, and New York City in VSRR)."""

    class Kind(models.TextChoices):
        STATE = "state", "State"
        DISTRICT = "district", "Federal district"
        NATION = "nation", "Nation"
        TERRITORY = "territory", "Territory"
        CITY = "city", "City reported separately"

    fips = models.CharField(max_length=7, unique=True)
    postal = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_state_or_dc(self) -> bool:
        return self.kind in {self.Kind.STATE, self.Kind.DISTRICT}
