"""Person: every row of one donor, counted or not, why a row does not count, with source links."""

import streamlit as st

from dashboard.components import cursor, money, rows, run, table
from dashboard.links import page_url
from dashboard.notes import figure_note, figure_windows
from etl.queries import QUERIES, Result

q = QUERIES
con = cursor()

st.title("Person")
donor = (st.text_input("Donor ID (a registry person such as sundar_pichai, or a cluster ID d:...)", key="donor",
                       bind="query-params", max_chars=200) or "").strip()
st.caption("A donor is either a person in the reviewed registry, pinned by name and home place, or a cluster of rows "
           "that the donor model joined as one person; a namesake elsewhere stays apart. Find donors on the Search page.")
name = (st.text_input("Or find a person by name (e.g. Pichai)", key="name", bind="query-params", max_chars=200) or "").strip()
if name:
    found = run("people_by_name", name=name)
    st.caption(f"{len(found.rows):,} donors whose filed name contains {name[:60]!r} (at most 50, largest first)")
    table(Result(found.columns + ["person_url"], [(*r, page_url("person", donor=r[0])) for r in found.rows]),
          "people-by-name", ("counted",), link_cols=("person_url",))
if not donor:
    if not name:
        st.info("Enter a donor ID, or a name above, or search on the Search page and open the person from there.")
    st.stop()

t = run("person_totals", donor_id=donor).one()
if not t["rows"]:
    st.info(f"No contributions with donor ID {donor[:200]!r} in these records.")
    figure_note(empty=True, subject=f"donor ID {donor[:60]!r}")
    st.stop()

places = run("person_names", donor_id=donor).records()
st.subheader("; ".join(f"{r['contributor_name']} ({', '.join(x for x in (r['city'], r['state']) if x)})" for r in places))
net = run("person_net", donor_id=donor).one()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Counted in totals", money(t["counted_amount"]))
c2.metric("Rows counted", f"{t['counted_rows']:,} of {t['rows']:,}")  # "17 (16 counted)" was cut off at 1400 px
c3.metric("Refunded to the donor (apart)", money(net["refunds"]), help="Rows with count_rule refund, filed as positive amounts")
c4.metric("Net (counted minus refunds)", money(net["net"]))
figure_note(empty=not t["counted_rows"], subject=f"donor {donor}", windows=figure_windows(donor_id=donor))

st.header("Why rows do not count")
kept_out = run("person_not_counted", donor_id=donor)
if kept_out.rows:
    table(kept_out, "person-not-counted", ("amount",), link_cols=())
    st.caption("memo: a memo line, not part of the total; conduit_copy: the conduit's copy of an earmarked gift, the "
               "recipient's row carries the money; refund: money going back to the donor (filed as a positive amount); "
               "superseded / duplicate_*: the same record counts from another filing or file. "
               f"[The counting rules]({page_url('methodology')})")
else:
    st.caption("Every row of this donor counts in totals.")

st.header("Rows")


def with_committee_links(found: Result) -> Result:
    """The rows with a link to each recipient's Committee page."""
    at = found.columns.index("recipient_cmte_id")
    return Result(found.columns + ["committee_url"], [(*r, page_url("committee", cmte=r[at])) for r in found.rows],
                  found.total)


table(rows("person", with_committee_links, donor_id=donor), "person-rows", ("amount",),
      link_cols=("source_url", "committee_url"))
