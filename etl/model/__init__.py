"""The warehouse model: SQL that is about the money rather than one source (macros, counting rules,
registry, money views, search), in files applied in a fixed order by etl/warehouse.py."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources

import duckdb

# Applied before the sources' SQL (what their tables and loaders use) and after it (what reads their tables).
BEFORE_SOURCES = ("core.sql", "incremental.sql", "macros.sql", "rules.sql", "channels.sql", "contributions.sql", "awards.sql")
AFTER_SOURCES = ("registry.sql", "award_views.sql", "money.sql", "search.sql", "words.sql", "claims.sql")


def sql(name: str) -> str:
    """The text of one model SQL file."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def rewrite(sql_text: str, *pairs: tuple[str, str]) -> str:
    """sql_text with each (old, new) replaced: a rule scoped or re-pointed from its one definition. A piece that is not
    there raises, so a change to the definition cannot silently leave the derived SQL unscoped."""
    for old, new in pairs:
        if old not in sql_text:
            raise ValueError(f"SQL rewrite: {old!r} is not in the statement it rewrites")
        sql_text = sql_text.replace(old, new)
    return sql_text


def current_cycle(today: date | None = None) -> int:
    """The FEC two-year cycle now running, named by its even year (the fec_cycle macro's rule, for Python callers)."""
    year = (today or date.today()).year
    return year + year % 2


@cache
def channels() -> tuple[str, ...]:
    """The channels whose money may be added, in the explorer's order: the org_channels rows of channels.sql."""
    con = duckdb.connect(config={"memory_limit": "64MB", "threads": 1})  # reads one constant file, holds no data
    try:
        con.execute(sql("channels.sql"))
        return tuple(c for (c,) in con.execute("SELECT channel FROM org_channels WHERE added ORDER BY position").fetchall())
    finally:
        con.close()
