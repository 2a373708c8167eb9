"""moneytrail explorer: router and the cached read-only connection."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import duckdb
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `streamlit run` puts only this folder on the path

from dashboard.components import DEMO_BANNER, db_path, warehouse_info  # noqa: E402


def main() -> None:
    """Set up the page and route to the page files."""
    st.set_page_config(page_title="moneytrail", layout="wide")
    if not db_path().exists():
        st.error(f"No warehouse at {db_path()}. Run `uv run moneytrail build --from DIR` first.")
        st.stop()
    here = Path(__file__).parent / "app_pages"
    nav = st.navigation([
        st.Page(str(here / "search.py"), title="Search", default=True),
        st.Page(str(here / "organization.py"), title="Organization"),
        st.Page(str(here / "compare.py"), title="Compare"),
        st.Page(str(here / "person.py"), title="Person"),
        st.Page(str(here / "committee.py"), title="Committee"),
        st.Page(str(here / "contracts.py"), title="Contracts"),
        st.Page(str(here / "ai_uses.py"), title="AI uses"),
        st.Page(str(here / "contributions.py"), title="Contributions"),
        st.Page(str(here / "loads.py"), title="Sources and loads"),
        st.Page(str(here / "methodology.py"), title="Methodology"),
    ])
    try:
        if warehouse_info().get("synthetic") == "true":  # the demo (etl/demo.py): said on every page, above the page
            st.warning(DEMO_BANNER, icon="⚠️")
        nav.run()
    except duckdb.InterruptException:
        st.error("This page took longer than the explorer allows for one query; narrow it down and try again.")
    except Exception:  # one sentence for the reader, the details in the server's log only (no paths on the page)
        logging.getLogger("moneytrail").exception("page failed")
        st.error("This page could not be shown: the warehouse could not be read. Rebuild it with "
                 "`moneytrail build --from DIR`, or see the server's log.")


main()
