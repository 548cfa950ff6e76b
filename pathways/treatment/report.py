"""'Report a problem with this listing': the form and the write.

Spam defenses come from the kit in ``pathways.core.abuse``: a honeypot field
people never see, a signed "form shown at" timestamp (a form sent back in under
``MIN_FILL_SECONDS``, or older than ``FORM_MAX_AGE``, is treated like the
honeypot), and a rate limit
per HMAC-hashed IP address in Django's cache (``RATE_LIMIT`` reports per
``RATE_WINDOW`` seconds). Caught bots see the same thank-you page and nothing
is stored. The IP address itself is never stored."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pathways.core import abuse
from pathways.core.ratelimit import RateLimit

from .models import Facility, ListingReport

RATE_LIMIT = 5
RATE_WINDOW = 60 * 60


class RateLimited(Exception):
    """Too many reports from one (hashed) IP address; try again later."""


class ReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ListingReport.Kind.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=2000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 30}),
        help_text=_(
            "What should the listing say instead? Please do not include "
            "health information about yourself or anyone else. Up to 2,000 characters."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        help_text=_(
            "Only if we may ask you a question about this report. Never "
            "shown on the site."
        ),
    )
    website = abuse.honeypot_field(_("Leave this empty"))
    started = abuse.timer_field()

    def __init__(self, *args, facility: Facility, **kwargs):
        super().__init__(*args, **kwargs)
        self.facility = facility
        if not self.is_bound:
            self.initial["started"] = abuse.form_token(facility.pk)

    def full_clean(self):
        super().full_clean()
        # Point each field with an error at its message (and keep its help).
        for name in self.errors:
            if name not in self.fields:
                continue
            field = self[name]
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            ids = [f"{field.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{field.auto_id}_helptext")
            attrs["aria-describedby"] = " ".join(ids)

    def is_bot(self) -> bool:
        # Any verdict, "expired" included: nothing is stored, the thanks is shown.
        return bool(abuse.form_verdict(self.data, self.facility.pk))


REPORT_RATE = RateLimit("finder-report", limit=RATE_LIMIT, window=RATE_WINDOW)


def rate_limited(ip_hash: str) -> bool:
    return REPORT_RATE.exceeded(ip_hash)


def report_create(form: ReportForm, *, ip_hash: str) -> ListingReport | None:
    """Store a valid report; None when it looks like a bot (nothing stored).
    Raises RateLimited when this address has sent too many lately."""
    if rate_limited(ip_hash):
        raise RateLimited
    REPORT_RATE.hit(ip_hash)
    if form.is_bot():
        return None
    data = form.cleaned_data
    return ListingReport.objects.create(
        facility=form.facility,
        kind=data["kind"],
        details=data["details"],
        contact_email=data["contact_email"],
        ip_hash=ip_hash,
    )
