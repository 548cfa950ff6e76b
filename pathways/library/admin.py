"""Staff edit issue areas (with their sections, related resources and map layers)
and resources here. Drafts stay off the site; "Publish" sets them live."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


@admin.action(description=_("Publish the selected items"))
def publish(modeladmin, request, queryset):
    # updated_at too: `seed_library` leaves rows edited after its last run alone.
    n = queryset.update(status=Status.PUBLISHED, updated_at=timezone.now())
    modeladmin.message_user(request, _("%(n)d published.") % {"n": n}, messages.SUCCESS)


@admin.action(description=_("Return the selected items to draft"))
def unpublish(modeladmin, request, queryset):
    n = queryset.update(status=Status.DRAFT, updated_at=timezone.now())
    modeladmin.message_user(request, _("%(n)d set to draft.") % {"n": n})


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
            "status",
            "publish_at",
            "image",
            "image_alt",
            "map_layers",
        ]


@admin.register(IssueArea)
class IssueAreaAdmin(admin.ModelAdmin):
    form = IssueAreaForm
    list_display = ["title", "order", "status", "publish_at", "language"]
    list_editable = ["order"]
    list_filter = ["status", "language"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    actions = [publish, unpublish]
    inlines = [SectionInline, RelatedResourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "order", "language"]}),
        (_("Publishing"), {"fields": ["status", "publish_at"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (_("Policy map"), {"fields": ["map_layers"]}),
    ]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "publish_at", "language"]
    list_filter = ["type", "status", "language", "issue_areas", "tags"]
    search_fields = ["title", "summary", "authors", "publisher", "isbn"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["issue_areas", "tags"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [publish, unpublish]
    fieldsets = [
        (None, {"fields": ["type", "title", "slug", "summary", "body"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "language"]}),
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


approve = admin.action(description=_("Approve the selected comments"))(
    _moderate(CommentStatus.APPROVED, _("%(n)d approved: now shown on the site."))
)
reject = admin.action(description=_("Reject the selected comments"))(
    _moderate(CommentStatus.REJECTED, _("%(n)d rejected."))
)
mark_spam = admin.action(description=_("Mark the selected comments as spam"))(
    _moderate(CommentStatus.SPAM, _("%(n)d marked as spam."))
)


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
