"""Incremental builds on real files: the update of A's warehouse to folder B equals a full build of B, an unchanged
rebuild touches nothing, and a build killed at any point (copy, diff load, re-derivation) leaves A's warehouse intact.

Folder A holds the real 2020 masters, an indiv20.zip made in tmp_path from the real one (its last 300 lines left
out, line 11 marked memo with a SYNTHETIC TEST EDIT memo text), the real 7-row itcont file and a real e-filing;
folder B the real indiv20.zip without its line 7, the same masters and e-filing, and a real USAspending file.
So B against A: 300 new lines, 1 changed, 1 removed, line 25 cut short in B (rejected, its row removed), one
dataset gone, one new.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from etl import build, db, donor_changed, donor_score, donors, incremental, model
from etl.queries import QUERIES
from tests.conftest import one, shared_data

ADDED, REMOVED_LINE, CHANGED_LINE, CUT_LINE = 300, 7, 11, 25
FULL_B_ROWS = 73267  # 70,669 rows of B's indiv20.zip (the real 70,671 lines less one, one rejected), 2,598 e-filed
QUERY_NAMES = ("count_rules", "org_channels", "org_recipients", "org_donors", "org_money_rows", "committee",
               "committee_org_money", "person", "organizations", "coverage")


def _zip(lines: list[bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("itcont.txt", b"".join(lines))
    return path


def _edit(line: bytes) -> bytes:
    """The line marked memo (MEMO_CD X) with a memo text saying it is a test edit: only in folder A."""
    f = line.rstrip(b"\n").split(b"|")
    f[18], f[19] = b"X", b"SYNTHETIC TEST EDIT"
    return b"|".join(f) + b"\n"


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Folders A and B (the real files are linked, the two indiv20.zip written here)."""
    data, tmp = shared_data(), tmp_path_factory.mktemp("incr")
    with zipfile.ZipFile(data / "fec/bulk_2020_early/indiv20.zip") as zf:
        real = zf.read("itcont.txt").splitlines(keepends=True)
    a, b = tmp / "A", tmp / "B"
    for folder in (a, b):
        folder.mkdir()
        for name in ("cm20.zip", "cn20.zip", "ccl20.zip"):
            os.symlink(data / "fec/bulk_2020_early" / name, folder / name)
        os.symlink(data / "fec/efiling/1544132.fec", folder / "1544132.fec")
    a_lines = real[:-ADDED]
    a_lines[CHANGED_LINE - 1] = _edit(a_lines[CHANGED_LINE - 1])
    _zip(a_lines, a / "indiv20.zip")
    os.symlink(data / "fec/tiny/itcont_insight_7rows.txt", a / "itcont_insight_7rows.txt")
    b_lines = list(real)
    b_lines[CUT_LINE - 1] = b_lines[CUT_LINE - 1][:60] + b"\n"  # a line cut short: rejected, its row gone
    _zip(b_lines[:REMOVED_LINE - 1] + b_lines[REMOVED_LINE:], b / "indiv20.zip")
    os.symlink(data / "contracts/spending_by_award_ai_keyword_contracts.csv",
               b / "spending_by_award_ai_keyword_contracts.csv")
    return a, b


def _build(src: Path, target: Path, full: bool = False) -> tuple[list[db.LoadResult], str]:
    out = Console(record=True, width=200, file=open(os.devnull, "w"))  # noqa: SIM115 (closed with the console)
    results = build.build(src, target, console=out, full=full)
    return results, out.export_text()


