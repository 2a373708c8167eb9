"""Donor clustering in an incremental build: score again only the pairs of the records that changed.

A pair of records is scored when it shares a capped block key of one rule (etl/donor_blocks.py); a record's key
depends only on the records of its coarsest block (last name + first initial + state, last name + ZIP5, last name
+ first name + employer). So a build that adds, changes or removes rows changes keys and pairs only in the coarse
blocks those rows fall in (old and new fields): the part is the records of those blocks. Their keys of those
blocks are computed again over the part (which holds every record of them); their keys of the other rules are the
stored ones (donor_features.block_*). The core is the part's records whose pairs can differ from the stored ones:
new or renamed records, records whose key of a rule moved, records that hold a changed row. Every candidate pair
of a core record is scored with splink's own predict SQL, kept by the full build (etl/donor_score.py: no splink
set-up), with the term frequencies of every record (donor_term_frequencies, updated by the part's delta). Any
other pair was a candidate before exactly when it is now, with the same fields: it keeps its stored score, moved
by the change of its values' term frequencies (etl/donor_reweigh.py; dropped if that takes it below the
threshold). The clusters of every connected component (of the pairs above the threshold) that holds a core record,
a record a new row joined, a record of a pair dropped or gone, a row whose organization attribution changed (its
registry pin may change), or a reweighed pair where a pair was kept apart (the order of the joins matters there),
are joined again from all their pairs, as a full build joins them; their rows get their donor_id again (only
differing ones are written). Every other row keeps its donor_id. When no stored row changed or left, the part
holds only each record's own row (its smallest contribution_id; a record's rows share every compared field) and the
other rows of a record renamed or moved. The result is a full build's (tests/test_incremental.py,
tests/test_incremental_core.py), except the weights of the pairs of other last names, which keep the term
frequencies of the build that scored them.
Only when the registry changed (registry people pin rows anywhere) is every row clustered again.
"""

from __future__ import annotations

import time

import duckdb

from etl import db, donor_assign, donor_blocks, donor_changed, donor_reweigh, donor_score, donors
from etl.model import rewrite

_PARTITION = "last_name, first_name, middle_initial, suffix, city, state, zip5, zip9, employer_key, occupation_key"
_RULES = list(donor_blocks.BLOCKS)


def _coarse(alias: str) -> str:
    """SELECT list: each rule's coarsest key (coarse_<rule>) of the donor_features-shaped relation alias."""
    cols = {c: f"{alias}.{c}" for c in donor_blocks.COLUMNS} | {"first_initial": f"left({alias}.first_name, 1)"}
    out = []
    for rule in _RULES:
        sql = donor_blocks.coarse_sql(rule)
        for c in sorted(cols, key=len, reverse=True):  # first_initial before first_name
            sql = sql.replace(f"{c}::VARCHAR", f"({cols[c]})::VARCHAR")
        out.append(f"{sql} AS coarse_{rule}")
    return ", ".join(out)


def _fields(rule: str, alias: str) -> dict[str, str]:
    """The fields of a rule's coarsest key (name -> SQL over relation alias; first_initial from first_name)."""
    return {c: f"left({alias}.first_name, 1)" if c == "first_initial" else f"{alias}.{c}"
            for c in donor_blocks.BLOCKS[rule][0]}


def update(con: duckdb.DuckDBPyConnection, load_ids: list[int], timings: dict[str, float] | None = None,
           moved: str | None = None) -> dict[str, int]:
    """Score again the records of the coarse blocks of these loads' rows (and removed rows); join again the
    components they and the rows of the temp table `moved` (organization changed) are in.

    timings, if given, receives the seconds of choosing the part (select), prep, predict, union and assign."""
    # build.derive runs this on one thread (etl/one_thread.py): 2.4-2.9 CPU-s against 2.8-3.4 on two at 2M lines
    # (bench/profile_update.py --threads 1, three alternating pairs, 29 November 2026)
    # one transaction for all its writes: each commit (and each autocommitted write) cost a WAL flush, three
    # COMMITs 0.29-0.33 CPU-s at 2M lines; rowids read inside it (fid, eid, the rows rewritten) stay valid in it
    with db.transaction(con):
        return _update(con, load_ids, timings, moved)


