"""USAspending contract records -> award_records and award_transaction_records.

Reads Advanced Search results saved as CSV (display-name columns such as `Award ID`), custom and bulk
download CSVs (`Contracts_PrimeAwardSummaries`, `Contracts_PrimeTransactions`: snake_case columns) and
the API's JSON responses (spending_by_award, award detail, transactions). Formats and traps:
../shared/reference/contracts_and_ai_use.md §1-2 and §8. Unknown columns go to `extra`, never a crash.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.sources._files import LoadError
from etl.sources._usaspending_columns import (AWARD_COLUMNS, AWARD_FIELDS, DATE_COLUMNS, MONEY_COLUMNS,
                                              TRANSACTION_COLUMNS, TRANSACTION_FIELDS, Mapping)

__source__ = {"agency": "U.S. Department of the Treasury (USAspending.gov)", "url": "https://api.usaspending.gov"}

SOURCE = "usaspending"

# Award type words of indefinite-delivery vehicles (IDV_A ... IDV_E); "BPA CALL" is an order (type A).
_IDV_TYPE = re.compile(r"^(IDV|INDEFINITE DELIVERY|IDC\b|GWAC|GOVERNMENT[- ]WIDE ACQUISITION|FEDERAL SUPPLY SCHEDULE"
                       r"|FSS\b|BASIC ORDERING AGREEMENT|BOA\b|BLANKET PURCHASE AGREEMENT|BPA$)", re.I)
# The API's transaction id: CONT_TX_<agency>_<parent agency>_<PIID>_<modification>_<parent PIID>_<number>
_TX_ID = re.compile(r"^CONT_TX_([^_]+)_([^_]+)_([^_]+)_([^_]+)_([^_]+)_(\d+)$")


@dataclass
class Record:
    """One source record: its number, the physical line it starts on, its raw text and its fields."""

    no: int
    line: int
    raw: str
    fields: dict[str, str]


def recognise(path: Path) -> str | None:
    """The USAspending format of a file, judged by its name and first bytes, or None."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        cols = set(_csv_header(path))
        if "contract_transaction_unique_key" in cols:
            return "transactions_csv"
        if "contract_award_unique_key" in cols or "award_id_piid" in cols:
            return "awards_csv"
        if {"Award ID", "Recipient Name"} <= cols:
            return "search_csv"
    elif suffix == ".json" and not path.name.lower().endswith(".meta.json"):
        with open(path, "rb") as f:
            head = f.read(8192).decode("utf-8", errors="replace")
        if '"generated_unique_award_id"' in head:
            return "award_json"
        if '"spending_level"' in head or ('"page_metadata"' in head and '"Award ID"' in head):
            return "search_json"
        if '"CONT_TX_' in head or ('"federal_action_obligation"' in head and '"modification_number"' in head):
            return "transactions_json"
    return None


def _csv_header(path: Path) -> list[str]:
    with open(path, "rb") as f:
        first = f.read(65536).split(b"\n", 1)[0]
    try:
        return next(csv.reader([first.decode("utf-8-sig", errors="replace").rstrip("\r")]))
    except (StopIteration, csv.Error):
        return []


