-- Claims checked against the loaded records (etl/registry/claims.csv; the verdicts are etl/claims.py).
-- Every figure a check shows is summed here, from the same rows the explorer counts (org_money_rows:
-- counted rows only, one channel each), so a claim's figure expands to its rows and their filings.

-- A ;-separated registry cell as a list (blank parts dropped).
CREATE MACRO IF NOT EXISTS claim_list(x) AS list_filter(list_transform(string_split(coalesce(x, ''), ';'), lambda s: trim(s)), lambda s: s <> '');

CREATE TABLE IF NOT EXISTS registry_claims (
    id              VARCHAR PRIMARY KEY,
    kind            VARCHAR NOT NULL,
    claim           VARCHAR NOT NULL,
    outlet          VARCHAR NOT NULL,
    published       DATE NOT NULL,
    url             VARCHAR NOT NULL,
    subject_kind    VARCHAR NOT NULL,
    subject         VARCHAR[] NOT NULL,
    recipients      VARCHAR[] NOT NULL,
    window_from     DATE,
    window_to       DATE,
    channels        VARCHAR[] NOT NULL,
    peers           VARCHAR[] NOT NULL,
    reported_amount DECIMAL(18, 2),
    reported_ratio  DECIMAL(10, 2),
    record          VARCHAR,
    terms           VARCHAR[] NOT NULL,
    decided_by      VARCHAR NOT NULL,
    fetch_commands  VARCHAR[] NOT NULL,
    note            VARCHAR,
    source          VARCHAR NOT NULL,
    line            INTEGER NOT NULL
);
COMMENT ON TABLE registry_claims IS 'Claims as reported, with what the check uses (etl/registry/claims.csv); `moneytrail claims` evaluates each one.';
COMMENT ON COLUMN registry_claims.id IS 'Claim identifier (the explorer''s ?claim= value).';
COMMENT ON COLUMN registry_claims.kind IS 'money (FEC receipts), ai_use (an AI Use Case Inventory record), award (a contract or agreement by PIID) or policy (not a financial record).';
COMMENT ON COLUMN registry_claims.claim IS 'The claim as reported.';
COMMENT ON COLUMN registry_claims.outlet IS 'Who reported it.';
COMMENT ON COLUMN registry_claims.published IS 'Date of the report.';
COMMENT ON COLUMN registry_claims.url IS 'The report.';
COMMENT ON COLUMN registry_claims.subject_kind IS 'people (subject lists registry person_ids) or organization (subject lists org_ids).';
COMMENT ON COLUMN registry_claims.subject IS 'Registry person_ids or org_ids the claim is about.';
COMMENT ON COLUMN registry_claims.recipients IS 'Money claims: recipient committee IDs, or party:<PARTY> (the committee''s party, else its candidate''s).';
COMMENT ON COLUMN registry_claims.window_from IS 'First gift date the check counts (inclusive); for awards and policies, the date the claim is about.';
COMMENT ON COLUMN registry_claims.window_to IS 'Last gift date the check counts (inclusive).';
COMMENT ON COLUMN registry_claims.channels IS 'org_money channels the check counts (etl/model/channels.sql).';
COMMENT ON COLUMN registry_claims.peers IS 'Ratio claims: the peer org_ids the subject is compared with.';
COMMENT ON COLUMN registry_claims.reported_amount IS 'Amount as reported (dollars); for award claims, the reported value of the award.';
COMMENT ON COLUMN registry_claims.reported_ratio IS 'Ratio as reported ("26 times" = 26).';
COMMENT ON COLUMN registry_claims.record IS 'The record that decides an ai_use claim (ai_use_cases.use_case_key) or an award claim (PIID).';
COMMENT ON COLUMN registry_claims.terms IS 'ai_use claims: the words the claim says the record uses (e.g. ChatGPT).';
COMMENT ON COLUMN registry_claims.decided_by IS 'Which records decide the claim, in words.';
COMMENT ON COLUMN registry_claims.fetch_commands IS 'moneytrail commands that fetch the deciding records (empty when no moneytrail source reads them yet).';
COMMENT ON COLUMN registry_claims.note IS 'What is and is not confirmed about the claim and its records.';
COMMENT ON COLUMN registry_claims.source IS 'Where the claim''s reading and its deciding records are documented.';
COMMENT ON COLUMN registry_claims.line IS 'Line of the claim in claims.csv.';

