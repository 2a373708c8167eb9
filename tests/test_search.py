"""Full-text search (SQL inverted index, BM25) over award descriptions, recipients and AI use cases, on the real files."""

from __future__ import annotations

import duckdb
import pytest

from conftest import one
from etl.search import search
from helpers import AI_USE_CASES


def _keys(con: duckdb.DuckDBPyConnection, text: str, kind: str | None = None) -> list[str]:
    return [r["doc_key"] for r in search(con, text, kind, limit=100000)]


def test_every_award_is_indexed(ro):
    assert one(ro, "SELECT count(*) FROM search_docs WHERE kind = 'award'") == one(ro, "SELECT count(*) FROM awards")
    # 2,113 USAspending awards and the 4 announced awards of etl/registry/announced_awards.csv
    assert one(ro, "SELECT count(*) FROM awards WHERE source = 'usaspending'") == 2113
    assert one(ro, "SELECT count(*) FROM awards WHERE source = 'announced'") == 4


def test_recipient_names_are_searchable(ro):
    hits = search(ro, "Carahsoft", "award")
    assert len(hits) == 7
    assert {h["title"] for h in hits} == {"CARAHSOFT TECHNOLOGY CORP"}
    assert all(h["matched_fields"] == ["recipient_name"] for h in hits)
    assert all(h["source_url"].startswith("https://www.usaspending.gov/") for h in hits)


def test_every_word_must_occur_and_matches_equal_a_plain_scan(ro):
    # The index must agree with a direct scan of the descriptions for whole words.
    expected = ro.execute(r"""SELECT count(*) FROM awards
                              WHERE regexp_matches(lower(description), '\blarge\b')
                                AND regexp_matches(lower(description), '\blanguage\b')
                                AND regexp_matches(lower(description), '\bmodels?\b')""").fetchall()[0][0]
    singular, plural = _keys(ro, "large language model", "award"), _keys(ro, "large language models", "award")
    assert (len(singular), len(plural)) == (17, 24)
    assert len(set(singular + plural)) == expected == 39


def test_hyphenated_model_names_match_as_one_word(ro):
    assert search(ro, "GPT-4", "award") == []  # no award description names GPT-4
    scan = one(ro, r"SELECT count(*) FROM awards WHERE regexp_matches(lower(description), '\bend-to-end\b')")
    assert len(_keys(ro, "end-to-end", "award")) == scan == 3
    # Written apart, the words are looked up one by one (every one must occur somewhere).
    assert len(_keys(ro, "END TO END", "award")) == 10


@pytest.mark.parametrize("text", ["'; DROP TABLE contributions; --", "x" * 10000, "", "   ", "%_*?", "🙂"])
def test_hostile_or_empty_text_is_harmless(ro, text):
    assert search(ro, text) == []


# What the index searches in an AI use case, as one text for a plain regular-expression scan.
_AI_TEXT = ("lower(strip_accents(concat_ws(' | ', name, agency_name, bureau, topic, vendor_name, problem, benefits, "
            "outputs, data_description, extra::VARCHAR)))")


def test_every_use_case_is_indexed(ro):
    assert one(ro, "SELECT count(*) FROM search_docs WHERE kind = 'ai_use_case'") == \
        one(ro, "SELECT count(*) FROM ai_use_cases") == AI_USE_CASES


def test_gpt4_finds_the_ice_record_named_only_in_its_data_description(ro):
    hits = {h["doc_key"]: h for h in search(ro, "GPT-4", "ai_use_case")}
    assert len(hits) == 9
    ice = hits["2025:DHS:DHS-2556"]
    assert ice["matched_fields"] == ["data_description"]
    assert ice["title"] == "AI-Assisted Resume Screening Tool"
    assert ice["source_url"].endswith("2025_individually_reported_AI_use_cases.csv?plain=1#L200")
    assert one(ro, "SELECT vendor_name FROM ai_use_cases WHERE use_case_key = '2025:DHS:DHS-2556'") == "AIS"


@pytest.mark.parametrize("text, pattern, expected", [
    ("OpenAI", r"\bopen[^a-z0-9]*ai\b", 144),     # also "Open AI", "Azure OpenAI", "OpenAI's"
    ("ChatGPT", r"\bchat[^a-z0-9]*gpt\b", 106),   # also "ChatGPT-4o", "Chat GPT"
])
def test_model_and_company_names_match_a_plain_scan(ro, text, pattern, expected):
    scan = one(ro, f"SELECT count(*) FROM ai_use_cases WHERE regexp_matches({_AI_TEXT}, $p)", {"p": pattern})
    assert len(search(ro, text, "ai_use_case", limit=100000)) == scan == expected


def test_openai_finds_the_dhs_records_of_the_reference_wherever_the_name_is(ro):
    # contracts.md §5: the DHS 2025 rows naming OpenAI, in vendor_name, system_outputs or data_description.
    hits = {h["doc_key"]: h["matched_fields"] for h in search(ro, "OpenAI", "ai_use_case", limit=100000)
            if h["doc_key"].startswith("2025:DHS:")}
    assert hits == {"2025:DHS:DHS-2296": ["vendor_name"], "2025:DHS:DHS-2441": ["outputs", "vendor_name"],
                    "2025:DHS:DHS-2710": ["outputs", "vendor_name"], "2025:DHS:DHS-2709": ["outputs"],
                    "2025:DHS:DHS-2717": ["outputs"], "2025:DHS:DHS-2439": ["outputs"],
                    "2025:DHS:DHS-2454": ["data_description"], "2025:DHS:DHS-2704": ["vendor_name"],
                    "2025:DHS:DHS-2556": ["data_description"]}


def test_dhs_cots_rows_do_not_name_chatgpt_but_doe_ones_do(ro):
    keys = [h["doc_key"] for h in search(ro, "ChatGPT", "ai_use_case", limit=100000)]
    assert not [k for k in keys if k.startswith("2025-cots:DHS:")]
    assert len([k for k in keys if k.startswith("2025-cots:DOE:")]) == 3
