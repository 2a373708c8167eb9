"""Shared display helpers: money formatting and source links."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import duckdb
import streamlit as st


def db_path() -> Path:
    """The warehouse the explorer reads (MONEYTRAIL_DB)."""
    return Path(os.environ.get("MONEYTRAIL_DB", "data/moneytrail.duckdb"))


@st.cache_resource
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor on the read-only warehouse (one cached connection per server process)."""
    return _connection(str(db_path())).cursor()


def money(value: Decimal | int | None) -> str:
    """Format an amount with thousands separators and cents, never through float."""
    if value is None:
        return "—"
    d = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if d < 0 else ""
    return f"{sign}${abs(d):,.2f}"
