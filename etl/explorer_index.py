"""Indexes the explorer reads through, made once at the end of a build, after the last update of their columns."""

from __future__ import annotations

import duckdb

# The Person page asks for one donor's rows; without an index each of its queries scans donor_id of every row
# (1 s and more at 50M rows). DuckDB reads an ART index only when the indexed column is the scan's only filter and
# few rows match (at most max(2048, 0.1% of the table)): enough for one donor, never for a large committee.
INDEXES = {"contributions_donor_id": ("contributions", "donor_id")}


# An UPDATE of an indexed column is a delete and an insert in the index: on a 2M-row warehouse, writing the donor_id
# of 100 rows took 0.39 CPU-s with the index (its first use), of 10,000 more 1.55 and of 40,000 more 5.6 (about
# 140 us a row), against 0.41 for 40,000 rows without it; creating the index takes 0.83 (0.42 us a row indexed). So
# an update keeps the index when it changes at most one row in KEEP_RATIO (3,300 of 2M), else makes it again.
KEEP_RATIO = 600


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
