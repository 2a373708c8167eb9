"""OpenFEC (api.open.fec.gov/v1): Schedule A receipts by keyset paging, Form 13 inaugural donations, raw .fec filings.

Reference: ../shared/reference/fec.md §3 (keys and rate limits, /schedules/schedule_a/ filters, keyset
paging, response shape), §3.5 (Form 13) and §4 (raw .fec files).

Fetching. One query = the filter, one two-year period, the sort and per_page (never the key); its name
is `_cursor.query_key` and its pages land in raw/openfec/<query_key>/page-00001.json, ... with a
.meta.json each (query, page, cursor sent, URL, retrieved_at). A page is written before the cursor
that points past it is saved in raw/fetch_state.duckdb, so an interrupted fetch re-runs at most one
page, which overwrites the same file.
  * Re-running an unfinished query resumes from its saved cursor.
  * Re-running a finished (`done`) query re-checks it from the start: new filings arrive at the top of
    the newest-first order, so only a new pass finds them. The pass overwrites page-00001... in place
    and, when it finishes, deletes the pages numbered past its own last page. Until then the folder can
    hold the same record twice; the loader counts a sub_id once (etl/rules.py).
  * Paging follows pagination.last_indexes: last_index + last_contribution_receipt_date, or last_index +
    sort_null_only=true once the date sort reached rows without a date. It stops on an empty page or
    null last_indexes; pagination.count is approximate and used only for the progress bar.
The key goes only in the X-Api-Key header of a client of its own (never to other hosts, never in a URL,
file, cursor or message). Without FEC_API_KEY (or with DEMO_KEY) the fetch warns and paces itself to
MONEYTRAIL_DEMO_KEY_INTERVAL seconds between calls (default 120: api.data.gov allows DEMO_KEY 30 calls
an hour per IP). A registered key is paced by MONEYTRAIL_OPENFEC_INTERVAL (default 0); with any key, a
response saying X-RateLimit-Remaining: 0 makes the next call wait one call's share of the hourly limit
(3600 / X-RateLimit-Limit seconds), and a 429 is retried after its Retry-After.

Loading: `recognise`/`load` read a saved page (load.py); `up` fetches the registry's queries (watch.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from etl import config, model
from etl.net import cursors as _cursor
from etl.net.http import FetchError, FetchSummary, Http
from etl.net.meta import save_json
from etl.net.progress import Progress, ProgressFactory
from etl.sources.fec_efile.fetch import fetch_efiling

NAME = "openfec"

ENDPOINT = "/schedules/schedule_a/"
SORT = "-contribution_receipt_date"  # the API's default: newest first (fec.md §3.3)
DEMO_KEY = "DEMO_KEY"
# Trump Vance Inaugural Committee: type X, org type I in the 2025-26 committee master (fec.md §0, §1.5)
INAUGURAL_COMMITTEE = "C00894162"
CMTE_RE = re.compile(r"^C\d{8}$")
DEMO_WARNING = ("no FEC_API_KEY: using DEMO_KEY, which api.data.gov limits to about 30-40 calls an hour per IP "
                "(100 records a call), so this fetch waits {interval:.0f} s between calls. Get a free key at "
                "https://api.data.gov/signup/ and export FEC_API_KEY for 1,000 calls an hour.")
Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def resolve_key(api_key: str | None = None) -> tuple[str, bool]:
    """(key, is_demo): the given key, else FEC_API_KEY; DEMO_KEY when neither is set."""
    key = api_key if api_key is not None else config.settings().api_key()
    if not key or key.strip() == DEMO_KEY:
        return DEMO_KEY, True
    return key.strip(), False


class _RateLimit:
    """Reads X-RateLimit-* from every answer; after a 'Remaining: 0' the next call waits its share of the hour."""

    def __init__(self, http: Http, warn: Warn) -> None:
        self.http, self.warn = http, warn
        self.remaining: int | None = None
        self.limit: int | None = None
        http.client.event_hooks["response"].append(self.seen)

    def seen(self, resp: httpx.Response) -> None:
        """Response hook: remember the gateway's counters."""
        for attr, header in (("remaining", "x-ratelimit-remaining"), ("limit", "x-ratelimit-limit")):
            value = resp.headers.get(header, "")
            if value.strip().isdigit():
                setattr(self, attr, int(value))

    def wait(self) -> None:
        """Sleep before the next call if the last answer said no calls are left this hour."""
        if self.remaining == 0:
            seconds = 3600.0 / (self.limit or 1000)
            self.warn(f"OpenFEC says no calls are left this hour (X-RateLimit-Remaining: 0); waiting {seconds:.1f} s")
            self.http.sleep(seconds)
            self.remaining = None