def _update(con: duckdb.DuckDBPyConnection, load_ids: list[int], timings: dict[str, float] | None,
            moved: str | None) -> dict[str, int]:
    """update() inside its transaction."""
    spent = timings if timings is not None else {}
    t = time.perf_counter()
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'donor_changed'"
                       ).fetchall()[0][0]:
        donor_changed.changed_rows(con, load_ids)  # else etl/attribution_update.py made them for these loads
    con.execute(rewrite(donors.PREPARE_SQL, ("FROM contributions", "FROM donor_changed_rows")),
                {"nicknames": donors.NICKNAMES, "generic": donors.GENERIC})
    # the coarse blocks of the changed rows, with their fields now and before (donor_changed_old, by changed_rows)
    coarse = ", ".join(f"coarse_{r}" for r in _RULES)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_hit AS
        SELECT DISTINCT last_name, {coarse} FROM (
            SELECT last_name, {_coarse("n")} FROM donor_rows n
            UNION ALL SELECT last_name, {_coarse("o")} FROM donor_changed_old o)""")
    # the rows of donor_features are found once, by rowid (fid), stable inside update()'s transaction
    by_record = _part(con)
    # the part's features written: the changed rows' (their old ones, if any, out by id) and those of the kept
    # rows (fid) whose record or block keys moved (out by rowid); the other kept rows stay as they are (all
    # 21,061 of them in the +2% update at 2M lines)
    differs = " OR ".join(f"b.{c} IS DISTINCT FROM k.{c}" for c in _RULES)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_write AS
        SELECT p.* EXCLUDE (fid), b.* EXCLUDE (record_id), p.fid FROM donor_part p
        JOIN donor_part_blocks b USING (record_id) LEFT JOIN donor_kept k ON k.fid = p.fid
        WHERE p.fid IS NULL OR p.record_id <> k.record_id OR {differs}""")
    con.execute("DELETE FROM donor_features WHERE rowid IN (SELECT fid FROM donor_write WHERE fid IS NOT NULL)")
    if not by_record:  # stored rows changed or left: their old features out
        con.execute("""DELETE FROM donor_features
                       WHERE contribution_id IN (SELECT contribution_id FROM donor_changed_old)""")
    con.execute("INSERT INTO donor_features BY NAME SELECT * EXCLUDE (fid) FROM donor_write")
    spent["select"] = time.perf_counter() - t
    t = time.perf_counter()
    n_records = int(con.execute("SELECT count(*) FROM donor_records").fetchall()[0][0])
    pairs = donor_score.score(con, "donor_records", "donor_part_blocks", "donor_core")
    spent["predict"] = time.perf_counter() - t
    t = time.perf_counter()
    looked_up, stored, outside = _stored(con, moved, by_record)
    counts = _join(con, moved, looked_up, outside)
    spent["union"] = time.perf_counter() - t
    t = time.perf_counter()
    counts.update(donor_assign.assign_part(con, stored))
    spent["assign"] = time.perf_counter() - t
    counts.update({"records": n_records, "candidate_pairs": pairs})
    for name in ("person_pins", "donor_pins", "donor_pin_rows", "donor_changed", "donor_changed_rows", "donor_hit",
                 "donor_part", "donor_rows", "donor_leaving", "donor_identical_moved", "donor_kept", "donor_changed_old",
                 "donor_old_records", "donor_records", "donor_blocks", "donor_part_blocks",
                 "donor_tf_old", "donor_tf_new", "donor_tf_moved", "donor_name_pairs", "donor_edges", "donor_affected",
                 "donor_assignment", "donor_new_edges", "donor_components", "donor_joined", "donor_clusters",
                 "donor_names", "donor_write", "donor_wanted", "donor_outside", "donor_core", "donor_doomed", "donor_cut",
                 "donor_followed", "donor_followers",
                 *(f"donor_hit_{r}" for r in _RULES)):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    return counts


