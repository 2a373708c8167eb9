"""OpenFEC `/v1/schedules/schedule_a/` on the replay server, answered from REAL bulk rows.

There are no recorded OpenFEC responses in shared/data. These responses are BUILT from the real rows of
shared/data/fec/bulk_2020_early/indiv20.zip (itcont.txt, columns in the order of
headers/indiv_header_file.csv) in the API's documented response shape (reference/fec.md §3.3-3.4):
{"api_version", "pagination": {count, pages, per_page, is_count_exact, last_indexes}, "results"}.
They are not recorded API responses. Every served row is a real bulk row; no person, committee or
amount is invented. Derived fields: contribution_receipt_date (MMDDYYYY -> YYYY-MM-DD), pdf_url (the
docquery page-image link of IMAGE_NUM), conduit_committee_id (OTHER_ID on 15E rows, where the bulk file
keeps the conduit), two_year_transaction_period (2020, the file's cycle); fields the bulk file lacks
(contributor_aggregate_ytd, line_number, filing_form, ...) are null.

Behaviour modelled on openFEC (webservices/common/views.py, utils.py SeekCoalescePaginator):
  * X-Api-Key header required (403 API_KEY_MISSING without it); X-RateLimit-Limit/-Remaining on answers;
  * filters: contributor_employer and contributor_name match like the API's full-text search, simplified:
    every word of the query must begin a word of the field, case-insensitive ("GOOGLE" matches
    "GOOGLE LLC"); committee_id exact (repeatable); two_year_transaction_period (repeatable, default the
    current cycle, so an un-filtered cycle finds nothing in a 2020 file);
  * sort -contribution_receipt_date only, ties by sub_id descending, rows with no (or an invalid) date
    last; keyset paging: last_index + last_contribution_receipt_date, or last_index + sort_null_only=true
    once the last row of a page had no date (its last_indexes then carry sort_null_only instead of a
    date, as openFEC's _get_index_values does); a page past the end is empty with last_indexes null;
    last_index alone is a 422, per_page above 100 a 422.
Test knobs: `null_dates` (sub_ids whose date is served as null, to reach the NULL tail: the real file has
no undated row; name and amount untouched), `remaining` (X-RateLimit-Remaining values to send next),
`break_after(n)` (sticky: after n good pages every request gets invalid JSON until `heal()`).
"""

from __future__ import annotations

import math
import re
import zipfile
from collections import deque
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from replay import Replay, Request, Response

PATH = "/v1/schedules/schedule_a/"
COLUMNS = ("CMTE_ID AMNDT_IND RPT_TP TRANSACTION_PGI IMAGE_NUM TRANSACTION_TP ENTITY_TP NAME CITY STATE ZIP_CODE "
           "EMPLOYER OCCUPATION TRANSACTION_DT TRANSACTION_AMT OTHER_ID TRAN_ID FILE_NUM MEMO_CD MEMO_TEXT SUB_ID").split()
CYCLE = 2020


@lru_cache(maxsize=2)
def bulk_rows(shared: Path) -> tuple[dict[str, str], ...]:
    """Every row of the real indiv20.zip itcont.txt as {column: text}, columns checked against the FEC header file."""
    base = shared / "fec" / "bulk_2020_early"
    header = (base / "headers" / "indiv_header_file.csv").read_text().strip().split(",")
    assert header == COLUMNS, header
    with zipfile.ZipFile(base / "indiv20.zip") as zf:
        text = zf.read("itcont.txt").decode("latin-1")
    return tuple(dict(zip(COLUMNS, line.split("|"))) for line in text.split("\n") if line)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.upper())


def _fulltext(query: str, field: str) -> bool:
    """Every query word begins some word of the field (the API's to_tsquery 'word:* & ...', simplified)."""
    have = _words(field)
    return all(any(w.startswith(q) for w in have) for q in _words(query))


def _date(text: str) -> date | None:
    try:
        return date(int(text[4:8]), int(text[:2]), int(text[2:4])) if len(text) == 8 else None
    except ValueError:
        return None


