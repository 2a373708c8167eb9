-- Money views: recipients, counting breakdowns, and money attributed to registry organizations.
-- They read the sources' tables and the registry, so they are applied after both.

-- Counting breakdown per recipient: gross, excluded parts and net, each a separate figure ----

-- The rule is written once, per committee, cycle and month, in committee_rollup_live; contribution_rollup adds
-- the months up. etl/entities.py materializes committee_rollup_live into the table committee_rollup at build time
-- (the Committee page reads the table: at 10 million contributions the scans behind it grow past 300 ms).
CREATE OR REPLACE VIEW committee_rollup_live AS
SELECT recipient_cmte_id,
       cycle,
       date_trunc('month', transaction_dt)::DATE             AS month,
       sum(amount) FILTER (WHERE counts_in_totals)            AS counted_amount,
       count(*)    FILTER (WHERE counts_in_totals)            AS counted_rows,
       sum(amount) FILTER (WHERE count_rule = 'memo')         AS memo_amount,
       sum(amount) FILTER (WHERE count_rule = 'conduit_copy') AS conduit_copy_amount,
       sum(amount) FILTER (WHERE count_rule = 'refund')       AS refund_amount,
       coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0)
         - coalesce(sum(amount) FILTER (WHERE count_rule = 'refund'), 0) AS net_amount
FROM contributions
GROUP BY recipient_cmte_id, cycle, month;
COMMENT ON VIEW committee_rollup_live IS 'Definition of committee_rollup and contribution_rollup, computed from contributions: per recipient committee, cycle and month of the gift.';
CREATE TABLE IF NOT EXISTS committee_rollup (
    recipient_cmte_id   VARCHAR,
    cycle               INTEGER,
    month               DATE,
    counted_amount      DECIMAL(38, 2),
    counted_rows        BIGINT,
    memo_amount         DECIMAL(38, 2),
    conduit_copy_amount DECIMAL(38, 2),
    refund_amount       DECIMAL(38, 2),
    net_amount          DECIMAL(38, 2)
);
COMMENT ON TABLE committee_rollup IS 'committee_rollup_live materialized at build time (etl/entities.py refresh_committees): per recipient committee, cycle and month, counted receipts and the amounts left out of them.';
COMMENT ON COLUMN committee_rollup.recipient_cmte_id IS 'Committee that really got the money (conduit gifts credited to the earmarked recipient).';
COMMENT ON COLUMN committee_rollup.cycle IS 'Two-year cycle.';
COMMENT ON COLUMN committee_rollup.month IS 'First day of the month of the gift (NULL: no transaction date filed).';
COMMENT ON COLUMN committee_rollup.counted_amount IS 'SUM(amount) of rows with counts_in_totals.';
COMMENT ON COLUMN committee_rollup.counted_rows IS 'Number of rows with counts_in_totals.';
COMMENT ON COLUMN committee_rollup.memo_amount IS 'Amount on memo rows (not counted).';
COMMENT ON COLUMN committee_rollup.conduit_copy_amount IS 'Amount on conduit copies (24T/24I) credited to this recipient (not counted again).';
COMMENT ON COLUMN committee_rollup.refund_amount IS 'Refunds to contributors (22Y/20Y/21Y, F133), as filed.';
COMMENT ON COLUMN committee_rollup.net_amount IS 'counted_amount - refund_amount.';

CREATE OR REPLACE VIEW contribution_rollup AS
SELECT recipient_cmte_id, cycle, sum(counted_amount) AS counted_amount, sum(counted_rows)::BIGINT AS counted_rows,
       sum(memo_amount) AS memo_amount, sum(conduit_copy_amount) AS conduit_copy_amount,
       sum(refund_amount) AS refund_amount, sum(net_amount) AS net_amount
