"""Who gave: cluster one person's contribution rows into contributions.donor_id (splink, DuckDB backend).

Run at build time right after entities.resolve(), which pins registry people into donor_id.
Every individual row (entity IND or blank) gets a donor_id: the registry person_id when its cluster
holds rows pinned to exactly one registry person, else 'd:' || the smallest contribution_id of the
cluster (a cluster pinned to two people keeps the pins and its other rows get their own id).

Rows identical in every compared field are one record; splink scores pairs of records within three
blocks (last name with first initial and state, last name with ZIP5, last name with first name and
employer), each split by a finer key where it holds more than etl/donor_blocks.BLOCK_CAP records, so
the pairs grow with the rows, not their square. Splink runs in its own DuckDB, held to the build's
memory limit and spilling beside the warehouse, in chunks of about PAIRS_PER_CHUNK pairs.
Records in a pair at or above THRESHOLD are joined along those pairs, strongest first, never into a
cluster that would hold two records a veto keeps apart (so L. cannot chain LAWRENCE to LYNN). Every
scored pair above the threshold, and every row folded into a record, is kept in donor_match_evidence.
Only records in such a pair go through the join (in Python); every other record is a donor of its own,
assigned in SQL.

The model is conservative by construction. Parameters are fixed (no training, so the result is the
same run to run and does not drift with a sample): a first name that is not the same name, a
nickname, a prefix, a one-letter typo or an initial of the other, two different middle initials, or
two different suffixes (JR / SR / II / III / IV) rule a pair out whatever else agrees, because
spouses, parents and children share a surname, an address and often the family business. Among
compatible names the place, employer and occupation decide. etl/registry/labels/donor_pairs.csv measures
it (bench/bench_donors.py prints the figures).
"""
from __future__ import annotations

import logging
import math
import time

import duckdb

from etl import db, donor_assign, donor_blocks, donor_score

# Pairs at or above this match weight (bits, prior included; match probability 0.85) are the same
# person. On the 452 labelled pairs (bench/bench_donors.py --threshold T): no namesake or spouse
# scores above 0.8 (the strongest, CLAY, WILLIAM of Falls Church vs of Abingdon, shares only the
# state), so precision is 1.00 from 0.8 up; recall is 0.95 at 1.0, 0.92 at 2.5 and 0.89 from 3.0
# (rare surnames in the same state with nothing else in common score 2.9). 2.5 keeps 1.7 bits
# (a factor 3 in odds) above the strongest negative and recall above 0.90.
THRESHOLD = 2.5

# Two distinct records picked at random are the same person with this probability: on the real
# files some 1,640 of the 1.07 billion pairs of the 46,174 distinct records are joined (about
# 1,800 at the measured recall).
PRIOR = 2e-6

