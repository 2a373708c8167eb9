"""Compare an incremental +2% update of the SYNTHETIC cycle with a full build of the same files (prints the figures).

  uv run python bench/check_update.py --rows N [--seed 1]

Builds the SYNTHETIC cycle of N lines in full (bench/out/check-N/base.duckdb), updates a copy with the cycle plus 2%
new lines, builds that cycle plus 2% in full, and compares: every row's (contribution_id, count_rule, donor_id, org_id,
org_match), donor_features, the identical-record evidence, the splink pairs above the threshold (ids, whether joined,
largest weight difference), the term frequencies, org_money_rows, the Committee tables and employer_matches. Exits 1
when a compared table differs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

# name -> SELECT over one warehouse (both sides read with the same text)
COMPARED = {
    "contributions (contribution_id, count_rule, donor_id, org_id, org_match)":
        "SELECT contribution_id, count_rule, donor_id, org_id, org_match FROM contributions",
    "donor_features": "SELECT * FROM donor_features",
    "identical-record evidence": "SELECT contribution_id_l, contribution_id_r FROM donor_match_evidence "
                                 "WHERE evidence = 'identical_record'",
    "splink pairs (ids, joined)": "SELECT contribution_id_l, contribution_id_r, joined FROM donor_match_evidence "
                                  "WHERE evidence = 'splink'",
    "donor_term_frequencies": "SELECT * FROM donor_term_frequencies",
    "org_money_rows": "SELECT * FROM org_money_rows",
    "committee_rollup": "SELECT * FROM committee_rollup",
    "committee_donors": "SELECT * FROM committee_donors",
    "employer_matches": "SELECT * FROM employer_matches",
}


def main() -> None:
    """Build, update, build again in full; print each compared table's rows and differences."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    import duckdb
    from bench_build import cycle, masters_dir, source_dir
    from rich.console import Console

    from etl import build

    masters = masters_dir()
    work = BENCH / "out" / f"check-{args.rows}"
    work.mkdir(parents=True, exist_ok=True)
    quiet = Console(stderr=True, quiet=True)
    base, updated, full = work / "base.duckdb", work / "update.duckdb", work / "full.duckdb"
    for p in (base, updated, full):
        p.unlink(missing_ok=True)
    build.build(source_dir(work, cycle(args.rows, args.seed), masters), base, console=quiet)
    shutil.copyfile(base, updated)
    plus = source_dir(work, cycle(args.rows, args.seed, 0.02), masters)
    build.build(plus, updated, console=quiet)
    build.build(plus, full, console=quiet, full=True)
    con = duckdb.connect()
    con.execute(f"ATTACH '{updated}' AS u (READ_ONLY); ATTACH '{full}' AS f (READ_ONLY)")
    differ = False
    for name, sql in COMPARED.items():
        u, f = sql.replace("FROM ", "FROM u."), sql.replace("FROM ", "FROM f.")
        n = con.execute(f"SELECT count(*) FROM ({f})").fetchall()[0][0]
        only_u = con.execute(f"SELECT count(*) FROM ({u} EXCEPT ALL {f})").fetchall()[0][0]
        only_f = con.execute(f"SELECT count(*) FROM ({f} EXCEPT ALL {u})").fetchall()[0][0]
        differ |= bool(only_u or only_f)
        print(f"{name}: {n:,} rows in the full build; {only_u:,} only in the update, {only_f:,} only in the full build")
    weight = con.execute("""SELECT max(abs(a.match_weight - b.match_weight)) FROM u.donor_match_evidence a
                            JOIN f.donor_match_evidence b USING (contribution_id_l, contribution_id_r)
                            WHERE a.evidence = 'splink' AND b.evidence = 'splink'""").fetchall()[0][0]
    print(f"splink pairs: largest weight difference {weight:.3f} bits")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
