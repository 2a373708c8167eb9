"""Attribution in an incremental build: decide only the changed rows and the rows their decision touches
(etl/entities.py's SQL).

A string's decision depends on the string and the registry alone; a bare word's row also on the rows of the
same person (same last and first name, and state) that name the organization without doubt. So with the
registry unchanged, the rows decided again, with the very SQL of a full build (etl/entities.py,
etl/attribution.py, over attr_obs restricted to them), are the rows of these loads and, among the other rows
of the changed last names (added, changed or removed rows'), only those a bare word's decision reads: the
rows decided row by row (attribution_rows) and the rows attributed by their string (org_id set: the `sure`
rows of the same person). Every other row keeps its organization; its last name is never computed.
employer_matches (counts over all rows) is rebuilt from the kept decisions (attribution_names,
attribution_rows). A registry change attributes every row again (entities.resolve).
"""

from __future__ import annotations

import duckdb

from etl import attribution, db, donor_changed, entities
from etl.model import rewrite

_APPLY = entities.APPLY_SQL.split(";")  # reset, name decisions, row decisions, employer_matches (delete, insert)

def update(con: duckdb.DuckDBPyConnection, load_ids: list[int]) -> dict[str, int]:
    """Attribute again these loads' rows and the rows whose decision reads rows of their last names; the rest keep theirs."""
    # left for etl/donor_update.py; fast: no row vanished and no id of these loads is another load's
    fast = donor_changed.changed_rows(con, load_ids)
    with db.transaction(con):  # the part's rows are written back by rowid (rid), stable inside a transaction
        counts = _update(con, load_ids, fast)
    attribution.drop(con)
    for name in ("attr_names", "attr_part", "attr_final", "attr_matches_old", "attr_matches"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute("DROP VIEW IF EXISTS attr_obs")
    return counts


def _only_new(con: duckdb.DuckDBPyConnection) -> bool:
    """True when this update's change set (etl/changes.py's chg_rows) holds only new rows: none gone or re-ruled."""
    return bool(con.execute("""SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'chg_rows'"""
                            ).fetchall()[0][0]) and not con.execute(
        "SELECT count(*) FROM chg_rows WHERE state <> 'new'").fetchall()[0][0]


def _matches(where: str) -> str:
    """SELECT: employer_matches' counts (name, org_id, rule, attributed, rows, amount) of the attr_part rows `where`
    (a condition from this module), by the kept decisions."""
    insert = _APPLY[4].split("INSERT INTO employer_matches", 1)[1]
    select = rewrite(insert, ("name_decisions", "attribution_names"), ("row_decisions", "attribution_rows"),
                     ("JOIN contributions c", f"JOIN (SELECT * FROM attr_part WHERE {where}) c"))
    return f"SELECT * FROM ({select}) m(name, org_id, rule, attributed, rows, amount)"


def _update(con: duckdb.DuckDBPyConnection, load_ids: list[int], fast: bool) -> dict[str, int]:
    """update() inside its transaction: decide the part, write the rows whose organization or rule differs."""
    con.execute("""CREATE OR REPLACE TEMP TABLE attr_names AS
                   SELECT DISTINCT name_last(contributor_name) AS last_name FROM contributions
                   WHERE load_id IN (SELECT unnest($ids))
                   -- removed rows, and the name a changed row had (donor_features is still the last build's here)
                   UNION SELECT last_name FROM donor_changed_old""",
                {"ids": load_ids})
    # name_last() only over the rows a bare word's decision can read (a few per cent), not over every row; the
    # part's fields read once (attr_obs is read five times by the decisions, each a scan of every row as a view).
    # Copies of a row share its id: when one of these loads' ids is also another load's, every copy of a part id
    part = """SELECT rowid AS rid, contribution_id, entity_tp, employer, contributor_name, occupation, city, state, org_id,
                     org_match, amount, counted(count_rule) AS counts_in_totals, {fresh} AS fresh FROM contribution_rows"""
    chosen = f"""{part.format(fresh="true")} WHERE load_id IN (SELECT unnest($ids))
                  UNION ALL {part.format(fresh="false")} WHERE load_id NOT IN (SELECT unnest($ids))
                    AND (org_id IS NOT NULL OR contribution_id IN (SELECT row_id FROM attribution_rows))
                    AND name_last(contributor_name) IN (SELECT last_name FROM attr_names)"""
    if fast:
        con.execute(f"CREATE OR REPLACE TEMP TABLE attr_part AS {chosen}", {"ids": load_ids})
    else:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE attr_part AS {part.format(fresh="NULL")}
                        WHERE contribution_id IN (SELECT contribution_id FROM ({chosen}))""", {"ids": load_ids})
    con.execute(rewrite(entities.OBS_SQL, ("FROM contributions", "FROM attr_part")))
    attribution.decide(con)
    # removed rows' decisions: the rows of attribution_rows (a few hundred) looked up, not every row's id hashed; not
    # needed when the change set holds only new rows (fast alone counts individual rows: an ORG row can vanish)
    delta = fast and _only_new(con)
    gone = "" if delta else """OR row_id NOT IN (SELECT contribution_id FROM contributions
                                                 WHERE contribution_id IN (SELECT row_id FROM attribution_rows))"""
    if delta:  # the part's earlier rows as the stored decisions counted them in employer_matches
        con.execute(f"CREATE OR REPLACE TEMP TABLE attr_matches_old AS {_matches('NOT fresh')}")
    con.execute(f"""DELETE FROM attribution_rows WHERE row_id IN (SELECT row_id FROM attr_obs) {gone};
                    INSERT INTO attribution_rows SELECT row_id, org_id, rule, attributed FROM row_decisions;
                    INSERT INTO attribution_names SELECT kind, name, org_id, rule, attributed, by_row FROM name_decisions d
                    WHERE NOT EXISTS (SELECT 1 FROM attribution_names a WHERE a.kind = d.kind AND a.name = d.name)""")
    # entities.APPLY_SQL resets every row and sets it again; here the decided rows' organization is worked out
    # first and only the rows whose organization or rule differs are written (an UPDATE costs per row written),
    # found by rowid. donor_id is left alone: the rows whose organization changed are left in attr_moved, whose
    # clusters etl/donor_update.py pins and assigns again (the caller drops it)
    con.execute("""CREATE OR REPLACE TEMP TABLE attr_final AS
        SELECT c.contribution_id, coalesce(r.org_id, d.org_id) AS org_id, coalesce(r.rule, d.rule) AS org_match
        FROM attr_part c
        LEFT JOIN name_decisions d ON d.attributed AND d.kind = attribution_kind(c.entity_tp)
                                               AND d.name = attribution_name(c.entity_tp, c.employer, c.contributor_name)
        LEFT JOIN row_decisions r ON r.attributed AND r.row_id = c.contribution_id
        QUALIFY row_number() OVER (PARTITION BY c.contribution_id) = 1;
        CREATE OR REPLACE TEMP TABLE attr_moved AS
        SELECT f.contribution_id, is_individual(c.entity_tp) AS individual, name_last(c.contributor_name) AS last_name
        FROM attr_final f JOIN attr_part c USING (contribution_id) WHERE c.org_id IS DISTINCT FROM f.org_id;
        UPDATE contribution_rows c SET org_id = f.org_id, org_match = f.org_match
        FROM (SELECT p.rid, f.org_id, f.org_match FROM attr_final f JOIN attr_part p USING (contribution_id)
              WHERE p.org_id IS DISTINCT FROM f.org_id OR p.org_match IS DISTINCT FROM f.org_match) f
        WHERE c.rowid = f.rid""")
    if delta:
        # employer_matches by the part's delta: every other row keeps its decisions, amount and rule (no row vanished,
        # none was re-ruled), so its counts stand; a count of every row was a pass over all of them
        con.execute(f"""CREATE OR REPLACE TEMP TABLE attr_matches AS
            SELECT employer, org_id, rule, attributed, sum(rows)::BIGINT AS rows, sum(amount) AS amount FROM (
                SELECT employer, org_id, rule, attributed, rows, amount FROM employer_matches
                UNION ALL SELECT name, org_id, rule, attributed, -rows, -amount FROM attr_matches_old
                UNION ALL SELECT name, org_id, rule, attributed, rows, amount FROM ({_matches('true')}))
            GROUP BY ALL HAVING sum(rows) <> 0;
            DELETE FROM employer_matches;
            INSERT INTO employer_matches SELECT * FROM attr_matches""")
    else:
        con.execute(rewrite(";".join(_APPLY[3:]), ("name_decisions", "attribution_names"),
                            ("row_decisions", "attribution_rows")))
    return {"attributed_rows": int(con.execute("SELECT count(*) FROM contributions WHERE org_id IS NOT NULL"
                                               ).fetchall()[0][0]),
            "rows_decided": int(con.execute("SELECT count(DISTINCT contribution_id) FROM attr_part").fetchall()[0][0])}