# Names that are the same given name (one group per name; a name may sit in several groups).
NICKNAMES = [
    "ROBERT BOB BOBBY ROB ROBBIE BERT", "WILLIAM BILL BILLY WILL WILLIE", "RICHARD RICK RICKY DICK RICH RICHIE",
    "JAMES JIM JIMMY JAMIE", "JOHN JACK JOHNNY", "JOSEPH JOE JOEY", "MICHAEL MIKE MICKEY", "THOMAS TOM TOMMY",
    "CHARLES CHUCK CHARLIE CHAS", "EDWARD ED EDDIE NED TED", "THEODORE TED TEDDY", "ANTHONY TONY",
    "STEPHEN STEVEN STEVE STEVIE", "DANIEL DAN DANNY", "DAVID DAVE", "CHRISTOPHER CHRIS KIT", "MATTHEW MATT",
    "ANDREW ANDY DREW", "PATRICK PAT", "PETER PETE", "GREGORY GREG", "JEFFREY JEFF GEOFFREY", "TIMOTHY TIM",
    "KENNETH KEN KENNY", "DONALD DON DONNY", "RONALD RON RONNIE", "GERALD JERRY GERRY", "LAWRENCE LAURENCE LARRY",
    "FREDERICK FREDRICK FRED FREDDIE", "ALEXANDER ALEX", "SAMUEL SAM", "BENJAMIN BEN", "NICHOLAS NICK",
    "PHILIP PHILLIP PHIL", "DOUGLAS DOUG", "BRADFORD BRAD", "BRADLEY BRAD", "RAYMOND RAY", "ALBERT AL",
    "ALFRED AL", "HERBERT HERB", "HAROLD HAL HARRY", "HENRY HANK HARRY", "LEONARD LEN LENNY", "EUGENE GENE",
    "WALTER WALT", "FRANCIS FRANK", "FRANKLIN FRANK", "VINCENT VINCE", "NATHANIEL NATHAN NATE", "ZACHARY ZACH",
    "ELIZABETH LIZ BETH BETSY BETTY LIZZIE ELIZA", "MARGARET PEGGY PEG MAGGIE MEG MARGIE", "KATHERINE KATE KATHY KATIE",
    "CATHERINE CATHY KATE", "KATHLEEN KATHY", "SUSAN SUE SUSIE SUZY SUZAN", "PATRICIA PAT PATTY PATTI TRISH",
    "JENNIFER JENNY JEN", "DEBORAH DEBRA DEB DEBBIE", "BARBARA BARB", "REBECCA BECKY", "JUDITH JUDY",
    "VICTORIA VICKY VICKI", "CYNTHIA CINDY", "PAMELA PAM", "KIMBERLY KIM", "ABIGAIL ABBY", "ALEXANDRA ALEX",
    "CHRISTINE CHRIS", "CHRISTINA CHRIS", "NANCY NAN", "DOROTHY DOT DOTTIE", "VIRGINIA GINNY", "JACQUELINE JACKIE",
]

# Pairs of given names one letter apart that name a man and a woman: never a typo of each other.
GENDERED = ["FRANCES FRANCIS", "JESSE JESSIE", "MARIAN MARION"]
_GENDERED_SQL = "[" + ", ".join(f"'{g}'" for g in GENDERED) + "]"

# Employer and occupation values that tell nothing about who the person is (compared after
# employer_norm, the same reduction the organization matcher uses).
GENERIC = (r"^(RETIRED|NONE|N A|NA|NOT APPLICABLE|SELF|SELF EMPLOYED|SELF EMPLOYEED|NOT EMPLOYED|UNEMPLOYED|"
           r"HOMEMAKER|HOUSEWIFE|STUDENT|DISABLED|INFORMATION REQUESTED.*|REQUESTED|REFUSED|NULL|UNKNOWN)$")

