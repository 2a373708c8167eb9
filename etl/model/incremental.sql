-- What an incremental build (etl/incremental.py) needs to know about the warehouse it updates -----------
CREATE TABLE IF NOT EXISTS build_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_state IS 'How this warehouse was built, so that the next `moneytrail build` can update it in place: the schema fingerprint (a different one forces a full rebuild) and the registry fingerprint (a different one re-derives attribution, donors and the search index).';
COMMENT ON COLUMN build_state.key IS 'Name of the fact: schema (sha256 of the applied schema SQL and the DuckDB version), registry (sha256 of the registry files), built (full or incremental, the last build).';
COMMENT ON COLUMN build_state.value IS 'Value of the fact, as text.';

CREATE TABLE IF NOT EXISTS bulk_chunks (
    dataset     VARCHAR NOT NULL,
    first_line  BIGINT NOT NULL,
    lines       INTEGER NOT NULL,
    byte_offset BIGINT NOT NULL,
    byte_length INTEGER NOT NULL,
    chunk_hash  BLOB NOT NULL
);
COMMENT ON TABLE bulk_chunks IS 'The content-defined chunks of the last loaded copy of each FEC bulk row file (indiv, oth, pas2): a chunk ends after a line whose SUB_ID ends in 77, or at the first line end past 128 KiB (etl/sources/fec_bulk/lines.py), so that a newer copy (the FEC republishes weekly) reads typed only the chunks whose bytes changed (etl/sources/fec_bulk/diff.py).';
COMMENT ON COLUMN bulk_chunks.dataset IS 'Dataset of the file the chunk was loaded from (load_log.dataset), e.g. indiv2020.';
COMMENT ON COLUMN bulk_chunks.first_line IS 'Line number (from 1) of the chunk''s first line in that file, as in load_errors.line_no.';
COMMENT ON COLUMN bulk_chunks.lines IS 'Number of lines in the chunk (a last line without a line feed counts).';
COMMENT ON COLUMN bulk_chunks.byte_offset IS 'Byte offset of the chunk in the unzipped file.';
COMMENT ON COLUMN bulk_chunks.byte_length IS 'Length of the chunk in bytes, line feeds included.';
COMMENT ON COLUMN bulk_chunks.chunk_hash IS 'xxh3_128 of the chunk''s bytes (etl/sources/fec_bulk/lines.py): a chunk of a newer copy with the same hash holds the same lines, whose rows and rejects are kept.';

CREATE TABLE IF NOT EXISTS donor_features (
    contribution_id VARCHAR NOT NULL,
    last_name       VARCHAR,
    first_name      VARCHAR,
    middle_initial  VARCHAR,
    suffix          VARCHAR,
    city            VARCHAR,
    state           VARCHAR,
    zip5            VARCHAR,
    zip9            VARCHAR,
    employer_key    VARCHAR,
    occupation_key  VARCHAR,
    first_forms     VARCHAR[],
    record_id       VARCHAR NOT NULL,
    block_state     VARCHAR,
    block_zip       VARCHAR,
    block_employer  VARCHAR
);
COMMENT ON TABLE donor_features IS 'The fields donor clustering compared for each individual contribution row (etl/donors.py PREPARE_SQL), kept so that an incremental build scores again only the records of the blocks its changed rows fall in (etl/donor_update.py).';
COMMENT ON COLUMN donor_features.contribution_id IS 'The row (contributions.contribution_id).';
COMMENT ON COLUMN donor_features.last_name IS 'Last name as compared (name_last of contributor_name).';
COMMENT ON COLUMN donor_features.first_name IS 'First name as compared (two consonants read as two initials: the first one).';
COMMENT ON COLUMN donor_features.middle_initial IS 'Middle initial as compared.';
COMMENT ON COLUMN donor_features.suffix IS 'JR, SR, II, III or IV found in the name.';
COMMENT ON COLUMN donor_features.city IS 'City, upper case, abbreviations spelled out (ST SAINT, MT MOUNT, ...).';
COMMENT ON COLUMN donor_features.state IS 'State, upper case.';
COMMENT ON COLUMN donor_features.zip5 IS 'First five digits of the ZIP code (NULL for 00000 or none).';
COMMENT ON COLUMN donor_features.zip9 IS 'Nine-digit ZIP code (NULL unless all nine digits are given).';
COMMENT ON COLUMN donor_features.employer_key IS 'employer_norm of the employer, NULL when it tells nothing (RETIRED, NONE, SELF EMPLOYED, ...).';
COMMENT ON COLUMN donor_features.occupation_key IS 'employer_norm of the occupation, NULL when it tells nothing.';
COMMENT ON COLUMN donor_features.first_forms IS 'Names that are the same given name as first_name (nicknames, etl/donors.py NICKNAMES).';
COMMENT ON COLUMN donor_features.block_state IS 'The record''s capped key of the blocking rule last name + first initial + state (etl/donor_blocks.py), kept so that an incremental build re-keys only the blocks its changed rows fall in.';
COMMENT ON COLUMN donor_features.block_zip IS 'The record''s capped key of the blocking rule last name + ZIP5 (etl/donor_blocks.py).';
COMMENT ON COLUMN donor_features.block_employer IS 'The record''s capped key of the blocking rule last name + first name + employer (etl/donor_blocks.py).';
COMMENT ON COLUMN donor_features.record_id IS 'The record the row is part of: the smallest contribution_id of the rows identical in every compared field (with a first name and a ZIP), else the row itself.';

