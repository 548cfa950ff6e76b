"""Browser tests: Playwright (sync API) driving Debian's Chromium against
pytest-django's ``live_server``, with the real data loaded.

Running them
    uv run pytest -m browser              # only these
    uv run pytest tests/browser -v

Needs ``/usr/bin/chromium`` (Debian package ``chromium``; set ``PATHWAYS_CHROMIUM``
for another path), the Python package ``playwright`` (dev dependency; never run
``playwright install``: the system Chromium is used), ``node_modules/axe-core``
(``npm ci``) and the real data (``PATHWAYS_DATA_DIR``). Without Chromium, axe-core
or the data the tests are skipped with the reason, unless ``PATHWAYS_REQUIRE_BROWSER=1``
(set it in CI), which turns every such skip into a failure.

How the live server sees the data
    ``live_server`` serves the site from a thread of the test process. pytest-django
    gives every test that uses it a *transactional* database (it requests
    ``transactional_db`` itself), so every test here is marked (by this file's
    ``pytest_collection_modifyitems``, with ``browser`` and ``realdata``)
    ``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``:
    writes are committed, so the server thread sees them, and pytest-django runs
    these tests after the ordinary database tests. The price is that Django empties
    every table after each transactional test (``flush``), seeded jurisdictions
    included; ``serialized_rollback=True`` restores the seeded rows before the next
    test.

    The real data is loaded once per session (``ingest --all`` inside
    ``django_db_blocker.unblock()``). On the default in-memory SQLite test database
    (the server thread shares the test's connection) a copy of the loaded database is
    kept with SQLite's backup API and copied back in a few milliseconds before each
    test. On any other database (PostgreSQL) the ingest simply runs again before
    each test that finds the tables empty (~3 s each).

    Playwright's sync API keeps an asyncio event loop running in the main thread
    while it is started. Django then treats that thread as async: database calls
    there raise "You cannot call this from an async context", and ``connections``
    hands out a different connection object. So the browser lives for one test
    and starts only after the data is ready (``browser`` depends on ``site``),
    and a test body does no database work of its own: it asks the page. (Do not
    set ``DJANGO_ALLOW_ASYNC_UNSAFE`` to get around this: the flush after the test
    would then run on a connection without the seeded rows to restore.)

Helpers
    ``requests_seen``       every request the page made (``page.on("request")``)
    ``assert_no_third_party(requests, live_server.url)``
    ``axe(page)``           axe-core violations (WCAG 2.0/2.1/2.2 A and AA rules)
    ``assert_no_axe_violations(page, name)``
    ``shot(page, name)``    full-page PNG in ``tests/browser/screenshots/`` (git-ignored)
"""

from __future__ import annotations

import io
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

CHROMIUM = Path(os.environ.get("PATHWAYS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
REQUIRE = os.environ.get("PATHWAYS_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}
WIDTHS = (1280, 360)
# Given to every test in this folder (pytest_collection_modifyitems below).
BROWSER_TEST = (
    pytest.mark.browser,
    pytest.mark.realdata,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items) -> None:
    """Mark the browser tests before -m selects and pytest-django orders them."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            for mark in BROWSER_TEST:
                item.add_marker(mark)


def missing(reason: str) -> None:
    """Skip, or fail where the browser tests must run (CI)."""
    if REQUIRE:
        pytest.fail(f"{reason} (PATHWAYS_REQUIRE_BROWSER is set)", pytrace=False)
    pytest.skip(reason)


# --- the browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright():
    """Playwright's sync API, once Chromium and the package are known to be there."""
    if not CHROMIUM.exists():
        missing(
            f"{CHROMIUM} not found: install Debian's chromium "
            "(apt-get install chromium) or set PATHWAYS_CHROMIUM"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the playwright package is not installed (uv sync --group dev)")
    return sync_playwright


@pytest.fixture
def browser(_playwright, site):
    """Debian's Chromium, headless, for one test (~0.6 s to start).

    Not session-scoped on purpose: while Playwright runs, its asyncio loop makes
    Django treat the main thread as async (see the module docstring), so the
    browser starts after the data is ready (it depends on ``site``) and stops
    before pytest-django empties the database."""
    pw = _playwright().start()
    try:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except Exception:
        pw.stop()
        raise
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def context(browser):
    """A fresh browser context per test (no cookies or cache carried over)."""
    ctx = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def requests_seen(context) -> list:
    """Every request any page of this test's context makes, in order."""
    seen: list = []

    def record(request) -> None:
        seen.append(request)

    context.on("request", record)
    return seen


@pytest.fixture
def page(context, requests_seen):
    pg = context.new_page()
    yield pg
    pg.close()


def assert_no_third_party(requests, base_url: str) -> None:
    """Every request went to the live server (same scheme, host and port); data:
    and blob: URLs stay inside the page."""
    base = urlsplit(base_url)
    own = (base.scheme, base.hostname, base.port)
    foreign = []
    for r in requests:
        u = urlsplit(r.url)
        if u.scheme in ("data", "blob", "about"):
            continue
        if (u.scheme, u.hostname, u.port) != own:
            foreign.append(f"{r.method} {r.url} ({r.resource_type})")
    assert not foreign, "requests to other hosts:\n  " + "\n  ".join(foreign)


# --- axe-core --------------------------------------------------------------------


def axe(page) -> list[dict]:
    """Run axe-core on the page; its violations as plain dicts."""
    if not AXE_JS.exists():
        missing(f"{AXE_JS} not found: run `npm ci` (axe-core is a dev dependency)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target, html: n.html, summary: n.failureSummary,
                })),
            }));
        }""",
        AXE_TAGS,
    )
    return result


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v['helpUrl']}")
        for n in v["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, n['target']))}")
            lines.append(f"       {n['html'][:160]}")
            if n.get("summary"):
                summary = " ".join(n["summary"].split())
                lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, name: str = "") -> None:
    violations = axe(page)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {name or page.url}:\n"
        + format_violations(violations)
    )


def follow(page, link, url) -> None:
    """Click ``link`` and wait for the page at ``url`` (a string or a pattern)."""
    link.click()
    page.wait_for_url(url)


def shot(page, name: str) -> Path:
    """A full-page screenshot, tests/browser/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- the live server's data ------------------------------------------------------


