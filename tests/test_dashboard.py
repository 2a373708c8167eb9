"""Explorer pages through Streamlit AppTest on the warehouse built from the real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from helpers import EFILING_1544132_ROWS

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture()
def app(warehouse, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    return AppTest.from_file(APP, default_timeout=60)


PAGES = {"claims.py": "Claims", "search.py": "Search", "organization.py": "Organization", "compare.py": "Compare / check a claim",
         "person.py": "Person", "committee.py": "Committee", "contracts.py": "Contracts", "ai_uses.py": "AI uses",
         "contributions.py": "Contributions", "loads.py": "Sources and loads", "methodology.py": "Methodology"}


def test_claims_is_the_start_page(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Claims"
    assert [h.value for h in at.header][:6] == ["quitgpt_a_brockman_maga_inc", "quitgpt_b_altman_inaugural",
                                                "quitgpt_c_26x_ratio", "quitgpt_d_ice_gpt4_resume",
                                                "quitgpt_e_openai_dod_ot", "quitgpt_f_anthropic_ban"]


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_opens_from_the_router(app, page):
    at = app.run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception
    assert at.title[0].value == PAGES[page]


def test_the_router_lists_every_page_in_order():
    # page_url() links by file stem (Streamlit's default URL path), so every page must stay routed under its file name
    router = Path(APP).read_text()
    assert [line.split('"')[1] for line in router.splitlines() if "st.Page(str(here / " in line] == list(PAGES)
    assert "url_path" not in router


def test_loads_page_lists_every_file(app):
    at = app.run()
    at.switch_page("app_pages/loads.py").run()
    assert not at.exception
    assert at.title[0].value == "Sources and loads"
    # 15 FEC files (with MAGA Inc.'s two filings, its reports list and the OpenFEC rows), 6 USAspending, 4 AI inventory
    assert at.dataframe[0].value.shape[0] == 25
    assert at.dataframe[1].value.shape[0] == 3  # the three duplicate master lines


def test_contributions_page_counts_a_committee_from_the_url(app):
    app.query_params["cmte"] = "C00431353"
    at = app.run()
    at.switch_page("app_pages/contributions.py").run()
    assert not at.exception
    # Klobuchar for Minnesota, filing 1544132: 301,030.36 + 9,000 + 6,000 + 1,553.58 counted
    assert at.metric[0].value == "$317,583.94"
    assert at.dataframe[0].value.shape[0] == EFILING_1544132_ROWS


@pytest.mark.parametrize("text", ["'; DROP TABLE contributions; --", "%" * 10_000, "\x00"])
def test_hostile_search_text_is_harmless(app, text):
    app.query_params["name"] = text
    at = app.run()
    at.switch_page("app_pages/contributions.py").run()
    assert not at.exception
    assert at.metric[0].value == "$0.00"


def test_the_explorer_reads_through_a_connection_that_cannot_write(warehouse, monkeypatch):
    import duckdb

    from dashboard import components
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    with pytest.raises(duckdb.Error, match="read-only"):
        components.cursor().execute("DELETE FROM contribution_rows")
