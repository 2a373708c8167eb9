-- moneytrail warehouse schema: every table and view, with COMMENT ON for every column.
-- This file is the data dictionary; tests/test_schema.py fails when a column has no comment.
-- Formats and traps: ../shared/reference/fec.md (sections cited as fec.md §N).

CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1;

-- Provenance -------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS load_log (
    load_id       BIGINT PRIMARY KEY,
    source        VARCHAR NOT NULL,
    file_type     VARCHAR NOT NULL,
    dataset       VARCHAR NOT NULL,
    cycle         INTEGER,
    path          VARCHAR NOT NULL,
    member        VARCHAR,
    sha256        VARCHAR NOT NULL,
    status        VARCHAR NOT NULL,
    rows_read     BIGINT,
    rows_loaded   BIGINT,
    rows_rejected BIGINT,
    started_at    TIMESTAMP NOT NULL,
    finished_at   TIMESTAMP,
    note          VARCHAR
);
COMMENT ON TABLE load_log IS 'One row per attempt to load one file: what was read, what was kept, what was rejected. rows_read = rows_loaded + rows_rejected for every finished load.';
COMMENT ON COLUMN load_log.load_id IS 'Identifier of this load; every loaded and rejected row carries it.';
COMMENT ON COLUMN load_log.source IS 'Loader that read the file: fec_bulk (FEC bulk zips or their members) or fec_efile (raw .fec electronic filings).';
COMMENT ON COLUMN load_log.file_type IS 'Kind of file: indiv, oth, pas2, cm, cn, ccl, oppexp, or efile.';
COMMENT ON COLUMN load_log.dataset IS 'Replacement key: a newer file with the same dataset replaces the rows of the older one (e.g. indiv2020 for indiv20.zip, efile:1544132 for filing 1544132).';
COMMENT ON COLUMN load_log.cycle IS 'Two-year FEC cycle (the even year that ends it) the file belongs to; NULL when rows carry their own cycle.';
COMMENT ON COLUMN load_log.path IS 'Path of the file as given to the loader.';
COMMENT ON COLUMN load_log.member IS 'Zip member that was read (FEC zips: the main member only, never by_date/ copies); NULL for plain files.';
COMMENT ON COLUMN load_log.sha256 IS 'SHA-256 of the file exactly as received (the zip, not its member).';
COMMENT ON COLUMN load_log.status IS 'loaded (rows replaced), unchanged (same sha256 already loaded for this dataset, nothing changed), or failed.';
COMMENT ON COLUMN load_log.rows_read IS 'Data lines read from the file. For .fec filings: the Schedule A and 13-A lines (header, cover page and other schedules are listed in note).';
COMMENT ON COLUMN load_log.rows_loaded IS 'Rows written to the warehouse from this file.';
COMMENT ON COLUMN load_log.rows_rejected IS 'Rows that did not parse; each one is in load_errors with its line and reason.';
COMMENT ON COLUMN load_log.started_at IS 'When the load started (UTC).';
COMMENT ON COLUMN load_log.finished_at IS 'When the load finished (UTC); NULL if it did not finish.';
COMMENT ON COLUMN load_log.note IS 'What else the file held that this loader does not load (e.g. Schedule B lines of a .fec filing), so nothing is unaccounted for.';

CREATE TABLE IF NOT EXISTS load_errors (
    load_id  BIGINT NOT NULL,
    path     VARCHAR NOT NULL,
    line_no  BIGINT,
    raw_line VARCHAR,
    reason   VARCHAR NOT NULL
);
COMMENT ON TABLE load_errors IS 'Every rejected row, kept with its file, line and reason: nothing is dropped silently.';
COMMENT ON COLUMN load_errors.load_id IS 'The load (load_log.load_id) that rejected the row.';
COMMENT ON COLUMN load_errors.path IS 'File the row came from (for zips: zip path!member).';
COMMENT ON COLUMN load_errors.line_no IS '1-based physical line number in the (unzipped) file.';
COMMENT ON COLUMN load_errors.raw_line IS 'The line as read (undecodable bytes shown as U+FFFD).';
COMMENT ON COLUMN load_errors.reason IS 'Why the row was rejected: wrong field count, bad date, bad amount, undecodable bytes, header row, blank line, duplicate.';

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

