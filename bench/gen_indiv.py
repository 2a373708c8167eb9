"""Generate a SYNTHETIC, FEC-shaped individual-contributions bulk file (indivYY.zip -> itcont.txt).

Every value is made up: contributor names, employers, cities, committee IDs (C9xxxxxxx) and
amounts are fictional and random; no real person or record appears. The only point is the
*shape* of FEC's bulk file (pipe-delimited, no header, no quoting, LF line ends, 21 fields,
MMDDYYYY dates) and a realistic mix of values and malformed lines, for load benchmarks.

About 2% of lines are malformed on purpose: wrong field count (too few / too many), bad date,
bad amount and non-UTF-8 bytes.

Usage: uv run python bench/gen_indiv.py --rows 5000000 --out bench/out/indiv20.zip [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
import zipfile
from pathlib import Path

import numpy as np

CHUNK = 250_000
MALFORMED_SHARE = 0.02
BAD_BYTE_MARK = "\x01"  # replaced by b"\xc9" (a lone Latin-1 byte: invalid UTF-8) after encoding

SURNAMES = ["EXAMPLESON", "FICTIONA", "TESTWORTH", "SAMPLEBERG", "MOCKINGTON", "PLACEHOLDA", "DUMMERSBY",
            "FAKENHAM", "STUBBLETON", "NOTAREALNAME", "INVENTADO", "PSEUDONYMA", "MADEUPSKI", "FIXTUREMAN",
            "SYNTHETICO", "LOREMIPSKY", "IMAGINARIO", "TESTOVA", "FABLEWORTH", "QUUXLEY", "FOOBARSEN",
            "BAZZINGTON", "WIDGETSON", "PRETENDERS", "FAUXMONT"]
FIRSTS = ["ALEX", "JORDAN", "TAYLOR", "CASEY", "MORGAN", "RILEY", "JAMIE", "AVERY", "QUINN", "ROWAN",
          "SAGE", "PAT", "ROBIN", "DANA", "KERRY", "LEE", "SKYLER", "DREW", "REESE", "BLAKE", "CAMERON",
          "EMERSON", "FINLEY", "HARPER", "KENDALL", "LOGAN", "MARLOWE", "PEYTON", "SHAWN", "TRACY"]
NICKS = ["BUD", "SKIP", "DOC", "ACE", "SUNNY", "CHIP", "BIFF", "TEX"]
CITY_PARTS_A = ["EXAMPLE", "FICTION", "TEST", "SAMPLE", "MOCK", "PLACEHOLDER", "DUMMY", "STUB", "FAUX", "LOREM"]
CITY_PARTS_B = ["VILLE", "TOWN", " CITY", " SPRINGS", " FALLS", "BURG", " HEIGHTS", " PARK", "FORD", " LAKE"]
STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
          "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
TOP_EMPLOYERS = ["ACME WIDGETS (FICTIONAL)", "EXAMPLE LABS LLC", "FICTIONAL UNIVERSITY", "TESTWORTH HOSPITAL (FICTIONAL)",
                 "SAMPLE STATE GOVERNMENT (FICTIONAL)", "MOCK MOTORS INC (FICTIONAL)"]
OCCUPATIONS = ["RETIRED", "NOT EMPLOYED", "ENGINEER", "TEACHER", "ATTORNEY", "PHYSICIAN", "CONSULTANT",
               "SOFTWARE ENGINEER", "MANAGER", "NURSE", "SALES", "WRITER", "PROFESSOR", "OWNER", "CEO",
               "ACCOUNTANT", "ARTIST", "STUDENT", "HOMEMAKER", "INFORMATION REQUESTED"]
RPT_TPS = ["Q1", "Q2", "Q3", "YE", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12",
           "12G", "30G", "12P", "PRE"]
PGIS = ["P2020", "G2020", "P", "G", "O2020", ""]


def _pool(values: list[str]) -> np.ndarray:
    """An object array of strings, for fast fancy indexing."""
    return np.array(values, dtype=object)


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    """A pool of fictional 'SURNAME, FIRST [M.] ["NICK"]' names."""
    out = []
    for _ in range(n):
        name = f"{rng.choice(SURNAMES)}, {rng.choice(FIRSTS)}"
        r = rng.random()
        if r < 0.35:
            name += f" {chr(65 + int(rng.integers(26)))}."
        elif r < 0.40:
            name += f' "{rng.choice(NICKS)}"'
        out.append(name)
    return _pool(out)


def _employers(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Employer pool and its skewed probabilities: ~9% empty, a few common ones, a long tail."""
    tail = [f"{rng.choice(CITY_PARTS_A)} {rng.choice(['WIDGETS', 'LABS', 'PARTNERS', 'HOLDINGS', 'SYSTEMS'])} "
            f"{i} {rng.choice(['LLC', 'INC', 'CO', 'GROUP'])} (FICTIONAL)" for i in range(20_000)]
    head = ["", "SELF-EMPLOYED", "RETIRED", "NOT EMPLOYED", *TOP_EMPLOYERS]
    head_p = [0.09, 0.10, 0.17, 0.07, 0.04, 0.03, 0.02, 0.015, 0.01, 0.01]
    tail_w = 1.0 / np.arange(1, len(tail) + 1) ** 0.8
    tail_p = tail_w / tail_w.sum() * (1.0 - sum(head_p))
    return _pool(head + tail), np.concatenate([head_p, tail_p])


