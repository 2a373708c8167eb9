"""Named, parameterised read queries shared by the explorer and the CLI.

Each query's docstring is the method note shown to readers (the Methodology page prints it next to
the SQL), so the explanation and the SQL cannot drift apart. User input reaches SQL only as bound
$parameters; identifiers are fixed here.
"""

from __future__ import annotations

from typing import Any

from etl import model
from etl.query_base import QUERIES, Query, Result, query

__all__ = ["CHANNELS", "QUERIES", "Query", "Result", "claim_ratios", "query"]

CHANNELS = model.channels()  # the one list: etl/model/channels.sql


@query("coverage", "Sources loaded", """
SELECT l.source, count(*) AS files, sum(l.rows_loaded) AS rows_loaded, sum(l.rows_rejected) AS rows_rejected,
       max(l.finished_at) AS loaded_at, any_value(a.data_as_of) AS data_as_of
FROM load_log l LEFT JOIN source_as_of a USING (source)
WHERE l.status IN ('loaded', 'unchanged') GROUP BY l.source ORDER BY l.source
""")
def _coverage() -> None:
    """Every loaded source with its files, rows and as-of date, from the as-of query of its package
    (etl/sources/<name>/as_of.sql, gathered in the view source_as_of): for FEC bulk files the latest
    transaction date in them (likewise for OpenFEC pages), for e-filings the end of the latest coverage period,
    for USAspending the latest retrieval, for the AI inventory the latest inventory year. What each source does not cover
    is in source_coverage."""


@query("gaps", "What the records do not cover", """
SELECT source, topic, detail, reference FROM source_coverage WHERE NOT covered ORDER BY source, topic
""")
def _gaps() -> None:
    """Known gaps per source (source_coverage rows with covered = false), shown next to results so
    that "not in these records" is never read as "none"."""


@query("search_all", "Search", """
WITH q AS (SELECT upper(trim($q)) AS q)
SELECT * FROM (
  SELECT 'organization' AS kind, org_id AS key, name AS label, scope AS detail, NULL::DECIMAL(18, 2) AS amount,
         row_number() OVER (ORDER BY name) AS rank
  FROM registry_organizations, q WHERE q.q <> '' AND (contains(upper(name), q.q) OR contains(upper(org_id), q.q))
  UNION ALL
  SELECT *, row_number() OVER (ORDER BY amount DESC NULLS LAST, key) FROM (
    SELECT 'person', donor_id AS key, any_value(contributor_name), any_value(concat_ws(', ', city, state)),
           sum(amount) FILTER (WHERE counts_in_totals) AS amount
    FROM contributions, q WHERE q.q <> '' AND donor_id IS NOT NULL AND contains(upper(contributor_name), q.q)
    GROUP BY donor_id ORDER BY amount DESC NULLS LAST, key LIMIT 50)
  UNION ALL
  SELECT *, row_number() OVER (ORDER BY label) FROM (
    SELECT 'committee', cmte_id, name AS label, concat_ws(' · ', code_in_words('cmte_type', cmte_type), party), NULL
    FROM recipient_committees, q WHERE q.q <> '' AND (contains(upper(name), q.q) OR upper(cmte_id) = q.q)
    ORDER BY name, cmte_id LIMIT 50)
  UNION ALL
  SELECT *, row_number() OVER (ORDER BY amount DESC NULLS LAST, key) FROM (
    SELECT 'contractor', recipient_name AS key, recipient_name, count(*) || ' awards', sum(obligated) AS amount
    FROM awards, q WHERE q.q <> '' AND contains(upper(recipient_name), q.q)
    GROUP BY recipient_name ORDER BY amount DESC NULLS LAST, key LIMIT 50)
  UNION ALL
  SELECT *, row_number() OVER (ORDER BY key) FROM (
    SELECT 'agency', a AS key, a, 'agency (awards or AI inventory)', NULL FROM
      (SELECT DISTINCT awarding_sub_agency AS a FROM awards UNION SELECT DISTINCT agency_name FROM ai_use_cases), q
    WHERE q.q <> '' AND a IS NOT NULL AND contains(upper(a), q.q) ORDER BY a LIMIT 50)
  UNION ALL
  SELECT * EXCLUDE (score), row_number() OVER (ORDER BY score DESC, key) FROM (
    SELECT 'ai_use_case', doc_key AS key, title, detail, NULL, score FROM search_hits($q)
    WHERE kind = 'ai_use_case' ORDER BY score DESC, doc_key LIMIT 50)
)
ORDER BY kind, rank
""")
def _search_all() -> None:
    """One box across organizations (registry names), people (contributor names, one line per donor
    with their counted total), committees (name or ID), contractors (award recipients, obligations),
    agencies (awarding sub-agencies and inventory agencies) and AI use cases (full-text, every word must
    occur). Text matching is case-insensitive containment; at most 50 results per kind."""