-- Money claims: the counted rows of the subject (or, for ratios, of the subject and each peer) to the
-- claim's recipients in its window and channels. giver_kind separates people from treasury money,
-- which the inaugural channel holds together (Form 13 lists companies and people alike).
CREATE OR REPLACE VIEW claim_money_rows AS
SELECT k.id AS claim_id, m.org_id, list_contains(k.peers, m.org_id) AND NOT list_contains(k.subject, m.org_id) AS is_peer,
       m.row_id, m.channel,
       CASE WHEN m.row_table = 'committee_transfers' THEN 'pac'
            WHEN is_individual(c.entity_tp) THEN 'individual' ELSE 'organization' END AS giver_kind,
       m.transaction_dt, m.giver, m.employer, m.donor_id, m.recipient_cmte_id, r.name AS recipient_name,
       m.amount, c.file_num, c.tran_id, m.source_url
FROM registry_claims k
JOIN org_money_rows m ON list_contains(k.channels, m.channel)
LEFT JOIN contributions c ON m.row_table = 'contributions' AND c.contribution_id = m.row_id AND c.counts_in_totals
LEFT JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
WHERE k.kind = 'money'
  AND m.transaction_dt BETWEEN k.window_from AND k.window_to
  AND (list_contains(k.recipients, m.recipient_cmte_id) OR list_contains(k.recipients, 'party:' || r.party))
  AND CASE WHEN k.subject_kind = 'people' THEN list_contains(k.subject, m.donor_id)
           ELSE list_contains(k.subject, m.org_id) OR list_contains(k.peers, m.org_id) END;
COMMENT ON VIEW claim_money_rows IS 'The counted rows behind each money claim: its subject''s (and peers'') rows in org_money_rows to its recipients, in its window and channels.';
COMMENT ON COLUMN claim_money_rows.claim_id IS 'Claim (registry_claims.id).';
COMMENT ON COLUMN claim_money_rows.org_id IS 'Organization the row is attributed to.';
COMMENT ON COLUMN claim_money_rows.is_peer IS 'True for a peer''s row (ratio claims), false for the subject''s.';
COMMENT ON COLUMN claim_money_rows.row_id IS 'contributions.contribution_id, or committee_transfers.sub_id for PAC rows.';
COMMENT ON COLUMN claim_money_rows.channel IS 'org_money channel of the row.';
COMMENT ON COLUMN claim_money_rows.giver_kind IS 'individual (entity IND or not stated), organization (a company''s own money: ORG, CORP, ...) or pac.';
COMMENT ON COLUMN claim_money_rows.transaction_dt IS 'Date of the gift.';
COMMENT ON COLUMN claim_money_rows.giver IS 'Contributor name as filed.';
COMMENT ON COLUMN claim_money_rows.employer IS 'Employer as filed.';
COMMENT ON COLUMN claim_money_rows.donor_id IS 'Registry person or donor cluster of the row.';
COMMENT ON COLUMN claim_money_rows.recipient_cmte_id IS 'Committee that got the money.';
COMMENT ON COLUMN claim_money_rows.recipient_name IS 'Its name (newest committee master record).';
COMMENT ON COLUMN claim_money_rows.amount IS 'Amount as filed (counted rows only).';
COMMENT ON COLUMN claim_money_rows.file_num IS 'FEC filing the row came from (e-filed rows).';
COMMENT ON COLUMN claim_money_rows.tran_id IS 'Transaction ID in that filing.';
COMMENT ON COLUMN claim_money_rows.source_url IS 'FEC page image or filing of the row.';

-- Rows that bear the name of a claim's person but are not attributed to them (the namesake rule in
-- etl/entities.py pins a person without a home place only where the employer names the organization,
-- and Form 13 lists no employer): shown as a caveat, never added.
CREATE OR REPLACE VIEW claim_name_matches AS
SELECT k.id AS claim_id, p.person_id, c.contribution_id AS row_id, c.contributor_name, c.city, c.state, c.employer,
       c.recipient_cmte_id, c.transaction_dt, c.amount, c.count_rule, c.donor_id, c.source_url
