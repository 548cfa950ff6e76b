"""A fixed-window counter per client, in Django's cache (shared across workers when
REDIS_URL is set). Callers pass a keyed hash of the client address, never the
address itself."""

from __future__ import annotations

from django.core.cache import cache


class RateLimit:
    """``limit`` attempts per ``window`` seconds for each client key. The window
    starts at the first attempt and is not extended by later ones."""

    def __init__(self, name: str, *, limit: int, window: int):
        self.name, self.limit, self.window = name, limit, window

    def _key(self, client: str) -> str:
        return f"ratelimit:{self.name}:{client}"

    def exceeded(self, client: str) -> bool:
        """True if this client has used up its attempts (counts nothing)."""
        return (cache.get(self._key(client)) or 0) >= self.limit

    def hit(self, client: str) -> int:
        """Count one attempt; returns the count in the current window."""
        key = self._key(client)
        if cache.add(key, 1, timeout=self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=self.window)
            return 1
