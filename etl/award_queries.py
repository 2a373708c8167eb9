"""Named queries for the awards USAspending leaves out: Other Transaction records (FPDS) and announced awards.

They are listed apart from USAspending contracts: an OT obligation is a separate figure, an announced
amount is what was announced (not a transaction record), and a ceiling is never added to obligations.
"""

from __future__ import annotations

from etl.query_base import query

_OTHER = """
SELECT CASE WHEN a.source = 'announced' AND a.award_category = 'other_transaction'
            THEN 'announced OT agreement (announced, not a transaction record)'
            WHEN a.source = 'announced' THEN 'announced award (announced, not a transaction record)'
            WHEN a.award_category = 'other_transaction_idv' THEN 'OT IDV (FPDS record)'
            ELSE 'OT agreement or order (FPDS record)' END AS what,
       a.piid, coalesce(a.piid, 'award id not public') AS award_id, a.award_type, a.recipient_name, a.awarding_agency,
       a.awarding_office, coalesce(a.start_date, a.announced_on) AS dated, a.obligated, a.potential_value AS ceiling,
       t.terminated_on, t.termination_reason, t.modifications, a.source, a.source_url, a.announcement_url, a.award_key
FROM {table} a
LEFT JOIN (SELECT award_key, count(*) AS modifications,
                  min(action_date) FILTER (WHERE is_termination(action_type_description)) AS terminated_on,
                  arg_min(action_type_description, action_date) FILTER (WHERE is_termination(action_type_description))
                    AS termination_reason
           FROM award_transactions GROUP BY award_key) t USING (award_key)
WHERE (a.source = 'announced' OR a.award_category IN ('other_transaction', 'other_transaction_idv'))
"""


@query("org_other_awards", "Other Transaction agreements and announced awards", _OTHER.format(table="org_awards")
       + "AND a.org_id = $org_id\nORDER BY a.source = 'announced', dated DESC NULLS LAST, a.award_key\n")
def _org_other_awards() -> None:
    """Other Transaction agreements, IDVs and orders in FPDS records (the SAM.gov Contract Awards API) and
    awards known only from an announcement (etl/registry/announced_awards.csv, labelled "announced, not a
    transaction record"), for the organization. An announcement whose award id is in a loaded record is
    not listed again: the record wins and keeps the announcement as its citation (announcement_url).
    Obligated and ceiling are separate columns, never added; a termination is shown from the
    modification records (terminated_on, with the reason as published), never inferred from news."""


@query("other_awards", "Other Transactions and announced awards", _OTHER.format(table="awards") + """
  AND ($q = '' OR contains(upper(a.recipient_name), upper($q)) OR contains(upper(coalesce(a.description, '')), upper($q))
       OR piid_key(a.piid) = piid_key($q))
  AND ($agency = '' OR a.awarding_agency = $agency OR a.awarding_sub_agency = $agency)
ORDER BY a.source = 'announced', dated DESC NULLS LAST, a.award_key
""")
def _other_awards() -> None:
    """The Contracts page's Other Transaction records and announced awards (same text and agency filters),
    listed apart from USAspending contracts; the same rules as org_other_awards."""


@query("org_ot_modifications", "Modifications of Other Transaction awards", """
SELECT a.piid, t.modification_number, t.action_date, t.action_type AS reason_code, t.action_type_description AS reason,
       is_termination(t.action_type_description) AS terminates, t.federal_action_obligation, t.fiscal_year,
       t.source, t.source_url, t.transaction_key
FROM award_transactions t JOIN org_awards a USING (award_key)
WHERE a.org_id = $org_id AND a.award_category IN ('other_transaction', 'other_transaction_idv')
ORDER BY a.piid, t.action_date, t.modification_number
""")
def _org_ot_modifications() -> None:
    """Every modification of the organization's Other Transaction awards, with the reason for modification
    as FPDS publishes it (FUNDING ONLY ACTION, TERMINATE FOR CONVENIENCE ...) and its obligation, signed:
    de-obligations stay negative. Summed per fiscal year they give the award's obligations."""
