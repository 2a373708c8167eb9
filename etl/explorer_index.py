"""Indexes the explorer reads through, made once at the end of a build, after the last update of their columns."""

from __future__ import annotations

import duckdb

# The Person page asks for one donor's rows; without an index each of its queries scans donor_id of every row
# (1 s and more at 50M rows). DuckDB reads an ART index only when the indexed column is the scan's only filter and
# few rows match (at most max(2048, 0.1% of the table)): enough for one donor, never for a large committee.
INDEXES = {"contributions_donor_id": ("contributions", "donor_id")}


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every explorer index that is missing (call after donor clustering: updates of an indexed column are slow)."""
    for name, (table, column) in INDEXES.items():
        con.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})")


def drop(con: duckdb.DuckDBPyConnection) -> None:
    """Drop them (before re-deriving their columns on an existing warehouse)."""
    for name in INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {name}")
