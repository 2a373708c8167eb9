-- OpenFEC Schedule A pages (etl/sources/openfec): rows go to contributions (etl/model/contributions.sql).

-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('openfec', 'processed itemized receipts', true, 'OpenFEC Schedule A rows are the FEC''s processed records (the same SUB_IDs as the bulk files, counted once when both are loaded); only the queries that were fetched (an employer, a contributor or a committee, per two-year period) are here, and pagination counts are approximate.', 'fec.md §3.3, §3.4');

-- OpenFEC reports/filings answers (etl/sources/openfec/reports.py): the FEC's record of each filing version.
CREATE TABLE IF NOT EXISTS filing_version_records (
    load_id                  BIGINT NOT NULL,
    pos                      INTEGER NOT NULL,
    file_num                 BIGINT NOT NULL,
    committee_id             VARCHAR,
    committee_name           VARCHAR,
    form_type                VARCHAR,
    report_type              VARCHAR,
    report_year              INTEGER,
    document_description     VARCHAR,
    amendment_indicator      VARCHAR,
    amendment_chain          BIGINT[],
    is_amended               BOOLEAN,
    most_recent              BOOLEAN,
    most_recent_file_num     BIGINT,
    previous_file_num        BIGINT,
    receipt_date             DATE,
    coverage_start           DATE,
    coverage_end             DATE,
    fec_url                  VARCHAR,
    csv_url                  VARCHAR,
    html_url                 VARCHAR,
    pdf_url                  VARCHAR,
    total_receipts_period    DECIMAL(16, 2),
    total_disbursements_period DECIMAL(16, 2),
    other_fed_receipts_period DECIMAL(16, 2),
    independent_expenditures_period DECIMAL(16, 2),
    other_disbursements_period DECIMAL(16, 2),
    cash_on_hand_end_period  DECIMAL(16, 2),
    summary                  JSON,
    PRIMARY KEY (load_id, pos)
);
COMMENT ON TABLE filing_version_records IS 'One row per filing in each loaded OpenFEC /committee/ID/reports/ or /filings/ answer (the FEC''s amendment chain and summary lines); filing_versions keeps the latest answer''s row per filing.';
COMMENT ON COLUMN filing_version_records.load_id IS 'Load that read the answer (load_log).';
COMMENT ON COLUMN filing_version_records.pos IS '1-based position of the result in the answer.';
COMMENT ON COLUMN filing_version_records.file_num IS 'FEC filing number (file_number).';
COMMENT ON COLUMN filing_version_records.committee_id IS 'Filing committee.';
COMMENT ON COLUMN filing_version_records.committee_name IS 'Committee name as OpenFEC gives it.';
COMMENT ON COLUMN filing_version_records.form_type IS 'Form with its letter (F3XN, F3XA): form_type, else report_form + amendment_indicator.';
COMMENT ON COLUMN filing_version_records.report_type IS 'Report code (30S, YE, M7, ...).';
COMMENT ON COLUMN filing_version_records.report_year IS 'Report year.';
COMMENT ON COLUMN filing_version_records.document_description IS 'Report name, e.g. YEAR-END 2025.';
COMMENT ON COLUMN filing_version_records.amendment_indicator IS 'N new, A amendment, T termination.';
COMMENT ON COLUMN filing_version_records.amendment_chain IS 'Filing numbers of the report from the original to this one.';
COMMENT ON COLUMN filing_version_records.is_amended IS 'True when a later filing replaces this one.';
COMMENT ON COLUMN filing_version_records.most_recent IS 'True for the current version of the report.';
COMMENT ON COLUMN filing_version_records.most_recent_file_num IS 'The current version of the report (the replacement when is_amended).';
COMMENT ON COLUMN filing_version_records.previous_file_num IS 'The filing this one amends (itself for an original).';
COMMENT ON COLUMN filing_version_records.receipt_date IS 'Date the FEC received the filing.';
COMMENT ON COLUMN filing_version_records.coverage_start IS 'First day the report covers.';
COMMENT ON COLUMN filing_version_records.coverage_end IS 'Last day the report covers.';
COMMENT ON COLUMN filing_version_records.fec_url IS 'Raw .fec on docquery (no key needed).';
COMMENT ON COLUMN filing_version_records.csv_url IS 'The same filing as docquery''s CSV.';
COMMENT ON COLUMN filing_version_records.html_url IS 'Filing page on docquery.';
COMMENT ON COLUMN filing_version_records.pdf_url IS 'Page images (PDF).';
COMMENT ON COLUMN filing_version_records.total_receipts_period IS 'Total receipts of the period, as processed by the FEC.';
COMMENT ON COLUMN filing_version_records.total_disbursements_period IS 'Total disbursements of the period.';
COMMENT ON COLUMN filing_version_records.other_fed_receipts_period IS 'Other federal receipts (Form 3X line 17) of the period.';
COMMENT ON COLUMN filing_version_records.independent_expenditures_period IS 'Independent expenditures (line 24) of the period.';
COMMENT ON COLUMN filing_version_records.other_disbursements_period IS 'Other disbursements (line 29) of the period.';
COMMENT ON COLUMN filing_version_records.cash_on_hand_end_period IS 'Cash on hand at the close of the period.';
COMMENT ON COLUMN filing_version_records.summary IS 'Every *_period and *_ytd figure of the result, as JSON.';

