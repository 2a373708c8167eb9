"""Indexes the explorer reads through: made at the end of a full build, after the last update of their columns; kept
by an update that changes few rows (its donor_ids written by writing those rows again)."""

from __future__ import annotations

import duckdb

from etl import db

# The Person page asks for one donor's rows; without an index each of its queries scans donor_id of every row
# (1 s and more at 50M rows). DuckDB reads an ART index only when the indexed column is the scan's only filter and
# few rows match (at most max(2048, 0.1% of the table)): enough for one donor, never for a large committee.
INDEXES = {"contributions_donor_id": ("contribution_rows", "donor_id")}


# An UPDATE of an indexed column is a delete and an insert in the index, and slow: on a 2M-row warehouse, writing the
# donor_id of 100 rows took 0.39 CPU-s with the index (its first use), of 10,000 more 1.55 and of 40,000 more 5.6
# (about 140 us a row), against 0.41 for 40,000 rows without it. Deleting the rows and inserting them again with their
# new donor_id, in one transaction, took 0.39 CPU-s for an update's 39,173 new rows and 0.85 for 40,000 rows anywhere
# in the table (commit included: about 10-21 us a row); creating the index takes 0.83-1.2 (0.4-0.6 us a row). So an
# update keeps the index and writes donor_ids that way (write_donor_ids) when it changes at most one row in KEEP_RATIO.
KEEP_RATIO = 40


def keep(con: duckdb.DuckDBPyConnection, rows_changed: int) -> bool:
    """True when an update changing rows_changed contribution rows should keep the indexes (cheaper than again)."""
    total = con.execute("SELECT count(*) FROM contributions").fetchall()[0][0]
    return rows_changed * KEEP_RATIO <= total


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every explorer index that is missing (call after donor clustering: updates of an indexed column are slow)."""
    for name, (table, column) in INDEXES.items():
        con.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop them (before re-deriving their columns on an existing warehouse)."""
    for name in INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {name}")


def exists(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the donor_id index is in the database (an update that kept it)."""
    return bool(con.execute("""SELECT count(*) FROM duckdb_indexes() WHERE index_name IN (SELECT unnest($names))
                               AND database_name = current_database()""", {"names": list(INDEXES)}).fetchall()[0][0])


def write_donor_ids(con: duckdb.DuckDBPyConnection) -> int:
    """Write the donor_id of the temp table donor_assignment (contribution_id, donor_id) while the index exists: the rows
    whose donor_id differs are deleted and inserted again with it, in one transaction; returns their number."""
    with db.transaction(con):  # rowids are stable inside it (an update's donor clustering holds it open)
        # the rows first, then their columns: joined in one statement, every column of every row was read before the
        # join dropped all but the few rewritten (0.49 CPU-s against 0.10 + 0.22 for 61,707 of 2M rows)
        con.execute("""CREATE OR REPLACE TEMP TABLE donor_rewrite_ids AS SELECT c.rowid AS rewrite_rowid, a.donor_id
            FROM contribution_rows c JOIN (SELECT contribution_id, min(donor_id) AS donor_id FROM donor_assignment GROUP BY 1) a
              ON a.contribution_id = c.contribution_id  -- two copies of a bulk row share an ID: each row written once
            WHERE c.donor_id IS DISTINCT FROM a.donor_id""")
        con.execute("""CREATE OR REPLACE TEMP TABLE donor_rewrite AS
            SELECT i.rewrite_rowid, c.* REPLACE (i.donor_id AS donor_id)
            FROM contribution_rows c JOIN donor_rewrite_ids i ON c.rowid = i.rewrite_rowid""")
        con.execute("DELETE FROM contribution_rows WHERE rowid IN (SELECT rewrite_rowid FROM donor_rewrite_ids)")
        n = con.execute("INSERT INTO contribution_rows BY NAME SELECT * EXCLUDE (rewrite_rowid) FROM donor_rewrite"
                        ).fetchall()[0][0]
        con.execute("DROP TABLE donor_rewrite; DROP TABLE donor_rewrite_ids")
        return int(n)
