"""Benchmark loading an FEC indiv bulk file: moneytrail's loader against a bare-DuckDB floor and pandas.

Each method runs in its own subprocess, so its peak RSS (ru_maxrss of that process) is its own.
The data is the SYNTHETIC file from bench/gen_indiv.py (generated into bench/out/ when missing).

  uv run python bench/bench_load.py --rows 5000000 [--zip PATH] [--experiments] [--repeat N]

Methods:
  moneytrail  db.connect(fresh file) + fec_bulk.load(con, zip): unzip, count lines, typed read with
              rejects, INSERT into contributions, rejects bookkeeping, uniqueness check.
  floor       bare DuckDB read_csv of the already-extracted itcont.txt, all VARCHAR, ignore_errors,
              CREATE TABLE AS into a fresh file.
  pandas      pandas.read_csv(dtype=str, on_bad_lines='skip') of itcont.txt, then CREATE TABLE AS.
Seconds include closing the connection (the checkpoint), for every method alike.
--experiments adds diagnostic runs (DuckDB settings before fec_bulk.load, the parts of the load).
--repeat N runs moneytrail and the floor N more times, alternating, and prints each pair's CPU ratio and their median:
the machine's speed drifts between runs by more than the margin to the 1.3x target, and a pair run back to back
shares most of the drift.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

COLS = ("CMTE_ID AMNDT_IND RPT_TP TRANSACTION_PGI IMAGE_NUM TRANSACTION_TP ENTITY_TP NAME CITY STATE "
        "ZIP_CODE EMPLOYER OCCUPATION TRANSACTION_DT TRANSACTION_AMT OTHER_ID TRAN_ID FILE_NUM MEMO_CD "
        "MEMO_TEXT SUB_ID").split()

# name -> (method, SQL run on the connection before the load)
EXPERIMENTS: dict[str, tuple[str, list[str]]] = {
    "mt+pio=false": ("moneytrail", ["SET preserve_insertion_order=false"]),
    "mt+pio=false+mem=1GB": ("moneytrail", ["SET preserve_insertion_order=false", "SET memory_limit='1GB'"]),
    "mt+mem=1GB": ("moneytrail", ["SET memory_limit='1GB'"]),
    "mt profiled": ("moneytrail_profiled", []),
    "mt profiled+pio+1GB": ("moneytrail_profiled", ["SET preserve_insertion_order=false", "SET memory_limit='1GB'"]),
    "typed-read->table": ("floor_typed", []),
    "parts(sha/unzip+count)": ("parts", []),
}


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fresh_db(tmp: Path) -> Path:
    """Path of a not-yet-existing DuckDB file in tmp."""
    return tmp / "bench.duckdb"


def child_moneytrail(zip_path: Path, tmp: Path, settings: list[str], after=None) -> dict:  # type: ignore[no-untyped-def]
    """fec_bulk.load of the zip into a fresh warehouse file (optionally after SET statements)."""
    from etl import rules, warehouse
    from etl.sources.fec_bulk import load as fec_bulk

    con = warehouse.connect(_fresh_db(tmp))
    for stmt in settings:
        con.execute(stmt)
    t0, c0 = time.perf_counter(), time.process_time()
    res = fec_bulk.load(con, zip_path)
    (after or rules.apply)(con)  # a lone load's caller applies the cross-file rules
    op = time.perf_counter() - t0
    t1 = time.perf_counter()
    con.close()
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "op_seconds": op,
            "close_s": time.perf_counter() - t1, "rows_read": res.rows_read,
            "rows_loaded": res.rows_loaded, "rows_rejected": res.rows_rejected}


def child_moneytrail_profiled(zip_path: Path, tmp: Path, settings: list[str]) -> dict:
    """fec_bulk.load with its steps wrapped in timers (sha256, unzip with line count, INSERT, rejects, checks)."""
    import contextlib

    from etl import db, rules
    from etl.sources.fec_bulk import load as fec_bulk

    spent: dict[str, float] = {}
    cpu: dict[str, float] = {}

    def timed(name: str, fn):  # type: ignore[no-untyped-def]
        """Wrap fn so its wall time adds up under name."""
        def inner(*a, **k):  # type: ignore[no-untyped-def]
            t, c = time.perf_counter(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
                cpu[name.replace("_s", "_cpu")] = cpu.get(name.replace("_s", "_cpu"), 0.0) + time.process_time() - c
        return inner

    orig_extracted = fec_bulk.extracted

    @contextlib.contextmanager
    def extracted(*a, **k):  # type: ignore[no-untyped-def]
        """Time the unzip (the body of the with-block is not counted)."""
        t, c = time.perf_counter(), time.process_time()
        with orig_extracted(*a, **k) as plain:
            spent["unzip_s"] = time.perf_counter() - t
            cpu["unzip_cpu"] = time.process_time() - c
            yield plain

    fec_bulk.extracted = extracted
    db.sha256_file = timed("sha256_s", db.sha256_file)
    fec_bulk.record_rejects = timed("record_rejects_s", fec_bulk.record_rejects)
    fec_bulk._check_unique = timed("check_unique_s", fec_bulk._check_unique)
    apply_rules = timed("cross_file_rules_s", rules.apply)
    res = child_moneytrail(zip_path, tmp, settings, after=apply_rules)
    spent["insert_and_rest_s"] = res["op_seconds"] - sum(spent.values())
    cpu["insert_and_rest_cpu"] = res["cpu_seconds"] - sum(cpu.values())
    return {**res, **spent, **cpu}


def child_floor(txt: Path, tmp: Path) -> dict:
    """Bare DuckDB: all-VARCHAR read_csv with ignore_errors into a table of a fresh file."""
    import duckdb

    con = duckdb.connect(str(_fresh_db(tmp)))
    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in COLS) + "}"
    t0, c0 = time.perf_counter(), time.process_time()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{txt}', delim='|', header=false, quote='', escape='', "
                f"auto_detect=false, columns={cols}, ignore_errors=true)")
    op = time.perf_counter() - t0
    n = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.close()
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "op_seconds": op,
            "rows_loaded": n}


def child_floor_typed(txt: Path, tmp: Path) -> dict:
    """moneytrail's own typed reader (dates, decimals, rejects table) into a plain table: no PK, no rules."""
    import duckdb

    from etl.sources.fec_bulk import load as fec_bulk
    from etl.sources.fec_bulk.specs import SPECS

    con = duckdb.connect(str(_fresh_db(tmp)))
    sql = fec_bulk._reader_sql(SPECS["indiv"], txt, "rejects_1")
    t0, c0 = time.perf_counter(), time.process_time()
    con.execute(f"CREATE TABLE t AS SELECT * FROM {sql}")
    op = time.perf_counter() - t0
    n = con.execute("SELECT count(*) FROM t").fetchone()[0]
    rej = con.execute("SELECT count(DISTINCT line) FROM rejects_1").fetchone()[0]
    con.close()
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0, "op_seconds": op,
            "rows_loaded": n, "rows_rejected": rej}


