"""`moneytrail build`: discovery, zero unexplained rejects, and the atomic swap (a killed build harms nothing)."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from etl.build import discover
from tests.conftest import FIXTURES, one

MONEYTRAIL = str(Path(sys.executable).parent / "moneytrail")
EXPLAINED = ("exact duplicate of line",)


def test_discovers_every_fec_file_once(fec_dir):
    names = [f.path.name for f in discover(fec_dir)]
    assert names == ["cm20.zip", "cm26.csv", "cn20.zip", "ccl20.zip", "indiv20.zip", "itcont_insight_7rows.txt",
                     "oth20.zip", "pas220.zip", "oppexp20.zip", "fec-maga-inc-reports.json", "1544132.fec",
                     "1550548.fec", "1930418.csv", "1943509.csv", "contributions.json"]


def test_discovers_contract_and_inventory_files_by_their_headers():
    from tests.conftest import shared_data
    kinds = [(f.path.name, f.kind) for f in discover(shared_data()) if f.source.name != "fec_bulk" and f.kind != "efile"]
    assert kinds == [("fec-maga-inc-reports.json", "openfec_reports"), ("contributions.json", "openfec"),
                     ("spending_by_award_contracts.json", "search_json"), ("spending_by_award_idvs.json", "search_json"),
                     ("spending_by_award_ai_keyword_contracts.csv", "search_csv"),
                     ("award_detail_contract_80GSFC18C0008.json", "award_json"), ("award_detail_idv.json", "award_json"),
                     ("transactions_80GSFC18C0008.json", "transactions_json"),
                     ("2023_consolidated_ai_inventory_raw.csv", "ai_2023"),
                     ("2024_consolidated_ai_inventory_raw_v2.csv", "ai_2024"),
                     ("2025_consolidated_COTS_AI_use_cases.csv", "ai_2025_cots"),
                     ("2025_individually_reported_AI_use_cases.csv", "ai_2025")]


def test_build_of_shared_data_has_zero_unexplained_rejects(ro):
    reasons = [r for (r,) in ro.execute("SELECT reason FROM load_errors").fetchall()]
    assert len(reasons) == 3 and all(r.startswith(EXPLAINED) for r in reasons)
    assert one(ro, "SELECT count(*) FROM load_log WHERE status <> 'loaded'") == 0


def _old_warehouse(tmp_path: Path) -> Path:
    src = tmp_path / "small"
    src.mkdir()
    shutil.copy(FIXTURES / "efile" / "9999001.fec", src)
    target = tmp_path / "mt.duckdb"
    subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(src)], check=True, capture_output=True)
    return target


def test_killed_build_leaves_the_previous_database_intact(tmp_path, fec_dir):
    target = _old_warehouse(tmp_path)
    before = duckdb.connect(str(target), read_only=True).execute("SELECT * FROM contributions ORDER BY 1").fetchall()
    proc = subprocess.Popen([MONEYTRAIL, "--db", str(target), "build", "--from", str(fec_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not list(tmp_path.glob("mt.duckdb.building-*")) and time.time() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob("mt.duckdb.building-*")), "the build never started writing"
    time.sleep(1.0)  # well inside the loads (the full build takes several seconds)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = duckdb.connect(str(target), read_only=True)
    assert con.execute("SELECT * FROM contributions ORDER BY 1").fetchall() == before
    assert con.execute("SELECT dataset FROM load_log").fetchall() == [("efile:9999001",)]
    con.close()
    # the next build cleans up the half-written file and swaps in a complete database
    subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(FIXTURES / "efile")], check=True,
                   capture_output=True)
    assert list(tmp_path.glob("mt.duckdb.building-*")) == []


def test_failed_build_keeps_the_previous_database(tmp_path):
    target = _old_warehouse(tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "indiv20.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    out = subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(bad)], capture_output=True, text=True)
    assert out.returncode == 1
    said = " ".join(out.stderr.split())
    assert "not a readable zip" in said and "left as it was" in said
    con = duckdb.connect(str(target), read_only=True)
    assert one(con, "SELECT count(*) FROM contributions") == 5
    assert list(tmp_path.glob("mt.duckdb.building-*")) == []
