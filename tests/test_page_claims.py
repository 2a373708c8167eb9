"""Claims page (AppTest), the explorer's start page: each claim's verdict, figures, words and rows, from the URL."""

from __future__ import annotations

import pytest

from helpers import HOSTILE, HOSTILE_IDS

PAGE_NAME = "claims"  # the `page` fixture (conftest) opens dashboard/app_pages/claims.py


def _values(at, i: int = 0) -> dict[str, str]:
    t = at.table[i].value
    return dict(zip(t.iloc[:, 0], t.iloc[:, 1]))


def test_one_claim_from_the_url_inaugural_form_13_not_decidable(page):
    page.query_params["claim"] = "quitgpt_b_altman_inaugural"
    at = page.run()
    assert not at.exception
    assert [h.value for h in at.header] == ["quitgpt_b_altman_inaugural", "What is loaded"]
    assert at.warning[0].value == "Verdict: not decidable from loaded records"
    v = _values(at)
    assert v["reported"].startswith("$1,000,000.00 (sam_altman to C00894162")
    assert v["found"].startswith("$0.00: no counted row of sam_altman") and "fec_efile (4 files, 2021-01-12 to 2025-12-31, as of 2025-12-31)" in v["found"]
    assert [c.value for c in at.code][:2] == ["moneytrail fetch filings --committee C00894162",
                                             "moneytrail fetch openfec --form13 --efile 1910509"]
    assert "share: claims?claim=quitgpt_b_altman_inaugural" in at.caption[1].value
    missing = next(m.value for m in at.markdown if "Form 13" in m.value)
    assert "FEC file 1910509 per third-party code" in missing and "unverified" in missing


def test_brockman_supported_with_the_filing_row_behind(page):
    page.query_params["claim"] = "quitgpt_a_brockman_maga_inc"
    at = page.run()
    assert not at.exception
    assert at.success[0].value == "Verdict: supported"
    v = _values(at)
    assert (v["found"], v["difference"], v["rows"]) == ("$25,000,000.00 in 1 counted row", "$0.00", "1")
    caveats = next(m.value for m in at.markdown if "no row of anna_brockman" in m.value)
    assert "how the $25,000,000.00 is split between them is not confirmed" in caveats
    assert "- from filing 1930418, amended by 1930534 on 2026-01-02; the amendment is not loaded" in caveats
    at.toggle[0].set_value(True).run()
    rows = at.dataframe[-2].value
    assert list(rows["giver"]) == ["BROCKMAN, GREG"] and list(rows["amount"]) == ["$25,000,000.00"]
    assert list(rows["source_url"]) == ["https://docquery.fec.gov/cgi-bin/forms/C00892471/1930418/sa/ALL"]


def test_the_inventorys_words_beside_the_claims_with_the_record_behind(page):
    page.query_params["claim"] = "quitgpt_d_ice_gpt4_resume"
    at = page.run()
    assert not at.exception
    assert at.error[0].value == "Verdict: differs"
    assert [s.value for s in at.subheader][:2] == ["The claim's words", "The inventory's own words"]
    words = " ".join(m.value for m in at.markdown)
    assert 'DHS-2556 "AI-Assisted Resume Screening Tool" · agency DHS · bureau ICE · vendor "AIS" · Deployed · High-impact' in words
    assert "OpenAI's GPT-4 is trained on common crawl and publicly available data." in words
    at.toggle[0].set_value(True).run()
    record = at.dataframe[-2].value  # the rows behind, above the loaded-records table
    assert list(record["use_case_key"]) == ["2025:DHS:DHS-2556"]
    assert record["source_url"][0].endswith("2025_individually_reported_AI_use_cases.csv?plain=1#L200")


def test_all_claims_and_what_is_loaded(page):
    at = page.run()
    assert not at.exception
    assert len(at.header) == 7
    loaded = at.dataframe[-1].value
    assert list(loaded["source"]) == ["ai_inventory", "fec_bulk", "fec_efile", "openfec", "usaspending"]


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE_IDS)
def test_a_hostile_claim_in_the_url_is_harmless(page, text):
    page.query_params["claim"] = text
    at = page.run()
    assert not at.exception
    assert at.selectbox[0].value == "all"
