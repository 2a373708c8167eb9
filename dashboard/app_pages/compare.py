"""Compare / check a claim: each peer's total under stated definitions, the ratios a headline might use, and their inputs."""

import re
from datetime import date

import streamlit as st

from dashboard.charts import bars
from dashboard.components import arrow, cursor, money, rows, rows_behind, run, synthetic
from dashboard.notes import figure_note, figure_windows, figure_windows_text, windows_text
from dashboard.params import date_from_url, org_select, reversed_window, share_link
from etl.queries import CHANNELS, QUERIES, Result, claim_ratios

q = QUERIES
con = cursor()
CMTE_ID = re.compile(r"^C\d{8}$")

st.title("Compare / check a claim")
registry = run("organizations").records()
peer_sets = sorted({r["peer_set"] for r in registry})
peers = st.selectbox("Peer set", peer_sets, key="peers", bind="query-params",
                     index=peer_sets.index("ai") if "ai" in peer_sets else 0)
orgs = [r["org_id"] for r in registry if r["peer_set"] == peers]
names = {r["org_id"]: r["name"] for r in registry if r["peer_set"] == peers}
focus = org_select(names, "Organization the claim is about", default="openai")
if focus is None:
    st.stop()
for k in ("from", "to"):
    date_from_url(k)  # ?from=notadate is shown back, not silently dropped
c1, c2 = st.columns(2)
date_from = c1.date_input("Gifts from (inclusive)", value=None, key="from", bind="query-params",
                          min_value=date(1975, 1, 1), max_value=date(2100, 1, 1))
date_to = c2.date_input("Gifts to (inclusive)", value=None, key="to", bind="query-params",
                        min_value=date(1975, 1, 1), max_value=date(2100, 1, 1))
channels = st.multiselect("Channels", list(CHANNELS), default=list(CHANNELS), key="channels", bind="query-params")
mode = st.radio("Recipients", ["all", "party", "committees"], key="recipients", bind="query-params", horizontal=True)
party, cmte_ids = None, []
if mode == "party":
    parties = [v for f, v in run("filter_options").rows if f == "recipient_party"]
    party = st.selectbox("Party of the recipient (its own, else its candidate's)", parties, key="party", bind="query-params",
                         index=parties.index("REP") if "REP" in parties else 0)
elif mode == "committees":
    text = st.text_input("Committee IDs, comma-separated (e.g. C00892471 MAGA Inc., C00894162 the inaugural committee)",
                         key="cmtes", bind="query-params", max_chars=2000)
    asked = [t.strip().upper() for t in (text or "").split(",") if t.strip()]
    cmte_ids = [t for t in asked if CMTE_ID.match(t)]
    if bad := [t for t in asked if not CMTE_ID.match(t)]:
        st.warning(f"Ignored, not committee IDs (C followed by 8 digits): {', '.join(b[:20] for b in bad[:10])}")

if reversed_window(date_from, date_to):
    st.stop()
share_link(con, "compare", {"peers": peers, "org": focus, "from": date_from or "", "to": date_to or "",
                            "channels": ",".join(channels), "recipients": mode, "party": party or "",
                            "cmtes": ",".join(cmte_ids)})
params = {"peer_set": peers, "channels": channels or ["none"], "date_from": date_from, "date_to": date_to,
          "party": party, "cmte_ids": cmte_ids, "only_cmtes": mode == "committees"}
totals = run("compare", **params)
ratios = claim_ratios(totals.records(), focus)

st.header("Totals")
st.dataframe(arrow(totals, ("amount",)), hide_index=True, width="stretch")
behind = figure_windows(org_ids=orgs, channels=channels)
figure_note(empty=not ratios["focus"], subject=f"{focus} under these definitions", windows=behind)
bars(totals, "compare-totals", x="org_id", highlight=focus, title=f"Each peer's counted total; {focus} highlighted")
st.header(f"{focus} against the other {ratios['others']} peers")
c1, c2, c3 = st.columns(3)
for col, label, key, den in ((c1, "vs the sum of the others", "vs_sum_of_others", "sum_of_others"),
                             (c2, f"vs the largest other ({ratios['largest_other_org']})", "vs_largest_other", "largest_other"),
                             (c3, "vs the median of the others", "vs_median_of_others", "median_of_others")):
    value = ratios[key]
    col.metric(label, f"{value:,}×" if value is not None else "undefined",
               help=f"{money(ratios['focus'])} ÷ {money(ratios[den])}" + ("" if value is not None else ": the denominator is $0"))
inputs = (("focus total", "focus"), ("sum of the others", "sum_of_others"), ("largest other", "largest_other"),
          ("median of the others", "median_of_others"))
st.table(arrow(Result(["input", "amount"], [(label, money(ratios[k])) for label, k in inputs])))
for org in [r["org_id"] for r in totals.records() if r["rows"]]:
    rows_behind(org, lambda o=org: rows("compare_rows", org_id=o, **{k: v for k, v in params.items() if k != "peer_set"}),
                f"compare-{org}")

st.header("What these figures cannot show")
st.warning("Only itemized gifts in the loaded files count: gifts under the $200 itemization threshold, money given "
           "through 501(c)(4)s and other non-FEC vehicles, Other Transaction agreements and unloaded cycles are "
           "missing, and current-cycle files lag filings by about 30 days. $0 means nothing in these records.")
st.dataframe(arrow(run("gaps")), hide_index=True, width="stretch")

st.header("Citation")
is_demo = synthetic()
as_of = "; ".join(f"{r['source']} data as of {r['data_as_of']} (loaded {r['loaded_at']:%Y-%m-%d})"
                  for r in run("coverage").records() if r["source"].startswith("fec"))
window = f"{date_from or 'the earliest'} to {date_to or 'the latest'} gift date"
scope = {"all": "all recipients", "party": f"recipients of party {party}",
         "committees": f"committees {', '.join(cmte_ids) or '(none)'}"}[mode]
st.code(f"moneytrail comparison: {focus} {money(ratios['focus'])} in channels {', '.join(channels)}, {window}, {scope}; "
        f"peers ({peers}): sum of others {money(ratios['sum_of_others'])}, largest other {ratios['largest_other_org']} "
        f"{money(ratios['largest_other'])}. Source: FEC records as loaded ({as_of}); files behind these totals: "
        f"{figure_windows_text(behind) or windows_text()}." + (" SYNTHETIC DEMO DATA: do not cite." if is_demo else ""),
        language=None)