def child_pandas(txt: Path, tmp: Path) -> dict:
    """pandas.read_csv (all str, skip bad lines) then CREATE TABLE AS SELECT * FROM df."""
    import csv

    import duckdb
    import pandas as pd

    t0 = time.perf_counter()
    df = pd.read_csv(txt, sep="|", header=None, names=COLS, dtype=str, quoting=csv.QUOTE_NONE,
                     keep_default_na=False, on_bad_lines="skip", encoding_errors="replace")
    t_read = time.perf_counter() - t0
    con = duckdb.connect(str(_fresh_db(tmp)))
    con.register("df", df)
    con.execute("CREATE TABLE t AS SELECT * FROM df")
    op = time.perf_counter() - t0
    n = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.close()
    return {"seconds": time.perf_counter() - t0, "op_seconds": op, "read_seconds": t_read, "rows_loaded": n}


def child_parts(zip_path: Path, tmp: Path) -> dict:
    """Time the non-SQL parts of fec_bulk.load on their own: sha256 of the zip, unzip with line count."""
    from etl import db
    from etl.net.files import extracted

    t0 = time.perf_counter()
    db.sha256_file(zip_path)
    t_sha = time.perf_counter() - t0
    t1 = time.perf_counter()
    with extracted(zip_path, "itcont.txt") as (_plain, lines):
        t_unzip = time.perf_counter() - t1
    return {"seconds": time.perf_counter() - t0, "sha256_s": t_sha, "unzip_and_count_s": t_unzip,
            "rows_read": lines.total}


