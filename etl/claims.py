"""Claims checked against the loaded records: a verdict, the figure found, and what would decide it.

The figures come from the named queries in etl/queries_claims.py (views in etl/model/claims.sql). The verdict rules
are here, once:

* money: `supported` when the counted rows add up to the reported amount within 1% (headlines round: "$25 million");
  otherwise `not decidable from loaded records` when some day of the window is covered by no loaded filing or bulk
  file of a recipient (the rows that would change the answer may simply not be loaded), else `differs`.
* ratio (a money claim with a reported ratio): not decidable while a recipient is uncovered; otherwise the claim's own
  reading (people and treasury money, against the largest other peer) is `supported` within 0.5 of the reported ratio
  ("26 times"), else `differs`. The other readings are shown with every input.
* ai_use: `supported` when the inventory record contains every word the claim puts in it; `differs` when the record
  exists without them (it may name another product of the same company, which is shown): an agency using GPT-4
  through a contractor is not an agency using ChatGPT.
* award: `supported` when a loaded award with the PIID has a ceiling or obligation within 1% of the reported value,
  `differs` otherwise; not decidable when no loaded source holds the PIID.
* policy: a policy is not a financial record, so never decidable from them; `missing` names the records that would be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import duckdb

from etl import queries_claims  # noqa: F401 - registers the claim queries
from etl.query_base import QUERIES, Result

SUPPORTED, DIFFERS, UNDECIDABLE = "supported", "differs", "not decidable from loaded records"
COLUMNS = ("id", "verdict", "reported", "found", "difference", "rows", "caveats", "missing", "citation")
AMOUNT_TOLERANCE = Decimal("0.01")  # share of the reported amount
RATIO_TOLERANCE = Decimal("0.5")
q = QUERIES


@dataclass
class Check:
    """One claim's verdict, with the figures and words behind it."""

    id: str
    kind: str
    claim: str
    verdict: str
    reported: str
    found: str
    difference: str
    rows: int
    caveats: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    citation: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        """The check as one output row (COLUMNS); lists joined with ' | '."""
        return {"id": self.id, "verdict": self.verdict, "reported": self.reported, "found": self.found,
                "difference": self.difference, "rows": self.rows, "caveats": " | ".join(self.caveats),
                "missing": " | ".join(self.missing), "citation": self.citation}


def money(value: Decimal | int | None) -> str:
    """An amount with thousands separators and cents (never through float)."""
    if value is None:
        return "—"
    d = Decimal(value).quantize(Decimal("0.01"))
    return f"{'-' if d < 0 else ''}${abs(d):,.2f}"


def _close(found: Decimal, reported: Decimal | None, tolerance: Decimal) -> bool:
    return reported is not None and abs(found - reported) <= tolerance


def loaded_text(con: duckdb.DuckDBPyConnection) -> str:
    """What the loaded records cover, in one line: each source with the dates its rows span and its as-of date."""
    parts = [f"{r['source']} ({r['files']} files, {r['first_date'] or '?'} to {r['last_date'] or '?'}, as of {r['data_as_of']})"
             for r in q["claims_loaded"].run(con).records()]
    return "the loaded records: " + ("; ".join(parts) if parts else "none (build the warehouse first)")


def check_claims(con: duckdb.DuckDBPyConnection, claim_id: str | None = None) -> list[Check]:
    """Evaluate every claim of the registry (or one, by id) against the loaded records."""
    loaded = loaded_text(con)
    checks = []
    for c in q["claims"].run(con, id=claim_id).records():
        check = {"money": _money, "ai_use": _ai_use, "award": _award, "policy": _policy}[c["kind"]](con, c, loaded)
        check.citation = _citation(con, c, check, loaded)
        checks.append(check)
    return checks


def claim_rows(con: duckdb.DuckDBPyConnection, claim_id: str) -> Result:
    """The rows behind a claim's verdict, each with its source link (money rows, the inventory record, or the award)."""
    kind = {c["id"]: c["kind"] for c in q["claims"].run(con, id=None).records()}.get(claim_id)
    name = {"money": "claim_money_rows", "ai_use": "claim_ai_use_records", "award": "claim_award_rows"}.get(kind or "")
    if name is None:
        return Result(["source_url"], [])
    return q[name].run(con, id=claim_id)


# --- money ---------------------------------------------------------------------------------------------------------

