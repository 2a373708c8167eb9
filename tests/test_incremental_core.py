"""The donor update scores again only the pairs of its core records (etl/donor_update.py): new or renamed records,
records whose block key moved, and records that hold a changed row. The last kind keeps its id and its keys when the
row that names it (its smallest contribution_id) changes a compared field outside the keys; its stored pairs must
still be scored again. SYNTHETIC data only: the cycle of bench/gen_cycle.py (fictional -SYN donors), 20,000 lines,
seed 3; folder B changes the ZIP+4 of one row (marked below), so a pair at "same ZIP+4" falls to "same ZIP5"."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

from rich.console import Console

from etl import build
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
