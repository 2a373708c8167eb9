"""Electronic filings (.fec or docquery's CSV): Schedule A and Form 13 Schedule 13-A -> contributions, Schedule B
and E -> efile_disbursements / efile_independent_expenditures, the cover page -> filings and filing_summary.

Format: ../shared/reference/fec.md §4 (fields split by 0x1C, or docquery's quoted CSV, §4.1a; HDR line then
the cover form, dates YYYYMMDD) and §3.5 (Form 13 inaugural donations: F132 donations, F133 refunds, no
employer). Column layouts per form version come from the fecfile package's mapping tables (parse.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import db
from etl.net.progress import Progress
from etl.sources.base import Recognised
from etl.sources.fec_efile import parse, spending

NAME = "fec_efile"
ORDER = 7  # after the bulk masters and rows: a bulk copy of an e-filed row is the one that counts (etl/rules.py)
DOCQUERY = "https://docquery.fec.gov"

# Schedule A lines (SA11AI, SA11C, SA12, ...) and Schedule 13-A donations and refunds.
_ITEM_RE = re.compile(r"^(SA\d|F132|F133)", re.I)

STAGE_COLS = ["line_no", "raw_line", "form_type", "tran_id", "back_ref_tran_id", "entity_tp", "org_name",
              "last_name", "first_name", "middle_name", "prefix", "suffix", "city", "state", "zip_code",
              "date_text", "amount_text", "aggregate_text", "employer", "occupation", "donor_cmte_id",
              "memo_cd", "memo_text", "transaction_pgi"]

REJECTS_SQL = """
SELECT line_no::BIGINT AS line_no, raw_line,
       CASE WHEN date_text IS NOT NULL AND (NOT regexp_full_match(date_text, '[0-9]{8}')
                                            OR try_strptime(date_text, '%Y%m%d') IS NULL)
              THEN 'bad date: ' || date_text
            WHEN amount_text IS NULL OR TRY_CAST(amount_text AS DECIMAL(14, 2)) IS NULL
              THEN 'bad amount: ' || coalesce(amount_text, '(empty)')
            WHEN aggregate_text IS NOT NULL AND TRY_CAST(aggregate_text AS DECIMAL(14, 2)) IS NULL
              THEN 'bad aggregate amount: ' || aggregate_text
       END AS reason
FROM efile_stage
"""

INSERT_SQL = """
INSERT INTO contribution_rows
SELECT 'efile:' || $file_num::VARCHAR || ':' ||
         CASE WHEN s.tran_id IS NULL OR count(*) OVER (PARTITION BY s.tran_id) > 1
              THEN 'L' || s.line_no ELSE s.tran_id END,
       'fec_efile', $dataset, $load_id, fec_cycle($through::DATE),
       $filer, $filer,
       CASE WHEN NOT is_memo(s.memo_cd) THEN ref.donor_cmte_id END,
       upper(s.form_type), NULL, upper(s.entity_tp),
       upper(CASE WHEN s.last_name IS NULL THEN s.org_name
                  ELSE s.last_name || coalesce(', ' || nullif(concat_ws(' ', s.first_name, s.middle_name,
                                                                       s.prefix, s.suffix), ''), '') END),
       s.city, s.state, s.zip_code, s.employer, s.occupation,
       strptime(s.date_text, '%Y%m%d')::DATE,
       s.amount_text::DECIMAL(14, 2), s.aggregate_text::DECIMAL(14, 2),
       s.memo_cd, s.memo_text, $amndt_ind, $report_code, s.transaction_pgi,
       NULL, $file_num, s.tran_id, s.back_ref_tran_id, s.donor_cmte_id, NULL,
       contribution_count_rule(s.memo_cd, NULL, s.form_type),
       s.line_no::BIGINT, NULL, NULL, NULL
