"""Who is who: load the registry (etl/registry/*.csv) and attribute rows to organizations and people.

Employer strings (individuals) and contributor names (organizations) are resolved once, at build
time, into contributions.org_id / org_match, with every decision listed in employer_matches. Registry
people are pinned by name and home place into contributions.donor_id. The rules are SQL over the
registry tables (etl/attribution.py); overrides.csv wins over every rule.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from etl import attribution
from etl.net.files import LoadError

REGISTRY_DIR = Path(__file__).resolve().parent / "registry"

# file -> (table, required columns); every row needs a source note.
FILES = {
    "organizations.csv": ("registry_organizations", ("org_id", "name", "peer_set", "scope", "source")),
    "employer_rules.csv": ("registry_employer_rules", ("org_id", "rule", "value", "source")),
    "people.csv": ("registry_people", ("person_id", "org_id", "role", "name_forms", "city", "state", "relation", "source")),
    "committees.csv": ("registry_committees", ("org_id", "cmte_id", "role", "name", "source")),
    "contract_recipients.csv": ("registry_contract_recipients", ("org_id", "recipient_name", "uei", "relation",
                                                                  "description_pattern", "source")),
    "overrides.csv": ("registry_overrides", ("kind", "value", "target", "note", "source")),
    "products.csv": ("registry_products", ("org_id", "term", "source")),
    "claims.csv": ("registry_claims", ("id", "kind", "claim", "outlet", "published", "url", "subject_kind", "subject",
                                       "recipients", "window_from", "window_to", "channels", "peers", "reported_amount",
                                       "reported_ratio", "record", "terms", "decided_by", "fetch_commands", "note", "source")),
    "watched_committees.csv": ("registry_watched_committees", ("cmte_id", "name", "watch", "why", "source")),
    "announced_awards.csv": ("registry_announced_awards", ("announcement_id", "award_id", "org_id", "recipient_name",
                                                            "agency", "office", "award_type", "ceiling",
                                                            "obligated_at_award", "announced_on", "title", "url",
                                                            "url_kind", "source")),
}
# Columns that take one of a few values, per file.
RULES = {"exact", "prefix", "pattern", "bare", "exclude", "place", "occupation"}
REGEX_RULES = ("pattern", "exclude", "place", "occupation")
ALLOWED = {"employer_rules.csv": {"rule": RULES},
           "people.csv": {"role": {"executive", "household"}},
           "committees.csv": {"role": {"pac", "not_affiliated"}},
           "contract_recipients.csv": {"relation": {"self", "subsidiary", "reseller"}},
           "overrides.csv": {"kind": {"employer", "contribution_person"}},
           "claims.csv": {"kind": {"money", "ai_use", "award", "policy"}, "subject_kind": {"people", "organization"}},
           "watched_committees.csv": {"watch": {"up", "listed", "trap"}},
           "announced_awards.csv": {"url_kind": {"official", "secondary"}}}
_CLAIM_FIELDS = {"published": r"\d{4}-\d{2}-\d{2}", "window_from": r"(\d{4}-\d{2}-\d{2})?", "window_to": r"(\d{4}-\d{2}-\d{2})?",
                 "reported_amount": r"(\d+(\.\d{1,2})?)?", "reported_ratio": r"(\d+(\.\d{1,2})?)?",
                 "recipients": r"((C\d{8}|party:[A-Z]{3})(;(C\d{8}|party:[A-Z]{3}))*)?",
                 "fetch_commands": r"(moneytrail [^;]+(;moneytrail [^;]+)*)?"}
# Files a registry folder may leave out (the demo's, the tests' and the benchmark's registries have no claims or
# announced awards and follow no committee).
OPTIONAL = {"announced_awards.csv", "watched_committees.csv", "claims.csv"}


def registry_rows(name: str, folder: Path = REGISTRY_DIR) -> list[dict[str, str]]:
    """The rows of one registry file as dicts (for fetchers that need the registry before any database exists)."""
    with open(folder / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load_registry(con: duckdb.DuckDBPyConnection, folder: Path = REGISTRY_DIR) -> dict[str, int]:
    """Read and check every registry file into its table; a bad line is a LoadError naming file and line."""
    counts = {}
    for name, (table, cols) in FILES.items():
        path = folder / name
        if not path.exists():
            if name in OPTIONAL:
                con.execute(f"DELETE FROM {table}")
                counts[table] = 0
                continue
            raise LoadError(f"{path}: registry file missing")
        rows = con.execute("SELECT * FROM read_csv($p, header = true, all_varchar = true, quote = '\"')",
                           {"p": str(path)})
        header = [d[0] for d in rows.description]
        data = rows.fetchall()
        if tuple(header[:len(cols)]) != cols:
            raise LoadError(f"{path}: header must be {','.join(cols)} (got {','.join(header)})")
        for i, row in enumerate(data, start=2):
            _check_row(path, i, dict(zip(header, row)))
            _check_announced(path, i, dict(zip(header, row)))
        con.execute(f"DELETE FROM {table}")
        counts[table] = len(data)
        con.register("registry_rows", _as_arrow(header, data))
        con.execute(_INSERT[table])
        con.unregister("registry_rows")
    orphans = con.execute("""SELECT DISTINCT org_id FROM (SELECT org_id FROM registry_employer_rules UNION ALL
                             SELECT org_id FROM registry_people UNION ALL SELECT org_id FROM registry_committees
                             UNION ALL SELECT org_id FROM registry_contract_recipients
                             UNION ALL SELECT org_id FROM registry_products
                             UNION ALL SELECT org_id FROM registry_announced_awards)
                             WHERE org_id NOT IN (SELECT org_id FROM registry_organizations)""").fetchall()
    if orphans:
        raise LoadError(f"{folder}: org_id not in organizations.csv: {', '.join(o for (o,) in orphans)}")
    twice = con.execute("""SELECT announcement_key, list(line ORDER BY line) FROM registry_announced_awards
                           GROUP BY ALL HAVING count(*) > 1 ORDER BY 1""").fetchall()
    if twice:
        raise LoadError(f"{folder / 'announced_awards.csv'}: the same award twice: {twice[0][0]} (lines {twice[0][1]})")
    _check_claims(con, folder)
    return counts


def _check_claims(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Claims name registry people, organizations and channels that exist, and money claims have a window."""
    from etl import model
    bad = con.execute("""
        SELECT line, 'subject ' || s FROM registry_claims, unnest(subject) AS u(s)
        WHERE s NOT IN (SELECT person_id FROM registry_people UNION ALL SELECT org_id FROM registry_organizations)
        UNION ALL SELECT line, 'peer ' || s FROM registry_claims, unnest(peers) AS u(s)
        WHERE s NOT IN (SELECT org_id FROM registry_organizations)
        UNION ALL SELECT line, 'channel ' || s FROM registry_claims, unnest(channels) AS u(s) WHERE NOT list_contains($ch, s)
        UNION ALL SELECT line, 'window (money claims need window_from <= window_to)' FROM registry_claims
        WHERE kind = 'money' AND (window_from IS NULL OR window_to IS NULL OR window_from > window_to)
        UNION ALL SELECT line, 'record (ai_use and award claims name the deciding record)' FROM registry_claims
        WHERE kind IN ('ai_use', 'award') AND record IS NULL
        ORDER BY 1""", {"ch": list(model.channels())}).fetchall()
    if bad:
        line, what = bad[0]
        raise LoadError(f"{folder / 'claims.csv'}:{line}: unknown or missing {what}")


