"""USAspending API fetches: award searches (paged, resumable), award detail and transactions, registry recipients.

Everything lands as raw JSON with a `.meta.json` beside it and loads through load.py, like any other
file (`moneytrail build --from data/raw`). API facts: ../shared/reference/contracts_and_ai_use.md §1.

  raw/usaspending/<query_key>/<group>-page-00001.json    one search page (group: contracts | idvs)
  raw/usaspending/awards/...                             award detail and transactions (details.py)
  raw/usaspending/downloads/...                          bulk downloads (download.py)

Paging (§1.3). Pages are asked for by number while page × limit ≤ 50,000 (the API's result window), then
by keyset: `last_record_unique_id` + `last_record_sort_value` from the previous page's page_metadata. Page
numbers are the API's main mode (its contract calls keyset paging "experimental"): each request stands on
its own and does not depend on the last record's sort value being usable (the API sends the text "None"
for a missing one). Keyset paging is used only where the API requires it; should the API refuse a page
number earlier (HTTP 422 naming the keyset fields), the fetch switches to keyset at that page.

Resuming: each page is written (with its request in the meta) before the cursor that points past it is
saved in data/raw/fetch_state.duckdb, so an interrupted fetch repeats at most one page, which overwrites
the same file: nothing is loaded twice. A finished query fetched again starts afresh (current records).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from etl import config
from etl.entities import REGISTRY_DIR, registry_rows
from etl.net import cursors as _cursor
from etl.net.http import FetchError, FetchSummary, Http
from etl.net.meta import save_json
from etl.net.progress import Progress
from etl.sources.base import WatchStep
from etl.sources.usaspending.details import (
    base_url,
    fetch_award_details,
    now_iso,
    page_parts,
    pages_of,
    remove,
    top_awards,
    unique,
)

NAME = "usaspending"
# award_type_codes must come from one group per request (§1.3: mixing returns HTTP 422).
GROUPS = {"contracts": ("A", "B", "C", "D"),
          "idvs": ("IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E")}
LIMIT = 100  # the API's maximum page size (§1.1)
SORT, ORDER = "Award Amount", "desc"  # fixed, so a cursor stays valid between runs
DEFAULT_DETAILS = 50  # award detail + transactions for the top N awards of each query, by amount
# The fields the loader maps (etl/sources/_usaspending_columns.py, search_json); compare the recorded
# spending_by_award_contracts.json. generated_internal_id is the award key; internal_id comes anyway.
FIELDS = ["Award ID", "Recipient Name", "Recipient UEI", "recipient_id", "Start Date", "End Date", "Award Amount",
          "Total Outlays", "Awarding Agency", "Awarding Sub Agency", "Funding Agency", "Funding Sub Agency",
          "Contract Award Type", "Description", "NAICS", "PSC", "Last Modified Date", "Base Obligation Date",
          "generated_internal_id"]
GROUP_FIELDS = {"contracts": FIELDS, "idvs": FIELDS + ["Last Date to Order"]}
Rows = Callable[[int], None]


@dataclass(frozen=True)
class Query:
    """One search: a label for messages and the filters shared by every award-type group."""

    label: str
    filters: dict

    @property
    def key(self) -> str:
        """The query's name in the cursor store and its raw folder."""
        return _cursor.query_key(NAME, {"filters": self.filters, "sort": SORT, "order": ORDER, "limit": LIMIT})


def page_window() -> int:
    """The API's result window for page numbers ($MONEYTRAIL_USASPENDING_PAGE_WINDOW, default 50,000)."""
    return config.settings().usaspending_page_window


def queries_for(recipients: Iterable[str] | None = None, ueis: Iterable[str] | None = None,
                keywords: Iterable[str] | None = None) -> list[Query]:
    """One query per recipient name and per UEI (each AND the keywords, if any); keywords alone make one query.

    Within one filter the API ORs the values; across filters it ANDs them (the API's search docs).
    """
    kw = [k.strip() for k in keywords or () if k.strip()]
    extra = {"keywords": kw} if kw else {}
    out = [Query(f"recipient {t!r}", {"recipient_search_text": [t], **extra})
           for t in unique([*(recipients or ()), *(ueis or ())])]
    if not out and kw:
        out.append(Query(f"keywords {', '.join(repr(k) for k in kw)}", extra))
    return out


def registry_queries(registry_dir: Path | None = None) -> list[Query]:
    """One query per registry contract recipient: by UEI when the registry has one, else by name.

    A reseller row (relation `reseller`, e.g. CARAHSOFT for ChatGPT and Claude) is searched only for its
    description patterns, as keywords: a reseller's other awards are not about the organization.
    """
    rows = registry_rows("contract_recipients.csv", registry_dir or REGISTRY_DIR)
    wanted: dict[str, list[str] | None] = {}  # search text -> keywords (None: every award)
    for row in rows:
        text = (row.get("uei") or "").strip() or (row.get("recipient_name") or "").strip()
        if not text:
            continue
        patterns = [p.strip() for p in (row.get("description_pattern") or "").split("|") if p.strip()]
        if row.get("relation") == "reseller" and patterns:
            if text not in wanted or wanted[text] is not None:
                wanted[text] = unique([*(wanted.get(text) or []), *patterns])
        else:
            wanted[text] = None
    return [Query(f"registry recipient {t!r}", {"recipient_search_text": [t], **({"keywords": kw} if kw else {})})
            for t, kw in wanted.items()]


