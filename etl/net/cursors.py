"""Paging cursors of API fetches, kept in a small DuckDB database in the raw folder so a fetch can resume.

The cursor is saved only after the page it points past has been written as a raw file, so an
interrupted fetch repeats at most one page (which overwrites the same file: nothing is duplicated).
`build` copies the table into the warehouse (`fetch_cursors`) so readers see what was fetched, and how far.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

STATE_FILE = "fetch_state.duckdb"


def ddl() -> str:
    """The fetch_cursors table (cursors.sql): one definition for the state file and the warehouse."""
    return resources.files("etl.net").joinpath("cursors.sql").read_text(encoding="utf-8")


def query_key(source: str, query: dict) -> str:
    """A stable name for one fetch query (source + its parameters, without secrets): also its raw folder name."""
    text = json.dumps(query, sort_keys=True, default=str)
    return f"{source}-{hashlib.sha256(text.encode()).hexdigest()[:12]}"


def _connect(raw: Path) -> duckdb.DuckDBPyConnection:
    raw.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(raw / STATE_FILE))
    con.execute(ddl())
    return con


def load_cursor(raw: Path, key: str) -> dict | None:
    """The saved state of a query: {cursor, pages, rows, done}, or None when it never ran."""
    if not (raw / STATE_FILE).exists():
        return None
    con = _connect(raw)
    try:
        rows = con.execute("SELECT cursor, pages, rows, done FROM fetch_cursors WHERE query_key = $k",
                           {"k": key}).fetchall()
    finally:
        con.close()
    if not rows:
        return None
    cursor, pages, n, done = rows[0]
    return {"cursor": json.loads(cursor) if cursor else None, "pages": pages, "rows": n, "done": done}


def save_cursor(raw: Path, key: str, *, source: str, query: dict, cursor: dict | None, pages: int, rows: int,
                done: bool) -> None:
    """Record how far a query has got (after its page is safely on disk)."""
    con = _connect(raw)
    try:
        con.execute("INSERT OR REPLACE INTO fetch_cursors VALUES ($k, $s, $q, $c, $p, $r, $d, $t)",
                    {"k": key, "s": source, "q": json.dumps(query, sort_keys=True, default=str),
                     "c": json.dumps(cursor) if cursor is not None else None, "p": pages, "r": rows, "d": done,
                     "t": datetime.now(UTC).replace(tzinfo=None)})
    finally:
        con.close()


def all_cursors(raw: Path) -> list[tuple]:
    """Every saved query state, for copying into the warehouse."""
    if not (raw / STATE_FILE).exists():
        return []
    con = duckdb.connect(str(raw / STATE_FILE), read_only=True)
    try:
        return con.execute("SELECT query_key, source, query, cursor, pages, rows, done, updated_at "
                           "FROM fetch_cursors ORDER BY query_key").fetchall()
    finally:
        con.close()
