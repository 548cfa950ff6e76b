"""bench/ingest: time `manage.py ingest --all` against a pandas baseline.

Baseline: the same files read with pandas and bulk-inserted (DataFrame.to_sql)
into a scratch table in a scratch database of the same kind. Both run as fresh
processes (interpreter start and imports included) into fresh databases; the
best of N runs is compared. Prints figures and the ratio; never asserts.

    uv run python bench/ingest.py [--runs 3] [--database-url postgres://...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchlib import fresh_db

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.0

BASELINE = r"""
import sys, sqlite3
from pathlib import Path
import pandas as pd
url, files = sys.argv[1], sys.argv[2:]
if url.startswith("sqlite:///"):
    con = sqlite3.connect(url[len("sqlite:///"):])
else:
    import sqlalchemy
    con = sqlalchemy.create_engine(url.replace("postgres://", "postgresql+psycopg://"))
rows = 0
for i, f in enumerate(files):
    p = Path(f)
    if p.suffix in (".xls", ".xlsx"):
        frames = pd.read_excel(p, sheet_name=None, header=None, dtype=str)
        df = pd.concat(frames.values())
    else:
        sep = "\t" if p.suffix == ".tsv" else ","
        df = pd.read_csv(p, sep=sep, dtype=str, encoding="utf-8-sig",
                         on_bad_lines="skip", engine="python" if sep == "\t" else "c")
    df.columns = [f"c{j}" for j in range(len(df.columns))]
    df.to_sql(f"scratch_{i}", con, if_exists="replace", index=False, chunksize=5000)
    rows += len(df)
print(rows)
"""


SOME_SOURCES = r"""
import sys, django
django.setup()
from django.core.management import call_command
for slug in sys.argv[1:]:
    call_command("ingest", slug, "--no-progress")
"""


def files_of_all_sources(only: list[str] | None = None) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    from pathways.ingest.registry import sources

    data = Path(settings.PATHWAYS_DATA_DIR)
    mods = sources()
    unknown = sorted(set(only or []) - set(mods))
    if unknown:
        sys.exit(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(mods)}")
    return [
        data / f
        for slug, m in mods.items()
        if not only or slug in only
        for f in m.SOURCE.default_files
    ]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stdout}\n{out.stderr}")
    return elapsed, out.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--database-url", default=None, help="PostgreSQL server URL")
    ap.add_argument(
        "--sources",
        nargs="*",
        default=None,
        help="time only these source slugs (default: every source, as ingest --all)",
    )
    args = ap.parse_args()
    files = files_of_all_sources(args.sources)
    size = sum(f.stat().st_size for f in files)
    py = sys.executable
    # As installed for production (`uv sync --compile-bytecode`): both sides read
    # compiled bytecode instead of compiling their imports on every start.
    subprocess.run(
        [
            py,
            "-m",
            "compileall",
            "-q",
            str(ROOT / "pathways"),
            str(ROOT / "config"),
            str(Path(sys.prefix) / "lib"),
        ],
        check=False,
        capture_output=True,
    )
    ours, base = [], []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for i in range(args.runs):
            env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.dev")
            env["DATABASE_URL"] = fresh_db(
                args.database_url, tmp / f"bench_ours_{i}.sqlite3", f"bench_ours_{i}"
            )
            subprocess.run(
                [py, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True
            )
            if args.sources:  # one process, like ingest --all, for just these
                t, out = timed([py, "-c", SOME_SOURCES, *args.sources], env)
            else:
                t, out = timed(
                    [py, "manage.py", "ingest", "--all", "--no-progress"], env
                )
            ours.append(t)
            if i == 0:
                summary = out
            url = fresh_db(
                args.database_url, tmp / f"bench_base_{i}.sqlite3", f"bench_base_{i}"
            )
            t, rows = timed(
                [py, "-c", BASELINE, url, *map(str, files)], dict(os.environ)
            )
            base.append(t)
    best_ours, best_base = min(ours), min(base)
    ratio = best_ours / best_base
    print(
        f"files: {len(files)} ({size / 1e6:.1f} MB); database: "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}; runs: {args.runs}"
    )
    print(summary.rstrip())
    print(f"baseline rows (pandas read + to_sql): {int(rows):,}")
    print(
        f"ingest --all:   best {best_ours:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in ours)})"
    )
    print(
        f"pandas+to_sql:  best {best_base:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in base)})"
    )
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"ratio: {ratio:.2f}x (target <= {TARGET:.1f}x: {verdict})")


if __name__ == "__main__":
    main()
