from django.contrib import admin
from django.utils.html import format_html_join

from . import codes as code_table
from .models import Facility, OtpProgram, ServiceCode


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows come from ingest (and the reviewed table in codes.py); staff read
    them here. A correction goes through a new file or a reviewed code-table
    change, so every value keeps its provenance."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceCode)
class ServiceCodeAdmin(ReadOnlyAdmin):
    list_display = ["code", "directory_type", "group", "value", "label_en", "label_es"]
    list_filter = ["directory_type", "group"]
    search_fields = ["code", "official_label", "label_en", "label_es", "value"]


@admin.register(OtpProgram)
class OtpProgramAdmin(ReadOnlyAdmin):
    list_display = [
        "program_name",
        "dba",
        "city",
        "state_code",
        "certification",
        "full_certification_date",
    ]
    list_filter = ["certification", "state_code"]
    search_fields = ["program_name", "dba", "street", "city", "zip"]


@admin.register(Facility)
class FacilityAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "name2",
        "city",
        "state_code",
        "zip",
        "directory_type",
        "location_quality",
    ]
    list_filter = [
        "directory_type",
        "location_quality",
        "address_withheld",
        ("otp_program", admin.EmptyFieldListFilter),
        "state_code",
    ]
    search_fields = ["name", "name2", "street1", "city", "zip", "key"]
    list_select_related = ["otp_program"]
    show_full_result_count = False
    readonly_fields = ["services"]

    @admin.display(description="Services (plain-language labels)")
    def services(self, obj: Facility):
        rows = []
        for code in obj.code_list:
            c = code_table.BY_KEY.get((obj.directory_type, code))
            rows.append((code, c.group if c else "?", c.label_en if c else "?"))
        return format_html_join("", "<div><b>{}</b> · {} · {}</div>", rows)
