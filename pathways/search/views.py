"""/search/?q=…: issue areas, published resources and states, one result list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pathways.core.pagination import paginate
from pathways.library.models import ResourceType

from . import backends

PER_PAGE = 10

KIND_LABELS = {
    "issue": gettext_lazy("Issue area"),
    "state": gettext_lazy("State"),
    "district": gettext_lazy("Federal district"),
    **{value: label for value, label in ResourceType.choices},
}


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    context: dict = {"q": q, "max_chars": backends.MAX_QUERY_CHARS}
    if len(q) > backends.MAX_QUERY_CHARS:
        context["problem"] = _(
            "That search is too long. Use a few words (at most %(n)s characters)."
        ) % {"n": backends.MAX_QUERY_CHARS}
    elif q:
        results = backends.search(q)
        if results is None:
            context["problem"] = _("Type one or more words to search for.")
        else:
            page = paginate(request, results, per_page=PER_PAGE)
            context["page"] = page
            context["searched"] = True
            context["hits"] = [
                {"hit": hit, "kind": KIND_LABELS.get(hit.kind, hit.kind)}
                for hit in page.object_list
            ]
    response = render(request, "search/search.html", context)
    if q:
        # Searches are personal: keep them out of shared caches and indexes.
        response["Cache-Control"] = "private, max-age=0"
        response["X-Robots-Tag"] = "noindex"
    return response
