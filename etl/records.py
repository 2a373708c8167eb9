"""Named queries for the explorer's windows (what a figure rests on), net figures and single-record detail views."""

from __future__ import annotations

from etl.query_base import query


@query("contribution_windows", "What the contribution figures rest on", """
SELECT c.source, any_value(l.title) AS title,
       string_agg(DISTINCT c.dataset, ', ' ORDER BY c.dataset) AS datasets,
       string_agg(DISTINCT c.cycle::VARCHAR, ', ' ORDER BY c.cycle::VARCHAR) AS cycles,
       min(c.transaction_dt) AS first_date, max(c.transaction_dt) AS last_date, count(*) AS rows
FROM contributions c
LEFT JOIN (VALUES ('fec_bulk', 'FEC bulk files'), ('fec_efile', 'FEC e-filings'), ('openfec', 'OpenFEC API pages'))
     l(source, title) ON l.source = c.source
GROUP BY c.source ORDER BY first_date, c.source
""")
def _contribution_windows() -> None:
    """Each loaded contribution source with its datasets (indiv2020, efile:1544132, ...), cycles and the
    first and last transaction date in its rows. Every money figure and every empty result on the
    explorer's pages rests on these windows: a gift outside them is not "none", it is not loaded."""


@query("figure_windows", "What one figure rests on", """
WITH behind AS (
    SELECT c.source, c.dataset, c.cycle, count(*) AS rows FROM contributions c
    WHERE c.recipient_cmte_id = $cmte_id OR c.donor_id = $donor_id GROUP BY ALL
    UNION ALL
    SELECT 'fec_bulk', t.dataset, t.cycle, count(*) FROM committee_transfers t
    WHERE t.cmte_id = $cmte_id OR t.other_id = $cmte_id GROUP BY ALL
    UNION ALL
    SELECT c.source, c.dataset, c.cycle, count(*) FROM org_money_rows m
    JOIN contributions c ON m.row_table = 'contributions' AND c.contribution_id = m.row_id
    WHERE list_contains($org_ids::VARCHAR[], m.org_id) AND list_contains($channels::VARCHAR[], m.channel) GROUP BY ALL
    UNION ALL
    SELECT 'fec_bulk', t.dataset, t.cycle, count(*) FROM org_money_rows m
    JOIN committee_transfers t ON m.row_table = 'committee_transfers' AND t.sub_id = m.row_id
    WHERE list_contains($org_ids::VARCHAR[], m.org_id) AND list_contains($channels::VARCHAR[], m.channel) GROUP BY ALL),
sets AS (SELECT source, dataset, cycle, sum(rows) AS rows FROM behind GROUP BY ALL),
spans AS (
    SELECT dataset, cycle, min(transaction_dt) AS first_date, max(transaction_dt) AS last_date FROM contributions
    WHERE dataset IN (SELECT dataset FROM sets) GROUP BY ALL
    UNION ALL
    SELECT dataset, cycle, min(transaction_dt), max(transaction_dt) FROM committee_transfers
    WHERE dataset IN (SELECT dataset FROM sets) GROUP BY ALL)
SELECT s.source, l.title, s.dataset, s.cycle,
       CASE WHEN s.source = 'fec_efile' THEN 'coverage period of the report'
            WHEN s.source = 'openfec' THEN 'dates of the rows the fetch asked for'
            ELSE 'dates of the rows in the file' END AS window_kind,
       coalesce(f.coverage_from, min(p.first_date)) AS window_from,
       coalesce(f.coverage_through, max(p.last_date)) AS window_to, s.rows
FROM sets s
LEFT JOIN spans p ON p.dataset = s.dataset AND p.cycle = s.cycle
LEFT JOIN filings f ON s.source = 'fec_efile' AND s.dataset = 'efile:' || f.file_num::VARCHAR
LEFT JOIN (VALUES ('fec_bulk', 'FEC bulk file'), ('fec_efile', 'FEC e-filing'), ('openfec', 'OpenFEC API pages'))
     l(source, title) ON l.source = s.source
GROUP BY s.source, l.title, s.dataset, s.cycle, s.rows, f.coverage_from, f.coverage_through
ORDER BY s.cycle, window_from, s.dataset
""")
def _figure_windows() -> None:
    """The loaded files behind one figure, by cycle: those holding a committee's rows ($cmte_id: receipts it
    got, and oth/pas2 rows it filed or that name it), a donor's rows ($donor_id) or an organization's
    counted money in the chosen channels ($org_ids, $channels; '' and [] select nothing). Each file's window:
    an e-filing's coverage period (the report covers every itemized receipt of the period), the first and
    last gift date of a bulk file (every committee's rows the FEC had processed for the cycle), or of the
    OpenFEC pages (only the rows that fetch asked for). A figure says nothing about money outside these
    windows; with no row, the page names every loaded window (contribution_windows) and the fetch command."""


