"""`moneytrail build --from DIR`: find every recognised file, load it, swap the new database in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from etl import (
    attribution_update,
    changes,
    db,
    donor_update,
    donors,
    entities,
    explorer_index,
    incremental,
    rules,
    search,
    sources,
    warehouse,
)
from etl.net import cursors
from etl.net.files import LoadError, remove_stale_temp
from etl.net.progress import Progress as OnProgress
from etl.net.progress import ProgressFactory, no_progress
from etl.one_thread import one_thread
from etl.sources.base import Recognised, Source

# A file with at least this share of its rows rejected is in the wrong format (a cm26.csv with a byte-order mark
# had 18,317 of 18,317 rejected, issue 15), not a file with a few bad lines: the build fails unless --keep-going.
# The real files have at most 3 of 11,605 (cm20.zip's duplicate lines); the demo 1 of its indiv rows.
REJECT_LIMIT = 0.5


@dataclass(frozen=True)
class Found:
    """A file the build will load, with the source that reads it."""

    file: Recognised
    source: Source

    @property
    def path(self) -> Path:
        """The file."""
        return self.file.path

    @property
    def kind(self) -> str:
        """Its kind (load_log.file_type)."""
        return self.file.kind


def recognise(path: Path) -> Found | None:
    """The first source (in SOURCES order) that recognises the file, or None."""
    for src in sources.SOURCES:
        if (got := src.recognise(path)) is not None:
            return Found(got, src)
    return None


def discover(root: Path) -> list[Found]:
    """Every file under root that a source recognises, in load order (each source's rank, then path)."""
    if not root.is_dir():
        raise LoadError(f"{root}: no such folder")
    found = [f for p in sorted(root.rglob("*")) if p.is_file() and (f := recognise(p))]
    return sorted(found, key=lambda f: (f.file.order, str(f.path)))


def load_file(con: duckdb.DuckDBPyConnection, f: Found, progress: OnProgress | None = None) -> db.LoadResult:
    """Load one discovered file with its source (rows only: the build applies the cross-file rules once)."""
    return f.source.load(con, f.path, progress)


def too_many_rejected(con: duckdb.DuckDBPyConnection, res: db.LoadResult) -> str | None:
    """Why a loaded file counts as failed when REJECT_LIMIT or more of its rows were rejected, else None."""
    if res.status != "loaded" or res.rows_rejected == 0 or res.rows_rejected < REJECT_LIMIT * res.rows_read:
        return None
    reason = con.execute("SELECT any_value(reason ORDER BY line_no) FROM load_errors WHERE load_id = $id",
                         {"id": res.load_id}).fetchall()[0][0]
    return (f"{res.path}: {res.rows_rejected:,} of {res.rows_read:,} rows rejected (first reason: {reason}); "
            f"the file is not in the expected format (the limit is {REJECT_LIMIT:.0%}; rows kept in load_errors)")


def record_failure(con: duckdb.DuckDBPyConnection, f: Found, message: str) -> None:
    """Keep a failed file in load_log (status failed, the reason in note)."""
    load_id = db.start_load(con, source=f.source.name, file_type=f.kind,
                            dataset=f"failed:{f.path.name}", cycle=None, path=str(f.path), member=None,
                            sha256=db.sha256_file(f.path))
    con.execute("UPDATE load_log SET status = 'failed', finished_at = $t, note = $m WHERE load_id = $id",
                {"t": db.utcnow(), "m": message, "id": load_id})


def build(source_dir: Path, target: Path, console: Console | None = None, keep_going: bool = False,
          registry_dir: Path | None = None,
          after_load: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
          bars: ProgressFactory = no_progress, full: bool = False,
          schema: Callable[[duckdb.DuckDBPyConnection], None] = warehouse.apply_schema) -> list[db.LoadResult]:
    """Build the warehouse from source_dir and swap it into target only if every file loaded.

    The warehouse at target is updated (etl/incremental.py: unchanged files skipped, only what changed
    re-derived) unless full is set, it has another schema, or after_load is given. registry_dir is the
    registry folder (default etl/registry/); after_load, if given, is called with the new database once every
    file is loaded, before attribution, indexing and the swap (the demo marks its warehouse synthetic there,
    so no reader ever sees it unmarked). bars makes a progress bar per file; schema creates a new database's tables
    (the demo's first defines its links as SYNTHETIC markers).
    """
    console = console or Console(stderr=True)
    db.check_target(target)
    remove_stale_temp()
    files = discover(source_dir)
    if not files:
        raise LoadError(f"{source_dir}: no recognised files (FEC bulk zips such as indiv26.zip, cm26.zip; .fec filings; "
                        "USAspending search or download CSVs and API JSON; AI use case inventory CSVs)")
    registry = registry_dir or entities.REGISTRY_DIR
    registry_sha = incremental.registry_fingerprint(registry)
    why = incremental.why_full(target, full or after_load is not None)
    console.print(why or f"incremental build: updating {target.name} (--full rebuilds it from every file)")
    results: list[db.LoadResult] = []
    failures: list[tuple[Path, str]] = []
    with db.building(target, schema if why else None, None if why else target) as con:
        if not why:
            changes.before(con)
        for f in files:
            load_one(con, f, bars, results, failures)
        if failures and not keep_going:
            for _path, msg in failures:
                console.print(f"[red]failed[/red] {msg}")
            raise LoadError(f"{len(failures)} file(s) failed; the previous database at {target} was left as it was "
                            "(use --keep-going to build without them)")
        changed = incremental.changes(con, results, registry_sha)
        if why:
            rules.apply(con)  # once, after every file: the rules compare rows across files
        elif not changed.nothing:  # the rows the loads wrote or removed, and the rules where they can change
            previous = db.previous_path(target)
            changed.rows = changes.collect(con, changed.load_ids, previous if previous.exists() else target)
            changed.rows_only = changes.rows_only(con, changed.load_ids, changed.removed, incremental.INDEX_ONLY)
            changed.rows["rule"] = rules.apply_changed(con, other_sources=not changed.rows_only)
        fetched = cursors.all_cursors(source_dir)  # how far each paged fetch got (raw/fetch_state.duckdb)
        con.execute("DELETE FROM fetch_cursors")
        if fetched:
            con.executemany("INSERT OR REPLACE INTO fetch_cursors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fetched)
        if after_load:
            after_load(con)
        derived = derive(con, changed, registry, everything=why is not None)
        incremental.record(con, registry_sha, "full" if why else "incremental")
    console.print(summary_table(results, failures))
    if changed.removed:
        console.print(f"removed: {', '.join(changed.removed)} (their files are no longer in {source_dir})")
    for line in derived:
        console.print(line)
    return results


def load_one(con: duckdb.DuckDBPyConnection, f: Found, bars: ProgressFactory, results: list[db.LoadResult],
             failures: list[tuple[Path, str]]) -> None:
    """Load one file with a progress bar; its result goes to results, or why it failed to failures (and load_log)."""
    size = f.file.size()
    bar = bars(f"{f.kind:<6} {f.path.name}", "bytes")
    bar(0, size)
    try:
        res = load_file(con, f, lambda done, total=None, bar=bar, size=size: bar(done, size))
        results.append(res)
        if why := too_many_rejected(con, res):
            failures.append((f.path, why))
    except LoadError as exc:
        failures.append((f.path, str(exc)))
        record_failure(con, f, str(exc))
    except (duckdb.Error, OSError, ValueError, KeyError, IndexError, UnicodeError) as exc:
        # A reader's bug or an unforeseen format must not end the build in a traceback: named, skippable.
        first = str(exc).splitlines()[0] if str(exc) else ""
        why = f"{f.path}: could not be read ({type(exc).__name__}: {first})"
        failures.append((f.path, why))
        record_failure(con, f, why)
    bar(size, size)


def derive(con: duckdb.DuckDBPyConnection, changed: incremental.ChangeSet, registry: Path,
           everything: bool) -> list[str]:
    """Attribution, donor clustering, org_money_rows and the search index: all of them in a full build, in an
    incremental one only what the change set touches; returns the report lines."""
    lines = []
    part = not everything and not changed.registry  # a registry change can move rows of any last name
    if everything or changed.money:
        if part and explorer_index.keep(con, sum(changed.rows.values())):
            lines.append(f"donor_id index: kept ({sum(changed.rows.values()):,} changed rows; their new donor_ids "
                         "written by writing the rows again)")
        else:
            explorer_index.drop(con)  # updates of an indexed column are slow: made again below
        if part:
            with one_thread(con):
                attribution = attribution_update.update(con, changed.load_ids)
                clustered = donor_update.update(con, changed.load_ids, moved="attr_moved")
        else:
            attribution = entities.resolve(con, registry, org_money=False)  # refreshed below, after the clusters
            clustered = donors.cluster_donors(con)
        con.execute("DROP TABLE IF EXISTS attr_moved")
        lines += [f"attribution: {attribution['attributed_rows']:,} contribution rows attributed to registry "
                  f"organizations, {(clustered if part else attribution)['pinned_rows']:,} pinned to registry people"
                  + (f" ({attribution['rows_decided']:,} rows of the changed last names decided again)" if part else ""),
                  f"donors: {clustered['rows']:,} individual rows in {clustered['donors']:,} donors"
                  + (" re-clustered (the blocks of the changed rows)" if part else "")]
    else:
        lines.append("attribution and donors: unchanged (no money rows changed)")
    if everything:
        entities.refresh_org_money(con)  # clusters can carry a registry person's id to more rows
        entities.refresh_committees(con)  # the Committee page's figures, after the rules set count_rule
    elif not changed.nothing:  # only the rows and committees that changed (etl/changes.py)
        rows = changed.rows
        if part and changed.rows_only:
            with one_thread(con):
                money = f"{changes.refresh_org_money(con):,} rows written again"
        else:  # masters, filings, PAC transfers or the registry can move any row between channels
            money = f"all {entities.refresh_org_money(con):,} rows written again"
        with one_thread(con):
            committees = changes.refresh_committees(con, changed.load_ids)
        lines.append(f"changed contribution rows: {rows.get('new', 0):,} new, {rows.get('gone', 0):,} gone, "
                     f"{rows.get('rule', 0):,} earlier rows whose counting rule changed; org_money_rows: {money}; "
                     f"committee_rollup, committee_donors: {committees['committee_rollup']:,}, "
                     f"{committees['committee_donors']:,} rows written ({committees['committees_whole']:,} "
                     "committees' largest donors computed from all their rows)")
    changes.drop(con)
    if everything or changed.index:
        lines.append(f"search index: {search.rebuild_index(con):,} records (AI use cases and awards)")
    else:
        lines.append("search index: unchanged")
    explorer_index.create(con)
    if not everything and changed.nothing:
        lines.insert(0, "unchanged: every file has the sha256 of its last load; nothing was re-derived")
    return lines


def summary_table(results: list[db.LoadResult], failures: list[tuple[Path, str]]) -> Table:
    """Rich table: file, status, rows read, loaded, rejected, seconds."""
    t = Table(title="moneytrail build")
    for col in ("file", "status", "rows read", "rows loaded", "rows rejected", "seconds"):
        t.add_column(col, justify="right" if col.startswith(("rows", "sec")) else "left")
    for r in results:
        t.add_row(Path(r.path).name, r.status, f"{r.rows_read:,}", f"{r.rows_loaded:,}", f"{r.rows_rejected:,}",
                  f"{r.seconds:.2f}")
    for path, _msg in failures:
        t.add_row(path.name, "failed", "", "", "", "")
    return t

