"""USAspending bulk downloads: ask for a zip, poll until it is built, download it (resumable), unzip its CSVs.

POST /api/v2/download/awards/ answers at once with `file_name`, `status_url` and `file_url`; USAspending
builds the zip in the background, so GET /api/v2/download/status?file_name=... is polled until `status` is
`finished` (`failed` carries a `message`). Reference: ../shared/reference/contracts_and_ai_use.md §0 item 1,
§1.1 and §2. The zip lands in raw/usaspending/downloads/ and its prime-award CSVs are unzipped beside it
(into a folder named after the zip), where the loader recognises them by their header; subaward files are
skipped (moneytrail does not load subawards yet) and the summary says so.

Polling: every $MONEYTRAIL_USASPENDING_POLL_SECONDS (default 10 s), giving up after
$MONEYTRAIL_USASPENDING_POLL_MAX (default 3,600 s) with a message. The pending request is kept in the
cursor store, so running the same command again waits for the same file instead of asking for another.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urljoin

from etl import config
from etl.net import cursors as _cursor
from etl.net.files import sha256_file
from etl.net.http import FetchError, FetchSummary, Http, check_zip
from etl.net.meta import write_meta
from etl.net.progress import Progress

NAME = "usaspending"
CONTRACT_CODES = ("A", "B", "C", "D", "IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E")
OnPoll = Callable[[dict, int, float], None]


def request_download(http: Http, raw: Path, filters: dict, *, award_type_codes: Iterable[str] = CONTRACT_CODES,
                     poll_interval: float | None = None, max_wait: float | None = None, on_poll: OnPoll | None = None,
                     progress: Progress | None = None) -> FetchSummary:
    """Request an Advanced Search award download for the filters (contracts and IDVs by default), wait, fetch, unzip.

    on_poll(status, polls, seconds_waited) is called after every status check (a progress line);
    progress(done, total) follows the zip's bytes.
    """
    s = config.settings()
    interval = poll_interval if poll_interval is not None else s.usaspending_poll_seconds
    patience = max_wait if max_wait is not None else s.usaspending_poll_max
    base = s.usaspending_base.rstrip("/")
    body = {"filters": {"award_type_codes": list(award_type_codes), **filters}, "file_format": "csv"}
    key = _cursor.query_key(f"{NAME}-download", body)
    state = _cursor.load_cursor(raw, key)
    summary = FetchSummary(NAME, f"USAspending award download for {filters}", [])
    if state and not state["done"] and (state["cursor"] or {}).get("file_name"):
        asked = state["cursor"]
        summary.resumed = True
        summary.notes.append(f"waiting for the download requested earlier: {asked['file_name']}")
    else:
        asked = http.json("POST", f"{base}/api/v2/download/awards/", body=body)
        if not isinstance(asked, dict) or not asked.get("file_name"):
            raise FetchError(f"USAspending download request: unexpected response: {str(asked)[:200]}")
        asked = {k: asked.get(k) for k in ("file_name", "file_url", "status_url")}
        _save(raw, key, body, asked, done=False)
    name = Path(str(asked["file_name"])).name
    status = _wait(http, base, name, interval, patience, on_poll, raw, key, body, asked)
    url = urljoin(base + "/", str(status.get("file_url") or asked.get("file_url") or ""))
    dest = raw / NAME / "downloads" / name
    got = http.download(url, dest, validate=check_zip, progress=progress,
                        extra_meta={"download_request": body, "file_name": name, "total_rows": status.get("total_rows")})
    summary.add(got)
    summary.files += unzip_csvs(dest, url, summary.notes)
    summary.records = status.get("total_rows") or 0
    _save(raw, key, body, asked, done=True)
    return summary


def _wait(http: Http, base: str, name: str, interval: float, patience: float, on_poll: OnPoll | None, raw: Path,
          key: str, body: dict, asked: dict) -> dict:
    """Poll the status until finished; FetchError when it failed or is not ready in time."""
    t0, waited, polls = time.monotonic(), 0.0, 0
    while True:
        status = http.json("GET", f"{base}/api/v2/download/status", params={"file_name": name})
        polls += 1
        if not isinstance(status, dict):
            raise FetchError(f"download {name}: unexpected status response: {str(status)[:200]}")
        if on_poll:
            on_poll(status, polls, waited)
        state = status.get("status")
        if state == "finished":
            return status
        if state == "failed":
            _save(raw, key, body, asked, done=True)  # forget it: the next run asks for a new file
            raise FetchError(f"USAspending could not build the download {name}: "
                             f"{status.get('message') or 'no reason given'}")
        if state not in ("ready", "running"):
            raise FetchError(f"download {name}: unknown status {state!r}")
        elapsed = max(waited, time.monotonic() - t0)
        if elapsed >= patience:
            raise FetchError(f"the download {name} is still {state} after {elapsed:.0f} s of waiting "
                             f"(MONEYTRAIL_USASPENDING_POLL_MAX={patience:.0f}); run the same command again later "
                             "to keep waiting for the same file")
        http.sleep(interval)
        waited += interval


def _save(raw: Path, key: str, body: dict, asked: dict, done: bool) -> None:
    _cursor.save_cursor(raw, key, source=NAME, query=body, cursor=asked, pages=0, rows=0, done=done)


def unzip_csvs(zip_path: Path, url: str, notes: list[str]) -> list[Path]:
    """Unzip the CSV members of a download into <zip name without .zip>/, each with a fetch record; skip subawards."""
    out_dir = zip_path.with_suffix("")
    out: list[Path] = []
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = Path(info.filename).name  # never a path from inside the zip
            if "subaward" in name.lower():
                notes.append(f"{name}: subaward file skipped (moneytrail does not load subawards yet)")
                continue
            if not name.lower().endswith(".csv"):
                notes.append(f"{name}: not a CSV, skipped")
                continue
            target = out_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(name + ".tmp")
            with zf.open(info) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            os.replace(tmp, target)
            write_meta(target, url=url, zip=zip_path.name, member=info.filename,
                       size=target.stat().st_size, sha256=sha256_file(target))
            notes.append(f"{name}: unzipped, {target.stat().st_size:,} bytes")
            out.append(target)
    return out
