from __future__ import annotations

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone

from .models import Subscriber

CSV_FIELDS = ("email", "zip", "interests", "status", "consent_at")


def _cell(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@admin.action(description="Export CSV", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_FIELDS)
    for sub in queryset.prefetch_related("interests").order_by("email"):
        writer.writerow(
            [
                _cell(sub.email),
                sub.zip,
                _cell("; ".join(a.title for a in sub.interests.all())),
                sub.status,
                sub.consent_at.isoformat() if sub.consent_at else "",
            ]
        )
    return response


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "zip", "status", "consent_at", "created_at")
    list_filter = ("status", "interests")
    search_fields = ("email", "zip")
    readonly_fields = ("consent_at", "created_at", "updated_at", "last_mailed_at")
    filter_horizontal = ("interests",)
    date_hierarchy = "created_at"
    actions = [export_csv]
