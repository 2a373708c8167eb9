"""Counting rules that need more than one row: superseded e-filings and rows loaded twice.

The per-row rule (memo, conduit copy, refund) is the SQL macro contribution_count_rule in
schema.sql; this module applies the rules that compare rows across files, also in SQL.
"""

from __future__ import annotations

import duckdb

CROSS_FILE_RULES = """
-- 1. every e-filed row starts from the per-row rule
UPDATE contributions
SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'fec_efile';

-- 2. every row of an e-filed report replaced by a loaded amendment (same committee, form and
--    coverage, later filing number; or named in the amendment's header) is superseded, refunds too
UPDATE contributions AS c
SET count_rule = 'superseded'
FROM filings f
WHERE c.source = 'fec_efile' AND c.file_num = f.file_num
  AND EXISTS (
      SELECT 1 FROM filings a
      WHERE a.file_num <> f.file_num AND a.filer_cmte_id = f.filer_cmte_id
        AND (a.amends_file_num = f.file_num
             OR (left(a.form_type, 3) = left(f.form_type, 3) AND a.coverage_through = f.coverage_through
                 AND a.coverage_from IS NOT DISTINCT FROM f.coverage_from AND a.file_num > f.file_num)));

-- 3. an e-filed itemization that a loaded bulk file already holds (same filer, filing and
--    transaction ID) is a copy of the same money
UPDATE contributions AS c
SET count_rule = 'duplicate_of_bulk'
WHERE c.source = 'fec_efile' AND c.count_rule IN ('counted', 'refund')
  AND EXISTS (SELECT 1 FROM contributions b
              WHERE b.source = 'fec_bulk' AND b.file_num = c.file_num
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


def apply_cross_file_rules(con: duckdb.DuckDBPyConnection) -> None:
    """Re-derive count_rule for rows that depend on other loaded files (amendments, copies)."""
    con.execute(CROSS_FILE_RULES)
    bulk_datasets = con.execute(
        "SELECT count(DISTINCT dataset) FROM contributions WHERE source = 'fec_bulk'").fetchall()[0][0]
    if bulk_datasets > 1:  # the self-join is only needed when two bulk files could overlap
        con.execute(DUPLICATE_ROW_RULE)
