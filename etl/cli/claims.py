"""`moneytrail claims`: every claim of etl/registry/claims.csv checked against the loaded records."""

from __future__ import annotations

import csv
import sys
from enum import StrEnum
from pathlib import Path

import duckdb
import typer

from etl import claims as engine
from etl.cli.common import DB_OPT, app, fail, reader, say_if_synthetic, use_db


class Format(StrEnum):
    """How `moneytrail claims` prints."""

    table = "table"
    csv = "csv"


@app.command()
def claims(
    claim_id: str | None = typer.Option(None, "--id", help="Only this claim (e.g. quitgpt_a_brockman_maga_inc)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table (one block per claim) or csv (one line per claim)."),
    rows: bool = typer.Option(False, "--rows", help="Also print the rows behind each verdict, each with its source link."),
    db_path: Path | None = DB_OPT,
) -> None:
    """Check each claim: verdict (supported, differs, not decidable from loaded records), reported vs found, the rows
    behind it, caveats, the records and fetch command that would decide it, and a citation.

    Example: moneytrail claims --id quitgpt_a_brockman_maga_inc --rows
    """
    use_db(db_path)
    con = reader()
    try:
        known = [c["id"] for c in engine.q["claims"].run(con, id=None).records()]
        if claim_id is not None and claim_id not in known:
            fail(f"unknown claim {claim_id[:80]!r}; the registry has: {', '.join(known) or 'none'}", 2)
        checks = engine.check_claims(con, claim_id)
        behind = {c.id: engine.claim_rows(con, c.id) for c in checks} if rows else {}
        say_if_synthetic(con)
    except duckdb.Error as exc:  # a warehouse built before the claims model (or its registry) existed
        fail(f"cannot check claims in this warehouse ({str(exc).splitlines()[0][:120]}); rebuild it with "
             "`moneytrail build --from DIR`", 2)
    finally:
        con.close()
    out = csv.writer(sys.stdout, lineterminator="\n")
    if not checks and fmt is Format.table:
        print("no claims in this warehouse's registry")
    if fmt is Format.csv:
        out.writerow(engine.COLUMNS)
        out.writerows([list(c.row().values()) for c in checks])
    else:
        for c in checks:
            print(f"== {c.id} ({c.kind})\n   claim: {c.claim}")
            for key, value in c.row().items():
                if key != "id":
                    print(f"   {key}: {value if value != '' else '-'}")
            print()
    for cid, result in behind.items():
        print(f"-- rows behind {cid}: {len(result.rows)}")
        out.writerow(result.columns)
        out.writerows(result.rows)
