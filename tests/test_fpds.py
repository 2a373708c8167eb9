"""`fetch fpds` and the FPDS loader against the replay server's SYNTHETIC SAM.gov Contract Awards answers
(tests/replay_sam.py): paging, a 429, a dropped connection, resume, a termination, the key never written,
and an announced award replaced (never added to) by the record of the same PIID."""

from __future__ import annotations

import io
import json
import logging
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import replay_sam as rs
from rich.console import Console

from etl import entities
from etl.build import build
from etl.net import http as _http
from etl.net.meta import read_meta
from etl.queries import QUERIES
from etl.sources.fpds import api as fpds

OT_KEY = "FPDS_OT_DEMOOT2590001"


@pytest.fixture()
def sam(replay, monkeypatch) -> rs.SamReplay:
    monkeypatch.setenv("SAM_API_KEY", rs.KEY)
    return rs.install(replay)


def _fetch(raw: Path, waits: list | None = None, logs: list | None = None, **kw) -> _http.FetchSummary:
    http = _http.Http(sleep=(waits.append if waits is not None else (lambda s: None)),
                      log=(logs.append if logs is not None else None))
    try:
        return fpds.fetch_contract_actions(http, raw, **kw)
    finally:
        http.close()


def _build(raw: Path, db: Path, registry: Path | None = None) -> duckdb.DuckDBPyConnection:
    build(raw, db, console=Console(file=io.StringIO()), registry_dir=registry)
    return duckdb.connect(str(db), read_only=True)


def test_pages_by_offset_index_until_a_short_page(sam, replay, tmp_path):
    got = _fetch(tmp_path / "raw", ueis=["DEMOUEI00001"], limit=50)
    assert (got.records, got.pages) == (124, 3)
    hits = replay.hits(rs.SEARCH)
    assert [(h.arg("offset"), h.arg("limit")) for h in hits] == [("0", "50"), ("1", "50"), ("2", "50")]
    assert [json.loads(p.read_text())["totalRecords"] for p in got.files] == ["124"] * 3
    con = _build(tmp_path / "raw", tmp_path / "w.duckdb")
    assert con.execute("SELECT count(*), sum(federal_action_obligation) FROM award_transactions").fetchall() == [
        (124, rs.total(rs.OT_PIID) + rs.total(rs.CONTRACT_PIID))]
    # one row per award, whatever page its actions were on; the award totals are never summed
    rows = con.execute("SELECT award_key, award_category, obligated, potential_value, source FROM awards "
                       "WHERE source <> 'announced' ORDER BY award_key").fetchall()
    assert rows == [("CONT_AWD_DEMOC2500002_9998_-NONE-_-NONE-", "contract", Decimal("130000.00"),
                     Decimal("200000.00"), "fpds"),
                    (OT_KEY, "other_transaction", Decimal("2500000.00"), Decimal("50000000.00"), "fpds")]
    assert con.execute("SELECT sum(rows_read), sum(rows_loaded), sum(rows_rejected) FROM load_log "
                       "WHERE source = 'fpds'").fetchall() == [(124, 124, 0)]


def test_a_modification_that_terminates_the_agreement_keeps_its_reason_and_sign(sam, tmp_path):
    _fetch(tmp_path / "raw", piids=[rs.OT_PIID])
    con = _build(tmp_path / "raw", tmp_path / "w.duckdb")
    mods = con.execute("""SELECT modification_number, action_type_description, is_termination(action_type_description),
                                 federal_action_obligation, fiscal_year FROM award_transactions
                          WHERE award_key = $k ORDER BY action_date""", {"k": OT_KEY}).fetchall()
    assert mods == [("0", None, False, Decimal("1000000.00"), 2025),
                    ("P00001", "FUNDING ONLY ACTION", False, Decimal("2000000.00"), 2025),
                    ("P00002", "TERMINATE FOR CONVENIENCE (COMPLETE OR PARTIAL)", True, Decimal("-500000.00"), 2025)]
    (row,) = QUERIES["other_awards"].run(con, q=rs.OT_PIID, agency="").records()
    assert (row["what"], str(row["terminated_on"]), row["termination_reason"], row["modifications"]) == (
        "OT agreement or order (FPDS record)", "2025-09-30", "TERMINATE FOR CONVENIENCE (COMPLETE OR PARTIAL)", 3)
    assert row["obligated"] == Decimal("2500000.00") and row["ceiling"] == Decimal("50000000.00")
    assert row["source_url"].startswith("https://www.fpds.gov/ezsearch/") and rs.OT_PIID in row["source_url"]
    extra = json.loads(con.execute("SELECT extra FROM awards WHERE award_key = $k", {"k": OT_KEY}).fetchall()[0][0])
    assert extra["_synthetic"] == rs.SYNTHETIC
    assert extra["awardDetails.competitionInformation.typeOfAgreement"] == {"name": "PROTOTYPE"}


def test_429_with_retry_after_then_the_same_records(sam, replay, tmp_path):
    replay.fault(rs.SEARCH, "429")
    waits: list[float] = []
    got = _fetch(tmp_path / "raw", waits, piids=[rs.OT_PIID])
    assert got.records == 3 and 1.0 in waits and len(replay.hits(rs.SEARCH)) == 2


