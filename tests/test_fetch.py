"""`moneytrail fetch fec-bulk` and `fetch ai-inventory` against the replay server: raw files, then the same loaders."""

from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from conftest import shared_data
from etl.cli import app
from etl.net.files import sha256_file
from etl.net.meta import read_meta
from helpers import AI_2023_ROWS, AI_2024_ROWS, AI_2025_ROWS, AI_COTS_ROWS, BULK_2020

runner = CliRunner()
BULK = "/files/bulk-downloads/2020/"
R25 = "/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/main/Data/"
# sha256 from shared/data/fec/PROVENANCE.md
SHA = {"cm20.zip": "6d11b5769fceceac72d60d68ce613b7c1cef48b7a73d457a5e1a8e86a16ac323",
       "cn20.zip": "e08921f464458a602e6edd1bcaf8dc1cf5ffe186291c1353f8382ce284569f54",
       "ccl20.zip": "77b3c807ee53dddcfc77ddbbdadc1230f5c69ccc274b635b6f748c418d73c7ec",
       "pas220.zip": "81f2a4bfa29470ddc05b3394b8e0db52df2c6822533f0ec9590ccce0ec5bb4e5"}


class _Res:
    """A CLI result with its output unwrapped (rich wraps stderr at the terminal width)."""

    def __init__(self, res):
        self.exit_code, self.output = res.exit_code, " ".join(res.output.split())


def _fetch(tmp_path, monkeypatch, *args: str) -> _Res:
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    return _Res(runner.invoke(app, ["--db", str(tmp_path / "mt.duckdb"), "fetch", *args]))


def _one(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_fec_bulk_fetch_survives_faults_then_loads_the_real_files(replay, tmp_path, monkeypatch):
    replay.fault(BULK + "pas220.zip", "drop")
    replay.fault(BULK + "cn20.zip", "429", "500")
    res = _fetch(tmp_path, monkeypatch, "fec-bulk", "--cycle", "2020", "--types", "cm,cn,ccl,pas2")
    assert res.exit_code == 0, res.output
    raw = tmp_path / "raw" / "fec-bulk" / "2020"
    assert {p.name: sha256_file(p) for p in raw.glob("*.zip")} == SHA
    assert "pas220.zip: resumed" in res.output and "cn20.zip: downloaded" in res.output
    assert len(replay.hits(BULK + "cn20.zip")) == 3
    # the same loaders and figures as build --from (tests/test_fec_bulk.py): cm20 rejects its 2 duplicate lines
    assert _one(tmp_path / "mt.duckdb", "SELECT file_type, rows_read, rows_loaded, rows_rejected FROM load_log "
                                        "WHERE status = 'loaded' ORDER BY file_type") == [
        (kind, *BULK_2020[kind]) for kind in ("ccl", "cm", "cn", "pas2")]
    meta = read_meta(raw / "cm20.zip")
    assert meta["url"] == f"{replay.base}{BULK}cm20.zip" and meta["sha256"] == SHA["cm20.zip"]
    # every load says where and when its file was fetched
    assert _one(tmp_path / "mt.duckdb", "SELECT fetched_from, strftime(retrieved_at, '%Y-%m-%dT%H:%M:%S') "
                                        "FROM load_log WHERE file_type = 'cm'") == [
        (meta["url"], meta["retrieved_at"][:19])]


def test_second_fetch_downloads_nothing_that_has_not_changed(replay, tmp_path, monkeypatch):
    assert _fetch(tmp_path, monkeypatch, "fec-bulk", "--cycle", "2020", "--types", "cm,ccl", "--no-load").exit_code == 0
    replay.clear()
    res = _fetch(tmp_path, monkeypatch, "fec-bulk", "--cycle", "2020", "--types", "cm,ccl", "--no-load")
    assert res.exit_code == 0 and res.output.count(": unchanged") == 2, res.output
    assert [h.headers.get("if-none-match", "")[:1] for h in replay.log] == ['"', '"']
    assert not (tmp_path / "mt.duckdb").exists()  # --no-load


def test_fec_bulk_refuses_odd_cycles_and_unknown_types(replay, tmp_path, monkeypatch):
    res = _fetch(tmp_path, monkeypatch, "fec-bulk", "--cycle", "2025")
    assert res.exit_code == 1 and "named by their even year" in res.output
    res = _fetch(tmp_path, monkeypatch, "fec-bulk", "--cycle", "2020", "--types", "indiv,bogus")
    assert res.exit_code == 1 and "unknown bulk type(s) bogus" in res.output
    assert replay.log == []


def test_ai_inventory_fetch_loads_through_the_inventory_loader(replay, tmp_path, monkeypatch):
    replay.fault(R25 + "2025_individually_reported_AI_use_cases.csv", "drop", "slow")
    res = _fetch(tmp_path, monkeypatch, "ai-inventory")
    assert res.exit_code == 0, res.output
    got = {p.name: sha256_file(p) for p in (tmp_path / "raw" / "ai-inventory").glob("*.csv")}
    want = {p.name: sha256_file(p) for p in (shared_data() / "ai_inventory").glob("*.csv")}
    assert got == want
    assert _one(tmp_path / "mt.duckdb", "SELECT inventory_year, record_kind, count(*) FROM ai_use_cases "
                                        "GROUP BY ALL ORDER BY ALL") == [
        (2023, "individual", AI_2023_ROWS), (2024, "individual", AI_2024_ROWS), (2025, "cots", AI_COTS_ROWS),
        (2025, "individual", AI_2025_ROWS)]
    # the fetched file carries the pinned upstream link, as when loaded from shared/data
    assert _one(tmp_path / "mt.duckdb", "SELECT source_url FROM ai_use_cases WHERE use_case_id = 'DHS-2556'")[0][0] \
        .startswith("https://github.com/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/blob/3c225ba")


def test_truncated_inventory_is_not_loaded_and_the_old_warehouse_stays(replay, tmp_path, monkeypatch):
    (tmp_path / "mt.duckdb").write_bytes(b"previous warehouse")
    replay.fault(R25 + "2025_consolidated_COTS_AI_use_cases.csv", "truncate", sticky=True)
    res = _fetch(tmp_path, monkeypatch, "ai-inventory")
    assert res.exit_code == 1
    assert "the body was cut short" in res.output and "nothing was loaded" in res.output
    assert (tmp_path / "mt.duckdb").read_bytes() == b"previous warehouse"
    names = sorted(p.name for p in (tmp_path / "raw" / "ai-inventory").iterdir())
    assert "2025_consolidated_COTS_AI_use_cases.csv" not in names and not any(n.endswith(".part") for n in names)