def _chunk_lines(rng: np.random.Generator, start: int, n: int, pools: dict) -> tuple[bytes, int]:
    """n lines of itcont.txt as bytes (LF-terminated) and how many of them are malformed."""
    cmte = pools["cmte"][np.minimum(rng.zipf(1.3, n) - 1, len(pools["cmte"]) - 1)]
    amndt = rng.choice(_pool(["N", "A", "T"]), n, p=[0.85, 0.14, 0.01])
    rpt = pools["rpt"][rng.integers(0, len(pools["rpt"]), n)]
    pgi = rng.choice(pools["pgi"], n, p=[0.45, 0.35, 0.08, 0.06, 0.01, 0.05])
    image = rng.integers(201_900_000_000_000_000, 202_099_999_999_999_999, n).astype(str).astype(object)
    tp_i = rng.choice(5, n, p=[0.75, 0.13, 0.07, 0.03, 0.02])  # 15, 15E, 22Y, 10, 24T
    tp = _pool(["15", "15E", "22Y", "10", "24T"])[tp_i]
    entity = np.where(tp_i == 3, rng.choice(_pool(["ORG", "IND"]), n, p=[0.3, 0.7]), "IND").astype(object)
    name = pools["names"][rng.integers(0, len(pools["names"]), n)]
    city = pools["cities"][rng.integers(0, len(pools["cities"]), n)]
    state = pools["states"][rng.integers(0, len(pools["states"]), n)]
    z5 = rng.integers(0, 100_000, n)
    zips = np.char.zfill(z5.astype(str), 5)
    nine = rng.random(n) < 0.4
    zips = np.where(nine, np.char.add(zips, np.char.zfill(rng.integers(0, 10_000, n).astype(str), 4)), zips)
    zips = zips.astype(object)
    employer = pools["employers"][rng.choice(len(pools["employers"]), n, p=pools["employer_p"])]
    occupation = pools["occupations"][rng.integers(0, len(pools["occupations"]), n)]
    date = pools["dates"][rng.integers(0, len(pools["dates"]), n)]
    cents = np.round(rng.lognormal(4.0, 1.3, n) * 100).astype(np.int64)
    whole = rng.random(n) < 0.75
    cents = np.where(whole, (cents // 100) * 100, cents)
    cents = np.maximum(cents, 1)
    neg = rng.random(n) < 0.01
    dollars = (cents // 100).astype(str)
    frac = np.char.zfill((cents % 100).astype(str), 2)
    amt = np.where(cents % 100 == 0, dollars, np.char.add(np.char.add(dollars, "."), frac))
    amt = np.where(neg, np.char.add("-", amt), amt).astype(object)
    other = np.full(n, "", dtype=object)
    other[tp_i == 1] = "C00401224"
    m24 = tp_i == 4
    other[m24] = pools["cmte"][rng.integers(0, len(pools["cmte"]), int(m24.sum()))]
    tran = np.char.add("SA11AI.", rng.integers(0, 10**8, n).astype(str)).astype(object)
    file_num = rng.integers(1_300_000, 1_500_000, n).astype(str).astype(object)
    memo_x = rng.random(n) < 0.003
    memo_cd = np.where(memo_x, "X", "").astype(object)
    memo_text = np.full(n, "", dtype=object)
    memo_text[tp_i == 1] = "EARMARKED THROUGH CONDUIT (FICTIONAL)"
    memo_text[tp_i == 4] = "EARMARKED CONTRIBUTION (FICTIONAL)"
    sub_id = (4_000_000_000_000_000_000 + start + np.arange(n, dtype=np.int64)).astype(str).astype(object)

    # malformed lines: 1 few fields, 2 many fields, 3 bad date, 4 bad amount, 5 non-UTF-8 name
    kind = np.where(rng.random(n) < MALFORMED_SHARE, rng.integers(1, 6, n), 0)
    employer[kind == 2] = "EXTRA|PIPE EMPLOYER (FICTIONAL)"
    date[kind == 3] = "13452019"
    amt[kind == 4] = "12O"
    bad_name = kind == 5
    name[bad_name] = np.char.add(name[bad_name].astype(str), " JOS" + BAD_BYTE_MARK).astype(object)

    cols = [cmte, amndt, rpt, pgi, image, tp, entity, name, city, state, zips, employer, occupation, date, amt,
            other, tran, file_num, memo_cd, memo_text, sub_id]
    lines = list(map("|".join, zip(*(c.tolist() for c in cols))))
    for i in np.flatnonzero(kind == 1).tolist():
        lines[i] = lines[i].rsplit("|", 3)[0]  # 18 fields
    text = "\n".join(lines) + "\n"
    return text.encode("utf-8").replace(BAD_BYTE_MARK.encode(), b"\xc9"), int((kind > 0).sum())


def make_pools(rng: np.random.Generator) -> dict:
    """Value pools shared by all chunks."""
    start = dt.date(2019, 1, 1)
    dates = [(start + dt.timedelta(days=d)).strftime("%m%d%Y") for d in range(731)]
    employers, employer_p = _employers(rng)
    cmte = sorted({f"C9{int(x):07d}" for x in rng.integers(0, 10**7, 4000)})
    rng.shuffle(cmte)
    return {
        "cmte": _pool(cmte),
        "rpt": _pool(RPT_TPS),
        "pgi": _pool(PGIS),
        "names": _names(rng, 30_000),
        "cities": _pool([f"{a}{b}" for a in CITY_PARTS_A for b in CITY_PARTS_B]),
        "states": _pool(STATES),
        "employers": employers,
        "employer_p": employer_p,
        "occupations": _pool(OCCUPATIONS),
        "dates": _pool(dates),
    }


def generate(rows: int, out: Path, seed: int = 1) -> tuple[int, int, float]:
    """Write rows synthetic lines to out (a zip with member itcont.txt); return rows, malformed, seconds."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    pools = make_pools(rng)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    malformed = 0
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("itcont.txt", "w", force_zip64=True) as dst:
            done = 0
            while done < rows:
                n = min(CHUNK, rows - done)
                data, bad = _chunk_lines(rng, done, n, pools)
                dst.write(data)
                malformed += bad
                done += n
    tmp.replace(out)
    return rows, malformed, time.perf_counter() - t0


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rows, malformed, secs = generate(args.rows, args.out, args.seed)
    print(f"rows written: {rows}  malformed: {malformed} ({malformed / max(rows, 1):.2%})  "
          f"seconds: {secs:.1f}  -> {args.out} ({args.out.stat().st_size / 1e6:.0f} MB zipped)")


if __name__ == "__main__":
    main()
