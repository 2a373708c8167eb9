"""The one employer normaliser (employer_norm and its key and prefixes, etl/model/macros.sql): examples and properties."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import warehouse

LEGAL = ["INC", "INC.", "INCORPORATED", "LLC", "L.L.C.", "CORP", "CORP.", "CORPORATION", "CO", "CO.", "COMPANY",
         "LTD", "LIMITED", "LP", "LLP", "PBC", "PLC", "N.A.", "PLLC"]


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    warehouse.apply_schema(c)
    yield c
    c.close()


def norm(con: duckdb.DuckDBPyConnection, s: str | None) -> str | None:
    return con.execute("SELECT employer_norm($s)", {"s": s}).fetchall()[0][0]


def key(con: duckdb.DuckDBPyConnection, s: str | None) -> str | None:
    return con.execute("SELECT employer_key($s)", {"s": s}).fetchall()[0][0]


@pytest.mark.parametrize("raw, normal, compact", [
    ("OPEN A.I.", "OPEN AI", "OPENAI"),
    ("OpenAI, Inc.", "OPENAI", "OPENAI"),
    ("X.AI CORP", "XAI", "XAI"),
    ("xAI Holdings, LLC", "XAI HOLDINGS", "XAIHOLDINGS"),
    ("AMAZON.COM", "AMAZON COM", "AMAZONCOM"),
    ("Amazon Web Svcs, L.L.C.", "AMAZON WEB SERVICES", "AMAZONWEBSERVICES"),
    ("The Google, Inc.", "GOOGLE", "GOOGLE"),
    ("GOOGLE LLC", "GOOGLE", "GOOGLE"),
    ("Bank of America, N.A.", "BANK OF AMERICA", "BANKOFAMERICA"),
    ("AT&T", "AT AND T", "ATANDT"),
    ("Palantir Tech Intl Co", "PALANTIR TECHNOLOGIES INTERNATIONAL", "PALANTIRTECHNOLOGIESINTERNATIONAL"),
    ("ACME MGMT GRP", "ACME MANAGEMENT GROUP", "ACMEMANAGEMENTGROUP"),
    ("CHILDREN'S NEST ECEC", "CHILDRENS NEST ECEC", "CHILDRENSNESTECEC"),
    ("Café Société S.A.R.L.", "CAFE SOCIETE SARL", "CAFESOCIETESARL"),
    ("LINKED IN", "LINKED IN", "LINKEDIN"),
    ("CORPORATION", "CORPORATION", "CORPORATION"),  # a legal form alone is the whole name: kept
    ("THE", "THE", "THE"),
    ("NA", "NA", "NA"),
    ("X CORP", "X", "X"),
    (" ,. ", None, None),
    (None, None, None),
])
def test_examples(con, raw, normal, compact):
    assert norm(con, raw) == normal
    assert key(con, raw) == compact


def test_prefixes_are_whole_words_joined(con):
    assert con.execute("SELECT employer_prefixes('Amazon.com Services LLC')").fetchall()[0][0] == \
        ["AMAZON", "AMAZONCOM", "AMAZONCOMSERVICES"]
    # METALS does not start with the word META; OPEN AIR does not start with OPENAI
    assert "META" not in con.execute("SELECT employer_prefixes('METALS RECYCLING')").fetchall()[0][0]
    assert "OPENAI" not in con.execute("SELECT employer_prefixes('OPEN AIR MARKETS')").fetchall()[0][0]


NAMES = st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz0123 .,&'-/éÉ"), min_size=0, max_size=30)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(NAMES)
def test_idempotent(con, s):
    n = norm(con, s)
    assert norm(con, n) == n


@SETTINGS
@given(NAMES, st.sampled_from(LEGAL), st.sampled_from([" ", ", ", " ,"]))
def test_legal_form_invariant(con, s, legal, sep):
    base = norm(con, s)
    if base is None:
        return  # nothing to compare with: the name was only punctuation
    assert norm(con, s + sep + legal) == base
    assert norm(con, s.lower() + sep + legal.lower()) == base


@SETTINGS
@given(NAMES)
def test_case_spacing_and_punctuation_invariant(con, s):
    assert norm(con, s.upper()) == norm(con, s.lower()) == norm(con, "  " + s.replace(" ", "  ") + " ,")
