"""The SYNTHETIC demo (etl/demo.py): real file formats through the real loaders, exact figures, only fictional
names, the same bytes on every run, and a banner on every page of the demo warehouse and on none of the real one."""

from __future__ import annotations

import hashlib
import io
import re
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from rich.console import Console
from streamlit.testing.v1 import AppTest

from dashboard.components import DEMO_BANNER
from etl.demo import SYNTHETIC_LINK, build_demo, is_synthetic, write_demo
from etl.net.files import LoadError
from etl.queries import QUERIES
from tests.conftest import REPO, one
from tests.test_dashboard import PAGES

APP = str(REPO / "dashboard" / "app.py")
D = Decimal


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list, dict[str, int]]:
    """The demo warehouse, built once for this module the way `moneytrail up --demo` builds it."""
    target = tmp_path_factory.mktemp("demo") / "moneytrail-demo.duckdb"
    t0 = time.perf_counter()
    results = build_demo(target, console=Console(file=io.StringIO()))
    print(f"\nbuild_demo: {time.perf_counter() - t0:.2f} s")  # measured, not asserted (about 3 s on the dev VM)
    counts = write_demo(target.with_name("moneytrail-demo-files"))  # the same folder again: also counts what it wrote
    return target, results, counts


@pytest.fixture()
def dro(demo) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(demo[0]), read_only=True)
    yield con
    con.close()


def test_every_file_goes_through_a_real_loader_and_every_line_is_accounted_for(demo, dro):
    _, results, counts = demo
    got = {Path(r.path).name: (r.status, r.rows_read, r.rows_loaded, r.rows_rejected) for r in results}
    assert got == {
        "cm26.zip": ("loaded", 10, 10, 0), "cn26.zip": ("loaded", 4, 4, 0), "ccl26.zip": ("loaded", 4, 4, 0),
        "indiv26.zip": ("loaded", 1037, 1036, 1),  # one malformed line, kept in load_errors
        "oth26.zip": ("loaded", 9, 9, 0), "pas226.zip": ("loaded", 9, 9, 0), "99900001.fec": ("loaded", 7, 7, 0),
        "spending_by_award_SYNTHETIC_contracts.json": ("loaded", 5, 5, 0),
        "award_detail_DEMO24C0005.json": ("loaded", 1, 1, 0), "transactions_DEMO24C0005.json": ("loaded", 3, 3, 0),
        "2025_individually_reported_AI_use_cases_SYNTHETIC.csv": ("loaded", 12, 12, 0)}
    written = {k.rsplit("/", 1)[1]: v for k, v in counts.items() if k.startswith("records/")}
    assert {name: read for name, (_, read, _, _) in got.items()} == written
    assert all(read == loaded + rejected for _, read, loaded, rejected in got.values())
    assert dro.execute("SELECT reason FROM load_errors").fetchall() == [("wrong field count (too few fields)",)]


def test_org_money_per_channel_for_a_fictional_organization(dro):
    rows = dro.execute("""SELECT channel, sum(amount), sum(rows)::INTEGER FROM org_money WHERE org_id = 'examplar'
                          GROUP BY 1 ORDER BY 1""").fetchall()
    assert rows == [("corporate", D("500000.00"), 1),  # the company's own gift to the super PAC
                    ("employees", D("316850.00"), 164),
                    ("executives_and_households", D("309900.00"), 5),  # the CEO and her spouse (pinned by name and place)
                    ("inaugural", D("2000000.00"), 2),  # Form 13: the CEO and the company, $1,000,000 each
                    ("pac", D("13500.00"), 4),  # its PAC's 24K contributions to campaigns (the memo 24K left out)
                    ("to_own_pac", D("30200.00"), 59)]
    assert dro.execute("""SELECT org_id, sum(amount) FROM org_money WHERE channel = 'pac' GROUP BY 1 ORDER BY 1""").fetchall() \
        == [("examplar", D("13500.00")), ("fictitia", D("8500.00"))]
    # the namesakes stay apart: ALICE TESTPERSON of Fictionburg, TX and a teacher named DAVE FICTIONALSON
    namesakes = dro.execute("""SELECT org_id, donor_id IN (SELECT person_id FROM registry_people) FROM contributions
                               WHERE contributor_name IN ('TESTPERSON, ALICE', 'FICTIONALSON, DAVE') AND state IN ('TX', 'VA')""")
    assert namesakes.fetchall() == [(None, False)] * 3


