"""Named queries behind `moneytrail claims` and the Claims page (the views are in etl/model/claims.sql)."""

from __future__ import annotations

from etl.query_base import query


@query("claims", "Claims", """
SELECT id, kind, claim, outlet, published, url, subject_kind, subject, recipients, window_from, window_to, channels, peers,
       reported_amount, reported_ratio, record, terms, decided_by, fetch_commands, note, source
FROM registry_claims WHERE ($id IS NULL OR id = $id) ORDER BY line
""")
def _claims() -> None:
    """The claims of etl/registry/claims.csv as reported (outlet, date, link), with what the check counts: subject
    (registry people or organizations), recipients, gift-date window, channels, peers, and the record that decides it."""


@query("claim_money_rows", "Rows behind a money claim", """
SELECT org_id, is_peer, channel, giver_kind, transaction_dt, giver, employer, donor_id, recipient_cmte_id, recipient_name,
       amount, file_num, tran_id, row_id, source_url
FROM claim_money_rows WHERE claim_id = $id ORDER BY is_peer, amount DESC, row_id
""")
def _claim_money_rows() -> None:
    """Every counted row behind a money claim: org_money_rows (counted rows only, each in one channel; memo rows,
    conduit copies, refunds, superseded and duplicate rows never count) of the claim's people (or organization and
    peers), to its recipient committees (or party), dated within its window, in its channels."""


@query("claim_coverage", "Days of a claim's window the loaded records cover", """
SELECT recipient, covered, day_from, day_to, covered_by FROM claim_coverage WHERE claim_id = $id
ORDER BY recipient, day_from
""")
def _claim_coverage() -> None:
    """For each recipient of a money claim, the runs of days in its window covered by a loaded filing of the
    committee (its cover-page coverage period, amended or not) or by loaded FEC bulk files of the cycle (up to their
    latest transaction date), and the runs no loaded record covers: a claim with an uncovered day that the rows do not
    already bear out is not decidable from the loaded records."""


@query("claim_name_matches", "Rows with a claim person's name not attributed to them", """
SELECT person_id, contributor_name, city, state, employer, recipient_cmte_id, transaction_dt, amount, count_rule,
       donor_id, row_id, source_url
FROM claim_name_matches WHERE claim_id = $id ORDER BY amount DESC, row_id
""")
def _claim_name_matches() -> None:
    """Rows to the claim's recipients in its window bearing a claim person's name that are not counted for them:
    attributed to someone else (a namesake), to nobody (the person has no home place in the registry and the row names
    no employer, as on Form 13), or not counted at all. Shown as a caveat, never added."""


@query("claim_peer_totals", "A ratio claim's inputs", """
SELECT givers, org_id, amount, rows FROM claim_peer_totals WHERE claim_id = $id ORDER BY givers, amount DESC, org_id
""")
def _claim_peer_totals() -> None:
    """The subject's and each peer's counted money to the claim's recipients in its window and channels, read two
    ways: people only (executives, households, employees) and people plus the company's own treasury gifts."""


@query("claim_ai_use_records", "The inventory record an AI-use claim cites", """
SELECT use_case_key, use_case_id, inventory_year, agency, bureau, name, stage_raw, impact_raw, classification, vendor_name,
       contracting_usage, data_description, outputs, claimed_terms_found, products_found, source_url
FROM claim_ai_use_records WHERE claim_id = $id
""")
def _claim_ai_use_records() -> None:
    """The AI Use Case Inventory record an ai_use claim cites, with the words of the claim it contains and the names of
    the subject's products it contains (whole words, as the search index matches them)."""


@query("claim_award_rows", "The award an award claim names", """
SELECT award_key, piid, source, award_type, recipient_name, awarding_agency, awarding_sub_agency, start_date, obligated,
       potential_value AS ceiling, source_url, evidence
FROM claim_award_rows WHERE claim_id = $id ORDER BY award_key
""")
def _claim_award_rows() -> None:
    """Loaded awards (any source) whose PIID is the one an award claim names; obligated and ceiling kept apart."""


@query("claims_loaded", "What the loaded records cover", """
SELECT l.source, count(*) AS files, min(d.first_date) AS first_date, max(d.last_date) AS last_date, any_value(a.data_as_of) AS data_as_of
FROM load_log l LEFT JOIN source_as_of a USING (source)
LEFT JOIN (SELECT source, min(transaction_dt) AS first_date, max(transaction_dt) AS last_date FROM contributions GROUP BY source
           UNION ALL SELECT 'usaspending', min(start_date), max(start_date) FROM awards
           UNION ALL SELECT 'ai_inventory', make_date(min(inventory_year), 1, 1), make_date(max(inventory_year), 12, 31)
           FROM ai_use_cases) d USING (source)
WHERE l.status IN ('loaded', 'unchanged') GROUP BY l.source ORDER BY l.source
""")
def _claims_loaded() -> None:
    """Each loaded source with its files and the dates its rows span (FEC: gift dates; USAspending: award start dates;
    AI inventory: inventory years) and its as-of date: what a $0 or an empty result is measured against."""