def test_a_dropped_connection_is_retried(sam, replay, tmp_path):
    replay.fault(rs.SEARCH, "drop", "reset")
    logs: list[str] = []
    got = _fetch(tmp_path / "raw", logs=logs, ueis=["DEMOUEI00001"])
    assert (got.records, got.pages) == (124, 2) and len(replay.hits(rs.SEARCH)) == 4
    assert len(logs) == 2 and all("retry" in line for line in logs)


def test_max_pages_stops_then_resumes_without_a_page_twice(sam, replay, tmp_path):
    raw = tmp_path / "raw"
    first = _fetch(raw, ueis=["DEMOUEI00001"], limit=50, max_pages=1)
    assert first.pages == 1 and any("--max-pages" in n for n in first.notes)
    second = _fetch(raw, ueis=["DEMOUEI00001"], limit=50)
    assert second.resumed and second.pages == 2
    assert [h.arg("offset") for h in replay.hits(rs.SEARCH)] == ["0", "1", "2"]
    con = _build(raw, tmp_path / "w.duckdb")
    assert con.execute("SELECT count(*) FROM award_transactions").fetchall() == [(124,)]


def test_no_match_is_204_and_writes_nothing(sam, replay, tmp_path):
    got = _fetch(tmp_path / "raw", names=["NOBODY OF THAT NAME (SYNTHETIC)"])
    assert (got.records, got.pages, got.files) == (0, 0, [])
    assert replay.hits(rs.SEARCH)[0].arg("awardeeLegalBusinessName") == "NOBODY OF THAT NAME (SYNTHETIC)"


def test_the_key_is_only_in_the_query_to_the_api_never_in_files_logs_errors_or_redirects(sam, replay, tmp_path, caplog):
    raw = tmp_path / "raw"
    logs: list[str] = []
    caplog.set_level(logging.DEBUG)
    replay.fault(rs.SEARCH, "500")
    _fetch(raw, logs=logs, piids=["HQ0883-25-9-0012"])
    assert {h.arg("api_key") for h in replay.hits(rs.SEARCH)} == {rs.KEY}
    assert replay.hits(rs.SEARCH)[-1].arg("piid") == rs.OPENAI_PIID  # sent without the announcement's dashes
    replay.fault(rs.SEARCH, "500", sticky=True)
    with pytest.raises(_http.FetchError) as failed:
        _fetch(raw, logs=logs, piids=[rs.OT_PIID])
    replay.clear()
    sam.redirect_to = "http://localhost:9"  # another host: following would send the key there
    with pytest.raises(_http.FetchError) as redirected:
        _fetch(raw, logs=logs, piids=[rs.OT_PIID])
    assert len(replay.hits(rs.SEARCH)) == 1 and "redirect" in str(redirected.value)
    text = "\n".join([str(failed.value), str(redirected.value), *logs, caplog.text])
    assert "HTTP 500" in text and "HTTP Request: GET" in caplog.text and rs.KEY not in text
    files = [p for p in raw.rglob("*") if p.is_file()]
    assert any(p.name == "fetch_state.duckdb" for p in files) and any(p.name.endswith(".meta.json") for p in files)
    assert not [p for p in files if rs.KEY.encode() in p.read_bytes()]
    page = next(p for p in files if p.name == "page-00001.json")
    assert "api_key" not in read_meta(page)["url"] and read_meta(page)["query"]["piid"] == rs.OPENAI_PIID


def test_without_a_key_it_says_how_to_get_one(replay, monkeypatch, tmp_path):
    monkeypatch.delenv("SAM_API_KEY", raising=False)
    with pytest.raises(_http.FetchError, match="SAM_API_KEY"):
        _fetch(tmp_path / "raw", piids=[rs.OT_PIID])
    assert fpds.watch_steps([2026])[0].skip == fpds.NO_KEY


def test_the_record_wins_over_the_announcement_which_stays_its_citation(sam, tmp_path):
    _fetch(tmp_path / "raw", piids=["HQ0883-25-9-0012"])
    con = _build(tmp_path / "raw", tmp_path / "w.duckdb", entities.REGISTRY_DIR)
    rows = con.execute("""SELECT source, piid, obligated, potential_value, evidence, announcement_url FROM awards
                          WHERE piid_key(piid) = piid_key('HQ0883-25-9-0012')""").fetchall()
    assert rows == [("fpds", rs.OPENAI_PIID, Decimal("1999998.00"), Decimal("200000000.00"), "transaction record",
                     "https://techstrong.ai/features/openai-wins-200-million-deal-to-supply-ai-tools-to-defense-department")]
    # the announced amount is not added to the record's: $1,999,998 once, not twice
    assert con.execute("SELECT sum(obligated) FROM org_awards WHERE org_id = 'openai'").fetchall() == [
        (Decimal("1999998.00"),)]
    other = QUERIES["org_other_awards"].run(con, org_id="openai").records()
    assert [(r["what"], r["source"]) for r in other] == [("OT agreement or order (FPDS record)", "fpds")]
    # the three July 2025 announcements without an award id are still shown, as announced
    assert con.execute("SELECT count(*) FROM awards WHERE source = 'announced'").fetchall() == [(3,)]


def test_the_command_fetches_and_rebuilds(sam, tmp_path):
    from typer.testing import CliRunner

    from etl.cli import app
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["fetch", "fpds", "--piid", rs.OT_PIID, "--raw", str(tmp_path / "raw"),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert rs.KEY not in result.output
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT obligated FROM awards WHERE award_key = $k", {"k": OT_KEY}).fetchall() == [
        (Decimal("2500000.00"),)]