FROM committee_rollup_live
GROUP BY recipient_cmte_id, cycle;
COMMENT ON VIEW contribution_rollup IS 'Per recipient committee and cycle: counted receipts, and the amounts left out of them (memo, conduit copies, refunds), with net = counted - refunds.';
COMMENT ON COLUMN contribution_rollup.recipient_cmte_id IS 'Committee that really got the money (conduit gifts credited to the earmarked recipient).';
COMMENT ON COLUMN contribution_rollup.cycle IS 'Two-year cycle.';
COMMENT ON COLUMN contribution_rollup.counted_amount IS 'SUM(amount) of rows with counts_in_totals.';
COMMENT ON COLUMN contribution_rollup.counted_rows IS 'Number of rows with counts_in_totals.';
COMMENT ON COLUMN contribution_rollup.memo_amount IS 'Amount on memo rows (not counted).';
COMMENT ON COLUMN contribution_rollup.conduit_copy_amount IS 'Amount on conduit copies (24T/24I) credited to this recipient (not counted again).';
COMMENT ON COLUMN contribution_rollup.refund_amount IS 'Refunds to contributors (22Y/20Y/21Y, F133), as filed.';
COMMENT ON COLUMN contribution_rollup.net_amount IS 'counted_amount - refund_amount.';
-- Money in: awards whose recipient is a registry organization, a subsidiary or a reseller of it.
-- Matched on UEI when the registry has one, else on the recipient name as USAspending writes it.
-- Announced awards (and records of an announced award whose recipient name the registry lacks) come
-- in through the organization the announcement names, with relation 'announced'.
CREATE OR REPLACE VIEW org_awards AS
-- The two ways of matching are two equi-joins (a registry row has a UEI or not, so no pair is in both): one join
-- ON ... OR ... is a nested loop over every award and registry row (370 ms at 4,000 awards, bench_explorer.py).
WITH matched AS (
    SELECT r.org_id, r.relation, a.*
    FROM awards a JOIN registry_contract_recipients r ON a.recipient_uei = r.uei
    WHERE r.uei IS NOT NULL AND a.source <> 'announced'
      AND (r.description_pattern IS NULL OR regexp_matches(upper(coalesce(a.description, '')), r.description_pattern))
    UNION ALL
    SELECT r.org_id, r.relation, a.*
    FROM awards a JOIN registry_contract_recipients r ON upper(trim(a.recipient_name)) = upper(trim(r.recipient_name))
    WHERE r.uei IS NULL AND a.source <> 'announced'
      AND (r.description_pattern IS NULL OR regexp_matches(upper(coalesce(a.description, '')), r.description_pattern)))
SELECT * FROM matched
UNION ALL BY NAME
SELECT a.announced_org_id AS org_id, 'announced' AS relation, a.*
FROM awards a
WHERE a.announced_org_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.award_key = a.award_key AND m.org_id = a.announced_org_id);
COMMENT ON VIEW org_awards IS 'Awards of each registry organization (newest snapshot), with how the recipient relates to it. Reseller awards are the reseller''s money, shown to follow the product, never added to the organization''s own. Announced awards are listed apart (relation announced), never added to records.';
COMMENT ON COLUMN org_awards.org_id IS 'Organization (registry_contract_recipients, or the organization an announced award names).';
COMMENT ON COLUMN org_awards.relation IS 'self, subsidiary, reseller (the award went to a reseller of the organization''s products), or announced (known from an announcement naming the organization: etl/registry/announced_awards.csv).';
COMMENT ON COLUMN org_awards.snapshots IS 'How many loaded snapshots of this award exist in award_records.';

-- Recipients: the newest master record of each committee, its candidate (from the master or a
-- linkage) and a party (the committee's own, else its candidate's). Committees are told apart by ID.
CREATE OR REPLACE VIEW recipient_committees AS
WITH latest AS (SELECT * FROM committees QUALIFY row_number() OVER (PARTITION BY cmte_id ORDER BY cycle DESC) = 1),
     linked AS (SELECT cmte_id, cand_id FROM candidate_committee_links
                QUALIFY row_number() OVER (PARTITION BY cmte_id ORDER BY cycle DESC, linkage_id DESC) = 1),
     cand AS (SELECT * FROM candidates QUALIFY row_number() OVER (PARTITION BY cand_id ORDER BY cycle DESC) = 1)
