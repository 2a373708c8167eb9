"""Explorer pages through Streamlit AppTest on the warehouse built from the real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture()
def app(warehouse, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    return AppTest.from_file(APP, default_timeout=60)


def test_loads_page_lists_every_file(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Sources and loads"
    assert at.dataframe[0].value.shape[0] == 21  # 11 FEC files, 6 USAspending files, 4 AI inventory files
    assert at.dataframe[1].value.shape[0] == 3  # the three duplicate master lines


def test_contributions_page_counts_a_committee_from_the_url(app):
    app.query_params["cmte"] = "C00431353"
    at = app.run()
    at.switch_page("app_pages/contributions.py").run()
    assert not at.exception
    # Klobuchar for Minnesota, filing 1544132: 301,030.36 + 9,000 + 6,000 + 1,553.58 counted
    assert at.metric[0].value == "$317,583.94"
    assert at.dataframe[0].value.shape[0] == 2598


@pytest.mark.parametrize("text", ["'; DROP TABLE contributions; --", "%" * 10_000, "\x00"])
def test_hostile_search_text_is_harmless(app, text):
    app.query_params["name"] = text
    at = app.run()
    at.switch_page("app_pages/contributions.py").run()
    assert not at.exception
    assert at.metric[0].value == "$0.00"
