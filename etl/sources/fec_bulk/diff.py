"""A newer copy of an FEC bulk row file (indiv, oth, pas2) loads only its new or changed lines (incremental builds).

The FEC republishes the bulk files weekly: most lines of a new indiv26.zip are the lines of the last one.
Each loaded line keeps a hash of its whole text in bulk_line_hashes (remember(), called by the loader).
A newer copy is read once as plain lines (SUB_ID = the last field, hash of the line) and compared with
them: lines with a known SUB_ID and hash are unchanged and stay as they are (with the load that wrote
them); the other lines go through the loader's typed read with rejects, as a full load would read them;
rows whose SUB_ID is no longer in the file are removed. rows_read = rows_loaded + rows_rejected holds as
for a full load (rows_loaded counts the unchanged rows too); load_log.note gives new, changed, removed
and unchanged. Rejected lines are never remembered, so every load records all of the file's rejects.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.net.files import TEMP_PREFIX, LoadError, blank_lines, extracted
from etl.net.progress import Progress
from etl.sources.fec_bulk import load as bulk
from etl.sources.fec_bulk.lines import DIFFED, lines_sql, remembered
from etl.sources.fec_bulk.specs import SPECS, Spec

# Above this share of lines to read typed, the whole file is reloaded instead (it costs the same).
RELOAD_SHARE = 0.5


class _Reload(Exception):
    """The diff cannot account for every line: load the file whole instead."""


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load an FEC bulk file, diffing a row file against its last load when that load's lines are remembered."""
    bf = bulk.recognise(Path(path))
    if bf is None or bf.dataset is None or bf.kind not in DIFFED or not remembered(con, bf.dataset):
        return bulk.load(con, path, progress)
    spec = SPECS[bf.kind]
    f = db.FileLoad(bulk.NAME, bf.kind, bf.dataset, bf.path, bf.cycle, bulk._main_member(bf))

    def write(ld: db.Loading) -> db.Counts:
        with extracted(bf.path, f.member, progress) as (plain, lines):
            return _diff(ld, spec, bf.dataset, bf.cycle, plain, lines.total)

    try:
        return db.load_file(con, f, write)
    except _Reload:  # rolled back: nothing of the diff is left
        return bulk.load(con, path, progress)


