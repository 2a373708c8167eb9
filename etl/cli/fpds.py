"""`moneytrail fetch fpds`: FPDS contract actions, Other Transaction agreements included, from the SAM.gov
Contract Awards API (needs SAM_API_KEY)."""

from __future__ import annotations

from pathlib import Path

import typer

from etl.cli.common import DB_OPT, err, use_db
from etl.cli.fetch import NO_LOAD_OPT, RAW_OPT, _run, client, fetch_app
from etl.cli.progress import Bars
from etl.net.http import FetchSummary, raw_dir


@fetch_app.command("fpds")
def fetch_fpds(
    piid: list[str] | None = typer.Option(None, "--piid", help="PIID (repeatable; dashes are dropped, as SAM.gov "
                                                               "writes PIIDs: HQ0883-25-9-0012 -> HQ08832590012)."),
    uei: list[str] | None = typer.Option(None, "--uei", help="Awardee UEI (repeatable; one query each)."),
    name: list[str] | None = typer.Option(None, "--name", help="Awardee legal business name, or part of it "
                                                               "(repeatable; one query each)."),
    max_pages: int | None = typer.Option(None, "--max-pages", help="Stop after N pages this run (run again to "
                                                                   "continue)."),
    raw: Path | None = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """Every contract action (base awards and modifications, OT agreements, IDVs and orders included) for
    PIIDs, UEIs or awardee names; without filters, the PIIDs of etl/registry/announced_awards.csv and the
    registry's contract recipients (resellers left out). The key comes from SAM_API_KEY only.

    Example: SAM_API_KEY=... moneytrail fetch fpds --piid HQ0883-25-9-0012
    """
    from etl.sources.fpds import api
    use_db(db_path)
    folder = raw or raw_dir()
    queries = ({"piids": piid or [], "ueis": uei or [], "names": name or []} if (piid or uei or name)
               else api.registry_queries())

    def run() -> list[FetchSummary]:
        with client() as http, Bars(err) as bars:
            return [api.fetch_contract_actions(http, folder, **queries, max_pages=max_pages,
                                               progress=bars("SAM.gov contract actions", "records"))]
    _run(run, folder, no_load)
