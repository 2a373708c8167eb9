"""What the explorer sends per page run, built once and shared by sessions: Arrow tables, chart data, server flags."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from conftest import REPO
from dashboard.components import ARROW_ROWS, arrow
from etl.cli.serve import _streamlit_cmd
from etl.queries import QUERIES, Result


def test_a_table_keeps_money_as_text_and_is_built_once_for_every_session(ro):
    result = QUERIES["org_channels"].run(ro, org_id="google")
    table = arrow(result, ("amount",))
    rows = [(r["channel"], r["cycle"], r["amount"]) for r in table.to_pylist()]
    # the real 2020-cycle bulk files and the OpenFEC rows of 2023-2025 (tests/test_page_organization.py)
    assert rows == [("employees", 2020, "$5,350.00"), ("pac", 2020, "$56,000.00"), ("to_own_pac", 2020, "$43,213.00"),
                    ("employees", 2024, "$2,580,830.00"), ("to_own_pac", 2024, "$59,807.00"),
                    ("employees", 2026, "$60,350.00"), ("to_own_pac", 2026, "$20,422.00")]
    assert table.schema.field("amount").type == pa.string()
    again = QUERIES["org_channels"].run(ro, org_id="google")  # equal rows, other objects: the same table is reused
    assert again.rows is not result.rows and arrow(again, ("amount",)) is table
    drawn = arrow(result, floats=("amount",))  # floats for drawing only
    assert drawn is not table and drawn.schema.field("amount").type == pa.float64()
    assert drawn.column("amount").to_pylist() == [float(r["amount"]) for r in result.records()]


def test_a_mixed_column_is_shown_as_text_and_a_list_column_is_kept_and_memoised():
    mixed = Result(["what", "value"], [("SYNTHETIC A", 1), ("SYNTHETIC B", "n/a"), ("SYNTHETIC C", None)])
    assert arrow(mixed).column("value").to_pylist() == ["1", "n/a", None]
    listed = Result(["what", "datasets"], [("SYNTHETIC", ["cm26", "pas226"])])
    first = arrow(listed)
    assert first.column("datasets").to_pylist() == [["cm26", "pas226"]]
    assert arrow(Result(["what", "datasets"], [("SYNTHETIC", ["cm26", "pas226"])])) is first
    assert arrow(Result(["what", "datasets"], [("SYNTHETIC", ["cm26"])])).column("datasets").to_pylist() == [["cm26"]]
    assert arrow(Result(["amount"], [(Decimal("-0.5"),)]), ("amount",)).column("amount").to_pylist() == ["-$0.50"]
    big = Result(["n"], [(i,) for i in range(ARROW_ROWS + 1)])  # a table larger than the memo takes: built each time
    assert arrow(big).num_rows == ARROW_ROWS + 1 and arrow(big) is not arrow(big)


def test_the_compare_chart_draws_the_table_figures_and_highlights_only_the_focus(warehouse, monkeypatch):
    monkeypatch.setenv("MONEYTRAIL_DB", str(warehouse))
    at = AppTest.from_file(str(REPO / "dashboard" / "app_pages" / "compare.py"), default_timeout=60)
    at.query_params["org"] = "google"
    at.run()
    assert not at.exception
    (chart,) = at.get("vega_lite_chart")
    drawn = pa.ipc.open_stream(chart.proto.data.data).read_all().to_pylist()
    totals = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["org_id", "name"])
    assert [(r["org_id"], f"${r['amount']:,.2f}") for r in drawn] == list(zip(totals["org_id"], totals["amount"]))
    assert [r["org_id"] for r in drawn if r["shown"] == "the claim's organization"] == ["google"]
    assert next(r["amount"] for r in drawn if r["org_id"] == "google") == 2_702_530.0


def test_the_server_runs_no_file_watcher_and_no_full_gc_after_each_page_run():
    cmd = _streamlit_cmd(8501, True)
    assert cmd[cmd.index("--server.fileWatcherType") + 1] == "none"
    assert cmd[cmd.index("--runner.postScriptGC") + 1] == "false"
    assert cmd[cmd.index("--server.runOnSave") + 1] == "false"