def test_inaugural_committee_donations_from_form_13(dro):
    assert dro.execute("""SELECT counted_amount, counted_rows, memo_amount, refund_amount, net_amount FROM contribution_rollup
                          WHERE recipient_cmte_id = 'C99900501'""").fetchall() \
        == [(D("2775000.00"), 5, D("500000.00"), D("5000.00"), D("2770000.00"))]
    assert dro.execute("""SELECT org_id, sum(amount) FROM org_money WHERE channel = 'inaugural'
                          GROUP BY 1 ORDER BY 1""").fetchall() \
        == [("examplar", D("2000000.00")), ("fictitia", D("500000.00")), ("hypothetica", D("250000.00"))]
    assert one(dro, "SELECT is_inaugural FROM recipient_committees WHERE cmte_id = 'C99900501'") is True


def test_earmarks_memos_and_refunds_are_kept_but_counted_once(dro):
    rules = dict(((r, tp), (n, amt)) for r, tp, n, amt in dro.execute(
        "SELECT count_rule, transaction_tp, count(*), sum(amount) FROM contributions GROUP BY ALL").fetchall())
    assert rules[("counted", "15E")] == rules[("conduit_copy", "24T")] == (112, D("103600.00"))
    assert rules[("memo", "15")] == (113, D("104600.00"))  # the conduit's 112 memo lines and one attribution memo
    assert rules[("refund", "22Y")] == (1, D("300.00"))
    # the conduit's copies are credited to the earmarked campaigns, never to the conduit
    assert dro.execute("SELECT DISTINCT recipient_cmte_id FROM contributions WHERE transaction_tp = '24T' "
                       "ORDER BY 1").fetchall() \
        == [("C99900201",), ("C99900204",)]
    assert one(dro, "SELECT coalesce(counted_amount, 0) FROM contribution_rollup WHERE recipient_cmte_id = 'C99900401'") == 0


def test_awards_keep_obligations_ceilings_and_de_obligations_apart(dro):
    assert dro.execute("SELECT count(*), sum(obligated), sum(potential_value) FROM awards").fetchall() \
        == [(5, D("4232000.00"), D("6000000.00"))]
    # the newer award detail (after the de-obligation) wins over the older search snapshot of $2,700,000
    assert dro.execute("""SELECT obligated, potential_value, snapshots FROM awards
                          WHERE award_key = 'CONT_AWD_DEMO24C0005_9990_-NONE-_-NONE-'""").fetchall() \
        == [(D("2400000.00"), D("6000000.00"), 2)]
    assert dro.execute("""SELECT fiscal_year, sum(federal_action_obligation) FROM award_transactions
                          GROUP BY 1 ORDER BY 1""").fetchall() \
        == [(2024, D("1500000.00")), (2025, D("1200000.00")), (2026, D("-300000.00"))]
    assert dro.execute("""SELECT org_id, relation, sum(obligated), sum(potential_value) FROM org_awards
                          GROUP BY ALL ORDER BY 1, 2""").fetchall() \
        == [("examplar", "self", D("1250000.00"), None), ("fictitia", "self", D("480000.00"), None),
            ("imaginary", "reseller", D("90000.00"), None), ("imaginary", "self", D("2400000.00"), D("6000000.00"))]


