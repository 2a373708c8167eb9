"""`fetch openfec` against the replay server: keyset paging over REAL bulk rows served in the API's shape
(tests/replay_openfec.py), faults survived, resumable from the cursor, the key never written, and each FEC
record counted once across API pages and the bulk file."""

from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import duckdb
import httpx
import pytest
from typer.testing import CliRunner

import replay_openfec
from conftest import one, shared_data
from etl import warehouse
from etl.build import build
from etl.cli import app
from etl.net import cursors as _cursor
from etl.net import http as _http
from etl.net.files import LoadError, sha256_file
from etl.net.meta import read_meta
from etl.sources.fec_efile.fetch import check_fec
from etl.sources.openfec import SOURCE as OPENFEC
from etl.sources.openfec import fetch as openfec
from helpers import EFILING_1544132_ROWS, INDIV20_COUNTED, INDIV20_COUNTED_ROWS

PATH = replay_openfec.PATH
KEY = "TEST-KEY-NOT-REAL-0123"
# Pinned on the real indiv20.zip and re-derived from it by a direct DuckDB scan below: every row whose
# employer has a word starting GOOGLE ("GOOGLE LLC" 90, "GOOGLE" 6).
GOOGLE_ROWS, GOOGLE_SUM = 96, Decimal("48563.00")
NETPAC = "C00428623"  # GOOGLE LLC NETPAC: 163 rows, 88 of them also GOOGLE-employer rows


@pytest.fixture()
def api(replay):
    return replay_openfec.register(replay)


def _fetch(raw: Path, waits: list | None = None, logs: list | None = None, **kw) -> _http.FetchSummary:
    kw.setdefault("api_key", KEY)
    kw.setdefault("cycles", [2020])
    kw.setdefault("warn", (logs if logs is not None else []).append)
    waited = waits if waits is not None else []
    clock = [1e6]  # time passes only in the client's sleeps, so paced waits do not depend on the machine's load

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        clock[0] += seconds
    with _http.Http(sleep=sleep, clock=lambda: clock[0], log=(logs if logs is not None else []).append) as http:
        return openfec.fetch_schedule_a(http, raw, **kw)


def _pages(raw: Path) -> list[Path]:
    return sorted(p for p in (raw / "openfec").rglob("page-*.json") if not p.name.endswith(".meta.json"))


def _page_rows(raw: Path) -> list[dict]:
    return [r for p in _pages(raw) for r in json.loads(p.read_text())["results"]]


def _warehouse(raw: Path, target: Path) -> duckdb.DuckDBPyConnection:
    build(raw, target)
    return duckdb.connect(str(target), read_only=True)


@pytest.fixture(scope="module")
def itcont(tmp_path_factory) -> Path:
    """The real itcont.txt, unzipped, for independent scans."""
    out = tmp_path_factory.mktemp("itcont")
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        zf.extract("itcont.txt", out)
    return out / "itcont.txt"


def _scan(itcont: Path, where: str) -> tuple[int, Decimal, set[str]]:
    """Rows, sum and SUB_IDs of itcont.txt matching a SQL condition, read straight from the file."""
    cols = "{" + ", ".join(f"'{c}': 'VARCHAR'" for c in replay_openfec.COLUMNS) + "}"
    con = duckdb.connect()
    rows = con.execute(f"SELECT SUB_ID, TRANSACTION_AMT::DECIMAL(14, 2) FROM read_csv('{itcont}', delim='|', "
                       f"header=false, quote='', escape='', columns={cols}) WHERE {where}").fetchall()
    return len(rows), sum((a for _, a in rows), Decimal(0)), {s for s, _ in rows}


