"""Methodology page (AppTest): every named query's note and SQL from etl/queries.py, employer audit, counting rules."""

from __future__ import annotations

import pytest

from etl.queries import QUERIES
from helpers import INDIV20_REFUND_ROWS

PAGE_NAME = "methodology"  # the `page` fixture (conftest) opens dashboard/app_pages/methodology.py


def test_every_query_is_shown_with_its_note_and_its_sql(page):
    at = page.run()
    assert not at.exception
    codes = [c.value for c in at.code]
    markdown = [m.value.replace("\\$", "$") for m in at.markdown]
    titles = [h.value for h in at.subheader]
    for name, query in QUERIES.items():
        assert query.title in titles, name
        assert query.sql.strip() in codes, name
        assert " ".join(query.note.split()) in markdown, name
    assert len(codes) == len(QUERIES) + 3  # and the three counting macros as stored in the warehouse
    assert "(count_rule = 'counted')" in codes  # counted(): the switch behind contributions.counts_in_totals


def test_counting_rules_with_their_rows_and_the_macro(page):
    at = page.run()
    assert not at.exception
    rules = at.dataframe[0].value
    # with MAGA Inc.'s 2025 filings (87 counted rows, 54 memo) and the 776 OpenFEC rows (582 counted, 194 memo)
    assert rules.values.tolist() == [["counted", True, 67581, "$146,835,724.52"],
                                     ["refund", False, INDIV20_REFUND_ROWS, "$663,534.00"],
                                     ["memo", False, 1751, "$7,603,567.52"], ["conduit_copy", False, 80, "$57,150.00"]]
    macro = at.code[0].value
    assert "WHEN ((transaction_tp IN ('24T', '24I'))) THEN ('conduit_copy')" in macro
    assert any(m.value.startswith("Why the row does or does not count") for m in at.markdown)


def test_employer_audit_of_google_by_default(page):
    at = page.run()
    assert not at.exception
    assert at.selectbox[0].value == "google"
    audit = at.dataframe[1].value
    # indiv20.zip's strings and those of the 776 OpenFEC rows of 2023-2025
    assert audit.values.tolist() == [["GOOGLE LLC", "prefix:GOOGLE", True, 384, "$134,842.00"],
                                     ["GOOGLE", "prefix:GOOGLE", True, 185, "$2,202,030.00"],
                                     ["GOOGLE, INC.", "prefix:GOOGLE", True, 7, "$269,800.00"],
                                     ["GOOGLE, INC", "prefix:GOOGLE", True, 2, "$150,000.00"],
                                     ["GOOGLE INC.", "prefix:GOOGLE", True, 1, "$10,000.00"],
                                     ["GOOGLE, LLC", "prefix:GOOGLE", True, 1, "$3,300.00"],
                                     ["NEST", "bare:NEST + uncorroborated", False, 1, "$5,000.00"]]


def test_employer_audit_from_the_url(page):
    page.query_params["org"] = "microsoft"
    at = page.run()
    assert not at.exception
    audit = at.dataframe[1].value
    assert list(audit["employer"]) == ["MICROSOFT", "MICROSOFT CORPORATION", "MICROSOFT CORP", "SKYPE"]
    assert list(audit["rule"][:1]) == ["prefix:MICROSOFT"]
    assert list(audit["amount"]) == ["$1,151,711.10", "$384,464.15", "$10,375.00", "$250.00"]


@pytest.mark.parametrize("text", ["'; DROP TABLE contributions; --", "x" * 10_000], ids=["sql", "10000-chars"])
def test_an_organization_outside_the_registry_falls_back(page, text):
    page.query_params["org"] = text
    at = page.run()
    assert not at.exception
    assert at.selectbox[0].value == "google"
    assert len(at.dataframe[1].value) == 7


def test_review_queue_and_decisions_are_shown(page):
    at = page.run()
    assert not at.exception
    queue = at.dataframe[2].value
    # the bare NEST row (nothing corroborates Nest Labs) waits for review, largest money first
    assert list(queue["employer"]) == ["NEST", "SOFTWARE PROGRAMMER"]
    assert list(queue["rows"]) == [1, 1]
    decisions = at.dataframe[3].value
    assert ["exclude", "^CALICO COTTAGE$", "google"] in decisions[["decision", "employer", "org_id"]].values.tolist()
