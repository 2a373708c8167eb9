"""Download raw .fec filings from docquery, and the inaugural committee's Form 13 filings `moneytrail up` fetches."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from etl import config
from etl.net.http import FetchError, FetchSummary, Http, check_text
from etl.net.progress import ProgressFactory
from etl.sources.base import WatchStep

NAME = "fec_efile"


def check_fec(path: Path) -> None:
    """FetchError unless a download is a whole .fec filing: ends with a line break, first line an HDR/FEC header."""
    check_text(path)
    with open(path, "rb") as f:
        first = f.readline(4096).decode("latin-1")
    fields = [x.strip().strip('"') for x in re.split(r"[\x1c,]", first)]
    if len(fields) < 2 or fields[0].upper() != "HDR" or fields[1].upper() != "FEC":
        raise FetchError(f"not an FEC filing: the first line is not an HDR/FEC header (starts {first[:40]!r})")


def fetch_efiling(http: Http | None, raw: Path, file_numbers: Sequence[int],
                  progress_for: ProgressFactory | None = None, base: str | None = None) -> FetchSummary:
    """Raw .fec filings from {docquery}/dcdev/posted/{n}.fec into raw/efile/{n}.fec (resumed, verified); no key needed."""
    base = (base or config.settings().docquery_base).rstrip("/")
    numbers = [int(n) for n in file_numbers]
    summary = FetchSummary(NAME, f"FEC e-filings {', '.join(map(str, numbers))}", [])
    own = http is None
    client = http or Http()
    try:
        for n in numbers:
            if n <= 0:
                raise FetchError(f"filing number {n}: FEC filing numbers are positive integers")
            name = f"{n}.fec"
            got = client.download(f"{base}/dcdev/posted/{name}", raw / "efile" / name, validate=check_fec,
                                   progress=progress_for(name) if progress_for else None)
            summary.add(got)
    finally:
        if own:
            client.close()
    return summary


def efilings() -> list[int]:
    """Form 13 filing numbers `up` fetches as raw .fec."""
    return list(config.settings().watchlist_efilings)  # default: config.INAUGURAL_FILINGS


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches the inaugural committee's Form 13 filings (no key needed)."""
    numbers = efilings()
    return [WatchStep(f"FEC Form 13 filings {', '.join(map(str, numbers))}", f"{config.settings().docquery_base}/",
                      lambda http, raw, bars: [fetch_efiling(http, raw, numbers, bars)])]
