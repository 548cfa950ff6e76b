from django.contrib import admin

from .models import Source


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows that come from ingest (or a reviewed table in code): staff read them
    here. A correction goes through a new file or a reviewed change, so every
    value keeps its provenance."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "publisher", "dataset", "kind", "vintage", "as_of"]
    list_filter = ["kind", "publisher"]
    search_fields = ["slug", "publisher", "dataset", "notes"]
