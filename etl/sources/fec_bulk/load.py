"""FEC bulk files (indiv, oth, pas2, oppexp, cm, cn, ccl): zip or member -> DuckDB.

Format and traps: ../shared/reference/fec.md §1 (pipe-delimited, no header, no quoting, LF lines,
MMDDYYYY dates except oppexp's MM/DD/YYYY, 26 fields in oppexp, by_date/ copies inside new zips).
"""

from __future__ import annotations

import csv
import io
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb
import pyarrow as pa

from etl import config, db
from etl.rules import apply_cross_file_rules
from etl.sources._http import FetchError, FetchSummary, Http, Progress, check_zip
from etl.sources._files import (
    LineCount,
    LoadError,
    blank_lines,
    extracted,
    record_blank_lines,
    record_rejects,
    zip_members,
)

__source__ = {"agency": "Federal Election Commission", "url": "https://www.fec.gov/data/browse-data/?tab=bulk-data"}

SOURCE = "fec_bulk"

TXN_COLS = ("CMTE_ID AMNDT_IND RPT_TP TRANSACTION_PGI IMAGE_NUM TRANSACTION_TP ENTITY_TP NAME CITY STATE "
            "ZIP_CODE EMPLOYER OCCUPATION TRANSACTION_DT TRANSACTION_AMT OTHER_ID TRAN_ID FILE_NUM MEMO_CD "
            "MEMO_TEXT SUB_ID").split()
PAS2_COLS = TXN_COLS[:16] + ["CAND_ID"] + TXN_COLS[16:]
# oppexp lines end with '|': a 26th, empty field the 25-name header does not mention (fec.md §1.4 item 7)
OPPEXP_COLS = ("CMTE_ID AMNDT_IND RPT_YR RPT_TP IMAGE_NUM LINE_NUM FORM_TP_CD SCHED_TP_CD NAME CITY STATE "
               "ZIP_CODE TRANSACTION_DT TRANSACTION_AMT TRANSACTION_PGI PURPOSE CATEGORY CATEGORY_DESC MEMO_CD "
               "MEMO_TEXT ENTITY_TP SUB_ID FILE_NUM TRAN_ID BACK_REF_TRAN_ID TRAILING_EMPTY").split()
CM_COLS = ("CMTE_ID CMTE_NM TRES_NM CMTE_ST1 CMTE_ST2 CMTE_CITY CMTE_ST CMTE_ZIP CMTE_DSGN CMTE_TP "
           "CMTE_PTY_AFFILIATION CMTE_FILING_FREQ ORG_TP CONNECTED_ORG_NM CAND_ID").split()
CN_COLS = ("CAND_ID CAND_NAME CAND_PTY_AFFILIATION CAND_ELECTION_YR CAND_OFFICE_ST CAND_OFFICE "
           "CAND_OFFICE_DISTRICT CAND_ICI CAND_STATUS CAND_PCC CAND_ST1 CAND_ST2 CAND_CITY CAND_ST CAND_ZIP").split()
CCL_COLS = "CAND_ID CAND_ELECTION_YR FEC_ELECTION_YR CMTE_ID CMTE_TP CMTE_DSGN LINKAGE_ID".split()

# Per-row cycle for loose files without a cycle in their name: the even year that ends the two-year period.
_ROW_CYCLE = "coalesce($cycle, year({dt}) + year({dt}) % 2)"

INDIV_INSERT = f"""
INSERT INTO contributions
SELECT 'fec:' || SUB_ID, 'fec_bulk', $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')},
       CMTE_ID,
       CASE WHEN TRANSACTION_TP IN ('24T', '24I') THEN OTHER_ID ELSE CMTE_ID END,
       CASE WHEN TRANSACTION_TP = '15E' THEN OTHER_ID
            WHEN TRANSACTION_TP IN ('24T', '24I') THEN CMTE_ID END,
       NULL, TRANSACTION_TP, ENTITY_TP, NAME, CITY, STATE, ZIP_CODE, EMPLOYER, OCCUPATION,
       TRANSACTION_DT, TRANSACTION_AMT, NULL, MEMO_CD, MEMO_TEXT, AMNDT_IND, RPT_TP, TRANSACTION_PGI,
       IMAGE_NUM, FILE_NUM, TRAN_ID, NULL, OTHER_ID, SUB_ID,
       contribution_count_rule(MEMO_CD, TRANSACTION_TP, NULL),
       NULL, NULL, NULL, NULL
FROM {{reader}}
"""

