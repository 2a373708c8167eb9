"""The demo's FEC side: SYNTHETIC bulk zips (cm, cn, ccl, indiv, oth, pas2) and one Form 13 filing.

Every person, company and committee here is fictional: committee IDs C999xxxxx, candidate IDs
H9XX99nnn / S9XX99nnn, names marked (SYNTHETIC) or obviously made up (TESTPERSON, ALICE), places
such as EXAMPLEVILLE with unassigned ZIP codes 0000n. The files have the FEC's exact shapes (the
column counts of fec_bulk.SPECS, FEC's zip member names, MMDDYYYY dates, 0x1C-separated .fec lines),
so the real loaders read them. One fixed seed makes every byte the same on every run.
"""

from __future__ import annotations

import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

from etl.sources.fec_bulk.specs import SPECS

SEED = 2026
YY = "26"  # one cycle: 2025-2026
FILING = 99900001  # the Form 13 filing number (real filing numbers are seven digits)
PLACES = {"EXAMPLEVILLE": ("CA", "00001"), "SAMPLE CITY": ("NY", "00002"), "FICTIONBURG": ("TX", "00003"),
          "DEMOTOWN": ("WA", "00004"), "PLACEHOLDER PARK": ("IL", "00005"), "MOCK HEIGHTS": ("VA", "00006")}

# cmte_id, name, type, designation, party, org type, connected organization, candidate
COMMITTEES = [
    ("C99900101", "EXAMPLAR AI PAC (SYNTHETIC)", "Q", "B", "", "C", "EXAMPLAR AI INC (SYNTHETIC)", ""),
    ("C99900102", "FICTITIA LABS PAC (SYNTHETIC)", "Q", "B", "", "C", "FICTITIA LABS LLC (SYNTHETIC)", ""),
    ("C99900201", "TESTCANDIDATE FOR CONGRESS (SYNTHETIC)", "H", "P", "DEM", "", "", "H9XX99001"),
    ("C99900202", "PRETENDSON FOR SENATE (SYNTHETIC)", "S", "P", "REP", "", "", "S9XX99002"),
    ("C99900203", "NOTAREAL FOR CONGRESS (SYNTHETIC)", "H", "P", "REP", "", "", "H9XX99003"),
    ("C99900204", "MADEUP FOR CONGRESS (SYNTHETIC)", "H", "P", "DEM", "", "", "H9XX99004"),
    ("C99900301", "AMERICANS FOR EXAMPLES (SYNTHETIC)", "O", "U", "", "", "", ""),
    ("C99900302", "FUTURE OF FICTION FUND (SYNTHETIC)", "V", "U", "", "", "", ""),
    ("C99900401", "EXAMPLE CONDUIT (SYNTHETIC)", "N", "U", "", "", "", ""),
    ("C99900501", "EXAMPLE INAUGURAL COMMITTEE 2025 (SYNTHETIC)", "X", "U", "", "I", "", ""),
]
NAME = {c[0]: c[1] for c in COMMITTEES}
# cand_id, name, party, office, district, committee
CANDIDATES = [("H9XX99001", "TESTCANDIDATE, ERIN (SYNTHETIC)", "DEM", "H", "01", "C99900201"),
              ("S9XX99002", "PRETENDSON, FRANK (SYNTHETIC)", "REP", "S", "00", "C99900202"),
              ("H9XX99003", "NOTAREAL, GRACE (SYNTHETIC)", "REP", "H", "03", "C99900203"),
              ("H9XX99004", "MADEUP, HEIDI (SYNTHETIC)", "DEM", "H", "04", "C99900204")]
CAMPAIGNS = [c[5] for c in CANDIDATES]
CAND_OF = {c[5]: c[0] for c in CANDIDATES}
CONDUIT, SUPER_PAC, HYBRID_PAC = "C99900401", "C99900301", "C99900302"
OWN_PAC = {"examplar": "C99900101", "fictitia": "C99900102"}

# Background donors: every LAST, FIRST pair of these, less the story people below.
LAST = ["EXAMPLESON", "SAMPLEMAN", "DEMOPERSON", "PLACEHOLDER", "FICTIONALSON", "MOCKINGTON", "DUMMYFIELD",
        "SAMPLEDOTTIR", "TESTWORTH", "LOREMIPSUM"]