def _part(con: duckdb.DuckDBPyConnection) -> bool:
    """Temp tables of the part (inside the caller's transaction): donor_kept (the kept rows of the changed coarse blocks,
    with their rowid fid), donor_part (them and the changed rows, records named again), donor_leaving (the rows the
    part held before), donor_old_records, donor_records, donor_part_blocks; term frequencies by the part's delta. True
    when donor_names holds of the rows not kept only their records' own rows (no stored row changed or left)."""
    # every key holds the last name: the rows of the changed last names first, with only the fields of the coarse keys,
    # compared field by field (as the keys: no field but state can hold their separator '|', and state comes last); of
    # the kept rows the other columns are then read by rowid (a scattered read costs every row group it reads)
    # (and the term-frequency columns, which every record own row keeps: the stored pairs' weights move with them)
    cols = sorted({c for r in _RULES for c in donor_blocks.BLOCKS[r][0]} - {"first_initial"} | {"first_name"}
                  | set(donor_score.TF_COLUMNS))
    rest = [c for c in (*donors._FIELDS.split(", "), *_RULES) if c not in cols]
    for r in _RULES:
        con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_hit_{r} AS SELECT DISTINCT
                        {", ".join(f"{sql} AS {c}" for c, sql in _fields(r, "n").items())}
                        FROM (SELECT * FROM donor_rows UNION ALL BY NAME SELECT * FROM donor_changed_old) n""")
    # each rule's hit blocks are distinct: a LEFT JOIN finds at most one (correlated EXISTS: 0.47 CPU-s, not 0.35)
    joins = " ".join(f"LEFT JOIN donor_hit_{r} h_{r} ON "
                     + " AND ".join(f"h_{r}.{c} = {sql}" for c, sql in _fields(r, "c").items()) for r in _RULES)
    hit = " OR ".join(f"h_{r}.last_name IS NOT NULL" for r in _RULES)
    # a name without a last name (", QUINN") has no block key, but rows alike in every field are still one record
    # (the record's PARTITION BY takes NULLs as equal): when a changed row has none, every such stored row is kept
    nameless = bool(con.execute("SELECT count(*) FROM donor_hit WHERE last_name IS NULL").fetchall()[0][0])
    if nameless:
        hit = f"({hit}) OR c.last_name IS NULL"
    by_record = _by_record(con)
    if not by_record:  # a changed row's stored features are neither kept nor outside (kept NULL)
        hit = f"CASE WHEN c.contribution_id IN (SELECT contribution_id FROM donor_changed_old) THEN NULL ELSE ({hit}) END"
    # the rows of the changed last names as stored (their pairs, and the rows of the components, are found in them),
    # each marked kept (in a changed coarse block) or not in the same pass; only a kept row keeps its coarse fields
    # (a temp table costs per value written: the three tables this replaces cost 0.52 CPU-s at 2M lines). When no
    # stored row changed or left, a record's rows share every field (donor_features.record_id), so only each record's
    # own row (record_id = contribution_id) is kept: 161,729 of 643,937 rows in the +2% update at 2M lines (145,748
    # records, 5,080 of them kept, with 21,061 rows in all); the other rows of a kept record follow it where it was
    # renamed or its key moved (_followers), and _join reads those of the records it joins again
    coarse = ", ".join(c if c in donor_score.TF_COLUMNS else f"CASE WHEN kept THEN {c} END AS {c}"
                       for c in cols if c != "last_name")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_names AS
                    SELECT fid, contribution_id, record_id, last_name, kept, {coarse} FROM (
                        SELECT c.fid, c.contribution_id, c.record_id, {", ".join(f"c.{x}" for x in cols)}, {hit} AS kept
                        FROM (SELECT rowid AS fid, contribution_id, record_id, {", ".join(cols)} FROM donor_features
                              WHERE last_name IN (SELECT last_name FROM donor_hit)
                                 {"OR last_name IS NULL" if nameless else ""}) c {joins})
                    {"WHERE record_id = contribution_id" if by_record else ""}""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_kept AS
        SELECT n.* EXCLUDE (kept), x.* EXCLUDE (xfid)
        FROM (SELECT * FROM donor_names WHERE kept) n
        JOIN (SELECT rowid AS xfid, {", ".join(rest)} FROM donor_features
              WHERE rowid IN (SELECT fid FROM donor_names WHERE kept)) x ON x.xfid = n.fid""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_part AS
        SELECT * EXCLUDE (record_id),
               CASE WHEN first_name IS NOT NULL AND zip5 IS NOT NULL
                    THEN min(contribution_id) OVER (PARTITION BY {_PARTITION}) ELSE contribution_id END AS record_id
        FROM (SELECT * EXCLUDE ({", ".join(_RULES)}) FROM donor_kept UNION ALL BY NAME SELECT * FROM donor_rows)""")
    # the rows the part held before as stored (for the term frequencies, the records whose stored pairs are scored
    # again or gone, the identical-record evidence, and the stored keys of the blocks that did not change)
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_leaving AS
                   SELECT * EXCLUDE (fid) FROM donor_kept UNION ALL BY NAME SELECT * FROM donor_changed_old""")
    # (with each record's stored block keys, read by the kept keys and the core below)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_old_records AS SELECT record_id,
                    {", ".join(f"any_value({r}) AS {r}" for r in _RULES)} FROM donor_leaving GROUP BY record_id""")
    con.execute(rewrite(donors.RECORDS_SQL, ("FROM donor_rows", "FROM donor_part")))
    con.execute(donor_blocks.blocks_sql(), {"cap": donor_blocks.BLOCK_CAP})
    # a rule whose coarse block holds no changed row keeps the record's stored key (its block is unchanged; a record's
    # stored rows are all in the part when one is, as they share every field); a record now without a coarse key (an
    # employer become RETIRED) has no block for that rule, whatever it had before
    keep = ", ".join(f"CASE WHEN k.coarse_{r} IS NULL OR k.coarse_{r} IN (SELECT coarse_{r} FROM donor_hit) THEN b.{r} "
                     f"ELSE s.{r} END AS {r}" for r in _RULES)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_part_blocks AS
        SELECT b.record_id, {keep}
        FROM donor_blocks b
        JOIN (SELECT record_id, {_coarse("d")} FROM donor_records d) k USING (record_id)
        LEFT JOIN donor_old_records s USING (record_id)""")
    # the core: the records whose pairs can differ from the stored ones (a new or renamed record, one whose key of a rule
    # moved, one that holds a changed row); a pair of two other records of the part was a candidate before exactly when
    # it is now, with the same fields, so its stored score stands (moved by its values' term frequencies, as outside
    # the part: etl/donor_reweigh.py). The doomed: the old records that are gone or core, whose stored pairs go
    moved = " OR ".join(f"b.{r} IS DISTINCT FROM s.{r}" for r in _RULES)
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_core AS
        SELECT b.record_id FROM donor_part_blocks b LEFT JOIN donor_old_records s ON s.record_id = b.record_id
        WHERE s.record_id IS NULL OR {moved} OR b.record_id IN
            (SELECT record_id FROM donor_part WHERE contribution_id IN (SELECT contribution_id FROM donor_changed_old))""")
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_doomed AS SELECT record_id FROM donor_old_records
                   WHERE record_id NOT IN (SELECT record_id FROM donor_records)
                      OR record_id IN (SELECT record_id FROM donor_core)""")
    donor_reweigh.tf(con, "donor_tf_old")
    # term frequencies by the part's delta: the records it held before out, its records now in
    donor_score.update_tf(con, "donor_leaving", "donor_part")
    if by_record:
        _followers(con, [*cols, *rest])
    return by_record


def _followers(con: duckdb.DuckDBPyConnection, cols: list[str]) -> None:
    """The other rows of the kept records renamed (a new row of a smaller id joined them) or whose key moved, into
    donor_kept and donor_leaving as stored and into donor_part as now: the part holds only records' own rows else."""
    # (no stored row changed here: a kept record in the core was renamed or its key moved)
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_followed AS
        SELECT k.record_id AS old_id, p.record_id AS new_id FROM donor_kept k JOIN donor_part p ON p.fid = k.fid
        WHERE p.record_id <> k.record_id OR p.record_id IN (SELECT record_id FROM donor_core)""")
    if not con.execute("SELECT count(*) FROM donor_followed").fetchall()[0][0]:
        return
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_followers AS
        SELECT rowid AS fid, contribution_id, record_id, {", ".join(c for c in cols if c not in ("contribution_id",
                                                                                                 "record_id"))}
        FROM donor_features WHERE record_id IN (SELECT old_id FROM donor_followed) AND record_id <> contribution_id;
        INSERT INTO donor_kept BY NAME SELECT * FROM donor_followers;
        INSERT INTO donor_leaving BY NAME SELECT * EXCLUDE (fid) FROM donor_followers;
        INSERT INTO donor_part BY NAME SELECT f.* EXCLUDE (record_id, {", ".join(_RULES)}), d.new_id AS record_id
        FROM donor_followers f JOIN donor_followed d ON d.old_id = f.record_id""")


