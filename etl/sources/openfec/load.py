"""Load one saved OpenFEC Schedule A page (raw/openfec/<query_key>/page-NNNNN.json), or a plain JSON array of its
result objects, into `contributions`; a reports/filings answer goes to reports.py.

Field mapping (API -> column; fec.md §3.4): sub_id, committee_id -> filer_cmte_id, contributor_name,
contributor_city/state/zip, contributor_employer/occupation, contribution_receipt_date -> transaction_dt,
contribution_receipt_amount -> amount, contributor_aggregate_ytd -> aggregate_amount, receipt_type ->
transaction_tp, memo_code/memo_text, amendment_indicator, report_type, election_type -> transaction_pgi,
image_number, file_number, transaction_id -> tran_id, back_reference_transaction_id, entity_type,
contributor_id -> other_id (the bulk OTHER_ID: "that contributor's FEC ID", fec.md §1.3),
conduit_committee_id -> conduit_cmte_id (else derived from other_id as for bulk rows). Recipient and
conduit follow the bulk rules (24T/24I credited to other_id). Other fields (nested committee, candidate_*,
addresses) are not kept. source_url is the docquery page image of image_number (the API's pdf_url).

Rows read = results in the page; each is loaded or rejected into load_errors with line_no = the
result's 1-based position in the page's results list. The same FEC record from a bulk file or from
another page is counted once by etl/rules.py (duplicate_of_bulk, duplicate_row).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.net.files import LoadError, strip_bom
from etl.net.meta import read_meta
from etl.net.progress import Progress
from etl.sources.base import Recognised
from etl.sources.openfec import reports

NAME = "openfec"
ORDER = 7  # with the e-filings, after the bulk files
_CMTE_RE = re.compile(r"^C\d{8}$")

# (stage column, API field)
FIELDS = [("sub_id", "sub_id"), ("committee_id", "committee_id"), ("period", "two_year_transaction_period"),
          ("receipt_type", "receipt_type"), ("entity_type", "entity_type"), ("name", "contributor_name"),
          ("city", "contributor_city"), ("state", "contributor_state"), ("zip", "contributor_zip"),
          ("employer", "contributor_employer"), ("occupation", "contributor_occupation"),
          ("date", "contribution_receipt_date"), ("amount", "contribution_receipt_amount"),
          ("aggregate", "contributor_aggregate_ytd"), ("memo_code", "memo_code"), ("memo_text", "memo_text"),
          ("amendment", "amendment_indicator"), ("report_type", "report_type"), ("election_type", "election_type"),
          ("image_number", "image_number"), ("file_number", "file_number"), ("transaction_id", "transaction_id"),
          ("back_ref", "back_reference_transaction_id"), ("contributor_id", "contributor_id"),
          ("conduit_id", "conduit_committee_id")]
STAGE_COLS = ["pos"] + [c for c, _ in FIELDS]

INSERT_SQL = """
INSERT INTO contribution_rows (contribution_id, source, dataset, load_id, cycle, filer_cmte_id, recipient_cmte_id,
    conduit_cmte_id, form_type, transaction_tp, entity_tp, contributor_name, city, state, zip_code, employer,
    occupation, transaction_dt, amount, aggregate_amount, memo_cd, memo_text, amndt_ind, rpt_tp, transaction_pgi,
    image_num, file_num, tran_id, back_ref_tran_id, other_id, sub_id, count_rule, line_no)
SELECT 'openfec:' || sub_id, 'openfec', $dataset, $load_id,
       coalesce(TRY_CAST(period AS INTEGER), $period, fec_cycle(date::DATE)),
       committee_id, earmark_recipient(receipt_type, committee_id, contributor_id),
       coalesce(conduit_id, earmark_conduit(receipt_type, committee_id, contributor_id)),
       NULL, receipt_type, entity_type, name, city, state, zip, employer, occupation,
       date::DATE, amount::DECIMAL(14, 2), aggregate::DECIMAL(14, 2), memo_code, memo_text, amendment,
       report_type, election_type, image_number, TRY_CAST(file_number AS BIGINT), transaction_id, back_ref,
       contributor_id, sub_id, contribution_count_rule(memo_code, receipt_type, NULL), pos::BIGINT
