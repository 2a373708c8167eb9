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
    note          VARCHAR,
    fetched_from  VARCHAR,
    retrieved_at  TIMESTAMP
);
COMMENT ON TABLE load_log IS 'One row per attempt to load one file: what was read, what was kept, what was rejected. rows_read = rows_loaded + rows_rejected for every finished load.';
COMMENT ON COLUMN load_log.load_id IS 'Identifier of this load; every loaded and rejected row carries it.';
COMMENT ON COLUMN load_log.source IS 'Loader that read the file: fec_bulk (FEC bulk zips or their members), fec_efile (raw .fec electronic filings), openfec (OpenFEC API pages), usaspending or ai_inventory.';
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
COMMENT ON COLUMN load_log.fetched_from IS 'URL the file was downloaded from by `moneytrail fetch`/`up` (from <file>.meta.json; query values that could hold a key are masked); NULL for files put in place by hand.';
COMMENT ON COLUMN load_log.retrieved_at IS 'When `moneytrail fetch`/`up` downloaded the file (UTC, from <file>.meta.json); NULL for files put in place by hand.';
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
COMMENT ON COLUMN load_errors.line_no IS '1-based physical line number in the (unzipped) file; for OpenFEC pages (JSON), the result''s 1-based position in the page''s results list.';
COMMENT ON COLUMN load_errors.raw_line IS 'The line as read (undecodable bytes shown as U+FFFD).';
COMMENT ON COLUMN load_errors.reason IS 'Why the row was rejected: wrong field count, bad date, bad amount, undecodable bytes, header row, blank line, duplicate.';

CREATE TABLE IF NOT EXISTS warehouse_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE warehouse_info IS 'Facts about this warehouse file as a whole. The demo (etl/demo.py, `moneytrail up --demo`) sets synthetic = true: every person, company, committee and award in it is fictional, and the explorer says so on every page. Empty for warehouses built from real records.';
COMMENT ON COLUMN warehouse_info.key IS 'Name of the fact: synthetic (true for the demo), note (what the demo is), generator (the code and seed that wrote its files).';
COMMENT ON COLUMN warehouse_info.value IS 'Value of the fact, as text.';

CREATE TABLE IF NOT EXISTS fetch_cursors (
    query_key  VARCHAR PRIMARY KEY,
    source     VARCHAR NOT NULL,
    query      JSON NOT NULL,
    cursor     JSON,
    pages      INTEGER NOT NULL,
    rows       BIGINT NOT NULL,
    done       BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE fetch_cursors IS 'How far each paged API fetch (`moneytrail fetch openfec`, ...) has got: copied at build time from data/raw/fetch_state.duckdb, where the fetch keeps it to resume.';
COMMENT ON COLUMN fetch_cursors.query_key IS 'Name of the query (source + hash of its parameters); also its folder under the raw folder (e.g. openfec/<query_key>/page-00001.json).';
COMMENT ON COLUMN fetch_cursors.source IS 'API the query reads (openfec, usaspending, ...).';
COMMENT ON COLUMN fetch_cursors.query IS 'The query''s parameters as sent, without any API key.';
COMMENT ON COLUMN fetch_cursors.cursor IS 'Paging parameters that continue after the last saved page (OpenFEC: last_index with last_contribution_receipt_date or sort_null_only); NULL before the first page.';
COMMENT ON COLUMN fetch_cursors.pages IS 'Pages saved as raw files by the current pass of the query.';
COMMENT ON COLUMN fetch_cursors.rows IS 'Records in those pages.';
COMMENT ON COLUMN fetch_cursors.done IS 'True when the pass reached the end (an empty page or no next cursor); running the query again then re-checks it from the start.';
COMMENT ON COLUMN fetch_cursors.updated_at IS 'When the cursor was last saved (UTC).';

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
    org_id            VARCHAR,
    org_match         VARCHAR,
    donor_id          VARCHAR,
    counts_in_totals  BOOLEAN GENERATED ALWAYS AS (count_rule = 'counted') VIRTUAL,
    source_url        VARCHAR GENERATED ALWAYS AS
                          (contribution_source_url(source, image_num, filer_cmte_id, file_num, form_type)) VIRTUAL
);
COMMENT ON TABLE contributions IS 'One row per itemized receipt from any FEC source (bulk indiv, e-filed Schedule A, Form 13 inaugural donations). SUM(amount) WHERE counts_in_totals never counts the same money twice.';
COMMENT ON COLUMN contributions.contribution_id IS 'Stable row ID: fec:<SUB_ID> for bulk rows, efile:<file number>:<transaction id> for e-filed rows, openfec:<sub_id> for OpenFEC rows. Unique within a file; the same record loaded from two files keeps its ID in both (count_rule says which copy counts).';
COMMENT ON COLUMN contributions.source IS 'fec_bulk (indivYY.zip), fec_efile (raw .fec filing: Schedule A or Form 13 Schedule 13-A) or openfec (a saved OpenFEC /schedules/schedule_a/ page).';
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
COMMENT ON COLUMN contributions.count_rule IS 'Why the row does or does not count: counted, memo, conduit_copy, refund, superseded (an amendment of the filing is loaded), duplicate_of_bulk (the same itemization is loaded from a bulk file: for e-filed rows the same filer, filing and transaction ID in a bulk file or OpenFEC page; for OpenFEC rows the same sub_id in a bulk file, whatever the row''s own rule), duplicate_row (the same FEC record, by SUB_ID, came again in a newer file, which counts instead; for OpenFEC rows, the copy from the page retrieved last counts).';
COMMENT ON COLUMN contributions.counts_in_totals IS 'True exactly when count_rule = counted: the single switch that excludes memo rows, conduit copies of earmarked gifts, refunds and duplicates from totals.';
COMMENT ON COLUMN contributions.source_url IS 'FEC page image (docquery fecimg) for bulk and OpenFEC rows (the API''s pdf_url), or the filing page for e-filed rows.';
COMMENT ON COLUMN contributions.org_id IS 'Organization (etl/registry/organizations.csv) the row is attributed to by name, set once at build time: for individuals the employer string, for organizations (entity ORG, ...) the contributor name; NULL when it resolves to none.';
COMMENT ON COLUMN contributions.org_match IS 'Which registry rule attributed the employer: override:<value>, exact:<form>, pattern:<regex>; NULL when no rule matched (or an exclusion or override said none).';
COMMENT ON COLUMN contributions.donor_id IS 'The person who gave, for every individual row (entity IND or blank): a registry person_id (etl/registry/people.csv) when the row is pinned to that person or clustered with rows pinned to exactly that one person, else d:<smallest contribution_id of its cluster>. Clusters come from a conservative splink model (etl/donors.py); the pairs that joined them are in donor_match_evidence. NULL for rows that are not from individuals.';
COMMENT ON COLUMN contributions.line_no IS 'Line in the source file for e-filed rows; for OpenFEC rows the 1-based position of the result in its page; NULL for bulk rows (located by sub_id).';

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

-- Contract awards (USAspending) --------------------------------------------------------------
-- Formats and traps: ../shared/reference/contracts_and_ai_use.md (cited as contracts.md §N).

