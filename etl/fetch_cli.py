"""`moneytrail fetch ...`: download current records into the raw folder, then rebuild the warehouse from it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, DownloadColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.text import Text

from etl.net.files import LoadError
from etl.net.http import FetchError, FetchSummary, Http, raw_dir
from etl.sources import ai_inventory, fec_bulk

fetch_app = typer.Typer(help="Download current public records into the raw folder (data/raw), then rebuild the warehouse.\n\n"
                             "Example: moneytrail fetch fec-bulk --cycle 2026 --types cm,cn,ccl",
                        no_args_is_help=True)
err = Console(stderr=True)

RAW_OPT = typer.Option(None, "--raw", help="Raw-file folder (default $MONEYTRAIL_RAW_DIR or data/raw).", show_default=False)
NO_LOAD_OPT = typer.Option(False, "--no-load", help="Only download; do not rebuild the warehouse.")


class AmountColumn(ProgressColumn):
    """Bytes for downloads, 'n/total records' for API paging (total '?' when the source does not say)."""

    def render(self, task: Task) -> Text:
        unit = task.fields.get("unit")
        if unit in ("records", "steps"):
            total = f"{int(task.total):,}" if task.total else "?"
            return Text(f"{int(task.completed):,}/{total} {unit}")
        return DownloadColumn().render(task)


def bar_factory(progress: Progress, unit: str = "bytes") -> Callable[..., Callable[[int, int | None], None]]:
    """(name, unit=...) -> callback(done, total) driving a new bar (bytes or records) on an existing progress display."""
    def factory(name: str, unit: str = unit) -> Callable[[int, int | None], None]:
        task = progress.add_task(name, total=None, unit=unit)
        return lambda done, total: progress.update(task, completed=done, total=total)
    return factory


def columns() -> tuple[ProgressColumn, ...]:
    """The columns of every fetch progress display: what, bar, bytes or records, elapsed, ETA."""
    return (TextColumn("{task.description}"), BarColumn(), AmountColumn(), TimeElapsedColumn(), TimeRemainingColumn())


@contextmanager
def bytes_progress(console: Console = err) -> Iterator[Callable[..., Callable[[int, int | None], None]]]:
    """A rich progress bar per file (bytes, ETA); yields a factory name -> callback(done, total)."""
    with Progress(*columns(), console=console) as progress:
        yield bar_factory(progress)


@contextmanager
def records_progress(description: str, console: Console = err) -> Iterator[Callable[[int, int | None], None]]:
    """A rich progress bar counting records (with ETA when the source gives a total); yields callback(done, total)."""
    with Progress(*columns(), console=console) as progress:
        yield bar_factory(progress, "records")(description)


def client(secrets: tuple[str, ...] = (), **kwargs: object) -> Http:
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
    from etl.build import build
    from etl.cli import state
    try:
        build(raw, state.db_path, console=err)
    except LoadError as exc:
        _fail(str(exc))


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def _run(fn: Callable[[], list[FetchSummary]], raw: Path, no_load: bool) -> None:
    try:
        summaries = fn()
    except FetchError as exc:
        _fail(f"{exc}\nnothing was loaded; files already complete stay in {raw} and the next run resumes")
    finish(summaries, raw, no_load)


@fetch_app.command("fec-bulk")
def fetch_fec_bulk(
    cycle: int = typer.Option(..., "--cycle", help="Two-year cycle, named by its even year (2026 = 2025-2026)."),
    types: str = typer.Option("indiv,cm,cn,ccl,oth,pas2", "--types", help="Comma-separated: indiv,cm,cn,ccl,oth,pas2,oppexp."),
    raw: Optional[Path] = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
) -> None:
    """FEC bulk zips of one cycle, resumable and verified (each must be a whole zip).

    Example: moneytrail fetch fec-bulk --cycle 2026 --types cm,cn,ccl
    """
    raw = raw or raw_dir()
    wanted = [t.strip().lower() for t in types.split(",") if t.strip()]

    def run() -> list[FetchSummary]:
        with client() as http, bytes_progress() as bars:
            return [fec_bulk.SOURCE.fetch(http, raw, cycle, wanted, bars)]
    _run(run, raw, no_load)


@fetch_app.command("ai-inventory")
def fetch_ai_inventory(raw: Optional[Path] = RAW_OPT, no_load: bool = NO_LOAD_OPT) -> None:
    """The Federal AI Use Case Inventory files OMB publishes (2023, 2024 v2, 2025, 2025 COTS).

    Example: moneytrail fetch ai-inventory --no-load
    """
    raw = raw or raw_dir()

    def run() -> list[FetchSummary]:
        with client() as http, bytes_progress() as bars:
            return [ai_inventory.SOURCE.fetch(http, raw, bars)]
    _run(run, raw, no_load)


# --- openfec: commands added below this line by the openfec work ---


@fetch_app.command("openfec")
def fetch_openfec(
    employer: Optional[str] = typer.Option(None, "--employer", help="Contributor employer, full-text as the API matches it."),
    contributor: Optional[str] = typer.Option(None, "--contributor", help='Contributor name, full-text ("BROCKMAN, GREG").'),
    committee: Optional[str] = typer.Option(None, "--committee", help="Receiving committee ID: C followed by 8 digits."),
    form13: bool = typer.Option(False, "--form13", help="The inaugural committee's Schedule A rows (Form 13 donations)."),
    cycles: Optional[list[int]] = typer.Option(None, "--cycle", help="Two-year period by its even year; repeatable "
                                                                     "(default: the current one)."),
    efile: Optional[list[int]] = typer.Option(None, "--efile", help="Also (or only) download this raw .fec filing by "
                                                                    "file number; repeatable."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", min=1, help="Stop after N pages; the next run resumes."),
    raw: Optional[Path] = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
) -> None:
    """Itemized receipts (Schedule A) from the OpenFEC API, keyset-paged and resumable; Form 13; raw .fec filings.

    The key comes from FEC_API_KEY and is sent only in the X-Api-Key header. Without it, DEMO_KEY is used
    (about 30-40 calls an hour), paced to one call every $MONEYTRAIL_DEMO_KEY_INTERVAL seconds (default 120).
    Running an interrupted query again resumes from its saved cursor; running a finished one re-checks it
    from the start (new filings arrive at the top).

    Example: moneytrail fetch openfec --employer "OPENAI" --cycle 2026
    """
    from rich.markup import escape

    from etl.sources.openfec import fetch as openfec

    raw = raw or raw_dir()
    chosen = {k: v for k, v in (("--employer", employer), ("--contributor", contributor), ("--committee", committee),
                                ("--form13", "yes" if form13 else None)) if v}
    if len(chosen) > 1:
        _fail(f"give exactly one of --employer, --contributor, --committee or --form13 (got {', '.join(chosen)})", 2)
    if not chosen and not efile:
        _fail("say what to fetch: one of --employer NAME, --contributor \"LAST, FIRST\", --committee C00000000 or "
              "--form13 (or raw filings with --efile NUMBER)", 2)
    if committee and not openfec.CMTE_RE.match(committee.strip().upper()):
        _fail(f"--committee {committee!r} is not an FEC committee ID (C followed by 8 digits, e.g. C00894162)", 2)
    if any(c % 2 for c in cycles or []):
        _fail("--cycle takes the even year that ends a two-year period (e.g. 2026)", 2)

    def warn(message: str) -> None:
        err.print(f"[yellow]warning:[/yellow] {escape(message)}")

    def run() -> list[FetchSummary]:
        out: list[FetchSummary] = []
        with client() as http:
            if chosen:
                label = ", ".join(f"{k} {v}" for k, v in chosen.items()) if not form13 else "Form 13 (inaugural committee)"
                with records_progress(f"OpenFEC {escape(label)}") as bar:
                    if form13:
                        out += openfec.fetch_form13(http, raw, cycles=cycles, progress=bar, max_pages=max_pages, warn=warn)
                    else:
                        out.append(openfec.fetch_schedule_a(http, raw, employer=employer, contributor=contributor,
                                                            committee=committee, cycles=cycles, progress=bar,
                                                            max_pages=max_pages, warn=warn))
            if efile:
                with bytes_progress() as bars:
                    out.append(openfec.fetch_efiling(http, raw, efile, bars))
        return out
    _run(run, raw, no_load)



# --- usaspending: commands added below this line by the usaspending work ---


@fetch_app.command("usaspending")
def fetch_usaspending(
    keyword: Optional[list[str]] = typer.Option(None, "--keyword", help="Search words (repeatable; any of them matches)."),
    recipient: Optional[list[str]] = typer.Option(None, "--recipient", help="Recipient name to search (repeatable; one query each)."),
    uei: Optional[list[str]] = typer.Option(None, "--uei", help="Recipient UEI (repeatable; one query each)."),
    registry: bool = typer.Option(False, "--registry", help="Every contract recipient of the registry (the default without filters)."),
    award_id: Optional[list[str]] = typer.Option(None, "--award-id", help="Also fetch detail and transactions of this award (generated id, e.g. CONT_AWD_...)."),
    details: int = typer.Option(50, "--details", help="Detail and transactions for the top N awards of each search, by amount (0: none)."),
    download: bool = typer.Option(False, "--download", help="Also request a bulk download (zip of CSVs) for the same searches, wait for it, fetch it."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="Stop each search after N pages this run (run again to continue)."),
    raw: Optional[Path] = RAW_OPT,
    no_load: bool = NO_LOAD_OPT,
) -> None:
    """USAspending contract and IDV awards by keyword, recipient or UEI (default: the registry's recipients).

    Searches page by page (keyset paging past 50,000 records), resumes an interrupted search from its
    cursor, fetches award detail and transactions, and with --download waits for a bulk download.

    Example: moneytrail fetch usaspending --keyword "large language model" --details 10
    """
    from etl.sources.usaspending import api as usa
    raw = raw or raw_dir()
    filtered = bool(keyword or recipient or uei)
    use_registry = registry or not (filtered or award_id)
    queries = (usa.registry_queries() if use_registry else []) + (usa.queries_for(recipient, uei, keyword) if filtered else [])

    def run() -> list[FetchSummary]:
        summaries: list[FetchSummary] = []
        with client() as http:
            with Progress(*columns(), console=err) as progress:
                bars = bar_factory(progress, "records")

                def opts(name: str) -> dict:
                    return {"detail": details > 0, "top_n": details, "max_pages": max_pages,
                            "progress": bars(f"{name}: award records"),
                            "detail_progress": bars(f"{name}: award details") if details > 0 else None}
                if use_registry:
                    summaries.append(usa.fetch_registry_awards(http, raw, **opts("registry recipients")))
                if filtered:
                    summaries.append(usa.fetch_awards(http, raw, recipients=recipient, ueis=uei, keywords=keyword,
                                                      **opts("search")))
                if award_id:
                    summaries.append(usa.fetch_award_details(http, raw, award_id, progress=bars("named awards")))
            if download:
                summaries += [_usaspending_download(http, raw, q.label, q.filters) for q in queries]
        return summaries
    _run(run, raw, no_load)


def _usaspending_download(http: Http, raw: Path, label: str, filters: dict) -> FetchSummary:
    """One bulk download for a search's filters; its line shows the status while USAspending builds the zip."""
    from etl.sources.usaspending import download as usa
    with Progress(*columns(), console=err) as progress:
        task = progress.add_task(f"download for {label}: requested", total=None)

        def on_poll(status: dict, polls: int, waited: float) -> None:
            progress.update(task, description=f"download for {label}: {status.get('status')} (check {polls}, "
                                              f"{status.get('seconds_elapsed') or '?'} s at USAspending)")

        def on_bytes(done: int, total: int | None) -> None:
            progress.update(task, description=f"download for {label}", completed=done, total=total)
        return usa.request_download(http, raw, filters, on_poll=on_poll, progress=on_bytes)