def test_ai_use_cases_and_the_products_they_name(dro):
    assert one(dro, "SELECT count(*) FROM ai_use_cases") == 12
    # no link to OMB's real file, whose lines hold other, real use cases
    assert dro.execute("SELECT DISTINCT source_url FROM ai_use_cases").fetchall() == [(SYNTHETIC_LINK,)]
    named = {o: [r["use_case_key"] for r in QUERIES["org_ai_uses"].run(dro, org_id=o).records()]
             for o in ("examplar", "fictitia", "imaginary", "hypothetica")}
    assert named == {"examplar": ["2025:DOX:DOX-0001", "2025:DOX:DOX-0006", "2025:FXA:FXA-0003"],
                     "fictitia": ["2025:DOX:DOX-0004"], "hypothetica": ["2025:FXA:FXA-0002"],
                     "imaginary": ["2025:DOX:DOX-0002", "2025:FXA:FXA-0001"]}  # DOX-0002 names IMAGINE-1 in free text only


FICTIONAL_PEOPLE = re.compile(r"^(TESTPERSON|EXAMPLESON|SAMPLEMAN|DEMOPERSON|PLACEHOLDER|FICTIONALSON|MOCKINGTON|DUMMYFIELD|"
                              r"SAMPLEDOTTIR|TESTWORTH|LOREMIPSUM|GENERICSON), [A-Z]+$")
FICTIONAL_COMPANIES = {"EXAMPLAR AI INC", "FICTITIA LABS LLC", "HYPOTHETICA INC"}
FICTIONAL_PLACES = {"EXAMPLEVILLE", "SAMPLE CITY", "FICTIONBURG", "DEMOTOWN", "PLACEHOLDER PARK", "MOCK HEIGHTS"}


