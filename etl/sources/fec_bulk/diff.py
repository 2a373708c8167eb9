"""A newer copy of an FEC bulk row file (indiv, oth, pas2) reads typed only its changed chunks (incremental builds).

The FEC republishes the bulk files weekly: most lines of a new indiv26.zip are the lines of the last one. A load
cuts the file into content-defined chunks of lines while unzipping it (lines.Chunks) and keeps them in bulk_chunks.
A newer copy is cut the same way in its unzip pass: a chunk whose hash (xxh3_128) is one of the last load's holds the same
lines, so its rows stay (with the load that wrote them) and its rejects move to this load, their line numbers
shifted to the new file's; the bytes of the other chunks go to a part file read typed with rejects, as a full load
reads them. A row read again that is the same in every column the file fills stays as it was (with its load: a
chunk beside a change is not a change); other rows whose SUB_ID is read again are replaced; rows that neither stay
nor are read again (their SUB_ID
vanished, or its line is now malformed) are found by counts: only when there are some is every line's SUB_ID read.
rows_read = rows_loaded + rows_rejected holds as for a full load (rows_loaded counts the kept rows too);
load_log.note gives the split.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from etl import db
from etl.net.files import TEMP_PREFIX, LoadError, blank_lines, extracted
from etl.net.progress import Progress
from etl.sources.fec_bulk import load as bulk
from etl.sources.fec_bulk.lines import DIFFED, Chunks, lines_sql, remember, remembered
from etl.sources.fec_bulk.specs import SPECS, Spec

# Above this share of lines to read typed, the whole file is reloaded instead (it costs the same).
RELOAD_SHARE = 0.5
# Columns a load does not fill from the file: its load_id, and what rules, attribution and donor clustering set later.
_LATER = {"load_id", "count_rule", "org_id", "org_match", "donor_id"}
_OLD_LOADS = "(SELECT load_id FROM load_log WHERE dataset = $d AND load_id <> $id)"


class _Reload(Exception):
    """The diff cannot account for every line: load the file whole instead."""


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load an FEC bulk file, diffing a row file against its last load when that load's chunks are remembered."""
    bf = bulk.recognise(Path(path))
    if bf is None or bf.dataset is None or bf.kind not in DIFFED or not remembered(con, bf.dataset):
        return bulk.load(con, path, progress)
    spec = SPECS[bf.kind]
    f = db.FileLoad(bulk.NAME, bf.kind, bf.dataset, bf.path, bf.cycle, bulk._main_member(bf))

    def write(ld: db.Loading) -> db.Counts:
        with extracted(bf.path, f.member, progress, Chunks()) as (plain, chunks):
            assert isinstance(chunks, Chunks)
            return _diff(ld, spec, bf.dataset, bf.cycle, plain, chunks)

    try:
        return db.load_file(con, f, write)
    except _Reload:  # rolled back: nothing of the diff is left
        return bulk.load(con, path, progress)


def _plan(con: duckdb.DuckDBPyConnection, dataset: str, new: Chunks) -> tuple[list[tuple[int, int, int]],
                                                                               list[tuple[int, int, int, int]]]:
    """Kept line ranges (old first line, new first line, lines) and ranges to read (offset, bytes, first line, lines)."""
    old: dict[bytes, list[int]] = {}
    for h, first in con.execute("SELECT chunk_hash, first_line FROM bulk_chunks WHERE dataset = $d ORDER BY first_line",
                                {"d": dataset}).fetchall():
        old.setdefault(h, []).append(first)
    kept: list[tuple[int, int, int]] = []
    todo: list[tuple[int, int, int, int]] = []
    for h, first, n, off, size in zip(new.hashes, new.firsts, new.counts, new.offsets, new.sizes, strict=True):
        if old.get(h):
            was = old[h].pop(0)
            if kept and kept[-1][0] + kept[-1][2] == was and kept[-1][1] + kept[-1][2] == first:
                kept[-1] = (kept[-1][0], kept[-1][1], kept[-1][2] + n)
            else:
                kept.append((was, first, n))
        elif todo and todo[-1][0] + todo[-1][1] == off:
            todo[-1] = (todo[-1][0], todo[-1][1] + size, todo[-1][2], todo[-1][3] + n)
        else:
            todo.append((off, size, first, n))
    return kept, todo


