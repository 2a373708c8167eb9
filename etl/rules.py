"""Counting rules that need more than one row: superseded e-filings and rows loaded twice (bulk, e-filed, OpenFEC).

The per-row rule (memo, conduit copy, refund) is the SQL macro contribution_count_rule in
etl/model/rules.sql, which loaders apply to every row they write. The rules here compare rows across
files, so they run once after the loads of a build (etl/build.py), or after a lone load when its
caller asks: `rules.apply(con)`. They re-derive every row from scratch, so running them once after N
loads gives what running them after each load gives.
"""

from __future__ import annotations

import duckdb

from etl.model import rewrite

CROSS_FILE_RULES = """
-- 1. every e-filed row starts from the per-row rule
UPDATE contribution_rows
SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'fec_efile';

-- 2. every row of an e-filed report whose replacement is loaded is superseded, refunds too; the evidence
--    (a later filing of the same committee, form and coverage, the amendment's header, OpenFEC's
--    amendment chain) is weighed once, in the view filing_status (etl/sources/fec_efile/schema.sql)
UPDATE contribution_rows AS c
SET count_rule = 'superseded'
WHERE c.source = 'fec_efile'
  AND c.file_num IN (SELECT file_num FROM filing_status WHERE amendment_loaded);

-- 3. an e-filed itemization that a loaded bulk file or OpenFEC page already holds (same filer,
--    filing and transaction ID) is a copy of the same money: the FEC's processed record counts
UPDATE contribution_rows AS c
SET count_rule = 'duplicate_of_bulk'
WHERE c.source = 'fec_efile' AND c.count_rule IN ('counted', 'refund')
  AND EXISTS (SELECT 1 FROM contributions b
              WHERE b.source IN ('fec_bulk', 'openfec') AND b.file_num = c.file_num
                AND b.filer_cmte_id = c.filer_cmte_id AND b.tran_id = c.tran_id);
"""


# The same FEC record (SUB_ID) in two bulk files, e.g. a loose itcont.txt beside its zip: the row
# from the most recent load counts. Re-derived from scratch, so replacing a file undoes it.
DUPLICATE_ROW_RULE = """
UPDATE contribution_rows
SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'fec_bulk' AND count_rule = 'duplicate_row';

UPDATE contribution_rows AS c
SET count_rule = 'duplicate_row'
WHERE c.source = 'fec_bulk'
  AND EXISTS (SELECT 1 FROM contributions n
              WHERE n.source = 'fec_bulk' AND n.contribution_id = c.contribution_id AND n.load_id > c.load_id);
"""


# OpenFEC rows (etl/sources/openfec/) are the FEC's processed records, keyed by SUB_ID like the bulk
# files. Re-derived from scratch, so replacing or adding a page or a bulk file re-decides them.
OPENFEC_RULES = """
UPDATE contribution_rows SET count_rule = contribution_count_rule(memo_cd, transaction_tp, form_type)
WHERE source = 'openfec';

-- the same FEC record (sub_id) loaded from a bulk file: the bulk row counts, and the API copy is kept
-- out of every figure (counted, memo, refund and conduit-copy sums alike)
UPDATE contribution_rows SET count_rule = 'duplicate_of_bulk'
WHERE source = 'openfec' AND sub_id IN (SELECT sub_id FROM contributions WHERE source = 'fec_bulk');

-- the same record on two API pages (overlapping queries, or two passes of one query): the copy
-- retrieved last counts (load_log.retrieved_at from the page's .meta.json; then the later load)
UPDATE contribution_rows AS c SET count_rule = 'duplicate_row'
FROM (SELECT o.load_id, o.sub_id,
             row_number() OVER (PARTITION BY o.sub_id ORDER BY l.retrieved_at DESC NULLS LAST, o.load_id DESC) AS copy
      FROM contributions o JOIN load_log l ON l.load_id = o.load_id
      WHERE o.source = 'openfec' AND o.count_rule <> 'duplicate_of_bulk') d
WHERE c.source = 'openfec' AND c.load_id = d.load_id AND c.sub_id = d.sub_id AND d.copy > 1;
"""