@query("org_channels", "Money out by channel and cycle", """
SELECT channel, cycle, sum(amount) AS amount, sum(rows) AS rows
FROM org_money WHERE org_id = $org_id GROUP BY ALL ORDER BY cycle, channel
""")
def _org_channels() -> None:
    """Counted money attributed to the organization per channel and cycle (org_money). Channels are
    separate figures and no row is in two; to_own_pac (the organization's people giving to its own
    PAC) is the same money the pac channel counts when the PAC gives it out: never add the two."""


@query("org_recipients", "Top recipients", """
SELECT recipient_cmte_id, any_value(recipient_name) AS recipient_name, any_value(recipient_party) AS party,
       any_value(recipient_type) AS committee_type, bool_or(is_super_pac) AS super_pac, bool_or(is_hybrid_pac) AS hybrid_pac,
       string_agg(DISTINCT channel, ', ' ORDER BY channel) AS channels, sum(amount) AS amount, sum(rows) AS rows
FROM org_money WHERE org_id = $org_id AND list_contains($channels, channel)
GROUP BY recipient_cmte_id ORDER BY amount DESC, recipient_cmte_id LIMIT $limit
""")
def _org_recipients() -> None:
    """Committees that received the organization's money in the chosen channels, by committee ID
    (conduit gifts credited to the earmarked recipient), with party (the committee's, else its
    candidate's) and type; super PACs (type O) and hybrid PACs (V/W) are flagged."""


@query("org_donors", "Top donors", """
WITH m AS (SELECT coalesce(donor_id, row_id) AS donor_key, giver, place, employer, channel, amount FROM org_money_rows
           WHERE org_id = $org_id AND row_table = 'contributions' AND list_contains($channels, channel)),
     top AS (SELECT donor_key, sum(amount) AS amount, count(*) AS rows FROM m
             GROUP BY donor_key ORDER BY amount DESC, donor_key LIMIT $limit)
SELECT t.donor_key AS donor_id, any_value(m.giver) AS name, any_value(m.place) AS place,
       string_agg(DISTINCT m.employer, '; ') AS employers, string_agg(DISTINCT m.channel, ', ') AS channels,
       t.amount, t.rows
FROM top t JOIN m USING (donor_key) GROUP BY t.donor_key, t.amount, t.rows ORDER BY t.amount DESC, 1
""")
def _org_donors() -> None:
    """People (donor clusters or registry people) whose counted gifts are attributed to the
    organization, with every employer string they filed."""


@query("org_money_rows", "Rows behind the figure", """
SELECT m.row_id, m.channel, m.transaction_dt, m.giver, m.employer, m.rule, m.recipient_cmte_id,
       r.name AS recipient_name, m.amount, m.source_url
FROM org_money_rows m LEFT JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
WHERE m.org_id = $org_id AND list_contains($channels, m.channel)
  AND ($cycle IS NULL OR m.cycle = $cycle) AND ($cmte_id IS NULL OR m.recipient_cmte_id = $cmte_id)
ORDER BY m.amount DESC, m.row_id
""")
def _org_money_rows() -> None:
    """Every counted row behind an organization's figure, with the rule that attributed it and a link
    to the FEC page image or filing."""


@query("org_awards", "Money in: awards", """
SELECT awarding_agency, awarding_sub_agency, fiscal_year(start_date) AS start_fiscal_year, relation, award_category,
       count(*) AS awards, sum(obligated) AS obligated, sum(potential_value) AS ceiling,
       count(*) FILTER (WHERE potential_value IS NULL) AS awards_without_ceiling
FROM org_awards WHERE org_id = $org_id AND source <> 'announced' AND award_category IN ('contract', 'idv')
GROUP BY ALL ORDER BY obligated DESC NULLS LAST
""")
def _org_awards() -> None:
    """Awards to the organization, its subsidiaries, and resellers whose award description names its
    product, by agency and the fiscal year the award started. Obligated (money committed) and ceiling
    (potential value) are separate columns and never added; the ceiling sum covers only awards whose
    source gives one. Other Transaction agreements (not in USAspending) and announced awards are listed
    apart (org_other_awards) and never added here."""


