"""Follow a committee's filings with no key: list them on OpenFEC, download each as raw .fec from docquery.

The list is one call to OpenFEC's /committee/{id}/reports/ (with FEC_API_KEY, else DEMO_KEY: one call per
committee is within its hourly allowance, fec.md §3.1, §4.1a); the answer is saved as a raw file with its fetch
record and loads into filing_versions (the amendment chain). The filings themselves need no key
(docquery.fec.gov/dcdev/posted/{n}.fec). A filing docquery does not have (paper filings, very new ones) is
named in the summary and the others still come.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from etl import config, entities
from etl.net.http import FetchError, FetchSummary, Http
from etl.net.meta import save_json
from etl.net.progress import ProgressFactory
from etl.sources.base import WatchStep
from etl.sources.fec_efile.fetch import fetch_efiling

NAME = "fec_efile"
CMTE_RE = re.compile(r"^C\d{8}$")


def watched(all_rows: bool = False) -> list[str]:
    """Committee IDs `up` follows: etl/registry/watched_committees.csv rows marked up ($MONEYTRAIL_WATCHLIST_COMMITTEES
    replaces the list; empty for none)."""
    env = os.environ.get("MONEYTRAIL_WATCHLIST_COMMITTEES")
    if env is not None:
        return [c for c in env.replace(" ", "").upper().split(",") if c]
    rows = entities.registry_rows("watched_committees.csv")
    return [r["cmte_id"] for r in rows if all_rows or r["watch"] == "up"]


def list_filings(raw: Path, committee: str, api_key: str | None = None, base: str | None = None) -> tuple[Path, list[dict]]:
    """One OpenFEC call: the committee's reports (every version), saved under raw/openfec-reports/<id>/reports.json."""
    from etl.sources.openfec.fetch import api_client, resolve_key
    key, demo = resolve_key(api_key)
    url = f"{(base or config.settings().openfec_base).rstrip('/')}/committee/{committee}/reports/"
    params = {"per_page": 100, "sort": "-coverage_end_date"}
    with api_client(key, demo) as api:
        data = api.json("GET", url, params=params)
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise FetchError(f"{committee}: OpenFEC's reports answer has no results list")
    path = save_json(raw / "openfec-reports" / committee / "reports.json", data, source="openfec",
                     url=f"{url}?per_page=100&sort=-coverage_end_date", query={"committee_id": committee})
    return path, data["results"]


def fetch_committee_filings(http: Http, raw: Path, committee: str, *, api_key: str | None = None,
                            current_only: bool = False, progress_for: ProgressFactory | None = None) -> FetchSummary:
    """List a committee's filings and download each e-filed one as raw .fec (resumable, with its fetch record)."""
    committee = committee.strip().upper()
    if not CMTE_RE.match(committee):
        raise FetchError(f"{committee!r} is not an FEC committee ID (C followed by 8 digits, e.g. C00892471)")
    _, results = list_filings(raw, committee, api_key)
    numbers = sorted({int(float(r["file_number"])) for r in results
                      if r.get("file_number") and str(r.get("means_filed", "e-file")).lower() != "paper"
                      and (not current_only or r.get("most_recent") is not False)}, reverse=True)
    summary = FetchSummary(NAME, f"filings of {committee}: {len(numbers)} listed", [])
    missing = []
    for n in numbers:
        try:
            got = fetch_efiling(http, raw, [n], progress_for)
        except FetchError as exc:
            missing.append(f"{n} ({str(exc).splitlines()[0][:80]})")
            continue
        summary.files.extend(got.files)
    if missing:
        summary.notes.append(f"not downloaded from docquery: {', '.join(missing)}")
    return summary


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` follows the watched committees' filings (no key needed)."""
    ids = watched()
    if not ids:
        return []
    return [WatchStep(f"FEC filings of watched committees {', '.join(ids)}", f"{config.settings().docquery_base}/",
                      lambda http, raw, bars: [fetch_committee_filings(http, raw, c, progress_for=bars) for c in ids])]