# oth and pas2 share one table; pas2 adds CAND_ID after OTHER_ID (fec.md §1.4 item 3)
COMMITTEE_ROWS_INSERT = f"""
INSERT INTO committee_transaction_rows
SELECT '{{file_type}}', SUB_ID, $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')}, CMTE_ID, AMNDT_IND,
       RPT_TP, TRANSACTION_PGI, IMAGE_NUM, TRANSACTION_TP, ENTITY_TP, NAME, CITY, STATE, ZIP_CODE, EMPLOYER,
       OCCUPATION, TRANSACTION_DT, TRANSACTION_AMT, OTHER_ID, {{cand_id}}, TRAN_ID, FILE_NUM, MEMO_CD, MEMO_TEXT
FROM {{reader}}
"""

OPPEXP_INSERT = f"""
INSERT INTO operating_expenditures
SELECT SUB_ID, $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')}, CMTE_ID, AMNDT_IND, RPT_YR,
       RPT_TP, IMAGE_NUM, LINE_NUM, FORM_TP_CD, SCHED_TP_CD, NAME, CITY, STATE, ZIP_CODE, TRANSACTION_DT,
       TRANSACTION_AMT, TRANSACTION_PGI, PURPOSE, CATEGORY, CATEGORY_DESC, MEMO_CD, MEMO_TEXT, ENTITY_TP,
       FILE_NUM, TRAN_ID, BACK_REF_TRAN_ID
FROM {{reader}}
"""

# Masters are small: parsed to text in Python (exact line numbers, duplicate lines found), cast in SQL.
CM_INSERT = """
INSERT INTO committees
SELECT CMTE_ID, $cycle, CMTE_NM, TRES_NM, CMTE_ST1, CMTE_ST2, CMTE_CITY, CMTE_ST, CMTE_ZIP, CMTE_DSGN,
       CMTE_TP, CMTE_PTY_AFFILIATION, CMTE_FILING_FREQ, ORG_TP, CONNECTED_ORG_NM, CAND_ID, $load_id
FROM staging
"""
CN_INSERT = """
INSERT INTO candidates
SELECT CAND_ID, $cycle, CAND_NAME, CAND_PTY_AFFILIATION, CAND_ELECTION_YR::INTEGER, CAND_OFFICE_ST,
       CAND_OFFICE, CAND_OFFICE_DISTRICT, CAND_ICI, CAND_STATUS, CAND_PCC, CAND_ST1, CAND_ST2, CAND_CITY,
       CAND_ST, CAND_ZIP, $load_id
FROM staging
"""
CCL_INSERT = """
INSERT INTO candidate_committee_links
SELECT LINKAGE_ID, $cycle, CAND_ID, CAND_ELECTION_YR::INTEGER, FEC_ELECTION_YR::INTEGER, CMTE_ID, CMTE_TP,
       CMTE_DSGN, $load_id
FROM staging
"""


@dataclass(frozen=True)
class Spec:
    """How one FEC bulk file type is read and where it goes."""

    file_type: str
    member: str
    columns: list[str]
    table: str
    insert: str
    dateformat: str = "%m%d%Y"
    key: str = "SUB_ID"
    ints: tuple[str, ...] = ()
    replaces_by: str = "dataset"  # masters hold one row per ID per cycle, so a new file replaces its cycle


SPECS: dict[str, Spec] = {
    "indiv": Spec("indiv", "itcont.txt", TXN_COLS, "contributions", INDIV_INSERT),
    "oth": Spec("oth", "itoth.txt", TXN_COLS, "committee_transaction_rows",
                COMMITTEE_ROWS_INSERT.replace("{file_type}", "oth").replace("{cand_id}", "NULL")),
    "pas2": Spec("pas2", "itpas2.txt", PAS2_COLS, "committee_transaction_rows",
                 COMMITTEE_ROWS_INSERT.replace("{file_type}", "pas2").replace("{cand_id}", "CAND_ID")),
    "oppexp": Spec("oppexp", "oppexp.txt", OPPEXP_COLS, "operating_expenditures", OPPEXP_INSERT,
                   dateformat="%m/%d/%Y", ints=("RPT_YR",)),
    "cm": Spec("cm", "cm.txt", CM_COLS, "committees", CM_INSERT, key="CMTE_ID", replaces_by="cycle"),
    "cn": Spec("cn", "cn.txt", CN_COLS, "candidates", CN_INSERT, key="CAND_ID",
               ints=("CAND_ELECTION_YR",), replaces_by="cycle"),
    "ccl": Spec("ccl", "ccl.txt", CCL_COLS, "candidate_committee_links", CCL_INSERT, key="LINKAGE_ID",
                ints=("CAND_ELECTION_YR", "FEC_ELECTION_YR"), replaces_by="cycle"),
}
STREAMED = {"indiv", "oth", "pas2", "oppexp"}
MEMBER_TO_TYPE = {s.member: t for t, s in SPECS.items()}

