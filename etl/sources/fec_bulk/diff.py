"""A newer copy of an FEC bulk row file (indiv, oth, pas2) reads typed only its changed chunks (incremental builds).

The FEC republishes the bulk files weekly: most lines of a new indiv26.zip are the lines of the last one. A load
cuts the file into content-defined chunks of lines while unzipping it (lines.Chunks) and keeps them in bulk_chunks.
A newer copy is cut the same way in its unzip pass, which writes nothing else: a chunk whose hash (xxh3_128) is one
of the last load's holds the same lines, so its rows stay (with the load that wrote them) and its rejects move to this
load, their line numbers shifted to the new file's; the bytes of the other chunks go, as they are inflated, to a part
file read typed with rejects, as a full load reads them. A row read again that is the same in every column the file fills
stays as it was (with its load: a chunk beside a change is not a change); other rows whose SUB_ID is read again are
replaced; rows that neither stay nor are read again (their SUB_ID vanished, or its line is now malformed) are found
by counts: only when there are some is the file unzipped again and every line's SUB_ID read.
rows_read = rows_loaded + rows_rejected holds as for a full load (rows_loaded counts the kept rows too);
load_log.note gives the split.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO

import duckdb

from etl import db
from etl.model import rewrite
from etl.net.files import TEMP_PREFIX, LoadError, blank_lines, extracted, scanned
from etl.net.progress import Progress
from etl.one_thread import one_thread
from etl.sources.fec_bulk import load as bulk
from etl.sources.fec_bulk.lines import DIFFED, Chunks, lines_sql, remembered, write_chunks
from etl.sources.fec_bulk.specs import SPECS, Spec

# Above this share of lines to read typed, the whole file is reloaded instead (it costs the same).
RELOAD_SHARE = 0.5
# Columns a load does not fill from the file: its load_id, and what rules, attribution and donor clustering set later.
_LATER = {"load_id", "count_rule", "org_id", "org_match", "donor_id"}
_OLD_LOADS = "(SELECT load_id FROM load_log WHERE dataset = $d AND load_id <> $id)"
# The last load's bulk_chunks rows of the dataset, in line order: (first_line, lines, byte_offset, byte_length, hash).
Old = list[tuple[int, int, int, int, bytes]]


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
        old = _old_chunks(con, bf.dataset)
        folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-diff-"))
        try:
            part = folder / "part.txt"
            with open(part, "wb") as dst:
                chunks = scanned(bf.path, f.member, _Changed(old, dst), progress)
            assert isinstance(chunks, Chunks)
            with one_thread(con):
                return _diff(ld, spec, f, old, part, chunks)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    try:
        return db.load_file(con, f, write)
    except _Reload:  # rolled back: nothing of the diff is left
        return bulk.load(con, path, progress)


def _old_chunks(con: duckdb.DuckDBPyConnection, dataset: str) -> Old:
    """The last load's chunks of the dataset, in line order."""
    return con.execute("""SELECT first_line, lines, byte_offset, byte_length, chunk_hash FROM bulk_chunks
                          WHERE dataset = $d ORDER BY first_line""", {"d": dataset}).fetchall()


def _remember(con: duckdb.DuckDBPyConnection, dataset: str, old: Old, new: Chunks) -> None:
    """Keep the new copy's chunks, as lines.remember does, writing only the rows from the first that differs."""
    rows = list(zip(new.firsts, new.counts, new.offsets, new.sizes, new.hashes))
    i = next((i for i, (a, b) in enumerate(zip(old, rows)) if a != b), min(len(old), len(rows)))
    if i < len(old):
        con.execute("DELETE FROM bulk_chunks WHERE dataset = $d AND first_line >= $f", {"d": dataset, "f": old[i][0]})
    if i < len(rows):
        write_chunks(con, dataset, new, i)


class _Changed(Chunks):
    """Chunks that also writes, as the file streams by, the bytes of every chunk the last load did not have to `part`:
    a chunk is kept when its hash is one of the last load's not matched yet, in file order (as _plan matches them)."""

    def __init__(self, old: Old, part: BinaryIO) -> None:
        super().__init__(old=old)
        self._left: dict[bytes, int] = {}
        for *_, h in old:
            self._left[h] = self._left.get(h, 0) + 1
        self._part = part
        self._fed = self._seen = 0  # bytes fed, chunks looked at
        self._open, self._open_at = b"", 0  # bytes of the open chunk held from earlier blocks, and where they start

    def feed(self, block: bytes) -> None:
        """Cut the next block into chunks; write the new ones' bytes."""
        super().feed(block)
        self._write(block)

    def close(self) -> Chunks:
        """End the last chunk; write it if it is new."""
        super().close()
        self._write(b"")
        return self

    def _write(self, block: bytes) -> None:
        at, mv = self._fed, memoryview(block)
        for i in range(self._seen, len(self.hashes)):
            h, off, size = self.hashes[i], self.offsets[i], self.sizes[i]
            if self._left.get(h, 0) > 0:
                self._left[h] -= 1
                continue
            if off < at:  # the chunk began in an earlier block
                self._part.write(self._open[off - self._open_at:min(off + size, at) - self._open_at])
            if off + size > at:
                self._part.write(mv[max(off, at) - at:off + size - at])
        self._seen = len(self.hashes)
        self._fed += len(block)
        start = self.offsets[-1] + self.sizes[-1] if self.offsets else 0  # the open chunk's first byte
        self._open = bytes(mv[start - at:]) if start >= at else self._open[start - self._open_at:] + block
        self._open_at = start


