"""`moneytrail build --from DIR`: find every recognised file, load it, swap the new database in."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from etl import db, donors, entities, rules, search
from etl.sources import _cursor, ai_inventory, fec_bulk, fec_efile, openfec, usaspending
from etl.sources._files import LoadError

# Masters first so that later sources can look committees up; then transactions; then filings;
# then the government side (awards before their transactions, so derived snapshots sort after).
_ORDER = {"cm": 0, "cn": 1, "ccl": 2, "indiv": 3, "oth": 4, "pas2": 5, "oppexp": 6, "efile": 7, "openfec": 7,
          "search_csv": 10, "search_json": 10, "awards_csv": 10, "award_json": 11, "transactions_csv": 12,
          "transactions_json": 12, "ai_2023": 20, "ai_2024": 20, "ai_2025": 20, "ai_2025_cots": 20, "ai_agency": 21}


@dataclass(frozen=True)
class Found:
    """A file the build will load, with the loader that reads it."""

    path: Path
    kind: str
    size: int
    source: str


def discover(root: Path) -> list[Found]:
    """Every file under root that a loader recognises, in load order."""
    if not root.is_dir():
        raise LoadError(f"{root}: no such folder")
    found = []
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        if bf := fec_bulk.recognise(p):
            found.append(Found(p, bf.file_type, _content_size(p, bf.member), fec_bulk.SOURCE))
        elif fec_efile.recognise(p):
            found.append(Found(p, "efile", p.stat().st_size, fec_efile.SOURCE))
        elif openfec.recognise(p):
            found.append(Found(p, "openfec", p.stat().st_size, openfec.SOURCE))
        elif fmt := usaspending.recognise(p):
            found.append(Found(p, fmt, p.stat().st_size, usaspending.SOURCE))
        elif fmt := ai_inventory.recognise(p):
            found.append(Found(p, fmt, p.stat().st_size, ai_inventory.SOURCE))
    return sorted(found, key=lambda f: (_ORDER[f.kind], str(f.path)))


def _content_size(path: Path, member: str | None) -> int:
    if member is None:
        return path.stat().st_size
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.getinfo(member).file_size
    except (zipfile.BadZipFile, KeyError, OSError):
        return path.stat().st_size


def load_file(con: duckdb.DuckDBPyConnection, f: Found, on_bytes: Callable[[int], None] | None = None) -> db.LoadResult:
    """Load one discovered file with its loader."""
    if f.source == fec_bulk.SOURCE:
        return fec_bulk.load(con, f.path, on_bytes=on_bytes)
    return _LOADERS[f.source](con, f.path)


_LOADERS = {fec_efile.SOURCE: fec_efile.load, openfec.SOURCE: openfec.load, usaspending.SOURCE: usaspending.load, ai_inventory.SOURCE: ai_inventory.load}


def record_failure(con: duckdb.DuckDBPyConnection, f: Found, message: str) -> None:
    """Keep a failed file in load_log (status failed, the reason in note)."""
    load_id = db.start_load(con, source=f.source, file_type=f.kind,
                            dataset=f"failed:{f.path.name}", cycle=None, path=str(f.path), member=None,
                            sha256=db.sha256_file(f.path))
    con.execute("UPDATE load_log SET status = 'failed', finished_at = $t, note = $m WHERE load_id = $id",
                {"t": db.utcnow(), "m": message, "id": load_id})


def build(source_dir: Path, target: Path, console: Console | None = None, keep_going: bool = False,
          registry_dir: Path | None = None,
          after_load: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> list[db.LoadResult]:
    """Build a new warehouse from source_dir and swap it into target only if every file loaded.

    registry_dir is the registry folder (default etl/registry/); after_load, if given, is called with the
    new database once every file is loaded, before attribution, indexing and the swap (the demo marks
    its warehouse synthetic there, so no reader ever sees it unmarked).
    """
    console = console or Console(stderr=True)
    files = discover(source_dir)
    if not files:
        raise LoadError(f"{source_dir}: no recognised files (FEC bulk zips such as indiv26.zip, cm26.zip; .fec filings; "
                        "USAspending search or download CSVs and API JSON; AI use case inventory CSVs)")
    results: list[db.LoadResult] = []
    failures: list[tuple[Path, str]] = []
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with db.building(target) as con, Progress(*columns, console=console, transient=False) as progress:
        with rules.deferred(con):
            for f in files:
                task = progress.add_task(f"{f.kind:<6} {f.path.name}", total=f.size)
                try:
                    res = load_file(con, f, on_bytes=lambda n, t=task: progress.advance(t, n))
                    results.append(res)
                except LoadError as exc:
                    failures.append((f.path, str(exc)))
                    record_failure(con, f, str(exc))
                progress.update(task, completed=f.size)
        if failures and not keep_going:
            for path, msg in failures:
                console.print(f"[red]failed[/red] {msg}")
            raise LoadError(f"{len(failures)} file(s) failed; the previous database at {target} was left as it was "
                            "(use --keep-going to build without them)")
        cursors = _cursor.all_cursors(source_dir)  # how far each paged fetch got (raw/fetch_state.duckdb)
        if cursors:
            con.executemany("INSERT OR REPLACE INTO fetch_cursors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cursors)
        if after_load:
            after_load(con)
        attribution = entities.resolve(con, registry_dir or entities.REGISTRY_DIR)
        clustered = donors.cluster_donors(con)
        entities.refresh_org_money(con)  # clusters can carry a registry person's id to more rows
        indexed = search.rebuild_index(con)
    console.print(summary_table(results, failures))
    console.print(f"attribution: {attribution['attributed_rows']:,} contribution rows attributed to registry "
                  f"organizations, {attribution['pinned_rows']:,} pinned to registry people")
    console.print(f"donors: {clustered['rows']:,} individual rows in {clustered['donors']:,} donors")
    console.print(f"search index: {indexed:,} records (AI use cases and awards)")
    return results


def summary_table(results: list[db.LoadResult], failures: list[tuple[Path, str]]) -> Table:
    """Rich table: file, status, rows read, loaded, rejected, seconds."""
    t = Table(title="moneytrail build")
    for col in ("file", "status", "rows read", "rows loaded", "rows rejected", "seconds"):
        t.add_column(col, justify="right" if col.startswith(("rows", "sec")) else "left")
    for r in results:
        t.add_row(Path(r.path).name, r.status, f"{r.rows_read:,}", f"{r.rows_loaded:,}", f"{r.rows_rejected:,}",
                  f"{r.seconds:.2f}")
    for path, msg in failures:
        t.add_row(path.name, "failed", "", "", "", "")
    return t

