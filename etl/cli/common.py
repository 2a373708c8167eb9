"""What every command shares: the Typer app, the warehouse path (--db), errors, and CSV output of a query."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any, NoReturn

import duckdb
import typer
from rich.console import Console

from etl import config, db

app = typer.Typer(help="moneytrail: follow money between AI companies, US politics and the US government.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False)
err = Console(stderr=True, soft_wrap=True)  # an error is one line, however long its paths
DB_HELP = "Warehouse file (default data/moneytrail.duckdb, or $MONEYTRAIL_DB)."
# Every command takes --db too (after its name), so `moneytrail build --db X` works as well as `moneytrail --db X build`.
DB_OPT = typer.Option(None, "--db", help=DB_HELP, show_default=False)
FULL_OPT = typer.Option(False, "--full", help="Rebuild the warehouse from every file instead of updating it "
                                              "(by default only changed files are loaded and only what they touch "
                                              "is re-derived).")


class State:
    """Options shared by every command."""

    db_path: Path = config.DEFAULT_DB
    full: bool = False  # --full: the next build rebuilds the warehouse from every file (etl/incremental.py)


state = State()


@app.callback()
def main_options(db_path: Path = typer.Option(None, "--db", envvar="MONEYTRAIL_DB", help=DB_HELP,
                                              show_default=False)) -> None:
    """Global options. Example: moneytrail --db /tmp/mt.duckdb sql "SELECT count(*) FROM contributions\""""
    try:
        state.db_path = db_path or config.settings().db
    except config.ConfigError as exc:
        fail(str(exc), 2)


def use_db(db_path: Path | None) -> Path:
    """The warehouse for this command: its own --db if given, else the global one."""
    if db_path is not None:
        state.db_path = db_path
    return state.db_path


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error and exit with code."""
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def demo_path(path: Path) -> Path:
    """Where `moneytrail up` puts the SYNTHETIC demo beside a warehouse path (never in its place)."""
    return path.with_name(path.stem + "-demo.duckdb")


def reader() -> duckdb.DuckDBPyConnection:
    """The locked read connection (etl.db.read_connection), or a clear error naming the demo when only it exists."""
    try:
        return db.read_connection(state.db_path)
    except FileNotFoundError as exc:
        demo = demo_path(state.db_path)
        if demo.exists():  # after an offline `up`: say where the (synthetic) warehouse is instead of "no database"
            fail(f"no database at {state.db_path}; the SYNTHETIC demo (fictional data) is at {demo}: "
                 f"add --db {demo} to use it", 2)
        fail(str(exc), 2)
    except duckdb.Error as exc:
        fail(f"cannot open {state.db_path} as a warehouse: {str(exc).splitlines()[0]}", 2)


# First line of every listing a command prints from the demo, as on the explorer's CSV downloads.
SYNTHETIC_LINE = "# SYNTHETIC DEMO DATA: fictional records, do not cite; no record links to a real site"


def say_if_synthetic(con: duckdb.DuckDBPyConnection) -> None:
    """Print SYNTHETIC_LINE on standard output when con is the SYNTHETIC demo warehouse (warehouse_info.synthetic)."""
    try:
        demo = con.execute("SELECT count(*) FROM warehouse_info WHERE key = 'synthetic' AND value = 'true'").fetchall()
    except duckdb.Error:  # a warehouse built before warehouse_info existed is not the demo
        return
    if demo[0][0]:
        print(SYNTHETIC_LINE)


def query_failure(exc: duckdb.Error) -> str:
    """One line saying why a reader's query stopped: time limit, memory limit, refused file access, or DuckDB's reason."""
    s = config.settings()
    if isinstance(exc, duckdb.InterruptException):
        return f"query stopped after {s.query_seconds:g} s (the time limit, MONEYTRAIL_QUERY_SECONDS)"
    if isinstance(exc, duckdb.OutOfMemoryException):
        return f"query stopped at the memory limit of {s.read_memory_limit} (MONEYTRAIL_READ_MEMORY_LIMIT)"
    if isinstance(exc, duckdb.PermissionException):
        return "refused: queries read the warehouse only (no files, no network, no extensions)"
    return f"query failed: {str(exc).splitlines()[0]}"


def print_query(query: str, params: dict[str, Any] | None = None) -> None:
    """Run one read-only query with bound parameters under the time limit and print CSV to standard output."""
    con = reader()
    try:
        names, rows = db.run_limited(con, query, params)
        say_if_synthetic(con)
    except duckdb.Error as exc:
        fail(query_failure(exc), 2)
    finally:
        con.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(names)
    out.writerows(rows)
