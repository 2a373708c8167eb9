"""One DuckDB thread for an update's work on a few rows (the diff's part, attribution and donors of the changed rows,
their money and Committee rows): DuckDB's parallel operators cost more CPU there than they save time. A 2M-line +2%
update cost 4.31-4.74 CPU-s on one thread against 4.92-5.42 on two, in about the same wall time (README, Incremental
builds). Loads of whole files and rebuilds of every row keep every thread."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


@contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block with DuckDB's threads set to 1, then as they were."""
    before = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {before}")
