"""Attribution in an incremental build: decide only the rows of the last names that changed (etl/entities.py's SQL).

A string's decision depends on the string and the registry alone; a bare word's row also on the rows of the
same person (same last and first name, and state) that name the organization without doubt. So with the
registry unchanged, the rows whose contributor's last name is one of the changed rows' (added, changed or
removed) are decided again with the very SQL of a full build (etl/entities.py, etl/attribution.py, over
attr_obs restricted to them), and every other row keeps its organization. employer_matches (counts over all
rows) is rebuilt from the kept decisions (attribution_names, attribution_rows). A registry change
attributes every row again (entities.resolve).
"""

from __future__ import annotations

import duckdb

from etl import attribution, entities

_APPLY = entities.APPLY_SQL.split(";")  # reset, name decisions, row decisions, employer_matches (delete, insert)
def update(con: duckdb.DuckDBPyConnection, load_ids: list[int]) -> dict[str, int]:
    """Attribute again the rows of the last names of these loads' rows and of removed rows; the rest keep theirs."""
    con.execute("""CREATE OR REPLACE TEMP TABLE attr_names AS
                   SELECT DISTINCT name_last(contributor_name) AS last_name FROM contributions
                   WHERE load_id IN (SELECT unnest($ids))
                   -- removed rows, and the name a changed row had (donor_features is still the last build's here)
                   UNION SELECT last_name FROM donor_features WHERE contribution_id NOT IN
                       (SELECT contribution_id FROM contributions WHERE load_id NOT IN (SELECT unnest($ids)))""",
                {"ids": load_ids})
    con.execute("""CREATE OR REPLACE TEMP TABLE attr_rows AS SELECT contribution_id FROM contributions c
                   SEMI JOIN attr_names n ON name_last(c.contributor_name) IS NOT DISTINCT FROM n.last_name""")
    part = "FROM contributions WHERE contribution_id IN (SELECT contribution_id FROM attr_rows)"
    con.execute(entities.OBS_SQL.replace("FROM contributions", part))
    attribution.decide(con)
    con.execute("""DELETE FROM attribution_rows WHERE row_id IN (SELECT row_id FROM attr_obs)
                     OR row_id NOT IN (SELECT contribution_id FROM contributions);
                   INSERT INTO attribution_rows SELECT row_id, org_id, rule, attributed FROM row_decisions;
                   INSERT INTO attribution_names SELECT kind, name, org_id, rule, attributed, by_row FROM name_decisions d
                   WHERE NOT EXISTS (SELECT 1 FROM attribution_names a WHERE a.kind = d.kind AND a.name = d.name)""")
    reset = _APPLY[0].replace("donor_id = NULL", "donor_id = NULL WHERE c.contribution_id IN (SELECT row_id FROM attr_obs)")
    matches = ";".join(_APPLY[3:]).replace("name_decisions", "attribution_names").replace("row_decisions",
                                                                                          "attribution_rows")
    con.execute(";".join([reset, *_APPLY[1:3], matches]))
    con.execute(entities.PIN_SQL.replace("FROM contributions c JOIN registry_people p",
                                         f"FROM (SELECT * {part}) c JOIN registry_people p")
                .replace("WHERE kind = 'contribution_person' AND target IS NOT NULL",
                         "WHERE kind = 'contribution_person' AND target IS NOT NULL "
                         "AND value IN (SELECT contribution_id FROM attr_rows)"))
    counts = {"attributed_rows": int(con.execute("SELECT count(*) FROM contributions WHERE org_id IS NOT NULL"
                                                 ).fetchall()[0][0]),
              "pinned_rows": int(con.execute("SELECT count(*) FROM person_pins").fetchall()[0][0]),
              "rows_decided": int(con.execute("SELECT count(*) FROM attr_rows").fetchall()[0][0])}
    attribution.drop(con)
    for name in ("person_pins", "attr_names", "attr_rows"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    con.execute("DROP VIEW IF EXISTS attr_obs")
    return counts
