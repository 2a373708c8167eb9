"""Download FEC bulk zips, and the masters `moneytrail up` fetches for each cycle."""

from __future__ import annotations

from pathlib import Path

from etl import config
from etl.net.http import FetchError, FetchSummary, Http, check_zip
from etl.net.progress import ProgressFactory
from etl.sources.base import WatchStep
from etl.sources.fec_bulk.specs import BULK_TYPES

NAME = "fec_bulk"
# Masters, and committee-to-committee rows: oth holds every PAC gift (pas2 only those to candidates), so
# a company PAC's giving to party and leadership PACs is there too (fec.md §1.3).
MASTER_TYPES = ["cm", "cn", "ccl", "oth", "pas2"]


def fetch(http: Http, raw: Path, cycle: int, types: list[str], progress_for: ProgressFactory | None = None,
          base: str | None = None) -> FetchSummary:
    """Download FEC bulk zips ({base}/{cycle}/{type}{yy}.zip) into raw/fec-bulk/{cycle}/, each verified as a whole zip."""
    if cycle % 2:
        raise FetchError(f"cycle {cycle}: FEC cycles are named by their even year (e.g. 2026)")
    unknown = sorted(set(types) - set(BULK_TYPES))
    if unknown:
        raise FetchError(f"unknown bulk type(s) {', '.join(unknown)}; choose from {', '.join(BULK_TYPES)}")
    base = (base or config.settings().fec_bulk_base).rstrip("/")
    summary = FetchSummary(NAME, f"FEC bulk files {cycle}: {', '.join(types)}", [])
    for t in types:
        name = f"{t}{cycle % 100:02d}.zip"
        got = http.download(f"{base}/{cycle}/{name}", raw / "fec-bulk" / str(cycle) / name, validate=check_zip,
                            progress=progress_for(name) if progress_for else None)
        summary.add(got)
    return summary


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches the masters and committee-to-committee rows of each cycle."""
    base = config.settings().fec_bulk_base
    return [WatchStep(f"FEC bulk {c} ({', '.join(MASTER_TYPES)})", f"{base}/data_dictionaries/cm_header_file.csv",
                      lambda http, raw, bars, c=c: [fetch(http, raw, c, MASTER_TYPES, bars)]) for c in cycles]
