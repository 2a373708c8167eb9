-- OpenFEC Schedule A pages (etl/sources/openfec): rows go to contributions (etl/model/contributions.sql).

-- What this source does and does not cover (source_coverage, shown next to every empty result).
INSERT OR REPLACE INTO source_coverage VALUES
 ('openfec', 'processed itemized receipts', true, 'OpenFEC Schedule A rows are the FEC''s processed records (the same SUB_IDs as the bulk files, counted once when both are loaded); only the queries that were fetched (an employer, a contributor or a committee, per two-year period) are here, and pagination counts are approximate.', 'fec.md §3.3, §3.4');
