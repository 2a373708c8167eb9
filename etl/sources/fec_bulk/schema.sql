-- FEC bulk files (etl/sources/fec_bulk): masters, committee-to-committee rows, operating expenditures.
-- Their indiv rows go to contributions (etl/model/contributions.sql). Formats: ../shared/reference/fec.md.

-- Committee, candidate and linkage masters (fec.md §1.4 items 4-6) --------------------------

CREATE TABLE IF NOT EXISTS committees (
    cmte_id        VARCHAR NOT NULL,
    cycle          INTEGER NOT NULL,
    name           VARCHAR,
    treasurer_name VARCHAR,
    street_1       VARCHAR,
    street_2       VARCHAR,
    city           VARCHAR,
    state          VARCHAR,
    zip_code       VARCHAR,
    designation    VARCHAR,
    cmte_type      VARCHAR,
    party          VARCHAR,
    filing_freq    VARCHAR,
    org_type       VARCHAR,
    connected_org  VARCHAR,
    cand_id        VARCHAR,
    load_id        BIGINT NOT NULL,
    PRIMARY KEY (cmte_id, cycle)
);
COMMENT ON TABLE committees IS 'FEC committee master (cmYY): one row per committee per cycle. Resolve committees by cmte_id, never by name (two MAGA Inc. IDs; "ALPHABET INC" is a presidential committee).';
COMMENT ON COLUMN committees.cmte_id IS 'FEC committee ID (CMTE_ID), 9 characters, e.g. C00892471.';
COMMENT ON COLUMN committees.cycle IS 'Two-year cycle of the committee master file (cm26 -> 2026).';
COMMENT ON COLUMN committees.name IS 'Committee name as in the master file (CMTE_NM).';
COMMENT ON COLUMN committees.treasurer_name IS 'Treasurer (TRES_NM).';
COMMENT ON COLUMN committees.street_1 IS 'Street line 1 (CMTE_ST1).';
COMMENT ON COLUMN committees.street_2 IS 'Street line 2 (CMTE_ST2).';
COMMENT ON COLUMN committees.city IS 'City (CMTE_CITY), as filed, trailing spaces kept.';
COMMENT ON COLUMN committees.state IS 'State (CMTE_ST).';
COMMENT ON COLUMN committees.zip_code IS 'ZIP code as text, leading zeros kept (CMTE_ZIP).';
COMMENT ON COLUMN committees.designation IS 'CMTE_DSGN: A authorized, B lobbyist/registrant PAC, D leadership PAC, J joint fundraiser, P principal campaign committee, U unauthorized.';
COMMENT ON COLUMN committees.cmte_type IS 'CMTE_TP: H House, S Senate, P presidential, O super PAC, V/W hybrid PAC, N/Q PAC, X/Y party, ... (fec.md §1.5).';
COMMENT ON COLUMN committees.party IS 'Party affiliation code (CMTE_PTY_AFFILIATION), e.g. DEM, REP.';
COMMENT ON COLUMN committees.filing_freq IS 'CMTE_FILING_FREQ: M monthly, Q quarterly, T terminated, A administratively terminated, D debt, W waived.';
COMMENT ON COLUMN committees.org_type IS 'ORG_TP: C corporation, L labor, M membership, T trade association, V cooperative, W corporation without capital stock, I inaugural committee.';
COMMENT ON COLUMN committees.connected_org IS 'Connected organization name (CONNECTED_ORG_NM), as filed.';
COMMENT ON COLUMN committees.cand_id IS 'Candidate ID for candidate committees (CAND_ID).';
COMMENT ON COLUMN committees.load_id IS 'Load that wrote this row (load_log).';

