"""Shared display helpers: money formatting and source links."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import streamlit as st

from etl import config

if TYPE_CHECKING:
    import pandas as pd


def db_path() -> Path:
    """The warehouse the explorer reads (MONEYTRAIL_DB)."""
    return config.settings().db


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True, config=config.settings().duckdb_config())


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the read-only warehouse (one cached connection per server process)."""
    return _connection(str(db_path())).cursor()


DEMO_BANNER = ("SYNTHETIC DEMO DATA: every person, company, committee and award here is fictional, generated to show how "
               "moneytrail works. To load the real public records, run `uv run moneytrail up` with a network connection "
               "(or `uv run moneytrail build --from DIR` with downloaded files).")


def warehouse_info() -> dict[str, str]:
    """Facts about the open warehouse (table warehouse_info; empty in warehouses built before it existed)."""
    con = cursor()
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'warehouse_info'").fetchall()[0][0]:
        return {}
    return dict(con.execute("SELECT key, value FROM warehouse_info").fetchall())


def money(value: Decimal | int | None) -> str:
    """Format an amount with thousands separators and cents, never through float."""
    if value is None:
        return "—"
    d = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if d < 0 else ""
    return f"{sign}${abs(d):,.2f}"


def frame(result, money_cols: tuple[str, ...] = ()) -> pd.DataFrame:
    """A Result as a DataFrame for display: money columns as formatted text (never floats)."""
    import pandas as pd
    df = pd.DataFrame(result.rows, columns=result.columns, dtype=object)
    for col in money_cols:
        if col in df.columns:
            df[col] = [money(v) for v in df[col]]  # money() shows None as —
    return df


def csv_text(result) -> str:
    """A Result as CSV with exact values (Decimal text, ISO dates), every row."""
    import csv
    import io
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(result.columns)
    w.writerows(result.rows)
    return out.getvalue()


def table(result, key: str, money_cols: tuple[str, ...] = (), link_cols: tuple[str, ...] = ("source_url",)) -> None:
    """Show a Result as a table with source links and a CSV download of all its rows."""
    config = {c: st.column_config.LinkColumn(c.replace("_url", ""), display_text="open")
              for c in link_cols if c in result.columns}
    st.dataframe(frame(result, money_cols), hide_index=True, column_config=config, width="stretch")
    # The CSV is built only when someone clicks (a callable), not on every rerun: 72 MB took 1.1 s at 300k rows.
    st.download_button(f"Download CSV ({len(result.rows):,} rows)", lambda: csv_text(result), f"{key}.csv", "text/csv",
                       key=f"csv-{key}")


def rows_behind(label: str, run, key: str, money_cols: tuple[str, ...] = ("amount",)) -> None:
    """A switch that shows the rows behind a figure (queried only when asked), each linked to its source, with their CSV."""
    if st.toggle(f"Show the rows behind: {label}", key=f"rows-{key}"):
        result = run()
        st.caption(f"{len(result.rows):,} rows")
        table(result, key, money_cols)


def md_text(value: object) -> str:
    """Text shown inside Markdown as itself: characters Markdown would read as markup ($ as math, [ ] as links) escaped."""
    out = str(value)
    for ch in "\\`*_[]()$<>#|~":
        out = out.replace(ch, "\\" + ch)
    return out


def other_awards(result, key: str) -> None:
    """Other Transaction records and announced awards: one line each, saying what it is and linking its source, then the table."""
    for r in result.records():
        parts = [md_text(r["award_id"]), md_text(r["recipient_name"]),
                 md_text(", ".join(x for x in (r["awarding_agency"], r["awarding_office"]) if x)),
                 md_text(r["dated"]) if r["dated"] else "",
                 f"obligated {md_text(money(r['obligated']))}"
                 + (" at award (as announced)" if r["source"] == "announced" else ""),
                 f"ceiling {md_text(money(r['ceiling']))} (not obligated money)"]
        if r["terminated_on"]:
            parts.append(f"terminated {md_text(r['terminated_on'])}: {md_text(r['termination_reason'])}")
        link = f"[source]({r['source_url']})" if str(r["source_url"] or "").startswith("https://") else ""
        cite = (f"[announcement]({r['announcement_url']})" if r["source"] != "announced" and r["announcement_url"] else "")
        st.markdown(f"**{md_text(r['what'])}**: " + " · ".join(p for p in (*parts, link, cite) if p))
    table(result, key, ("obligated", "ceiling"), ("source_url", "announcement_url"))
