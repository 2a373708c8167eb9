"""Attribution and donor-clustering quality against the hand-labelled sets in etl/registry/labels (tests, bench)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from etl import attribution

LABELS = Path(__file__).resolve().parent / "registry" / "labels"
INDEPENDENT = LABELS / "employers_independent.csv"


def employer_scores(con: duckdb.DuckDBPyConnection, path: Path = LABELS / "employers.csv") -> dict[str, float]:
    """Precision and recall of employer -> organization on the labelled employer strings."""
    rows = con.execute(
        """WITH labels AS (SELECT employer, nullif(trim(org_id), '') AS label
                          FROM read_csv($p, header = true, all_varchar = true, quote = '"')),
                predicted AS (SELECT employer, any_value(org_id) AS org_id FROM contributions
                              WHERE is_individual(entity_tp) GROUP BY employer)
           SELECT count(*) FILTER (WHERE l.label IS NOT NULL AND p.org_id = l.label) AS tp,
                  count(*) FILTER (WHERE p.org_id IS NOT NULL AND p.org_id IS DISTINCT FROM l.label) AS fp,
                  count(*) FILTER (WHERE l.label IS NOT NULL AND p.org_id IS DISTINCT FROM l.label) AS fn,
                  count(*) AS strings, count(l.label) AS positives
           FROM labels l LEFT JOIN predicted p USING (employer)""",
        {"p": str(path)},
    ).fetchall()[0]
    tp, fp, fn, strings, positives = rows
    return {"strings": strings, "positives": positives, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def _file_rows(fec: Path, loaded: frozenset[str] = frozenset()) -> list[tuple]:
    """Records of the shared files the warehouse did not load (dataset not in `loaded`): the OpenFEC executive rows
    and MAGA Inc.'s CSVs."""
    rows = []
    if "openfec:openfec_tech_execs_2023_2025/contributions" not in loaded:
        for i, o in enumerate(json.loads((fec / "openfec_tech_execs_2023_2025" / "contributions.json").read_text())):
            rows.append((f"openfec_execs:{i}", o.get("contributor_employer"), o.get("contributor_name"),
                         o.get("contributor_occupation"), o.get("contributor_city"), o.get("contributor_state")))
    for name in ("1930418", "1943509"):
        if f"efile:{name}" in loaded:
            continue
        with open(fec / "efiling_2025_maga_inc" / f"{name}.csv", newline="", encoding="utf-8") as f:
            # FEC's CSV rendering of Form 3X Schedule A (v8.x): 7 last name, 8 first, 14 city, 15 state,
            # 23 employer, 24 occupation
            for i, r in enumerate(csv.reader(f), start=1):
                if r and r[0].startswith("SA") and len(r) > 24:
                    rows.append((f"maga_{name}:{i}", r[23], f"{r[7]}, {r[8]}", r[24], r[14], r[15]))
    return rows


def load_observations(con: duckdb.DuckDBPyConnection, shared: Path) -> int:
    """Temp table attr_obs: every record with an employer in the shared real files (warehouse, oth20, OpenFEC, MAGA Inc.)."""
    import pyarrow as pa
    loaded = frozenset(d for (d,) in con.execute("SELECT DISTINCT dataset FROM load_log WHERE status <> 'failed'").fetchall())
    extra = _file_rows(Path(shared) / "fec", loaded) or [(None,) * 6]
    cols = list(zip(*extra))
    con.register("file_obs", pa.table({n: pa.array(list(c), pa.string()) for n, c in
                                       zip(("row_id", "name", "contributor_name", "occupation", "city", "state"), cols)}))
    con.execute("""CREATE OR REPLACE TEMP TABLE attr_obs AS
                   SELECT contribution_id AS row_id, 'employer' AS kind, employer AS name, contributor_name,
                          occupation, city, state
                   FROM contributions WHERE is_individual(entity_tp) AND employer IS NOT NULL
                   UNION ALL
                   SELECT 'oth:' || sub_id, 'employer', employer, name, occupation, city, state
                   FROM committee_transaction_rows WHERE employer IS NOT NULL AND file_type = 'oth'
                   UNION ALL
                   SELECT row_id, 'employer', name, contributor_name, occupation, city, state FROM file_obs
                   WHERE nullif(trim(name), '') IS NOT NULL""")
    con.unregister("file_obs")
    return int(con.execute("SELECT count(*) FROM attr_obs").fetchall()[0][0])


