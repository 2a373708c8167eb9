"""USAspending API routes for the replay server (tests/replay.py), at the real API's paths.

What every answer is made of:

* `POST /api/v2/search/spending_by_award/`
  - contracts (award_type_codes A-D): RESHAPED FROM REAL ROWS. The 2,107 real awards of
    shared/data/contracts/spending_by_award_ai_keyword_contracts.csv (an Advanced Search result saved as CSV)
    in the result shape of the RECORDED spending_by_award_contracts.json. The CSV has no internal_id,
    generated_internal_id, UEI, NAICS or PSC: internal_id is the CSV row number (1-2,107, so keyset paging has
    a unique id), the others are null, and the loader therefore keys these awards exactly as it keys the CSV
    (SURR_<PIID>_<hash>). One more row is RESHAPED FROM THE RECORDED award detail of 80GSFC18C0008
    (award_detail_contract_80GSFC18C0008.json: its real id, key, amount, recipient, dates), so that a search
    leads to a detail and transactions the way it does on the real API.
  - IDVs: the 3 RECORDED rows of spending_by_award_idvs.json.
  - other award groups: no rows. Mixing groups: HTTP 422 with the API's message.
  - Filters: `keywords` match when any keyword is a case-insensitive substring of Description, Recipient
    Name or Award ID; `recipient_search_text` when any text is a substring of Recipient Name or equals the
    Recipient UEI (the real API uses full-text search over more fields; substrings are close enough and easy
    to re-count from the CSV). `time_period` and other filters are not applied.
  - Paging as in usaspending-api's spending_by_award.py: sorted by the `sort` field then internal_id, both in
    `order`; `page` while (page - 1) × limit < `page_window` (50,000 on the real API; lower it in tests),
    beyond that HTTP 422 with the API's message unless `last_record_unique_id` + `last_record_sort_value`
    are sent (then search-after from that record, page ignored). page_metadata carries the keyset values
    of the last record only when hasNext, else null and "None", like the API. limit > 100 is refused.
* `POST /api/v2/search/spending_by_award_count/`: counts of the same rows per group; the shape is the API
  contract's (no recorded response exists), so this answer is SYNTHETIC.
* `GET /api/v2/awards/{id}/`: the RECORDED award_detail_contract_80GSFC18C0008.json and award_detail_idv.json,
  by generated id or internal id; HTTP 404 otherwise, like the API.
* `POST /api/v2/transactions/`: page 1 is the RECORDED transactions_80GSFC18C0008.json (recorded with a small
  limit, so it says hasNext); later pages are SYNTHETIC empty pages; other awards HTTP 404.
* `POST /api/v2/download/awards/`: a SYNTHETIC answer in the API contract's shape.
* `GET /api/v2/download/status`: the RECORDED download_status.json with file_name and file_url rewritten to
  this server; "running" (SYNTHETIC: totals null) for the first `running_polls` polls, then "finished"
  (or "failed" when `fail_download` is set).
* `GET /generated_downloads/<name>.zip`: a SYNTHETIC zip (no real download zip was recorded) of the synthetic
  fixture CSVs in tests/fixtures/usaspending/ plus a synthetic subaward file; served with Range / ETag like a
  CDN, so the replay's faults (drop, truncate) apply.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from replay import Replay, Request, Response, _static

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "usaspending"
SEARCH = "/api/v2/search/spending_by_award/"
COUNT = "/api/v2/search/spending_by_award_count/"
TRANSACTIONS = "/api/v2/transactions/"
DOWNLOAD = "/api/v2/download/awards/"
STATUS = "/api/v2/download/status"
ZIP_NAME = "PrimeAwardSummariesAndSubawards_2026-11-24_H12M00S00000000_SYNTHETIC.zip"
ZIP_PATH = "/generated_downloads/" + ZIP_NAME
TRACERS = "CONT_AWD_80GSFC18C0008_8000_-NONE-_-NONE-"
GROUP_CODES = {"contracts": {"A", "B", "C", "D"},
               "idvs": {"IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E"},
               "grants": {"02", "03", "04", "05"}, "direct_payments": {"06", "10"}, "loans": {"07", "08"},
               "other": {"09", "11", "-1"}}
MESSAGE = ("For searches, time period start and end dates are currently limited to an earliest date of 2007-10-01.  "
           "For data going back to 2000-10-01, use either the Custom Award Download feature on the website or one of "
           "our download or bulk_download API endpoints as listed on https://api.usaspending.gov/docs/endpoints. ")
# Keys of a contract result in the recorded spending_by_award_contracts.json, in order.
RESULT_KEYS = ("internal_id", "Award ID", "Recipient Name", "Award Amount", "Total Outlays", "Description",
               "Contract Award Type", "Recipient UEI", "Recipient Location", "Primary Place of Performance",
               "def_codes", "COVID-19 Obligations", "COVID-19 Outlays", "Infrastructure Obligations",
               "Infrastructure Outlays", "Awarding Agency", "Awarding Sub Agency", "Start Date", "End Date", "NAICS",
               "PSC", "recipient_id", "prime_award_recipient_id", "awarding_agency_id", "agency_slug",
               "generated_internal_id")
ALWAYS = {"internal_id", "generated_internal_id", "agency_slug", "awarding_agency_id"}
NUMERIC = {"Award Amount", "Total Outlays", "COVID-19 Obligations", "COVID-19 Outlays", "Infrastructure Obligations",
           "Infrastructure Outlays"}


def csv_rows(shared: Path) -> list[dict[str, str]]:
    """The real Advanced Search rows, as read from the CSV."""
    with open(shared / "contracts" / "spending_by_award_ai_keyword_contracts.csv", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def matches(row: dict, filters: dict) -> bool:
    """The replay's filter rule (see the module docstring), on an API-shaped result row."""
    words = [k.lower() for k in filters.get("keywords") or []]
    if words and not any(w in str(row.get(f) or "").lower() for w in words
                         for f in ("Description", "Recipient Name", "Award ID")):
        return False
    texts = [t.lower() for t in filters.get("recipient_search_text") or []]
    return not texts or any(t in str(row.get("Recipient Name") or "").lower()
                            or t == str(row.get("Recipient UEI") or "").lower() for t in texts)