# One row per individual contribution with the fields compared; rows identical in every compared
# field (and with a first name and a ZIP) are one record, named by their smallest contribution_id.
_FEATURES_SQL = """
WITH forms AS (
    SELECT n AS name, list_distinct(flatten(list(string_split(g, ' ')))) AS forms
    FROM (SELECT g, unnest(string_split(g, ' ')) AS n FROM (SELECT unnest($nicknames) AS g))
    GROUP BY n),
-- the compared fields depend on these six only: each distinct combination is worked out once
-- (a repeat donor's rows share them)
raw AS (
    SELECT contributor_name AS raw_name, city AS raw_city, state AS raw_state, zip_code AS raw_zip,
           employer AS raw_employer, occupation AS raw_occupation, min(contribution_id) AS first_id
    FROM contributions WHERE is_individual(entity_tp) GROUP BY ALL),
-- employer_norm (some 20 regular expressions) once per distinct employer or occupation string, not per combination
norms AS (SELECT s, employer_norm(s) AS norm FROM (SELECT raw_employer AS s FROM raw UNION SELECT raw_occupation FROM raw)),
ind AS (
    SELECT raw.*, raw_name AS n,
           list_filter(string_split(trim(regexp_replace(upper(strip_accents(split_part(coalesce(raw_name, ''), ',', 2))),
                                                        '[^A-Z -]+', ' ', 'g')), ' '),
                       lambda t: t NOT IN ('', '-', 'MR', 'MRS', 'MS', 'MISS', 'DR', 'HON', 'HONORABLE', 'HONORA', 'THE',
                                           'REV', 'JR', 'SR', 'II', 'III', 'IV', 'MD', 'ESQ', 'PHD', 'DDS', 'CPA', 'CFE',
                                           'MBA', 'RET')) AS given,
           raw_city AS city, raw_state AS state, raw_zip AS zip_code, raw_employer AS employer,
           raw_occupation AS occupation, ne.norm AS employer_norm, no.norm AS occupation_norm
    FROM raw LEFT JOIN norms ne ON ne.s IS NOT DISTINCT FROM raw.raw_employer
             LEFT JOIN norms no ON no.s IS NOT DISTINCT FROM raw.raw_occupation),
f AS (
    SELECT raw_name, raw_city, raw_state, raw_zip, raw_employer, raw_occupation, first_id,
           name_last(n) AS last_name,
           -- two consonants (SK, TJ) are two initials
           CASE WHEN regexp_matches(name_first(n), '^[B-DF-HJ-NP-TV-Z]{2}$') THEN left(name_first(n), 1)
                ELSE name_first(n) END AS first_name,
           CASE WHEN regexp_matches(name_first(n), '^[B-DF-HJ-NP-TV-Z]{2}$') THEN right(name_first(n), 1)
                ELSE nullif(left(given[2], 1), '') END AS middle_initial,
           nullif(regexp_extract(upper(n), '(^|[^A-Z])(JR|SR|III|II|IV)([^A-Z]|$)', 2), '') AS suffix,
           nullif(array_to_string(list_transform(
               string_split(trim(regexp_replace(upper(strip_accents(coalesce(city, ''))), '[^A-Z]+', ' ', 'g')), ' '),
               lambda t: CASE t WHEN 'ST' THEN 'SAINT' WHEN 'MT' THEN 'MOUNT' WHEN 'FT' THEN 'FORT'
                                WHEN 'N' THEN 'NORTH' WHEN 'S' THEN 'SOUTH' WHEN 'E' THEN 'EAST' WHEN 'W' THEN 'WEST'
                                WHEN 'TWP' THEN 'TOWNSHIP' WHEN 'HTS' THEN 'HEIGHTS' WHEN 'CTY' THEN 'CITY'
                                ELSE t END), ''), '') AS city,
           nullif(upper(trim(state)), '') AS state,
           CASE WHEN regexp_matches(zip_code, '^[0-9]{5}') AND left(zip_code, 5) <> '00000' THEN left(zip_code, 5) END AS zip5,
           CASE WHEN regexp_matches(zip_code, '^[0-9]{9}$') AND right(zip_code, 4) <> '0000' THEN zip_code END AS zip9,
           CASE WHEN NOT regexp_matches(coalesce(employer_norm, 'NONE'), $generic)
                THEN employer_norm END AS employer_key,
           CASE WHEN NOT regexp_matches(coalesce(occupation_norm, 'NONE'), $generic)
                THEN occupation_norm END AS occupation_key
    FROM ind),
feat AS (
    SELECT f.*, coalesce(fm.forms, [f.first_name]) AS first_forms,
           CASE WHEN f.first_name IS NOT NULL AND f.zip5 IS NOT NULL
                THEN min(f.first_id) OVER (PARTITION BY f.last_name, f.first_name, f.middle_initial, f.suffix, f.city,
                                                        f.state, f.zip5, f.zip9, f.employer_key, f.occupation_key) END
               AS record_key
    FROM f LEFT JOIN forms fm ON fm.name = f.first_name)
"""
_FIELDS = ("last_name, first_name, middle_initial, suffix, city, state, zip5, zip9, employer_key, occupation_key, "
           "first_forms")
# a row's distinct combination of the six raw fields: contribution rows match it on all six (NULL matching NULL)
_COMBO_JOIN = """
JOIN {combos} x ON c.contributor_name IS NOT DISTINCT FROM x.raw_name AND c.city IS NOT DISTINCT FROM x.raw_city
           AND c.state IS NOT DISTINCT FROM x.raw_state AND c.zip_code IS NOT DISTINCT FROM x.raw_zip
           AND c.employer IS NOT DISTINCT FROM x.raw_employer AND c.occupation IS NOT DISTINCT FROM x.raw_occupation
WHERE is_individual(c.entity_tp)
"""
PREPARE_SQL = "CREATE OR REPLACE TEMP TABLE donor_rows AS " + _FEATURES_SQL + """
SELECT c.contribution_id, x.last_name, x.first_name, x.middle_initial, x.suffix, x.city, x.state, x.zip5, x.zip9,
       x.employer_key, x.occupation_key, x.first_forms, coalesce(x.record_key, c.contribution_id) AS record_id
FROM contributions c""" + _COMBO_JOIN.format(combos="feat")

