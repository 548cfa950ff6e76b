"""Library pages: listings, pagination, detail, drafts, 404s, escaping, queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from pathways.library.models import ResourceType, Status
from tests.factories import IssueAreaFactory, ResourceFactory, TagFactory

pytestmark = pytest.mark.django_db

# src=, and href= on anything but <a> (stylesheets, icons, preloads, alternates)
LOADS = re.compile(
    r"""<(?!a\b)[^>]*\b(?:src|href)=["']?(https?:)?//(?!testserver/)""", re.I
)
ALTERNATE = re.compile(
    r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]+" '
    r'href="(/[^"]+)">'
)

LISTINGS = [
    "/issues/",
    "/issues/harm-reduction/",
    "/library/",
    "/library/type/book/",
    "/library/tag/harm-reduction/",
]


def _html(client, url: str, status: int = 200) -> str:
    resp = client.get(url)
    assert resp.status_code == status, (url, resp.status_code)
    return resp.content.decode()


@pytest.mark.parametrize("url", LISTINGS + ["/library/over-the-influence/"])
def test_pages_load_nothing_from_other_hosts(client, seeded, url):
    html = _html(client, url)
    assert not LOADS.search(html), LOADS.search(html).group(0)
    assert 'href="/static/css/library.css"' in html


@pytest.mark.parametrize("url", LISTINGS)
def test_every_listing_advertises_its_feeds(client, seeded, url):
    html = _html(client, url)
    found = ALTERNATE.findall(html)
    kinds = {k for k, _ in found}
    assert kinds == {"rss", "atom"}
    hrefs = [h for _, h in found]
    assert "/library/feed/rss/" in hrefs and "/library/feed/atom/" in hrefs
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_scoped_feeds_advertised_first(client, seeded):
    html = _html(client, "/issues/harm-reduction/")
    hrefs = [h for _, h in ALTERNATE.findall(html)]
    assert hrefs[:2] == [
        "/issues/harm-reduction/feed/rss/",
        "/issues/harm-reduction/feed/atom/",
    ]
    html = _html(client, "/library/type/press-release/")
    assert "/library/type/press-release/feed/atom/" in html
    html = _html(client, "/library/tag/canada/")
    assert "/library/tag/canada/feed/rss/" in html


def test_issue_list_shows_all_nine_in_order(client, seeded):
    html = _html(client, "/issues/")
    titles = re.findall(r'<h2><a href="/issues/[^"]+/">([^<]+)</a></h2>', html)
    assert len(titles) == 9
    assert titles[0] == "Community Reinvestment" and titles[-1] == "Harm Reduction"


def test_issue_detail(client, seeded):
    html = _html(client, "/issues/decriminalization/")
    assert "<h1>Decriminalize Drugs, Invest in Health Services</h1>" in html
    assert "<h2" in html and "Our priorities</h2>" in html
    assert (
        "<li>Stop arresting people for possessing drugs for personal use.</li>" in html
    )
    # related map layers link to the map
    assert 'href="/map/?layer=possession-class"' in html
    assert 'href="/map/?layer=decriminalization"' in html
    # its resources, newest first
    assert "/library/drug-courts-are-not-the-answer/" in html
    assert "Page 1 of 1" in html


def test_resource_detail_type_specific_fields(client, seeded):
    html = _html(client, "/library/new-mexico-sb-321-passes/")
    assert "<dt>Dateline</dt><dd>Santa Fe, New Mexico</dd>" in html
    assert "<li>Emily Kaltenbach</li>" in html and "<li>Adriann Barboa</li>" in html
    assert "Press contacts" in html
    html = _html(client, "/library/over-the-influence/")
    assert "Patt Denning, Jeannie Little, Adina Glickman" in html
    assert "<dt>Publisher</dt><dd>The Guilford Press</dd>" in html
    assert 'href="/issues/harm-reduction/"' in html
    assert 'href="/library/tag/self-help/"' in html


def test_organization_website_and_isbn_shown(client):
    ResourceFactory(
        slug="org",
        type=ResourceType.ORGANIZATION,
        website="https://example.org/",
    )
    ResourceFactory(slug="bk", type=ResourceType.BOOK, isbn="9780306406157")
    html = _html(client, "/library/org/")
    assert '<a href="https://example.org/" rel="noopener">' in html
    assert "<dt>ISBN</dt><dd>9780306406157</dd>" in _html(client, "/library/bk/")


def test_pagination(client):
    now = timezone.now()
    for i in range(25):  # resource-0 newest
        ResourceFactory(slug=f"r-{i:02d}", publish_at=now - dt.timedelta(hours=i + 1))
    html = _html(client, "/library/")
    assert "Page 1 of 3" in html
    assert html.count('class="resource-card"') == 10
    slugs = re.findall(r'<h3><a href="/library/(r-\d+)/">', html)
    assert slugs == [f"r-{i:02d}" for i in range(10)]  # newest first
    assert '<link rel="next" href="/library/?page=2">' in html
    assert 'rel="prev"' not in html

    html = _html(client, "/library/?page=2")
    assert "Page 2 of 3" in html
    assert '<a rel="prev" href="/library/">' in html
    assert '<a rel="next" href="/library/?page=3">' in html
    assert '<link rel="prev" href="/library/">' in html
    assert 'href="/library/?page=2" aria-current="page"' in html
    assert re.findall(r'<h3><a href="/library/(r-\d+)/">', html)[0] == "r-10"

    html = _html(client, "/library/?page=3")
    assert "Page 3 of 3" in html and html.count('class="resource-card"') == 5
    assert 'rel="next"' not in html


@pytest.mark.parametrize("page", ["0", "4", "-1", "abc", "2.0", "١"])
def test_out_of_range_or_malformed_page_is_404(client, page):
    for i in range(25):
        ResourceFactory(slug=f"r-{i}")
    _html(client, f"/library/?page={page}", status=404)


