"""Comments on articles: moderation, spam defenses, privacy of the email and IP
address, feeds, and a corpus of XSS/injection payloads that must come back as text."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from pathways.core import abuse
from pathways.library import services
from pathways.library.models import Comment, CommentStatus, ResourceType, Status
from tests.factories import CommentFactory, ResourceFactory
from tests.helpers import admin_action, assert_field_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]

SECRET_EMAIL = "private-reader@example.org"


@pytest.fixture
def article(db):
    return ResourceFactory(
        type=ResourceType.ARTICLE, slug="an-article", title="An article"
    )


_ip = iter(range(1, 60000))


def fresh_ip() -> str:
    n = next(_ip)
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def form_data(article, **overrides) -> dict:
    data = {
        "name": "Sam Reader",
        "email": "",
        "text": "Thank you for this article.",
        "website": "",
        "started": abuse.form_token(article.pk, at=time.time() - 30),
    }
    data.update(overrides)
    return data


def post(client, article, *, ip: str | None = None, **overrides):
    return client.post(
        article.get_absolute_url(),
        form_data(article, **overrides),
        REMOTE_ADDR=ip or fresh_ip(),
    )


def approve_all():
    Comment.objects.update(status=CommentStatus.APPROVED)


# -- posting and moderation ------------------------------------------------------------


def test_new_comment_is_pending_and_not_shown(client, article):
    resp = post(client, article, text="A thoughtful remark about treatment.")
    assert resp.status_code == 302
    assert resp["Location"] == "/library/an-article/?sent=1#comments"
    c = Comment.objects.get()
    assert c.status == CommentStatus.PENDING
    assert c.article == article
    html = client.get(article.get_absolute_url()).content.decode()
    assert "A thoughtful remark" not in html
    assert "No comments yet." in html
    thanks = client.get(resp["Location"]).content.decode()
    assert "Thank you — your comment is awaiting moderation." in thanks
    assert 'role="status"' in thanks
    assert "A thoughtful remark" not in thanks


def test_service_creates_pending_comment(article):
    c = services.comment_create(
        article=article, name="Ana", email="", text="Hola.", ip_hash="x" * 64
    )
    assert c.status == CommentStatus.PENDING
    assert c.spam_reason == ""


def test_service_refuses_non_articles_and_drafts(db):
    from django.core.exceptions import ValidationError

    book = ResourceFactory(type=ResourceType.BOOK)
    draft = ResourceFactory(type=ResourceType.ARTICLE, status=Status.DRAFT)
    for res in (book, draft):
        with pytest.raises(ValidationError):
            services.comment_create(
                article=res, name="A", email="", text="t", ip_hash="h"
            )
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "action,status",
    [
        ("mark_approved", CommentStatus.APPROVED),
        ("mark_rejected", CommentStatus.REJECTED),
        ("mark_spam", CommentStatus.SPAM),
    ],
)
def test_admin_bulk_actions(client, admin_client, admin_user, article, action, status):
    post(client, article, name="First", text="First comment.")
    post(client, article, name="Second", text="Second comment.")
    resp = admin_action(admin_client, action, Comment.objects.all())
    assert resp.status_code == 302
    for c in Comment.objects.all():
        assert c.status == status
        assert c.moderated_by == admin_user
        assert c.moderated_at is not None
    html = client.get(article.get_absolute_url()).content.decode()
    shown = status == CommentStatus.APPROVED
    assert ("First comment." in html) is shown
    assert ("Second comment." in html) is shown
    if shown:
        assert "2 comments" in html
        assert html.index("First comment.") < html.index("Second comment.")


def test_admin_list_filters_and_change_page(client, admin_client, article):
    post(client, article, email=SECRET_EMAIL)
    c = Comment.objects.get()
    resp = admin_client.get("/admin/library/comment/?status__exact=pending")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert SECRET_EMAIL in html  # staff see the email
    assert (
        admin_client.get(
            f"/admin/library/comment/?article__id__exact={article.pk}"
        ).status_code
        == 200
    )
    change = admin_client.get(f"/admin/library/comment/{c.pk}/change/")
    assert change.status_code == 200
    assert admin_client.get("/admin/library/comment/add/").status_code == 403


def test_comment_list_needs_staff(client, article):
    resp = client.get("/admin/library/comment/")
    assert resp.status_code == 302
    assert "/admin/login/" in resp["Location"]


# -- spam defenses -----------------------------------------------------------------------


def test_honeypot_is_stored_as_spam_silently(client, article):
    resp = post(client, article, website="http://spam.example/")
    assert resp.status_code == 302  # thanked like anyone else
    c = Comment.objects.get()
    assert (c.status, c.spam_reason) == (CommentStatus.SPAM, "honeypot")
    assert (
        "Thank you for this article."
        not in client.get(article.get_absolute_url()).content.decode()
    )


def test_honeypot_is_hidden_from_people(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('<div class="hp" aria-hidden="true">')
    hp = html[start : html.index("</div>", start)]
    assert 'name="website"' in hp
    assert 'tabindex="-1"' in hp
    assert 'autocomplete="off"' in hp
    assert "<label" in hp


def test_too_fast_is_stored_as_spam_silently(client, article):
    resp = post(client, article, started=abuse.form_token(article.pk))
    assert resp.status_code == 302
    c = Comment.objects.get()
    assert (c.status, c.spam_reason) == (CommentStatus.SPAM, "too-fast")


@pytest.mark.parametrize("token", ["", "forged", "abc:def:ghi"])
def test_missing_or_forged_timestamp_is_spam(client, article, token):
    assert post(client, article, started=token).status_code == 302
    assert Comment.objects.get().spam_reason == "bad-token"


def test_timestamp_for_another_article_is_spam(client, article):
    other = ResourceFactory(type=ResourceType.ARTICLE)
    token = abuse.form_token(other.pk, at=time.time() - 30)
    assert post(client, article, started=token).status_code == 302
    assert Comment.objects.get().spam_reason == "bad-token"


def test_form_open_over_a_day_asks_again(client, article):
    token = abuse.form_token(article.pk, at=time.time() - 2 * 86400)
    resp = post(client, article, started=token)
    assert resp.status_code == 200
    assert "open for more than a day" in resp.content.decode()
    assert not Comment.objects.exists()
    # the re-rendered form carries a fresh timestamp
    new = resp.context["form"].data["started"]
    assert 0 <= abuse.form_age(new, article.pk) < 5


def test_form_shows_a_fresh_signed_timestamp(client, article):
    resp = client.get(article.get_absolute_url())
    token = resp.context["form"].initial["started"]
    assert f'value="{token}"' in resp.content.decode()
    assert 0 <= abuse.form_age(token, article.pk) < 5


def test_too_many_links_is_a_field_error(client, article):
    text = "See https://a.example/ and http://b.example/x and www.c.example.com"
    resp = post(client, article, text=text)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert not Comment.objects.exists()
    assert "at most 2 web addresses (this has 3)" in html
    assert_field_error(html, "comment-text", "comment-text_helptext comment-text_error")
    # what was typed is kept
    assert "www.c.example.com" in html


def test_two_links_are_fine(client, article):
    resp = post(client, article, text="https://a.example/ and https://b.example/")
    assert resp.status_code == 302
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_required_name_and_text(client, article):
    resp = post(client, article, name="", text="   ")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert html.count('aria-invalid="true"') == 2
    assert 'id="comment-name_error"' in html
    assert 'id="comment-text_error"' in html
    assert 'id="comment-email_error"' not in html
    assert not Comment.objects.exists()


def test_bad_email_is_a_field_error(client, article):
    resp = post(client, article, email="not an email")
    assert resp.status_code == 200
    assert 'id="comment-email_error"' in resp.content.decode()


def test_control_characters_are_refused(client, article):
    resp = post(client, article, name="Bell\x07", text="Escape \x1b[31m")
    assert resp.status_code == 200
    assert not Comment.objects.exists()


def test_rate_limit_per_hashed_ip(client, article):
    for i in range(services.RATE_LIMIT):
        assert post(client, article, ip="192.0.2.7", text=f"c{i}").status_code == 302
    resp = post(client, article, ip="192.0.2.7", text="one too many")
    assert resp.status_code == 429
    html = resp.content.decode()
    assert "Please wait a few minutes" in html
    assert "one too many" in html  # kept in the form, not lost
    assert Comment.objects.count() == services.RATE_LIMIT
    # another address is not affected
    assert post(client, article, ip="192.0.2.8").status_code == 302


def test_rate_limit_window_expires(article, monkeypatch):
    h = abuse.hash_address("192.0.2.9")
    for _ in range(services.RATE_LIMIT):
        services.comment_create(
            article=article, name="a", email="", text="t", ip_hash=h
        )
    with pytest.raises(services.RateLimited):
        services.comment_create(
            article=article, name="a", email="", text="t", ip_hash=h
        )
    cache.delete(services.COMMENT_RATE._key(h))  # what the timeout does
    services.comment_create(article=article, name="a", email="", text="t", ip_hash=h)


def test_ip_is_stored_only_as_hmac(client, article):
    post(client, article, ip="198.51.100.23")
    c = Comment.objects.get()
    expected = hmac.new(
        settings.SECRET_KEY.encode(), b"198.51.100.23", hashlib.sha256
    ).hexdigest()
    assert c.ip_hash == expected
    row = Comment.objects.filter(pk=c.pk).values().get()
    assert not any("198.51.100.23" in str(v) for v in row.values())


def test_post_to_non_article_is_refused(client):
    book = ResourceFactory(type=ResourceType.BOOK)
    html = client.get(book.get_absolute_url()).content.decode()
    assert 'id="comments"' not in html
    resp = client.post(book.get_absolute_url(), {"name": "x", "text": "y"})
    assert resp.status_code == 405
    assert not Comment.objects.exists()


def test_csrf_is_enforced(article):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    resp = c.post(article.get_absolute_url(), form_data(article))
    assert resp.status_code == 403
    assert not Comment.objects.exists()


def test_readers_get_no_cookie_but_csrf(client, article):
    resp = client.get(article.get_absolute_url())
    assert set(resp.cookies) <= {settings.CSRF_COOKIE_NAME}
    resp = post(client, article)
    assert set(resp.cookies) <= {settings.CSRF_COOKIE_NAME}
    resp = client.get("/library/an-article/?sent=1")
    assert set(resp.cookies) <= {settings.CSRF_COOKIE_NAME}
    assert settings.SESSION_COOKIE_NAME not in client.cookies


# -- privacy: the email address ------------------------------------------------------------


def test_email_never_public(client, article):
    post(client, article, name="Named Reader", email=SECRET_EMAIL, text="Visible.")
    approve_all()
    pages = [
        article.get_absolute_url(),
        f"/library/{article.slug}/comments/feed/rss/",
        f"/library/{article.slug}/comments/feed/atom/",
        "/library/",
        "/library/feed/rss/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert SECRET_EMAIL not in body, url
        assert "private-reader" not in body, url
    assert "Named Reader" in client.get(article.get_absolute_url()).content.decode()


# -- display --------------------------------------------------------------------------------


def test_urls_are_linked_nofollow_ugc_and_nothing_else(client, article):
    text = "Read https://example.org/report?a=1&b=2 please.\n\nWrite me at a@b.example"
    post(client, article, text=text)
    approve_all()
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc">'
        "https://example.org/report?a=1&amp;b=2</a>"
    ) in html
    assert "mailto:" not in html
    assert "<p>Write me at a@b.example</p>" in html


def test_article_page_advertises_comment_feeds(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Comments on '
        '“An article” (RSS)" href="/library/an-article/comments/feed/rss/">'
    ) in html
    assert 'href="/library/an-article/comments/feed/atom/"' in html


def test_article_page_query_count_is_constant(
    client, article, django_assert_max_num_queries
):
    CommentFactory.create_batch(25, article=article, status=CommentStatus.APPROVED)
    # session-less page: article, issue areas, tags, comments, other-language versions
    with django_assert_max_num_queries(5):
        resp = client.get(article.get_absolute_url())
    assert resp.content.decode().count('class="comment"') == 25


# -- feeds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_comment_feeds_parse_and_hold_approved_only(client, article, kind):
    now = timezone.now()
    for i, status in enumerate(
        [CommentStatus.APPROVED, CommentStatus.PENDING, CommentStatus.APPROVED]
    ):
        CommentFactory(
            article=article,
            name=f"Reader {i}",
            email=SECRET_EMAIL,
            text=f"Comment {i} see https://example.org/{i}",
            status=status,
            created_at=now - dt.timedelta(hours=10 - i),
        )
    resp = client.get(f"/library/{article.slug}/comments/feed/{kind}/")
    assert resp.status_code == 200
    feed = feedparser.parse(resp.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert [e.title for e in feed.entries] == [
        "Comment by Reader 2",
        "Comment by Reader 0",
    ]
    for e in feed.entries:
        assert e.link.startswith("http://testserver/library/an-article/#comment-")
        assert e.published_parsed is not None
        assert "nofollow ugc" in e.summary
    assert SECRET_EMAIL not in resp.content.decode()


def test_comment_feed_404s(client):
    book = ResourceFactory(type=ResourceType.BOOK, slug="a-book")
    draft = ResourceFactory(
        type=ResourceType.ARTICLE, slug="a-draft", status=Status.DRAFT
    )
    for slug in (book.slug, draft.slug, "nothing-here"):
        assert client.get(f"/library/{slug}/comments/feed/rss/").status_code == 404


# -- XSS and injection corpus ----------------------------------------------------------------

LONG = "A" * 4000 + "<script>alert(1)</script>"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(document.cookie)</script>',
    "'><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=# onmouseover=\"alert('x')\">",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data:text/html,<script>alert(1)</script>",
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    "<div style=\"width: expression(alert('XSS'));\">x</div>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "evil\u202egnp.exe",
    "zero\u200bwidth\u200d<script\u200b>alert(1)</script>",
    "e\u0301\u0302\u0303 combining \U0001f600 emoji",
    "{{ settings.SECRET_KEY }} {% debug %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "'; DROP TABLE library_comment; --",
    "1' OR '1'='1",
    '" OR ""="',
    "admin'--",
    "1; SELECT * FROM auth_user WHERE 1=1",
    '<!--#exec cmd="/bin/ls"-->',
    "<![CDATA[<script>alert(1)</script>]]>",
    "]]><script>alert(1)</script>",
    'https://example.org/"onmouseover=alert(1)',
    "http://x.example/<script>alert(1)</script>",
    "www.example.org/'><img src=x onerror=alert(1)>",
    "<a href=https://example.org onclick=alert(1)>x</a>",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003e",
    '<base href="javascript:alert(1)//">',
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "line one\nline two\n\n<b>para</b>",
    LONG,
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class _TextOf(HTMLParser):
    """The text inside the element with the given id."""

    def __init__(self, ident: str):
        super().__init__(convert_charrefs=True)
        self.ident, self.depth, self.text = ident, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in ("br",):
                self.depth += 1
        elif dict(attrs).get("id") == self.ident:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


ALLOWED_TAGS = {
    "section", "h2", "h3", "p", "ol", "ul", "li", "bdi", "time", "div", "a",
    "br", "strong", "form", "input", "label", "textarea", "button", "span",
}  # fmt: skip


def _comments_section(html: str) -> str:
    start = html.index('<section id="comments"')
    return html[start : html.index("</section>", start) + len("</section>")]


def _assert_inert(fragment: str) -> None:
    lowered = fragment.lower()
    assert "<script" not in lowered
    assert "<svg" not in lowered and "<img" not in lowered
    parser = _Collector()
    parser.feed(fragment)
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in ("href", "src", "action"):
                v = "".join((value or "").split()).lower()
                assert not v.startswith(("javascript:", "data:", "vbscript:")), v
        if tag == "a" and attrs.get("href", "").startswith("http"):
            assert attrs.get("rel") == "nofollow ugc", attrs


def test_corpus_is_big_enough():
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_payload_is_stored_verbatim_and_rendered_as_text(client, article, payload):
    name = payload if len(payload) <= 100 else "Long text sender"
    resp = post(client, article, name=name, text=payload)
    assert resp.status_code == 302, resp.content.decode()[-2000:]
    c = Comment.objects.get()
    assert c.text == payload
    assert c.name == name
    assert c.status == CommentStatus.PENDING
    approve_all()

    html = client.get(article.get_absolute_url()).content.decode()
    section = _comments_section(html)
    _assert_inert(section)
    # What the reader sees is exactly what was typed (whitespace aside).
    text = _TextOf(f"comment-{c.pk}")
    text.feed(section)
    seen = "".join("".join(text.text).split())
    assert "".join(name.split()) in seen
    assert "".join(payload.split()) in seen

    # The feeds carry it as text too: valid XML, and the HTML summary is inert.
    for kind in ("rss", "atom"):
        resp = client.get(f"/library/{article.slug}/comments/feed/{kind}/")
        feed = feedparser.parse(resp.content)
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert len(feed.entries) == 1
        # (feedparser sanitizes titles it takes for HTML: read the XML itself.)
        title, summary = _feed_item(resp.content, kind)
        assert title == f"Comment by {name}"
        assert "<script" not in resp.content.decode().lower()
        # The description is HTML carried as XML text: once the XML is parsed,
        # that HTML must be inert.
        _assert_inert(summary)


def _feed_item(content: bytes, kind: str) -> tuple[str, str]:
    """The first item's title (text) and description/summary (HTML)."""
    root = ET.fromstring(content)  # noqa: S314 - our own feed
    if kind == "rss":
        item = root.find("channel/item")
        return item.find("title").text, item.find("description").text
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = root.find("a:entry", ns)
    return entry.find("a:title", ns).text, entry.find("a:summary", ns).text


def test_payload_in_a_form_error_is_escaped(client, article):
    payload = '"><script>alert(1)</script><img src=x onerror=alert(1)>'
    resp = post(client, article, name=payload, text="")
    assert resp.status_code == 200
    section = _comments_section(resp.content.decode())
    _assert_inert(section)
    assert "&quot;&gt;&lt;script&gt;" in section
