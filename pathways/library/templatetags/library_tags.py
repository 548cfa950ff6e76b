"""Template helpers for the library: plain-text bodies as HTML, page links, and the
pieces other pages include (latest resources, feed autodiscovery links)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .. import selectors
from ..feeds import feed_links

register = template.Library()

_BLOCKS = re.compile(r"\n\s*\n")


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text to HTML: blank lines separate paragraphs; a block whose lines all
    start with "- " is a bulleted list. Everything typed is escaped."""
    out = []
    for block in _BLOCKS.split((text or "").replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((ln[2:],) for ln in lines))
            out.append(f"<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br>".join(escape(ln) for ln in lines) + "</p>")
    return mark_safe("\n".join(out))  # noqa: S308 - every piece is escaped above


@register.inclusion_tag("library/_latest.html")
def library_latest(limit: int = 5) -> dict:
    """Newest published resources, for the home page."""
    return {"latest": selectors.latest(limit=limit), "feeds": feed_links()}


@register.inclusion_tag("library/_feed_links.html")
def library_feed_links() -> dict:
    """<link rel="alternate"> tags for the whole library's RSS and Atom feeds."""
    return {"feeds": feed_links()}


@register.inclusion_tag("library/_home_areas.html")
def library_issue_areas() -> dict:
    """The issue areas in the reader's language, for the home page."""
    return {"areas": selectors.issue_areas()}