CREATE OR REPLACE VIEW filing_versions AS
SELECT r.* EXCLUDE (pos) FROM filing_version_records r JOIN load_log l ON l.load_id = r.load_id
QUALIFY row_number() OVER (PARTITION BY r.file_num ORDER BY l.retrieved_at DESC NULLS LAST, r.load_id DESC) = 1;
COMMENT ON VIEW filing_versions IS 'The FEC''s record of each filing version, from the latest loaded reports/filings answer that lists it.';
COMMENT ON COLUMN filing_versions.load_id IS 'Load that read the answer (load_log).';
COMMENT ON COLUMN filing_versions.file_num IS 'FEC filing number (file_number).';
COMMENT ON COLUMN filing_versions.committee_id IS 'Filing committee.';
COMMENT ON COLUMN filing_versions.committee_name IS 'Committee name as OpenFEC gives it.';
COMMENT ON COLUMN filing_versions.form_type IS 'Form with its letter (F3XN, F3XA): form_type, else report_form + amendment_indicator.';
COMMENT ON COLUMN filing_versions.report_type IS 'Report code (30S, YE, M7, ...).';
COMMENT ON COLUMN filing_versions.report_year IS 'Report year.';
COMMENT ON COLUMN filing_versions.document_description IS 'Report name, e.g. YEAR-END 2025.';
COMMENT ON COLUMN filing_versions.amendment_indicator IS 'N new, A amendment, T termination.';
COMMENT ON COLUMN filing_versions.amendment_chain IS 'Filing numbers of the report from the original to this one.';
COMMENT ON COLUMN filing_versions.is_amended IS 'True when a later filing replaces this one.';
COMMENT ON COLUMN filing_versions.most_recent IS 'True for the current version of the report.';
COMMENT ON COLUMN filing_versions.most_recent_file_num IS 'The current version of the report (the replacement when is_amended).';
COMMENT ON COLUMN filing_versions.previous_file_num IS 'The filing this one amends (itself for an original).';
COMMENT ON COLUMN filing_versions.receipt_date IS 'Date the FEC received the filing.';
COMMENT ON COLUMN filing_versions.coverage_start IS 'First day the report covers.';
COMMENT ON COLUMN filing_versions.coverage_end IS 'Last day the report covers.';
COMMENT ON COLUMN filing_versions.fec_url IS 'Raw .fec on docquery (no key needed).';
COMMENT ON COLUMN filing_versions.csv_url IS 'The same filing as docquery''s CSV.';
COMMENT ON COLUMN filing_versions.html_url IS 'Filing page on docquery.';
COMMENT ON COLUMN filing_versions.pdf_url IS 'Page images (PDF).';
COMMENT ON COLUMN filing_versions.total_receipts_period IS 'Total receipts of the period, as processed by the FEC.';
COMMENT ON COLUMN filing_versions.total_disbursements_period IS 'Total disbursements of the period.';
COMMENT ON COLUMN filing_versions.other_fed_receipts_period IS 'Other federal receipts (Form 3X line 17) of the period.';
COMMENT ON COLUMN filing_versions.independent_expenditures_period IS 'Independent expenditures (line 24) of the period.';
COMMENT ON COLUMN filing_versions.other_disbursements_period IS 'Other disbursements (line 29) of the period.';
COMMENT ON COLUMN filing_versions.cash_on_hand_end_period IS 'Cash on hand at the close of the period.';
COMMENT ON COLUMN filing_versions.summary IS 'Every *_period and *_ytd figure of the result, as JSON.';
