"""`moneytrail build`: a new warehouse from a folder of records, swapped in only when every file loaded."""

from __future__ import annotations

import io
from pathlib import Path

import typer
from rich.console import Console

from etl.cli.common import DB_OPT, FULL_OPT, app, err, fail, state, use_db
from etl.cli.progress import Bars
from etl.net.files import LoadError


def build_into(source_dir: Path, keep_going: bool = False) -> None:
    """Build (or update) the warehouse at --db from source_dir with a bar per file, then its report; a failure exits
    with why. --full (state.full) rebuilds it from every file."""
    from etl.build import build as run_build
    # The report is held until the bars stop, so that it reads below them rather than between them.
    report = Console(file=io.StringIO(), record=True, width=err.width, force_terminal=err.is_terminal,
                     soft_wrap=True)  # a failed file's reason stays one line
    try:
        with Bars(err) as bars:
            run_build(source_dir, state.db_path, console=report, keep_going=keep_going, bars=bars, full=state.full)
    except LoadError as exc:
        err.file.write(report.export_text(styles=err.is_terminal))
        fail(str(exc))
    err.file.write(report.export_text(styles=err.is_terminal))


@app.command()
def build(
    source_dir: Path = typer.Option(..., "--from", help="Folder to search for FEC bulk zips (indiv26.zip, cm26.zip, "
                                                        "...), .fec filings, USAspending files and AI inventory files."),
    keep_going: bool = typer.Option(False, "--keep-going", help="Swap the new database in even if some files failed "
                                                                "(they stay in load_log as failed)."),
    full: bool = FULL_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """Build or update the warehouse from every recognised file under a folder; the old one stays until it succeeds.

    Example: moneytrail build --from ../shared/data/fec
    """
    use_db(db_path)
    state.full = full
    build_into(source_dir, keep_going)
    err.print(f"[green]built[/green] {state.db_path}")
