"""Committee page (AppTest): profile by ID, counted receipts, organizations' money; IDs checked before any query."""

from __future__ import annotations

import pytest

from conftest import metrics
from etl import queries
from helpers import HOSTILE

PAGE_NAME = "committee"  # the `page` fixture (conftest) opens dashboard/app_pages/committee.py


@pytest.fixture()
def ran(monkeypatch) -> list[str]:
    """Names of the named queries the page runs."""
    names: list[str] = []
    run = queries.Query.run

    def record(self, con, **params):
        names.append(self.name)
        return run(self, con, **params)

    monkeypatch.setattr(queries.Query, "run", record)
    return names


def test_the_dnc_with_three_organizations_employees(page):
    page.query_params["cmte"] = "C00010603"
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "DNC SERVICES CORP / DEMOCRATIC NATIONAL COMMITTEE (C00010603)"
    assert "party DEM" in at.markdown[0].value and "https://www.fec.gov/data/committee/C00010603/" in at.markdown[0].value
    assert metrics(at) == {"Itemized receipts counted in totals": "$1,765,727.00", "Counted rows": "2,024",
                            "Refunds paid back (apart)": "$24,126.00", "Net (counted minus refunds)": "$1,741,601.00",
                            "From registry organizations (all channels)": "$4,050.00"}
    assert any("gifts dated 2017-01-03 to 2019-03-04" in c.value for c in at.caption)  # the window under the figure
    orgs = next(d.value for d in at.dataframe if "org_id" in d.value.columns)
    assert orgs[["org_id", "channel", "amount", "rows"]].values.tolist() == [
        ["google", "employees", "$3,300.00", 4], ["microsoft", "employees", "$500.00", 2], ["amazon", "employees", "$250.00", 1]]
    assert list(orgs["organization_url"]) == ["organization?org=google", "organization?org=microsoft", "organization?org=amazon"]
    assert any("(contributions?cmte=C00010603)" in c.value for c in at.caption)


def test_a_lower_case_id_finds_googles_pac(page):
    page.query_params["cmte"] = " c00428623 "
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == "GOOGLE LLC NETPAC (C00428623)"
    assert metrics(at)["Itemized receipts counted in totals"] == "$43,213.00"
    orgs = next(d.value for d in at.dataframe if "org_id" in d.value.columns)
    assert orgs[["channel", "amount", "rows"]].values.tolist() == [["to_own_pac", "$43,213.00", 88]]


@pytest.mark.parametrize("cmte, name, kind", [("C00892471", "MAGA INC.", "hybrid PAC"),
                                              ("C00825851", "MAKE AMERICA GREAT AGAIN INC.", "super PAC")])
def test_committees_with_similar_names_are_told_apart_by_id(page, cmte, name, kind):
    page.query_params["cmte"] = cmte
    at = page.run()
    assert not at.exception
    assert at.subheader[0].value == f"{name} ({cmte})"
    assert kind in at.markdown[0].value
    assert metrics(at)["Itemized receipts counted in totals"] == "$0.00"
    assert any("No money attributed to a registry organization" in i.value for i in at.info)
    assert any("moneytrail fetch openfec --committee " + cmte in i.value for i in at.info)  # what would answer it


def test_a_well_formed_id_not_in_the_files(page, ran):
    page.query_params["cmte"] = "C99999999"
    at = page.run()
    assert not at.exception
    assert at.info[0].value == "C99999999 is not in the loaded committee master files."
    assert ran == ["committee"]


@pytest.mark.parametrize("text", ["MAGA Inc.", "C0042862", "C004286231", *HOSTILE],
                         ids=["name", "short", "long", "sql", "10000-chars"])
def test_anything_but_a_committee_id_is_refused_before_querying(page, ran, text):
    page.query_params["cmte"] = text
    at = page.run()
    assert not at.exception
    assert "Not a committee ID" in at.warning[0].value
    assert ran == [] and not at.metric and not at.dataframe
