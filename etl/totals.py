"""Named queries for the totals the explorer shows: each figure is added up in SQL, next to its method note."""

from __future__ import annotations

from etl.query_base import query


@query("contracts_totals", "Contracts: totals", """
SELECT coalesce(sum(obligated) FILTER (WHERE award_category = 'contract'), 0) AS obligated_contracts,
       coalesce(sum(obligated) FILTER (WHERE award_category = 'idv'), 0) AS obligated_idvs,
       sum(potential_value) FILTER (WHERE award_category = 'contract') AS ceiling_contracts,
       count(*) FILTER (WHERE award_category = 'contract' AND potential_value IS NOT NULL) AS contracts_with_ceiling,
       count(*) FILTER (WHERE award_category = 'contract') AS contracts,
       count(*) FILTER (WHERE award_category = 'idv') AS idvs,
       count(*) AS awards
FROM awards
WHERE ($q = '' OR contains(upper(recipient_name), upper($q)) OR contains(upper(coalesce(description, '')), upper($q))
       OR upper(coalesce(piid, '')) = upper($q))
  AND ($agency = '' OR awarding_agency = $agency OR awarding_sub_agency = $agency)
  AND ($category = '' OR award_category = $category) AND award_category IN ('contract', 'idv') AND source <> 'announced'
""")
def _contracts_totals() -> None:
    """The Contracts page's figures over the awards it lists (same filters): obligations on contracts,
    obligations on IDVs (vehicles whose money sits on their orders, so never added to contracts), and the
    ceiling of the contracts whose source states one (never added to obligations; empty when none does)."""


@query("person_totals", "Person: totals", """
SELECT coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0) AS counted_amount,
       count(*) FILTER (WHERE counts_in_totals) AS counted_rows, count(*) AS rows
FROM contributions WHERE donor_id = $donor_id
""")
def _person_totals() -> None:
    """One donor's money that counts in totals (count_rule counted) and how many of the donor's rows
    count."""


@query("person_names", "Person: names and places as filed", """
SELECT DISTINCT contributor_name, city, state FROM contributions WHERE donor_id = $donor_id ORDER BY ALL
""")
def _person_names() -> None:
    """Each name, city and state one donor's rows were filed under (a donor cluster may join spellings)."""


@query("person_not_counted", "Person: rows that do not count", """
WITH by_rule AS MATERIALIZED (
    SELECT count_rule, count(*) AS rows, sum(amount) AS amount FROM contributions WHERE donor_id = $donor_id GROUP BY count_rule)
SELECT * FROM by_rule WHERE count_rule <> 'counted' ORDER BY count_rule
""")
# MATERIALIZED: donor_id must be the scan's only filter, or DuckDB will not read it through the donor_id index.
def _person_not_counted() -> None:
    """One donor's rows left out of totals, by the rule that left them out (memo, conduit copy, refund,
    superseded, duplicate), with their amount as filed."""


@query("org_channels_total", "Organization: counted in the chosen channels", """
SELECT coalesce(sum(amount), 0) AS amount
FROM org_money WHERE org_id = $org_id AND list_contains($channels, channel)
""")
def _org_channels_total() -> None:
    """The organization's counted money in the chosen channels, all cycles. Each row is in one channel,
    so adding channels never counts money twice; to_own_pac is not a channel to choose here."""


@query("org_awards_obligated", "Organization: obligated to it", """
SELECT coalesce(sum(obligated), 0) AS obligated
FROM org_awards WHERE org_id = $org_id AND relation IN ('self', 'subsidiary') AND award_category IN ('contract', 'idv')
""")
def _org_awards_obligated() -> None:
    """Obligations on awards to the organization and its subsidiaries; awards to resellers naming its
    product are listed but not added, and the ceiling is never added to obligations. Other Transactions and
    announced awards are separate figures (org_other_awards)."""


@query("committee_org_money_total", "Committee: from registry organizations", """
SELECT coalesce(sum(amount), 0) AS amount FROM org_money WHERE recipient_cmte_id = $cmte_id
""")
def _committee_org_money_total() -> None:
    """Money attributed to registry organizations that went to this committee, all channels and cycles
    (to_own_pac included: there the committee is the organization's own PAC)."""
