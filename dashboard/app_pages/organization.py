"""Organization profile: money out by channel, recipients, donors; money in (awards); agency AI uses naming it."""

import streamlit as st

from dashboard.charts import bars, flow, over_time
from dashboard.components import arrow, cursor, money, other_awards, rows, rows_behind, run, table
from dashboard.notes import figure_note, figure_windows
from dashboard.params import org_select, share_link
from etl.queries import CHANNELS, QUERIES

q = QUERIES
con = cursor()
orgs = {r["org_id"]: r["name"] for r in run("organizations").records()}

st.title("Organization")
# Options are the org IDs themselves: a bound widget writes its option text into the URL (?org=openai).
# ?org=Google and ?org=alphabet resolve to google; ?org=googel is shown back, never swapped for another organization.
org = org_select(orgs, "Organization", default="openai")
if org is None:
    st.stop()
st.subheader(orgs[org])
channels = st.multiselect("Channels", list(CHANNELS), default=list(CHANNELS), key="channels", bind="query-params")
share_link(con, "organization", {"org": org, "channels": ",".join(channels)})
st.caption("Money is counted once: memo rows, conduit copies and refunds are left out, and each row is in one "
           "channel. Gifts of the organization's people to its own PAC are shown apart (to_own_pac): that money "
           "is counted in the pac channel when the PAC gives it out.")

st.header("Money out")
by_channel = run("org_channels", org_id=org)
shown = [r for r in by_channel.records() if r["channel"] in channels]
st.metric("Counted, chosen channels",
          money(run("org_channels_total", org_id=org, channels=channels or ["none"]).one()["amount"]))
figure_note(empty=not shown, subject=f"{orgs[org]} in the chosen channels",
            fetch=f"uv run moneytrail fetch openfec --employer \"{orgs[org].split(',')[0].split(' (')[0].upper()}\"",
            windows=figure_windows(org_ids=[org], channels=channels))
if by_channel.rows:
    picked = channels or ["none"]
    st.subheader("Where the money went: channel → recipient committee → party")
    flow(run("org_flow", org_id=org, channels=picked, top=12), "org-flow")
    c1, c2 = st.columns(2)
    with c1:
        bars(run("org_party_split", org_id=org, channels=picked), "org-party", x="party", title="Party split")
    with c2:
        over_time(run("org_timeline", org_id=org, channels=picked), "org-timeline", color="channel",
                  title="By month of the gift")
    table(by_channel, "org-channels", ("amount",))
else:
    st.info(f"No contributions attributed to {orgs[org]} in these records. That is not evidence of no giving: "
            "see what the records do not cover below.")
rows_behind("channels", lambda: rows("org_money_rows", org_id=org, channels=channels or ["none"], cycle=None,
                                                     cmte_id=None), "org-rows")

st.subheader("Top recipients")
recipients = run("org_recipients", org_id=org, channels=channels or ["none"], limit=50)
table(recipients, "org-recipients", ("amount",))
st.subheader("Top donors")
donors = run("org_donors", org_id=org, channels=[*channels, "to_own_pac"] if channels else ["none"], limit=50)
table(donors, "org-donors", ("amount",))

st.header("Money in: awards")
awards = run("org_awards", org_id=org)
if awards.rows:
    obligated = run("org_awards_obligated", org_id=org).one()["obligated"]
    st.metric("Obligated to the organization and its subsidiaries (not the ceiling)", money(obligated))
    table(awards, "org-awards", ("obligated", "ceiling"))
else:
    st.info(f"No USAspending awards to {orgs[org]} or its subsidiaries in these records. Other Transaction "
            "agreements (such as the DoD frontier-AI prototypes) are not in USAspending at all.")
rows_behind("awards", lambda: run("org_award_rows", org_id=org), "org-award-rows", ("obligated", "ceiling"))

st.subheader("Other Transaction agreements and announced awards")
st.caption("Not in USAspending, so never added to the figures above. FPDS records come from the SAM.gov Contract Awards "
           "API; an award known only from an official announcement is labelled \"announced, not a transaction "
           "record\", and once a record of the same award id is loaded the record is shown and the announcement "
           "stays as its citation. Obligated and ceiling are kept apart.")
other = run("org_other_awards", org_id=org)
if other.rows:
    other_awards(other, "org-other-awards")
    rows_behind("modifications of OT awards", lambda: run("org_ot_modifications", org_id=org), "org-ot-mods",
                ("federal_action_obligation",))
else:
    st.info(f"No Other Transaction records or announced awards for {orgs[org]} in these records (FPDS needs a SAM.gov "
            "API key to fetch: `moneytrail fetch fpds`).")

st.header("Agency AI uses naming it")
uses = run("org_ai_uses", org_id=org)
st.metric("Inventory records naming the organization or its products", f"{len(uses.rows):,}")
table(uses, "org-ai-uses")

st.header("What these records do not cover")
st.dataframe(arrow(run("gaps")), hide_index=True, width="stretch")
