"""Search page (AppTest): one box across every kind, links seeded through the URL, coverage below; on the real files."""

from __future__ import annotations

import pytest

from helpers import AI_USE_CASES, HOSTILE, HOSTILE_IDS

PAGE_NAME = "search"  # the `page` fixture (conftest) opens dashboard/app_pages/search.py


def _tables(at) -> dict[str, object]:
    """Result tables by kind, from the heading above each (e.g. 'Contractors (1)' -> 'Contractors')."""
    found = [h.value.split(" (")[0] for h in at.subheader if not h.value.endswith("(0)")]
    return dict(zip(found, [d.value for d in at.dataframe]))


def test_palantir_across_kinds_with_links_to_each_page(page):
    page.query_params["q"] = "palantir"
    at = page.run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["Organizations (1)", "People (0)", "Committees (1)", "Contractors (1)",
                                               "Agencies (0)", "AI use cases (41)"]
    t = _tables(at)
    assert list(t["Organizations"]["page_url"]) == ["organization?org=palantir"]
    assert list(t["Committees"]["key"]) == ["C00498691"]
    assert list(t["Committees"]["page_url"]) == ["committee?cmte=C00498691"]
    contractor = t["Contractors"].iloc[0]
    assert (contractor["key"], contractor["detail"], contractor["obligated"]) == \
        ("PALANTIR USG INC", "5 awards", "$106,564,906.65")
    assert contractor["page_url"] == "contracts?q=PALANTIR%20USG%20INC"
    assert set(t["AI use cases"]["page_url"]) == {"ai_uses?q=palantir"}
    assert "2024:DOJ:-:palantir-via-access-to-external-state-le-system" in set(t["AI use cases"]["key"])
    labels = [b.label for b in at.get("download_button")]
    assert labels[:4] == ["Download CSV (1 rows)", "Download CSV (1 rows)", "Download CSV (1 rows)", "Download CSV (41 rows)"]


def test_a_person_opens_the_person_page_with_the_counted_total(page):
    page.query_params["q"] = "pichai"
    at = page.run()
    assert not at.exception
    person = _tables(at)["People"]
    assert list(person["key"]) == ["sundar_pichai"]
    assert list(person["counted"]) == ["$2,000.00"]  # his $3,000 refund row does not count
    assert list(person["page_url"]) == ["person?donor=sundar_pichai"]


def test_an_agency_links_to_its_contracts_and_its_ai_uses(page):
    page.query_params["q"] = "homeland"
    at = page.run()
    assert not at.exception
    agency = _tables(at)["Agencies"]
    assert list(agency["key"]) == ["Department of Homeland Security"]
    assert list(agency["contracts_url"]) == ["contracts?agency=Department%20of%20Homeland%20Security"]
    assert list(agency["ai_uses_url"]) == ["ai_uses?agency=Department%20of%20Homeland%20Security"]


def test_dod_agencies_link_to_contracts_only(page):
    page.query_params["q"] = "defense"
    at = page.run()
    assert not at.exception
    agencies = _tables(at)["Agencies"]
    assert len(agencies) == 9  # DoD sub-agencies award contracts; DoD is not in the AI inventory
    assert agencies["ai_uses_url"].isna().all()


def test_coverage_panel_lists_every_source_and_what_it_does_not_cover(page):
    at = page.run()
    assert not at.exception
    assert at.info[0].value.startswith("Type a name")
    coverage = at.dataframe[0].value.set_index("source")
    assert list(coverage.index) == ["ai_inventory", "fec_bulk", "fec_efile", "usaspending"]
    assert list(coverage["files"]) == [4, 9, 2, 6]
    assert list(coverage["rows_loaded"]) == [AI_USE_CASES, 174294, 2674, 2117]
    assert list(coverage["rows_rejected"]) == [0, 3, 0, 0]
    assert coverage.loc["fec_bulk", "data_as_of"] == "2019-03-04"  # latest transaction date in the bulk files
    assert coverage.loc["fec_efile", "data_as_of"] == "2021-09-30"
    assert coverage.loc["ai_inventory", "data_as_of"] == "2025"
    gaps = at.dataframe[1].value
    assert len(gaps) == 16  # 12, and the 4 gaps of the fpds source (schema.sql), listed even before it loads
    assert "Other Transaction agreements" in set(gaps["topic"])


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_text_is_harmless(page, text):
    page.query_params["q"] = text
    at = page.run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["Organizations (0)", "People (0)", "Committees (0)", "Contractors (0)",
                                               "Agencies (0)", "AI use cases (0)"]
    assert len(at.text_input[0].value) <= 200
