"""Load a saved OpenFEC /committee/{id}/reports/ or /committee/{id}/filings/ answer into filing_version_records.

Each result is one version of a report as the FEC processed it (fec.md §4.1a): file_number, amendment_indicator,
amendment_chain (the original first, this filing last), is_amended / most_recent / most_recent_file_number (the
version that replaces it), previous_file_number, receipt_date, coverage dates and summary lines. This is the
evidence of amendments that a filing alone does not give: an F3XA says it amends, not which filing.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from etl import db
from etl.net.files import LoadError
from etl.net.progress import Progress

NAME = "openfec"
KIND = "openfec_reports"
# summary lines kept as columns (the rest stay in `summary`)
LINES = ("total_receipts_period", "total_disbursements_period", "other_fed_receipts_period",
         "independent_expenditures_period", "other_disbursements_period", "cash_on_hand_end_period")

INSERT = f"""
INSERT INTO filing_version_records VALUES ($load_id, $pos, $file_num, $committee_id, $committee_name, $form,
    $report_type, $report_year, $description, $indicator, $chain, $is_amended, $most_recent, $most_recent_file_num,
    $previous_file_num, $receipt_date, $coverage_start, $coverage_end, $fec_url, $csv_url, $html_url, $pdf_url,
    {", ".join(f"${c}::DECIMAL(16, 2)" for c in LINES)}, $summary)
"""


def is_reports(head: str) -> bool:
    """True when the start of a JSON answer looks like a reports/filings list (amendment fields present)."""
    return '"api_version"' in head and '"file_number"' in head and (
        '"amendment_chain"' in head or '"most_recent_file_number"' in head or '"amendment_indicator"' in head
    ) and '"contribution_receipt_date"' not in head


def _num(v: object) -> int | None:
    try:
        return int(float(str(v))) if v not in (None, "") else None
    except ValueError:
        return None


def _date(v: object) -> str | None:
    return str(v)[:10] if v else None


def _row(r: dict) -> tuple[dict | None, str | None]:
    """Bound parameters for one result, or (None, why it cannot be loaded)."""
    file_num = _num(r.get("file_number"))
    if file_num is None or file_num <= 0:
        return None, f"missing or bad file_number: {r.get('file_number')!r}"
    chain = [n for n in (_num(x) for x in (r.get("amendment_chain") or [])) if n is not None]
    # the reports answer names the form "Form 3X"; the filings answer gives form_type as filed (F3XN)
    report_form = str(r.get("report_form") or "").replace("Form ", "F")
    form = r.get("form_type") or (report_form + (r.get("amendment_indicator") or "") if report_form else None)
    summary = {k: v for k, v in r.items() if k.endswith(("_period", "_ytd")) and not isinstance(v, (dict, list))}
    p = {"file_num": file_num, "committee_id": r.get("committee_id"), "committee_name": r.get("committee_name"),
         "form": form, "report_type": r.get("report_type"), "report_year": _num(r.get("report_year")),
         "description": r.get("document_description"), "indicator": r.get("amendment_indicator"), "chain": chain,
         "is_amended": r.get("is_amended"), "most_recent": r.get("most_recent"),
         "most_recent_file_num": _num(r.get("most_recent_file_number")),
         "previous_file_num": _num(r.get("previous_file_number")), "receipt_date": _date(r.get("receipt_date")),
         "coverage_start": _date(r.get("coverage_start_date")), "coverage_end": _date(r.get("coverage_end_date")),
         "fec_url": r.get("fec_url"), "csv_url": r.get("csv_url"), "html_url": r.get("html_url"),
         "pdf_url": r.get("pdf_url"), "summary": json.dumps(summary, sort_keys=True)}
    for c in LINES:
        v = r.get(c)
        p[c] = None if v in (None, "") else str(v)
    return p, None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one reports/filings answer; loading it again changes nothing, a changed copy replaces its rows."""
    path = Path(path)
    dataset = f"openfec_reports:{path.parent.name}/{path.stem}"

    def write(ld: db.Loading) -> db.Counts:
        try:
            data = json.loads(path.read_bytes(), parse_float=str)
        except (ValueError, UnicodeDecodeError) as exc:
            raise LoadError(f"{path}: not valid JSON ({exc}); fetch the answer again") from None
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise LoadError(f"{path}: not an OpenFEC reports or filings answer (no results list)")
        con.execute("""DELETE FROM filing_version_records WHERE load_id IN
                       (SELECT load_id FROM load_log WHERE dataset = $d)""", {"d": dataset})
        errors, loaded = [], 0
        for pos, r in enumerate(results, start=1):
            p, why = _row(r) if isinstance(r, dict) else (None, "not a JSON object")
            if p is None:
                errors.append((pos, json.dumps(r, sort_keys=True)[:2000], why or "unreadable"))
                continue
            con.execute(INSERT, {"load_id": ld.load_id, "pos": pos, **p})
            loaded += 1
        return db.Counts(len(results), loaded, ld.reject(errors))

    return db.load_file(con, db.FileLoad(NAME, KIND, dataset, path), write)