class UsaspendingReplay:
    """The routes and their knobs; `install()` registers them on a Replay."""

    def __init__(self, replay: Replay, *, page_window: int = 50_000, running_polls: int = 2) -> None:
        self.replay = replay
        self.page_window = page_window
        self.running_polls = running_polls
        self.fail_download = False
        self.bad_json_page: int | None = None  # every request for this search page gets invalid JSON
        api = replay.shared / "contracts" / "api_fixtures"
        self.details = {}
        for name in ("award_detail_contract_80GSFC18C0008.json", "award_detail_idv.json"):
            doc = json.loads((api / name).read_text())
            self.details[doc["generated_unique_award_id"]] = self.details[str(doc["id"])] = doc
        self.transactions = {TRACERS: json.loads((api / "transactions_80GSFC18C0008.json").read_text())}
        self.status_doc = json.loads((api / "download_status.json").read_text())
        self.rows = {"contracts": [_from_csv(i, r) for i, r in enumerate(csv_rows(replay.shared), 1)]
                     + [_from_detail(self.details[TRACERS])],
                     "idvs": json.loads((api / "spending_by_award_idvs.json").read_text())["results"]}
        self.polls: dict[str, int] = {}
        self.zip_bytes = synthetic_zip()
        self._zip_file = Path(tempfile.mkdtemp(prefix="replay-usaspending-")) / ZIP_NAME
        self._zip_file.write_bytes(self.zip_bytes)

    def install(self) -> UsaspendingReplay:
        """Register every route on the replay server."""
        r = self.replay
        r.route("POST", SEARCH, self.search)
        r.route("POST", COUNT, self.count)
        r.route("GET", r"/api/v2/awards/(?P<id>[^/]+)/", self.award)
        r.route("POST", TRANSACTIONS, self.award_transactions)
        r.route("POST", DOWNLOAD, self.download)
        r.route("GET", STATUS, self.status)
        r.route("GET", re.escape(ZIP_PATH), lambda req: _static(self._zip_file, req))
        return self

    # search -------------------------------------------------------------------------------------------

    def _group(self, codes: list[str]) -> str | Response:
        groups = [g for g, members in GROUP_CODES.items() if set(codes) <= members]
        if not codes or not groups:
            return Response.of_json({"detail": "'award_type_codes' must only contain types from one group."}, 422)
        return groups[0]

    def search(self, req: Request) -> Response:
        body: Any = req.json()
        filters, page, limit = body.get("filters") or {}, int(body.get("page") or 1), int(body.get("limit") or 10)
        if page == self.bad_json_page:
            return Response(200, b'{"spending_level": "awards", "limit": 100, "results": [{"internal_id": ',
                            {"Content-Type": "application/json"})
        if limit > 100:
            return Response.of_json({"detail": f"Field 'limit' value '{limit}' is above max '100'"}, 422)
        group = self._group(filters.get("award_type_codes") or [])
        if isinstance(group, Response):
            return group
        fields = body.get("fields") or []
        sort, order = body.get("sort") or fields[0], body.get("order") or "desc"
        if sort not in fields:
            return Response.of_json({"detail": f"Sort value '{sort}' not found in requested fields: {fields}"}, 422)
        uid, value = body.get("last_record_unique_id"), body.get("last_record_sort_value")
        if (uid is None) != (value is None):
            return Response.of_json({"detail": "Using search_after functionality in Elasticsearch requires both "
                                               "last_record_sort_value and last_record_unique_id."}, 500)
        if (page - 1) * limit >= self.page_window and uid is None:
            return Response.of_json({"detail": f"Page #{page} with limit {limit} is over the maximum result limit "
                                               f"{self.page_window}. Please provide the 'last_record_sort_value' and "
                                               "'last_record_unique_id' to paginate sequentially."}, 422)
        numeric = sort in NUMERIC

        def key(r: dict) -> tuple:
            return (_sortable(r.get(sort), numeric), r["internal_id"])
        rows = sorted((r for r in self.rows.get(group, []) if matches(r, filters)), key=key, reverse=order == "desc")
        if uid is not None:
            after = (_sortable(value, numeric), int(uid))
            rows = [r for r in rows if (key(r) < after) == (order == "desc") and key(r) != after]
            chunk, has_next = rows[:limit], len(rows) > limit
        else:
            chunk, has_next = rows[(page - 1) * limit: page * limit], len(rows) - (page - 1) * limit > limit
        last = chunk[-1] if chunk and has_next else None
        return Response.of_json({
            "spending_level": "awards", "limit": limit,
            "results": [{k: v for k, v in r.items() if k in fields or k in ALWAYS} for r in chunk],
            "page_metadata": {"page": page, "hasNext": has_next,
                              "last_record_unique_id": last["internal_id"] if last else None,
                              "last_record_sort_value": str(last.get(sort)) if last else "None"},
            "messages": [MESSAGE]})

    def count(self, req: Request) -> Response:
        filters = (req.json() or {}).get("filters") or {}  # type: ignore[union-attr]
        results = {g: 0 for g in ("grants", "loans", "contracts", "direct_payments", "other", "idvs")}
        for g, rows in self.rows.items():
            results[g] = sum(matches(r, filters) for r in rows)
        return Response.of_json({"results": results, "spending_level": "awards", "messages": [MESSAGE]})

    # awards -------------------------------------------------------------------------------------------

    def award(self, req: Request) -> Response:
        aid = req.path.rstrip("/").rsplit("/", 1)[-1]
        doc = self.details.get(aid)
        return Response.of_json(doc) if doc else Response.of_json({"detail": "No award found with this id"}, 404)

    def award_transactions(self, req: Request) -> Response:
        body: Any = req.json()
        doc = self.transactions.get(body.get("award_id"))
        if doc is None:
            return Response.of_json({"detail": f"No award found with award_id: {body.get('award_id')}"}, 404)
        page = int(body.get("page") or 1)
        if page == 1:
            return Response.of_json(doc)
        return Response.of_json({"page_metadata": {"page": page, "next": None, "previous": page - 1, "hasNext": False,
                                                   "hasPrevious": True}, "results": []})

    # downloads ----------------------------------------------------------------------------------------

    def download(self, req: Request) -> Response:
        body: Any = req.json()
        return Response.of_json({"status_url": f"{self.replay.base}{STATUS}?file_name={ZIP_NAME}", "file_name": ZIP_NAME,
                                 "file_url": f"{self.replay.base}{ZIP_PATH}",
                                 "download_request": {**body, "download_types": ["awards", "sub_awards"],
                                                      "limit": 500000, "request_type": "award"}})

    def status(self, req: Request) -> Response:
        name = req.arg("file_name") or ""
        if name != ZIP_NAME:
            return Response.of_json({"detail": f"Download with file_name '{name}' not found"}, 404)
        n = self.polls[name] = self.polls.get(name, 0) + 1
        doc = {**self.status_doc, "file_name": name, "file_url": f"{self.replay.base}{ZIP_PATH}"}
        if n <= self.running_polls:
            return Response.of_json({**doc, "status": "running", "total_size": None, "total_columns": None,
                                     "total_rows": None, "seconds_elapsed": f"{n * 1.5:.6f}"})
        if self.fail_download:
            return Response.of_json({**doc, "status": "failed", "message": "SYNTHETIC failure for a test",
                                     "total_size": None, "total_rows": None})
        return Response.of_json(doc)


