"""The donor update scores again only the pairs of its core records (etl/donor_update.py): new or renamed records,
records whose block key moved, and records that hold a changed row. The last kind keeps its id and its keys when the
row that names it (its smallest contribution_id) changes a compared field outside the keys; its stored pairs must
still be scored again. Then three cases a review found (each failed before its fix): a record that loses its only
pinned row, two pairs of equal weight in a component with a conflict, and rows without a last name.
SYNTHETIC data only: the cycle of bench/gen_cycle.py (fictional -SYN donors), 20,000 lines, seed 3, with fictional
rows added where marked; a fictional registry person in a copy of the registry."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from etl import build, entities
from helpers import indiv_folder, warehouse_rows
from tests.conftest import shared_data

ROOT = Path(__file__).resolve().parent.parent
ZIP = 10  # ZIP_CODE, the eleventh field of an indiv line
# a stored pair at "same ZIP+4" whose first record has other rows: its own row is the one changed
PAIR = """SELECT e.contribution_id_l, e.contribution_id_r FROM donor_match_evidence e
          WHERE e.evidence = 'splink' AND e.place_level = 'same ZIP+4'
            AND (SELECT count(*) FROM donor_features f WHERE f.record_id = e.contribution_id_l) >= 2
          ORDER BY 1, 2 LIMIT 1"""
LEVEL = "SELECT place_level FROM donor_match_evidence WHERE contribution_id_l = $1 AND contribution_id_r = $2"


def _build(src: Path, target: Path, full: bool = False) -> None:
    build.build(src, target, console=Console(quiet=True), full=full)


def test_a_changed_row_that_names_its_record_has_the_records_pairs_scored_again(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import gen_cycle

    made, _, _ = gen_cycle.generate(20000, tmp_path / "gen", seed=3)
    with zipfile.ZipFile(made) as zf:
        lines = zf.read("itcont.txt").splitlines(keepends=True)
    masters = shared_data() / "fec/bulk_2020_early"
    _build(indiv_folder(tmp_path / "A", lines, masters), tmp_path / "a.duckdb")
    left, right = warehouse_rows(tmp_path / "a.duckdb", PAIR)[0]
    sub_id = left.removeprefix("fec:").encode()
    at = next(i for i, line in enumerate(lines) if line.rstrip(b"\n").endswith(b"|" + sub_id))
    fields = lines[at].rstrip(b"\n").split(b"|")
    fields[ZIP] = fields[ZIP][:5] + (b"9998" if fields[ZIP][5:] == b"9999" else b"9999")  # SYNTHETIC TEST EDIT
    b_lines = [*lines[:at], b"|".join(fields) + b"\n", *lines[at + 1:]]
    b = indiv_folder(tmp_path / "B", b_lines, masters)
    shutil.copyfile(tmp_path / "a.duckdb", tmp_path / "inc.duckdb")
    _build(b, tmp_path / "inc.duckdb")
    _build(b, tmp_path / "full.duckdb", full=True)
    inc, full = tmp_path / "inc.duckdb", tmp_path / "full.duckdb"
    # the row keeps its id, so its record (alone now, or joined to another) may keep the id too
    record = "SELECT record_id FROM donor_features WHERE contribution_id = $1"
    assert warehouse_rows(inc, record.replace("$1", f"'{left}'")) == [(left,)]
    level = LEVEL.replace("$1", f"'{left}'").replace("$2", f"'{right}'")
    assert warehouse_rows(tmp_path / "a.duckdb", level) == [("same ZIP+4",)]
    assert warehouse_rows(full, level) == warehouse_rows(inc, level) != [("same ZIP+4",)]
    for sql in ("SELECT * EXCLUDE (match_weight, match_probability) FROM donor_match_evidence ORDER BY ALL",
                "SELECT * FROM donor_features ORDER BY ALL",
                "SELECT contribution_id, donor_id FROM contributions ORDER BY ALL"):
        assert warehouse_rows(inc, sql) == warehouse_rows(full, sql), sql


COMPARED = ("SELECT contribution_id, donor_id FROM contributions ORDER BY ALL",
            "SELECT * FROM donor_features ORDER BY ALL",
            "SELECT * EXCLUDE (match_weight, match_probability) FROM donor_match_evidence ORDER BY ALL",
            "SELECT * FROM donor_term_frequencies ORDER BY ALL")


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    """The lines of the SYNTHETIC cycle (20,000 lines, seed 3)."""
    sys.path.insert(0, str(ROOT / "bench"))
    import gen_cycle

    made, _, _ = gen_cycle.generate(20000, tmp_path_factory.mktemp("gen"), seed=3)
    with zipfile.ZipFile(made) as zf:
        return zf.read("itcont.txt").splitlines(keepends=True)


def _row(template: bytes, sub_id: int, name: str, city: str = "SPRINGFIELD", state: str = "IL",
         zip_code: str = "627010001", employer: str = "ACME WIDGETS SYN", amount: int = 100) -> bytes:
    """A SYNTHETIC line: the template's committee and dates with a fictional donor's fields."""
    f = template.rstrip(b"\n").split(b"|")
    f[7:13] = [v.encode() for v in (name, city, state, zip_code, employer, "ENGINEER")]
    f[14], f[20] = str(amount).encode(), str(sub_id).encode()
    return b"|".join(f) + b"\n"


def _update_and_full(tmp: Path, a_lines: list[bytes], b_lines: list[bytes],
                     registry: Path | None = None) -> tuple[Path, Path, Path]:
    """A built in full, a copy updated to B, B built in full: (A, updated, full)."""
    masters = shared_data() / "fec/bulk_2020_early"
    a, b = indiv_folder(tmp / "A", a_lines, masters), indiv_folder(tmp / "B", b_lines, masters)
    build.build(a, tmp / "a.duckdb", console=Console(quiet=True), registry_dir=registry)
    shutil.copyfile(tmp / "a.duckdb", tmp / "inc.duckdb")
    build.build(b, tmp / "inc.duckdb", console=Console(quiet=True), registry_dir=registry)
    build.build(b, tmp / "full.duckdb", console=Console(quiet=True), registry_dir=registry, full=True)
    return tmp / "a.duckdb", tmp / "inc.duckdb", tmp / "full.duckdb"


def _equal(inc: Path, full: Path) -> None:
    for sql in COMPARED:
        assert warehouse_rows(inc, sql) == warehouse_rows(full, sql), sql


def test_a_record_that_loses_its_pinned_row_is_assigned_again(cycle, tmp_path):
    """Two rows alike in every compared field are one record ("ST LOUIS" and "SAINT LOUIS" are one city), but only the
    second is pinned to a (fictional) registry person, whose pin compares the city as written; the record is hers. B
    removes that row: the record keeps its id, keys and fields (not core), yet its other row is the person's no more."""
    registry = tmp_path / "registry"
    shutil.copytree(entities.REGISTRY_DIR, registry)
    with open(registry / "people.csv", "a", encoding="utf-8") as f:  # SYNTHETIC: a fictional person
        f.write('quinn_zzsyn,openai,executive,"ZZPINSYN, QUINN",SAINT LOUIS,MO,FICTIONAL test person,SYNTHETIC\n')
    head, tail = cycle[:10000], cycle[10000:]
    rows = [_row(cycle[0], 100001, "ZZPINSYN, QUINN", city="ST LOUIS", state="MO", zip_code="631010001"),
            _row(cycle[0], 100002, "ZZPINSYN, QUINN", city="SAINT LOUIS", state="MO", zip_code="631010001")]
    a, inc, full = _update_and_full(tmp_path, head + rows + tail, head + rows[:1] + tail, registry)
    donor = "SELECT donor_id FROM contributions WHERE contribution_id = 'fec:100001'"
    assert warehouse_rows(a, donor) == [("quinn_zzsyn",)]
    assert warehouse_rows(inc, donor) == warehouse_rows(full, donor) == [("d:fec:100001",)]
    _equal(inc, full)


