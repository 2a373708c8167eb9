"""URL values checked before a page uses them: shown back with a warning, never silently replaced; full-state links."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode

import duckdb
import streamlit as st

from dashboard.components import run


def _shown(raw: str) -> str:
    """A URL value as it may be shown back: cut to 60 characters, quoted, markdown and $ made harmless."""
    cut = raw[:60] + ("…" if len(raw) > 60 else "")
    return "`" + cut.replace("`", "'") + "`"


def resolve_org(raw: str, orgs: dict[str, str]) -> str | None:
    """The registry org ID a URL value means: the ID in any case, else a name or name word that fits exactly one."""
    low = raw.strip().lower()
    if low in orgs:
        return low
    by_name = [i for i, n in orgs.items() if n.lower() == low]
    if not by_name and len(low) >= 3:
        by_name = [i for i, n in orgs.items() if low in n.lower().replace(",", " ").replace("(", " ").replace(")", " ").split()]
    return by_name[0] if len(by_name) == 1 else None


def org_select(orgs: dict[str, str], label: str, default: str, key: str = "org") -> str | None:
    """The organization selectbox, bound to ?org=, after checking the URL's value; None when the reader must choose."""
    raw = st.query_params.get(key)
    index: int | None = list(orgs).index(default) if default in orgs else 0
    if raw is not None and raw not in orgs:
        found = resolve_org(raw, orgs)
        if found:
            # Seeded through session state: a bound widget does not re-read a query parameter changed in this run.
            st.session_state[key] = found
            st.info(f"The link asks for organization {_shown(raw)}: read as **{found}** ({orgs[found]}).")
        else:
            del st.query_params[key]
            st.warning(f"Unknown organization in the link: {key}={_shown(raw)}. It is not replaced by another "
                       f"organization: choose one below (registry IDs: {', '.join(orgs)}).")
            st.session_state.pop(key, None)
        index = None
    elif key in st.session_state:
        index = None  # the value set above (or by the reader) wins; a default beside it would be a Streamlit warning
    return st.selectbox(label, list(orgs), key=key, bind="query-params", index=index)


def date_from_url(key: str) -> None:
    """Check a date in the URL (YYYY-MM-DD) before its widget reads it; a value that is not one is shown back and dropped."""
    raw = st.query_params.get(key)
    if not raw:  # absent, or empty as in a full-state link: no bound on that side
        return
    try:
        date.fromisoformat(raw)
    except ValueError:
        del st.query_params[key]
        st.warning(f"Not a date in the link: {key}={_shown(raw)} (dates are YYYY-MM-DD). It is left out: the window "
                   f"has no {'start' if key == 'from' else 'end'} until you set one.")


def reversed_window(date_from: date | None, date_to: date | None) -> bool:
    """Flag a window whose start is after its end (True: the page must not show figures for it)."""
    if date_from and date_to and date_from > date_to:
        st.error(f"The window is reversed: from {date_from} is after to {date_to}. No figure is shown for it; swap the "
                 "two dates.")
        return True
    return False


def warehouse_as_of(con: duckdb.DuckDBPyConnection) -> str:
    """The warehouse's as-of date: the day its latest file finished loading (from the shared results, as con would read)."""
    loaded = [r["loaded_at"] for r in run("coverage").records() if r["loaded_at"]]
    return max(loaded).strftime("%Y-%m-%d") if loaded else "empty"


def share_link(con: duckdb.DuckDBPyConnection, page: str, state: dict[str, object]) -> None:
    """A link with the page's whole state (defaults too) and the warehouse's as-of date; warns when a link's as-of differs."""
    as_of = warehouse_as_of(con)
    asked = st.query_params.get("asof")
    if asked and asked != as_of:
        st.warning(f"This link was made on a warehouse as of {_shown(asked)}; this one is as of {as_of}, so its figures "
                   "may differ.")
    params: list[tuple[str, str]] = []
    for k, v in state.items():
        for item in (v if isinstance(v, list | tuple) else [v]):
            params.append((k, "" if item is None else str(item)))
    params.append(("asof", as_of))
    base = (st.context.url or "").split("?")[0] or page
    st.caption("Copy link (every setting, defaults included, and the warehouse's as-of date, so it keeps its meaning):")
    st.code(f"{base}?{urlencode(params, safe=':,', quote_via=quote)}", language=None)