# A full build works out the fields once per distinct combination (donor_combos, named by its first_id) and keeps
# only each row's combination and record in donor_rows; the rows' fields are written once, into donor_features
# (FULL_FEATURES_SQL), instead of into a temp table first and copied from there.
COMBOS_SQL = "CREATE OR REPLACE TEMP TABLE donor_combos AS " + _FEATURES_SQL + " SELECT * FROM feat"
FULL_ROWS_SQL = ("CREATE OR REPLACE TEMP TABLE donor_rows AS SELECT c.contribution_id, x.first_id, "
                 "coalesce(x.record_key, c.contribution_id) AS record_id FROM contributions c"
                 + _COMBO_JOIN.format(combos="donor_combos"))

RECORDS_SQL = """
CREATE OR REPLACE TEMP TABLE donor_records AS
SELECT record_id, any_value(last_name) AS last_name, any_value(first_name) AS first_name,
       any_value(first_forms) AS first_forms, left(any_value(first_name), 1) AS first_initial,
       any_value(middle_initial) AS middle_initial, any_value(suffix) AS suffix, any_value(city) AS city,
       any_value(state) AS state, any_value(zip5) AS zip5, any_value(zip9) AS zip9,
       any_value(employer_key) AS employer_key, any_value(occupation_key) AS occupation_key
FROM donor_rows GROUP BY record_id ORDER BY record_id
"""
# The same records from donor_combos: a combination with a record_key is (part of) that record; one without is a
# record per row (the rows of donor_rows whose record_id is their own contribution_id)
FULL_RECORDS_SQL = f"""
CREATE OR REPLACE TEMP TABLE donor_records AS
SELECT record_id, last_name, first_name, first_forms, left(first_name, 1) AS first_initial, middle_initial, suffix,
       city, state, zip5, zip9, employer_key, occupation_key
FROM (SELECT record_key AS record_id, {", ".join(f"any_value({c}) AS {c}" for c in _FIELDS.split(", "))}
      FROM donor_combos WHERE record_key IS NOT NULL GROUP BY record_key
      UNION ALL
      SELECT r.record_id, {", ".join(f"x.{c}" for c in _FIELDS.split(", "))}
      FROM donor_rows r JOIN (SELECT * FROM donor_combos WHERE record_key IS NULL) x USING (first_id))
ORDER BY record_id
"""
FULL_FEATURES_SQL = f"""
DELETE FROM donor_features;
INSERT INTO donor_features BY NAME
SELECT r.contribution_id, {", ".join(f"x.{c}" for c in _FIELDS.split(", "))}, r.record_id, b.* EXCLUDE (record_id)
FROM donor_rows r JOIN donor_combos x USING (first_id) LEFT JOIN donor_blocks b USING (record_id)
"""

# Splink scores at most about this many candidate pairs at once (each chunk is one pass over the blocks).
PAIRS_PER_CHUNK = 20_000_000


def _level(sql: str, label: str, m: float, u: float, **extra) -> dict:
    return {"sql_condition": sql, "label_for_charts": label, "m_probability": m, "u_probability": u, **extra}


def _null(sql: str) -> dict:
    return {"sql_condition": sql, "label_for_charts": "missing", "is_null_level": True}