-- Counting rule: the one place that decides whether a receipt counts in totals ------------

-- Why a row is (not) counted; counts_in_totals is exactly (count_rule = 'counted').
-- memo: MEMO_CD X means "NOT to be included in the itemization total" (fec.md §1.3);
-- conduit_copy: 24T/24I rows are the conduit's copy of an earmarked gift whose 15E row at the
--   recipient carries the same money (fec.md §2.1);
-- refund: 22Y/20Y/21Y (and Form 13 refunds, F133) are money going back out, usually filed as
--   positive amounts; they are shown separately and subtracted for net figures.
CREATE MACRO IF NOT EXISTS is_memo(memo_cd) AS coalesce(upper(trim(memo_cd)), '') = 'X';

CREATE MACRO IF NOT EXISTS contribution_count_rule(memo_cd, transaction_tp, form_type) AS
    CASE
        WHEN is_memo(memo_cd) THEN 'memo'
        WHEN transaction_tp IN ('24T', '24I') THEN 'conduit_copy'
        WHEN transaction_tp IN ('22Y', '20Y', '21Y') OR upper(form_type) LIKE 'F133%' THEN 'refund'
        ELSE 'counted'
    END;

-- Page image of one bulk row, or the filing page when there is no image number.
CREATE MACRO IF NOT EXISTS fec_source_url(image_num, filer_cmte_id, file_num) AS
    CASE
        WHEN image_num IS NOT NULL AND image_num <> '' THEN 'https://docquery.fec.gov/cgi-bin/fecimg/?' || image_num
        WHEN file_num IS NOT NULL THEN 'https://docquery.fec.gov/cgi-bin/forms/' || filer_cmte_id || '/' || file_num::VARCHAR || '/'
    END;

-- Source of one contribution row: the page image for bulk rows, the filing's schedule page for e-filed rows.
CREATE MACRO IF NOT EXISTS contribution_source_url(source, image_num, filer_cmte_id, file_num, form_type) AS
    CASE
        WHEN source = 'fec_efile' THEN 'https://docquery.fec.gov/cgi-bin/forms/' || filer_cmte_id || '/' ||
            file_num::VARCHAR || '/' || CASE WHEN upper(form_type) LIKE 'F13%' THEN lower(left(form_type, 4)) ELSE 'sa/ALL' END
        ELSE fec_source_url(image_num, filer_cmte_id, file_num)
    END;

-- Contributions ------------------------------------------------------------------------------

