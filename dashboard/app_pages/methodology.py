"""Methodology: every named query's note next to its SQL, the employer audit per organization, the counting rules."""

import pandas as pd
import streamlit as st

from dashboard.components import cursor, run, table
from etl import review
from etl.queries import QUERIES

q = QUERIES
con = cursor()


def md(text: str) -> str:
    """Text for st.markdown: docstring line breaks joined, dollar signs kept literal (a pair would be read as LaTeX)."""
    return " ".join(text.split()).replace("$", "\\$")


st.title("Methodology")
st.caption("Everything on these pages comes from the named queries below. Each note is the query's own docstring in "
           "etl/queries.py, printed next to the SQL that runs, so the explanation and the SQL cannot drift apart. "
           "Words starting with $ are parameters, always bound, never pasted into the SQL.")

st.header("Counting rules")
st.markdown(md(q["count_rules"].note))
table(run("count_rules"), "count-rules", ("amount",), link_cols=())
for item, text in run("count_rule_definition").rows:
    st.markdown(f"**{item}**")
    if item.startswith("macro "):
        st.code(text, language="sql")
    else:
        st.markdown(md(text))
st.caption(md(q["count_rule_definition"].note))

st.header("Employer audit")
st.markdown(md(q["employer_audit"].note))
orgs = [v for f, v in run("filter_options").rows if f == "organization"]
org = st.selectbox("Organization", orgs, key="org", bind="query-params",
                   index=orgs.index("google") if "google" in orgs else 0)
table(run("employer_audit", org_id=org), "employer-audit", ("amount",), link_cols=())

st.header("Employer review queue")
st.markdown("Strings near the organization that no reviewed rule decides yet (same first word, a similar name by "
            "rapidfuzz, an occupation naming it, or a bare word whose rows nothing corroborated), largest money "
            "first. `moneytrail orgs review ORG --accept STRING --note ...` or `--exclude STRING --note ...` "
            "records a decision in the registry; a rebuild applies it.")
st.dataframe(pd.DataFrame(review.queue(con, org), columns=["employer", "why", "similarity", "rows", "amount",
                                                          "occupation", "place"]), hide_index=True)
st.subheader("Reviewed decisions")
st.dataframe(pd.DataFrame(review.decisions(con), columns=["decision", "employer", "org_id", "note"]), hide_index=True)

st.header("The queries")
for name, query in q.items():
    st.subheader(query.title)
    st.caption(f"query `{name}`")
    st.markdown(md(query.note))
    st.code(query.sql.strip(), language="sql")
