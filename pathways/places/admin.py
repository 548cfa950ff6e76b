from django.contrib import admin

from .models import State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "postal", "fips", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "postal", "fips"]
    readonly_fields = ["fips", "postal", "slug"]