def test_every_name_is_obviously_fictional(dro):
    for (cmte_id, name) in dro.execute("SELECT cmte_id, name FROM committees").fetchall():
        assert cmte_id.startswith("C999") and name.endswith("(SYNTHETIC)"), (cmte_id, name)
    for (cand_id, name) in dro.execute("SELECT cand_id, name FROM candidates").fetchall():
        assert re.fullmatch(r"[HS]9XX99\d{3}", cand_id) and name.endswith("(SYNTHETIC)"), (cand_id, name)
    for row in dro.execute("""SELECT filer_cmte_id, recipient_cmte_id, entity_tp, contributor_name, city
                              FROM contributions""").fetchall():
        filer, recipient, entity, name, city = row
        assert filer.startswith("C999") and recipient.startswith("C999") and city in FICTIONAL_PLACES, row
        assert FICTIONAL_PEOPLE.match(name) if entity == "IND" else name in FICTIONAL_COMPANIES, row
    for row in dro.execute("SELECT cmte_id, other_id, name FROM committee_transfers").fetchall():
        assert row[0].startswith("C999") and row[1][:4] in ("C999", "H9XX") and row[2].endswith("(SYNTHETIC)"), row
    for row in dro.execute("SELECT piid, recipient_name, awarding_agency FROM awards").fetchall():
        assert row[0].startswith("DEMO") and row[1].endswith("(SYNTHETIC)") and row[2] == "Department of Examples", row
    for row in dro.execute("SELECT name, agency_name FROM ai_use_cases").fetchall():
        assert row[0].endswith("(SYNTHETIC)") and row[1] in ("Department of Examples", "Fictional Example Administration"), row
    assert all(n.endswith("(SYNTHETIC)") for (n,) in dro.execute("SELECT name FROM registry_organizations").fetchall())
    assert all(s.startswith("synthetic demo") for (s,) in dro.execute("SELECT source FROM registry_people").fetchall())


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_write_demo_is_byte_identical_every_run(tmp_path):
    first, second = write_demo(tmp_path / "a"), write_demo(tmp_path / "b")
    assert first == second
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert len(_digests(tmp_path / "a")) == 22  # 7 FEC files, 3 API responses and their fetch records, 1 CSV, 7 registry, README
    write_demo(tmp_path / "a")  # writing again over an earlier demo gives the same files
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_write_demo_never_empties_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(LoadError, match="not a moneytrail demo folder"):
        write_demo(tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_only_the_demo_is_marked_synthetic(demo, dro, ro, warehouse):
    assert is_synthetic(demo[0]) and not is_synthetic(warehouse)
    assert one(dro, "SELECT value FROM warehouse_info WHERE key = 'synthetic'") == "true"
    assert ro.execute("SELECT * FROM warehouse_info").fetchall() == []


def _banners(db: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times each page of the explorer shows the demo banner."""
    monkeypatch.setenv("MONEYTRAIL_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = {}
    for page, title in PAGES.items():
        at.switch_page(f"app_pages/{page}").run()
        assert not at.exception and at.title[0].value == title
        shown[page] = sum(w.value == DEMO_BANNER for w in at.warning)
    return shown


def test_the_banner_is_on_every_page_of_the_demo(demo, monkeypatch):
    assert _banners(demo[0], monkeypatch) == dict.fromkeys(PAGES, 1)


def test_no_banner_on_the_real_warehouse(warehouse, monkeypatch):
    assert _banners(warehouse, monkeypatch) == dict.fromkeys(PAGES, 0)


def test_organization_page_shows_the_fictional_figures(demo, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(demo[0]))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["org"] = "examplar"
    at.run()
    at.switch_page("app_pages/organization.py").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # employees 316,850 + executives and households 309,900 + pac 13,500 + corporate 500,000 + inaugural 2,000,000
    assert metrics["Counted, chosen channels"] == "$3,140,250.00"
    assert metrics["Obligated to the organization and its subsidiaries (not the ceiling)"] == "$1,250,000.00"
    assert metrics["Inventory records naming the organization or its products"] == "3"


def test_demo_tables_withhold_real_site_links_and_csvs_say_synthetic(demo, warehouse, monkeypatch):
    """Demo rows have made-up IDs: a link to fec.gov or usaspending.gov would point at someone else's record."""
    from dashboard import components
    monkeypatch.setenv("MONEYTRAIL_DB", str(demo[0]))
    at = AppTest.from_file(str(Path(APP).parent / "app_pages" / "contracts.py"), default_timeout=60).run()
    assert not at.exception
    awards = next(d.value for d in at.dataframe if "source_url" in d.value.columns)
    assert len(awards) > 0 and awards["source_url"].isna().all()
    assert "SYNTHETIC DEMO DATA: these rows are fictional; links to the real sites are withheld." in [
        c.value for c in at.caption]
    result = QUERIES["contracts"].run(components.cursor(), q="", agency="", category="")
    assert {r["source_url"] for r in result.records()} == {SYNTHETIC_LINK}  # the query itself carries no address
    text = components.csv_text(components.without_links(result, ("source_url",)), True)
    assert text.startswith(components.SYNTHETIC_CSV_LINE + "\n") and "https://www.usaspending.gov" not in text
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    real = AppTest.from_file(str(Path(APP).parent / "app_pages" / "contracts.py"), default_timeout=60).run()
    shown = next(d.value for d in real.dataframe if "source_url" in d.value.columns)
    assert shown["source_url"].str.startswith("https://www.usaspending.gov/").all()


# Every address anywhere in the demo warehouse is one of these: the FEC's own pages defining its codes
# (code_words, etl/model/words.sql), real pages that do not depend on any demo record.
REFERENCE_PAGES = re.compile(r"^https://www\.fec\.gov/campaign-finance-data/[a-z-]+/$")
URL = re.compile(r"https?://[^\s'\"),]+")


def test_no_table_or_view_of_the_demo_holds_an_address_on_a_real_site(dro):
    """Every VARCHAR column of every table and view: no fec.gov, docquery, usaspending.gov, sam.gov, fpds.gov, GitHub
    or other address built from a made-up ID; the links a real record has read as the SYNTHETIC marker instead."""
    cols = dro.execute("""SELECT table_name, column_name FROM duckdb_columns()
                          WHERE database_name = current_database() AND schema_name = 'main' AND data_type = 'VARCHAR'
                          ORDER BY 1, 2""").fetchall()
    assert len(cols) > 300 and ("contributions", "source_url") in cols and ("filings", "raw_url") in cols
    found: dict[tuple[str, str], set[str]] = {}
    for table, column in cols:
        for (value,) in dro.execute(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" LIKE \'%http%://%\'').fetchall():
            found.setdefault((table, column), set()).update(URL.findall(value))
    assert set(found) == {("code_words", "source_url")}
    assert all(REFERENCE_PAGES.match(u) for u in found["code_words", "source_url"])
    links = dro.execute("""SELECT 'contributions', source_url, count(*) FROM contributions GROUP BY ALL
                           UNION ALL SELECT 'committee_transfers', source_url, count(*) FROM committee_transfers GROUP BY ALL
                           UNION ALL SELECT 'awards', source_url, count(*) FROM awards GROUP BY ALL
                           UNION ALL SELECT 'filings', raw_url, count(*) FROM filings GROUP BY ALL
                           UNION ALL SELECT 'search_docs', source_url, count(*) FROM search_docs GROUP BY ALL
                           ORDER BY 1""").fetchall()
    assert links == [("awards", SYNTHETIC_LINK, 5), ("committee_transfers", SYNTHETIC_LINK, 9),
                     ("contributions", SYNTHETIC_LINK, 1043), ("filings", SYNTHETIC_LINK, 1),
                     ("search_docs", SYNTHETIC_LINK, 17)]
    bulk_row = one(dro, "SELECT min(contribution_id) FROM contributions WHERE image_num IS NOT NULL AND file_num IS NOT NULL")
    detail = QUERIES["contribution_detail"].run(dro, id=bulk_row).one()
    assert (detail["page_image_url"], detail["filing_url"]) == (SYNTHETIC_LINK, SYNTHETIC_LINK)


def test_cli_listings_of_the_demo_say_synthetic(demo, warehouse):
    """search, sql, coverage and claims on the demo print the SYNTHETIC line first; on real records they do not."""
    from typer.testing import CliRunner

    from etl.cli import app
    from etl.cli.common import SYNTHETIC_LINE
    runner = CliRunner()
    for args in (["search", "examplar"], ["sql", "SELECT source_url FROM awards ORDER BY 1 LIMIT 1"],
                 ["coverage"], ["claims"], ["loads"]):
        res = runner.invoke(app, ["--db", str(demo[0]), *args])
        assert res.exit_code == 0, (args, res.output)
        assert res.stdout.splitlines()[0] == SYNTHETIC_LINE, args
        assert "https://" not in res.stdout, args
    out = runner.invoke(app, ["--db", str(demo[0]), "search", "examplar"]).stdout.splitlines()
    assert out[2].startswith("award,CONT_AWD_DEMO25C0001_9990_-NONE-_-NONE-,EXAMPLAR AI INC (SYNTHETIC),")
    assert out[2].endswith(",recipient_name," + SYNTHETIC_LINK)
    real = runner.invoke(app, ["--db", str(warehouse), "sql", "SELECT source_url FROM award_records "
                                                             "WHERE award_key_kind = 'usaspending' ORDER BY 1 LIMIT 1"])
    assert real.stdout.splitlines()[0] == "source_url" and real.stdout.splitlines()[1].startswith("https://www.usaspending.gov/")


def test_demo_search_keeps_the_explorers_own_links_and_says_committee_types_in_words(demo, monkeypatch):
    """Only real-site addresses are withheld on the demo: a result still opens its explorer page."""
    monkeypatch.setenv("MONEYTRAIL_DB", str(demo[0]))
    at = AppTest.from_file(str(Path(APP).parent / "app_pages" / "search.py"), default_timeout=60)
    at.query_params["q"] = "examplar"
    at.run()
    assert not at.exception
    frames = [d.value for d in at.dataframe if "page_url" in d.value.columns]
    pages = {(r["key"], r["page_url"], r["detail"]) for f in frames for r in f.to_dict("records")}
    assert ("examplar", "organization?org=examplar", "Examplar AI Inc and its PAC (fictional)") in pages
    assert ("C99900101", "committee?cmte=C99900101", "Q (PAC, qualified)") in pages
