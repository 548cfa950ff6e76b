"""The policy map in a real browser: every layer, the date control, a state by
click and by keyboard, a comparison of three states; no request to another host;
axe-core finds nothing on /map/, a state page, /compare/ and /sources/; and the
same walk works with JavaScript off."""

from __future__ import annotations

import re

from pathways.maps import layers

from .conftest import assert_no_axe_violations, assert_no_third_party, shot

LAYER_NAMES = {spec.slug: spec.name for spec in layers.LAYERS}


def test_map_walk(site, page, requests_seen):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + "/map/")
    assert page.locator("a.state").count() == 51
    shot(page, "map-possession")
    assert_no_axe_violations(page, "/map/")

    # Every layer, switched in place by map.js (the URL follows).
    for slug, name in LAYER_NAMES.items():
        page.locator(f'.layer-nav a[data-layer="{slug}"]').click()
        # map.js swaps the region, then pushes the new URL.
        page.wait_for_url(re.compile(rf"layer={slug}(&|$)"))
        assert name in page.locator("#map-title").inner_text()
        assert page.locator("a.state").count() == 51
        assert f"layer={slug}" in page.url
    shot(page, "map-last-layer")

    # The date control: decriminalization in Oregon before and after the repeal.
    page.locator('.layer-nav a[data-layer="decriminalization"]').click()
    # map.js marks the region aria-busy while it fetches: wait until the swap is
    # done, or the date typed below is replaced by the pending response.
    page.wait_for_selector("#map-region:not([aria-busy])")
    page.wait_for_selector("#map-date")
    page.fill("#map-date", "2022-01-01")
    page.locator(".map-controls button").click()
    page.wait_for_function(
        "() => document.querySelector('#map-subtitle').textContent.includes('2022')"
    )
    oregon = page.locator('a.state[href="/states/OR/"]')
    assert oregon.get_attribute("aria-label") == "Oregon: Law in effect"
    page.fill("#map-date", "2025-01-01")
    page.locator(".map-controls button").click()
    page.wait_for_function(
        "() => document.querySelector('#map-subtitle').textContent.includes('2025')"
    )
    assert oregon.get_attribute("aria-label") != "Oregon: Law in effect"
    shot(page, "map-decrim-2025")

    # Overdose layer: pick a drug and a period from the selects.
    page.locator('.layer-nav a[data-layer="overdose-rate"]').click()
    page.wait_for_selector("#map-region:not([aria-busy])")
    page.wait_for_selector("#map-drug")
    page.select_option("#map-drug", "psychostimulants")
    page.wait_for_function(
        "() => document.querySelector('#map-title').textContent.includes('Psycho')"
    )
    page.select_option("#map-period", "2020-12")
    page.wait_for_function(
        "() => document.querySelector('#map-subtitle').textContent.includes('December 2020')"
    )
    shot(page, "map-overdose-2020")

    # A tooltip follows keyboard focus.
    page.locator('a.state[href="/states/TX/"]').focus()
    tip = page.locator(".map-tip")
    assert tip.is_visible() and tip.inner_text().startswith("Texas:")

    # Open a state by click (the small-state callout box counts too).
    page.locator('a.callout[href="/states/RI/"] rect').click()
    page.wait_for_url(re.compile(r"/states/RI/$"))
    assert "Rhode Island" in page.locator("h1").inner_text()
    page.go_back()
    page.locator('a.state[href="/states/OR/"]').click()
    page.wait_for_url(re.compile(r"/states/OR/$"))
    assert page.locator("h1").inner_text().strip() == "Oregon"
    shot(page, "state-oregon")
    assert_no_axe_violations(page, "/states/OR/")

    # Open a state by keyboard: Tab from the map title reaches state links; Enter opens.
    page.goto(site + "/map/?layer=cannabis-status")
    page.locator("#map-date").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        if href and href.startswith("/states/"):
            break
    assert href and href.startswith("/states/"), "no state reachable by Tab"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + "$"))

    # Compare three states with the form.
    page.goto(site + "/compare/")
    for postal in ("OR", "WA", "ID"):
        page.locator(f'input[type="checkbox"][value="{postal}"]').check()
    page.locator(
        "main form button[type=submit], main form input[type=submit]"
    ).first.click()
    page.wait_for_url(re.compile(r"/compare/\?"))
    table = page.locator("main table").first.inner_text()
    for name in ("Oregon", "Washington", "Idaho"):
        assert name in table
    shot(page, "compare-or-wa-id")
    assert_no_axe_violations(page, "/compare/")

    page.goto(site + "/sources/")
    assert_no_axe_violations(page, "/sources/")

    assert_no_third_party(requests_seen, site)


def test_map_without_javascript(site, browser):
    """Every layer, date and state is reachable with plain links and GET forms."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/map/")
    page.locator('.layer-nav a[data-layer="good-samaritan-law"]').click()
    page.wait_for_url(re.compile(r"layer=good-samaritan-law"))
    assert "911 Good Samaritan law" in page.locator("#map-title").inner_text()
    page.fill("#map-date", "2012-06-30")
    page.locator(".map-controls button").click()
    page.wait_for_url(re.compile(r"date=2012-06-30"))
    assert "June 30, 2012" in page.locator("#map-subtitle").inner_text()
    page.locator('.layer-nav a[data-layer="arrest-rate"]').click()
    page.select_option("#map-year", "2013")
    page.locator(".map-controls button").click()
    page.wait_for_url(re.compile(r"year=2013"))
    assert "2013" in page.locator("#map-title").inner_text()
    page.locator('a.state[href="/states/NM/"]').click()
    page.wait_for_url(re.compile(r"/states/NM/$"))
    assert "New Mexico" in page.locator("h1").inner_text()
    shot(page, "no-js-state")
    context.close()
