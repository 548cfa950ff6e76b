"""Reads shared by the library's models: published, in a reader's language,
newest first, approved comments."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .choices import CommentStatus, Status


class PublishableQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Published, with a publish date that has come."""
        return self.filter(
            status=Status.PUBLISHED, publish_at__lte=now or timezone.now()
        )

    def in_language(self, language: str):
        """Each piece of content once, for a reader of ``language``: an item in
        another language is left out when a published version of it in
        ``language`` exists (its original or a translation of the same original);
        an item with no such version stays, and the page marks its own ``lang``."""
        versions = self.model.objects.published().filter(language=language)
        has_version = Exists(
            versions.filter(
                Q(translation_of=OuterRef("pk"))
                | Q(pk=OuterRef("translation_of"))
                | Q(translation_of=OuterRef("translation_of"))
            )
        )
        return self.filter(Q(language=language) | ~has_version)


class ResourceQuerySet(PublishableQuerySet):
    def newest_first(self):
        return self.order_by("-publish_at", "-id")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)
