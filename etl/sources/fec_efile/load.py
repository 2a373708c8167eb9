"""Raw .fec electronic filings: Schedule A itemizations and Form 13 (Schedule 13-A) -> contributions.

Format: ../shared/reference/fec.md §4 (fields split by 0x1C, HDR line then the cover form, dates
YYYYMMDD) and §3.5 (Form 13 inaugural donations: F132 donations, F133 refunds, no employer).
Column layouts per form version come from the fecfile package's mapping tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pyarrow as pa
from fecfile import fecparser

from etl import db
from etl.net.files import LoadError, strip_bom
from etl.net.progress import Progress
from etl.sources.base import Recognised

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
INSERT INTO contributions
SELECT 'efile:' || $file_num::VARCHAR || ':' ||
         CASE WHEN s.tran_id IS NULL OR count(*) OVER (PARTITION BY s.tran_id) > 1
              THEN 'L' || s.line_no ELSE s.tran_id END,
       'fec_efile', $dataset, $load_id, fec_cycle($through::DATE),
       $filer, $filer,
       CASE WHEN upper(coalesce(s.memo_cd, '')) <> 'X' THEN ref.donor_cmte_id END,
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
           WHERE upper(coalesce(memo_cd, '')) = 'X' AND donor_cmte_id IS NOT NULL GROUP BY tran_id) ref
       ON ref.tran_id = s.back_ref_tran_id
WHERE NOT EXISTS (SELECT 1 FROM efile_rejects r WHERE r.line_no = s.line_no::BIGINT)
"""


def recognise(path: Path) -> Recognised | None:
    """A raw electronic filing named <filing number>.fec."""
    return Recognised(path, "efile", ORDER) if path.suffix.lower() == ".fec" else None


def load(con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
    """Load one .fec filing; loading it again changes nothing, a changed copy replaces its rows."""
    path = Path(path)
    if not path.stem.isdigit():
        raise LoadError(f"{path}: name raw filings by their FEC filing number, e.g. 1544132.fec")
    file_num = int(path.stem)
    dataset = f"efile:{file_num}"

    def write(ld: db.Loading) -> db.Counts:
        cover, items, errors, other = _parse(path)
        con.execute("DELETE FROM contributions WHERE dataset = $d", {"d": dataset})
        con.execute("DELETE FROM filings WHERE file_num = $n", {"n": file_num})
        filing_url = f"{DOCQUERY}/cgi-bin/forms/{cover['filer']}/{file_num}/"
        con.execute(
            """INSERT INTO filings VALUES ($n, $load_id, $filer, $name, $form, $report, $from, $through,
                                          $amends, $version, $software, $url, $raw)""",
            {"n": file_num, "load_id": ld.load_id, "filer": cover["filer"], "name": cover["name"],
             "form": cover["form_type"], "report": cover["report_code"], "from": cover["from"],
             "through": cover["through"], "amends": cover["amends"], "version": cover["version"],
             "software": cover["software"], "url": filing_url, "raw": f"{DOCQUERY}/dcdev/posted/{file_num}.fec"},
        )
        ld.stage("efile_stage", pa.table({c: pa.array([r[i] for r in items], pa.string())
                                          for i, c in enumerate(STAGE_COLS)}))
        con.execute(f"CREATE OR REPLACE TEMP TABLE efile_rejects AS SELECT * FROM ({REJECTS_SQL}) WHERE reason IS NOT NULL")
        ld.temp("efile_rejects")
        errors += [(int(n), raw, reason) for n, raw, reason in con.execute("SELECT * FROM efile_rejects").fetchall()]
        loaded = con.execute(INSERT_SQL, {
            "file_num": file_num, "dataset": dataset, "load_id": ld.load_id, "through": cover["through"],
            "filer": cover["filer"], "amndt_ind": "A" if cover["form_type"].upper().endswith("A") else "N",
            "report_code": cover["report_code"],
        }).fetchall()[0][0]
        read = len(items) + sum(1 for e in errors if e[2].startswith(("undecodable", "unreadable")))
        note = ("not itemized receipts, not loaded here: " + ", ".join(f"{k} {v}" for k, v in sorted(other.items()))
                if other else None)
        return db.Counts(read, int(loaded), ld.reject(errors), note)

    return db.load_file(con, db.FileLoad(NAME, "efile", dataset, path), write)


def _date(text: str) -> str | None:
    text = (text or "").strip()
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None


def _parse(path: Path) -> tuple[dict, list[list[str | None]], list[tuple[int, str, str]], dict[str, int]]:
    """_parse_lines, with any error of the fecfile parser (an unknown form version, ...) as a LoadError naming the file."""
    try:
        return _parse_lines(path)
    except LoadError:
        raise
    except Exception as exc:  # fecfile raises FecParserMissingMappingError, KeyError, ... for layouts it lacks
        raise LoadError(f"{path}: the FEC parser cannot read this filing ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else 'no detail'})") from exc


def _parse_lines(path: Path) -> tuple[dict, list[list[str | None]], list[tuple[int, str, str]], dict[str, int]]:
    """Split a .fec file into its cover page, Schedule A/13-A rows as text, bad lines, and other line counts."""
    lines = strip_bom(path.read_bytes()).split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if len(lines) < 2:
        raise LoadError(f"{path}: not a .fec filing (fewer than two lines)")
    head_text = lines[0].decode("latin-1").rstrip("\r")
    try:
        header, version, _ = fecparser.parse_header([head_text])
    except (IndexError, KeyError, ValueError):
        header, version = None, None
    if not header or not version:
        raise LoadError(f"{path}: first line is not an FEC header (HDR)")
    cover_raw = fecparser.parse_line(lines[1].decode("latin-1").rstrip("\r"), version, 2, as_strings=True) or {}
    form_type = (cover_raw.get("form_type") or "").strip()
    if not form_type or "filer_committee_id_number" not in cover_raw:
        raise LoadError(f"{path}: second line is not a cover page (got {form_type or 'nothing'})")
    amends = re.fullmatch(r"FEC-(\d+)", (header.get("report_id") or "").strip())
    cover = {
        "form_type": form_type, "filer": cover_raw["filer_committee_id_number"].strip(),
        "name": cover_raw.get("committee_name"), "report_code": cover_raw.get("report_code") or None,
        "from": _date(cover_raw.get("coverage_from_date", "")),
        "through": _date(cover_raw.get("coverage_through_date", "")),
        "amends": int(amends.group(1)) if amends else None,
        "version": version, "software": " ".join(filter(None, [header.get("soft_name"), header.get("soft_ver")])),
    }
    items: list[list[str | None]] = []
    errors: list[tuple[int, str, str]] = []
    other: dict[str, int] = {}
    for n, raw in enumerate(lines[2:], start=3):
        raw = raw.rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if _ITEM_RE.match(raw[:6].decode("latin-1")):
                errors.append((n, raw.decode("utf-8", "replace"), "undecodable bytes (not UTF-8)"))
            else:
                other["undecodable non-itemization lines"] = other.get("undecodable non-itemization lines", 0) + 1
            continue
        kind = text.split("\x1c", 1)[0].strip().strip('"')
        if not _ITEM_RE.match(kind):
            label = kind[:2] if kind[:1] in ("S", "H") else (kind or "blank")
            other[label] = other.get(label, 0) + 1
            continue
        items.append(_item(fecparser.parse_line(text, version, n, as_strings=True) or {}, n, text))
    return cover, items, errors, other


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