def load(con: duckdb.DuckDBPyConnection, path: Path) -> db.LoadResult:
    """Load one USAspending file; a newer file with the same name replaces the older one's rows."""
    fmt = recognise(path)
    if fmt is None:
        raise LoadError(f"{path}: not a USAspending file this loader knows (search/download CSV or API JSON)")
    t0 = time.perf_counter()
    sha = db.sha256_file(path)
    retrieved_at, basis, meta = _retrieval(path)
    # Search pages of different API queries share file names (contracts-page-00001.json); the query key parts them.
    dataset = f"usaspending:{meta['query_key']}/{path.name}" if meta.get("query_key") else f"usaspending:{path.name}"
    records, broken = _read(path, fmt)  # a file that cannot be read fails here, before anything is written
    with db.transaction(con):
        load_id = db.start_load(con, source=SOURCE, file_type=fmt, dataset=dataset, cycle=None, path=str(path),
                                member=None, sha256=sha)
        if done := db.unchanged(con, load_id, t0):
            return done
        params = {"load_id": load_id, "dataset": dataset, "file": path.name, "fmt": fmt,
                  "retrieved_at": retrieved_at, "basis": basis}
        loaded, bad, note = _write(con, fmt, records, params, meta)
        _record_broken(con, load_id, path, broken)
        con.execute("INSERT INTO load_errors SELECT $id, $p, _line, _raw, reason FROM usa_bad",
                    {"id": load_id, "p": str(path)})
        read, rejected = len(records) + len(broken), bad + len(broken)
        db.finish_load(con, load_id, "loaded", read, loaded, rejected)
        con.execute("UPDATE load_log SET note = $n WHERE load_id = $id", {"n": note, "id": load_id})
        for t in ("usa_stage", "usa_bad"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
    return db.LoadResult(load_id, str(path), fmt, dataset, "loaded", read, loaded, rejected, time.perf_counter() - t0)


def _write(con: duckdb.DuckDBPyConnection, fmt: str, records: list[Record], params: dict,
           meta: dict) -> tuple[int, int, str | None]:
    """Replace the dataset's rows with this file's; returns rows loaded, rows rejected for bad values, a note."""
    con.execute("DELETE FROM award_records WHERE dataset = $d", {"d": params["dataset"]})
    con.execute("DELETE FROM award_transaction_records WHERE dataset = $d", {"d": params["dataset"]})
    con.execute("CREATE OR REPLACE TEMP TABLE usa_bad (_no BIGINT, _line BIGINT, _raw VARCHAR, reason VARCHAR)")
    if not fmt.startswith("transactions"):
        _stage(con, records, AWARD_COLUMNS[fmt], AWARD_FIELDS)
        _find_bad_values(con)
        return _insert(con, INSERT_AWARDS, params), _count(con, "usa_bad"), None
    def stage_transactions() -> None:
        _stage(con, records, TRANSACTION_COLUMNS[fmt], TRANSACTION_FIELDS, award_id=meta.get("award_id"))

    stage_transactions()
    _find_bad_values(con)
    note = None
    if fmt == "transactions_csv":
        # A record whose award-level figures do not parse is rejected whole, transaction included.
        _stage(con, records, AWARD_COLUMNS[fmt], AWARD_FIELDS, keep_extra=False)
        _find_bad_values(con)
        note = f"also {_insert(con, INSERT_LATEST_AWARDS, params):,} award snapshot(s) from the latest transaction of each award"
        stage_transactions()
    return _insert(con, INSERT_TRANSACTIONS, params), _count(con, "usa_bad"), note


def _retrieval(path: Path) -> tuple[datetime, str, dict]:
    """When the file was fetched: from <file>.meta.json written by `moneytrail fetch`, else its mtime."""
    meta_path = path.with_name(path.name + ".meta.json")
    if meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            when = datetime.fromisoformat(meta["retrieved_at"]).astimezone(timezone.utc).replace(tzinfo=None)
            return when, "fetch", meta
        except (ValueError, KeyError, TypeError) as exc:
            raise LoadError(f"{meta_path}: unreadable fetch record ({exc}); delete it or fetch the file again") from exc
    mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).replace(tzinfo=None)
    return mtime, "file_mtime", {}


def _read(path: Path, fmt: str) -> tuple[list[Record], list[tuple[int, str, str]]]:
    """Records of the file, plus (line, raw text, reason) for records too broken to read."""
    try:
        if fmt.endswith("_csv"):
            return _read_csv(path)
        return _read_json(path, fmt), []
    except UnicodeDecodeError as exc:
        raise LoadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}); USAspending files are UTF-8") from exc


