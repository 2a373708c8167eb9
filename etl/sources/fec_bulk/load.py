"""FEC bulk files (indiv, oth, pas2, oppexp, cm, cn, ccl): zip or member -> DuckDB.

Format and traps: ../shared/reference/fec.md §1 (pipe-delimited, no header, no quoting, LF lines,
MMDDYYYY dates except oppexp's MM/DD/YYYY, 26 fields in oppexp, by_date/ copies inside new zips).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from etl import db
from etl.net.files import LineCount, LoadError, blank_lines, extracted, strip_bom, zip_members
from etl.net.progress import Progress
from etl.sources.base import Recognised
from etl.sources.fec_bulk.lines import DIFFED, Chunks, remember
from etl.sources.fec_bulk.specs import SPECS, STREAMED, Spec

NAME = "fec_bulk"
# Masters first, so that later files can look committees up; then the rows.
ORDER = {"cm": 0, "cn": 1, "ccl": 2, "indiv": 3, "oth": 4, "pas2": 5, "oppexp": 6}

_ZIP_RE = re.compile(r"^(indiv|oth|pas2|oppexp|cm|cn|ccl)(\d\d)\.zip$", re.I)
# Loose members: itcont.txt, itcont_<anything>.txt, cm26.csv, ... (never the *_header_file.csv dictionaries)
_LOOSE_RE = re.compile(r"^(itcont|itoth|itpas2|oppexp|cm|cn|ccl)(\d\d)?(?:_(?!header)[^.]*)?\.(txt|csv)$", re.I)
_BY_DATE_RE = re.compile(r"^itcont_\d{4}_", re.I)
# Up to this many rows (a whole cycle is 40-70M lines) the SUB_ID check sorts their 64-bit hashes in NumPy: at most
# 512 MB, twice that while fetched, against a full build's 3.9 GB peak at 20M lines; 1.0 CPU-s at 20M against 4.1 for
# DuckDB's count of the distinct hashes, which checks larger files within its memory_limit.
SORTED_MOST = 1 << 26
_LOOSE_TYPE = {"itcont": "indiv", "itoth": "oth", "itpas2": "pas2", "oppexp": "oppexp", "cm": "cm",
               "cn": "cn", "ccl": "ccl"}


def _cycle(two_digits: str | None) -> int | None:
    return 2000 + int(two_digits) if two_digits else None


def recognise(path: Path) -> Recognised | None:
    """Recognise an FEC bulk file by FEC's names (indiv20.zip, cm26.csv, itcont.txt, ...); None otherwise."""
    name = path.name
    if m := _ZIP_RE.match(name):
        file_type = m.group(1).lower()
        cycle = _cycle(m.group(2))
        return Recognised(path, file_type, ORDER[file_type], cycle, f"{file_type}{cycle}", SPECS[file_type].member)
    if path.parent.name == "by_date" or _BY_DATE_RE.match(name):
        return None  # partial copies of itcont.txt rows (fec.md §1.2)
    if m := _LOOSE_RE.match(name):
        file_type = _LOOSE_TYPE[m.group(1).lower()]
        cycle = _cycle(m.group(2))
        if file_type in ("cm", "cn", "ccl") and cycle is None:
            return None  # a master without a cycle cannot be placed
        dataset = f"{file_type}{cycle}" if name.lower() == f"{m.group(1).lower()}{m.group(2)}.{m.group(3)}" and cycle \
            else f"{file_type}:{name}"
        return Recognised(path, file_type, ORDER[file_type], cycle, dataset)
    return None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one FEC bulk file; same sha256 as the last load of its dataset changes nothing."""
    bf = recognise(Path(path))
    if bf is None or bf.dataset is None:
        raise LoadError(f"{path}: not an FEC bulk file name (expected e.g. indiv26.zip, cm26.zip, itcont.txt)")
    spec = SPECS[bf.kind]
    f = db.FileLoad(NAME, bf.kind, bf.dataset, bf.path, bf.cycle, _main_member(bf))

    def write(ld: db.Loading) -> db.Counts:
        con.execute(f"DELETE FROM {spec.table} WHERE {spec.replaces_by} = $v",
                    {"v": bf.dataset if spec.replaces_by == "dataset" else bf.cycle})
        # the chunks a newer copy is diffed with (diff.py) are cut in the unzip pass: no second read of the file
        with extracted(bf.path, f.member, progress, Chunks() if bf.kind in DIFFED else None) as (plain, lines):
            if bf.kind in STREAMED:
                counts = _load_streamed(ld, spec, bf, plain, lines)
                remember(ld.con, spec, bf.dataset, lines)
                return counts
            return _load_master(ld, spec, bf, plain)

    return db.load_file(con, f, write)


def _main_member(bf: Recognised) -> str | None:
    """The zip's main member (itcont.txt, ...): never the by_date/ partial copies (fec.md §1.2)."""
    if bf.member is None:
        return None
    names = zip_members(bf.path)
    if bf.member in names:
        return bf.member
    raise LoadError(f"{bf.path}: zip has no {bf.member} at its root (members: {', '.join(names[:5])})")


