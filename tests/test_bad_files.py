"""Bad files fail loudly and nothing is lost (issue 15): byte-order marks read in every reader, a file with (nearly)
all rows rejected fails the build, an unreadable file named like a known one is named with its reason, parser errors
are LoadErrors, killed builds leave nothing behind, bad paths and ports get one line."""

from __future__ import annotations

import codecs
import hashlib
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import one, shared_data
from etl import warehouse
from etl.build import build, recognise
from etl.net.files import TEMP_PREFIX, LoadError
from etl.sources.fec_efile import SOURCE as fec_efile
from helpers import MONEYTRAIL

CM26_ROWS = 18316  # committee_master_2026/cm26.csv: data lines below its header (PROVENANCE.md)


def file_digest(path: Path) -> str:
    """SHA-256 of the warehouse file: a failed build must leave it byte for byte as it was."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cm26() -> Path:
    return shared_data() / "fec" / "committee_master_2026" / "cm26.csv"


def _itpas2(tmp: Path) -> Path:
    with zipfile.ZipFile(shared_data() / "fec" / "bulk_2020_early" / "pas220.zip") as zf:
        (tmp / "itpas2.txt").write_bytes(zf.read("itpas2.txt"))
    return tmp / "itpas2.txt"


READERS = {  # one real file per reader, by a name for the test id
    "fec-bulk-master-csv": lambda tmp: _cm26(),
    "fec-bulk-streamed": _itpas2,
    "fec-efile": lambda tmp: shared_data() / "fec" / "efiling" / "1550548.fec",
    "usaspending-csv": lambda tmp: shared_data() / "contracts" / "spending_by_award_ai_keyword_contracts.csv",
    "usaspending-json": lambda tmp: shared_data() / "contracts" / "api_fixtures" / "spending_by_award_contracts.json",
    "ai-inventory-csv": lambda tmp: shared_data() / "ai_inventory" / "2023_consolidated_ai_inventory_raw.csv",
}


def _load_copy(src: Path, folder: Path, prefix: bytes) -> tuple[int, int, int]:
    folder.mkdir()
    copy = folder / src.name
    copy.write_bytes(prefix + src.read_bytes())
    found = recognise(copy)
    assert found is not None, copy
    res = found.source.load(warehouse.connect(folder / "t.duckdb"), copy)
    return res.rows_read, res.rows_loaded, res.rows_rejected


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_byte_order_mark_changes_nothing(tmp_path, reader):
    src = READERS[reader](tmp_path)
    plain = _load_copy(src, tmp_path / "plain", b"")
    with_bom = _load_copy(src, tmp_path / "bom", codecs.BOM_UTF8)
    assert with_bom == plain and plain[2] == 0 and plain[1] > 0


def test_cm26_with_a_bom_builds_every_committee(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cm26.csv").write_bytes(codecs.BOM_UTF8 + _cm26().read_bytes())
    (res,) = build(folder, tmp_path / "mt.duckdb")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (CM26_ROWS, CM26_ROWS, 0)


def _good_then_bad(tmp_path: Path, bad_name: str, bad: bytes) -> tuple[Path, Path, str]:
    good, worse = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    worse.mkdir()
    shutil.copy(shared_data() / "fec" / "efiling" / "1550548.fec", good)
    shutil.copy(shared_data() / "fec" / "efiling" / "1550548.fec", worse)
    (worse / bad_name).write_bytes(bad)
    target = tmp_path / "mt.duckdb"
    build(good, target)
    return worse, target, file_digest(target)


def _headerless_cm26() -> bytes:
    """The real cm26.csv without its header line: every line is then read as pipe-delimited and rejected."""
    return _cm26().read_bytes().split(b"\n", 1)[1]


def test_a_file_with_nearly_every_row_rejected_fails_the_build_and_the_old_warehouse_stays(tmp_path):
    worse, target, before = _good_then_bad(tmp_path, "cm26.csv", _headerless_cm26())
    with pytest.raises(LoadError, match="1 file\\(s\\) failed"):
        build(worse, target)
    assert file_digest(target) == before
    assert [p.name for p in tmp_path.iterdir() if ".building-" in p.name] == []


def test_keep_going_swaps_it_in_with_every_rejected_row_kept(tmp_path):
    worse, target, _ = _good_then_bad(tmp_path, "cm26.csv", _headerless_cm26())
    build(worse, target, keep_going=True)
    con = duckdb.connect(str(target), read_only=True)
    try:
        assert one(con, "SELECT rows_read - rows_rejected FROM load_log WHERE dataset = 'cm2026'") == 0
        assert one(con, "SELECT count(*) FROM load_errors WHERE path LIKE '%cm26.csv'") == CM26_ROWS
        assert one(con, "SELECT count(*) FROM contributions") == 76  # the good filing's rows are all there
    finally:
        con.close()


def test_cli_names_the_rejecting_file_in_one_line(tmp_path):
    worse, target, before = _good_then_bad(tmp_path, "cm26.csv", _headerless_cm26())
    res = subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(worse)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    (line,) = [x for x in res.stderr.splitlines() if x.startswith("failed")]
    assert f"cm26.csv: {CM26_ROWS:,} of {CM26_ROWS:,} rows rejected (first reason: wrong field count" in line
    assert file_digest(target) == before


def test_html_saved_as_an_inventory_xlsx_is_named_with_its_reason(tmp_path):
    html = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"
    worse, target, before = _good_then_bad(tmp_path, "2025_ai_use_case_inventory.xlsx", html)
    with pytest.raises(LoadError):
        build(worse, target)
    assert file_digest(target) == before
    res = subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(worse)], capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 1
    assert any("2025_ai_use_case_inventory.xlsx: not a readable .xlsx workbook" in x for x in res.stderr.splitlines())


def test_a_filing_of_an_unknown_version_is_a_load_error_that_keep_going_skips(tmp_path):
    text = (shared_data() / "fec" / "efiling" / "1544132.fec").read_bytes()
    assert b"\x1c8.3\x1c" in text.split(b"\n", 1)[0]
    odd = text.replace(b"\x1c8.3\x1c", b"\x1c97.1\x1c", 1)
    with pytest.raises(LoadError, match="1544132.fec: the FEC parser cannot read this filing"):
        (tmp_path / "1544132.fec").write_bytes(odd)
        fec_efile.load(warehouse.connect(tmp_path / "t.duckdb"), tmp_path / "1544132.fec")
    (tmp_path / "b").mkdir()
    worse, target, _ = _good_then_bad(tmp_path / "b", "1544132.fec", odd)
    results = build(worse, target, keep_going=True)
    assert [Path(r.path).name for r in results] == ["1550548.fec"]


def test_unzip_folders_of_killed_builds_are_removed_by_the_next_build(tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp / f"{TEMP_PREFIX}{dead.pid}-abc123"
    left.mkdir()
    (left / "itcont.txt").write_bytes(b"x" * 1000)
    alive = tmp / f"{TEMP_PREFIX}{os.getpid()}-def456"
    alive.mkdir()
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(shared_data() / "fec" / "bulk_2020_early" / "pas220.zip", folder)
    build(folder, tmp_path / "mt.duckdb")
    assert sorted(p.name for p in tmp.iterdir()) == [alive.name]  # the build's own unzip folder is gone too


def _cli_build(target: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    shutil.copy(shared_data() / "fec" / "efiling" / "1550548.fec", folder)
    return subprocess.run([MONEYTRAIL, "--db", str(target), "build", "--from", str(folder)], capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("case", ["folder", "under-a-file", "read-only"])
def test_a_target_that_cannot_be_written_is_one_line_and_leaves_no_building_file(tmp_path, case):
    if case == "folder":
        target = tmp_path / "wh"
        target.mkdir()
        expect = "is a folder"
    elif case == "under-a-file":
        (tmp_path / "plain.txt").write_text("x")
        target = tmp_path / "plain.txt" / "mt.duckdb"
        expect = "cannot write the warehouse"
    else:
        target = Path("/proc/moneytrail-test.duckdb")  # procfs takes no new files, even from root
        expect = "cannot write the warehouse"
    res = _cli_build(target, tmp_path)
    assert res.returncode == 1, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and expect in res.stderr, res.stderr
    assert not [p for p in tmp_path.rglob("*") if ".building-" in p.name]


@pytest.mark.parametrize("port", ["99999", "0", "-5"])
def test_a_bad_port_is_one_line(warehouse, port):
    res = subprocess.run([MONEYTRAIL, "--db", str(warehouse), "serve", "--port", port, "--no-browser"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip() == f"error: --port {port}: a port is a number from 1 to 65535"


def test_serve_on_a_folder_is_one_line(tmp_path):
    res = subprocess.run([MONEYTRAIL, "--db", str(tmp_path), "serve", "--no-browser"], capture_output=True, text=True,
                         timeout=60)
    assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1 and "not a warehouse file" in res.stderr
