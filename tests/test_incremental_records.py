"""The donor update's record path (etl/donor_update.py: no stored row changed, so of the rows of the changed last names
outside the part only each record's own row is read, the others only where they are needed) gives what its row path
and a full build give, on real files. Folder A is the real indiv20.zip less the first row of some donors (their
smallest SUB_ID, so their donor_id is another row's in A's warehouse) who have rows in three records or more and two
ZIP codes or more; folder B is the real file, so B's update gives every row of those donors the re-added row's id,
rows of records outside the part included. Stored rows of the new rows' last names are also handed to the update as
rows whose organization changed (their clusters are joined again), most of them outside the part."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from etl import build, donor_assign, donor_update
from helpers import indiv_folder, warehouse_rows
from tests.conftest import shared_data

DONORS, MOVED = 14, 200  # 14: the real file's donors of three records or more and two ZIP codes or more
DONOR_IDS = "SELECT contribution_id, donor_id FROM contributions ORDER BY ALL"
COMPARED = ("SELECT contribution_id, donor_id, org_id FROM contributions ORDER BY ALL",
            "SELECT * FROM donor_features ORDER BY ALL",
            "SELECT * FROM donor_match_evidence ORDER BY ALL",
            "SELECT * FROM donor_term_frequencies ORDER BY ALL")
# the donors' first rows, from a full build of the real file
FIRST_ROWS = """
WITH d AS (SELECT c.donor_id FROM contributions c JOIN donor_features f USING (contribution_id)
           WHERE c.donor_id LIKE 'd:%' GROUP BY c.donor_id HAVING count(DISTINCT f.record_id) >= 3
                                                               AND count(DISTINCT f.zip5) >= 2)
SELECT c.sub_id FROM d JOIN contributions c ON c.contribution_id = substr(d.donor_id, 3)
ORDER BY c.contribution_id"""


def _folder(path: Path, lines: list[bytes]) -> Path:
    return indiv_folder(path, lines, shared_data() / "fec/bulk_2020_early")


def _build(src: Path, target: Path, full: bool = False) -> None:
    build.build(src, target, console=Console(quiet=True), full=full)


_rows = warehouse_rows


def _moved(con: duckdb.DuckDBPyConnection, moved: str, load_ids: list[int]) -> None:
    """Add to `moved` stored individual rows of the new rows' last names that it does not hold."""
    con.execute(f"""INSERT INTO {moved} SELECT contribution_id, true, name_last(contributor_name) FROM contributions
        WHERE load_id NOT IN (SELECT unnest($ids)) AND is_individual(entity_tp)
          AND contribution_id NOT IN (SELECT contribution_id FROM {moved})
          AND name_last(contributor_name) IN (SELECT name_last(contributor_name) FROM contributions
                                              WHERE load_id IN (SELECT unnest($ids)) AND is_individual(entity_tp))
        ORDER BY contribution_id LIMIT {MOVED}""", {"ids": load_ids})


@pytest.fixture(scope="module")
def updated(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """B's full build, and A's warehouse updated to B twice: by the record path and by the row path."""
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        real = zf.read("itcont.txt").splitlines(keepends=True)
    tmp = tmp_path_factory.mktemp("records")
    b = _folder(tmp / "B", real)
    _build(b, tmp / "full_b.duckdb", full=True)
    first = {n for (n,) in _rows(tmp / "full_b.duckdb", FIRST_ROWS)}
    # SUB_ID is a line's last field
    _build(_folder(tmp / "A", [line for line in real if line.rstrip(b"\r\n").rsplit(b"|", 1)[-1].decode() not in first]),
           tmp / "a.duckdb")
    update, by_record, stored, assign, followers = (donor_update.update, donor_update._by_record, donor_update._stored,
                                                    donor_assign.assign_part, donor_update._followers)
    out: dict = {"first": first, "paths": [], "looked_up": [], "outside": [], "followed": []}

    def spy_followers(con, cols):  # type: ignore[no-untyped-def]
        followers(con, cols)
        out["followed"].append(con.execute("""SELECT count(*) FILTER (WHERE old_id <> new_id), count(*),
            (SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'donor_followers')
            FROM donor_followed""").fetchall()[0])
        if out["followed"][-1][2]:
            out["followed"][-1] += con.execute("SELECT count(*) FROM donor_followers").fetchall()[0]

    def with_moved(con, load_ids, timings=None, moved=None):  # type: ignore[no-untyped-def]
        _moved(con, moved, load_ids)
        return update(con, load_ids, timings, moved)

    def spy_stored(con, moved, path):  # type: ignore[no-untyped-def]
        sql = stored(con, moved, path)
        out["looked_up"].append(sql[0])
        return sql

    def spy_assign(con, rows):  # type: ignore[no-untyped-def]
        if "donor_outside" in rows:
            out["outside"].append(con.execute("SELECT count(*) FROM donor_outside").fetchall()[0][0])
        return assign(con, rows)

    try:
        donor_update.update, donor_update._stored, donor_assign.assign_part = with_moved, spy_stored, spy_assign
        donor_update._followers = spy_followers
        for name, chosen in (("record", lambda con: out["paths"].append(by_record(con)) or out["paths"][-1]),
                             ("row", lambda con: False)):
            shutil.copyfile(tmp / "a.duckdb", tmp / f"{name}.duckdb")
            donor_update._by_record = chosen
            _build(b, tmp / f"{name}.duckdb")
    finally:
        donor_update.update, donor_update._by_record, donor_update._stored, donor_assign.assign_part = (
            update, by_record, stored, assign)
        donor_update._followers = followers
    return out | {"a": tmp / "a.duckdb", "record": tmp / "record.duckdb", "row": tmp / "row.duckdb",
                  "full": tmp / "full_b.duckdb"}


def test_the_record_path_was_taken_and_read_rows_outside_the_part(updated):
    assert len(updated["first"]) == DONORS
    assert updated["paths"] == [True]
    assert "donor_features" in updated["looked_up"][0] and "donor_features" not in updated["looked_up"][1]
    assert len(updated["outside"]) == 1 and updated["outside"][0] > 0


def test_the_record_path_gives_what_the_row_path_gives(updated):
    for sql in COMPARED:
        record, row = _rows(updated["record"], sql), _rows(updated["row"], sql)
        assert record == row and len(record) > DONORS, sql


def test_the_donors_first_rows_name_them_again_as_in_the_full_build(updated):
    before, after = dict(_rows(updated["a"], DONOR_IDS)), dict(_rows(updated["record"], DONOR_IDS))
    assert sum(1 for c, d in before.items() if after[c] != d) > DONORS  # more rows than the re-added ones
    assert _rows(updated["record"], DONOR_IDS) == _rows(updated["full"], DONOR_IDS)


def test_records_renamed_by_a_re_added_row_take_their_other_rows_along(updated):
    """Of the rows of the records kept, the update reads only each record's own row; 6 of the re-added first rows fall
    in a record of A (the same compared fields) and name it again, so its 18 other rows are read by record and written
    with the new record_id (the tests above then find donor_features and the evidence equal to a full build's)."""
    assert updated["followed"] == [(6, 6, 1, 18)]