def _reader_sql(spec: Spec, plain: Path, rejects: str) -> str:
    types = {c: "VARCHAR" for c in spec.columns}
    types["TRANSACTION_DT"] = "DATE"
    types["TRANSACTION_AMT"] = "DECIMAL(14,2)"
    types["FILE_NUM"] = "BIGINT"
    for c in spec.ints:
        types[c] = "INTEGER"
    cols = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
    path = str(plain).replace("'", "''")
    return (f"read_csv('{path}', delim='|', header=false, quote='', escape='', auto_detect=false, "
            f"new_line='\\n', columns={cols}, dateformat='{spec.dateformat}', store_rejects=true, "
            f"rejects_table='{rejects}', rejects_scan='{rejects}_scan', max_line_size=10000000)")


def _load_streamed(ld: db.Loading, spec: Spec, bf: Recognised, plain: Path, lines: LineCount) -> db.Counts:
    read = lines.total
    if read == 0:
        raise LoadError(f"{ld.where}: the file is empty (0 lines); an FEC bulk file always has rows, download it again")
    rejects = f"rejects_{ld.load_id}"
    sql = spec.insert.format(reader=_reader_sql(spec, plain, rejects))
    try:
        loaded = ld.con.execute(sql, {"dataset": bf.dataset, "load_id": ld.load_id, "cycle": bf.cycle}).fetchall()[0][0]
    except (duckdb.InvalidInputException, duckdb.ConstraintException) as exc:
        # DuckDB 2.0.1's reader stops on some byte runs instead of rejecting the line (a NUL then a carriage return
        # at the start of a line), and a line cut to a lone NUL reads as a row without SUB_ID; both found by
        # tests/test_fuzz.py: the file fails, named, and --keep-going skips it.
        raise LoadError(f"{ld.where}: DuckDB's CSV reader cannot read this file ({str(exc).splitlines()[0]})") from None
    rejected = record_rejects(ld, rejects, spec.columns[0])
    if loaded + rejected < read:  # only then look for the blank lines DuckDB skipped
        rejected += ld.reject([(n, "", "blank line") for n in blank_lines(plain)])
    _check_unique(ld, spec, bf, int(loaded))
    return db.Counts(read, int(loaded), rejected)


def _check_unique(ld: db.Loading, spec: Spec, bf: Recognised, rows: int) -> None:
    key = "contribution_id" if spec.table == "contribution_rows" else "sub_id"
    # Distinct 64-bit hashes cost about 0.7 of grouping the strings (0.47 against 0.64-0.71 CPU-s at 4M rows), and
    # sorting them in NumPy a third of DuckDB's count(DISTINCT) (0.08 against 0.23 CPU-s at 2M rows,
    # bench/profile_load.py); a repeated hash (a repeat, or a collision: about 1 in 2 million at 4M rows) sends it to
    # the exact query.
    if rows <= SORTED_MOST:
        hashes = ld.con.execute(f"SELECT hash({key}) AS h FROM {spec.table} WHERE dataset = $d",
                                {"d": bf.dataset}).fetchnumpy()["h"]
        hashes.sort()
        repeated = bool(np.count_nonzero(hashes[1:] == hashes[:-1]))
    else:
        repeated = bool(ld.con.execute(f"SELECT count(*) - count(DISTINCT hash({key})) FROM {spec.table} "
                                       "WHERE dataset = $d", {"d": bf.dataset}).fetchall()[0][0])
    if not repeated:
        return
    dup = ld.con.execute(
        f"SELECT {key}, count(*) FROM {spec.table} WHERE dataset = $d GROUP BY 1 HAVING count(*) > 1 LIMIT 3",
        {"d": bf.dataset},
    ).fetchall()
    if dup:
        raise LoadError(f"{ld.where}: SUB_ID repeats within the file ({dup}); the FEC documents it as unique")


