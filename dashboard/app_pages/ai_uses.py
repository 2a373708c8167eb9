"""AI uses: the Federal AI Use Case Inventory by year, agency and stage, with full-text search and a link to each line."""

import streamlit as st

from dashboard import detail
from dashboard.components import cursor, run, table
from dashboard.links import page_url
from etl.queries import QUERIES, Result

q = QUERIES
con = cursor()

st.title("AI uses")
text = (st.text_input("Words anywhere in the record (every word must occur), e.g. GPT-4, OpenAI, facial recognition",
                      key="q", bind="query-params", max_chars=200) or "").strip()
record = (st.query_params.get("id") or "").strip()[:100]
if record:  # /ai_uses?id=DHS-2556: the record itself, as text, with the searched words highlighted
    if not detail.ai_use_case(con, record, text):
        st.warning(f"No inventory record with ID {record!r} in the loaded inventory files.")
    st.divider()
options = run("filter_options").rows
c1, c2, c3 = st.columns([1, 3, 2])
year = c1.selectbox("Inventory year (blank: all)", [""] + sorted((v for f, v in options if f == "ai_year"), reverse=True),
                    key="year", bind="query-params")
agency = c2.selectbox("Agency, abbreviation or name as filed (blank: all)", [""] + [v for f, v in options if f == "ai_agency"],
                      key="agency", bind="query-params")
stage = c3.selectbox("Stage, harmonised across years (blank: all)", [""] + [v for f, v in options if f == "ai_stage"],
                     key="stage", bind="query-params")

uses = run("ai_uses", q=text, year=int(year) if year else None, agency=agency or "", stage=stage or "")
st.metric("Inventory records", f"{len(uses.rows):,}")
st.caption("Each record links to its line in OMB's published inventory file. 2025 commercial off-the-shelf tools are "
           "one row per agency and task (record_kind cots) and have no stage. A product named in a record is not a "
           "contract with its maker: vendor_name is who the agency says built or sold it.")
key = uses.columns.index("use_case_key")
table(Result(uses.columns + ["detail_url"], [(*r, page_url("ai_uses", id=r[key], q=text)) for r in uses.rows]), "ai-uses",
      link_cols=("source_url", "detail_url"))

st.header("Read with care")
st.markdown("- **Impact is two different questions.** 2024 asked whether a use is *rights- or safety-impacting* "
            "(OMB M-24-10); 2025 asks whether it is *high-impact* (OMB M-25-21). `impact_framework` says which; "
            "do not compare the two as one trend.\n"
            "- **Stages** were worded differently each year; `stage` is harmonised, the published answer is kept "
            "in the warehouse as `stage_raw`.")
for g in [g for g in run("gaps").records() if g["source"] == "ai_inventory"]:
    st.markdown(f"- **Not covered: {g['topic']}.** {g['detail']} ({g['reference']})".replace("$", "\\$"))