# An update (etl/changes.py's chg_rows: the rows its loads wrote or removed) re-derives only what they can change:
# the same-SUB_ID rule for the bulk rows of their contribution_ids (a row's copy status depends on the rows of its
# ID only); the e-filed and OpenFEC rules, which are few rows, when such rows or their filings changed, or when a
# changed bulk row has the key one of them is compared on (filer, filing and transaction ID; sub_id).
_CHANGED_IDS = "(SELECT contribution_id FROM chg_rule_before WHERE source = 'fec_bulk')"
SCOPED_DUPLICATE_ROW_RULE = rewrite(
    DUPLICATE_ROW_RULE,
    ("WHERE source = 'fec_bulk' AND count_rule = 'duplicate_row'",
     f"WHERE source = 'fec_bulk' AND count_rule = 'duplicate_row' AND contribution_id IN {_CHANGED_IDS}"),
    ("WHERE c.source = 'fec_bulk'", f"WHERE c.source = 'fec_bulk' AND c.contribution_id IN {_CHANGED_IDS}"),
    ("FROM contributions n", "FROM chg_rule_before n"))  # every bulk row of those IDs
_KEYED = """SELECT EXISTS (SELECT 1 FROM contributions e JOIN chg_rows r ON {on}
                              WHERE e.source = '{source}' AND r.source <> '{source}')"""


def apply_changed(con: duckdb.DuckDBPyConnection, other_sources: bool) -> int:
    """Re-derive count_rule where this update's changed rows (chg_rows) can change it; other_sources: a load of this
    update was not a bulk row file (e-filings, OpenFEC, filings). Adds the earlier rows whose rule changed to chg_rows
    (state rule); returns their number."""
    efile = _has(con, "fec_efile") and (other_sources or _any(con, "fec_efile") or con.execute(_KEYED.format(
        on="e.file_num = r.file_num AND e.filer_cmte_id = r.filer_cmte_id AND e.tran_id = r.tran_id",
        source="fec_efile")).fetchall()[0][0])
    ofec = _has(con, "openfec") and (other_sources or _any(con, "openfec") or con.execute(_KEYED.format(
        on="e.sub_id = r.sub_id", source="openfec")).fetchall()[0][0])
    # a row is a duplicate_row only beside another bulk dataset's copy: with one bulk dataset left, only the rows
    # whose later copy this update removed (a gone bulk row of their ID) can hold the rule and lose it
    dup = _any(con, "fec_bulk") and (_bulk_datasets(con) > 1 or bool(
        con.execute("SELECT count(*) FROM chg_rows WHERE source = 'fec_bulk' AND state = 'gone'").fetchall()[0][0]))
    con.execute("""CREATE OR REPLACE TEMP TABLE chg_rule_before AS SELECT contribution_id, load_id, source, count_rule
                   FROM contributions WHERE (source = 'fec_efile' AND $e) OR (source = 'openfec' AND $o)
                      OR (source = 'fec_bulk' AND $d AND contribution_id IN (SELECT contribution_id FROM chg_rows))""",
                {"e": efile, "o": ofec, "d": dup})
    if efile:
        con.execute(CROSS_FILE_RULES)
    if ofec:
        con.execute(OPENFEC_RULES)
    if dup:
        con.execute(SCOPED_DUPLICATE_ROW_RULE)
    cols = ", ".join(f"c.{d[0]}" for d in con.execute("SELECT * FROM chg_rows LIMIT 0").description[1:])
    changed = con.execute(f"""INSERT INTO chg_rows SELECT 'rule', {cols} FROM contributions c
                              JOIN chg_rule_before b USING (contribution_id, load_id)
                              WHERE c.count_rule IS DISTINCT FROM b.count_rule
                                AND c.load_id NOT IN (SELECT load_id FROM chg_rows WHERE state = 'new')""").fetchall()[0][0]
    con.execute("DROP TABLE chg_rule_before")
    return int(changed)


def _bulk_datasets(con: duckdb.DuckDBPyConnection) -> int:
    """How many FEC bulk datasets hold rows (the same-SUB_ID rule needs two)."""
    return int(con.execute("SELECT count(DISTINCT dataset) FROM contributions WHERE source = 'fec_bulk'").fetchall()[0][0])


def _has(con: duckdb.DuckDBPyConnection, source: str) -> bool:
    """True when the warehouse holds rows of this source."""
    return bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM contributions WHERE source = $s LIMIT 1)",
                            {"s": source}).fetchall()[0][0])


def _any(con: duckdb.DuckDBPyConnection, source: str) -> bool:
    """True when a changed row (new or gone) is of this source."""
    return bool(con.execute("SELECT count(*) FROM chg_rows WHERE source = $s AND state <> 'rule'", {"s": source}
                            ).fetchall()[0][0])


def apply(con: duckdb.DuckDBPyConnection) -> None:
    """Re-derive count_rule for rows that depend on other loaded files (amendments, copies)."""
    con.execute(CROSS_FILE_RULES)
    if _has(con, "openfec"):
        con.execute(OPENFEC_RULES)
    if _bulk_datasets(con) > 1:  # the self-join is only needed when two bulk files could overlap
        con.execute(DUPLICATE_ROW_RULE)
