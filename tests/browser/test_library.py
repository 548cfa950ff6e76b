"""The library walk in a real browser, with the seeded library content:

home → issue areas → an issue area → its listing, page 2 → a resource → the
article → post a comment (shown as awaiting moderation) → a moderator logs in to
the admin and approves it → the article shows it; newsletter sign-up → the
confirmation mail (file backend) → confirm → unsubscribe by the mail's link;
the search finds a seeded book by a word of its summary.

axe-core: 0 violations on home, issue area, listing, resource, article, search
and sign-up pages; no request leaves the site; each of those pages also works
with JavaScript turned off. Screenshots in tests/browser/screenshots/library-*.

The moderator is created in a fixture before the browser starts (the test body
must not touch the database: see conftest's docstring)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import assert_no_axe_violations, assert_no_third_party, follow, shot

MODERATOR = ("walk-moderator", "walk-moderator-password-1")
ARTICLE = "/library/harm-reduction-model-of-treatment/"
COMMENT = "Thank you for this piece: meeting people where they are saves lives."
# A book, found by a word that is only in its summary ("monograph").
BOOK_WORD, BOOK_TITLE = "monograph", "Harm Reduction: Evidence, Impacts and Challenges"


@pytest.fixture
def moderator(site, django_db_blocker):
    """A staff user in the moderator group, made before the browser starts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pathways.staff.roles import MODERATOR as GROUP
    from pathways.staff.roles import sync_groups

    with django_db_blocker.unblock():
        sync_groups()
        user = get_user_model().objects.create_user(
            MODERATOR[0], password=MODERATOR[1], is_staff=True
        )
        user.groups.add(Group.objects.get(name=GROUP))
    return MODERATOR


