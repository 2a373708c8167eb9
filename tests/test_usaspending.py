"""USAspending loader: real search results and API responses, synthetic download files, the traps of contracts.md §8."""

from __future__ import annotations

import hashlib
import json
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, one, shared_data
from etl import db, warehouse
from etl.net.files import LoadError
from etl.sources.usaspending import SOURCE as usaspending
from helpers import CONTRACT_AWARDS, TRACERS_POTENTIAL

SYN = FIXTURES / "usaspending"
TX_FILE = SYN / "Contracts_PrimeTransactions_SYNTHETIC_1.csv"
AWARDS_FILE = SYN / "Contracts_PrimeAwardSummaries_SYNTHETIC_1.csv"


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    warehouse.apply_schema(c)
    yield c
    c.close()


@pytest.fixture(scope="module")
def contracts() -> Path:
    return shared_data() / "contracts"


def _kind(path: Path) -> str | None:
    found = usaspending.recognise(path)
    return found.kind if found else None


@pytest.fixture()
def search_csv(con, contracts) -> db.LoadResult:
    return usaspending.load(con, contracts / "spending_by_award_ai_keyword_contracts.csv")


def test_recognises_each_format_by_its_header(contracts):
    fixtures = contracts / "api_fixtures"
    assert _kind(contracts / "spending_by_award_ai_keyword_contracts.csv") == "search_csv"
    assert _kind(fixtures / "spending_by_award_contracts.json") == "search_json"
    assert _kind(fixtures / "award_detail_idv.json") == "award_json"
    assert _kind(fixtures / "transactions_80GSFC18C0008.json") == "transactions_json"
    assert _kind(TX_FILE) == "transactions_csv"
    assert _kind(AWARDS_FILE) == "awards_csv"
    assert _kind(fixtures / "download_status.json") is None
    assert _kind(SYN / (TX_FILE.name + ".meta.json")) is None
    assert _kind(shared_data() / "fec" / "committee_master_2026" / "cm26.csv") is None
    assert _kind(shared_data() / "ai_inventory" / "2023_consolidated_ai_inventory_raw.csv") is None


def test_search_results_load_whole_with_obligations_not_ceilings(con, search_csv):
    assert (search_csv.rows_read, search_csv.rows_loaded, search_csv.rows_rejected) == (CONTRACT_AWARDS, CONTRACT_AWARDS, 0)
    # Award Amount is obligations: the PROVENANCE total, and no ceiling is invented.
    assert one(con, "SELECT sum(obligated) FROM awards") == Decimal("2773310415.82")
    assert one(con, "SELECT count(*) FROM awards WHERE potential_value IS NOT NULL") == 0
    assert one(con, "SELECT count(*) FROM awards WHERE obligated = 0") == 11
    assert con.execute("SELECT award_type, count(*) FROM awards GROUP BY 1 ORDER BY 2 DESC").fetchall() == [
        ("PURCHASE ORDER", 874), ("DEFINITIVE CONTRACT", 726), ("DELIVERY ORDER", 421), ("BPA CALL", 86)]
    assert one(con, "SELECT count(*) FROM awards WHERE award_category = 'contract'") == CONTRACT_AWARDS
    assert one(con, "SELECT count(*) FROM awards WHERE recipient_name = 'CARAHSOFT TECHNOLOGY CORP'") == 7


def test_reused_piids_stay_separate_awards(con, search_csv):
    got = con.execute("""SELECT piid, count(DISTINCT award_key), sum(obligated) FROM awards
                         WHERE piid IN ('0002', '75N92025F00001') GROUP BY 1 ORDER BY 1""").fetchall()
    assert got == [("0002", 2, Decimal("187496.05")), ("75N92025F00001", 2, Decimal("263893.80"))]


def test_surrogate_key_is_the_documented_hash_and_links_a_piid_search(con, search_csv):
    basis = "Department of Defense|Department of the Army|ECS FEDERAL, LLC|2020-04-23"
    key = f"SURR_W911QX20C0023_{hashlib.md5(basis.encode()).hexdigest()[:12]}"
    row = con.execute("SELECT award_key_kind, obligated, source_url, source_row FROM awards WHERE award_key = $k",
                      {"k": key}).fetchall()
    assert row == [("surrogate", Decimal("120575059.35"), "https://www.usaspending.gov/keyword_search/W911QX20C0023", 1)]


