"""The stored donor pairs of an incremental build's changed last names, and how their weights move with the term
frequencies (etl/donor_update.py).

A pair the update does not score again (two records whose fields and block keys did not change) keeps the weight of
the build that scored it, but splink weighs an exact match of a term-frequency column (last name, employer,
occupation) by how common the value is: a constant less log2(greatest(tf, the level's minimum u)). Records added or
removed move those frequencies, so each such pair of the changed last names gets, for each column at its
tf-adjusted level, log2 of the value's frequency before over now added; a pair that falls below the threshold goes,
as a full build would not keep it. Pairs of the other last names keep their weights (their employers' and
occupations' frequencies move too, by the records the update adds elsewhere: `--full` scores every pair again).
"""

from __future__ import annotations

import duckdb

from etl import donor_score, donors

# each term-frequency column's label and minimum u of its tf-adjusted level
_TF_ADJUSTED = {lv["tf_adjustment_column"]: (lv["label_for_charts"], lv.get("tf_minimum_u_value", 0.0))
                for c in donors.SETTINGS["comparisons"] for lv in c["comparison_levels"] if "tf_adjustment_column" in lv}
LEVELS = tuple(donors.LEVEL_COLUMNS.values())


def tf(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Temp table `name` (a name from etl/donor_update.py): (column_name, value, tf), the term frequency of each value of the
    changed blocks' last names and of the employers and occupations of their records."""
    values = {"last_name": "donor_hit"} | {c: "donor_names" for c in donor_score.TF_COLUMNS if c != "last_name"}
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS " + " UNION ALL ".join(
        f"SELECT '{c}' AS column_name, {c} AS value, tf_{c} AS tf FROM ({donor_score.tf_sql(c, values[c])})"
        for c in donor_score.TF_COLUMNS))


def name_pairs(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table donor_name_pairs: the stored pairs of the changed blocks' last names (no pair crosses last names),
    with their rowid eid (stable inside the caller's transaction) and the term-frequency values of the first record."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_name_pairs AS
                    SELECT e.rowid AS eid, e.contribution_id_l, e.contribution_id_r, e.match_weight, e.match_probability,
                           {", ".join(f"e.{c}" for c in LEVELS)}, e.joined, f.* EXCLUDE (contribution_id)
                    FROM donor_match_evidence e
                    JOIN (SELECT contribution_id, {", ".join(donor_score.TF_COLUMNS)} FROM donor_names
                          WHERE record_id = contribution_id) f
                      ON f.contribution_id = e.contribution_id_l
                    WHERE e.evidence = 'splink'""")


def reweigh(con: duckdb.DuckDBPyConnection) -> None:
    """Inside the caller's transaction: donor_tf_moved (the pairs of donor_name_pairs whose last name's, employer's or
    occupation's term frequency moved, donor_tf_old against donor_tf_new), their stored weights moved or dropped."""
    # a column's part of a weight at its tf-adjusted level is a constant less log2(greatest(tf, its minimum u)), as in
    # splink's SQL (etl/donor_score.py); a value whose term frequency moved moves it by the difference
    shift = " + ".join(
        f"""CASE WHEN p.{donors.LEVEL_COLUMNS[c]} = '{label}' THEN coalesce(log2(greatest(o_{c}.tf, {low}))
                                                                  - log2(greatest(n_{c}.tf, {low})), 0) ELSE 0 END"""
        for c, (label, low) in _TF_ADJUSTED.items())
    joins = " ".join(f"LEFT JOIN donor_tf_old o_{c} ON o_{c}.column_name = '{c}' AND o_{c}.value = p.{c} "
                     f"LEFT JOIN donor_tf_new n_{c} ON n_{c}.column_name = '{c}' AND n_{c}.value = p.{c}"
                     for c in _TF_ADJUSTED)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_tf_moved AS
                   SELECT eid, record_l, record_r, match_weight + shift < $t AS dropped, shift FROM (
                     SELECT p.eid, p.contribution_id_l AS record_l, p.contribution_id_r AS record_r, p.match_weight,
                            {shift} AS shift
                     FROM donor_name_pairs p {joins})
                   WHERE shift <> 0""", {"t": donors.THRESHOLD})
    # by rowid: joined on the two ids, the UPDATE read both of every stored pair (0.14 CPU-s at 2M lines); every
    # stored pair was at or above the threshold (splink's predict keeps no other, updates drop those that fall), so
    # only a moved one can be below it now
    con.execute("""UPDATE donor_match_evidence e SET match_weight = e.match_weight + m.shift,
                          match_probability = 1 - 1 / (1 + pow(2, e.match_weight + m.shift))
                   FROM donor_tf_moved m WHERE e.rowid = m.eid AND NOT m.dropped;
                   DELETE FROM donor_match_evidence WHERE rowid IN (SELECT eid FROM donor_tf_moved WHERE dropped)""")
