"""Benchmark the whole build on a SYNTHETIC cycle plus the real 2020 masters, against the bare read_csv floor.

  uv run python bench/bench_build.py --rows N [--seed 1] [--memory-limit 2GB] [--incremental [--repeat K]] [--json FILE]

The indiv file is bench/gen_cycle.py's SYNTHETIC cycle (generated into bench/out/ when missing); the
masters (cm20, cn20, ccl20) are the real files of $MONEYTRAIL_SHARED_DATA/fec/bulk_2020_early. The build
runs in a child process (etl.build.build with a timer around each phase), so its peak RSS is its own;
the floor runs in another: a bare DuckDB read_csv (all VARCHAR, ignore_errors) of the extracted itcont.txt
into a table of a fresh file, as in bench/bench_load.py. Phases: open (the schema, or the copy of an incremental
build), load (every file), changes (an update's changed rows: etl/changes.py), rules, attribution, donors select /
prep / predict / union / assign, org_money, committees, search index, explorer_index (its drop and creation), swap
(checkpoint and rename), and outside (the rest: finding the files, fetch cursors, build_state); wall and CPU
seconds (all threads) each, so the CPU column adds up to the total (donors' steps are timed by wall only, their
CPU is the donors line). load is the indiv file (unzip, typed read with rejects, insert, checks); load_masters the
three masters.

--incremental adds 2% new rows to the same cycle (gen_cycle.py --extra-share 0.02: the same N lines, then
2% more lines of other donors) and builds again over the first warehouse: an incremental build (etl/incremental.py) that copies
the warehouse (phase open: the copy, or the schema in a full build), diffs indiv20.zip against its last
load (phase load) and re-derives what changed. Its seconds are incremental_s, its phases incremental_phases.
--repeat K then runs K more (full build, update) pairs into fresh files and prints each update's share of its
full build, and their median (JSON repeats).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

MASTERS = ("cm20.zip", "cn20.zip", "ccl20.zip")
PHASES = ("open", "load", "load_masters", "changes", "rules", "attribution", "donors_select", "donors_prep",
          "donors_predict", "donors_union",
          "donors_assign", "org_money", "committees", "search_index", "explorer_index", "swap", "outside")


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux ru_maxrss is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_build(source: Path, target: Path) -> dict:
    """etl.build.build(source, target) with each phase timed; returns the phase seconds and counts."""
    from contextlib import contextmanager

    from rich.console import Console

    from etl import (
        attribution_update,
        build,
        db,
        donor_update,
        donors,
        entities,
        explorer_index,
        rules,
        search,
    )

    spent: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        """fn, adding its wall time to spent[name] and its CPU time (all threads) to cpu[name]."""
        def inner(*a, **k):  # type: ignore[no-untyped-def]
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - c
        return inner

    def cluster(con, *a, **k):  # type: ignore[no-untyped-def]
        """donors.cluster_donors with its own step timings."""
        steps: dict[str, float] = {}
        out = timed("donors", donors.cluster_donors)(con, *a, timings=steps, **k)
        for step, s in steps.items():
            spent[f"donors_{step}"] = s
        spent["candidate_pairs"] = out["candidate_pairs"]
        return out

    building = db.building

    @contextmanager
    def timed_building(*a, **k):  # type: ignore[no-untyped-def]
        """db.building, timing its opening (the copy of an incremental build) and the checkpoint and swap."""
        t, c = time.perf_counter(), time.process_time()
        with building(*a, **k) as con:
            spent["open"], cpu["open"] = time.perf_counter() - t, time.process_time() - c
            yield con
            t, c = time.perf_counter(), time.process_time()
        spent["swap"], cpu["swap"] = time.perf_counter() - t, time.process_time() - c

    load_file = build.load_file

    def load(con, f, *a, **k):  # type: ignore[no-untyped-def]
        """build.load_file, timed as load (the indiv file) or load_masters (the rest)."""
        return timed("load" if f.kind == "indiv" else "load_masters", load_file)(con, f, *a, **k)

    build.load_file = load
    build.rules = SimpleNamespace(apply=timed("rules", rules.apply),
                                  apply_changed=timed("rules", getattr(rules, "apply_changed", rules.apply)))
    changes = importlib.import_module("etl.changes") if importlib.util.find_spec("etl.changes") else None
    if changes:  # absent before incremental builds re-derived by changed rows (to time older commits)
        steps = {k: timed("changes", getattr(changes, k)) for k in ("before", "collect", "rows_only", "drop")}
        build.changes = SimpleNamespace(**steps, refresh_org_money=timed("org_money", changes.refresh_org_money),
                                        refresh_committees=timed("committees", changes.refresh_committees))
    build.entities = SimpleNamespace(resolve=timed("attribution", entities.resolve), REGISTRY_DIR=entities.REGISTRY_DIR,
                                     refresh_org_money=timed("org_money", entities.refresh_org_money),
                                     refresh_committees=timed("committees", entities.refresh_committees))
    build.explorer_index = SimpleNamespace(**{k: timed("explorer_index", getattr(explorer_index, k))
                                              for k in dir(explorer_index) if callable(getattr(explorer_index, k))
                                              and not k.startswith("_")})
    build.donors = SimpleNamespace(cluster_donors=cluster)

    def update(con, load_ids, *a, **k):  # type: ignore[no-untyped-def]
        """donor_update.update (an incremental build's re-clustering) with its step timings."""
        steps: dict[str, float] = {}
        out = timed("donors", donor_update.update)(con, load_ids, timings=steps, **k)
        for step, s in steps.items():
            spent[f"donors_{step}"] = s
        spent["candidate_pairs"] = out["candidate_pairs"]
        spent["donor_rows"] = out["rows"]
        return out

    build.donor_update = SimpleNamespace(update=update)
    build.attribution_update = SimpleNamespace(update=timed("attribution", attribution_update.update))
    build.search = SimpleNamespace(rebuild_index=timed("search_index", search.rebuild_index))
    build.db = SimpleNamespace(**{k: getattr(db, k) for k in dir(db) if not k.startswith("__")})
    build.db.building = timed_building
    t0, c0 = time.perf_counter(), time.process_time()
    results = build.build(source, target, console=Console(stderr=True, quiet=True))
    total, total_cpu = time.perf_counter() - t0, time.process_time() - c0
    indiv = next(r for r in results if r.file_type == "indiv")
    truth = Path(os.path.realpath(source / "indiv20.zip")).with_name("SYNTHETIC_truth.csv")
    spent["outside"] = total - sum(spent.get(p, 0.0) for p in PHASES if not p.startswith("donors_")) - spent.get(
        "donors", 0.0)
    cpu["outside"] = total_cpu - sum(cpu.values())
    return {"donor_scores": donor_scores(target, truth) if truth.exists() else None,
            "total_s": total, "total_cpu_s": total_cpu, "phases": {p: round(spent.get(p, 0.0), 2) for p in PHASES},
            "phases_cpu": {p: round(cpu[p], 2) for p in cpu},
            "candidate_pairs": spent.get("candidate_pairs"), "donor_rows": spent.get("donor_rows"),
            "rows_read": indiv.rows_read,
            "rows_loaded": indiv.rows_loaded, "rows_rejected": indiv.rows_rejected, "indiv_note": _note(target, indiv),
            "db_mb": target.stat().st_size / 1e6}


def _note(target: Path, res) -> str | None:  # type: ignore[no-untyped-def]
    """load_log.note of a load (an incremental load's new, changed, removed and unchanged lines)."""
    import duckdb

    con = duckdb.connect(str(target), read_only=True)
    try:
        return con.execute("SELECT note FROM load_log WHERE load_id = $id", {"id": res.load_id}).fetchall()[0][0]
    finally:
        con.close()


def donor_scores(target: Path, truth: Path) -> dict:
    """Pairwise precision and recall of donor_id on the SYNTHETIC rows, against the generator's donor of each line."""
    import duckdb

    con = duckdb.connect(str(target), read_only=True)
    tp, predicted, actual = con.execute(
        """WITH t AS (SELECT 'fec:' || sub_id AS contribution_id, donor
                      FROM read_csv($p, header = true, columns = {'sub_id': 'VARCHAR', 'donor': 'BIGINT'})),
                j AS (SELECT c.donor_id, t.donor FROM contributions c JOIN t USING (contribution_id)
                      WHERE c.entity_tp = 'IND' OR c.entity_tp IS NULL)
           SELECT (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM j GROUP BY donor_id, donor)),
                  (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM j GROUP BY donor_id)),
                  (SELECT sum(n * (n - 1) // 2) FROM (SELECT count(*) AS n FROM j GROUP BY donor))""",
        {"p": str(truth)}).fetchall()[0]
    con.close()
    return {"row_pairs_same_donor": int(actual), "row_pairs_joined": int(predicted), "true_positive_pairs": int(tp),
            "precision": tp / predicted if predicted else 1.0, "recall": tp / actual if actual else 1.0}


def child_floor(zip_path: Path, tmp: Path) -> dict:
    """Extract itcont.txt, then time a bare all-VARCHAR read_csv of it into a fresh file."""
    import duckdb
    from bench_load import COLS

    t0 = time.perf_counter()
    txt = tmp / "itcont.txt"
    with zipfile.ZipFile(zip_path) as zf, zf.open("itcont.txt") as src, open(txt, "wb") as dst:
        while chunk := src.read(1 << 24):
            dst.write(chunk)
    unzip = time.perf_counter() - t0
    con = duckdb.connect(str(tmp / "floor.duckdb"), config={"memory_limit": os.environ.get(
        "MONEYTRAIL_DUCKDB_MEMORY_LIMIT", "2GB")})
    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLS) + "}"
    t1, c1 = time.perf_counter(), time.process_time()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{txt}', delim='|', header=false, quote='', escape='', "
                f"auto_detect=false, columns={cols}, ignore_errors=true)")
    con.close()
    return {"floor_s": time.perf_counter() - t1, "floor_cpu_s": time.process_time() - c1, "unzip_s": unzip}