def fetch_awards(http: Http, raw: Path, *, recipients: list[str] | None = None, ueis: list[str] | None = None,
                 keywords: list[str] | None = None, award_groups: Iterable[str] = ("contracts", "idvs"),
                 progress: Progress | None = None, max_pages: int | None = None, detail: bool = True,
                 top_n: int = DEFAULT_DETAILS, detail_progress: Progress | None = None) -> FetchSummary:
    """Search awards by recipient names, UEIs and/or keywords; then detail + transactions of the top N by amount.

    progress(done, total) counts search records (total from spending_by_award_count, None if unknown);
    max_pages stops each group after that many pages this run (the cursor keeps the place).
    """
    queries = queries_for(recipients, ueis, keywords)
    if not queries:
        raise FetchError("nothing to search for: give recipient names, UEIs or keywords (or use the registry)")
    what = "USAspending awards for " + "; ".join(q.label for q in queries)
    return fetch_queries(http, raw, queries, what, award_groups=award_groups, progress=progress, max_pages=max_pages,
                         detail=detail, top_n=top_n, detail_progress=detail_progress)


def fetch_registry_awards(http: Http, raw: Path, *, registry_dir: Path | None = None, **kwargs: Any) -> FetchSummary:
    """fetch_awards for every contract recipient of the registry (etl/registry/contract_recipients.csv)."""
    queries = registry_queries(registry_dir)
    return fetch_queries(http, raw, queries, f"USAspending awards of {len(queries)} registry recipient(s)", **kwargs)


