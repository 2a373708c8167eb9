-- Awards as readers see them: the newest snapshot of each award from the records (USAspending, FPDS),
-- and the reviewed announcements (registry_announced_awards) of awards no record shows yet.
-- Applied after registry.sql, whose table the view reads. Formats and traps: contracts.md §3, §7.1, §8.

-- The one rule for records against announcements: an announcement whose award id (PIID, compared on
-- its letters and digits) is in any loaded record is not a row of its own; it stays as the record's
-- citation (announcement_url). So an announced amount and a record of the same award are never added.
CREATE OR REPLACE VIEW awards AS
WITH newest AS (
    SELECT * EXCLUDE (newest_first)
    FROM (SELECT *, row_number() OVER (PARTITION BY award_key
                                       ORDER BY retrieved_at DESC, load_id DESC, source_row DESC) AS newest_first,
                 count(*) OVER (PARTITION BY award_key) AS snapshots
          FROM award_records)
    WHERE newest_first = 1),
cited AS (  -- one announcement per PIID (the first), so a join never repeats an award
    SELECT piid_key(award_id) AS k, arg_min(url, announced_on) AS url, arg_min(announcement_key, announced_on) AS akey,
           arg_min(org_id, announced_on) AS org_id, min(announced_on) AS announced_on
    FROM registry_announced_awards WHERE award_id IS NOT NULL GROUP BY 1)
SELECT n.*, 'transaction record' AS evidence, c.akey AS announcement_key, c.url AS announcement_url,
       c.announced_on, c.org_id AS announced_org_id
FROM newest n LEFT JOIN cited c ON c.k = piid_key(n.piid)
UNION ALL BY NAME
SELECT a.announcement_key AS award_key, 'announced' AS award_key_kind, a.award_id AS piid, NULL AS parent_piid,
       a.award_category, upper(a.award_type) AS award_type, NULL AS award_type_code, a.recipient_name,
       NULL AS recipient_uei, NULL AS recipient_parent_name, NULL AS recipient_parent_uei, a.agency AS awarding_agency,
       NULL AS awarding_sub_agency, a.office AS awarding_office, NULL AS funding_agency, NULL AS funding_sub_agency,
       a.obligated_at_award AS obligated, NULL::DECIMAL(18, 2) AS current_value, a.ceiling AS potential_value,
       NULL::DECIMAL(18, 2) AS outlays, NULL::DATE AS start_date, NULL::DATE AS end_date, NULL::DATE AS potential_end_date,
       NULL::DATE AS last_modified_date, a.title AS description, NULL AS naics, NULL AS naics_description, NULL AS psc,
       NULL AS psc_description, 'announced' AS source, 'registry_csv' AS source_format, NULL::TIMESTAMP AS retrieved_at,
       'registry' AS retrieved_at_basis, 'registry:announced_awards.csv' AS dataset, NULL::BIGINT AS load_id,
       'announced_awards.csv' AS source_file, a.line AS source_row,
       json_object('url_kind', a.url_kind, 'note', a.source) AS extra, a.url AS source_url, 0 AS snapshots,
       'announced, not a transaction record' AS evidence, a.announcement_key, a.url AS announcement_url,
       a.announced_on, a.org_id AS announced_org_id
FROM registry_announced_awards a
WHERE a.award_id IS NULL OR NOT EXISTS (SELECT 1 FROM award_records r WHERE piid_key(r.piid) = piid_key(a.award_id))
-- two announcements of one award id are one award: the first is shown, the others stay in the registry table
QUALIFY row_number() OVER (PARTITION BY coalesce(piid_key(a.award_id), a.announcement_key)
                           ORDER BY a.announced_on, a.line) = 1;
COMMENT ON VIEW awards IS 'One row per award: the snapshot from the newest retrieval (ties: the latest load), and each announced award (etl/registry/announced_awards.csv) that no loaded record shows, labelled evidence = ''announced, not a transaction record''. Sum obligated over award_category = contract from the records; IDVs, Other Transactions, announced amounts and ceilings are separate figures.';
COMMENT ON COLUMN awards.snapshots IS 'How many loaded snapshots of this award exist in award_records (older ones differ or repeat; they are kept, not added); 0 for an announced award.';
COMMENT ON COLUMN awards.evidence IS 'transaction record (USAspending or FPDS rows) or ''announced, not a transaction record'' (a reviewed announcement: what was announced, not what the government''s records show).';
COMMENT ON COLUMN awards.announcement_key IS 'The announcement of this award (registry_announced_awards.announcement_key): its own key for an announced row; for a record, the announcement of the same PIID, kept as a citation.';
COMMENT ON COLUMN awards.announcement_url IS 'Where that announcement is published or quoted (registry_announced_awards.url).';
COMMENT ON COLUMN awards.announced_on IS 'Date of that announcement.';
COMMENT ON COLUMN awards.announced_org_id IS 'Registry organization the announcement names (org_awards uses it when the record''s recipient name is not in contract_recipients.csv).';

-- A modification that ends an award: FPDS reasons for modification "TERMINATE FOR DEFAULT (COMPLETE OR
-- PARTIAL)", "TERMINATE FOR CONVENIENCE (COMPLETE OR PARTIAL)", "TERMINATE FOR CAUSE", "LEGAL CONTRACT
-- CANCELLATION" (FPDS data dictionary, reason for modification codes E, F, X, N).
CREATE MACRO IF NOT EXISTS is_termination(reason) AS regexp_matches(upper(coalesce(reason, '')), '^TERMINATE|CONTRACT CANCELLATION');

CREATE OR REPLACE VIEW award_transactions AS
SELECT * EXCLUDE (newest_first)
FROM (SELECT *, row_number() OVER (PARTITION BY transaction_key
                                   ORDER BY retrieved_at DESC, load_id DESC, source_row DESC) AS newest_first
      FROM award_transaction_records)
WHERE newest_first = 1;
COMMENT ON VIEW award_transactions IS 'One row per contract modification, newest snapshot of each. SUM(federal_action_obligation) by fiscal_year gives obligations per year, de-obligations included. Announced awards have none: an announcement is not a transaction.';