def _who(c: dict[str, Any]) -> str:
    return ", ".join(c["subject"])


def _coverage(con: duckdb.DuckDBPyConnection, c: dict[str, Any]) -> tuple[list[dict], list[str]]:
    runs = q["claim_coverage"].run(con, id=c["id"]).records()
    gaps = [f"{r['recipient']}: no loaded record covers {r['day_from']} to {r['day_to']}" for r in runs if not r["covered"]]
    return runs, gaps


def _money(con: duckdb.DuckDBPyConnection, c: dict[str, Any], loaded: str) -> Check:
    rows = [r for r in q["claim_money_rows"].run(con, id=c["id"]).records() if not r["is_peer"]]
    found = sum((r["amount"] for r in rows), Decimal(0))
    runs, gaps = _coverage(con, c)
    scope = (f"{_who(c)} to {', '.join(c['recipients'])}, gifts dated {c['window_from']} to {c['window_to']}, "
             f"channels {', '.join(c['channels'])}")
    caveats = _money_caveats(con, c, rows, found)
    if c["reported_ratio"] is not None:
        return _ratio(con, c, rows, gaps, scope, caveats, loaded)
    reported = f"{money(c['reported_amount'])} ({scope})"
    if rows:
        found_text = f"{money(found)} in {len(rows)} counted row{'s' * (len(rows) != 1)}"
    else:
        found_text = f"$0.00: no counted row of {scope} in {loaded}"
    if _close(found, c["reported_amount"], (c["reported_amount"] or 0) * AMOUNT_TOLERANCE) and rows:
        verdict = SUPPORTED
    elif gaps:
        verdict = UNDECIDABLE
    else:
        verdict = DIFFERS
    missing = _missing(c, gaps) if verdict == UNDECIDABLE else []
    difference = (money(found - c["reported_amount"]) if verdict != UNDECIDABLE
                  else f"not computed: {money(found)} found so far, the records that decide it are not loaded")
    return Check(c["id"], c["kind"], c["claim"], verdict, reported, found_text, difference, len(rows), caveats, missing,
                 details={"coverage": runs, "found_amount": found})


def _money_caveats(con: duckdb.DuckDBPyConnection, c: dict[str, Any], rows: list[dict], found: Decimal) -> list[str]:
    caveats = [*_filing_notes(con, sorted({r["file_num"] for r in rows if r["file_num"]}))]
    if c["subject_kind"] == "people" and len(c["subject"]) > 1 and rows:
        named = sorted({r["donor_id"] for r in rows})
        absent = [p for p in c["subject"] if p not in named]
        if absent:
            caveats.append(f"the counted rows name only {', '.join(named)}; no row of {', '.join(absent)}: how the "
                           f"{money(found)} is split between them is not confirmed by the loaded records")
    for m in q["claim_name_matches"].run(con, id=c["id"]).records():
        caveats.append(f"not added: {m['contributor_name']} ({m['city']}, {m['state']}) {money(m['amount'])} on "
                       f"{m['transaction_dt']} to {m['recipient_cmte_id']} bears the name of {m['person_id']} but is "
                       f"{'attributed to ' + m['donor_id'] if m['donor_id'] else 'attributed to nobody'} "
                       f"(count rule {m['count_rule']}; {m['source_url']})")
    return caveats


def _filing_notes(con: duckdb.DuckDBPyConnection, file_nums: list[int]) -> list[str]:
    """Amendment status of the filings the rows come from (the view filing_status): a figure built on a superseded
    filing says so, names the replacement and, when it is not loaded, the command that fetches it."""
    if not file_nums or not con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'filing_status'").fetchall()[0][0]:
        return []
    rows = con.execute("""SELECT note, amended_by, amendment_loaded FROM filing_status
                          WHERE list_contains($f, file_num) AND status = 'superseded' ORDER BY file_num""",
                       {"f": file_nums}).fetchall()
    return [note + ("" if loaded or amended_by is None else f" (fetch it: `moneytrail fetch openfec --efile {amended_by}`)")
            for note, amended_by, loaded in rows]


def _missing(c: dict[str, Any], gaps: list[str]) -> list[str]:
    fetch = "; ".join(f"`{cmd}`" for cmd in c["fetch_commands"]) or "no moneytrail command fetches them yet"
    return [*gaps, f"decided by: {c['decided_by']}", f"fetch: {fetch}"]