-- Link for one award: its usaspending.gov page when USAspending's own award key is known; a
-- keyword search for the PIID when the file gave no key (surrogate); FPDS for OT agreements.
CREATE MACRO IF NOT EXISTS award_source_url(award_key, award_key_kind, piid) AS
    CASE award_key_kind
        WHEN 'usaspending' THEN 'https://www.usaspending.gov/award/' || award_key
        WHEN 'surrogate' THEN 'https://www.usaspending.gov/keyword_search/' || piid
        WHEN 'fpds' THEN 'https://www.fpds.gov/ezsearch/search.do?indexName=awardfull&templateName=1.5.3&s=FPDS.GOV&q=PIID%3A%22' || piid || '%22'
    END;

-- Money and dates as USAspending files write them: plain decimals (display files may add $ and
-- thousands separators), ISO dates, sometimes with a time part ("2025-08-23 00:00:00").
CREATE MACRO IF NOT EXISTS usa_money(x) AS TRY_CAST(replace(replace(trim(x), '$', ''), ',', '') AS DECIMAL(18, 2));
CREATE MACRO IF NOT EXISTS usa_date(x) AS TRY_CAST(left(trim(x), 10) AS DATE);

-- US federal fiscal year of a date: FY2025 runs from 2024-10-01 to 2025-09-30 (contracts.md §8 trap 5).
CREATE MACRO IF NOT EXISTS fiscal_year(d) AS year(d) + CASE WHEN month(d) >= 10 THEN 1 ELSE 0 END;

CREATE TABLE IF NOT EXISTS award_records (
    award_key             VARCHAR NOT NULL,
    award_key_kind        VARCHAR NOT NULL,
    piid                  VARCHAR,
    parent_piid           VARCHAR,
    award_category        VARCHAR NOT NULL,
    award_type            VARCHAR,
    award_type_code       VARCHAR,
    recipient_name        VARCHAR,
    recipient_uei         VARCHAR,
    recipient_parent_name VARCHAR,
    recipient_parent_uei  VARCHAR,
    awarding_agency       VARCHAR,
    awarding_sub_agency   VARCHAR,
    awarding_office       VARCHAR,
    funding_agency        VARCHAR,
    funding_sub_agency    VARCHAR,
    obligated             DECIMAL(18, 2),
    current_value         DECIMAL(18, 2),
    potential_value       DECIMAL(18, 2),
    outlays               DECIMAL(18, 2),
    start_date            DATE,
    end_date              DATE,
    potential_end_date    DATE,
    last_modified_date    DATE,
    description           VARCHAR,
    naics                 VARCHAR,
    naics_description     VARCHAR,
    psc                   VARCHAR,
    psc_description       VARCHAR,
    source                VARCHAR NOT NULL,
    source_format         VARCHAR NOT NULL,
    retrieved_at          TIMESTAMP NOT NULL,
    retrieved_at_basis    VARCHAR NOT NULL,
    dataset               VARCHAR NOT NULL,
    load_id               BIGINT NOT NULL,
    source_file           VARCHAR NOT NULL,
    source_row            BIGINT NOT NULL,
    extra                 JSON,
    source_url            VARCHAR GENERATED ALWAYS AS (award_source_url(award_key, award_key_kind, piid)) VIRTUAL
);
COMMENT ON TABLE award_records IS 'Every award snapshot as each loaded file gave it (several per award when files overlap); the awards view keeps the newest. Nothing here is summed across snapshots.';
COMMENT ON COLUMN award_records.award_key IS 'Unique award key: USAspending''s generated_unique_award_id / contract_award_unique_key (CONT_AWD_<PIID>_<agency>_<parent PIID>_<parent agency>, CONT_IDV_<PIID>_<agency>) or, when the file has none, a surrogate SURR_<PIID>_<md5 of awarding agency|sub-agency|recipient|start date, 12 hex>. Never the PIID alone: PIIDs repeat under different parents (contracts.md §8 trap 8).';
COMMENT ON COLUMN award_records.award_key_kind IS 'usaspending (the key is USAspending''s own, so the award page exists), surrogate (built by moneytrail from the row because the file had no key), or fpds (Other Transaction agreements, which USAspending does not carry).';
COMMENT ON COLUMN award_records.piid IS 'Procurement Instrument Identifier (award_id_piid / Award ID / piid) as published; not unique on its own.';
COMMENT ON COLUMN award_records.parent_piid IS 'PIID of the IDV (schedule, IDIQ, BPA) the order was placed under, when the source gives it.';
COMMENT ON COLUMN award_records.award_category IS 'contract (award types A-D), idv (indefinite-delivery vehicles: their obligations sit on the orders beneath them, so they are shown apart and never added to contract totals), other_transaction (OT agreements, not in USAspending).';
COMMENT ON COLUMN award_records.award_type IS 'Award type in words, upper case as published (DEFINITIVE CONTRACT, DELIVERY ORDER, PURCHASE ORDER, BPA CALL, OTHER TRANSACTION AGREEMENT, ...).';
COMMENT ON COLUMN award_records.award_type_code IS 'Award type code (A BPA call, B purchase order, C delivery order, D definitive contract, IDV_A ... IDV_E) when the source gives it.';
COMMENT ON COLUMN award_records.recipient_name IS 'Recipient legal name as published (SAM legal name, upper case). Resellers such as CARAHSOFT TECHNOLOGY CORP appear here, not the maker of the product (contracts.md §8 trap 7).';
COMMENT ON COLUMN award_records.recipient_uei IS 'Recipient Unique Entity ID (SAM UEI, 12 characters); the key to match recipients on, not the name. Awards before April 2022 may carry only a DUNS (kept in extra).';
COMMENT ON COLUMN award_records.recipient_parent_name IS 'Ultimate parent''s legal name as published; roll up to it only deliberately.';
COMMENT ON COLUMN award_records.recipient_parent_uei IS 'Ultimate parent''s UEI.';
COMMENT ON COLUMN award_records.awarding_agency IS 'Awarding toptier agency (department), e.g. Department of Homeland Security.';
COMMENT ON COLUMN award_records.awarding_sub_agency IS 'Awarding sub-tier agency, e.g. U.S. Immigration and Customs Enforcement. The AI inventory calls the same body a bureau (ICE).';
COMMENT ON COLUMN award_records.awarding_office IS 'Awarding contracting office, when given.';
COMMENT ON COLUMN award_records.funding_agency IS 'Funding toptier agency (may differ from the awarding one: one agency buys on behalf of another).';
COMMENT ON COLUMN award_records.funding_sub_agency IS 'Funding sub-tier agency.';
COMMENT ON COLUMN award_records.obligated IS 'Money committed on the award so far (total_obligated_amount / Award Amount / total_obligation; for a transactions file the award-level total_dollars_obligated on its latest transaction). DECIMAL. Not the ceiling; never add it to potential_value.';
COMMENT ON COLUMN award_records.current_value IS 'Base plus exercised options (current_total_value_of_award / base_exercised_options), when given.';
COMMENT ON COLUMN award_records.potential_value IS 'Ceiling: what could be obligated if every option were exercised (potential_total_value_of_award / base_and_all_options). NULL when the source does not give it (Advanced Search results do not). Never summed with obligations, nor IDV ceilings with their orders.';
COMMENT ON COLUMN award_records.outlays IS 'Money actually paid out so far (total_outlayed_amount / Total Outlays / total_outlay), when given.';
COMMENT ON COLUMN award_records.start_date IS 'Period of performance start (Start Date / period_of_performance_start_date). Searches match action dates, so this can fall outside a searched window.';
COMMENT ON COLUMN award_records.end_date IS 'Current end of the period of performance.';
COMMENT ON COLUMN award_records.potential_end_date IS 'End of the period of performance if every option were exercised, when given.';
COMMENT ON COLUMN award_records.last_modified_date IS 'When USAspending last changed the award record, when given.';
COMMENT ON COLUMN award_records.description IS 'Award description (Description / prime_award_base_transaction_description / description), as published.';
COMMENT ON COLUMN award_records.naics IS 'NAICS industry code.';
COMMENT ON COLUMN award_records.naics_description IS 'NAICS industry title.';
COMMENT ON COLUMN award_records.psc IS 'Product or service code: what was bought.';
COMMENT ON COLUMN award_records.psc_description IS 'Product or service code title.';
COMMENT ON COLUMN award_records.source IS 'Publisher: usaspending (USAspending.gov, API or downloads) or fpds.';
COMMENT ON COLUMN award_records.source_format IS 'Kind of file: search_csv (Advanced Search results, display-name columns), awards_csv (Contracts_PrimeAwardSummaries download), transactions_csv (Contracts_PrimeTransactions download), search_json (spending_by_award response), award_json (award detail response).';
COMMENT ON COLUMN award_records.retrieved_at IS 'When the file was retrieved from the source (UTC). The newest retrieval of an award wins in the awards view.';
COMMENT ON COLUMN award_records.retrieved_at_basis IS 'Where retrieved_at comes from: fetch (recorded by moneytrail fetch in <file>.meta.json) or file_mtime (the file''s modification time, when nothing better is known).';
COMMENT ON COLUMN award_records.dataset IS 'Replacement key of the file the row came from (see load_log.dataset).';
COMMENT ON COLUMN award_records.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN award_records.source_file IS 'Name of the file the row came from.';
COMMENT ON COLUMN award_records.source_row IS 'Record number in that file (1 = first data record; for JSON the position in results).';
COMMENT ON COLUMN award_records.extra IS 'Every source column or field that has no column here, by its published name (JSON), so that nothing is lost.';
COMMENT ON COLUMN award_records.source_url IS 'The award''s page on usaspending.gov (a PIID keyword search when the file gave no award key; FPDS for OT agreements).';

