"""Search: one box across organizations, people, committees, contractors, agencies and AI use cases; coverage below."""

import streamlit as st

from dashboard.components import run, table
from dashboard.links import page_url
from etl.queries import QUERIES, Result

q = QUERIES
KINDS = {"organization": "Organizations", "person": "People", "committee": "Committees", "contractor": "Contractors",
         "agency": "Agencies", "ai_use_case": "AI use cases"}
AMOUNT = {"person": "counted", "contractor": "obligated"}  # what the amount of a kind is; other kinds have none

st.title("Search")
text = (st.text_input("Search organizations, people, committees, contractors, agencies and AI use cases",
                      key="q", bind="query-params", max_chars=200, placeholder="e.g. Google, Pichai, C00428623, OpenAI")
        or "").strip()
options = run("filter_options").rows
contract_agencies = {v for f, v in options if f == "contract_agency"}
ai_agencies = {v for f, v in options if f == "ai_agency"}


def links(kind: str, key: str) -> dict[str, str | None]:
    """Where a result opens: the page that shows it, seeded through the URL."""
    if kind == "agency":
        return {"contracts_url": page_url("contracts", agency=key) if key in contract_agencies else None,
                "ai_uses_url": page_url("ai_uses", agency=key) if key in ai_agencies else None}
    page = {"organization": ("organization", "org"), "person": ("person", "donor"), "committee": ("committee", "cmte"),
            "contractor": ("contracts", "q"), "ai_use_case": ("ai_uses", "q")}[kind]
    # An AI use case opens the AI uses page with the same search, where each record links to its inventory line.
    return {"page_url": page_url(page[0], **{page[1]: text if kind == "ai_use_case" else key})}


ID_PAGES = {"ai_use_case": ("ai_uses", "id"), "award": ("contracts", "award"), "committee": ("committee", "cmte"),
            "filing": ("contributions", "filing"), "contribution": ("contributions", "row")}
if text and (by_id := run("find_by_id", id=text)).rows:  # DHS-2556, a PIID, C00428623, 1544132, a SUB_ID
    st.subheader(f"Records with this ID ({len(by_id.rows)})")
    table(Result(by_id.columns + ["page_url"],
                 [(*r, page_url(ID_PAGES[r[0]][0], **{ID_PAGES[r[0]][1]: r[1]})) for r in by_id.rows]),
          "search-by-id", link_cols=("page_url",))
if text:
    hits = run("search_all", q=text).records()
    st.caption("Case-insensitive; at most 50 results of each kind. AI use cases are found by whole words anywhere in "
               "the record, every word must occur. Each result opens its page.")
    for kind, label in KINDS.items():
        found = [h for h in hits if h["kind"] == kind]
        st.subheader(f"{label} ({len(found)})")
        if found:
            rows = [{"key": h["key"], "name": h["label"], "detail": h["detail"],
                     **({AMOUNT[kind]: h["amount"]} if kind in AMOUNT else {}), **links(kind, h["key"])} for h in found]
            table(Result(list(rows[0]), [tuple(r.values()) for r in rows]), f"search-{kind}", tuple(AMOUNT.values()),
                  link_cols=("page_url", "contracts_url", "ai_uses_url"))
        else:
            st.caption(f"No {label.lower()} match.")
else:
    st.info("Type a name, a committee ID or words from an AI use case to start.")

st.header("What is loaded")
table(run("coverage"), "coverage")
st.header("What these records do not cover")
st.caption("Not in these records does not mean it did not happen.")
table(run("gaps"), "gaps")
