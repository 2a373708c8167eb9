"""USAspending contract records -> award_records and award_transaction_records.

Reads Advanced Search results saved as CSV (display-name columns such as `Award ID`), custom and bulk
download CSVs (`Contracts_PrimeAwardSummaries`, `Contracts_PrimeTransactions`: snake_case columns) and
the API's JSON responses (spending_by_award, award detail, transactions). Formats and traps:
../shared/reference/contracts_and_ai_use.md §1-2 and §8. Unknown columns go to `extra`, never a crash.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.net.files import LoadError
from etl.net.meta import MetaError, read_meta, retrieved_at
from etl.net.progress import Progress
from etl.sources.usaspending.columns import (
    AWARD_COLUMNS,
    AWARD_FIELDS,
    DATE_COLUMNS,
    MONEY_COLUMNS,
    TRANSACTION_COLUMNS,
    TRANSACTION_FIELDS,
    Mapping,
)
from etl.sources.usaspending.read import Record, read, recognise

NAME = "usaspending"

# Award type words of indefinite-delivery vehicles (IDV_A ... IDV_E); "BPA CALL" is an order (type A).
_IDV_TYPE = re.compile(r"^(IDV|INDEFINITE DELIVERY|IDC\b|GWAC|GOVERNMENT[- ]WIDE ACQUISITION|FEDERAL SUPPLY SCHEDULE"
                       r"|FSS\b|BASIC ORDERING AGREEMENT|BOA\b|BLANKET PURCHASE AGREEMENT|BPA$)", re.I)
# The API's transaction id: CONT_TX_<agency>_<parent agency>_<PIID>_<modification>_<parent PIID>_<number>
_TX_ID = re.compile(r"^CONT_TX_([^_]+)_([^_]+)_([^_]+)_([^_]+)_([^_]+)_(\d+)$")


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one USAspending file; a newer file with the same name replaces the older one's rows."""
    found = recognise(path)
    if found is None:
        raise LoadError(f"{path}: not a USAspending file this loader knows (search/download CSV or API JSON)")
    fmt, t0 = found.kind, time.perf_counter()
    when, basis, meta = _retrieval(path)
    # Search pages of different API queries share file names (contracts-page-00001.json); the query key parts them.
    dataset = f"usaspending:{meta['query_key']}/{path.name}" if meta.get("query_key") else f"usaspending:{path.name}"
    records, broken = read(path, fmt)  # a file that cannot be read fails here, before anything is written

    def write(ld: db.Loading) -> db.Counts:
        params = {"load_id": ld.load_id, "dataset": dataset, "file": path.name, "fmt": fmt,
                  "retrieved_at": when, "basis": basis}
        ld.temp("usa_stage")
        ld.temp("usa_bad")
        loaded, bad, note = _write(con, fmt, records, params, meta)
        ld.reject(broken)
        con.execute("INSERT INTO load_errors SELECT $id, $p, _line, _raw, reason FROM usa_bad",
                    {"id": ld.load_id, "p": ld.where})
        return db.Counts(len(records) + len(broken), loaded, bad + len(broken), note)

    return db.load_file(con, db.FileLoad(NAME, fmt, dataset, path), write, started=t0)


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
    try:
        meta = read_meta(path, strict=True)
    except MetaError as exc:
        raise LoadError(f"{exc}; delete it or fetch the file again") from exc
    if meta:
        if (when := retrieved_at(meta)) is None:
            raise LoadError(f"{path}.meta.json: unreadable fetch record (no retrieved_at); delete it or fetch the "
                            "file again")
        return when, "fetch", meta
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
    return mtime, "file_mtime", {}


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
                        "QUALIFY row_number() OVER (PARTITION BY award_key "
                        "ORDER BY usa_date(action_date) DESC NULLS LAST, _no DESC) = 1")

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