def _read_csv(path: Path) -> tuple[list[Record], list[tuple[int, str, str]]]:
    records: list[Record] = []
    broken: list[tuple[int, str, str]] = []
    consumed: list[str] = []

    def lines(f):  # keep the exact text of each record (quoted fields may span lines)
        for text in f:
            consumed.append(text)
            yield text

    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(lines(f))
        header = next(reader, None)
        if not header:
            raise LoadError(f"{path}: empty file, no header line")
        start = reader.line_num + 1
        consumed.clear()
        for row in reader:
            raw = "".join(consumed).rstrip("\r\n")
            consumed.clear()
            if len(row) == len(header):
                records.append(Record(len(records) + 1, start, raw, dict(zip(header, row))))
            elif any(v.strip() for v in row):
                broken.append((start, raw, f"wrong field count ({len(row)} fields, header has {len(header)})"))
            else:
                broken.append((start, raw, "blank line"))
            start = reader.line_num + 1
    return records, broken


def _read_json(path: Path, fmt: str) -> list[Record]:
    try:
        # parse_float keeps the exact decimal text, so money never passes through a float.
        doc = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise LoadError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})") from exc
    items = [doc] if fmt == "award_json" else doc.get("results") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise LoadError(f"{path}: expected a JSON object with a results list (USAspending API response)")
    return [Record(i, i, json.dumps(item, ensure_ascii=False)[:10000], _flatten(item)) for i, item in enumerate(items, 1)]