def _text_comparison(col: str) -> dict:
    """Employer or occupation: the same, nearly the same (a longer form, a typo), or different."""
    return {"output_column_name": col, "comparison_levels": [
        _null(f'"{col}_l" IS NULL OR "{col}_r" IS NULL'),
        # weighted by how common the value is: two PARTNERs say little, two rare titles say much
        _level(f'"{col}_l" = "{col}_r"', "same", 0.6, 0.002, tf_adjustment_column=col, tf_adjustment_weight=1.0,
               tf_minimum_u_value=0.0001),
        _level(f'jaro_winkler_similarity("{col}_l", "{col}_r") >= 0.92 OR starts_with("{col}_l", "{col}_r" || \' \') '
               f'OR starts_with("{col}_r", "{col}_l" || \' \')', "similar", 0.1, 0.004),
        _level("ELSE", "different", 0.3, 0.994)]}


# A veto: this level's m is so small that no other agreement can outweigh it (about -40 bits).
VETO = 1e-12

# Levels, most specific first, with m (share of true matches at the level) and u (share of other
# pairs). u of exact levels is the sum of squared value shares on the real files (last name
# 0.00046, first name 0.0058, ZIP5 0.0008, ZIP+4 0.00016, city 0.0044, employer 0.0015,
# occupation 0.003); m values are set by judgement and fixed, so runs never differ.
SETTINGS = {
    "link_type": "dedupe_only",
    "unique_id_column_name": "record_id",
    "probability_two_random_records_match": PRIOR,
    "retain_matching_columns": True,
    "retain_intermediate_calculation_columns": False,
    # capped keys from etl/donor_blocks.py: last name with first initial and state, last name with ZIP5,
    # last name with first name and employer (a move to another state)
    "blocking_rules_to_generate_predictions": [f"l.{rule} = r.{rule}" for rule in donor_blocks.BLOCKS],
    "comparisons": [
        {"output_column_name": "last_name", "comparison_levels": [
            _null('"last_name_l" IS NULL OR "last_name_r" IS NULL'),
            _level('"last_name_l" = "last_name_r"', "same", 0.99, 0.00046, tf_adjustment_column="last_name",
                   tf_adjustment_weight=1.0),
            _level("ELSE", "different", 0.01, 0.99954)]},
        {"output_column_name": "first_name", "comparison_levels": [
            _null('"first_name_l" IS NULL OR "first_name_r" IS NULL'),
            _level('"first_name_l" = "first_name_r"', "same", 0.88, 0.0058),
            _level('list_contains("first_forms_l", "first_name_r") OR list_contains("first_forms_r", "first_name_l") '
                   'OR (least(length("first_name_l"), length("first_name_r")) >= 3 '
                   '    AND (starts_with("first_name_l", "first_name_r") OR starts_with("first_name_r", "first_name_l")) '
                   "    AND substr(greatest(\"first_name_l\", \"first_name_r\"), "
                   "               length(least(\"first_name_l\", \"first_name_r\")) + 1) "
                   "        NOT IN ('A', 'E', 'IE', 'INE', 'NE', 'LE', 'LLE', 'ELLE', 'ETTE', 'ETTA', 'INA', 'IA', 'NA', 'EEN'))",
                   "nickname or prefix", 0.07, 0.002),
            _level('damerau_levenshtein("first_name_l", "first_name_r") = 1 '
                   'AND least(length("first_name_l"), length("first_name_r")) >= 5 '
                   'AND left("first_name_l", 1) = left("first_name_r", 1) '
                   'AND right("first_name_l", 1) = right("first_name_r", 1) '
                   f"AND NOT list_contains({_GENDERED_SQL}, least(\"first_name_l\", \"first_name_r\") || ' ' || "
                   'greatest("first_name_l", "first_name_r"))',
                   "one-letter typo", 0.02, 0.0005),
            _level('(length("first_name_l") = 1 AND starts_with("first_name_r", "first_name_l")) '
                   'OR (length("first_name_r") = 1 AND starts_with("first_name_l", "first_name_r"))',
                   "initial", 0.03, 0.03),
            _level("ELSE", "different name", VETO, 0.9617)]},
        {"output_column_name": "middle_initial", "comparison_levels": [
            _null('"middle_initial_l" IS NULL OR "middle_initial_r" IS NULL'),
            _level('"middle_initial_l" = "middle_initial_r"', "same", 0.95, 0.08),
            _level("ELSE", "different", VETO, 0.92)]},
        {"output_column_name": "suffix", "comparison_levels": [
            _null('"suffix_l" IS NULL OR "suffix_r" IS NULL'),
            _level('"suffix_l" = "suffix_r"', "same", 0.9, 0.3),
            _level("ELSE", "different", VETO, 0.7)]},
        {"output_column_name": "place", "comparison_levels": [
            _null('("zip5_l" IS NULL OR "zip5_r" IS NULL) AND ("city_l" IS NULL OR "city_r" IS NULL) '
                  'AND ("state_l" IS NULL OR "state_r" IS NULL)'),
            _level('"zip9_l" = "zip9_r"', "same ZIP+4", 0.6, 0.00016),
            _level('"zip5_l" = "zip5_r"', "same ZIP5", 0.3, 0.0008),
            _level('"city_l" = "city_r" AND "state_l" = "state_r"', "same city", 0.04, 0.0036),
            _level('"state_l" = "state_r"', "same state", 0.05, 0.0456),
            _level("ELSE", "different state", 0.01, 0.95)]},
        _text_comparison("employer_key"),
        _text_comparison("occupation_key"),
    ],
}

