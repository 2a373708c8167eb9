"""`moneytrail fetch usaspending` against the replay server (tests/replay_usaspending.py says what is recorded,
what is reshaped from the real Advanced Search CSV and what is synthetic): paging, keyset, faults, resume,
registry queries, award detail and transactions, bulk downloads, and the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from typer.testing import CliRunner

import replay_usaspending as ru
from conftest import shared_data
from etl.build import build
from etl.cli import app
from etl.entities import REGISTRY_DIR
from etl.net import cursors as _cursor
from etl.net import http as _http
from etl.net.files import sha256_file
from etl.net.http import FetchError
from etl.net.meta import read_meta
from etl.sources.usaspending import api as usa
from etl.sources.usaspending import download as usa_download
from helpers import TRACERS_POTENTIAL

IDV_CODES = ["IDV_A", "IDV_B", "IDV_B_A", "IDV_B_B", "IDV_B_C", "IDV_C", "IDV_D", "IDV_E"]
TRACERS = "CONT_AWD_80GSFC18C0008_8000_-NONE-_-NONE-"
ORION = "CONT_IDV_80JSC019C0012_8000"


@pytest.fixture()
def routes(replay) -> ru.UsaspendingReplay:
    return ru.install(replay)


def _client(**kw) -> _http.Http:
    return _http.Http(sleep=lambda s: None, **kw)


def _scan(keyword: str) -> list[tuple[int, Decimal]]:
    """A direct scan of the real CSV: (row number, Award Amount) of the rows whose description, recipient or
    award ID contains the keyword, case-insensitively (the replay's documented rule)."""
    path = shared_data() / "contracts" / "spending_by_award_ai_keyword_contracts.csv"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [(i, Decimal(r["Award Amount"])) for i, r in enumerate(csv.DictReader(f), 1)
                if keyword.lower() in (r["Description"] + "\0" + r["Recipient Name"] + "\0" + r["Award ID"]).lower()]


def _build(raw: Path, db: Path) -> Path:
    build(raw, db, console=Console(file=io.StringIO()))
    return db


def _q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _bodies(replay, path: str = ru.SEARCH) -> list[dict]:
    return [h.json() for h in replay.hits(path)]


def _ids(folder: Path, group: str = "contracts") -> list[int]:
    return [r["internal_id"] for p in usa.pages_of(folder, group)
            for r in json.loads(p.read_text())["results"]]


def test_keyword_search_equals_a_scan_of_the_real_csv(routes, replay, tmp_path):
    expected = _scan("large language model")
    assert (len(expected), sum(a for _, a in expected)) == (39, Decimal("44787367.48"))
    seen: list[tuple[int, int | None]] = []
    with _client() as http:
        got = usa.fetch_awards(http, tmp_path / "raw", keywords=["large language model"],
                               progress=lambda done, total: seen.append((done, total)))
    assert (got.records, got.pages) == (39, 2)  # one contracts page, one empty IDV page
    assert seen[-1] == (39, 39)  # the total came from spending_by_award_count
    bodies = _bodies(replay)
    assert [b["filters"]["award_type_codes"] for b in bodies] == [["A", "B", "C", "D"], IDV_CODES]  # never mixed
    assert all((b["limit"], b["page"], b["sort"], b["order"], b["filters"]["keywords"]) ==
               (100, 1, "Award Amount", "desc", ["large language model"]) for b in bodies)
    assert set(usa.FIELDS) <= set(bodies[0]["fields"]) and "Last Date to Order" in bodies[1]["fields"]
    folder = tmp_path / "raw" / "usaspending" / usa.queries_for(keywords=["large language model"])[0].key
    meta = read_meta(folder / "contracts-page-00001.json")
    assert meta["request"] == bodies[0] and meta["page"] == 1 and meta["retrieved_at"]
    assert sorted(_ids(folder)) == [i for i, _ in expected]
    db = _build(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert _q(db, "SELECT count(*), sum(obligated), count(DISTINCT award_key) FROM awards WHERE source = 'usaspending'") == \
        [(39, Decimal("44787367.48"), 39)]
    assert _q(db, "SELECT count(*), min(award_key_kind), min(retrieved_at_basis) FROM award_records") == \
        [(39, "surrogate", "fetch")]


def test_paging_past_the_page_window_switches_to_keyset_and_gets_every_row_once(replay, tmp_path, monkeypatch):
    ru.install(replay, page_window=500)  # the real API's 50,000, lowered
    monkeypatch.setenv("MONEYTRAIL_USASPENDING_PAGE_WINDOW", "500")
    with _client() as http:
        got = usa.fetch_awards(http, tmp_path / "raw", keywords=["machine learning"], award_groups=("contracts",))
    bodies = _bodies(replay)
    assert [(b["page"], "last_record_unique_id" in b) for b in bodies] == \
        [(1, False), (2, False), (3, False), (4, False), (5, False), (6, True), (7, True), (8, True)]
    page5 = json.loads((tmp_path / "raw" / "usaspending" / usa.queries_for(keywords=["machine learning"])[0].key /
                        "contracts-page-00005.json").read_text())["page_metadata"]
    assert (bodies[5]["last_record_unique_id"], bodies[5]["last_record_sort_value"]) == \
        (page5["last_record_unique_id"], page5["last_record_sort_value"])
    expected = _scan("machine learning")
    ids = _ids(tmp_path / "raw" / "usaspending" / usa.queries_for(keywords=["machine learning"])[0].key)
    assert len(ids) == len(set(ids)) == got.records == 800 and set(ids) == {i for i, _ in expected}
    db = _build(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert _q(db, "SELECT count(*), sum(obligated) FROM awards WHERE source = 'usaspending'") == [(800, Decimal("1430676791.19"))]
    assert sum(a for _, a in expected) == Decimal("1430676791.19")


def test_a_window_smaller_than_expected_is_met_with_keyset_after_the_api_422(replay, tmp_path):
    ru.install(replay, page_window=300)  # the fetcher still expects 50,000
    with _client() as http:
        got = usa.fetch_awards(http, tmp_path / "raw", keywords=["machine learning"], award_groups=("contracts",))
    assert [(b["page"], "last_record_unique_id" in b) for b in _bodies(replay)] == \
        [(1, False), (2, False), (3, False), (4, False), (4, True), (5, True), (6, True), (7, True), (8, True)]
    ids = _ids(tmp_path / "raw" / "usaspending" / usa.queries_for(keywords=["machine learning"])[0].key)
    assert len(ids) == len(set(ids)) == got.records == 800


@pytest.mark.parametrize("faults", [("429",), ("500", "503"), ("slow",)])
def test_search_survives_429_500s_and_a_slow_answer(routes, replay, tmp_path, faults):
    replay.fault(ru.SEARCH, *faults)
    waits: list[float] = []
    with _http.Http(sleep=waits.append) as http:
        got = usa.fetch_awards(http, tmp_path / "raw", keywords=["large language model"], award_groups=("contracts",))
    assert got.records == 39 and len(replay.hits(ru.SEARCH)) == 1 + len(faults)
    if faults == ("429",):
        assert 1.0 in waits  # Retry-After honoured
    folder = tmp_path / "raw" / "usaspending" / usa.queries_for(keywords=["large language model"])[0].key
    assert sorted(p.name for p in folder.glob("*.json") if not p.name.endswith(".meta.json")) == \
        ["contracts-page-00001.json"]


def test_invalid_json_on_page_3_keeps_pages_1_2_then_a_resume_equals_a_clean_run(routes, replay, tmp_path):
    kw, raw = ["artificial intelligence"], tmp_path / "raw"
    key = usa.queries_for(keywords=kw)[0].key
    routes.bad_json_page = 3
    with _client() as http, pytest.raises(FetchError) as info:
        usa.fetch_awards(http, raw, keywords=kw, award_groups=("contracts",))
    message = str(info.value)
    assert "page 3" in message and "not valid JSON" in message and "Pages 1-2 are kept" in message
    folder = raw / "usaspending" / key
    assert sorted(p.name for p in folder.glob("*.json") if not p.name.endswith(".meta.json")) == \
        ["contracts-page-00001.json", "contracts-page-00002.json"]
    state = _cursor.load_cursor(raw, f"{key}/contracts")
    assert (state["pages"], state["rows"], state["done"], state["cursor"]["page"]) == (2, 200, False, 3)

    routes.bad_json_page = None
    replay.clear()
    with _client() as http:
        resumed = usa.fetch_awards(http, raw, keywords=kw, award_groups=("contracts",))
    assert resumed.resumed and resumed.records == 998
    assert [b["page"] for b in _bodies(replay)] == list(range(3, 11))  # pages 1-2 not asked again
    with _client() as http:
        usa.fetch_awards(http, tmp_path / "clean", keywords=kw, award_groups=("contracts",))
    sql = "SELECT (SELECT count(*) FROM award_records), count(*), sum(obligated) FROM awards WHERE source = 'usaspending'"
    got = _q(_build(raw, tmp_path / "resumed.duckdb"), sql)
    assert got == _q(_build(tmp_path / "clean", tmp_path / "clean.duckdb"), sql) == \
        [(998, 998, Decimal("1664364466.40"))]
    assert sum(a for _, a in _scan("artificial intelligence")) == Decimal("1664364466.40")


def _registry_texts() -> set[str]:
    """What the registry asks USAspending for: each contract recipient's UEI, else its name."""
    with open(REGISTRY_DIR / "contract_recipients.csv", encoding="utf-8", newline="") as f:
        return {r["uei"] or r["recipient_name"] for r in csv.DictReader(f)}


def test_registry_fetch_sends_one_query_per_recipient(routes, replay, tmp_path):
    names = _registry_texts()
    with _client() as http:
        got = usa.fetch_registry_awards(http, tmp_path / "raw", detail=False)
    bodies = _bodies(replay)
    sent = sorted((b["filters"]["recipient_search_text"][0], tuple(b["filters"]["award_type_codes"])) for b in bodies)
    assert sent == sorted((n, tuple(codes)) for n in names for codes in (["A", "B", "C", "D"], IDV_CODES))
    assert all(len(b["filters"]["recipient_search_text"]) == 1 for b in bodies)
    assert len(replay.hits(ru.COUNT)) == len(names)
    reseller = [b["filters"] for b in bodies if b["filters"]["recipient_search_text"] == ["CARAHSOFT TECHNOLOGY CORP"]]
    assert reseller[0]["keywords"] == ["CHATGPT", "OPENAI", "OPEN AI", "CLAUDE", "ANTHROPIC"]  # its products only
    assert all("keywords" not in b["filters"] for b in bodies if b["filters"] not in reseller)
    db = _build(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert _q(db, "SELECT recipient_name, count(*) FROM awards WHERE source = 'usaspending' GROUP BY 1 ORDER BY 1") == [
        ("AMAZON WEB SERVICES, INC.", 2), ("ANDURIL INDUSTRIES, INC.", 3), ("PALANTIR USG INC", 5),
        ("SCALE AI, INC.", 5)]
    assert got.records == 15


def test_registry_queries_use_the_uei_when_known_and_merge_reseller_patterns(tmp_path):
    (tmp_path / "contract_recipients.csv").write_text(
        "org_id,recipient_name,uei,relation,description_pattern,source\n"
        "acme,ACME EXAMPLE LLC (SYNTHETIC),SYNUEI000001,self,,synthetic\n"
        "acme,ACME EXAMPLE LLC (SYNTHETIC),,subsidiary,,synthetic\n"
        "acme,EXAMPLE RESELLER (SYNTHETIC),,reseller,ACME|ROADRUNNER,synthetic\n"
        "globex,EXAMPLE RESELLER (SYNTHETIC),,reseller,GLOBEX,synthetic\n", encoding="utf-8")
    assert [q.filters for q in usa.registry_queries(tmp_path)] == [
        {"recipient_search_text": ["SYNUEI000001"]}, {"recipient_search_text": ["ACME EXAMPLE LLC (SYNTHETIC)"]},
        {"recipient_search_text": ["EXAMPLE RESELLER (SYNTHETIC)"], "keywords": ["ACME", "ROADRUNNER", "GLOBEX"]}]


def test_search_leads_to_detail_and_transactions_that_load_and_join(routes, replay, tmp_path):
    raw = tmp_path / "raw"
    with _client() as http:
        usa.fetch_awards(http, raw, keywords=["large language model"])  # same page file names as the next query
        got = usa.fetch_awards(http, raw, recipients=["UNIVERSITY OF IOWA"])
    assert len(replay.hits(f"/api/v2/awards/{TRACERS}/")) == 1
    assert [(b["award_id"], b["limit"], b["page"]) for b in _bodies(replay, ru.TRANSACTIONS)] == [(TRACERS, 5000, 1)]
    awards = raw / "usaspending" / "awards"
    assert read_meta(awards / f"award-{TRACERS}.json")["award_id"] == TRACERS
    assert read_meta(awards / f"transactions-{TRACERS}-page-1.json")["award_id"] == TRACERS
    assert got.records == 1
    db = _build(raw, tmp_path / "mt.duckdb")
    assert _q(db, f"SELECT obligated, potential_value, snapshots, recipient_name FROM awards WHERE award_key = '{TRACERS}'") \
        == [(Decimal("172213419.67"), TRACERS_POTENTIAL, 2, "THE UNIVERSITY OF IOWA")]
    assert _q(db, """SELECT count(*), sum(t.federal_action_obligation), any_value(a.recipient_name)
                     FROM award_transactions t JOIN awards a USING (award_key)""") == \
        [(3, Decimal("3082046.29"), "THE UNIVERSITY OF IOWA")]
    # both queries' contracts-page-00001.json loaded
    assert _q(db, "SELECT count(*) FROM awards WHERE source = 'usaspending'") == [(40, )]


def test_an_interrupted_detail_phase_resumes_without_searching_or_fetching_again(routes, replay, tmp_path):
    raw, kw = tmp_path / "raw", ["TRACERS", "ORION PRODUCTION"]
    replay.fault(f"/api/v2/awards/{TRACERS}/", "500", sticky=True)
    with _client() as http, pytest.raises(FetchError, match="HTTP 500"):
        usa.fetch_awards(http, raw, keywords=kw)
    assert len(replay.hits(f"/api/v2/awards/{ORION}/")) == 1  # the larger award was done first
    replay.clear()
    with _client() as http:
        got = usa.fetch_awards(http, raw, keywords=kw)
    assert replay.hits(ru.SEARCH) == [] and replay.hits(f"/api/v2/awards/{ORION}/") == []
    assert len(replay.hits(f"/api/v2/awards/{TRACERS}/")) == 1 and got.resumed
    db = _build(raw, tmp_path / "mt.duckdb")
    assert _q(db, "SELECT award_key, potential_value FROM awards WHERE source = 'usaspending' ORDER BY 1") == [
        (TRACERS, TRACERS_POTENTIAL), (ORION, Decimal("10489314619.00"))]


def test_bulk_download_is_polled_then_resumed_after_a_drop_and_loaded(replay, tmp_path):
    routes = ru.install(replay, running_polls=3)
    replay.fault(ru.ZIP_PATH, "drop")
    polls: list[str] = []
    with _client() as http:
        got = usa_download.request_download(http, tmp_path / "raw", {"keywords": ["large language model"]}, poll_interval=0.01,
                                   on_poll=lambda status, n, waited: polls.append(status["status"]))
    assert polls == ["running", "running", "running", "finished"] and len(replay.hits(ru.STATUS)) == 4
    assert _bodies(replay, ru.DOWNLOAD) == [{"filters": {"award_type_codes": ["A", "B", "C", "D", *IDV_CODES],
                                                         "keywords": ["large language model"]}, "file_format": "csv"}]
    first, second = replay.hits(ru.ZIP_PATH)
    assert "range" not in first.headers and second.headers["range"].startswith("bytes=")
    zipped = tmp_path / "raw" / "usaspending" / "downloads" / ru.ZIP_NAME
    assert got.resumed and sha256_file(zipped) == hashlib.sha256(routes.zip_bytes).hexdigest()
    assert "Contracts_Subawards_SYNTHETIC_1.csv: subaward file skipped (moneytrail does not load subawards yet)" in got.notes
    assert sorted(p.name for p in zipped.with_suffix("").glob("*.csv")) == [
        "Contracts_PrimeAwardSummaries_SYNTHETIC_1.csv", "Contracts_PrimeTransactions_SYNTHETIC_1.csv"]
    db = _build(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert _q(db, "SELECT file_type, rows_read, rows_loaded, rows_rejected FROM load_log ORDER BY 1") == [
        ("awards_csv", 2, 2, 0), ("transactions_csv", 7, 5, 2)]


def test_failed_download_says_why_and_the_next_run_asks_again(replay, tmp_path):
    routes = ru.install(replay, running_polls=1)
    routes.fail_download = True
    with _client() as http, pytest.raises(FetchError, match="could not build the download .*SYNTHETIC failure"):
        usa_download.request_download(http, tmp_path / "raw", {"keywords": ["x"]}, poll_interval=0)
    routes.fail_download, routes.polls = False, {}
    with _client() as http:
        usa_download.request_download(http, tmp_path / "raw", {"keywords": ["x"]}, poll_interval=0)
    assert len(replay.hits(ru.DOWNLOAD)) == 2


def test_download_not_ready_in_time_gives_up_clearly_then_keeps_waiting_for_the_same_file(replay, tmp_path):
    routes = ru.install(replay, running_polls=10**6)
    with _client() as http, pytest.raises(FetchError, match=r"still running after \d+ s .*run the same command again"):
        usa_download.request_download(http, tmp_path / "raw", {"keywords": ["x"]}, poll_interval=1, max_wait=5)
    assert len(replay.hits(ru.STATUS)) == 6  # 0, 1, ..., 5 s waited
    routes.running_polls = 0
    with _client() as http:
        got = usa_download.request_download(http, tmp_path / "raw", {"keywords": ["x"]}, poll_interval=1, max_wait=5)
    assert got.resumed and len(replay.hits(ru.DOWNLOAD)) == 1  # no second request for a new file


class _Res:
    def __init__(self, res) -> None:
        self.exit_code, self.output = res.exit_code, " ".join(res.output.split())


def test_cli_fetch_usaspending_end_to_end(routes, replay, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("MONEYTRAIL_USASPENDING_POLL_SECONDS", "0.01")
    db = tmp_path / "mt.duckdb"
    res = _Res(CliRunner().invoke(app, ["--db", str(db), "fetch", "usaspending", "--keyword", "large language model",
                                        "--award-id", TRACERS, "--download"]))
    assert res.exit_code == 0, res.output
    assert "fetched USAspending awards for keywords 'large language model'" in res.output
    assert "39 records in 2 pages" in res.output and "subaward file skipped" in res.output
    assert _q(db, "SELECT count(*), sum(obligated) FROM awards WHERE award_key_kind = 'surrogate'") == \
        [(39, Decimal("44787367.48"))]
    assert _q(db, f"SELECT potential_value FROM awards WHERE award_key = '{TRACERS}'") == [(TRACERS_POTENTIAL,)]
    assert _q(db, "SELECT count(*) FROM award_transactions") == [(3 + 5, )]  # API transactions + the synthetic CSV's
    assert _q(db, "SELECT count(*) FROM load_log WHERE file_type = 'awards_csv'") == [(1, )]


def test_cli_without_filters_fetches_the_registry(routes, replay, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    res = _Res(CliRunner().invoke(app, ["--db", str(tmp_path / "mt.duckdb"), "fetch", "usaspending", "--no-load",
                                        "--details", "0"]))
    assert res.exit_code == 0, res.output
    n = len(_registry_texts())
    assert f"{n} registry recipient(s)" in res.output and len(replay.hits(ru.COUNT)) == n
    assert not (tmp_path / "mt.duckdb").exists()
    help_text = CliRunner().invoke(app, ["fetch", "usaspending", "--help"]).output
    assert "Example:" in help_text


def test_cli_fetch_error_is_one_clear_line(routes, replay, tmp_path, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    routes.bad_json_page = 1
    res = _Res(CliRunner().invoke(app, ["--db", str(tmp_path / "mt.duckdb"), "fetch", "usaspending", "--keyword", "x"]))
    assert res.exit_code == 1 and "page 1" in res.output and "not valid JSON" in res.output
    assert "Traceback" not in res.output and not (tmp_path / "mt.duckdb").exists()
