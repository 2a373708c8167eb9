"""Donor pair scoring in an incremental build without splink's per-run set-up: splink's own predict SQL.

A full build scores with splink (etl/donors.py) and keeps the SQL splink generated for that model (comparison
levels, m and u as literals, term-frequency adjustments, threshold) in donor_scoring. An incremental build
runs that same SQL in the warehouse over the few candidate pairs of its part, with the term frequencies of
every record, so its pairs get the weights and levels a full build gives them; importing splink and setting up
its linker (about a second of CPU, more than scoring a +2% update's pairs) is left to full builds.
"""

from __future__ import annotations

import duckdb

from etl import donor_blocks

TF_COLUMNS = ("last_name", "employer_key", "occupation_key")  # SETTINGS' tf_adjustment_column values
# splink's table names in its SQL -> the tables this module fills (records, candidate pairs, term frequencies)
_INPUTS = {"__splink__blocked_id_pairs": "donor_score_pairs",
           **{f"__splink__df_tf_{c}": f"donor_score_tf_{c}" for c in TF_COLUMNS}}


def splink_sql(linker: object, threshold: float, labels: str) -> str:
    """One SELECT of splink's predict pipeline for this linker (records in donor_score_records, pairs and term
    frequencies in the tables of _INPUTS): the pairs at or above threshold with weights, probabilities and the
    level columns of `labels` (SQL over the gammas, etl/donors.py)."""
    from splink.internals.comparison_vector_values import compute_comparison_vector_values_from_id_pairs_sqls
    from splink.internals.predict import predict_from_comparison_vectors_sqls_using_settings
    from splink.internals.term_frequencies import _join_tf_to_input_table_sql

    s = linker._settings_obj  # type: ignore[attr-defined]
    steps = [{"sql": _join_tf_to_input_table_sql(linker, "donor_score_records"),
              "output_table_name": "__splink__df_concat_with_tf"}]
    steps += compute_comparison_vector_values_from_id_pairs_sqls(
        s._columns_to_select_for_blocking, s._columns_to_select_for_comparison_vector_values,
        input_tablename_l="__splink__df_concat_with_tf", input_tablename_r="__splink__df_concat_with_tf",
        source_dataset_input_column=s.column_info_settings.source_dataset_input_column,
        unique_id_input_column=s.column_info_settings.unique_id_input_column, link_type=s._link_type,
        sql_dialect_str="duckdb")
    steps += predict_from_comparison_vectors_sqls_using_settings(s, None, threshold)
    ctes = ",\n".join(f"{q['output_table_name']} AS ({q['sql']})" for q in steps[:-1])
    sql = (f"SELECT record_id_l, record_id_r, match_weight, match_probability, {labels} FROM "
           f"(WITH {ctes}\n{steps[-1]['sql']})")
    for name, table in _INPUTS.items():
        sql = sql.replace(name, table)
    return sql


def keep(con: duckdb.DuckDBPyConnection, sql: str, threshold: float) -> None:
    """Keep the full build's scoring SQL for the next incremental build."""
    con.execute("DELETE FROM donor_scoring; INSERT INTO donor_scoring VALUES ($sql, $t)", {"sql": sql, "t": threshold})


def tf_rows_sql(source: str) -> str:
    """SELECT (column_name, value, records): how many records of `source` (rows with record_id and the TF_COLUMNS; a
    name from etl/donors.py or etl/donor_update.py) hold each value."""
    cols = ", ".join(f"any_value({c}) AS {c}" for c in TF_COLUMNS)
    counts = " UNION ALL ".join(f"SELECT '{c}' AS column_name, {c} AS value, count(*) AS records FROM r "
                                f"WHERE {c} IS NOT NULL GROUP BY {c}" for c in TF_COLUMNS)
    return f"WITH r AS (SELECT record_id, {cols} FROM {source} GROUP BY record_id) {counts}"


def keep_tf(con: duckdb.DuckDBPyConnection) -> None:
    """donor_term_frequencies from every record of a full build (its temp table donor_records, one row a record)."""
    con.execute(f"DELETE FROM donor_term_frequencies; INSERT INTO donor_term_frequencies {tf_rows_sql('donor_records')}")


