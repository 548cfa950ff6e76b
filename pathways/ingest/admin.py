from django.contrib import admin

from .models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "started_at",
        "source_slug",
        "status",
        "read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
        "duration_ms",
    ]
    list_filter = ["status", "source_slug"]
    search_fields = ["path", "checksum"]
    readonly_fields = [f.name for f in ImportRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
