"""bench/map: first-view bytes of /map/ and server time per request, warm and cold.

    uv run python bench/map.py [--requests 200] [--database-url postgres://...]

Loads the real data into a scratch database (SQLite file, or a fresh PostgreSQL
database next to the one named), then, in this process through Django's test
client (server time only, no network):
- bytes: /map/ HTML plus the CSS and JS it references, each gzip-compressed (what a
  browser transfers on a first view; the SVG is inline in the HTML);
- warm: N requests over a mix of layers, dates, drugs, periods and years;
- cold: the same N requests, each after dropping every in-process cache (decoded
  geometry, class breaks, Django's cache) and the database connection.
Prints p50/p95 in milliseconds. Never asserts."""

from __future__ import annotations

import argparse
import gzip
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from benchlib import django_client, fresh_db, manage, pct

ROOT = Path(__file__).resolve().parent.parent
TARGET_BYTES = 120_000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--database-url", default=None)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp()
    url = fresh_db(args.database_url, Path(tmp) / "bench_map.sqlite3", "bench_map")
    manage(url, ["migrate", "-v0"], ["ingest", "--all", "--no-progress"])

    client = django_client(url)
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.cache import cache
    from django.db import connections

    from pathways.maps import layers
    from pathways.places import geometry
    from pathways.stats import selectors as stats

    # -- bytes of the first view
    page = client.get("/map/").content
    total = len(gzip.compress(page))
    parts = [("/map/ (HTML with inline SVG)", len(page), total)]
    for ref in re.findall(rb'(?:href|src)="(/static/[^"]+)"', page):
        name = ref.decode().removeprefix(settings.STATIC_URL)
        path = finders.find(name)
        data = Path(path).read_bytes()
        size = len(gzip.compress(data))
        parts.append((ref.decode(), len(data), size))
        total += size

    # -- a fixed mix of requests
    rng = random.Random(2026)
    years = stats.arrest_years()
    urls = []
    for _ in range(args.requests):
        spec = rng.choice(layers.LAYERS)
        if "drug" in spec.uses:
            drug = rng.choice(layers.DRUGS)[0]
            periods = layers.overdose_periods(drug)
            p = rng.choice(periods) if periods else None
            urls.append(
                f"/map/?layer={spec.slug}&drug={drug}"
                + (f"&period={p:%Y-%m}" if p else "")
            )
        elif "year" in spec.uses:
            urls.append(f"/map/?layer={spec.slug}&year={rng.choice(years)}")
        else:
            y = rng.randint(2010, 2026)
            urls.append(f"/map/?layer={spec.slug}&date={y}-{rng.randint(1, 12):02d}-15")

    def timed(url: str) -> float:
        t = time.perf_counter()
        resp = client.get(url)
        elapsed = (time.perf_counter() - t) * 1000
        assert resp.status_code == 200, (url, resp.status_code)
        return elapsed

    for url in urls[:10]:
        timed(url)  # warm up
    warm = [timed(u) for u in urls]
    cold = []
    for u in urls:
        geometry.state_shapes.cache_clear()
        layers.clear_caches()
        cache.clear()
        connections.close_all()
        cold.append(timed(u))

    db = "PostgreSQL" if args.database_url else "SQLite"
    print(f"bench/map on {db}, {args.requests} requests per run")
    for name, raw, gz in parts:
        print(f"  {name:60} {raw:>9,} B raw  {gz:>8,} B gzip")
    verdict = "within" if total <= TARGET_BYTES else "OVER"
    print(
        f"first view of /map/: {total:,} B gzip (target <= {TARGET_BYTES:,}: {verdict})"
    )
    print(f"warm: p50 {statistics.median(warm):.1f} ms  p95 {pct(warm, 0.95):.1f} ms")
    print(f"cold: p50 {statistics.median(cold):.1f} ms  p95 {pct(cold, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