def fetch_queries(http: Http, raw: Path, queries: list[Query], what: str, *,
                  award_groups: Iterable[str] = ("contracts", "idvs"), progress: Progress | None = None,
                  max_pages: int | None = None, detail: bool = True, top_n: int = DEFAULT_DETAILS,
                  detail_progress: Progress | None = None) -> FetchSummary:
    """Run each query's searches one group at a time, then its details; one summary for all of them.

    The detail phase has its own cursor (`<query_key>/details`): a run interrupted there resumes with the
    pages already saved and skips the awards it had finished; otherwise a finished query starts afresh.
    """
    groups = list(award_groups)
    unknown = sorted(set(groups) - set(GROUPS))
    if unknown:
        raise FetchError(f"unknown award group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    summary = FetchSummary(NAME, what, [])
    total = _total(http, queries, groups, summary.notes)
    done_before, seen = 0, set[str]()
    for q in queries:
        dkey = f"{q.key}/details"
        dstate = _cursor.load_cursor(raw, dkey) if detail and top_n > 0 else None
        in_details = bool(dstate and not dstate["done"]) and all(_searched(raw, q.key, g) for g in groups)
        finished = True
        for g in groups:
            def on_rows(n: int, before: int = done_before) -> None:
                if progress:
                    progress(before + n, total)
            res = _searched(raw, q.key, g) if in_details else _search(http, raw, q, g, on_rows, max_pages)
            assert res is not None
            summary.files += res.files
            summary.records += res.rows
            summary.pages += res.pages
            summary.resumed |= res.resumed or in_details
            done_before += res.rows
            finished &= res.finished
            if not res.finished:
                summary.notes.append(f"{q.label}, {g}: stopped after {max_pages} page(s) this run (--max-pages); "
                                     "run the same command again to continue")
        if progress:
            progress(done_before, total)
        if not (detail and top_n > 0 and finished):
            continue
        started = dstate["cursor"]["started"] if in_details and dstate else now_iso()
        record = {"filters": q.filters, "details": top_n}
        _cursor.save_cursor(raw, dkey, source=NAME, query=record, cursor={"started": started}, pages=0, rows=0,
                            done=False)
        ids = [a for a in top_awards(raw / NAME / q.key, groups, top_n) if a not in seen]
        seen.update(ids)
        got = fetch_award_details(http, raw, ids, since=datetime.fromisoformat(started), progress=detail_progress)
        summary.files += got.files
        summary.notes += [f"{q.label}: {n}" for n in got.notes]
        _cursor.save_cursor(raw, dkey, source=NAME, query=record, cursor={"started": started}, pages=0,
                            rows=got.records, done=True)
    return summary


@dataclass
class _Searched:
    files: list[Path]
    rows: int
    pages: int
    resumed: bool
    finished: bool


def _searched(raw: Path, key: str, group: str) -> _Searched | None:
    """A group whose search finished in an earlier run, from its cursor and saved pages; None if it did not."""
    state = _cursor.load_cursor(raw, f"{key}/{group}")
    if not (state and state["done"]):
        return None
    return _Searched(pages_of(raw / NAME / key, group), state["rows"], state["pages"], True, True)


def _search(http: Http, raw: Path, q: Query, group: str, on_rows: Rows, max_pages: int | None) -> _Searched:
    """Fetch one group of one query page by page, resuming from the cursor when the last run did not finish."""
    key = q.key
    folder = raw / NAME / key
    ckey = f"{key}/{group}"
    state = _cursor.load_cursor(raw, ckey)
    resumed = bool(state and not state["done"])
    if state and resumed:
        cursor, pages, rows = state["cursor"] or {"page": 1}, state["pages"], state["rows"]
    else:
        remove(folder.glob(f"{group}-page-*"))  # a fresh fetch: pages of an older run must not linger
        cursor, pages, rows = {"page": 1}, 0, 0
    url = f"{base_url()}/api/v2/search/spending_by_award/"
    record = {"filters": q.filters, "group": group, "sort": SORT, "order": ORDER, "limit": LIMIT}
    keyset, fetched, window = bool(cursor.get("keyset")), 0, page_window()
    on_rows(rows)
    while max_pages is None or fetched < max_pages:
        page = int(cursor["page"])
        body: dict[str, Any] = {"filters": {**q.filters, "award_type_codes": list(GROUPS[group])},
                                "fields": GROUP_FIELDS[group], "limit": LIMIT, "page": page, "sort": SORT,
                                "order": ORDER, "subawards": False}
        keyset = keyset or (page - 1) * LIMIT >= window
        if keyset:
            body.update(_keyset_params(cursor, page, window))
        try:
            data = http.json("POST", url, body=body)
        except FetchError as exc:
            if not keyset and _asks_for_keyset(exc) and cursor.get("last_record_unique_id") is not None:
                keyset = True  # the API's window is smaller than we thought: same page, by keyset
                continue
            kept = (f" Pages 1-{page - 1} are kept in {folder}; run the same command again to resume from page {page}."
                    if page > 1 else "")
            raise FetchError(f"USAspending {group} search ({q.label}), page {page}: {exc}.{kept}") from None
        results, meta = page_parts(data, f"USAspending {group} search ({q.label}), page {page}")
        save_json(folder / f"{group}-page-{page:05d}.json", data, url=url, request=body, page=page, query_key=key,
                  group=group)
        rows, pages, fetched = rows + len(results), pages + 1, fetched + 1
        has_next = bool(meta.get("hasNext")) and len(results) >= LIMIT
        cursor = {"page": page + 1, "keyset": keyset, "last_record_unique_id": meta.get("last_record_unique_id"),
                  "last_record_sort_value": meta.get("last_record_sort_value")}
        _cursor.save_cursor(raw, ckey, source=NAME, query=record, cursor=cursor, pages=pages, rows=rows,
                            done=not has_next)
        on_rows(rows)
        if not has_next:
            return _Searched(pages_of(folder, group), rows, pages, resumed, True)
    return _Searched(pages_of(folder, group), rows, pages, resumed, False)


def _keyset_params(cursor: dict, page: int, window: int) -> dict:
    uid, value = cursor.get("last_record_unique_id"), cursor.get("last_record_sort_value")
    if uid is None or value in (None, "None"):
        raise FetchError(f"page {page} lies past the API's {window:,}-record window for page numbers and the previous "
                         "page gave no keyset values (last_record_unique_id / last_record_sort_value); narrow the "
                         "search or use --download")
    return {"last_record_unique_id": uid, "last_record_sort_value": str(value)}


def _asks_for_keyset(exc: FetchError) -> bool:
    """The API's 422 for a page number past its window names the keyset fields (spending_by_award.py)."""
    return exc.status == 422 and "last_record_unique_id" in str(exc)


def _total(http: Http, queries: list[Query], groups: list[str], notes: list[str]) -> int | None:
    """How many awards the searches will return, from spending_by_award_count (one cheap request per query)."""
    total = 0
    for q in queries:
        try:
            data = http.json("POST", f"{base_url()}/api/v2/search/spending_by_award_count/",
                             body={"filters": q.filters, "spending_level": "awards"})
            total += sum(int(data["results"].get(g) or 0) for g in groups)
        except (FetchError, KeyError, TypeError, ValueError, AttributeError) as exc:
            notes.append(f"total unknown: the count request failed ({str(exc)[:200]})")
            return None
    return total


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches the awards of every registry contract recipient, with detail of the 10 largest of each."""
    # 10 awards of detail + transactions per recipient query keeps `up` to ~300 requests
    return [WatchStep("USAspending awards of registry recipients", f"{base_url()}/api/v2/references/award_types/",
                      lambda http, raw, bars: [fetch_registry_awards(
                          http, raw, progress=bars("USAspending registry awards", "records"), top_n=10)])]
