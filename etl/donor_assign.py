"""Donor ids from clusters: the assignment rule (one place) and its write into contributions.donor_id; the evidence."""

from __future__ import annotations

import duckdb

from etl import entities, explorer_index
from etl.model import rewrite

# Clusters take a registry person's id when their pinned rows name exactly one person; a cluster
# pinned to two people keeps the pins and gives its other rows their own id.
# The pins of a full build: the rows whose donor_id is set (the registry people's; ASSIGN_SQL's first statement
# clears every other id), so the join reads the few pinned rows, not every row's id.
_PINS = "LEFT JOIN (SELECT contribution_id, donor_id FROM contributions WHERE donor_id IS NOT NULL) c"
ASSIGN_SQL = f"""
UPDATE contribution_rows SET donor_id = NULL WHERE donor_id LIKE 'd:%';
CREATE OR REPLACE TEMP TABLE donor_assignment AS
WITH r AS (
    -- a record in no matched pair is its own cluster
    SELECT d.contribution_id, coalesce(k.cluster_id, d.record_id) AS cluster_id, c.donor_id AS pin
    FROM donor_rows d LEFT JOIN donor_clusters k ON k.record_id = d.record_id
    {_PINS} ON c.contribution_id = d.contribution_id),
per AS (SELECT cluster_id, count(DISTINCT pin) AS people, min(pin) AS person,
               min(contribution_id) FILTER (WHERE pin IS NULL) AS first_unpinned
        FROM r GROUP BY cluster_id)
SELECT r.contribution_id,
       CASE WHEN r.pin IS NOT NULL THEN r.pin
            WHEN p.people = 1 THEN p.person
            ELSE 'd:' || p.first_unpinned END AS donor_id
FROM r JOIN per p ON p.cluster_id = r.cluster_id;
"""
# One UPDATE of every individual row holds its whole undo and join in memory: at 20M lines it ran out of the 2 GB
# limit (OutOfMemoryException in bench_build.py --rows 20000000, issue 13). Written in parts of at most 4M rows,
# each its own statement, it stays within the limit (4M lines ran in one UPDATE at bd8aba8); each part scans the
# assignment and the table again, so a table that fits in one part is written in one. Inside an update's one
# transaction (etl/donor_update.py) the parts share its undo until it commits; its assignment holds only the
# part's rows (62,884 at 2M lines), and an update that runs out of memory rolls back, the warehouse as it was.
WRITE_SQL = """
UPDATE contribution_rows c SET donor_id = a.donor_id
FROM (SELECT * FROM donor_assignment WHERE hash(contribution_id) % $parts = $part) a
WHERE a.contribution_id = c.contribution_id AND c.donor_id IS DISTINCT FROM a.donor_id
"""
ROWS_PER_WRITE = 4_000_000


def write_assignment(con: duckdb.DuckDBPyConnection) -> None:
    """Write donor_assignment into contributions.donor_id, about ROWS_PER_WRITE rows per statement."""
    if explorer_index.exists(con):  # an update that kept the index writes the rows again (slow UPDATE otherwise)
        explorer_index.write_donor_ids(con)
        return
    n = con.execute("SELECT count(*) FROM donor_assignment").fetchall()[0][0]
    parts = max(1, -(-n // ROWS_PER_WRITE))
    for part in range(parts):
        con.execute(WRITE_SQL, {"parts": parts, "part": part})

# A part (etl/donor_update.py): the registry pins come from donor_pins (contribution_id, person_id), not from
# donor_id, which still holds the last build's ids; only rows whose donor_id differs are written
PART_ASSIGN_SQL = rewrite(ASSIGN_SQL.split(";", 1)[1], (_PINS, "LEFT JOIN donor_pins c"),
                          ("c.donor_id AS pin", "c.person_id AS pin"))

# Every row folded into a record, and every scored pair above the threshold (etl/donors.py).
EVIDENCE_SQL = """
DELETE FROM donor_match_evidence;
INSERT INTO donor_match_evidence
SELECT record_id, contribution_id, 'identical_record', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM donor_rows WHERE record_id <> contribution_id;
INSERT INTO donor_match_evidence
SELECT record_id_l, record_id_r, 'splink', joined, match_weight, match_probability, last_name_level, first_name_level,
       middle_initial_level, suffix_level, place_level, employer_level, occupation_level
FROM donor_edges;
"""


def assign_part(con: duckdb.DuckDBPyConnection, stored: str) -> dict[str, int]:
    """donor_id again for every row of an update's affected clusters (temp table donor_affected: record_id, cluster_id;
    `stored`: SQL of the rows, from etl/donor_update.py), registry pins first, as in a full build."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_rows AS SELECT contribution_id, record_id, last_name
                    FROM {stored} WHERE record_id IN (SELECT record_id FROM donor_affected)""")
    # the registry people pinned in these rows (entities.PIN_SQL over those whose last name is a registry
    # person's or that an override pins)
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_pin_rows AS SELECT contribution_id FROM donor_rows
                   WHERE last_name IN (SELECT last_name FROM registry_people)
                      OR contribution_id IN (SELECT value FROM registry_overrides WHERE kind = 'contribution_person')""")
    con.execute(rewrite(entities.PIN_SQL.split(";")[0],
                        ("FROM contributions c JOIN registry_people p",
                         "FROM (SELECT * FROM contributions WHERE contribution_id IN "
                         "(SELECT contribution_id FROM donor_pin_rows)) c JOIN registry_people p"),
                        ("WHERE kind = 'contribution_person' AND target IS NOT NULL",
                         "WHERE kind = 'contribution_person' AND target IS NOT NULL "
                         "AND value IN (SELECT contribution_id FROM donor_pin_rows)")))
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_pins AS
                   SELECT contribution_id, min(person_id) AS person_id FROM person_pins GROUP BY contribution_id""")
    con.execute(rewrite(PART_ASSIGN_SQL, ("donor_clusters", "donor_affected")))
    write_assignment(con)
    return {"rows": int(con.execute("SELECT count(*) FROM donor_rows").fetchall()[0][0]),
            "donors": int(con.execute("SELECT count(DISTINCT donor_id) FROM donor_assignment").fetchall()[0][0]),
            "pinned_rows": int(con.execute("SELECT count(*) FROM donor_pins").fetchall()[0][0])}
