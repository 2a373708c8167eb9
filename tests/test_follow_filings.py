"""Following committees with no key, against the replay server: one OpenFEC reports call per committee (DEMO_KEY),
each filing from docquery as raw .fec (tests/replay_filings.py says which answers are real and which DERIVED)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import replay_filings
from typer.testing import CliRunner

from conftest import shared_data
from etl.cli import app
from etl.net.meta import read_meta

runner = CliRunner()
NOTE = "from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded"


def _rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_fetch_filings_with_no_key_lists_once_and_downloads_each_filing(replay, tmp_path, monkeypatch):
    replay_filings.register(replay, shared_data(), tmp_path / "derived")
    monkeypatch.delenv("FEC_API_KEY", raising=False)
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    replay.fault("/dcdev/posted/1930418.fec", "drop")  # an interrupted download resumes
    res = runner.invoke(app, ["--db", str(tmp_path / "mt.duckdb"), "fetch", "filings", "--committee", "c00892471"])
    out = " ".join(res.output.split())
    assert res.exit_code == 0, out
    calls = replay.hits("/v1/committee/C00892471/reports/")
    assert len(calls) == 1 and calls[0].headers.get("x-api-key") == "DEMO_KEY"
    raw = tmp_path / "raw"
    assert sorted(p.name for p in (raw / "efile").glob("*.fec")) == ["1930418.fec", "1943509.fec"]
    assert read_meta(raw / "efile" / "1943509.fec")["url"] == f"{replay.base}/dcdev/posted/1943509.fec"
    assert "filings of C00892471: 11 listed" in out and "not downloaded from docquery: 2009096" in out
    db = tmp_path / "mt.duckdb"
    assert _rows(db, "SELECT file_num, schedule, rows, memo_rows, itemized, not_itemized FROM filing_reconciliation "
                     "WHERE schedule = 'SA17' ORDER BY 1") == [
        (1930418, "SA17", 137, 54, Decimal("102172330.65"), Decimal("101.00")),
        (1943509, "SA17", 4, 0, Decimal("10001033.11"), Decimal("0.00"))]
    assert _rows(db, "SELECT note FROM filing_status WHERE file_num = 1930418") == [(NOTE,)]
    assert _rows(db, "SELECT fetched_from FROM load_log WHERE dataset = 'efile:1930418'") == [
        (f"{replay.base}/dcdev/posted/1930418.fec",)]


def test_fetch_filings_refuses_a_bad_committee_id_in_one_line(tmp_path):
    res = runner.invoke(app, ["--db", str(tmp_path / "mt.duckdb"), "fetch", "filings", "--committee", "MAGA INC"])
    assert res.exit_code == 2 and "not a committee ID" in res.output and "Traceback" not in res.output


def test_up_with_no_key_follows_both_watched_committees(replay, tmp_path):
    from test_up import _up

    import replay_openfec
    import replay_usaspending
    replay_openfec.register(replay)
    replay_usaspending.install(replay)
    replay_filings.register(replay, shared_data(), tmp_path / "derived")
    env = {"FEC_API_KEY": "", "MONEYTRAIL_WATCHLIST_EFILINGS": "1544132"}
    out, took = _up(tmp_path, env, "--cycle", "2020", timeout=300)
    print(f"`up` with no key against the replay server: {took:.1f} s, {len(replay.log)} requests")
    assert "OpenFEC skipped: FEC_API_KEY is not set" in out
    for cmte in ("C00892471", "C00894162"):
        assert len(replay.hits(f"/v1/committee/{cmte}/reports/")) == 1, cmte
    db = tmp_path / "mt.duckdb"
    assert _rows(db, "SELECT file_num, status, loaded FROM filing_status WHERE loaded ORDER BY 1") == [
        (1544132, "current", True), (1930418, "superseded", True), (1943509, "current", True),
        (9999001, "current", True)]
    # every itemized receipt of the fetched MAGA Inc. filings, and the Brockman row with its note
    assert _rows(db, """SELECT m.org_id, m.channel, m.amount, s.note FROM org_money_rows m
                        JOIN contribution_filing_status s ON s.contribution_id = m.row_id
                        WHERE m.recipient_cmte_id = 'C00892471'""") == [
        ("openai", "executives_and_households", Decimal("25000000.00"), NOTE)]
    assert _rows(db, "SELECT count(*), sum(amount) FROM contributions WHERE filer_cmte_id = 'C00892471' "
                     "AND counts_in_totals") == [(87, Decimal("112173363.76"))]