def test_award_detail_keeps_obligation_and_ceiling_apart(con, contracts):
    usaspending.load(con, contracts / "api_fixtures" / "award_detail_contract_80GSFC18C0008.json")
    row = con.execute("""SELECT award_key, obligated, current_value, potential_value, outlays, recipient_name,
                                recipient_uei, awarding_sub_agency, naics, psc, start_date::VARCHAR,
                                potential_end_date::VARCHAR, source_url, extra->>'$."recipient.location.city_name"'
                         FROM awards""").fetchall()
    assert row == [("CONT_AWD_80GSFC18C0008_8000_-NONE-_-NONE-", Decimal("172213419.67"), TRACERS_POTENTIAL,
                    TRACERS_POTENTIAL, Decimal("154805291.75"), "THE UNIVERSITY OF IOWA", "Z1H9VJS8NG16",
                    "National Aeronautics and Space Administration", "541713", "AR11", "2018-03-05", "2025-08-23",
                    "https://www.usaspending.gov/award/CONT_AWD_80GSFC18C0008_8000_-NONE-_-NONE-", "IOWA CITY")]


def test_api_transactions_attach_to_their_award(con, contracts):
    usaspending.load(con, contracts / "api_fixtures" / "award_detail_contract_80GSFC18C0008.json")
    usaspending.load(con, contracts / "api_fixtures" / "transactions_80GSFC18C0008.json")
    got = con.execute("""SELECT count(*), sum(t.federal_action_obligation), any_value(a.recipient_name)
                         FROM award_transactions t JOIN awards a USING (award_key)""").fetchall()
    assert got == [(3, Decimal("3082046.29"), "THE UNIVERSITY OF IOWA")]
    assert one(con, "SELECT action_type_description FROM award_transactions WHERE modification_number = 'P00064'") == \
        "SUPPLEMENTAL AGREEMENT FOR WORK WITHIN SCOPE"


def _with_meta(src: Path, dest_dir: Path, retrieved_at: str) -> Path:
    dest = dest_dir / src.name
    shutil.copy(src, dest)
    (dest_dir / (src.name + ".meta.json")).write_text(json.dumps({"retrieved_at": retrieved_at}))
    return dest


@pytest.mark.parametrize("detail_at, search_at, ceiling", [
    ("2026-03-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00", Decimal("10489314619.00")),
    ("2026-01-01T00:00:00+00:00", "2026-02-01T00:00:00+00:00", None),
])
def test_newest_snapshot_of_an_award_wins_and_both_loads_are_kept(con, contracts, tmp_path, detail_at, search_at, ceiling):
    api = contracts / "api_fixtures"
    usaspending.load(con, _with_meta(api / "award_detail_idv.json", tmp_path, detail_at))
    usaspending.load(con, _with_meta(api / "spending_by_award_idvs.json", tmp_path, search_at))
    got = con.execute("""SELECT award_category, obligated, potential_value, snapshots, retrieved_at_basis
                         FROM awards WHERE award_key = 'CONT_IDV_80JSC019C0012_8000'""").fetchall()
    assert got == [("idv", Decimal("2770845719.63"), ceiling, 2, "fetch")]
    assert one(con, "SELECT count(*) FROM award_records WHERE award_key = 'CONT_IDV_80JSC019C0012_8000'") == 2
    assert one(con, "SELECT count(*) FROM load_log WHERE status = 'loaded'") == 2


def test_transactions_file_sums_actions_not_repeated_totals(con):
    res = usaspending.load(con, TX_FILE)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (7, 5, 2)
    assert con.execute("SELECT line_no, reason FROM load_errors ORDER BY line_no").fetchall() == [
        (5, "wrong field count (4 fields, header has 33)"), (8, "bad federal_action_obligation: 12,34x")]
    # De-obligations stay negative and fall in their own fiscal year (FY2026 starts 2025-10-01).
    assert con.execute("SELECT fiscal_year, sum(federal_action_obligation) FROM award_transactions GROUP BY 1 ORDER BY 1"
                       ).fetchall() == [(2025, Decimal("1600000.00")), (2026, Decimal("-250000.00"))]
    # The award-level total repeated on every transaction row would triple-count SYN0001 if summed.
    assert one(con, "SELECT sum((extra->>'total_dollars_obligated')::DECIMAL(18, 2)) FROM award_transactions") == \
        Decimal("3850000.00")
    assert one(con, "SELECT sum(obligated) FROM awards") == Decimal("1350000.00")
    assert one(con, "SELECT extra->>'a_column_from_the_future' FROM award_transactions WHERE modification_number = 'P00001'") == \
        "kept in extra"
    assert one(con, "SELECT note FROM load_log") == "also 3 award snapshot(s) from the latest transaction of each award"


