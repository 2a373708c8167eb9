"""Contracts: USAspending awards by recipient, description or PIID; obligated and ceiling apart, each linked to its source."""

import streamlit as st

from dashboard.components import cursor, money, table
from etl.queries import QUERIES

q = QUERIES
con = cursor()
CATEGORIES = ["", "contract", "idv"]  # '' = both

st.title("Contracts")
text = (st.text_input("Recipient or description contains, or a PIID", key="q", bind="query-params", max_chars=200)
        or "").strip()
agencies = [""] + [v for f, v in q["filter_options"].run(con).rows if f == "contract_agency"]
c1, c2 = st.columns([3, 1])
agency = c1.selectbox("Awarding agency or sub-agency (blank: all)", agencies, key="agency", bind="query-params")
category = c2.selectbox("Category (blank: both)", CATEGORIES, key="category", bind="query-params")

filters = {"q": text, "agency": agency or "", "category": category or ""}
awards = q["contracts"].run(con, **filters)
t = q["contracts_totals"].run(con, **filters).one()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Obligated on contracts", money(t["obligated_contracts"]),
          help="Money committed on contract awards. IDVs are left out: their money sits on the orders placed under them.")
c2.metric("Obligated on IDVs (apart, never added)", money(t["obligated_idvs"]))
c3.metric("Ceiling of contracts that state one (never added)", money(t["ceiling_contracts"]),
          help=f"Potential value of {t['contracts_with_ceiling']:,} of {t['contracts']:,} contracts; the other files "
               "give no ceiling.")
c4.metric("Awards", f"{t['awards']:,}", help=f"{t['contracts']:,} contracts, {t['idvs']:,} IDVs")
st.caption("Obligated is money committed; the ceiling is what the award could grow to. The two are never added, and IDV "
           "(schedule, IDIQ, BPA) figures are not added to contract totals. Each row links to its usaspending.gov page.")
table(awards, "contracts", ("obligated", "ceiling"))

st.header("What these records do not cover")
gaps = [g for g in q["gaps"].run(con).records() if g["source"] == "usaspending"]
for g in gaps:
    st.markdown(f"**{g['topic']}**: {g['detail']} ({g['reference']})".replace("$", "\\$"))
