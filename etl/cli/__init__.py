"""The `moneytrail` command line: build, sql, loads, search, coverage, orgs, serve, up, fetch.

One module per command group; each adds its commands to the one Typer app in etl.cli.common.
"""

from __future__ import annotations

import sys

from rich.markup import escape

from etl import config
from etl.cli import build, fetch, fpds, orgs, query, serve
from etl.cli.common import app, err

__all__ = ["app", "build", "fetch", "fpds", "main", "orgs", "query", "serve"]


def main() -> None:
    """Entry point of the `moneytrail` script."""
    try:
        app()
    except config.ConfigError as exc:  # a bad environment variable: say which, without a traceback
        err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        sys.exit(2)