def run_child(args: argparse.Namespace) -> None:
    """Child-process entry: run one part, print its figures as one JSON line."""
    if args.child == "build":
        out = child_build(args.source, args.target)
    else:
        with tempfile.TemporaryDirectory(dir=BENCH / "out") as tmp:
            out = child_floor(args.zip, Path(tmp))
    print(json.dumps({**out, "peak_rss_mb": round(peak_rss_mb())}))


def spawn(*argv: str, memory_limit: str) -> dict:
    """Run this script as a child with argv; its JSON line."""
    env = {**os.environ, "MONEYTRAIL_DUCKDB_MEMORY_LIMIT": memory_limit}
    done = subprocess.run([sys.executable, __file__, *argv], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {argv[:2]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def cycle(rows: int, seed: int, extra_share: float = 0.0) -> Path:
    """The SYNTHETIC cycle zip of rows lines, plus extra_share new lines (generated when missing)."""
    import gen_cycle

    folder = BENCH / "out" / (f"SYNTHETIC_cycle_{rows}_s{seed}" + (f"_plus{extra_share:g}" if extra_share else ""))
    if not (folder / "indiv20.zip").exists():
        gen_cycle.generate(rows, folder, seed, extra_share)
    return folder / "indiv20.zip"


def masters_dir() -> Path:
    """The real 2020 masters' folder under $MONEYTRAIL_SHARED_DATA (exits with a message when it is not set)."""
    shared = os.environ.get("MONEYTRAIL_SHARED_DATA")
    if not shared:
        raise SystemExit("set MONEYTRAIL_SHARED_DATA (the real 2020 masters are read from it)")
    return Path(shared) / "fec" / "bulk_2020_early"


def pair(work: Path, indiv: Path, more: Path, masters: Path, i: int, memory_limit: str) -> tuple[float, ...]:
    """A full build of indiv and its +2% update (more) into a fresh file: (full CPU-s, update CPU-s, full s, update s)."""
    target = work / f"pair-{i}.duckdb"
    full = spawn("--child", "build", "--source", str(source_dir(work, indiv, masters)), "--target", str(target),
                 memory_limit=memory_limit)
    update = spawn("--child", "build", "--source", str(source_dir(work, more, masters)), "--target", str(target),
                   memory_limit=memory_limit)
    for p in (target, Path(f"{target}.wal")):
        p.unlink(missing_ok=True)
    return full["total_cpu_s"], update["total_cpu_s"], full["total_s"], update["total_s"]


def source_dir(work: Path, indiv: Path, masters: Path) -> Path:
    """A folder holding (links to) the synthetic indiv20.zip and the real masters."""
    src = work / "source"
    src.mkdir(exist_ok=True)
    for p in src.iterdir():
        p.unlink()
    (src / "indiv20.zip").symlink_to(indiv)
    for name in MASTERS:
        (src / name).symlink_to(masters / name)
    return src


def phase_table(wall: dict[str, float], cpu: dict[str, float], indent: str) -> None:
    """Print each phase's wall and CPU seconds (donors' steps: wall only, their CPU on the donors line); the CPU
    column adds up to the total (outside: the time in no phase, e.g. finding files, fetch cursors, build_state)."""
    width = 16 - len(indent)
    for name, s in wall.items():
        c = cpu.get(name)
        if s or c or not indent:
            print(f"{indent}{name:<{width}} {s:>9.2f} {'' if c is None else f'{c:9.2f}'}")
    donors_wall = sum(v for k, v in wall.items() if k.startswith("donors_"))
    print(f"{indent}{'(donors, all)':<{width}} {donors_wall:>9.2f} {cpu.get('donors', 0):>9.2f}")


def main() -> None:
    """Parent: generate, build, floor; print the table and write the JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--memory-limit", default="2GB", help="MONEYTRAIL_DUCKDB_MEMORY_LIMIT for the build (per DuckDB)")
    ap.add_argument("--incremental", action="store_true")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--repeat", type=int, default=0,
                    help="with --incremental: N more (full build, +2%% update) pairs, each update's CPU share printed")
    ap.add_argument("--child", choices=["build", "floor"], help=argparse.SUPPRESS)
    ap.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--target", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--zip", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args)
        return
    if not args.rows:
        ap.error("--rows is required")
    if args.repeat and not args.incremental:
        ap.error("--repeat needs --incremental (it repeats the pair of a full build and its update)")
    masters = masters_dir()
    (BENCH / "out").mkdir(exist_ok=True)
    indiv = cycle(args.rows, args.seed)
    with tempfile.TemporaryDirectory(dir=BENCH / "out", prefix="build-") as tmp:
        work = Path(tmp)
        target = work / "moneytrail.duckdb"
        floors = [spawn("--child", "floor", "--zip", str(indiv), memory_limit=args.memory_limit)]
        built = spawn("--child", "build", "--source", str(source_dir(work, indiv, masters)), "--target", str(target),
                      memory_limit=args.memory_limit)
        # the floor before and after the build, the faster kept: other work on the machine slows either
        floors.append(spawn("--child", "floor", "--zip", str(indiv), memory_limit=args.memory_limit))
        floor = min(floors, key=lambda f: f["floor_s"])
        rebuild, repeats = None, []
        if args.incremental:
            more = cycle(args.rows, args.seed, 0.02)
            full_mb = target.stat().st_size / 1e6
            rebuild = spawn("--child", "build", "--source", str(source_dir(work, more, masters)),
                            "--target", str(target), memory_limit=args.memory_limit)
            # the machine's speed drifts from minute to minute by more than the margin to the 10% target: a full build
            # and its update run back to back share most of it, so each pair's share is printed, and their median
            repeats = [pair(work, indiv, more, masters, i, args.memory_limit) for i in range(args.repeat)]
    out = {"rows": args.rows, "total_s": round(built["total_s"], 2), "floor_s": round(floor["floor_s"], 2),
           "peak_rss_mb": built["peak_rss_mb"], "db_mb": round(built["db_mb"], 1), "phases": built["phases"],
           "incremental_s": None, "memory_limit": args.memory_limit, "candidate_pairs": built["candidate_pairs"],
           "rows_read": built["rows_read"], "rows_loaded": built["rows_loaded"],
           "rows_rejected": built["rows_rejected"],
           "unzip_s": round(floor["unzip_s"], 2), "floor_peak_rss_mb": floor["peak_rss_mb"],
           "total_cpu_s": round(built["total_cpu_s"], 2), "floor_cpu_s": round(floor["floor_cpu_s"], 2),
           "phases_cpu": built["phases_cpu"], "floors_s": [round(f["floor_s"], 2) for f in floors],
           "load_average": os.getloadavg()}
    out["donor_scores"] = built["donor_scores"]
    if rebuild:
        out.update({"incremental_s": round(rebuild["total_s"], 2), "incremental_cpu_s": round(rebuild["total_cpu_s"], 2),
                    "incremental_phases": rebuild["phases"], "incremental_phases_cpu": rebuild["phases_cpu"],
                    "incremental_peak_rss_mb": rebuild["peak_rss_mb"], "incremental_note": rebuild["indiv_note"],
                    "incremental_share": round(rebuild["total_s"] / built["total_s"], 3),
                    "incremental_db_mb": round(rebuild["db_mb"], 1), "copied_mb": round(full_mb, 1),
                    "incremental_donor_rows": rebuild["donor_rows"],
                    "incremental_candidate_pairs": rebuild["candidate_pairs"]})
    print(f"SYNTHETIC cycle {args.rows:,} lines (seed {args.seed}) + real 2020 masters; "
          f"memory_limit {args.memory_limit} per DuckDB; read {out['rows_read']:,} = loaded {out['rows_loaded']:,} "
          f"+ rejected {out['rows_rejected']:,}")
    print(f"{'phase':<16} {'wall s':>9} {'CPU s':>9}")
    phase_table(out["phases"], out["phases_cpu"], "")
    print(f"{'total':<16} {out['total_s']:>9.2f} {out['total_cpu_s']:>9.2f}   ({out['total_s'] / out['floor_s']:.1f}x "
          f"the floor's wall time, {out['total_cpu_s'] / out['floor_cpu_s']:.1f}x its CPU time)")
    print(f"floor (read_csv) {out['floor_s']:>9.2f} {out['floor_cpu_s']:>9.2f}   (runs {out['floors_s']}; unzip "
          f"before it {out['unzip_s']:.2f} s); load / floor {out['phases']['load'] / out['floor_s']:.2f}x wall, "
          f"{out['phases_cpu']['load'] / out['floor_cpu_s']:.2f}x CPU")
    print(f"load average at the end {', '.join(f'{x:.1f}' for x in out['load_average'])} (2 cores)")
    print(f"peak RSS {out['peak_rss_mb']:,} MB; warehouse {out['db_mb']:,} MB; candidate pairs "
          f"{out['candidate_pairs']:,}")
    if out["donor_scores"]:
        d = out["donor_scores"]
        print(f"donor clustering against the generator's donors (pairs of rows): precision {d['precision']:.4f}, "
              f"recall {d['recall']:.4f} ({d['true_positive_pairs']:,} of {d['row_pairs_joined']:,} joined pairs "
              f"right, of {d['row_pairs_same_donor']:,} same-donor pairs)")
    if rebuild:
        print(f"incremental build after +2% rows ({out['incremental_note']}; copied {out['copied_mb']:,} MB; "
              f"{out['incremental_donor_rows']:,} individual rows re-clustered, "
              f"{out['incremental_candidate_pairs']:,} candidate pairs):")
        phase_table(out["incremental_phases"], out["incremental_phases_cpu"], "  ")
        print(f"  {'total':<14} {out['incremental_s']:>9.2f} {out['incremental_cpu_s']:>9.2f}   "
              f"({out['incremental_share']:.1%} of the full build's wall time, "
              f"{out['incremental_cpu_s'] / out['total_cpu_s']:.1%} of its CPU time; target 10%); "
              f"peak RSS {out['incremental_peak_rss_mb']:,} MB")
    if rebuild and repeats:
        shares = sorted(u / f for f, u, _fw, _uw in repeats)  # the first update's share is printed above
        out["repeats"] = [{"full_cpu_s": round(f, 2), "incremental_cpu_s": round(u, 2), "full_s": round(fw, 2),
                           "incremental_s": round(uw, 2)} for f, u, fw, uw in repeats]
        for i, (f, u, fw, uw) in enumerate(repeats, start=1):
            print(f"  pair {i}: full build {fw:.2f} s / {f:.2f} CPU-s, update {uw:.2f} s / {u:.2f} CPU-s: "
                  f"{uw / fw:.1%} wall, {u / f:.1%} CPU")
        print(f"  update / full build CPU over {len(shares)} more pairs: median {statistics.median(shares):.1%}, "
              f"range {shares[0]:.1%}-{shares[-1]:.1%}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
