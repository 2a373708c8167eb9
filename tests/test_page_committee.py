"""Committee page (AppTest): profile by ID, counted receipts, organizations' money; IDs checked before any query."""

from __future__ import annotations

import pytest

from conftest import metrics
from etl import queries
from helpers import HOSTILE

PAGE_NAME = "committee"  # the `page` fixture (conftest) opens dashboard/app_pages/committee.py


@pytest.fixture()
def ran(monkeypatch) -> list[str]:
    """Names of the named queries the page runs."""
    names: list[str] = []
    run = queries.Query.run

    def record(self, con, **params):
        names.append(self.name)
        return run(self, con, **params)

    monkeypatch.setattr(queries.Query, "run", record)
    return names


def test_the_dnc_with_three_organizations_employees(page):
    page.query_params["cmte"] = "C00010603"
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "DNC SERVICES CORP / DEMOCRATIC NATIONAL COMMITTEE (C00010603)"
    assert "party DEM" in at.markdown[0].value and "https://www.fec.gov/data/committee/C00010603/" in at.markdown[0].value
    assert metrics(at) == {"Itemized receipts counted in totals": "$1.77 million", "Counted rows": "2,024",
                            "Refunds paid back (apart)": "$24,126.00", "Net (counted minus refunds)": "$1.74 million",
                            "From registry organizations (all channels)": "$4,050.00"}
    # the windows of the files holding the DNC's rows (not every loaded file: the 7-row 2018 sample has none of them)
    assert any("FEC bulk file indiv2020 (cycle 2020; dates of the rows in the file 2017-11-21 to 2019-03-04; "
               "2,143 of its rows)" in c.value and "itcont_insight" not in c.value for c in at.caption)
    # the registry organizations' figure has its own window note, not the first figure's alone
    assert sum(c.value.startswith("Rests on: ") and "indiv2020" in c.value for c in at.caption) == 2
    orgs = next(d.value for d in at.dataframe if "org_id" in d.value.columns)
    assert orgs[["org_id", "channel", "amount", "rows"]].values.tolist() == [
        ["google", "employees", "$3,300.00", 4], ["microsoft", "employees", "$500.00", 2], ["amazon", "employees", "$250.00", 1]]
    assert list(orgs["organization_url"]) == ["organization?org=google", "organization?org=microsoft", "organization?org=amazon"]
    assert any("(contributions?cmte=C00010603)" in c.value for c in at.caption)


def test_a_lower_case_id_finds_googles_pac(page):
    page.query_params["cmte"] = " c00428623 "
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "GOOGLE LLC NETPAC (C00428623)"
    # 88 rows ($43,213) from indiv20.zip and 291 ($80,229) from the OpenFEC rows of 2023-2025
    assert metrics(at)["Itemized receipts counted in totals"] == "$123,442.00"
    orgs = next(d.value for d in at.dataframe if "org_id" in d.value.columns)
    assert orgs[["channel", "cycle", "amount", "rows"]].values.tolist() == [
        ["to_own_pac", 2024, "$59,807.00", 227], ["to_own_pac", 2020, "$43,213.00", 88],
        ["to_own_pac", 2026, "$20,422.00", 64]]


def test_the_old_maga_super_pac_is_told_apart_by_id_and_its_empty_filings_say_how_to_fetch_them(page):
    page.query_params["cmte"] = "C00825851"
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "MAKE AMERICA GREAT AGAIN INC. (C00825851)"
    assert "super PAC" in at.markdown[0].value
    assert metrics(at)["Itemized receipts counted in totals"] == "$0.00"
    assert any("No money attributed to a registry organization" in i.value for i in at.info)
    assert any("moneytrail fetch openfec --committee C00825851" in i.value for i in at.info)  # what would answer it
    # no file holds its rows, so the note names every window that was searched
    assert any("Searched: FEC bulk files (indiv2020, indiv:itcont_insight_7rows.txt; cycle 2018, 2020), gifts dated "
               "2017-01-03 to 2019-03-04, 70,678 rows; FEC e-filings" in i.value for i in at.info)
    # $0 is never "none": what filings are loaded, and the command that fetches this committee's own
    assert (
        "No filing of C00825851 is loaded. The warehouse holds 4 e-filing(s) of 3 committee(s) covering 2021-01-01 "
        "to 2025-12-31. Fetch this committee's filings (no API key needed) with: "
        "moneytrail fetch filings --committee C00825851") in [i.value for i in at.info]


def test_maga_inc_filings_amendment_status_and_reconciliation(page):
    page.query_params["cmte"] = "C00892471"
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "MAGA INC. (C00892471)" and "hybrid PAC" in at.markdown[0].value
    assert metrics(at)["Itemized receipts counted in totals"] == "$112.17 million"  # compact, never cut off
    assert [c.value for c in at.caption if c.value.startswith("exactly")] == ["exactly \\$112,173,363.76"] * 2
    assert metrics(at)["Counted rows"] == "87"
    # the window beside the figure is MAGA Inc.'s own: the coverage periods of its two 2025 reports, not every loaded file
    note = next(c.value for c in at.caption if c.value.startswith("Rests on"))
    assert note == ("Rests on: FEC e-filing efile:1930418 (cycle 2026; coverage period of the report 2025-07-01 to "
                    "2025-12-22; 137 of its rows); FEC e-filing efile:1943509 (cycle 2026; coverage period of the report "
                    "2025-12-23 to 2025-12-31; 4 of its rows). Gifts outside these windows are not in the figure.")
    frames = {tuple(d.value.columns[:2]): d.value for d in at.dataframe}
    orgs = next(d.value for d in at.dataframe if "org_id" in d.value.columns)
    assert orgs[["org_id", "channel", "amount"]].values.tolist() == [["openai", "executives_and_households",
                                                                      "$25,000,000.00"]]
    filed = frames[("file_num", "form")]
    assert len(filed) == 11
    row = filed.set_index("file_num").loc[1930418]
    assert (row["status"], row["amended_by"], row["rows_loaded"]) == ("superseded", 1930534, 325)
    assert at.warning[0].value == "from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded"
    recon = frames[("file_num", "schedule")]
    assert recon[["file_num", "schedule", "itemized", "cover_amount", "not_itemized"]].values.tolist()[2] == [
        1930418, "SA17", "$102,172,330.65", "$102,172,431.65", "$101.00"]


def test_a_well_formed_id_not_in_the_files(page, ran):
    page.query_params["cmte"] = "C99999999"
    at = page.run()
    assert not at.exception
    assert at.info[0].value == "C99999999 is not in the loaded committee master files."
    assert ran == ["committee"]


@pytest.mark.parametrize("text", ["MAGA Inc.", "C0042862", "C004286231", *HOSTILE],
                         ids=["name", "short", "long", "sql", "10000-chars"])
def test_anything_but_a_committee_id_is_refused_before_querying(page, ran, text):
    page.query_params["cmte"] = text
    at = page.run()
    assert not at.exception
    assert "Not a committee ID" in at.warning[0].value
    assert ran == [] and not at.metric and not at.dataframe
