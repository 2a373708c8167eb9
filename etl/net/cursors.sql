-- Paging cursors of API fetches: the one definition of fetch_cursors, for the state file
-- (data/raw/fetch_state.duckdb, etl/net/cursors.py) and the warehouse (copied there at build time).
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

