"""bench/finder: the service finder's search, selector and API, against a bare SQL baseline.

    uv run python bench/finder.py [--runs 500] [--seed 2026] [--database-url postgres://...]
        [--skip-load] [--load-seconds 15] [--workers N] [--port 8113]

Sets up a scratch database (SQLite file /tmp/pathways_bench_finder.sqlite3, or a
fresh PostgreSQL database ``pathways_bench_finder`` next to the one named) with
the SAMHSA directory and the OTP directory ingested (``--skip-load`` reuses it),
then draws ``--runs`` random searches with a fixed seed: a ZIP code of the
project's ZIP table, a radius of 10-50 miles, 0-4 filter groups with 1-2 random
values each. Then:

(a) in this process, interleaved case by case: the search selector as the API
    calls it (``facilities_near``, the count, the first page of 20 result rows)
    against a baseline: one bare SQL query on the same table (lat/lng box plus
    the same code conditions, through the database driver's own cursor) and a
    Python haversine, returning the same facilities (the sets are compared for
    every case). p50/p95 of each and their ratio (target <= 3x);
(b) the production server (gunicorn, config.settings.prod, DEBUG off) on
    127.0.0.1:PORT: every case's first page of /api/v1/facilities over HTTP, one
    request at a time from a keep-alive http.client connection, twice (the first
    pass is each URL's first request); p50/p95 (target p95 <= 50 ms);
(c) wrk against the same server for --load-seconds, a Lua script cycling
    through the distinct case URLs: requests/s, latency p50/p99, non-2xx and
    socket errors (target >= 300 req/s on 2 cores, 0 errors).

Prints the figures and the verdicts; never asserts a speed (it does stop if the
selector and the baseline disagree, or if a request fails).
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import random
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from benchlib import fresh_db, manage, pct

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = Path(tempfile.gettempdir()) / "pathways_bench_finder.sqlite3"
PG_NAME = "pathways_bench_finder"
TARGET_RATIO, TARGET_P95_MS, TARGET_RPS = 3.0, 50.0, 300.0
EARTH_RADIUS_MILES = 3958.8


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


# -- the scratch database ------------------------------------------------------------


def database_url(args) -> str:
    if not args.database_url:
        return f"sqlite:///{SQLITE_PATH}"
    base = args.database_url.rsplit("/", 1)[0]
    return f"{base}/{PG_NAME}"


def load(args, url: str) -> None:
    fresh_db(args.database_url, SQLITE_PATH, PG_NAME)
    manage(
        url,
        ["migrate", "-v0"],
        ["ingest", "samhsa-directory", "--no-progress"],
        ["ingest", "samhsa-otp", "--no-progress"],
    )
    if args.database_url:
        # What autovacuum does soon after a load: planner statistics and the
        # visibility map (index-only scans).
        subprocess.run(
            ["psql", url, "-qc", "VACUUM ANALYZE treatment_facility"],
            check=True,
            capture_output=True,
        )


# -- the cases -----------------------------------------------------------------------


def make_cases(runs: int, seed: int):
    from pathways.treatment import codes as code_table
    from pathways.treatment.selectors import FILTER_GROUPS, PARAM_OF_GROUP, zip_place
    from pathways.treatment.zipdata import all_zips

    zips = sorted({z["zip_code"] for z in all_zips() if zip_place(z["zip_code"])})
    values = {g: [v for (gg, v) in code_table.VALUES if gg == g] for g in FILTER_GROUPS}
    rng = random.Random(seed)
    cases = []
    for _ in range(runs):
        zip_code = rng.choice(zips)
        radius = rng.randint(10, 50)
        filters = {}
        for group in rng.sample(FILTER_GROUPS, rng.randint(0, 4)):
            k = min(len(values[group]), rng.randint(1, 2))
            filters[group] = sorted(rng.sample(values[group], k))
        params = [("zip", zip_code), ("radius", str(radius))]
        for group, chosen in filters.items():
            params += [(PARAM_OF_GROUP[group], v) for v in chosen]
        cases.append(
            {
                "zip": zip_code,
                "place": zip_place(zip_code),
                "radius": radius,
                "filters": filters,
                "url": "/api/v1/facilities?" + urlencode(params),
            }
        )
    return cases


# -- (a) the selector against a bare SQL baseline -------------------------------------


def baseline_query(lat, lng, miles, filters, mark: str):
    """The bare query: a lat/lng box (as wide as the selector's) and, per filter
    group, "this directory type and any of these codes" as substring tests."""
    from pathways.treatment import codes as code_table
    from pathways.treatment.selectors import search_box

    lat_lo, lat_hi, ranges = search_box(lat, lng, miles)
    where = [f"lat >= {mark} AND lat <= {mark}"]
    params: list = [lat_lo, lat_hi]
    lng_sql = []
    for lo, hi in ranges:
        lng_sql.append(f"(lng >= {mark} AND lng <= {mark})")
        params += [lo, hi]
    where.append("(" + " OR ".join(lng_sql) + ")")
    # The same substring test as the selector (see _CONTAINS_SQL there).
    contains = "instr(codes, ?) > 0" if mark == "?" else "strpos(codes, %s) > 0"
    for group, chosen in filters.items():
        ors = []
        for dtype, wanted in code_table.codes_for(group, chosen).items():
            if not wanted:
                continue
            tests = " OR ".join(contains for _ in wanted)
            ors.append(f"(directory_type = {mark} AND ({tests}))")
            params += [dtype, *(f" {c} " for c in sorted(wanted))]
        where.append("(" + (" OR ".join(ors) or "1 = 0") + ")")
    sql = "SELECT id, lat, lng FROM treatment_facility WHERE " + " AND ".join(where)
    return sql, params


def baseline(raw, mark, lat, lng, miles, filters) -> list[tuple[float, int]]:
    sql, params = baseline_query(lat, lng, miles, filters, mark)
    cur = raw.cursor()
    cur.execute(sql, params)
    p = math.pi / 180
    out = []
    for pk, flat, flng in cur.fetchall():
        a = (
            math.sin((flat - lat) * p / 2) ** 2
            + math.cos(lat * p)
            * math.cos(flat * p)
            * math.sin((flng - lng) * p / 2) ** 2
        )
        d = 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))
        if d <= miles:
            out.append((d, pk))
    out.sort()
    return out


def bench_selector(cases, per_page: int):
    from django.db import connection

    from pathways.treatment.selectors import facilities_near

    connection.ensure_connection()
    raw = connection.connection
    mark = "?" if connection.vendor == "sqlite" else "%s"

    def selector(c):
        results = facilities_near(
            lat=c["place"].lat,
            lng=c["place"].lng,
            miles=c["radius"],
            filters=c["filters"],
        )
        count = len(results)
        page = [(r["id"], r["miles"]) for r in results.rows(0, per_page)]
        return results, count, page

    def base(c):
        return baseline(
            raw, mark, c["place"].lat, c["place"].lng, c["radius"], c["filters"]
        )

    for c in cases[:20]:  # warm up: imports, code table, statement caches
        selector(c), base(c)
    sel_ms, base_ms, counts = [], [], []
    for i, c in enumerate(cases):
        order = (selector, base) if i % 2 else (base, selector)
        got = {}
        for fn in order:
            t = time.perf_counter()
            got[fn] = fn(c)
            elapsed = (time.perf_counter() - t) * 1000
            (sel_ms if fn is selector else base_ms).append(elapsed)
        results, count, page = got[selector]
        expected = got[base]
        ids = set(results.ids)
        assert count == len(expected) and ids == {pk for _, pk in expected}, (
            "selector and baseline disagree",
            c["url"],
            count,
            len(expected),
        )
        assert [m for _, m in page] == sorted(m for _, m in page)
        counts.append(count)
    return sel_ms, base_ms, counts


# -- (b) and (c): the production server ---------------------------------------------


def start_server(url: str, port: int, workers: int, threads: int, tmp: Path):
    env = dict(
        os.environ,
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DEBUG="0",
        SECRET_KEY="bench-finder-not-a-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
    )
    env.pop("REDIS_URL", None)
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *(["--worker-class", "gthread", "--threads", str(threads)] if threads else []),
        "--access-logfile",
        str(tmp / "access.log"),
        "--access-logformat",
        '%(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)ss',
        "--error-logfile",
        str(tmp / "error.log"),
    ]
    # The server's own output (e.g. whitenoise's warning that static files are not
    # collected: the API needs none) goes to a file, not into the figures.
    with open(tmp / "server.out", "wb") as out:
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, start_new_session=True, stdout=out, stderr=out
        )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return proc, cmd
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    sys.exit(
        f"gunicorn did not answer on port {port}; see {tmp / 'error.log'} "
        f"and {tmp / 'server.out'}"
    )


def stop_server(proc) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def bench_http(cases, port: int):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    passes = []
    cache_control = ""
    for _ in range(2):
        times = []
        for c in cases:
            t = time.perf_counter()
            conn.request("GET", c["url"], headers={"Accept": "application/json"})
            resp = conn.getresponse()
            body = resp.read()
            times.append((time.perf_counter() - t) * 1000)
            if resp.status != 200:
                sys.exit(f"{c['url']}: HTTP {resp.status} {body[:300]!r}")
            cache_control = resp.getheader("Cache-Control", "")
        passes.append(times)
    conn.close()
    return passes, cache_control


LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "application/json"})
end
"""


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (Linux /proc)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def server_pids(master: int) -> list[int]:
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return pids


def database_pids() -> list[int]:
    """The PostgreSQL backends serving the scratch database (the server's work
    done in the database is part of its cost). None for SQLite (in process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> "
            "pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
        pids = [pid for (pid,) in cursor.fetchall()]
    connection.close()
    return pids


def machine_busy_seconds() -> float:
    """CPU time spent by everything on the machine (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split()[1:9]]
    busy = sum(values) - values[3] - values[4]  # minus idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def run_wrk(
    cases, port: int, seconds: int, connections: int, tmp: Path, master: int
) -> dict:
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"missing": "wrk is not installed: apt-get install -y wrk"}
    paths = tmp / "paths.txt"
    paths.write_text("".join(c["url"] + "\n" for c in cases))
    script = tmp / "cycle.lua"
    script.write_text(LUA % paths)
    cmd = [
        wrk,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}",
    ]
    pids = server_pids(master) + database_pids()
    server0, machine0, load0 = (
        cpu_seconds(pids),
        machine_busy_seconds(),
        os.getloadavg(),
    )
    child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    wall = time.perf_counter() - t0
    child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = cpu_seconds(pids) - server0
    machine_cpu = machine_busy_seconds() - machine0
    wrk_cpu = (child1.ru_utime - child0.ru_utime) + (child1.ru_stime - child0.ru_stime)

    def unit_ms(text: str) -> float:
        m = re.match(r"([\d.]+)(us|ms|s|m)", text)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    res = {
        "cmd": " ".join(cmd),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": unit_ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),
        "p99": unit_ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),
        "non2xx": int(
            (re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1]
        ),
        "socket": "0",
        "raw": out,
        "wall": wall,
        "server_cpu": server_cpu,
        "wrk_cpu": wrk_cpu,
        "other_cpu": max(0.0, machine_cpu - server_cpu - wrk_cpu),
        "load": (load0[0], os.getloadavg()[0]),
    }
    m = re.search(r"Socket errors: (.*)", out)
    if m:
        res["socket"] = m.group(1).strip()
    return res


