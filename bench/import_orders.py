"""Benchmark: `portal import-orders` on generated 10,000- and 100,000-row CSV files.

Each import runs in a fresh child process on a fresh SQLite database (the
schema is built first, untimed, by `portal db upgrade heads`). The figures are
the child's wall time and its peak resident memory from os.wait4's rusage,
then a re-import of the same file (all rows unchanged). Memory must not grow
with the file; the target is 100k rows in at most 10 s.

    .venv/bin/python bench/import_orders.py [--rows 10000 100000]

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run_child(args: list[str], env: dict) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MiB and output of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}):\n{output}")
    return wall, usage.ru_maxrss // 1024, output  # ru_maxrss is KiB on Linux


def bench(rows: int, work: Path) -> dict:
    csv_path = work / f"orders-{rows}.csv"
    generate(csv_path, rows)
    env = {**os.environ, "PORTAL_DATABASE_URL": f"sqlite:///{work / f'bench-{rows}.db'}",
           "PORTAL_SECRET_KEY": "bench-secret", "PORTAL_TOKEN_KEY": "bench-token"}
    env.pop("DATABASE_URL", None)
    run_child([PORTAL, "db", "upgrade", "heads"], env)
    startup, startup_rss, _ = run_child([PORTAL, "list-api-keys"], env)
    wall, rss, output = run_child([PORTAL, "import-orders", "--quiet", str(csv_path)], env)
    again, again_rss, again_output = run_child([PORTAL, "import-orders", "--quiet", str(csv_path)], env)
    assert f"created {rows}," in output, output
    assert f"unchanged {rows}," in again_output, again_output
    return {"rows": rows, "file_mib": round(csv_path.stat().st_size / 2**20, 1),
            "import_s": round(wall, 2), "peak_rss_mib": rss,
            "reimport_s": round(again, 2), "reimport_peak_rss_mib": again_rss,
            "startup_s": round(startup, 2), "startup_rss_mib": startup_rss}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        results = [bench(rows, Path(tmp)) for rows in args.rows]
    print(f"{'rows':>8} {'file MiB':>9} {'import s':>9} {'peak RSS MiB':>13} "
          f"{'re-import s':>12} {'re-imp RSS':>11} {'startup s':>10} {'startup RSS':>12}")
    for r in results:
        print(f"{r['rows']:>8} {r['file_mib']:>9} {r['import_s']:>9} {r['peak_rss_mib']:>13} "
              f"{r['reimport_s']:>12} {r['reimport_peak_rss_mib']:>11} {r['startup_s']:>10} "
              f"{r['startup_rss_mib']:>12}")
    figures = {f"rows_{r['rows']}": r for r in results}
    if len(results) >= 2:
        figures["rss_growth_mib"] = results[-1]["peak_rss_mib"] - results[0]["peak_rss_mib"]
        figures["target_100k_le_10s"] = any(r["rows"] == 100_000 and r["import_s"] <= 10 for r in results)
    sys.stdout.flush()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