def test_empty_listing_is_page_1_of_1(client, db):
    html = _html(client, "/library/")
    assert "Nothing here yet." in html and "resources, newest first" not in html
    _html(client, "/library/?page=2", status=404)


def test_many_pages_are_elided(client):
    for i in range(95):
        ResourceFactory(slug=f"r-{i}")
    html = _html(client, "/library/?page=5")
    assert "Page 5 of 10" in html
    assert "…" in html
    for n in (1, 3, 4, 6, 7, 10):
        assert f'href="/library/?page={n}"' in html or n == 1


def test_type_and_tag_listings_filter(client, seeded):
    html = _html(client, "/library/type/book/")
    assert html.count('class="resource-card"') == 3
    assert "<h1>Books</h1>" in html
    html = _html(client, "/library/tag/canada/")
    assert html.count('class="resource-card"') == 2
    assert "Tagged “Canada”" in html
    html = _html(client, "/library/")
    assert 'href="/library/type/press-release/"' in html
    assert 'href="/library/tag/drug-courts/"' in html
    assert "Research (0)" in html  # a type with nothing yet is not a dead link


@pytest.mark.parametrize(
    "url",
    [
        "/issues/no-such-area/",
        "/issues/no-such-area/feed/rss/",
        "/library/no-such-thing/",
        "/library/type/novel/",
        "/library/type/novel/feed/atom/",
        "/library/tag/no-such-tag/",
        "/library/tag/no-such-tag/feed/rss/",
    ],
)
def test_unknown_things_are_404(client, seeded, url):
    assert client.get(url).status_code == 404


def test_drafts_and_scheduled_items_stay_hidden(client):
    area = IssueAreaFactory(slug="area")
    live = ResourceFactory(slug="live", issue_areas=[area])
    ResourceFactory(slug="draft", status=Status.DRAFT, issue_areas=[area])
    ResourceFactory(
        slug="later",
        publish_at=timezone.now() + dt.timedelta(days=1),
        issue_areas=[area],
    )
    IssueAreaFactory(slug="hidden-area", status=Status.DRAFT)
    for url in ("/library/", "/issues/area/", "/library/type/article/"):
        html = _html(client, url)
        assert "/library/live/" in html
        assert "/library/draft/" not in html and "/library/later/" not in html
    _html(client, "/library/draft/", status=404)
    _html(client, "/library/later/", status=404)
    _html(client, "/issues/hidden-area/", status=404)
    assert "hidden-area" not in _html(client, "/issues/")
    assert live.get_absolute_url() == "/library/live/"


def test_staff_preview_drafts(client):
    from django.contrib.auth.models import Permission

    ResourceFactory(slug="draft", status=Status.DRAFT, title="Work in progress")
    staff = get_user_model().objects.create_user("ed", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_resource"))
    client.force_login(staff)
    resp = client.get("/library/draft/")
    assert resp.status_code == 200
    assert "this is a draft" in resp.content.decode()
    assert resp["X-Robots-Tag"] == "noindex"
    assert "no-store" in resp["Cache-Control"]
    assert "/library/draft/" not in _html(client, "/library/")  # never listed


def test_unpublished_issue_areas_not_linked_from_resources(client):
    hidden = IssueAreaFactory(slug="hidden", status=Status.DRAFT, title="Hidden area")
    shown = IssueAreaFactory(slug="shown", title="Shown area")
    ResourceFactory(slug="r", issue_areas=[hidden, shown])
    html = _html(client, "/library/r/")
    assert "Shown area" in html and "Hidden area" not in html


XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "</title><script>alert(1)</script>",
]


def test_titles_and_summaries_are_escaped(client):
    tag = TagFactory(name=XSS[2])
    area = IssueAreaFactory(
        slug="xss-area",
        title=XSS[4],
        summary=XSS[0],
        sections=[(XSS[1], "- " + XSS[0] + "\n- ok\n\n" + XSS[2])],
    )
    for i, s in enumerate(XSS):
        ResourceFactory(
            slug=f"xss-{i}",
            title=s,
            summary=s,
            body=s + "\n\n- " + s,
            authors=s,
            issue_areas=[area],
            tags=[tag],
        )
    urls = [
        "/issues/",
        "/issues/xss-area/",
        "/library/",
        "/library/type/article/",
        tag.get_absolute_url(),
    ] + [f"/library/xss-{i}/" for i in range(len(XSS))]
    for url in urls:
        html = _html(client, url)
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "<svg/onload" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_query_counts_are_bounded(client, seeded, django_assert_max_num_queries):
    # 30 more resources on one tag and area: the count must not grow with them.
    from pathways.library.models import IssueArea, Tag

    area = IssueArea.objects.get(slug="harm-reduction")
    tag = Tag.objects.get(slug="harm-reduction")
    for i in range(30):
        ResourceFactory(slug=f"more-{i}", issue_areas=[area], tags=[tag])
    limits = {
        "/issues/": 2,
        "/issues/harm-reduction/": 5,  # + its other-language versions
        "/issues/harm-reduction/?page=2": 5,
        "/library/": 4,
        "/library/?page=3": 4,
        "/library/type/organization/": 4,
        "/library/tag/harm-reduction/": 5,
        "/library/over-the-influence/": 4,  # + other-language versions
        "/library/feed/rss/": 2,
        "/issues/harm-reduction/feed/atom/": 3,
        "/library/tag/harm-reduction/feed/rss/": 3,
        "/library/type/book/feed/atom/": 2,
    }
    for url, n in limits.items():
        with django_assert_max_num_queries(n, info=url):
            assert client.get(url).status_code == 200, url