-- No PRIMARY KEY index: it doubled load time at 5M rows; loaders check contribution_id uniqueness.
CREATE TABLE IF NOT EXISTS contributions (
    contribution_id   VARCHAR NOT NULL,
    source            VARCHAR NOT NULL,
    dataset           VARCHAR NOT NULL,
    load_id           BIGINT NOT NULL,
    cycle             INTEGER,
    filer_cmte_id     VARCHAR NOT NULL,
    recipient_cmte_id VARCHAR,
    conduit_cmte_id   VARCHAR,
    form_type         VARCHAR,
    transaction_tp    VARCHAR,
    entity_tp         VARCHAR,
    contributor_name  VARCHAR,
    city              VARCHAR,
    state             VARCHAR,
    zip_code          VARCHAR,
    employer          VARCHAR,
    occupation        VARCHAR,
    transaction_dt    DATE,
    amount            DECIMAL(14, 2),
    aggregate_amount  DECIMAL(14, 2),
    memo_cd           VARCHAR,
    memo_text         VARCHAR,
    amndt_ind         VARCHAR,
    rpt_tp            VARCHAR,
    transaction_pgi   VARCHAR,
    image_num         VARCHAR,
    file_num          BIGINT,
    tran_id           VARCHAR,
    back_ref_tran_id  VARCHAR,
    other_id          VARCHAR,
    sub_id            VARCHAR,
    count_rule        VARCHAR NOT NULL,
    line_no           BIGINT,
    counts_in_totals  BOOLEAN GENERATED ALWAYS AS (count_rule = 'counted') VIRTUAL,
    source_url        VARCHAR GENERATED ALWAYS AS
                          (contribution_source_url(source, image_num, filer_cmte_id, file_num, form_type)) VIRTUAL
);
COMMENT ON TABLE contributions IS 'One row per itemized receipt from any FEC source (bulk indiv, e-filed Schedule A, Form 13 inaugural donations). SUM(amount) WHERE counts_in_totals never counts the same money twice.';
COMMENT ON COLUMN contributions.contribution_id IS 'Stable, unique row ID: fec:<SUB_ID> for bulk rows, efile:<file number>:<transaction id> for e-filed rows.';
COMMENT ON COLUMN contributions.source IS 'fec_bulk (indivYY.zip) or fec_efile (raw .fec filing: Schedule A or Form 13 Schedule 13-A).';
COMMENT ON COLUMN contributions.dataset IS 'Replacement key of the file the row came from (see load_log.dataset).';
COMMENT ON COLUMN contributions.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN contributions.cycle IS 'Two-year cycle: the bulk file cycle, or for e-filings the even year ending the report coverage period.';
COMMENT ON COLUMN contributions.filer_cmte_id IS 'Committee that reported the row (CMTE_ID / filer_committee_id_number). For 24T rows this is the conduit.';
COMMENT ON COLUMN contributions.recipient_cmte_id IS 'Committee that really got the money: the filer, except for conduit pass-throughs (24T/24I), where it is OTHER_ID.';
COMMENT ON COLUMN contributions.conduit_cmte_id IS 'Conduit the gift passed through (ActBlue C00401224, WinRed C00694323, ...): OTHER_ID on 15E rows, the filer on 24T/24I rows, the referenced memo row on e-filed earmarks.';
COMMENT ON COLUMN contributions.form_type IS 'E-filing line/form (SA11AI, SA11C, F132, F133, ...); NULL for bulk rows.';
COMMENT ON COLUMN contributions.transaction_tp IS 'FEC transaction type (15, 15E, 10, 22Y, 24T, ...); NULL for e-filed rows, which carry form_type instead.';
COMMENT ON COLUMN contributions.entity_tp IS 'Contributor entity type: IND, ORG, PAC, COM, PTY, CAN, CCM.';
COMMENT ON COLUMN contributions.contributor_name IS 'Contributor name as filed (LAST, FIRST MIDDLE; e-filed names assembled from their parts and upper-cased). Quotes inside names are kept.';
COMMENT ON COLUMN contributions.city IS 'Contributor city as filed.';
COMMENT ON COLUMN contributions.state IS 'Contributor state as filed.';
COMMENT ON COLUMN contributions.zip_code IS 'Contributor ZIP as text, 5 or 9 digits, leading zeros kept.';
COMMENT ON COLUMN contributions.employer IS 'Employer as filed (free text). Form 13 inaugural donations have none.';
COMMENT ON COLUMN contributions.occupation IS 'Occupation as filed (free text).';
COMMENT ON COLUMN contributions.transaction_dt IS 'Date of the receipt (bulk MMDDYYYY, e-filing YYYYMMDD, parsed).';
COMMENT ON COLUMN contributions.amount IS 'Amount as filed, DECIMAL, sign kept (refunds are usually positive: see count_rule).';
COMMENT ON COLUMN contributions.aggregate_amount IS 'Contributor aggregate year-to-date (e-filings only; NULL for bulk rows).';
COMMENT ON COLUMN contributions.memo_cd IS 'Memo code: X means the amount is not part of the itemization total.';
COMMENT ON COLUMN contributions.memo_text IS 'Memo text as filed (e.g. EARMARKED THROUGH ACT BLUE).';
COMMENT ON COLUMN contributions.amndt_ind IS 'Amendment indicator of the report: N new, A amendment, T termination.';
COMMENT ON COLUMN contributions.rpt_tp IS 'Report type (Q1, M2, YE, TER, ...).';
COMMENT ON COLUMN contributions.transaction_pgi IS 'Election the gift is for (P primary, G general, ...), as filed; do not read a year from it.';
COMMENT ON COLUMN contributions.image_num IS 'FEC image number (11 or 18 digits) of the page that shows the row.';
COMMENT ON COLUMN contributions.file_num IS 'FEC filing (report) number, the .fec file number.';
COMMENT ON COLUMN contributions.tran_id IS 'Transaction ID: unique only within one report.';
COMMENT ON COLUMN contributions.back_ref_tran_id IS 'E-filings: transaction ID this row refers to (an earmark row points at its conduit memo row).';
COMMENT ON COLUMN contributions.other_id IS 'OTHER_ID as filed: the conduit on 15E rows, the recipient on 24T rows, the candidate on 15C rows.';
COMMENT ON COLUMN contributions.sub_id IS 'FEC record number (SUB_ID), unique per bulk row; also the OpenFEC sub_id.';
COMMENT ON COLUMN contributions.count_rule IS 'Why the row does or does not count: counted, memo, conduit_copy, refund, superseded (an amendment of the filing is loaded), duplicate_of_bulk (the same itemization is loaded from a bulk file), duplicate_row (the same FEC record, by SUB_ID, came again in a newer file, which counts instead).';
COMMENT ON COLUMN contributions.counts_in_totals IS 'True exactly when count_rule = counted: the single switch that excludes memo rows, conduit copies of earmarked gifts, refunds and duplicates from totals.';
COMMENT ON COLUMN contributions.source_url IS 'FEC page image (docquery fecimg) for bulk rows, or the filing page for e-filed rows.';
COMMENT ON COLUMN contributions.line_no IS 'Line in the source file for e-filed rows; NULL for bulk rows (located by sub_id).';

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

