"""The schema is the data dictionary: every table, view and column is documented and the contract names exist."""

from __future__ import annotations

import duckdb

from etl import warehouse

CONTRACT = {
    "load_log": "load_id source path sha256 rows_read rows_loaded rows_rejected started_at finished_at",
    "load_errors": "load_id path line_no raw_line reason",
    "committees": "cmte_id cycle name cmte_type designation party org_type connected_org cand_id",
    "candidates": "cand_id cycle name party office",
    "candidate_committee_links": "cand_id cmte_id linkage_id",
    "committee_transfers": "sub_id cmte_id transaction_tp amount other_id cand_id counts_in_totals source_url",
    "contributions": "contribution_id source cycle filer_cmte_id recipient_cmte_id conduit_cmte_id transaction_tp "
                     "entity_tp contributor_name city state zip_code employer occupation transaction_dt amount "
                     "memo_cd amndt_ind image_num file_num tran_id other_id counts_in_totals source_url",
    "awards": "award_key piid parent_piid award_type recipient_name recipient_uei recipient_parent_name "
              "recipient_parent_uei awarding_agency awarding_sub_agency funding_agency funding_sub_agency obligated "
              "potential_value start_date end_date description naics psc source retrieved_at source_url",
    "award_transactions": "transaction_key award_key modification_number action_date federal_action_obligation "
                          "fiscal_year source_url",
    "source_coverage": "source topic covered detail reference",
}


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    warehouse.apply_schema(con)
    return con


def test_every_column_has_a_comment():
    missing = _con().execute("""SELECT table_name || '.' || column_name FROM duckdb_columns()
                                WHERE NOT internal AND (comment IS NULL OR trim(comment) = '')""").fetchall()
    assert missing == []


def test_every_table_and_view_has_a_comment():
    con = _con()
    missing = con.execute("""SELECT table_name FROM duckdb_tables() WHERE comment IS NULL
                             UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND comment IS NULL""").fetchall()
    assert missing == []


def test_contract_columns_exist_with_the_right_types():
    con = _con()
    cols = {(t, c): ty for t, c, ty in con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE NOT internal").fetchall()}
    for table, names in CONTRACT.items():
        for name in names.split():
            assert (table, name) in cols, f"{table}.{name} missing"
    assert cols[("contributions", "amount")] == "DECIMAL(14,2)"
    assert cols[("contributions", "transaction_dt")] == "DATE"
    assert cols[("contributions", "counts_in_totals")] == "BOOLEAN"
    assert cols[("contributions", "contribution_id")] == "VARCHAR"
    assert cols[("contributions", "zip_code")] == "VARCHAR"


def test_schema_applies_twice():
    con = _con()
    warehouse.apply_schema(con)
    assert con.execute("SELECT count(*) FROM load_log").fetchall() == [(0,)]


def test_count_rule_macro_is_the_one_definition():
    con = _con()
    got = con.execute("""SELECT contribution_count_rule('X', '15', NULL), contribution_count_rule(NULL, '24T', NULL),
                                contribution_count_rule(NULL, '22Y', NULL), contribution_count_rule(NULL, NULL, 'F133'),
                                contribution_count_rule(NULL, '15E', NULL),
                                contribution_count_rule('x', '24I', NULL)""").fetchall()
    assert got == [("memo", "conduit_copy", "refund", "refund", "counted", "memo")]
