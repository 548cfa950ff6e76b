"""RSS 2.0 and Atom feeds of published resources: the whole library, one issue area,
one type or one tag. One Feed class; the URL's keyword names the scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from . import selectors
from .models import TYPE_PLURALS, Resource, ResourceType

FEED_ITEMS = 20
SITE = "Pathways"


@dataclass(frozen=True)
class Scope:
    """What one feed (and the listing it mirrors) covers."""

    title: str
    description: str
    link: str  # the listing page
    url_name: str  # "library:<url_name>-rss" / "-atom"
    args: tuple[str, ...] = ()
    resources: QuerySet[Resource] | None = None

    @property
    def rss(self) -> str:
        return reverse(f"library:{self.url_name}-rss", args=self.args)

    @property
    def atom(self) -> str:
        return reverse(f"library:{self.url_name}-atom", args=self.args)


def scope(*, issue_area=None, type: str | None = None, tag=None, with_items=False):
    """The scope of an issue area, a type, a tag, or (none given) the library."""
    if issue_area is not None:
        title = _("%(site)s: %(area)s") % {"site": SITE, "area": issue_area.title}
        description = issue_area.summary
        link, url_name, args = (
            issue_area.get_absolute_url(),
            "issue-feed",
            (issue_area.slug,),
        )
    elif type is not None:
        plural = TYPE_PLURALS[type]
        title = _("%(site)s: %(type)s") % {"site": SITE, "type": plural}
        description = _("The newest %(type)s in the Pathways resource library.") % {
            "type": str(plural).lower()
        }
        link, url_name, args = (
            reverse("library:type", args=[type]),
            "type-feed",
            (type,),
        )
    elif tag is not None:
        title = _("%(site)s: tagged “%(tag)s”") % {"site": SITE, "tag": tag.name}
        description = _(
            "The newest resources tagged “%(tag)s” in the Pathways library."
        ) % {"tag": tag.name}
        link, url_name, args = tag.get_absolute_url(), "tag-feed", (tag.slug,)
    else:
        title = _("%(site)s library") % {"site": SITE}
        description = _(
            "The newest books, organizations, reports, press releases, articles "
            "and research in the Pathways resource library."
        )
        link, url_name, args = reverse("library:resource-list"), "feed", ()
    resources = (
        selectors.resources(issue_area=issue_area, type=type, tag=tag)
        if with_items
        else None
    )
    return Scope(title, description, link, url_name, args, resources)


def feed_links(*, issue_area=None, type=None, tag=None) -> list[Scope]:
    """The feeds a page advertises (each has .title, .rss, .atom): its own
    scope's first, then the whole library's."""
    links = []
    if issue_area is not None or type is not None or tag is not None:
        links.append(scope(issue_area=issue_area, type=type, tag=tag))
    links.append(scope())
    return links


class LibraryFeed(Feed):
    feed_type = Rss201rev2Feed
    author_name = SITE

    def get_object(self, request, slug=None, type=None, tag_slug=None) -> Scope:
        area = tag = None
        if slug is not None:
            area = selectors.issue_area(slug=slug)
            if area is None:
                raise Http404
        if type is not None and type not in ResourceType.values:
            raise Http404
        if tag_slug is not None:
            tag = selectors.tag(slug=tag_slug)
            if tag is None:
                raise Http404
        return scope(issue_area=area, type=type, tag=tag, with_items=True)

    def title(self, obj: Scope) -> str:
        return obj.title

    def link(self, obj: Scope) -> str:
        return obj.link

    def description(self, obj: Scope) -> str:
        return obj.description

    subtitle = description  # Atom

    def items(self, obj: Scope):
        return obj.resources.prefetch_related("tags")[:FEED_ITEMS]

    def item_title(self, item: Resource) -> str:
        return item.title

    def item_description(self, item: Resource) -> str:
        # Readers treat the description as HTML: escape it so that markup typed
        # into a summary stays text there too.
        return escape(item.summary)

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Resource):
        return item.publish_at

    def item_updateddate(self, item: Resource):
        return max(item.updated_at, item.publish_at)

    def item_author_name(self, item: Resource) -> str | None:
        return ", ".join(item.author_list) or None

    def item_categories(self, item: Resource) -> list[str]:
        return [str(item.get_type_display())] + [t.name for t in item.tags.all()]


class LibraryAtomFeed(LibraryFeed):
    feed_type = Atom1Feed


# -- comments on one article -------------------------------------------------------

COMMENT_FEED_ITEMS = 50


@dataclass(frozen=True)
class CommentFeedLink:
    """An article's comment feeds, shaped like Scope for _feed_links.html."""

    title: str
    rss: str
    atom: str


def comment_feed_links(article: Resource) -> list[CommentFeedLink]:
    return [
        CommentFeedLink(
            _("Comments on “%(title)s”") % {"title": article.title},
            reverse("library:comment-feed-rss", args=[article.slug]),
            reverse("library:comment-feed-atom", args=[article.slug]),
        )
    ]


class CommentFeed(Feed):
    """Approved comments on one published article, newest first. Name, date and
    text only: the commenter's email address never appears here."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, slug: str) -> Resource:
        article = (
            Resource.objects.published()
            .filter(slug=slug, type=ResourceType.ARTICLE)
            .only("id", "slug", "title", "status", "publish_at", "type")
            .first()
        )
        if article is None:
            raise Http404
        return article

    def title(self, obj: Resource) -> str:
        return _("%(site)s: comments on “%(title)s”") % {
            "site": SITE,
            "title": obj.title,
        }

    def link(self, obj: Resource) -> str:
        return obj.get_absolute_url() + "#comments"

    def description(self, obj: Resource) -> str:
        return _("Readers' comments on “%(title)s”, after moderation.") % {
            "title": obj.title
        }

    subtitle = description  # Atom

    def items(self, obj: Resource) -> list:
        comments = list(
            obj.comments.approved()
            .only("id", "article_id", "name", "text", "created_at")
            .order_by("-created_at", "-id")[:COMMENT_FEED_ITEMS]
        )
        for comment in comments:
            comment.article = obj  # links without a query per comment
        return comments

    def item_title(self, item) -> str:
        return _("Comment by %(name)s") % {"name": item.name}

    def item_description(self, item) -> str:
        # HTML for feed readers: escaped text with web addresses linked.
        return item.text_html

    def item_link(self, item) -> str:
        return item.get_absolute_url()  # the article's URL + #comment-<id>

    def item_pubdate(self, item):
        return item.created_at

    def item_author_name(self, item) -> str:
        return item.name


class CommentAtomFeed(CommentFeed):
    feed_type = Atom1Feed
