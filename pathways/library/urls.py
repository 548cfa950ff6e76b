from django.urls import path

from . import feeds, views

app_name = "library"

rss = feeds.LibraryFeed()
atom = feeds.LibraryAtomFeed()


def feed_routes(prefix: str, name: str, *, rss=rss, atom=atom) -> list:
    """The RSS and Atom feeds of the page at ``prefix``: <prefix>feed/rss/ named
    "<name>-rss", and likewise Atom."""
    return [
        path(f"{prefix}feed/rss/", rss, name=f"{name}-rss"),
        path(f"{prefix}feed/atom/", atom, name=f"{name}-atom"),
    ]


urlpatterns = [
    path("issues/", views.issue_list, name="issue-list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue-detail"),
    *feed_routes("issues/<slug:slug>/", "issue-feed"),
    path("library/", views.resource_list, name="resource-list"),
    *feed_routes("library/", "feed"),
    path("library/type/<slug:type>/", views.resource_list, name="type"),
    *feed_routes("library/type/<slug:type>/", "type-feed"),
    path("library/tag/<slug:tag_slug>/", views.resource_list, name="tag"),
    *feed_routes("library/tag/<slug:tag_slug>/", "tag-feed"),
    path("library/<slug:slug>/", views.resource_detail, name="resource-detail"),
    *feed_routes(
        "library/<slug:slug>/comments/",
        "comment-feed",
        rss=feeds.CommentFeed(),
        atom=feeds.CommentAtomFeed(),
    ),
]
