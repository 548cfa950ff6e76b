"""Library test helpers: the seeded library (factories: tests/factories.py)."""

from __future__ import annotations

import pytest

from pathways.library.seed import seed_library


@pytest.fixture
def seeded(db):
    return seed_library()
