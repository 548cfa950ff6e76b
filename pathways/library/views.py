"""Library pages: issue areas, listings (all, by type, by tag) and resource detail.
Every listing is newest first, 10 a page; a page number that is not a whole number
or lies outside 1..last is a 404 (a stale link should not show other items).

Preview: staff who may view an item in the admin can open a draft or scheduled
issue area or resource at its own address, under a "Preview — not published"
banner, with ``Cache-Control: private, no-store`` and ``noindex``; everyone else
gets a 404 for it.

Translations: an item's page links to its published versions in other languages
("Leer en español" / "Read in English"), and its ``<link rel="alternate"
hreflang>`` tags and the header's language switch point at those versions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pathways.core import abuse
from pathways.core.i18n import switch_and_alternates
from pathways.core.pagination import paginate

from . import selectors, services
from .feeds import comment_feed_links, feed_links
from .forms import CommentForm
from .models import TYPE_PLURALS, IssueArea, Resource, ResourceType

PER_PAGE = 10


def can_preview(request: HttpRequest, model) -> bool:
    """Staff who may see this kind of item in the admin may preview it."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def mark_preview(response: HttpResponse, item) -> HttpResponse:
    """A preview must not be stored by a shared cache or indexed."""
    if not item.is_public:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


def language_context(request: HttpRequest, item) -> dict:
    """The item's other-language versions ("translations", for the links in the
    page), and, when it has any, ``language_alternates`` and ``language_switch``
    (which override the site-wide ones from the context processor) pointing at
    those versions rather than at this item under another language prefix."""
    versions = selectors.translation_links(item)
    context: dict = {"translations": versions}
    if not versions:
        return context
    urls = {v["language"]: v["url"] for v in versions}
    for code, _name in settings.LANGUAGES:
        if code not in urls:
            with translation.override(code):
                urls[code] = item.get_absolute_url()
    context.update(switch_and_alternates(request, urls))
    return context


def issue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/issue_list.html",
        {"areas": selectors.issue_areas(), "feeds": feed_links()},
    )


def issue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = selectors.issue_area(slug=slug, preview=can_preview(request, IssueArea))
    if area is None:
        raise Http404(_("No such issue area."))
    page = paginate(
        request,
        selectors.resource_cards(selectors.resources(issue_area=area)),
        per_page=PER_PAGE,
    )
    context = {
        "area": area,
        "page": page,
        "layers": area.map_layer_specs(),
        "feeds": feed_links(issue_area=area),
    } | language_context(request, area)
    return mark_preview(render(request, "library/issue_detail.html", context), area)


def resource_list(
    request: HttpRequest, type: str | None = None, tag_slug: str | None = None
) -> HttpResponse:
    tag = None
    if type is not None and type not in ResourceType.values:
        raise Http404(_("No such resource type."))
    if tag_slug is not None:
        tag = selectors.tag(slug=tag_slug)
        if tag is None:
            raise Http404(_("No such tag."))
    page = paginate(
        request,
        selectors.resource_cards(selectors.resources(type=type, tag=tag)),
        per_page=PER_PAGE,
    )
    if type is not None:
        heading = TYPE_PLURALS[type]
    elif tag is not None:
        heading = _("Tagged “%(tag)s”") % {"tag": tag.name}
    else:
        heading = _("Library")
    return render(
        request,
        "library/resource_list.html",
        {
            "heading": heading,
            "type": type,
            "tag": tag,
            "page": page,
            "types": selectors.type_counts(),
            "tags": selectors.tags_in_use(),
            "feeds": feed_links(type=type, tag=tag),
        },
    )


COMMENT_FIELDS = ("id", "article_id", "name", "text", "created_at")


@require_http_methods(["GET", "HEAD", "POST"])
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = selectors.resource(slug=slug, preview=can_preview(request, Resource))
    if resource is None:
        raise Http404(_("No such resource."))
    takes_comments = resource.type == ResourceType.ARTICLE and resource.is_public
    if request.method == "POST" and not takes_comments:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {
        "resource": resource,
        "areas": selectors.localized_areas(resource.issue_areas.all()),
        "feeds": feed_links(type=resource.type),
    } | language_context(request, resource)
    status = 200
    if takes_comments:
        if request.method == "POST":
            form = CommentForm(request.POST, article_id=resource.pk)
            if form.is_valid():
                try:
                    services.comment_create(
                        article=resource,
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        text=form.cleaned_data["text"],
                        ip_hash=abuse.client_hash(request),
                        spam_reason=form.spam_reason,
                    )
                except services.RateLimited:
                    form.add_error(
                        None,
                        _(
                            "You have sent several comments in a short time. "
                            "Thank you! Please wait a few minutes, then send "
                            "this one again."
                        ),
                    )
                    status = 429
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    # Spam is thanked like everyone else: bots learn nothing.
                    return redirect(f"{resource.get_absolute_url()}?sent=1#comments")
        else:
            form = CommentForm(article_id=resource.pk)
        context |= {
            "form": form,
            "sent": request.GET.get("sent") == "1",
            # Never the email address: it is for the moderators only.
            "comments": list(resource.comments.approved().only(*COMMENT_FIELDS)),
            "comment_feeds": comment_feed_links(resource),
        }
    response = render(request, "library/resource_detail.html", context, status=status)
    return mark_preview(response, resource)