def test_download_award_summary_and_newer_transactions_snapshot(con):
    usaspending.load(con, AWARDS_FILE)
    usaspending.load(con, TX_FILE)
    key = "CONT_AWD_SYN0001_9999_-NONE-_-NONE-"
    assert con.execute("SELECT obligated, potential_value, snapshots, source_format FROM awards WHERE award_key = $k",
                       {"k": key}).fetchall() == [(Decimal("1250000.00"), Decimal("3000000.00"), 2, "transactions_csv")]
    assert con.execute("SELECT source_format, obligated FROM award_records WHERE award_key = $k ORDER BY retrieved_at",
                       {"k": key}).fetchall() == [("awards_csv", Decimal("1500000.00")),
                                                  ("transactions_csv", Decimal("1250000.00"))]
    assert con.execute("SELECT award_category, potential_value FROM awards WHERE award_key = 'CONT_IDV_SYNIDV01_9999'"
                       ).fetchall() == [("idv", Decimal("50000000.00"))]


def test_same_file_twice_is_unchanged_and_a_new_version_replaces(con, tmp_path):
    copy = tmp_path / TX_FILE.name
    shutil.copy(TX_FILE, copy)
    usaspending.load(con, copy)
    assert usaspending.load(con, copy).status == "unchanged"
    copy.write_text(copy.read_text().replace("500000.00,1250000.00", "500001.00,1250000.00"))
    assert usaspending.load(con, copy).status == "loaded"
    assert one(con, "SELECT count(*) FROM award_transaction_records") == 5
    assert one(con, "SELECT sum(federal_action_obligation) FROM award_transactions") == Decimal("1350001.00")


@pytest.mark.parametrize("name, content, message", [
    ("bad.csv", b"Award ID,Recipient Name\n\xff\xfe\xfa,x\n", "not UTF-8"),
    ("cut.json", b'{"spending_level": "awards", "results": [{"Award ID": "X"', "invalid JSON at line 1"),
    ("odd.json", b'{"spending_level": "awards", "results": {"Award ID": "X"}}', "expected a JSON object with a results list"),
    ("notes.txt", b"just some notes\n", "not a USAspending file"),
])
def test_bad_files_get_a_clear_message(con, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        usaspending.load(con, path)


def test_transactions_of_an_unknown_award_are_rejected_with_a_reason(con, tmp_path):
    path = tmp_path / "transactions_unknown.json"
    path.write_text(json.dumps({"page_metadata": {"page": 1}, "results": [
        {"id": "SYNTHETIC-TX-1", "modification_number": "0", "action_date": "2025-01-01",
         "federal_action_obligation": 10.0}]}))
    res = usaspending.load(con, path)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (1, 0, 1)
    assert one(con, "SELECT reason FROM load_errors") == "cannot tell which award this transaction belongs to"


def test_a_record_with_a_bad_award_figure_is_rejected_whole(con, tmp_path):
    path = tmp_path / TX_FILE.name
    # SYN0001's base transaction: its award-level ceiling becomes unreadable
    path.write_text(TX_FILE.read_text().replace("1000000.00,1250000.00,,1000000.00,1250000.00,1000000.00,3000000.00",
                                                "1000000.00,1250000.00,,1000000.00,1250000.00,1000000.00,n/a", 1))
    res = usaspending.load(con, path)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (7, 4, 3)
    assert one(con, "SELECT reason FROM load_errors WHERE line_no = 2") == "bad potential_value: n/a"
    assert one(con, "SELECT count(*) FROM award_transactions WHERE modification_number = '0' AND piid = 'SYN0001'") == 0


def test_a_file_that_cannot_be_read_leaves_no_trace(con, tmp_path):
    path = tmp_path / "spending_by_award_cut.json"
    path.write_text('{"spending_level": "awards", "results": [')
    with pytest.raises(LoadError):
        usaspending.load(con, path)
    assert one(con, "SELECT count(*) FROM load_log") == 0