CREATE TABLE IF NOT EXISTS candidates (
    cand_id       VARCHAR NOT NULL,
    cycle         INTEGER NOT NULL,
    name          VARCHAR,
    party         VARCHAR,
    election_yr   INTEGER,
    office_state  VARCHAR,
    office        VARCHAR,
    district      VARCHAR,
    ici           VARCHAR,
    status        VARCHAR,
    pcc_cmte_id   VARCHAR,
    street_1      VARCHAR,
    street_2      VARCHAR,
    city          VARCHAR,
    state         VARCHAR,
    zip_code      VARCHAR,
    load_id       BIGINT NOT NULL,
    PRIMARY KEY (cand_id, cycle)
);
COMMENT ON TABLE candidates IS 'FEC candidate master (cnYY): one row per candidate per cycle.';
COMMENT ON COLUMN candidates.cand_id IS 'FEC candidate ID (CAND_ID), e.g. P80001571.';
COMMENT ON COLUMN candidates.cycle IS 'Two-year cycle of the candidate master file.';
COMMENT ON COLUMN candidates.name IS 'Candidate name as filed (CAND_NAME), usually LAST, FIRST.';
COMMENT ON COLUMN candidates.party IS 'Party affiliation code (CAND_PTY_AFFILIATION).';
COMMENT ON COLUMN candidates.election_yr IS 'Year of election (CAND_ELECTION_YR).';
COMMENT ON COLUMN candidates.office_state IS 'State of the office sought (CAND_OFFICE_ST); US for president.';
COMMENT ON COLUMN candidates.office IS 'Office: H House, S Senate, P President (CAND_OFFICE).';
COMMENT ON COLUMN candidates.district IS 'Congressional district as text (CAND_OFFICE_DISTRICT), leading zeros kept.';
COMMENT ON COLUMN candidates.ici IS 'Incumbent/challenger/open seat: I, C, O (CAND_ICI).';
COMMENT ON COLUMN candidates.status IS 'Candidate status: C statutory candidate, F future, N not yet, P prior cycle (CAND_STATUS).';
COMMENT ON COLUMN candidates.pcc_cmte_id IS 'Principal campaign committee ID (CAND_PCC).';
COMMENT ON COLUMN candidates.street_1 IS 'Mailing address line 1 (CAND_ST1).';
COMMENT ON COLUMN candidates.street_2 IS 'Mailing address line 2 (CAND_ST2).';
COMMENT ON COLUMN candidates.city IS 'Mailing city (CAND_CITY).';
COMMENT ON COLUMN candidates.state IS 'Mailing state (CAND_ST).';
COMMENT ON COLUMN candidates.zip_code IS 'Mailing ZIP as text (CAND_ZIP).';
COMMENT ON COLUMN candidates.load_id IS 'Load that wrote this row (load_log).';

CREATE TABLE IF NOT EXISTS candidate_committee_links (
    linkage_id       VARCHAR NOT NULL,
    cycle            INTEGER NOT NULL,
    cand_id          VARCHAR NOT NULL,
    cand_election_yr INTEGER,
    fec_election_yr  INTEGER,
    cmte_id          VARCHAR NOT NULL,
    cmte_type        VARCHAR,
    designation      VARCHAR,
    load_id          BIGINT NOT NULL,
    PRIMARY KEY (linkage_id, cycle)
);
COMMENT ON TABLE candidate_committee_links IS 'FEC candidate-committee linkage (cclYY): which committees are authorized by which candidate. A candidate can have several (principal committee plus joint fundraisers).';
COMMENT ON COLUMN candidate_committee_links.linkage_id IS 'FEC linkage row ID (LINKAGE_ID).';
COMMENT ON COLUMN candidate_committee_links.cycle IS 'Two-year cycle of the linkage file.';
COMMENT ON COLUMN candidate_committee_links.cand_id IS 'Candidate ID (CAND_ID).';
COMMENT ON COLUMN candidate_committee_links.cand_election_yr IS 'Candidate election year (CAND_ELECTION_YR); can differ from fec_election_yr.';
COMMENT ON COLUMN candidate_committee_links.fec_election_yr IS 'Active two-year period (FEC_ELECTION_YR).';
COMMENT ON COLUMN candidate_committee_links.cmte_id IS 'Committee ID (CMTE_ID).';
COMMENT ON COLUMN candidate_committee_links.cmte_type IS 'Committee type (CMTE_TP).';
COMMENT ON COLUMN candidate_committee_links.designation IS 'Committee designation (CMTE_DSGN).';
COMMENT ON COLUMN candidate_committee_links.load_id IS 'Load that wrote this row (load_log).';
-- Committee-to-committee transactions (oth, pas2 subset) ------------------------------------

