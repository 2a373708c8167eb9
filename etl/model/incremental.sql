-- What an incremental build (etl/incremental.py) needs to know about the warehouse it updates -----------
CREATE TABLE IF NOT EXISTS build_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_state IS 'How this warehouse was built, so that the next `moneytrail build` can update it in place: the schema fingerprint (a different one forces a full rebuild) and the registry fingerprint (a different one re-derives attribution, donors and the search index).';
COMMENT ON COLUMN build_state.key IS 'Name of the fact: schema (sha256 of the applied schema SQL and the DuckDB version), registry (sha256 of the registry files), built (full or incremental, the last build).';
COMMENT ON COLUMN build_state.value IS 'Value of the fact, as text.';

CREATE TABLE IF NOT EXISTS bulk_line_hashes (
    dataset   VARCHAR NOT NULL,
    sub_id    VARCHAR NOT NULL,
    line_hash UBIGINT NOT NULL
);
COMMENT ON TABLE bulk_line_hashes IS 'One row per loaded line of an FEC bulk row file (indiv, oth, pas2): its SUB_ID and a hash of the whole line, so that a newer copy of the file (the FEC republishes weekly) loads only new or changed lines (etl/sources/fec_bulk/diff.py).';
COMMENT ON COLUMN bulk_line_hashes.dataset IS 'Dataset of the file the line was loaded from (load_log.dataset), e.g. indiv2020.';
COMMENT ON COLUMN bulk_line_hashes.sub_id IS 'FEC record number (SUB_ID, the last field of the line).';
COMMENT ON COLUMN bulk_line_hashes.line_hash IS 'DuckDB hash() of the line as read (latin-1, without its line feed); only compared with hashes made by the same DuckDB version (its version is part of the schema fingerprint).';