def api_client(key: str, demo: bool, http: Http | None = None, warn: Warn = _stderr) -> Http:
    """A client of OpenFEC's own: the key in its X-Api-Key header (and redacted from every message), paced.

    Log, sleep and clock are taken from `http` when given (so callers and tests see retries and waits).
    """
    s = config.settings()
    interval = s.demo_key_interval if demo else s.openfec_interval
    secrets = [] if demo else [key]  # DEMO_KEY is public
    kwargs = {"log": http.log, "sleep": http.sleep, "clock": http.clock, "secrets": [*secrets, *http.secrets]} if http else \
        {"log": warn, "secrets": secrets}
    return Http(headers={"X-Api-Key": key}, min_interval=interval, **kwargs)  # type: ignore[arg-type]


def _filters(employer: str | None, contributor: str | None, committee: str | None) -> dict[str, str]:
    given = {k: " ".join(v.split()).upper() for k, v in (("contributor_employer", employer),
                                                         ("contributor_name", contributor),
                                                         ("committee_id", committee)) if v and v.strip()}
    if len(given) != 1:
        raise FetchError("give exactly one of employer, contributor or committee "
                         f"(got {', '.join(given) or 'none'})")
    if "committee_id" in given and not CMTE_RE.match(given["committee_id"]):
        raise FetchError(f"committee {given['committee_id']!r} is not an FEC committee ID (C followed by 8 digits)")
    return given


def _cycles(cycles: Sequence[int] | None) -> list[int]:
    out = sorted(set(cycles or [model.current_cycle()]), reverse=True)
    odd = [c for c in out if c % 2]
    if odd:
        raise FetchError(f"cycle {odd[0]}: FEC two-year periods are named by their even year (e.g. 2026)")
    return out


def next_cursor(last_indexes: object) -> dict[str, str] | None:
    """The paging parameters that continue after a page, from its pagination.last_indexes (None: no more pages)."""
    if not isinstance(last_indexes, dict) or not last_indexes.get("last_index"):
        return None
    cursor = {"last_index": str(last_indexes["last_index"])}
    if last_indexes.get("last_contribution_receipt_date"):
        cursor["last_contribution_receipt_date"] = str(last_indexes["last_contribution_receipt_date"])
    else:  # the date sort has reached rows without a date
        cursor["sort_null_only"] = "true"
    return cursor


def fetch_schedule_a(http: Http | None, raw: Path, *, employer: str | None = None, contributor: str | None = None,
                     committee: str | None = None, cycles: Sequence[int] | None = None, api_key: str | None = None,
                     progress: Progress | None = None, max_pages: int | None = None, per_page: int = 100,
                     warn: Warn | None = None, base: str | None = None) -> FetchSummary:
    """Schedule A receipts matching one filter, every page of every cycle, into raw/openfec/<query_key>/.

    `http` lends its log and sleep (may be None); `max_pages` stops this run after that many pages (a
    later run resumes); `progress(records, approximate_total)` is called after every page.
    """
    filters = _filters(employer, contributor, committee)
    periods = _cycles(cycles)
    warn = warn or (http.log if http else _stderr)
    key, demo = resolve_key(api_key)
    base = (base or config.settings().openfec_base).rstrip("/")
    label = ", ".join(f"{k}={v}" for k, v in filters.items())
    summary = FetchSummary(NAME, f"OpenFEC Schedule A {label}, cycle {', '.join(map(str, periods))}", [])
    api = api_client(key, demo, http, warn)
    if demo:
        warn(DEMO_WARNING.format(interval=api.min_interval))
        summary.notes.append(f"DEMO_KEY: paced to one call every {api.min_interval:.0f} s")
    limits = _RateLimit(api, warn)
    try:
        for cycle in periods:
            query = {"endpoint": ENDPOINT, **filters, "two_year_transaction_period": cycle, "sort": SORT,
                     "per_page": per_page}
            if not _fetch_query(api, limits, raw, f"{base}{ENDPOINT}", query, summary, progress, max_pages):
                break
    finally:
        api.close()
    return summary