def _flatten(value: object, prefix: str = "") -> dict[str, str]:
    """Nested JSON objects as dotted paths (recipient.recipient_uei); lists stay JSON text."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}{k}."))
        return out
    if value is None:
        return {prefix[:-1]: ""}
    if isinstance(value, bool):
        return {prefix[:-1]: str(value).lower()}
    return {prefix[:-1]: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}


def _stage(con: duckdb.DuckDBPyConnection, records: list[Record], mapping: Mapping, fields: tuple[str, ...],
           keep_extra: bool = True, award_id: str | None = None) -> None:
    """Map every record onto the target fields (all text) in the temp table usa_stage."""
    cols: dict[str, list] = {k: [] for k in ("_no", "_line", "_raw", *fields, "extra")}
    for r in records:
        used: set[str] = set()
        row: dict[str, str | None] = {}
        for target in fields:
            row[target] = None
            for name in mapping.get(target, ()):
                v = r.fields.get(name, "").strip()
                if v:
                    row[target], _ = v, used.add(name)
                    break
        _derive(row, fields, award_id)
        extra = {k: v for k, v in r.fields.items() if k not in used and v.strip()}
        for k, v in (("_no", r.no), ("_line", r.line), ("_raw", r.raw), *row.items()):
            cols[k].append(v)
        cols["extra"].append(json.dumps(extra, ensure_ascii=False) if keep_extra and extra else None)
    table = pa.table({k: pa.array(v, type=pa.int64() if k in ("_no", "_line") else pa.string()) for k, v in cols.items()})
    con.register("usa_arrow", table)
    con.execute("CREATE OR REPLACE TEMP TABLE usa_stage AS SELECT * FROM usa_arrow")
    con.unregister("usa_arrow")


def _derive(row: dict[str, str | None], fields: tuple[str, ...], award_id: str | None) -> None:
    """Fill the key, its kind and the award category, which no file states in one column."""
    if "transaction_key" in fields:
        row["award_key"] = row.get("award_key") or award_id or _award_key_of_transaction(row["transaction_key"] or "")
        row["piid"] = row.get("piid") or _piid_of_key(row["award_key"] or "")
        return
    key = row["award_key"]
    if key:
        row["award_key_kind"] = "usaspending"
    else:
        basis = "|".join(row[k] or "" for k in ("awarding_agency", "awarding_sub_agency", "recipient_name", "start_date"))
        row["award_key"] = f"SURR_{row['piid']}_{hashlib.md5(basis.encode()).hexdigest()[:12]}"
        row["award_key_kind"] = "surrogate"
    is_idv = (row["award_key"].startswith("CONT_IDV_") or (row["award_type_code"] or "").upper().startswith("IDV")
              or bool(_IDV_TYPE.match(row["award_type"] or "")))
    row["award_category"] = "idv" if is_idv else "contract"


def _award_key_of_transaction(tx_id: str) -> str | None:
    m = _TX_ID.match(tx_id)
    if not m:
        return None
    agency, parent_agency, piid, _mod, parent_piid, _n = m.groups()
    return f"CONT_AWD_{piid}_{agency}_{parent_piid}_{parent_agency}"


def _piid_of_key(award_key: str) -> str | None:
    parts = award_key.split("_")
    return parts[2] if len(parts) > 3 and parts[0] == "CONT" else None


def _find_bad_values(con: duckdb.DuckDBPyConnection) -> None:
    """Add to usa_bad the staged records whose key is missing or whose money or dates do not parse."""
    cols = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'usa_stage'").fetchall()}
    checks = [f"WHEN {c} IS NOT NULL AND usa_money({c}) IS NULL THEN 'bad {c}: ' || {c}" for c in MONEY_COLUMNS if c in cols]
    checks += [f"WHEN {c} IS NOT NULL AND usa_date({c}) IS NULL THEN 'bad {c}: ' || {c}" for c in DATE_COLUMNS if c in cols]
    key = "transaction_key" if "transaction_key" in cols else "award_key"
    checks.insert(0, f"WHEN {key} IS NULL THEN 'no {key.replace('_', ' ')}'")
    if key == "transaction_key":
        checks.insert(1, "WHEN award_key IS NULL THEN 'cannot tell which award this transaction belongs to'")
    con.execute(f"""INSERT INTO usa_bad
                    SELECT _no, _line, _raw, CASE {' '.join(checks)} END AS reason FROM usa_stage
                    WHERE reason IS NOT NULL AND _no NOT IN (SELECT _no FROM usa_bad)""")


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def _insert(con: duckdb.DuckDBPyConnection, sql: str, params: dict) -> int:
    return int(con.execute(sql, params).fetchall()[0][0])


def _record_broken(con: duckdb.DuckDBPyConnection, load_id: int, path: Path, broken: list[tuple[int, str, str]]) -> None:
    if broken:
        con.executemany("INSERT INTO load_errors VALUES (?, ?, ?, ?, ?)",
                        [(load_id, str(path), line, raw, reason) for line, raw, reason in broken])


_AWARD_SELECT = """
SELECT award_key, award_key_kind, piid, parent_piid, award_category, upper(award_type), upper(award_type_code),
       recipient_name, recipient_uei, recipient_parent_name, recipient_parent_uei,
       awarding_agency, awarding_sub_agency, awarding_office, funding_agency, funding_sub_agency,
       usa_money(obligated), usa_money(current_value), usa_money(potential_value), usa_money(outlays),
       usa_date(start_date), usa_date(end_date), usa_date(potential_end_date), usa_date(last_modified_date),
       description, naics, naics_description, psc, psc_description,
       'usaspending', $fmt, $retrieved_at, $basis, $dataset, $load_id, $file, _no, extra::JSON
FROM usa_stage
WHERE _no NOT IN (SELECT _no FROM usa_bad)
"""

INSERT_AWARDS = "INSERT INTO award_records " + _AWARD_SELECT

INSERT_LATEST_AWARDS = ("INSERT INTO award_records " + _AWARD_SELECT +
                        "QUALIFY row_number() OVER (PARTITION BY award_key ORDER BY usa_date(action_date) DESC NULLS LAST, _no DESC) = 1")

INSERT_TRANSACTIONS = """
INSERT INTO award_transaction_records
SELECT transaction_key, award_key, CASE WHEN award_key LIKE 'CONT_%' THEN 'usaspending' ELSE 'fpds' END, piid,
       modification_number, usa_date(action_date), upper(action_type), upper(action_type_description),
       usa_money(federal_action_obligation), usa_money(base_and_exercised_options_value),
       usa_money(base_and_all_options_value), description,
       'usaspending', $fmt, $retrieved_at, $basis, $dataset, $load_id, $file, _no, extra::JSON
FROM usa_stage
WHERE _no NOT IN (SELECT _no FROM usa_bad)
"""
