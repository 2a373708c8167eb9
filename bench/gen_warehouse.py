"""Build a SYNTHETIC moneytrail warehouse of N contributions, directly in DuckDB SQL, for explorer benchmarks.

Every value is made up and labelled so: people are "EXAMPLESON, PERSON 123" (registry executives
"EXAMPLEEXECA, SYNTHONE"), employers "EXAMPLE WIDGETS 17 LLC (FICTIONAL)", committees C9xxxxxxx named
"FICTIONAL COMMITTEE 17 (SYNTHETIC)", the twelve peer organizations "Fictional Peer Org 01 (synthetic)"
(org_id synth_org_01 ... synth_org_12, peer set 'ai'), agencies "FICTIONAL DEPARTMENT OF ...". No real
person, company, committee or record appears. Only the *shape* follows the real files:

* contributions: two cycles (2022 and 2024 bulk files, one after the other, as a build loads them)
  plus 0.5% e-filed rows (2024 Schedule A, and Form 13 gifts to a fictional inaugural committee);
  transaction types 15 / 15E (earmarked through two fictional conduits) / 22Y refunds / 10 / 24T
  conduit copies / 24I; memo rows; count_rule from the schema's own contribution_count_rule macro
  (about 92.8% counted, 6.6% refund, 0.5% memo, 0.13% conduit_copy, close to the real files);
  recipients skewed over a few thousand committees; lognormal amounts.
* donor_id: rows come in donor clusters of 2-3 rows sharing name, place and employer; donor_id is
  'd:' || the cluster's smallest contribution_id, as etl/donors.py writes it. It is set in SQL
  after attribution (splink is not run at this size); registry executives are pinned by resolve().
  Then org_money_rows is materialized by the real etl/entities.refresh_org_money(), as etl/build.py
  does after donor clustering.
* attribution: about 2% of donors (--org-share) work for one of the twelve peer organizations, whose
  employer strings (exact forms, pattern forms, look-alikes an exclusion keeps out, one string two
  organizations claim) are attributed by the real etl/entities.resolve() from a synthetic registry
  folder written to bench/out/ (organizations, rules, people, PACs, contract recipients, products).
  Organization sizes are skewed (org 01 the largest, about 0.7% of all rows).
* employees of organizations with a PAC give about 10% of their rows to it (to_own_pac), and each PAC
  gives 24K contributions to candidate committees (committee_transaction_rows, oth with a pas2 copy
  of most); background oth/pas2 rows between other committees (N/25 rows).
* committees (two cycles, types H/S/P/Q/N/O/V/W/X/Y/I with parties), candidates and linkages; USAspending
  award records (some awards with two snapshots, some to the organizations, their subsidiaries and a
  reseller) and AI use cases whose text names the organizations' fictional products, indexed for search
  by the real etl/search.rebuild_index().

Usage: uv run python bench/gen_warehouse.py --rows 50000000 [--out bench/out/explorer/rows_50000000/warehouse.duckdb]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out" / "explorer"
sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 1  # bump when the shape changes, so an old warehouse is rebuilt, not reused
CHUNK = 10_000_000
N_ORGS = 12
N_PACS = 9  # organizations 01-09 have a corporate PAC
SUB_BASE = 4_000_000_000_000_000_000
CYCLE_SPLIT = 0.45  # share of bulk rows in the 2022 file
EFILE_SHARE = 0.005
EXEC_ROWS_PER_PERSON = 40

SURNAMES = ["EXAMPLESON", "FICTIONA", "TESTWORTH", "SAMPLEBERG", "MOCKINGTON", "PLACEHOLDA", "DUMMERSBY",
            "FAKENHAM", "STUBBLETON", "NOTAREALNAME", "INVENTADO", "PSEUDONYMA", "MADEUPSKI", "FIXTUREMAN",
            "SYNTHETICO", "LOREMIPSKY", "IMAGINARIO", "TESTOVA", "FABLEWORTH", "QUUXLEY"]
CITIES = [f"{a}{b}" for a in ("EXAMPLE", "FICTION", "TEST", "SAMPLE", "MOCK", "PLACEHOLDER", "DUMMY", "STUB",
                              "FAUX", "LOREM")
          for b in ("VILLE", "TOWN", " CITY", " SPRINGS", " FALLS", "BURG", " HEIGHTS", " PARK", "FORD", " LAKE")]
STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
          "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
OCCUPATIONS = ["RETIRED", "NOT EMPLOYED", "ENGINEER", "TEACHER", "ATTORNEY", "PHYSICIAN", "CONSULTANT",
               "SOFTWARE ENGINEER", "MANAGER", "NURSE", "SALES", "WRITER", "PROFESSOR", "OWNER", "CEO",
               "ACCOUNTANT", "ARTIST", "STUDENT", "HOMEMAKER", "INFORMATION REQUESTED"]
RPT_TPS = ["Q1", "Q2", "Q3", "YE", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12",
           "12G", "30G", "12P", "PRE"]
TAIL_EMPLOYERS = 200_000
WORDS = ("synthetic example fictional placeholder model analysis document review claims triage forecast "
         "language summarize classify detect translate route search chatbot imagery sensor fraud benefits "
         "records veterans grants inspection workforce cyber threat maintenance logistics weather health "
         "eligibility casework procurement translation speech vision anomaly pilot deployed evaluation "
         "training data public agency office program service mission review quality risk").split()
LETTERS = "ABCDEFGHIJKL"


def org_id(k: int) -> str:
    """synth_org_01 ... synth_org_12."""
    return f"synth_org_{k:02d}"


def org_employer(k: int) -> str:
    """The plain employer form of organization k."""
    return f"FICTIONAL PEER ORG {k:02d}"


def org_weights() -> list[float]:
    """Share of the attributed donors per organization: skewed, org 01 the largest."""
    w = [1 / k ** 1.1 for k in range(1, N_ORGS + 1)]
    return [x / sum(w) for x in w]


def people() -> list[dict]:
    """Three fictional registry people per organization (two executives, one household member)."""
    out = []
    for k in range(1, N_ORGS + 1):
        last = f"EXAMPLEEXEC{LETTERS[k - 1]}"
        home = (CITIES[k], STATES[k]) if k % 2 else ("", "")  # odd orgs: home place known
        out += [
            {"person_id": f"synth_exec_{k:02d}_a", "org_id": org_id(k), "role": "executive",
             "name_forms": f"{last}, SYNTHONE;{last}, SYNTHONE Q", "city": home[0], "state": home[1],
             "relation": "CEO (synthetic)", "last": last, "first": "SYNTHONE"},
            {"person_id": f"synth_exec_{k:02d}_b", "org_id": org_id(k), "role": "executive",
             "name_forms": f"{last}, SYNTHTWO", "city": home[0], "state": home[1],
             "relation": "President (synthetic)", "last": last, "first": "SYNTHTWO"},
            {"person_id": f"synth_exec_{k:02d}_c", "org_id": org_id(k), "role": "household",
             "name_forms": f"{last}, SYNTHSPOUSE", "city": home[0], "state": home[1],
             "relation": f"spouse of synth_exec_{k:02d}_a (synthetic)", "last": last, "first": "SYNTHSPOUSE"},
        ]
    return out


def write_registry(folder: Path, cmte) -> None:
    """The synthetic registry CSVs that etl/entities.resolve() reads."""
    folder.mkdir(parents=True, exist_ok=True)
    src = "SYNTHETIC benchmark registry (bench/gen_warehouse.py); not a real organization"

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write("organizations.csv", ["org_id", "name", "peer_set", "scope", "source"],
          [[org_id(k), f"Fictional Peer Org {k:02d} (synthetic)", "ai", f"Fictional Peer Org {k:02d} and its "
            "fictional subsidiaries (synthetic)", src] for k in range(1, N_ORGS + 1)]
          + [["synth_other_01", "Fictional Other Org 01 (synthetic)", "other", "not in the ai peer set", src]])
    rules = []
    for k in range(1, N_ORGS + 1):
        e = org_employer(k)
        rules += [[org_id(k), "exact", e, src], [org_id(k), "exact", f"FPO{k:02d} SYNTHETIC", src],
                  [org_id(k), "pattern", f"^{e}( |$)", src], [org_id(k), "exclude", f"^{e} VENTURES$", src]]
    rules += [[org_id(2), "exact", "FPO SHARED SERVICES SYNTHETIC", src],
              [org_id(3), "exact", "FPO SHARED SERVICES SYNTHETIC", src]]
    write("employer_rules.csv", ["org_id", "rule", "value", "source"], rules)
    write("people.csv", ["person_id", "org_id", "role", "name_forms", "city", "state", "relation", "source"],
          [[p["person_id"], p["org_id"], p["role"], p["name_forms"], p["city"], p["state"], p["relation"], src]
           for p in people()])
    write("committees.csv", ["org_id", "cmte_id", "role", "name", "source"],
          [[org_id(k), cmte(pac_index(k)), "pac", f"FICTIONAL PEER ORG {k:02d} PAC (SYNTHETIC)", src]
           for k in range(1, N_PACS + 1)] + [[org_id(1), cmte(20), "not_affiliated", "FICTIONAL COMMITTEE 20 (SYNTHETIC)", src]])
    recips = []
    for k in range(1, N_ORGS + 1):
        recips.append([org_id(k), f"FICTIONAL PEER ORG {k:02d} LLC", "", "self", "", src])
        if k % 3 == 1:
            recips.append([org_id(k), f"FICTIONAL PEER ORG {k:02d} PUBLIC SECTOR INC", f"SYNTHUEI{k:04d}", "subsidiary", "", src])
        recips.append([org_id(k), "EXAMPLE RESELLER INC (FICTIONAL)", "", "reseller", f"SYNTHMODEL-{k:02d}", src])
    write("contract_recipients.csv", ["org_id", "recipient_name", "uei", "relation", "description_pattern", "source"], recips)
    write("overrides.csv", ["kind", "value", "target", "note", "source"],
          [["employer", "FICTIONAL PEER ORG 04 VENTURES FUND", "", "synthetic look-alike kept out", src]])
    write("products.csv", ["org_id", "term", "source"],
          [r for k in range(1, N_ORGS + 1) for r in ([org_id(k), f"SynthModel-{k:02d}", src],
                                                      [org_id(k), f"Fictional Peer Org {k:02d}", src])])


def pac_index(k: int) -> int:
    """Committee index of organization k's PAC (committees 3..11)."""
    return 2 + k


