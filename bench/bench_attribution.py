"""Print attribution quality on the hand-labelled sets: employer -> organization (and donor pairs when labelled).

Usage: uv run python bench/bench_attribution.py [--db data/moneytrail.duckdb]
Build the warehouse first (moneytrail build --from ../shared/data); the figures are the ones tests pin.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from etl.quality import employer_scores, independent_scores


def main() -> None:
    """Print precision, recall and counts for each labelled set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("data/moneytrail.duckdb"))
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"), help="shared real files (independent set)")
    args = ap.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    t0 = time.perf_counter()
    e = employer_scores(con)
    ms = (time.perf_counter() - t0) * 1000
    f1 = 2 * e["precision"] * e["recall"] / (e["precision"] + e["recall"]) if e["precision"] + e["recall"] else 0.0
    print(f"employer -> organization: {e['strings']} labelled strings, {e['positives']} belong to an organization")
    print(f"  precision {e['precision']:.4f}  recall {e['recall']:.4f}  F1 {f1:.4f}  "
          f"(tp {e['tp']}, fp {e['fp']}, fn {e['fn']}; targets: precision >= 0.99, recall >= 0.97)  [{ms:.0f} ms]")

    t0 = time.perf_counter()
    i = independent_scores(con, args.shared)
    ms = (time.perf_counter() - t0) * 1000
    print(f"independent set: {i['strings']} strings, {i['positives']} positives, precision {i['precision']:.4f} "
          f"recall {i['recall']:.4f} (tp {i['tp']}, fp {i['fp']}, fn {i['fn']}); rows {i['rows_attributed']} of "
          f"{i['rows']} attributed  [{ms:.0f} ms]")
    for org, sc in i["per_org"].items():
        print(f"  {org:10} precision {sc['precision']:.2f} recall {sc['recall']:.2f} "
              f"(tp {sc['tp']}, fp {sc['fp']}, fn {sc['fn']})")
    print(f"  misses: {i['misses'] or 'none'}; false matches: {i['false_matches'] or 'none'}")


if __name__ == "__main__":
    main()