def _ratio(con: duckdb.DuckDBPyConnection, c: dict[str, Any], rows: list[dict], gaps: list[str], scope: str,
           caveats: list[str], loaded: str) -> Check:
    from etl.queries import claim_ratios
    totals = q["claim_peer_totals"].run(con, id=c["id"]).records()
    focus = c["subject"][0]
    readings = {}
    for givers in ("individuals_and_treasury", "individuals"):
        readings[givers] = claim_ratios([t for t in totals if t["givers"] == givers], focus)
    main = readings["individuals_and_treasury"]
    ratio = main["vs_largest_other"]
    reported = (f"{c['reported_ratio'].normalize():f} times ({money(c['reported_amount'])} against the largest other peer; "
                f"peers {', '.join(c['peers'])}; {scope})")

    def say(r: dict[str, Any], key: str, den: str) -> str:
        value = r[key]
        return f"{value}x" if value is not None else f"undefined ({money(r['focus'])} / {money(r[den])})"

    found_text = (f"{focus} {money(main['focus'])} against the largest other peer "
                  f"{main['largest_other_org'] if main['largest_other'] else '(none has a loaded row)'} {money(main['largest_other'])}: {say(main, 'vs_largest_other', 'largest_other')}")
    if not rows and not main["largest_other"]:
        found_text += f"; nothing of {focus} or its peers in {loaded}"
    for givers, r in readings.items():
        label = "people and treasury" if givers == "individuals_and_treasury" else "people only"
        caveats.append(f"{label}: {focus} {money(r['focus'])}; vs the sum of the others {money(r['sum_of_others'])} = "
                       f"{say(r, 'vs_sum_of_others', 'sum_of_others')}; vs the largest other ({r['largest_other_org'] if r['largest_other'] else 'none'}) "
                       f"{money(r['largest_other'])} = {say(r, 'vs_largest_other', 'largest_other')}; vs the median of the "
                       f"{r['others']} others {money(r['median_of_others'])} = {say(r, 'vs_median_of_others', 'median_of_others')}")
    if gaps:
        verdict = UNDECIDABLE
        caveats.append("the ratio is not decidable while a recipient's window is not covered: the peers' gifts (e.g. "
                       "companies' treasury gifts to an inaugural committee, Form 13) would be the denominator")
    elif ratio is not None and _close(ratio, c["reported_ratio"], RATIO_TOLERANCE):
        verdict = SUPPORTED
    else:
        verdict = DIFFERS
    difference = (f"{ratio - c['reported_ratio']:+}x" if ratio is not None and verdict != UNDECIDABLE
                  else "not computed: " + ("the records that decide it are not loaded" if gaps else "the denominator is $0.00"))
    return Check(c["id"], c["kind"], c["claim"], verdict, reported, found_text, difference, len(rows), caveats,
                 _missing(c, gaps) if verdict == UNDECIDABLE else [], details={"readings": readings, "totals": totals})


# --- ai_use, award, policy -----------------------------------------------------------------------------------------

def _sentences(text: str | None, words: list[str]) -> list[str]:
    """The sentences of a text that contain any of the words (whole words, any case)."""
    out = []
    for s in re.split(r"(?<=[.!?])\s+", text or ""):
        if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", s, re.IGNORECASE) for w in words):
            out.append(s.strip())
    return out