@pytest.fixture
def mailbox(settings, tmp_path) -> Path:
    """Mail goes to files in a temporary directory (the live server runs in this
    process, so it sees the setting)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    return tmp_path


def _mail_text(mailbox: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(mailbox.iterdir()))


def _link(text: str, kind: str) -> str:
    found = re.findall(rf"https?://\S+/updates/{kind}/[^\s/]+/", text)
    assert found, f"no {kind} link in the mail:\n{text[:2000]}"
    return found[-1]


def test_library_walk(moderator, mailbox, site, page, requests_seen):
    # Home → issue areas → an issue area
    page.goto(site + "/")
    shot(page, "library-01-home")
    assert_no_axe_violations(page, "home")
    page.locator('main a[href="/issues/"]').first.click()
    page.wait_for_url(re.compile(r"/issues/$"))
    page.locator('main h2 a[href="/issues/harm-reduction/"]').click()
    page.wait_for_url(re.compile(r"/issues/harm-reduction/$"))
    assert page.locator("h1").inner_text().strip() == "Harm Reduction"
    assert page.locator(
        'a[hreflang="es"][lang="es"]', has_text="Leer en español"
    ).count()
    shot(page, "library-02-issue-area")
    assert_no_axe_violations(page, "issue area")

    # Its listing, page 2
    page.locator('nav.pagination a[href$="?page=2"]').first.click()
    page.wait_for_url(re.compile(r"/issues/harm-reduction/\?page=2$"))
    assert "Page 2 of" in page.locator("nav.pagination .page-of").inner_text()
    cards = page.locator("main h3 a[href^='/library/']")
    assert cards.count() >= 1
    shot(page, "library-03-listing-page-2")
    assert_no_axe_violations(page, "issue area listing, page 2")

    # A resource
    follow(page, cards.first, re.compile(r"/library/[^/]+/$"))
    assert page.locator("h1").is_visible()
    shot(page, "library-04-resource")
    assert_no_axe_violations(page, "resource")

    # The article, and a comment: held for moderation
    page.goto(site + "/library/type/article/")
    page.locator(f'main h3 a[href="{ARTICLE}"]').click()
    page.wait_for_url(re.compile(re.escape(ARTICLE) + "$"))
    shot(page, "library-05-article")
    assert_no_axe_violations(page, "article")
    page.fill("form.comment-form input[name=name]", "Rosa")
    page.fill("form.comment-form textarea[name=text]", COMMENT)
    page.wait_for_timeout(3_300)  # people take longer than the minimum fill time
    page.locator("form.comment-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?sent=1#comments$"))
    status = page.locator(".comment-sent")
    assert "awaiting moderation" in status.inner_text()
    assert page.locator("li.comment", has_text=COMMENT).count() == 0
    shot(page, "library-06-comment-awaiting-moderation")
    assert_no_axe_violations(page, "article, comment sent")

    # The moderator approves it in the admin
    page.goto(site + "/admin/login/?next=/admin/library/comment/")
    page.fill("input[name=username]", moderator[0])
    page.fill("input[name=password]", moderator[1])
    page.locator("input[type=submit], button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/library/comment/$"))
    row = page.locator("#result_list tbody tr", has_text="Rosa")
    assert "Awaiting moderation" in row.inner_text()
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", "mark_approved")
    shot(page, "library-07-admin-moderation")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert "1 approved" in page.locator("ul.messagelist").inner_text()
    assert (
        "Approved"
        in page.locator("#result_list tbody tr", has_text="Rosa").inner_text()
    )
    shot(page, "library-08-admin-approved")

    page.goto(site + ARTICLE)
    comments = page.locator("ol.comment-list li.comment")
    assert comments.count() == 1
    assert COMMENT in comments.first.inner_text()
    assert "Rosa" in comments.first.inner_text()
    shot(page, "library-09-article-with-comment")

    # Newsletter: sign up → mail → confirm → unsubscribe by the mail's link
    page.goto(site + "/updates/")
    shot(page, "library-10-signup")
    assert_no_axe_violations(page, "sign-up")
    form = "main form[action='/updates/']"
    page.fill(f"{form} input[name=email]", "reader@example.org")
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/updates/check-inbox/$"))
    mail = _mail_text(mailbox)
    assert "reader@example.org" in mail
    confirm = _link(mail, "confirm")
    assert confirm.startswith(site)
    page.goto(confirm)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "library-11-confirmed")
    assert "/updates/confirm/" in page.url
    assert page.locator("h1").is_visible()
    confirmed_heading = page.locator("h1").inner_text()
    unsubscribe = _link(_mail_text(mailbox), "unsubscribe")
    page.goto(unsubscribe)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    shot(page, "library-12-unsubscribed")
    heading = page.locator("h1").inner_text()
    assert heading != confirmed_heading
    assert re.search(r"unsubscribed", page.locator("main").inner_text(), re.I)

    # Search finds a seeded book by a word of its summary
    page.goto(site + "/")
    page.fill("#site-q", BOOK_WORD)
    page.locator("form.site-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search/\?q=" + BOOK_WORD))
    assert BOOK_TITLE in page.locator("main").inner_text()
    shot(page, "library-13-search")
    assert_no_axe_violations(page, "search")

    assert_no_third_party(requests_seen, site)


PAGES_WITHOUT_JS = {
    "/": "Pathways",
    "/issues/harm-reduction/": "Harm Reduction",
    "/issues/harm-reduction/?page=2": "Harm Reduction",
    "/library/over-the-influence/": "Over the Influence",
    ARTICLE: "The Harm Reduction Model",
    f"/search/?q={BOOK_WORD}": BOOK_TITLE,
    "/updates/": "",
}


def test_library_pages_work_without_javascript(site, browser):
    ctx = browser.new_context(java_script_enabled=False)
    ctx.set_default_timeout(15_000)
    seen: list = []
    ctx.on("request", lambda request: seen.append(request))
    page = ctx.new_page()
    try:
        for path, text in PAGES_WITHOUT_JS.items():
            resp = page.goto(site + path)
            assert resp.status == 200, path
            assert page.locator("h1").first.is_visible(), path
            assert text in page.locator("main").inner_text(), path
        # The forms submit as plain HTML forms: the header search, and the
        # comment form (a too-quick comment is thanked too, and held back).
        page.goto(site + "/")
        page.fill("#site-q", BOOK_WORD)
        page.locator("form.site-search button[type=submit]").click()
        page.wait_for_url(re.compile(r"/search/\?q="))
        assert BOOK_TITLE in page.locator("main").inner_text()
        page.goto(site + "/updates/")
        form = "main form[action='/updates/']"
        page.fill(f"{form} input[name=email]", "nojs@example.org")
        page.locator(f"{form} button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/updates/check-inbox/$"))
        shot(page, "library-nojs-check-inbox")
    finally:
        ctx.close()
    assert_no_third_party(seen, site)
