"""Generate a SYNTHETIC FEC individual-contributions cycle (indiv20.zip -> itcont.txt) with a realistic population.

Every donor is fictional: surnames and given names are drawn with their US frequencies from Faker's
weighted en_US lists (so blocks of namesakes are as large as in a real file), and every surname is
suffixed -SYN, so no line names a real person. Committees (C9xxxxxxx), conduits, cities and amounts are
made up. Employers are the real variety: the registry organizations' spellings (etl/registry/
employer_rules.csv: GOOGLE LLC, AMAZON.COM, LINKEDIN, ...), subsidiaries, look-alikes that must not match
(AMAZON RIVER OUTFITTERS), SELF-EMPLOYED / RETIRED / NONE / INFORMATION REQUESTED and a long tail.

The population: donors give a heavy-tailed number of times (most once, a few hundreds of times, as in
monthly small-dollar giving); 30% live with a spouse (one address, usually one surname, their own given
name), 2% share a name with a parent (JR / SR); 4% move to another ZIP part-way, 10% of them to another
state. A gift is direct (TP 15), earmarked (a 15E row at the recipient and the conduit's 24T copy), a memo
entry (MEMO_CD X) or a refund (22Y). About 2% of lines are malformed as in bench/gen_indiv.py. One seed
gives the same bytes every run. The zip goes to bench/out/SYNTHETIC_cycle_<rows>_s<seed>/indiv20.zip
(FEC's name, so the build recognises it; the folder and its SYNTHETIC_README.txt say what it is), with
SYNTHETIC_truth.csv: the donor behind every line, to score the donor clustering against.

Usage: uv run python bench/gen_cycle.py --rows 1000000 [--seed 1] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from etl.donors import NICKNAMES  # noqa: E402

DONORS_PER_CHUNK = 50_000
MALFORMED_SHARE = 0.02
BAD_BYTE_MARK = "\x01"
SUFFIX = "-SYN"  # on every surname: the donors are fictional
STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
          "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
# rough shares of US population by state (CA, TX, FL, NY first), normalised below
STATE_W = [1.5, .2, 2.2, .9, 12, 1.7, 1.1, .3, .2, 6.5, 3.2, .4, .6, 3.8, 2, 1, .9, 1.3, 1.4, .4, 1.8, 2.1, 3, 1.7,
           .9, 1.8, .3, .6, .9, .4, 2.8, .6, 6, 3.2, .2, 3.5, 1.2, 1.3, 3.9, .3, 1.5, .3, 2.1, 8.8, 1, .2, 2.6, 2.3,
           .5, 1.8, .2]
CITY_A = ["OAK", "MAPLE", "CEDAR", "PINE", "RIVER", "LAKE", "HILL", "SPRING", "FAIR", "GREEN", "WEST", "EAST",
          "NORTH", "SOUTH", "ELM", "ASH", "BIRCH", "STONE", "BROOK", "RIDGE", "MILL", "HARBOR", "SUMMIT", "CLEAR"]
CITY_B = ["VILLE", "TON", " CITY", " SPRINGS", " FALLS", "BURG", " HEIGHTS", " PARK", "FORD", " VALLEY", "WOOD",
          "FIELD", " GROVE", " CREEK", "DALE", "PORT"]
# registry organizations as donors write them, subsidiaries, and look-alikes that must not match
REGISTRY_SPELLINGS = ["GOOGLE", "GOOGLE LLC", "GOOGLE INC.", "GOOGLE, INC", "ALPHABET", "ALPHABET INC", "YOUTUBE",
                      "YOUTUBE LLC", "DEEPMIND", "GOOGLE DEEPMIND", "WAYMO", "WAYMO LLC", "VERILY LIFE SCIENCES",
                      "FITBIT", "NEST LABS", "MICROSOFT", "MICROSOFT CORP", "MICROSOFT CORPORATION", "LINKEDIN",
                      "LINKED IN", "GITHUB", "GITHUB INC", "ACTIVISION BLIZZARD", "META", "META PLATFORMS",
                      "META PLATFORMS INC", "FACEBOOK", "FACEBOOK INC", "INSTAGRAM", "OCULUS VR", "AMAZON",
                      "AMAZON.COM", "AMAZON COM", "AMAZON WEB SERVICES", "AWS", "WHOLE FOODS MARKET", "ZAPPOS",
                      "TWITCH", "AUDIBLE", "NVIDIA", "NVIDIA CORP", "NVIDIA CORPORATION", "MELLANOX", "OPENAI",
                      "OPEN AI", "OPENAI LP", "ANTHROPIC", "ANTHROPIC PBC", "PALANTIR", "PALANTIR TECHNOLOGIES",
                      "ANDURIL", "ANDURIL INDUSTRIES", "SCALE AI", "SCALEAI", "PERPLEXITY AI", "XAI"]
LOOK_ALIKES = ["AMAZON RIVER OUTFITTERS", "AMAZONIA TRAVEL", "GOOGLEPLEX DINER", "METAL FABRICATORS INC",
               "METAMORPHOSIS SALON", "NESTOR PLUMBING", "OPEN AIR THEATER", "SCALE VENTURE PARTNERS",
               "ANTHROPOLOGY DEPT", "PALANTINE HOLDINGS", "XAVIER UNIVERSITY", "TWITCHELL FARMS"]
OCCUPATIONS = ["ATTORNEY", "PHYSICIAN", "ENGINEER", "SOFTWARE ENGINEER", "TEACHER",
               "CONSULTANT", "MANAGER", "PROFESSOR", "CEO", "OWNER", "SALES", "NURSE", "WRITER", "ACCOUNTANT",
               "EXECUTIVE", "PRESIDENT", "REAL ESTATE", "DIRECTOR", "ARTIST", "HOMEMAKER", "PSYCHOLOGIST",
               "PRODUCT MANAGER", "DATA SCIENTIST", "RESEARCHER", "INVESTOR", "BUSINESS OWNER", "DENTIST", "PASTOR"]
# Faker's 1,000 surnames are the Census's most common, renormalised to 100%; in the Census list they cover
# about 37% of people (SMITH: 0.83% of people, 2.17% in Faker's list). Held to that share, with the rest
# from a long tail of made-up surnames, their sum of squared shares is the real file's (0.00046, etl/donors.py).
HEAD_SURNAME_SHARE = 0.37
TAIL_SURNAMES = 150_000
SYLLABLES = ["BAR", "KEN", "DOL", "MIR", "TAV", "LON", "RIS", "VEL", "HAR", "MON", "DEL", "KAS", "TOR", "BEL", "FEN",
             "GAR", "HOL", "JAN", "KOV", "LIN", "MAR", "NOR", "OST", "PEL", "QUIN", "RAD", "SAL", "TEM", "ULM", "VAN",
             "WES", "YOR", "ZAL", "BRO", "CAL", "DRE", "ELK", "FRO", "GIL", "HUN", "IVE", "JOR", "KEL", "LUM", "MOR",
             "NEL", "ORM", "PRA", "ROS", "STE", "TRI", "URB", "VIK", "WIN", "ZEN"]
RPT_TPS = ["Q1", "Q2", "Q3", "YE", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M11", "M12", "12G", "30G"]


def _names() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Faker's weighted en_US surnames, male and female given names (upper case) with their probabilities."""
    from faker.providers.person.en_US import Provider

    def weighted(d: dict) -> tuple[np.ndarray, np.ndarray]:
        w = np.array(list(d.values()), dtype=float)
        return np.array([k.upper() for k in d], dtype=object), w / w.sum()

    last, last_p = weighted(Provider.last_names)
    sy = np.array(SYLLABLES, dtype=object)
    rng = np.random.default_rng(0)  # the tail's names are the same for every seed
    combos = rng.choice(len(sy) ** 3, TAIL_SURNAMES, replace=False)
    tail = sy[combos // len(sy) ** 2] + sy[combos // len(sy) % len(sy)] + sy[combos % len(sy)]
    tail_w = 1.0 / np.arange(1, TAIL_SURNAMES + 1) ** 0.3
    last = np.concatenate([last, tail])
    last_p = np.concatenate([last_p * HEAD_SURNAME_SHARE, tail_w / tail_w.sum() * (1 - HEAD_SURNAME_SHARE)])
    male, male_p = weighted(Provider.first_names_male)
    female, female_p = weighted(Provider.first_names_female)
    return np.char.add(last.astype(str), SUFFIX).astype(object), last_p, male, male_p, female, female_p


def make_world(seed: int) -> dict:
    """Pools shared by every chunk: names, ZIPs with their city and state, employers, committees, dates."""
    rng = np.random.default_rng([seed, 0])
    last, last_p, male, male_p, female, female_p = _names()
    n_zip = 30_000
    state_p = np.array(STATE_W) / sum(STATE_W)
    zip_state = np.sort(rng.choice(len(STATES), n_zip, p=state_p))  # neighbouring ZIPs share a state
    zip5 = np.char.zfill(rng.choice(np.arange(1000, 99999), n_zip, replace=False).astype(str), 5).astype(object)
    city = np.array([f"{CITY_A[a]}{CITY_B[b]}" for a, b in rng.integers(0, [len(CITY_A), len(CITY_B)], (n_zip, 2))],
                    dtype=object)
    # donors crowd into some ZIPs: sigma 1.8 gives the real sum of squared ZIP5 shares (0.0008, etl/donors.py)
    zip_p = rng.lognormal(0, 1.8, n_zip)
    tail = [f"{CITY_A[i % len(CITY_A)]} {w} {i} {s}" for i, (w, s) in enumerate(
        zip(rng.choice(["WIDGETS", "LABS", "PARTNERS", "HOLDINGS", "SYSTEMS", "HOSPITAL", "SCHOOL DISTRICT", "BANK",
                        "LAW GROUP", "CONSTRUCTION"], 40_000),
            rng.choice(["LLC", "INC", "CO", "GROUP", "PC", "LLP"], 40_000), strict=True))]
    tail_p = 1.0 / np.arange(1, len(tail) + 1) ** 0.9
    nick = {}
    for group in NICKNAMES:
        names = group.split()
        for n in names[1:]:
            nick.setdefault(names[0], []).append(n)
    cmte = np.array([f"C9{i:07d}" for i in rng.choice(10**7, 6000, replace=False)], dtype=object)
    start = dt.date(2019, 1, 1)
    return {"last": last, "last_p": last_p, "male": male, "male_p": male_p, "female": female, "female_p": female_p,
            "zip5": zip5, "zip_state": np.array(STATES, dtype=object)[zip_state], "zip_city": city,
            "zip_p": zip_p / zip_p.sum(), "tail": np.array(tail, dtype=object), "tail_p": tail_p / tail_p.sum(),
            "nick": nick, "cmte": cmte, "conduits": np.array(["C90000001", "C90000002"], dtype=object),
            "dates": np.array([(start + dt.timedelta(days=d)).strftime("%m%d%Y") for d in range(731)], dtype=object)}


def _employers(rng: np.random.Generator, w: dict, n: int) -> np.ndarray:
    """One employer per donor: generic values, registry spellings, look-alikes and a long tail."""
    kind = rng.choice(7, n, p=[0.17, 0.09, 0.04, 0.04, 0.03, 0.005, 0.625])
    out = w["tail"][rng.choice(len(w["tail"]), n, p=w["tail_p"])]
    out[kind == 0] = "RETIRED"
    out[kind == 1] = rng.choice(np.array(["SELF-EMPLOYED", "SELF EMPLOYED", "SELF"], dtype=object),
                                int((kind == 1).sum()))
    out[kind == 2] = rng.choice(np.array(["NONE", "NOT EMPLOYED", "N/A"], dtype=object), int((kind == 2).sum()))
    out[kind == 3] = rng.choice(np.array(["INFORMATION REQUESTED", "", "INFORMATION REQUESTED PER BEST EFFORTS"],
                                         dtype=object), int((kind == 3).sum()))
    out[kind == 4] = rng.choice(np.array(REGISTRY_SPELLINGS, dtype=object), int((kind == 4).sum()))
    out[kind == 5] = rng.choice(np.array(LOOK_ALIKES, dtype=object), int((kind == 5).sum()))
    return out


def _donors(rng: np.random.Generator, w: dict, n: int) -> dict:
    """n fictional donors in households: name, middle initial, suffix, address, employer, occupation."""
    female = rng.random(n) < 0.5
    first = np.where(female, w["female"][rng.choice(len(w["female"]), n, p=w["female_p"])],
                     w["male"][rng.choice(len(w["male"]), n, p=w["male_p"])])
    last = w["last"][rng.choice(len(w["last"]), n, p=w["last_p"])]
    z = rng.choice(len(w["zip5"]), n, p=w["zip_p"])
    plus4 = np.char.zfill(rng.integers(1, 10_000, n).astype(str), 4).astype(object)
    suffix = np.full(n, "", dtype=object)
    # a spouse lives with the donor before: same address, usually the same surname, the other given names
    spouse = np.r_[False, rng.random(n - 1) < 0.30]
    spouse[1:] &= ~spouse[:-1]
    idx = np.flatnonzero(spouse)
    z[idx], plus4[idx] = z[idx - 1], plus4[idx - 1]
    same_name = idx[rng.random(len(idx)) < 0.85]
    last[same_name] = last[same_name - 1]
    female[idx] = ~female[idx - 1]
    first[idx] = np.where(female[idx], w["female"][rng.choice(len(w["female"]), len(idx), p=w["female_p"])],
                          w["male"][rng.choice(len(w["male"]), len(idx), p=w["male_p"])])
    # a son with his father's name
    junior = np.r_[False, rng.random(n - 1) < 0.02] & ~spouse
    jdx = np.flatnonzero(junior)
    last[jdx], first[jdx], z[jdx], plus4[jdx] = last[jdx - 1], first[jdx - 1], z[jdx - 1], plus4[jdx - 1]
    suffix[jdx] = "JR"
    suffix[jdx - 1] = np.where(rng.random(len(jdx)) < 0.5, "SR", "")
    middle = np.where(rng.random(n) < 0.55, np.array([chr(65 + i) for i in rng.integers(0, 26, n)], dtype=object), "")
    moved = rng.random(n) < 0.04
    new_z = np.where(rng.random(n) < 0.10, rng.choice(len(w["zip5"]), n, p=w["zip_p"]),  # another state, maybe
                     np.clip(z + rng.integers(-3, 4, n), 0, len(w["zip5"]) - 1))
    new_z = np.where(moved, new_z, z)
    occ_p = 1.0 / np.arange(2, len(OCCUPATIONS) + 2) ** 0.9
    occ = np.array(OCCUPATIONS, dtype=object)[rng.choice(len(OCCUPATIONS), n, p=occ_p / occ_p.sum())]
    employer = _employers(rng, w, n)
    occ[employer == "RETIRED"] = "RETIRED"
    occ[np.isin(employer, ["NONE", "NOT EMPLOYED", "N/A"])] = "NOT EMPLOYED"
    gifts = np.minimum(rng.zipf(2.0, n), 400)
    # how a donor writes name and ZIP is mostly the same every time (a conduit keeps the profile)
    form = {"show_mid": rng.random(n) < 0.8, "dot": rng.random(n) < 0.5, "zip9": rng.random(n) < 0.6}
    return {**form, "first": first, "last": last, "middle": middle, "suffix": suffix, "z": z, "new_z": new_z,
            "plus4": plus4, "employer": employer, "occ": occ, "gifts": gifts,
            "cmte": w["cmte"][np.minimum(rng.zipf(1.25, (n, 2)) - 1, len(w["cmte"]) - 1)]}


def _name_forms(rng: np.random.Generator, w: dict, d: dict, who: np.ndarray) -> np.ndarray:
    """Each row's contributor name as written: LAST, FIRST [M[.]] [SUFFIX], now and then a nickname or a title."""
    first = d["first"][who].copy()
    flip = rng.random(len(who)) < 0.05  # the odd row written another way
    use_nick = rng.random(len(who)) < 0.02
    for i in np.flatnonzero(use_nick):
        forms = w["nick"].get(first[i])
        if forms:
            first[i] = forms[int(rng.integers(len(forms)))]
    mid = d["middle"][who]
    show_mid = (mid != "") & (d["show_mid"][who] ^ flip)
    mid_txt = np.where(show_mid, np.where(d["dot"][who], np.char.add(" ", mid.astype(str)),
                                          np.char.add(np.char.add(" ", mid.astype(str)), ".")), "")
    suf = d["suffix"][who]
    suf_txt = np.where(suf != "", np.char.add(" ", suf.astype(str)), "")
    title = np.where(rng.random(len(who)) < 0.01, rng.choice(np.array([" MR.", " MRS.", " DR.", " MS."]), len(who)), "")
    name = np.char.add(np.char.add(np.char.add(np.char.add(d["last"][who].astype(str), ", "), first.astype(str)),
                                   mid_txt), suf_txt)
    return np.char.add(name, title).astype(object)


def _chunk(seed: int, chunk: int, w: dict, sub_start: int, limit: int) -> tuple[bytes, int, int, bytes]:
    """Lines of the donors of one chunk (at most limit): bytes, lines, malformed lines, and the truth (CSV lines)."""
    rng = np.random.default_rng([seed, chunk + 1])
    d = _donors(rng, w, DONORS_PER_CHUNK)
    who = np.repeat(np.arange(DONORS_PER_CHUNK), d["gifts"])
    # an earmarked gift is two lines (15E at the recipient, 24T at the conduit): a quarter of gifts
    earmark = rng.random(len(who)) < 0.25
    who = np.concatenate([who, who[earmark]])
    kind = np.concatenate([np.where(earmark, 1, 0), np.full(int(earmark.sum()), 2)])  # 0 direct, 1 15E, 2 24T
    order = np.argsort(who, kind="stable")
    who, kind = who[order][:limit], kind[order][:limit]
    n = len(who)
    date_i = rng.integers(0, len(w["dates"]), n)
    # a donor who moved uses the new address for gifts after the middle of the cycle
    z = np.where(date_i > 365, d["new_z"][who], d["z"][who])
    zip9 = np.char.add(w["zip5"][z].astype(str), d["plus4"][who].astype(str))
    zips = np.where(d["zip9"][who] ^ (rng.random(n) < 0.05), zip9, w["zip5"][z].astype(str)).astype(object)
    employer = d["employer"][who].copy()
    vary = rng.random(n) < 0.05
    employer[vary] = np.where(rng.random(int(vary.sum())) < 0.5, "INFORMATION REQUESTED",
                              np.char.add(employer[vary].astype(str), " INC"))
    occupation = d["occ"][who].copy()
    recipient = d["cmte"][who, (rng.random(n) < 0.3).astype(int)]
    conduit = w["conduits"][(who % 2)]
    tp = np.array(["15", "15E", "24T"], dtype=object)[kind]
    memo = rng.random(n) < 0.03
    refund = (kind == 0) & (rng.random(n) < 0.008)
    tp[refund] = "22Y"
    cmte = np.where(kind == 2, conduit, recipient)
    other = np.where(kind == 1, conduit, np.where(kind == 2, recipient, "")).astype(object)
    cents = np.round(rng.lognormal(3.6, 1.4, n) * 100).astype(np.int64) // 100 * 100
    amt = np.maximum(cents // 100, 1).astype(str).astype(object)
    sub = (4_100_000_000_000_000_000 + sub_start + np.arange(n, dtype=np.int64)).astype(str).astype(object)
    cols = [cmte, rng.choice(np.array(["N", "A"], dtype=object), n, p=[0.9, 0.1]),
            np.array(RPT_TPS, dtype=object)[rng.integers(0, len(RPT_TPS), n)],
            np.full(n, "P2020", dtype=object),
            (201_900_000_000_000_000 + sub_start + np.arange(n)).astype(str).astype(object),
            tp, np.full(n, "IND", dtype=object), _name_forms(rng, w, d, who), w["zip_city"][z], w["zip_state"][z], zips,
            employer, occupation, w["dates"][date_i], amt, other,
            np.char.add("SYN", (sub_start + np.arange(n)).astype(str)).astype(object),
            np.full(n, "1400001", dtype=object), np.where(memo, "X", "").astype(object),
            np.where(kind > 0, "EARMARKED (SYNTHETIC)", "").astype(object), sub]
    # malformed lines: 1 few fields, 2 many fields, 3 bad date, 4 bad amount, 5 non-UTF-8 byte
    bad = np.where(rng.random(n) < MALFORMED_SHARE, rng.integers(1, 6, n), 0)
    cols[11][bad == 2] = "EXTRA|PIPE EMPLOYER"
    cols[13][bad == 3] = "13452019"
    cols[14][bad == 4] = "12O"
    cols[7][bad == 5] = np.char.add(cols[7][bad == 5].astype(str), " JOS" + BAD_BYTE_MARK).astype(object)
    lines = list(map("|".join, zip(*(c.tolist() for c in cols), strict=True)))
    for i in np.flatnonzero(bad == 1).tolist():
        lines[i] = lines[i].rsplit("|", 3)[0]
    text = "\n".join(lines) + "\n"
    truth = "".join(f"{s},{chunk * DONORS_PER_CHUNK + p}\n" for s, p in zip(sub.tolist(), who.tolist(), strict=True))
    return text.encode("utf-8").replace(BAD_BYTE_MARK.encode(), b"\xc9"), n, int((bad > 0).sum()), truth.encode()


# The chunks of --extra-share lines are numbered from here: other donors than any of the first lines' chunks.
EXTRA_CHUNK0 = 1_000_000


def generate(rows: int, out_dir: Path, seed: int = 1, extra_share: float = 0.0) -> tuple[Path, int, float]:
    """Write rows SYNTHETIC lines to out_dir/indiv20.zip, then extra_share * rows more lines of other donors (the
    first rows lines are those of the same rows and seed without extra: a republished file with new lines);
    returns the zip, malformed lines, seconds."""
    t0 = time.perf_counter()
    w = make_world(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "SYNTHETIC_README.txt").write_text(
        f"SYNTHETIC: indiv20.zip here is made up by bench/gen_cycle.py (rows {rows}, seed {seed}). Every donor is "
        "fictional (surnames end in -SYN); committees C9xxxxxxx and amounts are invented. Not FEC data.\n")
    out = out_dir / "indiv20.zip"
    tmp = out.with_name(out.name + ".part")
    done = malformed = 0
    # who each line's donor really is (sub_id, donor number): bench/bench_build.py scores the clustering with it
    truth = (out_dir / "SYNTHETIC_truth.csv").open("wb")
    truth.write(b"sub_id,donor\n")
    with truth, zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("itcont.txt", "w", force_zip64=True) as dst:
            total = rows + round(rows * extra_share)
            for end, first_chunk in ((rows, 0), (total, EXTRA_CHUNK0)):
                chunk = first_chunk
                while done < end:
                    data, n, bad, who = _chunk(seed, chunk, w, done, end - done)
                    dst.write(data)
                    truth.write(who)
                    done, malformed, chunk = done + n, malformed + bad, chunk + 1
    tmp.replace(out)
    return out, malformed, time.perf_counter() - t0


def main() -> None:
    """CLI entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--extra-share", type=float, default=0.0, help="append this share of rows as new lines of "
                                                                    "other donors (e.g. 0.02: the +2%% of an incremental build)")
    ap.add_argument("--out", type=Path, help="folder (default bench/out/SYNTHETIC_cycle_<rows>_s<seed>[_plus<share>])")
    args = ap.parse_args()
    plus = f"_plus{args.extra_share:g}" if args.extra_share else ""
    out_dir = args.out or BENCH / "out" / f"SYNTHETIC_cycle_{args.rows}_s{args.seed}{plus}"
    out, malformed, secs = generate(args.rows, out_dir, args.seed, args.extra_share)
    print(f"SYNTHETIC rows written: {args.rows}  malformed: {malformed} ({malformed / max(args.rows, 1):.2%})  "
          f"seconds: {secs:.1f}  -> {out} ({out.stat().st_size / 1e6:.0f} MB zipped)")


if __name__ == "__main__":
    main()
