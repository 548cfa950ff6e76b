"""Fixtures shared by the ingest tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command


@pytest.fixture
def ingest_real(data_dir, capsys) -> Callable[..., str]:
    """``ingest_real(slug, *flags)`` runs ``manage.py ingest`` over the real data
    folder and returns what it printed."""

    def run(slug: str, *flags: str) -> str:
        call_command(
            "ingest", slug, "--data-dir", str(data_dir), "--no-progress", *flags
        )
        return capsys.readouterr().out

    return run