def sql_list(values: list[str]) -> str:
    """A SQL list literal of strings."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def case_cum(var: str, weights: list[float], start: int = 1) -> str:
    """CASE picking start, start+1, ... by cumulative weights of a uniform variable."""
    parts, acc = [], 0.0
    for j, w in enumerate(weights[:-1]):
        acc += w
        parts.append(f"WHEN {var} < {acc!r} THEN {start + j}")
    return f"CASE {' '.join(parts)} ELSE {start + len(weights) - 1} END"


def setup_macros(con, n_cmte: int) -> None:
    """Temporary helpers: deterministic uniforms and committee IDs."""
    # hash(i, s) of two values is not a fresh draw per s (the two hashes are combined cheaply, so
    # streams of one i are correlated); hash() of one integer mixes well, so each (i, s) is one integer.
    con.execute("CREATE OR REPLACE TEMP MACRO u01(i, s) AS (hash(i::BIGINT * 100003 + s) >> 11)::DOUBLE / 9007199254740992.0")
    con.execute("CREATE OR REPLACE TEMP MACRO h(i, s) AS (hash(i::BIGINT * 100003 + s) >> 2)::BIGINT")
    con.execute("CREATE OR REPLACE TEMP MACRO cmte_id(c) AS 'C9' || lpad(c::VARCHAR, 7, '0')")
    con.execute(f"CREATE OR REPLACE TEMP MACRO pick_cmte(v) AS 21 + floor(({n_cmte} - 21) * pow(v, 3))::BIGINT")


def committees_sql(n_cmte: int) -> str:
    """Committees for cycles 2022 and 2024 (about 10% only in 2022), candidates and linkages."""
    types = ["H", "Q", "N", "O", "P", "S", "I", "V", "X", "Y", "W", "E"]
    tw = [0.26, 0.21, 0.18, 0.11, 0.06, 0.05, 0.04, 0.03, 0.02, 0.02, 0.01, 0.01]
    orgs = ", ".join(f"({pac_index(k)}, {k})" for k in range(1, N_PACS + 1))
    return f"""
