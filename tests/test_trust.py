"""What a reporter needs to trust a figure, on the real records: windows, net figures, codes in words, records by ID, and
a command line that names the demo and refuses bad input in one line."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from rich.console import Console
from typer.testing import CliRunner

from etl.cli import app
from etl.queries import QUERIES as q
from etl.search import search
from helpers import free_port

runner = CliRunner()


def test_contribution_windows_are_the_loaded_dates(ro):
    w = {r["source"]: r for r in q["contribution_windows"].run(ro).records()}
    assert (w["fec_bulk"]["first_date"], w["fec_bulk"]["last_date"], w["fec_bulk"]["rows"]) == \
        (date(2017, 1, 3), date(2019, 3, 4), 70678)
    assert (w["fec_efile"]["datasets"], w["fec_efile"]["first_date"], w["fec_efile"]["last_date"]) == \
        ("efile:1544132, efile:1550548, efile:1930418, efile:1943509", date(2021, 1, 12), date(2025, 12, 31))


def test_net_figures_for_a_person_and_a_committee(ro):
    # with the OpenFEC rows of 2023-2025: Pichai's 15 gifts of $1,000 and NETPAC's 291 receipts ($80,229)
    assert q["person_net"].run(ro, donor_id="sundar_pichai").one() == \
        {"counted": Decimal("17000.00"), "refunds": Decimal("3000.00"), "net": Decimal("14000.00")}
    netpac = q["committee_net"].run(ro, cmte_id="C00428623").one()  # Google's NETPAC
    assert (netpac["counted"], netpac["refunds"], netpac["net"]) == \
        (Decimal("123442.00"), Decimal("30974.00"), Decimal("92468.00"))


def test_codes_in_the_fecs_words(ro):
    words = {c: q["code_in_words"].run(ro, code_list=k, code=c).one()["words"]
             for k, c in (("cmte_type", "V"), ("transaction_tp", "24T"), ("designation", "U"))}
    assert words == {"V": "V (hybrid PAC (with a non-contribution account), nonqualified)",
                     "24T": "24T (earmarked contribution passed on by the conduit (treasury funds), reported by the conduit)",
                     "U": "U (unauthorized)"}
    assert q["code_in_words"].run(ro, code_list="cmte_type", code="?").one()["words"].endswith("not in the FEC list loaded here)")
    # every committee type and transaction type in the loaded rows has words
    missing = ro.execute("""SELECT DISTINCT transaction_tp FROM contributions WHERE transaction_tp IS NOT NULL
                            AND transaction_tp NOT IN (SELECT code FROM code_words WHERE code_list = 'transaction_tp')
                            UNION ALL SELECT DISTINCT cmte_type FROM recipient_committees WHERE cmte_type IS NOT NULL
                            AND cmte_type NOT IN (SELECT code FROM code_words WHERE code_list = 'cmte_type')""").fetchall()
    assert missing == []


def test_records_are_found_by_their_ids(ro):
    assert [(h["doc_key"], h["matched_fields"]) for h in search(ro, "DHS-2556")] == [("2025:DHS:DHS-2556", ["use_case_id"])]
    found = {(r["kind"], r["key"]) for r in q["find_by_id"].run(ro, id="dhs-2556").records()}
    assert found == {("ai_use_case", "2025:DHS:DHS-2556")}
    assert [r["kind"] for r in q["find_by_id"].run(ro, id="1544132").records()] == ["filing"]
    assert [r["key"] for r in q["find_by_id"].run(ro, id="C00892471").records()] == ["C00892471"]
    detail = q["ai_use_case_detail"].run(ro, id="DHS-2556").one()
    assert "OpenAI's GPT-4 is trained on common crawl" in detail["data_description"] and detail["vendor_name"] == "AIS"


def test_a_contribution_row_says_why_it_does_not_count(ro):
    row_id = ro.execute("SELECT min(contribution_id) FROM contributions WHERE transaction_tp = '24T'").fetchall()[0][0]
    r = q["contribution_detail"].run(ro, id=row_id).one()
    assert r["count_rule"] == "conduit_copy" and "15E row carries the same money" in r["count_rule_why"]
    assert r["page_image_url"] == f"https://docquery.fec.gov/cgi-bin/fecimg/?{r['image_num']}"


def test_filing_detail_gives_rows_and_amendments(ro):
    f = q["filing_detail"].run(ro, id="1544132").one()
    assert (f["committee_name"], f["itemized_rows"], f["amends_file_num"], f["amended_by"]) == \
        ("Klobuchar for Minnesota", 2598, None, None)


def test_cli_names_the_demo_and_refuses_bad_input_in_one_line(tmp_path, warehouse):
    from etl.demo import build_demo
    real = tmp_path / "moneytrail.duckdb"
    build_demo(tmp_path / "moneytrail-demo.duckdb", console=Console(file=io.StringIO()))
    res = runner.invoke(app, ["search", "--db", str(real), "GPT"], terminal_width=400)
    assert res.exit_code == 2 and "the SYNTHETIC demo" in res.output and "moneytrail-demo.duckdb" in res.output
    res = runner.invoke(app, ["up", "--db", str(warehouse), "--from", str(tmp_path / "nonexistent"), "--no-browser",
                              "--port", str(free_port())], terminal_width=400)
    assert res.exit_code == 2 and res.output.strip().endswith("no such folder") and len(res.output.strip().splitlines()) == 1
    res = runner.invoke(app, ["serve", "--db", str(warehouse), "--port", "99999"], terminal_width=400)
    assert res.exit_code == 2 and res.output.strip() == "error: --port 99999: a port is a number from 1 to 65535"


def test_demo_records_link_to_no_real_site(tmp_path):
    import duckdb

    from etl.demo import SYNTHETIC_LINK, build_demo
    db = tmp_path / "demo.duckdb"
    build_demo(db, console=Console(file=io.StringIO()))
    con = duckdb.connect(str(db), read_only=True)
    row_id = con.execute("SELECT min(contribution_id) FROM contributions WHERE image_num IS NOT NULL").fetchall()[0][0]
    r = q["contribution_detail"].run(con, id=row_id).one()
    con.close()
    assert (r["page_image_url"], r["filing_url"]) == (SYNTHETIC_LINK, SYNTHETIC_LINK)


def test_a_figures_windows_are_those_of_its_own_files(ro):
    """MAGA Inc.'s receipts rest on its two 2025 e-filings (coverage periods from their cover pages, efiling_2025_maga_inc);
    the old MAGA super PAC C00825851 has no row, so its page names every loaded window instead; Pichai's rows by cycle."""
    w = q["figure_windows"]
    maga = w.run(ro, cmte_id="C00892471", donor_id="", org_ids=[], channels=[]).records()
    assert [(r["dataset"], r["cycle"], r["window_kind"], r["window_from"], r["window_to"], r["rows"]) for r in maga] == [
        ("efile:1930418", 2026, "coverage period of the report", date(2025, 7, 1), date(2025, 12, 22), 137),
        ("efile:1943509", 2026, "coverage period of the report", date(2025, 12, 23), date(2025, 12, 31), 4)]
    assert w.run(ro, cmte_id="C00825851", donor_id="", org_ids=[], channels=[]).rows == []
    pichai = w.run(ro, cmte_id="", donor_id="sundar_pichai", org_ids=[], channels=[]).records()
    assert [(r["dataset"], r["cycle"], r["window_from"], r["window_to"], r["rows"]) for r in pichai] == [
        ("indiv2020", 2020, date(2017, 11, 21), date(2019, 3, 4), 2),
        ("openfec:openfec_tech_execs_2023_2025/contributions", 2024, date(2023, 1, 6), date(2024, 12, 31), 10),
        ("openfec:openfec_tech_execs_2023_2025/contributions", 2026, date(2025, 1, 3), date(2025, 8, 29), 5)]
    # an organization's PAC channel rests on the oth file only (its PAC's gifts, as filed), not on the gift files
    pac = w.run(ro, cmte_id="", donor_id="", org_ids=["google"], channels=["pac"]).records()
    assert [(r["dataset"], r["window_kind"], r["rows"]) for r in pac] == [("oth2020", "dates of the rows in the file", 13)]
    assert sum(r["rows"] for r in pac) == ro.execute(
        "SELECT count(*) FROM org_money_rows WHERE org_id = 'google' AND channel = 'pac'").fetchall()[0][0]