def _diff(ld: db.Loading, spec: Spec, dataset: str, cycle: int | None, plain: Path, chunks: Chunks) -> db.Counts:
    con, read, p = ld.con, chunks.total, {"d": dataset, "id": ld.load_id}
    if read == 0:
        raise LoadError(f"{ld.where}: the file is empty (0 lines); an FEC bulk file always has rows, download it again")
    kept, todo = _plan(con, dataset, chunks)
    typed = sum(r[3] for r in todo)
    if typed > RELOAD_SHARE * read:
        raise _Reload()  # most of the file is new: a whole load costs the same
    loaded, rejected, again, same = _typed(ld, spec, dataset, cycle, plain, todo)
    # the rejects of kept chunks move to this load, at their lines in this file; the others are read again or gone
    moved = 0
    if kept:
        con.execute("CREATE OR REPLACE TEMP TABLE diff_kept AS SELECT unnest($o) AS o, unnest($f) AS f, unnest($n) AS n",
                    {"o": [k[0] for k in kept], "f": [k[1] for k in kept], "n": [k[2] for k in kept]})
        ld.temp("diff_kept")
        # only the columns that change are written (the WAL, and so the checkpoint, grows with what is written)
        for sets, shifted in (("line_no = e.line_no - k.o + k.f, load_id = $id", "<>"), ("load_id = $id", "=")):
            moved += con.execute(f"""UPDATE load_errors e SET {sets} FROM diff_kept k WHERE e.load_id IN {_OLD_LOADS}
                                     AND k.o {shifted} k.f AND e.line_no >= k.o AND e.line_no < k.o + k.n""",
                                 p).fetchall()[0][0]
        con.execute("UPDATE load_errors SET path = $w WHERE load_id = $id AND path <> $w", {"id": ld.load_id,
                                                                                              "w": ld.where})
    con.execute(f"DELETE FROM load_errors WHERE load_id IN {_OLD_LOADS}", p)
    unchanged = sum(k[2] for k in kept) - moved
    total = _count(con, spec, dataset)
    removed = total - unchanged - loaded
    if removed > 0:
        removed = _remove_vanished(ld, spec, dataset, plain)
        total = _count(con, spec, dataset)
    if removed < 0 or total != unchanged + loaded or unchanged + loaded + moved + rejected != read:
        raise _Reload()
    remember(con, spec, dataset, chunks)
    note = (f"incremental: {unchanged + same:,} unchanged, {loaded - same - again:,} new, {again:,} changed, "
            f"{removed:,} removed; {typed:,} lines in {len(chunks.counts) - _kept_chunks(chunks, kept):,} of "
            f"{len(chunks.counts):,} chunks read typed ({rejected:,} rejected, {same:,} rows as they were), "
            f"{moved:,} rejects kept")
    return db.Counts(read, unchanged + loaded, moved + rejected, note)


def _kept_chunks(chunks: Chunks, kept: list[tuple[int, int, int]]) -> int:
    """How many of the new file's chunks lie in the kept line ranges."""
    starts = {k[1]: k[1] + k[2] for k in kept}
    n, stop = 0, 0
    for first in chunks.firsts:
        stop = starts.get(first, stop)
        n += first < stop
    return n


