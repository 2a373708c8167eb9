"""Charts (Vega-Lite specs; Plotly for the flow diagram), each with the numbers it draws one click away."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.components import arrow
from etl.queries import Result

# Specs are plain Vega-Lite dicts, not Altair objects: building and validating an Altair chart on every run cost more
# CPU than the rest of the chart (bench/bench_serve.py, README "Concurrent explorer sessions"). Data goes as Arrow.
_DOLLARS = {"format": "$,.0f"}


def numbers(result: Result, key: str, money_cols: tuple[str, ...] = ("amount",)) -> None:
    """The rows a chart draws, in an expander under it."""
    with st.expander(f"The numbers behind this chart ({len(result.rows):,} rows)"):
        st.dataframe(arrow(result, money_cols), hide_index=True, width="stretch", key=f"numbers-{key}")


def _tooltip(data, y: str) -> list[dict[str, Any]]:
    """Every column of the drawn rows, the amount in dollars and cents."""
    import pyarrow as pa
    out = []
    for f in data.schema:
        kind = ("temporal" if pa.types.is_temporal(f.type) else
                "quantitative" if pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
                or pa.types.is_decimal(f.type) else "nominal")
        out.append({"field": f.name, "type": kind, **({"format": "$,.2f"} if f.name == y else {})})
    return out


def bars(result: Result, key: str, *, x: str, y: str = "amount", color: str | None = None, highlight: str | None = None,
         title: str = "", money_cols: tuple[str, ...] = ("amount",)) -> None:
    """Horizontal bars of y by x (optionally coloured, or one bar highlighted), with their numbers."""
    if not result.rows:
        return
    drawn = result
    enc: dict[str, Any] = {"y": {"field": x, "type": "nominal", "sort": "-x", "title": None},
                           "x": {"field": y, "type": "quantitative", "title": "US dollars", "axis": _DOLLARS}}
    if highlight is not None:
        i = result.columns.index(x)
        drawn = Result([*result.columns, "shown"], [(*r, "the claim's organization" if r[i] == highlight else "peers")
                                                    for r in result.rows])
        enc["color"] = {"field": "shown", "type": "nominal", "title": None,
                        "scale": {"domain": ["the claim's organization", "peers"], "range": ["#d62728", "#9aa5b1"]}}
    elif color:
        enc["color"] = {"field": color, "type": "nominal"}
    data = arrow(drawn, floats=(y,))  # floats for drawing only; every figure shown as text stays Decimal
    enc["tooltip"] = _tooltip(data, y)
    st.vega_lite_chart(data, {"title": title, "mark": {"type": "bar"}, "encoding": enc}, width="stretch")
    numbers(result, key, money_cols)


def over_time(result: Result, key: str, *, x: str = "month", y: str = "amount", color: str | None = None,
              title: str = "") -> None:
    """Monthly (or yearly) bars, stacked by colour, with their numbers."""
    if not result.rows:
        return
    data = arrow(result, floats=(y,))
    enc: dict[str, Any] = {"x": {"field": x, "type": "temporal" if x == "month" else "ordinal", "title": None},
                           "y": {"aggregate": "sum", "field": y, "type": "quantitative", "title": "US dollars",
                                 "axis": _DOLLARS}}
    tips = _tooltip(data, y)
    enc["tooltip"] = [t for t in tips if t["field"] != y] + [t for t in tips if t["field"] == y]
    if color:
        enc["color"] = {"field": color, "type": "nominal"}
    st.vega_lite_chart(data, {"title": title, "mark": {"type": "bar"}, "encoding": enc}, width="stretch")
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
    # The layout given to the constructor, not through update_layout(): that parses property paths, 2/3 of this chart.
    fig = go.Figure(go.Sankey(node={"label": labels, "pad": 12},
                              link={"source": [s for s, _ in links], "target": [t for _, t in links],
                                    "value": list(links.values()), "hovertemplate": "%{value:$,.2f}<extra></extra>"}),
                    layout={"height": max(320, 26 * len(labels)), "margin": {"l": 8, "r": 8, "t": 8, "b": 8}})
    st.plotly_chart(fig, width="stretch", key=f"flow-{key}")
    numbers(result, key)
