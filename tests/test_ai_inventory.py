"""AI Use Case Inventory: OMB's four real files in shared/data/ai_inventory and a synthetic agency spreadsheet.

Pinned figures were measured with Python's csv module on the real files (contracts.md §4.2-4.4 agrees).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import duckdb
import openpyxl
import pytest

from etl import db, warehouse
from etl.net.files import LoadError
from etl.sources.ai_inventory import SOURCE as ai_inventory
from etl.sources.ai_inventory import read as _inventory_read
from etl.sources.ai_inventory import text as tx
from helpers import AI_2023_ROWS, AI_2024_ROWS, AI_2025_ROWS, AI_COTS_ROWS, AI_USE_CASES
from tests.conftest import FIXTURES, one, shared_data

FILES = {
    "ai_2023": "2023_consolidated_ai_inventory_raw.csv",
    "ai_2024": "2024_consolidated_ai_inventory_raw_v2.csv",
    "ai_2025": "2025_individually_reported_AI_use_cases.csv",
    "ai_2025_cots": "2025_consolidated_COTS_AI_use_cases.csv",
}
AGENCY_CSV = FIXTURES / "ai_inventory" / "2025_department-of-examples_ai-use-case-inventory.csv"


def _inv_dir() -> Path:
    return shared_data() / "ai_inventory"


def _csv_rows(name: str, encoding: str) -> list[list[str]]:
    """The file's records read independently with the csv module (header first)."""
    with open(_inv_dir() / name, encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def _kind(path: Path) -> str | None:
    found = ai_inventory.recognise(path)
    return found.kind if found else None


def _fresh() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    warehouse.apply_schema(con)
    return con


@pytest.fixture(scope="module")
def inv() -> tuple[duckdb.DuckDBPyConnection, dict[str, db.LoadResult]]:
    """The four OMB files loaded together into one warehouse."""
    con = _fresh()
    results = {ft: ai_inventory.load(con, _inv_dir() / name) for ft, name in FILES.items()}
    yield con, results
    con.close()


def test_row_counts_per_file(inv):
    con, results = inv
    got = {ft: (r.status, r.rows_read, r.rows_loaded, r.rows_rejected) for ft, r in results.items()}
    assert got == {"ai_2023": ("loaded", AI_2023_ROWS, AI_2023_ROWS, 0), "ai_2024": ("loaded", AI_2024_ROWS, AI_2024_ROWS, 0),
                   "ai_2025": ("loaded", AI_2025_ROWS, AI_2025_ROWS, 0),
                   "ai_2025_cots": ("loaded", AI_COTS_ROWS, AI_COTS_ROWS, 0)}
    assert con.execute("""SELECT dataset, count(*) FROM ai_use_cases GROUP BY 1 ORDER BY 1""").fetchall() == [
        ("ai_inventory:2023", AI_2023_ROWS), ("ai_inventory:2024", AI_2024_ROWS), ("ai_inventory:2025", AI_2025_ROWS),
        ("ai_inventory:2025-cots", AI_COTS_ROWS)]
    assert con.execute("""SELECT count(*) FROM load_log WHERE source = 'ai_inventory'
                          AND rows_read <> rows_loaded + rows_rejected""").fetchall() == [(0,)]
    notes = dict(con.execute("SELECT file_type, note FROM load_log").fetchall())
    assert notes == {"ai_2023": "read as utf-8", "ai_2024": "read as cp1252",
                     "ai_2025": "read as utf-8 with BOM", "ai_2025_cots": "read as utf-8 with BOM"}


def test_dhs_2556_resume_screening_end_to_end(inv):
    con, _ = inv
    rows = con.execute("""SELECT use_case_key, agency, agency_name, bureau, name, stage, stage_raw, impact,
                                 impact_framework, classification, topic, vendor_name, contracting_usage,
                                 operational_date, operational_date_precision, source_row, source_url,
                                 extra->>'contact_email', extra->>'has_pii'
                          FROM ai_use_cases WHERE use_case_id = 'DHS-2556'""").fetchall()
    assert rows == [("2025:DHS:DHS-2556", "DHS", "Department of Homeland Security", "ICE",
                     "AI-Assisted Resume Screening Tool", "deployed", "Deployed", "high-impact", "OMB M-25-21",
                     "Generative AI", "HR", "AIS", "Contracting and In House", dt.date(2026, 1, 1), "day", 200,
                     "https://github.com/ombegov/2025-Federal-Agency-AI-Use-Case-Inventory/blob/"
                     "3c225ba8438e48306ace7698c8c7feb9486cbc69/Data/2025_individually_reported_AI_use_cases.csv?plain=1#L200",
                     "ai@hq.dhs.gov", "Yes")]
    desc = one(con, "SELECT data_description FROM ai_use_cases WHERE use_case_id = 'DHS-2556'")
    assert desc.startswith("OpenAI's GPT-4 is trained on common crawl and publicly available data.")
    assert desc.endswith("Production data will be candidate resumes.")
    # the ICE record is not in the 2024 inventory (contracts.md §5)
    assert one(con, """SELECT count(*) FROM ai_use_cases WHERE inventory_year = 2024 AND bureau = 'ICE'""") == 25
    assert one(con, """SELECT count(*) FROM ai_use_cases WHERE inventory_year = 2024 AND bureau = 'ICE'
                       AND (name ILIKE '%resume%' OR benefits ILIKE '%GPT%')""") == 0


def test_use_case_key_is_unique_across_all_files(inv):
    con, _ = inv
    assert con.execute("SELECT count(*), count(DISTINCT use_case_key) FROM ai_use_cases").fetchall() == [
        (AI_USE_CASES, AI_USE_CASES)]
    got = con.execute("""SELECT use_case_key FROM ai_use_cases
                         WHERE use_case_key IN ('2023:DHS:DHS-0000-2023', '2024:DHS:-:ai-curated-synthetic-data',
                                                '2025:STB:TBD:copilot-for-appian', '2025:STB:TBD:relativityone',
                                                '2025-cots:DHS:-:generating-code-using-ai')
                            OR use_case_key LIKE '2025:DOJ:DOJ-0357:%' ORDER BY 1""").fetchall()
    assert got == [("2023:DHS:DHS-0000-2023",), ("2024:DHS:-:ai-curated-synthetic-data",),
                   ("2025-cots:DHS:-:generating-code-using-ai",),
                   ("2025:DOJ:DOJ-0357:creating-and-maintaining-it-security-packages-for-authorizations#1",),
                   ("2025:DOJ:DOJ-0357:creating-and-maintaining-it-security-packages-for-authorizations#2",),
                   ("2025:STB:TBD:copilot-for-appian",), ("2025:STB:TBD:relativityone",)]
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE dataset = 'ai_inventory:2025' AND use_case_id IS NULL") == 704
    # rows still ambiguous after agency + id + name get an ordinal: 118 in 2024 (no id column), 52 in 2025
    # (ED's 16 "Generative AI Text Generation" rows without an id, ...)
    assert dict(con.execute("""SELECT dataset, count(*) FROM ai_use_cases WHERE use_case_key LIKE '%#%'
                               GROUP BY 1""").fetchall()) == {"ai_inventory:2024": 118, "ai_inventory:2025": 52}
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE use_case_key LIKE '2025:ED:-:generative-ai-text-generation#%'") == 16


def test_2025_stage_counts_map_as_documented(inv):
    con, _ = inv
    got = con.execute("""SELECT stage_raw, stage, count(*) FROM ai_use_cases
                         WHERE dataset = 'ai_inventory:2025' GROUP BY ALL ORDER BY 3 DESC""").fetchall()
    assert got == [("Pre-deployment", "pre-deployment", 1479), ("Deployed", "deployed", 1040),
                   ("Pilot", "pilot", 440), (None, "unknown", 338), ("Retired", "retired", 314)]


def test_2024_and_2023_stages_map_into_the_same_vocabulary(inv):
    con, _ = inv
    got = dict(con.execute("""SELECT stage, count(*) FROM ai_use_cases WHERE inventory_year = 2024 GROUP BY 1""").fetchall())
    # Operation and Maintenance 874 + In production 14 + In mission 4; Initiated 370 + Planned 20 + Ideation 9
    assert got == {"deployed": 892, "pre-deployment": 404, "planned": 399, "pilot": 287, "retired": 142, "unknown": 9}
    assert con.execute("""SELECT DISTINCT stage_raw FROM ai_use_cases WHERE inventory_year = 2024 AND stage = 'unknown'
                          ORDER BY 1 NULLS FIRST""").fetchall() == [(None,), ("Research or  Administrative Action Complete",)]
    got = dict(con.execute("""SELECT stage, count(*) FROM ai_use_cases WHERE inventory_year = 2023 GROUP BY 1""").fetchall())
    assert got == {"deployed": 158, "pilot": 56, "planned": 81, "pre-deployment": 89, "unknown": 326}
    assert len(con.execute("SELECT DISTINCT stage FROM ai_use_cases").fetchall()) == 7  # six words, and NULL for COTS


def test_2024_rights_safety_impact_is_kept_distinct_from_2025_high_impact(inv):
    con, _ = inv
    got = con.execute("""SELECT inventory_year, impact_framework, impact, count(*) FROM ai_use_cases
                         WHERE record_kind = 'individual' GROUP BY ALL ORDER BY 1, 3""").fetchall()
    assert got == [
        (2023, None, None, AI_2023_ROWS),
        (2024, "OMB M-24-10", "both", 195), (2024, "OMB M-24-10", "neither", 1722),
        (2024, "OMB M-24-10", "rights-impacting", 131), (2024, "OMB M-24-10", "safety-impacting", 25),
        (2024, "OMB M-24-10", "unknown", 60),
        (2025, "OMB M-25-21", "high-impact", 445), (2025, "OMB M-25-21", "not high-impact", 2630),
        (2025, "OMB M-25-21", "presumed high-impact, not high-impact", 110), (2025, "OMB M-25-21", "unknown", 426),
    ]
    # "Rights-Impacting\n": the newline is cleaned, the raw text kept
    assert con.execute("""SELECT DISTINCT impact_raw FROM ai_use_cases WHERE impact = 'rights-impacting'""").fetchall() == \
        [("Rights-Impacting",)]
    assert one(con, """SELECT count(*) FROM ai_use_cases WHERE inventory_year = 2024 AND impact = 'unknown'
                       AND impact_raw LIKE 'No, use case is too new%'""") == 20


def test_cp1252_is_decoded_and_headers_are_clean(inv):
    con, _ = inv
    assert one(con, """SELECT agency FROM ai_use_cases
                       WHERE name = 'Use of AI tools within the Agency’s instance of ServiceNow'""") == "EPA"
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE inventory_year = 2024 AND extra::VARCHAR LIKE '%’%'") > 0
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE extra::VARCHAR LIKE '%\ufffd%' OR name LIKE '%\ufffd%'") == 0
    # the 2025 BOM is not part of the first header (contracts.md §8 trap 12): every row has its agency
    for name in (FILES["ai_2025"], FILES["ai_2025_cots"]):
        assert _inventory_read.read(_inv_dir() / name).headers[0] in ("agency", "Agency")
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE inventory_year = 2025 AND agency_name IS NULL") == 0
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE extra::VARCHAR LIKE '%\ufeff%'") == 0
    # the nine "If Other, please explain." columns of 2024 are kept apart
    keys = {k for (e,) in con.execute("SELECT extra FROM ai_use_cases WHERE inventory_year = 2024").fetchall()
            for k in json.loads(e or "{}") if k.startswith("If Other, please explain.")}
    assert keys <= {f"If Other, please explain. (column {n})" for n in (26, 30, 38, 40, 42, 52, 54, 58, 62)}
    assert len(keys) >= 5


def test_multi_line_values_are_intact(inv):
    con, _ = inv
    rows = _csv_rows(FILES["ai_2025"], "utf-8-sig")
    h = rows[0]
    cols = ["use_case_name", "problem_solved", "benefits", "system_outputs", "data_description", "vendor_name"]
    # Two documented clean-ups, nothing else: no-break spaces become spaces (98 values, e.g. NASA's
    # "Improved\xa0Surface"), and Excel's carriage-return escape _x000D_, left in 8 DHS values, is dropped.
    assert sum("_x000D_" in v for r in rows[1:] for v in r) == 8
    want = [tuple(r[h.index(c)].replace("\xa0", " ").replace("_x000D_", "") or None for c in cols) for r in rows[1:]]
    got = con.execute("""SELECT name, problem, benefits, outputs, data_description, vendor_name
                         FROM ai_use_cases WHERE dataset = 'ai_inventory:2025'""").fetchall()
    assert sorted(got, key=repr) == sorted(want, key=repr)
    # 471 values hold a newline (PROVENANCE.md); all of them arrive, in named columns or in extra
    named = one(con, """SELECT count(*) FILTER (WHERE name LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE problem LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE benefits LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE outputs LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE data_description LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE vendor_name LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE bureau LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE contracting_usage LIKE '%' || chr(10) || '%')
                            + count(*) FILTER (WHERE operational_date_raw LIKE '%' || chr(10) || '%')
                        FROM ai_use_cases WHERE dataset = 'ai_inventory:2025'""")
    in_extra = sum("\n" in v for (e,) in con.execute(
        "SELECT extra FROM ai_use_cases WHERE dataset = 'ai_inventory:2025'").fetchall() for v in json.loads(e or "{}").values())
    assert named + in_extra == 471


def test_2024_piids_are_kept_as_published(inv):
    con, _ = inv
    got = con.execute("""SELECT name, agency, bureau, piids, source_row FROM ai_use_cases
                         WHERE inventory_year = 2024 AND name IN ('OCFO Code Assist GPT', 'OCFO Response Augmentation Suite',
                                                                  'Azure OpenAI Chat Prototype')
                         ORDER BY name""").fetchall()
    assert got == [("Azure OpenAI Chat Prototype", "DOC", "BEA - Bureau of Economic Analysis", "1331L524F13210282", 403),
                   ("OCFO Code Assist GPT", "DHS", "FEMA", "70FA3124F00000027", 176),
                   ("OCFO Response Augmentation Suite", "DHS", "FEMA", "70FA3124F00000027", 199)]
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE piids IS NOT NULL") == 628


def test_operational_date_precision(inv):
    con, _ = inv
    got = con.execute("""SELECT use_case_id, operational_date_raw, operational_date, operational_date_precision
                         FROM ai_use_cases WHERE use_case_id IN ('FDIC-60', 'DOJ-0001', 'FTC-0008', 'NTSB-0001', 'DOT-1000042')
                         ORDER BY 1""").fetchall()
    assert got == [("DOJ-0001", "01/2024", dt.date(2024, 1, 1), "month"),
                   ("DOT-1000042", "09/24/2024 12:00:00 AM", dt.date(2024, 9, 24), "day"),
                   ("FDIC-60", "Jan-03", dt.date(2003, 1, 1), "month"),
                   ("FTC-0008", "2020", dt.date(2020, 1, 1), "year"),
                   ("NTSB-0001", "9/11/2024 0:00", dt.date(2024, 9, 11), "day")]
    got = con.execute("""SELECT inventory_year, operational_date_precision, count(*) FROM ai_use_cases
                         WHERE operational_date_raw IS NOT NULL GROUP BY ALL ORDER BY ALL NULLS FIRST""").fetchall()
    # 2025: 374 ISO + 153 + 46 + 108 + 97 + 50 + 20 + 16 + 11 + 7 day; 258 Mon-YY + 226 MM/YYYY month; 36 years
    assert got == [(2024, None, 54), (2024, "day", 619), (2024, "month", 17), (2024, "year", 31),
                   (2025, "day", 882), (2025, "month", 484), (2025, "year", 36)]
    # a year typed into an Excel date cell: 2024 shows as 7/16/1905; SEC's 24-Jun is June 2024
    assert con.execute("""SELECT DISTINCT operational_date, operational_date_precision FROM ai_use_cases
                          WHERE operational_date_raw = '7/16/1905'""").fetchall() == [(dt.date(2024, 1, 1), "year")]
    assert one(con, "SELECT operational_date FROM ai_use_cases WHERE name = 'Human Resources Search' AND agency = 'SEC'") == \
        dt.date(2022, 11, 1)
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE operational_date_raw = 'N/A' AND operational_date IS NULL") == 38


def test_parse_date_spellings():
    assert tx.parse_date("2025-09-08 00:00:00") == (dt.date(2025, 9, 8), "day")
    assert tx.parse_date("10/1/2024 0:00") == (dt.date(2024, 10, 1), "day")
    assert tx.parse_date("Apr-25") == (dt.date(2025, 4, 1), "month")
    assert tx.parse_date("11/2023") == (dt.date(2023, 11, 1), "month")
    assert tx.parse_date("2019") == (dt.date(2019, 1, 1), "year")
    assert tx.parse_date("7/11/1905") == (dt.date(2019, 1, 1), "year")
    assert tx.parse_date(dt.datetime(2024, 11, 5)) == (dt.date(2024, 11, 5), "day")
    assert tx.parse_date(2021) == (dt.date(2021, 1, 1), "year")
    for bad in ("2/30/2024", "13/2024", "Pre-2021", "N/A", "", None, "Ongoing"):
        assert tx.parse_date(bad) == (None, None), bad


def test_cots_rows(inv):
    con, _ = inv
    drafts = "Generating first drafts of documents, briefing, or communication materials using AI."
    got = con.execute("""SELECT agency, agency_name, name, vendor_name, cots_in_use, cots_users, stage, impact
                         FROM ai_use_cases WHERE record_kind = 'cots' AND agency = 'DOE' AND name = $name""",
                      {"name": drafts}).fetchall()
    assert len(got) == 1 and got[0][:3] == ("DOE", "Department of Energy", drafts)
    assert got[0][4] is True and got[0][6:] == (None, None)
    # the task label with a leading space is cleaned: 20 task types, 45 agencies
    assert con.execute("""SELECT count(DISTINCT name), count(DISTINCT agency_name) FROM ai_use_cases
                          WHERE record_kind = 'cots'""").fetchall() == [(20, 45)]
    assert dict(con.execute("""SELECT cots_in_use, count(*) FROM ai_use_cases WHERE record_kind = 'cots'
                               GROUP BY 1""").fetchall()) == {True: 468, False: 416, None: 16}
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE record_kind = 'cots' AND agency IS NULL") == 180


def test_agency_abbreviations_agree_with_the_files(inv):
    con, _ = inv
    # where a file gives both name and abbreviation the name table agrees, except 2023's DOS for State
    assert con.execute("""SELECT inventory_year, agency, extra->>'Department_Code', count(*) FROM ai_use_cases
                          WHERE extra->>'Department_Code' IS NOT NULL OR extra->>'Agency Abbreviation' IS NOT NULL
                             OR extra->>'agency' IS NOT NULL GROUP BY ALL""").fetchall() == [(2023, "STATE", "DOS", 31)]


def test_recognise():
    d = _inv_dir()
    assert {ft: _kind(d / name) for ft, name in FILES.items()} == {ft: ft for ft in FILES}
    for name in ("2025_data_dictionary.json", "2024_data_dictionary.yaml", "PROVENANCE.md"):
        assert _kind(d / name) is None
    data = shared_data()
    assert _kind(data / "contracts" / "spending_by_award_ai_keyword_contracts.csv") is None
    others = [p for p in (data / "fec").rglob("*") if p.is_file()] + [p for p in (data / "contracts").rglob("*") if p.is_file()]
    assert len(others) > 10 and [p for p in others if _kind(p)] == []
    assert _kind(AGENCY_CSV) == "ai_agency"


def test_recognise_needs_the_name_and_the_header(tmp_path):
    renamed = tmp_path / "export.csv"
    renamed.write_bytes((_inv_dir() / FILES["ai_2023"]).read_bytes()[:5000])
    assert _kind(renamed) is None
    named = tmp_path / "2025_ai_use_case_inventory_notes.csv"
    named.write_text("Title,Summary\nnot,an inventory\n", encoding="utf-8")
    assert _kind(named) is None
    broken = tmp_path / "agency_ai_use_case_inventory.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    assert _kind(broken) == "ai_unreadable"  # named like one but unreadable: loaded to fail with its reason (issue 15)
    with pytest.raises(LoadError, match="not a readable .xlsx workbook"):
        ai_inventory.load(_fresh(), broken)


def test_loading_the_same_file_twice_changes_nothing():
    con = _fresh()
    path = _inv_dir() / FILES["ai_2025_cots"]
    first = ai_inventory.load(con, path)
    before = con.execute("SELECT use_case_key, load_id FROM ai_use_cases ORDER BY 1").fetchall()
    second = ai_inventory.load(con, path)
    assert (first.status, second.status, second.rows_read, second.rows_loaded) == ("loaded", "unchanged", 0, 0)
    assert con.execute("SELECT use_case_key, load_id FROM ai_use_cases ORDER BY 1").fetchall() == before
    assert con.execute("SELECT status FROM load_log ORDER BY load_id").fetchall() == [("loaded",), ("unchanged",)]


def _synthetic_2025(path: Path, rows: list[bytes]) -> Path:
    """A fictional file in the 2025 format: the real header, then the given lines."""
    header = (_inv_dir() / FILES["ai_2025"]).read_bytes().split(b"\n", 1)[0]
    path.write_bytes(b"\n".join([header, *rows]) + b"\n")
    return path


def _row(*fields: bytes, width: int = 36) -> bytes:
    return b",".join(list(fields) + [b""] * (width - len(fields)))


def test_a_newer_file_replaces_its_dataset_and_bad_rows_are_rejected(tmp_path):
    con = _fresh()
    ai_inventory.load(con, _inv_dir() / FILES["ai_2023"])
    ai_inventory.load(con, _inv_dir() / FILES["ai_2025"])
    dox = (b"DOX", b"Department of Examples")
    path = _synthetic_2025(tmp_path / "2025_individually_reported_AI_use_cases.csv", [
        _row(*dox, b"DOX-0000", "Café (valid UTF-8)".encode(), b"", b"", b"", b"Pilot"),
        _row(*dox, b"DOX-0001", b'"Example\nChatbot"', b"Office of Samples", b"", b"", b"Deployed", b"High-impact"),
        _row(*dox, b"DOX-0002", b"Too short", width=5),
        _row(*dox, b"DOX-0003", b"Caf\xe9 menu reader", b"", b"", b"", b"Pilot"),  # \xe9 alone is not UTF-8
    ])
    result = ai_inventory.load(con, path)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 2, 2)
    assert con.execute("""SELECT use_case_key, name, stage, impact, source_row FROM ai_use_cases
                          WHERE dataset = 'ai_inventory:2025' ORDER BY 1""").fetchall() == [
        ("2025:DOX:DOX-0000", "Café (valid UTF-8)", "pilot", "unknown", 2),
        ("2025:DOX:DOX-0001", "Example\nChatbot", "deployed", "high-impact", 3)]
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE dataset = 'ai_inventory:2023'") == AI_2023_ROWS
    errors = con.execute("SELECT line_no, reason, raw_line FROM load_errors ORDER BY 1").fetchall()
    assert [(n, r) for n, r, _ in errors] == [(5, "wrong field count (5 fields, the header has 36)"),
                                             (6, "undecodable bytes (not utf-8 with BOM)")]
    assert errors[0][2] == "DOX,Department of Examples,DOX-0002,Too short,"
    assert errors[1][2].startswith("DOX,Department of Examples,DOX-0003,Caf\ufffd menu reader")
    assert ai_inventory.load(con, _inv_dir() / FILES["ai_2025"]).rows_loaded == AI_2025_ROWS
    assert one(con, "SELECT count(*) FROM ai_use_cases WHERE dataset = 'ai_inventory:2025'") == AI_2025_ROWS