def _diff(ld: db.Loading, spec: Spec, dataset: str, cycle: int | None, plain: Path, read: int) -> db.Counts:
    con, p = ld.con, {"d": dataset}
    if read == 0:
        raise LoadError(f"{ld.where}: the file is empty (0 lines); an FEC bulk file always has rows, download it again")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE diff_lines AS SELECT split_part(line, '|', -1) AS sub_id, "
                    f"hash(line) AS h FROM {lines_sql(plain)}")
    except duckdb.Error:
        raise _Reload() from None
    ld.temp("diff_lines")
    # SUB_IDs to read typed: those of every line not known by SUB_ID and hash (new, changed, or a malformed line,
    # whose last field is whatever it is); a known line whose SUB_ID is among them is read again too
    con.execute("""CREATE OR REPLACE TEMP TABLE diff_todo AS
                   SELECT DISTINCT l.sub_id, s.sub_id IS NOT NULL AS known FROM diff_lines l
                   LEFT JOIN bulk_line_hashes s ON s.dataset = $d AND s.sub_id = l.sub_id
                   WHERE s.line_hash IS DISTINCT FROM l.h""", p)
    ld.temp("diff_todo")
    unchanged, todo = con.execute("""SELECT (SELECT count(*) FROM diff_lines l ANTI JOIN diff_todo t USING (sub_id)),
                                            (SELECT count(*) FROM diff_todo)""").fetchall()[0]
    if todo > RELOAD_SHARE * read:
        raise _Reload()  # most of the file is new: a whole load costs the same
    deleted = con.execute(f"""DELETE FROM {spec.table} WHERE dataset = $d AND (sub_id IN (SELECT sub_id FROM diff_todo)
                              OR sub_id NOT IN (SELECT sub_id FROM diff_lines))""", p).fetchall()[0][0]
    con.execute("""DELETE FROM bulk_line_hashes WHERE dataset = $d AND (sub_id IN (SELECT sub_id FROM diff_todo)
                   OR sub_id NOT IN (SELECT sub_id FROM diff_lines))""", p)
    # the previous loads' rejects: every bad line of this copy is read again and recorded under this load
    con.execute("""DELETE FROM load_errors WHERE load_id IN
                   (SELECT load_id FROM load_log WHERE dataset = $d AND load_id <> $id)""", {**p, "id": ld.load_id})
    wanted = {r[0] for r in con.execute("SELECT sub_id FROM diff_todo").fetchall()}
    loaded, rejected, typed = _typed(ld, spec, dataset, cycle, plain, wanted)
    if unchanged + loaded + rejected < read:  # DuckDB skips blank lines; find them as the loader does
        rejected += ld.reject([(n, "", "blank line") for n in blank_lines(plain)])
    if unchanged + loaded + rejected != read:
        raise _Reload()
    bulk._check_unique(ld, spec, _Named(dataset))
    con.execute(f"""INSERT INTO bulk_line_hashes SELECT $d, l.sub_id, l.h FROM diff_lines l
                    WHERE l.sub_id IN (SELECT sub_id FROM {spec.table} WHERE dataset = $d AND load_id = $id)
                    QUALIFY count(*) OVER (PARTITION BY l.sub_id) = 1""", {**p, "id": ld.load_id})
    changed = con.execute(f"""SELECT count(*) FROM {spec.table} c JOIN diff_todo t USING (sub_id)
                              WHERE c.dataset = $d AND c.load_id = $id AND t.known""", {**p, "id": ld.load_id}
                          ).fetchall()[0][0]
    note = (f"incremental: {unchanged:,} unchanged, {loaded - changed:,} new, {changed:,} changed, "
            f"{deleted - changed:,} removed; {typed:,} lines read typed ({rejected:,} rejected)")
    return db.Counts(read, unchanged + loaded, rejected, note)


class _Named:
    """What the loader's uniqueness check reads of a recognised file."""

    def __init__(self, dataset: str) -> None:
        self.dataset = dataset


def _typed(ld: db.Loading, spec: Spec, dataset: str, cycle: int | None, plain: Path,
           wanted: set[str]) -> tuple[int, int, int]:
    """Copy the wanted lines to a file of their own, load it with the loader's typed reader; (loaded, rejected, lines)."""
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-diff-"))
    try:
        part, numbers = folder / plain.name, []
        with open(plain, "rb") as src, open(part, "wb") as dst:
            for n, raw in enumerate(src, start=1):
                if raw.rstrip(b"\n").rsplit(b"|", 1)[-1].decode("latin-1") in wanted:
                    dst.write(raw)
                    numbers.append(n)
        if not numbers:
            return 0, 0, 0
        rejects = f"rejects_{ld.load_id}"
        sql = spec.insert.format(reader=bulk._reader_sql(spec, part, rejects))
        try:
            loaded = ld.con.execute(sql, {"dataset": dataset, "load_id": ld.load_id, "cycle": cycle}).fetchall()[0][0]
        except (duckdb.InvalidInputException, duckdb.ConstraintException):
            raise _Reload() from None  # the loader reads the whole file and names what it cannot read
        rejected = bulk.record_rejects(ld, rejects, spec.columns[0])
        if rejected:  # the part's line numbers back to the file's
            ld.con.register("diff_numbers", pa.table({"k": range(1, len(numbers) + 1), "n": numbers}))
            try:
                ld.con.execute("""UPDATE load_errors e SET line_no = m.n FROM diff_numbers m
                                  WHERE e.load_id = $id AND e.line_no = m.k""", {"id": ld.load_id})
            finally:
                ld.con.unregister("diff_numbers")
        return int(loaded), rejected, len(numbers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
