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

from etl import config, db, watchlist
from etl.net.files import LoadError

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
    source_dir: Optional[Path] = typer.Option(None, "--from", help="Build from this folder of downloaded records instead of fetching."),
    demo: bool = typer.Option(False, "--demo", help="Start the labelled SYNTHETIC demo (fictional people and companies)."),
    cycles: Optional[list[int]] = typer.Option(None, "--cycle", help="FEC cycle(s) to fetch (default: current and previous)."),
    port: int = typer.Option(8501, "--port", help="Port for the explorer."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser window."),
) -> None:
    """Fetch the default watchlist warehouse if there is none yet (or start the demo offline), then open the explorer.

    Example: moneytrail up --no-browser --port 8502
    """
    if demo:
        _up_demo(port, no_browser, "you asked for the demo (--demo)")
    if state.db_path.exists():
        err.print(f"using the existing database {state.db_path} (delete it, or run `moneytrail fetch ...`, to refresh)")
    elif source_dir is not None:
        from etl.build import build as run_build
        try:
            run_build(Path(source_dir), state.db_path, console=err)
        except LoadError as exc:
            _fail(str(exc))
    else:
        _up_fetch(cycles or watchlist.default_cycles(), port, no_browser)
    serve(port=port, no_browser=no_browser)


def _up_fetch(cycles: list[int], port: int, no_browser: bool) -> None:
    """Fetch the watchlist into the raw folder and build; with no network, start the demo instead."""
    from rich.progress import Progress

    from etl.build import build as run_build
    from etl.fetch_cli import bar_factory, client, columns
    from etl.net.http import raw_dir

    raw = raw_dir()
    steps = watchlist.plan(cycles, err)
    err.print(f"moneytrail up: no database at {state.db_path}; fetching the watchlist (cycles "
              f"{', '.join(map(str, cycles))}) into {raw}")
    down = watchlist.unreachable(steps)
    for name, why in down.items():
        err.print(f"[red]cannot reach[/red] {name}: {why}")
    if len(down) == len(steps):
        _up_demo(port, no_browser, "no source could be reached (above)")
    steps = [st for st in steps if st.name not in down]
    with client() as http, Progress(*columns(), console=err) as progress:
        overall = progress.add_task("watchlist", total=len(steps), unit="steps")

        def on_step(st: watchlist.Step) -> None:
            progress.update(overall, description=f"watchlist: {st.name}", completed=steps.index(st))

        summaries, failed = watchlist.fetch_all(steps, http, raw, bar_factory(progress), on_step)
        progress.update(overall, completed=len(steps), description="watchlist fetched")
    failed = {**down, **failed}
    for name, why in failed.items():
        err.print(f"[red]failed[/red] {name}: {why}")
    if not summaries:
        _up_demo(port, no_browser, "nothing could be fetched (above)")
    try:
        run_build(raw, state.db_path, console=err)
    except LoadError as exc:
        _fail(str(exc))
    if failed:
        err.print(f"[yellow]the warehouse lacks {len(failed)} source(s) listed above[/yellow]; "
                  "retry them with `moneytrail fetch ...` (fetches resume where they stopped)")


def _up_demo(port: int, no_browser: bool, why: str) -> None:
    """Build (once) and serve the labelled synthetic demo warehouse, beside the real one, never in its place."""
    from etl.demo import build_demo

    target = state.db_path.with_name(state.db_path.stem + "-demo.duckdb")
    err.print(f"[bold yellow]Starting the SYNTHETIC DEMO[/bold yellow] ({why}): every person, company and award in it "
              "is fictional. For the real records, run `moneytrail up` with a network connection.")
    if not target.exists():
        build_demo(target, console=err)
    state.db_path = target
    serve(port=port, no_browser=no_browser)


_register_fetch()
from etl.claims_cli import claims as _claims  # noqa: E402 - `moneytrail claims` (to move into etl/cli/)
app.command("claims")(_claims)


def main() -> None:
    """Entry point of the `moneytrail` script."""
    app()
