"""How each FEC bulk file type is read (columns, types) and where its rows go (fec.md §1.3-1.4)."""

from __future__ import annotations

from dataclasses import dataclass

TXN_COLS = ("CMTE_ID AMNDT_IND RPT_TP TRANSACTION_PGI IMAGE_NUM TRANSACTION_TP ENTITY_TP NAME CITY STATE "
            "ZIP_CODE EMPLOYER OCCUPATION TRANSACTION_DT TRANSACTION_AMT OTHER_ID TRAN_ID FILE_NUM MEMO_CD "
            "MEMO_TEXT SUB_ID").split()
PAS2_COLS = TXN_COLS[:16] + ["CAND_ID"] + TXN_COLS[16:]
# oppexp lines end with '|': a 26th, empty field the 25-name header does not mention (fec.md §1.4 item 7)
OPPEXP_COLS = ("CMTE_ID AMNDT_IND RPT_YR RPT_TP IMAGE_NUM LINE_NUM FORM_TP_CD SCHED_TP_CD NAME CITY STATE "
               "ZIP_CODE TRANSACTION_DT TRANSACTION_AMT TRANSACTION_PGI PURPOSE CATEGORY CATEGORY_DESC MEMO_CD "
               "MEMO_TEXT ENTITY_TP SUB_ID FILE_NUM TRAN_ID BACK_REF_TRAN_ID TRAILING_EMPTY").split()
CM_COLS = ("CMTE_ID CMTE_NM TRES_NM CMTE_ST1 CMTE_ST2 CMTE_CITY CMTE_ST CMTE_ZIP CMTE_DSGN CMTE_TP "
           "CMTE_PTY_AFFILIATION CMTE_FILING_FREQ ORG_TP CONNECTED_ORG_NM CAND_ID").split()
CN_COLS = ("CAND_ID CAND_NAME CAND_PTY_AFFILIATION CAND_ELECTION_YR CAND_OFFICE_ST CAND_OFFICE "
           "CAND_OFFICE_DISTRICT CAND_ICI CAND_STATUS CAND_PCC CAND_ST1 CAND_ST2 CAND_CITY CAND_ST CAND_ZIP").split()
CCL_COLS = "CAND_ID CAND_ELECTION_YR FEC_ELECTION_YR CMTE_ID CMTE_TP CMTE_DSGN LINKAGE_ID".split()

# Per-row cycle for loose files without a cycle in their name (the fec_cycle macro, etl/model/macros.sql).
_ROW_CYCLE = "coalesce($cycle, fec_cycle({dt}))"

INDIV_INSERT = f"""
INSERT INTO contribution_rows
SELECT 'fec:' || SUB_ID, 'fec_bulk', $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')},
       CMTE_ID, earmark_recipient(TRANSACTION_TP, CMTE_ID, OTHER_ID), earmark_conduit(TRANSACTION_TP, CMTE_ID, OTHER_ID),
       NULL, TRANSACTION_TP, ENTITY_TP, NAME, CITY, STATE, ZIP_CODE, EMPLOYER, OCCUPATION,
       TRANSACTION_DT, TRANSACTION_AMT, NULL, MEMO_CD, MEMO_TEXT, AMNDT_IND, RPT_TP, TRANSACTION_PGI,
       IMAGE_NUM, FILE_NUM, TRAN_ID, NULL, OTHER_ID, SUB_ID,
       contribution_count_rule(MEMO_CD, TRANSACTION_TP, NULL),
       NULL, NULL, NULL, NULL
FROM {{reader}}
"""

# oth and pas2 share one table; pas2 adds CAND_ID after OTHER_ID (fec.md §1.4 item 3)
COMMITTEE_ROWS_INSERT = f"""
INSERT INTO committee_transaction_rows
SELECT '{{file_type}}', SUB_ID, $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')}, CMTE_ID, AMNDT_IND,
       RPT_TP, TRANSACTION_PGI, IMAGE_NUM, TRANSACTION_TP, ENTITY_TP, NAME, CITY, STATE, ZIP_CODE, EMPLOYER,
       OCCUPATION, TRANSACTION_DT, TRANSACTION_AMT, OTHER_ID, {{cand_id}}, TRAN_ID, FILE_NUM, MEMO_CD, MEMO_TEXT
FROM {{reader}}
"""

