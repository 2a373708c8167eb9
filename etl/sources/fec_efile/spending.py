"""Schedule B (disbursements) and Schedule E (independent expenditures) lines of an e-filing into their tables.

Field names are fecfile's layouts (the FEC e-filing format); a memo line (memo code X) is a sub-item whose
amount is already in its parent line (e.g. credit-card charges under the card payment, fec.md §4.1a), so it
is kept but never added.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from etl import db
from etl.sources.fec_efile.parse import Record

# stage column -> fecfile field names (first non-blank wins)
SB_FIELDS = {
    "tran_id": ("transaction_id_number",), "back_ref_tran_id": ("back_reference_tran_id_number",),
    "entity_tp": ("entity_type",), "org_name": ("payee_organization_name",), "last_name": ("payee_last_name",),
    "first_name": ("payee_first_name",), "city": ("payee_city",), "state": ("payee_state",),
    "zip_code": ("payee_zip_code", "payee_zip"), "date_text": ("expenditure_date",),
    "amount_text": ("expenditure_amount",), "purpose": ("expenditure_purpose_descrip", "expenditure_purpose_description"),
    "category_code": ("category_code",), "beneficiary_cmte_id": ("beneficiary_committee_fec_id",),
    "beneficiary_cand_id": ("beneficiary_candidate_fec_id",), "memo_cd": ("memo_code",),
    "memo_text": ("memo_text_description",),
}
SE_FIELDS = {
    "tran_id": ("transaction_id_number",), "back_ref_tran_id": ("back_reference_tran_id_number",),
    "entity_tp": ("entity_type",), "org_name": ("payee_organization_name",), "last_name": ("payee_last_name",),
    "first_name": ("payee_first_name",), "city": ("payee_city",), "state": ("payee_state",),
    "zip_code": ("payee_zip_code", "payee_zip"), "date_text": ("disbursement_date", "expenditure_date"),
    "dissemination_text": ("dissemination_date",), "amount_text": ("expenditure_amount",),
    "purpose": ("expenditure_purpose_descrip", "expenditure_purpose_description"),
    "support_oppose": ("support_oppose_code",), "cand_id": ("candidate_id_number",),
    "cand_last": ("candidate_last_name",), "cand_first": ("candidate_first_name",),
    "cand_office": ("candidate_office",), "cand_state": ("candidate_state",), "cand_district": ("candidate_district",),
    "election_code": ("election_code",), "memo_cd": ("memo_code",), "memo_text": ("memo_text_description",),
}

_REJECT = """
SELECT line_no::BIGINT AS line_no, raw_line,
       CASE WHEN date_text IS NOT NULL AND try_strptime(date_text, '%Y%m%d') IS NULL THEN 'bad date: ' || date_text
            WHEN amount_text IS NULL OR TRY_CAST(amount_text AS DECIMAL(14, 2)) IS NULL
              THEN 'bad amount: ' || coalesce(amount_text, '(empty)')
       END AS reason
FROM {stage}
"""

_NAME = "upper(coalesce(s.org_name, s.last_name || coalesce(', ' || s.first_name, '')))"
_COMMON = f"""$file_num, s.line_no::BIGINT, $load_id, $filer, upper(s.form_type), s.tran_id, s.back_ref_tran_id,
       upper(s.entity_tp), {_NAME}, s.city, s.state, s.zip_code, strptime(s.date_text, '%Y%m%d')::DATE,
       s.amount_text::DECIMAL(14, 2)"""

SB_INSERT = f"""
INSERT INTO efile_disbursements
SELECT {_COMMON}, s.purpose, s.category_code, s.beneficiary_cmte_id, s.beneficiary_cand_id,
       s.memo_cd, s.memo_text, is_memo(s.memo_cd)
FROM sb_stage s WHERE NOT EXISTS (SELECT 1 FROM sb_rejects r WHERE r.line_no = s.line_no::BIGINT)
"""
SE_INSERT = f"""
INSERT INTO efile_independent_expenditures
SELECT {_COMMON}, TRY_CAST(try_strptime(s.dissemination_text, '%Y%m%d') AS DATE), s.purpose,
       upper(s.support_oppose), s.cand_id,
       upper(s.cand_last || coalesce(', ' || s.cand_first, '')), s.cand_office, s.cand_state, s.cand_district,
       s.election_code, s.memo_cd, s.memo_text, is_memo(s.memo_cd)
FROM se_stage s WHERE NOT EXISTS (SELECT 1 FROM se_rejects r WHERE r.line_no = s.line_no::BIGINT)
"""


def _value(fields: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = fields.get(k)
        if v is not None and v.strip() != "":
            return v.strip()
    return None


def _stage(ld: db.Loading, name: str, spec: dict[str, tuple[str, ...]], records: list[Record]) -> None:
    cols = ["line_no", "raw_line", "form_type", *spec]
    rows = [[str(r.line_no), r.raw, r.kind, *(_value(r.fields, keys) for keys in spec.values())] for r in records]
    ld.stage(name, pa.table({c: pa.array([row[i] for row in rows], pa.string()) for i, c in enumerate(cols)}))


def write(con: duckdb.DuckDBPyConnection, ld: db.Loading, file_num: int, filer: str,
          records: list[Record]) -> tuple[int, list[tuple[int, str, str]]]:
    """Replace the filing's SB and SE rows; (rows loaded, rejected rows as (line, raw, reason))."""
    con.execute("DELETE FROM efile_disbursements WHERE file_num = $n", {"n": file_num})
    con.execute("DELETE FROM efile_independent_expenditures WHERE file_num = $n", {"n": file_num})
    params = {"file_num": file_num, "load_id": ld.load_id, "filer": filer}
    loaded, errors = 0, []
    for kind, spec, insert in (("sb", SB_FIELDS, SB_INSERT), ("se", SE_FIELDS, SE_INSERT)):
        recs = [r for r in records if (r.kind.startswith("SB") if kind == "sb" else r.kind == "SE")]
        _stage(ld, f"{kind}_stage", spec, recs)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {kind}_rejects AS "
                    f"SELECT * FROM ({_REJECT.format(stage=kind + '_stage')}) WHERE reason IS NOT NULL")
        ld.temp(f"{kind}_rejects")
        errors += [(int(n), raw, why) for n, raw, why in con.execute(f"SELECT * FROM {kind}_rejects").fetchall()]
        loaded += int(con.execute(insert, params).fetchall()[0][0])
    return loaded, errors
