"""Shared file plumbing for loaders: zip members, line counts, rejects bookkeeping."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import duckdb


class LoadError(Exception):
    """A file cannot be loaded at all (not a row problem): the message says why."""


@contextmanager
def extracted(path: Path, member: str | None, on_bytes: Callable[[int], None] | None = None) -> Iterator[Path]:
    """Yield a plain file with the content to load: the zip member unpacked to a temp dir, or path itself."""
    if member is None:
        yield path
        return
    tmpdir = Path(tempfile.mkdtemp(prefix="moneytrail-"))
    out = tmpdir / Path(member).name
    try:
        try:
            with zipfile.ZipFile(path) as zf, zf.open(member) as src, open(out, "wb") as dst:
                while block := src.read(1 << 22):
                    dst.write(block)
                    if on_bytes:
                        on_bytes(len(block))
        except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, OSError) as exc:
            raise LoadError(f"{path}: the zip is truncated or corrupt ({exc.__class__.__name__}: {exc}); download it again") from exc
        yield out
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def zip_members(path: Path) -> list[str]:
    """Names of the members of a zip, or a clear LoadError when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise LoadError(f"{path}: not a readable zip file ({exc}); download it again") from exc


def count_lines(path: Path) -> tuple[int, list[int]]:
    """Number of physical lines, and the numbers of blank lines (which CSV readers skip silently)."""
    lines = 0
    blanks: list[int] = []
    prev_nl = True
    last = b"\n"
    with open(path, "rb") as f:
        while block := f.read(1 << 24):
            n = block.count(b"\n")
            if b"\n\n" in block or (prev_nl and block[:1] == b"\n"):
                # slow path only for blocks that contain blank lines
                base = lines
                start_nl = prev_nl
                for i, line in enumerate(block.split(b"\n")[:-1]):
                    if line.strip(b"\r") == b"" and (i > 0 or start_nl):
                        blanks.append(base + i + 1)
            lines += n
            prev_nl = block.endswith(b"\n")
            last = block[-1:]
    if last != b"\n":
        lines += 1
    return lines, blanks


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
