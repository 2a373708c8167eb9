"""Shared file plumbing for loaders: zip members, line counts, rejects bookkeeping."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import duckdb


class LoadError(Exception):
    """A file cannot be loaded at all (not a row problem): the message says why."""


@dataclass
class LineCount:
    """Physical lines seen while copying a file (blank ones are found later, only if any were skipped)."""

    total: int = 0
    _last: bytes = b"\n"

    def feed(self, block: bytes) -> None:
        """Count the lines of the next block of the file."""
        if block:
            self.total += block.count(b"\n")
            self._last = block[-1:]

    def close(self) -> "LineCount":
        """Count a last line that has no line feed."""
        if self._last != b"\n":
            self.total += 1
            self._last = b"\n"
        return self


def blank_lines(path: Path) -> list[int]:
    """Numbers of the empty lines of a file, which CSV readers skip silently."""
    found: list[int] = []
    base, prev_nl = 0, True
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            if b"\n\n" in block or b"\n\r\n" in block or (prev_nl and block[:1] in (b"\n", b"\r")):
                for i, line in enumerate(block.split(b"\n")[:-1]):
                    if line.strip(b"\r") == b"" and (i > 0 or prev_nl):
                        found.append(base + i + 1)
            base += block.count(b"\n")
            prev_nl = block.endswith(b"\n")
    return found


@contextmanager
def extracted(path: Path, member: str | None,
              on_bytes: Callable[[int], None] | None = None) -> Iterator[tuple[Path, LineCount]]:
    """Yield a plain file with the content to load (the zip member unpacked to a temp dir, or path itself) and its line count."""
    lines = LineCount()
    if member is None:
        with open(path, "rb") as f:
            while block := f.read(1 << 24):
                lines.feed(block)
        yield path, lines.close()
        return
    tmpdir = Path(tempfile.mkdtemp(prefix="moneytrail-"))
    out = tmpdir / Path(member).name
    try:
        try:
            with zipfile.ZipFile(path) as zf, zf.open(member) as src, open(out, "wb") as dst:
                while block := src.read(1 << 22):
                    dst.write(block)
                    lines.feed(block)
                    if on_bytes:
                        on_bytes(len(block))
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError) as exc:
            raise LoadError(f"{path}: the zip is truncated or corrupt ({exc.__class__.__name__}: {exc}); download it again") from exc
        yield out, lines.close()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def zip_members(path: Path) -> list[str]:
    """Names of the members of a zip, or a clear LoadError when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"{path}: not a readable zip file ({exc}); download it again") from exc


def record_rejects(con: duckdb.DuckDBPyConnection, load_id: int, where: str,
                   rejects_table: str, header_hint: str) -> int:
    """Move DuckDB's reject table into load_errors (one row per bad line) and return how many lines."""
    con.execute(
        f"""
        INSERT INTO load_errors (load_id, path, line_no, raw_line, reason)
        SELECT $load_id, $path, line,
               any_value(csv_line),
               CASE
                 WHEN line = 1 AND any_value(csv_line) LIKE $hint || '%'
                   THEN 'header row: FEC bulk files have no header line'
                 ELSE string_agg(DISTINCT
                   CASE error_type
                     WHEN 'MISSING COLUMNS' THEN 'wrong field count (too few fields)'
                     WHEN 'TOO MANY COLUMNS' THEN 'wrong field count (too many fields)'
                     WHEN 'INVALID ENCODING' THEN 'undecodable bytes (not UTF-8)'
                     WHEN 'CAST' THEN 'bad ' || lower(column_name) || ': ' || error_message
                     ELSE lower(error_type::VARCHAR) || ': ' || error_message
                   END, '; ' ORDER BY 1)
               END
        FROM {rejects_table}
        GROUP BY line
        """,
        {"load_id": load_id, "path": where, "hint": header_hint},
    )
    n = con.execute(f"SELECT count(DISTINCT line) FROM {rejects_table}").fetchall()[0][0]
    con.execute(f"DROP TABLE IF EXISTS {rejects_table}")
    return int(n)


def record_blank_lines(con: duckdb.DuckDBPyConnection, load_id: int, where: str, blanks: list[int]) -> int:
    """Log blank lines as rejected rows so that nothing disappears unexplained."""
    if blanks:
        con.executemany(
            "INSERT INTO load_errors VALUES (?, ?, ?, '', 'blank line')",
            [(load_id, where, n) for n in blanks],
        )
    return len(blanks)
