"""The pieces the home page and base template can include, and the text filter."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from pathways.library.templatetags.library_tags import paragraphs


def test_paragraphs_lists_and_escaping():
    html = paragraphs("First line\nsecond line\n\n- one\n- <b>two</b>\n\n<i>x</i>")
    assert html == (
        "<p>First line<br>second line</p>\n"
        "<ul><li>one</li><li>&lt;b&gt;two&lt;/b&gt;</li></ul>\n"
        "<p>&lt;i&gt;x&lt;/i&gt;</p>"
    )
    assert paragraphs("") == ""
    assert paragraphs("a\r\n\r\nb") == "<p>a</p>\n<p>b</p>"
    # a block that only partly starts with "- " stays a paragraph
    assert paragraphs("- a\nb") == "<p>- a<br>b</p>"


@pytest.mark.django_db
def test_home_snippets(seeded):
    html = Template(
        "{% load library_tags %}{% library_feed_links %}{% library_latest 3 %}"
    ).render(Context({}))
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Pathways library (RSS)" href="/library/feed/rss/">'
    ) in html
    assert 'type="application/atom+xml"' in html
    assert html.count('<li><a href="/library/') == 3
    assert 'href="/issues/"' in html and 'href="/library/"' in html
    assert "New in the library" in html


@pytest.mark.django_db
def test_home_snippets_when_empty(db, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        html = Template("{% load library_tags %}{% library_latest %}").render(
            Context({})
        )
    assert "Nothing published yet." in html


@pytest.mark.django_db
def test_home_lists_the_issue_areas_in_the_readers_language(client, seeded):
    from pathways.library.models import IssueArea

    english = IssueArea.objects.published().filter(language="en")
    spanish = IssueArea.objects.published().filter(language="es")
    html = client.get("/").content.decode()
    assert 'id="home-areas-h"' in html
    for a in english:
        assert f'href="{a.get_absolute_url()}"' in html
    assert "Legislation" in html
    es_html = client.get("/es/").content.decode()
    for a in spanish:
        assert a.title in es_html
    assert "Legislación" in es_html
