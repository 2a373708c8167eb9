"""Employer -> organization on strings it was not written on: the independent labelled set; rule mechanics on synthetic rows."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import one, shared_data
from etl import entities
from etl import warehouse as schema
from etl.quality import independent_scores


@pytest.fixture(scope="module")
def scores(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    yield independent_scores(con, shared_data())
    con.close()


def test_independent_labelled_set_meets_the_targets(scores):
    got = scores
    # etl/registry/labels/employers_independent.csv: 62 strings of the shared real files, labelled by someone
    # given only the strings, occupations, places and the organizations' descriptions (README there)
    assert (got["strings"], got["positives"]) == (62, 25)
    assert (got["tp"], got["fp"], got["fn"]) == (25, 0, 0)
    assert got["precision"] >= 0.99 and got["recall"] >= 0.97
    assert {o: (s["tp"], s["fp"], s["fn"]) for o, s in got["per_org"].items()} == {
        "amazon": (4, 0, 0), "google": (6, 0, 0), "meta": (10, 0, 0), "microsoft": (3, 0, 0),
        "nvidia": (1, 0, 0), "openai": (1, 0, 0)}
    assert got["misses"] == [] and got["false_matches"] == []
    # every row of every positive string is attributed, the 17 bare META rows by the same person naming Meta elsewhere
    assert (got["rows"], got["rows_attributed"]) == (985, 985)
    assert len(got["kept_out"]) == 37 and {"NEST", "SCALE VENTURE PARTNERS", "X ARCH. OF  KANASAS",
                                           "METALS RECYCLING", "CALICO COTTAGE INC"} <= set(got["kept_out"])
    assert got["unlabelled_in_files"] == []  # every labelled string is found in the files


def test_openai_president_row_of_maga_inc_is_openai_and_january_ai_is_not(ro, scores):
    from etl import attribution, quality
    assert scores["predicted"]["OPENAI"] == "openai"
    quality.load_observations(ro, shared_data())
    attribution.decide(ro)
    # HASHEMI, NOOSHEEN, JANUARY AI, CEO ($1,000,000 to MAGA Inc., 2025): no source ties January AI to a
    # registry organization, and no rule reaches it
    assert one(ro, "SELECT count(*) FROM attr_obs WHERE name = 'JANUARY AI'") == 1
    assert one(ro, "SELECT count(*) FROM name_decisions WHERE name = 'JANUARY AI'") == 0
    assert one(ro, """SELECT org_id FROM name_decisions d JOIN attr_obs o USING (kind, name)
                      WHERE o.contributor_name = 'BROCKMAN, GREG' AND d.attributed""") == "openai"


# --- mechanics on synthetic, fictional rows -------------------------------------------------------

ROWS = [  # contribution_id, name, city, state, employer, occupation
    ("syn:1", "EXAMPLE, ALICE", "SPRINGFIELD", "ZZ", "Examplar AI, Inc.", "ENGINEER"),
    ("syn:2", "SAMPLE, BOB", "SHELBYVILLE", "ZZ", "EXAMPLAR AI SVCS L.L.C.", "ANALYST"),
    ("syn:3", "SAMPLE, CAROL", "OGDENVILLE", "ZY", "EXAMPLAR AI VENTURES", "PARTNER"),
    ("syn:4", "FICTION, DAN", "FAKETOWN", "ZZ", "XMPL", "FOUNDER"),
    ("syn:5", "FICTION, ERIN", "EXAMPLE CITY", "ZZ", "XMPL", "ENGINEER"),
    ("syn:6", "EXAMPLE, ALICE", "SPRINGFIELD", "ZZ", "XMPL", "ENGINEER"),
    ("syn:7", "FICTION, FRED", "NOWHERE", "ZX", "XMPL", "XMPL PLATFORM LEAD"),
    ("syn:8", "FICTION, GINA", "NOWHERE", "ZX", "EXA", "CLERK"),
    ("syn:9", "FICTION, HAL", "NOWHERE", "ZX", "EXAMPLARAI", "CLERK"),
    ("syn:10", "FICTION, IVY", "NOWHERE", "ZX", "EXAMPLAR AIRLINES", "PILOT"),
]


@pytest.fixture()
def synthetic(tmp_path):
    con = duckdb.connect()
    schema.apply_schema(con)
    for cid, name, city, state, employer, occupation in ROWS:
        con.execute("""INSERT INTO contribution_rows (contribution_id, source, dataset, load_id, cycle, filer_cmte_id,
                           recipient_cmte_id, entity_tp, contributor_name, city, state, employer, occupation, amount, count_rule)
                       VALUES ($id, 'test', 'synthetic', 0, 2026, 'C99999999', 'C99999999', 'IND', $name, $city, $state,
                               $employer, $occ, 100, 'counted')""",
                    {"id": cid, "name": name, "city": city, "state": state, "employer": employer, "occ": occupation})
    reg = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, reg)
    with open(reg / "organizations.csv", "a") as f:
        f.write("examplar,Examplar AI (fictional),test,all,synthetic test\n")
    with open(reg / "employer_rules.csv", "a") as f:
        f.write("examplar,prefix,EXAMPLAR AI,synthetic test\n"
                "examplar,exclude,^EXAMPLAR AI VENTURES$,a different fictional firm (synthetic test)\n"
                "examplar,bare,XMPL,synthetic test: a bare word\n"
                "examplar,prefix,EXA,synthetic test: three letters\n"
                "examplar,place,\"^EXAMPLE CITY, ZZ$\",synthetic test\n"
                "examplar,occupation,(^| )XMPL( |$),synthetic test\n")
    yield con, reg
    con.close()


def test_prefix_bare_words_and_corroboration_on_synthetic_rows(synthetic):
    con, reg = synthetic
    entities.resolve(con, reg)
    got = dict(con.execute("SELECT contribution_id, coalesce(org_match, '-') FROM contributions").fetchall())
    assert got == {
        "syn:1": "prefix:EXAMPLAR AI",            # name + legal form
        "syn:2": "prefix:EXAMPLAR AI",            # name + abbreviated unit + dotted legal form
        "syn:3": "-",                             # a reviewed look-alike exclusion
        "syn:4": "-",                             # a bare word with nothing to corroborate it
        "syn:5": "bare:XMPL + place",
        "syn:6": "bare:XMPL + same person",       # ALICE names Examplar AI on another row
        "syn:7": "bare:XMPL + occupation",
        "syn:8": "-",                             # three letters: corroboration needed, none
        "syn:9": "prefix:EXAMPLAR AI",            # written together: same key
        "syn:10": "-",                            # EXAMPLAR AIRLINES does not start with the words EXAMPLAR AI
    }
    kept = con.execute("SELECT employer, rule FROM employer_matches WHERE NOT attributed ORDER BY 1, 2").fetchall()
    assert kept == [("EXA", "prefix:EXA + uncorroborated"), ("EXAMPLAR AI VENTURES", "exclude:^EXAMPLAR AI VENTURES$"),
                    ("XMPL", "bare:XMPL + uncorroborated")]


def test_an_override_attributes_a_bare_word_without_corroboration(synthetic):
    con, reg = synthetic
    with open(reg / "overrides.csv", "a") as f:
        f.write("employer,XMPL,examplar,reviewed,synthetic test\n")
    entities.resolve(con, reg)
    assert one(con, "SELECT count(*) FROM contributions WHERE employer = 'XMPL' AND org_id = 'examplar'") == 4


def test_orgs_review_lists_the_queue_and_writes_decisions_with_a_note(warehouse, tmp_path):
    from typer.testing import CliRunner

    from etl.cli import app
    runner = CliRunner()
    res = runner.invoke(app, ["orgs", "review", "GOOGLE", "--db", str(warehouse)])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[:2] == ["employer,why,rows,amount,occupation,place",
                                           'NEST,"bare word, uncorroborated rows; first word NEST; similar name (100)",'
                                           '1,5000.00,FOUNDER,"ALEXANDRIA, VA"']
    reg = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, reg)
    base = ["orgs", "review", "google", "--db", str(warehouse), "--registry", str(reg)]
    res = runner.invoke(app, base + ["--exclude", "NEST"])
    assert res.exit_code == 2 and "source note" in res.output
    res = runner.invoke(app, base + ["--exclude", "Nest, Inc.", "--note", "a founder in Alexandria, VA (synthetic test)"])
    assert res.exit_code == 0, res.output
    assert (reg / "employer_rules.csv").read_text().endswith(
        'google,exclude,^NEST$,"a founder in Alexandria, VA (synthetic test)"\n')
    res = runner.invoke(app, base + ["--accept", "SOFTWARE PROGRAMMER", "--note", "occupation GOOGLE (test)"])
    assert res.exit_code == 0, res.output
    assert (reg / "overrides.csv").read_text().splitlines()[-1] == \
        "employer,SOFTWARE PROGRAMMER,google,accepted in review (moneytrail orgs review),occupation GOOGLE (test)"
    con = duckdb.connect()
    schema.apply_schema(con)
    assert entities.load_registry(con, reg)["registry_overrides"] == 1  # the written files load