-- One row per modification, every snapshot; award_transactions keeps the newest of each.
CREATE TABLE IF NOT EXISTS award_transaction_records (
    transaction_key                  VARCHAR NOT NULL,
    award_key                        VARCHAR NOT NULL,
    award_key_kind                   VARCHAR NOT NULL,
    piid                             VARCHAR,
    modification_number              VARCHAR,
    action_date                      DATE,
    action_type                      VARCHAR,
    action_type_description          VARCHAR,
    federal_action_obligation        DECIMAL(18, 2),
    base_and_exercised_options_value DECIMAL(18, 2),
    base_and_all_options_value       DECIMAL(18, 2),
    description                      VARCHAR,
    source                           VARCHAR NOT NULL,
    source_format                    VARCHAR NOT NULL,
    retrieved_at                     TIMESTAMP NOT NULL,
    retrieved_at_basis               VARCHAR NOT NULL,
    dataset                          VARCHAR NOT NULL,
    load_id                          BIGINT NOT NULL,
    source_file                      VARCHAR NOT NULL,
    source_row                       BIGINT NOT NULL,
    extra                            JSON,
    fiscal_year                      INTEGER GENERATED ALWAYS AS (fiscal_year(action_date)) VIRTUAL,
    source_url                       VARCHAR GENERATED ALWAYS AS (award_source_url(award_key, award_key_kind, piid)) VIRTUAL
);
COMMENT ON TABLE award_transaction_records IS 'Every contract modification (transaction) as each loaded file gave it; award_transactions keeps the newest snapshot of each. Sum federal_action_obligation, never the award-level cumulative totals repeated on each transaction (contracts.md §8 trap 3).';
COMMENT ON COLUMN award_transaction_records.transaction_key IS 'Unique transaction key: contract_transaction_unique_key / the API''s transaction id (CONT_TX_...).';
COMMENT ON COLUMN award_transaction_records.award_key IS 'Award the modification belongs to (award_records.award_key).';
COMMENT ON COLUMN award_transaction_records.award_key_kind IS 'usaspending or fpds, as in award_records.';
COMMENT ON COLUMN award_transaction_records.piid IS 'PIID of the award.';
COMMENT ON COLUMN award_transaction_records.modification_number IS 'Modification number (0 or blank for the base award, P00065, ...).';
COMMENT ON COLUMN award_transaction_records.action_date IS 'Date the action was signed.';
COMMENT ON COLUMN award_transaction_records.action_type IS 'Action type code (A additional work, B supplemental agreement, C funding only, ...).';
COMMENT ON COLUMN award_transaction_records.action_type_description IS 'Action type in words (FUNDING ONLY ACTION, TERMINATE FOR CONVENIENCE, ...).';
COMMENT ON COLUMN award_transaction_records.federal_action_obligation IS 'Obligation of this action alone, signed: de-obligations (closeouts, terminations) stay negative. DECIMAL.';
COMMENT ON COLUMN award_transaction_records.base_and_exercised_options_value IS 'Change, from this transaction only, to the current contract value.';
COMMENT ON COLUMN award_transaction_records.base_and_all_options_value IS 'Change, from this transaction only, to the ceiling (potential value).';
COMMENT ON COLUMN award_transaction_records.description IS 'Description of the modification as published.';
COMMENT ON COLUMN award_transaction_records.source IS 'Publisher: usaspending or fpds.';
COMMENT ON COLUMN award_transaction_records.source_format IS 'transactions_csv (Contracts_PrimeTransactions download) or transactions_json (POST /api/v2/transactions/ response).';
COMMENT ON COLUMN award_transaction_records.retrieved_at IS 'When the file was retrieved (UTC); the newest retrieval of a transaction wins.';
COMMENT ON COLUMN award_transaction_records.retrieved_at_basis IS 'fetch or file_mtime, as in award_records.';
COMMENT ON COLUMN award_transaction_records.dataset IS 'Replacement key of the file the row came from.';
COMMENT ON COLUMN award_transaction_records.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN award_transaction_records.source_file IS 'Name of the file the row came from.';
COMMENT ON COLUMN award_transaction_records.source_row IS 'Record number in that file (1 = first data record or result).';
COMMENT ON COLUMN award_transaction_records.extra IS 'Every source column with no column here (including the award-level cumulative totals, which must not be summed), as JSON.';
COMMENT ON COLUMN award_transaction_records.fiscal_year IS 'Federal fiscal year of action_date (FY starts October 1).';
COMMENT ON COLUMN award_transaction_records.source_url IS 'The award''s page on usaspending.gov, which lists its transactions.';

CREATE OR REPLACE VIEW awards AS
SELECT * EXCLUDE (newest_first)
FROM (SELECT *, row_number() OVER (PARTITION BY award_key
                                   ORDER BY retrieved_at DESC, load_id DESC, source_row DESC) AS newest_first,
             count(*) OVER (PARTITION BY award_key) AS snapshots
      FROM award_records)
WHERE newest_first = 1;
COMMENT ON VIEW awards IS 'One row per award: the snapshot from the newest retrieval (ties: the latest load). Sum obligated over award_category = contract; IDVs and ceilings are separate figures.';
COMMENT ON COLUMN awards.snapshots IS 'How many loaded snapshots of this award exist in award_records (older ones differ or repeat; they are kept, not added).';