CREATE TABLE IF NOT EXISTS committee_transaction_rows (
    file_type       VARCHAR NOT NULL,
    sub_id          VARCHAR NOT NULL,
    dataset         VARCHAR NOT NULL,
    load_id         BIGINT NOT NULL,
    cycle           INTEGER,
    cmte_id         VARCHAR NOT NULL,
    amndt_ind       VARCHAR,
    rpt_tp          VARCHAR,
    transaction_pgi VARCHAR,
    image_num       VARCHAR,
    transaction_tp  VARCHAR,
    entity_tp       VARCHAR,
    name            VARCHAR,
    city            VARCHAR,
    state           VARCHAR,
    zip_code        VARCHAR,
    employer        VARCHAR,
    occupation      VARCHAR,
    transaction_dt  DATE,
    amount          DECIMAL(14, 2),
    other_id        VARCHAR,
    cand_id         VARCHAR,
    tran_id         VARCHAR,
    file_num        BIGINT,
    memo_cd         VARCHAR,
    memo_text       VARCHAR
);
COMMENT ON TABLE committee_transaction_rows IS 'Raw rows of the FEC committee-to-committee files as loaded: othYY (itoth.txt) and pas2YY (itpas2.txt, a subset of oth with CAND_ID added). Read through committee_transfers, which never adds the two copies together.';
COMMENT ON COLUMN committee_transaction_rows.file_type IS 'oth or pas2: the file the row came from.';
COMMENT ON COLUMN committee_transaction_rows.sub_id IS 'FEC record number (SUB_ID); a pas2 row has the same SUB_ID as its oth row.';
COMMENT ON COLUMN committee_transaction_rows.dataset IS 'Replacement key of the file (e.g. oth2020, pas22020).';
COMMENT ON COLUMN committee_transaction_rows.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN committee_transaction_rows.cycle IS 'Two-year cycle of the file.';
COMMENT ON COLUMN committee_transaction_rows.cmte_id IS 'Filing committee (CMTE_ID).';
COMMENT ON COLUMN committee_transaction_rows.amndt_ind IS 'Amendment indicator of the report (N, A, T).';
COMMENT ON COLUMN committee_transaction_rows.rpt_tp IS 'Report type.';
COMMENT ON COLUMN committee_transaction_rows.transaction_pgi IS 'Election code as filed.';
COMMENT ON COLUMN committee_transaction_rows.image_num IS 'FEC image number.';
COMMENT ON COLUMN committee_transaction_rows.transaction_tp IS 'Transaction type (15J, 24K, 18K, 24E, ...).';
COMMENT ON COLUMN committee_transaction_rows.entity_tp IS 'Entity type of the other party.';
COMMENT ON COLUMN committee_transaction_rows.name IS 'Name of the other party as filed.';
COMMENT ON COLUMN committee_transaction_rows.city IS 'City as filed.';
COMMENT ON COLUMN committee_transaction_rows.state IS 'State as filed.';
COMMENT ON COLUMN committee_transaction_rows.zip_code IS 'ZIP as text.';
COMMENT ON COLUMN committee_transaction_rows.employer IS 'Employer as filed.';
COMMENT ON COLUMN committee_transaction_rows.occupation IS 'Occupation as filed.';
COMMENT ON COLUMN committee_transaction_rows.transaction_dt IS 'Transaction date (MMDDYYYY, parsed).';
COMMENT ON COLUMN committee_transaction_rows.amount IS 'Amount as filed, DECIMAL.';
COMMENT ON COLUMN committee_transaction_rows.other_id IS 'FEC ID of the other committee or candidate.';
COMMENT ON COLUMN committee_transaction_rows.cand_id IS 'Candidate ID (pas2 rows only; NULL on oth rows).';
COMMENT ON COLUMN committee_transaction_rows.tran_id IS 'Transaction ID, unique within one report.';
COMMENT ON COLUMN committee_transaction_rows.file_num IS 'Filing number.';
COMMENT ON COLUMN committee_transaction_rows.memo_cd IS 'Memo code (X = not in totals).';
COMMENT ON COLUMN committee_transaction_rows.memo_text IS 'Memo text.';

CREATE OR REPLACE VIEW committee_transfers AS
WITH pas2 AS (SELECT * FROM committee_transaction_rows WHERE file_type = 'pas2'),
     oth AS (SELECT * FROM committee_transaction_rows WHERE file_type = 'oth')
SELECT o.* REPLACE (coalesce(o.cand_id, p.cand_id) AS cand_id),
       NOT is_memo(o.memo_cd) AS counts_in_totals,
       fec_source_url(o.image_num, o.cmte_id, o.file_num) AS source_url