FIRST = ["ALICE", "BOB", "CAROL", "DAVE", "ERIN", "FRANK", "GRACE", "HEIDI", "IVAN", "JUDY", "MALLORY", "OSCAR"]
STORY_PEOPLE = {"FICTIONALSON, DAVE", "TESTWORTH, MALLORY"}
# employer as filed, its organization (None: not a registry organization), weight
EMPLOYERS = [("EXAMPLAR AI INC", "examplar", 6), ("EXAMPLAR AI", "examplar", 5), ("EXAMPLAR", "examplar", 2),
             ("FICTITIA LABS", "fictitia", 5), ("FICTITIA LABS LLC", "fictitia", 4),
             ("IMAGINARY INTELLIGENCE CORP", "imaginary", 6), ("IMAGINARY INTELLIGENCE", "imaginary", 3),
             ("HYPOTHETICA INC", "hypothetica", 4),
             ("EXAMPLAR PLUMBING", None, 3), ("EXAMPLAR AI SAFETY INSTITUTE", None, 2),
             ("IMAGINARY FRIENDS DAYCARE", None, 2), ("SAMPLE HOSPITAL", None, 4), ("EXAMPLE SCHOOL DISTRICT", None, 4),
             ("DEMO COUNTY GOVERNMENT", None, 3), ("SELF-EMPLOYED", None, 4), ("RETIRED", None, 6), ("NOT EMPLOYED", None, 2)]
JOBS = {"examplar": ["SOFTWARE ENGINEER", "RESEARCH SCIENTIST", "PRODUCT MANAGER"],
        "fictitia": ["SOFTWARE ENGINEER", "DATA SCIENTIST"], "imaginary": ["ENGINEER", "SALES DIRECTOR"],
        "hypothetica": ["ANALYST"], None: ["CONSULTANT", "NURSE", "TEACHER", "PLUMBER", "ADMINISTRATOR"]}
AMOUNTS = [25, 50, 100, 250, 500, 1000, 2000, 3300]


class Lines:
    """Rows of one bulk file with FEC's serial fields (SUB_ID, TRAN_ID, image and filing numbers) filled in."""

    def __init__(self, sub_base: int) -> None:
        self.rows: list[list[str]] = []
        self.sub_base = sub_base

    def add(self, cmte: str, tp: str, entity: str, name: str, place: tuple[str, str, str], employer: str,
            occupation: str, day: date, amount: int, other_id: str = "", memo: str = "", memo_text: str = "") -> str:
        """Append one transaction (TXN_COLS order); returns its SUB_ID."""
        n = len(self.rows) + 1
        quarter = (day.month - 1) // 3 + 1
        report = "YE" if (day.year, quarter) == (2025, 4) else f"Q{quarter}"
        file_num = 9990000 + int(cmte[-3:]) * 100 + (day.year - 2025) * 10 + quarter
        sub_id = str(self.sub_base + n)
        self.rows.append([cmte, "N", report, "P", f"{day:%Y%m%d}99{n:08d}", tp, entity, name, *place, employer,
                          occupation, f"{day:%m%d%Y}", str(amount), other_id, f"DEMO{n:06d}", str(file_num), memo,
                          memo_text, sub_id])
        return sub_id


def _place(city: str) -> tuple[str, str, str]:
    return (city, *PLACES[city])


