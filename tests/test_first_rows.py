"""Tables behind a figure read only the rows they show (Query.first: LIMIT and a count in SQL); the CSV has every row."""

from __future__ import annotations

from datetime import date

from dashboard import components
from etl.queries import CHANNELS, QUERIES

PAGE_NAME = "compare"  # the `page` fixture (conftest) opens dashboard/app_pages/compare.py
COMPARE = {"channels": list(CHANNELS), "date_from": date(2019, 1, 1), "date_to": date(2020, 12, 31),
           "party": "DEM", "cmte_ids": [], "only_cmtes": False}


def test_first_rows_are_the_first_rows_of_the_whole_query_and_its_count(ro):
    whole = QUERIES["compare_rows"].run(ro, org_id="google", **COMPARE)
    first = QUERIES["compare_rows"].first(ro, 4, org_id="google", **COMPARE)
    assert len(whole.rows) == 15 and first.total == 15 and first.count == 15  # Google's 15 rows on the Compare page
    assert first.rows == whole.rows[:4] and first.columns == whole.columns
    assert whole.count == 15 and whole.total is None
    none = QUERIES["compare_rows"].first(ro, 4, org_id="nobody", **COMPARE)
    assert none.rows == [] and none.total == 0


def test_the_rows_behind_a_figure_are_cut_in_sql_and_shown_a_page_at_a_time(page, monkeypatch, warehouse):
    monkeypatch.setattr(components, "PAGE_ROWS", 4)
    page.query_params.update({"org": "google", "recipients": "party", "party": "DEM",
                              "from": "2019-01-01", "to": "2020-12-31"})
    at = page.run()
    at.toggle[1].set_value(True).run()  # Microsoft: 6 rows, of which 4 are read and shown
    assert not at.exception
    assert list(at.dataframe[-2].value["amount"]) == ["$2,500.00", "$275.00", "$250.00", "$250.00"]
    assert "Showing the first 4 of 6 rows; the CSV has all of them." in [c.value for c in at.caption]
    assert at.get("download_button")[-1].proto.label == "Download CSV (6 rows)"
    at.button(key="more-btn-compare-microsoft").click().run()
    assert list(at.dataframe[-2].value["amount"])[4:] == ["$250.00", "-$2,500.00"]
    # what the download button builds on click: every row, read then
    rows = components.rows("compare_rows", org_id="microsoft", **COMPARE)
    assert len(rows.read().rows) == 6 and rows.read(4).count == 6 and len(rows.read(4).rows) == 4
    assert components.csv_text(rows.read()).count("\n") == 7  # header and 6 rows
