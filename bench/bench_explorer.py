"""Benchmark the explorer's Organization and Compare pages on a SYNTHETIC warehouse of N contributions.

The warehouse is built by bench/gen_warehouse.py (fictional people, companies, committees and twelve
fictional peer organizations synth_org_01 ... synth_org_12; see its docstring) into
bench/out/explorer/rows_<N>/warehouse.duckdb, and reused when it exists with the same row count,
generator version and etl/schema.sql.

  uv run python bench/bench_explorer.py [--rows 50000000] [--runs 7] [--page-runs 3] [--rebuild]
                                        [--experiments] [--skip-pages] [--explain org_money_rows,compare]

Each part runs in its own process, so its peak RSS (ru_maxrss) is its own:
  build    gen_warehouse.build() (only when the warehouse is missing or stale, or with --rebuild).
  queries  the named queries (etl/queries.py) with the parameters the two pages pass, on a read-only
           connection and a cursor of it, as dashboard/components.py opens it, for the largest and a
           middle-sized organization; each query runs once to warm the caches, then --runs times (fewer,
           at least 3, when that would take over 20 s); median and max wall time including fetching every
           row into Python, as Query.run does.
  pages    streamlit AppTest of dashboard/app_pages/organization.py and compare.py with MONEYTRAIL_DB set
           to the synthetic warehouse and the largest organization seeded through the URL (?org=...); one
           render warms the caches (the cached connection is per process), then --page-runs fresh sessions
           are timed (at.run(): the first full render of a session); then, in fresh sessions, the rerun
           after switching on the page's first "rows behind" toggle.
  experiments (--experiments) the same queries and pages reading the view org_money_rows_live (the
           definition) instead of the table org_money_rows materialized from it at build time: before and
           after that materialization, with a check that the rows and the figures shown are the same.
Targets on this 2-core machine: each query <= 300 ms median, each page <= 2 s.
--explain prints the operators of EXPLAIN ANALYZE that take time (or pass 100,000 rows) and stops.
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
import time
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

QUERY_TARGET_MS = 300
PAGE_TARGET_S = 2.0
PAGES = {"organization": ROOT / "dashboard" / "app_pages" / "organization.py",
         "compare": ROOT / "dashboard" / "app_pages" / "compare.py"}


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux ru_maxrss is in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warehouse_path(rows: int) -> Path:
    """Where the synthetic warehouse of this size lives."""
    return BENCH / "out" / "explorer" / f"rows_{rows}" / "warehouse.duckdb"


def pick_orgs(con) -> tuple[str, str]:
    """The largest synthetic organization (most attributed rows) and a middle-sized one."""
    ranked = [o for (o,) in con.execute(
        """SELECT org_id FROM employer_matches WHERE attributed GROUP BY org_id ORDER BY sum(rows) DESC, org_id""").fetchall()]
    return ranked[0], ranked[len(ranked) // 2]


def query_plan(org: str) -> list[tuple[str, str, str, dict]]:
    """(page, label, query name, parameters): the calls the two pages make, with their default widgets."""
    from etl.queries import CHANNELS
    ch = list(CHANNELS)
    compare = {"channels": ch, "date_from": None, "date_to": None, "party": None, "cmte_ids": [], "only_cmtes": False}
    return [
        ("organization", "org_channels", "org_channels", {"org_id": org}),
        ("organization", "org_money_rows (every row: the CSV download)", "org_money_rows",
         {"org_id": org, "channels": ch, "cycle": None, "cmte_id": None}),
        ("organization", "org_recipients", "org_recipients", {"org_id": org, "channels": ch, "limit": 50}),
        ("organization", "org_donors", "org_donors", {"org_id": org, "channels": [*ch, "to_own_pac"], "limit": 50}),
        ("organization", "org_awards", "org_awards", {"org_id": org}),
        ("organization", "org_award_rows", "org_award_rows", {"org_id": org}),
        ("organization", "org_ai_uses", "org_ai_uses", {"org_id": org}),
        ("both", "gaps", "gaps", {}),
        ("compare", "compare", "compare", {"peer_set": "ai", **compare}),
        ("compare", "compare (party DEM, 2023-2024)", "compare",
         {"peer_set": "ai", **compare, "party": "DEM", "date_from": date(2023, 1, 1), "date_to": date(2024, 12, 31)}),
        ("compare", "compare_rows (every row: the CSV download)", "compare_rows", {"org_id": org, **compare}),
        ("compare", "coverage", "coverage", {}),
    ]


def timed(fn, runs: int, budget_s: float = 20.0) -> tuple[list[float], object]:
    """Run fn once to warm up, then runs times (fewer, at least 3, when that would take over budget_s);
    return the wall times (s) and the last result."""
    t = time.perf_counter()
    out = fn()
    warm = time.perf_counter() - t
    if warm * runs > budget_s:
        runs = max(3, int(budget_s / warm))
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    timed.cpu = cpu  # type: ignore[attr-defined]  # CPU seconds of the same runs (all threads of this process)
    return times, out


def child_build(rows: int, org_share: float) -> dict:
    """Build the synthetic warehouse (this process's peak RSS is the build's)."""
    from gen_warehouse import build
    info = build(rows, warehouse_path(rows), org_share, log=lambda s: print(s, flush=True))
    return info


def child_queries(rows: int, runs: int) -> dict:
    """Time every named query of the two pages on a read-only cursor, as the explorer opens it."""
    import duckdb
    from explorer_people import PAGE_ROWS, time_pages

    from etl.queries import QUERIES
    path = warehouse_path(rows)
    con = duckdb.connect(str(path), read_only=True)
    cur = con.cursor()
    big, mid = pick_orgs(cur)
    results = []
    for org, which in ((big, "largest"), (mid, "middle")):
        for page, label, name, params in query_plan(org):
            if which == "middle" and name in ("gaps", "coverage") or (which == "middle" and label.startswith("compare")
                                                                       and name == "compare"):
                continue  # the same call for every organization
            times, res = timed(lambda: QUERIES[name].run(cur, **params), runs)
            results.append({"page": page, "label": label, "org": org if "org_id" in params else "",
                            "which": which if "org_id" in params else "", "rows": len(res.rows), "runs": len(times),
                            "median_ms": statistics.median(times) * 1000, "max_ms": max(times) * 1000,
                            "cpu_ms": statistics.median(timed.cpu) * 1000})
        for name, params in [p[2:] for p in query_plan(org) if p[2] in ("org_money_rows", "compare_rows")]:
            times, res = timed(lambda n=name, p=params: QUERIES[n].first(cur, PAGE_ROWS, **p), runs)  # what the page reads now
            results.append({"page": "organization" if name == "org_money_rows" else "compare",
                            "label": f"{name} (first page: components.rows)", "org": org, "which": which,
                            "rows": res.count, "runs": len(times), "median_ms": statistics.median(times) * 1000,
                            "max_ms": max(times) * 1000, "cpu_ms": statistics.median(timed.cpu) * 1000})
    people, who = time_pages(cur, timed, runs)
    results += people
    # what the compare page really runs: compare_rows for every organization with rows in the totals
    params = query_plan(big)[8][3]
    orgs = [r[0] for r in QUERIES["compare"].run(cur, **params).rows if r[3]]
    sub = {k: v for k, v in params.items() if k != "peer_set"}
    times, total = timed(lambda: sum(len(QUERIES["compare_rows"].run(cur, org_id=o, **sub).rows) for o in orgs), runs)
    results.append({"page": "compare", "label": f"compare_rows, {len(orgs)} calls (the page's total)", "org": "all",
                    "which": "all", "rows": total, "runs": len(times), "median_ms": statistics.median(times) * 1000,
                    "max_ms": max(times) * 1000})
    counts = dict(zip(["contributions", "attributed", "org_money_rows_big"], [
        cur.execute("SELECT count(*) FROM contributions").fetchall()[0][0],
        cur.execute("SELECT count(*) FROM contributions WHERE org_id IS NOT NULL").fetchall()[0][0],
        cur.execute("SELECT count(*) FROM org_money_rows WHERE org_id = $o", {"o": big}).fetchall()[0][0]]))
    con.close()
    return {"queries": results, "largest_org": big, "middle_org": mid, "counts": counts, **who,
            "threads": duckdb.connect().execute("SELECT current_setting('threads')").fetchall()[0][0]}


def child_pages(rows: int, runs: int, db_file: Path | None = None, with_rows: bool = True) -> dict:
    """Time the first full render of each page with warm caches (AppTest, org seeded through the URL)."""
    import duckdb
    db_file = db_file or warehouse_path(rows)
    os.environ["MONEYTRAIL_DB"] = str(db_file)
    from streamlit.testing.v1 import AppTest
    con = duckdb.connect(str(db_file), read_only=True)
    big, _ = pick_orgs(con)
    con.close()
    out = {}
    for name, page in PAGES.items():
        shown: list[dict] = []  # the figures the last render showed: metrics and the first table

        def render() -> float:
            at = AppTest.from_file(str(page), default_timeout=1800)
            at.query_params["org"] = big
            t = time.perf_counter()
            at.run()
            secs = time.perf_counter() - t
            if at.exception:
                raise RuntimeError(f"{name} page raised: {at.exception[0].message}")
            shown[:] = [{"metrics": {m.label: m.value for m in at.metric},
                         "first_table": at.dataframe[0].value.astype(str).values.tolist() if at.dataframe else []}]
            return secs
        def render_with_rows() -> float | None:
            """A fresh session's render, then switching on the first "rows behind" toggle (a rerun); its seconds."""
            at = AppTest.from_file(str(page), default_timeout=1800)
            at.query_params["org"] = big
            at.run()
            if not at.toggle:
                return None
            at.toggle[0].set_value(True)
            t = time.perf_counter()
            at.run()
            secs = time.perf_counter() - t
            if at.exception:
                raise RuntimeError(f"{name} page raised: {at.exception[0].message}")
            return secs

        warm = render()  # warms DuckDB's buffers, the cached connection and the imports
        times = [render() for _ in range(runs)]
        out[name] = {"warmup_s": warm, "median_s": statistics.median(times), "max_s": max(times), "runs": times,
                     "shown": shown[0]}
        if with_rows:
            rows_times = [t for t in (render_with_rows() for _ in range(runs)) if t is not None]
            if rows_times:
                out[name]["rows_on_median_s"] = statistics.median(rows_times)
                out[name]["rows_on_max_s"] = max(rows_times)
    out["org"] = big
    return out