_ZIP_RE = re.compile(r"^(indiv|oth|pas2|oppexp|cm|cn|ccl)(\d\d)\.zip$", re.I)
# Loose members: itcont.txt, itcont_<anything>.txt, cm26.csv, ... (never the *_header_file.csv dictionaries)
_LOOSE_RE = re.compile(r"^(itcont|itoth|itpas2|oppexp|cm|cn|ccl)(\d\d)?(?:_(?!header)[^.]*)?\.(txt|csv)$", re.I)
_BY_DATE_RE = re.compile(r"^itcont_\d{4}_", re.I)
_LOOSE_TYPE = {"itcont": "indiv", "itoth": "oth", "itpas2": "pas2", "oppexp": "oppexp", "cm": "cm",
               "cn": "cn", "ccl": "ccl"}


@dataclass(frozen=True)
class BulkFile:
    """A recognised FEC bulk file: its type, cycle, zip member and replacement key."""

    path: Path
    file_type: str
    cycle: int | None
    member: str | None
    dataset: str


def _cycle(two_digits: str | None) -> int | None:
    return 2000 + int(two_digits) if two_digits else None


def recognise(path: Path) -> BulkFile | None:
    """Recognise an FEC bulk file by FEC's names (indiv20.zip, cm26.csv, itcont.txt, ...); None otherwise."""
    name = path.name
    if m := _ZIP_RE.match(name):
        file_type = m.group(1).lower()
        cycle = _cycle(m.group(2))
        return BulkFile(path, file_type, cycle, SPECS[file_type].member, f"{file_type}{cycle}")
    if path.parent.name == "by_date" or _BY_DATE_RE.match(name):
        return None  # partial copies of itcont.txt rows (fec.md §1.2)
    if m := _LOOSE_RE.match(name):
        file_type = _LOOSE_TYPE[m.group(1).lower()]
        cycle = _cycle(m.group(2))
        if file_type in ("cm", "cn", "ccl") and cycle is None:
            return None  # a master without a cycle cannot be placed
        dataset = f"{file_type}{cycle}" if name.lower() == f"{m.group(1).lower()}{m.group(2)}.{m.group(3)}" and cycle \
            else f"{file_type}:{name}"
        return BulkFile(path, file_type, cycle, None, dataset)
    return None


def load(con: duckdb.DuckDBPyConnection, path: Path, on_bytes: Callable[[int], None] | None = None) -> db.LoadResult:
    """Load one FEC bulk file; same sha256 as the last load of its dataset changes nothing."""
    t0 = time.perf_counter()
    bf = recognise(Path(path))
    if bf is None:
        raise LoadError(f"{path}: not an FEC bulk file name (expected e.g. indiv26.zip, cm26.zip, itcont.txt)")
    member = _main_member(bf)
    sha = db.sha256_file(bf.path)
    where = f"{bf.path}!{member}" if member else str(bf.path)
    with db.transaction(con):
        load_id = db.start_load(con, source=SOURCE, file_type=bf.file_type, dataset=bf.dataset, cycle=bf.cycle,
                                path=str(bf.path), member=member, sha256=sha)
        if done := db.unchanged(con, load_id, t0):
            return done
        spec = SPECS[bf.file_type]
        con.execute(f"DELETE FROM {spec.table} WHERE {spec.replaces_by} = $v",
                    {"v": bf.dataset if spec.replaces_by == "dataset" else bf.cycle})
        with extracted(bf.path, member, on_bytes) as (plain, lines):
            if bf.file_type in STREAMED:
                read, loaded, rejected = _load_streamed(con, spec, bf, plain, lines, load_id, where)
            else:
                read, loaded, rejected = _load_master(con, spec, bf, plain, load_id, where)
        db.finish_load(con, load_id, "loaded", read, loaded, rejected)
        if spec.table == "contributions":
            apply_cross_file_rules(con)
    return db.LoadResult(load_id, str(bf.path), bf.file_type, bf.dataset, "loaded", read, loaded, rejected,
                         time.perf_counter() - t0)


def _main_member(bf: BulkFile) -> str | None:
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