SCORES_SQL = """
WITH labels AS (SELECT employer, nullif(trim(org_id), '') AS near, label
                FROM read_csv($p, header = true, all_varchar = true, quote = '"')),
rows AS (
    SELECT upper(trim(o.name)) AS employer, coalesce(r.org_id, d.org_id) AS org_id,
           coalesce(r.attributed, d.attributed AND NOT d.by_row, false) AS attributed
    FROM attr_obs o
    LEFT JOIN name_decisions d ON d.kind = o.kind AND d.name = o.name AND (d.attributed OR d.by_row)
    LEFT JOIN row_decisions r ON r.row_id = o.row_id),
predicted AS (
    SELECT employer, min(org_id) FILTER (WHERE attributed) AS org_id, count(*) AS rows,
           count(*) FILTER (WHERE attributed) AS rows_attributed
    FROM rows GROUP BY employer)
SELECT l.employer, l.label, CASE WHEN l.label = 'yes' THEN l.near END AS truth, p.org_id AS predicted,
       coalesce(p.rows, 0), coalesce(p.rows_attributed, 0)
FROM labels l LEFT JOIN predicted p USING (employer)
ORDER BY l.employer
"""


def independent_scores(con: duckdb.DuckDBPyConnection, shared: Path, path: Path = INDEPENDENT) -> dict:
    """Precision and recall, overall and per organization, on the independent labelled set, with misses and look-alikes."""
    load_observations(con, shared)
    attribution.decide(con)
    got = con.execute(SCORES_SQL, {"p": str(path)}).fetchall()
    attribution.drop(con)
    con.execute("DROP TABLE IF EXISTS attr_obs")
    orgs = sorted({t for _, _, t, _, _, _ in got if t} | {p for *_, p, _, _ in got if p})
    per_org = {}
    for org in orgs:
        tp = sum(1 for *_, t, p, _, _ in got if t == org and p == org)
        fp = sum(1 for *_, t, p, _, _ in got if p == org and t != org)
        fn = sum(1 for *_, t, p, _, _ in got if t == org and p != org)
        per_org[org] = _score(tp, fp, fn)
    tp = sum(1 for *_, t, p, _, _ in got if t and p == t)
    fp = sum(1 for *_, t, p, _, _ in got if p and p != t)
    fn = sum(1 for *_, t, p, _, _ in got if t and p != t)
    out = _score(tp, fp, fn)
    out.update(strings=len(got), positives=sum(1 for r in got if r[2]), per_org=per_org,
               misses=[(e, t, p) for e, _, t, p, _, _ in got if t and p != t],
               false_matches=[(e, t, p) for e, _, t, p, _, _ in got if p and p != t],
               kept_out=[e for e, lab, t, p, _, _ in got if lab == "no" and p is None],
               rows=sum(r[4] for r in got if r[2]), rows_attributed=sum(r[5] for r in got if r[2] and r[3] == r[2]),
               unlabelled_in_files=[e for e, *_, n, _ in got if n == 0], predicted={e: p for e, _, _, p, _, _ in got})
    return out


def _score(tp: int, fp: int, fn: int) -> dict:
    return {"tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "recall": tp / (tp + fn) if tp + fn else 1.0}


def donor_pair_scores(con: duckdb.DuckDBPyConnection, path: Path = LABELS / "donor_pairs.csv") -> dict[str, float]:
    """Pairwise precision and recall of contributions.donor_id on the labelled donor pairs."""
    tp, fp, fn, pairs, positives, namesakes, spouses, joined_namesakes, joined_spouses = con.execute(
        """WITH labels AS (SELECT * FROM read_csv($p, header = true, all_varchar = true, quote = '"')),
                judged AS (SELECT l.label, a.donor_id IS NOT NULL AND a.donor_id = b.donor_id AS joined
                           FROM labels l JOIN contributions a ON a.contribution_id = l.contribution_id_l
                           JOIN contributions b ON b.contribution_id = l.contribution_id_r)
           SELECT count(*) FILTER (WHERE label = 'same_person' AND joined),
                  count(*) FILTER (WHERE label <> 'same_person' AND joined),
                  count(*) FILTER (WHERE label = 'same_person' AND NOT joined),
                  (SELECT count(*) FROM labels), count(*) FILTER (WHERE label = 'same_person'),
                  count(*) FILTER (WHERE label = 'namesake'), count(*) FILTER (WHERE label = 'spouse'),
                  count(*) FILTER (WHERE label = 'namesake' AND joined), count(*) FILTER (WHERE label = 'spouse' AND joined)
           FROM judged""",
        {"p": str(path)},
    ).fetchall()[0]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"pairs": pairs, "same_person": positives,
            "namesake": namesakes, "spouse": spouses, "tp": tp, "fp": fp, "fn": fn,
            "joined_namesakes": joined_namesakes, "joined_spouses": joined_spouses,
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0}
