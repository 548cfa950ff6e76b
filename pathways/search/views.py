"""/search/?q=…: issue areas, published resources and states, one result list."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
            raw = request.GET.get("page", "1")
            if not raw.isascii() or not raw.isdigit():
                raise Http404(_("No such page."))
            paginator = Paginator(results, PER_PAGE)
            try:
                page = paginator.page(int(raw))
            except EmptyPage as exc:
                raise Http404(_("No such page.")) from exc
            context["page"] = page
            context["searched"] = True
            context["hits"] = [
                {"hit": hit, "kind": KIND_LABELS.get(hit.kind, hit.kind)}
                for hit in page.object_list
            ]
            context["page_links"] = [
                (
                    n,
                    "?" + urlencode({"q": q} | ({"page": n} if n != 1 else {}))
                    if n != paginator.ELLIPSIS
                    else None,
                )
                for n in paginator.get_elided_page_range(
                    page.number, on_each_side=2, on_ends=1
                )
            ]
            context["prev_url"] = (
                "?"
                + urlencode(
                    {"q": q} | ({"page": page.number - 1} if page.number > 2 else {})
                )
                if page.has_previous()
                else None
            )
            context["next_url"] = (
                "?" + urlencode({"q": q, "page": page.number + 1})
                if page.has_next()
                else None
            )
    response = render(request, "search/search.html", context)
    if q:
        # Searches are personal: keep them out of shared caches and indexes.
        response["Cache-Control"] = "private, max-age=0"
        response["X-Robots-Tag"] = "noindex"
    return response
