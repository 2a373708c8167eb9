"""Person page (AppTest): every row of one donor, counted total, why rows do not count; on the real files."""

from __future__ import annotations

import pytest

from conftest import metrics
from helpers import HOSTILE, HOSTILE_IDS

PAGE_NAME = "person"  # the `page` fixture (conftest) opens dashboard/app_pages/person.py


def test_a_registry_person_counts_the_gift_and_not_the_refund(page):
    page.query_params["donor"] = "sundar_pichai"
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "PICHAI, SUNDAR (MOUNTAIN VIEW, CA)"
    # $2,000 in the 2020 files plus 15 gifts of $1,000 to NETPAC in the OpenFEC rows of 2023-2025
    assert metrics(at) == {"Counted in totals": "$17,000.00", "Rows counted": "16 of 17",
                           "Refunded to the donor (apart)": "$3,000.00", "Net (counted minus refunds)": "$14,000.00"}
    not_counted = at.dataframe[0].value
    assert not_counted.values.tolist() == [["refund", 1, "$3,000.00"]]
    rows = at.dataframe[1].value
    assert sorted(rows["count_rule"]) == ["counted"] * 16 + ["refund"]
    assert list(rows["transaction_tp"]).count("22Y") == 1
    assert {"https://docquery.fec.gov/cgi-bin/fecimg/?201902209145543682",
            "https://docquery.fec.gov/cgi-bin/fecimg/?201902209145543649"} <= set(rows["source_url"])
    assert set(rows["committee_url"]) == {"committee?cmte=C00428623"}
    assert [b.label for b in at.get("download_button")] == ["Download CSV (1 rows)", "Download CSV (17 rows)"]


def test_a_donor_cluster_keeps_its_conduit_copy_and_refund_apart(page):
    # STERN, TRUDY of Lawrence, NY: two counted gifts ($495 + $995), an ActBlue conduit copy and a refund
    page.query_params["donor"] = "d:fec:4030420191644807608"
    at = page.run()
    assert not at.exception
    assert metrics(at) == {"Counted in totals": "$1,490.00", "Rows counted": "2 of 4",
                           "Refunded to the donor (apart)": "$995.00", "Net (counted minus refunds)": "$495.00"}
    assert at.dataframe[0].value.values.tolist() == [["conduit_copy", 1, "$500.00"], ["refund", 1, "$995.00"]]
    assert list(at.dataframe[1].value["amount"]) == ["$500.00", "$495.00", "$995.00", "$995.00"]


def test_an_unknown_donor_says_so(page):
    page.query_params["donor"] = "nobody_at_all"
    at = page.run()
    assert not at.exception
    assert "No contributions with donor ID 'nobody_at_all'" in at.info[0].value
    assert not at.metric and not at.dataframe


@pytest.mark.parametrize("text", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_text_is_harmless(page, text):
    page.query_params["donor"] = text
    at = page.run()
    assert not at.exception
    assert at.info[0].value.startswith("No contributions with donor ID")
    assert not at.dataframe


def test_the_build_indexes_donor_id_and_a_donors_queries_read_the_same_rows_through_it(ro):
    assert ro.execute("SELECT index_name FROM duckdb_indexes() WHERE table_name = 'contribution_rows'").fetchall() == [
        ("contributions_donor_id",)]
    # the same figures through the index (donor_id the scan's only filter) and through a scan that cannot use it
    from etl.queries import QUERIES
    via_index = QUERIES["person_not_counted"].run(ro, donor_id="d:fec:4030420191644807608").rows
    scanned = ro.execute("""SELECT count_rule, count(*), sum(amount) FROM contributions
                            WHERE donor_id || '' = 'd:fec:4030420191644807608' AND count_rule <> 'counted'
                            GROUP BY 1 ORDER BY 1""").fetchall()
    assert via_index == scanned and len(scanned) == 2  # STERN, TRUDY: a conduit copy and a refund
