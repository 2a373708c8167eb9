"""What `moneytrail up` asks OpenFEC for: the Schedule A queries the registry implies (needs FEC_API_KEY)."""

from __future__ import annotations

import re
from pathlib import Path

from etl import config, entities
from etl.net.http import FetchSummary, Http
from etl.net.progress import ProgressFactory
from etl.sources.base import WatchStep
from etl.sources.openfec.fetch import DEMO_KEY, INAUGURAL_COMMITTEE, fetch_schedule_a

NO_KEY = ("OpenFEC skipped: FEC_API_KEY is not set, and DEMO_KEY allows only about 30-40 calls an hour. Get a free key at "
          "https://api.data.gov/signup/, export FEC_API_KEY, then run `moneytrail fetch openfec --employer OPENAI` "
          "(or delete the database and run `up` again).")


def registry_queries() -> dict[str, list[str]]:
    """OpenFEC Schedule A queries the registry implies: employer names, people, committees."""
    rules = entities.registry_rows("employer_rules.csv")
    people = entities.registry_rows("people.csv")
    committees = entities.registry_rows("committees.csv")
    words = {r["value"] for r in rules if r["rule"] in ("exact", "prefix", "bare")}
    words |= {w for r in rules if r["rule"] == "pattern" for form in (r["value"].replace(" ?", " "), r["value"].replace(" ?", ""))
              if (w := literal_prefix(form))}
    return {
        "employer": sorted(w for w in words if not any(q != w and _covers(q, w) for q in words)),
        "contributor": sorted({p["name_forms"].split(";")[0].strip() for p in people}),
        "committee": sorted({c["cmte_id"] for c in committees if c["role"] == "pac"} | {INAUGURAL_COMMITTEE}),
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


def _fetch_all(http: Http, raw: Path, cycles: list[int], key: str, bars: ProgressFactory) -> list[FetchSummary]:
    out = []
    for kind, values in registry_queries().items():
        for value in values:
            bar = bars(f"OpenFEC {kind} {value}", "records")
            out.append(fetch_schedule_a(http, raw, cycles=cycles, api_key=key, progress=bar, **{kind: value}))
    return out


def watch_steps(cycles: list[int]) -> list[WatchStep]:
    """`up` fetches Schedule A for the registry's employers, people, PACs and the inaugural committee."""
    s = config.settings()
    key = s.api_key()
    usable = bool(key) and key != DEMO_KEY
    return [WatchStep("OpenFEC Schedule A (registry employers, people, PACs, inaugural)", f"{s.openfec_base}/",
                      lambda http, raw, bars: _fetch_all(http, raw, cycles, key or "", bars),
                      skip=None if usable else NO_KEY)]
