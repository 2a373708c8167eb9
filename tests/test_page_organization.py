"""Organization page (AppTest) on the warehouse built from the real files, seeded through the URL."""

from __future__ import annotations

PAGE_NAME = "organization"  # the `page` fixture (conftest) opens dashboard/app_pages/organization.py


def test_google_profile_from_the_url(page):
    page.query_params["org"] = "google"
    at = page.run()
    assert not at.exception
    assert at.selectbox[0].value == "google"
    metrics = {m.label: m.value for m in at.metric}
    # employees $5,350 (the bare NEST row kept out, issue 14) + PAC $56,000 in the real 2020-cycle files, and
    # employees $2,641,180 in the OpenFEC rows of 2023-2025 (to_own_pac is shown apart)
    assert metrics["Counted, chosen channels"] == "$2,702,530.00"
    assert metrics["Inventory records naming the organization or its products"] == "70"
    channels = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["channel", "cycle"])
    assert channels[["channel", "cycle", "amount"]].values.tolist() == [
        ["employees", 2020, "$5,350.00"], ["pac", 2020, "$56,000.00"], ["to_own_pac", 2020, "$43,213.00"],
        ["employees", 2024, "$2,580,830.00"], ["to_own_pac", 2024, "$59,807.00"],
        ["employees", 2026, "$60,350.00"], ["to_own_pac", 2026, "$20,422.00"]]


def test_channels_in_the_url_narrow_the_figure(page):
    page.query_params["org"] = "google"
    page.query_params["channels"] = "pac"
    at = page.run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Counted, chosen channels"] == "$56,000.00"


def test_awards_keep_obligations_and_ceilings_apart(page):
    page.query_params["org"] = "palantir"
    at = page.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Obligated to the organization and its subsidiaries (not the ceiling)"] == "$106,564,906.65"


def test_an_organization_with_no_rows_says_what_is_not_covered(page):
    page.query_params["org"] = "anthropic"
    at = page.run()
    assert not at.exception
    assert any("not evidence of no giving" in i.value for i in at.info)
    assert any("Other Transaction" in i.value for i in at.info)
