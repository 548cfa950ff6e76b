"""One pagination for the site's lists (library listings, search results, the
finder's result pages), drawn by one partial, ``core/_pagination.html``.

A page's address is the request's own, with the other query parameters kept and
``page=N`` last; page 1 has no ``page`` parameter."""

from __future__ import annotations

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

PAGE = "page"


def page_url(request: HttpRequest, number: int) -> str:
    """This request's URL for page ``number``."""
    query = request.GET.copy()
    query.pop(PAGE, None)
    if number != 1:
        query[PAGE] = str(number)
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _number(request: HttpRequest, paginator: Paginator, *, strict: bool) -> int:
    raw = request.GET.get(PAGE, "1")
    if strict:
        if not raw.isascii() or not raw.isdigit():
            raise Http404(_("No such page."))
        return int(raw)
    try:
        n = int(raw or 1)
    except ValueError:
        return 1
    return min(max(n, 1), paginator.num_pages)


def paginate(
    request: HttpRequest, items, *, per_page: int, strict: bool = True
) -> Page:
    """The page of ``items`` the request asks for (``?page=N``), with what the
    partial draws: ``links`` ((number, URL) pairs, URL None for a gap),
    ``prev_url`` and ``next_url``.

    ``strict``: a number that is not a whole number or lies outside 1..last is a
    404 (a stale link should not show other items). Otherwise it falls back to
    the nearest real page (the finder's results, where the list moves with the
    directory)."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(_number(request, paginator, strict=strict))
    except EmptyPage as exc:
        raise Http404(_("No such page.")) from exc
    page.links = [
        (n, None if n == paginator.ELLIPSIS else page_url(request, n))
        for n in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
    page.prev_url = (
        page_url(request, page.previous_page_number()) if page.has_previous() else None
    )
    page.next_url = (
        page_url(request, page.next_page_number()) if page.has_next() else None
    )
    return page