SELECT l.cmte_id, l.name, l.cmte_type, l.designation, coalesce(l.cand_id, k.cand_id) AS cand_id, c.name AS cand_name,
       coalesce(nullif(trim(l.party), ''), nullif(trim(c.party), '')) AS party,
       l.cmte_type = 'O' AS is_super_pac, l.cmte_type IN ('V', 'W') AS is_hybrid_pac,
       coalesce(l.org_type = 'I', false)
         OR l.cmte_id IN (SELECT filer_cmte_id FROM filings WHERE form_type LIKE 'F13%') AS is_inaugural
FROM latest l LEFT JOIN linked k USING (cmte_id) LEFT JOIN cand c ON c.cand_id = coalesce(l.cand_id, k.cand_id);
COMMENT ON VIEW recipient_committees IS 'One row per committee (newest cycle in the committee master) with its candidate, party and kind; how recipients are named and classed everywhere.';
COMMENT ON COLUMN recipient_committees.cmte_id IS 'FEC committee ID.';
COMMENT ON COLUMN recipient_committees.name IS 'Committee name in its newest master record.';
COMMENT ON COLUMN recipient_committees.cmte_type IS 'Committee type (H House, S Senate, P presidential, O super PAC, V/W hybrid PAC, Q/N PAC, X/Y party, ...).';
COMMENT ON COLUMN recipient_committees.designation IS 'Designation (P principal campaign committee, A authorized, U unauthorized, B lobbyist PAC, D leadership PAC, J joint fundraiser).';
COMMENT ON COLUMN recipient_committees.cand_id IS 'Candidate the committee belongs to: from the committee master, else from the candidate-committee linkage file.';
COMMENT ON COLUMN recipient_committees.cand_name IS 'Candidate name.';
COMMENT ON COLUMN recipient_committees.party IS 'Party: the committee''s own affiliation, else its candidate''s party.';
COMMENT ON COLUMN recipient_committees.is_super_pac IS 'Committee type O (independent-expenditure-only committee).';
COMMENT ON COLUMN recipient_committees.is_hybrid_pac IS 'Committee type V or W (PAC with a non-contribution account), e.g. MAGA Inc. C00892471.';
COMMENT ON COLUMN recipient_committees.is_inaugural IS 'Presidential inaugural committee: organization type I in the master (fec.md §5), or a loaded Form 13 filer.';

-- A committee's largest contributors by name as filed (counted rows), the 100 largest per committee: the
-- Committee page shows 15, and grouping a large committee's rows by name on every view took 1.7 s at 10 million
-- contributions (bench/bench_explorer.py). etl/entities.py materializes the view into committee_donors at build time.
CREATE OR REPLACE VIEW committee_donors_live AS
SELECT recipient_cmte_id, contributor_name AS donor, min(concat_ws(', ', city, state)) AS place,
       sum(amount) AS amount, count(*) AS rows,
       row_number() OVER (PARTITION BY recipient_cmte_id ORDER BY sum(amount) DESC, contributor_name) AS rank
FROM contributions WHERE counts_in_totals AND recipient_cmte_id IS NOT NULL
GROUP BY recipient_cmte_id, contributor_name
QUALIFY rank <= 100;
COMMENT ON VIEW committee_donors_live IS 'Definition of committee_donors, computed from contributions.';
CREATE TABLE IF NOT EXISTS committee_donors (
    recipient_cmte_id VARCHAR,
    donor             VARCHAR,
    place             VARCHAR,
    amount            DECIMAL(38, 2),
    rows              BIGINT,
    rank              BIGINT
);
COMMENT ON TABLE committee_donors IS 'The 100 largest contributors of each recipient committee by name as filed, counted rows only; committee_donors_live materialized at build time (etl/entities.py refresh_committees).';
COMMENT ON COLUMN committee_donors.recipient_cmte_id IS 'Committee that really got the money (conduit gifts credited to the earmarked recipient).';
COMMENT ON COLUMN committee_donors.donor IS 'Contributor name as filed (a name spelled two ways is two donors here).';
COMMENT ON COLUMN committee_donors.place IS 'City and state as filed (the first in alphabetical order when the name''s rows give several).';
COMMENT ON COLUMN committee_donors.amount IS 'SUM(amount) of the name''s counted rows to the committee.';
COMMENT ON COLUMN committee_donors.rows IS 'Number of those rows.';
COMMENT ON COLUMN committee_donors.rank IS '1 for the largest amount; ties broken by name. Only ranks 1 to 100 are kept.';

