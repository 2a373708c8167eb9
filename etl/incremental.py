"""Incremental builds: update a copy of the existing warehouse instead of building a new one from every file.

`moneytrail build` (and fetch, up) updates the warehouse when one exists with the same schema fingerprint
(sha256 of the applied schema SQL and the DuckDB version, in build_state); otherwise, or with --full, it
builds a new one. Either way the build writes <target>.building-<pid> (an incremental build starts from a
copy of the file) and swaps it in at the end, so a killed build leaves the previous warehouse as it was.

What an incremental build does (the result equals a full build of the same folder; tests/test_incremental.py):
- a file whose dataset last loaded the same sha256 is skipped (load_log status unchanged);
- a changed file reloads its dataset; a newer FEC bulk row file loads only its new or changed lines
  (etl/sources/fec_bulk/diff.py);
- a dataset loaded before whose file is gone from the folder is removed (a full build would not have
  it): its rows and rejects are deleted and load_log gets a row with status removed;
- what is derived from the rows is re-derived from the ChangeSet: nothing when nothing changed; the
  counting rules, org_money_rows and the Committee tables for the rows the loads wrote or removed only
  (etl/changes.py, rules.apply_changed), attribution (the changed rows and the rows a bare word's decision
  reads, etl/attribution_update.py) and donor clustering for the blocks of the changed rows only
  (etl/donor_update.py) when money rows changed; the search index when awards or AI use cases changed
  (or the registry did, which also re-clusters every row).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl import db, warehouse

# Sources whose rows are only awards or AI use cases: they change the search index and org_money_rows,
# never the contributions that attribution and donor clustering read. Any other source changes money rows.
INDEX_ONLY = {"usaspending", "fpds", "ai_inventory"}
NO_LOAD_ID = {"load_log", "load_errors"}


def schema_fingerprint() -> str:
    """sha256 of the schema this code applies and the DuckDB version."""
    return hashlib.sha256((warehouse.schema_sql() + "\nduckdb " + duckdb.__version__).encode()).hexdigest()


def registry_fingerprint(folder: Path) -> str:
    """sha256 of the registry folder's files (names and bytes)."""
    h = hashlib.sha256()
    for p in sorted(q for q in folder.rglob("*") if q.is_file()):
        h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def why_full(target: Path, forced: bool) -> str | None:
    """Why this build must be a full one (one line), or None when it can update the warehouse at target."""
    if forced:
        return "full rebuild (--full)"
    if not target.exists():
        return "full build (no warehouse yet)"
    if Path(str(target) + ".wal").exists():
        return "full rebuild (the warehouse has a write-ahead log left by an interrupted writer)"
    try:
        con = db.read_connection(target)
    except (duckdb.Error, OSError) as exc:
        return f"full rebuild (the warehouse cannot be read: {str(exc).splitlines()[0][:100]})"
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "build_state" not in tables:
            return "full rebuild (the warehouse was built before incremental builds)"
        state = dict(con.execute("SELECT key, value FROM build_state").fetchall())
        if "warehouse_info" in tables and con.execute("SELECT count(*) FROM warehouse_info").fetchall()[0][0]:
            return "full rebuild (the warehouse is the SYNTHETIC demo)"
    finally:
        con.close()
    if state.get("schema") != schema_fingerprint():
        return "full rebuild (the schema changed since the warehouse was built)"
    return None


@dataclass
class ChangeSet:
    """What this build changed: datasets (re)loaded, by source, and datasets removed; decides what is re-derived."""

    loaded: dict[str, str] = field(default_factory=dict)  # dataset -> source
    load_ids: list[int] = field(default_factory=list)  # the loads that wrote rows in this build
    removed: list[str] = field(default_factory=list)
    registry: bool = False
    rows: dict[str, int] = field(default_factory=dict)  # contribution rows changed, by state (etl/changes.py)
    rows_only: bool = False  # every load wrote contribution rows only (changes.rows_only)

    @property
    def nothing(self) -> bool:
        """True when no row changed (every file unchanged, none gone, the same registry)."""
        return not (self.loaded or self.removed or self.registry)

    @property
    def money(self) -> bool:
        """True when rows that attribution and donor clustering read may have changed."""
        return self.registry or bool(self.removed) or any(s not in INDEX_ONLY for s in self.loaded.values())

    @property
    def index(self) -> bool:
        """True when the search index's tables (awards, AI use cases, announced awards) may have changed."""
        return self.registry or bool(self.removed) or any(s in INDEX_ONLY for s in self.loaded.values())