FROM registry_claims k, unnest(k.subject) AS s(person_id)
JOIN registry_people p ON p.person_id = s.person_id
JOIN contributions c ON name_last(c.contributor_name) = p.last_name AND name_first(c.contributor_name) = p.first_name
WHERE k.kind = 'money' AND k.subject_kind = 'people' AND list_contains(k.recipients, c.recipient_cmte_id)
  AND c.transaction_dt BETWEEN k.window_from AND k.window_to AND c.donor_id IS DISTINCT FROM p.person_id;
COMMENT ON VIEW claim_name_matches IS 'Rows to a money claim''s recipients in its window whose contributor has the name of a claim person but are not attributed to that person (or do not count): shown beside the figure, never added.';
COMMENT ON COLUMN claim_name_matches.claim_id IS 'Claim.';
COMMENT ON COLUMN claim_name_matches.person_id IS 'Registry person whose name the row bears.';
COMMENT ON COLUMN claim_name_matches.row_id IS 'contributions.contribution_id.';
COMMENT ON COLUMN claim_name_matches.contributor_name IS 'Name as filed.';
COMMENT ON COLUMN claim_name_matches.city IS 'City as filed.';
COMMENT ON COLUMN claim_name_matches.state IS 'State as filed.';
COMMENT ON COLUMN claim_name_matches.employer IS 'Employer as filed (Form 13 has none).';
COMMENT ON COLUMN claim_name_matches.recipient_cmte_id IS 'Recipient committee.';
COMMENT ON COLUMN claim_name_matches.transaction_dt IS 'Date of the gift.';
COMMENT ON COLUMN claim_name_matches.amount IS 'Amount as filed.';
COMMENT ON COLUMN claim_name_matches.count_rule IS 'Whether the row counts (contributions.count_rule).';
COMMENT ON COLUMN claim_name_matches.donor_id IS 'Who the row is attributed to instead (NULL: nobody).';
COMMENT ON COLUMN claim_name_matches.source_url IS 'FEC page image or filing of the row.';

-- Which days of a money claim's window the loaded records cover, per recipient: a loaded filing of
-- the committee covering the day (its cover-page coverage period, whether or not it was amended later),
-- or a loaded FEC bulk file of the day's cycle, which holds every committee's rows up to its latest date.
CREATE OR REPLACE VIEW claim_coverage AS
WITH wanted AS (
    SELECT k.id AS claim_id, u.recipient, g.d::DATE AS day
    FROM registry_claims k, unnest(k.recipients) AS u(recipient),
         generate_series(k.window_from::TIMESTAMP, k.window_to::TIMESTAMP, INTERVAL 1 DAY) AS g(d)
    WHERE k.kind = 'money'),
spans AS (
    SELECT filer_cmte_id AS recipient, coverage_from AS d_from, coverage_through AS d_to,
           'filing ' || file_num || ' (' || form_type || ')' AS covered_by
    FROM filings WHERE coverage_from IS NOT NULL AND coverage_through IS NOT NULL
    UNION ALL
    SELECT NULL, make_date(cycle - 1, 1, 1), max(transaction_dt), 'FEC bulk files of cycle ' || cycle
    FROM contributions WHERE source = 'fec_bulk' AND cycle IS NOT NULL GROUP BY cycle),
days AS (
    SELECT w.claim_id, w.recipient, w.day, coalesce(list_sort(list(DISTINCT s.covered_by) FILTER (WHERE s.covered_by IS NOT NULL)), []) AS day_by
    FROM wanted w LEFT JOIN spans s ON (s.recipient IS NULL OR s.recipient = w.recipient) AND w.day BETWEEN s.d_from AND s.d_to
    GROUP BY ALL),
runs AS (
    SELECT *, len(day_by) > 0 AS covered,
           day - row_number() OVER (PARTITION BY claim_id, recipient, len(day_by) > 0 ORDER BY day)::INTEGER AS run
    FROM days)