class OpenFecReplay:
    """The schedule_a route on one Replay server; register() builds it."""

    def __init__(self, replay: Replay, null_dates: set[str] | frozenset[str] = frozenset(), limit: int = 1000) -> None:
        self.rows = bulk_rows(replay.shared)
        self.null_dates = set(null_dates)
        self.limit = limit
        self.remaining: deque[int] = deque()
        self.served = 0
        self._break_after: int | None = None
        self._good = 0
        self._cache: dict[tuple, list[tuple[tuple, dict[str, str]]]] = {}

    def break_after(self, pages: int) -> None:
        """Serve `pages` more good pages, then invalid JSON on every request until heal()."""
        self._break_after, self._good = pages, 0

    def heal(self) -> None:
        """Stop serving invalid JSON."""
        self._break_after = None

    def matching(self, employer: str | None = None, name: str | None = None, committees: tuple[str, ...] = ()) -> list[
            dict[str, str]]:
        """The bulk rows a filter selects, in the served order (the same function the route uses)."""
        return [r for _, r in self._sorted(employer, name, committees)]

    def _sorted(self, employer: str | None, name: str | None, committees: tuple[str, ...]) -> list[tuple[tuple, dict]]:
        key = (employer, name, committees, tuple(sorted(self.null_dates)))
        if key not in self._cache:
            hits = [r for r in self.rows
                    if (not employer or _fulltext(employer, r["EMPLOYER"]))
                    and (not name or _fulltext(name, r["NAME"]))
                    and (not committees or r["CMTE_ID"] in committees)]
            self._cache[key] = sorted(((self._order(r), r) for r in hits), key=lambda t: t[0])
        return self._cache[key]

    def _day(self, r: dict[str, str]) -> date | None:
        return None if r["SUB_ID"] in self.null_dates else _date(r["TRANSACTION_DT"])

    def _order(self, r: dict[str, str]) -> tuple:
        """Ascending key of the served order: dated rows newest first, then undated; ties by sub_id descending."""
        day = self._day(r)
        return (0, -day.toordinal(), -int(r["SUB_ID"])) if day else (1, 0, -int(r["SUB_ID"]))

    def result(self, r: dict[str, str]) -> dict:
        """One bulk row in the API's schedule_a result shape."""
        day = self._day(r)
        tp = r["TRANSACTION_TP"] or None
        return {
            "committee_id": r["CMTE_ID"], "committee": None, "committee_name": None,
            "entity_type": r["ENTITY_TP"] or None, "contributor_name": r["NAME"] or None,
            "contributor_city": r["CITY"] or None, "contributor_state": r["STATE"] or None,
            "contributor_zip": r["ZIP_CODE"] or None, "contributor_employer": r["EMPLOYER"] or None,
            "contributor_occupation": r["OCCUPATION"] or None, "contributor_id": r["OTHER_ID"] or None,
            "receipt_type": tp, "memo_code": r["MEMO_CD"] or None, "memo_text": r["MEMO_TEXT"] or None,
            "contribution_receipt_date": day.isoformat() if day else None,
            "contribution_receipt_amount": float(Decimal(r["TRANSACTION_AMT"])),
            "contributor_aggregate_ytd": None,
            "conduit_committee_id": (r["OTHER_ID"] or None) if tp == "15E" else None,
            "election_type": r["TRANSACTION_PGI"] or None, "two_year_transaction_period": CYCLE,
            "amendment_indicator": r["AMNDT_IND"] or None, "report_type": r["RPT_TP"] or None,
            "image_number": r["IMAGE_NUM"] or None,
            "pdf_url": f"https://docquery.fec.gov/cgi-bin/fecimg/?{r['IMAGE_NUM']}" if r["IMAGE_NUM"] else None,
            "file_number": int(r["FILE_NUM"]) if r["FILE_NUM"].isdigit() else None,
            "transaction_id": r["TRAN_ID"] or None, "back_reference_transaction_id": None,
            "line_number": None, "filing_form": None, "schedule_type": "SA", "sub_id": r["SUB_ID"],
        }

    def answer(self, req: Request) -> Response:
        """GET /v1/schedules/schedule_a/ as the API answers it (see the module docstring)."""
        if not req.headers.get("x-api-key"):
            return Response.of_json({"error": {"code": "API_KEY_MISSING",
                                               "message": "No api_key was supplied."}}, 403)
        self.served += 1
        if self._break_after is not None and self._good >= self._break_after:
            return Response(200, b'{"api_version": "1.0", "results": [{"sub_id": ', {"Content-Type": "application/json"})
        per_page = int(req.arg("per_page", "20"))
        if per_page > 100:
            return Response.of_json({"message": "Parameter 'per_page' must be at most 100"}, 422)
        if req.arg("sort", "-contribution_receipt_date") != "-contribution_receipt_date":
            return Response.of_json({"message": "this replay serves sort=-contribution_receipt_date only"}, 422)
        last_index, last_date = req.arg("last_index"), req.arg("last_contribution_receipt_date")
        null_only = (req.arg("sort_null_only") or "").lower() == "true"
        if last_index and not last_date and not null_only:
            return Response.of_json({"message": "When paginating through results, both values from the previous "
                                                "page's `last_indexes` object are needed."}, 422)
        periods = ([int(p) for p in req.query.get("two_year_transaction_period", [])]
                   or [date.today().year + date.today().year % 2])
        rows = self._sorted(req.arg("contributor_employer"), req.arg("contributor_name"),
                            tuple(req.query.get("committee_id", []))) if CYCLE in periods else []
        after = [(k, r) for k, r in rows if self._after(k, last_index, last_date, null_only)]
        page = after[:per_page]
        last = page[-1][1] if page else None
        last_indexes = None
        if last is not None:
            day = self._day(last)
            last_indexes = {"last_index": last["SUB_ID"]}
            if day:
                last_indexes["last_contribution_receipt_date"] = day.isoformat()
            else:
                last_indexes["sort_null_only"] = True
        self._good += 1
        body = {"api_version": "1.0",
                "pagination": {"count": len(rows), "is_count_exact": True, "per_page": per_page,
                               "pages": math.ceil(len(rows) / per_page), "last_indexes": last_indexes},
                "results": [self.result(r) for _, r in page]}
        resp = Response.of_json(body)
        remaining = self.remaining.popleft() if self.remaining else max(0, self.limit - self.served)
        resp.headers.update({"X-RateLimit-Limit": str(self.limit), "X-RateLimit-Remaining": str(remaining)})
        return resp

    @staticmethod
    def _after(k: tuple, last_index: str | None, last_date: str | None, null_only: bool) -> bool:
        if not last_index:
            return True
        if null_only:  # only undated rows, past the last one served
            return k[0] == 1 and k[2] > -int(last_index)
        return k > (0, -date.fromisoformat(last_date[:10]).toordinal(), -int(last_index))


def register(replay: Replay, **kwargs: object) -> OpenFecReplay:
    """Serve schedule_a on the replay server; returns the route object (knobs: see the module docstring)."""
    api = OpenFecReplay(replay, **kwargs)  # type: ignore[arg-type]
    replay.route("GET", PATH, api.answer)
    return api
