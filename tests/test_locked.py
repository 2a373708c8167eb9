"""`moneytrail sql` and every reader only read the warehouse: each attack of issue 15 is refused, nothing is written,
no key leaves, memory and time are bounded."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import duckdb
import pytest

from etl import db
from helpers import CONTRIBUTION_ROWS, HOSTILE_SQL, LONG_JOIN, MEMORY_BOMB, MONEYTRAIL, SECRET, WRITES_FILE


def _sql(warehouse: Path, cwd: Path, query: str, **env: str) -> subprocess.CompletedProcess:
    full = {**os.environ, "FEC_API_KEY": SECRET, "MONEYTRAIL_DB": str(warehouse), "COLUMNS": "80", **env}
    return subprocess.run([MONEYTRAIL, "sql", query], cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("name", sorted(HOSTILE_SQL))
def test_hostile_query_is_refused_writes_nothing_and_leaks_no_key(warehouse, tmp_path, name):
    before = sorted(p.name for p in warehouse.parent.iterdir())
    res = _sql(warehouse, tmp_path, HOSTILE_SQL[name])
    assert res.returncode == 2, res.stdout + res.stderr
    assert res.stderr.startswith("error: refused"), res.stderr
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert SECRET not in res.stdout + res.stderr
    assert res.stdout == ""
    assert not (tmp_path / WRITES_FILE).exists() and list(tmp_path.iterdir()) == []
    assert sorted(p.name for p in warehouse.parent.iterdir()) == before


def test_engine_refuses_file_access_even_past_the_statement_check(warehouse):
    con = db.read_connection(warehouse)
    try:
        for query in ("SELECT content FROM read_text('/proc/self/environ')", "SELECT * FROM glob('/*')"):
            with pytest.raises(duckdb.PermissionException):
                con.execute(query)
        with pytest.raises(duckdb.InvalidInputException, match="locked"):
            con.execute("SET enable_external_access = true")
        assert con.execute("SELECT current_setting('enable_external_access')").fetchall() == [(False,)]
    finally:
        con.close()


def test_memory_bomb_stops_at_the_memory_limit(warehouse, tmp_path):
    res = _sql(warehouse, tmp_path, MEMORY_BOMB, MONEYTRAIL_READ_MEMORY_LIMIT="500MB")
    assert res.returncode == 2
    assert res.stderr.strip() == "error: query stopped at the memory limit of 500MB (MONEYTRAIL_READ_MEMORY_LIMIT)"


def test_long_self_join_is_interrupted_by_the_time_limit(warehouse, tmp_path):
    res = _sql(warehouse, tmp_path, LONG_JOIN, MONEYTRAIL_QUERY_SECONDS="1")
    assert res.returncode == 2
    assert res.stderr.strip() == "error: query stopped after 1 s (the time limit, MONEYTRAIL_QUERY_SECONDS)"


def test_a_plain_select_still_answers(warehouse, tmp_path):
    res = _sql(warehouse, tmp_path, "SELECT count(*) AS n FROM contributions")
    assert (res.returncode, res.stdout) == (0, f"n\n{CONTRIBUTION_ROWS}\n")


def test_bad_memory_limit_is_one_clear_line(warehouse, tmp_path):
    res = _sql(warehouse, tmp_path, "SELECT 1", MONEYTRAIL_READ_MEMORY_LIMIT="lots")
    assert res.returncode != 0
    assert "MONEYTRAIL_READ_MEMORY_LIMIT='lots'" in res.stderr and "Traceback" not in res.stderr
