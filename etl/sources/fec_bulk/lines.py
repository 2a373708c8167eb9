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

Given the last load's chunks (a diff), a chunk is first guessed to be the old chunk after the last one cut: when
the next bytes of that chunk's size have its hash, they are that chunk, cut where it was cut (a cut depends only on the
bytes from the chunk's start; the old last chunk, cut by the file's end, is never guessed) with its line count, and
the boundary search and line count are skipped (about 0.3 of the unzip pass's 1.0 CPU-s at 2M lines).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import xxhash

from etl.net.files import LineCount
from etl.sources.fec_bulk.specs import Spec

# SUB_ID is the last field of these files' lines (oppexp's is not: it is reloaded whole when it changes).
DIFFED = {"indiv", "oth", "pas2"}
BOUNDARY = b"77\n"
_FIRST, _SECOND, _LF = BOUNDARY  # two bytes, then the line feed (the cutter assumes three bytes)
MOST_BYTES = 1 << 17


class Chunks(LineCount):
    """Counts lines and cuts them into chunks while the file is copied: xxh3_128, first line, lines, offset, size of each."""

    def __init__(self, most: int = MOST_BYTES, old: list[tuple[int, int, int, int, bytes]] | None = None) -> None:
        super().__init__()
        self.hashes: list[bytes] = []
        self.firsts: list[int] = []
        self.counts: list[int] = []
        self.offsets: list[int] = []
        self.sizes: list[int] = []
        self._most = most
        self._h = xxhash.xxh3_128()
        self._start = self._pos = self._lines = 0  # chunk start, bytes before this block, lines of the open chunk
        self._tail = b"\n\n"  # the last two bytes before the block (none before the file: no boundary)
        # the block's line feeds (positions), and how many come before each boundary's end (None: bytes.count them)
        self._nl: np.ndarray = np.empty(0, np.int64)
        self._ranks: dict[int, int] | None = None
        # the last load's chunks but its last, (bytes, lines, hash), and the one guessed next; where each hash is
        old = old or []
        self._old = [(size, lines, h) for _first, lines, _off, size, h in old[:-1]]
        self._index = {h: i for i, (*_, h) in reversed(list(enumerate(self._old)))}
        self._next = 0

    def feed(self, block: bytes) -> None:
        """Cut the next block of the file into chunks (the last one stays open)."""
        if not block:
            return
        n, a, mv = len(block), 0, memoryview(block)
        # With the last load's chunks to guess, most bytes are taken by a hash and a few chunks searched, by bytes.find
        # each (NumPy over the block would cost 0.23 CPU-s at 2M lines against 0.07); else NumPy searches every byte.
        self._ranks = None
        ends = None if self._next < len(self._old) else self._boundaries(block)
        k = 0
        while True:
            if self._next < len(self._old) and self._start == self._pos + a:  # at a chunk's start: guess it
                a = self._known(mv, a)
            if ends is None:
                end = self._find(block, a)
            else:
                while k < len(ends) and ends[k] <= a:
                    k += 1
                end = ends[k] if k < len(ends) else -1
            limit = self._start + self._most - self._pos  # where the open chunk reaches its most bytes
            if limit < (end if end >= 0 else n):
                f = block.find(b"\n", max(limit, a))
                if f >= 0:
                    end = f + 1
            if end < 0:
                break
            self._emit(block, mv, a, end)
            a = end
        if a < n:
            self._h.update(mv[a:])
            self._lines += self._newlines(block, a, n)
        self._pos += n
        self._tail = (self._tail + block[-2:])[-2:]
        self._last = block[-1:]

    def _boundaries(self, block: bytes) -> list[int]:
        """Where the block's boundaries end (after each line feed that follows "77"); keeps its line feeds' positions."""
        # One NumPy pass finds the line feeds, whose positions also give each chunk's line count: 0.18 CPU-s at 2M lines
        # against 0.37 for bytes.find of BOUNDARY and bytes.count of the line feeds per chunk (bench/profile_load.py).
        arr = np.frombuffer(block, np.uint8)
        nl = np.flatnonzero(arr == _LF)
        bound = (arr.take(nl - 1, mode="clip") == _SECOND) & (arr.take(nl - 2, mode="clip") == _FIRST)
        for i in range(min(2, len(nl))):  # the first line feeds of a block look back into the bytes before it
            if nl[i] < 2:
                bound[i] = (self._tail + block[:nl[i]])[-2:] == BOUNDARY[:2]
        at = np.flatnonzero(bound)
        ends = (nl[at] + 1).tolist()
        self._nl, self._ranks = nl, dict(zip(ends, (at + 1).tolist(), strict=True))
        self._ranks[0] = 0
        return ends

    def _find(self, block: bytes, a: int) -> int:
        """Where the first boundary after a ends, or -1."""
        if a == 0 and (edge := (self._tail + block[:2]).find(BOUNDARY)) >= 0:
            return edge + len(BOUNDARY) - len(self._tail)  # the boundary straddles the previous block and this one
        i = block.find(BOUNDARY, a)
        return i + len(BOUNDARY) if i >= 0 else -1

    def _newlines(self, block: bytes, a: int, end: int) -> int:
        """Line feeds in block[a:end]: from the positions _boundaries kept, or counted."""
        ranks = self._ranks
        if ranks is None:
            return block.count(b"\n", a, end)
        hi, lo = ranks.get(end), ranks.get(a)  # a cut by MOST_BYTES or after guessed chunks is looked up
        return ((int(np.searchsorted(self._nl, end)) if hi is None else hi)
                - (int(np.searchsorted(self._nl, a)) if lo is None else lo))

    def _known(self, mv: memoryview, a: int) -> int:
        """Take the old chunks that follow each other from mv[a:] while their hashes match; where the first other starts."""
        old, n, hashes = self._old, len(mv), self.hashes
        while self._next < len(old):
            size, lines, h = old[self._next]
            if a + size > n or xxhash.xxh3_128_digest(mv[a:a + size]) != h:
                break
            hashes.append(h)
            self.firsts.append(self.total + 1)
            self.counts.append(lines)
            self.offsets.append(self._start)
            self.sizes.append(size)
            self.total += lines
            self._start += size
            a += size
            self._next += 1
        return a

    def _emit(self, block: bytes, mv: memoryview, a: int, end: int) -> None:
        self._h.update(mv[a:end])
        self._close_chunk(self._lines + self._newlines(block, a, end), self._pos + end)

    def _close_chunk(self, lines: int, stop: int) -> None:
        h = self._h.digest()
        self.hashes.append(h)
        self._next = self._index.get(h, self._next) + 1  # a new chunk most often takes the guessed one's place
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
    write_chunks(con, dataset, chunks)


def write_chunks(con: duckdb.DuckDBPyConnection, dataset: str, chunks: Chunks, start: int = 0) -> None:
    """Insert the file's chunks from the start-th on into bulk_chunks."""
    con.execute("INSERT INTO bulk_chunks SELECT $d, unnest($f), unnest($n), unnest($o), unnest($s), unnest($h)",
                {"d": dataset, "f": chunks.firsts[start:], "n": chunks.counts[start:], "o": chunks.offsets[start:],
                 "s": chunks.sizes[start:], "h": chunks.hashes[start:]})


def remembered(con: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    """True when the dataset's last load kept its chunks (a diff is possible)."""
    return bool(con.execute("SELECT count(*) FROM (SELECT 1 FROM bulk_chunks WHERE dataset = $d LIMIT 1)",
                            {"d": dataset}).fetchall()[0][0])
