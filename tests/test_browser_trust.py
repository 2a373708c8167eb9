"""A real browser (Debian chromium) opens every page of the explorer on the real-records warehouse and on the demo and
reads what a reporter would: the window beside a figure, unknown URL values shown back, records as text, totals not cut
off, the SYNTHETIC mark on every demo page. One server per warehouse; the reviewed viewport screenshots are committed under
tests/artifacts/ (trust-*.png, one line each in tests/artifacts/README.md); a run writes tests/artifacts/latest/
(ignored), or replaces the committed set with MONEYTRAIL_UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from test_browser import ARGS, ARTIFACTS, CHROMIUM

from helpers import free_port, moneytrail_server

W, H = 1400, 1000  # 1400 px: the width at which the contracts totals were cut off before
APP_PAGES = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "dashboard" / "app_pages").glob("*.py"))
BANNER = "SYNTHETIC DEMO DATA: every person, company, committee and award here is fictional"
FITS = "e => [e, ...e.querySelectorAll('*')].every(t => t.scrollWidth <= t.clientWidth)"  # nothing clipped


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: install Debian's chromium (.ci/run does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _serve(db: Path, tmp: Path):
    port = free_port()
    return moneytrail_server(["serve", "--db", str(db), "--port", str(port), "--no-browser"], port, log=tmp / "serve.log"), port


@pytest.fixture(scope="module")
def real(warehouse, tmp_path_factory):
    ctx, port = _serve(warehouse, tmp_path_factory.mktemp("serve-real"))
    with ctx:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from etl.demo import build_demo
    db = tmp_path_factory.mktemp("demo") / "moneytrail-demo.duckdb"
    build_demo(db, console=Console(file=io.StringIO()))
    ctx, port = _serve(db, tmp_path_factory.mktemp("serve-demo"))
    with ctx:
        yield f"http://127.0.0.1:{port}", db


def _open(browser, url: str, wait_for: str):
    page = browser.new_page(viewport={"width": W, "height": H})
    page.goto(url)
    page.get_by_text(wait_for, exact=False).first.wait_for(timeout=60_000)
    return page


def _shot(page, name: str, show: str) -> None:
    """A viewport screenshot (small enough to commit) with the text `show` scrolled into view."""
    page.wait_for_timeout(1500)  # charts and tables finish drawing after their element exists
    page.get_by_text(show, exact=False).filter(visible=True).first.scroll_into_view_if_needed()
    # The reviewed set is committed; a test run writes beside it (latest/, ignored) unless asked to replace it.
    folder = ARTIFACTS if os.environ.get("MONEYTRAIL_UPDATE_SCREENSHOTS") == "1" else ARTIFACTS / "latest"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name))


def _visible(page, text: str) -> bool:
    """The text is on the page (waiting for it: on a loaded machine a page's elements arrive over seconds)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    try:
        page.get_by_text(text, exact=False).filter(visible=True).first.wait_for(timeout=60_000)
        return True
    except PlaywrightTimeout:
        return False


def _shown_now(page, text: str) -> bool:
    """The text is on the page now (for what must not be there, checked after the page's last element has come)."""
    return page.get_by_text(text, exact=False).filter(visible=True).count() >= 1


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _beside(page, label: str, note: str) -> bool:
    """The note starts within 250 px below the metric: next to the figure, not somewhere down the page."""
    m = page.locator('[data-testid="stMetric"]', has_text=label).first.bounding_box()
    n = page.get_by_text(note, exact=False).filter(visible=True).first.bounding_box()
    return 0 <= n["y"] - (m["y"] + m["height"]) <= 250


def _not_cut_off(page, label: str) -> bool:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').evaluate(FITS) and \
        box.locator('[data-testid="stMetricLabel"]').evaluate(FITS)


@dataclass
class View:
    """One page as a reporter opens it: its link, the text that says it has loaded, what must be visible, the text the
    screenshot shows, and any further check."""

    path: str
    wait_for: str
    texts: list[str]
    show: str
    check: Callable | None = field(default=None)


MAGA_WINDOW = "Rests on: FEC e-filing efile:1930418 (cycle 2026; coverage period of the report 2025-07-01 to 2025-12-22"

REAL = {
    "claims": View("", "quitgpt_a_brockman_maga_inc", ["Verdict: supported", "$25,000,000.00 in 1 counted row"],
                   "Verdict: supported"),
    "search": View("search?q=DHS-2556", "Records with this ID (1)", ["AI use cases (1)", "What these records do not cover"],
                   "Records with this ID (1)"),
    "organization": View("organization?org=alphabet", "read as", ["Rests on: FEC bulk file", "The numbers behind this chart"],
                         "Counted, chosen channels",
                         # Google without the bare NEST row (issue 14): the 2020-cycle files and the OpenFEC rows of 2023-2025
                         lambda p: _metric(p, "Counted, chosen channels") == "$2,702,530.00"),
    "compare": View("compare?org=openai", "Citation", ["coverage period of the report 2025-07-01 to 2025-12-22",
                                                       "files behind these totals"], "Rests on"),
    "person": View("person?donor=sundar_pichai", "Net (counted minus refunds)",
                   ["Rests on: FEC bulk file indiv2020 (cycle 2020; dates of the rows in the file 2017-11-21 to 2019-03-04; "
                    "2 of its rows)"], "PICHAI, SUNDAR",
                   lambda p: (_metric(p, "Counted in totals"), _metric(p, "Refunded to the donor (apart)"),
                              _metric(p, "Net (counted minus refunds)")) == ("$17,000.00", "$3,000.00", "$14,000.00")),
    # MAGA Inc.'s 2025 receipts load from its own e-filings: its figure carries their coverage periods
    "committee": View("committee?cmte=C00892471", "MAGA INC. (C00892471)", [MAGA_WINDOW, "exactly $112,173,363.76"],
                      "MAGA INC. (C00892471)",
                      lambda p: _metric(p, "Itemized receipts counted in totals") == "$112.17 million"
                      and _beside(p, "Itemized receipts counted in totals", MAGA_WINDOW)
                      and _not_cut_off(p, "Itemized receipts counted in totals")),
    "contracts": View("contracts", "Obligated on contracts", ["exactly $10,147,267,610.48", "exactly $8,132,565,249.74",
                                                              "exactly $172,272,419.67"], "Obligated on contracts",
                      lambda p: all(_not_cut_off(p, label) for label in (
                          "Obligated on contracts", "Obligated on IDVs (apart, never added)",
                          "Ceiling of contracts that state one (never added)"))
                      and (_metric(p, "Obligated on contracts"), _metric(p, "Obligated on IDVs (apart, never added)"),
                           _metric(p, "Ceiling of contracts that state one (never added)"))
                      == ("$10.15 billion", "$8.13 billion", "$172.27 million")),
    "ai_uses": View("ai_uses?id=DHS-2556&q=GPT-4", "AI-Assisted Resume Screening Tool",
                    ["is trained on common crawl and publicly available data"], "is trained on common crawl",
                    lambda p: p.locator("span", has_text="GPT-4").filter(visible=True).count() >= 1),  # highlighted
    "contributions": View("contributions?filing=1544132", "Filing 1544132: Klobuchar for Minnesota (F3N, Q3)",
                          ["Covers 2021-07-01 to 2021-09-30", "2,598 itemized rows loaded, $317,583.94 counted"],
                          "Filing 1544132"),
    "loads": View("loads", "Sources and loads", ["Rows read = rows loaded + rows rejected",
                                                 "Download rejected rows (CSV, 3 rows)"], "Sources and loads"),
    "methodology": View("methodology", "Counting rules", ["What one figure rests on", "What the contribution figures rest on"],
                        "What one figure rests on"),
}

DEMO = {
    "claims": View("", "No claims in this warehouse's registry", [], "Claims"),
    "search": View("search?q=examplar", "Organizations (1)", ["AI use cases (3)", "links to the real sites are withheld"],
                   "Organizations (1)"),
    "organization": View("organization?org=examplar", "Counted, chosen channels", ["Rests on: FEC"],
                         "Counted, chosen channels",
                         # employees 316,850 + executives and households 309,900 + pac 13,500 + corporate 500,000 + inaugural
                         lambda p: _metric(p, "Counted, chosen channels") == "$3,140,250.00"),
    "compare": View("compare?org=examplar", "do not cite", ["SYNTHETIC DEMO DATA: do not cite.", "Rests on: FEC"], "Rests on"),
    "person": View("person?donor=alice_testperson", "Net (counted minus refunds)",
                   ["Rests on: FEC e-filing efile:99900001 (cycle 2026; coverage period of the report 2025-01-01 to "
                    "2025-03-31; 1 of its rows)"], "TESTPERSON, ALICE",
                   lambda p: _metric(p, "Counted in totals") == "$1,261,600.00"),
    "committee": View("committee?cmte=C99900501", "Net (counted minus refunds)",
                      ["exactly $2,770,000.00", "Rests on", "SYNTHETIC committee: no FEC page"], "Net (counted minus refunds)",
                      lambda p: _metric(p, "Net (counted minus refunds)") == "$2.77 million"),
    "contracts": View("contracts", "Obligated on contracts", ["links to the real sites are withheld"], "Obligated on contracts"),
    "ai_uses": View("ai_uses?id=DOX-0001", "Example Benefits Chatbot (SYNTHETIC)", ["SYNTHETIC demo record: no source page"],
                    "Example Benefits Chatbot (SYNTHETIC)"),
    "contributions": View("contributions?row=9991000000000000022", "Contribution fec:9991000000000000022",
                          ["FEC page image: SYNTHETIC demo record: no source page", "Counted?"], "Contribution fec:"),
    "loads": View("loads", "Sources and loads", ["Download rejected rows (CSV, 1 rows)"], "Sources and loads"),
    "methodology": View("methodology", "Counting rules", ["What one figure rests on"], "Methodology"),
}


def test_every_page_is_opened_on_both_warehouses():
    assert sorted(REAL) == APP_PAGES == sorted(DEMO)


def _read(page, view: View, shot: str, synthetic: bool) -> None:
    for text in view.texts:
        assert _visible(page, text), text
    if synthetic:
        assert _visible(page, BANNER)
    if view.check:
        assert view.check(page), view.path
    _shot(page, shot, view.show)
    assert not _shown_now(page, "could not be shown") and not _shown_now(page, "Traceback")
    assert _shown_now(page, BANNER) == synthetic


@pytest.mark.parametrize("name", sorted(REAL))
def test_each_page_on_the_real_records(real, browser, name):
    view = REAL[name]
    page = _open(browser, f"{real}/{view.path}", view.wait_for)
    _read(page, view, f"trust-real-{name}.png", synthetic=False)
    page.close()


@pytest.mark.parametrize("name", sorted(DEMO))
def test_each_page_on_the_demo_says_synthetic(demo, browser, name):
    view = DEMO[name]
    page = _open(browser, f"{demo[0]}/{view.path}", view.wait_for)
    _read(page, view, f"trust-demo-{name}.png", synthetic=True)
    page.close()


def test_an_empty_committee_names_the_windows_searched(real, browser, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    first, last = con.execute("SELECT min(transaction_dt), max(transaction_dt) FROM contributions "
                              "WHERE source = 'fec_bulk'").fetchall()[0]
    con.close()
    # the old MAGA super PAC C00825851 has no row in these records: its $0 says what was searched and how to fetch more
    page = _open(browser, f"{real}/committee?cmte=C00825851", "Nothing found for MAKE AMERICA GREAT AGAIN INC.")
    assert _metric(page, "Itemized receipts counted in totals") == "$0.00"
    assert _visible(page, f"gifts dated {first} to {last}") and (first, last) == (first.__class__(2017, 1, 3),
                                                                                   last.__class__(2019, 3, 4))
    assert _visible(page, "moneytrail fetch openfec --committee C00825851")
    assert _visible(page, "super PAC (independent-expenditure-only political committee)")  # O in words
    _shot(page, "trust-real-committee-empty.png", "Nothing found for MAKE AMERICA GREAT AGAIN INC.")
    page.close()


def test_an_unknown_organization_is_shown_back_not_swapped(real, browser):
    page = _open(browser, f"{real}/organization?org=googel", "Unknown organization in the link")
    assert _visible(page, "googel")
    _shot(page, "trust-real-organization-googel.png", "Unknown organization in the link")
    assert not _shown_now(page, "Counted, chosen channels")  # no figure of some other organization
    page.close()


def test_compare_flags_a_bad_date_and_a_reversed_window(real, browser):
    page = _open(browser, f"{real}/compare?org=google&from=notadate", "Not a date in the link")
    assert _visible(page, "notadate")
    assert _visible(page, "Copy link")
    _shot(page, "trust-real-compare-notadate.png", "Not a date in the link")
    page.close()
    page = _open(browser, f"{real}/compare?org=google&from=2030-01-01&to=2019-01-01", "The window is reversed")
    page.wait_for_timeout(1500)
    assert not _shown_now(page, "Citation")
    page.close()
