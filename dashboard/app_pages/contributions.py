"""Contributions: search itemized receipts by contributor or committee, with source links."""

import streamlit as st

from dashboard import detail
from dashboard.components import cursor, money, shown_rows

FILTER = """
WHERE ($name = '' OR contains(upper(contributor_name), upper($name)))
  AND ($cmte = '' OR recipient_cmte_id = upper($cmte) OR filer_cmte_id = upper($cmte))
"""
TOTAL_SQL = ("SELECT sum(amount) FILTER (WHERE counts_in_totals), count(*) FILTER (WHERE counts_in_totals), count(*) "
             "FROM contributions" + FILTER)
SEARCH_SQL = """
SELECT contribution_id, contributor_name, city, state, employer, transaction_dt, amount, transaction_tp,
       form_type, recipient_cmte_id, conduit_cmte_id, count_rule, source_url
FROM contributions""" + FILTER + """ORDER BY amount DESC, contribution_id
"""
PAGE_SQL = SEARCH_SQL + "LIMIT $limit"  # bounded: with no filter the table holds every row (1.54M: 22 s, 3.2 GB)

st.title("Contributions")
for param, show, what in (("row", detail.contribution, "contribution row (contribution_id or SUB_ID)"),
                          ("filing", detail.filing, "loaded e-filing")):
    asked = (st.query_params.get(param) or "").strip()[:100]
    if asked and not show(cursor(), asked):  # /contributions?row=fec:4032020191641058001, ?filing=1544132
        st.warning(f"No {what} {asked!r} in these records.")
name = st.text_input("Contributor name contains", key="name", bind="query-params", max_chars=200)
cmte = st.text_input("Committee ID (recipient or filer)", key="cmte", bind="query-params", max_chars=20)
params = {"name": (name or "").strip(), "cmte": (cmte or "").strip()}
total, n_counted, n_rows = cursor().execute(TOTAL_SQL, params).fetchall()[0]
st.metric("Counted in totals", money(total or 0))
st.caption(f"{n_rows:,} rows; {n_counted:,} counted. Rows not counted are memo entries, conduit copies of "
           "earmarked gifts, refunds or duplicates (see count_rule).")
limit = shown_rows("contributions", n_rows)
rows = cursor().execute(PAGE_SQL, {**params, "limit": limit}).df()
st.dataframe(rows, hide_index=True, column_config={"source_url": st.column_config.LinkColumn("source")})
st.download_button(f"Download these rows (CSV, {n_rows:,} rows)",
                   lambda: cursor().execute(SEARCH_SQL, params).df().to_csv(index=False),  # built on click only
                   "contributions.csv", "text/csv")
