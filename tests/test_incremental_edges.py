"""Incremental builds on real files, cases found by review: an update equals a full build of the same folder when an
organization's row vanishes (its row decision goes too) and when an attributed donor's employer becomes RETIRED (the
record loses its employer block key). Folder A is the real 2020 masters and indiv20.zip less its last 200 lines, with
one edit each case needs (marked below); folder B the same with the case's change."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from rich.console import Console

from etl import build
from helpers import indiv_folder, warehouse_rows
from tests.conftest import shared_data

ORG_LINE = 501  # SYNTHETIC TEST EDIT in folder A: the real line 501 made an ORG row named META (a bare-word decision)


def _lines() -> list[bytes]:
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        return zf.read("itcont.txt").splitlines(keepends=True)[:-200]


def _folder(path: Path, lines: list[bytes]) -> Path:
    return indiv_folder(path, lines, shared_data() / "fec/bulk_2020_early")


def _build(src: Path, target: Path, full: bool = False) -> str:
    out = Console(record=True, width=200, file=open(os.devnull, "w"))  # noqa: SIM115 (closed with the console)
    build.build(src, target, console=out, full=full)
    return out.export_text()


_rows = warehouse_rows


def _note(path: Path) -> str:
    """The last load's note of the indiv file."""
    return _rows(path, "SELECT note FROM load_log WHERE dataset = 'indiv2020' ORDER BY load_id DESC LIMIT 1")[0][0]


def _set(line: bytes, field: int, value: bytes) -> bytes:
    f = line.rstrip(b"\n").split(b"|")
    f[field] = value
    return b"|".join(f) + b"\n"


def _update_and_full(tmp: Path, a_lines: list[bytes], b_lines: list[bytes]) -> tuple[Path, Path, str]:
    """A built in full, then updated to B; B built in full: (updated, full, the update's report)."""
    a, b = _folder(tmp / "A", a_lines), _folder(tmp / "B", b_lines)
    _build(a, tmp / "inc.duckdb")
    report = _build(b, tmp / "inc.duckdb")
    _build(b, tmp / "full.duckdb", full=True)
    return tmp / "inc.duckdb", tmp / "full.duckdb", report


def test_a_vanished_organization_row_loses_its_row_decision_as_in_a_full_build(tmp_path):
    lines = _lines()
    a_lines = list(lines)
    a_lines[ORG_LINE - 1] = _set(_set(lines[ORG_LINE - 1], 6, b"ORG"), 7, b"META")
    gone = "fec:" + lines[ORG_LINE - 1].rstrip(b"\n").rsplit(b"|", 1)[1].decode()
    b_lines = lines[:ORG_LINE - 1] + lines[ORG_LINE:]
    inc, full, report = _update_and_full(tmp_path, a_lines, b_lines)
    assert "incremental build" in report
    assert _note(inc).startswith("incremental: 70,470 unchanged, 0 new, 0 changed, 1 removed;")
    decisions = "SELECT row_id, org_id, rule, attributed FROM attribution_rows ORDER BY ALL"
    assert _rows(inc, decisions) == _rows(full, decisions)
    assert not [r for r in _rows(inc, decisions) if r[0] == gone]
    contributions = "SELECT contribution_id, org_id, org_match, donor_id FROM contributions ORDER BY 1"
    assert _rows(inc, contributions) == _rows(full, contributions)


def test_a_donor_whose_employer_becomes_retired_loses_the_employer_block_as_in_a_full_build(tmp_path):
    lines = _lines()
    probe = _folder(tmp_path / "probe", lines)
    _build(probe, tmp_path / "probe.duckdb")
    # the sixth attributed individual row by SUB_ID, as the review that found the case chose it
    sub_id = _rows(tmp_path / "probe.duckdb", """SELECT sub_id FROM contributions WHERE org_id IS NOT NULL
                                                 AND entity_tp = 'IND' ORDER BY sub_id LIMIT 1 OFFSET 5""")[0][0]
    shutil.rmtree(probe)
    at = next(i for i, line in enumerate(lines) if line.rstrip(b"\n").endswith(b"|" + sub_id.encode()))
    b = list(lines)
    b[at] = _set(lines[at], 11, b"RETIRED")
    inc, full, report = _update_and_full(tmp_path, lines, b)
    assert "incremental build" in report
    assert ", 0 new, 1 changed, 0 removed;" in _note(inc)
    features = "SELECT * FROM donor_features ORDER BY contribution_id"
    assert _rows(inc, features) == _rows(full, features)
    keys = f"SELECT block_employer FROM donor_features WHERE contribution_id = 'fec:{sub_id}'"
    assert _rows(inc, keys) == [(None,)]
    contributions = "SELECT contribution_id, org_id, org_match, donor_id FROM contributions ORDER BY 1"
    assert _rows(inc, contributions) == _rows(full, contributions)
