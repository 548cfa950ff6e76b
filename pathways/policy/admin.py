from django import forms
from django.contrib import admin

from .models import PolicyFact, Topic
from .topics import categorize


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
            "state",
            "topic",
            "value",
            "category",
            "effective_date",
            "effective_precision",
            "effective_text",
            "citation",
            "source",
            "as_of",
            "as_of_date",
            "confidence",
            "evidence",
            "notes",
            "origin",
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


@admin.register(PolicyFact)
class PolicyFactAdmin(admin.ModelAdmin):
    form = PolicyFactForm
    list_display = [
        "state",
        "topic",
        "value",
        "category",
        "effective_date",
        "effective_precision",
        "end_date",
        "confidence",
        "source",
    ]
    list_filter = [
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
    date_hierarchy = "effective_date"

    def save_model(self, request, obj, form, change):
        from pathways.ingest.sources.state_laws import recompute_end_dates

        pairs = {(obj.state_id, obj.topic_id)}
        if change and {"state", "topic"} & set(form.changed_data):
            old = PolicyFact.objects.filter(pk=obj.pk).values("state_id", "topic_id")
            pairs |= {(o["state_id"], o["topic_id"]) for o in old}
        super().save_model(request, obj, form, change)
        recompute_end_dates(pairs)

    def delete_model(self, request, obj):
        from pathways.ingest.sources.state_laws import recompute_end_dates

        pair = (obj.state_id, obj.topic_id)
        super().delete_model(request, obj)
        recompute_end_dates([pair])

    def delete_queryset(self, request, queryset):
        from pathways.ingest.sources.state_laws import recompute_end_dates

        pairs = set(queryset.values_list("state_id", "topic_id"))
        super().delete_queryset(request, queryset)
        recompute_end_dates(pairs)
