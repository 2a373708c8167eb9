"""Adding a source is one object in SOURCES: a test-only source registered at run time is built, covered and
logged with no other module changed. Its file and rows are SYNTHETIC (fictional widgets)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from etl import db, sources
from etl.build import build, discover
from etl.cli import app
from etl.net.progress import Progress
from etl.queries import QUERIES
from etl.sources.base import Recognised, Source, WatchStep

TINY_SQL = """
CREATE TABLE IF NOT EXISTS tiny_widgets (
    widget_id VARCHAR NOT NULL,
    made_on   DATE,
    dataset   VARCHAR NOT NULL,
    load_id   BIGINT NOT NULL
);
COMMENT ON TABLE tiny_widgets IS 'SYNTHETIC widgets of the test-only source in tests/test_sources.py.';
COMMENT ON COLUMN tiny_widgets.widget_id IS 'Fictional widget ID.';
COMMENT ON COLUMN tiny_widgets.made_on IS 'Day the fictional widget was made.';
COMMENT ON COLUMN tiny_widgets.dataset IS 'Replacement key of the file (load_log.dataset).';
COMMENT ON COLUMN tiny_widgets.load_id IS 'Load that wrote the row (load_log).';
INSERT OR REPLACE INTO source_coverage VALUES
 ('tiny_widgets', 'widgets made abroad', false, 'The fictional widget file lists only home-made widgets.',
  'tests/test_sources.py');
"""
FILE = "widget_id,made_on\nW-1,2025-01-02\nW-2,2025-01-31\nW-3,not a day\n"


class TinySource:
    """A whole source in a few lines: recognise *.widgets.csv, load it into tiny_widgets, say how current it is."""

    name = "tiny_widgets"
    title = "Tiny widgets (SYNTHETIC, test only)"

    def recognise(self, path: Path) -> Recognised | None:
        """A .widgets.csv file, loaded after every real source."""
        return Recognised(path, "widgets", 99) if path.name.endswith(".widgets.csv") else None

    def load(self, con: duckdb.DuckDBPyConnection, path: Path, progress: Progress | None = None) -> db.LoadResult:
        """Rows with a readable day are loaded, the others rejected with their line and reason."""
        rows = list(csv.reader(io.StringIO(path.read_text())))[1:]
        dataset = f"tiny:{path.name}"

        def write(ld: db.Loading) -> db.Counts:
            con.execute("DELETE FROM tiny_widgets WHERE dataset = $d", {"d": dataset})
            good, bad = [], []
            for n, (widget, day) in enumerate(rows, start=2):
                (good if day[:4].isdigit() else bad).append((n, widget, day))
            con.executemany("INSERT INTO tiny_widgets VALUES (?, ?::DATE, ?, ?)",
                            [(w, d, dataset, ld.load_id) for _, w, d in good])
            return db.Counts(len(rows), len(good), ld.reject([(n, f"{w},{d}", f"bad day: {d}") for n, w, d in bad]))

        return db.load_file(con, db.FileLoad(self.name, "widgets", dataset, path), write)

    def sql(self) -> list[str]:
        """Its table, with a comment on every column, and its coverage row."""
        return [TINY_SQL]

    def as_of(self) -> str | None:
        """The latest day in its rows."""
        return "SELECT max(made_on)::VARCHAR FROM tiny_widgets"

    def watch_steps(self, cycles: list[int]) -> list[WatchStep]:
        """Nothing to fetch."""
        return []


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The real sources plus the tiny one, and a folder holding one SYNTHETIC widgets file; returns the warehouse."""
    assert isinstance(TinySource(), Source)
    monkeypatch.setattr(sources, "SOURCES", [*sources.SOURCES, TinySource()])
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "fictional.widgets.csv").write_text(FILE)
    target = tmp_path / "mt.duckdb"
    build(folder, target)
    return target


def test_build_discovers_and_loads_the_new_source(tiny: Path):
    assert [(f.path.name, f.kind, f.source.name) for f in discover(tiny.parent / "records")] == [
        ("fictional.widgets.csv", "widgets", "tiny_widgets")]
    con = duckdb.connect(str(tiny), read_only=True)
    assert con.execute("SELECT widget_id, made_on::VARCHAR FROM tiny_widgets ORDER BY 1").fetchall() == [
        ("W-1", "2025-01-02"), ("W-2", "2025-01-31")]
    assert con.execute("SELECT line_no, reason FROM load_errors").fetchall() == [(4, "bad day: not a day")]
    assert con.execute("""SELECT count(*) FROM duckdb_columns() WHERE table_name = 'tiny_widgets'
                          AND comment IS NOT NULL""").fetchall() == [(4,)]


def test_coverage_shows_the_new_source(tiny: Path):
    con = duckdb.connect(str(tiny), read_only=True)
    got = QUERIES["coverage"].run(con).records()
    assert [(r["source"], r["files"], r["rows_loaded"], r["rows_rejected"], r["data_as_of"]) for r in got] == [
        ("tiny_widgets", 1, 2, 1, "2025-01-31")]
    con.close()
    out = CliRunner().invoke(app, ["--db", str(tiny), "coverage"])
    assert out.exit_code == 0, out.output
    assert "tiny_widgets,widgets made abroad,False,The fictional widget file lists only home-made widgets." in out.output


def test_loads_lists_the_new_source(tiny: Path):
    out = CliRunner().invoke(app, ["--db", str(tiny), "loads"])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0].startswith("load_id,status,file_type,dataset,rows_read,rows_loaded,rows_rejected")
    assert any(",loaded,widgets,tiny:fictional.widgets.csv,3,2,1," in line for line in lines[1:])
