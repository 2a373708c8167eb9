"""The line hashes of loaded FEC bulk row files (bulk_line_hashes), which a newer copy is compared with (diff.py)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.sources.fec_bulk.specs import Spec

# SUB_ID is the last field of these files' lines (oppexp's is not: it is reloaded whole when it changes).
DIFFED = {"indiv", "oth", "pas2"}


def lines_sql(plain: Path) -> str:
    """A reader of the file's lines as one column `line` (latin-1 reads every byte; no field splitting)."""
    path = str(plain).replace("'", "''")
    no_delim = chr(1) + chr(2) + chr(3)  # a field separator no line holds: each line is one value
    return (f"read_csv('{path}', columns={{'line': 'VARCHAR'}}, header=false, delim='{no_delim}', quote='', "
            "escape='', new_line='\\n', auto_detect=false, encoding='latin-1', max_line_size=10000000)")


def remember(con: duckdb.DuckDBPyConnection, spec: Spec, dataset: str, plain: Path) -> None:
    """Keep the hash of every loaded line of a freshly loaded row file (SUB_IDs seen once only)."""
    if spec.file_type not in DIFFED:
        return
    con.execute("DELETE FROM bulk_line_hashes WHERE dataset = $d", {"d": dataset})
    try:
        con.execute(f"""
            INSERT INTO bulk_line_hashes
            SELECT $d, sub_id, h FROM (SELECT split_part(line, '|', -1) AS sub_id, hash(line) AS h FROM {lines_sql(plain)})
            WHERE sub_id IN (SELECT sub_id FROM {spec.table} WHERE dataset = $d)
            QUALIFY count(*) OVER (PARTITION BY sub_id) = 1""", {"d": dataset})
    except duckdb.Error:
        pass  # a line the plain reader cannot take: no hashes, so the next copy of this file is loaded whole


def remembered(con: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    """True when the dataset's loaded lines have their hashes (a diff is possible)."""
    return bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM bulk_line_hashes WHERE dataset = $d LIMIT 1)",
                            {"d": dataset}).fetchall()[0][0])


