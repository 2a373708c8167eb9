"""Donor clustering in an incremental build: re-cluster only the rows of the last names that changed.

Every blocking rule of etl/donor_blocks.py includes the last name, so every scored pair, every cluster and
every record (rows identical in every compared field) lies within one last name. A build that adds, changes or
removes rows re-clusters the rows of those rows' last names (old and new) and nothing else; the other rows keep
their donor_id. The compared fields of every row are kept in donor_features, so the new rows are the only ones
prepared again, and splink gets the term frequencies (last name, employer, occupation) of every record, not of
the part: the scores, clusters, donor_ids and evidence are those a full build gives (tests/test_incremental.py).
Only when the registry changed (registry people pin rows anywhere) is every row clustered again.
"""

from __future__ import annotations

import time

import duckdb

from etl import donors, entities

TF_COLUMNS = ("last_name", "employer_key", "occupation_key")  # SETTINGS' tf_adjustment_column values
_PARTITION = "last_name, first_name, middle_initial, suffix, city, state, zip5, zip9, employer_key, occupation_key"


def update(con: duckdb.DuckDBPyConnection, load_ids: list[int], timings: dict[str, float] | None = None
           ) -> dict[str, int]:
    """Re-cluster the rows of the last names that rows of these loads (or removed rows) bring; the others keep theirs.

    timings, if given, receives the seconds of choosing the part (select) and of cluster_donors' steps."""
    t = time.perf_counter()
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_changed AS
                   SELECT contribution_id FROM contributions
                   WHERE (entity_tp = 'IND' OR entity_tp IS NULL)
                     AND (load_id IN (SELECT unnest($ids)) OR contribution_id NOT IN (SELECT contribution_id FROM donor_features))
                   UNION ALL
                   SELECT contribution_id FROM donor_features WHERE contribution_id NOT IN
                     (SELECT contribution_id FROM contributions WHERE entity_tp = 'IND' OR entity_tp IS NULL)""",
                {"ids": load_ids})
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_changed_rows AS
                   SELECT * FROM contributions WHERE contribution_id IN (SELECT contribution_id FROM donor_changed)""")
    con.execute(donors.PREPARE_SQL.replace("FROM contributions", "FROM donor_changed_rows"),
                {"nicknames": donors.NICKNAMES, "generic": donors.GENERIC})
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_names AS
                   SELECT DISTINCT last_name FROM donor_rows
                   UNION SELECT last_name FROM donor_features
                   WHERE contribution_id IN (SELECT contribution_id FROM donor_changed)""")
    # the part: the kept rows of those last names and the changed rows, records named again over all of them
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_part AS
        SELECT * EXCLUDE (record_id),
               CASE WHEN first_name IS NOT NULL AND zip5 IS NOT NULL
                    THEN min(contribution_id) OVER (PARTITION BY {_PARTITION}) ELSE contribution_id END AS record_id
        FROM (SELECT f.* FROM donor_features f SEMI JOIN donor_names n ON f.last_name IS NOT DISTINCT FROM n.last_name
              WHERE f.contribution_id NOT IN (SELECT contribution_id FROM donor_changed)
              UNION ALL BY NAME SELECT * FROM donor_rows)""")
    con.execute("""DELETE FROM donor_match_evidence WHERE contribution_id_l IN
                   (SELECT f.contribution_id FROM donor_features f SEMI JOIN donor_names n
                      ON f.last_name IS NOT DISTINCT FROM n.last_name
                    UNION SELECT contribution_id FROM donor_part)""")
    con.execute("""DELETE FROM donor_features WHERE contribution_id IN (SELECT contribution_id FROM donor_changed)
                   OR last_name IN (SELECT last_name FROM donor_names) OR (last_name IS NULL AND EXISTS
                      (SELECT 1 FROM donor_names WHERE last_name IS NULL));
                   INSERT INTO donor_features BY NAME SELECT * FROM donor_part;
                   CREATE OR REPLACE TEMP TABLE donor_rows AS SELECT * FROM donor_part""")
    tf = {col: con.sql(f"""WITH r AS (SELECT any_value({col}) AS v FROM donor_features GROUP BY record_id)
                           SELECT v AS {col}, CAST(count(*) AS DOUBLE) / (SELECT count(v) FROM r) AS tf_{col}
                           FROM r WHERE v IS NOT NULL GROUP BY v""").to_arrow_table() for col in TF_COLUMNS}
    # the registry people pinned in the part (entities.PIN_SQL over its rows whose last name is a registry
    # person's or that an override pins); the other rows keep their donor_id, as nothing reset it
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_pin_rows AS SELECT contribution_id FROM donor_part
                   WHERE last_name IN (SELECT last_name FROM registry_people)
                      OR contribution_id IN (SELECT value FROM registry_overrides WHERE kind = 'contribution_person')""")
    con.execute(entities.PIN_SQL.split(";")[0]
                .replace("FROM contributions c JOIN registry_people p",
                         "FROM (SELECT * FROM contributions WHERE contribution_id IN "
                         "(SELECT contribution_id FROM donor_pin_rows)) c JOIN registry_people p")
                .replace("WHERE kind = 'contribution_person' AND target IS NOT NULL",
                         "WHERE kind = 'contribution_person' AND target IS NOT NULL "
                         "AND value IN (SELECT contribution_id FROM donor_pin_rows)"))
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_pins AS
                   SELECT contribution_id, min(person_id) AS person_id FROM person_pins GROUP BY contribution_id""")
    if timings is not None:
        timings["select"] = time.perf_counter() - t
    counts = donors.cluster_donors(con, timings=timings, tf=tf)
    counts["pinned_rows"] = int(con.execute("SELECT count(*) FROM donor_pins").fetchall()[0][0])
    for name in ("person_pins", "donor_pins", "donor_pin_rows", "donor_changed", "donor_changed_rows", "donor_names",
                 "donor_part", "donor_rows"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return counts
