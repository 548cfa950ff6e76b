"""English and Spanish in a real browser: from an English finder search, the header
switch opens the same search in Spanish (path and query kept, <html lang="es">),
the Spanish navigation stays in Spanish, and the switch leads back to English.
No cookie is set on the way; axe-core finds nothing on the Spanish pages; no
request leaves the site. Screenshots at 1280 and 360 px wide.

The test bodies only drive the browser (see conftest's docstring)."""

from __future__ import annotations

import re

import pytest

from .conftest import WIDTHS, assert_no_axe_violations, assert_no_third_party, shot


def lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def switch(page, code: str) -> None:
    page.locator(f".lang-switch a[hreflang={code}]").click()


def test_switch_to_spanish_and_back(site, page, context, requests_seen):
    # English finder search.
    page.goto(site + "/find/?zip=97214&payment=medicaid")
    assert lang(page) == "en"
    assert page.locator("nav[aria-label=Main]").inner_text().startswith("Find help")
    switch_link = page.locator(".lang-switch a[hreflang=es]")
    assert switch_link.inner_text() == "Español"
    assert switch_link.get_attribute("lang") == "es"
    shot(page, "i18n-1-find-en")

    # The same search in Spanish.
    switch(page, "es")
    page.wait_for_url(re.compile(r"/es/find/\?zip=97214&payment=medicaid$"))
    assert lang(page) == "es"
    nav = page.locator("nav[aria-label=Principal]").inner_text()
    assert "Buscar ayuda" in nav and "Mapa de políticas" in nav
    assert "lugares a menos de 25 millas de 97214" in page.inner_text("body")
    assert page.locator("a.skip-link").inner_text() == "Saltar al contenido principal"
    alternates = page.locator('link[rel=alternate][hreflang="en"]').get_attribute(
        "href"
    )
    assert alternates.endswith("/find/?zip=97214&payment=medicaid")
    shot(page, "i18n-2-find-es")
    assert_no_axe_violations(page, "/es/find/ results")

    # Spanish links lead to Spanish pages.
    page.locator("nav[aria-label=Principal] a", has_text="Biblioteca").click()
    page.wait_for_url(re.compile(r"/es/library/$"))
    assert lang(page) == "es"
    assert page.locator("h1").inner_text() == "Biblioteca"
    shot(page, "i18n-3-library-es")
    assert_no_axe_violations(page, "/es/library/")

    # And back to English, on the same page.
    switch(page, "en")
    page.wait_for_url(re.compile(r"/library/$"))
    assert "/es/" not in page.url
    assert lang(page) == "en"
    assert page.locator("h1").inner_text() == "Library"
    assert page.locator(".lang-switch a[hreflang=es]").count() == 1
    shot(page, "i18n-4-library-en")

    # The switch is a plain link: nothing was stored in the browser.
    assert context.cookies() == []
    assert_no_third_party(requests_seen, site)


# name: (path, main heading)
SPANISH_PAGES = {
    "home": ("/es/", "Políticas de drogas por estado, con la fuente de cada número"),
    "state": ("/es/states/OR/", "Oregon"),
    "map": ("/es/map/", "Mapa de políticas de drogas"),
    "find": ("/es/find/", "Busca servicios de tratamiento y apoyo"),
}


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_spanish_pages_are_accessible(site, page, requests_seen, name):
    path, heading = SPANISH_PAGES[name]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + path)
        assert lang(page) == "es"
        assert page.locator("h1").inner_text() == heading
        shot(page, f"i18n-es-{name}-{width}")
        # Nothing wider than the screen at 360 px.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 1, f"{path} is {overflow}px wider than {width}px"
    assert_no_axe_violations(page, path)
    assert_no_third_party(requests_seen, site)
