"""Blocking keys for donor clustering (etl/donors.py) whose candidate pairs grow with the rows, not their square,
and the join of records along scored pairs (union-find over the records of a matched pair only).

A blocking rule pairs records that share a key. A fixed key (last name, first initial, state) makes blocks
that grow with the file: a cycle holds thousands of SMITH, J in CA, and their pairs grow with the square.
Each rule here is a list of keys, each finer than the one before; a record takes the first key whose
block holds at most BLOCK_CAP records, so no block but the finest is larger than the cap and a record has
at most BLOCK_CAP - 1 partners per rule. On files where no block reaches the cap (the real 2019 sample),
the pairs are exactly those of the plain rules.
"""

from __future__ import annotations

import duckdb

# A block of more records than this is split by the next key. The largest block of the real indiv20 sample
# (bench/bench_blocking.py) holds 7 records, so the cap never splits one there; at 200 a record has at
# most 199 partners per rule.
BLOCK_CAP = 200

# rule -> the columns of donor_records each finer key adds (column names from this list only)
BLOCKS: dict[str, list[list[str]]] = {
    "block_state": [["last_name", "first_initial", "state"], ["first_name"], ["city"], ["zip5"]],
    "block_zip": [["last_name", "zip5"], ["first_initial"], ["first_name"]],
    # a move to another state with the same employer
    "block_employer": [["last_name", "first_name", "employer_key"], ["occupation_key"]],
}
COLUMNS = {"last_name", "first_initial", "first_name", "state", "city", "zip5", "employer_key", "occupation_key"}


def _keys(rule: str) -> list[str]:
    """SQL of each key of a rule, coarsest first; NULL when a part is NULL (|| propagates NULL), as splink's = would."""
    cols: list[str] = []
    keys = []
    for i, extra in enumerate(BLOCKS[rule], start=1):
        if not set(extra) <= COLUMNS:
            raise ValueError(f"blocking column outside the allowlist: {extra}")
        cols += extra
        keys.append(f"'{i}|' || " + " || '|' || ".join(f"{c}::VARCHAR" for c in cols))
    return keys


def coarse_sql(rule: str) -> str:
    """SQL of a rule's coarsest key (its first level) over columns of donor_records' names."""
    return _keys(rule)[0]


def blocks_sql() -> str:
    """SQL adding one capped key column per rule to donor_records (bound parameter $cap)."""
    levels = ", ".join(f"{key} AS {rule}_{i}" for rule in BLOCKS for i, key in enumerate(_keys(rule)))
    choices, joins = [], []
    for rule in BLOCKS:
        n = len(BLOCKS[rule])
        whens = " ".join(f"WHEN n_{rule}_{i}.n <= $cap THEN {rule}_{i}" for i in range(n - 1))
        choices.append(f"CASE {whens} ELSE {rule}_{n - 1} END AS {rule}")
        # each key's block size by a grouping joined back (six window partitions cost 2.2 of 2.7 CPU-s at 2M lines);
        # a NULL key has no size and falls through to the finest key, NULL too (its columns include the coarser's)
        joins += [f"LEFT JOIN (SELECT {rule}_{i}, count(*) AS n FROM levels WHERE {rule}_{i} IS NOT NULL GROUP BY ALL) "
                  f"n_{rule}_{i} USING ({rule}_{i})" for i in range(n - 1)]
    return f"""
CREATE OR REPLACE TEMP TABLE donor_blocks AS
WITH levels AS MATERIALIZED (SELECT record_id, {levels} FROM donor_records)
SELECT record_id, {", ".join(choices)}
FROM levels {" ".join(joins)}
"""


def add_blocks(con: duckdb.DuckDBPyConnection, cap: int = BLOCK_CAP) -> dict[str, int]:
    """Give donor_records its capped block keys; returns the candidate pairs of each rule (before de-duplication)."""
    con.execute(blocks_sql(), {"cap": cap})
    pairs = {}
    for rule in BLOCKS:
        pairs[rule] = int(con.execute(f"""SELECT coalesce(sum(n * (n - 1) // 2), 0) FROM
                                          (SELECT count(*) AS n FROM donor_blocks WHERE {rule} IS NOT NULL
                                           GROUP BY {rule})""").fetchall()[0][0])
    return pairs


def clusters(edges: list[tuple[str, str, float]], conflicts: list[tuple[str, str]]) -> dict[str, str]:
    """Join the records of the edges, strongest first, never into a cluster that holds a conflicting pair.

    Only records in an edge take part; every other record is its own cluster (assigned in SQL).
    """
    members: dict[str, set[str]] = {}
    owner: dict[str, str] = {}
    for a, b, _ in edges:
        for r in (a, b):
            if r not in owner:
                owner[r], members[r] = r, {r}
    apart: dict[str, set[str]] = {}  # only the records of a conflict (most have none)
    for a, b in conflicts:
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    # weights equal to 1e-6 bits are a tie, broken by the ids: an update's moved weight (etl/donor_reweigh.py) differs
    # from a full build's scoring of the same pair in the last bits, which must not reorder two pairs a full build ties
    for a, b, _ in sorted(edges, key=lambda e: (-round(e[2], 6), e[0], e[1])):
        ka, kb = owner[a], owner[b]
        if ka == kb:
            continue
        if len(members[ka]) < len(members[kb]):
            ka, kb = kb, ka
        # a conflict is symmetric: looking from the smaller cluster finds it as well
        if apart and any(x in apart and not apart[x].isdisjoint(members[ka]) for x in members[kb]):
            continue
        for x in members.pop(kb):
            owner[x] = ka
            members[ka].add(x)
    first = {k: min(m) for k, m in members.items()}
    return {r: first[owner[r]] for r in owner}


def components(edges: list[tuple[str, str, float]]) -> dict[str, str]:
    """Plain connected components of the edges' records (no conflicts), each named by its smallest record: where the
    conflict check has to look. Union-find, the smaller root kept (so a root is its component's smallest record)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        r = x
        while parent[r] != r:
            r = parent[r]
        while parent[x] != r:  # path compression
            parent[x], x = r, parent[x]
        return r

    for a, b, _ in edges:
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {r: root(r) for r in parent}
