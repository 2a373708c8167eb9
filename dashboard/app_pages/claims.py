"""Claims (start page): each reported claim checked against the loaded records, with the rows behind the verdict."""

import streamlit as st

from dashboard.components import cursor, frame, rows_behind, table
from dashboard.links import page_url
from etl import claims as engine

q = engine.q
con = cursor()
VERDICT_BOX = {engine.SUPPORTED: st.success, engine.DIFFERS: st.error, engine.UNDECIDABLE: st.warning}

st.title("Claims")
st.caption("Each claim as reported, checked against the records loaded here: supported, differs, or not decidable from "
           "loaded records (then what would decide it and the command that fetches it). Money is counted by the same "
           "rules as every page (counted rows only: no memo rows, conduit copies, refunds or superseded rows).")
ids = [c["id"] for c in q["claims"].run(con, id=None).records()]
if not ids:
    st.info("No claims in this warehouse's registry (etl/registry/claims.csv is read at build time).")
    st.stop()
chosen = st.selectbox("Claim", ["all", *ids], key="claim", bind="query-params")
checks = engine.check_claims(con, None if chosen == "all" else chosen)

for check in checks:
    c = q["claims"].run(con, id=check.id).one()
    st.header(check.id)
    st.markdown(f"> {check.claim}")
    st.caption(f"{c['outlet']}, {c['published']}: {c['url']} · share: {page_url('claims', claim=check.id)}")
    VERDICT_BOX[check.verdict](f"Verdict: {check.verdict}")
    if check.kind == "ai_use" and "record" in check.details:
        r = check.details["record"]
        left, right = st.columns(2)
        left.subheader("The claim's words")
        left.write(check.reported)
        right.subheader("The inventory's own words")
        right.write(f"{r['use_case_id']} \"{r['name']}\" · agency {r['agency']} · bureau {r['bureau']} · vendor "
                    f"\"{r['vendor_name']}\" · {r['stage_raw']} · {r['impact_raw']}")
        for quote in check.details["quotes"]:
            right.markdown(f"> {quote}")
    st.table({"": ["reported", "found", "difference", "rows"],
              "value": [check.reported, check.found, check.difference, f"{check.rows:,}"]})
    if "readings" in check.details:
        st.subheader("Ratios under each reading, with every input")
        st.dataframe(frame(q["claim_peer_totals"].run(con, id=check.id), ("amount",)), hide_index=True, width="stretch")
    if check.caveats:
        st.subheader("Caveats")
        st.markdown("\n".join(f"- {x}" for x in check.caveats))
    if check.missing:
        st.subheader("What would decide it")
        st.markdown("\n".join(f"- {x}" for x in check.missing))
        for cmd in c["fetch_commands"]:
            st.code(cmd, language="bash")
    st.subheader("Citation")
    st.code(check.citation, language=None)
    rows_behind(check.id, lambda i=check.id: engine.claim_rows(con, i), f"claim-{check.id}",
                ("amount", "obligated", "ceiling"))

st.header("What is loaded")
st.caption("A $0.00 or an empty result is measured against these records only; not in them does not mean it did not happen.")
table(q["claims_loaded"].run(con), "claims-loaded")
