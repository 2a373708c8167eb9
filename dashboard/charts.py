"""Charts (Altair; Plotly for the flow diagram), each with the numbers it draws one click away."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.components import frame
from etl.queries import Result


def numbers(result: Result, key: str, money_cols: tuple[str, ...] = ("amount",)) -> None:
    """The rows a chart draws, in an expander under it."""
    with st.expander(f"The numbers behind this chart ({len(result.rows):,} rows)"):
        st.dataframe(frame(result, money_cols), hide_index=True, width="stretch", key=f"numbers-{key}")


def _df(result: Result, value: str = "amount") -> pd.DataFrame:
    df = pd.DataFrame(result.rows, columns=result.columns)
    df[value] = df[value].astype(float)  # drawing only; every figure shown as text stays Decimal
    return df


def bars(result: Result, key: str, *, x: str, y: str = "amount", color: str | None = None, highlight: str | None = None,
         title: str = "", money_cols: tuple[str, ...] = ("amount",)) -> None:
    """Horizontal bars of y by x (optionally coloured, or one bar highlighted), with their numbers."""
    if not result.rows:
        return
    df = _df(result, y)
    enc = {"y": alt.Y(f"{x}:N", sort="-x", title=None), "x": alt.X(f"{y}:Q", title="US dollars", axis=alt.Axis(format="$,.0f")),
           "tooltip": [alt.Tooltip(c, format="$,.2f") if c == y else c for c in df.columns]}
    if highlight is not None:
        df["shown"] = ["the claim's organization" if v == highlight else "peers" for v in df[x]]
        enc["color"] = alt.Color("shown:N", title=None, scale=alt.Scale(domain=["the claim's organization", "peers"],
                                                                         range=["#d62728", "#9aa5b1"]))
    elif color:
        enc["color"] = alt.Color(f"{color}:N")
    st.altair_chart(alt.Chart(df, title=title).mark_bar().encode(**enc), width="stretch")
    numbers(result, key, money_cols)


def over_time(result: Result, key: str, *, x: str = "month", y: str = "amount", color: str | None = None,
              title: str = "") -> None:
    """Monthly (or yearly) bars, stacked by colour, with their numbers."""
    if not result.rows:
        return
    df = _df(result, y)
    enc = {"x": alt.X(f"{x}:T" if x == "month" else f"{x}:O", title=None),
           "y": alt.Y(f"sum({y}):Q", title="US dollars", axis=alt.Axis(format="$,.0f")),
           "tooltip": [c for c in df.columns if c != y] + [alt.Tooltip(y, format="$,.2f")]}
    if color:
        enc["color"] = alt.Color(f"{color}:N")
    st.altair_chart(alt.Chart(df, title=title).mark_bar().encode(**enc), width="stretch")
    numbers(result, key, (y,))


def flow(result: Result, key: str) -> None:
    """A Sankey diagram channel -> recipient committee -> party, from rows (channel, recipient, party, amount)."""
    if not result.rows:
        return
    import plotly.graph_objects as go
    labels: list[str] = []

    def node(name: str) -> int:
        if name not in labels:
            labels.append(name)
        return labels.index(name)

    links: dict[tuple[int, int], float] = {}
    for r in result.records():
        a, b, c = node(f"channel: {r['channel']}"), node(r["recipient"]), node(f"party: {r['party']}")
        for pair in ((a, b), (b, c)):
            links[pair] = links.get(pair, 0.0) + float(r["amount"])
    fig = go.Figure(go.Sankey(node={"label": labels, "pad": 12},
                              link={"source": [s for s, _ in links], "target": [t for _, t in links],
                                    "value": list(links.values()), "hovertemplate": "%{value:$,.2f}<extra></extra>"}))
    fig.update_layout(height=max(320, 26 * len(labels)), margin={"l": 8, "r": 8, "t": 8, "b": 8})
    st.plotly_chart(fig, width="stretch", key=f"flow-{key}")
    numbers(result, key)
