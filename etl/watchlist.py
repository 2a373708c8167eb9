"""`moneytrail up`: the default watchlist warehouse, fetched from the public sources into data/raw.

What it fetches (each step resumable; a second run only re-checks what changed):
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

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import httpx
from rich.console import Console

from etl import config, entities
from etl.sources import ai_inventory, fec_bulk, openfec, usaspending_api
from etl.sources._http import USER_AGENT, FetchError, FetchSummary, Http

# Form 13 reports of the Trump Vance Inaugural Committee: 1910509 is the latest full "Post-Inaugural 2025"
# report (third-party, reference/fec.md §3.5). $MONEYTRAIL_WATCHLIST_EFILINGS replaces the list.
INAUGURAL_FILINGS = (1910509,)
# Masters, and committee-to-committee rows: oth holds every PAC gift (pas2 only those to candidates), so
# a company PAC's giving to party and leadership PACs is there too (fec.md §1.3).
MASTER_TYPES = ["cm", "cn", "ccl", "oth", "pas2"]
Bars = Callable[..., Callable[[int, "int | None"], None]]  # (name, unit="bytes" | "records") -> callback


@dataclass(frozen=True)
class Step:
    """One source of the watchlist: how to probe it, and how to fetch it."""

    name: str
    probe: str
    run: Callable[[Http, Path, Bars], list[FetchSummary]]


def default_cycles(today: date | None = None) -> list[int]:
    """The current two-year cycle (named by its even year) and the previous one."""
    year = (today or date.today()).year
    current = year + (year % 2)
    return [current, current - 2]


def efilings() -> list[int]:
    """Form 13 filing numbers to fetch as raw .fec."""
    env = os.environ.get("MONEYTRAIL_WATCHLIST_EFILINGS")
    if env is None:
        return list(INAUGURAL_FILINGS)
    return [int(n) for n in env.replace(" ", "").split(",") if n]


def registry_queries() -> dict[str, list[str]]:
    """OpenFEC Schedule A queries the registry implies: employer names, people, committees."""
    rules = entities.registry_rows("employer_rules.csv")
    people = entities.registry_rows("people.csv")
    committees = entities.registry_rows("committees.csv")
    words = {r["value"] for r in rules if r["rule"] == "exact"}
    words |= {w for r in rules if r["rule"] == "pattern" for form in (r["value"].replace(" ?", " "), r["value"].replace(" ?", ""))
              if (w := literal_prefix(form))}
    return {
        "employer": sorted(w for w in words if not any(q != w and _covers(q, w) for q in words)),
        "contributor": sorted({p["name_forms"].split(";")[0].strip() for p in people}),
        "committee": sorted({c["cmte_id"] for c in committees if c["role"] == "pac"} | {openfec.INAUGURAL_COMMITTEE}),
    }


def _covers(query: str, other: str) -> bool:
    """True when every row OpenFEC's full-text search finds for `other` is also found for `query`: each word of
    query begins a word of other (the API matches words by prefix, fec.md §3.3), e.g. META covers META PLATFORMS."""
    have = other.split()
    return all(any(h.startswith(q) for h in have) for q in query.split())


def literal_prefix(pattern: str) -> str | None:
    """The plain words an anchored employer pattern starts with (^YOUTUBE( |$) -> YOUTUBE), to search OpenFEC's
    full-text employer field with; None when the pattern starts with a group or is shorter than 3 letters."""
    if not pattern.startswith("^"):
        return None
    m = re.match(r"[A-Z0-9&.,' -]+", pattern[1:])
    if not m:
        return None
    text = m.group(0)
    if pattern[1 + len(text):].startswith("?"):
        text = text[:-1]  # the last letter is optional
    text = text.strip()
    return text if len(text) >= 3 else None


def plan(cycles: list[int], console: Console) -> list[Step]:
    """The watchlist steps, in order."""
    s = config.settings()
    steps = [Step(f"FEC bulk {c} ({', '.join(MASTER_TYPES)})", f"{s.fec_bulk_base}/data_dictionaries/cm_header_file.csv",
                  lambda http, raw, bars, c=c: [fec_bulk.fetch(http, raw, c, MASTER_TYPES, bars)]) for c in cycles]
    key = s.fec_api_key
    if key and key != "DEMO_KEY":
        steps.append(Step("OpenFEC Schedule A (registry employers, people, PACs, inaugural)", f"{s.openfec_base}/",
                          lambda http, raw, bars: _openfec(http, raw, cycles, key, bars)))
    else:
        console.print("[yellow]OpenFEC skipped:[/yellow] FEC_API_KEY is not set, and DEMO_KEY allows only about 30-40 "
                      "calls an hour. Get a free key at https://api.data.gov/signup/, export FEC_API_KEY, then run "
                      "`moneytrail fetch openfec --employer OPENAI` (or delete the database and run `up` again).")
    steps.append(Step(f"FEC Form 13 filings {', '.join(map(str, efilings()))}", f"{s.docquery_base}/",
                      lambda http, raw, bars: [_efiling(http, raw, bars)]))
    steps.append(Step("USAspending awards of registry recipients", f"{s.usaspending_base}/api/v2/references/award_types/",
                      lambda http, raw, bars: [_usaspending(http, raw, bars)]))
    steps.append(Step("Federal AI Use Case Inventory", f"{s.ai_inventory_base}/",
                      lambda http, raw, bars: [ai_inventory.fetch(http, raw, bars)]))
    return steps


def _openfec(http: Http, raw: Path, cycles: list[int], key: str, bars: Bars) -> list[FetchSummary]:
    out = []
    for kind, values in registry_queries().items():
        for value in values:
            bar = bars(f"OpenFEC {kind} {value}", "records")
            out.append(openfec.fetch_schedule_a(http, raw, cycles=cycles, api_key=key, progress=bar, **{kind: value}))
    return out


def _efiling(http: Http, raw: Path, bars: Bars) -> FetchSummary:
    return openfec.fetch_efiling(http, raw, efilings(), bars)


def _usaspending(http: Http, raw: Path, bars: Bars) -> FetchSummary:
    # detail + transactions for the 10 largest awards per recipient query keeps `up` to ~300 requests
    return usaspending_api.fetch_registry_awards(http, raw, progress=bars("USAspending registry awards", "records"),
                                                 top_n=10)


def probe(url: str, timeout: float = 8.0) -> str | None:
    """None if the host answers at all (any HTTP status), else why it could not be reached."""
    try:
        with httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}) as c:
            c.head(url)
        return None
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def unreachable(steps: list[Step]) -> dict[str, str]:
    """The steps whose source cannot be reached, with the reason."""
    return {st.name: why for st in steps if (why := probe(st.probe))}


def fetch_all(steps: list[Step], http: Http, raw: Path, bars: Bars, on_step: Callable[[Step], None]) -> tuple[
        list[FetchSummary], dict[str, str]]:
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
