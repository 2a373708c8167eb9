"""The `moneytrail` command line: build, sql, loads, search, coverage, orgs, claims, serve, up, fetch.

One module per command group; each adds its commands to the one Typer app in etl.cli.common.
"""

from __future__ import annotations

from etl.cli import build, claims, fetch, filings, orgs, query, serve
from etl.cli.common import app

__all__ = ["app", "build", "claims", "fetch", "filings", "main", "orgs", "query", "serve"]


def main() -> None:
    """Entry point of the `moneytrail` script."""
    app()
