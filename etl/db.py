"""Connections, load bookkeeping (load_log, load_errors, the one load skeleton) and the atomic swap of a build."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import config
from etl.net.files import LoadError, pid_alive, replace_synced, sha256_file, sync_soon
from etl.net.meta import read_meta, retrieved_at

READ_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class ReadOnlyViolation(ValueError):
    """A statement that would write was given where only reads are allowed."""


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file: readers get the locked read connection; a writer is bounded (memory_limit, temp <file>.tmp)."""
    path = Path(path)
    if read_only:
        return read_connection(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), config=config.settings().duckdb_limits(path.with_name(f"{path.name}.tmp")))


def scratch(beside: duckdb.DuckDBPyConnection, name: str) -> duckdb.DuckDBPyConnection:
    """A bounded in-memory DuckDB for work that must not land in the warehouse; it spills under beside's temp folder."""
    return duckdb.connect(config=_limits(beside, name))


def hold(con: duckdb.DuckDBPyConnection, beside: duckdb.DuckDBPyConnection, name: str) -> None:
    """Bound a DuckDB someone else opened (splink's helper database) as scratch() bounds its own."""
    for key, value in _limits(beside, name).items():  # keys: memory_limit, temp_directory
        con.execute(f"SET {key} = '{value.replace(chr(39), chr(39) * 2)}'")


def _limits(beside: duckdb.DuckDBPyConnection, name: str) -> dict[str, str]:
    # a folder of its own inside beside's: two instances never share one spill folder
    temp = Path(beside.execute("SELECT current_setting('temp_directory')").fetchall()[0][0] or ".tmp") / name
    return {**config.settings().duckdb_limits(temp), "temp_directory": str(temp)}


def read_connection(path: Path | str, settings: config.Settings | None = None) -> duckdb.DuckDBPyConnection:
    """The one connection every reader uses (sql, search, explorer): read-only, no file or network access, no
    extension installs, a memory limit and threads from the settings, configuration locked against SET."""
    path = Path(path)
    if path.is_dir():
        raise FileNotFoundError(f"{path} is a folder, not a warehouse file")
    if not path.exists():
        raise FileNotFoundError(f"no database at {path}: run `moneytrail build --from DIR` or `moneytrail up` first")
    s = settings or config.settings()
    options: dict[str, object] = {"memory_limit": s.read_memory_limit, "autoinstall_known_extensions": False,
                                  "autoload_known_extensions": False}
    if s.read_threads:
        options["threads"] = s.read_threads
    if s.duckdb_temp_directory:
        options["temp_directory"] = str(s.duckdb_temp_directory)
    # A fresh in-memory database with the file attached read-only, not duckdb.connect(path): DuckDB keeps one
    # database per path in a process, so a file replaced by a rebuild (os.replace) would be read through the old
    # one for as long as any cursor on it lived. External access is turned off once the file is attached.
    con = duckdb.connect(":memory:", config=options)
    try:
        con.execute(f"ATTACH '{_sql_text(path.resolve())}' AS warehouse (READ_ONLY)")
        con.execute("USE warehouse")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def read_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of a read_connection (for another thread); a cursor starts in the in-memory database, so USE the file."""
    cur = con.cursor()
    cur.execute("USE warehouse")
    return cur


def _sql_text(path: Path) -> str:
    """A path as the inside of a SQL string literal (ATTACH takes no bound parameter)."""
    return str(path).replace("'", "''")


def interrupt_after(con: duckdb.DuckDBPyConnection, seconds: float | None = None) -> threading.Timer:
    """Interrupt con's running query after `seconds` (default: settings.query_seconds); cancel() the timer when done."""
    timer = threading.Timer(seconds if seconds is not None else config.settings().query_seconds, con.interrupt)
    timer.daemon = True
    timer.start()
    return timer


def run_limited(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None,
                seconds: float | None = None) -> tuple[list[str], list[tuple]]:
    """Run one query under the time limit; returns its column names and every row (duckdb errors propagate)."""
    timer = interrupt_after(con, seconds)
    try:
        cur = con.execute(sql, params or {})
        rows = cur.fetchall()
        return [d[0] for d in cur.description or []], rows
    finally:
        timer.cancel()


def utcnow() -> datetime:
    """Current UTC time without tzinfo (DuckDB TIMESTAMP)."""
    return datetime.now(UTC).replace(tzinfo=None)


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
    meta = read_meta(Path(path))
    con.execute(
        """INSERT INTO load_log (load_id, source, file_type, dataset, cycle, path, member, sha256, status, started_at,
                                 fetched_from, retrieved_at)
           VALUES ($id, $source, $file_type, $dataset, $cycle, $path, $member, $sha, 'running', $t, $url, $got)""",
        {"id": load_id, "source": source, "file_type": file_type, "dataset": dataset, "cycle": cycle,
         "path": path, "member": member, "sha": sha256, "t": utcnow(), "url": meta.get("url"), "got": retrieved_at(meta)},
    )
    return int(load_id)


