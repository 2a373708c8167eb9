"""Single records as text a reporter can read and quote: a contribution row, an award, an AI use case, a filing."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import duckdb
import streamlit as st

from dashboard.components import frame, md_text, money
from dashboard.links import page_url
from etl.queries import QUERIES

q = QUERIES
_URL = re.compile(r"https://[^\s<>]+")
MONEY_FIELDS = {"amount", "aggregate_amount", "obligated", "current_value", "potential_value", "outlays", "counted_amount",
                "federal_action_obligation", "base_and_all_options_value"}


def plain(value: object) -> str:
    """A value as markdown-safe text (markdown characters and $ escaped), money to the cent, dates ISO."""
    if value is None or value == "":
        return "—"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return md_text(value)


def highlight(text: object, words: str) -> str:
    """Markdown-safe text with every word of the search highlighted (GPT-4 also matches GPT4 and GPT 4)."""
    raw = "" if text is None else str(text)
    pats = ["[-. ]?".join(map(re.escape, w)) for w in (re.sub(r"[^a-z0-9]", "", t.lower()) for t in words.split()) if w]
    if not raw or not pats:
        return plain(text)
    out, at = [], 0
    for m in re.finditer("|".join(pats), raw, flags=re.IGNORECASE):
        out += [plain(raw[at:m.start()]) if m.start() > at else "", f":orange-background[**{plain(m.group())}**]"]
        at = m.end()
    out.append(plain(raw[at:]) if at < len(raw) else "")
    return "".join(out)


def _fields(record: dict, words: str = "", skip: tuple[str, ...] = ()) -> None:
    lines = []
    for k, v in record.items():
        if k in skip:
            continue
        if k in MONEY_FIELDS and isinstance(v, Decimal | int):
            shown = plain(money(v))
        elif isinstance(v, str) and _URL.fullmatch(v):
            shown = f"[{plain(v)}](<{v}>)"  # a bare address is auto-linked with its escapes shown: link it explicitly
        else:
            shown = highlight(v, words)
        lines.append(f"- **{k}**: {shown}")
    st.markdown("\n".join(lines))


def _link(label: str, url: str | None) -> str:
    # The demo's links hold a SYNTHETIC marker instead of an address (record_link, etl/model/macros.sql): shown as text.
    if url and not url.startswith("https://"):
        return f"{label}: {url}"
    return f"[{label}]({url})" if url else f"{label}: none"


def contribution(con: duckdb.DuckDBPyConnection, row: str) -> bool:
    """A contribution row: every field, the count rule in words and why, page image and filing links."""
    found = q["contribution_detail"].run(con, id=row).records()
    for r in found:
        st.subheader(f"Contribution {r['contribution_id']}: {money(r['amount'])} from {r['contributor_name']}")
        st.markdown(f"**Counted?** {plain(r['count_rule_in_words'])}. **Why:** {plain(r['count_rule_why'])}")
        st.markdown(f"**Transaction type:** {plain(r['transaction_type_in_words'] or r['form_type'])} · **Entity:** "
                    f"{plain(r['entity_type_in_words'])} · **Recipient:** {plain(r['recipient_name'])} "
                    f"([{r['recipient_cmte_id']}]({page_url('committee', cmte=r['recipient_cmte_id'])}))")
        st.markdown(" · ".join([_link("FEC page image", r["page_image_url"]), _link("the filing", r["filing_url"]),
                                _link("source of this row", r["source_url"])]))
        _fields(r, skip=("count_rule_in_words", "count_rule_why", "transaction_type_in_words", "entity_type_in_words"))
    return bool(found)


def award(con: duckdb.DuckDBPyConnection, key: str) -> bool:
    """An award: obligations and ceiling apart, its modifications, every field and its source."""
    found = q["award_detail"].run(con, id=key).records()
    for r in found:
        st.subheader(f"Award {r['piid'] or r['award_key']}: {r['recipient_name']}")
        st.markdown(f"**Obligated** (money committed): {plain(money(r['obligated']))} · **Ceiling** (potential value, "
                    f"never added to obligations): {plain(money(r['potential_value']))} · "
                    + _link("source", r["source_url"]))
        mods = q["award_modifications"].run(con, award_key=r["award_key"])
        st.markdown(f"**Modifications loaded:** {len(mods.rows):,}" + ("" if mods.rows else " (no transactions file for it)"))
        if mods.rows:
            st.dataframe(frame(mods, ("federal_action_obligation", "base_and_all_options_value")), hide_index=True)
        _fields(r)
    return bool(found)


def ai_use_case(con: duckdb.DuckDBPyConnection, key: str, words: str = "") -> bool:
    """An AI use case: every field of the inventory record, the searched words highlighted."""
    found = q["ai_use_case_detail"].run(con, id=key).records()
    for r in found:
        st.subheader(f"{r['use_case_id'] or r['use_case_key']}: {r['name']} ({r['agency']}, {r['inventory_year']})")
        st.markdown(_link("its line in OMB's published inventory file", r["source_url"]))
        _fields(r, words)
    return bool(found)


def filing(con: duckdb.DuckDBPyConnection, num: str) -> bool:
    """A filing: cover page, rows loaded from it, and the amendment chain."""
    found = q["filing_detail"].run(con, id=num).records()
    for r in found:
        st.subheader(f"Filing {r['file_num']}: {r['committee_name']} ({r['form_type']}, {r['report_code']})")
        st.markdown(f"Covers {plain(r['coverage_from'])} to {plain(r['coverage_through'])} · "
                    f"{r['itemized_rows']:,} itemized rows loaded, {plain(money(r['counted_amount']))} counted · "
                    f"amends: {plain(r['amends_file_num'])} · amended by: {plain(r['amended_by'])} · "
                    + _link("FEC filing page", r["filing_url"]))
        _fields(r)
    return bool(found)