def _by_record(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no stored row changed or left (donor_changed_old empty): a record's stored rows are then alike."""
    return not con.execute("SELECT count(*) FROM donor_changed_old").fetchall()[0][0]


def _join(con: duckdb.DuckDBPyConnection, moved: str | None, looked_up: str, outside: bool) -> dict[str, int]:
    """Replace the part's stored pairs by the scored ones (donor_new_edges); join again every component a part record
    (or a row of `moved`, looked up in `looked_up`) is in, from all its pairs; leaves donor_affected (record_id,
    cluster_id), and donor_outside (the rows of the records not kept that it joins again) when `outside`."""
    # the identical-record evidence of the rows whose record changed (most keep theirs: written again, unchanged,
    # they cost a pass over every row's evidence)
    # (record, row) pairs that are gone and that are new: with none gone (rows joining records, most updates) the
    # new ones are added, else every pair of those rows is written again
    # (as EXCEPT ALL both ways, by counts: EXCEPT ALL numbers the copies of each pair by a window, 0.085 CPU-s at 2M)
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_identical_moved AS
                     SELECT record_id, contribution_id, gone FROM (
                       SELECT record_id, contribution_id, n > 0 AS gone, unnest(range(abs(n))) FROM (
                         SELECT record_id, contribution_id, sum(n)::BIGINT AS n FROM (
                           SELECT record_id, contribution_id, 1 AS n FROM donor_leaving WHERE record_id <> contribution_id
                           UNION ALL
                           SELECT record_id, contribution_id, -1 FROM donor_part WHERE record_id <> contribution_id)
                         GROUP BY ALL HAVING sum(n) <> 0))""")
    evidence = "SELECT record_id, contribution_id, 'identical_record', true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, " \
               "NULL, NULL FROM"
    if con.execute("SELECT count(*) FROM donor_identical_moved WHERE gone").fetchall()[0][0]:
        con.execute(f"""DELETE FROM donor_match_evidence WHERE evidence = 'identical_record' AND contribution_id_r IN
                          (SELECT contribution_id FROM donor_identical_moved);
                        INSERT INTO donor_match_evidence {evidence} donor_part WHERE record_id <> contribution_id
                          AND contribution_id IN (SELECT contribution_id FROM donor_identical_moved)""")
    else:
        con.execute(f"INSERT INTO donor_match_evidence {evidence} donor_identical_moved")
    # a stored pair of the changed last names that is kept (no core record): the term frequencies of its last name,
    # employer and occupation moved (splink scores an exact one log2(u / tf)), so its weight moves by log2(tf before /
    # tf now); a pair that falls below the threshold is one a full build would not keep
    donor_reweigh.tf(con, "donor_tf_new")
    # the stored pairs of the changed blocks' last names (no pair crosses last names), found once: each statement
    # below read every pair and every row's last name to find them
    # (a pair's first record is named by its first row, whose record_id is its own: donor_names holds it; the pairs of
    # a record that is gone or core are cut first, as its blocks are all in the part)
    donor_reweigh.name_pairs(con)
    # the stored pairs of two old records of the part of which one is doomed go (scored again if still candidates)
    con.execute("""CREATE OR REPLACE TEMP TABLE donor_cut AS SELECT eid, contribution_id_l, contribution_id_r
                   FROM donor_name_pairs WHERE contribution_id_l IN (SELECT record_id FROM donor_old_records)
                     AND contribution_id_r IN (SELECT record_id FROM donor_old_records)
                     AND (contribution_id_l IN (SELECT record_id FROM donor_doomed)
                          OR contribution_id_r IN (SELECT record_id FROM donor_doomed));
                   DELETE FROM donor_match_evidence WHERE rowid IN (SELECT eid FROM donor_cut);
                   DELETE FROM donor_name_pairs WHERE eid IN (SELECT eid FROM donor_cut)""")
    donor_reweigh.reweigh(con)  # the stored pairs are written back by rowid (eid), stable inside update()'s transaction
    # the stored pairs of the part's last names (weights moved as above, those dropped left out) and the new ones
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_edges AS
        SELECT p.contribution_id_l AS record_id_l, p.contribution_id_r AS record_id_r,
               p.match_weight + coalesce(m.shift, 0) AS match_weight,
               CASE WHEN m.shift IS NULL THEN p.match_probability
                    ELSE 1 - 1 / (1 + pow(2, p.match_weight + m.shift)) END AS match_probability,
               {", ".join(f"p.{c}" for c in donor_reweigh.LEVELS)}, p.joined
        FROM donor_name_pairs p
        LEFT JOIN donor_tf_moved m ON m.eid = p.eid
        WHERE p.last_name IN (SELECT last_name FROM donor_part) AND NOT coalesce(m.dropped, false)
        UNION ALL SELECT *, NULL FROM donor_new_edges""")
    rows = con.execute("SELECT record_id_l, record_id_r, match_weight, joined FROM donor_edges").fetchall()
    edges = [(a, b, w) for a, b, w, _ in rows]
    component = donor_blocks.components(edges)
    # the core's records, those of a pair cut or that fell below the threshold; a pair whose weight moved changes
    # the joins only where the order of the joins matters: in a component where a pair was kept apart
    # (and the records a new row joined, unchanged but for the row, which gets its donor_id from their cluster, and
    # those a changed or removed row left: a registry pin it held may have named their cluster)
    seeds = {r for (r,) in con.execute("""SELECT record_id FROM donor_core UNION SELECT record_l FROM donor_tf_moved
                                       WHERE dropped UNION SELECT record_r FROM donor_tf_moved WHERE dropped
                                       UNION SELECT record_id FROM donor_records WHERE record_id IN
                                         (SELECT contribution_id_l FROM donor_cut UNION
                                          SELECT contribution_id_r FROM donor_cut)
                                       UNION SELECT record_id FROM donor_part
                                         WHERE contribution_id IN (SELECT contribution_id FROM donor_rows)
                                       UNION SELECT record_id FROM donor_records
                                         WHERE record_id IN (SELECT record_id FROM donor_changed_old)"""
                                       ).fetchall()}
    if moved:
        seeds |= {r for (r,) in con.execute(f"""SELECT DISTINCT record_id FROM {looked_up}
                                                WHERE contribution_id IN (SELECT contribution_id FROM {moved})""").fetchall()}
    apart = {component[a] for a, _, _, joined in rows if joined is False}
    reweighed = {component[r] for (r,) in con.execute("SELECT record_l FROM donor_tf_moved WHERE NOT dropped").fetchall()
                 if r in component}
    hit = {component[r] for r in seeds if r in component} | (reweighed & apart)
    inside = [e for e in edges if component[e[0]] in hit]
    members = {r for r, c in component.items() if c in hit}
    # Python lists go in as list parameters: an Arrow table from Python lists imports pandas (about a CPU-second)
    _table(con, "donor_components", record_id=list(members), component=[component[r] for r in members])
    names, rows = "record_id, last_name, first_name, first_forms, middle_initial, suffix", "donor_features"
    if outside:
        # the rows of the records not kept that are joined again (or are seeds), in one pass for the names here and the
        # rows donor_assign writes (two passes cost 0.06 and 0.08 CPU-s at 2M lines); their last names first (a record's
        # rows share it): 0.078 CPU-s against 0.097 for record_id alone
        _table(con, "donor_wanted", record_id=list(members | seeds))
        # (the rows of the kept records but their own ones are not in the part either, unless renamed or moved)
        con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_outside AS SELECT contribution_id, {names} FROM donor_features
                        WHERE record_id IN (SELECT record_id FROM donor_wanted
                                            WHERE record_id IN (SELECT record_id FROM donor_names))
                          AND (last_name IN (SELECT last_name FROM donor_names
                                             WHERE record_id IN (SELECT record_id FROM donor_wanted)) OR last_name IS NULL)
                          AND contribution_id NOT IN (SELECT contribution_id FROM donor_part)""")
        rows = f"(SELECT {names} FROM donor_part UNION ALL SELECT {names} FROM donor_outside)"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE donor_records AS SELECT record_id, any_value(last_name) AS last_name,
                       any_value(first_name) AS first_name, any_value(first_forms) AS first_forms,
                       any_value(middle_initial) AS middle_initial, any_value(suffix) AS suffix
                       FROM {rows} WHERE record_id IN (SELECT record_id FROM donor_components) GROUP BY record_id""")
    conflicts = con.execute(donors.CONFLICTS_SQL).fetchall()
    cluster = donor_blocks.clusters(inside, conflicts)
    for r in seeds - set(cluster):  # a record in no pair above the threshold is its own cluster
        cluster[r] = r
    _table(con, "donor_joined", record_id_l=[a for a, _, _ in inside], record_id_r=[b for _, b, _ in inside],
           joined=[cluster[a] == cluster[b] for a, b, _ in inside])
    # the affected components' pairs are written again with whether they are joined now
    con.execute(f"""DELETE FROM donor_match_evidence WHERE evidence = 'splink'
                      AND contribution_id_l IN (SELECT record_id_l FROM donor_joined);
                    INSERT INTO donor_match_evidence
                    SELECT e.record_id_l, e.record_id_r, 'splink', j.joined, e.match_weight, e.match_probability,
                           {", ".join(f"e.{c}" for c in donor_reweigh.LEVELS)}
                    FROM donor_edges e JOIN donor_joined j USING (record_id_l, record_id_r)""")
    _table(con, "donor_affected", record_id=list(cluster), cluster_id=list(cluster.values()))
    joined = sum(1 for a, b, _ in inside if cluster[a] == cluster[b])
    return {"pairs_above_threshold": len(inside), "pairs_kept_apart": len(inside) - joined}


