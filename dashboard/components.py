"""Shared display helpers: the locked, cached connection; cached query results; bounded tables; money and links."""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import streamlit as st

from etl import config, db
from etl.queries import QUERIES, Result

PAGE_ROWS = 5000  # rows a table shows at first and adds per "Show more"; the CSV always has every row

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def db_path() -> Path:
    """The warehouse the explorer reads (MONEYTRAIL_DB), as an absolute path."""
    return _settings(_environment(), os.getcwd())[0]


def _environment() -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("MONEYTRAIL_")))


@lru_cache(maxsize=16)
def _settings(environment: tuple[tuple[str, str], ...], cwd: str) -> tuple[Path, float]:
    """The warehouse path (resolved) and the query time limit, worked out once per environment and folder."""
    s = config.settings()
    return s.db.resolve(), s.query_seconds


def identity() -> tuple[str, int, int]:
    """The warehouse file's identity: path, inode, mtime. A rebuild swaps in a new file (os.replace: a new inode)."""
    # Every query of every page asks for it: the settings object and realpath() are worked out once per MONEYTRAIL_*
    # environment and working directory (they were a sixth of a page run's CPU), the file's inode and mtime every time.
    path = db_path()
    st_ = path.stat()
    return str(path), st_.st_ino, st_.st_mtime_ns


@st.cache_resource(max_entries=1)  # the previous file's connection is let go once a rebuild replaces it
def _connection(path: str, inode: int, mtime_ns: int) -> duckdb.DuckDBPyConnection:
    return db.read_connection(path)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the locked read-only warehouse (etl.db.read_connection), reopened when the file is replaced; its
    queries are interrupted after the time limit (MONEYTRAIL_QUERY_SECONDS)."""
    cur = db.read_cursor(_connection(*identity()))
    db.interrupt_after(cur, _settings(_environment(), os.getcwd())[1])
    return cur


@st.cache_data(max_entries=5000, show_spinner=False)
def _cached(ident: tuple[str, int, int], name: str, params: tuple[tuple[str, Any], ...], first: int | None = None) -> Result:
    cur = db.read_cursor(_connection(*ident))
    timer = db.interrupt_after(cur)
    try:
        kw = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return QUERIES[name].run(cur, **kw) if first is None else QUERIES[name].first(cur, first, **kw)
    finally:
        timer.cancel()
        cur.close()


def _key(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def run(name: str, **params: Any) -> Result:
    """A named query's result, cached per warehouse file (path, inode, mtime) and parameters: sessions share it."""
    return _cached(identity(), name, _key(params))


@dataclass(frozen=True)
class Rows:
    """A named query shown as a bounded table: table() reads only the rows it shows (Query.first), all on download."""

    name: str
    params: tuple[tuple[str, Any], ...]
    derive: Callable[[Result], Result] | None = None

    def read(self, first: int | None = None) -> Result:
        """Its first rows (all of them when first is None), cached like run(), with derive applied."""
        res = _cached(identity(), self.name, self.params, first)
        return self.derive(res) if self.derive else res


def rows(name: str, derive: Callable[[Result], Result] | None = None, **params: Any) -> Rows:
    """A named query for table(): read PAGE_ROWS at a time; derive adds columns (links) to what is read."""
    return Rows(name, _key(params), derive)


DEMO_BANNER = ("SYNTHETIC DEMO DATA: every person, company, committee and award here is fictional, generated to show how "
               "moneytrail works. To load the real public records, run `uv run moneytrail up` with a network connection "
               "(or `uv run moneytrail build --from DIR` with downloaded files).")


def warehouse_info() -> dict[str, str]:
    """Facts about the open warehouse (table warehouse_info; empty in warehouses built before it existed)."""
    return _warehouse_info(identity())


@st.cache_data(max_entries=4, show_spinner=False)
def _warehouse_info(ident: tuple[str, int, int]) -> dict[str, str]:
    con = db.read_cursor(_connection(*ident))
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


_ARROW: OrderedDict[tuple, Any] = OrderedDict()
_ARROW_LOCK = threading.Lock()
ARROW_ENTRIES = 512  # tables kept ready to send, shared by all sessions (least recently shown dropped first)
ARROW_ROWS = 1000  # larger tables (rows behind a figure, "Show more") are built when shown: the memo stays small


def arrow(result: Result, money_cols: tuple[str, ...] = (), floats: tuple[str, ...] = ()) -> pa.Table:
    """A Result as an Arrow table for st.dataframe / charts: money columns as formatted text (never floats), floats
    only for drawing. Built once per distinct content and shared by every session: the same table is sent to every
    reader of a page, so building it (pandas, then Arrow) on every run was a tenth of a page run's CPU."""
    if len(result.rows) > ARROW_ROWS:
        return _arrow_table(result, money_cols, floats)
    key = (tuple(result.columns), tuple(result.rows), money_cols, floats)
    try:
        hash(key)
    except TypeError:  # a list value (a DuckDB LIST column, e.g. found_in): keyed by its items
        key = (tuple(result.columns), tuple(tuple(_frozen(v) for v in r) for r in result.rows), money_cols, floats)
    with _ARROW_LOCK:
        if key in _ARROW:
            _ARROW.move_to_end(key)
            return _ARROW[key]
    table = _arrow_table(result, money_cols, floats)
    with _ARROW_LOCK:
        _ARROW[key] = table
        while len(_ARROW) > ARROW_ENTRIES:
            _ARROW.popitem(last=False)
    return table


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return ("list", *(_frozen(v) for v in value))
    if isinstance(value, dict):
        return ("dict", *((k, _frozen(v)) for k, v in value.items()))
    return value