def child_explain(rows: int, names: list[str]) -> dict:
    """The operators of EXPLAIN ANALYZE (JSON) of the named queries that take over 20 ms or pass over 100,000 rows."""
    import duckdb

    from etl.queries import QUERIES
    con = duckdb.connect(str(warehouse_path(rows)), read_only=True)
    big, _ = pick_orgs(con)
    plans = {}

    def walk(node: dict, depth: int, lines: list[str]) -> None:
        info = node.get("extra_info", {})
        detail = " ".join(f"{k}={str(v)[:120]}" for k, v in info.items()
                          if k in ("Table", "Conditions", "Expression", "Filters", "Join Type", "Aggregates"))
        if node.get("timing", 0) > 0.02 or node.get("intermediate_rows", 0) > 100_000:
            lines.append(f"{'  ' * depth}{node['name']} {node.get('timing', 0) * 1000:.0f} ms "
                         f"rows={node.get('intermediate_rows', 0):,} {detail[:300]}")
        for child in node.get("children", []):
            walk(child, depth + 1, lines)
    for _, label, name, params in query_plan(big):
        if label in names:
            QUERIES[name].run(con, **params)  # warm
            plan = json.loads(con.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + QUERIES[name].sql, params).fetchall()[0][1])
            lines: list[str] = []
            for op in plan["operator"]:
                walk(op, 0, lines)
            plans[label] = "\n".join(lines) or "(no operator over 20 ms or 100,000 rows)"
    con.close()
    return {"plans": plans}