def _check_row(path: Path, line: int, row: dict[str, str | None]) -> None:
    if not (row.get("source") or "").strip():
        raise LoadError(f"{path}:{line}: every registry fact needs a source note")
    for col, allowed in ALLOWED.get(path.name, {}).items():
        if row.get(col) not in allowed:
            raise LoadError(f"{path}:{line}: {col} must be one of {', '.join(sorted(allowed))} (got {row.get(col)!r})")
    if path.name == "claims.csv":
        for col, pattern in _CLAIM_FIELDS.items():
            if not re.fullmatch(pattern, row.get(col) or ""):
                raise LoadError(f"{path}:{line}: {col} {row.get(col)!r} is not in the form the README gives")
    if "cmte_id" in row and not re.fullmatch(r"C\d{8}", (row.get("cmte_id") or "").strip().upper()):
        raise LoadError(f"{path}:{line}: cmte_id must be an FEC committee ID such as C00892471 (got {row.get('cmte_id')!r})")
    for col in ("value", "description_pattern"):
        if (col == "value" and row.get("rule") in REGEX_RULES) or (col == "description_pattern" and row.get(col)):
            try:
                re.compile(row[col] or "")
            except re.error as exc:
                raise LoadError(f"{path}:{line}: bad regular expression {row[col]!r} ({exc})") from exc


