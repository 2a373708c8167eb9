"""Content-defined chunks of the lines of FEC bulk row files (bulk_chunks), which a newer copy is compared with (diff.py).

A chunk ends after a line whose last bytes are BOUNDARY, the last two digits of its SUB_ID (the last field): 1.08% of
the lines of the real indiv20.zip, 1.00% of oth20, 0.98% of pas220 (70,671, 50,921 and 3,159 lines), so about 100
lines a chunk. A chunk boundary depends only on the line it follows, so an inserted, edited or removed line changes
its own chunk and no other. MOST_BYTES bounds a chunk when a file's SUB_IDs are skewed (the boundary then falls at
the next line end, and the content-defined boundaries take over again after it).

Each chunk is named by its xxh3_128 (16 bytes): eight times faster than SHA-1 here (0.08 against 0.65 CPU-s for the
743 MB member of the 4M-line cycle). A hash only tells whether a chunk holds the same bytes as one of the last load's:
two different chunks collide by chance with odds of about 2^-128 per pair, and a crafted collision would need someone
to write both copies of about 100 consecutive lines of FEC's published file; the worst it could do is keep an edited
chunk's old rows until the next `--full` build, which reads every line whatever the hashes say.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import xxhash

from etl.net.files import LineCount
from etl.sources.fec_bulk.specs import Spec

# SUB_ID is the last field of these files' lines (oppexp's is not: it is reloaded whole when it changes).
DIFFED = {"indiv", "oth", "pas2"}
BOUNDARY = b"77\n"
MOST_BYTES = 1 << 17


class Chunks(LineCount):
    """Counts lines and cuts them into chunks while the file is copied: xxh3_128, first line, lines, offset, size of each."""

    def __init__(self, most: int = MOST_BYTES) -> None:
        super().__init__()
        self.hashes: list[bytes] = []
        self.firsts: list[int] = []
        self.counts: list[int] = []
        self.offsets: list[int] = []
        self.sizes: list[int] = []
        self._pat, self._most = BOUNDARY, most
        self._h = xxhash.xxh3_128()
        self._start = self._pos = self._lines = 0  # chunk start, bytes before this block, lines of the open chunk
        self._tail = b""

    def feed(self, block: bytes) -> None:
        """Cut the next block of the file into chunks (the last one stays open)."""
        if not block:
            return
        n, a, mv, pat = len(block), 0, memoryview(block), self._pat
        search, keep = 0, len(pat) - 1
        edge = (self._tail + block[:keep]).find(pat) if len(self._tail) == keep else -1
        if edge >= 0:  # the boundary's bytes straddle the previous block and this one
            end = edge + len(pat) - keep
            self._emit(block, mv, a, end)
            a = search = end
        while True:
            i = block.find(pat, search)
            end = i + len(pat) if i >= 0 else -1
            limit = self._start + self._most - self._pos  # where the open chunk reaches its most bytes
            if limit < (end if end >= 0 else n):
                f = block.find(b"\n", max(limit, a))
                if f >= 0:
                    end = f + 1
            if end < 0:
                break
            self._emit(block, mv, a, end)
            a = search = end
        if a < n:
            self._h.update(mv[a:])
            self._lines += block.count(b"\n", a)
        self._pos += n
        self._tail = (self._tail + block[-keep:])[-keep:]
        self._last = block[-1:]

    def _emit(self, block: bytes, mv: memoryview, a: int, end: int) -> None:
        self._h.update(mv[a:end])
        lines = self._lines + block.count(b"\n", a, end)
        self._close_chunk(lines, self._pos + end)

    def _close_chunk(self, lines: int, stop: int) -> None:
        self.hashes.append(self._h.digest())
        self.firsts.append(self.total + 1)
        self.counts.append(lines)
        self.offsets.append(self._start)
        self.sizes.append(stop - self._start)
        self.total += lines
        self._h, self._start, self._lines = xxhash.xxh3_128(), stop, 0

    def close(self) -> Chunks:
        """End the last chunk (a last line without a line feed counts as a line)."""
        if self._pos > self._start:
            self._close_chunk(self._lines + (self._last != b"\n"), self._pos)
            self._last = b"\n"
        return self


def lines_sql(plain: Path) -> str:
    """A reader of the file's lines as one column `line` (latin-1 reads every byte; no field splitting)."""
    path = str(plain).replace("'", "''")
    no_delim = chr(1) + chr(2) + chr(3)  # a field separator no line holds: each line is one value
    return (f"read_csv('{path}', columns={{'line': 'VARCHAR'}}, header=false, delim='{no_delim}', quote='', "
            "escape='', new_line='\\n', auto_detect=false, encoding='latin-1', max_line_size=10000000)")


def remember(con: duckdb.DuckDBPyConnection, spec: Spec, dataset: str, chunks: LineCount) -> None:
    """Keep the chunks of a freshly loaded row file, which the next copy of the file is compared with."""
    if spec.file_type not in DIFFED or not isinstance(chunks, Chunks):
        return
    con.execute("DELETE FROM bulk_chunks WHERE dataset = $d", {"d": dataset})
    con.execute("""INSERT INTO bulk_chunks SELECT $d, unnest($f), unnest($n), unnest($o), unnest($s), unnest($h)""",
                {"d": dataset, "f": chunks.firsts, "n": chunks.counts, "o": chunks.offsets, "s": chunks.sizes,
                 "h": chunks.hashes})


def remembered(con: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    """True when the dataset's last load kept its chunks (a diff is possible)."""
    return bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM bulk_chunks WHERE dataset = $d LIMIT 1)",
                            {"d": dataset}).fetchall()[0][0])
