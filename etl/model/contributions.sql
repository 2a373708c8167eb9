-- Contributions: the itemized receipts every FEC source (fec_bulk, fec_efile, openfec) writes into contribution_rows;
-- readers read the view contributions, which adds counts_in_totals and source_url. They are not generated columns of
-- the table because DuckDB evaluates a table's generated columns on every appended chunk as a check
-- (DataTable::VerifyAppendConstraints), whether or not anything reads them: 1.33 of the 7.92 CPU-s of a 2M-line
-- bulk INSERT (README, Performance).

-- No PRIMARY KEY index: it doubled load time at 5M rows; loaders check contribution_id uniqueness.
-- The four columns that hold a different long string on nearly every row (IDs, page and transaction numbers) are
-- stored with zstd: DuckDB's default (dictionary + FSST) builds a dictionary that never pays for them, which cost
-- about 0.7 CPU-s of a 2M-line bulk load (7.0 -> 6.3) for the same file size and read times (README, Performance).
CREATE TABLE IF NOT EXISTS contribution_rows (
    contribution_id   VARCHAR USING COMPRESSION zstd NOT NULL,
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
    image_num         VARCHAR USING COMPRESSION zstd,
    file_num          BIGINT,
    tran_id           VARCHAR USING COMPRESSION zstd,
    back_ref_tran_id  VARCHAR,
    other_id          VARCHAR,
    sub_id            VARCHAR USING COMPRESSION zstd,
    count_rule        VARCHAR NOT NULL,
    line_no           BIGINT,
    org_id            VARCHAR,
    org_match         VARCHAR,
    donor_id          VARCHAR
);
COMMENT ON TABLE contribution_rows IS 'The stored rows behind the view contributions (read that: it adds counts_in_totals and source_url). Loaders and build steps write here; readers never need to.';
COMMENT ON COLUMN contribution_rows.contribution_id IS 'Stable row ID: fec:<SUB_ID> for bulk rows, efile:<file number>:<transaction id> for e-filed rows, openfec:<sub_id> for OpenFEC rows. Unique within a file; the same record loaded from two files keeps its ID in both (count_rule says which copy counts).';
COMMENT ON COLUMN contribution_rows.source IS 'fec_bulk (indivYY.zip), fec_efile (raw .fec filing: Schedule A or Form 13 Schedule 13-A) or openfec (a saved OpenFEC /schedules/schedule_a/ page).';
COMMENT ON COLUMN contribution_rows.dataset IS 'Replacement key of the file the row came from (see load_log.dataset).';
COMMENT ON COLUMN contribution_rows.load_id IS 'Load that wrote this row (load_log).';
COMMENT ON COLUMN contribution_rows.cycle IS 'Two-year cycle: the bulk file cycle, or for e-filings the even year ending the report coverage period.';
COMMENT ON COLUMN contribution_rows.filer_cmte_id IS 'Committee that reported the row (CMTE_ID / filer_committee_id_number). For 24T rows this is the conduit.';
COMMENT ON COLUMN contribution_rows.recipient_cmte_id IS 'Committee that really got the money: the filer, except for conduit pass-throughs (24T/24I), where it is OTHER_ID.';
COMMENT ON COLUMN contribution_rows.conduit_cmte_id IS 'Conduit the gift passed through (ActBlue C00401224, WinRed C00694323, ...): OTHER_ID on 15E rows, the filer on 24T/24I rows, the referenced memo row on e-filed earmarks.';
COMMENT ON COLUMN contribution_rows.form_type IS 'E-filing line/form (SA11AI, SA11C, F132, F133, ...); NULL for bulk rows.';
COMMENT ON COLUMN contribution_rows.transaction_tp IS 'FEC transaction type (15, 15E, 10, 22Y, 24T, ...); NULL for e-filed rows, which carry form_type instead.';
COMMENT ON COLUMN contribution_rows.entity_tp IS 'Contributor entity type: IND, ORG, PAC, COM, PTY, CAN, CCM.';
COMMENT ON COLUMN contribution_rows.contributor_name IS 'Contributor name as filed (LAST, FIRST MIDDLE; e-filed names assembled from their parts and upper-cased). Quotes inside names are kept.';
COMMENT ON COLUMN contribution_rows.city IS 'Contributor city as filed.';
COMMENT ON COLUMN contribution_rows.state IS 'Contributor state as filed.';
COMMENT ON COLUMN contribution_rows.zip_code IS 'Contributor ZIP as text, 5 or 9 digits, leading zeros kept.';
COMMENT ON COLUMN contribution_rows.employer IS 'Employer as filed (free text). Form 13 inaugural donations have none.';
COMMENT ON COLUMN contribution_rows.occupation IS 'Occupation as filed (free text).';
COMMENT ON COLUMN contribution_rows.transaction_dt IS 'Date of the receipt (bulk MMDDYYYY, e-filing YYYYMMDD, parsed).';
COMMENT ON COLUMN contribution_rows.amount IS 'Amount as filed, DECIMAL, sign kept (refunds are usually positive: see count_rule).';
COMMENT ON COLUMN contribution_rows.aggregate_amount IS 'Contributor aggregate year-to-date (e-filings only; NULL for bulk rows).';
COMMENT ON COLUMN contribution_rows.memo_cd IS 'Memo code: X means the amount is not part of the itemization total.';
COMMENT ON COLUMN contribution_rows.memo_text IS 'Memo text as filed (e.g. EARMARKED THROUGH ACT BLUE).';
COMMENT ON COLUMN contribution_rows.amndt_ind IS 'Amendment indicator of the report: N new, A amendment, T termination.';
COMMENT ON COLUMN contribution_rows.rpt_tp IS 'Report type (Q1, M2, YE, TER, ...).';
COMMENT ON COLUMN contribution_rows.transaction_pgi IS 'Election the gift is for (P primary, G general, ...), as filed; do not read a year from it.';
COMMENT ON COLUMN contribution_rows.image_num IS 'FEC image number (11 or 18 digits) of the page that shows the row.';
COMMENT ON COLUMN contribution_rows.file_num IS 'FEC filing (report) number, the .fec file number.';
COMMENT ON COLUMN contribution_rows.tran_id IS 'Transaction ID: unique only within one report.';
COMMENT ON COLUMN contribution_rows.back_ref_tran_id IS 'E-filings: transaction ID this row refers to (an earmark row points at its conduit memo row).';
COMMENT ON COLUMN contribution_rows.other_id IS 'OTHER_ID as filed: the conduit on 15E rows, the recipient on 24T rows, the candidate on 15C rows.';
COMMENT ON COLUMN contribution_rows.sub_id IS 'FEC record number (SUB_ID), unique per bulk row; also the OpenFEC sub_id.';
COMMENT ON COLUMN contribution_rows.count_rule IS 'Why the row does or does not count: counted, memo, conduit_copy, refund, superseded (an amendment of the filing is loaded), duplicate_of_bulk (the same itemization is loaded from a bulk file: for e-filed rows the same filer, filing and transaction ID in a bulk file or OpenFEC page; for OpenFEC rows the same sub_id in a bulk file, whatever the row''s own rule), duplicate_row (the same FEC record, by SUB_ID, came again in a newer file, which counts instead; for OpenFEC rows, the copy from the page retrieved last counts).';
COMMENT ON COLUMN contribution_rows.org_id IS 'Organization (etl/registry/organizations.csv) the row is attributed to by name, set once at build time: for individuals the employer string, for organizations (entity ORG, ...) the contributor name; NULL when it resolves to none.';
COMMENT ON COLUMN contribution_rows.org_match IS 'Which registry rule attributed the employer: override:<value>, exact:<form>, pattern:<regex>; NULL when no rule matched (or an exclusion or override said none).';
COMMENT ON COLUMN contribution_rows.donor_id IS 'The person who gave, for every individual row (entity IND or blank): a registry person_id (etl/registry/people.csv) when the row is pinned to that person or clustered with rows pinned to exactly that one person, else d:<smallest contribution_id of its cluster>. Clusters come from a conservative splink model (etl/donors.py); the pairs that joined them are in donor_match_evidence. NULL for rows that are not from individuals.';
COMMENT ON COLUMN contribution_rows.line_no IS 'Line in the source file for e-filed rows; for OpenFEC rows the 1-based position of the result in its page; NULL for bulk rows (located by sub_id).';

-- Every reader's view of the rows; its other columns take contribution_rows' comments (warehouse.VIEW_COMMENTS_FROM).
CREATE OR REPLACE VIEW contributions AS
SELECT *,
       counted(count_rule) AS counts_in_totals,
       contribution_source_url(source, image_num, filer_cmte_id, file_num, form_type) AS source_url
FROM contribution_rows;
COMMENT ON VIEW contributions IS 'One row per itemized receipt from any FEC source (bulk indiv, e-filed Schedule A, Form 13 inaugural donations). SUM(amount) WHERE counts_in_totals never counts the same money twice.';
COMMENT ON COLUMN contributions.counts_in_totals IS 'True exactly when count_rule = counted: the single switch that excludes memo rows, conduit copies of earmarked gifts, refunds and duplicates from totals.';
COMMENT ON COLUMN contributions.source_url IS 'FEC page image (docquery fecimg) for bulk and OpenFEC rows (the API''s pdf_url), or the filing page for e-filed rows.';