def _agency_xlsx(path: Path) -> Path:
    """The synthetic agency CSV as an agency would post it in Excel: a notes sheet first, a real date cell."""
    wb = openpyxl.Workbook()
    wb.active.title = "Instructions"
    wb.active["A1"] = "Department of Examples (SYNTHETIC): read me first"
    ws = wb.create_sheet("Inventory")
    with open(AGENCY_CSV, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            ws.append(row)
    ws["J5"] = dt.datetime(2024, 11, 5)
    wb.save(path)
    return path


def test_synthetic_agency_spreadsheet_is_standardised(tmp_path):
    con = _fresh()
    want = [("2025-agency:DOX:-:example-retired-forecaster", None, "Example Retired Forecaster", "retired", "unknown",
             None, None, None, "year"),
            ("2025-agency:DOX:DOX-0001", "DOX-0001", "Example Benefits Chatbot", "deployed", "high-impact",
             "Generative AI", "Vendor Purchased", "Acme Example Analytics LLC", "month"),
            ("2025-agency:DOX:DOX-0002", "DOX-0002", "Example Document Sorter", "pilot", "not high-impact",
             "Classical ML", "Contracting and In House", "Globex Example Systems (fictional)", "day"),
            ("2025-agency:DOX:DOX-0003", "DOX-0003", "Example Grant Screener", "pre-deployment",
             "presumed high-impact, not high-impact", None, "In-house Development", None, None)]
    sql = """SELECT use_case_key, use_case_id, name, stage, impact, classification, contracting_usage, vendor_name,
                    operational_date_precision FROM ai_use_cases ORDER BY 1"""
    result = ai_inventory.load(con, AGENCY_CSV)
    assert (result.file_type, result.dataset, result.rows_read, result.rows_loaded) == \
        ("ai_agency", "ai_inventory:agency:2025:DOX", 4, 4)
    assert con.execute(sql).fetchall() == want
    assert con.execute("""SELECT source_row, bureau, problem, is_withheld, publisher, agency, agency_name,
                                 extra->>'Internal tracking note', extra->>'AI Classification', stage_raw
                          FROM ai_use_cases WHERE use_case_id = 'DOX-0001'""").fetchall() == [
        (6, "Office of Illustrations", "Answers questions about example benefits.\nAvailable in two fictional languages.",
         False, "agency", "DOX", None, "fixture row 1",
         "Generative AI: AI that generates new or synthetic content (e.g., images, videos, audio, text, code).",
         "c)  Deployed – The use case is being actively authorized or utilized to support the functions or mission "
         "of an agency.")]
    assert one(con, "SELECT note FROM load_log") == "read as utf-8; header on line 3; 1 blank rows skipped"

    xlsx = _agency_xlsx(tmp_path / "2025_department-of-examples_ai-use-case-inventory.xlsx")
    assert _kind(xlsx) == "ai_agency"
    result = ai_inventory.load(con, xlsx)  # same agency and year: replaces the CSV's rows
    assert (result.dataset, result.rows_loaded) == ("ai_inventory:agency:2025:DOX", 4)
    assert con.execute(sql).fetchall() == want
    assert con.execute("SELECT source_row FROM ai_use_cases ORDER BY source_row").fetchall() == [(4,), (5,), (6,), (7,)]
    assert one(con, "SELECT operational_date FROM ai_use_cases WHERE use_case_id = 'DOX-0002'") == dt.date(2024, 11, 5)
    assert one(con, "SELECT note FROM load_log WHERE load_id = 2") == \
        "worksheet 'Inventory', header on row 3; 1 blank rows skipped"


def _dictionary() -> dict:
    return json.loads((_inv_dir() / "2025_data_dictionary.json").read_text(encoding="utf-8"))


def _variant(text: str) -> str:
    return text[1:-1] if len(text) > 1 and text[0] == text[-1] and text[0] in "'\"" else text


def test_agency_form_headers_map_to_the_dictionary_short_names():
    d = _dictionary()
    assert len(d) == 34
    assert {short: tx.header_short(e["excel_header"]) for short, e in d.items()} == {short: short for short in d}


def test_recoding_map_variants_standardise_like_their_standard_answer():
    d = _dictionary()
    rules = {"development_stage": tx.stage, "is_high_impact": lambda v: tx.impact(v, tx.M_25_21),
             "classification": tx.classification, "contracting_usage": tx.contracting, "is_withheld": tx.withheld}
    # OMB files the 2024 stage "Initiated" under Pilot; we read it as planned (see tx.STAGES)
    departures = {("development_stage", "Initiated"): "planned"}
    checked = 0
    for column, fn in rules.items():
        for standard, variants in d[column]["recoding_map"].items():
            want = fn(standard)
            assert want not in (None, "unknown") or column == "is_withheld", (column, standard)
            for v in map(_variant, variants):
                assert fn(v) == departures.get((column, v), want), (column, v)
                checked += 1
    assert checked == 69


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (bytes(random.Random(7).randrange(256) for _ in range(3000)), "no AI use case inventory header"),
    (b"just,some,numbers\n1,2,3\n", "no AI use case inventory header in the first 30 rows"),
])
def test_broken_csv_gives_a_clear_load_error(tmp_path, content, message):
    path = tmp_path / "2025_ai_use_case_inventory.csv"
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        ai_inventory.load(_fresh(), path)


def test_broken_workbooks_give_a_clear_load_error(tmp_path):
    con = _fresh()
    bad = tmp_path / "agency_ai_use_case_inventory.xlsx"
    bad.write_bytes(b"PK\x03\x04" + bytes(random.Random(3).randrange(256) for _ in range(2000)))
    with pytest.raises(LoadError, match="not a readable .xlsx workbook"):
        ai_inventory.load(con, bad)
    wb = openpyxl.Workbook()
    wb.active.append(["Some other table", "Amount"])
    wb.save(no_header := tmp_path / "other_ai_use_case_inventory.xlsx")
    with pytest.raises(LoadError, match="no worksheet has an AI use case inventory header"):
        ai_inventory.load(con, no_header)
    old = tmp_path / "agency_ai_inventory.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(LoadError, match="old .xls workbooks are not read"):
        ai_inventory.load(con, old)
    assert con.execute("SELECT count(*) FROM load_log").fetchall() == [(0,)]
