"""Full-text search (SQL inverted index, BM25) over award descriptions, recipients and AI use cases, on the real files."""

from __future__ import annotations

import duckdb
import pytest

from conftest import one
from etl.search import search


def _keys(con: duckdb.DuckDBPyConnection, text: str, kind: str | None = None) -> list[str]:
    return [r["doc_key"] for r in search(con, text, kind, limit=100000)]


def test_every_award_is_indexed(ro):
    assert one(ro, "SELECT count(*) FROM search_docs WHERE kind = 'award'") == one(ro, "SELECT count(*) FROM awards")
    assert one(ro, "SELECT count(*) FROM awards") == 2113


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
    assert one(ro, "SELECT count(*) FROM contributions") == 73352
