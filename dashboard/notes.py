"""What a figure rests on: the loaded sources and date windows, said next to every money figure and empty result."""

from __future__ import annotations

from functools import cache

import duckdb
import streamlit as st

from dashboard.components import run


def md(text: str) -> str:
    """Text for st.markdown with dollar signs kept literal (a pair would be read as LaTeX)."""
    return text.replace("$", "\\$")


def windows_text(con: duckdb.DuckDBPyConnection) -> str:
    """One sentence naming each loaded contribution source, its datasets and the gift dates it spans (from the results
    all sessions share, read on the same warehouse as con)."""
    parts = [f"{w['title'] or w['source']} ({w['datasets']}; cycle {w['cycles']}), gifts dated {w['first_date']} to "
             f"{w['last_date']}, {w['rows']:,} rows" for w in run("contribution_windows").records()]
    return "; ".join(parts) if parts else "no contribution records are loaded"


@cache
def _cycle() -> int:
    from etl.model import current_cycle
    return current_cycle()


def figure_note(con: duckdb.DuckDBPyConnection, *, empty: bool, subject: str, fetch: str | None = None) -> None:
    """Say under a money figure which sources and windows it rests on; when empty, what would answer it and how to fetch it."""
    rests = f"Contributions loaded: {windows_text(con)}."
    if not empty:
        st.caption(md(f"Rests on: {rests} Gifts outside these windows are not in the figure."))
        return
    fetch = fetch or f"uv run moneytrail fetch fec-bulk --cycle {_cycle()} --types indiv,cm,cn,ccl"
    st.info(md(f"Nothing found for {subject} in the loaded records. That is not evidence of no money. {rests} "
               f"What would answer it: the FEC records of the cycle in question (current-cycle bulk files lag filings "
               f"by about 30 days). Fetch them with `{fetch}`, then look again."))
