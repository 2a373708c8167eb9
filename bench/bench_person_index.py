"""Experiment: an ART index on contributions(donor_id) in the SYNTHETIC explorer warehouse, its cost and its use.

  uv run python bench/bench_person_index.py [--rows 50000000] [--drop]

Creates (or with --drop removes) the index in bench/out/explorer/rows_<N>/warehouse.duckdb and prints the
seconds, CPU seconds, peak RSS and the file's growth; then rerun bench/bench_explorer.py --skip-pages to time the
Person page's queries with it. DuckDB scans an index only for a single equality filter on the column that matches
few rows (at most max(2048, 0.1% of the table)), with bound parameters too.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))


def main() -> None:
    """Create or drop the index and print what it cost."""
    import duckdb
    from bench_explorer import warehouse_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50_000_000)
    ap.add_argument("--memory-limit", default="2GB")
    ap.add_argument("--drop", action="store_true")
    args = ap.parse_args()
    path = warehouse_path(args.rows)
    before = path.stat().st_size
    con = duckdb.connect(str(path), config={"memory_limit": args.memory_limit})
    t, c = time.perf_counter(), time.process_time()
    con.execute("DROP INDEX IF EXISTS contributions_donor_id" if args.drop else
                "CREATE INDEX IF NOT EXISTS contributions_donor_id ON contribution_rows (donor_id)")
    con.execute("CHECKPOINT")
    con.close()
    print(f"{'drop' if args.drop else 'create'} index on contributions(donor_id), {args.rows:,} rows, memory_limit "
          f"{args.memory_limit}: {time.perf_counter() - t:.1f} s wall, {time.process_time() - c:.1f} s CPU, peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; file {before / 1e9:.2f} GB -> "
          f"{path.stat().st_size / 1e9:.2f} GB")


if __name__ == "__main__":
    main()
