"""Employer string -> organization, written once in SQL over any table of observations.

The caller provides a temp view or table `attr_obs(row_id, kind, name, contributor_name, occupation,
city, state)`: one row per record, kind 'employer' (an individual's employer as filed) or
'contributor' (an organization's own name). `decide` leaves two temp tables: `name_decisions` (one
decision per string, or the strings whose rows are decided one by one) and `row_decisions` (rows of
bare words, decided by their corroboration). The build runs it over the contributions table
(etl/entities.py); etl/quality.py runs it over records the warehouse does not hold, to measure it.

Order of precedence (etl/registry/README.md): an override of the string as filed; else every
organization whose exact, prefix, pattern or bare rule matches the normalised string and none of
whose exclude rules does; two such organizations is ambiguous (none). A match needs corroboration
when it is a bare word (rule bare) or a string of 1-3 letters, unless an exact rule names it.
"""

from __future__ import annotations

import duckdb

# Rules that say a string may name the organization, in the order one is reported when several match.
NAME_HITS_SQL = """
CREATE OR REPLACE TEMP TABLE name_norms AS
SELECT kind, name, norm, nullif(replace(coalesce(norm, ''), ' ', ''), '') AS key, norm_prefixes(norm) AS prefixes
FROM (SELECT kind, name, employer_norm(name) AS norm FROM (SELECT DISTINCT kind, name FROM attr_obs WHERE name IS NOT NULL));
CREATE OR REPLACE TEMP TABLE name_hits AS
WITH rules AS (SELECT org_id, rule, value, employer_key(value) AS vkey FROM registry_employer_rules
               WHERE rule IN ('exact', 'prefix', 'pattern', 'bare', 'exclude')),
keyed AS (  -- equality joins first: exact and bare on the key, prefix on one of the prefix keys
    SELECT n.kind, n.name, n.key, r.org_id, r.rule, r.value FROM name_norms n JOIN rules r
      ON r.rule IN ('exact', 'bare') AND n.key = r.vkey
    UNION ALL
    SELECT n.kind, n.name, n.key, r.org_id, r.rule, r.value
    FROM (SELECT kind, name, key, unnest(prefixes) AS p FROM name_norms) n JOIN rules r
      ON r.rule = 'prefix' AND n.p = r.vkey)
SELECT * FROM keyed
UNION ALL
SELECT n.kind, n.name, n.key, r.org_id, r.rule, r.value
FROM name_norms n JOIN rules r ON r.rule IN ('pattern', 'exclude') AND regexp_matches(coalesce(n.norm, ''), r.value)
"""

NAME_ORGS_SQL = """
CREATE OR REPLACE TEMP TABLE name_orgs AS
WITH per_org AS (
    SELECT kind, name, org_id, any_value(key) AS key,
           bool_or(rule = 'exclude') AS excluded, bool_or(rule = 'exact') AS reviewed, bool_or(rule = 'bare') AS bare,
           coalesce(min(rule || ':' || value) FILTER (WHERE rule = 'exclude'),
                    min(rule || ':' || value) FILTER (WHERE rule = 'exact'),
                    min(rule || ':' || value) FILTER (WHERE rule = 'prefix'),
                    min(rule || ':' || value) FILTER (WHERE rule = 'pattern'),
                    min(rule || ':' || value) FILTER (WHERE rule = 'bare')) AS decided_by
    FROM name_hits GROUP BY ALL
    HAVING bool_or(rule <> 'exclude')),
matched AS (
    SELECT *, count(*) FILTER (WHERE NOT excluded) OVER w AS orgs,
           string_agg(org_id, ',' ORDER BY org_id) FILTER (WHERE NOT excluded) OVER w AS org_list
    FROM per_org WINDOW w AS (PARTITION BY kind, name))
SELECT kind, name, org_id,
       CASE WHEN excluded THEN decided_by WHEN orgs > 1 THEN 'ambiguous:' || org_list ELSE decided_by END AS rule,
       NOT excluded AND orgs = 1 AS attributed,
       -- a bare word (NEST, META) or a string of 1-3 letters names the organization only with corroboration
       NOT excluded AND orgs = 1 AND NOT reviewed AND (bare OR length(key) <= 3) AS needs_corroboration
FROM matched
"""

OVERRIDES_SQL = """
CREATE OR REPLACE TEMP TABLE name_overrides AS
SELECT DISTINCT n.kind, n.name, o.target AS org_id, 'override:' || o.value AS rule, o.target IS NOT NULL AS attributed
FROM (SELECT DISTINCT kind, name FROM attr_obs) n JOIN registry_overrides o ON o.kind = 'employer' AND o.value = n.name
"""