CREATE OR REPLACE VIEW award_transactions AS
SELECT * EXCLUDE (newest_first)
FROM (SELECT *, row_number() OVER (PARTITION BY transaction_key
                                   ORDER BY retrieved_at DESC, load_id DESC, source_row DESC) AS newest_first
      FROM award_transaction_records)
WHERE newest_first = 1;
COMMENT ON VIEW award_transactions IS 'One row per contract modification, newest snapshot of each. SUM(federal_action_obligation) by fiscal_year gives obligations per year, de-obligations included.';

-- What each source covers, so that "not in these records" is said instead of "none" ------

CREATE TABLE IF NOT EXISTS source_coverage (
    source    VARCHAR NOT NULL,
    topic     VARCHAR NOT NULL,
    covered   BOOLEAN NOT NULL,
    detail    VARCHAR NOT NULL,
    reference VARCHAR NOT NULL,
    PRIMARY KEY (source, topic)
);
COMMENT ON TABLE source_coverage IS 'Per source, what it does and does not cover. The explorer shows these rows next to every empty result and in the coverage panel.';
COMMENT ON COLUMN source_coverage.source IS 'Loader / publisher: fec_bulk, fec_efile, usaspending, ai_inventory.';
COMMENT ON COLUMN source_coverage.topic IS 'What kind of record or money the row is about.';
COMMENT ON COLUMN source_coverage.covered IS 'True when the source carries these records; false when they are missing, delayed or excluded.';
COMMENT ON COLUMN source_coverage.detail IS 'What exactly is (not) there and why, in a sentence a reader can quote.';
COMMENT ON COLUMN source_coverage.reference IS 'Where the fact comes from (reference section, law or publisher page).';

INSERT OR REPLACE INTO source_coverage VALUES
 ('usaspending', 'contracts and IDVs', true, 'Prime contract awards (types A-D) and indefinite-delivery vehicles reported to FPDS, from FY2008 (search) or FY2001 (downloads).', 'contracts.md §1.3; USAspending API'),
 ('usaspending', 'Other Transaction agreements', false, 'OT agreements are not FFATA awards and USAspending has no OT award type: the DoD CDAO frontier-AI prototype agreements with OpenAI, Anthropic, Google and xAI (2025) are not in these records. They are in FPDS and the SAM.gov Contract Awards API.', 'contracts.md §3.1; GAO, Nov 2023'),
 ('usaspending', 'DoD awards of the last 90 days', false, 'DoD procurement records are embargoed for 90 days after signature in FPDS and USAspending, so recent DoD awards are missing everywhere public.', 'contracts.md §1.5, §8 trap 10'),
 ('usaspending', 'classified work', false, 'Classified contracts and classified details of awards are not published.', 'contracts.md §7.1'),
 ('usaspending', 'purchases through resellers', true, 'Purchases through a reseller or a GSA Schedule holder (e.g. Carahsoft for the GSA OneGov $1 deals) appear under the reseller as recipient, not under the maker of the product.', 'contracts.md §0 item 4, §8 trap 7'),
 ('usaspending', 'subawards', false, 'Subcontracts under a prime award are a separate file (Contracts_Subawards) that moneytrail does not load yet.', 'contracts.md §2.1'),
 ('ai_inventory', 'Department of Defense / Department of War uses', false, 'The inventory excludes DoD ("Department of War") use cases by rule: no CDAO or other DoD use of any AI company will appear here.', 'contracts.md §4.1 (2024 and 2025 READMEs)'),
 ('ai_inventory', 'national security systems and the intelligence community', false, 'AI used as a component of a National Security System or within the Intelligence Community is excluded.', 'contracts.md §4.1'),
 ('ai_inventory', 'withheld use cases and fields', false, 'Agencies may withhold use cases or fields whose release would be inconsistent with law or policy (is_withheld).', 'contracts.md §4.1, §4.2'),
 ('ai_inventory', 'commercial off-the-shelf tools', true, 'From 2025, everyday commercial AI tools (ChatGPT Enterprise, Copilot, ...) are reported in a separate COTS table per agency and task, not as individual use cases.', 'contracts.md §4.3'),
 ('ai_inventory', 'contract numbers', false, 'The 2025 inventory has no PIID column (2024 had free-text PIIDs), so a use case links to a contract only by inference from vendor, agency and date.', 'contracts.md §4.2, §7.2'),
 ('fec_bulk', 'unitemized contributions', false, 'Committees must itemize a contributor only once their gifts pass $200 in the cycle or year (some itemize smaller gifts voluntarily); money from contributors under that aggregate is in report totals only and invisible here.', 'fec.md §6.4, §7 trap 12'),
 ('fec_bulk', '501(c)(4) and other non-FEC money', false, 'Nonprofits that are not political committees (501(c)(4)s such as Public First Action) and funds such as the White House ballroom fund do not report to the FEC; money given through them is not in these records.', 'fec.md §6.3, §6.4'),
 ('fec_bulk', 'reporting lag', false, 'Rows appear only after the committee''s report is due and processed: processed data can lag the filing by about 30 days, and the latest weeks are missing.', 'fec.md §6.4'),
 ('fec_bulk', 'inaugural committee donations', false, 'Inaugural donations are filed on Form 13 / Schedule 13-A and are not in the indiv bulk files.', 'fec.md §0, §3.5'),
 ('fec_efile', 'inaugural committee donations', true, 'Inaugural committees report donations of $200 or more on Form 13 (Schedule 13-A), loaded from the raw .fec filing; Form 13 lists no employer.', 'fec.md §3.5'),
 ('openfec', 'processed itemized receipts', true, 'OpenFEC Schedule A rows are the FEC''s processed records (the same SUB_IDs as the bulk files, counted once when both are loaded); only the queries that were fetched (an employer, a contributor or a committee, per two-year period) are here, and pagination counts are approximate.', 'fec.md §3.3, §3.4');

-- Full-text search over the government-side text -------------------------------------------
-- DuckDB's fts extension cannot be installed here (it is downloaded at run time, and the only
-- packaged builds are for DuckDB 1.x), so the same inverted index and BM25 ranking are plain SQL.

-- Words of a text: lower case, accents removed, kept whole across - . ' (GPT-4, 3.5, OpenAI's).
CREATE MACRO IF NOT EXISTS search_words(txt) AS
    regexp_extract_all(lower(strip_accents(coalesce(txt, ''))), '[a-z0-9]+(?:[-.''’][a-z0-9]+)*');

