"""`moneytrail fetch ...`: download current records into the raw folder, then rebuild the warehouse from it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape

from etl.cli.build import build_into
from etl.cli.common import DB_OPT, FULL_OPT, app, err, fail, state, use_db
from etl.cli.progress import Bars
from etl.net.http import FetchError, FetchSummary, Http, raw_dir

fetch_app = typer.Typer(help="Download current public records into the raw folder (data/raw), then rebuild the "
                             "warehouse.\n\nExample: moneytrail fetch fec-bulk --cycle 2026 --types cm,cn,ccl",
                        no_args_is_help=True)
app.add_typer(fetch_app, name="fetch")


@fetch_app.callback()
def fetch_options(full: bool = FULL_OPT) -> None:
    """Options of every fetch command (before its name: `moneytrail fetch --full fec-bulk ...`)."""
    state.full = full

RAW_OPT = typer.Option(None, "--raw", help="Raw-file folder (default $MONEYTRAIL_RAW_DIR or data/raw).",
                       show_default=False)
NO_LOAD_OPT = typer.Option(False, "--no-load", help="Only download; do not rebuild the warehouse.")


def client(secrets: tuple[str, ...] = (), **kwargs: Any) -> Http:
    """The shared HTTP client, logging retries to stderr."""
    return Http(secrets=secrets, log=lambda m: err.print(f"[yellow]retry[/yellow] {m}"), **kwargs)


def finish(summaries: list[FetchSummary], raw: Path, no_load: bool) -> None:
    """Report what was fetched, then rebuild the warehouse from the whole raw folder (atomic swap)."""
    for s in summaries:
        err.print(f"[green]fetched[/green] {s.what}: {len(s.files)} file(s)"
                  + (f", {s.records:,} records in {s.pages:,} pages" if s.pages else "")
                  + (" (resumed)" if s.resumed else ""))
        for note in s.notes:
            err.print(f"  {note}")
    if no_load:
        err.print(f"raw files are in {raw}; load them with `moneytrail build --from {raw}`")
        return
    build_into(raw)


def _run(fn: Callable[[], list[FetchSummary]], raw: Path, no_load: bool) -> None:
    try:
        summaries = fn()
    except FetchError as exc:
        fail(f"{exc}\nnothing was loaded; files already complete stay in {raw} and the next run resumes")
    finish(summaries, raw, no_load)


@fetch_app.command("fec-bulk")
def fetch_fec_bulk(
    cycle: int = typer.Option(..., "--cycle", help="Two-year cycle, named by its even year (2026 = 2025-2026)."),
    types: str = typer.Option("indiv,cm,cn,ccl,oth,pas2", "--types", help="Comma-separated: "
                                                                          "indiv,cm,cn,ccl,oth,pas2,oppexp."),
    raw: Path | None = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """FEC bulk zips of one cycle, resumable and verified (each must be a whole zip).

    Example: moneytrail fetch fec-bulk --cycle 2026 --types cm,cn,ccl
    """
    from etl.sources.fec_bulk import SOURCE
    use_db(db_path)
    folder = raw or raw_dir()
    wanted = [t.strip().lower() for t in types.split(",") if t.strip()]

    def run() -> list[FetchSummary]:
        with client() as http, Bars(err) as bars:
            return [SOURCE.fetch(http, folder, cycle, wanted, bars)]
    _run(run, folder, no_load)


@fetch_app.command("ai-inventory")
def fetch_ai_inventory(raw: Path | None = RAW_OPT, no_load: bool = NO_LOAD_OPT, db_path: Path | None = DB_OPT) -> None:
    """The Federal AI Use Case Inventory files OMB publishes (2023, 2024 v2, 2025, 2025 COTS).

    Example: moneytrail fetch ai-inventory --no-load
    """
    from etl.sources.ai_inventory import SOURCE
    use_db(db_path)
    folder = raw or raw_dir()

    def run() -> list[FetchSummary]:
        with client() as http, Bars(err) as bars:
            return [SOURCE.fetch(http, folder, bars)]
    _run(run, folder, no_load)


@fetch_app.command("openfec")
def fetch_openfec(
    employer: str | None = typer.Option(None, "--employer", help="Contributor employer, full-text as the API "
                                                                 "matches it."),
    contributor: str | None = typer.Option(None, "--contributor", help='Contributor name, full-text '
                                                                       '("BROCKMAN, GREG").'),
    committee: str | None = typer.Option(None, "--committee", help="Receiving committee ID: C followed by 8 digits."),
    form13: bool = typer.Option(False, "--form13", help="The inaugural committee's Schedule A rows (Form 13 "
                                                        "donations)."),
    cycles: list[int] | None = typer.Option(None, "--cycle", help="Two-year period by its even year; repeatable "
                                                                  "(default: the current one)."),
    efile: list[int] | None = typer.Option(None, "--efile", help="Also (or only) download this raw .fec filing by "
                                                                 "file number; repeatable."),
    max_pages: int | None = typer.Option(None, "--max-pages", min=1, help="Stop after N pages; the next run resumes."),
    raw: Path | None = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """Itemized receipts (Schedule A) from the OpenFEC API, keyset-paged and resumable; Form 13; raw .fec filings.

    The key comes from FEC_API_KEY and is sent only in the X-Api-Key header. Without it, DEMO_KEY is used
    (about 30-40 calls an hour), paced to one call every $MONEYTRAIL_DEMO_KEY_INTERVAL seconds (default 120).
    Running an interrupted query again resumes from its saved cursor; running a finished one re-checks it
    from the start (new filings arrive at the top).

    Example: moneytrail fetch openfec --employer "OPENAI" --cycle 2026
    """
    from etl.sources.fec_efile.fetch import fetch_efiling
    from etl.sources.openfec import fetch as openfec

    use_db(db_path)
    folder = raw or raw_dir()
    chosen = {k: v for k, v in (("--employer", employer), ("--contributor", contributor), ("--committee", committee),
                                ("--form13", "yes" if form13 else None)) if v}
    if len(chosen) > 1:
        fail(f"give exactly one of --employer, --contributor, --committee or --form13 (got {', '.join(chosen)})", 2)
    if not chosen and not efile:
        fail("say what to fetch: one of --employer NAME, --contributor \"LAST, FIRST\", --committee C00000000 or "
             "--form13 (or raw filings with --efile NUMBER)", 2)
    if committee and not openfec.CMTE_RE.match(committee.strip().upper()):
        fail(f"--committee {committee!r} is not an FEC committee ID (C followed by 8 digits, e.g. C00894162)", 2)
    if any(c % 2 for c in cycles or []):
        fail("--cycle takes the even year that ends a two-year period (e.g. 2026)", 2)

    def warn(message: str) -> None:
        err.print(f"[yellow]warning:[/yellow] {escape(message)}")

    def run() -> list[FetchSummary]:
        out: list[FetchSummary] = []
        with client() as http, Bars(err) as bars:
            if chosen:
                label = ", ".join(f"{k} {v}" for k, v in chosen.items()) if not form13 else "Form 13 (inaugural committee)"
                bar = bars(f"OpenFEC {escape(label)}", "records")
                if form13:
                    out += openfec.fetch_form13(http, folder, cycles=cycles, progress=bar, max_pages=max_pages, warn=warn)
                else:
                    out.append(openfec.fetch_schedule_a(http, folder, employer=employer, contributor=contributor,
                                                        committee=committee, cycles=cycles, progress=bar,
                                                        max_pages=max_pages, warn=warn))
            if efile:
                out.append(fetch_efiling(http, folder, efile, bars))
        return out
    _run(run, folder, no_load)


@fetch_app.command("usaspending")
def fetch_usaspending(
    keyword: list[str] | None = typer.Option(None, "--keyword", help="Search words (repeatable; any of them "
                                                                     "matches)."),
    recipient: list[str] | None = typer.Option(None, "--recipient", help="Recipient name to search (repeatable; "
                                                                         "one query each)."),
    uei: list[str] | None = typer.Option(None, "--uei", help="Recipient UEI (repeatable; one query each)."),
    registry: bool = typer.Option(False, "--registry", help="Every contract recipient of the registry (the default "
                                                            "without filters)."),
    award_id: list[str] | None = typer.Option(None, "--award-id", help="Also fetch detail and transactions of this "
                                                                       "award (generated id, e.g. CONT_AWD_...)."),
    details: int = typer.Option(50, "--details", help="Detail and transactions for the top N awards of each search, "
                                                      "by amount (0: none)."),
    download: bool = typer.Option(False, "--download", help="Also request a bulk download (zip of CSVs) for the same "
                                                            "searches, wait for it, fetch it."),
    max_pages: int | None = typer.Option(None, "--max-pages", help="Stop each search after N pages this run (run "
                                                                   "again to continue)."),
    raw: Path | None = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
    db_path: Path | None = DB_OPT,
) -> None:
    """USAspending contract and IDV awards by keyword, recipient or UEI (default: the registry's recipients).

    Searches page by page (keyset paging past 50,000 records), resumes an interrupted search from its
    cursor, fetches award detail and transactions, and with --download waits for a bulk download.

    Example: moneytrail fetch usaspending --keyword "large language model" --details 10
    """
    from etl.sources.usaspending import api as usa
    use_db(db_path)
    folder = raw or raw_dir()
    filtered = bool(keyword or recipient or uei)
    use_registry = registry or not (filtered or award_id)
    queries = ((usa.registry_queries() if use_registry else [])
               + (usa.queries_for(recipient, uei, keyword) if filtered else []))

    def run() -> list[FetchSummary]:
        summaries: list[FetchSummary] = []
        with client() as http, Bars(err) as bars:
            def opts(name: str) -> dict[str, Any]:
                return {"detail": details > 0, "top_n": details, "max_pages": max_pages,
                        "progress": bars(f"{name}: award records", "records"),
                        "detail_progress": bars(f"{name}: award details", "records") if details > 0 else None}
            if use_registry:
                summaries.append(usa.fetch_registry_awards(http, folder, **opts("registry recipients")))
            if filtered:
                summaries.append(usa.fetch_awards(http, folder, recipients=recipient, ueis=uei, keywords=keyword,
                                                  **opts("search")))
            if award_id:
                summaries.append(usa.fetch_award_details(http, folder, award_id,
                                                         progress=bars("named awards", "records")))
            if download:
                summaries += [_usaspending_download(http, folder, q.label, q.filters, bars) for q in queries]
        return summaries
    _run(run, folder, no_load)


def _usaspending_download(http: Http, raw: Path, label: str, filters: dict[str, Any], bars: Bars) -> FetchSummary:
    """One bulk download for a search's filters; its bar shows the status while USAspending builds the zip."""
    from etl.sources.usaspending import download as usa
    bar = bars(f"download for {label}: requested")

    def on_poll(status: dict[str, Any], polls: int, waited: float) -> None:
        bar.describe(f"download for {label}: {status.get('status')} (check {polls}, "
                     f"{status.get('seconds_elapsed') or '?'} s at USAspending)")

    def on_bytes(done: int, total: int | None = None) -> None:
        bar.describe(f"download for {label}")
        bar(done, total)
    return usa.request_download(http, raw, filters, on_poll=on_poll, progress=on_bytes)