SELECT claim_id, recipient, covered, min(day) AS day_from, max(day) AS day_to,
       list_sort(list_distinct(flatten(list(day_by)))) AS covered_by
FROM runs GROUP BY claim_id, recipient, covered, run
ORDER BY claim_id, recipient, day_from;
COMMENT ON VIEW claim_coverage IS 'For each money claim and recipient, the runs of days in its window that the loaded records cover (a filing of the committee, or FEC bulk files of the cycle) and the runs they do not.';
COMMENT ON COLUMN claim_coverage.claim_id IS 'Claim.';
COMMENT ON COLUMN claim_coverage.recipient IS 'Recipient committee ID or party:<PARTY>.';
COMMENT ON COLUMN claim_coverage.covered IS 'True when every day of the run is covered.';
COMMENT ON COLUMN claim_coverage.day_from IS 'First day of the run.';
COMMENT ON COLUMN claim_coverage.day_to IS 'Last day of the run.';
COMMENT ON COLUMN claim_coverage.covered_by IS 'Loaded filings or bulk files that cover the run (empty when not covered).';

-- Ratio claims: each organization's figure under two readings of "what a company gave": the people
-- only (executives, households, employees), and the people plus the company's own treasury money.
CREATE OR REPLACE VIEW claim_peer_totals AS
SELECT k.id AS claim_id, o.org_id, g.givers, coalesce(sum(m.amount), 0)::DECIMAL(18, 2) AS amount, count(m.row_id) AS rows
FROM registry_claims k, unnest(list_concat(k.subject, k.peers)) AS o(org_id),
     (VALUES ('individuals'), ('individuals_and_treasury')) AS g(givers)
LEFT JOIN claim_money_rows m ON m.claim_id = k.id AND m.org_id = o.org_id
      AND (g.givers = 'individuals_and_treasury' OR m.giver_kind = 'individual')
WHERE k.kind = 'money' AND k.reported_ratio IS NOT NULL
GROUP BY ALL ORDER BY claim_id, givers, amount DESC, org_id;
COMMENT ON VIEW claim_peer_totals IS 'Ratio claims: the subject''s and each peer''s counted money to the claim''s recipients, window and channels, under two readings of what a company gave.';
COMMENT ON COLUMN claim_peer_totals.claim_id IS 'Claim.';
COMMENT ON COLUMN claim_peer_totals.org_id IS 'The subject organization or a peer.';
COMMENT ON COLUMN claim_peer_totals.givers IS 'individuals (people attributed to the organization) or individuals_and_treasury (also the company''s own money).';
COMMENT ON COLUMN claim_peer_totals.amount IS 'SUM(amount) of the counted rows ($0.00 when none is loaded).';
COMMENT ON COLUMN claim_peer_totals.rows IS 'Number of rows.';

-- ai_use claims: the deciding inventory record, which claimed words it contains and which of the
-- subject's product names it contains, both as whole words (the search index's rule, search.sql).
CREATE OR REPLACE VIEW claim_ai_use_records AS
WITH words AS (
    SELECT d.doc_key, list(DISTINCT p.term) AS terms
    FROM search_docs d JOIN search_postings p USING (doc_id)
    WHERE d.kind = 'ai_use_case' AND d.doc_key IN (SELECT record FROM registry_claims WHERE kind = 'ai_use')
    GROUP BY d.doc_key)
SELECT k.id AS claim_id, u.use_case_key, u.use_case_id, u.inventory_year, u.agency, u.bureau, u.name, u.stage_raw, u.impact_raw,
       u.classification, u.vendor_name, u.contracting_usage, u.data_description, u.outputs,
       list_filter(k.terms, lambda t: list_has_all(w.terms, search_query_terms(t))) AS claimed_terms_found,
       (SELECT list(p.term ORDER BY p.term) FROM registry_products p
        WHERE list_contains(k.subject, p.org_id) AND list_has_all(w.terms, search_query_terms(p.term))) AS products_found,
       u.source_url
