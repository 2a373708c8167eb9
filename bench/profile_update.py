"""Time every statement of an incremental build's attribution and donor clustering (wall and CPU seconds).

  uv run python bench/profile_update.py --rows N [--seed 1] [--top 30] [--no-checkpoint]

Builds the SYNTHETIC cycle of N lines (bench/gen_cycle.py, into bench/out/) in full once, kept as
bench/out/profile-N/full.duckdb, then updates a copy of it with the same cycle plus 2% new lines (as
bench/bench_build.py --incremental does) with a timer around each con.execute of etl/attribution_update.py and
etl/donor_update.py (and what they call with the connection). Prints the statements by CPU seconds (all threads),
largest first, and the two phases' totals. --no-checkpoint raises DuckDB's checkpoint_threshold so that the
automatic checkpoint (16 MB of WAL) does not land in whichever statement crosses it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))


class Timed:
    """A connection whose execute is timed into `log` (label -> [wall, cpu, calls]) under the current phase."""

    def __init__(self, con: object, log: dict[str, list[float]], phase: str, explain: list[str] | None = None) -> None:
        self._con, self._log, self._phase, self._explain = con, log, phase, explain

    def execute(self, sql: str, params: object = None) -> object:
        """con.execute with its wall and CPU seconds added to the log."""
        if self._explain and any(e in sql for e in self._explain) and ";" not in sql.strip().rstrip(";"):
            plan = self._con.execute(f"EXPLAIN ANALYZE {sql}", params).fetchall()  # runs the statement once
            print("\n".join(row[-1] for row in plan))
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                return self._con  # its effect is done; a caller reads no result of a write
            # a query's caller reads its result: it runs again below (a query has no side effect), timed as any other
        t, c = time.perf_counter(), time.process_time()
        try:
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)
        finally:
            label = f"{self._phase}: {' '.join(sql.split())[:110]}"
            entry = self._log.setdefault(label, [0.0, 0.0, 0])
            entry[0] += time.perf_counter() - t
            entry[1] += time.process_time() - c
            entry[2] += 1

    def __getattr__(self, name: str) -> object:
        return getattr(self._con, name)


def main() -> None:
    """Build once in full, update a copy with every statement timed, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--no-checkpoint", action="store_true")
    ap.add_argument("--threads", type=int, help="DuckDB threads inside the two phases (reset after them)")
    ap.add_argument("--keep", action="store_true", help="keep the updated warehouse (bench/out/profile-N/update.duckdb)")
    ap.add_argument("--explain", action="append", help="print DuckDB's EXPLAIN ANALYZE of the statements that contain "
                    "this text (repeatable)")
    args = ap.parse_args()
    from bench_build import cycle, masters_dir, source_dir
    from rich.console import Console

    from etl import attribution_update, build, donor_update

    masters = masters_dir()
    work = BENCH / "out" / f"profile-{args.rows}"
    work.mkdir(parents=True, exist_ok=True)
    full = work / "full.duckdb"
    quiet = Console(stderr=True, quiet=True)
    if not full.exists():
        build.build(source_dir(work, cycle(args.rows, args.seed), masters), full, console=quiet)
    target = work / "update.duckdb"
    shutil.copyfile(full, target)
    source = source_dir(work, cycle(args.rows, args.seed, 0.02), masters)
    log: dict[str, list[float]] = {}
    phases: dict[str, list[float]] = {}

    def timed(phase: str, fn):  # type: ignore[no-untyped-def]
        def inner(con, *a, **k):  # type: ignore[no-untyped-def]
            if args.no_checkpoint:
                con.execute("SET checkpoint_threshold = '10GB'")
            if args.threads:
                con.execute(f"SET threads = {args.threads}")
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(Timed(con, log, phase, args.explain), *a, **k)
            finally:
                if args.threads:
                    con.execute("RESET threads")
                phases[phase] = [time.perf_counter() - t, time.process_time() - c]
        return inner

    build.attribution_update.update = timed("attribution", attribution_update.update)
    build.donor_update.update = timed("donors", donor_update.update)
    try:
        build.build(source, target, console=quiet)
    finally:
        build.attribution_update.update, build.donor_update.update = attribution_update.update, donor_update.update
    print(f"{'wall s':>8} {'CPU s':>8} {'calls':>5}  statement")
    for label, (wall, cpu, calls) in sorted(log.items(), key=lambda kv: -kv[1][1])[:args.top]:
        print(f"{wall:8.3f} {cpu:8.3f} {calls:5d}  {label}")
    for phase, (wall, cpu) in phases.items():
        print(f"{phase}: {wall:.2f} s wall, {cpu:.2f} CPU-s "
              f"({sum(v[1] for k, v in log.items() if k.startswith(phase)):.2f} CPU-s in statements)")
    if not args.keep:
        target.unlink()


if __name__ == "__main__":
    main()
