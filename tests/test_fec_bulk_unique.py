"""The SUB_ID check of a full FEC bulk load finds a repeat both ways: hashes sorted in NumPy (up to SORTED_MOST rows)
and DuckDB's count of distinct hashes (above it), on real indiv20 and oth20 lines."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from etl import warehouse
from etl.net.files import LoadError
from etl.sources.fec_bulk import SOURCE as fec_bulk
from etl.sources.fec_bulk import load as bulk

FILES = {"indiv20.zip": ("itcont.txt", "fec:"), "oth20.zip": ("itoth.txt", "")}


def _lines(fec_dir: Path, name: str, n: int) -> list[bytes]:
    with zipfile.ZipFile(fec_dir / "bulk_2020_early" / name) as zf:
        return zf.read(FILES[name][0]).split(b"\n")[:n]


@pytest.mark.parametrize("sorted_most", [bulk.SORTED_MOST, 0])
@pytest.mark.parametrize("name", sorted(FILES))
def test_a_repeated_sub_id_fails_the_load_whichever_way_it_is_found(tmp_path: Path, fec_dir: Path,
                                                                   monkeypatch: pytest.MonkeyPatch, name: str,
                                                                   sorted_most: int) -> None:
    monkeypatch.setattr(bulk, "SORTED_MOST", sorted_most)
    member, prefix = FILES[name]
    lines = _lines(fec_dir, name, 400)
    con = warehouse.connect(tmp_path / "t.duckdb")
    (tmp_path / "a").mkdir()
    with zipfile.ZipFile(tmp_path / "a" / name, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, b"\n".join(lines) + b"\n")
    res = fec_bulk.load(con, tmp_path / "a" / name)
    assert (res.rows_read, res.rows_loaded, res.rows_rejected) == (400, 400, 0)
    sub_id = lines[123].rsplit(b"|", 1)[1].decode()
    (tmp_path / "b").mkdir()
    with zipfile.ZipFile(tmp_path / "b" / name, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, b"\n".join([*lines, lines[123]]) + b"\n")
    with pytest.raises(LoadError, match=f"SUB_ID repeats within the file .*'{prefix}{sub_id}', 2"):
        fec_bulk.load(con, tmp_path / "b" / name)
