"""Print donor-clustering candidate pairs against rows: how the capped blocking keys (etl/donor_blocks.py) grow.

Loads an indiv zip (the real indiv20.zip or a SYNTHETIC one from bench/gen_cycle.py) into a scratch
warehouse, prepares the donor records as etl/donors.py does, and prints per rule the candidate pairs with
the cap and without it (the plain keys), the largest first-level block, and the pair density (candidate
pairs per pair of records). Splink is not run.

Usage: uv run python bench/bench_blocking.py ZIP [ZIP ...] [--memory-limit 2GB]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def measure(zip_path: Path) -> dict:
    """Load the zip, prepare the donor records, count candidate pairs with and without the cap."""
    from etl import donor_blocks, donors, rules, warehouse
    from etl.sources.fec_bulk import load as fec_bulk

    with tempfile.TemporaryDirectory() as tmp:
        con = warehouse.connect(Path(tmp) / "b.duckdb")
        fec_bulk.load(con, zip_path)
        rules.apply(con)
        t0 = time.perf_counter()
        con.execute(donors.PREPARE_SQL, {"nicknames": donors.NICKNAMES, "generic": donors.GENERIC})
        con.execute(donors.RECORDS_SQL)
        rows = con.execute("SELECT count(*) FROM donor_rows").fetchall()[0][0]
        records = con.execute("SELECT count(*) FROM donor_records").fetchall()[0][0]
        capped = donor_blocks.add_blocks(con)
        plain = donor_blocks.add_blocks(con, cap=2**62)
        largest = {rule: con.execute(f"""SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM donor_blocks
                                         WHERE {rule} IS NOT NULL GROUP BY {rule})""").fetchall()[0][0]
                   for rule in donor_blocks.BLOCKS}
        seconds = time.perf_counter() - t0
        con.close()
    return {"rows": rows, "records": records, "capped": capped, "plain": plain, "largest_plain_block": largest,
            "seconds": seconds}


def main() -> None:
    """Print one block of figures per zip."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("zips", type=Path, nargs="+")
    ap.add_argument("--memory-limit", default="2GB")
    args = ap.parse_args()
    os.environ.setdefault("MONEYTRAIL_DUCKDB_MEMORY_LIMIT", args.memory_limit)
    print(f"{'file':<48} {'ind rows':>10} {'records':>10} {'pairs capped':>13} {'per record':>10} "
          f"{'density':>9} {'pairs plain':>13} {'largest plain block (state/zip/employer)':>42}")
    for z in args.zips:
        m = measure(z)
        capped, plain = sum(m["capped"].values()), sum(m["plain"].values())
        density = capped / max(1, m["records"] * (m["records"] - 1) // 2)
        print(f"{str(z)[-48:]:<48} {m['rows']:>10,} {m['records']:>10,} {capped:>13,} {capped / m['records']:>10.2f} "
              f"{density:>9.2e} {plain:>13,} {'/'.join(str(v) for v in m['largest_plain_block'].values()):>42}")
        print(f"    per rule capped {m['capped']}  plain {m['plain']}  ({m['seconds']:.1f} s)")


if __name__ == "__main__":
    main()
