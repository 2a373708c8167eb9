"""The contribution rows an incremental build changed, and the Committee tables and org_money_rows re-derived for them.

An update's loads insert rows under their own load_id and delete rows of earlier loads (a changed or vanished line
of a diffed bulk file, a reloaded or removed dataset). before() counts each load's rows before the loads; collect()
then keeps in the temp table chg_rows the keys of every row inserted (state new: the row as it is now) and of every
row an earlier load lost (state gone: the row as the previous warehouse had it, read from that file attached
read-only, only for the loads that lost rows); rules.apply_changed adds the earlier rows whose count_rule it changed
(state rule). From them:
- committee_rollup: a (committee, cycle, month) holding a gone or re-ruled row is computed again from its rows; one
  holding only new rows gets their sums added (a sum over more rows: NULL only when both parts are NULL);
- committee_donors: the (committee, name) pairs of the changed rows are summed again from their rows; a committee's
  100 largest are the stored ones with those pairs replaced, unless it had 100 and one of them lost money (then a
  name outside the 100 may come in, and the committee is computed again from its rows);
- org_money_rows: the changed rows, and the rows whose organization, rule or donor differs from their stored row or
  that came into or left it (attribution and donor clustering of the update), are deleted and inserted again.
Every figure comes from the views' one definition (committee_rollup_live, committee_donors_live, org_money_rows_live)
run over the rows concerned; tests/test_incremental.py checks the tables against a full build.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from etl import db
from etl.model import rewrite

# The key columns kept of each changed row: the rules' keys, the Committee tables' groups.
KEYS = ("contribution_id", "load_id", "source", "sub_id", "file_num", "filer_cmte_id", "tran_id", "recipient_cmte_id",
        "cycle", "transaction_dt", "contributor_name")
_COLS = ", ".join(KEYS)
# The file kinds whose loads write contributions rows only: any other change (masters, e-filings, PAC transfers, a
# new registry) can move rows between channels of org_money_rows, which is then materialized whole.
ROWS_ONLY = {"indiv"}
# The contribution rows org_money_rows_live can take (it keeps those with the registry person's or the row's org_id),
# as two disjoint reads: with OR, donor_id and contribution_id were read for every counted row (chg_money took 0.083
# CPU-s at 2M rows, 0.045 so)
_MONEY_ROWS = """SELECT rowid AS rid, contribution_id, org_id, org_match, donor_id FROM contribution_rows
                 WHERE counted(count_rule) AND org_id IS NOT NULL
                 UNION ALL SELECT rowid AS rid, contribution_id, org_id, org_match, donor_id FROM contribution_rows
                 WHERE counted(count_rule) AND org_id IS NULL AND donor_id IN (SELECT person_id FROM registry_people)"""
_ROLLUP_SUMS = ("counted_amount", "memo_amount", "conduit_copy_amount", "refund_amount")
_GROUP = ("r.recipient_cmte_id IS NOT DISTINCT FROM g.recipient_cmte_id AND r.cycle IS NOT DISTINCT FROM g.cycle "
          "AND r.month IS NOT DISTINCT FROM g.month")


def before(con: duckdb.DuckDBPyConnection) -> None:
    """Count each load's contribution rows (before this build's loads)."""
    con.execute("CREATE OR REPLACE TEMP TABLE chg_counts AS SELECT load_id, count(*) AS n FROM contributions GROUP BY 1")


def collect(con: duckdb.DuckDBPyConnection, load_ids: list[int], previous: Path) -> dict[str, int]:
    """Temp table chg_rows: the keys of the rows this build's loads inserted and of the rows earlier loads lost."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE chg_rows AS SELECT 'new' AS state, {_COLS} FROM contributions
                    WHERE load_id IN (SELECT unnest($ids))""", {"ids": load_ids})
    lost = [r[0] for r in con.execute(
        """SELECT b.load_id FROM chg_counts b LEFT JOIN (SELECT load_id, count(*) AS n FROM contributions
           WHERE load_id IN (SELECT load_id FROM chg_counts) GROUP BY 1) a USING (load_id)
           WHERE a.n IS DISTINCT FROM b.n ORDER BY 1""").fetchall()]
    if lost:  # read from the previous warehouse, which this build only reads (it was copied from it)
        con.execute(f"ATTACH '{str(previous).replace(chr(39), chr(39) * 2)}' AS chg_previous (READ_ONLY)")
        try:
            con.execute(f"""INSERT INTO chg_rows SELECT 'gone', {_COLS} FROM chg_previous.contribution_rows o
                            WHERE o.load_id IN (SELECT unnest($lost)) AND NOT EXISTS (SELECT 1 FROM contributions n
                              WHERE n.load_id = o.load_id AND n.contribution_id = o.contribution_id)""", {"lost": lost})
        finally:
            con.execute("DETACH chg_previous")
    return dict(con.execute("SELECT state, count(*) FROM chg_rows GROUP BY 1").fetchall())


def rows_only(con: duckdb.DuckDBPyConnection, load_ids: list[int], removed: list[str], index_only: set[str]) -> bool:
    """True when every load of this build (and every dataset it removed) is of a kind in ROWS_ONLY or index-only."""
    kinds = con.execute("""SELECT DISTINCT source, file_type FROM load_log
                           WHERE load_id IN (SELECT unnest($ids)) OR dataset IN (SELECT unnest($gone))""",
                        {"ids": load_ids, "gone": removed}).fetchall()
    return all(kind in ROWS_ONLY or source in index_only for source, kind in kinds)


def live(con: duckdb.DuckDBPyConnection, view: str, rows: str, table: str = "contributions") -> str:
    """The SELECT of view (one of the *_live definitions, or contributions itself) over the rows `rows` (a SELECT) of
    table only."""
    sql = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = $v AND NOT temporary", {"v": view}
                      ).fetchall()[0][0]
    body = sql.split(" AS ", 1)[1].rstrip().rstrip(";")
    body, n = re.subn(rf"(FROM \(*){table}( AS \w+)?\b",
                      lambda m: f"{m.group(1)}({rows}){m.group(2) or f' AS {table}'}", body)
    if n != 1:
        raise ValueError(f"{view}: expected one read of {table}, found {n}")
    return body


def refresh_committees(con: duckdb.DuckDBPyConnection, load_ids: list[int]) -> dict[str, int]:
    """committee_rollup and committee_donors re-derived for the groups of chg_rows; returns the rows written (and the
    committees whose 100 largest names were computed again from all their rows)."""
    counts = {"committee_rollup": _rollup(con, load_ids), "committee_donors": _donors(con)}
    return {**counts, "committees_whole": one(con, "SELECT count(*) FROM chg_whole")}


def _rollup(con: duckdb.DuckDBPyConnection, load_ids: list[int]) -> int:
    """The (committee, cycle, month) groups of gone and re-ruled rows computed again; new rows' sums added."""
    con.execute("""CREATE OR REPLACE TEMP TABLE chg_groups AS
                   SELECT DISTINCT recipient_cmte_id, cycle, date_trunc('month', transaction_dt)::DATE AS month
                   FROM chg_rows WHERE state <> 'new'""")
    written = 0
    if one(con, "SELECT count(*) FROM chg_groups"):
        con.execute(f"DELETE FROM committee_rollup r WHERE EXISTS (SELECT 1 FROM chg_groups g WHERE {_GROUP})")
        rows = ("SELECT * FROM contributions c WHERE EXISTS (SELECT 1 FROM chg_groups g WHERE "
                + rewrite(_GROUP, ("r.recipient_cmte_id", "c.recipient_cmte_id"), ("r.cycle", "c.cycle"),
                          ("r.month", "date_trunc('month', c.transaction_dt)::DATE")) + ")")
        written += one(con, f"INSERT INTO committee_rollup {live(con, 'committee_rollup_live', rows)}")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE chg_added AS SELECT * FROM ({live(con, 'committee_rollup_live',
                    'SELECT * FROM contributions WHERE load_id IN (SELECT unnest($ids))')}) r
                    WHERE NOT EXISTS (SELECT 1 FROM chg_groups g WHERE {_GROUP})""", {"ids": load_ids})
    sums = ", ".join(f"{c} = coalesce(r.{c} + g.{c}, r.{c}, g.{c})" for c in _ROLLUP_SUMS)
    written += one(con, f"""UPDATE committee_rollup r SET {sums}, counted_rows = r.counted_rows + g.counted_rows,
                            net_amount = r.net_amount + g.net_amount FROM chg_added g WHERE {_GROUP}""")
    written += one(con, f"""INSERT INTO committee_rollup SELECT * FROM chg_added g
                            WHERE NOT EXISTS (SELECT 1 FROM committee_rollup r WHERE {_GROUP})""")
    return written


def _donors(con: duckdb.DuckDBPyConnection) -> int:
    """The changed (committee, name) pairs summed again and merged into each committee's 100 largest."""
    con.execute("""CREATE OR REPLACE TEMP TABLE chg_pairs AS SELECT DISTINCT recipient_cmte_id, contributor_name
                   FROM chg_rows WHERE recipient_cmte_id IS NOT NULL""")
    rows = ("SELECT * FROM contributions c WHERE EXISTS (SELECT 1 FROM chg_pairs p WHERE p.recipient_cmte_id = "
            "c.recipient_cmte_id AND p.contributor_name IS NOT DISTINCT FROM c.contributor_name)")
    con.execute(f"CREATE OR REPLACE TEMP TABLE chg_sums AS {live(con, 'committee_donors_live', rows)}")
    # a committee that had 100 names and one of them lost money: a name outside them may now be among its 100
    con.execute("""CREATE OR REPLACE TEMP TABLE chg_whole AS
                   SELECT DISTINCT d.recipient_cmte_id FROM committee_donors d JOIN chg_pairs p
                     ON p.recipient_cmte_id = d.recipient_cmte_id AND p.contributor_name IS NOT DISTINCT FROM d.donor
                   LEFT JOIN chg_sums s ON s.recipient_cmte_id = d.recipient_cmte_id AND s.donor IS NOT DISTINCT FROM d.donor
                   WHERE (s.amount IS NULL OR s.amount < d.amount)
                     AND (SELECT count(*) FROM committee_donors k WHERE k.recipient_cmte_id = d.recipient_cmte_id) >= 100""")
    con.execute("""CREATE OR REPLACE TEMP TABLE chg_merged AS
                   SELECT recipient_cmte_id, donor, place, amount, rows,
                          row_number() OVER (PARTITION BY recipient_cmte_id ORDER BY amount DESC, donor) AS rank
                   FROM (SELECT d.* EXCLUDE (rank) FROM committee_donors d
                         WHERE d.recipient_cmte_id IN (SELECT recipient_cmte_id FROM chg_pairs)
                           AND NOT EXISTS (SELECT 1 FROM chg_pairs p WHERE p.recipient_cmte_id = d.recipient_cmte_id
                                             AND p.contributor_name IS NOT DISTINCT FROM d.donor)
                         UNION ALL SELECT * EXCLUDE (rank) FROM chg_sums)
                   WHERE recipient_cmte_id NOT IN (SELECT recipient_cmte_id FROM chg_whole)
                   QUALIFY rank <= 100""")
    con.execute("""DELETE FROM committee_donors WHERE recipient_cmte_id IN (SELECT recipient_cmte_id FROM chg_pairs)""")
    written = one(con, "INSERT INTO committee_donors SELECT * FROM chg_merged")
    whole = "SELECT * FROM contributions WHERE recipient_cmte_id IN (SELECT recipient_cmte_id FROM chg_whole)"
    return written + one(con, f"INSERT INTO committee_donors {live(con, 'committee_donors_live', whole)}")