NAME_DECISIONS_SQL = """
CREATE OR REPLACE TEMP TABLE name_decisions AS
SELECT kind, name, org_id, rule, attributed, false AS by_row FROM name_overrides
UNION ALL
SELECT r.kind, r.name, r.org_id, r.rule, r.attributed AND NOT r.needs_corroboration, r.needs_corroboration
FROM name_orgs r WHERE NOT EXISTS (SELECT 1 FROM name_overrides o WHERE o.kind = r.kind AND o.name = r.name)
UNION ALL
-- an override that takes a string away keeps the organizations it was taken from visible in the audit
SELECT r.kind, r.name, r.org_id, 'override:' || r.name, false, false
FROM name_orgs r JOIN name_overrides o ON o.kind = r.kind AND o.name = r.name AND o.org_id IS NULL
"""

# Corroboration of a bare word's row, strongest first: the contributor is a registry person of the
# organization, or names it without doubt on another row (same last and first name and state); the
# row's city and state are one of the organization's sourced places (rule place); its occupation
# names the organization (rule occupation). A row a place or occupation corroborates also
# corroborates the same person's other rows (an executive who files META from home and office).
ROW_DECISIONS_SQL = """
CREATE OR REPLACE TEMP TABLE row_decisions AS
WITH need AS (
    SELECT o.row_id, d.org_id, d.rule, name_last(o.contributor_name) AS last_name,
           name_first(o.contributor_name) AS first_name, upper(trim(o.state)) AS state,
           upper(trim(o.city)) || ', ' || upper(trim(o.state)) AS place, coalesce(employer_norm(o.occupation), '') AS occupation
    FROM attr_obs o JOIN name_decisions d ON d.kind = o.kind AND d.name = o.name AND d.by_row),
hinted AS (
    SELECT n.*, CASE
        WHEN EXISTS (SELECT 1 FROM registry_employer_rules h WHERE h.org_id = n.org_id AND h.rule = 'place'
                     AND regexp_matches(n.place, h.value)) THEN 'place'
        WHEN EXISTS (SELECT 1 FROM registry_employer_rules h WHERE h.org_id = n.org_id AND h.rule = 'occupation'
                     AND regexp_matches(n.occupation, h.value)) THEN 'occupation' END AS hint
    FROM need n),
sure AS (
    SELECT DISTINCT d.org_id, name_last(o.contributor_name) AS last_name, name_first(o.contributor_name) AS first_name,
           upper(trim(o.state)) AS state
    FROM attr_obs o JOIN name_decisions d ON d.kind = o.kind AND d.name = o.name AND d.attributed
    WHERE o.kind = 'employer' AND name_last(o.contributor_name) IN (SELECT last_name FROM need)),
sure_hinted AS (SELECT DISTINCT org_id, last_name, first_name, state FROM hinted WHERE hint IS NOT NULL)
SELECT h.row_id, h.org_id,
       h.rule || ' + ' || coalesce(
           CASE WHEN EXISTS (SELECT 1 FROM registry_people p WHERE p.org_id = h.org_id AND p.last_name = h.last_name
                             AND p.first_name = h.first_name
                             AND (p.state IS NULL OR p.state = h.state)) THEN 'registry person' END,
           CASE WHEN EXISTS (SELECT 1 FROM sure s WHERE s.org_id = h.org_id AND s.last_name = h.last_name
                             AND s.first_name = h.first_name AND s.state = h.state) THEN 'same person' END,
           h.hint,
           CASE WHEN EXISTS (SELECT 1 FROM sure_hinted s WHERE s.org_id = h.org_id AND s.last_name = h.last_name
                             AND s.first_name = h.first_name AND s.state = h.state) THEN 'same person' END,
           'uncorroborated') AS rule
FROM hinted h
"""


def decide(con: duckdb.DuckDBPyConnection) -> None:
    """Decide every string (and bare word's row) of the temp relation attr_obs; leaves name_decisions and row_decisions."""
    for sql in (NAME_HITS_SQL, NAME_ORGS_SQL, OVERRIDES_SQL, NAME_DECISIONS_SQL, ROW_DECISIONS_SQL):
        con.execute(sql)
    con.execute("""ALTER TABLE row_decisions ADD COLUMN attributed BOOLEAN;
                   UPDATE row_decisions SET attributed = NOT rule LIKE '% + uncorroborated'""")


KEEP_SQL = """
DELETE FROM attribution_names; DELETE FROM attribution_rows;
INSERT INTO attribution_names SELECT kind, name, org_id, rule, attributed, by_row FROM name_decisions;
INSERT INTO attribution_rows SELECT row_id, org_id, rule, attributed FROM row_decisions;
"""


def keep(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the decisions of a whole warehouse's attribution (attribution_names, attribution_rows) for the next
    incremental build (etl/attribution_update.py)."""
    con.execute(KEEP_SQL)


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the temp tables decide() left."""
    for t in ("name_norms", "name_hits", "name_orgs", "name_overrides", "name_decisions", "row_decisions"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
