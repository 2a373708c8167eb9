"""A real browser (Debian chromium) on the real-records warehouse and the demo: windows beside figures, unknown URL
values shown back, records readable as text, totals not cut off. One server per warehouse; screenshots in tests/artifacts/.
"""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from test_browser import ARGS, ARTIFACTS, CHROMIUM

from helpers import free_port, moneytrail_server

W, H = 1400, 2200  # the width at which the contracts totals were cut off before


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


def _open(browser, url: str, wait_for: str, shot: str):
    page = browser.new_page(viewport={"width": W, "height": H})
    page.goto(url)
    page.get_by_text(wait_for, exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # charts and tables finish drawing after their element exists
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    return page


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


def test_maga_inc_figure_has_its_window(real, browser, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    first, last = con.execute("SELECT min(transaction_dt), max(transaction_dt) FROM contributions "
                              "WHERE source = 'fec_bulk'").fetchall()[0]
    con.close()
    page = _open(browser, f"{real}/committee?cmte=C00892471", "Nothing found for MAGA INC.", "committee-maga-window.png")
    box = page.locator('[data-testid="stMetric"]', has_text="Itemized receipts counted in totals").first
    assert box.locator('[data-testid="stMetricValue"]').inner_text().strip() == "$0.00"
    # the window the $0 rests on, and the command that would answer it, in the note beside the figure
    assert _visible(page, f"gifts dated {first} to {last}") and (first, last) == (first.__class__(2017, 1, 3),
                                                                                   last.__class__(2019, 3, 4))
    assert _visible(page, "moneytrail fetch openfec --committee C00892471")
    assert _visible(page, "hybrid PAC (with a non-contribution account), nonqualified")  # V in words
    page.close()


def test_an_unknown_organization_is_shown_back_not_swapped(real, browser):
    page = _open(browser, f"{real}/organization?org=googel", "Unknown organization in the link",
                 "organization-googel-warning.png")
    assert _visible(page, "googel")
    assert not _shown_now(page, "Counted, chosen channels")  # no figure of some other organization
    page.close()
    page = _open(browser, f"{real}/organization?org=alphabet", "read as", "organization-alphabet.png")
    box = page.locator('[data-testid="stMetric"]', has_text="Counted, chosen channels").first
    # Google without the bare NEST row (issue 14)
    assert box.locator('[data-testid="stMetricValue"]').inner_text().strip() == "$61,350.00"
    assert _visible(page, "The numbers behind this chart")
    page.close()


def test_dhs_2556_reads_as_text_with_gpt4_highlighted(real, browser):
    page = _open(browser, f"{real}/ai_uses?id=DHS-2556&q=GPT-4", "AI-Assisted Resume Screening Tool", "ai-use-dhs-2556.png")
    assert _visible(page, "is trained on common crawl and publicly available data")
    marked = page.locator("span", has_text="GPT-4").filter(visible=True)
    assert marked.count() >= 1
    page.close()


def test_contracts_totals_are_not_cut_off(real, browser):
    page = _open(browser, f"{real}/contracts", "Obligated on contracts", "contracts-totals.png")
    fits = "e => [e, ...e.querySelectorAll('*')].every(t => t.scrollWidth <= t.clientWidth)"  # nothing clipped
    for label, short, exact in (("Obligated on contracts", "$10.15 billion", "$10,147,267,610.48"),
                                ("Obligated on IDVs (apart, never added)", "$8.13 billion", "$8,132,565,249.74"),
                                ("Ceiling of contracts that state one (never added)", "$172.27 million", "$172,272,419.67")):
        box = page.locator('[data-testid="stMetric"]', has_text=label).first
        value = box.locator('[data-testid="stMetricValue"]')
        assert value.inner_text().strip() == short
        assert value.evaluate(fits) and box.locator('[data-testid="stMetricLabel"]').evaluate(fits), label
        assert _visible(page, f"exactly {exact}")
    page.close()


def test_compare_flags_a_bad_date_and_a_reversed_window(real, browser):
    page = _open(browser, f"{real}/compare?org=google&from=notadate", "Not a date in the link", "compare-notadate.png")
    assert _visible(page, "notadate")
    assert _visible(page, "Copy link")
    page.close()
    page = _open(browser, f"{real}/compare?org=google&from=2030-01-01&to=2019-01-01", "The window is reversed",
                 "compare-reversed.png")
    assert not _shown_now(page, "Citation")
    page.close()


def test_the_demo_pages_say_synthetic(demo, browser):
    url, db = demo
    con = duckdb.connect(str(db), read_only=True)
    counted, refunds = con.execute("SELECT counted_amount, refund_amount FROM contribution_rollup "
                                   "WHERE recipient_cmte_id = 'C99900501'").fetchall()[0]
    con.close()
    page = _open(browser, f"{url}/committee?cmte=C99900501", "Net (counted minus refunds)", "demo-committee.png")
    assert _visible(page, "SYNTHETIC DEMO DATA")
    box = page.locator('[data-testid="stMetric"]', has_text="Net (counted minus refunds)").first
    assert box.locator('[data-testid="stMetricValue"]').inner_text().strip() == f"${counted - refunds:,.2f}" == "$2,770,000.00"
    assert _visible(page, "Rests on")
    page.close()
    page = _open(browser, f"{url}/compare?org=examplar", "do not cite", "demo-compare.png")
    assert _visible(page, "SYNTHETIC DEMO DATA: do not cite.")
    page.close()
    page = _open(browser, f"{url}/ai_uses?id=DOX-0001", "Example Benefits Chatbot (SYNTHETIC)", "demo-ai-use.png")
    assert _visible(page, "SYNTHETIC")
    page.close()