-- Every counted row of money attributed to an organization, with its one channel. The channel is
-- decided once, in this order: gifts to an inaugural committee are inaugural; a registry person's
-- gifts are executives_and_households; an organization's own gifts (entity ORG, by its name) are
-- corporate; other individuals by employer are employees; the corporate PAC's contributions out
-- (24K, 24R, 24Z, fec.md §2.3) are pac. Gifts of the organization's people to its own PAC are
-- to_own_pac: the same money is counted again when the PAC gives it out, so never add that channel.
-- The view is the definition; etl/entities.py materializes it into the table org_money_rows at
-- build time (after attribution and donor clustering), because the explorer reads it on every page
-- and the joins behind it cost seconds at 50 million contributions (bench/bench_explorer.py).
CREATE TABLE IF NOT EXISTS org_money_rows (
    row_id            VARCHAR NOT NULL,
    row_table         VARCHAR NOT NULL,
    org_id            VARCHAR NOT NULL,
    channel           VARCHAR NOT NULL,
    cycle             INTEGER,
    recipient_cmte_id VARCHAR,
    giver             VARCHAR,
    place             VARCHAR,
    employer          VARCHAR,
    rule              VARCHAR,
    donor_id          VARCHAR,
    amount            DECIMAL(14, 2),
    transaction_dt    DATE,
    source_url        VARCHAR
);
CREATE OR REPLACE VIEW org_money_rows_live AS
WITH people AS (SELECT DISTINCT person_id, org_id FROM registry_people),
     own_pac AS (SELECT org_id, cmte_id FROM registry_committees WHERE role = 'pac'),
     gifts AS (
        SELECT c.contribution_id AS row_id, 'contributions' AS row_table, coalesce(p.org_id, c.org_id) AS org_id,
               CASE WHEN c.form_type LIKE 'F13%' OR r.is_inaugural THEN 'inaugural'
                    WHEN o.cmte_id IS NOT NULL THEN 'to_own_pac'
                    WHEN p.person_id IS NOT NULL THEN 'executives_and_households'
                    WHEN is_individual(c.entity_tp) THEN 'employees'
                    ELSE 'corporate' END AS channel,
               c.cycle, c.recipient_cmte_id, c.contributor_name AS giver, concat_ws(', ', c.city, c.state) AS place,
               c.employer, c.org_match AS rule, c.donor_id, c.amount, c.transaction_dt, c.source_url
        FROM contributions c
        LEFT JOIN people p ON p.person_id = c.donor_id
        LEFT JOIN recipient_committees r ON r.cmte_id = c.recipient_cmte_id
        LEFT JOIN own_pac o ON o.org_id = coalesce(p.org_id, c.org_id) AND o.cmte_id = c.recipient_cmte_id
        WHERE c.counts_in_totals AND coalesce(p.org_id, c.org_id) IS NOT NULL),
     pac AS (
        SELECT t.sub_id, 'committee_transfers', o.org_id, 'pac', t.cycle, t.other_id, t.cmte_id, NULL, NULL, 'pac:' || t.cmte_id,
               NULL, t.amount, t.transaction_dt, t.source_url
        FROM committee_transfers t JOIN own_pac o ON o.cmte_id = t.cmte_id
        WHERE t.counts_in_totals AND t.transaction_tp IN ('24K', '24R', '24Z'))