@query("org_award_rows", "Rows behind the awards", """
SELECT award_key, piid, relation, award_category, award_type, recipient_name, awarding_sub_agency, start_date, end_date,
       obligated, potential_value AS ceiling, description, source_url
FROM org_awards WHERE org_id = $org_id AND source <> 'announced' AND award_category IN ('contract', 'idv')
ORDER BY obligated DESC NULLS LAST, award_key
""")
def _org_award_rows() -> None:
    """Every award behind the organization's money-in figures, linked to its usaspending.gov page."""


@query("org_ai_uses", "Agency AI uses naming the organization or its products", """
WITH prod AS (SELECT term AS product, search_query_terms(term) AS ts FROM registry_products WHERE org_id = $org_id),
     hits AS (SELECT pr.product, sp.doc_id, list(DISTINCT sp.field) AS fields, count(DISTINCT sp.term) AS found,
                     any_value(len(pr.ts)) AS needed
              FROM prod pr, unnest(pr.ts) AS u(t) JOIN search_postings sp ON sp.term = u.t
              GROUP BY pr.product, sp.doc_id)
SELECT u.use_case_key, u.inventory_year, u.record_kind, u.agency, u.bureau, u.name, u.stage, u.impact, u.vendor_name,
       string_agg(DISTINCT h.product, ', ' ORDER BY h.product) AS names,
       list_sort(list_distinct(flatten(list(h.fields)))) AS found_in, u.source_url
FROM hits h JOIN search_docs d USING (doc_id) JOIN ai_use_cases u ON u.use_case_key = d.doc_key
WHERE h.found = h.needed AND d.kind = 'ai_use_case'
GROUP BY ALL ORDER BY u.inventory_year DESC, u.agency, u.use_case_key
""")
def _org_ai_uses() -> None:
    """Inventory records in which any text field names the organization or one of its products
    (etl/registry/products.csv), whole words only, with the fields where the name was found. A name in
    a data description or output is not a contract with the organization: Azure OpenAI is bought from
    Microsoft, and a contractor such as "AIS" may build on GPT-4. DoD, national-security and
    intelligence uses are excluded from the inventory by rule."""


@query("compare", "Compare peers", """
WITH picked AS (
    SELECT m.* FROM org_money_rows m LEFT JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
    WHERE list_contains($channels, m.channel)
      AND ($date_from IS NULL OR m.transaction_dt >= $date_from) AND ($date_to IS NULL OR m.transaction_dt <= $date_to)
      AND ($party IS NULL OR r.party = $party)
      AND (NOT $only_cmtes OR list_contains($cmte_ids, m.recipient_cmte_id)))
SELECT o.org_id, o.name, coalesce(sum(p.amount), 0)::DECIMAL(18, 2) AS amount, count(p.row_id) AS rows
FROM registry_organizations o LEFT JOIN picked p ON p.org_id = o.org_id
WHERE o.peer_set = $peer_set
GROUP BY o.org_id, o.name ORDER BY amount DESC, o.org_id
""")
def _compare() -> None:
    """Each peer organization's counted money for the chosen channels, dates (gift dates, inclusive)
    and recipients (all, one party by the committee's or its candidate's affiliation, or only the listed
    committee IDs). Organizations with nothing in the records show $0, which means "nothing in these
    records", not "nothing given": unitemized gifts, 501(c)(4) money and unloaded cycles are missing."""


@query("person", "Person", """
WITH mine AS MATERIALIZED (
    SELECT contribution_id, transaction_dt, contributor_name, city, state, employer, occupation, recipient_cmte_id,
           transaction_tp, form_type, count_rule, amount, source_url
    FROM contributions WHERE donor_id = $donor_id)
SELECT contribution_id, transaction_dt, contributor_name, city, state, employer, occupation, recipient_cmte_id,
       r.name AS recipient_name, transaction_tp, form_type, count_rule, amount, source_url
FROM mine c LEFT JOIN recipient_committees r ON r.cmte_id = c.recipient_cmte_id
ORDER BY transaction_dt, contribution_id
""")
# MATERIALIZED: donor_id must be the scan's only filter, or DuckDB will not read it through the donor_id index
# (the join and a first-page LIMIT otherwise add filters on recipient_cmte_id and transaction_dt: a full scan).
def _person() -> None:
    """Every row of one donor (a registry person or a cluster of rows of one person), counted or not,
    with why a row does not count (count_rule). The evidence that joined the rows is in
    donor_match_evidence."""


