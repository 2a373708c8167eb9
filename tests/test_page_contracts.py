"""Contracts page (AppTest): obligated over contracts only, ceilings and IDVs apart, source links; on the real files."""

from __future__ import annotations

import pytest

from conftest import metrics
from helpers import CONTRACT_AWARDS, HOSTILE, HOSTILE_IDS

PAGE_NAME = "contracts"  # the `page` fixture (conftest) opens dashboard/app_pages/contracts.py
OBLIGATED, IDVS, CEILING, AWARDS = ("Obligated on contracts", "Obligated on IDVs (apart, never added)",
                                    "Ceiling of contracts that state one (never added)", "Awards")


def test_every_award_with_obligations_ceilings_and_idvs_apart(page):
    at = page.run()
    assert not at.exception
    # 2,110 contracts and 3 IDVs; one contract states a ceiling; none of the three figures is added to another
    assert metrics(at) == {OBLIGATED: "$10.15 billion", IDVS: "$8.13 billion", CEILING: "$172.27 million", AWARDS: "2,113"}
    exact = [c.value for c in at.caption if c.value.startswith("exactly")]  # and to the cent, below each
    assert exact == ["exactly \\$10,147,267,610.48", "exactly \\$8,132,565,249.74", "exactly \\$172,272,419.67"]
    awards = next(d.value for d in at.dataframe if "award_key" in d.value.columns)
    assert len(awards) == 2113
    # award pages where the file gives USAspending's award key; the 2,107 keyword-search rows link to that search
    assert awards["source_url"].str.startswith("https://www.usaspending.gov/award/").sum() == 6
    assert awards["source_url"].str.startswith("https://www.usaspending.gov/keyword_search/").sum() == CONTRACT_AWARDS
    assert awards.iloc[0]["obligated"] == "$4,345,585,999.01"  # the James Webb Space Telescope contract
    # the 4 announced OT agreements (etl/registry/announced_awards.csv) are listed apart, in no figure above
    assert [b.label for b in at.get("download_button")] == ["Download CSV (2,113 rows)", "Download CSV (4 rows)"]
    other = next(d.value for d in at.dataframe if "award_id" in d.value.columns)  # the OT / announced table
    assert set(other["source"]) == {"announced"} and list(other["ceiling"]) == ["$200,000,000.00"] * 4
    assert any("**Other Transaction agreements**" in m.value for m in at.markdown)


def test_a_recipient_from_the_url(page):
    page.query_params["q"] = "palantir"
    at = page.run()
    assert not at.exception
    assert metrics(at) == {OBLIGATED: "$106.56 million", IDVS: "$0.00", CEILING: "—", AWARDS: "5"}
    assert set(next(d.value for d in at.dataframe if "award_key" in d.value.columns)["recipient_name"]) == {"PALANTIR USG INC"}


def test_agency_and_category_from_the_url(page):
    page.query_params.update({"agency": "Department of Homeland Security", "category": "contract"})
    at = page.run()
    assert not at.exception
    assert at.selectbox[0].value == "Department of Homeland Security"
    assert metrics(at) == {OBLIGATED: "$55.36 million", IDVS: "$0.00", CEILING: "—", AWARDS: "60"}


def test_idvs_alone(page):
    page.query_params["category"] = "idv"
    at = page.run()
    assert not at.exception
    assert metrics(at) == {OBLIGATED: "$0.00", IDVS: "$8.13 billion", CEILING: "—", AWARDS: "3"}


def test_a_category_outside_the_allowlist_is_ignored(page):
    page.query_params["category"] = "grant' OR 1=1 --"
    at = page.run()
    assert not at.exception
    assert at.selectbox[1].value == ""
    assert metrics(at)[AWARDS] == "2,113"


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_text_is_harmless(page, text):
    page.query_params.update({"q": text, "agency": text})
    at = page.run()
    assert not at.exception
    assert metrics(at) == {OBLIGATED: "$0.00", IDVS: "$0.00", CEILING: "—", AWARDS: "0"}


def test_an_announced_ot_agreement_found_by_its_piid_in_either_form(page):
    page.query_params["q"] = "HQ08832590012"
    at = page.run()
    assert not at.exception
    assert metrics(at)[AWARDS] == "0"  # not a USAspending award
    other = next(d.value for d in at.dataframe if "award_id" in d.value.columns)  # the OT / announced table
    assert list(other["award_id"]) == ["HQ0883-25-9-0012"]
    assert list(other["what"]) == ["announced OT agreement (announced, not a transaction record)"]
    assert any("[source](https://techstrong.ai/" in m.value for m in at.markdown)