def _ai_use(con: duckdb.DuckDBPyConnection, c: dict[str, Any], loaded: str) -> Check:
    recs = q["claim_ai_use_records"].run(con, id=c["id"]).records()
    claimed = ", ".join(f'"{t}"' for t in c["terms"])
    reported = f"{claimed} in {c['record']} ({c['outlet']}: {c['claim']})"
    if not recs:
        return Check(c["id"], c["kind"], c["claim"], UNDECIDABLE, reported,
                     f"record {c['record']} not in {loaded}", "not computed: the record is not loaded", 0, [],
                     _missing(c, [f"inventory record {c['record']} is not loaded"]))
    r = recs[0]
    words = [*(r["products_found"] or []), *c["terms"]]
    quotes = [f'"{s}" ({col})' for col in ("name", "data_description", "outputs") for s in _sentences(r[col], words)]
    own = (f"{r['use_case_id']} \"{r['name']}\" ({r['inventory_year']} inventory; agency {r['agency']}, bureau "
           f"{r['bureau']}; vendor \"{r['vendor_name']}\"; {r['stage_raw']}, {r['impact_raw']}, {r['classification']}); names "
           f"{', '.join(r['products_found'] or []) or 'none of ' + _who(c) + chr(39) + 's products'}: " + " ".join(quotes))
    missing_terms = [t for t in c["terms"] if t not in (r["claimed_terms_found"] or [])]
    verdict = DIFFERS if missing_terms else SUPPORTED
    found_text = own + (f"; {', '.join(chr(34) + t + chr(34) for t in missing_terms)} does not occur in the record"
                        if missing_terms else "")
    difference = (f"the claim says {claimed}; the record says {', '.join(r['products_found'] or []) or 'no product of ' + _who(c)}"
                  f" with vendor \"{r['vendor_name']}\"" if missing_terms else "none")
    caveats = [f"vendor \"{r['vendor_name']}\" as filed (free text; who it is is not in the record)",
               f"contracting: {r['contracting_usage']}" if r["contracting_usage"] else "",
               "a model named in a use case is not a contract with its maker"]
    return Check(c["id"], c["kind"], c["claim"], verdict, reported, found_text, difference, 1, [x for x in caveats if x],
                 [], details={"record": r, "quotes": quotes})


def _award(con: duckdb.DuckDBPyConnection, c: dict[str, Any], loaded: str) -> Check:
    recs = q["claim_award_rows"].run(con, id=c["id"]).records()
    reported = f"{money(c['reported_amount'])}, {c['record']} ({c['claim']})"
    if not recs:
        gap = (f"award {c['record']} is in no loaded source: it is an Other Transaction agreement, which USAspending never "
               "receives; it would come from FPDS or SAM.gov Contract Awards (source 'fpds') or an announced-award row "
               "(source 'announced')")
        return Check(c["id"], c["kind"], c["claim"], UNDECIDABLE, reported, f"no award {c['record']} in {loaded}",
                     "not computed: the award is not loaded", 0, [], _missing(c, [gap]))
    ceiling = sum((r["ceiling"] or Decimal(0) for r in recs), Decimal(0))
    obligated = sum((r["obligated"] or Decimal(0) for r in recs), Decimal(0))
    best = ceiling if _close(ceiling, c["reported_amount"], c["reported_amount"] * AMOUNT_TOLERANCE) else obligated
    verdict = SUPPORTED if _close(best, c["reported_amount"], c["reported_amount"] * AMOUNT_TOLERANCE) else DIFFERS
    found_text = f"{c['record']}: ceiling {money(ceiling)}, obligated {money(obligated)} ({', '.join(r['source'] for r in recs)})"
    caveats = ["the ceiling is what may be spent, never added to obligations"]
    if any(r["evidence"] != "transaction record" for r in recs):
        caveats.append("from an announcement, not a transaction record (etl/registry/announced_awards.csv); the FPDS "
                       f"record would decide it: `moneytrail fetch fpds --piid {c['record']}` (needs SAM_API_KEY)")
    return Check(c["id"], c["kind"], c["claim"], verdict, reported, found_text, money(best - c["reported_amount"]),
                 len(recs), caveats, [])


def _policy(con: duckdb.DuckDBPyConnection, c: dict[str, Any], loaded: str) -> Check:
    awards = con.execute("SELECT count(*), sum(obligated) FROM org_awards WHERE list_contains($s, org_id)",
                         {"s": c["subject"]}).fetchall()[0]
    found_text = (f"a policy is not a financial record; {_who(c)} has {awards[0]} award{'s' * (awards[0] != 1)} "
                  f"({money(awards[1]) + ' obligated' if awards[1] is not None else 'no obligated amount stated'}) "
                  f"in {loaded}")
    return Check(c["id"], c["kind"], c["claim"], UNDECIDABLE, c["claim"], found_text,
                 "not computed: no loaded record can show a policy", 0, [], _missing(c, []))


def _citation(con: duckdb.DuckDBPyConnection, c: dict[str, Any], check: Check, loaded: str) -> str:
    links = sorted({r["source_url"] for r in claim_rows(con, c["id"]).records() if r.get("source_url")})
    evidence = ("; records: " + ", ".join(links[:5]) + (f" and {len(links) - 5} more" if len(links) > 5 else "")) if links else ""
    return (f"Claim: {c['outlet']}, {c['published']}, {c['url']}. moneytrail check ({check.verdict}) against {loaded}"
            f"{evidence}.")
