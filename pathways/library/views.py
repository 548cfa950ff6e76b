"""Library pages: issue areas, listings (all, by type, by tag) and resource detail.
Every listing is newest first, 10 a page; a page number that is not a whole number
or lies outside 1..last is a 404 (a stale link should not show other items)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .feeds import comment_feed_links, feed_links
from .forms import CommentForm
from .models import TYPE_PLURALS, ResourceType

PER_PAGE = 10


def paginate(request: HttpRequest, qs) -> Page:
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit():
        raise Http404(_("No such page."))
    paginator = Paginator(qs, PER_PAGE)
    try:
        page = paginator.page(int(raw))
    except EmptyPage as exc:
        raise Http404(_("No such page.")) from exc
    page.elided_range = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def issue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "library/issue_list.html",
        {"areas": selectors.issue_areas(), "feeds": feed_links()},
    )


def issue_detail(request: HttpRequest, slug: str) -> HttpResponse:
    area = selectors.issue_area(slug=slug)
    if area is None:
        raise Http404(_("No such issue area."))
    page = paginate(
        request, selectors.resource_cards(selectors.resources(issue_area=area))
    )
    return render(
        request,
        "library/issue_detail.html",
        {
            "area": area,
            "page": page,
            "layers": area.map_layer_specs(),
            "feeds": feed_links(issue_area=area),
        },
    )


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
        request, selectors.resource_cards(selectors.resources(type=type, tag=tag))
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
    preview = request.user.is_staff
    resource = selectors.resource(slug=slug, preview=preview)
    if resource is None:
        raise Http404(_("No such resource."))
    takes_comments = resource.type == ResourceType.ARTICLE and resource.is_public
    if request.method == "POST" and not takes_comments:
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"resource": resource, "feeds": feed_links(type=resource.type)}
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
                        ip_hash=services.client_ip_hash(request),
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
    if not resource.is_public:
        # A staff preview of a draft or scheduled item: never cache or index it.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response