def install(replay: Replay, **kwargs: Any) -> UsaspendingReplay:
    """Register the USAspending routes on a running Replay; returns the object holding the knobs."""
    return UsaspendingReplay(replay, **kwargs).install()


def _sortable(value: Any, numeric: bool) -> tuple:
    """A sort key: missing values apart (last when descending), money as Decimal (also the keyset text)."""
    if value is None or value == "None":
        return (0, Decimal(0) if numeric else "")
    return (1, Decimal(str(value)) if numeric else str(value))


def _from_csv(number: int, row: dict[str, str]) -> dict:
    """One real CSV row in the recorded result shape; what the CSV lacks stays null."""
    out: dict[str, Any] = dict.fromkeys(RESULT_KEYS)
    out.update({k: row[k] or None for k in ("Award ID", "Recipient Name", "Description", "Contract Award Type",
                                            "Awarding Agency", "Awarding Sub Agency", "Start Date", "End Date")})
    out["internal_id"] = number
    out["Award Amount"] = float(row["Award Amount"])  # the API sends a JSON number
    return out


def _from_detail(d: dict) -> dict:
    """The search row of a recorded award detail (the fields a search returns, from the same record)."""
    out: dict[str, Any] = dict.fromkeys(RESULT_KEYS)
    ltc, pop, rec = d["latest_transaction_contract_data"], d["period_of_performance"], d["recipient"]
    out.update({"internal_id": d["id"], "Award ID": d["piid"], "Recipient Name": rec["recipient_name"],
                "Award Amount": d["total_obligation"], "Total Outlays": d["total_outlay"],
                "Description": d["description"], "Contract Award Type": d["type_description"],
                "Recipient UEI": rec["recipient_uei"], "def_codes": [c["code"] for c in d["account_obligations_by_defc"]],
                "Awarding Agency": d["awarding_agency"]["toptier_agency"]["name"],
                "Awarding Sub Agency": d["awarding_agency"]["subtier_agency"]["name"],
                "Start Date": pop["start_date"], "End Date": pop["end_date"],
                "NAICS": {"code": ltc["naics"], "description": ltc["naics_description"]},
                "PSC": {"code": ltc["product_or_service_code"], "description": ltc["product_or_service_description"]},
                "recipient_id": rec["recipient_hash"], "awarding_agency_id": d["awarding_agency"]["id"],
                "agency_slug": d["awarding_agency"]["toptier_agency"]["slug"],
                "generated_internal_id": d["generated_unique_award_id"]})
    return out


SUBAWARDS_SYNTHETIC = ("prime_award_unique_key,prime_award_piid,subaward_number,subaward_amount,subawardee_name\r\n"
                       "CONT_AWD_SYN0001_9999_-NONE-_-NONE-,SYN0001,SUB-SYN-1,25000.00,EXAMPLE SUBCONTRACTOR (SYNTHETIC)\r\n")


def synthetic_zip() -> bytes:
    """A download zip of the SYNTHETIC fixture CSVs (fixed timestamps, so its bytes never change)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("Contracts_PrimeAwardSummaries_SYNTHETIC_1.csv", "Contracts_PrimeTransactions_SYNTHETIC_1.csv"):
            zf.writestr(zipfile.ZipInfo(name, (2026, 11, 24, 12, 0, 0)), (FIXTURES / name).read_bytes(),
                        zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("Contracts_Subawards_SYNTHETIC_1.csv", (2026, 11, 24, 12, 0, 0)), SUBAWARDS_SYNTHETIC,
                    zipfile.ZIP_DEFLATED)
    return buf.getvalue()
