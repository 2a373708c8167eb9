"""The named-query registry: a Query is SQL with bound $parameters and a method note (its function's docstring)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb


@dataclass(frozen=True)
class Result:
    """Columns and rows of one query: every row, or its first rows and the whole query's row count (total)."""

    columns: list[str]
    rows: list[tuple]
    total: int | None = None

    @property
    def count(self) -> int:
        """How many rows the whole query has (more than len(rows) when only its first rows were read)."""
        return len(self.rows) if self.total is None else self.total

    def records(self) -> list[dict[str, Any]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def one(self) -> dict[str, Any]:
        """The single row of a one-row query (totals), as a dictionary."""
        (row,) = self.records()
        return row


@dataclass(frozen=True)
class Query:
    """A named query: its SQL, its method note, and the parameters it takes."""

    name: str
    title: str
    note: str
    sql: str

    def run(self, con: duckdb.DuckDBPyConnection, **params: Any) -> Result:
        """Run with bound parameters and read every row."""
        cur = con.execute(self.sql, params)
        return Result([d[0] for d in cur.description], cur.fetchall())

    def first(self, con: duckdb.DuckDBPyConnection, n: int, **params: Any) -> Result:
        """Its first n rows, in its own order, and how many rows it has: the limit is in the SQL, so a table of
        300,000 rows behind a figure is counted and cut by DuckDB, never turned into Python objects."""
        total = con.execute(f"SELECT count(*) FROM ({self.sql})", params).fetchall()[0][0]
        cur = con.execute(f"SELECT * FROM ({self.sql}) LIMIT $first_n", {**params, "first_n": n})
        return Result([d[0] for d in cur.description], cur.fetchall(), int(total))


QUERIES: dict[str, Query] = {}


def query(name: str, title: str, sql: str) -> Callable[[Callable[[], None]], Query]:
    """Register a query; the decorated function's docstring is its method note."""
    def register(fn: Callable[[], None]) -> Query:
        if name in QUERIES:  # two modules registering one name would silently replace a page's query
            raise ValueError(f"query {name!r} is registered twice")
        QUERIES[name] = Query(name, title, (fn.__doc__ or "").strip(), sql)
        return QUERIES[name]
    return register