def _load_streamed(con: duckdb.DuckDBPyConnection, spec: Spec, bf: BulkFile, plain: Path, lines: LineCount,
                   load_id: int, where: str) -> tuple[int, int, int]:
    read = lines.total
    if read == 0:
        raise LoadError(f"{where}: the file is empty (0 lines); an FEC bulk file always has rows, download it again")
    rejects = f"rejects_{load_id}"
    sql = spec.insert.format(reader=_reader_sql(spec, plain, rejects))
    loaded = con.execute(sql, {"dataset": bf.dataset, "load_id": load_id, "cycle": bf.cycle}).fetchall()[0][0]
    rejected = record_rejects(con, load_id, where, rejects, spec.columns[0])
    if loaded + rejected < read:  # only then look for the blank lines DuckDB skipped
        rejected += record_blank_lines(con, load_id, where, blank_lines(plain))
    _check_unique(con, spec, bf, where)
    return read, int(loaded), rejected


def _check_unique(con: duckdb.DuckDBPyConnection, spec: Spec, bf: BulkFile, where: str) -> None:
    key = "contribution_id" if spec.table == "contributions" else "sub_id"
    dup = con.execute(
        f"SELECT {key}, count(*) FROM {spec.table} WHERE dataset = $d GROUP BY 1 HAVING count(*) > 1 LIMIT 3",
        {"d": bf.dataset},
    ).fetchall()
    if dup:
        raise LoadError(f"{where}: SUB_ID repeats within the file ({dup}); the FEC documents it as unique")


def _load_master(con: duckdb.DuckDBPyConnection, spec: Spec, bf: BulkFile, plain: Path, load_id: int,
                 where: str) -> tuple[int, int, int]:
    rows, errors, read = _parse_master(spec, plain)
    names = ["LINE_NO", *spec.columns]
    table = pa.table({c: pa.array([r[i] for r in rows], pa.string()) for i, c in enumerate(names)})
    con.register("staging_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE staging AS SELECT * FROM staging_arrow")
    con.unregister("staging_arrow")
    for col in spec.ints:
        bad = con.execute(
            f'SELECT LINE_NO, "{col}" FROM staging WHERE "{col}" IS NOT NULL AND TRY_CAST("{col}" AS INTEGER) IS NULL'
        ).fetchall()
        for line_no, value in bad:
            errors.append((int(line_no), _raw(rows, line_no), f"bad {col.lower()}: {value!r} is not a number"))
        con.execute(f'DELETE FROM staging WHERE "{col}" IS NOT NULL AND TRY_CAST("{col}" AS INTEGER) IS NULL')
    loaded = con.execute(spec.insert, {"cycle": bf.cycle, "load_id": load_id}).fetchall()[0][0]
    con.execute("DROP TABLE staging")
    if errors:
        con.executemany("INSERT INTO load_errors VALUES (?, ?, ?, ?, ?)",
                        [(load_id, where, n, raw, reason) for n, raw, reason in errors])
    return read, int(loaded), len(errors)


def _raw(rows: list[list[str | None]], line_no: str) -> str:
    for r in rows:
        if r[0] == line_no:
            return "|".join(v or "" for v in r[1:])
    return ""


def _parse_master(spec: Spec, plain: Path) -> tuple[list[list[str | None]], list[tuple[int, str, str]], int]:
    """Split a master file into text fields; wrong field counts, bad bytes and duplicate keys become errors."""
    data = plain.read_bytes()
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
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            errors.append((n, raw.decode("utf-8", "replace"), "undecodable bytes (not UTF-8)"))
            continue
        if header_csv and n == 1:
            continue  # a CSV copy with its header row (e.g. committee_master_2026/cm26.csv)
        if not text.strip():
            errors.append((n, text, "blank line"))
            continue
        if header_csv:
            fields = next(csv.reader(io.StringIO(text)))
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


BULK_TYPES = ("indiv", "cm", "cn", "ccl", "oth", "pas2", "oppexp")


def fetch(http: Http, raw: Path, cycle: int, types: list[str], progress_for: Callable[[str], Progress] | None = None,
          base: str | None = None) -> FetchSummary:
    """Download FEC bulk zips ({base}/{cycle}/{type}{yy}.zip) into raw/fec-bulk/{cycle}/, each verified as a whole zip."""
    if cycle % 2:
        raise FetchError(f"cycle {cycle}: FEC cycles are named by their even year (e.g. 2026)")
    unknown = sorted(set(types) - set(BULK_TYPES))
    if unknown:
        raise FetchError(f"unknown bulk type(s) {', '.join(unknown)}; choose from {', '.join(BULK_TYPES)}")
    base = (base or config.settings().fec_bulk_base).rstrip("/")
    summary = FetchSummary(SOURCE, f"FEC bulk files {cycle}: {', '.join(types)}", [])
    for t in types:
        name = f"{t}{cycle % 100:02d}.zip"
        got = http.download(f"{base}/{cycle}/{name}", raw / "fec-bulk" / str(cycle) / name, validate=check_zip,
                            progress=progress_for(name) if progress_for else None)
        summary.add(got)
    return summary
