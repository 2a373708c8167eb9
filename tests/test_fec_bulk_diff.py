"""The diff load of a newer FEC bulk row file (etl/sources/fec_bulk/diff.py) on the real indiv20.zip and oth20.zip:
content-defined chunks, and an update that gives the rows and rejects of a full load of the new file.

The old copy is the real itcont.txt without its first line and its last 300 lines; the new copy has the first line
back (inserted before the old first line), line EDITED marked memo with a SYNTHETIC TEST EDIT memo text, line REMOVED
left out and the 300 lines appended. Lines CUT are cut to 60 bytes in both copies (rejected by both loads: their
rejects are kept and move one line down); line CUT_NEW is cut in the new copy only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from etl import warehouse
from etl.sources.fec_bulk import SOURCE as fec_bulk
from etl.sources.fec_bulk import diff
from etl.sources.fec_bulk.lines import MOST_BYTES, Chunks
from tests.conftest import one

EDITED, REMOVED, CUT, CUT_NEW, ADDED = 20_000, 30_000, (100, 40_000), 50_000, 300
ROWS = "SELECT * EXCLUDE (load_id) FROM contributions ORDER BY contribution_id"
ERRORS = "SELECT path, line_no, reason, raw_line FROM load_errors ORDER BY line_no"


def _real(fec_dir: Path, name: str, member: str) -> list[bytes]:
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / name) as zf:
        return zf.read(member).splitlines(keepends=True)


def _zip(path: Path, member: str, lines: list[bytes]) -> Path:
    path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, b"".join(lines))
    return path


def _edit(line: bytes) -> bytes:
    f = line.rstrip(b"\n").split(b"|")
    f[18], f[19] = b"X", b"SYNTHETIC TEST EDIT"
    return b"|".join(f) + b"\n"


def _chunks(data: bytes, block: int, most: int = MOST_BYTES) -> Chunks:
    c = Chunks(most=most)
    for i in range(0, len(data), block):
        c.feed(data[i:i + block])
    return c.close()


def test_chunks_do_not_depend_on_the_blocks_and_a_change_stays_in_its_chunk(fec_dir):
    data = b"".join(_real(fec_dir, "indiv20.zip", "itcont.txt"))
    whole = _chunks(data, len(data))
    assert (whole.total, len(whole.hashes), sum(whole.sizes)) == (70_671, 763, len(data))
    for block in (1, 2, 3, 4099):  # boundary bytes split across blocks in every way
        part = _chunks(data[:300_000], block)
        ref = _chunks(data[:300_000], len(data))
        assert (part.hashes, part.firsts, part.counts, part.offsets) == (ref.hashes, ref.firsts, ref.counts, ref.offsets)
    ends = [data[o:o + s] for o, s in zip(whole.offsets, whole.sizes, strict=True)]
    assert all(e.endswith(b"77\n") for e in ends[:-1])  # no chunk of the real file reaches MOST_BYTES
    capped = _chunks(data, 1 << 16, most=4096)
    assert max(capped.sizes) < 4096 + 1000 and capped.total == 70_671
    lines = data.splitlines(keepends=True)
    lines[EDITED - 1] = _edit(lines[EDITED - 1])
    edited = _chunks(b"".join(lines), 1 << 22)
    assert len(set(edited.hashes) - set(whole.hashes)) == 1 and len(edited.hashes) == len(whole.hashes)


@pytest.fixture(scope="module")
def updated(fec_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The old copy loaded then the new one diffed over it, and the new copy loaded whole in a second database."""
    tmp = tmp_path_factory.mktemp("diff")
    real = _real(fec_dir, "indiv20.zip", "itcont.txt")
    for n in CUT:
        real[n - 1] = real[n - 1][:60] + b"\n"
    old = real[1:-ADDED]
    new = list(real)
    new[EDITED - 1] = _edit(new[EDITED - 1])
    new[CUT_NEW - 1] = new[CUT_NEW - 1][:60] + b"\n"
    new = new[:REMOVED - 1] + new[REMOVED:]
    a, b = _zip(tmp / "a" / "indiv20.zip", "itcont.txt", old), _zip(tmp / "b" / "indiv20.zip", "itcont.txt", new)
    inc = warehouse.connect(tmp / "inc.duckdb")
    first = fec_bulk.load(inc, a)
    second = fec_bulk.load(inc, b)
    full = warehouse.connect(tmp / "full.duckdb")
    whole = fec_bulk.load(full, b)
    return {"inc": inc, "full": full, "first": first, "second": second, "whole": whole}


def test_an_update_gives_the_rows_and_rejects_of_a_full_load(updated):
    inc, full = updated["inc"], updated["full"]
    assert inc.execute(ROWS).fetchall() == full.execute(ROWS).fetchall()
    assert inc.execute(ERRORS).fetchall() == full.execute(ERRORS).fetchall()
    s, w = updated["second"], updated["whole"]
    assert (s.rows_read, s.rows_loaded, s.rows_rejected) == (w.rows_read, w.rows_loaded, w.rows_rejected)
    assert (w.rows_read, w.rows_loaded, w.rows_rejected) == (70_670, 70_667, 3)
    # the kept rejects moved to the new load, at their lines in the new copy (the old copy's line n - 1 is line n up
    # to the removed line, n - 1 after it); the cut line read typed is at its own line
    assert inc.execute("SELECT line_no, load_id FROM load_errors ORDER BY 1").fetchall() == [
        (CUT[0], s.load_id), (CUT[1] - 1, s.load_id), (CUT_NEW - 1, s.load_id)]


