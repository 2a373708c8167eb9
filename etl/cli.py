"""The `moneytrail` command line: build, sql, loads, search, coverage, orgs, serve, up."""

from __future__ import annotations

import csv
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import duckdb
import typer
from rich.console import Console

from etl import config, db
from etl.sources._files import LoadError

app = typer.Typer(help="moneytrail: follow money between AI companies, US politics and the US government.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)


def _register_fetch() -> None:
    from etl.fetch_cli import fetch_app
    app.add_typer(fetch_app, name="fetch")


class State:
    """Options shared by every command."""

    db_path: Path = config.DEFAULT_DB


state = State()


@app.callback()
def main_options(
    db_path: Path = typer.Option(None, "--db", envvar="MONEYTRAIL_DB", help="Warehouse file (default data/moneytrail.duckdb).",
                                 show_default=False),
) -> None:
    """Global options. Example: moneytrail --db /tmp/mt.duckdb sql "SELECT count(*) FROM contributions\""""
    state.db_path = db_path or config.settings().db_path


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


@app.command()
def build(
    source_dir: Path = typer.Option(..., "--from", help="Folder to search for FEC bulk zips (indiv26.zip, cm26.zip, ...), .fec filings, USAspending files and AI inventory files."),
    keep_going: bool = typer.Option(False, "--keep-going", help="Swap the new database in even if some files failed (they stay in load_log as failed)."),
) -> None:
    """Build a new warehouse from every recognised file under a folder; the old one stays until it succeeds.

    Example: moneytrail build --from ../shared/data/fec
    """
    from etl.build import build as run_build
    try:
        run_build(source_dir, state.db_path, console=err, keep_going=keep_going)
    except LoadError as exc:
        _fail(str(exc))
    err.print(f"[green]built[/green] {state.db_path}")


@app.command()
def sql(query: str = typer.Argument(..., help="One read-only SQL query (SELECT or EXPLAIN).")) -> None:
    """Run one read-only query against the warehouse and print CSV to standard output.

    Example: moneytrail sql "SELECT cycle, sum(amount) FROM contributions WHERE counts_in_totals GROUP BY 1"
    """
    try:
        statements = db.check_read_only(query)
        if len(statements) != 1:
            raise db.ReadOnlyViolation(f"refused: give exactly one statement (got {len(statements)})")
    except db.ReadOnlyViolation as exc:
        _fail(str(exc), 2)
    _print_query(statements[0])


@app.command()
def loads() -> None:
    """Print the load log: every file loaded, its sha256, rows read, loaded and rejected.

    Example: moneytrail loads
    """
    _print_query("""SELECT load_id, status, file_type, dataset, rows_read, rows_loaded, rows_rejected,
                           left(sha256, 12) AS sha256, path FROM load_log ORDER BY load_id""")


class Kind(str, Enum):
    """What `moneytrail search` can look in."""

    ai_use_case = "ai_use_case"
    award = "award"


@app.command()
def search(
    text: str = typer.Argument(..., help="Words to find, e.g. GPT-4, ChatGPT, \"large language model\" (every word must occur)."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="Only AI use cases or only contract awards."),
    limit: int = typer.Option(100, "--limit", min=1, max=100000, help="Most results to print."),
) -> None:
    """Full-text search of AI use cases and contract awards; prints CSV with the fields where the words were found.

    Example: moneytrail search "GPT-4" --kind ai_use_case
    """
    from etl.search import search as run_search
    con = _reader()
    try:
        rows = run_search(con, text, kind.value if kind else None, limit)
    finally:
        con.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["kind", "doc_key", "title", "detail", "score", "matched_fields", "source_url"])
    out.writerows([[r["kind"], r["doc_key"], r["title"], r["detail"], r["score"], " ".join(r["matched_fields"]),
                    r["source_url"]] for r in rows])


@app.command()
def coverage() -> None:
    """Print what each source covers and what it does not (OT agreements, DoD delay, unitemized gifts, ...).

    Example: moneytrail coverage
    """
    _print_query("SELECT source, topic, covered, detail, reference FROM source_coverage ORDER BY source, covered DESC, topic")


