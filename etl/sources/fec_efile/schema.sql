-- Raw .fec electronic filings (etl/sources/fec_efile): one row per filing; its Schedule A and 13-A lines go to
-- contributions (etl/model/contributions.sql).

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
-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('fec_efile', 'inaugural committee donations', true, 'Inaugural committees report donations of $200 or more on Form 13 (Schedule 13-A), loaded from the raw .fec filing; Form 13 lists no employer.', 'fec.md §3.5');