FROM efile_stage s
LEFT JOIN (SELECT tran_id, any_value(donor_cmte_id) AS donor_cmte_id FROM efile_stage
           WHERE is_memo(memo_cd) AND donor_cmte_id IS NOT NULL GROUP BY tran_id) ref
       ON ref.tran_id = s.back_ref_tran_id
WHERE NOT EXISTS (SELECT 1 FROM efile_rejects r WHERE r.line_no = s.line_no::BIGINT)
"""


def recognise(path: Path) -> Recognised | None:
    """An electronic filing, .fec or docquery's CSV, recognised by its first line (HDR) whatever its name."""
    if path.name.lower().endswith((".meta.json", ".part")):
        return None
    return Recognised(path, "efile", ORDER) if parse.is_filing(path) else None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one filing; loading it again changes nothing, a changed copy (or another rendering) replaces its rows."""
    path = Path(path)
    file_num = parse.file_number(path)
    dataset = f"efile:{file_num}"

    def write(ld: db.Loading) -> db.Counts:
        f = parse.parse(path)
        cover = _cover(f)
        con.execute("DELETE FROM contribution_rows WHERE dataset = $d", {"d": dataset})
        _write_filing(con, ld, f, cover)
        items = [_item(r.fields, r.line_no, r.raw) for r in f.records if _ITEM_RE.match(r.kind)]
        spend = [r for r in f.records if r.kind.startswith("SB") or r.kind == "SE"]
        other: dict[str, int] = {}
        for r in f.records:
            if not (_ITEM_RE.match(r.kind) or r.kind.startswith("SB") or r.kind == "SE"):
                label = r.kind[:2] if r.kind[:1] in ("S", "H") else r.kind
                other[label] = other.get(label, 0) + 1
        errors = list(f.errors)
        ld.stage("efile_stage", pa.table({c: pa.array([r[i] for r in items], pa.string())
                                          for i, c in enumerate(STAGE_COLS)}))
        con.execute(f"CREATE OR REPLACE TEMP TABLE efile_rejects AS SELECT * FROM ({REJECTS_SQL}) WHERE reason IS NOT NULL")
        ld.temp("efile_rejects")
        errors += [(int(n), raw, reason) for n, raw, reason in con.execute("SELECT * FROM efile_rejects").fetchall()]
        loaded = con.execute(INSERT_SQL, {
            "file_num": file_num, "dataset": dataset, "load_id": ld.load_id, "through": cover["through"],
            "filer": cover["filer"], "amndt_ind": cover["amendment_indicator"],
            "report_code": cover["report_code"],
        }).fetchall()[0][0]
        spent, spend_errors = spending.write(con, ld, file_num, cover["filer"], spend)
        errors += spend_errors
        con.execute("DELETE FROM filing_items WHERE file_num = $n", {"n": file_num})
        con.execute("INSERT INTO filing_items SELECT *, $id FROM filing_items_live WHERE file_num = $n",
                    {"n": file_num, "id": ld.load_id})
        read = len(items) + len(spend) + len(f.errors)
        note = ("not loaded here: " + ", ".join(f"{k} {v}" for k, v in sorted(other.items()))
                if other else None)
        return db.Counts(read, int(loaded) + spent, ld.reject(errors), note)

    return db.load_file(con, db.FileLoad(NAME, "efile", dataset, path), write)


def _date(text: str) -> str | None:
    text = (text or "").strip()
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None


def base_form(form_type: str) -> str:
    """The form without its new/amended/termination letter: F3XN -> F3X, F13A -> F13, F3N -> F3."""
    return re.sub(r"(?<=\d|X)[NAT]$", "", form_type.upper())


def _cover(f: parse.Filing) -> dict:
    """The cover page's facts the filings row keeps."""
    c, h = f.cover, f.header
    form_type = c["form_type"].upper()
    amends = re.fullmatch(r"FEC-(\d+)", (h.get("report_id") or "").strip())
    # the form's last letter: N new, A amendment, T termination (F3XN, F3XA, F13A ...); F13 alone is new
    last = form_type[-1:]
    return {
        "form_type": form_type, "filer": c["filer_committee_id_number"], "name": c.get("committee_name") or None,
        "report_code": c.get("report_code") or None,
        "from": _date(c.get("coverage_from_date", "")), "through": _date(c.get("coverage_through_date", "")),
        "signed": _date(c.get("date_signed", "")),
        "amends": int(amends.group(1)) if amends else None,
        "amendment_indicator": last if last in ("N", "A", "T") else "N",
        "version": f.version, "software": " ".join(filter(None, [h.get("soft_name"), h.get("soft_ver")])),
    }