def test_an_update_keeps_the_chunks_a_full_load_keeps(updated):
    # the update writes only the rows from the first chunk that differs (the new first line: all of them here)
    chunks = "SELECT * FROM bulk_chunks ORDER BY first_line"
    assert updated["inc"].execute(chunks).fetchall() == updated["full"].execute(chunks).fetchall()
    assert one(updated["inc"], "SELECT count(*) FROM bulk_chunks") == 763


def test_the_part_holds_the_bytes_of_the_changed_chunks_whatever_the_blocks(fec_dir, tmp_path):
    real = _real(fec_dir, "indiv20.zip", "itcont.txt")
    old, new = b"".join(real[:-ADDED]), list(real)
    new[EDITED - 1] = _edit(new[EDITED - 1])
    data = b"".join(new[:REMOVED - 1] + new[REMOVED:])
    was = _chunks(old, len(old))
    rows = list(zip(was.firsts, was.counts, was.offsets, was.sizes, was.hashes))
    kept, todo = diff._plan(rows, _chunks(data, len(data)))
    want = b"".join(data[o:o + n] for o, n, _first, _lines in todo)
    # the edited line's chunk, the removed line's, and the old last chunk with the 300 lines appended after it: 494 of
    # the new copy's 70,670 lines, the other 70,176 in kept chunks
    assert (len(todo), want.count(b"\n"), sum(k[2] for k in kept)) == (3, 494, 70_176)
    for block in (1 << 22, 4099, 100_003):
        with open(tmp_path / "part.txt", "wb") as dst:
            c = diff._Changed(rows, dst)
            for i in range(0, len(data), block):
                c.feed(data[i:i + block])
            c.close()
        assert (tmp_path / "part.txt").read_bytes() == want


class _Counted(Chunks):
    """Chunks that counts the chunks it cut by searching for their boundary (not taken as a guessed old chunk)."""

    searched = 0

    def _emit(self, block: bytes, mv: memoryview, a: int, end: int) -> None:
        self.searched += 1
        super()._emit(block, mv, a, end)


def test_guessed_old_chunks_are_cut_as_the_search_cuts_them_whatever_the_blocks(fec_dir):
    real = _real(fec_dir, "indiv20.zip", "itcont.txt")
    new = list(real)
    new[EDITED - 1] = _edit(new[EDITED - 1])
    data = b"".join(new[:REMOVED - 1] + new[REMOVED:])
    for most, size in ((MOST_BYTES, len(data)), (4096, len(data)), (MOST_BYTES, 300_000)):
        old = b"".join(real[1:-ADDED])[:size]
        was = _chunks(old, len(old), most)
        rows = list(zip(was.firsts, was.counts, was.offsets, was.sizes, was.hashes))
        head = data[:size]
        ref = _chunks(head, len(head), most)
        for block in ((len(head), 1 << 22, 4099) if size == len(data) else (1, 2, 3, 4099)):
            c = _Counted(most=most, old=rows)
            for i in range(0, size, block):
                c.feed(head[i:i + block])
            c.close()
            assert (c.hashes, c.firsts, c.counts, c.offsets, c.sizes) == (
                ref.hashes, ref.firsts, ref.counts, ref.offsets, ref.sizes)
            if (most, block) == (MOST_BYTES, len(data)):
                # the 7 chunks the old copy does not have: the new first line's, the edited, the removed line's, and the
                # old last chunk with the 300 lines after it (4 chunks: 3 cut by a search, the last by the file's end);
                # the other 756 of the 763 taken as guessed
                assert (c.searched, len(c.hashes)) == (6, 763)


def test_the_note_gives_the_split_and_unchanged_rows_keep_their_load(updated):
    inc, s = updated["inc"], updated["second"]
    note = one(inc, "SELECT note FROM load_log WHERE load_id = $id", {"id": s.load_id})
    # 8 chunks read: the first (the inserted line and cut line 100), the edited, the removed line's, CUT_NEW's, and the
    # old last chunk with the 300 appended lines (4); of their 677 lines 373 rows are as they were (kept with their
    # load), 301 new, 1 changed, 2 rejected; 70,365 + 301 + 1 = 70,667 rows; 2 + 1 = 3 rejects
    assert note == ("incremental: 70,365 unchanged, 301 new, 1 changed, 2 removed; 677 lines in 8 of 763 chunks read "
                    "typed (2 rejected, 373 rows as they were), 1 rejects kept")
    kept = one(inc, "SELECT count(*) FROM contributions WHERE load_id = $id", {"id": updated["first"].load_id})
    assert kept == 70_365
    memo = one(inc, "SELECT memo_text FROM contributions WHERE load_id = $id AND memo_text = 'SYNTHETIC TEST EDIT'",
               {"id": s.load_id})
    assert memo == "SYNTHETIC TEST EDIT"