def _fetch_query(api: Http, limits: _RateLimit, raw: Path, url: str, query: dict, summary: FetchSummary,
                 progress: Progress | None, max_pages: int | None) -> bool:
    """Page one query to its end (or to max_pages); False when max_pages stopped it."""
    key = _cursor.query_key(NAME, query)
    folder = raw / NAME / key
    params = {k: v for k, v in query.items() if k != "endpoint"}
    label = f"cycle {query['two_year_transaction_period']} ({key})"
    state = _cursor.load_cursor(raw, key)
    notes = summary.notes
    if state and state["done"]:
        notes.append(f"{label}: finished before with {state['rows']:,} records; re-checking from the start")
        state = None
    elif state and state["pages"]:
        summary.resumed = True
        notes.append(f"{label}: resuming after page {state['pages']} ({state['rows']:,} records already saved)")
    cursor = state["cursor"] if state else None
    pages, rows = (state["pages"], state["rows"]) if state else (0, 0)
    while True:
        if max_pages is not None and summary.pages >= max_pages:
            notes.append(f"{label}: stopped after {pages} page(s) (--max-pages); run the same command again to resume")
            return False
        sent = {**params, **(cursor or {})}
        limits.wait()
        try:
            data = api.json("GET", url, params=sent)
        except FetchError as exc:
            raise FetchError(f"OpenFEC {label}, page {pages + 1}: {exc}. The {pages} page(s) before it are saved "
                             f"in {folder} and the next run resumes after them.") from None
        results, pagination = _parts(data, f"OpenFEC {label}, page {pages + 1}")
        if not results:
            _cursor.save_cursor(raw, key, source=NAME, query=query, cursor=cursor, pages=pages, rows=rows, done=True)
            _drop_stale_pages(folder, pages)
            break
        pages += 1
        path = save_json(folder / f"page-{pages:05d}.json", data, source=NAME, url=str(httpx.URL(url, params=sent)),
                         query=query, page=pages, cursor_sent=cursor, records=len(results))
        summary.files.append(path)
        summary.pages += 1
        summary.records += len(results)
        rows += len(results)
        nxt = next_cursor(pagination.get("last_indexes"))
        _cursor.save_cursor(raw, key, source=NAME, query=query, cursor=nxt or cursor, pages=pages, rows=rows,
                            done=nxt is None)
        if progress:
            count = pagination.get("count")
            progress(rows, max(int(count), rows) if isinstance(count, int) else None)
        if nxt is None:
            _drop_stale_pages(folder, pages)
            break
        if nxt == cursor:
            raise FetchError(f"OpenFEC {label}: the API returned the same cursor twice; stopping instead of looping")
        cursor = nxt
    notes.append(f"{label}: complete, {rows:,} records in {pages} page(s)")
    return True


def _parts(data: object, where: str) -> tuple[list, dict]:
    """The results list and pagination object of a page, or a FetchError saying what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise FetchError(f"{where}: the answer is not a Schedule A page (no results list): {str(data)[:120]}")
    pagination = data.get("pagination")
    return data["results"], pagination if isinstance(pagination, dict) else {}


def _drop_stale_pages(folder: Path, pages: int) -> None:
    """After a finished pass, delete pages numbered past its last one (left by an earlier, longer pass)."""
    for p in folder.glob("page-*.json"):
        number = p.stem.removeprefix("page-")
        if number.isdigit() and int(number) > pages:
            p.unlink(missing_ok=True)
            p.with_name(p.name + ".meta.json").unlink(missing_ok=True)


def fetch_form13(http: Http | None, raw: Path, *, file_numbers: Sequence[int] = (), schedule_a: bool = True,
                 committee: str | None = None, cycles: Sequence[int] | None = None, api_key: str | None = None,
                 progress: Progress | None = None, max_pages: int | None = None, warn: Warn | None = None,
                 progress_for: ProgressFactory | None = None) -> list[FetchSummary]:
    """Form 13 inaugural donations: the inaugural committee's Schedule A rows (F13 filings are kept there) and/or
    its raw .fec filings by file number (Schedule 13-A lines, parsed by fec_efile)."""
    out = []
    if schedule_a:
        out.append(fetch_schedule_a(http, raw, committee=committee or INAUGURAL_COMMITTEE, cycles=cycles,
                                    api_key=api_key, progress=progress, max_pages=max_pages, warn=warn))
    if file_numbers:
        out.append(fetch_efiling(http, raw, file_numbers, progress_for))
    return out
