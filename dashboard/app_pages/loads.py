"""Sources and loads: every file in the warehouse, with rows read, loaded and rejected."""

import streamlit as st

from dashboard.components import cursor, shown_rows, synthetic

st.title("Sources and loads")
st.caption("Every file loaded into this warehouse, with its SHA-256, and for fetched files the URL and time of the "
           "download. Rows read = rows loaded + rows rejected.")
cur = cursor()
loads = cur.execute(
    """SELECT load_id, status, source, file_type, dataset, cycle, rows_read, rows_loaded, rows_rejected,
              sha256, path, fetched_from, retrieved_at, finished_at, note FROM load_log ORDER BY load_id"""
).df()
# The demo's files were never fetched: their fetched_from says so in words, which a link column would show as a dead link.
fetched = st.column_config.TextColumn("fetched from") if synthetic() else st.column_config.LinkColumn("fetched from")
st.dataframe(loads, hide_index=True, column_config={"fetched_from": fetched})
st.subheader("Rejected rows")
ERRORS_SQL = "SELECT load_id, path, line_no, reason, raw_line FROM load_errors ORDER BY load_id, line_no"
n_errors = cur.execute("SELECT count(*) FROM load_errors").fetchall()[0][0]
limit = shown_rows("load-errors", n_errors, "rejected rows")
st.dataframe(cur.execute(ERRORS_SQL + " LIMIT $limit", {"limit": limit}).df(), hide_index=True)
st.download_button(f"Download rejected rows (CSV, {n_errors:,} rows)",
                   lambda: cursor().execute(ERRORS_SQL).df().to_csv(index=False), "load_errors.csv", "text/csv")