def _count(con: duckdb.DuckDBPyConnection, spec: Spec, dataset: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {spec.table} WHERE dataset = $d", {"d": dataset}).fetchall()[0][0])


def _remove_vanished(ld: db.Loading, spec: Spec, dataset: str, plain: Path) -> int:
    """Delete the older rows whose SUB_ID no line of the file ends with, or only a line rejected now; how many."""
    try:
        return int(ld.con.execute(
            f"""DELETE FROM {spec.table} WHERE dataset = $d AND load_id <> $id AND (
                    sub_id NOT IN (SELECT split_part(line, '|', -1) FROM {lines_sql(plain)} WHERE line IS NOT NULL)
                    OR sub_id IN (SELECT split_part(raw_line, '|', -1) FROM load_errors
                                  WHERE load_id = $id AND raw_line IS NOT NULL))""",
            {"d": dataset, "id": ld.load_id}).fetchall()[0][0])
    except duckdb.Error:
        raise _Reload() from None


def _typed(ld: db.Loading, spec: Spec, dataset: str, cycle: int | None, plain: Path,
           todo: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """Copy the changed chunks to a file of their own, read it with the loader's typed reader, replace the rows of the
    SUB_IDs it holds; (rows read typed, lines rejected, rows changed, rows the same as before)."""
    if not todo:
        return 0, 0, 0, 0
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-diff-"))
    con, p = ld.con, {"dataset": dataset, "load_id": ld.load_id, "cycle": cycle}
    try:
        part = folder / plain.name
        with open(plain, "rb") as src, open(part, "wb") as dst:
            for off, size, _first, _n in todo:  # every chunk but the file's last ends with a line feed
                src.seek(off)
                dst.write(src.read(size))
        rejects = f"rejects_{ld.load_id}"
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE diff_rows AS SELECT * FROM {bulk._reader_sql(spec, part, rejects)}")
        except (duckdb.InvalidInputException, duckdb.ConstraintException):
            raise _Reload() from None  # the loader reads the whole file and names what it cannot read
        ld.temp("diff_rows")
        rejected = bulk.record_rejects(ld, rejects, spec.columns[0])
        rows = int(con.execute("SELECT count(*) FROM diff_rows").fetchall()[0][0])
        lines = sum(t[3] for t in todo)
        if rows + rejected < lines:  # DuckDB skips blank lines; find them as the loader does
            rejected += ld.reject([(n, "", "blank line") for n in blank_lines(part)])
        _renumber(ld, todo)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    read, again, same = _replace(con, spec, dataset, p)
    return read, rejected, again, same


def _replace(con: duckdb.DuckDBPyConnection, spec: Spec, dataset: str, p: dict) -> tuple[int, int, int]:
    """Insert the part's rows, keeping those the same as before; (rows read typed, rows changed, rows the same)."""
    if con.execute("SELECT count(*) - count(DISTINCT SUB_ID) FROM diff_rows").fetchall()[0][0]:
        raise _Reload()  # a SUB_ID twice: the loader's uniqueness check names it
    stored = [c for (c,) in con.execute(
        """SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main'
           AND database_name = current_database() AND NOT is_generated ORDER BY column_index""",
        {"t": spec.table}).fetchall()]
    names = ", ".join(f'"{c}"' for c in stored)  # names from the catalog, not from input
    same_as = " AND ".join(f'n."{c}" IS NOT DISTINCT FROM o."{c}"' for c in stored if c not in _LATER)
    con.execute(f"CREATE OR REPLACE TEMP TABLE diff_new AS SELECT {names} FROM {spec.table} LIMIT 0")
    con.execute(spec.insert.replace(f"INSERT INTO {spec.table}", "INSERT INTO diff_new", 1).format(reader="diff_rows"), p)
    read = int(con.execute("SELECT count(*) FROM diff_new").fetchall()[0][0])
    # the older rows by rowid: reading their columns costs what they hold, not what the whole table holds
    con.execute(f"""CREATE OR REPLACE TEMP TABLE diff_old AS SELECT rowid AS r FROM {spec.table}
                    WHERE dataset = $d AND sub_id IN (SELECT sub_id FROM diff_new)""", {"d": dataset})
    same = con.execute(f"""DELETE FROM diff_new WHERE sub_id IN (SELECT n.sub_id FROM diff_new n JOIN
                               (SELECT * FROM {spec.table} WHERE rowid IN (SELECT r FROM diff_old)) o
                               ON {same_as})""").fetchall()[0][0]
    again = con.execute(f"""DELETE FROM {spec.table} WHERE rowid IN (SELECT r FROM diff_old)
                            AND sub_id IN (SELECT sub_id FROM diff_new)""").fetchall()[0][0]
    con.execute(f"INSERT INTO {spec.table} ({names}) SELECT {names} FROM diff_new")
    con.execute("DROP TABLE diff_new; DROP TABLE diff_old")
    return read, int(again), int(same)


def _renumber(ld: db.Loading, todo: list[tuple[int, int, int, int]]) -> None:
    """The part's line numbers of this load's rejects back to the file's."""
    starts, at = [], 1
    for _off, _size, _first, n in todo:
        starts.append(at)
        at += n
    ld.con.execute("CREATE OR REPLACE TEMP TABLE diff_map AS SELECT unnest($s) AS s, unnest($f) AS f, unnest($n) AS n",
                   {"s": starts, "f": [t[2] for t in todo], "n": [t[3] for t in todo]})
    ld.temp("diff_map")
    ld.con.execute("""UPDATE load_errors e SET line_no = e.line_no - m.s + m.f FROM diff_map m
                      WHERE e.load_id = $id AND e.line_no >= m.s AND e.line_no < m.s + m.n""", {"id": ld.load_id})