# each comparison's column of level labels in donor_match_evidence (employer_key -> employer_level)
LEVEL_COLUMNS = {c["output_column_name"]: c["output_column_name"].removesuffix("_key") + "_level"
                 for c in SETTINGS["comparisons"]}


def _label_sql(comparison: dict) -> str:
    """CASE turning splink's gamma of one comparison into its level label."""
    name = comparison["output_column_name"]
    levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
    whens = " ".join(f"WHEN {len(levels) - 1 - i} THEN '{lv['label_for_charts']}'" for i, lv in enumerate(levels))
    return f"CASE gamma_{name} {whens} ELSE 'missing' END"


def _allowed_sql(name: str) -> str:
    """SQL true when a pair's level for this comparison is not its veto (the ELSE level)."""
    comparison = next(c for c in SETTINGS["comparisons"] if c["output_column_name"] == name)
    return " OR ".join(f"({lv['sql_condition']})" for lv in comparison["comparison_levels"] if lv["sql_condition"] != "ELSE")


# Pairs of records that one cluster must not hold together: a veto applies between them.
CONFLICTS_SQL = f"""
WITH members AS (SELECT r.*, c.component FROM donor_records r JOIN donor_components c USING (record_id)),
pairs AS (
    SELECT a.record_id AS record_id_l, b.record_id AS record_id_r,
           a.first_name AS first_name_l, b.first_name AS first_name_r, a.first_forms AS first_forms_l,
           b.first_forms AS first_forms_r, a.middle_initial AS middle_initial_l, b.middle_initial AS middle_initial_r,
           a.suffix AS suffix_l, b.suffix AS suffix_r
    FROM members a JOIN members b ON a.component = b.component AND a.record_id < b.record_id)
SELECT record_id_l, record_id_r FROM pairs
WHERE NOT (({_allowed_sql("first_name")}) AND ({_allowed_sql("middle_initial")}) AND ({_allowed_sql("suffix")}))
ORDER BY record_id_l, record_id_r
"""


def _predict(con: duckdb.DuckDBPyConnection, records: object, chunks: int, threshold: float) -> tuple[object, str]:
    """Score the blocked pairs in splink's own bounded DuckDB; returns the pairs at or above threshold (Arrow) and
    splink's predict SQL of this model (etl/donor_score.py, for the next incremental build)."""
    from splink import DuckDBAPI, Linker

    # splink works in its own database so that none of its tables land in the warehouse; it is held to the
    # memory limit and spills beside the warehouse
    work = db.scratch(con, "splink")
    try:
        work.register("donor_input", records)
        api = DuckDBAPI(work)
        # splink's DatabaseAPI base opens an in-memory DuckDB of its own (_ddb_con, splink 5.0 database_api.py)
        # that the DuckDB backend leaves idle; bound it too (tests/test_bounded.py fails if it moves)
        if isinstance(helper := getattr(api, "_ddb_con", None), duckdb.DuckDBPyConnection) and helper is not work:
            db.hold(helper, con, "splink-helper")
        linker = Linker(api.register("donor_input"), SETTINGS, log_level=logging.WARNING)
        pairs = linker.inference.predict(threshold_match_weight=threshold, num_chunks_left=chunks, num_chunks_right=1,
                                         warning_mode="never")
        labels = ", ".join(f"{_label_sql(c)} AS {LEVEL_COLUMNS[c['output_column_name']]}" for c in SETTINGS["comparisons"])
        return work.sql(f"""SELECT record_id_l, record_id_r, match_weight, match_probability, {labels}
                            FROM {pairs.physical_name} ORDER BY record_id_l, record_id_r""").to_arrow_table(), \
            donor_score.splink_sql(linker, threshold, labels)
    finally:
        work.close()


