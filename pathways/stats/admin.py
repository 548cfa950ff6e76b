from django.contrib import admin

from pathways.core.admin import ReadOnlyAdmin

from .models import Indicator, Observation


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "topic", "unit"]
    list_filter = ["topic", "unit"]
    search_fields = ["slug", "name", "official_label"]


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    """Figures come from ingest; staff read them here (corrections go through a
    new source file, so every figure keeps its provenance)."""

    list_display = [
        "indicator",
        "place",
        "period_end",
        "value",
        "predicted",
        "status",
        "source",
    ]
    list_filter = [
        "indicator__topic",
        "status",
        "period_type",
        ("source", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["place__name", "place__postal", "indicator__slug"]
    list_select_related = ["indicator", "place", "source"]
    date_hierarchy = "period_end"
    show_full_result_count = False