def test_an_update_without_vanished_rows_reads_no_line_again(fec_dir, tmp_path, monkeypatch):
    real = _real(fec_dir, "oth20.zip", "itoth.txt")
    a = _zip(tmp_path / "a" / "oth20.zip", "itoth.txt", real[:-100])
    b = _zip(tmp_path / "b" / "oth20.zip", "itoth.txt", real)
    inc, full = warehouse.connect(tmp_path / "inc.duckdb"), warehouse.connect(tmp_path / "full.duckdb")
    fec_bulk.load(inc, a)

    def never(*args: object) -> int:
        raise AssertionError("the per-line SUB_ID pass ran although no row vanished")

    monkeypatch.setattr(diff, "_remove_vanished", never)
    res = fec_bulk.load(inc, b)
    fec_bulk.load(full, b)
    rows = "SELECT * EXCLUDE (load_id) FROM committee_transaction_rows ORDER BY sub_id"
    assert inc.execute(rows).fetchall() == full.execute(rows).fetchall()
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (50_921, 50_921, 0)
    note = one(inc, "SELECT note FROM load_log WHERE load_id = $id", {"id": res.load_id})
    assert note == ("incremental: 50,821 unchanged, 100 new, 0 changed, 0 removed; 122 lines in 1 of 510 chunks read "
                    "typed (0 rejected, 22 rows as they were), 0 rejects kept")


def test_a_loose_file_is_diffed_as_it_is_read_and_read_again_only_for_a_vanished_line(fec_dir, tmp_path):
    real = _real(fec_dir, "oth20.zip", "itoth.txt")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "itoth.txt").write_bytes(b"".join(real[:-100]))
    (tmp_path / "b" / "itoth.txt").write_bytes(b"".join(real[:999] + real[1000:]))  # line 1,000 gone, 100 added
    inc, full = warehouse.connect(tmp_path / "inc.duckdb"), warehouse.connect(tmp_path / "full.duckdb")
    fec_bulk.load(inc, tmp_path / "a" / "itoth.txt")
    res = fec_bulk.load(inc, tmp_path / "b" / "itoth.txt")
    fec_bulk.load(full, tmp_path / "b" / "itoth.txt")
    rows = "SELECT * EXCLUDE (load_id) FROM committee_transaction_rows ORDER BY sub_id"
    assert inc.execute(rows).fetchall() == full.execute(rows).fetchall()
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (50_920, 50_920, 0)
    note = one(inc, "SELECT note FROM load_log WHERE load_id = $id", {"id": res.load_id})
    # 50,821 rows before, less the vanished one; read: the removed line's chunk and the old last one with the 100 after it
    assert note == ("incremental: 50,820 unchanged, 100 new, 0 changed, 1 removed; 481 lines in 2 of 510 chunks read "
                    "typed (0 rejected, 381 rows as they were), 0 rejects kept")


def test_blank_lines_a_header_and_a_line_with_several_faults_are_rejected_as_a_full_load_rejects_them(fec_dir, tmp_path):
    # a line with several faults once had its reasons in the order DuckDB found them, which differs between a whole
    # file and a part of it
    real = _real(fec_dir, "indiv20.zip", "itcont.txt")
    header = b"CMTE_ID|AMNDT_IND|RPT_TP\n"
    old = real[:5000] + [b"\n"] + real[5000:60000] + [b"\n", b"\n"] + real[60000:-500]
    new = [header] + real[:3000] + [b"\n"] + real[3000:60000] + [b"\n", b"\n"] + real[60000:-200] + [header, b"\n"]
    new[40000] = new[40000].replace(b"|", b"||", 1)  # too many fields, and two of them are then of the wrong type
    a, b = _zip(tmp_path / "a" / "indiv20.zip", "itcont.txt", old), _zip(tmp_path / "b" / "indiv20.zip", "itcont.txt", new)
    inc, full = warehouse.connect(tmp_path / "inc.duckdb"), warehouse.connect(tmp_path / "full.duckdb")
    fec_bulk.load(inc, a)
    res, whole = fec_bulk.load(inc, b), fec_bulk.load(full, b)
    assert inc.execute(ROWS).fetchall() == full.execute(ROWS).fetchall()
    assert inc.execute(ERRORS).fetchall() == full.execute(ERRORS).fetchall()
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (whole.rows_read, whole.rows_loaded,
                                                                   whole.rows_rejected) == (70_477, 70_470, 7)
    assert [(n, why.split(":")[0]) for _, n, why, _ in inc.execute(ERRORS).fetchall()] == [
        (1, "header row"), (3002, "blank line"), (40001, "bad file_num"), (60003, "blank line"), (60004, "blank line"),
        (70476, "wrong field count (too few fields)"), (70477, "blank line")]
    note = one(inc, "SELECT note FROM load_log WHERE load_id = $id", {"id": res.load_id})
    assert note.startswith("incremental: 70,170 unchanged, 300 new, 0 changed, 1 removed; 953 lines in 9 of 761 chunks")