# --experiments: the same queries and pages reading the definition of org_money_rows (the view
# org_money_rows_live, computed on every query) instead of the table materialized from it at build time,
# i.e. before and after that materialization. The SQL text is rewritten, nothing in the warehouse changes.
COMPARED = {"org_donors": (0, 5, 6)}  # columns compared: string_agg without ORDER BY and any_value vary


def live_sql(con, sql: str) -> str:
    """sql reading org_money_rows_live (and org_money computed over it) instead of the materialized table."""
    import re
    view = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'org_money'").fetchall()[0][0]
    body = re.sub(r"\borg_money_rows\b", "org_money_rows_live", view.split(" AS ", 1)[1].rstrip().rstrip(";"))
    sql = re.sub(r"\borg_money_rows\b", "org_money_rows_live", sql)
    return re.sub(r"\borg_money\b(?!_)", f"({body}) AS org_money", sql)


def has_live_view(con) -> bool:
    """True when org_money_rows is a table materialized from the view org_money_rows_live."""
    return bool(con.execute("SELECT 1 FROM duckdb_views() WHERE view_name = 'org_money_rows_live'").fetchall())


def child_experiments(rows: int, runs: int) -> dict:
    """Each org_money query on the live view (before) against the materialized table (now), same rows."""
    import duckdb

    from etl.queries import QUERIES
    con = duckdb.connect(str(warehouse_path(rows)), read_only=True)
    if not has_live_view(con):
        return {"experiments": [], "note": "no org_money_rows_live view in this schema: nothing to compare"}
    big, _ = pick_orgs(con)
    out = []
    for _, label, name, params in query_plan(big):
        sql = QUERIES[name].sql
        if "org_money" not in sql:
            continue
        t_live, live = timed(lambda: con.execute(live_sql(con, sql), params).fetchall(), runs)
        now = QUERIES[name].run(con, **params).rows
        t_count, _ = timed(lambda: con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall(), runs)
        cols = COMPARED.get(name)
        key = (lambda r: repr([r[i] for i in cols])) if cols else repr
        out.append({"label": label, "live_ms": statistics.median(t_live) * 1000, "live_runs": len(t_live),
                    "sql_only_ms": statistics.median(t_count) * 1000,
                    "same_rows": sorted(map(key, live)) == sorted(map(key, now)), "rows": len(now)})
    t = time.perf_counter()
    n = con.execute("SELECT count(*) FROM (SELECT * FROM org_money_rows_live)").fetchall()[0][0]
    con.execute("CREATE TEMP TABLE materialized AS SELECT * FROM org_money_rows_live")
    materialize_s = time.perf_counter() - t
    con.close()
    return {"experiments": out, "materialized_rows": n, "materialize_s": materialize_s}


