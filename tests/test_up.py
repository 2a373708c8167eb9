"""`moneytrail up`: offline it starts the labelled demo; against the replay server it builds the real warehouse."""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from helpers import closed_base, free_port, moneytrail_server


def _up(tmp_path: Path, env: dict[str, str], *args: str, timeout: float = 120) -> tuple[str, float]:
    """Run `moneytrail up` until the explorer answers its health check; return its stderr and the seconds it took."""
    port = free_port()
    log = tmp_path / f"up-{port}.log"
    t0 = time.perf_counter()
    with moneytrail_server(["--db", str(tmp_path / "mt.duckdb"), "up", "--port", str(port), "--no-browser", *args],
                           port, log=log, timeout=timeout,
                           env={**os.environ, "COLUMNS": "250", "MONEYTRAIL_RAW_DIR": str(tmp_path / "raw"), **env}):
        took = time.perf_counter() - t0
    return " ".join(log.read_text().split()), took


def _offline_env() -> dict[str, str]:
    base = closed_base()
    return {"MONEYTRAIL_FEC_BULK_BASE": base, "MONEYTRAIL_OPENFEC_BASE": base, "MONEYTRAIL_DOCQUERY_BASE": base,
            "MONEYTRAIL_USASPENDING_BASE": base, "MONEYTRAIL_AI_INVENTORY_BASE": base, "FEC_API_KEY": ""}


def _synthetic(db: Path) -> str | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT value FROM warehouse_info WHERE key = 'synthetic'").fetchall()
    finally:
        con.close()
    return rows[0][0] if rows else None


def test_up_with_no_network_says_which_sources_failed_and_starts_the_labelled_demo(tmp_path):
    out, took = _up(tmp_path, _offline_env())
    print(f"offline `up` to a serving demo: {took:.1f} s")
    for source in ("FEC bulk", "FEC Form 13 filings", "USAspending awards", "Federal AI Use Case Inventory"):
        assert f"cannot reach {source}" in out, out
    assert "ConnectError" in out and "Starting the SYNTHETIC DEMO" in out
    assert "OpenFEC skipped: FEC_API_KEY is not set" in out
    assert not (tmp_path / "mt.duckdb").exists()  # the demo never takes the real warehouse's place
    assert _synthetic(tmp_path / "mt-demo.duckdb") == "true"
    assert took < 60


def test_up_demo_asks_for_it_directly_and_a_second_up_reuses_it(tmp_path):
    out, _ = _up(tmp_path, _offline_env(), "--demo")
    assert "you asked for the demo (--demo)" in out and "cannot reach" not in out
    out, took = _up(tmp_path, _offline_env(), "--demo")
    print(f"second `up --demo`: {took:.1f} s")
    assert "Starting the SYNTHETIC DEMO" in out and "moneytrail build" not in out


KEY = "TEST-KEY-NOT-REAL-UP-4242"


def test_up_against_the_replay_server_builds_the_watchlist_from_real_files_and_serves_it(replay, tmp_path, ro):
    import replay_openfec
    import replay_usaspending
    replay_openfec.register(replay)
    replay_usaspending.install(replay)
    replay.fault("/files/bulk-downloads/2020/pas220.zip", "drop")
    replay.fault("/v1/schedules/schedule_a/", "429", "500")
    replay.fault("/dcdev/posted/1544132.fec", "drop")
    replay.fault("/api/v2/search/spending_by_award/", "503")
    env = {"FEC_API_KEY": KEY, "MONEYTRAIL_WATCHLIST_EFILINGS": "1544132,1550548"}
    out, took = _up(tmp_path, env, "--cycle", "2020", timeout=300)
    print(f"`up` against the replay server, fetch + build + serve: {took:.1f} s, {len(replay.log)} requests")
    assert "cannot reach" not in out and "failed" not in out.replace("rows_rejected", ""), out
    assert KEY not in out
    db = tmp_path / "mt.duckdb"
    assert _synthetic(db) is None
    con = duckdb.connect(str(db), read_only=True)
    try:
        kinds = dict(con.execute("SELECT source, count(*) FROM load_log WHERE status = 'loaded' GROUP BY ALL").fetchall())
        # attribution from the fetched rows equals attribution from the bulk files in shared/data
        sql = ("SELECT org_id, channel, sum(amount), count(*) FROM org_money_rows "
               "WHERE org_id IN ('google', 'microsoft', 'meta', 'amazon', 'nvidia') GROUP BY ALL ORDER BY ALL")
        fetched = con.execute(sql).fetchall()
        forms = con.execute("SELECT count(*) FROM load_log WHERE source = 'fec_efile' "
                            "AND fetched_from LIKE '%/dcdev/posted/%'").fetchall()
    finally:
        con.close()
    expected = ro.execute(sql).fetchall()
    assert set(fetched) ^ set(expected) == set() and len(fetched) == len(expected)
    assert kinds["fec_bulk"] == 5 and kinds["fec_efile"] == 2 and kinds["ai_inventory"] == 4, kinds
    assert kinds["openfec"] > 0 and kinds["usaspending"] > 0, kinds
    assert forms == [(2,)]
    for path in (tmp_path / "raw").rglob("*"):
        if path.is_file() and path.suffix in (".json", ".fec", ".csv"):
            assert KEY not in path.read_text(errors="replace"), path
    # the second `up` reuses the warehouse: no request, starts in seconds
    replay.clear()
    out, again = _up(tmp_path, env, "--cycle", "2020")
    print(f"second `up`: {again:.1f} s")
    assert "using the existing database" in out and replay.log == []
