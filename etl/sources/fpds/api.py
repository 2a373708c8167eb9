"""FPDS contract actions from the SAM.gov Contract Awards API (GET /contract-awards/v1/search).

Reference: research summary of GSA/open-gsa-redesign `_apidocs/contract-awards.md` (2026-05-20 text) and
../shared/reference/contracts_and_ai_use.md §3.3. One record is one contract action (the base award or a
modification, with its reasonForModification); Other Transaction agreements, IDVs and orders are award
types there, which USAspending does not carry (§3.1). Every amount, totalRecords, limit and offset is a
JSON string; `offset` is a page index (from 0), `limit` at most 100, and only offset × limit ≤ 400,000 is
served; an empty result is HTTP 204 "No Content Found".

One query = one filter (piid, awardeeUniqueEntityId or awardeeLegalBusinessName) with no award-type or
modification filter, so every award type and every modification comes back. Its pages land in
raw/fpds/<query_key>/page-00001.json with a .meta.json each (query, offset, URL without the key,
retrieved_at), each written before the cursor in raw/fetch_state.duckdb moves past it: an interrupted
fetch resumes after its last saved page; a finished query is re-checked from the start.

The key (SAM_API_KEY) is documented only as the `api_key` query parameter. It is sent to the API host
only: redirects are not followed (a redirect would carry the query string to another host), it is
redacted from every message and from httpx's own request log, and no URL written to a file holds it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from etl import config, entities
from etl.net import cursors as _cursor
from etl.net.http import FetchError, FetchSummary, Http
from etl.net.meta import save_json
from etl.net.progress import Progress, ProgressFactory
from etl.sources.base import WatchStep

NAME = "fpds"
SEARCH = "/contract-awards/v1/search"
LIMIT = 100  # the API's maximum
MAX_RECORDS = 400_000  # "You may only page through the first 400,000 records"
NO_KEY = ("FPDS (SAM.gov Contract Awards API) skipped: SAM_API_KEY is not set. Get a public API key at "
          "https://sam.gov/profile/details, export SAM_API_KEY, then run `moneytrail fetch fpds`.")
FILTERS = {"piid": "piid", "uei": "awardeeUniqueEntityId", "name": "awardeeLegalBusinessName"}
# The API refuses these characters in parameter values (the doc's list).
_REFUSED = re.compile(r"[&|{}^\\]")


# Loggers that write request URLs or response headers (a Location may repeat the query); a logger's filter
# does not apply to its children, so each is named.
_LOGGERS = ("httpx", "httpcore.http11", "httpcore.http2", "httpcore.connection", "httpcore.proxy")


class _Redact(logging.Filter):
    """Replaces the key in httpx's and httpcore's own log lines ("HTTP Request: GET https://...?api_key=...")."""

    def __init__(self, http: Http) -> None:
        super().__init__()
        self.http = http

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record with the key masked; never drop it."""
        record.msg, record.args = self.http.redact(record.getMessage()), None
        return True


def sam_client(key: str, http: Http | None = None) -> Http:
    """A client of the API's own: the key redacted everywhere, redirects refused, paced by MONEYTRAIL_SAM_INTERVAL."""
    s = config.settings()
    kwargs = ({"log": http.log, "sleep": http.sleep, "clock": http.clock, "secrets": [key, *http.secrets]} if http
              else {"secrets": [key]})
    api = Http(min_interval=s.sam_interval, **kwargs)  # type: ignore[arg-type]
    api.client.follow_redirects = False
    host = urlsplit(s.sam_base).hostname

    def no_redirect(resp: httpx.Response) -> None:
        if resp.is_redirect:
            to = urlsplit(resp.headers.get("location", "")).hostname or host
            raise FetchError(f"SAM.gov answered with a redirect (HTTP {resp.status_code}) to {to}; not followed, so "
                             "the API key is not sent anywhere else")

    api.client.event_hooks["response"].append(no_redirect)
    return api


