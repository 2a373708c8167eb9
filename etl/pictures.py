"""Named queries behind the explorer's charts: each chart draws exactly these rows, shown beside it as a table."""

from __future__ import annotations

from etl.query_base import query


@query("org_flow", "Money flow: channel, recipient committee, party", """
WITH r AS (
    SELECT channel, recipient_cmte_id, any_value(recipient_name) AS recipient_name,
           coalesce(any_value(recipient_party), 'no party on file') AS party, sum(amount) AS amount
    FROM org_money WHERE org_id = $org_id AND list_contains($channels, channel) GROUP BY channel, recipient_cmte_id),
ranked AS (SELECT recipient_cmte_id, dense_rank() OVER (ORDER BY sum(amount) DESC, recipient_cmte_id) AS k
           FROM r GROUP BY recipient_cmte_id)
SELECT channel,
       CASE WHEN k <= $top THEN coalesce(recipient_name, recipient_cmte_id) || ' (' || recipient_cmte_id || ')'
            ELSE 'other committees' END AS recipient,
       party, sum(amount) AS amount
FROM r JOIN ranked USING (recipient_cmte_id) GROUP BY ALL ORDER BY amount DESC, channel, recipient
""")
def _org_flow() -> None:
    """The organization's counted money in the chosen channels, from channel to recipient committee
    (the largest by committee ID, the rest as "other committees") to the recipient's party (its own,
    else its candidate's). The same rows as org_money: nothing is added or dropped."""


@query("org_party_split", "Party split", """
SELECT coalesce(recipient_party, 'no party on file') AS party, sum(amount) AS amount, sum(rows) AS rows
FROM org_money WHERE org_id = $org_id AND list_contains($channels, channel) GROUP BY ALL ORDER BY amount DESC, party
""")
def _org_party_split() -> None:
    """The organization's counted money in the chosen channels by the recipient's party (the committee's
    own affiliation, else its candidate's); committees with neither are "no party on file"."""


@query("org_timeline", "Money out by month", """
SELECT date_trunc('month', transaction_dt)::DATE AS month, channel, sum(amount) AS amount, count(*) AS rows
FROM org_money_rows WHERE org_id = $org_id AND list_contains($channels, channel) AND transaction_dt IS NOT NULL
GROUP BY ALL ORDER BY month, channel
""")
def _org_timeline() -> None:
    """The organization's counted rows in the chosen channels by the month of their transaction date."""


@query("committee_receipts_by_month", "Committee: counted receipts by month", """
SELECT month, sum(counted_amount) AS amount, sum(counted_rows)::BIGINT AS rows
FROM committee_rollup WHERE recipient_cmte_id = $cmte_id AND month IS NOT NULL AND counted_rows > 0
GROUP BY month ORDER BY month
""")
def _committee_receipts_by_month() -> None:
    """The committee's itemized receipts that count in totals, by the month of the gift (committee_rollup, the
    counting breakdown per committee, cycle and month, materialized at build time)."""


@query("committee_top_donors", "Committee: top donors", """
SELECT donor, place, amount, rows FROM committee_donors
WHERE recipient_cmte_id = $cmte_id AND rank <= $limit ORDER BY rank
""")
def _committee_top_donors() -> None:
    """The committee's largest contributors by name as filed (counted rows only); a name spelled two
    ways is two lines here. The 100 largest per committee are kept (committee_donors, materialized at build
    time), so at most 100 lines."""


@query("contracts_by_agency_year", "Contracts: obligations by agency and fiscal year", """
SELECT coalesce(awarding_agency, 'agency not given') AS agency,
       coalesce(fiscal_year(start_date)::VARCHAR, 'no start date') AS fiscal_year,
       sum(obligated) AS obligated, count(*) AS awards
FROM awards
WHERE award_category = 'contract'
  AND ($q = '' OR contains(upper(recipient_name), upper($q)) OR contains(upper(coalesce(description, '')), upper($q))
       OR upper(coalesce(piid, '')) = upper($q))
  AND ($agency = '' OR awarding_agency = $agency OR awarding_sub_agency = $agency)
  AND ($category = '' OR award_category = $category)
GROUP BY ALL ORDER BY agency, fiscal_year
""")
def _contracts_by_agency_year() -> None:
    """Obligations on contract awards (IDVs left out, as in the page's total) by awarding agency and the
    fiscal year the award started, with the page's filters; awards whose record gives no start date are
    shown as 'no start date' (not dropped: their money is in the page's total)."""