def _story(ind: Lines) -> None:
    """The hand-written rows: executives, a spouse, namesakes, company treasuries, a refund, a memo."""
    alice, bob = _place("EXAMPLEVILLE"), _place("EXAMPLEVILLE")
    ind.add("C99900201", "15", "IND", "TESTPERSON, ALICE", alice, "EXAMPLAR AI INC", "CHIEF EXECUTIVE OFFICER",
            date(2025, 3, 14), 3300)
    ind.add("C99900204", "15", "IND", "TESTPERSON, ALICE", alice, "EXAMPLAR AI INC", "CHIEF EXECUTIVE OFFICER",
            date(2025, 5, 2), 3300)
    ind.add(SUPER_PAC, "10", "IND", "TESTPERSON, ALICE", alice, "EXAMPLAR AI INC", "CEO", date(2025, 9, 30), 250000)
    ind.add("C99900101", "15", "IND", "TESTPERSON, ALICE", alice, "EXAMPLAR AI INC", "CEO", date(2025, 2, 1), 5000)
    ind.add("C99900202", "15", "IND", "TESTPERSON, BOB", bob, "HOMEMAKER", "HOMEMAKER", date(2025, 3, 14), 3300)
    ind.add(HYBRID_PAC, "10", "IND", "TESTPERSON, ROBERT", bob, "NOT EMPLOYED", "NOT EMPLOYED", date(2025, 10, 6), 50000)
    namesake = _place("FICTIONBURG")  # another Alice Testperson: same name, other place, not Examplar's CEO
    ind.add("C99900203", "15", "IND", "TESTPERSON, ALICE", namesake, "SAMPLE HOSPITAL", "NURSE", date(2025, 4, 20), 250)
    ind.add("C99900203", "15", "IND", "TESTPERSON, ALICE", namesake, "SAMPLE HOSPITAL", "NURSE", date(2026, 2, 11), 100)
    dave = _place("DEMOTOWN")
    ind.add("C99900202", "15", "IND", "FICTIONALSON, DAVE", dave, "FICTITIA LABS", "CHIEF TECHNOLOGY OFFICER",
            date(2025, 6, 3), 3300)
    ind.add(SUPER_PAC, "10", "IND", "FICTIONALSON, DAVE", dave, "FICTITIA LABS", "CTO", date(2025, 11, 12), 100000)
    ind.add("C99900204", "15", "IND", "FICTIONALSON, DAVE", _place("MOCK HEIGHTS"), "EXAMPLE SCHOOL DISTRICT", "TEACHER",
            date(2025, 8, 8), 50)  # a namesake: the registry has no home place for Dave, so only his employer pins him
    hq = _place("SAMPLE CITY")
    ind.add(SUPER_PAC, "10", "ORG", "EXAMPLAR AI INC", hq, "", "", date(2025, 10, 1), 500000)
    ind.add(HYBRID_PAC, "10", "ORG", "FICTITIA LABS LLC", _place("DEMOTOWN"), "", "", date(2025, 10, 15), 150000)
    ind.add(HYBRID_PAC, "10", "ORG", "HYPOTHETICA INC", _place("PLACEHOLDER PARK"), "", "", date(2026, 1, 20), 200000)
    mallory = _place("MOCK HEIGHTS")
    ind.add("C99900203", "15", "IND", "TESTWORTH, MALLORY", mallory, "IMAGINARY INTELLIGENCE CORP", "ENGINEER",
            date(2025, 7, 1), 3300)
    ind.add("C99900203", "22Y", "IND", "TESTWORTH, MALLORY", mallory, "IMAGINARY INTELLIGENCE CORP", "ENGINEER",
            date(2025, 7, 20), 300, memo_text="REFUND OF EXCESSIVE CONTRIBUTION (SYNTHETIC)")
    ind.add("C99900201", "15", "IND", "TESTWORTH, MALLORY", mallory, "IMAGINARY INTELLIGENCE CORP", "ENGINEER",
            date(2025, 7, 1), 1000, memo="X", memo_text="ATTRIBUTION OF A JOINT CONTRIBUTION, SEE ABOVE (SYNTHETIC)")


