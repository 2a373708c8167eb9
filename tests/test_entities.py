"""Registry, employer -> organization, registry people, recipients and org_money on the real files; rule mechanics on
synthetic rows."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from conftest import one
from etl import entities, warehouse
from etl.net.files import LoadError

D = Decimal


def test_registry_loads_with_a_source_for_every_fact(ro):
    assert one(ro, "SELECT count(*) FROM registry_organizations WHERE peer_set = 'ai'") == 12
    for table in ("registry_organizations", "registry_employer_rules", "registry_people", "registry_committees",
                  "registry_contract_recipients"):
        assert one(ro, f"SELECT count(*) FROM {table} WHERE coalesce(trim(source), '') = ''") == 0
    # committees are tied by ID: the presidential committee called ALPHABET INC is marked as not Google's
    assert ro.execute("SELECT org_id, role FROM registry_committees WHERE cmte_id = 'C00898163'").fetchall() == \
        [("google", "not_affiliated")]


def test_every_attributed_employer_string_is_listed_for_audit(ro):
    assert ro.execute("""SELECT employer, rule, rows, amount FROM employer_matches WHERE org_id = 'google'
                         ORDER BY rows DESC, employer""").fetchall() == [
        ("GOOGLE LLC", "prefix:GOOGLE", 384, D("134842.00")), ("GOOGLE", "prefix:GOOGLE", 185, D("2202030.00")),
        ("GOOGLE, INC.", "prefix:GOOGLE", 7, D("269800.00")), ("GOOGLE, INC", "prefix:GOOGLE", 2, D("150000.00")),
        ("GOOGLE INC.", "prefix:GOOGLE", 1, D("10000.00")), ("GOOGLE, LLC", "prefix:GOOGLE", 1, D("3300.00")),
        ("NEST", "bare:NEST + uncorroborated", 1, D("5000.00"))]
    # the bare NEST (a founder in Alexandria, VA) is listed but kept out: nothing on the row corroborates Nest Labs
    assert one(ro, "SELECT attributed FROM employer_matches WHERE employer = 'NEST'") is False
    # every attributed row's employer is in employer_matches, and no string twice
    assert one(ro, """SELECT count(*) FROM contributions c WHERE c.org_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM employer_matches m WHERE m.attributed AND m.org_id = c.org_id
                          AND m.employer IN (c.employer, c.contributor_name))""") == 0
    assert one(ro, "SELECT count(*) - count(DISTINCT (employer, rule)) FROM employer_matches WHERE attributed") == 0


def test_labelled_employer_strings_meet_the_precision_and_recall_targets(ro):
    from etl.quality import employer_scores
    got = employer_scores(ro)
    # etl/registry/labels/employers.csv: 539 real strings labelled by hand without the rules (README there)
    assert (got["strings"], got["positives"]) == (539, 12)
    # the one miss is NEST, which that labeller read as Nest Labs ("the least certain positive label");
    # a bare NEST now needs corroboration and this row has none (issue 14; the independent set says no)
    assert (got["tp"], got["fp"], got["fn"]) == (11, 0, 1)
    assert got["precision"] == 1.0


def test_look_alikes_are_not_attributed(ro):
    for employer in ("MAGNOLIA METAL CORP.", "SCALE VENTURE PARTNERS", "METALCRAFTS A TECTA AMERICA COMPANY"):
        assert one(ro, "SELECT count(*) FROM contributions WHERE employer = $e AND org_id IS NOT NULL", {"e": employer}) == 0


def test_registry_people_are_pinned_by_name_and_home_place_not_namesakes(ro):
    pins = ro.execute("""SELECT contributor_name, city, donor_id FROM contributions
                         WHERE donor_id IN ('brad_smith', 'sundar_pichai') AND source <> 'openfec'
                         ORDER BY contribution_id""").fetchall()
    assert pins == [("PICHAI, SUNDAR", "MOUNTAIN VIEW", "sundar_pichai"), ("PICHAI, SUNDAR", "MOUNTAIN VIEW", "sundar_pichai"),
                    ("SMITH, BRADFORD L.", "BELLEVUE", "brad_smith"), ("SMITH, BRADFORD L.", "BELLEVUE", "brad_smith")]
    # the Pichai row with no employer is pinned by name and home place; SMITH, BRAD of BLAINE, WA is a namesake
    assert one(ro, "SELECT donor_id FROM contributions WHERE contribution_id = 'fec:4022820191644605486'") == "sundar_pichai"
    assert one(ro, "SELECT coalesce(donor_id, '') FROM contributions WHERE contribution_id = 'fec:4022720191644414580'") \
        != "brad_smith"


# Per organization and channel on the real files (2020-cycle sample, cm26 master; then the OpenFEC rows of
# 2023-2025 and MAGA Inc.'s 2025 filings, pinned on their own in tests/test_fec_filings.py).
EXPECTED = [
    ("amazon", "employees", D("250.00"), 1),
    ("google", "employees", D("2646530.00"), 153),  # 5,350.00 in 8 (no bare NEST row, issue 14) + 2,641,180.00 in 145
    ("google", "pac", D("56000.00"), 13),
    ("google", "to_own_pac", D("123442.00"), 379),  # 43,213.00 in 88 + 80,229.00 in 291
    ("meta", "employees", D("159560.79"), 39),  # 3,000.00 in 2 + 156,560.79 in 37
    ("meta", "to_own_pac", D("4988.00"), 26),
    ("microsoft", "employees", D("1076215.25"), 50),  # 1,525.00 in 6 + 1,074,690.25 in 44
    ("microsoft", "executives_and_households", D("447300.00"), 25),  # OpenFEC rows only
    ("microsoft", "pac", D("15000.00"), 3),
    ("microsoft", "to_own_pac", D("23285.00"), 100),  # 16,549.00 in 60 + 6,736.00 in 40
    ("nvidia", "employees", D("225.00"), 1),
    ("openai", "executives_and_households", D("25000000.00"), 1),  # SA17.4915 of MAGA Inc.'s filing 1930418
]


def test_org_money_per_channel_on_the_real_files(ro):
    got = ro.execute("SELECT org_id, channel, sum(amount), sum(rows) FROM org_money GROUP BY ALL ORDER BY 1, 2").fetchall()
    assert got == EXPECTED


def test_google_channels_through_the_cli_query_of_the_issue(ro):
    rows = ro.execute("SELECT channel, sum(amount) FROM org_money WHERE org_id = 'google' GROUP BY 1 ORDER BY 1").fetchall()
    assert rows == [("employees", D("2646530.00")), ("pac", D("56000.00")), ("to_own_pac", D("123442.00"))]


def test_no_row_is_in_two_channels_and_every_row_counts(ro):
    assert one(ro, "SELECT count(*) - count(DISTINCT row_table || row_id) FROM org_money_rows") == 0
    assert one(ro, """SELECT count(*) FROM org_money_rows m JOIN contributions c ON c.contribution_id = m.row_id
                      WHERE NOT c.counts_in_totals""") == 0
    # the PAC channel is what the PAC gave out (24K/24R/24Z), never the employees' gifts into it
    assert one(ro, "SELECT sum(amount) FROM committee_transfers WHERE cmte_id = 'C00428623' AND counts_in_totals") == \
        D("56000.00")


def test_recipients_are_named_by_id_with_party_and_kind(ro):
    got = ro.execute("""SELECT recipient_name, recipient_party, recipient_type, recipient_cand_id, amount FROM org_money
                        WHERE org_id = 'google' AND channel = 'pac' AND recipient_cmte_id = 'C00140715'""").fetchall()
    assert got == [("HOYER FOR CONGRESS", "DEM", "H", "H2MD05155", D("5000.00"))]
    kinds = ro.execute("""SELECT cmte_id, name, is_super_pac, is_hybrid_pac, is_inaugural FROM recipient_committees
                          WHERE cmte_id IN ('C00892471', 'C00825851', 'C00894162') ORDER BY 1""").fetchall()
    assert kinds == [("C00825851", "MAKE AMERICA GREAT AGAIN INC.", True, False, False),
                     ("C00892471", "MAGA INC.", False, True, False),
                     ("C00894162", "TRUMP VANCE INAUGURAL COMMITTEE, INC.", False, False, True)]


def test_conduit_gifts_are_credited_to_the_earmarked_candidate_committee(ro):
    row = ro.execute("""SELECT c.filer_cmte_id, c.conduit_cmte_id, c.recipient_cmte_id, r.name, r.cand_id, c.count_rule
                        FROM contributions c JOIN recipient_committees r ON r.cmte_id = c.recipient_cmte_id
                        WHERE c.contribution_id = 'fec:4030420191644807557'""").fetchall()
    # a 24T at NORPAC (the conduit) belongs to Engel for Congress, and is the conduit's copy, not counted again
    assert row == [("C00247403", "C00247403", "C00236513", "ENGEL FOR CONGRESS", "H8NY19058", "conduit_copy")]
    # an employee's ActBlue-earmarked gift is credited to the recipient that filed the 15E, not to ActBlue
    assert ro.execute("""SELECT m.recipient_cmte_id, c.conduit_cmte_id FROM org_money_rows m
                         JOIN contributions c ON c.contribution_id = m.row_id
                         WHERE m.row_id = 'fec:4022820191644675813'""").fetchall() == [("C00632133", "C00401224")]


# --- rule mechanics on synthetic, fictional rows -------------------------------------------------

SYNTHETIC = [  # contribution_id, entity_tp, name, city, state, employer, amount
    ("syn:1", "IND", "EXAMPLE, ALICE", "SPRINGFIELD", "ZZ", "EXAMPLE ROBOTICS, LLC", 100),
    ("syn:2", "IND", "EXAMPLE, ALICE", "SPRINGFIELD", "ZZ", "Example Robotics Inc.", 200),
    ("syn:3", "IND", "SAMPLE, BOB", "SHELBYVILLE", "ZZ", "EXAMPLE ROBOTICS VENTURES", 300),
    ("syn:4", "IND", "FICTION, CAROL MRS.", "OGDENVILLE", "ZY", "HOMEMAKER", 400),
    ("syn:5", "IND", "FICTION, CAROL", "NORTH HAVERBROOK", "ZX", "HOMEMAKER", 500),
    ("syn:6", "ORG", "EXAMPLE ROBOTICS LLC", "SPRINGFIELD", "ZZ", None, 600),
    ("syn:7", "IND", "SAMPLE, DAN", "SHELBYVILLE", "ZZ", "EXAMPLEROBOTICS", 700),
]


@pytest.fixture()
def synthetic(tmp_path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    con = duckdb.connect()
    warehouse.apply_schema(con)
    for cid, ent, name, city, state, employer, amount in SYNTHETIC:
        con.execute("""INSERT INTO contribution_rows (contribution_id, source, dataset, load_id, cycle, filer_cmte_id,
                           recipient_cmte_id, entity_tp, contributor_name, city, state, employer, amount, count_rule)
                       VALUES ($id, 'test', 'synthetic', 0, 2026, 'C99999999', 'C99999999', $ent, $name, $city, $state,
                               $employer, $amount, 'counted')""",
                    {"id": cid, "ent": ent, "name": name, "city": city, "state": state, "employer": employer, "amount": amount})
    reg = tmp_path / "registry"
    reg.mkdir()
    (reg / "organizations.csv").write_text("org_id,name,peer_set,scope,source\n"
                                           "examplerobotics,Example Robotics (fictional),test,all,synthetic test\n")
    (reg / "employer_rules.csv").write_text("org_id,rule,value,source\n"
                                            "examplerobotics,exact,EXAMPLE ROBOTICS,synthetic test\n"
                                            "examplerobotics,pattern,^EXAMPLE ROBOTICS( |$),synthetic test\n"
                                            "examplerobotics,exclude,^EXAMPLE ROBOTICS VENTURES,a different fictional firm\n")
    (reg / "people.csv").write_text("person_id,org_id,role,name_forms,city,state,relation,source\n"
                                    "carol_fiction,examplerobotics,household,\"FICTION, CAROL\",OGDENVILLE,ZY,spouse,"
                                    "synthetic test\n")
    (reg / "committees.csv").write_text("org_id,cmte_id,role,name,source\n")
    (reg / "contract_recipients.csv").write_text("org_id,recipient_name,uei,relation,description_pattern,source\n")
    (reg / "products.csv").write_text("org_id,term,source\n")
    (reg / "overrides.csv").write_text("kind,value,target,note,source\n"
                                       "employer,EXAMPLEROBOTICS,examplerobotics,run-together name,synthetic test\n")
    yield con, reg
    con.close()


def test_rules_exclusions_overrides_and_pins_on_synthetic_rows(synthetic):
    con, reg = synthetic
    entities.resolve(con, reg)
    got = con.execute("SELECT contribution_id, org_id, org_match, donor_id FROM contributions ORDER BY 1").fetchall()
    assert got == [("syn:1", "examplerobotics", "exact:EXAMPLE ROBOTICS", None),
                   ("syn:2", "examplerobotics", "exact:EXAMPLE ROBOTICS", None),
                   ("syn:3", None, None, None),
                   ("syn:4", None, None, "carol_fiction"),
                   ("syn:5", None, None, None),  # same name, another place: a namesake
                   ("syn:6", "examplerobotics", "exact:EXAMPLE ROBOTICS", None),
                   ("syn:7", "examplerobotics", "override:EXAMPLEROBOTICS", None)]
    audit = con.execute("SELECT employer, rule, attributed FROM employer_matches ORDER BY 1").fetchall()
    assert ("EXAMPLE ROBOTICS VENTURES", "exclude:^EXAMPLE ROBOTICS VENTURES", False) in audit
    channels = con.execute("SELECT channel, sum(amount) FROM org_money GROUP BY 1 ORDER BY 1").fetchall()
    assert channels == [("corporate", D("600.00")), ("employees", D("1000.00")),
                        ("executives_and_households", D("400.00"))]


def test_an_override_to_none_beats_the_rules(synthetic):
    con, reg = synthetic
    with open(reg / "overrides.csv", "a") as f:
        f.write("employer,Example Robotics Inc.,,not this firm after all,synthetic test\n")
    entities.resolve(con, reg)
    assert one(con, "SELECT coalesce(org_id, 'none') FROM contributions WHERE contribution_id = 'syn:2'") == "none"
    assert ("Example Robotics Inc.", "override:Example Robotics Inc.", False) in \
        con.execute("SELECT employer, rule, attributed FROM employer_matches").fetchall()


@pytest.mark.parametrize("file, line, message", [
    ("employer_rules.csv", "examplerobotics,pattern,^EXAMPLE (,\n", "needs a source note"),
    ("employer_rules.csv", "examplerobotics,pattern,^EXAMPLE (,synthetic test\n", "bad regular expression"),
    ("employer_rules.csv", "examplerobotics,fuzzy,EXAMPLE,synthetic test\n",
     "rule must be one of bare, exact, exclude, occupation, pattern, place, prefix"),
    ("people.csv", "x,nosuchorg,executive,\"X, Y\",,,,synthetic test\n", "org_id not in organizations.csv: nosuchorg"),
])
def test_a_bad_registry_line_is_refused_with_file_and_line(synthetic, file, line, message):
    con, reg = synthetic
    with open(reg / file, "a") as f:
        f.write(line)
    with pytest.raises(LoadError, match=message):
        entities.resolve(con, reg)


def test_the_shipped_registry_loads(tmp_path):
    con = duckdb.connect()
    warehouse.apply_schema(con)
    shutil.copytree(entities.REGISTRY_DIR, tmp_path / "r")
    counts = entities.load_registry(con, tmp_path / "r")
    assert counts["registry_organizations"] == 13  # 12 AI organizations and the venture firm a16z
    assert counts["registry_people"] == 20


def test_inaugural_donations_of_a_company_and_its_executive_are_one_channel(tmp_path):
    """Form 13 (synthetic filing, fictional names): the company's own gift and its executive's are both inaugural."""
    from conftest import FIXTURES
    from etl.sources.fec_efile import SOURCE as fec_efile
    con = duckdb.connect()
    warehouse.apply_schema(con)
    fec_efile.load(con, FIXTURES / "efile" / "9999001.fec")
    reg = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, reg)
    with open(reg / "organizations.csv", "a") as f:
        f.write("examplewidgets,Example Widgets (fictional),test,all,synthetic test\n")
    with open(reg / "employer_rules.csv", "a") as f:
        f.write("examplewidgets,pattern,^EXAMPLE WIDGETS( |$),synthetic test\n")
    with open(reg / "people.csv", "a") as f:
        f.write("alice_example,examplewidgets,executive,\"EXAMPLE, ALICE\",SPRINGFIELD,VT,CEO,synthetic test\n")
    entities.resolve(con, reg)
    got = con.execute("""SELECT channel, recipient_cmte_id, sum(amount), sum(rows) FROM org_money
                         WHERE org_id = 'examplewidgets' GROUP BY ALL""").fetchall()
    # $1,000,000 from the executive (Form 13 has no employer: found by name and home place) and the
    # company's $250,000; the in-kind memo line and the refund are not counted
    assert got == [("inaugural", "C99999902", D("1250000.00"), 2)]


def test_awards_of_registry_organizations_keep_resellers_to_their_products(ro):
    got = ro.execute("""SELECT org_id, relation, count(*), sum(obligated) FROM org_awards GROUP BY ALL ORDER BY 1""").fetchall()
    # announced awards (etl/registry/announced_awards.csv) come in through the organization they name
    assert got == [("amazon", "subsidiary", 2, D("552178.59")), ("anduril", "self", 3, D("2368980.95")),
                   ("anthropic", "announced", 1, None), ("google", "announced", 1, None),
                   ("openai", "announced", 1, D("1999998.00")),
                   ("palantir", "subsidiary", 5, D("106564906.65")), ("scale_ai", "self", 5, D("110890360.38")),
                   ("xai", "announced", 1, None)]
    # Carahsoft is registered as a reseller of ChatGPT and Claude, but none of its 7 awards in the real
    # AI-keyword results names those products, so none is shown under OpenAI or Anthropic
    assert one(ro, "SELECT count(*) FROM awards WHERE recipient_name = 'CARAHSOFT TECHNOLOGY CORP'") == 7
    assert one(ro, "SELECT count(*) FROM org_awards WHERE relation = 'reseller'") == 0


def test_the_materialized_rows_equal_their_definition(ro):
    # org_money_rows is org_money_rows_live materialized at build time: same rows, no more, no fewer
    for a, b in (("org_money_rows", "org_money_rows_live"), ("org_money_rows_live", "org_money_rows")):
        assert one(ro, f"SELECT count(*) FROM (SELECT * FROM {a} EXCEPT ALL SELECT * FROM {b})") == 0
    assert one(ro, "SELECT count(*) FROM org_money_rows") == 791  # the rows of EXPECTED above


def test_every_channel_of_the_money_rows_is_one_of_org_channels(ro):
    assert one(ro, "SELECT count(*) FROM org_money_rows WHERE channel NOT IN (SELECT channel FROM org_channels)") == 0
    assert ro.execute("SELECT channel FROM org_channels WHERE NOT added").fetchall() == [("to_own_pac",)]
