"""USAspending award detail and transactions of named awards, and the helpers the award search shares.

  raw/usaspending/awards/award-<award id>.json           award detail (meta award_id)
  raw/usaspending/awards/transactions-<id>-page-1.json   its modifications (meta award_id links them)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import quote

from etl import config
from etl.net.http import FetchError, FetchSummary, Http
from etl.net.meta import read_meta, retrieved_at, save_json
from etl.net.progress import Progress

NAME = "usaspending"
TRANSACTIONS_LIMIT = 5_000  # the maximum of /api/v2/transactions/ (§1.1)


def base_url() -> str:
    """$MONEYTRAIL_USASPENDING_BASE, else https://api.usaspending.gov."""
    return config.settings().usaspending_base.rstrip("/")


def page_parts(data: Any, what: str) -> tuple[list, dict]:
    """The results list and page_metadata of an answer, or a FetchError saying what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise FetchError(f"{what}: unexpected response (no results list): {str(data)[:200]}")
    meta = data.get("page_metadata")
    return data["results"], meta if isinstance(meta, dict) else {}


def pages_of(folder: Path, group: str) -> list[Path]:
    """The saved search pages of one group, in page order (not their .meta.json records)."""
    return sorted(p for p in folder.glob(f"{group}-page-*.json") if not p.name.endswith(".meta.json"))


def top_awards(folder: Path, groups: Iterable[str], n: int) -> list[str]:
    """The generated ids of the n largest awards (by Award Amount) in a query's saved pages."""
    amounts: dict[str, Decimal] = {}
    for g in groups:
        for page in pages_of(folder, g):
            for r in json.loads(page.read_text(encoding="utf-8")).get("results") or []:
                aid = r.get("generated_internal_id")
                if aid:
                    amounts[aid] = max(amounts.get(aid, Decimal(0)), _money(r.get("Award Amount")))
    return sorted(amounts, key=lambda a: (-amounts[a], a))[:n]


def fetch_award_details(http: Http, raw: Path, award_ids: Iterable[str], *, since: datetime | None = None,
                        progress: Progress | None = None) -> FetchSummary:
    """GET /api/v2/awards/{id}/ and POST /api/v2/transactions/ (all pages) for each award id.

    An award whose detail file was fetched at or after `since` is not fetched again (a resumed run). The
    detail file is written last, after its transactions, so it marks a complete award. An award the API
    does not know (HTTP 404) is skipped with a note.
    """
    ids = unique(award_ids)
    folder = raw / NAME / "awards"
    summary = FetchSummary(NAME, f"USAspending award detail and transactions of {len(ids)} award(s)", [])
    skipped = 0
    for i, aid in enumerate(ids):
        if progress:
            progress(i, len(ids))
        award_file = folder / f"award-{_safe(aid)}.json"
        if since and award_file.exists() and _fetched_since(award_file, since):
            skipped += 1
            summary.files.append(award_file)
            continue
        url = f"{base_url()}/api/v2/awards/{quote(aid, safe='')}/"
        try:
            detail = http.json("GET", url)
        except FetchError as exc:
            if _not_found(exc):
                summary.notes.append(f"award {aid}: not found at USAspending (HTTP 404); skipped")
                continue
            raise
        if not isinstance(detail, dict) or "generated_unique_award_id" not in detail:
            raise FetchError(f"award {aid}: unexpected detail response: {str(detail)[:200]}")
        summary.files += _transactions(http, folder, aid, summary)
        summary.files.append(save_json(award_file, detail, url=url, award_id=aid))
        summary.records += 1
    if progress:
        progress(len(ids), len(ids))
    if skipped:
        summary.notes.append(f"{skipped} award detail(s) fetched before the interruption were kept")
    return summary


def _transactions(http: Http, folder: Path, aid: str, summary: FetchSummary) -> list[Path]:
    """Every page of an award's modifications; an empty page writes nothing (there is nothing to load)."""
    remove(folder.glob(f"transactions-{_safe(aid)}-page-*"))
    url = f"{base_url()}/api/v2/transactions/"
    files, page = [], 1
    while True:
        body = {"award_id": aid, "limit": TRANSACTIONS_LIMIT, "page": page, "sort": "action_date", "order": "desc"}
        try:
            data = http.json("POST", url, body=body)
        except FetchError as exc:
            if page == 1 and _not_found(exc):
                summary.notes.append(f"award {aid}: no transactions at USAspending (HTTP 404)")
                return files
            raise FetchError(f"transactions of {aid}, page {page}: {exc}") from None
        results, meta = page_parts(data, f"transactions of {aid}, page {page}")
        if results:
            files.append(save_json(folder / f"transactions-{_safe(aid)}-page-{page}.json", data, url=url,
                                   request=body, page=page, award_id=aid))
        if not (meta.get("hasNext") and len(results) >= TRANSACTIONS_LIMIT):
            return files
        page += 1


def _not_found(exc: FetchError) -> bool:
    return exc.status == 404


def now_iso() -> str:
    """Now in UTC, as the ISO text a detail cursor keeps."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _fetched_since(path: Path, since: datetime) -> bool:
    """True when the fetch record beside path says it was retrieved at or after since."""
    when = retrieved_at(read_meta(path))
    return when is not None and when >= since.astimezone(UTC).replace(tzinfo=None)


def _money(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)


def _safe(award_id: str) -> str:
    """An award id as a file-name part (generated ids are letters, digits, _ and -; anything else becomes _)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", award_id)


def unique(values: Iterable[str]) -> list[str]:
    """The stripped, non-empty values, each once, in order."""
    seen: dict[str, None] = {}
    for v in values:
        v = v.strip()
        if v:
            seen.setdefault(v, None)
    return list(seen)


def remove(paths: Iterable[Path]) -> None:
    """Delete the files (an older run's pages)."""
    for p in list(paths):
        p.unlink(missing_ok=True)