FROM oth o LEFT JOIN pas2 p USING (sub_id)
UNION ALL
SELECT p.*, NOT is_memo(p.memo_cd), fec_source_url(p.image_num, p.cmte_id, p.file_num)
FROM pas2 p
WHERE NOT EXISTS (SELECT 1 FROM oth o WHERE o.sub_id = p.sub_id);
COMMENT ON VIEW committee_transfers IS 'Committee-to-committee transactions: every oth row once, with CAND_ID from pas2 where pas2 has the same SUB_ID; pas2 rows appear on their own only when their oth row is not loaded (pas2 is a subset of oth: never added twice).';
COMMENT ON COLUMN committee_transfers.file_type IS 'oth, or pas2 when only the pas2 copy of the row is loaded.';
COMMENT ON COLUMN committee_transfers.sub_id IS 'FEC record number (SUB_ID); a pas2 row has the same SUB_ID as its oth row.';
COMMENT ON COLUMN committee_transfers.dataset IS 'Replacement key of the file (e.g. oth2020, pas22020).';
COMMENT ON COLUMN committee_transfers.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN committee_transfers.cycle IS 'Two-year cycle of the file.';
COMMENT ON COLUMN committee_transfers.cmte_id IS 'Filing committee (CMTE_ID).';
COMMENT ON COLUMN committee_transfers.amndt_ind IS 'Amendment indicator of the report (N, A, T).';
COMMENT ON COLUMN committee_transfers.rpt_tp IS 'Report type.';
COMMENT ON COLUMN committee_transfers.transaction_pgi IS 'Election code as filed.';
COMMENT ON COLUMN committee_transfers.image_num IS 'FEC image number.';
COMMENT ON COLUMN committee_transfers.transaction_tp IS 'Transaction type (15J, 24K, 18K, 24E, ...).';
COMMENT ON COLUMN committee_transfers.entity_tp IS 'Entity type of the other party.';
COMMENT ON COLUMN committee_transfers.name IS 'Name of the other party as filed.';
COMMENT ON COLUMN committee_transfers.city IS 'City as filed.';
COMMENT ON COLUMN committee_transfers.state IS 'State as filed.';
COMMENT ON COLUMN committee_transfers.zip_code IS 'ZIP as text.';
COMMENT ON COLUMN committee_transfers.employer IS 'Employer as filed.';
COMMENT ON COLUMN committee_transfers.occupation IS 'Occupation as filed.';
COMMENT ON COLUMN committee_transfers.transaction_dt IS 'Transaction date (MMDDYYYY, parsed).';
COMMENT ON COLUMN committee_transfers.amount IS 'Amount as filed, DECIMAL.';
COMMENT ON COLUMN committee_transfers.other_id IS 'FEC ID of the other committee or candidate.';
COMMENT ON COLUMN committee_transfers.cand_id IS 'Candidate ID, from the pas2 copy of the row when the oth row has none.';
COMMENT ON COLUMN committee_transfers.tran_id IS 'Transaction ID, unique within one report.';
COMMENT ON COLUMN committee_transfers.file_num IS 'Filing number.';
COMMENT ON COLUMN committee_transfers.memo_cd IS 'Memo code (X = not in totals).';
COMMENT ON COLUMN committee_transfers.memo_text IS 'Memo text.';
COMMENT ON COLUMN committee_transfers.counts_in_totals IS 'False for memo rows (MEMO_CD X, e.g. 15J joint-fundraising shares filed as memos): same is_memo rule as contributions.';
COMMENT ON COLUMN committee_transfers.source_url IS 'FEC page image of the row.';

-- Operating expenditures (oppexp) ------------------------------------------------------------