orgs_app = typer.Typer(help="Organizations in the registry and how money is attributed to them. "
                            "Example: moneytrail orgs audit openai", no_args_is_help=True)
app.add_typer(orgs_app, name="orgs")


@orgs_app.command("list")
def orgs_list() -> None:
    """List the registry's organizations with their attributed rows and counted amount.

    Example: moneytrail orgs list
    """
    _print_query("""SELECT o.org_id, o.name, o.peer_set, count(c.contribution_id) AS attributed_rows,
                           coalesce(sum(c.amount) FILTER (WHERE c.counts_in_totals), 0) AS counted_amount
                    FROM registry_organizations o LEFT JOIN contributions c ON c.org_id = o.org_id
                    GROUP BY ALL ORDER BY o.org_id""")


@orgs_app.command("audit")
def orgs_audit(org: str = typer.Argument(..., help="Organization ID, any case (OPENAI, google, ...).")) -> None:
    """Every employer string (and contributor name) attributed to an organization, or kept out as a look-alike.

    Example: moneytrail orgs audit GOOGLE
    """
    org_id = org.strip().lower()
    con = _reader()
    try:
        known = [o for (o,) in con.execute("SELECT org_id FROM registry_organizations ORDER BY 1").fetchall()]
    finally:
        con.close()
    if org_id not in known:
        _fail(f"unknown organization {org!r}; the registry has: {', '.join(known)}", 2)
    _print_query("""SELECT employer, rule, attributed, rows, amount FROM employer_matches WHERE org_id = $org
                    ORDER BY attributed DESC, rows DESC, employer""", {"org": org_id})


def _reader() -> duckdb.DuckDBPyConnection:
    try:
        return db.connect(state.db_path, read_only=True)
    except FileNotFoundError as exc:
        _fail(str(exc), 2)
        raise


def _print_query(query: str, params: dict | None = None) -> None:
    con = _reader()
    try:
        cur = con.execute(query, params or {})
        rows = cur.fetchall()
        names = [d[0] for d in cur.description or []]
    except duckdb.Error as exc:
        _fail(f"query failed: {str(exc).splitlines()[0]}", 2)
    finally:
        con.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(names)
    out.writerows(rows)


def _streamlit_cmd(port: int, no_browser: bool) -> list[str]:
    app_path = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    return [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true" if no_browser else "false",
            "--browser.gatherUsageStats", "false"]


@app.command()
def serve(
    port: int = typer.Option(8501, "--port", help="Port for the explorer."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
) -> None:
    """Start the explorer (Streamlit) on the warehouse, read-only.

    Example: moneytrail serve --port 8502 --no-browser
    """
    if not state.db_path.exists():
        _fail(f"no database at {state.db_path}: run `moneytrail build --from DIR` or `moneytrail up` first", 2)
    env = {**os.environ, "MONEYTRAIL_DB": str(state.db_path.resolve())}
    cmd = _streamlit_cmd(port, no_browser)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(cmd[0], cmd, env)  # become the server, so that signals reach it and nothing is orphaned


@app.command()
def up(
    source_dir: Optional[Path] = typer.Option(None, "--from", help="Folder of downloaded records to build from (default: $MONEYTRAIL_SHARED_DATA)."),
    port: int = typer.Option(8501, "--port", help="Port for the explorer."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
) -> None:
    """Build the warehouse if there is none yet, then start the explorer.

    Example: MONEYTRAIL_SHARED_DATA=../shared/data moneytrail up --no-browser
    """
    if not state.db_path.exists():
        folder = source_dir or config.settings().shared_data
        if folder is None:
            _fail("no database yet and nothing to build it from: pass --from DIR or set MONEYTRAIL_SHARED_DATA "
                  "(fetching live records is not built yet)", 2)
        from etl.build import build as run_build
        try:
            run_build(Path(folder), state.db_path, console=err)
        except LoadError as exc:
            _fail(str(exc))
    else:
        err.print(f"using the existing database {state.db_path}")
    serve(port=port, no_browser=no_browser)


_register_fetch()


def main() -> None:
    """Entry point of the `moneytrail` script."""
    app()
