"""Read-only commands: sql, search, coverage, loads."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import duckdb
import typer

from etl import db
from etl.cli.common import DB_OPT, app, fail, print_query, query_failure, reader, say_if_synthetic, use_db


@app.command()
def sql(query: str = typer.Argument(..., help="One read-only SQL query (SELECT or EXPLAIN)."),
        db_path: Path | None = DB_OPT) -> None:
    """Run one read-only query against the warehouse and print CSV to standard output.

    Example: moneytrail sql "SELECT cycle, sum(amount) FROM contributions WHERE counts_in_totals GROUP BY 1"
    """
    use_db(db_path)
    try:
        statements = db.check_read_only(query)
        if len(statements) != 1:
            raise db.ReadOnlyViolation(f"refused: give exactly one statement (got {len(statements)})")
    except db.ReadOnlyViolation as exc:
        fail(str(exc), 2)
    print_query(statements[0])


@app.command()
def loads(db_path: Path | None = DB_OPT) -> None:
    """Print the load log: every file loaded, its sha256, rows read, loaded and rejected.

    Example: moneytrail loads
    """
    use_db(db_path)
    print_query("""SELECT load_id, status, file_type, dataset, rows_read, rows_loaded, rows_rejected,
                          left(sha256, 12) AS sha256, path FROM load_log ORDER BY load_id""")


class Kind(StrEnum):
    """What `moneytrail search` can look in."""

    ai_use_case = "ai_use_case"
    award = "award"


@app.command()
def search(
    text: str = typer.Argument(..., help="Words to find, e.g. GPT-4, ChatGPT, \"large language model\" "
                                         "(every word must occur)."),
    kind: Kind | None = typer.Option(None, "--kind", help="Only AI use cases or only contract awards."),
    limit: int = typer.Option(100, "--limit", min=1, max=100000, help="Most results to print."),
    db_path: Path | None = DB_OPT,
) -> None:
    """Full-text search of AI use cases and contract awards; prints CSV with the fields where the words were found.

    Example: moneytrail search "GPT-4" --kind ai_use_case
    """
    from etl.search import search as run_search
    use_db(db_path)
    con = reader()
    timer = db.interrupt_after(con)
    try:
        rows = run_search(con, text, kind.value if kind else None, limit)
        say_if_synthetic(con)
    except duckdb.Error as exc:
        fail(query_failure(exc), 2)
    finally:
        timer.cancel()
        con.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["kind", "doc_key", "title", "detail", "score", "matched_fields", "source_url"])
    out.writerows([[r["kind"], r["doc_key"], r["title"], r["detail"], r["score"], " ".join(r["matched_fields"]),
                    r["source_url"]] for r in rows])


@app.command()
def coverage(db_path: Path | None = DB_OPT) -> None:
    """Print what each source covers and what it does not (OT agreements, DoD delay, unitemized gifts, ...).

    Example: moneytrail coverage
    """
    use_db(db_path)
    print_query("SELECT source, topic, covered, detail, reference FROM source_coverage "
                "ORDER BY source, covered DESC, topic")