def finish_load(con: duckdb.DuckDBPyConnection, load_id: int, status: str,
                rows_read: int, rows_loaded: int, rows_rejected: int) -> None:
    """Record the counts of a finished load; refuses counts that do not add up."""
    if status == "loaded" and rows_read != rows_loaded + rows_rejected:
        raise RuntimeError(f"load {load_id}: rows_read {rows_read} != rows_loaded {rows_loaded} + rows_rejected "
                           f"{rows_rejected}")
    con.execute(
        """UPDATE load_log SET status = $status, rows_read = $r, rows_loaded = $l, rows_rejected = $x,
           finished_at = $t WHERE load_id = $id""",
        {"status": status, "r": rows_read, "l": rows_loaded, "x": rows_rejected, "t": utcnow(), "id": load_id},
    )


_OPEN: set[int] = set()  # the connections inside transaction(): a transaction() in one of them joins it


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Commit what the block wrote, or roll all of it back (load_log too) if it raises; in an open one, join it."""
    if id(con) in _OPEN:  # DuckDB has no nested transactions, and a refused BEGIN aborts the open one
        yield con
        return
    con.execute("BEGIN TRANSACTION")
    _OPEN.add(id(con))
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        _OPEN.discard(id(con))
    con.execute("COMMIT")


def already_loaded(con: duckdb.DuckDBPyConnection, dataset: str, sha256: str) -> bool:
    """True when the latest successful load of this dataset had the same sha256 (and its rows were not removed since)."""
    rows = con.execute(
        """SELECT sha256, status FROM load_log WHERE dataset = $d AND status IN ('loaded', 'removed')
           ORDER BY load_id DESC LIMIT 1""",
        {"d": dataset},
    ).fetchall()
    return bool(rows) and rows[0] == (sha256, "loaded")


@dataclass(frozen=True)
class FileLoad:
    """One file to load, as load_log records it: its loader, kind, replacement key (dataset) and cycle."""

    source: str
    file_type: str
    dataset: str
    path: Path
    cycle: int | None = None
    member: str | None = None  # the zip member read; rejects are located as path!member

    @property
    def where(self) -> str:
        """How load_errors names the file its rejected rows come from."""
        return f"{self.path}!{self.member}" if self.member else str(self.path)


@dataclass(frozen=True)
class Counts:
    """What a loader's write step did: rows read, loaded, rejected, and a note for load_log."""

    read: int
    loaded: int
    rejected: int
    note: str | None = None