-- E-filings ----------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS filings (
    file_num          BIGINT PRIMARY KEY,
    load_id           BIGINT NOT NULL,
    filer_cmte_id     VARCHAR NOT NULL,
    committee_name    VARCHAR,
    form_type         VARCHAR NOT NULL,
    report_code       VARCHAR,
    coverage_from     DATE,
    coverage_through  DATE,
    amends_file_num   BIGINT,
    fec_version       VARCHAR,
    software          VARCHAR,
    filing_url        VARCHAR,
    raw_url           VARCHAR
);
COMMENT ON TABLE filings IS 'One row per raw .fec electronic filing loaded (its cover page).';
COMMENT ON COLUMN filings.file_num IS 'FEC filing number (the .fec file name).';
COMMENT ON COLUMN filings.load_id IS 'Load that read the filing (load_log).';
COMMENT ON COLUMN filings.filer_cmte_id IS 'Filing committee ID.';
COMMENT ON COLUMN filings.committee_name IS 'Committee name on the cover page.';
COMMENT ON COLUMN filings.form_type IS 'Form on the cover page: F3N, F3XA, F13N, F13A, ... (a final A means an amendment).';
COMMENT ON COLUMN filings.report_code IS 'Report code (Q3, MY, YE, ...).';
COMMENT ON COLUMN filings.coverage_from IS 'First day covered by the report.';
COMMENT ON COLUMN filings.coverage_through IS 'Last day covered by the report.';
COMMENT ON COLUMN filings.amends_file_num IS 'Filing this one amends, from the HDR report_id (FEC-<number>); NULL when not stated.';
COMMENT ON COLUMN filings.fec_version IS 'Electronic filing format version (e.g. 8.3).';
COMMENT ON COLUMN filings.software IS 'Filing software named in the header.';
COMMENT ON COLUMN filings.filing_url IS 'Human-readable filing page on docquery.fec.gov.';
COMMENT ON COLUMN filings.raw_url IS 'Raw .fec file on docquery.fec.gov.';

-- Counting breakdown per recipient: gross, excluded parts and net, each a separate figure ----

CREATE OR REPLACE VIEW contribution_rollup AS
SELECT recipient_cmte_id,
       cycle,
       sum(amount) FILTER (WHERE count_rule = 'counted')      AS counted_amount,
       count(*)    FILTER (WHERE count_rule = 'counted')      AS counted_rows,
       sum(amount) FILTER (WHERE count_rule = 'memo')         AS memo_amount,
       sum(amount) FILTER (WHERE count_rule = 'conduit_copy') AS conduit_copy_amount,
       sum(amount) FILTER (WHERE count_rule = 'refund')       AS refund_amount,
       coalesce(sum(amount) FILTER (WHERE count_rule = 'counted'), 0)
         - coalesce(sum(amount) FILTER (WHERE count_rule = 'refund'), 0) AS net_amount
FROM contributions
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