def resolve_key(api_key: str | None = None) -> str:
    """The given key, else SAM_API_KEY; a FetchError saying how to get one when neither is set."""
    key = (api_key if api_key is not None else config.settings().sam_api_key()) or ""
    if not key.strip():
        raise FetchError(NO_KEY.replace(" skipped", " needs a key"))
    return key.strip()


def _filter(kind: str, value: str) -> dict[str, str]:
    if kind not in FILTERS:
        raise FetchError(f"unknown filter {kind!r}: give a piid, uei or name")
    value = " ".join(value.split())
    if not value or _REFUSED.search(value):
        raise FetchError(f"{kind} {value!r}: empty, or holds a character the API refuses (& | {{ }} ^ \\)")
    if kind == "piid":  # SAM writes PIIDs without dashes (every example in the doc); announcements add them
        value = re.sub(r"[^A-Za-z0-9]", "", value).upper()
    if kind == "uei" and not re.fullmatch(r"[A-Za-z0-9]{12}", value):
        raise FetchError(f"UEI {value!r} is not a SAM Unique Entity ID (12 letters and digits)")
    return {FILTERS[kind]: value.upper() if kind == "uei" else value}


def fetch_contract_actions(http: Http | None, raw: Path, *, piids: Sequence[str] = (), ueis: Sequence[str] = (),
                           names: Sequence[str] = (), api_key: str | None = None, progress: Progress | None = None,
                           max_pages: int | None = None, limit: int = LIMIT) -> FetchSummary:
    """Every contract action (base awards and modifications, OT types included) for each PIID, UEI and name."""
    queries = [_filter(k, v) for k, vs in (("piid", piids), ("uei", ueis), ("name", names)) for v in vs if v.strip()]
    if not queries:
        raise FetchError("give at least one --piid, --uei or --name (or use the registry's recipients)")
    if not 1 <= limit <= LIMIT:
        raise FetchError(f"limit {limit}: the API serves 1 to {LIMIT} records a page")
    key = resolve_key(api_key)
    base = config.settings().sam_base.rstrip("/")
    summary = FetchSummary(NAME, f"SAM.gov contract actions for {len(queries)} quer{'y' if len(queries) == 1 else 'ies'}", [])
    api = sam_client(key, http)
    redact = _Redact(api)
    for name in _LOGGERS:
        logging.getLogger(name).addFilter(redact)
    try:
        for q in queries:
            if not _fetch_query(api, key, raw, f"{base}{SEARCH}", {**q, "limit": limit}, summary, progress, max_pages):
                break
    finally:
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(redact)
        api.close()
    return summary


def _fetch_query(api: Http, key: str, raw: Path, url: str, query: dict, summary: FetchSummary,
                 progress: Progress | None, max_pages: int | None) -> bool:
    """Page one query to its end (or to max_pages); False when max_pages stopped it."""
    qkey = _cursor.query_key(NAME, query)
    folder = raw / NAME / qkey
    label = f"{', '.join(f'{k}={v}' for k, v in query.items() if k != 'limit')} ({qkey})"
    state = _cursor.load_cursor(raw, qkey)
    if state and state["done"]:
        summary.notes.append(f"{label}: finished before with {state['rows']:,} records; re-checking from the start")
        state = None
    elif state and state["pages"]:
        summary.resumed = True
        summary.notes.append(f"{label}: resuming after page {state['pages']} ({state['rows']:,} records already saved)")
    pages, rows = (state["pages"], state["rows"]) if state else (0, 0)
    limit = int(query["limit"])
    while True:
        if max_pages is not None and summary.pages >= max_pages:
            summary.notes.append(f"{label}: stopped after {pages} page(s) (--max-pages); run it again to resume")
            return False
        sent = {**query, "offset": pages}  # offset is a page index
        if (pages + 1) * limit > MAX_RECORDS:
            summary.notes.append(f"{label}: the API serves only the first {MAX_RECORDS:,} records; stopped there")
            _finish(raw, qkey, query, folder, pages, rows)
            break
        try:
            data = api.json("GET", url, params={**sent, "api_key": key})
        except FetchError as exc:
            raise FetchError(f"SAM.gov {label}, page {pages + 1}: {exc}. The {pages} page(s) before it are saved in "
                             f"{folder} and the next run resumes after them.") from None
        results, total = _parts(data, f"SAM.gov {label}, page {pages + 1}")
        if not results:
            _finish(raw, qkey, query, folder, pages, rows)
            break
        pages += 1
        path = save_json(folder / f"page-{pages:05d}.json", data, source=NAME, url=str(httpx.URL(url, params=sent)),
                         query=query, page=pages, offset=sent["offset"], records=len(results), query_key=qkey)
        summary.files.append(path)
        summary.pages += 1
        summary.records += len(results)
        rows += len(results)
        more = len(results) >= limit and (total is None or rows < total)
        _cursor.save_cursor(raw, qkey, source=NAME, query=query, cursor={"offset": pages}, pages=pages, rows=rows,
                            done=not more)
        if progress:
            progress(rows, max(total, rows) if total is not None else None)
        if not more:
            _drop_stale_pages(folder, pages)
            break
    summary.notes.append(f"{label}: complete, {rows:,} records in {pages} page(s)")
    return True


