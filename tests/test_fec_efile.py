"""Raw .fec filings: the two real filings in shared/data/fec/efiling and a synthetic Form 13."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fecfile import fecparser

from etl import rules, warehouse
from etl.net.files import LoadError
from etl.sources.fec_efile import SOURCE as fec_efile
from helpers import EFILING_1544132_ROWS
from tests.conftest import FIXTURES, one


def _cover(path: Path) -> dict:
    """The filing's own cover page, parsed independently with fecfile."""
    lines = path.read_text(encoding="latin-1").split("\n")
    _, version, _ = fecparser.parse_header([lines[0]])
    return fecparser.parse_line(lines[1], version, 2, as_strings=True)


def test_klobuchar_schedule_a_matches_its_cover_page(ro, fec_dir):
    cover = _cover(fec_dir / "efiling" / "1544132.fec")
    got = dict(ro.execute("""SELECT form_type, sum(amount) FROM contributions
                             WHERE file_num = 1544132 AND counts_in_totals GROUP BY 1""").fetchall())
    # counted itemizations equal the committee's own summary lines: nothing double counted, nothing lost
    assert got["SA11AI"] == Decimal(cover["col_a_individual_contributions_itemized"]) == Decimal("301030.36")
    assert got["SA11C"] == Decimal(cover["col_a_pac_contributions"]) == Decimal("9000.00")
    assert got["SA12"] == Decimal(cover["col_a_transfers_from_authorized"]) == Decimal("6000.00")
    assert got["SA14"] == Decimal(cover["col_a_offset_to_operating_expenditures"]) == Decimal("1553.58")
    assert one(ro, "SELECT count(*) FROM contributions WHERE file_num = 1544132") == EFILING_1544132_ROWS


def test_actblue_earmark_memos_are_not_counted_and_name_the_conduit(ro):
    rows = ro.execute("""SELECT contribution_id, contributor_name, entity_tp, amount, memo_cd, conduit_cmte_id,
                                other_id, counts_in_totals FROM contributions
                         WHERE contribution_id IN ('efile:1544132:1672462', 'efile:1544132:1672462E')
                         ORDER BY 1""").fetchall()
    assert rows == [
        ("efile:1544132:1672462", "ABOUSSIE, JOYCE", "IND", Decimal("2900.00"), None, "C00401224", None, True),
        ("efile:1544132:1672462E", "ACTBLUE", "PAC", Decimal("2900.00"), "X", None, "C00401224", False),
    ]
    assert ro.execute("""SELECT count(*), sum(amount) FROM contributions WHERE file_num = 1544132
                         AND form_type = 'SA11AI' AND count_rule = 'memo'""").fetchall() == [(1269, Decimal("251997.36"))]


def test_amended_pac_filing_and_filings_table(ro, fec_dir):
    cover = _cover(fec_dir / "efiling" / "1550548.fec")
    assert one(ro, "SELECT sum(amount) FROM contributions WHERE file_num = 1550548 AND counts_in_totals") == \
        Decimal(cover["col_a_individuals_itemized"]) == Decimal("103071.78")
    assert ro.execute("""SELECT form_type, filer_cmte_id, report_code, amends_file_num, coverage_through::VARCHAR,
                                raw_url FROM filings WHERE file_num = 1550548""").fetchall() == [
        ("F3XA", "C00413955", "MY", 1531171, "2021-06-30", "https://docquery.fec.gov/dcdev/posted/1550548.fec")]
    notes = dict(ro.execute("SELECT dataset, note FROM load_log WHERE source = 'fec_efile'").fetchall())
    assert notes == {"efile:1544132": "not itemized receipts, not loaded here: SB 537",
                     "efile:1550548": "not itemized receipts, not loaded here: SB 42"}