@pytest.fixture(scope="module")
def built(folders: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A's warehouse (full), a copy of it updated to B (incremental), B's full build, and the build reports."""
    a, b = folders
    tmp = tmp_path_factory.mktemp("incr_wh")
    _, full_a_out = _build(a, tmp / "a.duckdb")
    shutil.copyfile(tmp / "a.duckdb", tmp / "inc.duckdb")
    taken: list[bool] = []  # which way etl/donor_changed.changed_rows found the changed rows
    changed_rows = donor_changed.changed_rows
    donor_changed.changed_rows = lambda con, ids: taken.append(changed_rows(con, ids)) or taken[-1]
    try:
        inc_results, inc_out = _build(b, tmp / "inc.duckdb")
    finally:
        donor_changed.changed_rows = changed_rows
    _, full_b_out = _build(b, tmp / "full_b.duckdb", full=True)
    return {"a": tmp / "a.duckdb", "inc": tmp / "inc.duckdb", "full": tmp / "full_b.duckdb", "inc_out": inc_out,
            "full_a_out": full_a_out, "full_b_out": full_b_out, "inc_results": inc_results, "inc_by_counts": taken}


def _rows(path: Path, sql: str, params: dict | None = None) -> list[tuple]:
    con = db.read_connection(path)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


CONTRIBUTIONS = """SELECT contribution_id, count_rule, counts_in_totals, amount, org_id, org_match, donor_id,
                          recipient_cmte_id, memo_text FROM contributions ORDER BY contribution_id"""


def test_the_builds_say_which_kind_they_are(built):
    assert "full build (no warehouse yet)" in built["full_a_out"]
    assert "incremental build: updating inc.duckdb" in built["inc_out"]
    assert "full rebuild (--full)" in built["full_b_out"]
    assert "removed: indiv:itcont_insight_7rows.txt" in built["inc_out"]
    assert "rows of the changed last names decided again" in built["inc_out"]
    assert "re-clustered (the blocks of the changed rows)" in built["inc_out"]
    assert "donor_id index: kept (311 changed rows; their new donor_ids written by writing the rows again)" in " ".join(
        built["inc_out"].split())


def test_the_new_indiv_file_loads_only_its_new_and_changed_lines(built):
    res = {r.dataset: r for r in built["inc_results"]}
    indiv = res["indiv2020"]
    full = _rows(built["full"], "SELECT rows_read, rows_loaded, rows_rejected FROM load_log WHERE dataset = 'indiv2020'")
    assert (indiv.status, indiv.rows_read, indiv.rows_loaded, indiv.rows_rejected) == ("loaded", *full[0])
    assert full[0] == (70670, 70669, 1)
    note = _rows(built["inc"], "SELECT note FROM load_log WHERE load_id = $id", {"id": indiv.load_id})[0][0]
    # the first chunk (lines 1-122 of the real file: lines 7, 11 and 25) and the old last chunk with the 300 new lines
    # are read typed
    assert note == ("incremental: 70,368 unchanged, 300 new, 1 changed, 2 removed; 443 lines in 5 of 763 chunks read "
                    "typed (1 rejected, 141 rows as they were), 0 rejects kept")
    statuses = sorted(r.status for r in built["inc_results"])
    assert statuses == ["loaded", "loaded", "unchanged", "unchanged", "unchanged", "unchanged"]
    # the changed line's row carries B's text and the new load; the unchanged rows keep the load that wrote them
    changed = _rows(built["inc"], "SELECT memo_cd, load_id FROM contributions WHERE contribution_id = $id",
                    {"id": _sub_id(built, CHANGED_LINE)})
    assert changed == [(None, indiv.load_id)]


def _sub_id(built: dict, line: int) -> str:
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        text = zf.read("itcont.txt").splitlines()[line - 1]
    return "fec:" + text.decode().rsplit("|", 1)[-1]


def test_incremental_update_equals_the_full_build(built):
    inc, full = _rows(built["inc"], CONTRIBUTIONS), _rows(built["full"], CONTRIBUTIONS)
    assert len(full) == FULL_B_ROWS and sum(r[0].startswith("fec:") for r in full) == 70669
    assert inc == full
    assert _sub_id(built, REMOVED_LINE) not in {r[0] for r in inc}
    a_ids = {r[0] for r in _rows(built["a"], CONTRIBUTIONS)}
    assert len({r[0] for r in inc} - a_ids) == ADDED
    for table in ("org_money_rows", "committee_rollup", "committee_donors"):
        sql = f"SELECT * FROM {table} ORDER BY ALL"
        assert _rows(built["inc"], sql) == _rows(built["full"], sql), table
        assert len(_rows(built["full"], sql)) > 0, table
    index = "SELECT index_name, expressions FROM duckdb_indexes() ORDER BY ALL"
    assert _rows(built["inc"], index) == _rows(built["full"], index) == [("contributions_donor_id", "[donor_id]")]
    # an unchanged file's rejects keep the path they were read from (here folder A): compared by file name
    for sql in ("SELECT regexp_replace(path, '^.*/', ''), line_no, reason FROM load_errors ORDER BY ALL",
                "SELECT * EXCLUDE (match_weight, match_probability) FROM donor_match_evidence ORDER BY ALL",
                "SELECT doc_key, kind, title, length FROM search_docs ORDER BY ALL",
                "SELECT * FROM employer_matches ORDER BY ALL",
                "SELECT * FROM donor_term_frequencies ORDER BY ALL", "SELECT * FROM donor_scoring",
                "SELECT * EXCLUDE (load_id) FROM filing_items ORDER BY ALL"):
        assert _rows(built["inc"], sql) == _rows(built["full"], sql), sql
    assert len(_rows(built["full"], "SELECT * FROM search_docs")) > 0
    assert len(_rows(built["inc"], "SELECT * FROM filing_items")) > 0
    cut = _rows(built["inc"], "SELECT line_no, reason FROM load_errors WHERE path LIKE '%/B/indiv20.zip!itcont.txt'")
    assert cut == [(CUT_LINE - 1, "wrong field count (too few fields)")]  # line 7 is not in B


def test_donor_scores_of_unchanged_records_keep_the_scores_they_had(built):
    """The pairs that hold a new record (or one whose block key moved, or that holds a changed row) are scored again
    with the term frequencies of every record, as in a full build; a pair of two other records, in the changed blocks
    or not, was a candidate before with the same fields and keeps the weight of the build that scored it: adding
    records shifts every term frequency a little (the stored pairs of a last name that gains or loses records get the
    change of its term frequency added; here at most 0.17 bits; the same pairs are above the threshold and joined).
    `moneytrail build --full` scores every pair again."""
    sql = """SELECT e.contribution_id_l, e.contribution_id_r, e.match_weight, f.last_name
             FROM donor_match_evidence e JOIN donor_features f ON f.contribution_id = e.contribution_id_l
             WHERE e.evidence = 'splink' ORDER BY 1, 2"""
    inc, full = _rows(built["inc"], sql), _rows(built["full"], sql)
    assert [r[:2] for r in inc] == [r[:2] for r in full] and len(full) == 1638
    a_names = {r[3] for r in _rows(built["a"], sql)}
    moved = {r[:2] for r, f in zip(inc, full, strict=True) if r[2] != f[2]}
    records = "SELECT DISTINCT record_id FROM donor_features"
    new_records = {r[0] for r in _rows(built["inc"], records)} - {r[0] for r in _rows(built["a"], records)}
    new_pairs = {r[:2] for r in inc if r[0] in new_records or r[1] in new_records}
    assert moved and new_pairs and not moved & new_pairs  # the new records' pairs are scored exactly as in a full build
    assert {r[3] for r in inc if r[:2] in moved} <= a_names
    assert round(max(abs(r[2] - f[2]) for r, f in zip(inc, full, strict=True)), 2) == 0.17


def test_the_kept_scoring_sql_gives_every_pair_of_the_full_build_exactly(built, tmp_path):
    """An update scores its pairs with splink's SQL kept by the full build (etl/donor_score.py), not with splink: run
    over every record of the real full build with its kept term frequencies, it gives splink's 1,638 pairs above the
    threshold with the same weights, probabilities and levels, to the last bit."""
    shutil.copyfile(built["full"], tmp_path / "score.duckdb")
    con = db.connect(tmp_path / "score.duckdb")
    try:
        con.execute("CREATE TEMP TABLE donor_rows AS SELECT * FROM donor_features")
        con.execute(donors.RECORDS_SQL)
        con.execute("""CREATE TEMP TABLE blocks AS SELECT record_id, any_value(block_state) AS block_state,
                       any_value(block_zip) AS block_zip, any_value(block_employer) AS block_employer
                       FROM donor_features GROUP BY record_id""")
        candidates = donor_score.score(con, "donor_records", "blocks")
        stored = con.execute("""SELECT contribution_id_l, contribution_id_r, match_weight, match_probability,
                                       last_name_level, first_name_level, middle_initial_level, suffix_level,
                                       place_level, employer_level, occupation_level
                                FROM donor_match_evidence WHERE evidence = 'splink' ORDER BY 1, 2""").fetchall()
        scored = con.execute("SELECT * FROM donor_new_edges ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    assert len(stored) == 1638 and candidates > len(stored)
    assert scored == stored


def test_an_update_that_only_adds_lines_reads_only_its_rows_and_equals_the_full_build(built, folders, tmp_path,
                                                                                      monkeypatch):
    """Folder C is A with the real file's last 300 lines added (nothing removed or changed): the update finds that no
    row vanished from counts alone (etl/donor_changed.changed_rows reads only the new load's rows, no anti-join over
    every row; B's update, with a removed and a cut line, takes the other way) and still equals C's full build."""
    a, _ = folders
    c = tmp_path / "C"
    c.mkdir()
    for p in a.iterdir():
        if p.is_symlink():
            os.symlink(os.readlink(p), c / p.name)
    with zipfile.ZipFile(a / "indiv20.zip") as zf:
        a_lines = zf.read("itcont.txt").splitlines(keepends=True)
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        real = zf.read("itcont.txt").splitlines(keepends=True)
    _zip(a_lines + real[-ADDED:], c / "indiv20.zip")
    shutil.copyfile(built["a"], tmp_path / "c_inc.duckdb")
    taken: list[bool] = []
    changed_rows = donor_changed.changed_rows
    monkeypatch.setattr(donor_changed, "changed_rows", lambda con, ids: taken.append(changed_rows(con, ids)) or taken[-1])
    _build(c, tmp_path / "c_inc.duckdb")
    monkeypatch.undo()
    _build(c, tmp_path / "c_full.duckdb", full=True)
    assert taken == [True] and built["inc_by_counts"] == [False]
    for sql in (CONTRIBUTIONS, "SELECT * FROM employer_matches ORDER BY ALL", "SELECT * FROM org_money_rows ORDER BY ALL",
                "SELECT * EXCLUDE (match_weight, match_probability) FROM donor_match_evidence ORDER BY ALL",
                "SELECT * FROM donor_term_frequencies ORDER BY ALL", "SELECT * FROM donor_features ORDER BY ALL",
                "SELECT * FROM attribution_rows ORDER BY ALL"):
        assert _rows(tmp_path / "c_inc.duckdb", sql) == _rows(tmp_path / "c_full.duckdb", sql), sql
    assert len(_rows(tmp_path / "c_full.duckdb", CONTRIBUTIONS)) == FULL_B_ROWS + 7 + 2  # B's less, plus A's own


def test_named_queries_give_the_same_figures(built):
    top = _rows(built["full"], """SELECT (SELECT org_id FROM org_money_rows GROUP BY 1 ORDER BY sum(amount) DESC, 1 LIMIT 1),
                                         (SELECT recipient_cmte_id FROM org_money_rows WHERE recipient_cmte_id IS NOT NULL
                                          GROUP BY 1 ORDER BY sum(amount) DESC, 1 LIMIT 1),
                                         (SELECT donor_id FROM contributions WHERE donor_id IS NOT NULL
                                          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1)""")[0]
    params = {"org_id": top[0], "cmte_id": top[1], "donor_id": top[2], "channels": list(model.channels()),
              "cycle": None, "limit": 50}
    for name in QUERY_NAMES:
        q = QUERIES[name]
        used = {k: v for k, v in params.items() if re.search(rf"\${k}\b", q.sql)}
        if name.startswith("org_") and "cmte_id" in used:
            used["cmte_id"] = None  # every recipient of the organization
        got = [_rows(p, q.sql, used) for p in (built["inc"], built["full"])]
        if name != "coverage":
            assert got[0] == got[1], name
        assert got[1], f"{name} returned no rows"


def test_an_update_adding_and_dropping_a_later_copy_of_bulk_rows_equals_the_full_build(built, folders, tmp_path):
    """Folder C is B plus a loose itcont.txt (loaded after indiv20.zip, so its copies count and indiv20's become
    duplicate_row): 20 lines of rows in org_money_rows, 20 others, and the line of the DNC's largest donor with its
    amount cut to 1 (that name loses money among the DNC's 100 largest). Updating B to C and back to B touches earlier
    rows through the counting rules only (etl/changes.py); each update equals the full build of its folder."""
    with zipfile.ZipFile(shared_data() / "fec/bulk_2020_early/indiv20.zip") as zf:
        real = zf.read("itcont.txt").splitlines(keepends=True)
    by_id = {"fec:" + line.decode().rstrip("\n").rsplit("|", 1)[-1]: line for line in real}
    money = [r[0] for r in _rows(built["full"], """SELECT row_id FROM org_money_rows WHERE row_id LIKE 'fec:%'
                                                  ORDER BY row_id LIMIT 20""")]
    top = _rows(built["full"], """SELECT max(c.contribution_id) FROM committee_donors d JOIN contributions c
                                  ON c.recipient_cmte_id = d.recipient_cmte_id AND c.contributor_name = d.donor
                                  WHERE d.recipient_cmte_id = 'C00010603' AND d.rank = 1 AND c.source = 'fec_bulk'""")[0][0]
    cut = by_id[top].split(b"|")
    cut[14] = b"1"
    c = tmp_path / "C"
    c.mkdir()
    for p in folders[1].iterdir():
        os.symlink(os.path.realpath(p), c / p.name)
    (c / "itcont.txt").write_bytes(b"".join([by_id[i] for i in money] + real[100:120] + [b"|".join(cut)]))
    target = tmp_path / "inc.duckdb"
    shutil.copyfile(built["full"], target)
    out = " ".join(_build(c, target)[1].split())
    assert "changed contribution rows: 41 new, 0 gone, 41 earlier rows whose counting rule changed" in out
    assert "org_money_rows: 20 rows written again" in out  # the loose copies; the indiv rows left it
    assert "donor_id index: kept" in out
    assert "(1 committees' largest donors computed from all their rows)" in out  # the DNC: its largest donor lost money
    _build(c, tmp_path / "full_c.duckdb", full=True)
    tables = [CONTRIBUTIONS.replace("ORDER BY contribution_id", "ORDER BY ALL"),  # two copies share an ID
              "SELECT index_name, expressions FROM duckdb_indexes() ORDER BY ALL",
              *(f"SELECT * FROM {t} ORDER BY ALL" for t in ("org_money_rows", "committee_rollup", "committee_donors"))]
    for sql in tables:
        assert _rows(target, sql) == _rows(tmp_path / "full_c.duckdb", sql), sql
    assert _rows(target, "SELECT count(*) FROM contributions WHERE count_rule = 'duplicate_row'") == [(41,)]
    out = " ".join(_build(folders[1], target)[1].split())  # back to B: the copies are gone, indiv20's rows count again
    assert "changed contribution rows: 0 new, 41 gone, 41 earlier rows whose counting rule changed" in out
    for sql in tables:
        assert _rows(target, sql) == _rows(built["full"], sql), sql


def test_an_unchanged_rebuild_touches_nothing(built, folders, tmp_path):
    target = tmp_path / "again.duckdb"
    shutil.copyfile(built["full"], target)
    tables = ("contributions", "org_money_rows", "donor_match_evidence", "search_postings", "load_errors")
    before = {t: _rows(target, f"SELECT * FROM {t} ORDER BY ALL") for t in tables}
    results, out = _build(folders[1], target)
    assert {r.status for r in results} == {"unchanged"} and len(results) == 6
    assert "unchanged: every file has the sha256 of its last load; nothing was re-derived" in out
    assert {t: _rows(target, f"SELECT * FROM {t} ORDER BY ALL") for t in tables} == before
    assert one(duckdb.connect(str(target), read_only=True),
               "SELECT count(*) FROM load_log WHERE status = 'unchanged'") == 6


def test_a_changed_schema_or_full_forces_a_full_build(built, tmp_path, monkeypatch):
    target = tmp_path / "s.duckdb"
    shutil.copyfile(built["full"], target)
    assert incremental.why_full(target, False) is None
    assert incremental.why_full(target, True) == "full rebuild (--full)"
    monkeypatch.setattr(incremental, "schema_fingerprint", lambda: "another")
    assert incremental.why_full(target, False) == "full rebuild (the schema changed since the warehouse was built)"


# A build in a child process that kills itself (SIGKILL) when it reaches the patched step.
KILLER = """
import os, signal, shutil, sys
from pathlib import Path
from rich.console import Console
from etl import build, db, donor_score, donors
from etl.sources.fec_bulk import diff
step = sys.argv[3]
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
if step == "copy":
    def half(src, dst):
        with open(src, "rb") as f, open(dst, "wb") as g:
            g.write(f.read(os.path.getsize(src) // 2))
        die()
    db.shutil.copyfile = half
elif step == "diff":
    diff._typed = die
else:
    donors._predict = donor_score.score = die  # pair scoring, in a full and an incremental build
build.build(Path(sys.argv[1]), Path(sys.argv[2]), console=Console(file=open(os.devnull, "w")))
"""


@pytest.mark.parametrize("step", ["copy", "diff", "derive"])
def test_a_killed_incremental_build_leaves_the_previous_warehouse(built, folders, tmp_path, step):
    target = tmp_path / "k.duckdb"
    shutil.copyfile(built["a"], target)
    before = [_rows(target, sql) for sql in (CONTRIBUTIONS, "SELECT * FROM load_log ORDER BY load_id")]
    proc = subprocess.run([sys.executable, "-c", KILLER, str(folders[1]), str(target), step],
                          capture_output=True, cwd=Path(__file__).resolve().parents[1], timeout=600)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    assert list(tmp_path.glob("k.duckdb.building-*")), "the build never started writing"
    assert [_rows(target, sql) for sql in (CONTRIBUTIONS, "SELECT * FROM load_log ORDER BY load_id")] == before
    # the next build removes the half-written copy and updates the warehouse
    results, _ = _build(folders[1], target)
    assert list(tmp_path.glob("k.duckdb.building-*")) == []
    assert _rows(target, CONTRIBUTIONS) == _rows(built["full"], CONTRIBUTIONS)
    assert [r.status for r in results].count("loaded") == 2


def test_the_cli_updates_by_default_and_rebuilds_with_full(tmp_path):
    from tests.conftest import FIXTURES
    moneytrail = str(Path(sys.executable).parent / "moneytrail")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(FIXTURES / "efile" / "9999001.fec", src)
    target = str(tmp_path / "mt.duckdb")

    def run(*extra: str) -> str:
        done = subprocess.run([moneytrail, "--db", target, "build", "--from", str(src), *extra], capture_output=True,
                              text=True, check=True)
        return done.stderr

    assert "full build (no warehouse yet)" in run()
    again = run()
    assert "incremental build: updating mt.duckdb" in again and "unchanged: every file has the sha256" in again
    assert "full rebuild (--full)" in run("--full")


def test_a_rule_scoped_by_rewriting_its_one_definition_fails_loudly_when_the_definition_moves():
    from etl import rules
    from etl.model import rewrite
    assert rules.SCOPED_DUPLICATE_ROW_RULE.count("chg_rule_before") == 3  # two ID filters and the rows compared
    assert rewrite("SELECT a FROM t", ("FROM t", "FROM u")) == "SELECT a FROM u"
    with pytest.raises(ValueError, match="'FROM v' is not in the statement"):
        rewrite("SELECT a FROM t", ("FROM v", "FROM u"))