def _load_master(ld: db.Loading, spec: Spec, bf: Recognised, plain: Path) -> db.Counts:
    rows, errors, read = _parse_master(spec, plain)
    names = ["LINE_NO", *spec.columns]
    ld.stage("staging", pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(names)}))
    for col in spec.ints:
        bad = ld.con.execute(
            f'SELECT LINE_NO, "{col}" FROM staging WHERE "{col}" IS NOT NULL AND TRY_CAST("{col}" AS INTEGER) IS NULL'
        ).fetchall()
        for line_no, value in bad:
            errors.append((int(line_no), _raw(rows, line_no), f"bad {col.lower()}: {value!r} is not a number"))
        ld.con.execute(f'DELETE FROM staging WHERE "{col}" IS NOT NULL AND TRY_CAST("{col}" AS INTEGER) IS NULL')
    loaded = ld.con.execute(spec.insert, {"cycle": bf.cycle, "load_id": ld.load_id}).fetchall()[0][0]
    return db.Counts(read, int(loaded), ld.reject(errors))


def record_rejects(ld: db.Loading, rejects_table: str, header_hint: str) -> int:
    """Move DuckDB's reject table into load_errors (one row per bad line) and return how many lines."""
    ld.con.execute(
        f"""
        INSERT INTO load_errors (load_id, path, line_no, raw_line, reason)
        SELECT $load_id, $path, line,
               any_value(csv_line),
               CASE
                 WHEN line = 1 AND any_value(csv_line) LIKE $hint || '%'
                   THEN 'header row: FEC bulk files have no header line'
                 ELSE string_agg(DISTINCT why, '; ' ORDER BY why)  -- in one order, whatever order DuckDB found them
               END
        FROM (SELECT line, csv_line,
                     CASE error_type
                       WHEN 'MISSING COLUMNS' THEN 'wrong field count (too few fields)'
                       WHEN 'TOO MANY COLUMNS' THEN 'wrong field count (too many fields)'
                       WHEN 'INVALID ENCODING' THEN 'undecodable bytes (not UTF-8)'
                       WHEN 'CAST' THEN 'bad ' || lower(column_name) || ': ' || error_message
                       ELSE lower(error_type::VARCHAR) || ': ' || error_message
                     END AS why
              FROM {rejects_table})
        GROUP BY line
        """,
        {"load_id": ld.load_id, "path": ld.where, "hint": header_hint},
    )
    n = ld.con.execute(f"SELECT count(DISTINCT line) FROM {rejects_table}").fetchall()[0][0]
    ld.con.execute(f"DROP TABLE IF EXISTS {rejects_table}")
    return int(n)


def _raw(rows: list[list[str | None]], line_no: str) -> str:
    for r in rows:
        if r[0] == line_no:
            return "|".join(v or "" for v in r[1:])
    return ""


def _parse_master(spec: Spec, plain: Path) -> tuple[list[list[str | None]], list[tuple[int, str, str]], int]:
    """Split a master file into text fields; wrong field counts, bad bytes and duplicate keys become errors."""
    data = strip_bom(plain.read_bytes())  # a cm26.csv saved by Excel starts with one (issue 15)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if not lines:
        raise LoadError(f"{plain.name}: the file is empty (0 lines); download it again")
    header_csv = bool(lines) and lines[0].decode("latin-1").upper().startswith(spec.columns[0] + ",")
    rows: list[list[str | None]] = []
    errors: list[tuple[int, str, str]] = []
    seen: dict[str, tuple[int, str]] = {}
    key_idx = spec.columns.index(spec.key)
    for n, raw in enumerate(lines, start=1):
        raw = raw.rstrip(b"\r")
        if header_csv and n == 1:
            continue  # a CSV copy with its header row (e.g. committee_master_2026/cm26.csv); not a row, even if garbled
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append((n, raw.decode("utf-8", "replace"), "undecodable bytes (not UTF-8)"))
            continue
        if not text.strip():
            errors.append((n, text, "blank line"))
            continue
        if header_csv:
            try:
                fields = next(csv.reader(io.StringIO(text)))
            except csv.Error as exc:  # e.g. a stray carriage return inside an unquoted field
                errors.append((n, text, f"unreadable CSV line ({exc})"))
                continue
        else:
            fields = text.split("|")
        if n == 1 and not header_csv and fields[0].upper() == spec.columns[0]:
            errors.append((n, text, "header row: FEC bulk files have no header line"))
            continue
        if len(fields) != len(spec.columns):
            errors.append((n, text, f"wrong field count ({len(fields)} fields, expected {len(spec.columns)})"))
            continue
        key = fields[key_idx]
        if key in seen:
            first_line, first_text = seen[key]
            why = "exact duplicate of line" if first_text == text else f"second row for {spec.key} {key}; kept line"
            errors.append((n, text, f"{why} {first_line}"))
            continue
        seen[key] = (n, text)
        rows.append([str(n), *(f if f != "" else None for f in fields)])
    read = len(lines) - (1 if header_csv else 0)
    return rows, errors, read