def _stored(con: duckdb.DuckDBPyConnection, moved: str | None, by_record: bool) -> tuple[str, str, bool]:
    """SQL of donor_features' rows (contribution_id, record_id, last_name) of the changed last names as they are now (the
    part's and the others), which hold every record the update joins again (all of donor_features when a row of `moved`
    has another last name): the one `moved`'s rows are looked up in, and the one donor_affected's records' rows are."""
    if moved and con.execute(f"""SELECT count(*) FROM {moved} WHERE individual AND (last_name IS NULL OR last_name
                                 NOT IN (SELECT last_name FROM donor_hit WHERE last_name IS NOT NULL))""").fetchall()[0][0]:
        return "(SELECT contribution_id, record_id, last_name FROM donor_features)", \
            "(SELECT contribution_id, record_id, last_name FROM donor_features)", False
    part = "SELECT contribution_id, record_id, last_name FROM donor_part"
    if not by_record:
        names = f"({part} UNION ALL SELECT contribution_id, record_id, last_name FROM donor_names WHERE NOT kept)"
        return names, names, False
    # the rows outside the part (of the records not kept, and a kept record's but its own unless it was renamed or its
    # key moved) are as stored (an update writes none of them), read only where wanted: by the rows
    # of `moved` outside the part (none of 1,021 in the +2% update at 2M lines), by _join (262 of 13,548 records)
    looked_up = part
    if moved and con.execute(f"""SELECT count(*) FROM {moved} WHERE individual
                                 AND contribution_id NOT IN (SELECT contribution_id FROM donor_part)""").fetchall()[0][0]:
        looked_up += f""" UNION ALL SELECT contribution_id, record_id, last_name FROM donor_features WHERE record_id IN
            (SELECT record_id FROM donor_names) AND contribution_id IN (SELECT contribution_id FROM {moved})
            AND contribution_id NOT IN (SELECT contribution_id FROM donor_part)"""
    return f"({looked_up})", f"({part} UNION ALL SELECT contribution_id, record_id, last_name FROM donor_outside)", True


def _table(con: duckdb.DuckDBPyConnection, name: str, **columns: list) -> None:
    """Temp table `name` (a name from this module) of equally long Python lists, one per column."""
    cols = ", ".join(f"unnest(${c}) AS {c}" for c in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {cols}", columns)