OPPEXP_INSERT = f"""
INSERT INTO operating_expenditures
SELECT SUB_ID, $dataset, $load_id, {_ROW_CYCLE.format(dt='TRANSACTION_DT')}, CMTE_ID, AMNDT_IND, RPT_YR,
       RPT_TP, IMAGE_NUM, LINE_NUM, FORM_TP_CD, SCHED_TP_CD, NAME, CITY, STATE, ZIP_CODE, TRANSACTION_DT,
       TRANSACTION_AMT, TRANSACTION_PGI, PURPOSE, CATEGORY, CATEGORY_DESC, MEMO_CD, MEMO_TEXT, ENTITY_TP,
       FILE_NUM, TRAN_ID, BACK_REF_TRAN_ID
FROM {{reader}}
"""

# Masters are small: parsed to text in Python (exact line numbers, duplicate lines found), cast in SQL.
CM_INSERT = """
INSERT INTO committees
SELECT CMTE_ID, $cycle, CMTE_NM, TRES_NM, CMTE_ST1, CMTE_ST2, CMTE_CITY, CMTE_ST, CMTE_ZIP, CMTE_DSGN,
       CMTE_TP, CMTE_PTY_AFFILIATION, CMTE_FILING_FREQ, ORG_TP, CONNECTED_ORG_NM, CAND_ID, $load_id
FROM staging
"""
CN_INSERT = """
INSERT INTO candidates
SELECT CAND_ID, $cycle, CAND_NAME, CAND_PTY_AFFILIATION, CAND_ELECTION_YR::INTEGER, CAND_OFFICE_ST,
       CAND_OFFICE, CAND_OFFICE_DISTRICT, CAND_ICI, CAND_STATUS, CAND_PCC, CAND_ST1, CAND_ST2, CAND_CITY,
       CAND_ST, CAND_ZIP, $load_id
FROM staging
"""
CCL_INSERT = """
INSERT INTO candidate_committee_links
SELECT LINKAGE_ID, $cycle, CAND_ID, CAND_ELECTION_YR::INTEGER, FEC_ELECTION_YR::INTEGER, CMTE_ID, CMTE_TP,
       CMTE_DSGN, $load_id
FROM staging
"""


@dataclass(frozen=True)
class Spec:
    """How one FEC bulk file type is read and where it goes."""

    file_type: str
    member: str
    columns: list[str]
    table: str
    insert: str
    dateformat: str = "%m%d%Y"
    key: str = "SUB_ID"
    ints: tuple[str, ...] = ()
    replaces_by: str = "dataset"  # masters hold one row per ID per cycle, so a new file replaces its cycle


SPECS: dict[str, Spec] = {
    "indiv": Spec("indiv", "itcont.txt", TXN_COLS, "contribution_rows", INDIV_INSERT),
    "oth": Spec("oth", "itoth.txt", TXN_COLS, "committee_transaction_rows",
                COMMITTEE_ROWS_INSERT.replace("{file_type}", "oth").replace("{cand_id}", "NULL")),
    "pas2": Spec("pas2", "itpas2.txt", PAS2_COLS, "committee_transaction_rows",
                 COMMITTEE_ROWS_INSERT.replace("{file_type}", "pas2").replace("{cand_id}", "CAND_ID")),
    "oppexp": Spec("oppexp", "oppexp.txt", OPPEXP_COLS, "operating_expenditures", OPPEXP_INSERT,
                   dateformat="%m/%d/%Y", ints=("RPT_YR",)),
    "cm": Spec("cm", "cm.txt", CM_COLS, "committees", CM_INSERT, key="CMTE_ID", replaces_by="cycle"),
    "cn": Spec("cn", "cn.txt", CN_COLS, "candidates", CN_INSERT, key="CAND_ID",
               ints=("CAND_ELECTION_YR",), replaces_by="cycle"),
    "ccl": Spec("ccl", "ccl.txt", CCL_COLS, "candidate_committee_links", CCL_INSERT, key="LINKAGE_ID",
                ints=("CAND_ELECTION_YR", "FEC_ELECTION_YR"), replaces_by="cycle"),
}
STREAMED = {"indiv", "oth", "pas2", "oppexp"}
BULK_TYPES = ("indiv", "cm", "cn", "ccl", "oth", "pas2", "oppexp")
