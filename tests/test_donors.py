"""Donor clustering (etl/donors.py) on the real files: measured quality, pinned counts, registry pins, determinism."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import one
from etl import donors, entities, quality, warehouse

INDIVIDUAL = "(entity_tp = 'IND' OR entity_tp IS NULL)"


def test_pairwise_precision_and_recall_on_the_labelled_pairs(ro):
    got = quality.donor_pair_scores(ro)
    figures = (f"precision {got['precision']:.4f}, recall {got['recall']:.4f}, F1 {got['f1']:.4f} "
               f"(tp {got['tp']}, fp {got['fp']}, fn {got['fn']})")
    assert got["precision"] >= 0.98 and got["recall"] >= 0.90, figures
    assert (got["pairs"], got["same_person"], got["namesake"], got["spouse"]) == (452, 196, 202, 54), got
    assert (got["tp"], got["fp"], got["fn"]) == (180, 0, 16), figures
    assert (got["joined_namesakes"], got["joined_spouses"]) == (0, 0), figures


def test_every_individual_row_has_one_donor_and_the_counts_are_pinned(ro):
    assert one(ro, f"SELECT count(*) FROM contributions WHERE {INDIVIDUAL} AND donor_id IS NULL") == 0
    assert one(ro, f"SELECT count(*) FROM contributions WHERE NOT {INDIVIDUAL} AND donor_id IS NOT NULL") == 0
    rows, donors_, multi_rows, multi_donors = ro.execute(f"""
        WITH d AS (SELECT donor_id, count(*) AS n FROM contributions WHERE {INDIVIDUAL} GROUP BY donor_id)
        SELECT sum(n), count(*), sum(n) FILTER (WHERE n > 1), count(*) FILTER (WHERE n > 1) FROM d""").fetchall()[0]
    # issue 14's employer_norm joins dotted initials: C.C.CLARKINC. -> CCCLARKINC, near CCCLARK INC -> CCCLARK,
    # so CLARK, ALBERT COTTRELL of Starkville, MS joins the CLARK, ALBERT rows of the same town and firm (was 44,680)
    # plus the individuals of MAGA Inc.'s 2025 filings and of the 776 OpenFEC rows of 2023-2025: (72735, 44742,
    # 39542, 11549) on all the shared files
    assert (rows, donors_, multi_rows, multi_donors) == (72735, 44742, 39542, 11549)
    # an id names its cluster by its smallest row, or is a registry person
    bad = ro.execute(f"""SELECT donor_id FROM contributions WHERE {INDIVIDUAL} GROUP BY donor_id
                         HAVING NOT (donor_id = 'd:' || min(contribution_id)
                                     OR donor_id IN (SELECT person_id FROM registry_people))""").fetchall()
    assert bad == []


def test_registry_pins_are_kept_and_namesakes_stay_apart(ro):
    rows = ro.execute("""SELECT contribution_id, contributor_name, city, donor_id FROM contributions
                         WHERE contributor_name LIKE 'SMITH, BRAD%' AND state = 'WA' AND source = 'fec_bulk'
                         ORDER BY 1""").fetchall()
    assert rows == [("fec:4022720191644414580", "SMITH, BRAD", "BLAINE", "d:fec:4022720191644414580"),
                    ("fec:4022820191644673499", "SMITH, BRADFORD L.", "BELLEVUE", "brad_smith"),
                    ("fec:4022820191644673500", "SMITH, BRADFORD L.", "BELLEVUE", "brad_smith")]
    # the OpenFEC rows of 2023-2025 add 89 pinned rows in Bellevue and Redmond (employer Microsoft); the Blaine
    # namesake stays apart
    assert ro.execute("""SELECT city, count(*) FROM contributions WHERE donor_id = 'brad_smith' AND source = 'openfec'
                         GROUP BY 1 ORDER BY 1""").fetchall() == [("BELLEVUE", 57), ("REDMOND", 32)]
    assert ro.execute("SELECT DISTINCT donor_id FROM contributions WHERE contributor_name = 'PICHAI, SUNDAR'").fetchall() \
        == [("sundar_pichai",)]


def test_spouses_and_two_generations_stay_apart(ro):
    def donor(cid: str) -> str:
        return one(ro, "SELECT donor_id FROM contributions WHERE contribution_id = $c", {"c": cid})
    # CHARLES and CHARLOTTE PERRET, one address; JIM S. GOWEN JR. and SR., one bank
    assert donor("fec:4022220191643578640") != donor("fec:4022220191643586007")
    assert donor("fec:4022720191644432361") != donor("fec:4022720191644432362")
    # STEPHEN / STEVEN KINGSLEY, one government-affairs VP across a merger, is one donor
    assert donor("fec:4022720191644427692") == donor("fec:4031220191645031859")


def test_a_multi_row_cluster_shows_its_evidence(ro):
    ids = [r[0] for r in ro.execute("""SELECT contribution_id FROM contributions
                                       WHERE donor_id = (SELECT donor_id FROM contributions
                                                         WHERE contribution_id = 'fec:4022720191644427692')""").fetchall()]
    assert len(ids) >= 2
    evidence = ro.execute("""SELECT evidence, joined, first_name_level, place_level, occupation_level, match_weight
                             FROM donor_match_evidence WHERE contribution_id_l IN (SELECT unnest($ids))
                             AND contribution_id_r IN (SELECT unnest($ids))""", {"ids": ids}).fetchall()
    assert ("splink", True, "nickname or prefix", "same ZIP5", "same") in [e[:5] for e in evidence]
    assert all(e[5] >= donors.THRESHOLD for e in evidence if e[0] == "splink")
    # every cluster of n rows is held together by at least n - 1 joined pairs
    loose = one(ro, f"""WITH sizes AS (SELECT donor_id, count(*) AS n FROM contributions WHERE {INDIVIDUAL} GROUP BY 1),
                             joins AS (SELECT c.donor_id, count(*) AS e FROM donor_match_evidence m
                                       JOIN contributions c ON c.contribution_id = m.contribution_id_l
                                       JOIN contributions c2 ON c2.contribution_id = m.contribution_id_r
                                       WHERE m.joined AND c.donor_id = c2.donor_id GROUP BY 1)
                        SELECT count(*) FROM sizes LEFT JOIN joins USING (donor_id)
                        WHERE n > 1 AND coalesce(e, 0) < n - 1
                          AND donor_id NOT IN (SELECT person_id FROM registry_people)""")
    assert loose == 0


def test_clustering_again_gives_the_same_donors(warehouse, tmp_path, ro):
    copy = tmp_path / "again.duckdb"
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        entities.resolve(con)
        first = donors.cluster_donors(con)
        once = con.execute("SELECT contribution_id, donor_id FROM contributions ORDER BY 1").fetchall()
        second = donors.cluster_donors(con)
        twice = con.execute("SELECT contribution_id, donor_id FROM contributions ORDER BY 1").fetchall()
        evidence = con.execute("SELECT * FROM donor_match_evidence ORDER BY ALL").fetchall()
    finally:
        con.close()
    assert first == second
    assert once == twice == ro.execute("SELECT contribution_id, donor_id FROM contributions ORDER BY 1").fetchall()
    assert evidence == ro.execute("SELECT * FROM donor_match_evidence ORDER BY ALL").fetchall()


# --- pins on synthetic, fictional rows ------------------------------------------------------------

@pytest.fixture()
def fictional() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    warehouse.apply_schema(con)
    rows = [("syn:1", "EXAMPLE, ALEX", "p_one"), ("syn:2", "EXAMPLE, ALEX", "p_two"), ("syn:3", "EXAMPLE, ALEX", None),
            ("syn:4", "SAMPLE, CAROL", "p_three"), ("syn:5", "SAMPLE, CAROL MRS.", None), ("syn:6", "SAMPLE, DAVID", None)]
    for cid, name, pin in rows:
        con.execute("""INSERT INTO contribution_rows (contribution_id, source, dataset, load_id, filer_cmte_id, entity_tp,
                           contributor_name, city, state, zip_code, employer, occupation, count_rule, donor_id)
                       VALUES ($id, 'test', 'synthetic', 0, 'C99999999', 'IND', $name, 'OGDENVILLE', 'ZY', '999990001',
                               'EXAMPLE WIDGETS', 'ENGINEER', 'counted', $pin)""", {"id": cid, "name": name, "pin": pin})
    yield con
    con.close()


def test_a_cluster_takes_its_one_person_and_a_cluster_of_two_people_is_split(fictional):
    donors.cluster_donors(fictional)
    got = fictional.execute("SELECT contribution_id, donor_id FROM contributions ORDER BY 1").fetchall()
    assert got == [("syn:1", "p_one"), ("syn:2", "p_two"), ("syn:3", "d:syn:3"),  # pinned to two people: split
                   ("syn:4", "p_three"), ("syn:5", "p_three"),  # one person: the cluster takes the pin
                   ("syn:6", "d:syn:6")]  # the spouse at the same address is someone else
