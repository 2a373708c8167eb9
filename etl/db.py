"""Connections, schema, load bookkeeping and the atomic swap of a finished build."""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator

import duckdb

READ_STATEMENTS = {
    duckdb.StatementType.SELECT,
    duckdb.StatementType.EXPLAIN,
}


class ReadOnlyViolation(ValueError):
    """A statement that would write was given where only reads are allowed."""


def schema_sql() -> str:
    """The warehouse schema (etl/schema.sql) as text."""
    return resources.files("etl").joinpath("schema.sql").read_text(encoding="utf-8")


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; readers get a read-only connection, writers get the schema applied."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no database at {path}: run `moneytrail build --from DIR` or `moneytrail up` first")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    apply_schema(con)
    return con


# Views that show one table's rows (the newest snapshot of each) take that table's column comments,
# so the data dictionary is written once.
VIEW_COMMENTS_FROM = {"awards": "award_records", "award_transactions": "award_transaction_records",
                      "org_awards": "award_records", "org_money_rows_live": "org_money_rows"}


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, view and macro (idempotent)."""
    con.execute(schema_sql())
    for view, table in VIEW_COMMENTS_FROM.items():
        rows = con.execute(
            """SELECT v.column_name, t.comment FROM duckdb_columns() v
               JOIN duckdb_columns() t ON t.table_name = $table AND t.column_name = v.column_name
               WHERE v.table_name = $view AND v.comment IS NULL AND t.comment IS NOT NULL""",
            {"view": view, "table": table},
        ).fetchall()
        for column, comment in rows:
            con.execute(f"COMMENT ON COLUMN {view}.{column} IS '{comment.replace(chr(39), chr(39) * 2)}'")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def utcnow() -> datetime:
    """Current UTC time without tzinfo (DuckDB TIMESTAMP)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class LoadResult:
    """What one file load did, as recorded in load_log."""

    load_id: int
    path: str
    file_type: str
    dataset: str
    status: str
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    seconds: float


def start_load(con: duckdb.DuckDBPyConnection, *, source: str, file_type: str, dataset: str,
               cycle: int | None, path: str, member: str | None, sha256: str) -> int:
    """Insert an unfinished load_log row and return its load_id."""
    load_id = con.execute("SELECT nextval('load_id_seq')").fetchall()[0][0]
    fetched = _fetch_record(Path(path))
    con.execute(
        """INSERT INTO load_log (load_id, source, file_type, dataset, cycle, path, member, sha256, status, started_at,
                                 fetched_from, retrieved_at)
           VALUES ($id, $source, $file_type, $dataset, $cycle, $path, $member, $sha, 'running', $t, $url, $got)""",
        {"id": load_id, "source": source, "file_type": file_type, "dataset": dataset, "cycle": cycle,
         "path": path, "member": member, "sha": sha256, "t": utcnow(), "url": fetched[0], "got": fetched[1]},
    )
    return int(load_id)


def _fetch_record(path: Path) -> tuple[str | None, datetime | None]:
    """URL and retrieval time from the <file>.meta.json that `moneytrail fetch` writes, if there is one."""
    try:
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
        when = datetime.fromisoformat(meta["retrieved_at"]).astimezone(timezone.utc).replace(tzinfo=None)
        return meta.get("url"), when
    except (OSError, ValueError, KeyError, TypeError):
        return None, None


def finish_load(con: duckdb.DuckDBPyConnection, load_id: int, status: str,
                rows_read: int, rows_loaded: int, rows_rejected: int) -> None:
    """Record the counts of a finished load; refuses counts that do not add up."""
    if status == "loaded" and rows_read != rows_loaded + rows_rejected:
        raise RuntimeError(
            f"load {load_id}: rows_read {rows_read} != rows_loaded {rows_loaded} + rows_rejected {rows_rejected}"
        )
    con.execute(
        """UPDATE load_log SET status = $status, rows_read = $r, rows_loaded = $l, rows_rejected = $x,
           finished_at = $t WHERE load_id = $id""",
        {"status": status, "r": rows_read, "l": rows_loaded, "x": rows_rejected, "t": utcnow(), "id": load_id},
    )


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Commit what the block wrote, or roll all of it back (load_log included) if it raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def unchanged(con: duckdb.DuckDBPyConnection, load_id: int, t0: float) -> LoadResult | None:
    """If this load's file (by sha256) is what its dataset last loaded: record the load as unchanged and return it.

    t0 is the loader's time.perf_counter() at start; None means the loader should go on and load the file.
    """
    path, file_type, dataset, sha = con.execute(
        "SELECT path, file_type, dataset, sha256 FROM load_log WHERE load_id = $id", {"id": load_id}).fetchall()[0]
    if not already_loaded(con, dataset, sha):
        return None
    finish_load(con, load_id, "unchanged", 0, 0, 0)
    return LoadResult(load_id, path, file_type, dataset, "unchanged", 0, 0, 0, time.perf_counter() - t0)


def already_loaded(con: duckdb.DuckDBPyConnection, dataset: str, sha256: str) -> bool:
    """True when the latest successful load of this dataset had the same sha256."""
    rows = con.execute(
        """SELECT sha256 FROM load_log WHERE dataset = $d AND status = 'loaded'
           ORDER BY load_id DESC LIMIT 1""",
        {"d": dataset},
    ).fetchall()
    return bool(rows) and rows[0][0] == sha256


def check_read_only(sql: str) -> list[str]:
    """Split SQL into statements and refuse anything but SELECT/EXPLAIN; returns the statements."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise ReadOnlyViolation(f"could not parse the query: {exc}") from exc
    if not statements:
        raise ReadOnlyViolation("no SQL statement given")
    for st in statements:
        if st.type not in READ_STATEMENTS:
            kind = st.type.name
            raise ReadOnlyViolation(f"refused: {kind} statements are not allowed here; `moneytrail sql` only reads (SELECT)")
    return [st.query for st in statements]


def temp_path_for(target: Path) -> Path:
    """Name of the file a build writes before it is swapped into place."""
    return target.with_name(f"{target.name}.building-{os.getpid()}")


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete half-written build files left by builds that were killed (their process is gone)."""
    removed = []
    for p in target.parent.glob(f"{target.name}.building-*"):
        pid_text = p.name.rsplit("-", 1)[-1].split(".")[0]
        if pid_text.isdigit() and _pid_alive(int(pid_text)):
            continue
        p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def building(target: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open a fresh database beside target; on success swap it into place, on failure leave target untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_builds(target)
    tmp = temp_path_for(target)
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    con = connect(tmp)
    try:
        yield con
        con.execute("CHECKPOINT")
        con.close()
    except BaseException:
        con.close()
        for p in (tmp, Path(str(tmp) + ".wal")):
            p.unlink(missing_ok=True)
        raise
    Path(str(target) + ".wal").unlink(missing_ok=True)
    os.replace(tmp, target)
