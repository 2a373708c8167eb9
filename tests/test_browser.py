"""A real browser (Debian chromium via Playwright) on `moneytrail serve`: visible figures equal the SQL figures.

Screenshots go to tests/artifacts/ (gitignored; CI keeps them as artifacts).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from conftest import one
from helpers import free_port, moneytrail_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# Without these, chromium keeps trying to reach Google's services from a machine with no network.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(warehouse, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with moneytrail_server(["--db", str(warehouse), "serve", "--port", str(port), "--no-browser"], port, log=log):
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: install Debian's chromium (.ci/run does)"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, url: str, text: str, last: str, shot: str):
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    page.goto(url)
    for t in (text, last):  # the last heading of the page: everything above it has rendered
        page.get_by_text(t, exact=False).first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # charts and tables finish drawing after their element exists
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
    return page


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]', has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_organization_page_shows_the_sql_figures(server, browser, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    expected = one(con, "SELECT sum(amount) FROM org_money WHERE org_id = 'google' AND channel <> 'to_own_pac'")
    con.close()
    page = _open(browser, f"{server}/organization?org=google", "Counted, chosen channels",
                 "What these records do not cover", "organization-google.png")
    # without the bare NEST row (issue 14)
    assert _metric(page, "Counted, chosen channels") == f"${expected:,.2f}" == "$61,350.00"
    page.close()


def test_compare_page_shows_the_sql_figures(server, browser, warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    google, others = con.execute("""
        SELECT sum(amount) FILTER (WHERE m.org_id = 'google'), sum(amount) FILTER (WHERE m.org_id <> 'google')
        FROM org_money_rows m JOIN recipient_committees r ON r.cmte_id = m.recipient_cmte_id
        JOIN registry_organizations o ON o.org_id = m.org_id
        WHERE r.party = 'DEM' AND o.peer_set = 'ai' AND m.channel <> 'to_own_pac'""").fetchall()[0]
    con.close()
    page = _open(browser, f"{server}/compare?org=google&recipients=party&party=DEM", "vs the sum of the others",
                 "Citation", "compare-google-dem.png")
    assert _metric(page, "vs the sum of the others") == f"{(google / others).quantize(google.__class__('0.01'))}×" == "38.67×"
    assert page.get_by_text("$49,300.00").filter(visible=True).count() >= 1
    page.close()
