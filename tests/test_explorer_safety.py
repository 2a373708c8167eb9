"""The explorer's connection and caching layer (issue 15): locked like `moneytrail sql`, reopened when a rebuild
replaces the file, bounded tables with "show more", one sentence and no server path when the warehouse is broken."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import components
from etl.cli.serve import _streamlit_cmd
from helpers import CONTRIBUTION_ROWS

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def test_the_explorer_connection_is_locked(warehouse, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    cur = components.cursor()
    for query in ("SELECT content FROM read_text('/proc/self/environ')", "SELECT * FROM glob('/*')"):
        with pytest.raises(duckdb.PermissionException):
            cur.execute(query)
    with pytest.raises(duckdb.InvalidInputException, match="locked"):
        cur.execute("SET enable_external_access = true")


def test_a_rebuilt_file_is_reopened_and_cached_results_follow_it(warehouse, tmp_path, monkeypatch):
    live = tmp_path / "moneytrail.duckdb"
    shutil.copyfile(warehouse, live)
    monkeypatch.setenv("MONEYTRAIL_DB", str(live))
    before = components.run("coverage").records()
    # 21 files of 2020 and before, MAGA Inc.'s two 2025 filings and its reports list, the 776 OpenFEC rows
    assert before and components.cursor().execute("SELECT count(*) FROM load_log").fetchall() == [(25,)]
    rebuilt = tmp_path / "moneytrail.duckdb.building-1"
    shutil.copyfile(warehouse, rebuilt)
    con = duckdb.connect(str(rebuilt))
    con.execute("DELETE FROM load_log WHERE source <> 'fec_efile'")
    con.close()
    old_inode = live.stat().st_ino
    os.replace(rebuilt, live)  # what a build does
    assert live.stat().st_ino != old_inode
    # the e-filings 1544132 and 1550548 (.fec) and MAGA Inc.'s 1930418 and 1943509 (docquery CSV)
    assert components.cursor().execute("SELECT count(*) FROM load_log").fetchall() == [(4,)]
    assert [r["source"] for r in components.run("coverage").records()] == ["fec_efile"]


def test_an_unfiltered_contributions_page_is_bounded_and_shows_more_on_click(warehouse, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    at = AppTest.from_file(str(Path(APP).parent / "app_pages" / "contributions.py"), default_timeout=60).run()
    assert not at.exception
    assert at.dataframe[0].value.shape[0] == components.PAGE_ROWS
    assert f"Showing the first 5,000 of {CONTRIBUTION_ROWS:,} rows" in [c.value.split(";")[0] for c in at.caption]
    at.button(key="more-btn-contributions").click().run()
    assert at.dataframe[0].value.shape[0] == 2 * components.PAGE_ROWS
    assert at.get("download_button")[0].proto.label == f"Download these rows (CSV, {CONTRIBUTION_ROWS:,} rows)"


def test_a_broken_warehouse_shows_one_sentence_and_no_server_path(tmp_path, monkeypatch):
    broken = tmp_path / "secret-server-folder" / "moneytrail.duckdb"
    broken.parent.mkdir()
    broken.write_bytes(b"this is not a DuckDB file" * 100)
    monkeypatch.setenv("MONEYTRAIL_DB", str(broken))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("This page could not be shown: the warehouse could not be read.")
    shown = " ".join(str(e.value) for e in [*at.error, *at.markdown, *at.caption, *at.warning])
    assert "secret-server-folder" not in shown


def test_the_server_hides_error_details():
    cmd = _streamlit_cmd(8501, True)
    assert cmd[cmd.index("--client.showErrorDetails") + 1] == "none"
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