def refresh_org_money(con: duckdb.DuckDBPyConnection) -> int:
    """org_money_rows re-derived for chg_rows and the rows whose attribution or donor changed; returns rows written."""
    # the rows org_money_rows_live can take (counted, of an organization or a registry person) against the stored
    # rows: a row in one only, whose organization, rule or donor differs, or that changed is deleted and written again.
    # One transaction: the rows are fetched again by rowid, which a checkpoint may renumber.
    with db.transaction(con):
        con.execute(f"""CREATE OR REPLACE TEMP TABLE chg_money AS
            SELECT n.rid, m.row_id FROM ({_MONEY_ROWS}) n
            FULL JOIN (SELECT * FROM org_money_rows WHERE row_table = 'contributions') m ON m.row_id = n.contribution_id
            WHERE n.rid IS NULL OR m.row_id IS NULL OR m.org_id IS DISTINCT FROM n.org_id
               OR m.rule IS DISTINCT FROM n.org_match OR m.donor_id IS DISTINCT FROM n.donor_id
               OR n.contribution_id IN (SELECT contribution_id FROM chg_rows)""")
        con.execute("""DELETE FROM org_money_rows WHERE row_table = 'contributions'
                       AND row_id IN (SELECT row_id FROM chg_money)""")
        rows = live(con, "contributions", "SELECT * FROM contribution_rows WHERE rowid IN (SELECT rid FROM chg_money)",
                    "contribution_rows")
        written = one(con, f"""INSERT INTO org_money_rows SELECT * FROM ({live(con, 'org_money_rows_live', rows)})
                               WHERE row_table = 'contributions'""")
    return written


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop this module's temp tables."""
    for name in ("chg_counts", "chg_rows", "chg_groups", "chg_added", "chg_pairs", "chg_sums", "chg_whole",
                 "chg_merged", "chg_money"):
        con.execute(f"DROP TABLE IF EXISTS {name}")


def one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The one integer a statement returns (a count, or the rows an INSERT, UPDATE or DELETE wrote)."""
    return int(con.execute(sql).fetchall()[0][0] or 0)