FROM registry_claims k JOIN ai_use_cases u ON u.use_case_key = k.record LEFT JOIN words w ON w.doc_key = u.use_case_key
WHERE k.kind = 'ai_use';
COMMENT ON VIEW claim_ai_use_records IS 'The inventory record that decides each ai_use claim, with the claimed words and the subject''s product names it contains (whole words).';
COMMENT ON COLUMN claim_ai_use_records.claim_id IS 'Claim.';
COMMENT ON COLUMN claim_ai_use_records.use_case_key IS 'ai_use_cases.use_case_key.';
COMMENT ON COLUMN claim_ai_use_records.use_case_id IS 'The agency''s own ID (e.g. DHS-2556).';
COMMENT ON COLUMN claim_ai_use_records.inventory_year IS 'Inventory year.';
COMMENT ON COLUMN claim_ai_use_records.agency IS 'Agency as filed.';
COMMENT ON COLUMN claim_ai_use_records.bureau IS 'Bureau as filed (e.g. ICE).';
COMMENT ON COLUMN claim_ai_use_records.name IS 'Use case name.';
COMMENT ON COLUMN claim_ai_use_records.stage_raw IS 'Development stage as filed.';
COMMENT ON COLUMN claim_ai_use_records.impact_raw IS 'Impact as filed.';
COMMENT ON COLUMN claim_ai_use_records.classification IS 'Technique (e.g. Generative AI).';
COMMENT ON COLUMN claim_ai_use_records.vendor_name IS 'Vendor as filed (free text).';
COMMENT ON COLUMN claim_ai_use_records.contracting_usage IS 'Contracting and in-house use as filed.';
COMMENT ON COLUMN claim_ai_use_records.data_description IS 'Data description as filed.';
COMMENT ON COLUMN claim_ai_use_records.outputs IS 'System outputs as filed.';
COMMENT ON COLUMN claim_ai_use_records.claimed_terms_found IS 'The claim''s words that the record contains.';
COMMENT ON COLUMN claim_ai_use_records.products_found IS 'Names of the subject''s products (registry_products) that the record contains.';
COMMENT ON COLUMN claim_ai_use_records.source_url IS 'The record''s line in the published inventory file.';

-- award claims: the award with the claimed PIID in any loaded source (USAspending today; FPDS and
-- announced-award rows carry the same PIID when those sources load into award_records).
CREATE OR REPLACE VIEW claim_award_rows AS
SELECT k.id AS claim_id, a.award_key, a.piid, a.source, a.award_type, a.recipient_name, a.awarding_agency,
       a.awarding_sub_agency, a.start_date, a.obligated, a.potential_value, a.source_url, a.evidence
FROM registry_claims k JOIN awards a ON piid_key(a.piid) = piid_key(k.record)  -- SAM writes PIIDs without dashes
WHERE k.kind = 'award';
COMMENT ON VIEW claim_award_rows IS 'The loaded award whose PIID an award claim names (newest snapshot).';
COMMENT ON COLUMN claim_award_rows.claim_id IS 'Claim.';
COMMENT ON COLUMN claim_award_rows.award_key IS 'awards.award_key.';
COMMENT ON COLUMN claim_award_rows.piid IS 'PIID.';
COMMENT ON COLUMN claim_award_rows.source IS 'Source the award was loaded from.';
COMMENT ON COLUMN claim_award_rows.evidence IS 'awards.evidence: a transaction record, or announced, not a transaction record.';
COMMENT ON COLUMN claim_award_rows.award_type IS 'Award type as filed.';
COMMENT ON COLUMN claim_award_rows.recipient_name IS 'Recipient.';
COMMENT ON COLUMN claim_award_rows.awarding_agency IS 'Awarding agency.';
COMMENT ON COLUMN claim_award_rows.awarding_sub_agency IS 'Awarding sub-agency.';
COMMENT ON COLUMN claim_award_rows.start_date IS 'Start date.';
COMMENT ON COLUMN claim_award_rows.obligated IS 'Money obligated.';
COMMENT ON COLUMN claim_award_rows.potential_value IS 'Ceiling (never added to obligations).';
COMMENT ON COLUMN claim_award_rows.source_url IS 'The award''s page.';
