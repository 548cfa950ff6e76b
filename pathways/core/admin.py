from django.contrib import admin

from .models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "publisher", "dataset", "kind", "vintage", "as_of"]
    list_filter = ["kind", "publisher"]
    search_fields = ["slug", "publisher", "dataset", "notes"]
