"""The review queue: employer strings near an organization that no reviewed rule decides yet, and the decisions.

Recall comes from the prefix rules; precision from review. A string is near an organization when its
first word is the first word of one of the organization's names or rules, when its key is similar to
one of them (rapidfuzz ratio >= FUZZY_MIN), when its occupation names the organization, or when it
is a bare word whose rows no corroboration reached. `accept` writes an override (the string as filed
belongs to the organization); `exclude` writes an exclude rule (the normalised string is a look-alike),
each with the reviewer's source note. A rebuild applies them.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
from rapidfuzz import fuzz, process

from etl.entities import REGISTRY_DIR

FUZZY_MIN = 85

NAMES_SQL = """
SELECT employer_key(value) AS key, split_part(employer_norm(value), ' ', 1) AS first_word
FROM registry_employer_rules WHERE org_id = $org AND rule IN ('exact', 'prefix', 'bare')
UNION SELECT employer_key(name), split_part(employer_norm(name), ' ', 1) FROM registry_organizations WHERE org_id = $org
"""

# Strings not attributed to any organization, not overridden and not excluded for this one, with
# their rows, counted money and most frequent occupation and place.
CANDIDATES_SQL = """
WITH reviewed AS (
    SELECT value AS employer FROM registry_overrides WHERE kind = 'employer'
    UNION SELECT employer FROM employer_matches WHERE org_id = $org AND (attributed OR rule LIKE 'exclude:%'))
SELECT employer, employer_norm(employer) AS norm, employer_key(employer) AS key, count(*) AS rows,
       coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0) AS amount,
       mode(employer_norm(occupation)) AS occupation, mode(city || ', ' || state) AS place,
       string_agg(DISTINCT employer_norm(occupation), ' | ') AS occupations
FROM contributions
WHERE is_individual(entity_tp) AND employer IS NOT NULL AND org_id IS NULL
  AND employer NOT IN (SELECT employer FROM reviewed)
  AND NOT EXISTS (SELECT 1 FROM registry_employer_rules r WHERE r.org_id = $org AND r.rule = 'exclude'
                  AND regexp_matches(coalesce(employer_norm(employer), ''), r.value))
GROUP BY employer
"""

UNCORROBORATED_SQL = """
SELECT DISTINCT employer FROM employer_matches WHERE org_id = $org AND NOT attributed AND rule LIKE '% + uncorroborated'
"""


def queue(con: duckdb.DuckDBPyConnection, org_id: str, limit: int = 50) -> list[dict]:
    """Unreviewed candidate strings near an organization, largest counted amount first."""
    names = con.execute(NAMES_SQL, {"org": org_id}).fetchall()
    keys = sorted({k for k, _ in names if k})
    first_words = {w for _, w in names if w}
    held = {e for (e,) in con.execute(UNCORROBORATED_SQL, {"org": org_id}).fetchall()}
    rows = con.execute(CANDIDATES_SQL, {"org": org_id}).fetchall()
    if not rows or not keys:
        return []
    scores = process.cdist([r[2] or "" for r in rows], keys, scorer=fuzz.ratio, workers=1).max(axis=1)
    out = []
    for (employer, norm, key, n, amount, occupation, place, occupations), score in zip(rows, scores):
        why = []
        if employer in held:
            why.append("bare word, uncorroborated rows")
        if norm and norm.split(" ")[0] in first_words:
            why.append(f"first word {norm.split(' ')[0]}")
        if score >= FUZZY_MIN and len(key or '') >= 4:
            why.append(f"similar name ({score:.0f})")
        if occupations and any(f" {k} " in f" {occupations.replace(' | ', ' ')} " for k in keys if len(k) > 3):
            why.append("occupation names it")
        if why:
            out.append({"employer": employer, "why": "; ".join(why), "similarity": round(float(score)),
                        "rows": n, "amount": amount, "occupation": occupation, "place": place})
    out.sort(key=lambda r: (-r["amount"], -r["rows"], r["employer"]))
    return out[:limit]


def decisions(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every reviewed employer decision: overrides (string as filed -> organization or none) and look-alike exclusions."""
    return con.execute("""
        SELECT 'override' AS decision, value AS employer, coalesce(target, '(none)') AS org_id, source AS note
        FROM registry_overrides WHERE kind = 'employer'
        UNION ALL
        SELECT 'exclude', value, org_id, source FROM registry_employer_rules WHERE rule = 'exclude'
        ORDER BY decision, org_id, employer""").fetchall()


def _append(path: Path, row: list[str]) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    with open(path, "a", newline="", encoding="utf-8") as f:
        if text and not text.endswith("\n"):
            f.write("\n")
        csv.writer(f, lineterminator="\n").writerow(row)


def _check(org_id: str, employer: str, note: str, known: list[str]) -> None:
    if org_id not in known:
        raise ValueError(f"unknown organization {org_id!r}; the registry has: {', '.join(known)}")
    if not employer.strip():
        raise ValueError("the employer string is empty")
    if not note.strip():
        raise ValueError("a decision needs a source note (--note): why the string is, or is not, the organization's")


def accept(con: duckdb.DuckDBPyConnection, org_id: str, employer: str, note: str, folder: Path = REGISTRY_DIR) -> str:
    """Record that the employer string as filed belongs to the organization (an overrides.csv row); returns what was written."""
    _check(org_id, employer, note, [o for (o,) in con.execute("SELECT org_id FROM registry_organizations").fetchall()])
    existing = {r["value"] for r in csv.DictReader(open(folder / "overrides.csv", newline="", encoding="utf-8"))
                if r["kind"] == "employer"}
    if employer in existing:
        raise ValueError(f"{employer!r} already has an override in {folder / 'overrides.csv'}")
    row = ["employer", employer, org_id, "accepted in review (moneytrail orgs review)", note.strip()]
    _append(folder / "overrides.csv", row)
    return ",".join(row)


def exclude(con: duckdb.DuckDBPyConnection, org_id: str, employer: str, note: str, folder: Path = REGISTRY_DIR) -> str:
    """Record that the string (every spelling with its normal form) is a look-alike, not the organization's; returns the rule."""
    _check(org_id, employer, note, [o for (o,) in con.execute("SELECT org_id FROM registry_organizations").fetchall()])
    norm = con.execute("SELECT employer_norm($e)", {"e": employer}).fetchall()[0][0]
    if not norm:
        raise ValueError(f"{employer!r} has no letters or digits to exclude")
    # a normal form holds only A-Z, 0-9 and single spaces, so it is its own regular expression
    row = [org_id, "exclude", f"^{norm}$", note.strip()]
    _append(folder / "employer_rules.csv", row)
    return ",".join(row)
