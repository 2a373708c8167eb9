"""AI uses page (AppTest): inventory records by year, agency, stage and words, each linked to its line; on the real files."""

from __future__ import annotations

import pytest

from helpers import AI_USE_CASES, HOSTILE, HOSTILE_IDS

PAGE_NAME = "ai_uses"  # the `page` fixture (conftest) opens dashboard/app_pages/ai_uses.py


def _count(at) -> str:
    return {m.label: m.value for m in at.metric}["Inventory records"]


def test_every_record_with_the_notes_on_what_is_left_out(page):
    at = page.run()
    assert not at.exception
    assert _count(at) == f"{AI_USE_CASES:,}"  # 710 (2023) + 2,133 (2024) + 3,611 (2025) + 900 COTS rows
    assert at.dataframe[0].value["source_url"].str.startswith("https://github.com/ombegov/").all()
    notes = " ".join(m.value for m in at.markdown)
    for text in ("M-24-10", "M-25-21", "Department of Defense", "National Security System", "Intelligence Community"):
        assert text in notes


def test_gpt4_is_found_in_a_data_description(page):
    page.query_params["q"] = "GPT-4"
    at = page.run()
    assert not at.exception
    assert _count(at) == "9"
    uses = at.dataframe[0].value.set_index("use_case_key")
    assert uses.loc["2025:DHS:DHS-2556", "vendor_name"] == "AIS"  # ICE's résumé screener names GPT-4 only in its data
    assert uses.loc["2025:DHS:DHS-2556", "impact_framework"] == "OMB M-25-21"


@pytest.mark.parametrize("params, count", [({"year": "2025"}, "4,511"), ({"stage": "deployed"}, "2,090"),
                                           ({"agency": "Department of Homeland Security"}, "482"),
                                           ({"year": "2024", "agency": "DHS", "stage": "deployed"}, "61")])
def test_filters_from_the_url(page, params, count):
    page.query_params.update(params)
    at = page.run()
    assert not at.exception
    assert _count(at) == count
    assert {k: v for k, v in at.query_params.items()} == params


def test_values_outside_the_allowlists_are_ignored(page):
    page.query_params.update({"year": "1999", "stage": "deployed' OR 1=1 --"})
    at = page.run()
    assert not at.exception
    assert _count(at) == f"{AI_USE_CASES:,}"


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_text_is_harmless(page, text):
    page.query_params["q"] = text
    at = page.run()
    assert not at.exception
    assert _count(at) == "0"
