"""Committee: profile by committee ID, its counted itemized receipts, and registry organizations' money to it."""

import re

import streamlit as st

from dashboard.charts import bars, over_time
from dashboard.components import cursor, money, run, synthetic, table
from dashboard.fmt import money_metric
from dashboard.links import page_url
from dashboard.notes import figure_note, figure_windows
from etl.filing_queries import empty_message
from etl.queries import QUERIES, Result

q = QUERIES
con = cursor()
CMTE_ID = re.compile(r"^C\d{8}$")

st.title("Committee")
text = st.text_input("Committee ID (C followed by 8 digits)", key="cmte", bind="query-params", max_chars=200)
st.caption("Committees are told apart by ID, never by name: MAGA Inc. (C00892471, a hybrid PAC) and Make America "
           "Great Again Inc. (C00825851, a super PAC) are different committees. Find an ID on the Search page.")
cmte = (text or "").strip().upper()
if not cmte:
    st.info("Enter a committee ID, e.g. C00428623 (Google's NETPAC).")
    st.stop()
if not CMTE_ID.match(cmte):
    st.warning(f"Not a committee ID: {cmte[:40]!r}. FEC committee IDs are C followed by 8 digits, e.g. C00428623.")
    st.stop()

profile = run("committee", cmte_id=cmte).records()
if not profile:
    st.info(f"{cmte} is not in the loaded committee master files.")
    st.stop()
p = profile[0]
st.subheader(f"{p['name']} ({cmte})")
kinds = [k for k, flag in (("super PAC", p["is_super_pac"]), ("hybrid PAC", p["is_hybrid_pac"]),
                           ("inaugural committee", p["is_inaugural"])) if flag]
words = {k: run("code_in_words", code_list=k, code=p[c]).one()["words"] for k, c in
         (("cmte_type", "cmte_type"), ("designation", "designation"))}
st.markdown(f"Type {words['cmte_type'] or '—'}, designation {words['designation'] or '—'}, party {p['party'] or '—'}"
            + (f", candidate {p['cand_name']} ({p['cand_id']})" if p["cand_id"] else "")
            + (f" · {', '.join(kinds)}" if kinds else "")
            + (" · SYNTHETIC committee: no FEC page" if synthetic()
               else f" · [FEC committee page](https://www.fec.gov/data/committee/{cmte}/)"))
net = run("committee_net", cmte_id=cmte).one()
c1, c2, c3, c4 = st.columns([3, 2, 3, 3])  # the row count is narrow; "$112.17 million" needs 229 px
# Compact amounts (exact on hover and below): in four columns at 1400 px "$112,173,363.76" was cut to "$112,173,36…".
money_metric(c1, "Itemized receipts counted in totals", p["counted_receipts"] or 0)
c2.metric("Counted rows", f"{p['counted_rows']:,}")
money_metric(c3, "Refunds paid back (apart)", net["refunds"], help="22Y/20Y/21Y rows, filed as positive amounts")
money_metric(c4, "Net (counted minus refunds)", net["net"])
figure_note(empty=not p["counted_rows"], subject=f"{p['name']} ({cmte})",
            fetch=f"uv run moneytrail fetch openfec --committee {cmte}", windows=figure_windows(cmte_id=cmte))
st.caption("Memo rows, conduit copies of earmarked gifts, refunds and duplicates are left out; gifts under the \\$200 "
           "itemization threshold are not in these records. "
           f"[The rows, with their source pages]({page_url('contributions', cmte=cmte)})")

if p["counted_rows"]:
    c1, c2 = st.columns(2)
    with c1:
        over_time(run("committee_receipts_by_month", cmte_id=cmte), "cmte-months", title="Counted receipts by month")
    with c2:
        bars(run("committee_top_donors", cmte_id=cmte, limit=15), "cmte-donors", x="donor",
             title="Top donors (name as filed)")

st.header("Registry organizations' money to this committee")
money_in = run("committee_org_money", cmte_id=cmte)
if money_in.rows:
    total = run("committee_org_money_total", cmte_id=cmte).one()["amount"]
    st.metric("From registry organizations (all channels)", money(total))
    figure_note(empty=False, subject=f"registry organizations' money to {cmte}", windows=figure_windows(cmte_id=cmte))
    st.caption("Channels are separate figures. to_own_pac is the organization's people giving to its own PAC.")
    linked = Result(money_in.columns + ["organization_url"],
                    [(*r, page_url("organization", org=r[0])) for r in money_in.rows])
    table(linked, "committee-org-money", ("amount",), link_cols=("organization_url",))
else:
    st.info("No money attributed to a registry organization went to this committee in these records.")
    figure_note(empty=False, subject=f"registry organizations' money to {cmte}", windows=figure_windows(cmte_id=cmte))

st.header("Filings")
filed = q["committee_filings"].run(con, cmte_id=cmte)
if filed.rows:
    st.caption("Each filing with its form, period, received date and amendment status (from the loaded filings and "
               "OpenFEC's reports list). A superseded filing whose amendment is not loaded still counts, and says so.")
    table(filed, "committee-filings", ())
    for r in filed.records():
        if r["loaded"] and r["status"] == "superseded":
            st.warning(r["note"])
    st.subheader("Each loaded filing against its own cover page")
    st.caption("Itemized lines (memo lines excluded) against the cover page's line total; the difference is money "
               "the committee did not itemize (receipts of \\$200 or less need not be).")
    table(q["committee_reconciliation"].run(con, cmte_id=cmte), "committee-reconciliation",
          ("itemized", "cover_amount", "not_itemized"), link_cols=())
else:
    st.info(empty_message(cmte, q["filings_loaded"].run(con).one()))
