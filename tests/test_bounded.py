"""A build holds every DuckDB it opens to one memory limit; donor blocks stay bounded as files grow."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import build, db, donor_blocks, donors, model, warehouse

ROOT = Path(__file__).resolve().parent.parent


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    return con.execute("SELECT current_setting($n)", {"n": name}).fetchall()[0][0]


def test_every_duckdb_a_build_opens_has_the_memory_limit_and_a_temp_folder(tmp_path, monkeypatch, fec_dir):
    monkeypatch.setenv("MONEYTRAIL_DUCKDB_MEMORY_LIMIT", "700MB")
    monkeypatch.delenv("MONEYTRAIL_DUCKDB_TEMP_DIRECTORY", raising=False)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(fec_dir / "tiny" / "itcont_insight_7rows.txt", src)  # real rows: splink runs on them
    opened: list[duckdb.DuckDBPyConnection] = []
    seen: dict[int, tuple[str, str]] = {}
    real_connect, real_hold = duckdb.connect, db.hold

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(real_connect(*args, **kwargs))
        seen[id(opened[-1])] = (_setting(opened[-1], "memory_limit"), _setting(opened[-1], "temp_directory"))
        return opened[-1]

    def held(con, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_hold(con, *args, **kwargs)
        seen[id(con)] = (_setting(con, "memory_limit"), _setting(con, "temp_directory"))

    # The channel list is read once per process (cached) from channels.sql in a small in-memory DuckDB that holds no
    # rows; read it before spying, so this test counts the build's databases whichever test ran first.
    model.channels()
    monkeypatch.setattr(duckdb, "connect", spy)
    monkeypatch.setattr(db, "hold", held)
    build.build(src, tmp_path / "mt.duckdb")
    monkeypatch.setattr(duckdb, "connect", real_connect)
    expected = _setting(real_connect(config={"memory_limit": "700MB"}), "memory_limit")
    # the warehouse, splink's scratch database and the helper database splink opens itself
    got = [seen[id(c)] for c in opened]
    assert len(got) == 3 and {m for m, _ in got} == {expected}, got
    assert sorted(t.rsplit(".tmp", 1)[1] for _, t in got) == ["", "/splink", "/splink-helper"], got
    assert all("mt.duckdb.building-" in t for _, t in got)


def test_a_writer_without_settings_is_still_bounded(tmp_path, monkeypatch):
    monkeypatch.delenv("MONEYTRAIL_DUCKDB_MEMORY_LIMIT", raising=False)
    monkeypatch.setenv("MONEYTRAIL_DUCKDB_TEMP_DIRECTORY", str(tmp_path / "spill"))
    con = db.connect(tmp_path / "w.duckdb")
    scratch = db.scratch(con, "work")
    default = _setting(duckdb.connect(config={"memory_limit": "2GB"}), "memory_limit")
    assert (_setting(con, "memory_limit"), _setting(con, "temp_directory")) == (default, str(tmp_path / "spill"))
    assert (_setting(scratch, "memory_limit"), _setting(scratch, "temp_directory")) == (default,
                                                                                      str(tmp_path / "spill" / "work"))


def test_a_killed_builds_spill_folder_is_removed_by_the_next_build(tmp_path):
    target = tmp_path / "mt.duckdb"
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    spill = tmp_path / f"mt.duckdb.building-{gone.pid}.tmp"
    spill.mkdir()
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"\0" * 16)
    assert db.remove_stale_builds(target) == [spill] and not spill.exists()


# --- blocking --------------------------------------------------------------------------------------

@pytest.fixture()
def records() -> duckdb.DuckDBPyConnection:
    """Fictional donor records: five SAMPLE-SYN, J in ZY (four JANE, one JOHN), two in one ZIP."""
    con = duckdb.connect()
    con.execute("""CREATE TEMP TABLE donor_records AS SELECT * FROM (VALUES
        ('r1', 'SAMPLE-SYN', 'J', 'JANE', 'ZY', 'OGDENVILLE', '99990', NULL, NULL),
        ('r2', 'SAMPLE-SYN', 'J', 'JANE', 'ZY', 'OGDENVILLE', '99990', 'EXAMPLE WIDGETS', NULL),
        ('r3', 'SAMPLE-SYN', 'J', 'JANE', 'ZY', 'TESTBURG', '99991', NULL, NULL),
        ('r4', 'SAMPLE-SYN', 'J', 'JANE', 'ZY', 'MOCKTON', '99992', NULL, NULL),
        ('r5', 'SAMPLE-SYN', 'J', 'JOHN', 'ZY', 'MOCKTON', '99992', 'EXAMPLE WIDGETS', NULL))
        AS t(record_id, last_name, first_initial, first_name, state, city, zip5, employer_key, occupation_key)""")
    yield con
    con.close()


def _blocks(con: duckdb.DuckDBPyConnection, rule: str) -> list[tuple[str, str]]:
    return con.execute(f"SELECT record_id, {rule} FROM donor_blocks ORDER BY 1").fetchall()


def test_a_block_over_the_cap_is_split_by_the_next_key(records):
    plain = donor_blocks.add_blocks(records, cap=5)
    assert plain == {"block_state": 10, "block_zip": 2, "block_employer": 0}
    assert {k for _, k in _blocks(records, "block_state")} == {"1|SAMPLE-SYN|J|ZY"}
    capped = donor_blocks.add_blocks(records, cap=3)
    # five J. in ZY are too many: the four JANEs are still too many, so they split by city; JOHN is alone
    assert _blocks(records, "block_state") == [
        ("r1", "3|SAMPLE-SYN|J|ZY|JANE|OGDENVILLE"), ("r2", "3|SAMPLE-SYN|J|ZY|JANE|OGDENVILLE"),
        ("r3", "3|SAMPLE-SYN|J|ZY|JANE|TESTBURG"), ("r4", "3|SAMPLE-SYN|J|ZY|JANE|MOCKTON"),
        ("r5", "2|SAMPLE-SYN|J|ZY|JOHN")]
    assert capped == {"block_state": 1, "block_zip": 2, "block_employer": 0}
    # a NULL part leaves the record out of that rule, as splink's = would
    assert [r for r, k in _blocks(records, "block_employer") if k is None] == ["r1", "r3", "r4"]


def test_the_finest_key_is_never_split(records):
    records.execute("""INSERT INTO donor_records SELECT 'x' || i, 'SAMPLE-SYN', 'J', 'JANE', 'ZY', 'OGDENVILLE',
                       '99990', NULL, NULL FROM range(40) t(i)""")
    pairs = donor_blocks.add_blocks(records, cap=10)
    # 42 records share every key of both rules down to the last (name, city and ZIP): one block of 42;
    # r4 and r5 share ZIP 99992, a block of two
    assert pairs == {"block_state": 42 * 41 // 2, "block_zip": 42 * 41 // 2 + 1, "block_employer": 0}
    assert records.execute("SELECT count(DISTINCT block_state) FROM donor_blocks WHERE block_state LIKE '4|%'"
                           ).fetchall() == [(1,)]


def test_union_find_takes_only_records_in_a_pair():
    edges = [("a", "b", 9.0), ("b", "c", 3.0), ("d", "e", 5.0)]
    assert donor_blocks.clusters(edges, [("a", "c")]) == {"a": "a", "b": "a", "c": "c", "d": "d", "e": "d"}
    assert donor_blocks.components(edges) == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "d"}


def test_union_find_names_each_cluster_by_its_smallest_record_and_finds_a_conflict_from_either_side():
    """Roots are joined as edges come (x first), yet each cluster is named by its smallest record; b joins the
    four-record cluster last and is kept apart by its conflict with x, written either way round."""
    edges = [("x", "y", 9.0), ("c", "x", 8.0), ("a", "c", 7.0), ("b", "y", 6.0)]
    assert donor_blocks.components(edges) == {r: "a" for r in "xycab"}
    for conflict in (("b", "x"), ("x", "b")):
        assert donor_blocks.clusters(edges, [conflict]) == {"x": "a", "y": "a", "c": "a", "a": "a", "b": "b"}


def test_real_indiv20_blocks_are_never_capped_so_the_pairs_are_the_plain_rules(fec_dir, tmp_path):
    con = warehouse.connect(tmp_path / "b.duckdb")
    from etl.sources.fec_bulk import load as fec_bulk
    fec_bulk.load(con, fec_dir / "bulk_2020_early" / "indiv20.zip")
    con.execute(donors.PREPARE_SQL, {"nicknames": donors.NICKNAMES, "generic": donors.GENERIC})
    con.execute(donors.RECORDS_SQL)
    capped = donor_blocks.add_blocks(con)
    plain = donor_blocks.add_blocks(con, cap=2**62)
    largest = con.execute("""SELECT max(n) FROM (SELECT count(*) AS n FROM donor_blocks WHERE block_state IS NOT NULL
                             GROUP BY block_state)""").fetchall()
    con.close()
    assert capped == plain == {"block_state": 3020, "block_zip": 2231, "block_employer": 469}
    assert largest == [(7,)]


# --- the SYNTHETIC cycle generator -------------------------------------------------------------------

def test_the_synthetic_cycle_is_fictional_deterministic_and_loads_with_every_line_accounted(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import gen_cycle

    first, _, _ = gen_cycle.generate(3000, tmp_path / "a", seed=7)
    again, _, _ = gen_cycle.generate(3000, tmp_path / "b", seed=7)
    assert first.read_bytes() == again.read_bytes()
    assert "SYNTHETIC" in (tmp_path / "a" / "SYNTHETIC_README.txt").read_text()
    with zipfile.ZipFile(first) as zf:
        lines = zf.read("itcont.txt").split(b"\n")[:-1]
    assert len(lines) == 3000
    names = [ln.split(b"|")[7].split(b",")[0] for ln in lines if ln.count(b"|") >= 7]
    assert names and all(n.endswith(b"-SYN") for n in names)
    con = warehouse.connect(tmp_path / "s.duckdb")
    from etl.sources.fec_bulk import load as fec_bulk
    res = fec_bulk.load(con, first)
    con.close()
    assert res.rows_read == 3000 == res.rows_loaded + res.rows_rejected and 20 <= res.rows_rejected <= 110

