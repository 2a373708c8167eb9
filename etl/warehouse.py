"""The warehouse schema, assembled in a fixed order: core and shared macros, each source's SQL (in SOURCES
order), then the model that reads them (registry, money views, search); and connections that apply it.

There is one data dictionary: every table, view and column carries a COMMENT ON in the file that
creates it (tests/test_schema.py fails when one is missing).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from etl import db, model, sources
from etl.net import cursors
from etl.sources.base import Source

# Views that show one table's rows (the newest snapshot of each) take that table's column comments,
# so the data dictionary is written once.
VIEW_COMMENTS_FROM = {"awards": "award_records", "award_transactions": "award_transaction_records",
                      "org_awards": "awards", "org_money_rows_live": "org_money_rows",
                      "committee_rollup_live": "committee_rollup",
                      "committee_donors_live": "committee_donors", "contributions": "contribution_rows"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def schema_parts() -> list[tuple[str, str]]:
    """(where, SQL) of every part of the schema, in the order it is applied."""
    parts = [(f"etl/model/{n}", model.sql(n)) for n in model.BEFORE_SOURCES]
    parts.append(("etl/net/cursors.sql", cursors.ddl()))
    for src in sources.SOURCES:
        parts += [(f"source {src.name}", text) for text in src.sql()]
    parts += [(f"etl/model/{n}", model.sql(n)) for n in model.AFTER_SOURCES]
    parts.append(("source_as_of", as_of_view(sources.SOURCES)))
    return parts


def schema_sql() -> str:
    """The whole warehouse schema as one text."""
    return "\n".join(text for _, text in schema_parts())


def as_of_view(srcs: list[Source]) -> str:
    """The view source_as_of: one row per source with its as-of query's answer (the coverage query reads it)."""
    selects = []
    for src in srcs:
        query = src.as_of()
        if query is None:
            continue
        if not _NAME.match(src.name):
            raise ValueError(f"source name {src.name!r}: lower-case letters, digits and _ only")
        selects.append(f"SELECT '{src.name}' AS source, ({query.strip().rstrip(';')})::VARCHAR AS data_as_of")
    body = "\nUNION ALL\n".join(selects) or "SELECT NULL::VARCHAR AS source, NULL::VARCHAR AS data_as_of WHERE false"
    return f"""CREATE OR REPLACE VIEW source_as_of AS
{body};
COMMENT ON VIEW source_as_of IS 'How current each source''s loaded records are, '
    'from the as-of query of its package (etl/sources/<name>/as_of.sql).';
COMMENT ON COLUMN source_as_of.source IS 'Source (load_log.source).';
COMMENT ON COLUMN source_as_of.data_as_of IS 'FEC bulk and OpenFEC: latest transaction date; '
    'e-filings: end of the latest coverage period; USAspending: latest retrieval; AI inventory: latest inventory year; '
    'other sources: what their as_of.sql says.';
"""


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, view and macro (idempotent)."""
    for _, text in schema_parts():
        con.execute(text)
    for view, table in VIEW_COMMENTS_FROM.items():
        rows = con.execute(
            """SELECT v.column_name, t.comment FROM duckdb_columns() v
               JOIN duckdb_columns() t ON t.table_name = $table AND t.column_name = v.column_name
               WHERE v.table_name = $view AND v.comment IS NULL AND t.comment IS NOT NULL""",
            {"view": view, "table": table},
        ).fetchall()
        for column, comment in rows:
            con.execute(f"COMMENT ON COLUMN {view}.{column} IS '{comment.replace(chr(39), chr(39) * 2)}'")


def connect(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open (or create) a warehouse file for writing, with the schema applied."""
    con = db.connect(path)
    apply_schema(con)
    return con
