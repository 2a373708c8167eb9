"""`moneytrail up`: the default watchlist warehouse, fetched from the public sources into data/raw.

Each source in SOURCES says what `up` fetches from it (its watch_steps); today, in order:
  1. FEC bulk masters (cm, cn, ccl) and committee-to-committee rows (oth, pas2) for each cycle;
  2. OpenFEC Schedule A for the registry: each organization's employer names, its executives and
     household members, its PACs' receipts, and the inaugural committee's Form 13 rows (needs FEC_API_KEY:
     DEMO_KEY allows about 30-40 calls an hour, so without a key this step is skipped and says so);
  3. the inaugural committee's Form 13 filings as raw .fec from docquery (no key needed);
  4. USAspending awards of every registry recipient (names and UEIs), with award detail;
  5. the Federal AI Use Case Inventory files.
Before fetching, each source is probed once with a short timeout; if none answers, `up` starts the demo.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
from rich.console import Console

from etl import model, sources
from etl.net.http import USER_AGENT, FetchError, FetchSummary, Http
from etl.net.progress import ProgressFactory
from etl.sources.base import WatchStep

Step = WatchStep  # the name `up` uses
Bars = ProgressFactory


def default_cycles(today: date | None = None) -> list[int]:
    """The current two-year cycle (named by its even year) and the previous one."""
    current = model.current_cycle(today)
    return [current, current - 2]


def plan(cycles: list[int], console: Console) -> list[WatchStep]:
    """The watchlist steps of every source, in SOURCES order; a step that cannot run now says why."""
    steps = []
    for src in sources.SOURCES:
        for st in src.watch_steps(cycles):
            if st.skip:
                console.print(st.skip, style="yellow", markup=False)
            else:
                steps.append(st)
    return steps


def probe(url: str, timeout: float = 8.0) -> str | None:
    """None if the host answers at all (any HTTP status), else why it could not be reached."""
    try:
        with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}) as c:
            c.head(url)
        return None
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def unreachable(steps: list[WatchStep]) -> dict[str, str]:
    """The steps whose source cannot be reached, with the reason."""
    return {st.name: why for st in steps if (why := probe(st.probe))}


def fetch_all(steps: list[WatchStep], http: Http, raw: Path, bars: ProgressFactory,
              on_step: Callable[[WatchStep], None]) -> tuple[list[FetchSummary], dict[str, str]]:
    """Run every step; a step that fails is reported (with why) and the others go on."""
    done: list[FetchSummary] = []
    failed: dict[str, str] = {}
    for st in steps:
        on_step(st)
        try:
            done.extend(st.run(http, raw, bars))
        except FetchError as exc:
            failed[st.name] = str(exc)
    return done, failed
