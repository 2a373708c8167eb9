"""`moneytrail filings COMMITTEE_ID` and `moneytrail fetch filings --committee ID`: follow a committee's filings."""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import duckdb
import typer

from etl.cli.common import DB_OPT, app, err, fail, reader, use_db
from etl.cli.fetch import NO_LOAD_OPT, RAW_OPT, _run, client, fetch_app
from etl.cli.progress import Bars
from etl.net.http import FetchSummary, raw_dir

CMTE_RE = re.compile(r"^C\d{8}$")


def _committee(text: str) -> str:
    cmte = text.strip().upper()
    if not CMTE_RE.match(cmte):
        fail(f"not a committee ID: {text[:40]!r}; FEC committee IDs are C followed by 8 digits, e.g. C00892471", 2)
    return cmte


@app.command()
def filings(committee: str = typer.Argument(..., help="FEC committee ID, e.g. C00892471 (MAGA Inc.)."),
            db_path: Path | None = DB_OPT) -> None:
    """A committee's filings (form, period, received, amendment status, rows loaded), then each loaded filing
    reconciled line by line against its own cover page; CSV on standard output.

    Example: moneytrail filings C00892471
    """
    from etl.filing_queries import empty_message
    from etl.queries import QUERIES
    use_db(db_path)
    cmte = _committee(committee)
    con = reader()
    try:
        listed = QUERIES["committee_filings"].run(con, cmte_id=cmte)
        recon = QUERIES["committee_reconciliation"].run(con, cmte_id=cmte)
        loaded = QUERIES["filings_loaded"].run(con).one()
    except duckdb.Error as exc:
        fail(f"query failed: {str(exc).splitlines()[0]}", 2)
    finally:
        con.close()
    if not listed.rows:
        err.print(empty_message(cmte, loaded), markup=False)
        return
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(listed.columns)
    out.writerows(listed.rows)
    out.writerow([])
    out.writerow(recon.columns)
    out.writerows(recon.rows)


@fetch_app.command("filings")
def fetch_filings(
    committee: list[str] = typer.Option(None, "--committee", help="Committee ID (repeatable); default: the registry's "
                                                                  "watched committees marked up."),
    current_only: bool = typer.Option(False, "--current-only", help="Skip versions OpenFEC says are superseded."),
    raw: Path | None = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """List a committee's filings (one OpenFEC call: FEC_API_KEY, else DEMO_KEY) and download each as raw .fec
    from docquery (no key; resumable, with its fetch record); then rebuild.

    Example: moneytrail fetch filings --committee C00892471
    """
    from etl.sources.fec_efile.follow import fetch_committee_filings, watched
    use_db(db_path)
    folder = raw or raw_dir()
    ids = [_committee(c) for c in committee] if committee else watched()

    def run() -> list[FetchSummary]:
        with client() as http, Bars(err) as bars:
            return [fetch_committee_filings(http, folder, c, current_only=current_only, progress_for=bars) for c in ids]
    _run(run, folder, no_load)