@query("committee_net", "Committee: counted, refunds, net", """
SELECT coalesce(sum(counted_amount), 0) AS counted, coalesce(sum(counted_rows), 0) AS counted_rows,
       coalesce(sum(refund_amount), 0) AS refunds, coalesce(sum(net_amount), 0) AS net,
       coalesce(sum(memo_amount), 0) AS memo, coalesce(sum(conduit_copy_amount), 0) AS conduit_copies
FROM committee_rollup WHERE recipient_cmte_id = $cmte_id
""")
def _committee_net() -> None:
    """A committee's itemized receipts that count (committee_rollup: contribution_rollup by month, materialized at
    build time; all cycles), the refunds it paid
    back (shown apart, filed as positive amounts) and the net (counted minus refunds); memo lines and
    conduit copies are shown for the record and never added."""


@query("person_net", "Person: counted, refunds, net", """
SELECT coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0) AS counted,
       coalesce(sum(amount) FILTER (WHERE count_rule = 'refund'), 0) AS refunds,
       coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0)
         - coalesce(sum(amount) FILTER (WHERE count_rule = 'refund'), 0) AS net
FROM contributions WHERE donor_id = $donor_id
""")
def _person_net() -> None:
    """One donor's counted gifts, the refunds paid back to the donor (rule refund, filed as positive
    amounts) and the net: counted minus refunds, the contribution_rollup rule applied to one person."""


@query("people_by_name", "People by name", """
SELECT donor_id, any_value(contributor_name) AS name, string_agg(DISTINCT concat_ws(', ', city, state), '; ') AS places,
       count(*) AS rows, coalesce(sum(amount) FILTER (WHERE counts_in_totals), 0) AS counted
FROM contributions
WHERE donor_id IS NOT NULL AND contains(upper(contributor_name), upper(trim($name))) AND trim($name) <> ''
GROUP BY donor_id ORDER BY counted DESC, donor_id LIMIT 50
""")
def _people_by_name() -> None:
    """Donors (registry people and donor clusters) whose filed name contains the text, case-insensitive,
    with their places and counted total; at most 50, largest first."""


@query("contribution_detail", "A contribution row", """
SELECT c.*, code_in_words('transaction_tp', c.transaction_tp) AS transaction_type_in_words,
       code_in_words('entity_tp', c.entity_tp) AS entity_type_in_words,
       w.words AS count_rule_in_words, w.why AS count_rule_why, r.name AS recipient_name,
       record_link(CASE WHEN c.image_num IS NOT NULL
            THEN 'https://docquery.fec.gov/cgi-bin/fecimg/?' || c.image_num END) AS page_image_url,
       record_link(CASE WHEN c.file_num IS NOT NULL
            THEN 'https://docquery.fec.gov/cgi-bin/forms/' || c.filer_cmte_id || '/' || c.file_num || '/' END) AS filing_url
FROM contributions c
LEFT JOIN code_words w ON w.code_list = 'count_rule' AND w.code = c.count_rule
LEFT JOIN recipient_committees r ON r.cmte_id = c.recipient_cmte_id
WHERE c.contribution_id = $id OR c.sub_id::VARCHAR = $id
ORDER BY c.contribution_id LIMIT 5
""")
def _contribution_detail() -> None:
    """Every field of one itemized receipt (by contribution_id or the FEC's SUB_ID), with its transaction
    and entity type in the FEC's words, its count rule in words and why, the FEC page image (from
    IMAGE_NUM) and the filing it came in."""