def _write_filing(con: duckdb.DuckDBPyConnection, ld: db.Loading, f: parse.Filing, cover: dict) -> None:
    """The filings row and the cover page's summary lines (filing_summary)."""
    n = f.file_num
    con.execute("DELETE FROM filings WHERE file_num = $n", {"n": n})
    con.execute("DELETE FROM filing_summary WHERE file_num = $n", {"n": n})
    raw_url = (f"{DOCQUERY}/csv/{str(n)[-3:]}/{n}.csv" if f.rendering == "csv" else f"{DOCQUERY}/dcdev/posted/{n}.fec")
    con.execute(
        """INSERT INTO filings (file_num, load_id, filer_cmte_id, committee_name, form_type, report_code, coverage_from,
                                coverage_through, amends_file_num, fec_version, software, filing_url, raw_url,
                                amendment_indicator, date_signed, rendering)
           VALUES ($n, $load_id, $filer, $name, $form, $report, $from, $through, $amends, $version, $software,
                   record_link($url), record_link($raw), $ind, $signed, $rendering)""",
        {"n": n, "load_id": ld.load_id, "filer": cover["filer"], "name": cover["name"], "form": cover["form_type"],
         "report": cover["report_code"], "from": cover["from"], "through": cover["through"], "amends": cover["amends"],
         "version": cover["version"], "software": cover["software"],
         "url": f"{DOCQUERY}/cgi-bin/forms/{cover['filer']}/{n}/", "raw": raw_url,
         "ind": cover["amendment_indicator"], "signed": cover["signed"], "rendering": f.rendering})
    lines = []
    for key, value in f.cover.items():
        m = re.match(r"col_([ab])_(.+)", key)
        if m and re.fullmatch(r"-?\d+(\.\d+)?", value or ""):
            lines.append((n, base_form(cover["form_type"]), m.group(1).upper(), m.group(2), value))
        elif key.startswith("total_") and re.fullmatch(r"-?\d+(\.\d+)?", value or ""):
            lines.append((n, base_form(cover["form_type"]), "A", key, value))  # Form 13: one column
    if lines:
        con.executemany("INSERT INTO filing_summary VALUES (?, ?, ?, ?, ?::DECIMAL(16, 2))", lines)


def _item(r: dict, n: int, text: str) -> list[str | None]:
    def g(*keys: str) -> str | None:
        for k in keys:
            v = r.get(k)
            if v is not None and v.strip() != "":
                return v.strip()
        return None

    return [str(n), text.replace("\x1c", "|"), g("form_type"), g("transaction_id", "transaction_id_number"),
            g("back_reference_tran_id_number"), g("entity_type"), g("contributor_organization_name"),
            g("contributor_last_name"), g("contributor_first_name"), g("contributor_middle_name"),
            g("contributor_prefix"), g("contributor_suffix"), g("contributor_city"), g("contributor_state"),
            g("contributor_zip_code", "contributor_zip"),
            g("contribution_date", "donation_date", "refund_date"),
            g("contribution_amount", "donation_amount", "refund_amount"),
            g("contribution_aggregate", "donation_aggregate_amount"),
            g("contributor_employer"), g("contributor_occupation"), g("donor_committee_fec_id"),
            g("memo_code"), g("memo_text_description"), g("election_code")]