def run_child(args: argparse.Namespace) -> None:
    """Child-process entry: run one method, print its figures as one JSON line."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=OUT))
    try:
        m = args.child
        if m == "moneytrail":
            res = child_moneytrail(args.zip, tmp, args.setting or [])
        elif m == "moneytrail_profiled":
            res = child_moneytrail_profiled(args.zip, tmp, args.setting or [])
        elif m == "floor":
            res = child_floor(args.txt, tmp)
        elif m == "floor_typed":
            res = child_floor_typed(args.txt, tmp)
        elif m == "pandas":
            res = child_pandas(args.txt, tmp)
        elif m == "parts":
            res = child_parts(args.zip, tmp)
        else:
            raise SystemExit(f"unknown method {m}")
        res["peak_rss_mb"] = peak_rss_mb()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("RESULT " + json.dumps(res))


def spawn(method: str, zip_path: Path, txt: Path, settings: list[str]) -> dict:
    """Run one method in a fresh Python process and return its JSON figures."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", method, "--zip", str(zip_path), "--txt", str(txt)]
    for s in settings:
        cmd += ["--setting", s]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{method} failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")


def ensure_zip(rows: int) -> Path:
    """bench/out/rows_<N>/indiv20.zip, generated with gen_indiv when missing."""
    path = OUT / f"rows_{rows}" / "indiv20.zip"
    if not path.exists():
        from gen_indiv import generate

        n, bad, secs = generate(rows, path)
        print(f"generated {path}: {n} rows, {bad} malformed, {secs:.1f} s")
    return path


def ensure_txt(zip_path: Path) -> Path:
    """The uncompressed itcont.txt beside the zip (extracted once, outside any timing)."""
    txt = zip_path.with_name("itcont.txt")
    if not txt.exists() or txt.stat().st_mtime < zip_path.stat().st_mtime:
        part = txt.with_name("itcont.txt.part")
        with zipfile.ZipFile(zip_path) as zf, zf.open("itcont.txt") as src, open(part, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 22)
        part.replace(txt)
    return txt


def _mark(ok: bool) -> str:
    """PASS or MISS."""
    return "PASS" if ok else "MISS"


def _row(name: str, r: dict, rows: int) -> str:
    """One line of the results table."""
    secs = r["seconds"]
    return f"{name:<24} {secs:>9.2f} {rows / secs:>12,.0f} {r['peak_rss_mb']:>12,.0f}   {r.get('rows_loaded', '-')!s:>10}"


