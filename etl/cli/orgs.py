"""`moneytrail orgs ...`: the registry's organizations and how money is attributed to them."""

from __future__ import annotations

from pathlib import Path

import typer

from etl.cli.common import DB_OPT, app, fail, print_query, reader, use_db

orgs_app = typer.Typer(help="Organizations in the registry and how money is attributed to them. "
                            "Example: moneytrail orgs audit openai", no_args_is_help=True)
app.add_typer(orgs_app, name="orgs")


@orgs_app.command("list")
def orgs_list(db_path: Path | None = DB_OPT) -> None:
    """List the registry's organizations with their attributed rows and counted amount.

    Example: moneytrail orgs list
    """
    use_db(db_path)
    print_query("""SELECT o.org_id, o.name, o.peer_set, count(c.contribution_id) AS attributed_rows,
                          coalesce(sum(c.amount) FILTER (WHERE c.counts_in_totals), 0) AS counted_amount
                   FROM registry_organizations o LEFT JOIN contributions c ON c.org_id = o.org_id
                   GROUP BY ALL ORDER BY o.org_id""")


@orgs_app.command("audit")
def orgs_audit(org: str = typer.Argument(..., help="Organization ID, any case (OPENAI, google, ...)."),
               db_path: Path | None = DB_OPT) -> None:
    """Every employer string (and contributor name) attributed to an organization, or kept out as a look-alike.

    Example: moneytrail orgs audit GOOGLE
    """
    use_db(db_path)
    org_id = org.strip().lower()
    con = reader()
    try:
        known = [o for (o,) in con.execute("SELECT org_id FROM registry_organizations ORDER BY 1").fetchall()]
    finally:
        con.close()
    if org_id not in known:
        fail(f"unknown organization {org!r}; the registry has: {', '.join(known)}", 2)
    print_query("""SELECT employer, rule, attributed, rows, amount FROM employer_matches WHERE org_id = $org
                   ORDER BY attributed DESC, rows DESC, employer""", {"org": org_id})


@orgs_app.command("review")
def orgs_review(org: str = typer.Argument(..., help="Organization ID, any case (GOOGLE, openai, ...)."),
                accept: str | None = typer.Option(
                    None, "--accept", help="Employer string, exactly as filed, that belongs to the organization."),
                exclude: str | None = typer.Option(
                    None, "--exclude", help="Employer string that is a look-alike, not the organization's."),
                note: str = typer.Option("", "--note", help="Source note for the decision (required with --accept/--exclude)."),
                registry: Path = typer.Option(None, "--registry", help="Registry folder to write (default etl/registry).",
                                              show_default=False),
                limit: int = typer.Option(50, "--limit", min=1, help="Candidates to list."),
                db_path: Path | None = DB_OPT) -> None:
    """Unreviewed employer strings near an organization (largest money first), or record a decision on one.

    Examples: moneytrail orgs review GOOGLE;
    moneytrail orgs review google --exclude "CALICO COTTAGE INC" --note "a Long Island food firm, not Calico Life Sciences"
    """
    import csv as _csv
    import sys

    from etl import review
    from etl.entities import REGISTRY_DIR
    use_db(db_path)
    org_id = org.strip().lower()
    con = reader()
    try:
        known = [o for (o,) in con.execute("SELECT org_id FROM registry_organizations ORDER BY 1").fetchall()]
        if org_id not in known:
            fail(f"unknown organization {org!r}; the registry has: {', '.join(known)}", 2)
        if accept is not None and exclude is not None:
            fail("give --accept or --exclude, not both", 2)
        if accept is not None or exclude is not None:
            folder = registry or REGISTRY_DIR
            try:
                written = (review.accept(con, org_id, accept, note, folder) if accept is not None
                           else review.exclude(con, org_id, exclude, note, folder))
            except (ValueError, OSError) as exc:
                fail(str(exc), 2)
            typer.echo(f"wrote {written}\nrebuild to apply it (moneytrail build --from ...)")
            return
        rows = review.queue(con, org_id, limit)
    finally:
        con.close()
    w = _csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["employer", "why", "rows", "amount", "occupation", "place"])
    for r in rows:
        w.writerow([r["employer"], r["why"], r["rows"], r["amount"], r["occupation"], r["place"]])