def _background(ind: Lines, rng: random.Random) -> None:
    """Ordinary donors: each gives a few times to campaigns, the super PAC, the hybrid PAC or their employer's PAC.
    Gifts to the Democratic campaigns often go through the conduit: 15E at the campaign (counted), the conduit's
    24T copy and its memo line (both kept, neither counted)."""
    start = date(2025, 1, 6)
    weights = [w for _, _, w in EMPLOYERS]
    for last in LAST:
        for first in FIRST:
            name = f"{last}, {first}"
            if name in STORY_PEOPLE:
                continue
            employer, org, _ = rng.choices(EMPLOYERS, weights)[0]
            job = rng.choice(JOBS[org])
            place = _place(rng.choice(sorted(PLACES)))
            for _ in range(rng.randint(1, 12)):
                day = start + timedelta(days=rng.randrange(540))
                pick = rng.random()
                if org in OWN_PAC and pick < 0.25:
                    ind.add(OWN_PAC[org], "15", "IND", name, place, employer, job, day, rng.choice(AMOUNTS[2:6]))
                elif pick < 0.33:
                    ind.add(rng.choice([SUPER_PAC, HYBRID_PAC]), "10", "IND", name, place, employer, job, day,
                            rng.choice([1000, 5000, 10000, 25000]))
                else:
                    cmte, amount = rng.choice(CAMPAIGNS), rng.choice(AMOUNTS)
                    if cmte in ("C99900201", "C99900204") and rng.random() < 0.4:  # the Democratic campaigns
                        ind.add(cmte, "15E", "IND", name, place, employer, job, day, amount, other_id=CONDUIT)
                        ind.add(CONDUIT, "24T", "IND", name, place, employer, job, day, amount, other_id=cmte)
                        ind.add(CONDUIT, "15", "IND", name, place, employer, job, day, amount, memo="X",
                                memo_text=f"EARMARKED FOR {NAME[cmte]}")
                    else:
                        ind.add(cmte, "15", "IND", name, place, employer, job, day, amount)


def _committee_rows() -> tuple[Lines, Lines]:
    """oth and pas2: the corporate PACs' contributions to campaigns (24K, one of them a memo) and a super PAC's
    independent expenditure (24E); pas2 holds the same rows (same SUB_ID) with the candidate."""
    oth, pas2 = Lines(9992000000000000000), Lines(0)
    gifts = [("C99900101", "C99900201", date(2025, 4, 2), 5000, ""), ("C99900101", "C99900203", date(2025, 6, 9), 5000, ""),
             ("C99900101", "C99900202", date(2025, 9, 15), 2500, ""), ("C99900101", "C99900204", date(2026, 3, 3), 1000, ""),
             ("C99900101", "C99900204", date(2026, 3, 3), 1000, "X"),
             ("C99900102", "C99900202", date(2025, 5, 5), 5000, ""), ("C99900102", "C99900204", date(2025, 11, 1), 2500, ""),
             ("C99900102", "C99900201", date(2026, 2, 2), 1000, "")]
    for pac, to, day, amount, memo in gifts:
        sub = oth.add(pac, "24K", "CCM", NAME[to], _place("SAMPLE CITY"), "", "", day, amount, other_id=to, memo=memo,
                      memo_text="MEMO: SHARE REPORTED BY THE JOINT FUNDRAISER (SYNTHETIC)" if memo else "")
        pas2.rows.append([*oth.rows[-1][:16], CAND_OF[to], *oth.rows[-1][16:20], sub])
    sub = oth.add(SUPER_PAC, "24E", "ORG", "EXAMPLE MEDIA BUYING LLC (SYNTHETIC)", _place("DEMOTOWN"), "", "",
                  date(2026, 5, 1), 150000, other_id="H9XX99001", memo_text="TV AD SUPPORTING TESTCANDIDATE (SYNTHETIC)")
    pas2.rows.append([*oth.rows[-1][:16], "H9XX99001", *oth.rows[-1][16:20], sub])
    return oth, pas2


def _masters() -> dict[str, list[list[str]]]:
    cm = [[cid, name, "TREASURER, EXAMPLE (SYNTHETIC)", f"{i} EXAMPLE WAY", "", "SAMPLE CITY", "NY", "00002", dsgn, tp,
           party, "Q", org_tp, connected, cand] for i, (cid, name, tp, dsgn, party, org_tp, connected, cand)
          in enumerate(COMMITTEES, 1)]
    cn = [[cid, name, party, "2026", "XX", office, district, "O", "C", cmte, "1 CANDIDATE WAY", "", "SAMPLE CITY", "NY",
           "00002"] for cid, name, party, office, district, cmte in CANDIDATES]
    ccl = [[cid, "2026", "2026", cmte, office, "P", str(999001 + i)] for i, (cid, _, _, office, _, cmte) in enumerate(CANDIDATES)]
    return {"cm": cm, "cn": cn, "ccl": ccl}


def write_zip(path: Path, member: str, text: str) -> None:
    """A zip with one member, byte-identical on every run (fixed time stamp and attributes)."""
    info = zipfile.ZipInfo(member, date_time=(2026, 7, 1, 0, 0, 0))
    info.compress_type, info.external_attr, info.create_system = zipfile.ZIP_DEFLATED, 0o644 << 16, 3
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(info, text.encode("utf-8"))