def test_employer_keyset_pages_serve_every_real_row_once(api, replay, tmp_path, itcont, ro):
    n, total, subs = _scan(itcont, r"regexp_matches(upper(EMPLOYER), '(^|\W)GOOGLE')")
    assert (n, total) == (GOOGLE_ROWS, GOOGLE_SUM)
    got = _fetch(tmp_path / "raw", employer="google", per_page=10)
    assert (got.records, got.pages, len(got.files)) == (96, 10, 10)
    rows = _page_rows(tmp_path / "raw")
    assert [r["sub_id"] for r in rows] == [r["SUB_ID"] for r in api.matching(employer="GOOGLE")]
    assert {r["sub_id"] for r in rows} == subs and len(rows) == 96  # each real row once, in keyset order
    hits = replay.hits(PATH)
    assert len(hits) == 11  # 10 pages, then the empty page that ends the query
    assert "last_index" not in hits[0].query
    for page, req in zip(_pages(tmp_path / "raw"), hits[1:]):  # every next request sends back last_indexes
        last = json.loads(page.read_text())["pagination"]["last_indexes"]
        assert req.arg("last_index") == last["last_index"]
        assert req.arg("last_contribution_receipt_date") == last["last_contribution_receipt_date"]
        assert (req.arg("contributor_employer"), req.arg("per_page"), req.arg("sort")) == \
            ("GOOGLE", "10", "-contribution_receipt_date")
    # 86 of the 96 rows share 2019-01-25: pages 2-9 are split inside one date by sub_id alone
    assert sum(r["contribution_receipt_date"] == "2019-01-25" for r in rows) == 86
    meta = read_meta(_pages(tmp_path / "raw")[1])
    assert meta["page"] == 2 and meta["cursor_sent"]["last_index"] == rows[9]["sub_id"]
    assert meta["query"]["contributor_employer"] == "GOOGLE" and "api_key" not in str(meta)

    con = _warehouse(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert con.execute("SELECT count(*), count(DISTINCT sub_id), sum(amount) FROM contributions "
                       "WHERE source = 'openfec'").fetchall() == [(96, 96, GOOGLE_SUM)]
    assert con.execute("SELECT sum(rows_read), sum(rows_loaded), sum(rows_rejected) FROM load_log "
                       "WHERE source = 'openfec'").fetchall() == [(96, 96, 0)]
    # the same per-row counting rule as the bulk loader gives the same records
    ours = dict(con.execute("SELECT sub_id, count_rule FROM contributions").fetchall())
    bulk = dict(ro.execute("SELECT sub_id, count_rule FROM contributions WHERE source = 'fec_bulk' AND sub_id IN "
                           "(SELECT unnest($s))", {"s": sorted(subs)}).fetchall())
    assert ours == bulk
    first = con.execute("SELECT contribution_id, filer_cmte_id, employer, line_no, source_url FROM contributions "
                        "WHERE sub_id = $s", {"s": rows[0]["sub_id"]}).fetchall()
    assert first == [(f"openfec:{rows[0]['sub_id']}", rows[0]["committee_id"], rows[0]["contributor_employer"], 1,
                      rows[0]["pdf_url"])]
    assert con.execute("SELECT source, pages, rows, done, cursor->>'last_index' FROM fetch_cursors").fetchall() == [
        ("openfec", 10, 96, True, rows[-1]["sub_id"])]


def test_contributor_and_committee_filters(api, tmp_path, itcont):
    got = _fetch(tmp_path / "a", contributor="Brockman, Todd")
    assert [(r["contributor_name"], r["contribution_receipt_amount"]) for r in _page_rows(tmp_path / "a")] == [
        ("BROCKMAN, TODD", 5000.0)]
    assert got.records == 1
    assert _fetch(tmp_path / "b", contributor="BROCKMAN, GREG").records == 0  # not in the 2019 file (fec.md §0)
    n, total, _ = _scan(itcont, f"CMTE_ID = '{NETPAC}'")
    got = _fetch(tmp_path / "c", committee=NETPAC.lower())
    assert (got.records, sum(Decimal(str(r["contribution_receipt_amount"])) for r in _page_rows(tmp_path / "c"))) == \
        (n, total) == (163, Decimal("74187.00"))
    with pytest.raises(_http.FetchError, match="exactly one"):
        _fetch(tmp_path / "d", employer="GOOGLE", committee=NETPAC)
    with pytest.raises(_http.FetchError, match="not an FEC committee ID"):
        _fetch(tmp_path / "d", committee="NETPAC")


def test_rows_without_a_date_come_last_and_are_reached_with_sort_null_only(replay, tmp_path):
    undated = {r["SUB_ID"] for r in replay_openfec.OpenFecReplay(replay).matching(employer="GOOGLE")[:3]}
    api = replay_openfec.register(replay, null_dates=undated)
    got = _fetch(tmp_path / "raw", employer="GOOGLE", per_page=5)
    assert (got.records, got.pages) == (96, 20)  # 93 dated rows, then the 3 undated ones
    rows = _page_rows(tmp_path / "raw")
    assert [r["sub_id"] for r in rows[-3:]] == sorted(undated, key=int, reverse=True)
    assert all(r["contribution_receipt_date"] is None for r in rows[-3:])
    null_only = [h for h in replay.hits(PATH) if h.arg("sort_null_only") == "true"]
    assert [(h.arg("last_index"), h.arg("last_contribution_receipt_date")) for h in null_only] == [
        (rows[93 + 1]["sub_id"], None), (rows[95]["sub_id"], None)]  # page 19 ended on an undated row; page 20
    assert api.served == 21
    con = _warehouse(tmp_path / "raw", tmp_path / "mt.duckdb")
    assert con.execute("SELECT count(*) FILTER (WHERE transaction_dt IS NULL), sum(amount) FROM contributions"
                       ).fetchall() == [(3, GOOGLE_SUM)]


def test_429_with_retry_after_then_success(api, replay, tmp_path):
    replay.fault(PATH, "429")
    waits: list[float] = []
    got = _fetch(tmp_path / "raw", waits, employer="GOOGLE")
    assert got.records == 96 and 1.0 in waits and len(replay.hits(PATH)) == 3


def test_500s_are_retried(api, replay, tmp_path):
    replay.fault(PATH, "500", "503")
    logs: list[str] = []
    assert _fetch(tmp_path / "raw", logs=logs, employer="GOOGLE").records == 96
    assert "HTTP 500" in logs[0] and "HTTP 503" in logs[1]


def test_rate_limit_remaining_zero_waits_its_share_of_the_hour(api, tmp_path):
    api.remaining.extend([0])
    waits: list[float] = []
    logs: list[str] = []
    assert _fetch(tmp_path / "raw", waits, logs, employer="GOOGLE").records == 96
    assert waits == [3.6]  # 3600 s / X-RateLimit-Limit 1000, before the second call only
    assert "X-RateLimit-Remaining: 0" in " ".join(logs)


def test_invalid_json_page_keeps_earlier_pages_and_resumes_to_the_same_rows(api, replay, tmp_path):
    raw = tmp_path / "raw"
    api.break_after(3)
    with pytest.raises(_http.FetchError) as info:
        _fetch(raw, employer="GOOGLE", per_page=10)
    message = str(info.value)
    assert "page 4" in message and "not valid JSON" in message and "resumes" in message
    assert [p.name for p in _pages(raw)] == ["page-00001.json", "page-00002.json", "page-00003.json"]
    key = _pages(raw)[0].parent.name
    saved = _cursor.load_cursor(raw, key)
    assert (saved["pages"], saved["rows"], saved["done"]) == (3, 30, False)
    assert saved["cursor"]["last_index"] == _page_rows(raw)[-1]["sub_id"]

    api.heal()
    before = len(replay.hits(PATH))
    got = _fetch(raw, employer="GOOGLE", per_page=10)
    assert got.resumed and (got.pages, got.records) == (7, 66)
    first = replay.hits(PATH)[before]
    assert first.arg("last_index") == saved["cursor"]["last_index"]
    assert first.arg("last_contribution_receipt_date") == saved["cursor"]["last_contribution_receipt_date"]

    clean = tmp_path / "clean"
    _fetch(clean, employer="GOOGLE", per_page=10)
    assert [r["sub_id"] for r in _page_rows(raw)] == [r["sub_id"] for r in _page_rows(clean)]
    q = "SELECT sub_id, amount, count_rule FROM contributions ORDER BY sub_id"
    resumed = _warehouse(raw, tmp_path / "resumed.duckdb").execute(q).fetchall()
    assert resumed == _warehouse(clean, tmp_path / "clean.duckdb").execute(q).fetchall() and len(resumed) == 96


def test_max_pages_interrupts_then_resumes_and_a_finished_query_rechecks(api, replay, tmp_path):
    raw = tmp_path / "raw"
    first = _fetch(raw, employer="GOOGLE", per_page=10, max_pages=4)
    assert (first.pages, first.records) == (4, 40) and "--max-pages" in " ".join(first.notes)
    second = _fetch(raw, employer="GOOGLE", per_page=10)
    assert second.resumed and (second.pages, second.records) == (6, 56)
    subs = [r["sub_id"] for r in _page_rows(raw)]
    assert len(subs) == len(set(subs)) == 96
    # finished: the next run re-checks from the start, rewriting the same pages, dropping any left past the end
    stale = _pages(raw)[0].with_name("page-00011.json")
    shutil.copy(_pages(raw)[0], stale)
    before = len(replay.hits(PATH))
    third = _fetch(raw, employer="GOOGLE", per_page=10)
    assert "re-checking from the start" in " ".join(third.notes) and not third.resumed
    assert "last_index" not in replay.hits(PATH)[before].query
    assert not stale.exists() and len(_pages(raw)) == 10
    assert [r["sub_id"] for r in _page_rows(raw)] == subs
    con = _warehouse(raw, tmp_path / "mt.duckdb")
    assert con.execute("SELECT count(*), sum(amount) FROM contributions WHERE counts_in_totals").fetchall() == [
        (96, GOOGLE_SUM)]


def test_api_key_only_in_the_header_never_in_files_logs_or_errors(api, replay, tmp_path):
    raw = tmp_path / "raw"
    logs: list[str] = []
    replay.fault(PATH, "500")
    _fetch(raw, logs=logs, employer="GOOGLE")
    replay.fault(PATH, "500", sticky=True)
    with pytest.raises(_http.FetchError) as info:
        _fetch(raw, logs=logs, committee=NETPAC)
    hits = replay.hits(PATH)
    assert {h.headers["x-api-key"] for h in hits} == {KEY}
    assert not any(KEY in str(h.query) or "api_key" in h.query for h in hits)
    text = str(info.value) + "\n".join(logs)
    assert "HTTP 500" in text and KEY not in text
    files = [p for p in raw.rglob("*") if p.is_file()]
    assert any(p.name == "fetch_state.duckdb" for p in files) and any(p.name.endswith(".meta.json") for p in files)
    assert not [p for p in files if KEY.encode() in p.read_bytes()]
    # the replay, like api.data.gov, refuses a call without a key
    replay.clear()
    resp = httpx.get(f"{replay.base}{PATH}", params={"two_year_transaction_period": 2020})
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "API_KEY_MISSING"


def test_demo_key_warns_and_paces_itself(api, replay, tmp_path, monkeypatch):
    monkeypatch.delenv("FEC_API_KEY", raising=False)
    waits: list[float] = []
    logs: list[str] = []
    got = _fetch(tmp_path / "raw", waits, logs, api_key=None, employer="GOOGLE", per_page=50)
    assert got.records == 96 and len(replay.hits(PATH)) == 3
    assert {h.headers["x-api-key"] for h in replay.hits(PATH)} == {"DEMO_KEY"}
    assert "DEMO_KEY" in logs[0] and "30-40 calls an hour" in logs[0] and "waits 120 s" in logs[0]
    assert len(waits) == 2 and all(119 < w <= 120 for w in waits)  # one call every 120 s (30 an hour)
    monkeypatch.setenv("MONEYTRAIL_DEMO_KEY_INTERVAL", "7")
    waits.clear()
    _fetch(tmp_path / "raw2", waits, api_key="DEMO_KEY", employer="GOOGLE", per_page=50)
    assert len(waits) == 2 and all(6 < w <= 7 for w in waits)


def test_form13_and_efile_fetch_survives_a_dropped_connection_and_loads_through_fec_efile(api, replay, tmp_path):
    efile = "/dcdev/posted/1544132.fec"
    replay.fault(efile, "drop")
    raw = tmp_path / "raw"
    with _http.Http(sleep=lambda s: None) as http:
        got = openfec.fetch_form13(http, raw, file_numbers=[1544132], cycles=[2026], api_key=KEY, warn=lambda m: None)
    sched, filings = got
    assert [h.arg("committee_id") for h in replay.hits(PATH)] == ["C00894162"]  # inaugural committee, cycle 2026
    assert sched.records == 0 and filings.resumed
    first, second = replay.hits(efile)
    assert "range" not in first.headers and second.headers["range"].startswith("bytes=")
    path = raw / "efile" / "1544132.fec"
    assert sha256_file(path) == sha256_file(shared_data() / "fec/efiling/1544132.fec")
    assert read_meta(path)["url"] == f"{replay.base}{efile}"
    con = _warehouse(raw, tmp_path / "mt.duckdb")
    assert one(con, "SELECT count(*) FROM contributions WHERE file_num = 1544132 AND source = 'fec_efile'") == \
        EFILING_1544132_ROWS
    assert one(con, "SELECT fetched_from FROM load_log WHERE source = 'fec_efile'") == f"{replay.base}{efile}"


def test_check_fec_refuses_what_is_not_a_filing(tmp_path):
    bad = tmp_path / "1.fec"
    bad.write_text("<html>not found</html>\n")
    with pytest.raises(_http.FetchError, match="not an FEC filing"):
        check_fec(bad)
    bad.write_bytes(b"HDR\x1cFEC\x1c8.3")
    with pytest.raises(_http.FetchError, match="cut short"):
        check_fec(bad)


def test_bulk_and_overlapping_api_pages_count_each_sub_id_once(api, tmp_path):
    raw = tmp_path / "raw"
    _fetch(raw, employer="GOOGLE", per_page=25)
    _fetch(raw, committee=NETPAC)
    api_rows = {r["sub_id"]: r for r in _page_rows(raw)}
    assert len(_page_rows(raw)) == 96 + 163 and len(api_rows) == 171  # 88 records on both queries
    refund = {s for s, r in api_rows.items() if r["receipt_type"] == "22Y"}
    # API pages alone: each record once (the copy retrieved last counts), refunds once
    con = _warehouse(raw, tmp_path / "api.duckdb")
    assert con.execute("SELECT count_rule, count(*), count(DISTINCT sub_id), sum(amount) FROM contributions "
                       "GROUP BY 1 ORDER BY 1").fetchall() == [
        ("counted", 96, 96, GOOGLE_SUM), ("duplicate_row", 88, 88, Decimal("43213.00")),
        ("refund", 75, 75, sum(Decimal(str(api_rows[s]["contribution_receipt_amount"])) for s in refund))]
    # with the bulk file too: every API row is a copy of a bulk row, and the totals are the bulk file's own
    shutil.copy(shared_data() / "fec/bulk_2020_early/indiv20.zip", raw / "indiv20.zip")
    con = _warehouse(raw, tmp_path / "both.duckdb")
    assert con.execute("SELECT count(*), sum(amount) FROM contributions WHERE counts_in_totals").fetchall() == [
        (INDIV20_COUNTED_ROWS, INDIV20_COUNTED)]  # indiv20.zip alone: README, tests/test_cli.py
    assert con.execute("SELECT count_rule, count(*) FROM contributions WHERE source = 'openfec' GROUP BY 1"
                       ).fetchall() == [("duplicate_of_bulk", 259)]
    assert one(con, "SELECT sum(amount) FROM contributions WHERE count_rule = 'refund'") == \
        one(con, "SELECT sum(amount) FROM contributions WHERE count_rule = 'refund' AND source = 'fec_bulk'")


def test_loader_rejects_bad_results_with_their_position_and_loads_a_page_once(api, tmp_path):
    _fetch(tmp_path / "raw", contributor="BROCKMAN")
    page = _pages(tmp_path / "raw")[0]
    assert OPENFEC.recognise(page) and not OPENFEC.recognise(page.with_name(page.name + ".meta.json"))
    data = json.loads(page.read_text())
    good = data["results"]
    assert len(good) == 3
    broken = [dict(good[0], contribution_receipt_amount="12,50"), dict(good[1], sub_id=None), good[2], good[2],
              dict(good[0], sub_id="1", contribution_receipt_date="2019-02-30"), "not a row",
              dict(good[0], sub_id="2", committee_id="NETPAC")]
    bad = tmp_path / "bad" / "page-00001.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps(dict(data, results=broken)))
    con = warehouse.connect(tmp_path / "mt.duckdb")
    res = OPENFEC.load(con, bad)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (7, 1, 6)
    assert con.execute("SELECT line_no, reason FROM load_errors ORDER BY line_no").fetchall() == [
        (1, "bad contribution_receipt_amount: '12,50'"), (2, "missing or non-numeric sub_id: None"),
        (4, f"sub_id {good[2]['sub_id']} repeated within the page (first at result 3)"),
        (5, "bad contribution_receipt_date: '2019-02-30'"), (6, "not a JSON object"),
        (7, "missing or malformed committee_id: 'NETPAC'")]
    assert con.execute("SELECT sub_id, line_no FROM contributions").fetchall() == [(good[2]["sub_id"], 3)]
    assert OPENFEC.load(con, bad).status == "unchanged"
    bad.write_text("{\"api_version\": \"1.0\", \"results\": [")
    with pytest.raises(LoadError, match="not valid JSON"):
        OPENFEC.load(con, bad)
    assert one(con, "SELECT count(*) FROM contributions") == 1  # the failed load changed nothing


class _Res:
    def __init__(self, res) -> None:
        self.exit_code, self.output = res.exit_code, " ".join(res.output.split())


def _cli(tmp_path, monkeypatch, *args: str) -> _Res:
    monkeypatch.setenv("MONEYTRAIL_RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("MONEYTRAIL_DB", str(tmp_path / "mt.duckdb"))
    return _Res(CliRunner().invoke(app, ["fetch", "openfec", *args]))


def test_cli_fetches_then_rebuilds_the_warehouse(api, replay, tmp_path, monkeypatch):
    monkeypatch.setenv("FEC_API_KEY", KEY)
    replay.fault(PATH, "503")
    res = _cli(tmp_path, monkeypatch, "--employer", "GOOGLE", "--cycle", "2020")
    assert res.exit_code == 0, res.output
    assert "96 records in 1 pages" in res.output and "HTTP 503" in res.output and KEY not in res.output
    con = duckdb.connect(str(tmp_path / "mt.duckdb"), read_only=True)
    assert con.execute("SELECT count(*), sum(amount) FROM contributions WHERE source = 'openfec'").fetchall() == [
        (96, GOOGLE_SUM)]
    assert con.execute("SELECT pages, rows, done FROM fetch_cursors").fetchall() == [(1, 96, True)]
    con.close()
    res = _cli(tmp_path, monkeypatch, "--efile", "1544132", "--no-load")
    assert res.exit_code == 0 and (tmp_path / "raw/efile/1544132.fec").exists()


def test_cli_demo_key_warning_is_shown(api, tmp_path, monkeypatch):
    monkeypatch.delenv("FEC_API_KEY", raising=False)
    monkeypatch.setenv("MONEYTRAIL_DEMO_KEY_INTERVAL", "0")
    res = _cli(tmp_path, monkeypatch, "--contributor", "BROCKMAN, TODD", "--cycle", "2020", "--no-load")
    assert res.exit_code == 0, res.output
    assert "warning: no FEC_API_KEY: using DEMO_KEY" in res.output and "1 records in 1 pages" in res.output


@pytest.mark.parametrize("args,message", [
    ((), "say what to fetch"),
    (("--employer", "GOOGLE", "--committee", NETPAC), "exactly one of --employer, --contributor, --committee"),
    (("--committee", "NETPAC"), "is not an FEC committee ID"),
    (("--employer", "GOOGLE", "--cycle", "2025"), "even year"),
])
def test_cli_refuses_unclear_requests(tmp_path, monkeypatch, args, message):
    res = _cli(tmp_path, monkeypatch, *args)
    assert res.exit_code == 2 and message in res.output
