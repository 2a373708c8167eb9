"""A reader's text reaches SQL only as a bound value.

Every named query that takes text (and the full-text search) runs here on a connection that could write, to a
copy of the warehouse: if any of them pasted text into its SQL, the injections below would match more rows than
text that matches nothing, or change the tables. (The explorer itself reads through a read-only connection, which
tests/test_dashboard.py checks; so a page test could not see a write even if one were attempted.)
"""

from __future__ import annotations

import shutil

import duckdb
import pytest

from etl.queries import QUERIES
from etl.search import search
from helpers import HOSTILE

NOTHING = "zq-no-such-text"
# Each starts with a word no record holds, so a full-text search that binds it finds nothing either.
INJECTIONS = ["zq' OR '1'='1", "zq') OR TRUE OR ('", "zq'; DELETE FROM contributions; --",
              "zq'; DROP TABLE contributions; --", "zq\"; UPDATE awards SET obligated = 0; --",
              *(f"zq {h}" for h in HOSTILE)]
T = object()  # where the reader's text goes
TEXT_PARAMS: dict[str, dict[str, object]] = {
    "search_all": {"q": T},
    "person": {"donor_id": T}, "person_totals": {"donor_id": T}, "person_not_counted": {"donor_id": T},
    "person_names": {"donor_id": T},
    "committee": {"cmte_id": T}, "committee_org_money": {"cmte_id": T}, "committee_org_money_total": {"cmte_id": T},
    "committee_filings": {"cmte_id": T}, "committee_reconciliation": {"cmte_id": T},
    "contracts": {"q": T, "agency": T, "category": T}, "contracts_totals": {"q": T, "agency": T, "category": T},
    "ai_uses": {"year": None, "agency": T, "stage": T, "q": T},
    "employer_audit": {"org_id": T}, "org_channels": {"org_id": T}, "org_awards": {"org_id": T},
    "org_award_rows": {"org_id": T}, "org_other_awards": {"org_id": T}, "org_ot_modifications": {"org_id": T},
    "other_awards": {"q": T, "agency": T}, "org_ai_uses": {"org_id": T}, "org_awards_obligated": {"org_id": T},
    "org_recipients": {"org_id": T, "channels": [T], "limit": 50},
    "org_donors": {"org_id": T, "channels": [T], "limit": 50},
    "org_channels_total": {"org_id": T, "channels": [T]},
    "org_money_rows": {"org_id": T, "channels": [T], "cycle": None, "cmte_id": T},
    "compare": {"channels": [T], "date_from": None, "date_to": None, "party": T, "only_cmtes": True, "cmte_ids": [T],
                "peer_set": T},
    **{name: {"id": T} for name in ("claims", "claim_money_rows", "claim_coverage", "claim_name_matches",
                                    "claim_peer_totals", "claim_ai_use_records", "claim_award_rows")},
    "compare_rows": {"org_id": T, "channels": [T], "date_from": None, "date_to": None, "party": T, "only_cmtes": True,
                     "cmte_ids": [T]},
    "committee_net": {"cmte_id": T}, "person_net": {"donor_id": T}, "people_by_name": {"name": T},
    "contribution_detail": {"id": T}, "award_detail": {"id": T}, "award_modifications": {"award_key": T},
    "ai_use_case_detail": {"id": T}, "filing_detail": {"id": T}, "find_by_id": {"id": T},
    "org_flow": {"org_id": T, "channels": [T], "top": 12}, "org_party_split": {"org_id": T, "channels": [T]},
    "org_timeline": {"org_id": T, "channels": [T]}, "committee_receipts_by_month": {"cmte_id": T},
    "committee_top_donors": {"cmte_id": T, "limit": 15},
    "contracts_by_agency_year": {"q": T, "agency": T, "category": T},
    "figure_windows": {"cmte_id": T, "donor_id": T, "org_ids": [T], "channels": [T]},
}


def _params(template: dict[str, object], text: str) -> dict[str, object]:
    def fill(v: object) -> object:
        return text if v is T else [fill(x) for x in v] if isinstance(v, list) else v
    return {k: fill(v) for k, v in template.items()}


def _tables(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every base table with its row count: what an injected statement would change."""
    names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY 1").fetchall()]
    return [(n, con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names]


@pytest.fixture(scope="module")
def writable(warehouse, tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a copy of the session warehouse: here an injection could do harm."""
    copy = tmp_path_factory.mktemp("hostile") / "moneytrail.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    yield con
    con.close()


def test_every_query_that_takes_text_is_listed():
    takes_text = {name for name, q in QUERIES.items() if any(f"${p}" in q.sql for p in
                                                             ("q", "org_id", "donor_id", "cmte_id", "agency", "party", "id"))}
    assert takes_text <= set(TEXT_PARAMS), takes_text - set(TEXT_PARAMS)


@pytest.mark.parametrize("name", sorted(TEXT_PARAMS))
def test_injected_text_matches_no_more_than_nonsense_and_changes_nothing(writable, name):
    query, template = QUERIES[name], TEXT_PARAMS[name]
    before = _tables(writable)
    expected = query.run(writable, **_params(template, NOTHING)).rows
    for text in INJECTIONS:
        assert query.run(writable, **_params(template, text)).rows == expected, text
    assert _tables(writable) == before


def test_full_text_search_binds_its_text(writable):
    before = _tables(writable)
    for text in INJECTIONS:
        assert search(writable, text) == [], text
    assert _tables(writable) == before
