"""Smoke tests in a real browser: the home page and /sources/ at 1280 and 360 px,
no request to another host, no axe-core violation, keyboard skip link, and
readable without JavaScript."""

from __future__ import annotations

import pytest

from .conftest import WIDTHS, assert_no_axe_violations, assert_no_third_party, shot

# path, main heading, a text that is only there when the real data is loaded
PAGES = {
    "home": ("/", "Drug policy by state", "CDC National Center for Health Statistics"),
    "sources": ("/sources/", "Sources and disclaimer", "Pathways holds figures from"),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_at_two_widths(name, site, page, requests_seen):
    path, heading, loaded = PAGES[name]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        resp = page.goto(site + path, wait_until="load")
        assert resp is not None and resp.status == 200, resp and resp.status
        h1 = page.locator("h1")
        assert h1.count() == 1
        assert heading in h1.inner_text()
        assert h1.is_visible()
        assert loaded in page.locator("main").inner_text()
        # Nothing wider than the window (no sideways scrolling of the page).
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than {width}px"
        shot(page, f"{name}-{width}")
        assert_no_axe_violations(page, f"{path} at {width}px")
    assert requests_seen, "no request recorded"
    assert_no_third_party(requests_seen, site)
    # Every request of ours succeeded (stylesheets, scripts, icons).
    failed = [
        f"{r.url} -> {r.response().status if r.response() else 'no response'}"
        for r in requests_seen
        if r.response() is None or r.response().status >= 400
    ]
    assert not failed, failed


@pytest.mark.parametrize("name", PAGES)
def test_skip_link_is_first_and_moves_focus_to_main(name, site, page):
    path = PAGES[name][0]
    page.goto(site + path)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href'),"
        " text: document.activeElement.textContent.trim()})"
    )
    assert focused["href"] == "#main", focused
    skip = page.locator("a.skip-link")
    assert skip.is_visible(), "the skip link must be visible when focused"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, box
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert page.url.endswith("#main")


@pytest.mark.parametrize("name", PAGES)
def test_readable_without_javascript(name, site, browser):
    path, heading, _ = PAGES[name]
    ctx = browser.new_context(java_script_enabled=False)
    try:
        pg = ctx.new_page()
        resp = pg.goto(site + path)
        assert resp is not None and resp.status == 200
        assert heading in pg.locator("h1").inner_text()
        assert pg.locator("main#main").is_visible()
        assert pg.locator("footer").is_visible()
    finally:
        ctx.close()