def update_tf(con: duckdb.DuckDBPyConnection, old: str, new: str) -> None:
    """donor_term_frequencies less the records of relation `old` (rows of donor_features leaving), plus those of `new`."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_tf_delta AS
                    SELECT column_name, value, sum(records)::BIGINT AS records FROM (
                        SELECT column_name, value, -records AS records FROM ({tf_rows_sql(old)})
                        UNION ALL SELECT * FROM ({tf_rows_sql(new)}))
                    GROUP BY ALL HAVING sum(records) <> 0;
                    UPDATE donor_term_frequencies t SET records = t.records + d.records FROM donor_tf_delta d
                    WHERE t.column_name = d.column_name AND t.value = d.value;
                    INSERT INTO donor_term_frequencies SELECT * FROM donor_tf_delta d WHERE NOT EXISTS
                      (SELECT 1 FROM donor_term_frequencies t WHERE t.column_name = d.column_name AND t.value = d.value);
                    DELETE FROM donor_term_frequencies WHERE records = 0;
                    DROP TABLE donor_tf_delta""")


def tf_sql(col: str, values: str) -> str:
    """SELECT ({col}, tf_{col}): the term frequency of each value of relation `values` (one column, col) over every
    record, as splink computes it (records with the value / records with any value); col from TF_COLUMNS."""
    if col not in TF_COLUMNS:
        raise ValueError(f"not a term-frequency column: {col}")
    return f"""SELECT value AS {col}, CAST(records AS DOUBLE) / (SELECT sum(records)::BIGINT FROM donor_term_frequencies
                                                           WHERE column_name = '{col}') AS tf_{col}
               FROM donor_term_frequencies WHERE column_name = '{col}' AND value IN (SELECT {col} FROM {values})"""


def score(con: duckdb.DuckDBPyConnection, records: str, blocks: str, core: str | None = None) -> int:
    """Score the candidate pairs of the records (relation `records` joined to `blocks` by record_id) with the stored
    SQL and the term frequencies of donor_term_frequencies; with `core` (a relation of record_id), only the pairs
    that hold one of its records. Leaves donor_new_edges, returns the candidate pairs. Table names come from
    etl/donor_update.py, never from input."""
    stored = con.execute("SELECT sql FROM donor_scoring").fetchall()
    if not stored:
        raise RuntimeError("donor_scoring is empty: the warehouse was not built by a full build of this version")
    # splink's candidate pairs of a dedupe: record_id_l < record_id_r sharing a key of a rule; the first rule names it
    # (as in donors.SETTINGS); a core record's pairs are found from it (its partners are few: a key's block holds at
    # most BLOCK_CAP records), not from every pair of the blocks (7.0 CPU-s for them at 20M lines)
    if core is None:
        union = " UNION ALL ".join(
            f"SELECT l.record_id AS join_key_l, r.record_id AS join_key_r, {i} AS k FROM {blocks} l "
            f"JOIN {blocks} r ON l.{rule} = r.{rule} AND l.record_id < r.record_id"
            for i, rule in enumerate(donor_blocks.BLOCKS))
    else:
        union = " UNION ALL ".join(
            f"SELECT least(l.record_id, r.record_id) AS join_key_l, greatest(l.record_id, r.record_id) AS join_key_r, "
            f"{i} AS k FROM (SELECT * FROM {blocks} WHERE record_id IN (SELECT record_id FROM {core})) l "
            f"JOIN {blocks} r ON l.{rule} = r.{rule} AND l.record_id <> r.record_id"
            for i, rule in enumerate(donor_blocks.BLOCKS))
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_score_pairs AS
                    SELECT join_key_l, join_key_r, CAST(min(k) AS VARCHAR) AS match_key FROM ({union}) GROUP BY ALL""")
    where = "" if core is None else \
        "WHERE record_id IN (SELECT join_key_l FROM donor_score_pairs UNION SELECT join_key_r FROM donor_score_pairs)"
    con.execute(f"CREATE OR REPLACE TEMP TABLE donor_score_records AS SELECT * FROM {records} JOIN {blocks} "
                f"USING (record_id) {where}")
    for col in TF_COLUMNS:  # names from the constant above
        con.execute(f"CREATE OR REPLACE TEMP TABLE donor_score_tf_{col} AS {tf_sql(col, 'donor_score_records')}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE donor_new_edges AS {stored[0][0]} ORDER BY record_id_l, record_id_r")
    pairs = int(con.execute("SELECT count(*) FROM donor_score_pairs").fetchall()[0][0])
    for name in ("donor_score_records", "donor_score_pairs", *(f"donor_score_tf_{c}" for c in TF_COLUMNS)):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return pairs
