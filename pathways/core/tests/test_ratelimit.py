"""The fixed-window rate limiter over Django's cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from pathways.core.ratelimit import RateLimit

pytestmark = pytest.mark.usefixtures("clear_cache")


def test_counts_per_client_and_checking_counts_nothing():
    limit = RateLimit("test", limit=2, window=60)
    assert not limit.exceeded("a")
    assert [limit.hit("a"), limit.hit("a")] == [1, 2]
    assert limit.exceeded("a") and limit.exceeded("a")
    assert limit.hit("a") == 3
    assert not limit.exceeded("b")


def test_names_do_not_share_counts():
    RateLimit("one", limit=1, window=60).hit("a")
    assert not RateLimit("two", limit=1, window=60).exceeded("a")


def test_window_ends_with_the_key():
    limit = RateLimit("test", limit=1, window=60)
    limit.hit("a")
    assert limit.exceeded("a")
    cache.delete(limit._key("a"))  # what the timeout does
    assert not limit.exceeded("a") and limit.hit("a") == 1
