"""Shared pytest fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A request under /es/ leaves Spanish active in the test's thread; put the
    default language back so the next test's reverse() and gettext are English."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The real public data (../shared/data or PATHWAYS_DATA_DIR)."""
    d = settings.PATHWAYS_DATA_DIR
    if d is None or not Path(d).is_dir():
        pytest.skip("real data directory not found (set PATHWAYS_DATA_DIR)")
    return Path(d)


@pytest.fixture
def write_file(tmp_path: Path):
    """Write a small hand-made fixture file; bytes are written as given."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return _write


@pytest.fixture
def clear_cache():
    """An empty cache before and after the test (rate limits start from zero)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
