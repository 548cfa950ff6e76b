"""Treatment facilities for the service finder (SAMHSA National Directories).

A facility's services are its SAMHSA codes, kept as one space-delimited string
(``codes``: " BU MD OP SA ", sorted, padded with spaces) rather than a
many-to-many table. Filters are "has any of these codes" per group, and every
search is first narrowed by an indexed latitude/longitude box, so the token
match (``codes LIKE '% BU %'``) runs on a few hundred rows; the same works on
SQLite and PostgreSQL, and one row per facility keeps the ingest at seconds
instead of loading ~1.4 million through-table rows. ``ServiceCode`` holds what
each code means (from the official definitions file plus the reviewed table in
``codes.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import codes as code_table


class DirectoryType(models.TextChoices):
    SUBSTANCE = code_table.SUBSTANCE, "Substance use treatment directory"
    MENTAL = code_table.MENTAL, "Mental health treatment directory"


class ServiceCode(models.Model):
    """One SAMHSA service code of one directory, with its plain-language labels."""

    directory_type = models.CharField(max_length=10, choices=DirectoryType.choices)
    code = models.CharField(max_length=10)
    official_label = models.CharField(
        max_length=300, help_text="As in SAMHSA's code definitions file"
    )
    group = models.CharField(max_length=30, db_index=True, help_text="Filter group")
    value = models.CharField(max_length=60, help_text="Filter value (slug)")
    label_en = models.CharField(max_length=300)
    label_es = models.CharField(max_length=300)
    sort = models.PositiveIntegerField(default=0, help_text="Order in the file")
    source = models.ForeignKey(
        "core.Source", on_delete=models.PROTECT, related_name="service_codes"
    )

    class Meta:
        ordering = ["directory_type", "sort", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["directory_type", "code"], name="uniq_service_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.directory_type}): {self.label_en}"


class OtpProgram(models.Model):
    """A program in SAMHSA's Opioid Treatment Program Directory, as published."""

    class Certification(models.TextChoices):
        CERTIFIED = "certified", "Certified"
        PROVISIONAL = "provisional", "Provisional certification"

    key = models.CharField(max_length=40, unique=True)
    source = models.ForeignKey(
        "core.Source", on_delete=models.PROTECT, related_name="otp_programs"
    )
    program_name = models.CharField(max_length=300)
    dba = models.CharField("doing business as", max_length=300, blank=True)
    street = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    state_code = models.CharField(max_length=2, db_index=True)
    state = models.ForeignKey(
        "places.State", null=True, blank=True, on_delete=models.PROTECT
    )
    zip = models.CharField(max_length=5, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    certification = models.CharField(max_length=12, choices=Certification.choices)
    full_certification_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["state_code", "city", "program_name"]
        verbose_name = "opioid treatment program"

    def __str__(self) -> str:
        return f"{self.program_name} ({self.city}, {self.state_code})"


class Facility(models.Model):
    """One facility (one row) of SAMHSA's National Directory of substance use or
    mental health treatment facilities."""

    class LocationQuality(models.TextChoices):
        EXACT = "exact", "Exact (matched to a geocoded facility list)"
        APPROXIMATE = "approximate", "Approximate (centre of the ZIP code)"
        NONE = "none", "No location"

    key = models.CharField(
        max_length=40,
        unique=True,
        help_text="Stable key derived from directory type, name, street and ZIP "
        "(see docs/data/samhsa-directory.md)",
    )
    source = models.ForeignKey(
        "core.Source", on_delete=models.PROTECT, related_name="facilities"
    )
    source_record_id = models.CharField(
        max_length=40, help_text="The row's facility_id in the file (not SAMHSA's)"
    )
    # No index of its own: two values, and on SQLite an index here made filtered
    # searches scan half the table instead of the lat/lng box
    # (docs/decisions/0007-finder-search-speed.md).
    directory_type = models.CharField(max_length=10, choices=DirectoryType.choices)
    name = models.CharField(max_length=300)
    name2 = models.CharField(max_length=300, blank=True)
    street1 = models.CharField(max_length=300, blank=True)
    street2 = models.CharField(max_length=300, blank=True)
    address_withheld = models.BooleanField(
        default=False, help_text="The directory prints no street address"
    )
    city = models.CharField(max_length=120)
    state_code = models.CharField(max_length=2, db_index=True)
    state = models.ForeignKey(
        "places.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="Empty for territories Pathways has no place for (GU, MP, VI)",
    )
    zip = models.CharField(max_length=5, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    intake1 = models.CharField(max_length=40, blank=True)
    intake2 = models.CharField(max_length=40, blank=True)
    intake1a = models.CharField(max_length=40, blank=True)
    intake2a = models.CharField(max_length=40, blank=True)
    service_code_info = models.TextField(help_text="As published: groups split by *")
    codes = models.TextField(help_text="Every code, sorted, space-delimited and padded")
    # Searched through the (lat, lng) index of Meta.indexes.
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    location_quality = models.CharField(
        max_length=12, choices=LocationQuality.choices, db_index=True
    )
    location_source = models.CharField(max_length=300, blank=True)
    otp_program = models.ForeignKey(
        OtpProgram,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilities",
        help_text="The matching program of the OTP directory, if any",
    )
    otp_match = models.CharField(
        max_length=20, blank=True, help_text="How otp_program was matched"
    )

    class Meta:
        ordering = ["state_code", "city", "name"]
        verbose_name_plural = "facilities"
        indexes = [
            # The finder's search reads only these columns of the facilities in
            # its lat/lng box: with all of them in the index, the search never
            # reads the (wide) table rows (docs/decisions/0007-finder-search-speed.md).
            models.Index(
                fields=["lat", "lng", "directory_type", "codes", "name"],
                name="facility_search",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city}, {self.state_code})"

    @property
    def code_list(self) -> list[str]:
        return self.codes.split()

    def has_code(self, code: str) -> bool:
        return f" {code} " in self.codes

    @property
    def is_approximate(self) -> bool:
        return self.location_quality == self.LocationQuality.APPROXIMATE

    @property
    def location_note(self) -> str:
        """What a person should read next to the pin."""
        if self.location_quality == self.LocationQuality.APPROXIMATE:
            return "Approximate location"
        if self.location_quality == self.LocationQuality.NONE:
            return "Location unknown"
        return ""

    @property
    def otp_certified(self) -> bool | None:
        """True/False from the OTP directory when matched; None when not listed."""
        if self.otp_program_id is None:
            return None
        return self.otp_program.certification == OtpProgram.Certification.CERTIFIED


class ListingReport(models.Model):
    """A reader's "report a problem with this listing", queued for data stewards.

    The IP address is never stored: ``ip_hash`` is an HMAC of it (see
    ``pathways.core.abuse.hash_address``), used only for the rate limit. The
    contact email is optional and shown to staff only, never on a public page."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("The place has closed")
        WRONG_PHONE = "wrong-phone", _("The phone number is wrong")
        WRONG_ADDRESS = "wrong-address", _("The address is wrong")
        WRONG_SERVICES = "wrong-services", _("The services listed are wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in-progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        DISMISSED = "dismissed", "Dismissed"

    facility = models.ForeignKey(
        Facility, on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    details = models.TextField(max_length=2000, blank=True, help_text="Plain text")
    contact_email = models.EmailField(
        blank=True, help_text="Optional; staff only, never shown publicly"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_hash = models.CharField(
        max_length=64, blank=True, help_text="HMAC-SHA256 of the IP address"
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed the status",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.facility.name}"