CREATE OR REPLACE TEMP TABLE synth_cmte AS
SELECT c, cmte_id(c) AS cmte_id,
       CASE WHEN c IN (0, 1) THEN 'FICTIONAL CONDUIT ' || c || ' (SYNTHETIC)'
            WHEN c = 2 THEN 'FICTIONAL INAUGURAL COMMITTEE (SYNTHETIC)'
            WHEN p.k IS NOT NULL THEN 'FICTIONAL PEER ORG ' || lpad(p.k::VARCHAR, 2, '0') || ' PAC (SYNTHETIC)'
            ELSE 'FICTIONAL COMMITTEE ' || c || ' (SYNTHETIC)' END AS name,
       CASE WHEN c IN (0, 1) THEN 'V' WHEN c = 2 THEN 'X' WHEN p.k IS NOT NULL THEN 'Q'
            ELSE {sql_list(types)}[{case_cum('u01(c, 1)', tw)}] END AS cmte_type,
       p.k AS org_k
FROM range({n_cmte}) t(c) LEFT JOIN (VALUES {orgs}) p(c2, k) ON p.c2 = c;

INSERT INTO committees
SELECT s.cmte_id, y.cycle, s.name, 'EXAMPLE-TREASURER, PERSON ' || s.c, s.c || ' EXAMPLE STREET (FICTIONAL)', NULL,
       {sql_list(CITIES)}[1 + h(s.c, 2) % {len(CITIES)}], {sql_list(STATES)}[1 + h(s.c, 3) % {len(STATES)}],
       lpad((h(s.c, 4) % 100000)::VARCHAR, 5, '0'),
       CASE WHEN s.cmte_type IN ('H', 'S', 'P') THEN CASE WHEN u01(s.c, 5) < 0.9 THEN 'P' ELSE 'A' END
            WHEN s.org_k IS NOT NULL THEN 'B' WHEN u01(s.c, 5) < 0.05 THEN 'J' WHEN u01(s.c, 5) < 0.1 THEN 'D' ELSE 'U' END,
       s.cmte_type,
       CASE WHEN s.cmte_type IN ('H', 'S', 'P', 'X', 'Y') THEN
                CASE WHEN u01(s.c, 6) < 0.47 THEN 'DEM' WHEN u01(s.c, 6) < 0.94 THEN 'REP'
                     WHEN u01(s.c, 6) < 0.97 THEN 'IND' ELSE 'LIB' END
            WHEN u01(s.c, 6) < 0.1 THEN 'DEM' WHEN u01(s.c, 6) < 0.2 THEN 'REP' END,
       CASE WHEN u01(s.c, 7) < 0.6 THEN 'Q' WHEN u01(s.c, 7) < 0.9 THEN 'M' ELSE 'T' END,
       CASE WHEN s.c = 2 THEN 'I' WHEN s.org_k IS NOT NULL THEN 'C' WHEN s.cmte_type IN ('Q', 'N') THEN
            {sql_list(['C', 'L', 'M', 'T', 'V', 'W'])}[1 + h(s.c, 8) % 6] END,
       CASE WHEN s.org_k IS NOT NULL THEN 'FICTIONAL PEER ORG ' || lpad(s.org_k::VARCHAR, 2, '0') || ' LLC'
            WHEN s.cmte_type IN ('Q', 'N') THEN 'EXAMPLE CONNECTED ORG ' || s.c || ' (FICTIONAL)' END,
       CASE WHEN s.cmte_type IN ('H', 'S', 'P') AND u01(s.c, 9) < 0.8 THEN s.cmte_type || '9' || lpad(s.c::VARCHAR, 7, '0') END,
       CASE y.cycle WHEN 2022 THEN 3 ELSE 4 END
FROM synth_cmte s, (VALUES (2022), (2024)) y(cycle)
WHERE y.cycle = 2022 OR u01(s.c, 10) < 0.9 OR s.c < 21;

INSERT INTO candidates
SELECT s.cmte_type || '9' || lpad(s.c::VARCHAR, 7, '0'), y.cycle,
       {sql_list(SURNAMES)}[1 + h(s.c, 11) % {len(SURNAMES)}] || '-CANDIDATE, PERSON ' || s.c,
       CASE WHEN u01(s.c, 6) < 0.47 THEN 'DEM' WHEN u01(s.c, 6) < 0.94 THEN 'REP' WHEN u01(s.c, 6) < 0.97 THEN 'IND' ELSE 'LIB' END,
       y.cycle, {sql_list(STATES)}[1 + h(s.c, 3) % {len(STATES)}], s.cmte_type,
       CASE s.cmte_type WHEN 'H' THEN lpad((1 + h(s.c, 12) % 20)::VARCHAR, 2, '0') ELSE '00' END,
       {sql_list(['I', 'C', 'O'])}[1 + h(s.c, 13) % 3], 'C', s.cmte_id, NULL, NULL, NULL, NULL, NULL,
       CASE y.cycle WHEN 2022 THEN 5 ELSE 6 END
FROM synth_cmte s, (VALUES (2022), (2024)) y(cycle)
WHERE s.cmte_type IN ('H', 'S', 'P');

INSERT INTO candidate_committee_links
SELECT 'L' || y.cycle || lpad(s.c::VARCHAR, 7, '0'), y.cycle, s.cmte_type || '9' || lpad(s.c::VARCHAR, 7, '0'),
       y.cycle, y.cycle, s.cmte_id, s.cmte_type, 'P', CASE y.cycle WHEN 2022 THEN 7 ELSE 8 END
FROM synth_cmte s, (VALUES (2022), (2024)) y(cycle)
WHERE s.cmte_type IN ('H', 'S', 'P')
UNION ALL  -- joint fundraisers linked to a candidate
SELECT 'J' || y.cycle || lpad(s.c::VARCHAR, 7, '0'), y.cycle, j.cmte_type || '9' || lpad(j.c::VARCHAR, 7, '0'),
       y.cycle, y.cycle, s.cmte_id, s.cmte_type, 'J', CASE y.cycle WHEN 2022 THEN 7 ELSE 8 END
FROM synth_cmte s JOIN synth_cmte j ON j.c = 21 + h(s.c, 14) % ({n_cmte} - 21) AND j.cmte_type IN ('H', 'S', 'P'),
     (VALUES (2022), (2024)) y(cycle)