SELECT * FROM gifts UNION ALL SELECT * FROM pac;
COMMENT ON VIEW org_money_rows_live IS 'Definition of org_money_rows, computed from the current tables (the table is this view materialized at build time).';
COMMENT ON TABLE org_money_rows IS 'The rows behind org_money: every counted contribution or PAC contribution attributed to an organization, each in exactly one channel. Materialized from org_money_rows_live at build time.';
COMMENT ON COLUMN org_money_rows.row_id IS 'contributions.contribution_id, or committee_transfers.sub_id for PAC rows.';
COMMENT ON COLUMN org_money_rows.row_table IS 'Table the row is in: contributions or committee_transfers.';
COMMENT ON COLUMN org_money_rows.org_id IS 'Organization: the registry person''s, else the one the employer (individuals) or contributor name (organizations) resolves to, else the PAC''s.';
COMMENT ON COLUMN org_money_rows.channel IS 'employees, executives_and_households, pac, corporate, inaugural, or to_own_pac (gifts to the organization''s own PAC: not to be added, the PAC channel counts that money when it is given out).';
COMMENT ON COLUMN org_money_rows.cycle IS 'Two-year cycle of the row.';
COMMENT ON COLUMN org_money_rows.recipient_cmte_id IS 'Committee that got the money (conduit gifts credited to the earmarked recipient; PAC rows: OTHER_ID).';
COMMENT ON COLUMN org_money_rows.giver IS 'Contributor name as filed, or the PAC''s committee ID.';
COMMENT ON COLUMN org_money_rows.place IS 'Contributor city and state as filed (contributions only).';
COMMENT ON COLUMN org_money_rows.employer IS 'Employer as filed (contributions only).';
COMMENT ON COLUMN org_money_rows.rule IS 'How the row was attributed: contributions.org_match, or pac:<committee ID>.';
COMMENT ON COLUMN org_money_rows.donor_id IS 'Donor cluster or registry person of the row.';
COMMENT ON COLUMN org_money_rows.amount IS 'Amount as filed (counted rows only).';
COMMENT ON COLUMN org_money_rows.transaction_dt IS 'Date of the gift.';
COMMENT ON COLUMN org_money_rows.source_url IS 'FEC page image or filing of the row.';

CREATE OR REPLACE VIEW org_money AS
SELECT m.org_id, m.channel, m.cycle, m.recipient_cmte_id, r.name AS recipient_name, r.party AS recipient_party,
       r.cmte_type AS recipient_type, r.is_super_pac, r.is_hybrid_pac, r.cand_id AS recipient_cand_id,
       sum(m.amount) AS amount, count(*) AS rows
FROM org_money_rows m LEFT JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
GROUP BY ALL;
COMMENT ON VIEW org_money IS 'Money attributed to each organization, per channel, cycle and recipient committee. Channels are separate figures and no row is in two of them; to_own_pac must not be added to pac.';
COMMENT ON COLUMN org_money.org_id IS 'Organization (registry_organizations).';
COMMENT ON COLUMN org_money.channel IS 'employees, executives_and_households, pac, corporate, inaugural, to_own_pac (see org_money_rows).';
COMMENT ON COLUMN org_money.cycle IS 'Two-year cycle.';
COMMENT ON COLUMN org_money.recipient_cmte_id IS 'Recipient committee ID.';
COMMENT ON COLUMN org_money.recipient_name IS 'Recipient committee name (newest master record).';
COMMENT ON COLUMN org_money.recipient_party IS 'Recipient party: the committee''s, else its candidate''s.';
COMMENT ON COLUMN org_money.recipient_type IS 'Recipient committee type.';
COMMENT ON COLUMN org_money.is_super_pac IS 'Recipient is a super PAC (type O).';
COMMENT ON COLUMN org_money.is_hybrid_pac IS 'Recipient is a hybrid PAC (type V/W).';
COMMENT ON COLUMN org_money.recipient_cand_id IS 'Candidate of the recipient committee, if any.';
COMMENT ON COLUMN org_money.amount IS 'SUM(amount) of the counted rows.';
COMMENT ON COLUMN org_money.rows IS 'Number of rows.';