@query("award_detail", "An award", """
SELECT * FROM awards WHERE award_key = $id OR upper(piid) = upper($id) ORDER BY award_key LIMIT 10
""")
def _award_detail() -> None:
    """Every field of one award (by USAspending's award key, or every award with that PIID: PIIDs repeat
    across agencies). Obligated is money committed; potential_value the ceiling; they are never added."""


@query("award_modifications", "An award's modifications", """
SELECT modification_number, action_date, fiscal_year, action_type_description, federal_action_obligation,
       base_and_all_options_value, description, source_url
FROM award_transactions WHERE award_key = $award_key ORDER BY action_date, modification_number
""")
def _award_modifications() -> None:
    """The modifications of one award, each with its own obligation (de-obligations stay negative)."""


@query("ai_use_case_detail", "An AI use case", """
SELECT * FROM ai_use_cases
WHERE use_case_key = $id OR upper(use_case_id) = upper($id)
ORDER BY inventory_year DESC, use_case_key LIMIT 10
""")
def _ai_use_case_detail() -> None:
    """Every field of one inventory record, by moneytrail's key or the agency's use-case ID (e.g. DHS-2556;
    the same ID may come in several inventory years, each its own record)."""


@query("filing_detail", "A filing", """
SELECT f.*, (SELECT count(*) FROM contributions c WHERE c.file_num = f.file_num) AS itemized_rows,
       (SELECT sum(amount) FROM contributions c WHERE c.file_num = f.file_num AND c.counts_in_totals) AS counted_amount,
       (SELECT string_agg(a.file_num::VARCHAR, ', ') FROM filings a WHERE a.amends_file_num = f.file_num) AS amended_by
FROM filings f WHERE f.file_num::VARCHAR = trim($id)
""")
def _filing_detail() -> None:
    """One raw e-filing's cover page, the itemized rows loaded from it and their counted sum, the filing
    it amends and the loaded filings that amend it (the amendment chain)."""


@query("find_by_id", "Records by their IDs", """
WITH q AS (SELECT upper(trim($id)) AS id)
SELECT 'ai_use_case' AS kind, use_case_key AS key, name AS label FROM ai_use_cases, q
  WHERE q.id <> '' AND (upper(use_case_id) = q.id OR upper(use_case_key) = q.id)
UNION ALL SELECT 'award', award_key, recipient_name FROM awards, q
  WHERE q.id <> '' AND (upper(piid) = q.id OR upper(award_key) = q.id)
UNION ALL SELECT 'committee', cmte_id, name FROM recipient_committees, q WHERE cmte_id = q.id
UNION ALL SELECT 'filing', file_num::VARCHAR, committee_name FROM filings, q WHERE file_num::VARCHAR = q.id
UNION ALL SELECT 'contribution', contribution_id, contributor_name FROM contributions, q
  WHERE q.id <> '' AND (sub_id::VARCHAR = q.id OR upper(contribution_id) = q.id)
ORDER BY kind, key LIMIT 50
""")
def _find_by_id() -> None:
    """Records whose own identifier is the text: an AI use case ID (DHS-2556), a PIID or award key, a
    committee ID, an e-filing number, an FEC SUB_ID or a contribution ID. Case-insensitive, exact."""


@query("code_in_words", "A code in words", """
SELECT code_in_words($code_list, $code) AS words
""")
def _code_in_words() -> None:
    """One FEC code (committee type, designation, transaction type, ...) in the FEC's words, from code_words."""
