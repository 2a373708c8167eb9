"""Counting rules that need more than one row: superseded e-filings and rows loaded twice (bulk, e-filed, OpenFEC).

The per-row rule (memo, conduit copy, refund) is the SQL macro contribution_count_rule in
etl/model/rules.sql, which loaders apply to every row they write. The rules here compare rows across
files, so they run once after the loads of a build (etl/build.py), or after a lone load when its
caller asks: `rules.apply(con)`. They re-derive every row from scratch, so running them once after N
loads gives what running them after each load gives.
"""

from __future__ import annotations

import duckdb

CROSS_FILE_RULES = """
-- 1. every e-filed row starts from the per-row rule
UPDATE contributions
SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'fec_efile';

-- 2. every row of an e-filed report whose replacement is loaded is superseded, refunds too; the evidence
--    (a later filing of the same committee, form and coverage, the amendment's header, OpenFEC's
--    amendment chain) is weighed once, in the view filing_status (etl/sources/fec_efile/schema.sql)
UPDATE contributions AS c
SET count_rule = 'superseded'
WHERE c.source = 'fec_efile'
  AND c.file_num IN (SELECT file_num FROM filing_status WHERE amendment_loaded);

-- 3. an e-filed itemization that a loaded bulk file or OpenFEC page already holds (same filer,
--    filing and transaction ID) is a copy of the same money: the FEC's processed record counts
UPDATE contributions AS c
SET count_rule = 'duplicate_of_bulk'
WHERE c.source = 'fec_efile' AND c.count_rule IN ('counted', 'refund')
  AND EXISTS (SELECT 1 FROM contributions b
              WHERE b.source IN ('fec_bulk', 'openfec') AND b.file_num = c.file_num
                AND b.filer_cmte_id = c.filer_cmte_id AND b.tran_id = c.tran_id);
"""


# The same FEC record (SUB_ID) in two bulk files, e.g. a loose itcont.txt beside its zip: the row
# from the most recent load counts. Re-derived from scratch, so replacing a file undoes it.
DUPLICATE_ROW_RULE = """
UPDATE contributions
SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'fec_bulk' AND count_rule = 'duplicate_row';

UPDATE contributions AS c
SET count_rule = 'duplicate_row'
WHERE c.source = 'fec_bulk'
  AND EXISTS (SELECT 1 FROM contributions n
              WHERE n.source = 'fec_bulk' AND n.contribution_id = c.contribution_id AND n.load_id > c.load_id);
"""


# OpenFEC rows (etl/sources/openfec/) are the FEC's processed records, keyed by SUB_ID like the bulk
# files. Re-derived from scratch, so replacing or adding a page or a bulk file re-decides them.
OPENFEC_RULES = """
UPDATE contributions SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'openfec';

-- the same FEC record (sub_id) loaded from a bulk file: the bulk row counts, and the API copy is kept
-- out of every figure (counted, memo, refund and conduit-copy sums alike)
UPDATE contributions SET count_rule = 'duplicate_of_bulk'
WHERE source = 'openfec' AND sub_id IN (SELECT sub_id FROM contributions WHERE source = 'fec_bulk');

-- the same record on two API pages (overlapping queries, or two passes of one query): the copy
-- retrieved last counts (load_log.retrieved_at from the page's .meta.json; then the later load)
UPDATE contributions AS c SET count_rule = 'duplicate_row'
FROM (SELECT o.load_id, o.sub_id,
             row_number() OVER (PARTITION BY o.sub_id ORDER BY l.retrieved_at DESC NULLS LAST, o.load_id DESC) AS copy
      FROM contributions o JOIN load_log l ON l.load_id = o.load_id
      WHERE o.source = 'openfec' AND o.count_rule <> 'duplicate_of_bulk') d
WHERE c.source = 'openfec' AND c.load_id = d.load_id AND c.sub_id = d.sub_id AND d.copy > 1;
"""


def apply(con: duckdb.DuckDBPyConnection) -> None:
    """Re-derive count_rule for rows that depend on other loaded files (amendments, copies)."""
    con.execute(CROSS_FILE_RULES)
    if con.execute("SELECT count(*) FROM (SELECT 1 FROM contributions WHERE source = 'openfec' LIMIT 1)").fetchall()[0][0]:
        con.execute(OPENFEC_RULES)
    bulk_datasets = con.execute(
        "SELECT count(DISTINCT dataset) FROM contributions WHERE source = 'fec_bulk'").fetchall()[0][0]
    if bulk_datasets > 1:  # the self-join is only needed when two bulk files could overlap
        con.execute(DUPLICATE_ROW_RULE)
