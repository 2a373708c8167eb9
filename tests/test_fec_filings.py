"""MAGA Inc.'s real 2025 filings in docquery's CSV rendering (shared/data/fec/efiling_2025_maga_inc): every schedule
loaded, each filing reconciled against its own cover page (figures from the folder's PROVENANCE.md)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from etl import warehouse
from etl.net.files import LoadError
from etl.sources.fec_efile import SOURCE as fec_efile
from tests.conftest import one

D = Decimal


def _recon(con, file_num: int) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in con.execute(
        """SELECT schedule, line, rows, memo_rows, itemized, cover_amount, not_itemized, status
           FROM filing_reconciliation WHERE file_num = $n""", {"n": file_num}).fetchall()}


def test_maga_inc_30s_report_loads_every_schedule_and_reconciles(ro):
    got = _recon(ro, 1930418)
    assert got == {
        "SA17": ("17", 137, 54, D("102172330.65"), D("102172431.65"), D("101.00"), "not itemized"),
        "SB29": ("29", 157, 21, D("2166843.81"), D("2166929.81"), D("86.00"), "not itemized"),
        "SE": ("24", 31, 0, D("1690360.99"), D("1690360.99"), D("0.00"), "equal"),
    }
    # the counted Schedule A money equals the itemized figure: the 54 memo attributions are kept, never added
    assert ro.execute("""SELECT count(*), sum(amount) FILTER (WHERE count_rule = 'counted'),
                                count(*) FILTER (WHERE count_rule = 'memo') FROM contributions
                         WHERE file_num = 1930418 AND form_type = 'SA17'""").fetchall() == [(137, D("102172330.65"), 54)]
    assert ro.execute("""SELECT form_type, report_code, coverage_from::VARCHAR, coverage_through::VARCHAR, rendering,
                                raw_url FROM filings WHERE file_num = 1930418""").fetchall() == [
        ("F3XN", "30S", "2025-07-01", "2025-12-22", "csv", "https://docquery.fec.gov/csv/418/1930418.csv")]


def test_maga_inc_year_end_report_equals_its_cover_page(ro):
    got = _recon(ro, 1943509)
    assert got["SA17"] == ("17", 4, 0, D("10001033.11"), D("10001033.11"), D("0.00"), "equal")
    assert got["SB29"] == ("29", 3, 0, D("21586.56"), D("21586.56"), D("0.00"), "equal")


def test_filing_items_kept_by_the_loader_equal_their_definition(ro):
    """The reconciliation reads filing_items (kept per filing by the loader), not a scan of every contribution."""
    kept = ro.execute("SELECT * EXCLUDE (load_id) FROM filing_items ORDER BY ALL").fetchall()
    assert kept == ro.execute("SELECT * FROM filing_items_live ORDER BY ALL").fetchall()
    assert (1930418, "SA17", 137, 54, D("102172330.65")) in kept
    assert (1943509, "SA17", 4, 0, D("10001033.11")) in kept
    assert one(ro, """SELECT count(*) FROM filing_items i JOIN filings f USING (file_num)
                      WHERE i.load_id IS DISTINCT FROM f.load_id""") == 0


def test_committee_filings_count_each_filings_lines(ro):
    from etl.queries import QUERIES
    got = {r[0]: r[11] for r in QUERIES["committee_filings"].run(ro, cmte_id="C00892471").rows}
    assert got[1930418] == 325  # 137 Schedule A + 157 Schedule B + 31 Schedule E lines, as read
    assert got == dict(ro.execute("""SELECT s.file_num, (SELECT count(*) FROM efile_itemized i WHERE i.file_num = s.file_num)
                                     FROM filing_status s WHERE s.committee_id = 'C00892471'""").fetchall())


def test_brockman_row_as_filed(ro):
    assert ro.execute("""SELECT contributor_name, employer, occupation, city, transaction_dt::VARCHAR, amount, memo_cd,
                                entity_tp, filer_cmte_id, recipient_cmte_id
                         FROM contributions WHERE contribution_id = 'efile:1930418:SA17.4915'""").fetchall() == [
        ("BROCKMAN, GREG", "OPENAI", "PRESIDENT AND CO-FOUNDER", "SAN FRANCISCO", "2025-09-12", D("25000000.00"), None,
         "IND", "C00892471", "C00892471")]
    # the original filing has no BROCKMAN, ANNA row
    assert one(ro, "SELECT count(*) FROM contributions WHERE contributor_name LIKE 'BROCKMAN, ANNA%'") == 0


def _fs_copy(csv_path: Path, target: Path) -> None:
    """DERIVED at test time: the docquery CSV rewritten as a 0x1C-separated .fec (not a file the FEC published)."""
    with open(csv_path, newline="", encoding="utf-8") as f:
        target.write_text("".join("\x1c".join(row) + "\n" for row in csv.reader(f)), encoding="utf-8")


def _figures(con) -> list[tuple]:
    return con.execute("""SELECT file_num, schedule, rows, memo_rows, itemized, not_itemized
                          FROM filing_reconciliation ORDER BY ALL""").fetchall()


def test_the_same_filing_loads_alike_from_csv_fec_and_a_csv_named_fec(tmp_path, fec_dir):
    src = fec_dir / "efiling_2025_maga_inc" / "1930418.csv"
    results = []
    for name, make in (("1930418.csv", None), ("1930418.fec", "fs"), ("x/1930418.fec", "copy")):
        path = tmp_path / name
        path.parent.mkdir(exist_ok=True)
        if make == "fs":
            _fs_copy(src, path)
        else:
            path.write_bytes(src.read_bytes())
        assert fec_efile.recognise(path) is not None
        con = warehouse.connect(tmp_path / f"{len(results)}.duckdb")
        res = fec_efile.load(con, path)
        assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (325, 325, 0)
        results.append(_figures(con))
        con.close()
    assert results[0] == results[1] == results[2]
    assert (1930418, "SA17", 137, 54, D("102172330.65"), D("101.00")) in results[0]


def test_filing_number_from_the_fetch_record_or_a_clear_refusal(tmp_path, fec_dir):
    src = fec_dir / "efiling_2025_maga_inc" / "1943509.csv"
    named = tmp_path / "maga-year-end.csv"
    named.write_bytes(src.read_bytes())
    con = warehouse.connect(tmp_path / "t.duckdb")
    with pytest.raises(LoadError, match="cannot tell the FEC filing number"):
        fec_efile.load(con, named)
    Path(str(named) + ".meta.json").write_text(json.dumps({"url": "https://docquery.fec.gov/csv/509/1943509.csv"}))
    fec_efile.load(con, named)
    assert one(con, "SELECT file_num FROM filings") == 1943509
    # a CSV that is not a filing is not recognised at all
    other = tmp_path / "other.csv"
    other.write_text('"a","b"\n"1","2"\n')
    assert fec_efile.recognise(other) is None


def test_openfec_reports_give_the_amendment_and_the_superseded_note(ro):
    assert ro.execute("""SELECT file_num, form_type, amendment_indicator, amendment_chain, is_amended,
                                most_recent_file_num, receipt_date::VARCHAR FROM filing_versions
                         WHERE file_num IN (1930418, 1930534) ORDER BY 1""").fetchall() == [
        (1930418, "F3XN", "N", [1930418], True, 1930534, "2026-01-01"),
        (1930534, "F3XA", "A", [1930418, 1930534], False, 1930534, "2026-01-02")]
    assert one(ro, "SELECT count(*) FROM filing_versions WHERE committee_id = 'C00892471'") == 11
    assert ro.execute("""SELECT status, amended_by, amended_on::VARCHAR, amendment_loaded, note FROM filing_status
                         WHERE file_num = 1930418""").fetchall() == [
        ("superseded", 1930534, "2026-01-02", False,
         "from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded")]
    # the amendment is not loaded, so the original's rows still count (best available), with the note beside them
    assert ro.execute("""SELECT m.org_id, m.channel, m.donor_id, m.amount, c.count_rule, s.note
                         FROM org_money_rows m JOIN contributions c ON c.contribution_id = m.row_id
                         JOIN contribution_filing_status s ON s.contribution_id = m.row_id
                         WHERE m.row_id = 'efile:1930418:SA17.4915'""").fetchall() == [
        ("openai", "executives_and_households", "greg_brockman", D("25000000.00"), "counted",
         "from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded")]
    assert one(ro, "SELECT status FROM filing_status WHERE file_num = 1943509") == "current"


def test_a_loaded_amendment_replaces_the_original_never_adds_to_it(tmp_path, fec_dir):
    """DERIVED at test time: a copy of 1930418 turned into an amendment numbered 1930534 (not the FEC's 1930534)."""
    con = warehouse.connect(tmp_path / "t.duckdb")
    src = fec_dir / "efiling_2025_maga_inc"
    fec_efile.load(con, src / "1930418.csv")
    amended = tmp_path / "1930534.csv"
    amended.write_text((src / "1930418.csv").read_text().replace('"F3XN"', '"F3XA"', 1))
    fec_efile.load(con, amended)
    from etl import rules
    rules.apply(con)
    assert con.execute("""SELECT file_num, count_rule, count(*) FROM contributions WHERE form_type = 'SA17'
                          GROUP BY ALL ORDER BY ALL""").fetchall() == [
        (1930418, "superseded", 137), (1930534, "counted", 83), (1930534, "memo", 54)]
    assert one(con, "SELECT sum(amount) FROM contributions WHERE counts_in_totals") == D("102172330.65")
    assert con.execute("SELECT status, amended_by, amendment_loaded FROM filing_status WHERE file_num = 1930418"
                       ).fetchall() == [("superseded", 1930534, True)]


def test_openfec_rows_as_a_plain_json_array_load_and_are_attributed(ro):
    assert ro.execute("""SELECT file_type, rows_read, rows_loaded, rows_rejected FROM load_log
                         WHERE dataset = 'openfec:openfec_tech_execs_2023_2025/contributions'""").fetchall() == [
        ("openfec", 776, 776, 0)]
    # PROVENANCE.md: 2025 rows without memo code X by the employer the row states
    assert ro.execute("""SELECT upper(employer) LIKE '%GOOGLE%', count(*), sum(amount) FROM contributions
                         WHERE dataset = 'openfec:openfec_tech_execs_2023_2025/contributions'
                           AND year(transaction_dt) = 2025 AND coalesce(memo_cd, '') <> 'X'
                           AND upper(employer) LIKE '%GOOGLE%' GROUP BY 1""").fetchall() == [(True, 79, D("80772.00"))]
    got = ro.execute("""SELECT m.org_id, m.channel, count(*), sum(m.amount) FROM org_money_rows m
                        JOIN contributions c ON c.contribution_id = m.row_id
                        WHERE c.dataset = 'openfec:openfec_tech_execs_2023_2025/contributions'
                        GROUP BY ALL ORDER BY ALL""").fetchall()
    assert got == [
        ("google", "employees", 145, D("2641180.00")), ("google", "to_own_pac", 291, D("80229.00")),
        ("meta", "employees", 37, D("156560.79")), ("microsoft", "employees", 44, D("1074690.25")),
        ("microsoft", "executives_and_households", 25, D("447300.00")), ("microsoft", "to_own_pac", 40, D("6736.00"))]
