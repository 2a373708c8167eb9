"""An incremental build leaves DuckDB's row groups as they are (no vacuum) until a large table holds many deleted rows
(etl/db.py needs_vacuum): the vacuum rewrote unchanged rows of the warehouse on every update."""

from __future__ import annotations

import duckdb

from etl import db


def _setting(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT current_setting('max_vacuum_tasks')").fetchall()[0][0])


def test_a_large_table_needs_the_vacuum_once_a_fifth_of_its_rows_are_deleted(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("CREATE TABLE t AS SELECT range AS i FROM range(100_000)")
    con.execute("CREATE TABLE small AS SELECT range AS i FROM range(99_999)")
    con.execute("DELETE FROM small WHERE i < 50_000")  # below VACUUM_ROWS: never counted
    con.execute("DELETE FROM t WHERE i < 20_000")  # 80,000 of 100,000 left: exactly the share, not below it
    con.execute("CHECKPOINT")
    assert not db.needs_vacuum(con)
    con.execute("DELETE FROM t WHERE i = 20_000")
    assert db.needs_vacuum(con)


def test_an_update_turns_the_vacuum_off_and_a_full_build_leaves_it_on(tmp_path):
    target = tmp_path / "w.duckdb"
    with db.building(target) as con:
        con.execute("CREATE TABLE t AS SELECT range AS i FROM range(100_000)")
        assert _setting(con) == 100  # DuckDB's default
    with db.building(target, copy_from=target) as con:
        assert _setting(con) == 0
        con.execute("DELETE FROM t WHERE i < 30_000")
    with db.building(target, copy_from=target) as con:
        assert _setting(con) == 100
        assert con.execute("SELECT count(*) FROM t").fetchall()[0][0] == 70_000
