"""bench/pages: server time and queries per request of the public pages, uncached.

    uv run python bench/pages.py [--requests 20] [--database-url postgres://...]
        [--skip-load]

Loads the real data and the library seed into a scratch database (SQLite file
/tmp/pathways_bench_pages.sqlite3, or a fresh PostgreSQL database
``pathways_bench_pages`` next to the one named; ``--skip-load`` reuses it), then, in
this process through Django's test client (server time only, no network), requests
each page ``--requests`` times after one warm-up, clearing Django's cache before
every request (what a page costs when nothing is cached). Prints p50/p95 in
milliseconds and the queries of one request. Never asserts: compare two commits in
the same run (e.g. a worktree of the older commit) on this shared, noisy machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchlib import django_client, fresh_db, manage, pct

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "/",
    "/map/",
    "/map/?layer=overdose-rate",
    "/states/OR/",
    "/states/TX/?date=2015-01-01",
    "/compare/?states=OR,WA,ID",
    "/sources/",
    "/find/?zip=97214",
    "/library/",
    "/search/?q=naloxone",
    "/api/v1/states/OR/overdose?indicator=drug-overdose-deaths",
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--skip-load", action="store_true", help="reuse the scratch DB")
    args = ap.parse_args()

    sqlite = Path("/tmp/pathways_bench_pages.sqlite3")
    if args.skip_load:
        url = (
            args.database_url.rpartition("/")[0] + "/pathways_bench_pages"
            if args.database_url
            else f"sqlite:///{sqlite}"
        )
    else:
        url = fresh_db(args.database_url, sqlite, "pathways_bench_pages")
        manage(
            url,
            ["migrate", "-v0"],
            ["ingest", "--all", "--no-progress"],
            ["seed_library", "-v0"],
        )

    client = django_client(url)
    from django.core.cache import cache
    from django.db import connection

    db = "PostgreSQL" if args.database_url else "SQLite"
    print(f"bench/pages on {db}, {args.requests} uncached requests per page")
    print(f"  {'page':58} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for page in PAGES:
        cache.clear()
        first = client.get(page)
        assert first.status_code == 200, (page, first.status_code)
        cache.clear()
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(page)
        times = []
        for _ in range(args.requests):
            cache.clear()
            started = time.perf_counter()
            resp = client.get(page)
            times.append((time.perf_counter() - started) * 1000)
            assert resp.status_code == 200, (page, resp.status_code)
        print(
            f"  {page:58} {pct(times, 0.5):8.1f} {pct(times, 0.95):8.1f}"
            f" {len(queries):8d}"
        )


if __name__ == "__main__":
    main()