def _plan(chunks: Old, new: Chunks) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int, int]]]:
    """Kept line ranges (old first line, new first line, lines) and ranges to read (offset, bytes, first line, lines)."""
    old: dict[bytes, list[int]] = {}
    for first, *_, h in chunks:
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


def _diff(ld: db.Loading, spec: Spec, f: db.FileLoad, old: Old, part: Path, chunks: Chunks) -> db.Counts:
    """Keep the rows of the unchanged chunks, read the part typed, remove vanished rows; the load's counts."""
    con, read, dataset, p = ld.con, chunks.total, f.dataset, {"d": f.dataset, "id": ld.load_id}
    if read == 0:
        raise LoadError(f"{ld.where}: the file is empty (0 lines); an FEC bulk file always has rows, download it again")
    kept, todo = _plan(old, chunks)
    typed = sum(r[3] for r in todo)
    if typed > RELOAD_SHARE * read or part.stat().st_size != sum(r[1] for r in todo):
        raise _Reload()  # most of the file is new (a whole load costs the same), or the part is not what was planned
    loaded, rejected, again, same = _typed(ld, spec, dataset, f.cycle, part, todo)
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
        removed = _remove_vanished(ld, spec, f)
        total = _count(con, spec, dataset)
    if removed < 0 or total != unchanged + loaded or unchanged + loaded + moved + rejected != read:
        raise _Reload()
    _remember(con, dataset, old, chunks)
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


def _remove_vanished(ld: db.Loading, spec: Spec, f: db.FileLoad) -> int:
    """Delete the older rows whose SUB_ID no line of the file ends with, or only a line rejected now; how many (the
    file is unzipped again for it: rows vanish from few updates)."""
    try:
        with extracted(f.path, f.member) as (plain, _lines):
            return int(ld.con.execute(
                f"""DELETE FROM {spec.table} WHERE dataset = $d AND load_id <> $id AND (
                        sub_id NOT IN (SELECT split_part(line, '|', -1) FROM {lines_sql(plain)} WHERE line IS NOT NULL)
                        OR sub_id IN (SELECT split_part(raw_line, '|', -1) FROM load_errors
                                      WHERE load_id = $id AND raw_line IS NOT NULL))""",
                {"d": f.dataset, "id": ld.load_id}).fetchall()[0][0])
    except duckdb.Error:
        raise _Reload() from None


def _typed(ld: db.Loading, spec: Spec, dataset: str, cycle: int | None, part: Path,
           todo: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """Read the part file (the changed chunks) with the loader's typed reader, replace the rows of the SUB_IDs it holds;
    (rows read typed, lines rejected, rows changed, rows the same as before)."""
    if not todo:
        return 0, 0, 0, 0
    con, p = ld.con, {"dataset": dataset, "load_id": ld.load_id, "cycle": cycle}
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
    read, again, same = _replace(con, spec, dataset, p)
    return read, rejected, again, same


def _replace(con: duckdb.DuckDBPyConnection, spec: Spec, dataset: str, p: dict) -> tuple[int, int, int]:
    """Insert the part's rows, keeping those the same as before; (rows read typed, rows changed, rows the same)."""
    read, dup = con.execute("SELECT count(*), count(*) - count(DISTINCT SUB_ID) FROM diff_rows").fetchall()[0]
    if dup:
        raise _Reload()  # a SUB_ID twice: the loader's uniqueness check names it
    # the older rows of the part's SUB_IDs by rowid: reading their columns costs what they hold, not the whole table
    con.execute(f"""CREATE OR REPLACE TEMP TABLE diff_old AS SELECT rowid AS r, sub_id FROM {spec.table}
                    WHERE dataset = $d AND sub_id IN (SELECT SUB_ID FROM diff_rows)""", {"d": dataset})
    again = same = 0
    rows = "diff_rows"
    if con.execute("SELECT count(*) FROM diff_old").fetchall()[0][0]:
        stored = [c for (c,) in con.execute(
            """SELECT column_name FROM duckdb_columns() WHERE table_name = $t AND schema_name = 'main'
               AND database_name = current_database() AND NOT is_generated ORDER BY column_index""",
            {"t": spec.table}).fetchall()]
        names = ", ".join(f'"{c}"' for c in stored)  # names from the catalog, not from input
        same_as = " AND ".join(f'n."{c}" IS NOT DISTINCT FROM o."{c}"' for c in stored if c not in _LATER)
        # only the rows read again are made apart, to be compared with the rows they were
        con.execute(f"CREATE OR REPLACE TEMP TABLE diff_new AS SELECT {names} FROM {spec.table} LIMIT 0")
        again_rows = "(SELECT * FROM diff_rows WHERE SUB_ID IN (SELECT sub_id FROM diff_old))"
        con.execute(rewrite(spec.insert, (f"INSERT INTO {spec.table}", "INSERT INTO diff_new")).format(reader=again_rows),
                    p)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE diff_same AS SELECT n.sub_id FROM diff_new n JOIN
                        (SELECT * FROM {spec.table} WHERE rowid IN (SELECT r FROM diff_old)) o ON {same_as}""")
        same = con.execute("SELECT count(*) FROM diff_same").fetchall()[0][0]
        again = con.execute(f"""DELETE FROM {spec.table} WHERE rowid IN (SELECT r FROM diff_old)
                                AND sub_id NOT IN (SELECT sub_id FROM diff_same)""").fetchall()[0][0]
        rows = "(SELECT * FROM diff_rows WHERE SUB_ID NOT IN (SELECT sub_id FROM diff_same))"
    con.execute(spec.insert.format(reader=rows), p)
    con.execute("DROP TABLE diff_old; DROP TABLE IF EXISTS diff_new; DROP TABLE IF EXISTS diff_same")
    return int(read), int(again), int(same)


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