-- A word run together (gpt-4 -> gpt4, openai's -> openais): how a query word is looked up.
CREATE MACRO IF NOT EXISTS search_join(w) AS regexp_replace(w, '[^a-z0-9]', '', 'g');

-- Terms of a query: each word run together, so GPT-4 asks for gpt4 (not gpt and 4 anywhere).
-- The index (etl/search.py) holds, for every word, its parts (gpt, 4), the word run together
-- (gpt4) and each pair of neighbouring words run together (open ai -> openai).
CREATE MACRO IF NOT EXISTS search_query_terms(q) AS list_distinct(list_transform(search_words(q), lambda w: search_join(w)));

CREATE TABLE IF NOT EXISTS search_docs (
    doc_id     BIGINT PRIMARY KEY,
    kind       VARCHAR NOT NULL,
    doc_key    VARCHAR NOT NULL,
    title      VARCHAR,
    detail     VARCHAR,
    source_url VARCHAR,
    length     INTEGER NOT NULL
);
COMMENT ON TABLE search_docs IS 'One row per searchable record (an AI use case or an award); rebuilt at the end of every build.';
COMMENT ON COLUMN search_docs.doc_id IS 'Row number of the record in the index.';
COMMENT ON COLUMN search_docs.kind IS 'ai_use_case (ai_use_cases.use_case_key) or award (awards.award_key).';
COMMENT ON COLUMN search_docs.doc_key IS 'Key of the record in its own table.';
COMMENT ON COLUMN search_docs.title IS 'Use case name, or award recipient.';
COMMENT ON COLUMN search_docs.detail IS 'Agency, bureau and year of a use case; PIID, awarding sub-agency and obligated amount of an award.';
COMMENT ON COLUMN search_docs.source_url IS 'Link to the record at its source (inventory file row, usaspending.gov award page).';
COMMENT ON COLUMN search_docs.length IS 'Number of indexed terms in the record (for BM25 length normalisation).';

CREATE TABLE IF NOT EXISTS search_postings (
    term   VARCHAR NOT NULL,
    doc_id BIGINT NOT NULL,
    field  VARCHAR NOT NULL,
    tf     INTEGER NOT NULL
);
COMMENT ON TABLE search_postings IS 'Inverted index: which record holds which term in which field, how often.';
COMMENT ON COLUMN search_postings.term IS 'Indexed term: a part of a word, a word run together, or two neighbouring words run together (etl/search.py).';
COMMENT ON COLUMN search_postings.doc_id IS 'Record holding the term (search_docs).';
COMMENT ON COLUMN search_postings.field IS 'Column the term was found in (data_description, vendor_name, description, ...): shows where a model or company is named.';
COMMENT ON COLUMN search_postings.tf IS 'How many times the term occurs in that field.';

-- Records holding every term of q, best first (BM25, k1 = 1.2, b = 0.75), with the fields that matched.
CREATE MACRO IF NOT EXISTS search_hits(q) AS TABLE
WITH qt AS (SELECT DISTINCT unnest(search_query_terms(q)) AS term),
     stats AS (SELECT count(*) AS n, avg(length) AS avglen FROM search_docs),
     df AS (SELECT term, count(DISTINCT doc_id) AS n FROM search_postings JOIN qt USING (term) GROUP BY term),
     per_doc AS (SELECT doc_id, term, sum(tf) AS tf, list(field ORDER BY field) AS fields
                 FROM search_postings JOIN qt USING (term) GROUP BY doc_id, term)
SELECT d.kind, d.doc_key, d.title, d.detail, d.source_url,
       round(sum(ln((s.n - df.n + 0.5) / (df.n + 0.5) + 1)
                 * p.tf * 2.2 / (p.tf + 1.2 * (0.25 + 0.75 * d.length / s.avglen))), 4) AS score,
       list_sort(list_distinct(flatten(list(p.fields)))) AS matched_fields
FROM per_doc p JOIN df USING (term) JOIN search_docs d USING (doc_id) CROSS JOIN stats s
GROUP BY d.kind, d.doc_key, d.title, d.detail, d.source_url
HAVING count(DISTINCT p.term) = (SELECT count(*) FROM qt)
ORDER BY score DESC, d.doc_key;

-- Who is who: the registry (etl/registry/*.csv, reviewed and versioned) and attribution ----------
-- Filled at build time by etl/entities.py; the counting of money by organization is org_money below.

-- An employer or company name reduced for comparison: upper case, accents and punctuation gone,
-- & as AND, legal-form words at the end dropped (GOOGLE, INC. -> GOOGLE; AMAZON.COM -> AMAZON COM).
CREATE MACRO IF NOT EXISTS employer_norm(e) AS
    nullif(regexp_replace(regexp_replace(regexp_replace(trim(regexp_replace(
        regexp_replace(upper(strip_accents(coalesce(e, ''))), '&', ' AND ', 'g'), '[^A-Z0-9]+', ' ', 'g')),
        '^THE ', ''), '( (LLC|L L C|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|LTD|LIMITED|PBC|LP|LLP|PLC))+$', ''),
        ' +', ' ', 'g'), '');

-- "LAST, FIRST MIDDLE MR." -> the last name and the first given name, titles and suffixes dropped.
CREATE MACRO IF NOT EXISTS name_last(n) AS
    nullif(trim(regexp_replace(upper(strip_accents(split_part(coalesce(n, ''), ',', 1))), '[^A-Z -]+', '', 'g')), '');
CREATE MACRO IF NOT EXISTS name_first(n) AS
    nullif(list_filter(string_split(trim(regexp_replace(upper(strip_accents(split_part(coalesce(n, ''), ',', 2))), '[^A-Z -]+', ' ', 'g')), ' '),
                       lambda t: t NOT IN ('', 'MR', 'MRS', 'MS', 'MISS', 'DR', 'HON', 'JR', 'SR', 'II', 'III', 'IV', 'MD', 'ESQ', 'PHD'))[1], '');

CREATE TABLE IF NOT EXISTS registry_organizations (
    org_id   VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    peer_set VARCHAR,
    scope    VARCHAR,
    source   VARCHAR NOT NULL
);
COMMENT ON TABLE registry_organizations IS 'Organizations moneytrail attributes money to (etl/registry/organizations.csv).';
COMMENT ON COLUMN registry_organizations.org_id IS 'Lowercase identifier (openai, google, ...).';
COMMENT ON COLUMN registry_organizations.name IS 'Display name.';
COMMENT ON COLUMN registry_organizations.peer_set IS 'Peer group for comparisons (ai = the AI companies).';
COMMENT ON COLUMN registry_organizations.scope IS 'What the organization includes (parent and subsidiaries).';
COMMENT ON COLUMN registry_organizations.source IS 'Public filing or page the facts come from.';

CREATE TABLE IF NOT EXISTS registry_employer_rules (
    org_id VARCHAR NOT NULL,
    rule   VARCHAR NOT NULL,
    value  VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    line   INTEGER NOT NULL
);
COMMENT ON TABLE registry_employer_rules IS 'Employer-string rules per organization (etl/registry/employer_rules.csv), compared with employer_norm() of the string as filed.';
COMMENT ON COLUMN registry_employer_rules.org_id IS 'Organization the rule attributes to (or excludes from).';
COMMENT ON COLUMN registry_employer_rules.rule IS 'exact (the normalised form equals employer_norm(value)), pattern (a regular expression over the normalised form), exclude (a regular expression that stops this organization from matching, whatever else matched).';
COMMENT ON COLUMN registry_employer_rules.value IS 'Employer form or regular expression.';
COMMENT ON COLUMN registry_employer_rules.source IS 'Why the rule is right: a filing, a 10-K exhibit, a company page.';
COMMENT ON COLUMN registry_employer_rules.line IS 'Line of the rule in employer_rules.csv.';

CREATE TABLE IF NOT EXISTS registry_people (
    person_id  VARCHAR NOT NULL,
    org_id     VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    last_name  VARCHAR NOT NULL,
    first_name VARCHAR NOT NULL,
    name_form  VARCHAR NOT NULL,
    city       VARCHAR,
    state      VARCHAR,
    relation   VARCHAR,
    source     VARCHAR NOT NULL
);
COMMENT ON TABLE registry_people IS 'Executives and their household members (etl/registry/people.csv), one row per name form FEC filings use.';
COMMENT ON COLUMN registry_people.person_id IS 'Stable identifier of the person; becomes contributions.donor_id of the rows pinned to them.';
COMMENT ON COLUMN registry_people.org_id IS 'Organization the person is attributed to.';
COMMENT ON COLUMN registry_people.role IS 'executive or household (spouse or household member of an executive).';
COMMENT ON COLUMN registry_people.last_name IS 'Last name as compared (name_last of the name form).';
COMMENT ON COLUMN registry_people.first_name IS 'First given name as compared (name_first of the name form).';
COMMENT ON COLUMN registry_people.name_form IS 'Name form as FEC filings write it (LAST, FIRST).';
COMMENT ON COLUMN registry_people.city IS 'Home city as filed, to tell namesakes apart; NULL when not known from a source.';
COMMENT ON COLUMN registry_people.state IS 'Home state as filed; NULL when not known from a source.';
COMMENT ON COLUMN registry_people.relation IS 'Title, or relation to the executive (spouse of ...).';
COMMENT ON COLUMN registry_people.source IS 'Public page or filing for the person, role and home place.';

CREATE TABLE IF NOT EXISTS registry_committees (
    org_id  VARCHAR NOT NULL,
    cmte_id VARCHAR NOT NULL,
    role    VARCHAR NOT NULL,
    name    VARCHAR,
    source  VARCHAR NOT NULL
);
COMMENT ON TABLE registry_committees IS 'Committees tied to an organization by ID, never by name (etl/registry/committees.csv).';
COMMENT ON COLUMN registry_committees.org_id IS 'Organization.';
COMMENT ON COLUMN registry_committees.cmte_id IS 'FEC committee ID.';
COMMENT ON COLUMN registry_committees.role IS 'pac (the corporate PAC / separate segregated fund) or not_affiliated (a look-alike committee that is not the organization''s, kept to warn).';
COMMENT ON COLUMN registry_committees.name IS 'Committee name as in the committee master.';
COMMENT ON COLUMN registry_committees.source IS 'Where the tie is documented.';

CREATE TABLE IF NOT EXISTS registry_contract_recipients (
    org_id         VARCHAR NOT NULL,
    recipient_name VARCHAR NOT NULL,
    uei            VARCHAR,
    relation       VARCHAR NOT NULL,
    description_pattern VARCHAR,
    source         VARCHAR NOT NULL
);
COMMENT ON TABLE registry_contract_recipients IS 'Contract recipients of an organization: itself, subsidiaries and known resellers (etl/registry/contract_recipients.csv).';
COMMENT ON COLUMN registry_contract_recipients.org_id IS 'Organization.';
COMMENT ON COLUMN registry_contract_recipients.recipient_name IS 'Recipient legal name as USAspending writes it.';
COMMENT ON COLUMN registry_contract_recipients.uei IS 'SAM Unique Entity ID, when confirmed.';
COMMENT ON COLUMN registry_contract_recipients.relation IS 'self, subsidiary, or reseller (sells the organization''s products; its awards are not the organization''s money).';
COMMENT ON COLUMN registry_contract_recipients.description_pattern IS 'For resellers: a regular expression the award description must match (the product, e.g. CHATGPT|OPENAI), since most of a reseller''s awards are other makers'' products; NULL: every award of the recipient.';
COMMENT ON COLUMN registry_contract_recipients.source IS 'Where the relation is documented.';

CREATE TABLE IF NOT EXISTS registry_products (
    org_id VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);
COMMENT ON TABLE registry_products IS 'Names of an organization and its products to look for in agency AI use cases (etl/registry/products.csv).';
COMMENT ON COLUMN registry_products.org_id IS 'Organization.';
COMMENT ON COLUMN registry_products.term IS 'Name as searched (whole words, every word must occur: GPT-4, Azure OpenAI, Claude).';
COMMENT ON COLUMN registry_products.source IS 'Page that shows the product is the organization''s.';

CREATE TABLE IF NOT EXISTS registry_overrides (
    kind   VARCHAR NOT NULL,
    value  VARCHAR NOT NULL,
    target VARCHAR,
    note   VARCHAR,
    source VARCHAR NOT NULL
);
COMMENT ON TABLE registry_overrides IS 'Reviewed corrections that win over every rule (etl/registry/overrides.csv).';
COMMENT ON COLUMN registry_overrides.kind IS 'employer (value = an employer string exactly as filed) or contribution_person (value = a contribution_id).';
COMMENT ON COLUMN registry_overrides.value IS 'What is overridden.';
COMMENT ON COLUMN registry_overrides.target IS 'employer: the org_id it belongs to, or empty for none; contribution_person: the person_id the row belongs to, or empty for nobody in the registry.';
COMMENT ON COLUMN registry_overrides.note IS 'Why.';
COMMENT ON COLUMN registry_overrides.source IS 'Evidence.';

CREATE TABLE IF NOT EXISTS employer_matches (
    employer   VARCHAR NOT NULL,
    org_id     VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL,
    attributed BOOLEAN NOT NULL,
    rows       BIGINT NOT NULL,
    amount     DECIMAL(18, 2)
);
COMMENT ON TABLE employer_matches IS 'Every distinct employer string a registry rule touched, per organization: attributed ones, and look-alikes an exclusion or override kept out, with their rows and counted amount. The audit list behind contributions.org_id.';
COMMENT ON COLUMN employer_matches.employer IS 'Employer string exactly as filed.';
COMMENT ON COLUMN employer_matches.org_id IS 'Organization.';
COMMENT ON COLUMN employer_matches.rule IS 'Rule that decided: override:<string>, exact:<form>, pattern:<regex>, exclude:<regex>, or ambiguous:<org ids> when rules of two organizations matched (then none is attributed).';
COMMENT ON COLUMN employer_matches.attributed IS 'True when the rows are attributed to the organization; false for look-alikes kept out.';
COMMENT ON COLUMN employer_matches.rows IS 'Contribution rows with this employer string (all, counted or not).';
COMMENT ON COLUMN employer_matches.amount IS 'SUM(amount) of those rows that count in totals.';

-- Money in: awards whose recipient is a registry organization, a subsidiary or a reseller of it.
-- Matched on UEI when the registry has one, else on the recipient name as USAspending writes it.
CREATE OR REPLACE VIEW org_awards AS
SELECT r.org_id, r.relation, a.*
FROM awards a JOIN registry_contract_recipients r
  ON (r.uei IS NOT NULL AND a.recipient_uei = r.uei)
  OR (r.uei IS NULL AND upper(trim(a.recipient_name)) = upper(trim(r.recipient_name)))
WHERE r.description_pattern IS NULL OR regexp_matches(upper(coalesce(a.description, '')), r.description_pattern);
COMMENT ON VIEW org_awards IS 'Awards of each registry organization (newest snapshot), with how the recipient relates to it. Reseller awards are the reseller''s money, shown to follow the product, never added to the organization''s own.';
COMMENT ON COLUMN org_awards.org_id IS 'Organization (registry_contract_recipients).';
COMMENT ON COLUMN org_awards.relation IS 'self, subsidiary, or reseller (the award went to a reseller of the organization''s products).';
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
                    WHEN c.entity_tp = 'IND' OR c.entity_tp IS NULL THEN 'employees'
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

-- Donors: one person's contribution rows clustered into contributions.donor_id (etl/donors.py) --
-- Filled at build time after the registry pins; the model and its measured quality are in etl/donors.py.

CREATE TABLE IF NOT EXISTS donor_match_evidence (
    contribution_id_l      VARCHAR NOT NULL,
    contribution_id_r      VARCHAR NOT NULL,
    evidence               VARCHAR NOT NULL,
    joined                 BOOLEAN NOT NULL,
    match_weight           DOUBLE,
    match_probability      DOUBLE,
    last_name_level        VARCHAR,
    first_name_level       VARCHAR,
    middle_initial_level   VARCHAR,
    suffix_level           VARCHAR,
    place_level            VARCHAR,
    employer_level         VARCHAR,
    occupation_level       VARCHAR
);
COMMENT ON TABLE donor_match_evidence IS 'Why rows share a contributions.donor_id: every pair of records splink scored at or above the threshold, and every row that is the same record as another, with the score and the level of each comparison. A donor''s rows are joined by the pairs with joined = true.';
COMMENT ON COLUMN donor_match_evidence.contribution_id_l IS 'One row of the pair (contributions.contribution_id); for splink pairs the first row of its record.';
COMMENT ON COLUMN donor_match_evidence.contribution_id_r IS 'The other row of the pair (contributions.contribution_id).';
COMMENT ON COLUMN donor_match_evidence.evidence IS 'splink (the two records scored at or above the threshold) or identical_record (the row has the same name, middle initial, suffix, city, state, ZIP, employer and occupation, as compared, as contribution_id_l, so it is the same record and was not scored again).';
COMMENT ON COLUMN donor_match_evidence.joined IS 'True when the pair is in one cluster; false for a pair above the threshold kept apart because its cluster would also hold two records that cannot be one person (different first names, middle initials or suffixes), e.g. L. linked to both LAWRENCE and LYNN: stronger pairs are joined first.';
COMMENT ON COLUMN donor_match_evidence.match_weight IS 'splink match weight in bits (log2 of the Bayes factor, prior included); NULL for identical_record.';
COMMENT ON COLUMN donor_match_evidence.match_probability IS 'splink match probability; NULL for identical_record.';
COMMENT ON COLUMN donor_match_evidence.last_name_level IS 'Last names: same (weighted by how rare the name is), different, missing.';
COMMENT ON COLUMN donor_match_evidence.first_name_level IS 'First names: same, nickname or prefix (BRAD / BRADFORD, BOB / ROBERT), one-letter typo, initial, missing (a different name rules the pair out).';
COMMENT ON COLUMN donor_match_evidence.middle_initial_level IS 'Middle initials: same, missing (different initials rule the pair out).';
COMMENT ON COLUMN donor_match_evidence.suffix_level IS 'JR / SR / II / III / IV: same, missing (different suffixes rule the pair out).';
COMMENT ON COLUMN donor_match_evidence.place_level IS 'Address: same ZIP+4, same ZIP5, same city, same state, different state, missing.';
COMMENT ON COLUMN donor_match_evidence.employer_level IS 'Employer (after employer_norm; RETIRED, NONE, SELF EMPLOYED and the like count as missing): same, similar, different, missing.';
COMMENT ON COLUMN donor_match_evidence.occupation_level IS 'Occupation (reduced like the employer; RETIRED, NOT EMPLOYED and the like count as missing): same, similar, different, missing.';

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

-- Federal AI Use Case Inventory ----------------------------------------------------------------
-- Formats and traps: ../shared/reference/contracts_and_ai_use.md §4, §5 and §8 traps 12-17
-- (cited as contracts.md §N). Loader: etl/sources/ai_inventory.py; answers normalised in
-- etl/sources/_inventory_text.py.

CREATE TABLE IF NOT EXISTS ai_use_cases (
    use_case_key               VARCHAR PRIMARY KEY,
    dataset                    VARCHAR NOT NULL,
    load_id                    BIGINT NOT NULL,
    inventory_year             INTEGER NOT NULL,
    record_kind                VARCHAR NOT NULL,
    publisher                  VARCHAR NOT NULL,
    agency                     VARCHAR,
    agency_name                VARCHAR,
    bureau                     VARCHAR,
    use_case_id                VARCHAR,
    name                       VARCHAR,
    stage                      VARCHAR,
    stage_raw                  VARCHAR,
    topic                      VARCHAR,
    classification             VARCHAR,
    impact                     VARCHAR,
    impact_framework           VARCHAR,
    impact_raw                 VARCHAR,
    vendor_name                VARCHAR,
    problem                    VARCHAR,
    benefits                   VARCHAR,
    outputs                    VARCHAR,
    data_description           VARCHAR,
    contracting_usage          VARCHAR,
    piids                      VARCHAR,
    operational_date           DATE,
    operational_date_raw       VARCHAR,
    operational_date_precision VARCHAR,
    is_withheld                BOOLEAN,
    is_withheld_raw            VARCHAR,
    cots_in_use                BOOLEAN,
    cots_users                 VARCHAR,
    source_file                VARCHAR NOT NULL,
    source_row                 BIGINT NOT NULL,
    source_url                 VARCHAR,
    extra                      JSON
);
COMMENT ON TABLE ai_use_cases IS 'One row per AI use case as an inventory publishes it: OMB''s consolidated 2023, 2024 (v2) and 2025 files, the 2025 COTS table (one row per agency and task), and agency-published spreadsheets. Years use different forms: compare stage across years, never impact (contracts.md §8 trap 14). Excludes DoD/"Department of War", national security systems and the intelligence community (contracts.md §4.1): absence is not non-use.';
COMMENT ON COLUMN ai_use_cases.use_case_key IS 'Stable unique key: <scope>:<agency>:<use case id>, where scope is the year (2023, 2024, 2025), 2025-cots or <year>-agency; agency is the abbreviation (else the agency name as a slug, else -); the id is - when blank (2024 has none). When the id is blank or repeated within the agency, :<name as a lower-case slug> is added, and when that still repeats (identical rows), #1, #2 ... in file order. Example: 2025:DHS:DHS-2556.';
COMMENT ON COLUMN ai_use_cases.dataset IS 'Replacement key (load_log.dataset): ai_inventory:2023, :2024, :2025, :2025-cots, or ai_inventory:agency:<year>:<agency> for an agency spreadsheet (ai_inventory:agency:<year>:file:<name> when it names no single agency). A newer file of the same dataset replaces these rows.';
COMMENT ON COLUMN ai_use_cases.load_id IS 'Load that wrote the row (load_log.load_id).';
COMMENT ON COLUMN ai_use_cases.inventory_year IS 'Inventory the row belongs to: 2023, 2024 or 2025 (agency spreadsheets: the year in the file name, else 2025, whose form they use).';
COMMENT ON COLUMN ai_use_cases.record_kind IS 'individual (one reported use case) or cots (2025 consolidated commercial off-the-shelf table: one row per agency and fixed task type, contracts.md §4.3).';
COMMENT ON COLUMN ai_use_cases.publisher IS 'omb for OMB''s consolidated files, agency for a spreadsheet an agency published itself (the same use case can then appear once from each).';
COMMENT ON COLUMN ai_use_cases.agency IS 'Agency abbreviation as the OMB inventories use it (DHS, HHS, STATE, TREAS ...), harmonised from the agency name where the file spells it out (2023 DOS -> STATE; COTS names); agency spreadsheets: the prefix of the use case id. NULL for COTS agencies no inventory abbreviates.';
COMMENT ON COLUMN ai_use_cases.agency_name IS 'Agency (department) name as published: 2023 Department, 2024 Agency, 2025 agency_name, COTS Agency (contracts.md §8 trap 17).';
COMMENT ON COLUMN ai_use_cases.bureau IS 'Bureau or component as published (2025 agency_bureau such as ICE; 2024 Bureau; 2023 Agency, e.g. Customs and Border Protection).';
COMMENT ON COLUMN ai_use_cases.use_case_id IS 'Use case ID as published (2023 Use_Case_ID, 2025 id such as DHS-2556). Not a key: 2025 leaves it blank on 704 rows and repeats some (DOJ-0357, TBD, bare numbers); 2024 has none (contracts.md §8 trap 13).';
COMMENT ON COLUMN ai_use_cases.name IS 'Use case name (2023 Title; COTS: the task type, e.g. "Generating code using AI.").';
COMMENT ON COLUMN ai_use_cases.stage IS 'Stage in one vocabulary for all years: planned, pre-deployment, pilot, deployed, retired, or unknown (blank, or an answer outside the forms). 2025: Pre-deployment/Pilot/Deployed/Retired as named. 2024 (NIST SDLC phases): Initiated -> planned, Acquisition and/or Development -> pre-deployment, Implementation and Assessment -> pilot, Operation and Maintenance -> deployed, Retired -> retired; strays Planned/Ideation -> planned, In production/In mission -> deployed. 2023 free text: Initiation/Planned -> planned, Development and Acquisition -> pre-deployment, Implementation/proof of concept -> pilot, Operation and Maintenance/In-use/In production -> deployed. NULL for COTS rows (no stage). OMB''s 2025 recoding map files "Initiated" under Pilot; here it is planned, as the 2024 dictionary defines it (requirements defined, nothing built). Exact text in stage_raw.';
COMMENT ON COLUMN ai_use_cases.stage_raw IS 'Stage of development exactly as published (whitespace trimmed): 2023 Development_Stage, 2024 Stage of Development, 2025 development_stage, or an agency form''s lettered answer.';
COMMENT ON COLUMN ai_use_cases.topic IS 'Use case topic area as published (2024 and 2025 vocabularies differ; agency forms: letter prefix removed). NULL for 2023 and COTS.';
COMMENT ON COLUMN ai_use_cases.classification IS '2025 AI classification (Classical ML, Generative AI, NLP, Computer Vision, Agentic AI, Reinforcement Learning, Other; agency forms standardised to these words, original in extra); 2023 Techniques as free text; NULL for 2024 (no such question) and COTS.';
COMMENT ON COLUMN ai_use_cases.impact IS 'Impact determination in the words of its own framework (impact_framework), never mixed: under OMB M-24-10 (2024) rights-impacting, safety-impacting, both or neither; under OMB M-25-21 (2025) high-impact, not high-impact, or "presumed high-impact, not high-impact" (presumed high-impact but determined not to be); unknown when blank or another answer (e.g. 2024 "No, use case is too new to fully assess impacts"); NULL where the form has no such question (2023, COTS).';
COMMENT ON COLUMN ai_use_cases.impact_framework IS 'OMB M-24-10 (2024 rights-/safety-impacting) or OMB M-25-21 (2025 high-impact); NULL for 2023 and COTS.';
COMMENT ON COLUMN ai_use_cases.impact_raw IS 'Impact answer exactly as published, trimmed (2024 writes "Rights-Impacting" with a trailing newline).';
COMMENT ON COLUMN ai_use_cases.vendor_name IS '2025 vendor_name as free text ("AIS", "Microsoft (OpenAI Azure Commercial Cloud offerings)", even a stage name); COTS: the product names used. NULL for 2023 and 2024 (not asked). Models are often named only in data_description, outputs or benefits (contracts.md §8 trap 15).';
COMMENT ON COLUMN ai_use_cases.problem IS 'What the AI is for: 2025 problem_solved; 2023 Summary (that form''s single description).';
COMMENT ON COLUMN ai_use_cases.benefits IS '2025 benefits; 2024 "What is the intended purpose and expected benefits of the AI?".';
COMMENT ON COLUMN ai_use_cases.outputs IS 'Description of the AI system''s outputs (2024, 2025).';
COMMENT ON COLUMN ai_use_cases.data_description IS 'Data used to train, fine-tune or evaluate the models (2025 data_description; 2024 "Describe any agency-owned data used to train ...").';
COMMENT ON COLUMN ai_use_cases.contracting_usage IS 'Whether the system was bought, built under contract or in-house, as published (2025: Vendor Purchased, In-house Development, Contracting and In House; 2024: "Developed with contracting resources." ...); agency forms standardised to the 2025 words, original in extra.';
COMMENT ON COLUMN ai_use_cases.piids IS '2024 only: "Provide the Procurement Instrument Identifier(s) (PIID) of the contract(s) used." as free text (may list several, or N/A). 2025 has no contract column (contracts.md §4.2).';
COMMENT ON COLUMN ai_use_cases.operational_date IS 'When the use case became operational (2025 operational_date: "or the pilot''s start date"; 2024 Date Implemented). Read from ISO dates, M/D/YYYY with or without a time, MM/YYYY, Mon-YY and YY-Mon (Excel month-year), and bare years; months and years give the first day (see operational_date_precision). A 1905 date that is a year number shown as an Excel date (2024 -> 1905-07-16) is read as that year. NULL when unreadable; the text is in operational_date_raw.';
COMMENT ON COLUMN ai_use_cases.operational_date_raw IS 'The operational date exactly as published, trimmed.';
COMMENT ON COLUMN ai_use_cases.operational_date_precision IS 'day, month or year: how much of operational_date the source gave; NULL when no date was read.';
COMMENT ON COLUMN ai_use_cases.is_withheld IS 'True when the agency answered that the use case is withheld ("Yes - Disclosure Risk", "Yes - Prohibited by Law"), false for No, NULL for blank, Other, or years without the question.';
COMMENT ON COLUMN ai_use_cases.is_withheld_raw IS 'The withholding answer exactly as published (2025 and agency forms).';
COMMENT ON COLUMN ai_use_cases.cots_in_use IS 'COTS rows: the agency uses a commercial product for this task (Agency Use (Y/N)? Y = true, N = false, blank = NULL). NULL for individual use cases.';
COMMENT ON COLUMN ai_use_cases.cots_users IS 'COTS rows: Estimated # of Licenses/Users as a band (1-100, 101-1000, 1001-5000, 5001-10,000, 10,000-50,000, 50,000+).';
COMMENT ON COLUMN ai_use_cases.source_file IS 'Name of the file the row was read from (full path in load_log).';
COMMENT ON COLUMN ai_use_cases.source_row IS 'Where the row is in that file: the physical line on which the CSV record starts (records can span lines), or the spreadsheet row number.';
COMMENT ON COLUMN ai_use_cases.source_url IS 'The published file on GitHub: ombegov''s repository at the commit recorded in shared/data/ai_inventory/PROVENANCE.md when the file''s SHA-256 matches it, else the same path at HEAD, opened at the row''s line (?plain=1#L<source_row>); NULL for agency spreadsheets.';
COMMENT ON COLUMN ai_use_cases.extra IS 'JSON object of every non-empty source value not held in a named column, keyed by the source header (whitespace collapsed; a repeated header such as 2024''s nine "If Other, please explain." gets " (column N)"). Also keeps the published wording where a named column standardised it. Nothing in the file is lost.';
