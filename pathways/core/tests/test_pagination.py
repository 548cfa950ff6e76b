"""The one pagination: page addresses, strict and forgiving page numbers, the partial."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory

from pathways.core.pagination import page_url, paginate

ITEMS = list(range(195))  # 20 pages of 10


def _get(url: str):
    return RequestFactory().get(url)


def test_page_url_keeps_other_parameters_and_drops_page_one():
    request = _get("/library/type/book/?page=3")
    assert page_url(request, 1) == "/library/type/book/"
    assert page_url(request, 2) == "/library/type/book/?page=2"
    request = _get("/search/?q=harm+reduction&page=3")
    assert page_url(request, 1) == "/search/?q=harm+reduction"
    assert page_url(request, 4) == "/search/?q=harm+reduction&page=4"


def test_page_links_prev_and_next():
    page = paginate(_get("/l/?page=10"), ITEMS, per_page=10)
    assert page.number == 10 and list(page.object_list) == list(range(90, 100))
    assert page.prev_url == "/l/?page=9" and page.next_url == "/l/?page=11"
    numbers = [n for n, _url in page.links]
    assert numbers == [1, "…", 8, 9, 10, 11, 12, "…", 20]
    assert dict(page.links)[8] == "/l/?page=8" and page.links[1] == ("…", None)
    first = paginate(_get("/l/"), ITEMS, per_page=10)
    assert first.prev_url is None and first.links[0] == (1, "/l/")


@pytest.mark.parametrize("raw", ["0", "21", "x", "-1", "²", "1.5"])
def test_strict_numbers_are_404(raw):
    with pytest.raises(Http404):
        paginate(_get(f"/l/?page={raw}"), ITEMS, per_page=10)


@pytest.mark.parametrize(("raw", "number"), [("0", 1), ("99", 20), ("x", 1), ("", 1)])
def test_forgiving_numbers_fall_back_to_a_real_page(raw, number):
    page = paginate(_get(f"/l/?page={raw}"), ITEMS, per_page=10, strict=False)
    assert page.number == number


def test_an_empty_list_has_one_page():
    assert paginate(_get("/l/"), [], per_page=10).number == 1
    assert paginate(_get("/l/?page=4"), [], per_page=10, strict=False).number == 1


def test_partial_is_a_named_nav_with_the_current_page_marked():
    page = paginate(_get("/l/?page=2"), ITEMS, per_page=10)
    html = render_to_string(
        "core/_pagination.html",
        {"page": page, "pages_label": "Result pages", "pages_class": "x"},
    )
    assert '<nav class="pagination x" aria-label="Result pages">' in html
    assert '<a href="/l/?page=2" aria-current="page">' in html
    assert '<a rel="prev" href="/l/">' in html
    assert '<a rel="next" href="/l/?page=3">' in html
    assert '<li class="gap" aria-hidden="true">…</li>' in html
    assert 'aria-label="Pages"' in render_to_string(
        "core/_pagination.html", {"page": page}
    )