def changes(con: duckdb.DuckDBPyConnection, results: list[db.LoadResult], registry: str) -> ChangeSet:
    """The ChangeSet of this build's load results, with gone datasets removed from the warehouse."""
    sources = dict(con.execute("SELECT load_id, source FROM load_log").fetchall())
    done = [r for r in results if r.status == "loaded"]
    cs = ChangeSet(loaded={r.dataset: sources[r.load_id] for r in done}, load_ids=[r.load_id for r in done])
    cs.removed = remove_gone(con, {r.dataset for r in results})
    if done:  # a reloaded dataset's earlier rejects: its file was read again and its rejects recorded anew
        con.execute("""DELETE FROM load_errors WHERE load_id IN (SELECT load_id FROM load_log
                       WHERE dataset IN (SELECT unnest($d)) AND load_id NOT IN (SELECT unnest($ids)))""",
                    {"d": list(cs.loaded), "ids": cs.load_ids})
    old = con.execute("SELECT value FROM build_state WHERE key = 'registry'").fetchall()
    cs.registry = not old or old[0][0] != registry
    return cs


def remove_gone(con: duckdb.DuckDBPyConnection, present: set[str]) -> list[str]:
    """Delete the rows of every dataset loaded before whose file is not in this build; returns those datasets."""
    live = [d for (d,) in con.execute(
        """SELECT dataset FROM load_log WHERE status IN ('loaded', 'removed')
           QUALIFY row_number() OVER (PARTITION BY dataset ORDER BY load_id DESC) = 1 AND status = 'loaded'
           ORDER BY dataset""").fetchall()]
    gone = [d for d in live if d not in present]
    if not gone:
        return gone
    tables = [t for (t,) in con.execute(
        """SELECT c.table_name FROM duckdb_columns() c JOIN duckdb_tables() t USING (schema_name, table_name)
           WHERE c.column_name = 'load_id' AND t.database_name = current_database() AND NOT t.temporary
           ORDER BY 1""").fetchall() if t not in NO_LOAD_ID]
    for dataset in gone:
        ids = "(SELECT load_id FROM load_log WHERE dataset = $d)"
        for table in [*tables, "load_errors"]:  # names from the catalog, not from input
            con.execute(f"DELETE FROM {table} WHERE load_id IN {ids}", {"d": dataset})
        con.execute("DELETE FROM bulk_chunks WHERE dataset = $d", {"d": dataset})
        con.execute(
            """INSERT INTO load_log (load_id, source, file_type, dataset, cycle, path, member, sha256, status,
                                     rows_read, rows_loaded, rows_rejected, started_at, finished_at, note)
               SELECT nextval('load_id_seq'), source, file_type, dataset, cycle, path, member, sha256, 'removed',
                      0, 0, 0, $t, $t, 'its file is no longer in the folder: rows removed (a full build would not have them)'
               FROM load_log WHERE dataset = $d AND status = 'loaded' ORDER BY load_id DESC LIMIT 1""",
            {"d": dataset, "t": db.utcnow()})
    return gone


def record(con: duckdb.DuckDBPyConnection, registry: str, mode: str) -> None:
    """Write the fingerprints the next build compares with."""
    con.execute("INSERT OR REPLACE INTO build_state VALUES ('schema', $s), ('registry', $r), ('built', $m)",
                {"s": schema_fingerprint(), "r": registry, "m": mode})  # executemany took 0.02 s for its three rows
