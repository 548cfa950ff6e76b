from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

# src=, and href= on anything but <a> (stylesheets, icons, preloads) to another
# host (the hreflang alternates are absolute URLs on this host, "testserver")
LOADS = re.compile(
    r"""<(?!a\b)[^>]*\b(?:src|href)=["']?(https?:)?//(?!testserver/)""", re.I
)


@pytest.mark.parametrize("url", ["/", "/api/v1/docs", "/does-not-exist/"])
def test_pages_load_nothing_from_other_hosts(client, url):
    resp = client.get(url)
    html = resp.content.decode()
    assert resp.status_code in (200, 404)
    assert not LOADS.search(html), LOADS.search(html).group(0)


def test_home_page_frame(client):
    html = client.get("/").content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert "988" in html and "1-800-662-4357" in html
    assert '<html lang="en">' in html


def test_healthz(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok", "states": 51}
    assert "no-cache" in resp["Cache-Control"] or "max-age=0" in resp["Cache-Control"]
