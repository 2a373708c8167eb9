-- Core tables: where every loaded and rejected row came from, facts about the warehouse file, and the
-- table each source fills with what it does and does not cover. Applied first (etl/warehouse.py).

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