def test_form13_inaugural_donations_refunds_and_amendment(tmp_path):
    con = warehouse.connect(tmp_path / "t.duckdb")
    res = fec_efile.load(con, FIXTURES / "efile" / "9999001.fec")
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (6, 5, 1)
    assert con.execute("SELECT line_no, reason FROM load_errors").fetchall() == [(8, "bad date: 2025013")]
    rows = con.execute("""SELECT contribution_id, form_type, entity_tp, contributor_name, employer, amount,
                                 count_rule, cycle, source_url FROM contributions ORDER BY 1""").fetchall()
    url = "https://docquery.fec.gov/cgi-bin/forms/C99999902/9999001/"
    assert rows == [
        ("efile:9999001:D001", "F132", "IND", "EXAMPLE, ALICE Q", None, Decimal("1000000.00"), "counted", 2026, url + "f132"),
        ("efile:9999001:D002", "F132", "ORG", "EXAMPLE WIDGETS LLC (FICTIONAL)", None, Decimal("250000.00"), "counted", 2026,
         url + "f132"),
        ("efile:9999001:D003", "F132", "IND", "PERSON, BOB", None, Decimal("500.00"), "counted", 2026, url + "f132"),
        ("efile:9999001:D004", "F132", "ORG", "EXAMPLE WIDGETS LLC (FICTIONAL)", None, Decimal("250000.00"), "memo", 2026,
         url + "f132"),
        ("efile:9999001:R001", "F133", "IND", "PERSON, BOB", None, Decimal("500.00"), "refund", 2026, url + "f133"),
    ]
    fec_efile.load(con, FIXTURES / "efile" / "9999002.fec")
    rules.apply(con)
    assert con.execute("""SELECT file_num, count_rule, sum(amount) FROM contributions
                          GROUP BY ALL ORDER BY ALL""").fetchall() == [
        (9999001, "superseded", Decimal("1501000.00")),  # all five rows, memo and refund too
        (9999002, "counted", Decimal("1200500.00")),
        (9999002, "memo", Decimal("250000.00")),
        (9999002, "refund", Decimal("500.00")),
    ]
    assert one(con, "SELECT net_amount FROM contribution_rollup WHERE recipient_cmte_id = 'C99999902'") == Decimal("1200000.00")
    again = fec_efile.load(con, FIXTURES / "efile" / "9999002.fec")
    assert again.status == "unchanged"
    assert one(con, "SELECT count(*) FROM contributions") == 10


def test_efile_copy_of_a_bulk_row_is_not_counted_twice(tmp_path, fec_dir):
    from etl.sources.fec_bulk import SOURCE as fec_bulk
    con = warehouse.connect(tmp_path / "t.duckdb")
    fec_efile.load(con, FIXTURES / "efile" / "9999001.fec")
    bulk = tmp_path / "itcont_copy.txt"
    # a bulk row for the same filer, filing and transaction as an e-filed one (synthetic)
    bulk.write_text("C99999902|N|Q1|P|202504159999999001|15|IND|EXAMPLE, ALICE Q|SPRINGFIELD|VT|05001|||01102025|"
                    "1000000||D001|9999001|||9999000000000099999\n")
    fec_bulk.load(con, bulk)
    rules.apply(con)
    assert con.execute("""SELECT contribution_id, count_rule FROM contributions
                          WHERE tran_id = 'D001' ORDER BY 1""").fetchall() == [
        ("efile:9999001:D001", "duplicate_of_bulk"), ("fec:9999000000000099999", "counted")]


@pytest.mark.parametrize("content,message", [
    (b"", "fewer than two lines"),
    (b"hello\nworld\n", "not an FEC header"),
])
def test_not_a_filing_gives_a_clear_message(tmp_path, content, message):
    p = tmp_path / "1234567.fec"
    p.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        fec_efile.load(warehouse.connect(tmp_path / "t.duckdb"), p)


def test_filing_must_be_named_by_number(tmp_path):
    p = tmp_path / "klobuchar.fec"
    p.write_bytes((FIXTURES / "efile" / "9999001.fec").read_bytes())
    with pytest.raises(LoadError, match="filing number"):
        fec_efile.load(warehouse.connect(tmp_path / "t.duckdb"), p)