def test_two_pairs_of_equal_weight_are_joined_in_the_full_builds_order(cycle, tmp_path):
    """JOHN A, JOHN and JOHN B alike in all else: the pairs JOHN A - JOHN and JOHN - JOHN B weigh the same and the
    middle initials A and B keep the three apart, so the ids decide which pair joins. B changes the first row's amount
    (its record is core: its pair scored again) and adds 50 records elsewhere (the other pair's weight is moved by its
    term frequencies, and ends a few bits of rounding away from a full build's: a tie all the same)."""
    head, tail = cycle[:10000], cycle[10000:]

    def family(amount: int) -> list[bytes]:
        return [_row(cycle[0], 100001, "TIESYN, JOHN A", amount=amount), _row(cycle[0], 100002, "TIESYN, JOHN"),
                _row(cycle[0], 100003, "TIESYN, JOHN B")]

    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    extra = [_row(cycle[0], 800000 + i, f"XTRA{letters[i % 26]}{letters[i // 26]}-SYN, LEE", zip_code=f"5{i:04d}0001",
                  employer=f"X{letters[i % 26]}{letters[i // 26]} SYN") for i in range(50)]
    _, inc, full = _update_and_full(tmp_path, head + family(100) + tail, head + family(250) + tail + extra)
    pairs = """SELECT contribution_id_l, contribution_id_r, joined FROM donor_match_evidence
               WHERE contribution_id_l IN ('fec:100001', 'fec:100002') AND evidence = 'splink' ORDER BY ALL"""
    assert warehouse_rows(full, pairs) == [("fec:100001", "fec:100002", True), ("fec:100002", "fec:100003", False)]
    assert warehouse_rows(inc, pairs) == warehouse_rows(full, pairs)
    _equal(inc, full)


def test_rows_without_a_last_name_are_one_record_as_in_a_full_build(cycle, tmp_path):
    """", QUINNSYN" has no last name (no block key) but rows alike in every field are one record: B's third such row
    joins the two of A, as in a full build."""
    head, tail = cycle[:10000], cycle[10000:]
    rows = [_row(cycle[0], 100001 + i, ", QUINNSYN", zip_code="631010001") for i in range(3)]
    _, inc, full = _update_and_full(tmp_path, head + rows[:2] + tail, head + rows[:2] + tail + rows[2:])
    record = "SELECT contribution_id, record_id FROM donor_features WHERE contribution_id <= 'fec:100003' ORDER BY 1"
    assert warehouse_rows(inc, record) == [(f"fec:10000{i}", "fec:100001") for i in (1, 2, 3)]
    _equal(inc, full)