CREATE TABLE IF NOT EXISTS operating_expenditures (
    sub_id           VARCHAR NOT NULL,
    dataset          VARCHAR NOT NULL,
    load_id          BIGINT NOT NULL,
    cycle            INTEGER,
    cmte_id          VARCHAR NOT NULL,
    amndt_ind        VARCHAR,
    rpt_yr           INTEGER,
    rpt_tp           VARCHAR,
    image_num        VARCHAR,
    line_num         VARCHAR,
    form_tp_cd       VARCHAR,
    sched_tp_cd      VARCHAR,
    name             VARCHAR,
    city             VARCHAR,
    state            VARCHAR,
    zip_code         VARCHAR,
    transaction_dt   DATE,
    amount           DECIMAL(14, 2),
    transaction_pgi  VARCHAR,
    purpose          VARCHAR,
    category         VARCHAR,
    category_desc    VARCHAR,
    memo_cd          VARCHAR,
    memo_text        VARCHAR,
    entity_tp        VARCHAR,
    file_num         BIGINT,
    tran_id          VARCHAR,
    back_ref_tran_id VARCHAR,
    source_url       VARCHAR GENERATED ALWAYS AS (fec_source_url(image_num, cmte_id, file_num)) VIRTUAL
);
COMMENT ON TABLE operating_expenditures IS 'FEC operating expenditures (oppexpYY, Schedule B line 17/21B/23): 26 fields per line, dates MM/DD/YYYY.';
COMMENT ON COLUMN operating_expenditures.sub_id IS 'FEC record number (SUB_ID).';
COMMENT ON COLUMN operating_expenditures.dataset IS 'Replacement key of the file (e.g. oppexp2020).';
COMMENT ON COLUMN operating_expenditures.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN operating_expenditures.cycle IS 'Two-year cycle of the file.';
COMMENT ON COLUMN operating_expenditures.cmte_id IS 'Spending committee.';
COMMENT ON COLUMN operating_expenditures.amndt_ind IS 'Amendment indicator of the report.';
COMMENT ON COLUMN operating_expenditures.rpt_yr IS 'Report year.';
COMMENT ON COLUMN operating_expenditures.rpt_tp IS 'Report type.';
COMMENT ON COLUMN operating_expenditures.image_num IS 'FEC image number.';
COMMENT ON COLUMN operating_expenditures.line_num IS 'Form line number (17, 21B, 23).';
COMMENT ON COLUMN operating_expenditures.form_tp_cd IS 'Form type (F3, F3X, F3P).';
COMMENT ON COLUMN operating_expenditures.sched_tp_cd IS 'Schedule type (SB).';
COMMENT ON COLUMN operating_expenditures.name IS 'Payee as filed.';
COMMENT ON COLUMN operating_expenditures.city IS 'Payee city.';
COMMENT ON COLUMN operating_expenditures.state IS 'Payee state.';
COMMENT ON COLUMN operating_expenditures.zip_code IS 'Payee ZIP as text.';
COMMENT ON COLUMN operating_expenditures.transaction_dt IS 'Expenditure date (MM/DD/YYYY in this file, parsed).';
COMMENT ON COLUMN operating_expenditures.amount IS 'Amount as filed, DECIMAL with cents.';
COMMENT ON COLUMN operating_expenditures.transaction_pgi IS 'Election code as filed.';
COMMENT ON COLUMN operating_expenditures.purpose IS 'Purpose as filed.';
COMMENT ON COLUMN operating_expenditures.category IS 'Category code.';
COMMENT ON COLUMN operating_expenditures.category_desc IS 'Category description as filed (trailing spaces kept).';
COMMENT ON COLUMN operating_expenditures.memo_cd IS 'Memo code.';
COMMENT ON COLUMN operating_expenditures.memo_text IS 'Memo text.';
COMMENT ON COLUMN operating_expenditures.entity_tp IS 'Payee entity type.';
COMMENT ON COLUMN operating_expenditures.file_num IS 'Filing number.';
COMMENT ON COLUMN operating_expenditures.tran_id IS 'Transaction ID.';
COMMENT ON COLUMN operating_expenditures.back_ref_tran_id IS 'Back-reference transaction ID.';
COMMENT ON COLUMN operating_expenditures.source_url IS 'FEC page image of the row.';
-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('fec_bulk', 'unitemized contributions', false, 'Committees must itemize a contributor only once their gifts pass $200 in the cycle or year (some itemize smaller gifts voluntarily); money from contributors under that aggregate is in report totals only and invisible here.', 'fec.md §6.4, §7 trap 12'),
 ('fec_bulk', '501(c)(4) and other non-FEC money', false, 'Nonprofits that are not political committees (501(c)(4)s such as Public First Action) and funds such as the White House ballroom fund do not report to the FEC; money given through them is not in these records.', 'fec.md §6.3, §6.4'),
 ('fec_bulk', 'reporting lag', false, 'Rows appear only after the committee''s report is due and processed: processed data can lag the filing by about 30 days, and the latest weeks are missing.', 'fec.md §6.4'),
 ('fec_bulk', 'inaugural committee donations', false, 'Inaugural donations are filed on Form 13 / Schedule 13-A and are not in the indiv bulk files.', 'fec.md §0, §3.5');
