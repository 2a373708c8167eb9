"""Print donor clustering quality and cost: precision, recall, F1 on the labelled pairs, counts, seconds.

Usage: uv run python bench/bench_donors.py [--db data/moneytrail.duckdb] [--from ../shared/data] [--threshold 6.0]
Without --db a warehouse is built from --from into a temporary folder. The warehouse is copied and
clustered again in this process (registry pins first, as the build does), so the seconds are those
of etl/donors.py alone, splink's import included; the figures are the ones tests/test_donors.py pins.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb
from rich.console import Console

from etl import build, entities, quality


def main() -> None:
    """Cluster a copy of the warehouse and print the measured figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing warehouse (default: build one)")
    ap.add_argument("--from", dest="source", type=Path, default=Path("../shared/data"))
    ap.add_argument("--threshold", type=float, help="match weight in bits (default: etl.donors.THRESHOLD)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "donors.duckdb"
        if args.db:
            shutil.copy(args.db, work)
        else:
            t0 = time.perf_counter()
            build.build(args.source, work, console=Console(stderr=True, quiet=True))
            print(f"built {args.source} in {time.perf_counter() - t0:.2f} s (clustering included)")
        con = duckdb.connect(str(work))
        entities.resolve(con)
        t0 = time.perf_counter()
        from etl import donors  # timed with its splink import, as in a fresh build

        threshold = donors.THRESHOLD if args.threshold is None else args.threshold
        counts = donors.cluster_donors(con, threshold)
        seconds = time.perf_counter() - t0
        s = quality.donor_pair_scores(con)
        multi_rows, multi = con.execute("""WITH d AS (SELECT donor_id, count(*) AS n FROM contributions
                                                      WHERE donor_id IS NOT NULL GROUP BY 1)
                                           SELECT sum(n) FILTER (WHERE n > 1), count(*) FILTER (WHERE n > 1)
                                           FROM d""").fetchall()[0]
        con.close()
    print(f"donor pairs: {s['pairs']} labelled ({s['same_person']} same person, {s['namesake']} namesakes, "
          f"{s['spouse']} spouses), threshold {threshold} bits")
    print(f"  precision {s['precision']:.4f}  recall {s['recall']:.4f}  F1 {s['f1']:.4f}  (tp {s['tp']}, fp {s['fp']}, "
          f"fn {s['fn']}; namesakes joined {s['joined_namesakes']}, spouses joined {s['joined_spouses']}; "
          "targets: precision >= 0.98, recall >= 0.90)")
    print(f"  {counts['rows']:,} individual rows, {counts['records']:,} distinct records, {counts['donors']:,} donors; "
          f"{multi_rows:,} rows in {multi:,} donors of two rows or more")
    print(f"  {counts['pairs_above_threshold']:,} pairs at or above the threshold, {counts['pairs_kept_apart']} kept apart")
    print(f"  clustering {seconds:.2f} s")


if __name__ == "__main__":
    main()
