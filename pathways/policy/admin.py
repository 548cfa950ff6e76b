import datetime as dt

from django import forms
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .categorize import categorize
from .models import PolicyFact, Topic
from .services import recompute_end_dates

# What identifies a fact and how it is classed: first in the form and the list.
FACT_HEAD = (
    "state",
    "topic",
    "value",
    "category",
    "effective_date",
    "effective_precision",
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "group", "sort"]
    list_filter = ["group"]
    search_fields = ["slug", "name", "description"]
    ordering = ["sort", "slug"]


class PolicyFactForm(forms.ModelForm):
    """Data stewards add and correct facts here: each needs the value as the source
    states it, an effective date, a citation and a source."""

    REQUIRED = ("value", "effective_date", "citation", "source")

    class Meta:
        model = PolicyFact
        fields = [
            *FACT_HEAD,
            "effective_text",
            "citation",
            "source",
            "as_of",
            "as_of_date",
            "confidence",
            "evidence",
            "notes",
            "origin",
            "review",
            "review_note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.REQUIRED:
            self.fields[name].required = True
        self.fields[
            "category"
        ].help_text = (
            "Normalized map class; leave blank to classify the value automatically."
        )
        self.fields[
            "effective_text"
        ].help_text = "Effective date as the source gives it; blank = the date above."

    def clean(self):
        data = super().clean()
        topic, value = data.get("topic"), data.get("value", "")
        category = data.get("category", "")
        if topic is not None:
            slugs = [c[0] for c in topic.categories if isinstance(c, list | tuple)]
            if not category:
                data["category"] = categorize(topic.slug, value)
            elif slugs and category not in slugs:
                self.add_error(
                    "category", f"not a category of this topic: {', '.join(slugs)}"
                )
        date = data.get("effective_date")
        if date and not data.get("effective_text"):
            data["effective_text"] = date.isoformat()
        if date and data.get("effective_precision") == PolicyFact.Precision.UNKNOWN:
            data["effective_precision"] = PolicyFact.Precision.DAY
        return data


class ConflictFilter(admin.SimpleListFilter):
    """Facts whose state and topic have sources that disagree today."""

    title = "sources disagree (today)"
    parameter_name = "conflict"

    def lookups(self, request, model_admin):
        return [("yes", "Yes: needs a steward's decision")]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        from .selectors import facts_on

        ids = set()
        for x in facts_on(on=dt.date.today()):
            if x.alternatives:
                ids.add(x.fact.pk)
                ids.update(f.pk for f in x.alternatives)
        return queryset.filter(pk__in=ids)


@admin.register(PolicyFact)
class PolicyFactAdmin(SimpleHistoryAdmin):
    form = PolicyFactForm
    list_display = [
        *FACT_HEAD,
        "end_date",
        "confidence",
        "review",
        "source",
    ]
    list_filter = [
        ConflictFilter,
        "review",
        "topic",
        "state",
        "confidence",
        ("source", admin.RelatedOnlyFieldListFilter),
        "category",
        "effective_precision",
    ]
    search_fields = [
        "value",
        "citation",
        "evidence",
        "notes",
        "state__postal",
        "state__name",
        "topic__slug",
        "source__publisher",
    ]
    list_select_related = ["state", "topic", "source"]
    readonly_fields = ["end_date"]
    actions = ["prefer", "reject", "clear_review"]
    history_list_display = ["value", "category", "effective_date", "review"]

    def _review(self, request, queryset, review: str, label: str) -> None:
        pairs = set()
        for fact in queryset:  # one save each, so the history records who and when
            fact.review = review
            fact.save(update_fields=["review"])
            pairs.add((fact.state_id, fact.topic_id))
        recompute_end_dates(pairs)
        self.message_user(
            request, f"{len(pairs)} state/topic pair(s): {label}.", messages.SUCCESS
        )

    @admin.action(
        description="Prefer these facts (resolve a disagreement)",
        permissions=["change"],
    )
    def prefer(self, request, queryset):
        self._review(request, queryset, PolicyFact.Review.PREFERRED, "preferred")

    @admin.action(
        description="Reject these facts (hide them from the map)",
        permissions=["change"],
    )
    def reject(self, request, queryset):
        self._review(request, queryset, PolicyFact.Review.REJECTED, "rejected")

    @admin.action(description="Clear the steward's review", permissions=["change"])
    def clear_review(self, request, queryset):
        self._review(request, queryset, PolicyFact.Review.NONE, "review cleared")

    date_hierarchy = "effective_date"

    def save_model(self, request, obj, form, change):
        pairs = {(obj.state_id, obj.topic_id)}
        if change and {"state", "topic"} & set(form.changed_data):
            old = PolicyFact.objects.filter(pk=obj.pk).values("state_id", "topic_id")
            pairs |= {(o["state_id"], o["topic_id"]) for o in old}
        super().save_model(request, obj, form, change)
        recompute_end_dates(pairs)

    def delete_model(self, request, obj):
        pair = (obj.state_id, obj.topic_id)
        super().delete_model(request, obj)
        recompute_end_dates([pair])

    def delete_queryset(self, request, queryset):
        pairs = set(queryset.values_list("state_id", "topic_id"))
        super().delete_queryset(request, queryset)
        recompute_end_dates(pairs)
