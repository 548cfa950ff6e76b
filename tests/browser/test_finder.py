"""The service finder walk in a real browser, with and without JavaScript:
search by ZIP with two payment options and a medication, open a facility,
report a problem (form → thanks), answer "What fits me", compare two places,
and the print layout. A screenshot at each step; axe-core finds nothing on
/find/, its results, a facility, the questionnaire, its results and the
comparison; no request leaves the site.

The test bodies only drive the browser (see conftest's docstring)."""

from __future__ import annotations

import re

from .conftest import assert_no_axe_violations, assert_no_third_party, shot

FIT_QUERY = re.compile(r"/find/fit/\?.*zip=97214")
# Fit results with fixed answers, for the small-screen and print shots.
FIT_RESULTS = (
    "/find/fit/?zip=97214&radius=10&medication=buprenorphine"
    "&payment=medicaid&language=spanish&needs=housing&goal=reduce-harm"
)


def submit(page, form_selector: str) -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()


def walk(page, site: str, tag: str, *, js: bool) -> None:
    # 1. Search by ZIP with two payment options and a medication.
    page.goto(site + "/find/")
    shot(page, f"finder-{tag}-1-find")
    if js:
        assert_no_axe_violations(page, f"/find/ ({tag})")
    form = "form.finder-form"
    page.fill(f"{form} input[name=zip]", "97214")
    page.check(f"{form} input[name=payment][value=medicaid]")
    page.check(f"{form} input[name=payment][value=sliding-fee]")
    page.check(f"{form} input[name=medication][value=buprenorphine]")
    page.select_option(f"{form} select[name=sort]", "fit")
    submit(page, form)
    page.wait_for_url(re.compile(r"/find/\?.*zip=97214"))
    url = page.url
    assert "payment=medicaid" in url and "payment=sliding-fee" in url
    assert "medication=buprenorphine" in url
    title = page.locator("#results-title").inner_text()
    assert "places within 25 miles of 97214" in title, title
    assert page.locator(".finder-result").count() >= 2
    assert "Buprenorphine" in page.locator(".finder-result").first.inner_text()
    assert page.locator(".finder-print").first.is_visible() is js
    shot(page, f"finder-{tag}-2-results")
    if js:
        assert_no_axe_violations(page, f"/find/ results ({tag})")

    # 2. Open a facility.
    page.locator(".finder-result h3 a").first.click()
    page.wait_for_url(re.compile(r"/find/facility/[^/]+/$"))
    name = page.locator("h1").inner_text()
    assert page.locator('main a[href^="tel:"]').count() >= 1
    assert page.locator(".finder-help").count() == 1
    shot(page, f"finder-{tag}-3-facility")
    if js:
        assert_no_axe_violations(page, f"facility page ({tag})")

    # 3. Report a problem with it: form → thanks.
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.wait_for_url(re.compile(r"/find/facility/[^/]+/report/$"))
    page.check("input[name=kind][value=wrong-phone]")
    page.fill("textarea[name=details]", "The intake line rings to a fax machine.")
    page.wait_for_timeout(3200)  # the form's minimum fill time
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()
    assert "Thank" in page.locator("main").inner_text(), page.url
    shot(page, f"finder-{tag}-4-report-thanks")

    # 4. "What fits me".
    page.goto(site + "/find/fit/")
    assert page.locator("main .finder-help").count() == 1
    shot(page, f"finder-{tag}-5-fit")
    if js:
        assert_no_axe_violations(page, f"/find/fit/ ({tag})")
    fit = "form.fit-form"
    page.fill(f"{fit} input[name=zip]", "97214")
    page.select_option(f"{fit} select[name=radius]", "10")
    page.check(f"{fit} input[name=help][value=substance-use]")
    page.check(f"{fit} input[name=for_whom][value=someone]")
    page.check(f"{fit} input[name=medication][value=buprenorphine]")
    page.check(f"{fit} input[name=payment][value=medicaid]")
    page.check(f"{fit} input[name=payment][value=private-insurance]")
    page.select_option(f"{fit} select[name=language]", "spanish")
    page.check(f"{fit} input[name=needs][value=housing]")
    page.check(f"{fit} input[name=goal][value=reduce-harm]")
    submit(page, fit)
    page.wait_for_url(FIT_QUERY)
    assert (
        "places within 10 miles of 97214" in page.locator("#results-title").inner_text()
    )
    first = page.locator(".finder-result").first
    summary = first.locator(".fit-summary").inner_text()
    assert re.search(r"Buprenorphine · .*\d+\.\d mi", summary), summary
    assert "Fits " in first.inner_text()
    assert "person you care about" in page.locator(".finder-results").inner_text()
    shot(page, f"finder-{tag}-6-fit-results")
    if js:
        assert_no_axe_violations(page, f"/find/fit/ results ({tag})")

    # 5. Compare two of them.
    picks = page.locator(".finder-compare input[name=id]")
    assert picks.count() >= 2
    picks.nth(0).check()
    picks.nth(1).check()
    names = [
        page.locator(".finder-result h3").nth(i).inner_text().strip() for i in (0, 1)
    ]
    submit(page, "form.finder-compare")
    page.wait_for_url(re.compile(r"/find/compare/\?.*id=.*id="))
    heads = page.locator(".compare-table thead th")
    assert heads.count() == 2
    assert [heads.nth(i).inner_text().split("\n")[0].strip() for i in (0, 1)] == names
    body = page.locator(".compare-table tbody").inner_text()
    assert "Distance from 97214" in body and "Payment" in body
    assert page.locator("main .finder-help").count() == 1
    shot(page, f"finder-{tag}-7-compare")
    if js:
        assert_no_axe_violations(page, f"/find/compare/ ({tag})")
    compare_url = page.url

    # 6. A place that is not in the directory: a clear message, not an error page.
    resp = page.goto(site + "/find/compare/?id=nope&id=gone")
    assert resp.status == 400
    assert "could not find 2 of the places" in page.locator("main").inner_text()

    # 7. Small screens and print (the furniture hidden, the help kept).
    page.set_viewport_size({"width": 360, "height": 800})
    for url, name_ in (
        (site + "/find/fit/", "fit"),
        (site + FIT_RESULTS, "fit-results"),
        (compare_url, "compare"),
    ):
        page.goto(url)
        shot(page, f"finder-{tag}-360-{name_}")
        if js:
            assert page.evaluate(
                "() => document.documentElement.scrollWidth <= window.innerWidth + 1"
            ), f"{name_} is wider than 360 px"
    page.emulate_media(media="print")
    page.goto(compare_url)
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".finder-help").is_visible()
    shot(page, f"finder-{tag}-print-360-compare")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, f"finder-{tag}-print-1280-compare")
    page.goto(site + FIT_RESULTS)
    assert not page.locator("form.fit-form").is_visible()
    shot(page, f"finder-{tag}-print-1280-fit-results")
    page.emulate_media(media="screen")
    assert name


def test_finder_walk_with_javascript(site, page, requests_seen):
    """With JavaScript: axe-core on every page of the walk (it runs as a script,
    so the walk without JavaScript checks the same steps work, not axe)."""
    walk(page, site, "js", js=True)
    assert_no_third_party(requests_seen, site)


def test_finder_walk_without_javascript(site, browser):
    ctx = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    ctx.set_default_timeout(15_000)
    seen: list = []
    ctx.on("request", lambda request: seen.append(request))
    try:
        page = ctx.new_page()
        walk(page, site, "nojs", js=False)
    finally:
        ctx.close()
    assert_no_third_party(seen, site)