WHERE s.cmte_type NOT IN ('H', 'S', 'P') AND s.c >= 21 AND u01(s.c, 15) < 0.05;
"""


def contributions_sql(n: int, start: int, end: int, org_share: float) -> str:
    """INSERT of contribution rows start..end-1 of n (one SELECT over range(); no Python row loop)."""
    ppl = people()
    n_people = len(ppl)
    exec_rate = EXEC_ROWS_PER_PERSON * n_people / n
    variants = [[org_employer(k), f"{org_employer(k)}, INC.", f"Fictional Peer Org {k:02d} LLC",
                 f"{org_employer(k)} CLOUD", f"FPO{k:02d} SYNTHETIC", f"{org_employer(k)} RESEARCH LABS"]
                for k in range(1, N_ORGS + 1)]
    var_sql = "[" + ", ".join(sql_list(v) for v in variants) + "]"
    split = int(n * CYCLE_SPLIT)
    # employer bands of a donor (by one uniform): empty, self-employed, retired, not employed, the organizations,
    # look-alikes (excluded / overridden / ambiguous), then the long fictional tail
    b = [0.09, 0.19, 0.36, 0.43]
    b_org = b[-1] + org_share
    b_look = b_org + org_share * 0.03
    return f"""
INSERT INTO contribution_rows BY NAME
WITH base AS (
    SELECT i, (i * 10) // 27 AS d, u01(i, 1) AS u_tp, u01(i, 2) AS u_memo, u01(i, 3) AS u_cm, u01(i, 4) AS u_dt,
           u01(i, 5) AS u_a1, u01(i, 6) AS u_a2, u01(i, 7) AS u_src, u01(i, 8) AS u_ent, u01(i, 9) AS u_pac,
           u01(i, 10) AS u_exec
    FROM range({start}, {end}) t(i)),
