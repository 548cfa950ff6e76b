from django.urls import path

from . import feeds, views

app_name = "library"

rss = feeds.LibraryFeed()
atom = feeds.LibraryAtomFeed()
comments_rss = feeds.CommentFeed()
comments_atom = feeds.CommentAtomFeed()

urlpatterns = [
    path("issues/", views.issue_list, name="issue-list"),
    path("issues/<slug:slug>/", views.issue_detail, name="issue-detail"),
    path("issues/<slug:slug>/feed/rss/", rss, name="issue-feed-rss"),
    path("issues/<slug:slug>/feed/atom/", atom, name="issue-feed-atom"),
    path("library/", views.resource_list, name="resource-list"),
    path("library/feed/rss/", rss, name="feed-rss"),
    path("library/feed/atom/", atom, name="feed-atom"),
    path("library/type/<slug:type>/", views.resource_list, name="type"),
    path("library/type/<slug:type>/feed/rss/", rss, name="type-feed-rss"),
    path("library/type/<slug:type>/feed/atom/", atom, name="type-feed-atom"),
    path("library/tag/<slug:tag_slug>/", views.resource_list, name="tag"),
    path("library/tag/<slug:tag_slug>/feed/rss/", rss, name="tag-feed-rss"),
    path("library/tag/<slug:tag_slug>/feed/atom/", atom, name="tag-feed-atom"),
    path("library/<slug:slug>/", views.resource_detail, name="resource-detail"),
    path(
        "library/<slug:slug>/comments/feed/rss/",
        comments_rss,
        name="comment-feed-rss",
    ),
    path(
        "library/<slug:slug>/comments/feed/atom/",
        comments_atom,
        name="comment-feed-atom",
    ),
]