def child_page_experiments(rows: int, runs: int) -> dict:
    """The pages with every org_money query reading the live view instead of the table (before materializing);
    then, with the table, the two rows-behind queries cut to their first 1,000 rows (a page change to weigh)."""
    import duckdb

    from etl.queries import QUERIES, Query
    saved = dict(QUERIES)
    out = {}
    con = duckdb.connect(str(warehouse_path(rows)), read_only=True)
    live = has_live_view(con)
    if live:
        for k, qu in saved.items():
            if "org_money" in qu.sql:
                QUERIES[k] = Query(qu.name, qu.title, qu.note, live_sql(con, qu.sql))
    con.close()
    if live:
        out["live"] = child_pages(rows, runs, with_rows=False)
    QUERIES.update(saved)
    for k in ("org_money_rows", "compare_rows"):
        qu = saved[k]
        QUERIES[k] = Query(qu.name, qu.title, qu.note, qu.sql.rstrip() + "\nLIMIT 1000")
    out["first_1000"] = child_pages(rows, runs)
    QUERIES.update(saved)
    return out


def run_child(args: argparse.Namespace) -> None:
    """Child-process entry: one part, its figures as one JSON line."""
    if args.child == "build":
        res = child_build(args.rows, args.org_share)
    elif args.child == "queries":
        res = child_queries(args.rows, args.runs)
    elif args.child == "pages":
        res = child_pages(args.rows, args.page_runs)
    elif args.child == "explain":
        res = child_explain(args.rows, args.explain.split(","))
    elif args.child == "experiments":
        res = child_experiments(args.rows, args.runs)
    elif args.child == "page_experiments":
        res = child_page_experiments(args.rows, args.page_runs)
    else:
        raise SystemExit(f"unknown part {args.child}")
    res["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(res, default=str), flush=True)


def spawn(part: str, args: argparse.Namespace, echo: bool = False) -> dict:
    """Run one part in a fresh Python process and return its JSON figures (echoing its output when asked)."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", part, "--rows", str(args.rows),
           "--runs", str(args.runs), "--page-runs", str(args.page_runs), "--org-share", str(args.org_share)]
    if args.explain:
        cmd += ["--explain", args.explain]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    result, lines = None, []
    for line in proc.stdout:
        if line.startswith("RESULT "):
            result = json.loads(line[7:])
        else:
            lines.append(line)
            if echo:
                print(line, end="", flush=True)
    err = proc.stderr.read()
    proc.wait()
    if result is None or proc.returncode:
        raise RuntimeError(f"{part} failed (exit {proc.returncode}):\n{''.join(lines)[-2000:]}\n{err[-4000:]}")
    return result


def _mark(ok: bool) -> str:
    """met or MISSED."""
    return "met" if ok else "MISSED"


def main() -> None:
    """CLI entry point (parent process)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50_000_000)
    ap.add_argument("--runs", type=int, default=7, help="timed runs per query (after one warm-up run)")
    ap.add_argument("--page-runs", type=int, default=3, help="timed renders per page (after one warm-up render)")
    ap.add_argument("--org-share", type=float, default=0.02, help="share of donors employed by the peer organizations")
    ap.add_argument("--rebuild", action="store_true", help="build the warehouse even if it exists")
    ap.add_argument("--skip-pages", action="store_true")
    ap.add_argument("--explain", help="comma-separated query labels to EXPLAIN ANALYZE (e.g. org_money_rows,compare)")
    ap.add_argument("--experiments", action="store_true", help="time candidate rewrites (bench_explorer_experiments.py)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run_child(args)
        return

    import duckdb
    from gen_warehouse import existing
    t_all = time.perf_counter()
    path = warehouse_path(args.rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(path.parent).free
    print(f"machine: nproc={os.cpu_count()}  duckdb={duckdb.__version__}  python={sys.version.split()[0]}  "
          f"RAM={os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.1f} GiB  disk free={free / 2**30:.0f} GiB")
    print(f"data: SYNTHETIC warehouse of {args.rows:,} fictional contributions (bench/gen_warehouse.py) at {path}")
    info = None if args.rebuild else existing(path, args.rows)
    if info is None:
        need = args.rows * 90  # about 60-70 bytes a row on disk, plus the building margin
        if free < need:
            raise SystemExit(f"not enough disk: {free / 2**30:.1f} GiB free, about {need / 2**30:.1f} GiB needed")
        print("building it (each step's seconds below) ...")
        info = spawn("build", args, echo=True)
        info["reused"] = False
    else:
        info["reused"] = True
        print(f"reusing it (built in {info['build_seconds']:.0f} s)")
    size = path.stat().st_size
    print(f"build: {info['build_seconds']:.0f} s{' (earlier run)' if info['reused'] else ''}"
          + (f", build peak RSS {info['build_peak_rss_mb']:,.0f} MB" if 'build_peak_rss_mb' in info else '')
          + f"; warehouse {size / 1e9:.2f} GB; attributed rows {info['attributed_rows']:,} "
          f"(org_id set by the real etl/entities.resolve() from the synthetic registry); registry people pinned "
          f"{info['pinned_rows']:,}; donor_id clusters set in SQL (splink not run)")

    if args.explain:
        plans = spawn("explain", args)["plans"]
        for label, plan in plans.items():
            print(f"\n=== EXPLAIN ANALYZE {label} (operators over 20 ms or 100,000 rows; times summed over threads) ===\n{plan}")
        return

    q = spawn("queries", args)
    print(f"\nnamed queries (etl/queries.py), read-only cursor, warm, {args.runs} runs each (fewer, at least 3, "
          f"when they would take over 20 s), DuckDB threads={q['threads']}; "
          f"largest organization {q['largest_org']} ({q['counts']['org_money_rows_big']:,} rows in org_money_rows), "
          f"middle one {q['middle_org']}; {q['counts']['contributions']:,} contributions, "
          f"{q['counts']['attributed']:,} attributed")
    print(f"Person page: the donor with the most rows {q['largest_donor']}, a typical one {q['middle_donor']}; Committee "
          f"page: the committee with the most rows {q['largest_cmte']}, a middle one {q['middle_cmte']}")
    print(f"{'page':<13} {'query':<48} {'org':<8} {'rows':>9} {'runs':>4} {'median ms':>10} {'max ms':>9} {'CPU ms':>8}  "
          f"target <= {QUERY_TARGET_MS} ms (CPU ms: median CPU time of the process, all threads)")
    for r in q["queries"]:
        mark = "(several queries)" if r["which"] == "all" else _mark(r["median_ms"] <= QUERY_TARGET_MS)
        print(f"{r['page']:<13} {r['label']:<48} {r['which']:<8} {r['rows']:>9,} {r['runs']:>4} {r['median_ms']:>10.1f} "
              f"{r['max_ms']:>9.1f} {r.get('cpu_ms', float('nan')):>8.1f}  {mark}")
    print(f"peak RSS of the query process: {q['peak_rss_mb']:,.0f} MB")

    if args.experiments:
        ex = spawn("experiments", args)
        if ex["experiments"]:
            now = {r["label"]: r for r in q["queries"] if r["which"] in ("largest", "")}
            print(f"\nexperiment: the same queries reading the view org_money_rows_live (the definition, computed on every "
                  f"query) instead of the table org_money_rows materialized from it at build time "
                  f"({ex['materialized_rows']:,} rows, {ex['materialize_s']:.1f} s to materialize); "
                  "largest organization, median ms:")
            print(f"  {'query':<34} {'live view':>10} {'table (now)':>12} {'of which SQL':>13}  same rows")
            for r in ex["experiments"]:
                print(f"  {r['label']:<34} {r['live_ms']:>10.1f} {now[r['label']]['median_ms']:>12.1f} "
                      f"{r['sql_only_ms']:>13.1f}  {r['same_rows']} ({r['rows']:,} rows)")
            print("  ('of which SQL': count(*) over the query on the table; the rest is fetching the rows into Python)")
        else:
            print(f"\nexperiment: {ex['note']}")

    if not args.skip_pages:
        p = spawn("pages", args)
        print(f"\npages (streamlit AppTest, ?org={p['org']}, first full render of a fresh session with warm caches, "
              f"median of {args.page_runs}):")
        for name in PAGES:
            r = p[name]
            print(f"  {name:<13} median {r['median_s']:6.2f} s  max {r['max_s']:6.2f} s  (warm-up render {r['warmup_s']:.2f} s)"
                  f"  target <= {PAGE_TARGET_S:.0f} s  {_mark(r['median_s'] <= PAGE_TARGET_S)}")
        for name in PAGES:
            r = p[name]
            if "rows_on_median_s" in r:
                print(f"  {name:<13} switching on the first 'rows behind' toggle (largest organization's rows, a rerun): "
                      f"median {r['rows_on_median_s']:6.2f} s  max {r['rows_on_max_s']:6.2f} s  "
                      f"{_mark(r['rows_on_median_s'] <= PAGE_TARGET_S)}")
        print(f"peak RSS of the page process: {p['peak_rss_mb']:,.0f} MB")
        if args.experiments:
            pe = spawn("page_experiments", args)
            if pe.get("live"):
                same = all(pe["live"][n]["shown"] == p[n]["shown"] for n in PAGES)
                print(f"  experiment, the same pages with every org_money query reading the live view instead of the table "
                      f"(same figures shown: {same}):")
                for name in PAGES:
                    r = pe["live"][name]
                    print(f"    {name:<13} median {r['median_s']:6.2f} s  max {r['max_s']:6.2f} s  "
                          f"{_mark(r['median_s'] <= PAGE_TARGET_S)}")
            print("  experiment, a page change to weigh: org_money_rows and compare_rows cut to their first 1,000 rows "
                  "(the table then shows 1,000 of the rows, not all):")
            for name in PAGES:
                r = pe["first_1000"][name]
                if "rows_on_median_s" in r:
                    print(f"    {name:<13} switching on the first 'rows behind' toggle: median {r['rows_on_median_s']:6.2f} s  "
                          f"max {r['rows_on_max_s']:6.2f} s  {_mark(r['rows_on_median_s'] <= PAGE_TARGET_S)}")

    single = [r for r in q["queries"] if r["which"] != "all"]
    misses = [r["label"] + (f" ({r['which']})" if r["which"] else "") for r in single if r["median_ms"] > QUERY_TARGET_MS]
    print(f"\nsummary: {len(single) - len(misses)}/{len(single)} query timings met the {QUERY_TARGET_MS} ms target"
          + (f"; missed: {', '.join(misses)}" if misses else ""))
    print(f"whole benchmark run: {time.perf_counter() - t_all:.0f} s (all data SYNTHETIC)")


if __name__ == "__main__":
    main()
