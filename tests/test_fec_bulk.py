"""FEC bulk loader on the real 2020-cycle files (shared/data/fec/bulk_2020_early, PROVENANCE.md)."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from etl import rules, warehouse
from etl.net.files import LoadError
from etl.sources.fec_bulk import SOURCE as fec_bulk
from helpers import BULK_2020, INDIV20_COUNTED, INDIV20_COUNTED_ROWS, INDIV20_REFUND_ROWS
from tests.conftest import one


def test_row_counts_per_file(ro):
    got = dict(ro.execute(
        "SELECT dataset, [rows_read, rows_loaded, rows_rejected] FROM load_log WHERE source = 'fec_bulk'"
    ).fetchall())
    assert got == {
        "indiv2020": [70671, 70671, 0],
        "oth2020": [50921, 50921, 0],
        "pas22020": list(BULK_2020["pas2"]),
        "oppexp2020": [11929, 11929, 0],
        "cm2020": list(BULK_2020["cm"]),
        "cn2020": list(BULK_2020["cn"]),
        "ccl2020": list(BULK_2020["ccl"]),
        "cm2026": [18316, 18316, 0],
        "indiv:itcont_insight_7rows.txt": [7, 7, 0],
    }


def test_every_load_adds_up_and_keeps_its_sha(ro, fec_dir):
    bad = ro.execute("SELECT load_id FROM load_log WHERE rows_read <> rows_loaded + rows_rejected").fetchall()
    assert bad == []
    sha = one(ro, "SELECT sha256 FROM load_log WHERE dataset = 'indiv2020'")
    assert sha == "a33f527c6e2411cc56adc426b09b88eb44e57ea9d2c8533813a894bfb200a281"
    assert one(ro, "SELECT count(*) FROM load_errors") == one(ro, "SELECT sum(rows_rejected) FROM load_log")


def test_indiv_totals_with_and_without_counting_rules(ro):
    row = ro.execute("""SELECT sum(amount), sum(amount) FILTER (WHERE coalesce(memo_cd, '') <> 'X'),
                               sum(amount) FILTER (WHERE counts_in_totals)
                        FROM contributions WHERE dataset = 'indiv2020'""").fetchall()[0]
    # 31,528,113 and 30,553,688 are the totals PROVENANCE.md measured on itcont.txt
    assert row == (Decimal("31528113.00"), Decimal("30553688.00"), INDIV20_COUNTED)
    rules = ro.execute("""SELECT count_rule, count(*), sum(amount) FROM contributions
                          WHERE dataset = 'indiv2020' GROUP BY 1 ORDER BY 1""").fetchall()
    assert rules == [("conduit_copy", 80, Decimal("57150.00")), ("counted", INDIV20_COUNTED_ROWS, INDIV20_COUNTED),
                     ("memo", 226, Decimal("974425.00")), ("refund", INDIV20_REFUND_ROWS, Decimal("663534.00"))]


def test_counted_total_matches_an_independent_python_pass(ro, fec_dir):
    """Recompute the counted total straight from the zip with the csv module, outside SQL."""
    total = Decimal(0)
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / "indiv20.zip") as zf:
        text = io.TextIOWrapper(zf.open("itcont.txt"), encoding="utf-8", newline="")
        for f in csv.reader(text, delimiter="|", quoting=csv.QUOTE_NONE):
            if f[18] != "X" and f[5] not in ("24T", "24I", "22Y", "20Y", "21Y"):
                total += Decimal(f[14])
    assert one(ro, "SELECT sum(amount) FROM contributions WHERE dataset='indiv2020' AND counts_in_totals") == total


def test_conduit_rows_credit_the_real_recipient(ro):
    row = ro.execute("""SELECT filer_cmte_id, recipient_cmte_id, conduit_cmte_id, transaction_tp, counts_in_totals,
                               zip_code, source_url
                        FROM contributions WHERE contribution_id = 'fec:4030420191644807557'""").fetchall()
    # NORPAC (C00247403) passed Keith Attkiss's $300 to C00236513: the 24T row is the conduit's copy
    assert row == [("C00247403", "C00236513", "C00247403", "24T", False, "06880",
                    "https://docquery.fec.gov/cgi-bin/fecimg/?201902129145498396")]
    assert one(ro, """SELECT count(*) FROM contributions WHERE dataset = 'indiv2020'
                      AND transaction_tp IN ('24T', '24I') AND recipient_cmte_id = filer_cmte_id""") == 0


def test_earmarks_at_the_recipient_name_the_conduit(ro):
    assert one(ro, """SELECT count(*) FROM contributions WHERE dataset = 'indiv2020' AND transaction_tp = '15E'
                      AND conduit_cmte_id = 'C00401224' AND recipient_cmte_id = filer_cmte_id""") == 9382


def test_refunds_and_negative_amounts_are_kept(ro):
    row = ro.execute("""SELECT count(*) FILTER (WHERE amount < 0),
                               count(*) FILTER (WHERE transaction_tp = '22Y' AND amount > 0),
                               count(*) FILTER (WHERE transaction_tp = '22Y' AND amount < 0),
                               count(*) FILTER (WHERE transaction_tp = '22Y' AND amount = 0)
                        FROM contributions WHERE dataset = 'indiv2020'""").fetchall()[0]
    assert row == (85, 4838, 10, 10)
    assert ro.execute("""SELECT amount, count_rule FROM contributions WHERE contribution_id IN
                         ('fec:4021320191639407455', 'fec:4021320191639407453') ORDER BY amount""").fetchall() == [
        (Decimal("-500.00"), "refund"), (Decimal("500.00"), "refund")]


def test_quotes_inside_names_and_zip_leading_zeros_kept(ro):
    assert one(ro, """SELECT count(*) FROM committees WHERE cycle = 2020 AND concat_ws('|', name, treasurer_name,
                      street_1, street_2, city, connected_org) LIKE '%"%'""") == 13
    assert one(ro, """SELECT count(*) FROM candidates WHERE cycle = 2020 AND concat_ws('|', name, street_1,
                      street_2, city) LIKE '%"%'""") == 17
    assert one(ro, "SELECT name FROM committees WHERE name LIKE 'OPEIU LOCAL 153%'") == \
        'OPEIU LOCAL 153 "VOTE" (VOICE OF THE ELECTORATE) COMMITTEE'
    assert ro.execute("""SELECT zip_code, other_id, memo_text FROM contributions
                         WHERE dataset LIKE 'indiv:%' AND contributor_name = 'ABBOTT, JOSEPH'""").fetchall() == [
        ("028956146", None, None)]


def test_pas2_is_not_added_to_oth_twice(ro):
    assert one(ro, "SELECT count(*) FROM committee_transfers") == 50921
    assert one(ro, """SELECT count(*) FROM committee_transaction_rows o JOIN committee_transaction_rows p
                      USING (sub_id) WHERE o.file_type = 'oth' AND p.file_type = 'pas2'""") == BULK_2020["pas2"][0]
    assert one(ro, "SELECT count(*) FROM committee_transfers WHERE file_type = 'pas2'") == 0
    assert one(ro, "SELECT count(cand_id) FROM committee_transfers") == 3061  # 98 pas2 rows have no CAND_ID


def test_oppexp_dates_cents_and_trailing_field(ro):
    row = ro.execute("""SELECT count(*), sum(amount), min(transaction_dt)::VARCHAR, max(transaction_dt)::VARCHAR
                        FROM operating_expenditures""").fetchall()[0]
    assert row == (11929, Decimal("41999549.26"), "2012-12-31", "2019-12-06")


def test_committee_master_duplicates_rejected_with_line_and_reason(ro):
    assert ro.execute("""SELECT line_no, reason FROM load_errors WHERE path LIKE '%cm20.zip!cm.txt'
                         ORDER BY line_no""").fetchall() == [
        (7651, "exact duplicate of line 7650"), (10200, "exact duplicate of line 10199")]
    assert one(ro, "SELECT count(DISTINCT cmte_id) FROM committees WHERE cycle = 2020") == 11603


def test_committees_resolved_by_id_from_the_2026_csv(ro):
    rows = ro.execute("""SELECT cmte_id, name, cmte_type, filing_freq, org_type, city FROM committees
                         WHERE cycle = 2026 AND cmte_id IN ('C00892471', 'C00825851', 'C00894162', 'C00898163')
                         ORDER BY cmte_id""").fetchall()
    assert rows == [
        ("C00825851", "MAKE AMERICA GREAT AGAIN INC.", "O", "T", None, "BEVERLY"),
        ("C00892471", "MAGA INC.", "V", "Q", None, "BEVERLY"),
        ("C00894162", "TRUMP VANCE INAUGURAL COMMITTEE, INC.", "X", "Q", "I", "BEVERLY "),
        ("C00898163", "ALPHABET INC", "P", "Q", None, "MOUNTAIN VIEW"),
    ]


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _real_lines(fec_dir: Path, n: int) -> list[bytes]:
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / "indiv20.zip") as zf:
        return zf.read("itcont.txt").split(b"\n")[:n]


def test_by_date_copies_are_not_loaded(tmp_path, fec_dir):
    lines = _real_lines(fec_dir, 100)
    z = _zip(tmp_path / "indiv20.zip", {
        "itcont.txt": b"\n".join(lines) + b"\n",
        "by_date/itcont_2019_20190101_20190131.txt": b"\n".join(lines[:40]) + b"\n",
        "by_date/itcont_2019_invalid_dates.txt": b"\n".join(lines[40:45]) + b"\n",
    })
    con = warehouse.connect(tmp_path / "t.duckdb")
    res = fec_bulk.load(con, z)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (100, 100, 0)
    assert one(con, "SELECT count(DISTINCT contribution_id) FROM contributions") == 100
    assert one(con, "SELECT member FROM load_log") == "itcont.txt"


def test_same_file_again_changes_nothing_newer_file_replaces(tmp_path, fec_dir):
    lines = _real_lines(fec_dir, 300)
    con = warehouse.connect(tmp_path / "t.duckdb")
    (tmp_path / "a").mkdir()
    first = _zip(tmp_path / "a" / "indiv20.zip", {"itcont.txt": b"\n".join(lines) + b"\n"})
    fec_bulk.load(con, first)
    before = con.execute("SELECT contribution_id, amount, count_rule FROM contributions ORDER BY 1").fetchall()
    again = fec_bulk.load(con, first)
    assert again.status == "unchanged"
    assert con.execute("SELECT contribution_id, amount, count_rule FROM contributions ORDER BY 1").fetchall() == before
    (tmp_path / "b").mkdir()
    newer = _zip(tmp_path / "b" / "indiv20.zip", {"itcont.txt": b"\n".join(lines[100:250]) + b"\n"})
    res = fec_bulk.load(con, newer)
    assert (res.status, res.rows_loaded) == ("loaded", 150)
    assert one(con, "SELECT count(*) FROM contributions WHERE dataset = 'indiv2020'") == 150
    assert one(con, "SELECT count(*) FROM load_log") == 3


@pytest.mark.parametrize("name,expected", [
    ("indiv26.zip", ("indiv", 2026, "itcont.txt", "indiv2026")),
    ("pas220.zip", ("pas2", 2020, "itpas2.txt", "pas22020")),
    ("cm26.csv", ("cm", 2026, None, "cm2026")),
    ("itcont.txt", ("indiv", None, None, "indiv:itcont.txt")),
    ("oppexp_header_file.csv", None),
    ("itcont_2024_20240101_20240131.txt", None),
    ("cm.txt", None),
])
def test_recognise_fec_names(name, expected):
    bf = fec_bulk.recognise(Path(name))
    assert (bf and (bf.kind, bf.cycle, bf.member, bf.dataset)) == expected


def test_the_same_record_in_two_files_counts_once(tmp_path, fec_dir):
    lines = _real_lines(fec_dir, 50)
    con = warehouse.connect(tmp_path / "t.duckdb")
    (tmp_path / "a").mkdir()
    fec_bulk.load(con, _zip(tmp_path / "a" / "indiv20.zip", {"itcont.txt": b"\n".join(lines) + b"\n"}))
    total = one(con, "SELECT sum(amount) FROM contributions WHERE counts_in_totals")
    counted_rows = one(con, "SELECT count(*) FROM contributions WHERE counts_in_totals")
    loose = tmp_path / "itcont.txt"
    loose.write_bytes(b"\n".join(lines[:20]) + b"\n")
    fec_bulk.load(con, loose)
    rules.apply(con)
    assert one(con, "SELECT count(*) FROM contributions WHERE count_rule = 'duplicate_row' AND dataset = 'indiv2020'") == 20
    assert one(con, "SELECT sum(amount) FROM contributions WHERE counts_in_totals") == total
    # a newer copy of the loose file without those rows: the zip's rows count again
    loose.write_bytes(_real_lines(fec_dir, 300)[200].rstrip(b"\n") + b"\n")
    fec_bulk.load(con, loose)
    rules.apply(con)
    assert one(con, "SELECT count(*) FROM contributions WHERE count_rule = 'duplicate_row'") == 0
    assert one(con, "SELECT count(*) FROM contributions WHERE dataset = 'indiv2020' AND counts_in_totals") == counted_rows


def test_a_sub_id_twice_in_one_file_fails_the_file_and_keeps_the_last_load(tmp_path, fec_dir):
    lines = _real_lines(fec_dir, 300)
    con = warehouse.connect(tmp_path / "t.duckdb")
    (tmp_path / "a").mkdir()
    fec_bulk.load(con, _zip(tmp_path / "a" / "indiv20.zip", {"itcont.txt": b"\n".join(lines[:200]) + b"\n"}))
    before = con.execute("SELECT contribution_id, load_id FROM contributions ORDER BY 1").fetchall()
    sub_id = lines[9].rsplit(b"|", 1)[1].decode()
    (tmp_path / "b").mkdir()
    twice = _zip(tmp_path / "b" / "indiv20.zip", {"itcont.txt": b"\n".join([*lines, lines[9]]) + b"\n"})
    with pytest.raises(LoadError, match=f"SUB_ID repeats within the file .*'fec:{sub_id}', 2"):
        fec_bulk.load(con, twice)
    assert con.execute("SELECT contribution_id, load_id FROM contributions ORDER BY 1").fetchall() == before
    assert len(before) == 200