def main() -> None:
    """CLI entry point (parent process)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=5_000_000)
    ap.add_argument("--zip", type=Path, help="an existing indivYY.zip instead of a generated one")
    ap.add_argument("--experiments", action="store_true", help="also run the diagnostic runs")
    ap.add_argument("--skip-pandas", action="store_true", help="leave out the pandas baseline")
    ap.add_argument("--only", help="comma-separated experiment names to run (with --experiments)")
    ap.add_argument("--repeat", type=int, default=0, help="alternate N more moneytrail and floor runs (CPU ratios)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--txt", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--setting", action="append", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args)
        return

    import duckdb

    OUT.mkdir(parents=True, exist_ok=True)
    zip_path = (args.zip or ensure_zip(args.rows)).resolve()
    txt = ensure_txt(zip_path)
    size_mb = txt.stat().st_size / 1e6
    print(f"machine: nproc={os.cpu_count()}  duckdb={duckdb.__version__}  python={sys.version.split()[0]}  "
          f"RAM={os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB")
    print(f"data: {zip_path} ({zip_path.stat().st_size / 1e6:.0f} MB zipped, itcont.txt {size_mb:.0f} MB)")

    mt = spawn("moneytrail", zip_path, txt, [])
    rows = mt["rows_read"]
    fl = spawn("floor", zip_path, txt, [])
    pdr = None if args.skip_pandas else spawn("pandas", zip_path, txt, [])

    print(f"\n{'method':<24} {'seconds':>9} {'rows/s':>12} {'peak RSS MB':>12}   {'rows in table':>10}")
    print(_row("moneytrail", mt, rows))
    print(_row("floor (bare duckdb)", fl, rows))
    if pdr:
        print(_row("pandas baseline", pdr, rows))
    print(f"\nmoneytrail: rows read {mt['rows_read']:,}  loaded {mt['rows_loaded']:,}  rejected {mt['rows_rejected']:,}"
          f"  (load() {mt['op_seconds']:.2f} s + close {mt['seconds'] - mt['op_seconds']:.2f} s)")
    if pdr:
        print(f"pandas: read_csv {pdr['read_seconds']:.2f} s, to duckdb {pdr['op_seconds'] - pdr['read_seconds']:.2f} s")
    r_floor = mt["seconds"] / fl["seconds"]
    print(f"CPU seconds (all threads): moneytrail {mt['cpu_seconds']:.2f}, floor {fl['cpu_seconds']:.2f}: "
          f"{mt['cpu_seconds'] / fl['cpu_seconds']:.2f}x; load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    r_pandas = pdr["seconds"] / mt["seconds"] if pdr else float("nan")
    scale = f"(targets are for 5M rows; this run has {rows:,})" if rows != 5_000_000 else "(5M rows)"
    print(f"\ntargets {scale}:")
    print(f"  moneytrail / floor seconds  = {r_floor:5.2f}x   target <= 1.5x   {_mark(r_floor <= 1.5)}")
    print(f"  pandas / moneytrail seconds = {r_pandas:5.2f}x   target >= 3x     {_mark(r_pandas >= 3)}")
    print(f"  moneytrail peak RSS         = {mt['peak_rss_mb']:,.0f} MB   target <= 2048 MB  "
          f"{_mark(mt['peak_rss_mb'] <= 2048)}")

    if args.repeat:
        ratios = []
        print(f"\n{'pair':<6} {'moneytrail CPU-s':>17} {'floor CPU-s':>12} {'ratio':>7}  load average")
        for i in range(1, args.repeat + 1):
            m, f = spawn("moneytrail", zip_path, txt, []), spawn("floor", zip_path, txt, [])
            ratios.append(m["cpu_seconds"] / f["cpu_seconds"])
            print(f"{i:<6} {m['cpu_seconds']:>17.2f} {f['cpu_seconds']:>12.2f} {ratios[-1]:>6.2f}x  "
                  f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        ratios.sort()
        print(f"moneytrail / floor CPU over {len(ratios)} pairs: median {statistics.median(ratios):.2f}x, "
              f"range {ratios[0]:.2f}-{ratios[-1]:.2f}x")

    if args.experiments:
        print(f"\nexperiments (each its own process):\n{'run':<24} {'seconds':>9} {'rows/s':>12} {'peak RSS MB':>12}"
              f"   {'rows in table':>10}  vs floor")
        wanted = set(args.only.split(",")) if args.only else set(EXPERIMENTS)
        for name, (method, settings) in EXPERIMENTS.items():
            if name not in wanted:
                continue
            try:
                r = spawn(method, zip_path, txt, settings)
            except RuntimeError as exc:
                print(f"{name:<24} FAILED: {str(exc).strip().splitlines()[-1]}")
                continue
            extra = {k: round(v, 2) for k, v in r.items() if k.endswith(("_s", "_cpu", "cpu_seconds"))}
            print(_row(name, r, rows) + f"  {r['seconds'] / fl['seconds']:5.2f}x" + (f"  {extra}" if extra else ""))


if __name__ == "__main__":
    main()
