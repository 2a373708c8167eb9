"""Methodology: every named query's note next to its SQL, the employer audit per organization, the counting rules."""

import streamlit as st

from dashboard.components import run, table
from etl.queries import QUERIES

q = QUERIES


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

st.header("The queries")
for name, query in q.items():
    st.subheader(query.title)
    st.caption(f"query `{name}`")
    st.markdown(md(query.note))
    st.code(query.sql.strip(), language="sql")