donor AS (
    SELECT *, u01(d, 101) AS d_emp, u01(d, 102) AS d_org, u01(d, 103) AS d_var, u01(d, 104) AS d_tail,
           (i * 10 // 27 * 27 + 9) // 10 AS first_i
    FROM base),
kinds AS (
    SELECT *,
           u_src < {EFILE_SHARE} AS efile,
           u_src < {EFILE_SHARE * 0.1} AS f13,
           u_exec < {exec_rate} AS is_exec,
           1 + h(i, 11) % {n_people} AS exec_n,
           CASE WHEN d_emp >= {b[-1]} AND d_emp < {b_org} THEN {case_cum('d_org', org_weights())} END AS org_k,
           CASE WHEN u_tp < 0.77 THEN '15' WHEN u_tp < 0.90 THEN '15E' WHEN u_tp < 0.966 THEN '22Y'
                WHEN u_tp < 0.972 THEN '10' WHEN u_tp < 0.9732 THEN '24T' WHEN u_tp < 0.9733 THEN '24I'
                WHEN u_tp < 0.9735 THEN '15C' ELSE '15' END AS tp
    FROM donor),
shaped AS (
    SELECT *,
           CASE WHEN is_exec THEN {sql_list([p['org_id'] for p in ppl])}[exec_n][11:]::INTEGER
                ELSE org_k END AS emp_org,
           CASE WHEN is_exec OR efile THEN 'IND' WHEN u_ent < 0.002 THEN 'ORG' ELSE 'IND' END AS entity,
           pick_cmte(u_cm) AS c_pick
    FROM kinds),
rows AS (
    SELECT *,
           CASE WHEN f13 THEN 2
                WHEN emp_org IS NOT NULL AND emp_org <= {N_PACS} AND u_pac < 0.10 THEN 2 + emp_org
                WHEN emp_org IS NOT NULL AND u_pac >= 0.10 AND u_pac < 0.105 THEN 2
                ELSE c_pick END AS recip_c,
           CASE WHEN efile THEN 2024 WHEN i < {split} THEN 2022 ELSE 2024 END AS cyc,
           CASE WHEN entity = 'ORG' AND u_ent < 0.0001 THEN 'FICTIONAL PEER ORG ' || lpad((1 + h(i, 12) % {N_ORGS})::VARCHAR, 2, '0') || ', INC.'
                WHEN entity = 'ORG' THEN 'EXAMPLE HOLDINGS ' || (h(i, 13) % 5000) || ' LLC (FICTIONAL)'
                WHEN is_exec THEN {sql_list([p['last'] + ', ' + p['first'] for p in ppl])}[exec_n]
                ELSE {sql_list(SURNAMES)}[1 + h(d, 105) % {len(SURNAMES)}] || ', PERSON ' || d END AS name,
           CASE WHEN is_exec AND {sql_list([p['state'] for p in ppl])}[exec_n] <> '' THEN {sql_list([p['city'] for p in ppl])}[exec_n]
                ELSE {sql_list(CITIES)}[1 + h(d, 106) % {len(CITIES)}] END AS cty,
           CASE WHEN is_exec AND {sql_list([p['state'] for p in ppl])}[exec_n] <> '' THEN {sql_list([p['state'] for p in ppl])}[exec_n]
                ELSE {sql_list(STATES)}[1 + h(d, 107) % {len(STATES)}] END AS st,
           CASE WHEN entity = 'ORG' THEN NULL
                WHEN is_exec THEN 'FICTIONAL PEER ORG ' || lpad(emp_org::VARCHAR, 2, '0')
                WHEN emp_org IS NOT NULL THEN {var_sql}[emp_org][1 + floor(d_var * 6)::INTEGER]
                WHEN d_emp < {b[0]} THEN NULL WHEN d_emp < {b[1]} THEN 'SELF-EMPLOYED'
                WHEN d_emp < {b[2]} THEN 'RETIRED' WHEN d_emp < {b[3]} THEN 'NOT EMPLOYED'
                WHEN d_emp < {b_look} THEN {sql_list(['FICTIONAL PEER ORG 01 VENTURES', 'FICTIONAL PEER ORG 04 VENTURES FUND',
                                                      'FPO SHARED SERVICES (SYNTHETIC)'])}[1 + floor(d_var * 3)::INTEGER]
                ELSE 'EXAMPLE ' || {sql_list(['WIDGETS', 'LABS', 'PARTNERS', 'HOLDINGS', 'SYSTEMS'])}[1 + h(d, 108) % 5]
                     || ' ' || floor({TAIL_EMPLOYERS} * pow(d_tail, 2.5))::BIGINT || ' LLC (FICTIONAL)' END AS emp,
           round(least(greatest(exp(3.9 + 1.3 * sqrt(-2 * ln(greatest(u_a1, 1e-12))) * cos(2 * pi() * u_a2)), 1), 10000)
                 * CASE WHEN entity = 'ORG' THEN 10 ELSE 1 END, CASE WHEN u_a1 * 7 % 1 < 0.75 THEN 0 ELSE 2 END) AS amt
    FROM shaped),
final AS (
    SELECT *,
           CASE WHEN efile THEN CASE WHEN f13 THEN CASE WHEN u_memo < 0.02 THEN 'F133' ELSE 'F132' END ELSE 'SA11AI' END END AS form,
           CASE WHEN efile THEN NULL ELSE tp END AS ttp,
           CASE WHEN efile AND NOT f13 AND u_memo < 0.48 THEN 'X' WHEN NOT efile AND u_memo < 0.003 THEN 'X' END AS memo,
           CASE WHEN efile THEN CASE WHEN f13 THEN 1700000 ELSE 1600000 + h(i, 14) % 20 END
                ELSE 202100000 + h(i, 15) % 900000 END AS fnum,
           CASE WHEN NOT efile AND tp = '15E' THEN (h(i, 16) % 2)::BIGINT END AS conduit_c
    FROM rows)
SELECT
    CASE WHEN efile THEN 'efile:' || fnum || ':' || form || '.' || i ELSE 'fec:' || ({SUB_BASE} + i) END AS contribution_id,
    CASE WHEN efile THEN 'fec_efile' ELSE 'fec_bulk' END AS source,
    CASE WHEN efile THEN 'efile:' || fnum ELSE 'indiv' || cyc END AS dataset,
    CASE WHEN f13 THEN 200 WHEN efile THEN 100 + fnum - 1600000 WHEN cyc = 2022 THEN 1 ELSE 2 END AS load_id,
    CASE WHEN f13 THEN 2026 ELSE cyc END AS cycle,
    cmte_id(CASE WHEN ttp IN ('24T', '24I') THEN conduit_c2 ELSE recip_c END) AS filer_cmte_id,
    cmte_id(recip_c) AS recipient_cmte_id,
    CASE WHEN ttp = '15E' THEN cmte_id(conduit_c) WHEN ttp IN ('24T', '24I') THEN cmte_id(conduit_c2) END AS conduit_cmte_id,
    form AS form_type, ttp AS transaction_tp, entity AS entity_tp, name AS contributor_name, cty AS city, st AS state,
    lpad((h(d, 109) % 100000)::VARCHAR, 5, '0') || CASE WHEN h(d, 110) % 10 < 4 THEN lpad((h(d, 111) % 10000)::VARCHAR, 4, '0') ELSE '' END AS zip_code,
    emp AS employer,
    CASE WHEN entity = 'ORG' THEN NULL WHEN emp IN ('RETIRED', 'NOT EMPLOYED') THEN emp
         ELSE {sql_list(OCCUPATIONS)}[1 + h(d, 112) % {len(OCCUPATIONS)}] END AS occupation,
    CASE WHEN f13 THEN DATE '2024-12-01' + (h(i, 17) % 60)::INTEGER
         WHEN cyc = 2022 THEN DATE '2021-01-01' + floor(u_dt * 730)::INTEGER
         ELSE DATE '2023-01-01' + floor(u_dt * 731)::INTEGER END AS transaction_dt,
    amt::DECIMAL(14, 2) AS amount,
    CASE WHEN efile THEN (amt * (1 + h(i, 18) % 4))::DECIMAL(14, 2) END AS aggregate_amount,
    memo AS memo_cd,
    CASE WHEN ttp = '15E' THEN 'EARMARKED THROUGH FICTIONAL CONDUIT (SYNTHETIC)'
         WHEN ttp IN ('24T', '24I') THEN 'EARMARKED CONTRIBUTION (SYNTHETIC)' END AS memo_text,
    CASE WHEN u_memo * 13 % 1 < 0.85 THEN 'N' ELSE 'A' END AS amndt_ind,
    {sql_list(RPT_TPS)}[1 + h(i, 19) % {len(RPT_TPS)}] AS rpt_tp,
    CASE WHEN h(i, 20) % 2 = 0 THEN 'P' ELSE 'G' END || cyc AS transaction_pgi,
    CASE WHEN efile THEN NULL ELSE (202100000000000000 + h(i, 21) % 3999999999999999)::VARCHAR END AS image_num,
    fnum AS file_num,
    CASE WHEN efile THEN form || '.' || i ELSE 'SA11AI.' || (h(i, 22) % 100000000) END AS tran_id,
    NULL AS back_ref_tran_id,
    CASE WHEN ttp = '15E' THEN cmte_id(conduit_c) WHEN ttp IN ('24T', '24I') THEN cmte_id(recip_c) END AS other_id,
    CASE WHEN efile THEN NULL ELSE ({SUB_BASE} + i)::VARCHAR END AS sub_id,
    contribution_count_rule(memo, ttp, form) AS count_rule,
    CASE WHEN efile THEN 100 + h(i, 23) % 5000 END AS line_no,
    NULL AS org_id, NULL AS org_match, NULL AS donor_id
FROM (SELECT *, (h(i, 24) % 2)::BIGINT AS conduit_c2 FROM final)
"""


# After resolve() (which clears donor_id and pins registry people): every other individual row gets its
# cluster's donor_id, 'd:' || the smallest contribution_id of the cluster, as etl/donors.py writes it.
DONOR_SQL = f"""
UPDATE contribution_rows SET donor_id = 'd:fec:' || ({SUB_BASE} + ((coalesce(TRY_CAST(sub_id AS BIGINT) - {SUB_BASE},
        TRY_CAST(split_part(tran_id, '.', 2) AS BIGINT))) * 10 // 27 * 27 + 9) // 10)
WHERE donor_id IS NULL AND (entity_tp = 'IND' OR entity_tp IS NULL)
"""


def transfers_sql(n: int) -> str:
    """oth and pas2 rows: the organizations' PACs giving 24K to candidate committees, and background rows."""
    pac_rows = max(50, n // 25_000)
    bg = max(1000, n // 25)
    pacs = ", ".join(str(pac_index(k)) for k in range(1, N_PACS + 1))
    return f"""
CREATE OR REPLACE TEMP TABLE synth_candidate_cmtes AS
SELECT row_number() OVER (ORDER BY c) - 1 AS j, c, cmte_id, cmte_type || '9' || lpad(c::VARCHAR, 7, '0') AS cand_id
FROM synth_cmte WHERE cmte_type IN ('H', 'S', 'P');
CREATE OR REPLACE TEMP TABLE synth_oth AS
WITH pac AS (
    SELECT 'pac' AS kind, p.c AS from_c, y.cycle, r.i
    FROM (SELECT unnest([{pacs}]) AS c) p, (VALUES (2022), (2024)) y(cycle), range({pac_rows}) r(i)),
bg AS (
    SELECT 'bg' AS kind, 21 + floor(({{n_cmte}} - 21) * pow(u01(i, 31), 2))::BIGINT AS from_c,
           CASE WHEN i < {bg} * 0.45 THEN 2022 ELSE 2024 END AS cycle, i
    FROM range({bg}) t(i)),
allrows AS (SELECT *, row_number() OVER () AS seq FROM (SELECT * FROM pac UNION ALL SELECT * FROM bg)),
picked AS (SELECT *, h(seq, 34) % (SELECT count(*) FROM synth_candidate_cmtes) AS to_j FROM allrows)
SELECT a.*, cmte_id(a.from_c) AS cmte_id,
       CASE WHEN kind = 'pac' THEN CASE WHEN u01(seq, 32) < 0.97 THEN '24K' ELSE '24Z' END
            ELSE {sql_list(['15J', '15J', '15J', '15J', '15J', '15J', '15J', '15J', '24K', '24K', '18K', '18G', '24G', '42', '24E', '20C'])}[1 + h(seq, 33) % 16] END AS tp,
       k.cmte_id AS to_cmte, k.cand_id AS to_cand, u01(seq, 35) < 0.02 AS memo
FROM picked a JOIN synth_candidate_cmtes k ON k.j = a.to_j;

CREATE OR REPLACE TEMP TABLE synth_oth_rows AS
SELECT 'oth' AS file_type, (4100000000000000000 + seq)::VARCHAR AS sub_id, 'oth' || cycle AS dataset,
       CASE cycle WHEN 2022 THEN 9 ELSE 10 END AS load_id, cycle, cmte_id, 'N' AS amndt_ind, 'Q2' AS rpt_tp,
       'P' || cycle AS transaction_pgi, (202100000000000000 + h(seq, 36) % 3999999999999999)::VARCHAR AS image_num,
       tp AS transaction_tp, CASE WHEN tp IN ('24K', '24Z', '15J', '18K', '42') THEN 'CCM' ELSE 'PAC' END AS entity_tp,
       'FICTIONAL COMMITTEE RECIPIENT ' || to_cmte || ' (SYNTHETIC)' AS name, 'EXAMPLEVILLE' AS city, 'CA' AS state,
       '99999' AS zip_code, NULL AS employer, NULL AS occupation,
       CASE cycle WHEN 2022 THEN DATE '2021-01-01' ELSE DATE '2023-01-01' END + (h(seq, 37) % 730)::INTEGER AS transaction_dt,
       (CASE WHEN kind = 'pac' THEN 1000 + 500 * (h(seq, 38) % 9) ELSE 100 + h(seq, 38) % 20000 END)::DECIMAL(14, 2) AS amount,
       to_cmte AS other_id, NULL AS cand_id, 'SB23.' || seq AS tran_id, 202100000 + h(seq, 39) % 900000 AS file_num,
       CASE WHEN memo THEN 'X' END AS memo_cd, NULL AS memo_text, to_cand
FROM synth_oth;
INSERT INTO committee_transaction_rows SELECT * EXCLUDE (to_cand) FROM synth_oth_rows;
INSERT INTO committee_transaction_rows  -- pas2: the contributions to candidates again, with CAND_ID
SELECT * EXCLUDE (to_cand) REPLACE ('pas2' AS file_type, 'pas2' || cycle AS dataset,
                                   CASE cycle WHEN 2022 THEN 11 ELSE 12 END AS load_id, to_cand AS cand_id)
FROM synth_oth_rows
WHERE transaction_tp IN ('24K', '24E', '24Z') AND hash(sub_id) % 10 < 6;
"""


def awards_sql(n_awards: int) -> str:
    """Award snapshots (about 10% of awards twice) and AI use cases naming the fictional products."""
    agencies = ["FICTIONAL DEPARTMENT OF EXAMPLES", "FICTIONAL DEPARTMENT OF SAMPLES", "FICTIONAL AGENCY FOR TESTING",
                "FICTIONAL DEPARTMENT OF PLACEHOLDERS", "FICTIONAL OFFICE OF MOCKS"]
    words = sql_list(WORDS)
    text = f"array_to_string(list_transform(range({{n}}), lambda x: {words}[1 + h(a, x * 1000 + {{s}}) % {len(WORDS)}]), ' ')"
    recipient = f"""CASE WHEN u01(a, 41) < 0.03 THEN 'FICTIONAL PEER ORG ' || lpad((1 + h(a, 42) % {N_ORGS})::VARCHAR, 2, '0') || ' LLC'
                        WHEN u01(a, 41) < 0.04 THEN 'FICTIONAL PEER ORG ' || lpad((1 + 3 * (h(a, 42) % 4))::VARCHAR, 2, '0') || ' PUBLIC SECTOR INC'
                        WHEN u01(a, 41) < 0.06 THEN 'EXAMPLE RESELLER INC (FICTIONAL)'
                        ELSE 'EXAMPLE CONTRACTOR ' || (h(a, 43) % 3000) || ' INC (FICTIONAL)' END"""
    return f"""
CREATE OR REPLACE TEMP TABLE synth_award AS
SELECT a, {recipient} AS recipient,
       {sql_list(agencies)}[1 + h(a, 44) % {len(agencies)}] AS agency,
       u01(a, 45) < 0.8 AS is_contract
FROM range({n_awards}) t(a);

INSERT INTO award_records BY NAME
SELECT CASE WHEN is_contract THEN 'CONT_AWD_' ELSE 'CONT_IDV_' END || 'SYNTH' || lpad(a::VARCHAR, 8, '0') || '_9700' AS award_key,
       'usaspending' AS award_key_kind, 'SYNTH' || lpad(a::VARCHAR, 8, '0') AS piid, NULL AS parent_piid,
       CASE WHEN is_contract THEN 'contract' ELSE 'idv' END AS award_category,
       CASE WHEN is_contract THEN 'DEFINITIVE CONTRACT' ELSE 'IDV_B' END AS award_type,
       CASE WHEN is_contract THEN 'D' ELSE 'IDV_B' END AS award_type_code,
       recipient AS recipient_name,
       CASE WHEN recipient LIKE '%PUBLIC SECTOR INC' THEN 'SYNTHUEI' || lpad(substr(recipient, 20, 2), 4, '0') END AS recipient_uei,
       recipient AS recipient_parent_name, NULL AS recipient_parent_uei,
       agency AS awarding_agency, agency || ' SUB-AGENCY ' || (h(a, 46) % 7) AS awarding_sub_agency,
       'FICTIONAL OFFICE ' || (h(a, 47) % 40) AS awarding_office, agency AS funding_agency, NULL AS funding_sub_agency,
       (1000 + h(a, 48) % 50000000 / (1 + snap))::DECIMAL(18, 2) AS obligated,
       (1000 + h(a, 48) % 50000000)::DECIMAL(18, 2) AS current_value,
       CASE WHEN u01(a, 49) < 0.8 THEN (2 * (1000 + h(a, 48) % 50000000))::DECIMAL(18, 2) END AS potential_value,
       NULL AS outlays,
       DATE '2018-01-01' + (h(a, 50) % 2500)::INTEGER AS start_date,
       DATE '2021-01-01' + (h(a, 50) % 2500)::INTEGER AS end_date, NULL AS potential_end_date,
       DATE '2025-01-01' + (h(a, 51) % 300)::INTEGER AS last_modified_date,
       upper('SYNTHETIC AWARD ' || a || ' ' || CASE WHEN recipient LIKE 'EXAMPLE RESELLER%' THEN 'LICENSES FOR SYNTHMODEL-'
             || lpad((1 + h(a, 52) % {N_ORGS})::VARCHAR, 2, '0') || ' ' ELSE '' END || {text.format(n=12, s=53)}) AS description,
       '541511' AS naics, 'CUSTOM COMPUTER PROGRAMMING SERVICES' AS naics_description, 'DA01' AS psc,
       'SYNTHETIC PSC' AS psc_description, 'usaspending' AS source, 'search_csv' AS source_format,
       TIMESTAMP '2025-06-01' + INTERVAL (snap * 30) DAY AS retrieved_at, 'file_mtime' AS retrieved_at_basis,
       'usaspending:synthetic' AS dataset, 13 + snap AS load_id, 'synthetic_awards_' || snap || '.csv' AS source_file,
       a + 2 AS source_row, NULL AS extra
FROM synth_award, (VALUES (0), (1)) s(snap)
WHERE snap = 0 OR u01(a, 54) < 0.1;

INSERT INTO ai_use_cases BY NAME
SELECT y.yr || ':FDOE' || (a % 5) || ':SYNTH-' || a AS use_case_key, 'ai_inventory:' || y.yr AS dataset,
       15 + (y.yr - 2023) AS load_id, y.yr AS inventory_year, 'individual' AS record_kind, 'omb' AS publisher,
       'FDOE' || (a % 5) AS agency, {sql_list(agencies)}[1 + a % 5] AS agency_name, 'FICTIONAL BUREAU ' || (h(a, 60) % 30) AS bureau,
       'SYNTH-' || a AS use_case_id, 'Synthetic use case ' || a || ' (fictional)' AS name,
       {sql_list(['planned', 'pre-deployment', 'pilot', 'deployed', 'retired', 'unknown'])}[1 + h(a, 61) % 6] AS stage,
       'synthetic' AS stage_raw, 'Synthetic topic ' || (h(a, 62) % 12) AS topic, 'Generative AI' AS classification,
       'not high-impact' AS impact, 'OMB M-25-21' AS impact_framework, 'synthetic' AS impact_raw,
       CASE WHEN u01(a, 63) < 0.15 THEN 'Fictional Peer Org ' || lpad((1 + h(a, 64) % {N_ORGS})::VARCHAR, 2, '0') END AS vendor_name,
       {text.format(n=60, s=65)} || CASE WHEN u01(a, 66) < 0.2 THEN ' uses SynthModel-' || lpad((1 + h(a, 67) % {N_ORGS})::VARCHAR, 2, '0') ELSE '' END AS problem,
       {text.format(n=50, s=68)} AS benefits, {text.format(n=40, s=69)} AS outputs,
       {text.format(n=40, s=70)} || CASE WHEN u01(a, 71) < 0.1 THEN ' fine-tuned SynthModel-' || lpad((1 + h(a, 72) % {N_ORGS})::VARCHAR, 2, '0') ELSE '' END AS data_description,
       'Vendor Purchased' AS contracting_usage, NULL AS piids, DATE '2024-01-01' + (h(a, 73) % 500)::INTEGER AS operational_date,
       NULL AS operational_date_raw, 'day' AS operational_date_precision, false AS is_withheld, 'No' AS is_withheld_raw,
       NULL AS cots_in_use, NULL AS cots_users, 'synthetic_inventory_' || y.yr || '.csv' AS source_file, a + 2 AS source_row,
       NULL AS source_url, NULL AS extra
FROM range({{n_uses}}) t(a), (VALUES (2024), (2025)) y(yr)
WHERE (a % 2 = 0) = (y.yr = 2025) OR a % 7 = 0;
"""


def load_log_sql() -> str:
    """One load_log row per synthetic file, with the counts of what was inserted."""
    return """
INSERT INTO load_log
SELECT load_id, source, file_type, dataset, cycle, 'bench/out/SYNTHETIC/' || dataset, NULL,
       'synthetic-' || load_id, 'loaded', n, n, 0, TIMESTAMP '2025-07-01 12:00:00', TIMESTAMP '2025-07-01 12:00:00' + INTERVAL (load_id) SECOND, 'SYNTHETIC',
       NULL, NULL
FROM (
    SELECT load_id, any_value(source) AS source, 'indiv' AS file_type, any_value(dataset) AS dataset, any_value(cycle) AS cycle, count(*) AS n
    FROM contributions WHERE source = 'fec_bulk' GROUP BY load_id
    UNION ALL SELECT load_id, 'fec_efile', 'efile', any_value(dataset), NULL, count(*) FROM contributions WHERE source = 'fec_efile' GROUP BY load_id
    UNION ALL SELECT load_id, 'fec_bulk', 'cm', 'cm' || any_value(cycle), any_value(cycle), count(*) FROM committees GROUP BY load_id
    UNION ALL SELECT load_id, 'fec_bulk', 'cn', 'cn' || any_value(cycle), any_value(cycle), count(*) FROM candidates GROUP BY load_id
    UNION ALL SELECT load_id, 'fec_bulk', 'ccl', 'ccl' || any_value(cycle), any_value(cycle), count(*) FROM candidate_committee_links GROUP BY load_id
    UNION ALL SELECT load_id, 'fec_bulk', any_value(file_type), any_value(dataset), any_value(cycle), count(*) FROM committee_transaction_rows GROUP BY load_id
    UNION ALL SELECT load_id, 'usaspending', 'search_csv', 'usaspending:synthetic:' || load_id, NULL, count(*) FROM award_records GROUP BY load_id
    UNION ALL SELECT load_id, 'ai_inventory', 'inventory', any_value(dataset), NULL, count(*) FROM ai_use_cases GROUP BY load_id)
"""


def filings_sql() -> str:
    """Cover pages of the synthetic e-filings (20 Schedule A filings and one Form 13 of the inaugural committee)."""
    return """
INSERT INTO filings
SELECT file_num, any_value(load_id), any_value(filer_cmte_id), 'FICTIONAL FILER (SYNTHETIC)',
       CASE WHEN file_num = 1700000 THEN 'F13N' ELSE 'F3XN' END, 'Q3', min(transaction_dt), max(transaction_dt), NULL,
       '8.4', 'SYNTHETIC', 'https://example.invalid/synthetic/' || file_num, NULL, NULL, NULL, NULL
FROM contributions WHERE source = 'fec_efile' GROUP BY file_num
"""


FILING_ITEMS_SQL = "INSERT INTO filing_items SELECT i.*, f.load_id FROM filing_items_live i JOIN filings f USING (file_num)"


def meta_path(db_file: Path) -> Path:
    """The JSON written beside a finished warehouse (rows, version, build figures)."""
    return db_file.with_name(db_file.name + ".json")


def schema_sha() -> str:
    """SHA-256 of the warehouse schema as it is now: a warehouse built with another schema is not reused."""
    import hashlib

    from etl import warehouse
    return hashlib.sha256(warehouse.schema_sql().encode()).hexdigest()


def existing(db_file: Path, rows: int) -> dict | None:
    """The build figures of a finished warehouse of this size, generator version and schema, else None."""
    meta = meta_path(db_file)
    if not (db_file.exists() and meta.exists()):
        return None
    info = json.loads(meta.read_text())
    if info.get("rows") != rows or info.get("version") != GENERATOR_VERSION or info.get("schema_sha256") != schema_sha():
        return None
    import duckdb
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM contributions").fetchall()[0][0]
    finally:
        con.close()
    return info if n == rows else None


def build(rows: int, db_file: Path, org_share: float = 0.02, n_cmte: int | None = None, log=print) -> dict:
    """Generate the warehouse into db_file (written beside it, then renamed); return build figures."""
    from etl import entities, explorer_index, search, warehouse

    n_cmte = n_cmte or max(200, min(5000, rows // 10_000))
    db_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_file.with_name(db_file.name + ".building")
    for p in (tmp, Path(str(tmp) + ".wal"), db_file, Path(str(db_file) + ".wal"), meta_path(db_file)):
        p.unlink(missing_ok=True)
    registry = db_file.parent / "registry_SYNTHETIC"
    steps: dict[str, float] = {}
    t_all = time.perf_counter()

    def step(name: str, fn) -> None:
        t = time.perf_counter()
        fn()
        steps[name] = round(time.perf_counter() - t, 2)
        log(f"  {name:<34} {steps[name]:8.1f} s")

    con = warehouse.connect(tmp)  # applies the schema: every table, view and macro
    setup_macros(con, n_cmte)
    step("registry folder (synthetic)", lambda: write_registry(registry, lambda c: f"C9{c:07d}"))
    step("committees, candidates, links", lambda: con.execute(committees_sql(n_cmte)))

    def gen() -> None:
        for start in range(0, rows, CHUNK):
            end = min(rows, start + CHUNK)
            t = time.perf_counter()
            con.execute(contributions_sql(rows, start, end, org_share))
            log(f"    contributions {end:>12,} / {rows:,}  ({time.perf_counter() - t:.1f} s)")
    step("contributions (SQL from range())", gen)
    step("filings", lambda: con.execute(filings_sql()))
    step("filing_items (as the e-filing loader keeps them)", lambda: con.execute(FILING_ITEMS_SQL))
    step("transfers (oth, pas2)", lambda: con.execute(transfers_sql(rows).replace("{n_cmte}", str(n_cmte))))
    n_awards = max(2000, min(20_000, rows // 2500))
    step("awards, AI use cases", lambda: con.execute(awards_sql(n_awards).replace("{n_uses}", str(n_awards // 3))))
    step("load_log", lambda: con.execute(load_log_sql()))
    resolved: dict = {}
    step("entities.resolve (real, synthetic registry)", lambda: resolved.update(entities.resolve(con, registry)))
    step("donor_id clusters (SQL)", lambda: con.execute(DONOR_SQL))
    if hasattr(entities, "refresh_org_money"):  # as etl/build.py does after donor clustering
        step("entities.refresh_org_money (real)", lambda: entities.refresh_org_money(con))
    if hasattr(entities, "refresh_committees"):  # as etl/build.py does next
        step("entities.refresh_committees (real)", lambda: entities.refresh_committees(con))
    step("search.rebuild_index (real)", lambda: search.rebuild_index(con))
    step("explorer_index.create (real)", lambda: explorer_index.create(con))  # as etl/build.py ends

    def close() -> None:
        con.execute("CHECKPOINT")
        con.close()
    step("checkpoint + close", close)
    tmp.replace(db_file)
    info = {"rows": rows, "version": GENERATOR_VERSION, "schema_sha256": schema_sha(), "org_share": org_share, "committees": n_cmte,
            "build_seconds": round(time.perf_counter() - t_all, 1), "steps": steps,
            "attributed_rows": resolved.get("attributed_rows"), "pinned_rows": resolved.get("pinned_rows"),
            "size_bytes": db_file.stat().st_size,
            "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    meta_path(db_file).write_text(json.dumps(info, indent=1))
    return info


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=50_000_000)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--org-share", type=float, default=0.02, help="share of donors employed by the 12 peer organizations")
    args = ap.parse_args()
    out = args.out or OUT / f"rows_{args.rows}" / "warehouse.duckdb"
    print(f"building a SYNTHETIC warehouse of {args.rows:,} fictional contributions -> {out}")
    info = build(args.rows, out, args.org_share)
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
