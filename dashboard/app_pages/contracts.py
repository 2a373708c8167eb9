"""Contracts: USAspending awards by recipient, description or PIID; obligated and ceiling apart, each linked to its source;
Other Transactions and announced awards apart."""

import streamlit as st

from dashboard import detail
from dashboard.charts import over_time
from dashboard.components import cursor, other_awards, run, table
from dashboard.fmt import money_metric
from dashboard.links import page_url
from etl.queries import QUERIES, Result

q = QUERIES
con = cursor()
CATEGORIES = ["", "contract", "idv"]  # '' = both

st.title("Contracts")
asked = (st.query_params.get("award") or "").strip()[:200]
if asked:  # /contracts?award=<award key or PIID>: the award as text
    if not detail.award(con, asked):
        st.warning(f"No award with key or PIID {asked!r} in these records.")
    st.divider()
text = (st.text_input("Recipient or description contains, or a PIID", key="q", bind="query-params", max_chars=200)
        or "").strip()
agencies = [""] + [v for f, v in run("filter_options").rows if f == "contract_agency"]
c1, c2 = st.columns([3, 1])
agency = c1.selectbox("Awarding agency or sub-agency (blank: all)", agencies, key="agency", bind="query-params")
category = c2.selectbox("Category (blank: both)", CATEGORIES, key="category", bind="query-params")

filters = {"q": text, "agency": agency or "", "category": category or ""}
awards = run("contracts", **filters)
t = run("contracts_totals", **filters).one()
# Two by two: at four across, 1400 px wide, labels and the ceiling's figure were cut off.
(c1, c2), (c3, c4) = st.columns(2), st.columns(2)
money_metric(c1, "Obligated on contracts", t["obligated_contracts"],
             help="Money committed on contract awards. IDVs are left out: their money sits on the orders placed under them.")
money_metric(c2, "Obligated on IDVs (apart, never added)", t["obligated_idvs"])
money_metric(c3, "Ceiling of contracts that state one (never added)", t["ceiling_contracts"],
             help=f"Potential value of {t['contracts_with_ceiling']:,} of {t['contracts']:,} contracts; the other files "
                  "give no ceiling.")
c4.metric("Awards", f"{t['awards']:,}", help=f"{t['contracts']:,} contracts, {t['idvs']:,} IDVs")
st.caption("Obligated is money committed; the ceiling is what the award could grow to. The two are never added, and IDV "
           "(schedule, IDIQ, BPA) figures are not added to contract totals. Each row links to its usaspending.gov page.")
over_time(run("contracts_by_agency_year", **filters), "contracts-agency-year", x="fiscal_year", y="obligated",
          color="agency", title="Obligations on contracts by awarding agency and the fiscal year the award started")
key = awards.columns.index("award_key")
table(Result(awards.columns + ["detail_url"], [(*r, page_url("contracts", award=r[key])) for r in awards.rows]), "contracts",
      ("obligated", "ceiling"), link_cols=("source_url", "detail_url"))

st.header("Other Transaction agreements and announced awards")
st.caption("Not in USAspending and not in the figures above: FPDS records of Other Transactions (SAM.gov Contract Awards "
           "API) and awards known only from an official announcement (\"announced, not a transaction record\"; a "
           "loaded record of the same award id replaces it and keeps it as a citation). Same text and agency filters.")
other = run("other_awards", q=text, agency=agency or "")
if other.rows:
    other_awards(other, "other-awards")
else:
    st.info("None in these records for these filters.")

st.header("What these records do not cover")
gaps = [g for g in run("gaps").records() if g["source"] == "usaspending"]
for g in gaps:
    st.markdown(f"**{g['topic']}**: {g['detail']} ({g['reference']})".replace("$", "\\$"))
