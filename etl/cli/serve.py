"""`moneytrail serve` and `moneytrail up`: the explorer, on the warehouse (fetched or built first) or the demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import typer

from etl import watchlist
from etl.cli.build import build_into
from etl.cli.common import DB_OPT, FULL_OPT, app, demo_path, err, fail, state, use_db
from etl.cli.fetch import client
from etl.cli.progress import Bars
from etl.net.http import raw_dir

PORT_OPT = typer.Option(8501, "--port", help="Port for the explorer.")
NO_BROWSER_OPT = typer.Option(False, "--no-browser", help="Do not open a browser window.")


def _streamlit_cmd(port: int, no_browser: bool) -> list[str]:
    app_path = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    return [sys.executable, "-m", "streamlit", "run", str(app_path), "--server.port", str(port),
            "--server.address", "127.0.0.1", "--server.headless", "true" if no_browser else "false",
            "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "none",
            # A served explorer never edits its own files, so no module watcher (it realpath()s every imported
            # module after every page run); and no full gc.collect() after every page run: with 50 sessions these
            # two were over half of the server's CPU (bench/bench_serve.py, README "Concurrent explorer sessions").
            "--server.fileWatcherType", "none", "--server.runOnSave", "false", "--runner.postScriptGC", "false"]


def check_port(port: int) -> None:
    """One line, not a traceback, for a port outside 1-65535 or one already in use on 127.0.0.1."""
    import socket
    if not 1 <= port <= 65535:
        fail(f"--port {port}: a port is a number from 1 to 65535", 2)
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            fail(f"--port {port}: cannot listen there ({exc.strerror}); choose another port", 2)


def run_server(port: int, no_browser: bool) -> NoReturn:
    """Become the explorer on the warehouse at --db, read-only."""
    check_port(port)
    if not state.db_path.exists():
        fail(f"no database at {state.db_path}: run `moneytrail build --from DIR` or `moneytrail up` first", 2)
    if not state.db_path.is_file():
        fail(f"{state.db_path} is not a warehouse file (a folder?): give --db the path of a .duckdb file", 2)
    env = {**os.environ, "MONEYTRAIL_DB": str(state.db_path.resolve())}
    cmd = _streamlit_cmd(port, no_browser)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(cmd[0], cmd, env)  # become the server, so that signals reach it and nothing is orphaned


@app.command()
def serve(port: int = PORT_OPT, no_browser: bool = NO_BROWSER_OPT, db_path: Path | None = DB_OPT) -> None:
    """Start the explorer (Streamlit) on the warehouse, read-only.

    Example: moneytrail serve --port 8502 --no-browser
    """
    use_db(db_path)
    run_server(port, no_browser)


@app.command()
def up(
    source_dir: Path | None = typer.Option(None, "--from", help="Build from this folder of downloaded records "
                                                                "instead of fetching."),
    demo: bool = typer.Option(False, "--demo", help="Start the labelled SYNTHETIC demo (fictional people and "
                                                    "companies)."),
    cycles: list[int] | None = typer.Option(None, "--cycle", help="FEC cycle(s) to fetch (default: current and "
                                                                  "previous)."),
    port: int = PORT_OPT,
    no_browser: bool = NO_BROWSER_OPT,
    full: bool = FULL_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """Fetch the default watchlist warehouse if there is none yet (or start the demo offline), then open the explorer.

    Example: moneytrail up --no-browser --port 8502
    """
    use_db(db_path)
    state.full = full
    check_port(port)
    if source_dir is not None and not Path(source_dir).is_dir():  # an error even when a database exists already
        fail(f"--from {source_dir}: no such folder", 2)
    if demo:
        _up_demo(port, no_browser, "you asked for the demo (--demo)")
    if state.db_path.exists():
        err.print(f"using the existing database {state.db_path} (delete it, or run `moneytrail fetch ...`, to refresh)")
    elif source_dir is not None:
        build_into(Path(source_dir))
    else:
        _up_fetch(cycles or watchlist.default_cycles(), port, no_browser)
    run_server(port, no_browser)


def _up_fetch(cycles: list[int], port: int, no_browser: bool) -> None:
    """Fetch the watchlist into the raw folder and build; with no network, start the demo instead."""
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
    with client() as http, Bars(err) as bars:
        overall = bars("watchlist", "steps")

        def on_step(st: watchlist.Step) -> None:
            overall.describe(f"watchlist: {st.name}")
            overall(steps.index(st), len(steps))

        summaries, failed = watchlist.fetch_all(steps, http, raw, bars, on_step)
        overall.describe("watchlist fetched")
        overall(len(steps), len(steps))
    failed = {**down, **failed}
    for name, why in failed.items():
        err.print(f"[red]failed[/red] {name}: {why}")
    if not summaries:
        _up_demo(port, no_browser, "nothing could be fetched (above)")
    build_into(raw)
    if failed:
        err.print(f"[yellow]the warehouse lacks {len(failed)} source(s) listed above[/yellow]; "
                  "retry them with `moneytrail fetch ...` (fetches resume where they stopped)")


def _up_demo(port: int, no_browser: bool, why: str) -> NoReturn:
    """Build (once) and serve the labelled synthetic demo warehouse, beside the real one, never in its place."""
    from etl.demo import build_demo

    target = demo_path(state.db_path)
    err.print(f"[bold yellow]Starting the SYNTHETIC DEMO[/bold yellow] ({why}): every person, company and award in it "
              "is fictional. For the real records, run `moneytrail up` with a network connection.")
    if not target.exists():
        with Bars(err) as bars:
            build_demo(target, console=err, bars=bars)
    state.db_path = target
    run_server(port, no_browser)