def _in_memory_sqlite(alias: str = "default") -> bool:
    conn = connections[alias]
    return conn.vendor == "sqlite" and conn.is_in_memory_db()


def _has_data() -> bool:
    from pathways.stats.models import Observation

    return Observation.objects.exists()


def _ingest(data_dir: Path) -> None:
    out = io.StringIO()
    try:
        call_command(
            "ingest",
            "--all",
            "--data-dir",
            str(data_dir),
            "--no-progress",
            stdout=out,
            stderr=out,
        )
        # The library's first content, as `make run` loads it.
        call_command("seed_library", stdout=out, stderr=out)
    except Exception as exc:
        raise RuntimeError(f"ingest failed: {exc}\n{out.getvalue()[-3000:]}") from exc


class RealData:
    """Loads the real data into the test database and puts it back after each
    transactional test has emptied it."""

    def __init__(self, data_dir: Path, blocker):
        self.data_dir = data_dir
        self.blocker = blocker
        self.snapshot: sqlite3.Connection | None = None
        self.seed: sqlite3.Connection | None = None

    def _sqlite(self):
        conn = connections["default"]
        conn.ensure_connection()
        return conn.connection

    def ensure(self) -> None:
        with self.blocker.unblock():
            if _has_data():
                return
            if self.snapshot is not None:
                self.snapshot.backup(self._sqlite())
                return
            if _in_memory_sqlite():
                self.seed = sqlite3.connect(":memory:", check_same_thread=False)
                self._sqlite().backup(self.seed)
            _ingest(self.data_dir)
            if _in_memory_sqlite():
                self.snapshot = sqlite3.connect(":memory:", check_same_thread=False)
                self._sqlite().backup(self.snapshot)

    def restore_seed(self) -> None:
        """Leave the database as the ordinary tests expect it: the seeded
        jurisdictions, no data."""
        from pathways.places.models import State

        with self.blocker.unblock():
            if self.seed is not None:
                self.seed.backup(self._sqlite())
                return
            conn = connections["default"]
            contents = getattr(conn, "_test_serialized_contents", None)
            if contents and not State.objects.exists():
                conn.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="session")
def _real_data(django_db_setup, django_db_blocker) -> RealData:
    d = settings.PATHWAYS_DATA_DIR
    if d is None or not Path(d).is_dir():
        missing("real data directory not found (set PATHWAYS_DATA_DIR)")
    return RealData(Path(d), django_db_blocker)


@pytest.fixture(scope="module")
def _module_data(_real_data) -> Iterator[RealData]:
    """After a module's last test (and its flush), put the seeded rows back."""
    yield _real_data
    _real_data.restore_seed()


@pytest.fixture
def site(live_server, _module_data) -> str:
    """The live server's base URL, with the real data loaded."""
    _module_data.ensure()
    return live_server.url
