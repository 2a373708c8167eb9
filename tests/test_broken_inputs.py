"""Broken input gives rejected rows with line and reason, or a clear error: never a silent drop."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from etl import warehouse
from etl.net.files import LoadError
from etl.sources.fec_bulk import SOURCE as fec_bulk
from tests.conftest import FIXTURES, one


def _load(tmp_path: Path, case: str):
    con = warehouse.connect(tmp_path / "t.duckdb")
    res = fec_bulk.load(con, FIXTURES / "bulk" / case / "itcont.txt")
    errors = con.execute("SELECT line_no, reason FROM load_errors ORDER BY line_no").fetchall()
    return con, res, errors


def test_wrong_field_count(tmp_path):
    con, res, errors = _load(tmp_path, "wrong_fields")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (4, 2, 2)
    assert errors == [(2, "wrong field count (too few fields)"), (4, "wrong field count (too many fields)")]
    assert one(con, "SELECT raw_line FROM load_errors WHERE line_no = 2") == "C99999901|N|M2|P|too|few"


def test_non_utf8_bytes(tmp_path):
    con, res, errors = _load(tmp_path, "bad_bytes")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (3, 2, 1)
    assert errors == [(2, "undecodable bytes (not UTF-8)")]
    assert '"FICTIONAL" PERSON, BOB' in [r[0] for r in con.execute("SELECT contributor_name FROM contributions").fetchall()]


def test_header_line_present(tmp_path):
    _, res, errors = _load(tmp_path, "header_line")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (3, 2, 1)
    assert errors == [(1, "header row: FEC bulk files have no header line")]


def test_bad_date_bad_amount_and_blank_line(tmp_path):
    con, res, errors = _load(tmp_path, "bad_values")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (5, 2, 3)
    assert [(n, r.split(":")[0]) for n, r in errors] == [
        (2, "bad transaction_dt"), (3, "bad transaction_amt"), (4, "blank line")]
    assert "13452019" in errors[0][1] and "12O" in errors[1][1]


def test_empty_file_is_a_clear_error(tmp_path):
    with pytest.raises(LoadError, match="empty"):
        _load(tmp_path, "empty")


def test_truncated_zip_is_a_clear_error_and_changes_nothing(tmp_path):
    good = tmp_path / "good" / "indiv20.zip"
    good.parent.mkdir()
    with zipfile.ZipFile(good, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FIXTURES / "bulk" / "wrong_fields" / "itcont.txt", "itcont.txt")
    con = warehouse.connect(tmp_path / "t.duckdb")
    fec_bulk.load(con, good)
    truncated = tmp_path / "bad" / "indiv20.zip"
    truncated.parent.mkdir()
    truncated.write_bytes(good.read_bytes()[:-40])
    with pytest.raises(LoadError, match="truncated or corrupt|not a readable zip"):
        fec_bulk.load(con, truncated)
    assert one(con, "SELECT count(*) FROM contributions") == 2
    assert one(con, "SELECT count(*) FROM load_log") == 1


def test_zip_without_the_main_member(tmp_path):
    z = tmp_path / "indiv20.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("by_date/itcont_2019_20190101_20190131.txt", "x\n")
    with pytest.raises(LoadError, match="no itcont.txt at its root"):
        fec_bulk.load(warehouse.connect(tmp_path / "t.duckdb"), z)


def test_corrupt_data_inside_an_intact_zip_is_a_clear_error(tmp_path, fec_dir):
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / "indiv20.zip") as zf:
        text = zf.read("itcont.txt")
    z = tmp_path / "indiv20.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("itcont.txt", text)
    data = bytearray(z.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = bytes(64)  # zero out compressed bytes; the central directory stays intact
    z.write_bytes(bytes(data))
    con = warehouse.connect(tmp_path / "t.duckdb")
    with pytest.raises(LoadError, match="corrupt|could not be read"):
        fec_bulk.load(con, z)
    assert one(con, "SELECT count(*) FROM contributions") == 0
    assert one(con, "SELECT count(*) FROM load_log") == 0


def test_a_member_whose_bytes_do_not_match_its_crc_fails_and_a_stored_member_loads(tmp_path, fec_dir):
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / "indiv20.zip") as zf:
        text = zf.read("itcont.txt")
    stored = tmp_path / "stored" / "indiv20.zip"
    stored.parent.mkdir()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as zf:  # not deflated: read through zipfile
        zf.writestr("itcont.txt", text)
    res = fec_bulk.load(warehouse.connect(tmp_path / "s.duckdb"), stored)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (70671, 70671, 0)
    z = tmp_path / "indiv20.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("itcont.txt", text)
    data = bytearray(z.read_bytes())
    crc = zipfile.ZipFile(z).getinfo("itcont.txt").CRC.to_bytes(4, "little")
    assert data.count(crc) == 2  # the local header and the central directory
    data[:] = data.replace(crc, (int.from_bytes(crc, "little") ^ 1).to_bytes(4, "little"))
    z.write_bytes(bytes(data))  # the deflate stream is intact; only the recorded CRC-32 is wrong
    con = warehouse.connect(tmp_path / "t.duckdb")
    with pytest.raises(LoadError, match="truncated or corrupt.*CRC"):
        fec_bulk.load(con, z)
    assert one(con, "SELECT count(*) FROM contributions") == 0