def _finish(raw: Path, qkey: str, query: dict, folder: Path, pages: int, rows: int) -> None:
    _cursor.save_cursor(raw, qkey, source=NAME, query=query, cursor={"offset": pages}, pages=pages, rows=rows, done=True)
    _drop_stale_pages(folder, pages)


def _parts(data: object, where: str) -> tuple[list, int | None]:
    """The awardSummary list and totalRecords (a string in the API) of a page; None (HTTP 204) is an empty page."""
    if data is None:
        return [], 0
    if not isinstance(data, dict) or not isinstance(data.get("awardSummary", []), list):
        raise FetchError(f"{where}: the answer is not a Contract Awards page (no awardSummary list): {str(data)[:120]}")
    total = str(data.get("totalRecords", "")).strip()
    return data.get("awardSummary") or [], int(total) if total.isdigit() else None


def _drop_stale_pages(folder: Path, pages: int) -> None:
    """After a finished pass, delete pages numbered past its last one (left by an earlier, longer pass)."""
    for p in folder.glob("page-*.json"):
        number = p.stem.removeprefix("page-")
        if number.isdigit() and int(number) > pages:
            p.unlink(missing_ok=True)
            p.with_name(p.name + ".meta.json").unlink(missing_ok=True)


def registry_queries(folder: Path = entities.REGISTRY_DIR) -> dict[str, list[str]]:
    """What the registry implies: PIIDs of announced awards, UEIs and names of recipients (resellers left out)."""
    recips = [r for r in entities.registry_rows("contract_recipients.csv", folder) if r["relation"] != "reseller"]
    announced = (entities.registry_rows("announced_awards.csv", folder)
                 if (folder / "announced_awards.csv").exists() else [])
    return {"piids": sorted({a["award_id"].strip() for a in announced if a["award_id"].strip()}),
            "ueis": sorted({r["uei"].strip() for r in recips if r["uei"].strip()}),
            "names": sorted({r["recipient_name"].strip() for r in recips if not r["uei"].strip()})}


def fetch_registry_actions(http: Http | None, raw: Path, **kw: object) -> FetchSummary:
    """Contract actions for every announced PIID and every registry recipient (by UEI when known, else name)."""
    return fetch_contract_actions(http, raw, **registry_queries(), **kw)  # type: ignore[arg-type]


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches the registry's PIIDs and recipients when SAM_API_KEY is set."""
    s = config.settings()

    def run(http: Http, raw: Path, bars: ProgressFactory) -> list[FetchSummary]:
        return [fetch_registry_actions(http, raw, progress=bars("SAM.gov contract actions", "records"))]

    return [WatchStep("FPDS contract actions, OT agreements included (SAM.gov Contract Awards API)",
                      f"{s.sam_base.rstrip('/')}/", run, skip=None if s.sam_api_key() else NO_KEY)]