def cluster_donors(con: duckdb.DuckDBPyConnection, threshold: float = THRESHOLD,
                   timings: dict[str, float] | None = None) -> dict[str, int]:
    """Cluster individual contribution rows into contributions.donor_id; keep the pairs above the threshold as evidence.

    timings, if given, receives the seconds of each step (prep, predict, union, assign). An incremental build
    clusters a part of the rows with etl/donor_update.py instead.
    """
    # imported here: splink takes about a second to import, which commands that only read should not pay
    import pyarrow as pa

    spent = timings if timings is not None else {}
    t = time.perf_counter()
    con.execute(COMBOS_SQL, {"nicknames": NICKNAMES, "generic": GENERIC})
    con.execute(FULL_ROWS_SQL)
    con.execute(FULL_RECORDS_SQL)
    candidates = donor_blocks.add_blocks(con)
    # each row's compared fields and its record's block keys, for the next incremental build
    con.execute(FULL_FEATURES_SQL)
    donor_score.keep_tf(con)
    records = con.sql("SELECT * FROM donor_records JOIN donor_blocks USING (record_id) ORDER BY record_id"
                      ).to_arrow_table()
    n_records = records.num_rows
    spent["prep"] = time.perf_counter() - t
    t = time.perf_counter()
    chunks = max(1, math.ceil(sum(candidates.values()) / PAIRS_PER_CHUNK))
    scored, scoring_sql = _predict(con, records, chunks, threshold)
    donor_score.keep(con, scoring_sql, threshold)
    del records
    spent["predict"] = time.perf_counter() - t
    t = time.perf_counter()
    edges = list(zip(scored.column("record_id_l").to_pylist(), scored.column("record_id_r").to_pylist(),
                     scored.column("match_weight").to_pylist(), strict=True))
    component = donor_blocks.components(edges)
    con.register("donor_components", pa.table({"record_id": list(component), "component": list(component.values())}))
    try:
        conflicts = con.execute(CONFLICTS_SQL).fetchall()
    finally:
        con.unregister("donor_components")
    cluster = donor_blocks.clusters(edges, conflicts)
    joined = [cluster[a] == cluster[b] for a, b, _ in edges]
    spent["union"] = time.perf_counter() - t
    t = time.perf_counter()
    con.register("donor_edges", scored.append_column("joined", pa.array(joined, pa.bool_())))
    con.register("donor_clusters", pa.table({"record_id": list(cluster), "cluster_id": list(cluster.values())}))
    try:
        con.execute(donor_assign.EVIDENCE_SQL)
        con.execute(donor_assign.ASSIGN_SQL)
        donor_assign.write_assignment(con)
    finally:
        con.unregister("donor_edges")
        con.unregister("donor_clusters")
    counts = {
        "rows": int(con.execute("SELECT count(*) FROM donor_rows").fetchall()[0][0]),
        "records": n_records,
        # donor_assignment holds every individual row's donor_id as written
        "donors": int(con.execute("SELECT count(DISTINCT donor_id) FROM donor_assignment").fetchall()[0][0]),
        "candidate_pairs": sum(candidates.values()),
        "pairs_above_threshold": len(edges),
        "pairs_kept_apart": joined.count(False),
    }
    for name in ("donor_rows", "donor_combos", "donor_records", "donor_blocks", "donor_assignment"):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    spent["assign"] = time.perf_counter() - t
    return counts
