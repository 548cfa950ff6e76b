"""Three visitor walks in a real browser: the treatment finder (ZIP search with
filters, then a facility page), the library (home, issue areas, library pages,
a resource, site search) and the newsletter sign-up. No request leaves the
site; axe-core finds nothing on the pages visited.

The test bodies only drive the browser (see conftest's docstring): they never
touch the database. The real-data fixture does not run ``seed_library``, so the
parts of the library walk that need library content are skipped, with the
reason, when the site shows none."""

from __future__ import annotations

import re

import pytest

from .conftest import assert_no_axe_violations, assert_no_third_party, follow, shot


def submit(page, form_selector: str) -> None:
    page.locator(
        f"{form_selector} button[type=submit], {form_selector} input[type=submit]"
    ).first.click()


def test_finder_walk(site, page, requests_seen):
    page.goto(site + "/find/")
    assert_no_axe_violations(page, "/find/")
    page.fill("input[name=zip]", "97214")
    payment = page.locator("form.finder-form input[name=payment]")
    medication = page.locator("form.finder-form input[name=medication]")
    assert payment.count() >= 2 and medication.count() >= 1
    payment.nth(0).check()
    payment.nth(1).check()
    medication.nth(0).check()
    submit(page, "form.finder-form")
    page.wait_for_url(re.compile(r"/find/\?.*zip=97214"))
    title = page.locator("#results-title")
    assert title.is_visible()
    assert "places within" in title.inner_text()
    shot(page, "walk-finder-results")
    assert_no_axe_violations(page, "/find/ results")

    page.locator(".finder-result h3 a").first.click()
    page.wait_for_url(re.compile(r"/find/facility/[^/]+/$"))
    assert page.locator('main a[href^="tel:"]').count() >= 1
    shot(page, "walk-finder-facility")
    assert_no_axe_violations(page, "facility page")

    assert_no_third_party(requests_seen, site)


def test_library_pages(site, page, requests_seen):
    """Home → issue areas → library: the pages and their links work, with or
    without library content."""
    page.goto(site + "/")
    assert_no_axe_violations(page, "/")
    page.locator('main a[href="/issues/"]').first.click()
    page.wait_for_url(re.compile(r"/issues/$"))
    assert page.locator("h1").inner_text().strip() == "Issue areas"
    shot(page, "walk-issues")
    assert_no_axe_violations(page, "/issues/")
    page.locator('main a[href="/library/"]').first.click()
    page.wait_for_url(re.compile(r"/library/$"))
    assert page.locator("h1").inner_text().strip() == "Library"
    shot(page, "walk-library")
    assert_no_axe_violations(page, "/library/")
    page.goto(site + "/search/?q=naloxone")
    assert page.locator("#search-q").input_value() == "naloxone"
    assert_no_axe_violations(page, "/search/")
    assert_no_third_party(requests_seen, site)


def test_library_content_walk(site, page, requests_seen):
    """An issue area → library page 2 → a resource; the site search finds a
    book by a word of its summary. Needs library content (``seed_library``),
    which the real-data fixture does not load: skipped when the site has none."""
    page.goto(site + "/issues/")
    areas = page.locator("main h2 a[href^='/issues/']")
    if areas.count() == 0:
        pytest.skip(
            "no library content: the real-data fixture does not run seed_library "
            "and conftest offers no hook to seed it (test bodies must not write "
            "to the database)"
        )
    follow(page, areas.first, re.compile(r"/issues/[^/]+/$"))
    assert page.locator("h1").is_visible()
    assert_no_axe_violations(page, "an issue area")

    page.goto(site + "/library/?page=2")
    cards = page.locator("main h3 a[href^='/library/']")
    assert cards.count() >= 1, "library page 2 is empty"
    shot(page, "walk-library-page-2")
    assert_no_axe_violations(page, "/library/?page=2")
    follow(page, cards.first, re.compile(r"/library/[^/]+/$"))
    assert page.locator("h1").is_visible()
    assert_no_axe_violations(page, "a resource page")

    # A book, and a distinctive word of its summary.
    page.goto(site + "/library/type/book/")
    page.locator("main h3 a[href^='/library/']").first.click()
    page.wait_for_url(re.compile(r"/library/[^/]+/$"))
    title = page.locator("h1").inner_text().strip()
    summary = page.locator("main .lede").first.inner_text()
    word = max(re.findall(r"[A-Za-z]{4,}", summary), key=len)
    page.goto(site + f"/search/?q={word}")
    assert title in page.locator("main").inner_text(), (
        f"searching {word!r} did not find {title!r}"
    )
    shot(page, "walk-search")
    assert_no_axe_violations(page, "/search/")
    assert_no_third_party(requests_seen, site)


def test_newsletter_walk(site, page, requests_seen):
    page.goto(site + "/updates/")
    assert_no_axe_violations(page, "/updates/")
    form = "main form[action='/updates/']"
    page.fill(f"{form} input[name=email]", "walker@example.org")
    submit(page, form)
    page.wait_for_url(re.compile(r"/updates/check-inbox/$"))
    assert page.locator("h1").inner_text().strip() == "Check your inbox"
    shot(page, "walk-newsletter-check-inbox")
    assert_no_axe_violations(page, "/updates/check-inbox/")
    assert_no_third_party(requests_seen, site)