def _check_announced(path: Path, line: int, row: dict[str, str | None]) -> None:
    """An announced award: an id for the announcement, amounts as plain numbers, an ISO date, an https link."""
    if path.name != "announced_awards.csv":
        return
    for col in ("announcement_id", "org_id", "recipient_name", "agency", "award_type", "announced_on", "url"):
        if not (row.get(col) or "").strip():
            raise LoadError(f"{path}:{line}: {col} is required")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", row["announcement_id"] or ""):
        raise LoadError(f"{path}:{line}: announcement_id must be lower-case letters, digits and - "
                        f"(got {row['announcement_id']!r})")
    for col in ("ceiling", "obligated_at_award"):
        if (row.get(col) or "").strip() and not re.fullmatch(r"-?\d+(\.\d{1,2})?", row[col].strip()):
            raise LoadError(f"{path}:{line}: {col} must be a plain number of dollars, no $ or commas (got {row[col]!r})")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", (row.get("announced_on") or "").strip()):
        raise LoadError(f"{path}:{line}: announced_on must be a date YYYY-MM-DD (got {row.get('announced_on')!r})")
    if not (row.get("url") or "").startswith("https://"):
        raise LoadError(f"{path}:{line}: url must be an https:// link to the announcement (got {row.get('url')!r})")


def _as_arrow(header: list[str], data: list[tuple]):
    import pyarrow as pa
    cols = list(zip(*data)) if data else [[] for _ in header]
    table = pa.table({h: pa.array(list(c), pa.string()) for h, c in zip(header, cols)})
    return table.append_column("line", pa.array(range(2, len(data) + 2), pa.int32()))


_INSERT = {
    "registry_organizations": "INSERT INTO registry_organizations "
                              "SELECT org_id, name, peer_set, scope, source FROM registry_rows",
    "registry_employer_rules": "INSERT INTO registry_employer_rules SELECT org_id, rule, value, source, line FROM registry_rows",
    "registry_people": """
        INSERT INTO registry_people
        SELECT person_id, org_id, role, name_last(f), name_first(f), trim(f), nullif(upper(trim(city)), ''),
               nullif(upper(trim(state)), ''), relation, source
        FROM (SELECT *, unnest(string_split(name_forms, ';')) AS f FROM registry_rows)""",
    "registry_committees": "INSERT INTO registry_committees "
                           "SELECT org_id, upper(trim(cmte_id)), role, name, source FROM registry_rows",
    "registry_contract_recipients": """INSERT INTO registry_contract_recipients
        SELECT org_id, recipient_name, nullif(trim(uei), ''), relation, nullif(trim(description_pattern), ''), source
        FROM registry_rows""",
    "registry_announced_awards": """INSERT INTO registry_announced_awards
        SELECT trim(announcement_id), nullif(trim(award_id), ''), org_id, trim(recipient_name), trim(agency),
               nullif(trim(office), ''), trim(award_type),
               CASE WHEN upper(award_type) LIKE '%OTHER TRANSACTION%' THEN 'other_transaction' ELSE 'contract' END,
               CAST(nullif(trim(ceiling), '') AS DECIMAL(18, 2)), CAST(nullif(trim(obligated_at_award), '') AS DECIMAL(18, 2)),
               CAST(trim(announced_on) AS DATE), title, trim(url), url_kind, source, line
        FROM registry_rows""",
    "registry_products": "INSERT INTO registry_products SELECT org_id, trim(term), source FROM registry_rows",
    "registry_claims": """INSERT INTO registry_claims
        SELECT id, kind, claim, outlet, published::DATE, url, subject_kind, claim_list(subject), claim_list(recipients),
               nullif(window_from, '')::DATE, nullif(window_to, '')::DATE, claim_list(channels), claim_list(peers),
               nullif(reported_amount, '')::DECIMAL(18, 2), nullif(reported_ratio, '')::DECIMAL(10, 2),
               nullif(trim(record), ''), claim_list(terms), decided_by, claim_list(fetch_commands), note, source, line
        FROM registry_rows""",
    "registry_watched_committees": """INSERT INTO registry_watched_committees
        SELECT upper(trim(cmte_id)), name, watch, why, source FROM registry_rows""",
    "registry_overrides": "INSERT INTO registry_overrides "
                          "SELECT kind, value, nullif(trim(target), ''), note, source FROM registry_rows",
}

OBS_SQL = """
CREATE OR REPLACE TEMP VIEW attr_obs AS
SELECT contribution_id AS row_id,
       attribution_kind(entity_tp) AS kind,
       attribution_name(entity_tp, employer, contributor_name) AS name,
       contributor_name, occupation, city, state
FROM contributions
"""

