"""Named queries about a committee's filings (the Committee page and `moneytrail filings` share them)."""

from __future__ import annotations

from etl.query_base import query


@query("committee_filings", "Filings", """
SELECT s.file_num, coalesce(f.form_type, v.form_type) AS form, coalesce(f.report_code, v.report_type) AS report,
       coalesce(f.coverage_from, v.coverage_start) AS coverage_from,
       coalesce(f.coverage_through, v.coverage_end) AS coverage_through,
       v.receipt_date AS received, s.status, s.amended_by, s.amended_on, s.amends, s.loaded,
       coalesce((SELECT sum(i.rows) FROM filing_items i WHERE i.file_num = s.file_num), 0)::BIGINT AS rows_loaded,
       s.note, coalesce(f.filing_url, v.html_url) AS source_url
FROM filing_status s LEFT JOIN filings f ON f.file_num = s.file_num LEFT JOIN filing_versions v ON v.file_num = s.file_num
WHERE s.committee_id = $cmte_id
ORDER BY coverage_through DESC NULLS LAST, s.file_num DESC
""")
def _committee_filings() -> None:
    """Every filing of the committee the loaded records know: loaded e-filings and the versions OpenFEC's
    reports answer lists. Amendment status from filing_status (a later loaded filing of the same period, the
    amendment's header, OpenFEC's amendment chain); rows_loaded counts its itemized lines (Schedules A, B, E,
    13-A), memo lines included."""


@query("committee_reconciliation", "Each filing against its own cover page", """
SELECT file_num, schedule, line, label, rows, memo_rows, itemized, cover_amount, not_itemized, status
FROM filing_reconciliation WHERE filer_cmte_id = $cmte_id ORDER BY file_num DESC, schedule
""")
def _committee_reconciliation() -> None:
    """Per loaded filing and line: the itemized lines (memo lines excluded) against the cover page's column A;
    the difference is money the committee did not itemize (receipts of $200 or less need not be)."""


@query("filings_loaded", "What filings are loaded", """
SELECT (SELECT count(*) FROM filings) AS efilings, (SELECT min(coverage_from) FROM filings) AS first_day,
       (SELECT max(coverage_through) FROM filings) AS last_day,
       (SELECT count(DISTINCT filer_cmte_id) FROM filings) AS committees,
       (SELECT count(DISTINCT committee_id) FROM filing_versions) AS committees_with_reports_lists
""")
def _filings_loaded() -> None:
    """What the warehouse holds of e-filings: how many, of how many committees, and the dates they cover."""


def empty_message(cmte_id: str, loaded: dict) -> str:
    """What to say when a committee has no filings loaded: what is loaded, and the command that fetches its own."""
    window = (f"covering {loaded['first_day']} to {loaded['last_day']}" if loaded.get("first_day") else "")
    return (f"No filing of {cmte_id} is loaded. The warehouse holds {loaded.get('efilings') or 0} e-filing(s) of "
            f"{loaded.get('committees') or 0} committee(s) {window}".rstrip() + ". "
            f"Fetch this committee's filings (no API key needed) with: moneytrail fetch filings --committee {cmte_id}")