def _text(rows: list[list[str]], width: int) -> str:
    assert all(len(r) == width for r in rows), "a row does not have the FEC's column count"
    return "".join("|".join(r) + "\n" for r in rows)


# A line with one field missing: the loader rejects it and keeps it in load_errors with its reason.
MALFORMED = ("C99900201|N|Q2|P|20250501990000000|15|IND|MALFORMED, EXAMPLE LINE (SYNTHETIC)|SAMPLE CITY|NY|00002|"
             "SAMPLE HOSPITAL|NURSE|05012025|100|DEMO999999|9992010|||9991000000009999999")


def write_fec(folder: Path) -> dict[str, int]:
    """Write cm26.zip ... pas226.zip and the Form 13 filing into folder; returns lines per file."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    ind = Lines(9991000000000000000)
    _story(ind)
    _background(ind, rng)
    oth, pas2 = _committee_rows()
    files = {**_masters(), "indiv": ind.rows, "oth": oth.rows, "pas2": pas2.rows}
    counts = {}
    for kind, rows in files.items():
        spec = SPECS[kind]
        text = _text(rows, len(spec.columns))
        if kind == "indiv":
            text += MALFORMED + "\n"
        write_zip(folder / f"{kind}{YY}.zip", spec.member, text)
        counts[f"{kind}{YY}.zip"] = text.count("\n")
    efile = folder / f"{FILING}.fec"
    efile.write_bytes(form13().encode("utf-8"))
    counts[efile.name] = form13().count("\n") - 2  # Schedule 13-A lines (not HDR and the cover page)
    return counts


def form13() -> str:
    """An inaugural committee's Form 13 (FEC format 8.3): donations (F132) from an executive, company treasuries
    and a private person, a memo line, and a refund (F133)."""
    filer = "C99900501"
    hq = ["1 EXAMPLE WAY", "", "SAMPLE CITY", "NY", "00002"]

    def donor(tran, entity, org, last, first, where, day, amount, memo="", memo_text="", back=("", "")):
        return ["F132", filer, tran, *back, entity, org, last, first, "", "", "", *where, day, amount, amount, memo, memo_text]

    alice = ["10 EXAMPLE LANE", "", "EXAMPLEVILLE", "CA", "00001"]
    grace = ["7 SAMPLE STREET", "", "FICTIONBURG", "TX", "00003"]  # GENERICSON is in no other file
    lines = [
        ["HDR", "FEC", "8.3", "moneytrail demo (SYNTHETIC)", "1.0", "", ""],
        ["F13N", filer, NAME[filer], "", *hq, "Q1", "", "20250101", "20250331", "2775000.00", "5000.00", "2770000.00",
         "TREASURER", "EXAMPLE", "", "", "", "20250415"],
        donor("D001", "IND", "", "TESTPERSON", "ALICE", alice, "20250110", "1000000.00"),
        donor("D002", "ORG", "EXAMPLAR AI INC", "", "", hq, "20250111", "1000000.00"),
        donor("D003", "ORG", "FICTITIA LABS LLC", "", "", ["2 DEMO ROAD", "", "DEMOTOWN", "WA", "00004"], "20250112",
              "500000.00"),
        donor("D004", "ORG", "FICTITIA LABS LLC", "", "", ["2 DEMO ROAD", "", "DEMOTOWN", "WA", "00004"], "20250112",
              "500000.00", "X", "MEMO: PAID BY WIRE, SEE D003 (SYNTHETIC)", ("D003", "F132")),
        donor("D005", "IND", "", "GENERICSON", "GRACE", grace, "20250113", "25000.00"),
        donor("D006", "ORG", "HYPOTHETICA INC", "", "", ["3 MOCK AVENUE", "", "PLACEHOLDER PARK", "IL", "00005"],
              "20250120", "250000.00"),
        ["F133", filer, "R001", "", "", "IND", "", "GENERICSON", "GRACE", "", "", "", *grace, "20250301", "5000.00", "", ""],
    ]
    return "".join("\x1c".join(line) + "\n" for line in lines)
