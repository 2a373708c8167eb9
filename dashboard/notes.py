"""What a figure rests on: the loaded files and date windows behind it, said next to every money figure and empty result."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import streamlit as st

from dashboard.components import run


def md(text: str) -> str:
    """Text for st.markdown with dollar signs kept literal (a pair would be read as LaTeX)."""
    return text.replace("$", "\\$")


def windows_text() -> str:
    """One sentence naming each loaded contribution source, its datasets and the gift dates it spans (from the results
    all sessions share)."""
    parts = [f"{w['title'] or w['source']} ({w['datasets']}; cycle {w['cycles']}), gifts dated {w['first_date']} to "
             f"{w['last_date']}, {w['rows']:,} rows" for w in run("contribution_windows").records()]
    return "; ".join(parts) if parts else "no contribution records are loaded"


def figure_windows(*, cmte_id: str = "", donor_id: str = "", org_ids: Sequence[str] = (),
                   channels: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The loaded files behind one figure and their windows (query figure_windows, cached like every page query)."""
    return run("figure_windows", cmte_id=cmte_id, donor_id=donor_id, org_ids=list(org_ids), channels=list(channels)).records()


def figure_windows_text(windows: list[dict[str, Any]]) -> str:
    """Each file behind a figure, its cycle and window, and how many of the subject's rows it holds."""
    return "; ".join(f"{w['title'] or w['source']} {w['dataset']} (cycle {w['cycle']}; {w['window_kind']} "
                     f"{w['window_from']} to {w['window_to']}; {w['rows']:,} of its rows)" for w in windows)


@cache
def _cycle() -> int:
    from etl.model import current_cycle
    return current_cycle()


def figure_note(*, empty: bool, subject: str, fetch: str | None = None,
                windows: list[dict[str, Any]] | None = None) -> None:
    """Say under a money figure which files and windows it rests on; when empty, what was searched, what would
    answer it and how to fetch it. windows: figure_windows of this figure (None: every loaded window)."""
    own = figure_windows_text(windows) if windows else ""
    if not empty:
        rests = own or f"contributions loaded: {windows_text()}"
        st.caption(md(f"Rests on: {rests}. Gifts outside these windows are not in the figure."))
        return
    fetch = fetch or f"uv run moneytrail fetch fec-bulk --cycle {_cycle()} --types indiv,cm,cn,ccl"
    held = f"Files holding its rows, none counted: {own}. " if own else ""
    st.info(md(f"Nothing found for {subject} in the loaded records. That is not evidence of no money. {held}"
               f"Searched: {windows_text()}. "
               f"What would answer it: the FEC records of the cycle in question (current-cycle bulk files lag filings "
               f"by about 30 days). Fetch them with `{fetch}`, then look again."))
