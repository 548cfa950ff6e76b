"""What the benchmarks share: a scratch database, manage.py on it, percentiles.

The scripts run as ``python bench/<name>.py``, so this folder is on sys.path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of ``values``."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def fresh_db(url: str | None, sqlite_path: Path, name: str) -> str:
    """An empty scratch database: a new PostgreSQL database ``name`` on the server
    of ``url`` (dropped first if it exists), or, without ``url``, the SQLite file
    ``sqlite_path`` (removed first). Returns its DATABASE_URL."""
    if not url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{sqlite_path}"
    base = url.rpartition("/")[0]
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", f"{base}/postgres", "-qc", sql], check=True, capture_output=True
        )
    return f"{base}/{name}"


def manage(url: str, *commands: list[str]) -> None:
    """Run each manage.py command (e.g. ["migrate", "-v0"]) on database ``url``."""
    env = dict(
        os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings.dev"
    )
    for cmd in commands:
        subprocess.run(
            [sys.executable, "manage.py", *cmd],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )


def django_client(url: str):
    """Set Django up in this process on database ``url`` (development settings,
    DEBUG off, any host) and return a test client: server time, no network."""
    os.environ.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    return Client()
