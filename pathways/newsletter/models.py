"""Newsletter subscribers: double opt-in, consent time, no third-party service."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

validate_zip = RegexValidator(
    r"^\d{5}$", _("Enter a 5-digit ZIP code, or leave it empty.")
)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    # Stored lower-cased (services.normalize_email); unique whatever the case.
    email = models.EmailField(max_length=254)
    zip = models.CharField("ZIP", max_length=5, blank=True, validators=[validate_zip])
    interests = models.ManyToManyField(
        "library.IssueArea", related_name="subscribers", blank=True
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    consent_at = models.DateTimeField(
        _("consent given"), null=True, blank=True, help_text=_("When they confirmed.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_mailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Raised on every sign-up and unsubscribe: older confirmation links stop working.
    token_version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.email