FROM openfec_stage
"""


def recognise(path: Path) -> Recognised | None:
    """A saved OpenFEC Schedule A page: a JSON answer with the API envelope and receipt fields."""
    name = path.name.lower()
    if path.suffix.lower() != ".json" or name.endswith((".meta.json", ".part.json")):
        return None
    try:
        with open(path, "rb") as f:
            head = f.read(65536).decode("utf-8", errors="replace")
    except OSError:
        return None
    if reports.is_reports(head):
        return Recognised(path, reports.KIND, ORDER - 1)  # before the e-filings, whose status it decides
    page = '"api_version"' in head and ('"contribution_receipt_date"' in head
                                        or '"last_contribution_receipt_date"' in head
                                        or ('"results": []' in head and "page-" in name))
    # a plain JSON array of schedule_a result objects (merged pages saved by another tool) loads like a page
    array = head.lstrip().startswith("[") and '"contribution_receipt_date"' in head and '"sub_id"' in head
    return Recognised(path, "openfec", ORDER) if page or array else None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one page; loading it again changes nothing, a changed copy (a re-check pass) replaces its rows."""
    path = Path(path)
    if (got := recognise(path)) is not None and got.kind == reports.KIND:
        return reports.load(con, path, progress)
    dataset = f"openfec:{path.parent.name}/{path.stem}"

    def write(ld: db.Loading) -> db.Counts:
        results = _results(path)
        rows, errors = _rows(results)
        con.execute("DELETE FROM contribution_rows WHERE dataset = $d", {"d": dataset})
        ld.stage("openfec_stage", pa.table({c: pa.array([r[i] for r in rows], pa.string())
                                            for i, c in enumerate(STAGE_COLS)}))
        period = read_meta(path).get("query", {}).get("two_year_transaction_period")
        loaded = con.execute(INSERT_SQL, {"dataset": dataset, "load_id": ld.load_id,
                                          "period": period if isinstance(period, int) else None}).fetchall()[0][0]
        return db.Counts(len(results), int(loaded), ld.reject(errors))

    return db.load_file(con, db.FileLoad(NAME, "openfec", dataset, path), write)


def _results(path: Path) -> list:
    try:  # amounts kept as their exact decimal text
        data = json.loads(strip_bom(path.read_bytes()), parse_float=str)
    except (ValueError, UnicodeDecodeError) as exc:
        raise LoadError(f"{path}: not valid JSON ({exc}); fetch the page again") from None
    if isinstance(data, list):  # the results of one or more pages, without the envelope
        return data
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise LoadError(f"{path}: not an OpenFEC Schedule A page (no results list)")
    return data["results"]


def _text(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _rows(results: list) -> tuple[list[list[str | None]], list[tuple[int, str, str]]]:
    """Stage rows as text, and (position, raw JSON, reason) for results that cannot be loaded."""
    rows: list[list[str | None]] = []
    errors: list[tuple[int, str, str]] = []
    seen: dict[str, int] = {}
    for pos, r in enumerate(results, start=1):
        raw = json.dumps(r, sort_keys=True)
        if not isinstance(r, dict):
            errors.append((pos, raw, "not a JSON object"))
            continue
        v = dict(zip(STAGE_COLS, [str(pos)] + [_text(r.get(field)) for _, field in FIELDS]))
        why = _problem(v, seen)
        if why:
            errors.append((pos, raw, why))
            continue
        seen[v["sub_id"]] = pos  # type: ignore[index]
        rows.append([v[c] for c in STAGE_COLS])
    return rows, errors


def _money(text: str | None) -> str | None:
    """The amount as plain decimal text, or None when it is not a finite amount that fits DECIMAL(14, 2)."""
    try:
        value = Decimal(text or "")
    except InvalidOperation:
        return None
    return format(value, "f") if value.is_finite() and abs(value) < Decimal("1e12") else None


def _problem(v: dict[str, str | None], seen: dict[str, int]) -> str | None:
    """Why a result cannot be loaded, or None; normalises date and amounts in place."""
    sub_id, cmte, day = v["sub_id"], v["committee_id"], v["date"]
    if not sub_id or not sub_id.isdigit():
        return f"missing or non-numeric sub_id: {sub_id!r}"
    if sub_id in seen:
        return f"sub_id {sub_id} repeated within the page (first at result {seen[sub_id]})"
    if not cmte or not _CMTE_RE.match(cmte):
        return f"missing or malformed committee_id: {cmte!r}"
    if v["amount"] is None:
        return "missing contribution_receipt_amount"
    for col, field in (("amount", "contribution_receipt_amount"), ("aggregate", "contributor_aggregate_ytd")):
        if v[col] is not None:
            value = _money(v[col])
            if value is None:
                return f"bad {field}: {v[col]!r}"
            v[col] = value
    if day is not None:
        try:
            v["date"] = date.fromisoformat(day[:10]).isoformat()
        except ValueError:
            return f"bad contribution_receipt_date: {day!r}"
    if v["period"] is not None and not v["period"].isdigit():
        return f"bad two_year_transaction_period: {v['period']!r}"
    return None
