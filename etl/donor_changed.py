"""The rows an incremental build's donor clustering (and attribution) starts from: the individual rows its loads wrote,
the stored rows that are gone, and their stored features (etl/donor_update.py, etl/attribution_update.py)."""

from __future__ import annotations

import duckdb

# the columns of contributions donors.PREPARE_SQL reads (a changed row's whole width cost a third more)
_READ = "contribution_id, entity_tp, contributor_name, city, state, zip_code, employer, occupation"


def changed_rows(con: duckdb.DuckDBPyConnection, load_ids: list[int]) -> bool:
    """Temp tables donor_changed (the individual rows of these loads, and the rows of donor_features that are gone:
    removed, replaced, or no longer individual), donor_changed_rows (the contributions of the first) and
    donor_changed_old (the stored features of donor_changed's rows); True when counts showed that no row vanished
    (only these loads' rows were read)."""
    new = "SELECT contribution_id FROM contributions WHERE load_id IN (SELECT unnest($ids))"
    # Every loader deletes its dataset's rows before it inserts, and a diffed bulk file replaces the rows of the SUB_IDs
    # it reads again (etl/sources/fec_bulk/diff.py): no kept row of a loaded dataset shares an id with its new rows, so
    # when the loads are of one dataset only the other datasets' rows are compared (a constant filter: their row groups
    # alone are read, 0.003 CPU-s against 0.069 for every row's id at 2M lines)
    datasets = [d for (d,) in con.execute("SELECT DISTINCT dataset FROM load_log WHERE load_id IN (SELECT unnest($ids))",
                                          {"ids": load_ids}).fetchall()]
    other = "AND dataset <> $d" if len(datasets) == 1 else ""
    # every kept individual row has its features (a full build wrote them, updates keep them): when the features
    # outnumber the kept individual rows by exactly the rows of these loads' ids, and no id of these loads is also a
    # kept row (one SUB_ID in two files), no row vanished and the anti-joins over every row (the slowest statements
    # of an update) are not needed; only these loads' rows are read. Features no more than the kept rows: no
    # feature's row was replaced either, and donor_features is not read
    features, kept, twice = con.execute(f"""SELECT (SELECT count(*) FROM donor_features),
        (SELECT count(*) FROM contributions WHERE is_individual(entity_tp) AND load_id NOT IN (SELECT unnest($ids))),
        -- by hash (integers probe faster than strings): a collision only sends the build the slow way
        (SELECT count(*) FROM contribution_rows WHERE load_id NOT IN (SELECT unnest($ids)) {other}
           AND hash(contribution_id) IN (SELECT hash(contribution_id) FROM ({new})))""",
        {"ids": load_ids} | ({"d": datasets[0]} if other else {})).fetchall()[0]
    replaced = 0 if features == kept or twice else con.execute(
        f"SELECT count(*) FROM donor_features WHERE contribution_id IN ({new})", {"ids": load_ids}).fetchall()[0][0]
    if features == kept + replaced and not twice:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_changed_rows AS SELECT {_READ} FROM contributions
                        WHERE load_id IN (SELECT unnest($ids)) AND is_individual(entity_tp)""", {"ids": load_ids})
        con.execute("CREATE OR REPLACE TEMP TABLE donor_changed AS SELECT contribution_id FROM donor_changed_rows")
        if replaced:
            con.execute(f"""INSERT INTO donor_changed SELECT contribution_id FROM donor_features
                            WHERE contribution_id IN ({new} AND NOT is_individual(entity_tp))""", {"ids": load_ids})
        _changed_old(con, bool(replaced))
        return True
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_changed AS
                    SELECT contribution_id FROM contributions
                    WHERE is_individual(entity_tp) AND (load_id IN (SELECT unnest($ids))
                                     OR contribution_id NOT IN (SELECT contribution_id FROM donor_features))
                    UNION ALL
                    SELECT contribution_id FROM donor_features WHERE contribution_id NOT IN
                      (SELECT contribution_id FROM contributions WHERE is_individual(entity_tp))""", {"ids": load_ids})
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_changed_rows AS SELECT {_READ} FROM contributions
                    WHERE contribution_id IN (SELECT contribution_id FROM donor_changed)""")
    _changed_old(con, True)
    return False


def _changed_old(con: duckdb.DuckDBPyConnection, stored: bool) -> None:
    """Temp table donor_changed_old: the stored features of donor_changed's rows (none when not `stored`)."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_changed_old AS SELECT * FROM donor_features
                    WHERE {"contribution_id IN (SELECT contribution_id FROM donor_changed)" if stored else "false"}""")
