"""Staff edit issue areas (with their sections, related resources and map layers)
and resources here. Drafts stay off the site; "Publish" sets them live.

Who may do what is set by the staff groups (pathways/staff/roles.py): every action
here names the permission it needs, so an editor cannot moderate comments and a
moderator cannot publish. Every edit of an issue area, section, resource or tag is
kept (django-simple-history): the admin's "History" shows who changed what, when.
"Preview" opens a draft or scheduled item at its own address, for staff only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Comment,
    CommentStatus,
    IssueArea,
    Resource,
    Section,
    Status,
    Tag,
    layer_choices,
)


def _set_status(queryset, status: str) -> int:
    """One save per item, so the history records who changed it and when (and
    updated_at moves: `seed_library` leaves rows edited after its last run alone)."""
    n = 0
    for obj in queryset:
        if obj.status != status:
            obj.status = status
            obj.save(update_fields=["status", "updated_at"])
            n += 1
    return n


@admin.action(description=_("Publish the selected items"), permissions=["change"])
def publish(modeladmin, request, queryset):
    n = _set_status(queryset, Status.PUBLISHED)
    modeladmin.message_user(request, _("%(n)d published.") % {"n": n}, messages.SUCCESS)


@admin.action(
    description=_("Return the selected items to draft"), permissions=["change"]
)
def unpublish(modeladmin, request, queryset):
    n = _set_status(queryset, Status.DRAFT)
    modeladmin.message_user(request, _("%(n)d set to draft.") % {"n": n})


class SiteLinkMixin:
    """A "View on site" link for a published item, "Preview" for a draft or a
    scheduled one (staff only: see views.can_preview), in the item's language."""

    @admin.display(description=_("On the site"))
    def site_link(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "—"
        with translation.override(obj.language):
            url = obj.get_absolute_url()
        if obj.is_public:
            return format_html('<a href="{}">{}</a>', url, _("View on site"))
        return format_html(
            '<a href="{}">{}</a> <span class="help">{}</span>',
            url,
            _("Preview"),
            _("Not published: only staff can open it."),
        )


class SectionInline(admin.StackedInline):
    model = Section
    extra = 1
    fields = ["order", "heading", "text"]


class RelatedResourceInline(admin.TabularInline):
    model = Resource.issue_areas.through
    extra = 1
    autocomplete_fields = ["resource"]
    verbose_name = _("related resource")
    verbose_name_plural = _("related resources")


class IssueAreaForm(forms.ModelForm):
    map_layers = forms.MultipleChoiceField(
        label=_("Related map layers"),
        choices=layer_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = IssueArea
        fields = [
            "title",
            "slug",
            "summary",
            "order",
            "language",
            "translation_of",
            "status",
            "publish_at",
            "image",
            "image_alt",
            "map_layers",
        ]


@admin.register(IssueArea)
class IssueAreaAdmin(SiteLinkMixin, SimpleHistoryAdmin):
    form = IssueAreaForm
    list_display = ["title", "order", "status", "publish_at", "language"]
    list_editable = ["order"]
    list_filter = ["status", "language"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, unpublish]
    inlines = [SectionInline, RelatedResourceInline]
    readonly_fields = ["site_link"]
    history_list_display = ["status", "title"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "order"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "site_link"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Policy map"), {"fields": ["map_layers"]}),
    ]


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(SiteLinkMixin, SimpleHistoryAdmin):
    list_display = ["title", "type", "status", "publish_at", "language"]
    list_filter = ["type", "status", "language", "issue_areas", "tags"]
    search_fields = ["title", "summary", "authors", "publisher", "isbn"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["issue_areas", "tags"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [publish, unpublish]
    readonly_fields = ["site_link"]
    history_list_display = ["status", "title"]
    fieldsets = [
        (None, {"fields": ["type", "title", "slug", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "site_link"]}),
        (_("Language"), {"fields": ["language", "translation_of"]}),
        (
            _("Where it belongs"),
            {"fields": ["issue_areas", "tags", "published_date", "source_url"]},
        ),
        (
            _("Books, reports, articles and research"),
            {
                "fields": ["authors", "publisher", "isbn"],
                "description": _(
                    "Authors and publisher: books, reports, articles and research. "
                    "ISBN: books, reports and research."
                ),
            },
        ),
        (_("Press releases"), {"fields": ["dateline", "press_contacts"]}),
        (_("Organizations"), {"fields": ["website"]}),
    ]


def _moderate(status: str, done: str):
    def action(modeladmin, request, queryset):
        n = services.comments_moderate(
            comments=queryset, status=status, user=request.user
        )
        modeladmin.message_user(request, done % {"n": n}, messages.SUCCESS)

    action.__name__ = f"mark_{status}"
    return action


approve = admin.action(
    description=_("Approve the selected comments"), permissions=["change"]
)(_moderate(CommentStatus.APPROVED, _("%(n)d approved: now shown on the site.")))
reject = admin.action(
    description=_("Reject the selected comments"), permissions=["change"]
)(_moderate(CommentStatus.REJECTED, _("%(n)d rejected.")))
mark_spam = admin.action(
    description=_("Mark the selected comments as spam"), permissions=["change"]
)(_moderate(CommentStatus.SPAM, _("%(n)d marked as spam.")))


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Moderation: the list shows pending comments first; the email address is
    only ever shown here, to staff."""

    list_display = ["excerpt", "name", "email", "article", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = [
        "status",
        "spam_reason",
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["article"]
    search_fields = ["name", "email", "text"]
    date_hierarchy = "created_at"
    actions = [approve, reject, mark_spam]
    fields = [
        "article",
        "name",
        "email",
        "text",
        "status",
        "created_at",
        "spam_reason",
        "moderated_at",
        "moderated_by",
    ]
    readonly_fields = [
        "article",
        "created_at",
        "spam_reason",
        "moderated_at",
        "moderated_by",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-created_at", "-id")

    def has_add_permission(self, request) -> bool:
        return False  # comments come from readers

    @admin.display(description=_("comment"))
    def excerpt(self, obj: Comment) -> str:
        text = " ".join(obj.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.moderated_at = timezone.now()
            obj.moderated_by = request.user
        super().save_model(request, obj, form, change)