def socket_error_count(text: str) -> int:
    return sum(int(n) for n in re.findall(r"\d+", text))


# -- main ----------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--database-url", default=None, help="PostgreSQL admin URL")
    ap.add_argument("--skip-load", action="store_true", help="reuse the scratch DB")
    ap.add_argument("--load-seconds", type=int, default=15)
    ap.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    ap.add_argument(
        "--threads",
        type=int,
        default=0,
        help="gthread workers with N threads (keep-alive); 0: sync workers",
    )
    ap.add_argument("--connections", type=int, default=8, help="wrk connections")
    ap.add_argument("--port", type=int, default=8113)
    ap.add_argument("--no-server", action="store_true", help="only part (a)")
    args = ap.parse_args()

    url = database_url(args)
    t0 = time.perf_counter()
    if not args.skip_load:
        load(args, url)
    load_s = time.perf_counter() - t0

    os.environ.update(
        DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="0"
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from pathways.api.routers.facilities import PER_PAGE
    from pathways.treatment.models import Facility

    db = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    n_fac = Facility.objects.count()
    cases = make_cases(args.runs, args.seed)
    sel_ms, base_ms, counts = bench_selector(cases, PER_PAGE)
    connection.close()

    print(
        f"bench/finder on {db} ({url.rsplit('@', 1)[-1]}), {n_fac:,} facilities, "
        f"{args.runs} random searches (seed {args.seed}; ZIP, radius 10-50 mi, "
        f"0-4 filter groups); set-up {load_s:.1f} s"
        + (" (reused)" if args.skip_load else "")
    )
    print(
        f"matches per search: p50 {statistics.median(counts):.0f}, "
        f"p95 {pct(counts, 0.95):.0f}, max {max(counts)}, "
        f"none {sum(1 for c in counts if c == 0)}"
    )
    s50, s95 = statistics.median(sel_ms), pct(sel_ms, 0.95)
    b50, b95 = statistics.median(base_ms), pct(base_ms, 0.95)
    r50, r95 = s50 / b50, s95 / b95
    print("(a) selector vs bare SQL + Python haversine (same facilities, every case)")
    print(f"    {'':44} {'p50 ms':>8} {'p95 ms':>8}")
    print(f"    {'baseline (bbox SQL + haversine, ids)':44} {b50:8.3f} {b95:8.3f}")
    print(
        f"    {'facilities_near + count + first page of ' + str(PER_PAGE):44} "
        f"{s50:8.3f} {s95:8.3f}"
    )
    print(
        f"    ratio {r50:.2f}x p50, {r95:.2f}x p95 "
        f"(target <= {TARGET_RATIO:g}x: {verdict(max(r50, r95) <= TARGET_RATIO)})"
    )
    if args.no_server:
        return

    tmp = Path(tempfile.mkdtemp(prefix="bench_finder_"))
    proc, cmd = start_server(url, args.port, args.workers, args.threads, tmp)
    try:
        (first, second), cache_control = bench_http(cases, args.port)
        load_res = run_wrk(
            cases, args.port, args.load_seconds, args.connections, tmp, proc.pid
        )
    finally:
        stop_server(proc)
    print(
        "server: gunicorn "
        + (f"(gthread, {args.threads} threads)" if args.threads else "(sync workers)")
        + f" {args.workers} workers on 127.0.0.1:"
        f"{args.port}, config.settings.prod, DEBUG off, {os.cpu_count()} cores "
        f"shared with the client; access log as in docs/deploy.md"
    )
    print(f"    {' '.join(cmd[1:])}")
    print(
        "    cache: no server-side cache of search answers (each request runs the "
        f"search); answers carry Cache-Control: {cache_control or '-'} for proxies "
        "and browsers, which the clients here ignore"
    )
    print(
        f"(b) GET first page over HTTP, one at a time, {len(cases)} distinct URLs "
        "(client: http.client, keep-alive"
        + ("" if args.threads else "; sync workers close each connection")
        + ")"
    )
    for name, times in (("first pass", first), ("second pass", second)):
        p95 = pct(times, 0.95)
        print(
            f"    {name:12} p50 {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms  "
            f"(target p95 <= {TARGET_P95_MS:g}: {verdict(p95 <= TARGET_P95_MS)})"
        )
    if "missing" in load_res:
        print(f"(c) load: skipped, {load_res['missing']}")
        return
    errors = load_res["non2xx"] + socket_error_count(load_res["socket"])
    print(
        f"(c) wrk, {args.load_seconds} s, {args.connections} connections, cycling "
        f"through the {len(cases)} distinct URLs"
    )
    print(f"    {load_res['cmd']}")
    print(
        f"    {load_res['rps']:.0f} req/s ({load_res['requests']:,} requests), "
        f"latency p50 {load_res['p50']:.1f} ms p99 {load_res['p99']:.1f} ms, "
        f"non-2xx {load_res['non2xx']}, socket errors {load_res['socket'] or 0} "
        f"(target >= {TARGET_RPS:g} req/s and 0 errors: "
        f"{verdict(load_res['rps'] >= TARGET_RPS and errors == 0)})"
    )
    cores = os.cpu_count() or 1
    per_request = load_res["server_cpu"] / max(1, load_res["requests"]) * 1000
    wrk_per_request = load_res["wrk_cpu"] / max(1, load_res["requests"]) * 1000
    print(
        f"    CPU during the load: server {load_res['server_cpu']:.1f} s "
        + ("(gunicorn and its PostgreSQL backends) " if db == "PostgreSQL" else "")
        + f"({per_request:.2f} ms per request), wrk {load_res['wrk_cpu']:.1f} s, "
        f"other processes on the machine {load_res['other_cpu']:.1f} s "
        f"of {cores * load_res['wall']:.0f} core-seconds; load average "
        f"{load_res['load'][0]:.1f} -> {load_res['load'][1]:.1f}"
    )
    print(
        f"    => on {cores} otherwise idle cores: about "
        f"{cores * 1000 / (per_request + wrk_per_request):.0f} req/s "
        "(cores / CPU per request, server + client)"
    )


if __name__ == "__main__":
    main()
