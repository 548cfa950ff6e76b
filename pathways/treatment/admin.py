from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html_join

from pathways.core.admin import ReadOnlyAdmin

from . import codes as code_table
from .models import Facility, ListingReport, OtpProgram, ServiceCode


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


def _set_status(status: str, message: str):
    def action(modeladmin, request, queryset):
        n = queryset.update(
            status=status, resolved_by=request.user, resolved_at=timezone.now()
        )
        modeladmin.message_user(request, f"{n} report(s) {message}.")

    return action


@admin.register(ListingReport)
class ListingReportAdmin(admin.ModelAdmin):
    """The data stewards' queue of "report a problem with this listing".

    Reports are what readers sent: staff change only their status (through the
    actions, which record who and when). The contact email is shown here, to
    staff, and nowhere else."""

    list_display = ["created_at", "facility", "kind", "status", "short_details"]
    list_filter = ["status", "kind"]
    search_fields = ["facility__name", "facility__name2"]
    list_select_related = ["facility", "resolved_by"]
    raw_id_fields = ["facility"]
    date_hierarchy = "created_at"
    actions = ["mark_in_progress", "mark_resolved", "dismiss"]
    readonly_fields = [
        "facility",
        "kind",
        "details",
        "contact_email",
        "created_at",
        "ip_hash",
        "resolved_by",
        "resolved_at",
    ]
    fields = [
        "facility",
        "kind",
        "details",
        "contact_email",
        "status",
        "created_at",
        "resolved_by",
        "resolved_at",
        "ip_hash",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Details")
    def short_details(self, obj: ListingReport) -> str:
        text = obj.details or ""
        return text if len(text) <= 80 else text[:79] + "…"

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.resolved_by = request.user
            obj.resolved_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(
        description="Mark selected reports in progress", permissions=["change"]
    )
    def mark_in_progress(self, request, queryset):
        _set_status(ListingReport.Status.IN_PROGRESS, "marked in progress")(
            self, request, queryset
        )

    @admin.action(description="Mark selected reports resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        _set_status(ListingReport.Status.RESOLVED, "marked resolved")(
            self, request, queryset
        )

    @admin.action(description="Dismiss selected reports", permissions=["change"])
    def dismiss(self, request, queryset):
        _set_status(ListingReport.Status.DISMISSED, "dismissed")(
            self, request, queryset
        )