CREATE TABLE IF NOT EXISTS attribution_names (
    kind       VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    org_id     VARCHAR,
    rule       VARCHAR,
    attributed BOOLEAN NOT NULL,
    by_row     BOOLEAN NOT NULL
);
COMMENT ON TABLE attribution_names IS 'Every decision of etl/attribution.py about a string that a registry rule or override names (name_decisions of the last full attribution, plus the strings that incremental builds added): a decision depends on the string and the registry only, so an incremental build decides the new strings alone and rebuilds employer_matches from this table (etl/attribution_update.py).';
COMMENT ON COLUMN attribution_names.kind IS 'employer (an individual''s employer as filed) or contributor (an organization''s own name).';
COMMENT ON COLUMN attribution_names.name IS 'The string as filed.';
COMMENT ON COLUMN attribution_names.org_id IS 'Organization the rule or override names (registry_organizations.org_id); NULL for an override that takes the string away.';
COMMENT ON COLUMN attribution_names.rule IS 'The rule or override that decided (as employer_matches.rule).';
COMMENT ON COLUMN attribution_names.attributed IS 'True when every row with the string is attributed to org_id.';
COMMENT ON COLUMN attribution_names.by_row IS 'True when each row is decided by its own corroboration (a bare word: attribution_rows).';

CREATE TABLE IF NOT EXISTS attribution_rows (
    row_id     VARCHAR NOT NULL,
    org_id     VARCHAR,
    rule       VARCHAR,
    attributed BOOLEAN
);
COMMENT ON TABLE attribution_rows IS 'The decision of etl/attribution.py about each row whose string is decided row by row (a bare word, by its corroboration), kept so that an incremental build can rebuild employer_matches (etl/attribution_update.py).';
COMMENT ON COLUMN attribution_rows.row_id IS 'The row (contributions.contribution_id).';
COMMENT ON COLUMN attribution_rows.org_id IS 'Organization the string may name.';
COMMENT ON COLUMN attribution_rows.rule IS 'The rule and its corroboration, e.g. bare:NEST + registry person, or + uncorroborated.';
COMMENT ON COLUMN attribution_rows.attributed IS 'True when the row is attributed (corroborated).';

CREATE TABLE IF NOT EXISTS donor_scoring (
    sql       VARCHAR NOT NULL,
    threshold DOUBLE NOT NULL
);
COMMENT ON TABLE donor_scoring IS 'The SQL splink generated for the donor model of the last full build (etl/donors.py SETTINGS: comparison levels, m and u, term-frequency adjustments, threshold), so that an incremental build scores its few new candidate pairs with the same SQL in DuckDB, without splink''s per-run set-up (etl/donor_score.py). One row.';
COMMENT ON COLUMN donor_scoring.sql IS 'One SELECT over donor_score_records, donor_score_pairs and donor_score_tf_<column>: the pairs at or above the threshold with match_weight, match_probability and the level of each comparison.';
COMMENT ON COLUMN donor_scoring.threshold IS 'Match weight (bits) at or above which a pair is kept, as the full build used it.';

CREATE TABLE IF NOT EXISTS donor_term_frequencies (
    column_name VARCHAR NOT NULL,
    value       VARCHAR NOT NULL,
    records     BIGINT NOT NULL
);
COMMENT ON TABLE donor_term_frequencies IS 'How many donor records (donor_features.record_id) hold each value of the columns whose agreement splink weighs by how common the value is (last_name, employer_key, occupation_key), kept up to date by each incremental build''s delta so that it scores its pairs with the term frequencies of every record without counting them all again (etl/donor_score.py). A value''s term frequency is records / the sum of records of its column.';
COMMENT ON COLUMN donor_term_frequencies.column_name IS 'The compared column: last_name, employer_key or occupation_key (donor_features).';
COMMENT ON COLUMN donor_term_frequencies.value IS 'A value of the column (never NULL: records without one are not counted).';
COMMENT ON COLUMN donor_term_frequencies.records IS 'Records holding the value.';
