"""committee_rollup and committee_donors: the Committee page's figures, materialized at build time from their definitions."""

from __future__ import annotations

from decimal import Decimal as D

from conftest import one
from etl.queries import QUERIES

# The query the Committee page ran before committee_donors existed: the definition, grouped on every view.
TOP_DONORS_BEFORE = """
SELECT contributor_name AS donor, min(concat_ws(', ', city, state)) AS place, sum(amount) AS amount, count(*) AS rows
FROM contributions WHERE recipient_cmte_id = $cmte_id AND counts_in_totals
GROUP BY contributor_name ORDER BY amount DESC, donor LIMIT $limit
"""


def test_the_materialized_tables_equal_their_definitions(ro):
    for table in ("committee_rollup", "committee_donors"):
        for a, b in ((table, f"{table}_live"), (f"{table}_live", table)):
            assert one(ro, f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})") == 0
    # every counted row is in committee_rollup once: the same total as contributions
    assert one(ro, "SELECT sum(counted_rows) FROM committee_rollup") == one(
        ro, "SELECT count(*) FROM contributions WHERE counts_in_totals")
    assert one(ro, "SELECT max(rank) FROM committee_donors") == 100


def test_contribution_rollup_adds_up_the_months(ro):
    got = ro.execute("""SELECT counted_amount, counted_rows, refund_amount, net_amount FROM contribution_rollup
                        WHERE recipient_cmte_id = 'C00010603' ORDER BY cycle""").fetchall()
    direct = ro.execute("""SELECT sum(amount) FILTER (WHERE count_rule = 'counted'),
                                  count(*) FILTER (WHERE count_rule = 'counted'), sum(amount) FILTER (WHERE count_rule = 'refund')
                           FROM contributions WHERE recipient_cmte_id = 'C00010603' GROUP BY cycle ORDER BY cycle""").fetchall()
    assert [g[:3] for g in got] == direct
    assert sum(g[1] for g in got) == 2024  # the DNC's counted rows on the Committee page


def test_the_committee_pages_queries_give_what_the_rows_give(ro):
    cmtes = [c for (c,) in ro.execute("""SELECT recipient_cmte_id FROM contributions WHERE counts_in_totals
                                         GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 5""").fetchall()]
    for cmte in [*cmtes, "C00010603", "C00428623"]:
        top = QUERIES["committee_top_donors"].run(ro, cmte_id=cmte, limit=15).rows
        assert top == ro.execute(TOP_DONORS_BEFORE, {"cmte_id": cmte, "limit": 15}).fetchall()
        months = QUERIES["committee_receipts_by_month"].run(ro, cmte_id=cmte).rows
        assert months == ro.execute("""SELECT date_trunc('month', transaction_dt)::DATE, sum(amount), count(*) FROM contributions
                                       WHERE recipient_cmte_id = $c AND counts_in_totals AND transaction_dt IS NOT NULL
                                       GROUP BY 1 ORDER BY 1""", {"c": cmte}).fetchall()
        (row,) = QUERIES["committee"].run(ro, cmte_id=cmte).rows
        assert row[-2:] == ro.execute("""SELECT sum(amount), count(*) FROM contributions
                                         WHERE recipient_cmte_id = $c AND counts_in_totals""", {"c": cmte}).fetchall()[0]


def test_the_dncs_largest_donors(ro):
    # from indiv20.zip and the OpenFEC rows (real records; names left out of the test, the amounts and rows are the check)
    top = QUERIES["committee_top_donors"].run(ro, cmte_id="C00010603", limit=3).rows
    assert [(amount, rows) for _donor, _place, amount, rows in top] == [(D("250000.00"), 4), (D("100000.00"), 2),
                                                                         (D("50000.00"), 2)]
    assert len(QUERIES["committee_top_donors"].run(ro, cmte_id="C00010603", limit=1000).rows) == 100  # 100 kept