class Loading:
    """Handed to a loader's write step: the load_id, staging tables and rejected rows, all inside one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: int, where: str) -> None:
        self.con, self.load_id, self.where = con, load_id, where
        self._staged: list[str] = []

    def stage(self, name: str, table: pa.Table) -> None:
        """Copy rows (an Arrow table) into the temp table `name`, dropped when the load ends."""
        self.con.register(f"{name}_arrow", table)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        self.con.unregister(f"{name}_arrow")
        self.temp(name)

    def temp(self, name: str) -> None:
        """Drop the temp table `name` when the load ends (a loader that creates one in SQL)."""
        self._staged.append(name)

    def reject(self, rows: Sequence[tuple[int, str, str]]) -> int:
        """Keep rejected rows in load_errors as (line, raw text, reason); returns how many."""
        if rows:
            self.con.executemany("INSERT INTO load_errors VALUES (?, ?, ?, ?, ?)",
                                 [(self.load_id, self.where, n, raw, reason) for n, raw, reason in rows])
        return len(rows)

    def close(self) -> None:
        """Drop the staging tables."""
        for name in self._staged:
            self.con.execute(f"DROP TABLE IF EXISTS {name}")


def load_file(con: duckdb.DuckDBPyConnection, f: FileLoad, write: Callable[[Loading], Counts],
              started: float | None = None) -> LoadResult:
    """The load skeleton every loader uses: sha256, load_log row, 'unchanged' when the dataset last loaded the same
    bytes, else write(loading) replaces the rows; one transaction, so a failure leaves nothing behind.

    started is the loader's time.perf_counter() if it read the file before calling.
    """
    t0 = started if started is not None else time.perf_counter()
    sha = sha256_file(f.path)
    with transaction(con):
        load_id = start_load(con, source=f.source, file_type=f.file_type, dataset=f.dataset, cycle=f.cycle,
                             path=str(f.path), member=f.member, sha256=sha)
        if already_loaded(con, f.dataset, sha):
            finish_load(con, load_id, "unchanged", 0, 0, 0)
            return LoadResult(load_id, str(f.path), f.file_type, f.dataset, "unchanged", 0, 0, 0,
                              time.perf_counter() - t0)
        loading = Loading(con, load_id, f.where)
        counts = write(loading)
        loading.close()  # on failure the rollback removes the staging tables with everything else
        finish_load(con, load_id, "loaded", counts.read, counts.loaded, counts.rejected)
        if counts.note:
            con.execute("UPDATE load_log SET note = $n WHERE load_id = $id", {"n": counts.note, "id": load_id})
    return LoadResult(load_id, str(f.path), f.file_type, f.dataset, "loaded", counts.read, counts.loaded,
                      counts.rejected, time.perf_counter() - t0)


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
        if st.type == duckdb.StatementType.EXPLAIN and _analyzes(st.query):
            # EXPLAIN ANALYZE runs the statement it explains: COPY ... TO, INSTALL, anything (issue 15).
            raise ReadOnlyViolation("refused: EXPLAIN ANALYZE runs the statement it explains; use EXPLAIN alone")
    return [st.query for st in statements]


def _analyzes(query: str) -> bool:
    """True when an EXPLAIN statement has the word ANALYZE outside strings and comments (`EXPLAIN (ANALYZE) ...` too)."""
    words = {query[pos:].split(None, 1)[0].strip("(),;\"").upper() for pos, kind in duckdb.tokenize(query)
             if kind in (duckdb.token_type.keyword, duckdb.token_type.identifier)}
    return bool(words & {"ANALYZE", "ANALYSE"})


def temp_path_for(target: Path) -> Path:
    """Name of the file a build writes before it is swapped into place."""
    return target.with_name(f"{target.name}.building-{os.getpid()}")


def remove_stale_builds(target: Path) -> list[Path]:
    """Delete half-written build files left by builds that were killed (their process is gone)."""
    removed = []
    for p in target.parent.glob(f"{target.name}.building-*"):
        pid_text = p.name.rsplit("-", 1)[-1].split(".")[0]
        if pid_text.isdigit() and pid_alive(int(pid_text)):
            continue
        if p.is_dir():  # DuckDB's spill folder (<file>.tmp), left when its process was killed
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        removed.append(p)
    return removed


def check_target(target: Path) -> None:
    """LoadError in one line unless a build can write target (checked before any file is loaded)."""
    if target.is_dir():
        raise LoadError(f"{target} is a folder: give --db the path of a warehouse file, e.g. {target / 'moneytrail.duckdb'}")
    probe = target.with_name(f".{target.name}.probe-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise LoadError(f"cannot write the warehouse {target}: {exc.strerror or exc} ({target.parent})") from None


@contextmanager
def building(target: Path, prepare: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
             copy_from: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh database beside target, prepared (or a copy of copy_from: an update); swapped in on success, else dropped."""
    check_target(target)
    remove_stale_builds(target)
    tmp = temp_path_for(target)
    prev = previous_path(target)
    for p in (tmp, Path(str(tmp) + ".wal"), prev):
        p.unlink(missing_ok=True)
    try:
        if copy_from is not None:
            try:  # the file copied, kept by its inode while the build reads it (etl/changes.py), whatever replaces it
                os.link(copy_from, prev)
            except OSError:
                pass  # no hard links here: changes.py reads copy_from itself
            shutil.copyfile(copy_from, tmp)  # the previous warehouse is only read; killed here, tmp is stale
            sync_soon(tmp)  # its 260 MB (at 2M rows) reach the disk while the update works, not at the swap
        con = connect(tmp)
    except BaseException:
        for p in (tmp, prev):
            p.unlink(missing_ok=True)
        raise
    try:  # a failure from here on closes con and removes tmp and its WAL
        con.execute("SET fsync_mode = 'none'")  # a killed build's file is thrown away: synced once, when swapped in
        if copy_from is not None and not needs_vacuum(con):
            con.execute("SET max_vacuum_tasks = 0")
        if prepare:
            prepare(con)
        yield con
        con.execute("CHECKPOINT")
        con.close()
        Path(str(target) + ".wal").unlink(missing_ok=True)
        try:
            replace_synced(tmp, target)
        except OSError as exc:
            raise LoadError(f"cannot put the new warehouse in place at {target}: {exc.strerror or exc}") from None
    except BaseException:
        con.close()
        for p in (tmp, Path(str(tmp) + ".wal")):
            p.unlink(missing_ok=True)
        raise
    finally:
        prev.unlink(missing_ok=True)


# DuckDB's checkpoint merges partly filled row groups once rows are appended after them (its vacuum): the first update of
# a 2M-row warehouse rewrote 357,213 unchanged contributions for 40,000 new ones, 1.0 of its 1.1 CPU-s. An update skips
# it until a table of at least VACUUM_ROWS rows holds over VACUUM_SHARE deleted rows; a full build writes tables anew.
VACUUM_ROWS, VACUUM_SHARE = 100_000, 0.2


def needs_vacuum(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a large table of the database holds more than VACUUM_SHARE deleted rows (kept in its row groups)."""
    tables = con.execute("""SELECT schema_name, table_name, estimated_size FROM duckdb_tables() WHERE NOT temporary
                            AND database_name = current_database() AND estimated_size >= $n""", {"n": VACUUM_ROWS})
    return any(con.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchall()[0][0] < (1 - VACUUM_SHARE) * stored
               for schema, table, stored in tables.fetchall())  # names from the catalog


def previous_path(target: Path) -> Path:
    """A hard link to the warehouse an incremental build copied, beside it while the build runs."""
    return target.with_name(f"{target.name}.building-{os.getpid()}.previous")