APPLY_SQL = """
UPDATE contribution_rows c SET org_id = NULL, org_match = NULL, donor_id = NULL;
UPDATE contribution_rows c SET org_id = d.org_id, org_match = d.rule
FROM name_decisions d
WHERE d.attributed
  AND d.kind = attribution_kind(c.entity_tp)
  AND d.name = attribution_name(c.entity_tp, c.employer, c.contributor_name);
UPDATE contribution_rows c SET org_id = r.org_id, org_match = r.rule
FROM row_decisions r WHERE r.attributed AND r.row_id = c.contribution_id;
DELETE FROM employer_matches;
INSERT INTO employer_matches
SELECT name, org_id, rule, attributed, count(*), coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0)
FROM (SELECT d.name, d.org_id, d.rule, d.attributed, c.amount, c.counts_in_totals
      FROM name_decisions d JOIN contributions c
        -- both keys from the row alone: an equality join (with d.kind inside the name's CASE it was a filter
        -- over every pair of decision and row)
        ON d.kind = attribution_kind(c.entity_tp)
       AND d.name = attribution_name(c.entity_tp, c.employer, c.contributor_name)
      WHERE d.org_id IS NOT NULL AND NOT d.by_row
      UNION ALL
      SELECT attribution_name(c.entity_tp, c.employer, c.contributor_name),
             r.org_id, r.rule, r.attributed, c.amount, c.counts_in_totals
      FROM row_decisions r JOIN contributions c ON c.contribution_id = r.row_id)
GROUP BY ALL;
"""

# A registry person's rows: same last and first name, and the home place where the registry has
# one (the state, and the city unless the employer also points to the person's organization);
# without a home place, only rows whose employer resolves to the person's organization.
PIN_SQL = """
CREATE OR REPLACE TEMP TABLE person_pins AS
SELECT c.contribution_id, p.person_id
FROM contributions c JOIN registry_people p
  ON name_last(c.contributor_name) = p.last_name AND name_first(c.contributor_name) = p.first_name
WHERE is_individual(c.entity_tp)
  AND CASE WHEN p.state IS NULL THEN c.org_id = p.org_id
           ELSE upper(trim(c.state)) = p.state AND (upper(trim(c.city)) = p.city OR c.org_id = p.org_id) END
  AND c.contribution_id NOT IN (SELECT value FROM registry_overrides WHERE kind = 'contribution_person')
UNION
SELECT value, target FROM registry_overrides WHERE kind = 'contribution_person' AND target IS NOT NULL;
UPDATE contribution_rows c SET donor_id = p.person_id FROM person_pins p WHERE p.contribution_id = c.contribution_id;
"""


def refresh_org_money(con: duckdb.DuckDBPyConnection) -> int:
    """Materialize org_money_rows from its definition (org_money_rows_live); returns its row count."""
    con.execute("DELETE FROM org_money_rows")
    # Sorted by organization, as the explorer reads it (largest first), so that a page's filter on one organization
    # skips the other organizations' row groups: the largest one's first page 235 -> 90 ms at 50 million rows.
    return int(con.execute("INSERT INTO org_money_rows SELECT * FROM org_money_rows_live "
                           "ORDER BY org_id, amount DESC, row_id").fetchall()[0][0])


def refresh_committees(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Materialize committee_rollup and committee_donors from their definitions (*_live); returns their row counts."""
    counts = {}
    for table in ("committee_rollup", "committee_donors"):
        con.execute(f"DELETE FROM {table}")
        # Sorted by committee so the Committee page's equality filter skips every other row group (zone maps).
        counts[table] = int(con.execute(f"INSERT INTO {table} SELECT * FROM {table}_live ORDER BY recipient_cmte_id")
                            .fetchall()[0][0])
    return counts


def resolve(con: duckdb.DuckDBPyConnection, folder: Path = REGISTRY_DIR, org_money: bool = True) -> dict[str, int]:
    """Load the registry, attribute employer strings and contributor names, pin registry people.

    org_money=False leaves org_money_rows to the caller (a build refreshes it after donor clustering)."""
    counts = load_registry(con, folder)
    con.execute(OBS_SQL)
    attribution.decide(con)
    attribution.keep(con)
    con.execute(APPLY_SQL)
    con.execute(PIN_SQL)
    counts["attributed_rows"] = int(con.execute("SELECT count(*) FROM contributions WHERE org_id IS NOT NULL").fetchall()[0][0])
    counts["pinned_rows"] = int(con.execute("SELECT count(*) FROM person_pins").fetchall()[0][0])
    attribution.drop(con)
    con.execute("DROP TABLE IF EXISTS person_pins")
    con.execute("DROP VIEW IF EXISTS attr_obs")
    if org_money:
        counts["org_money_rows"] = refresh_org_money(con)
    return counts
