"""Benchmark: `portal import-orders` on generated 10,000- and 100,000-row CSV files.

Each import runs in a fresh child process on a fresh SQLite database (the
schema is built first, untimed, by `portal db upgrade heads`). The figures are
the child's wall time, CPU time and peak resident memory from os.wait4's
rusage (the import is that one process: it reads and checks the file
itself), then a re-import of the same file (all rows unchanged). Memory must
not grow with the file; the target is 100k rows in at most 6 s. Pass a third
size (e.g. --rows 10000 100000 300000) to see memory stay level past 100k rows.
With --postgres SERVER_URL each import goes into a fresh PostgreSQL database
created on that server (and dropped afterwards) instead of SQLite.

    .venv/bin/python bench/import_orders.py [--rows 10000 100000]
    .venv/bin/python bench/import_orders.py --postgres postgresql+psycopg://postgres@127.0.0.1/postgres

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
PORTAL = str(ROOT / ".venv" / "bin" / "portal")
NAMES = ["Jane Doe", "Sara Ahmadi", "Anahit Petrosyan", "Ioana Popescu", "Zoë Brontë", "Ömer Şahin"]
COUNTRIES = [("GB", "en"), ("IR", "fa"), ("AM", "hy"), ("RO", "ro"), ("DE", "")]
PRODUCTS = ["Ceramic mug", "Green tea, 100 g", "Teapot", "Wool scarf", "Notebook"]


def generate(path: Path, rows: int) -> None:
    rng = random.Random(rows)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Order Number", "External ID", "Customer Name", "Email", "Phone",
                         "Language", "Country", "Order Date", "Items"])
        for n in range(1, rows + 1):
            country, locale = rng.choice(COUNTRIES)
            items = "; ".join(f"{rng.randint(1, 3)} x {rng.choice(PRODUCTS)}"
                              for _ in range(rng.randint(1, 3)))
            writer.writerow([f"B-{n:07d}", str(900000 + n), rng.choice(NAMES), f"c{n}@example.com",
                             f"+44 20 7946 {n % 10000:04d}", locale, country,
                             f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} 10:{n % 60:02d}",
                             items])


def run_child(args: list[str], env: dict) -> tuple[float, int, str, float]:
    """Wall seconds, peak RSS in MiB, output and CPU seconds (user + system) of one child."""
    started = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}):\n{output}")
    # ru_maxrss is KiB on Linux. CPU time is reported too: on a shared machine it is
    # steadier than wall time.
    return wall, usage.ru_maxrss // 1024, output, usage.ru_utime + usage.ru_stime


@contextmanager
def database(rows: int, work: Path, postgres: str | None):
    """A URL of an empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if postgres is None:
        yield f"sqlite:///{work / f'bench-{rows}.db'}"
        return
    server = sa.make_url(postgres)
    name = f"import_bench_{os.getpid()}_{rows}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def bench(rows: int, work: Path, url: str) -> dict:
    csv_path = work / f"orders-{rows}.csv"
    generate(csv_path, rows)
    env = {**os.environ, "PORTAL_DATABASE_URL": url,
           "PORTAL_SECRET_KEY": "bench-secret", "PORTAL_TOKEN_KEY": "bench-token"}
    env.pop("DATABASE_URL", None)
    run_child([PORTAL, "db", "upgrade", "heads"], env)
    startup, startup_rss, _, startup_cpu = run_child([PORTAL, "list-api-keys"], env)
    wall, rss, output, cpu = run_child([PORTAL, "import-orders", "--quiet", str(csv_path)], env)
    again, again_rss, again_output, again_cpu = run_child(
        [PORTAL, "import-orders", "--quiet", str(csv_path)], env)
    assert f"created {rows}," in output, output
    assert f"unchanged {rows}," in again_output, again_output
    # The command's own figure: the import itself, without starting Python and the app.
    inner = float(re.search(r"rejected \d+ in ([\d.]+) s", output).group(1))
    return {"rows": rows, "database": sa.make_url(url).get_backend_name(),
            "file_mib": round(csv_path.stat().st_size / 2**20, 1),
            "import_s": round(wall, 2), "import_only_s": inner, "import_cpu_s": round(cpu, 2),
            "peak_rss_mib": rss,
            "reimport_s": round(again, 2), "reimport_cpu_s": round(again_cpu, 2),
            "reimport_peak_rss_mib": again_rss,
            "startup_s": round(startup, 2), "startup_cpu_s": round(startup_cpu, 2),
            "startup_rss_mib": startup_rss, "load_average_1min": round(os.getloadavg()[0], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--postgres", metavar="SERVER_URL",
                        help="import into fresh databases on this PostgreSQL server instead of SQLite")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        for rows in args.rows:
            with database(rows, Path(tmp), args.postgres) as url:
                results.append(bench(rows, Path(tmp), url))
    print(f"On {results[0]['database']}: wall and CPU seconds of the whole child process "
          "(app start included), peak RSS in MiB.")
    print(f"{'rows':>8} {'file MiB':>9} {'import s':>9} {'of it import':>13} {'cpu s':>6} {'peak RSS':>9} "
          f"{'re-import s':>12} {'cpu s':>6} {'RSS':>5} {'app start s':>12} {'cpu s':>6} {'RSS':>5} "
          f"{'load':>5}")
    for r in results:
        print(f"{r['rows']:>8} {r['file_mib']:>9} {r['import_s']:>9} {r['import_only_s']:>13} "
              f"{r['import_cpu_s']:>6} "
              f"{r['peak_rss_mib']:>9} {r['reimport_s']:>12} {r['reimport_cpu_s']:>6} "
              f"{r['reimport_peak_rss_mib']:>5} {r['startup_s']:>12} {r['startup_cpu_s']:>6} "
              f"{r['startup_rss_mib']:>5} {r['load_average_1min']:>5}")
    figures = {f"rows_{r['rows']}": r for r in results}
    if len(results) >= 2:
        figures["rss_growth_mib"] = results[-1]["peak_rss_mib"] - results[0]["peak_rss_mib"]
        figures["target_100k_le_6s"] = any(
            r["rows"] == 100_000 and r["import_s"] <= 6 for r in results)
    sys.stdout.flush()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
