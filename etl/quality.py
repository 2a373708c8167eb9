"""Attribution quality against the hand-labelled sets in etl/registry/labels (used by tests and bench scripts)."""

from __future__ import annotations

from pathlib import Path

import duckdb

LABELS = Path(__file__).resolve().parent / "registry" / "labels"


def employer_scores(con: duckdb.DuckDBPyConnection, path: Path = LABELS / "employers.csv") -> dict[str, float]:
    """Precision and recall of employer -> organization on the labelled employer strings."""
    rows = con.execute(
        """WITH labels AS (SELECT employer, nullif(trim(org_id), '') AS label
                          FROM read_csv($p, header = true, all_varchar = true, quote = '"')),
                predicted AS (SELECT employer, any_value(org_id) AS org_id FROM contributions
                              WHERE entity_tp = 'IND' OR entity_tp IS NULL GROUP BY employer)
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