@query("committee", "Committee", """
SELECT r.*, s.counted_receipts, s.counted_rows
FROM recipient_committees r,
     (SELECT sum(counted_amount) AS counted_receipts, coalesce(sum(counted_rows), 0)::BIGINT AS counted_rows
      FROM committee_rollup WHERE recipient_cmte_id = $cmte_id) s
WHERE r.cmte_id = $cmte_id
""")
def _committee() -> None:
    """A committee by ID (never by name: MAGA Inc. C00892471 and Make America Great Again Inc.
    C00825851 are different committees), with its type, candidate, party and itemized receipts that
    count in totals (committee_rollup: contribution_rollup by month, materialized at build time)."""


@query("committee_org_money", "Organizations' money to the committee", """
SELECT org_id, channel, cycle, sum(amount) AS amount, sum(rows) AS rows
FROM org_money WHERE recipient_cmte_id = $cmte_id GROUP BY ALL ORDER BY amount DESC
""")
def _committee_org_money() -> None:
    """Money attributed to registry organizations that went to this committee, per channel and cycle."""


@query("contracts", "Contracts", """
SELECT award_key, piid, award_category, award_type, recipient_name, awarding_agency, awarding_sub_agency,
       start_date, end_date, obligated, potential_value AS ceiling, description, snapshots, source_url
FROM awards
WHERE ($q = '' OR contains(upper(recipient_name), upper($q)) OR contains(upper(coalesce(description, '')), upper($q))
       OR upper(coalesce(piid, '')) = upper($q))
  AND ($agency = '' OR awarding_agency = $agency OR awarding_sub_agency = $agency)
  AND ($category = '' OR award_category = $category) AND award_category IN ('contract', 'idv') AND source <> 'announced'
ORDER BY obligated DESC NULLS LAST, award_key
""")
def _contracts() -> None:
    """Awards (newest snapshot of each) whose recipient or description contains the text, or whose PIID
    is it. Obligated and ceiling are separate; IDVs are vehicles whose money sits on their orders, so
    sum obligated over contracts only. Other Transactions and announced awards are listed apart
    (other_awards)."""


@query("ai_uses", "AI uses", """
SELECT use_case_key, inventory_year, record_kind, agency, bureau, name, stage, impact, impact_framework, vendor_name,
       source_url
FROM ai_use_cases
WHERE ($year IS NULL OR inventory_year = $year) AND ($agency = '' OR agency = $agency OR agency_name = $agency)
  AND ($stage = '' OR stage = $stage)
  AND ($q = '' OR use_case_key IN (SELECT doc_key FROM search_hits($q) WHERE kind = 'ai_use_case'))
ORDER BY inventory_year DESC, agency, use_case_key
""")
def _ai_uses() -> None:
    """Inventory records by year, agency and harmonised stage, and optionally by full-text search of
    every text field (whole words, every word must occur). 2024 impact (rights/safety, OMB M-24-10) and
    2025 impact (high-impact, M-25-21) are different questions; impact_framework says which."""



@query("compare_rows", "Rows behind a peer's figure", """
SELECT m.row_id, m.channel, m.transaction_dt, m.giver, m.employer, m.rule, m.recipient_cmte_id, r.name AS recipient_name,
       r.party AS recipient_party, m.amount, m.source_url
FROM org_money_rows m LEFT JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
WHERE m.org_id = $org_id AND list_contains($channels, m.channel)
  AND ($date_from IS NULL OR m.transaction_dt >= $date_from) AND ($date_to IS NULL OR m.transaction_dt <= $date_to)
  AND ($party IS NULL OR r.party = $party)
  AND (NOT $only_cmtes OR list_contains($cmte_ids, m.recipient_cmte_id))
ORDER BY m.amount DESC, m.row_id
""")
def _compare_rows() -> None:
    """The counted rows behind one organization's figure on the Compare page, with the same filters."""