def _arrow_table(result: Result, money_cols: tuple[str, ...], floats: tuple[str, ...]) -> pa.Table:
    import pyarrow as pa
    columns = list(zip(*result.rows)) if result.rows else [() for _ in result.columns]
    arrays = []
    for name, values in zip(result.columns, columns):
        if name in money_cols:
            values = [money(v) for v in values]  # money() shows None as —
        elif name in floats:
            values = [None if v is None else float(v) for v in values]
        try:
            arrays.append(pa.array(values))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed types in one column: shown as text
            arrays.append(pa.array([None if v is None else str(v) for v in values], pa.string()))
    return pa.Table.from_arrays(arrays, names=list(result.columns))


SYNTHETIC_CSV_LINE = "# SYNTHETIC DEMO DATA: fictional records, do not cite; links to real sites withheld"


def synthetic() -> bool:
    """True when the open warehouse is the SYNTHETIC demo (warehouse_info.synthetic)."""
    return warehouse_info().get("synthetic") == "true"


def without_links(result, link_cols: tuple[str, ...]) -> Result:
    """The Result with its link columns emptied but for links to the explorer's own pages (organization?org=...):
    demo rows have made-up IDs, so a real site's address would mislead."""
    drop = [i for i, c in enumerate(result.columns) if c in link_cols or c.endswith("_url")]
    return Result(result.columns, [tuple(None if i in drop and not _own_page(v) else v for i, v in enumerate(r))
                                   for r in result.rows])


def _own_page(value: object) -> bool:
    return isinstance(value, str) and re.match(r"^[a-z_]+\?[^:]*$", value) is not None


def csv_text(result, synthetic_data: bool = False) -> str:
    """A Result as CSV with exact values (Decimal text, ISO dates), every row; a SYNTHETIC first line for the demo."""
    import csv
    import io
    out = io.StringIO()
    if synthetic_data:
        out.write(SYNTHETIC_CSV_LINE + "\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(result.columns)
    w.writerows(result.rows)
    return out.getvalue()


def shown_rows(key: str, total: int, unit: str = "rows") -> int:
    """How many of total rows to show: PAGE_ROWS, and PAGE_ROWS more per click on "Show more"; says how many."""
    limit = st.session_state.get(f"more-{key}", PAGE_ROWS)
    if total > limit:
        st.caption(f"Showing the first {limit:,} of {total:,} {unit}; the CSV has all of them.")
        st.button(f"Show {min(PAGE_ROWS, total - limit):,} more", key=f"more-btn-{key}", on_click=_more,
                  args=(f"more-{key}",))
    return limit


def _more(state_key: str) -> None:
    st.session_state[state_key] = st.session_state.get(state_key, PAGE_ROWS) + PAGE_ROWS


def table(result: Result | Rows, key: str, money_cols: tuple[str, ...] = (),
          link_cols: tuple[str, ...] = ("source_url",)) -> None:
    """Show a Result as a table (bounded: PAGE_ROWS at a time) with source links and a CSV download of all its rows;
    for Rows only the rows shown are read, and every row is read when the CSV is asked for."""
    demo = synthetic()
    full: Callable[[], Result] = (lambda: result) if isinstance(result, Result) else result.read
    if isinstance(result, Rows):
        result = result.read(st.session_state.get(f"more-{key}", PAGE_ROWS))
    config = {c: st.column_config.LinkColumn(c.replace("_url", ""), display_text="open")
              for c in link_cols if c in result.columns}
    if demo:
        result = without_links(result, link_cols)
        st.caption("SYNTHETIC DEMO DATA: these rows are fictional; links to the real sites are withheld.")
    limit = shown_rows(key, result.count)
    shown = result if len(result.rows) <= limit else Result(result.columns, result.rows[:limit])
    st.dataframe(arrow(shown, money_cols), hide_index=True, column_config=config, width="stretch")
    # The CSV is built only when someone clicks (a callable), not on every rerun: 72 MB took 1.1 s at 300k rows.
    st.download_button(f"Download CSV ({result.count:,} rows)",
                       lambda: csv_text(without_links(full(), link_cols) if demo else full(), demo), f"{key}.csv",
                       "text/csv", key=f"csv-{key}")


@st.fragment
def rows_behind(label: str, run: Callable[[], Result | Rows], key: str, money_cols: tuple[str, ...] = ("amount",)) -> None:
    """A switch that shows the rows behind a figure (queried only when asked), each linked to its source, with their
    CSV; a fragment, so that the switch reruns only itself, not the page."""
    if st.toggle(f"Show the rows behind: {label}", key=f"rows-{key}"):
        result = run()
        count = result.count if isinstance(result, Result) else result.read(st.session_state.get(f"more-{key}", PAGE_ROWS)).count
        st.caption(f"{count:,} rows")
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