def claim_ratios(rows: list[dict[str, Any]], focus: str) -> dict[str, Any]:
    """The ratios a headline might use for one organization against the rest of the peer set, with inputs."""
    from decimal import Decimal
    from statistics import median
    mine = next((r["amount"] for r in rows if r["org_id"] == focus), Decimal(0))
    others = [r for r in rows if r["org_id"] != focus]
    amounts = [r["amount"] for r in others]
    largest = max(others, key=lambda r: r["amount"], default=None)
    inputs = {"focus": mine, "sum_of_others": sum(amounts, Decimal(0)),
              "largest_other": largest["amount"] if largest else Decimal(0),
              "largest_other_org": largest["org_id"] if largest else None,
              "median_of_others": Decimal(median(amounts)) if amounts else Decimal(0), "others": len(others)}

    def ratio(den: Decimal) -> Decimal | None:
        return (mine / den).quantize(Decimal("0.01")) if den else None

    return {**inputs, "vs_sum_of_others": ratio(inputs["sum_of_others"]),
            "vs_largest_other": ratio(inputs["largest_other"]), "vs_median_of_others": ratio(inputs["median_of_others"])}


# Explorer pages: filter allowlists, the employer audit and the counting rules -------------------

@query("filter_options", "Filter values", """
SELECT 'contract_agency' AS field, a AS value
FROM (SELECT awarding_agency AS a FROM awards UNION SELECT awarding_sub_agency FROM awards)
WHERE a IS NOT NULL
UNION ALL SELECT 'ai_agency', a FROM (SELECT agency AS a FROM ai_use_cases UNION SELECT agency_name FROM ai_use_cases)
WHERE a IS NOT NULL
UNION ALL SELECT DISTINCT 'ai_year', inventory_year::VARCHAR FROM ai_use_cases
UNION ALL SELECT DISTINCT 'ai_stage', stage FROM ai_use_cases WHERE stage IS NOT NULL
UNION ALL SELECT 'organization', org_id FROM registry_organizations
UNION ALL SELECT DISTINCT 'recipient_party', party FROM recipient_committees WHERE party IS NOT NULL
ORDER BY field, value
""")
def _filter_options() -> None:
    """The values each explorer filter offers, read from the loaded data: awarding agencies and
    sub-agencies, inventory agencies (abbreviation and name as filed), inventory years, harmonised
    stages, registry organizations, and recipient parties. A filter takes only one of these values."""


@query("organizations", "Organizations", """
SELECT org_id, name, peer_set FROM registry_organizations ORDER BY org_id
""")
def _organizations() -> None:
    """The registry's organizations (etl/registry/organizations.csv) and the peer set each belongs to."""


@query("employer_audit", "Employer audit", """
SELECT employer, rule, attributed, rows, amount FROM employer_matches WHERE org_id = $org_id
ORDER BY attributed DESC, rows DESC, employer
""")
def _employer_audit() -> None:
    """Every employer string (or company name) that a registry rule attributed to the organization,
    and every look-alike an exclusion or override kept out, with the rule that decided, its rows
    (counted or not) and the amount of those rows that counts. A string matched by rules of two
    organizations is attributed to neither (rule ambiguous:...). This list is the whole of
    contributions.org_id for the organization's people."""


@query("count_rules", "Rows and money by counting rule", """
SELECT count_rule, counts_in_totals, count(*) AS rows, sum(amount) AS amount
FROM contributions GROUP BY ALL ORDER BY counts_in_totals DESC, rows DESC, count_rule
""")
def _count_rules() -> None:
    """Every itemized receipt has one count_rule; only rows with counted add to totals, so the same
    money is never added twice. Memo rows, conduit copies of earmarked gifts, refunds, superseded
    e-filing rows and duplicates are kept and shown, never summed."""


@query("count_rule_definition", "The counting rule, as the warehouse defines it", """
SELECT 'macro ' || function_name AS item, macro_definition AS text FROM duckdb_functions()
WHERE function_type = 'macro' AND function_name IN ('contribution_count_rule', 'is_memo', 'counted')
UNION ALL
SELECT 'column contributions.' || column_name, comment FROM duckdb_columns()
WHERE table_name = 'contributions' AND column_name IN ('count_rule', 'counts_in_totals')
ORDER BY item
""")
def _count_rule_definition() -> None:
    """The per-row rule (the SQL macro contribution_count_rule, as stored in the warehouse) and the
    documented meaning of count_rule and counts_in_totals. The rules that compare files (superseded,
    duplicate_of_bulk, duplicate_row) are applied at build time in etl/rules.py."""


# Shown totals (contracts, person, organization, committee pages) register themselves here too.
# Windows, net figures, single-record views, award, filings and claims queries register themselves here too.
from etl import award_queries, filing_queries, pictures, queries_claims, records, totals  # noqa: E402,F401
